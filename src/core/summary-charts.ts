/**
 * How many rows each Summary chart shows: the rows its block holds for the workbook's data, as the
 * core computes that block (summaryBlocks in headlines.ts, the same figures the block's formula
 * spills). The Excel layer sizes each chart's series to exactly these rows, so a chart has no blank
 * categories and cuts nothing off; no spill API is needed.
 */
import { columnIndex, parseA1, formatA1 } from "./a1";
import { summaryBlocks } from "./headlines";
import { SUMMARY_LAYOUT, type SummaryBlock, type SummaryChart, type SummaryLayout } from "./summary-layout";
import type { AuditReturn } from "./workbook-data";

/** The block a chart draws: the block whose columns hold the chart's categories. */
export function blockOfChart(chart: SummaryChart, layout: SummaryLayout = SUMMARY_LAYOUT): SummaryBlock {
  const c = parseA1(chart.categories).c0;
  const block = layout.blocks.find((b) => {
    const first = columnIndex(b.column);
    return c >= first && c < first + b.headers.length;
  });
  if (!block)
    throw new Error(`No Summary block holds the categories ${chart.categories} of chart ${chart.name}`);
  return block;
}

export interface ChartSize {
  readonly chart: SummaryChart;
  /** the rows the chart's block holds (0 when it has no data yet) */
  readonly rows: number;
  /** the series' category labels and values, over exactly max(rows, 1) rows (A1, no sheet) */
  readonly categories: string;
  readonly values: string;
}

/** One column of a chart's range, from its first row, over `rows` rows (at least one). */
function resized(address: string, rows: number): string {
  const a = parseA1(address);
  return formatA1({ r0: a.r0, c0: a.c0, r1: a.r0 + Math.max(rows, 1) - 1, c1: a.c1 });
}

/** Every Summary chart with the rows its block holds for these workbooks. */
export function summaryChartSizes(
  returns: readonly AuditReturn[],
  layout: SummaryLayout = SUMMARY_LAYOUT,
): ChartSize[] {
  const blocks = summaryBlocks(returns);
  return layout.charts.map((chart) => {
    const rows = blocks[blockOfChart(chart, layout).key]?.length ?? 0;
    return {
      chart,
      rows,
      categories: resized(chart.categories, rows),
      values: resized(chart.series.values, rows),
    };
  });
}

/**
 * The Summary charts: made by set-up, then sized to their data.
 *
 * Making (set-up's decoration batch, `queueChart`): a chart is added over its values range, named,
 * titled and placed — and nothing in that batch touches its series. Excel builds a new chart's
 * series from the data in its source; set-up writes the Summary formulas in the same batch with
 * calculation suspended, and custom functions are asynchronous, so the source is blank or not yet
 * calculated and Excel may make no series at all (test/fakes/charts.ts). Asking for
 * `series.getItemAt(0)` there would fail the whole batch half way: the schema version would not be
 * written and every re-run would meet the same failure. Charts are found again by name, so a re-run
 * never adds one twice, and an interrupted set-up leaves charts that the next steps complete.
 *
 * Sizing (`fitCharts`, after set-up, every Overview refresh and every import): each chart gets
 * exactly one series, made explicitly with ChartSeriesCollection.add when it has none (ExcelApi
 * 1.7; "Add a data series to a chart",
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-charts), extra series
 * deleted, and its values and category labels set to exactly the rows its block holds for the
 * data read (the workbook spec's blockRowCounts and chartRanges, computed by the core from the same
 * data the block formulas spill): no blank categories, nothing cut off. Title and position are
 * set again too, so a chart left half made by an interrupted set-up is completed. An explicit
 * series over cells keeps following them as they recalculate.
 *
 * Syncs: the fit needs to know which charts exist and their series: `loadCharts` queues, in the
 * first sync of a read, the Summary sheets by name (null objects, only loaded), and in the next sync
 * their charts and series (only for the sheets that exist); `fitCharts` queues the writes.
 */
import { ALTERNATE_SUMMARY_SHEET } from "../core/workbook/setup";
import type { AuditReturn } from "../core/model/workbook-data";
import { SUMMARY, blockRowCounts, chartRanges, summaryValues, type ChartSpec } from "../core/workbook/spec";

/** The sheets the Summary may be on (set-up uses the second when the user has a Summary of their own). */
const SUMMARY_SHEETS = [SUMMARY.sheet, ALTERNATE_SUMMARY_SHEET];

/**
 * Queues one chart of set-up: added over its values range (`rows` rows of its block, as set-up
 * knows them), named, titled, placed. No series access (see the header).
 */
export function queueChart(
  context: Excel.RequestContext,
  sheetName: string,
  chart: ChartSpec,
  rows: number,
): void {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const made = sheet.charts.add(chart.type, sheet.getRange(chartRanges(chart, rows).values), "Columns");
  made.name = chart.name;
  made.title.text = chart.title;
  made.setPosition(chart.from, chart.to);
}

/** The charts found on the Summary sheets, with their series, after `loadCharts`' two syncs. */
export interface LoadedCharts {
  /** after the first sync: queue the second load (charts and series of the sheets that exist) */
  thenLoad(): void;
  /** after the second sync: the charts by name, with their sheet and series count */
  found(): { sheet: string; name: string; series: number }[];
}

/** Queues the Summary sheets' look-up (first sync); `thenLoad` queues their charts (second sync). */
export function loadCharts(context: Excel.RequestContext): LoadedCharts {
  const sheets = SUMMARY_SHEETS.map((name) => ({
    name,
    sheet: context.workbook.worksheets.getItemOrNullObject(name).load("name"),
  }));
  let charts: { sheet: string; collection: Excel.ChartCollection }[] = [];
  return {
    thenLoad() {
      charts = sheets
        .filter((s) => !s.sheet.isNullObject)
        .map((s) => ({
          sheet: s.sheet.name,
          collection: context.workbook.worksheets
            .getItem(s.sheet.name)
            .charts.load("items/name,items/series/items/name"),
        }));
    },
    found() {
      return charts.flatMap((c) =>
        c.collection.items.map((chart) => ({
          sheet: c.sheet,
          name: chart.name,
          series: chart.series.items.length,
        })),
      );
    },
  };
}

interface ChartFit {
  readonly chart: string;
  readonly sheet: string;
  /** rows of the chart's block the chart shows (at least 1) */
  readonly rows: number;
}

/** Queues the sizing of every Summary chart found (see the header); no sync. */
export function fitCharts(
  context: Excel.RequestContext,
  loaded: LoadedCharts,
  returns: readonly AuditReturn[],
): ChartFit[] {
  const present = loaded.found();
  if (present.length === 0) return [];
  const rows = blockRowCounts(summaryValues(returns));
  const out: ChartFit[] = [];
  for (const spec of SUMMARY.charts) {
    const found = present.find((c) => c.name === spec.name);
    if (!found) continue;
    const n = rows[spec.block] ?? 1;
    const { categories, values } = chartRanges(spec, n);
    const sheet = context.workbook.worksheets.getItem(found.sheet);
    const chart = sheet.charts.getItem(found.name);
    // one series: delete extras from the last, add one when there is none
    for (let i = found.series - 1; i >= 1; i--) chart.series.getItemAt(i).delete();
    const series = found.series === 0 ? chart.series.add(spec.seriesName) : chart.series.getItemAt(0);
    series.name = spec.seriesName;
    series.setValues(sheet.getRange(values));
    series.setXAxisValues(sheet.getRange(categories));
    chart.title.text = spec.title;
    chart.setPosition(spec.from, spec.to);
    out.push({ chart: found.name, sheet: found.sheet, rows: n });
  }
  return out;
}

/**
 * The Overview: headline figures of the open workbook, its annual cost of staff time and the
 * partnerships flagged Review, computed by the core (core/figures/overview.ts) from one read of the tables,
 * and the Summary charts sized to the data read (charts.ts). 3 syncs: where the data is (and which
 * Summary sheets exist), the data (and the charts' series), the charts' sizes. The read takes the
 * whole used range of the Settings sheet, so the core's reader finds GradeCosts there (by its
 * header row) along with the settings.
 */
import type { Headlines, SummaryChartsFit } from "../core/model/operations";
import { overviewHeadlines } from "../core/figures/overview";
import { readReturn } from "../core/returns/read-return";
import type { AuditReturn } from "../core/model/workbook-data";
import { fitCharts, loadCharts, type LoadedCharts } from "./charts";
import { readWorkbookGrid, type ReadOptions } from "./read-tables";

/** Reads the workbook and sizes the Summary charts to it: 3 syncs. */
// exported for tests
export async function readAndFitCharts(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<{ ret: AuditReturn; fit: SummaryChartsFit }> {
  let charts: LoadedCharts | undefined;
  const grid = await readWorkbookGrid(context, {
    ...options,
    alsoLoad: () => {
      options.alsoLoad?.();
      charts = loadCharts(context);
    },
    thenLoad: () => {
      options.thenLoad?.();
      charts?.thenLoad();
    },
  });
  const ret = readReturn(grid, "");
  const fitted = charts ? fitCharts(context, charts, [ret]) : [];
  if (fitted.length > 0) await context.sync();
  return { ret, fit: { charts: fitted } };
}

export async function readHeadlines(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<Headlines> {
  const { ret } = await readAndFitCharts(context, options);
  return overviewHeadlines(ret);
}

/** Sizes the Summary charts to the workbook's data (after set-up or an import): 3 syncs. */
export async function fitSummaryCharts(context: Excel.RequestContext): Promise<SummaryChartsFit> {
  return (await readAndFitCharts(context)).fit;
}

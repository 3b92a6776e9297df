/**
 * The task pane's operations over Excel.run — the only place in the add-in that calls Excel.run.
 * Each operation is one Excel.run batch of the helpers in this folder; the sync budgets are theirs
 * (on a set-up workbook, reads and writes under 4 MB; see payload.ts for larger ones):
 *   previewSetup 2 · applySetup ≤ 4 · checkWorkbook ≤ 3 · clearMarks 2 · selectCell 1 ·
 *   readHeadlines 3 (with the Summary charts sized) · fitSummaryCharts 3 · readSettings 1 ·
 *   writeSettings 1 · previewImport 2 · readAuditData 2 · importReturns 3 per file (a filtered
 *   table's filter included) · readSurveyTarget 2 · importSurvey 3.
 *
 * Each helper module is loaded when its first operation runs (its own chunk), before Excel.run
 * starts, so that the pane's first view carries only set-up's code: checks, import and the
 * Overview's code come with the views (or the ribbon command) that use them.
 */
import type {
  AuditDataOptions,
  AuditOperations,
  CheckOptions,
  ImportOptions,
  ReturnFile,
} from "../core/model/operations";
import type { ImportDeps } from "./import";

/** Excel.run's shape (the single-batch overload); the browser tests pass the fake's run. */
// exported for tests
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

interface ExcelOperationsOptions {
  /** for tests: how district returns are read (default: the xlsx reader, loaded on demand) */
  readonly importDeps?: ImportDeps;
}

/** zod's no-eval setting first (zod-csp.ts), then the helper module. */
function load<T>(helper: () => Promise<T>): () => Promise<T> {
  return () => import(/* webpackChunkName: "zod-csp" */ "./zod-csp").then(helper);
}
const setup = load(() => import(/* webpackChunkName: "excel-setup" */ "./setup"));
const check = load(() => import(/* webpackChunkName: "excel-check" */ "./check"));
const headlines = load(() => import(/* webpackChunkName: "excel-headlines" */ "./headlines"));
const settings = load(() => import(/* webpackChunkName: "excel-settings" */ "./settings"));
const importing = load(() => import(/* webpackChunkName: "excel-import" */ "./import"));
const select = load(() => import(/* webpackChunkName: "excel-select" */ "./select"));
const report = load(() => import(/* webpackChunkName: "excel-report" */ "./report"));
const survey = load(() => import(/* webpackChunkName: "excel-survey" */ "./survey"));

// exported for tests
export function createExcelOperations(run: ExcelRun, options: ExcelOperationsOptions = {}): AuditOperations {
  return {
    previewSetup: async () => {
      const m = await setup();
      return run((context) => m.previewSetup(context));
    },
    applySetup: async (answers) => {
      const m = await setup();
      return run((context) => m.applySetup(context, answers));
    },
    checkWorkbook: async (opts?: CheckOptions) => {
      const m = await check();
      return run((context) => m.checkWorkbook(context, opts));
    },
    clearMarks: async () => {
      const m = await check();
      return run((context) => m.clearMarks(context));
    },
    selectCell: async (sheet, address) => {
      const m = await select();
      return run((context) => m.selectCell(context, sheet, address));
    },
    readHeadlines: async () => {
      const m = await headlines();
      return run((context) => m.readHeadlines(context));
    },
    fitSummaryCharts: async () => {
      const m = await headlines();
      return run((context) => m.fitSummaryCharts(context));
    },
    readSettings: async () => {
      const m = await settings();
      return run((context) => m.readSettings(context));
    },
    writeSettings: async (values) => {
      const m = await settings();
      return run((context) => m.writeSettings(context, values));
    },
    previewImport: async (files: readonly ReturnFile[]) => {
      const m = await importing();
      return run((context) => m.previewImport(context, files, options.importDeps));
    },
    importReturns: async (
      files: readonly ReturnFile[],
      opts?: ImportOptions & { readonly confirmReplace: boolean },
    ) => {
      const m = await importing();
      return run((context) =>
        m.importReturns(context, files, opts ?? { confirmReplace: false }, options.importDeps),
      );
    },
    readAuditData: async (opts?: AuditDataOptions) => {
      const m = await report();
      return run((context) => m.readAuditData(context, opts));
    },
    readSurveyTarget: async () => {
      const m = await survey();
      return run((context) => m.readSurveyTarget(context));
    },
    importSurvey: async (table, mapping, opts) => {
      const m = await survey();
      return run((context) => m.importSurvey(context, table, mapping, opts));
    },
  };
}

/** The operations over the running Excel host (the global `Excel` of Office.js). */
export function createHostOperations(options: ExcelOperationsOptions = {}): AuditOperations {
  return createExcelOperations((batch) => Excel.run(batch), options);
}

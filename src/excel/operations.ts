/**
 * The task pane's operations over Excel.run — the only place in the add-in that calls Excel.run.
 * Each operation is one Excel.run batch of the helpers in this folder; the sync budgets are theirs:
 *   previewSetup 2 · applySetup ≤ 4 · checkWorkbook ≤ 3 · clearMarks 2 · selectCell 1 ·
 *   readHeadlines 2 · readSettings 1 · writeSettings 1 · previewImport 2 ·
 *   importReturns 3 per file (more only past 4 MB of rows, see import.ts) · readAuditData 2.
 */
import type {
  AuditDataOptions,
  AuditOperations,
  CheckOptions,
  ImportOptions,
  ReturnFile,
} from "../core/operations";
import { checkWorkbook, clearMarks } from "./check";
import { readHeadlines } from "./headlines";
import { importReturns, previewImport, type ImportDeps } from "./import";
import { readAuditData } from "./report";
import { selectCell } from "./select";
import { readSettings, writeSettings } from "./settings";
import { applySetup, previewSetup } from "./setup";

/** Excel.run's shape (the single-batch overload); the browser tests pass the fake's run. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelOperationsOptions {
  /** for tests: how district returns are read (default: the xlsx reader, loaded on demand) */
  readonly importDeps?: ImportDeps;
}

export function createExcelOperations(run: ExcelRun, options: ExcelOperationsOptions = {}): AuditOperations {
  return {
    previewSetup: () => run((context) => previewSetup(context)),
    applySetup: (answers) => run((context) => applySetup(context, answers)),
    checkWorkbook: (check?: CheckOptions) => run((context) => checkWorkbook(context, check)),
    clearMarks: () => run((context) => clearMarks(context)),
    selectCell: (sheet, address) => run((context) => selectCell(context, sheet, address)),
    readHeadlines: () => run((context) => readHeadlines(context)),
    readSettings: () => run((context) => readSettings(context)),
    writeSettings: (values) => run((context) => writeSettings(context, values)),
    previewImport: (files: readonly ReturnFile[]) =>
      run((context) => previewImport(context, files, options.importDeps)),
    importReturns: (
      files: readonly ReturnFile[],
      opts?: ImportOptions & { readonly confirmReplace: boolean },
    ) =>
      run((context) => importReturns(context, files, opts ?? { confirmReplace: false }, options.importDeps)),
    readAuditData: (opts?: AuditDataOptions) => run((context) => readAuditData(context, opts)),
  };
}

/** The operations over the running Excel host (the global `Excel` of Office.js). */
export function createHostOperations(options: ExcelOperationsOptions = {}): AuditOperations {
  return createExcelOperations((batch) => Excel.run(batch), options);
}

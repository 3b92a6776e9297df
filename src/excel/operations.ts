/**
 * The task pane's operations over Excel.run (work in progress: filled in piece by piece).
 */
import type { AuditOperations } from "../taskpane/operations";

/** Excel.run's shape (the single-batch overload). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export function createExcelOperations(_run: ExcelRun): AuditOperations {
  const notYet = (): Promise<never> => Promise.reject(new Error("Not available yet."));
  return {
    previewSetup: notYet,
    applySetup: notYet,
    checkWorkbook: notYet,
    clearMarks: notYet,
    selectCell: notYet,
    readHeadlines: notYet,
    readSettings: notYet,
    writeSettings: notYet,
    previewImport: notYet,
    importReturns: notYet,
  };
}

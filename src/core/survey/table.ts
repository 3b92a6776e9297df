/**
 * A file of survey responses as plain cells: one header row, then one response per row, whatever
 * the file was (an .xlsx sheet or CSV text). File rows are numbered as the user sees them in the
 * file: the header is row 1, the first response row 2, unless blank rows come before the header
 * (the header is the first row with anything in it, and keeps its own number).
 */
import { isErrorCell, toText } from "../model/cell-rules";
import type { SurveyFileTable } from "../model/operations";
import type { CellValue, SheetGrid, WorkbookGrid } from "../model/workbook-data";

/** The header row's cells as text ("" for an empty one) and the rows under it; a row may be shorter than the header. */
export type SurveyTable = SurveyFileTable;

/** Why a responses file cannot be imported at all. */
type SurveyFileFailure =
  | "not-a-spreadsheet"
  | "empty"
  | "no-responses"
  | "password-protected"
  | "corrupt"
  | "over-limit"
  | "no-column";

/** A responses file that cannot be imported: nothing is written, and the message says what to do. */
export class SurveyFileError extends Error {
  readonly reason: SurveyFileFailure;
  constructor(reason: SurveyFileFailure, message: string) {
    super(message);
    this.name = "SurveyFileError";
    this.reason = reason;
  }
}

const blankRow = (row: readonly CellValue[] | undefined): boolean =>
  !row || row.every((v) => toText(v ?? null) === null && !isErrorCell(v));

/** A sheet's header cell as text, trimmed ("" for an empty one). */
const cellHeader = (v: CellValue | undefined): string => toText(v ?? null) ?? "";

/**
 * Rows of cells (file row 1 first) → the table: the first row that is not blank is the header row
 * (`headerRow` its file row), the rows under it the responses.
 */
export function rowsTable(
  fileRows: readonly (readonly CellValue[] | undefined)[],
  headerText: (v: CellValue | undefined) => string = cellHeader,
): SurveyTable {
  let at = 0;
  while (at < fileRows.length && blankRow(fileRows[at])) at++;
  if (at >= fileRows.length) return { headers: [], rows: [] };
  const header = fileRows[at] ?? [];
  const headers: string[] = [];
  for (let c = 0; c < header.length; c++) headers.push(headerText(header[c]));
  const rows: (readonly CellValue[])[] = [];
  for (let r = at + 1; r < fileRows.length; r++) rows.push(fileRows[r] ?? []);
  return at === 0 ? { headers, rows } : { headers, rows, headerRow: at + 1 };
}

/** The responses sheet of a workbook: the first sheet with any cell, its first row with anything in it the header row. */
export function gridTable(grid: WorkbookGrid): SurveyTable {
  const sheet: SheetGrid | undefined = grid.sheets.find((s) => s.rows.some((r) => !blankRow(r)));
  if (!sheet) return { headers: [], rows: [] };
  return rowsTable(sheet.rows);
}

/** Throws SurveyFileError when the table has no header row or no response under it. */
export function requireResponses(table: SurveyTable): void {
  if (table.headers.every((h) => h.trim() === ""))
    throw new SurveyFileError(
      "empty",
      "the file is empty: it has no header row and no responses; export the responses again, with the questions as the first row",
    );
  const any = table.rows.some((r) => r.some((v) => toText(v ?? null) !== null));
  if (!any)
    throw new SurveyFileError(
      "no-responses",
      "the file has a header row but no responses under it; export it again once partners have answered",
    );
}

/**
 * Columns of the audit tables over one or more workbooks, as the AUDIT functions take them: each
 * cell typed by the blueprint's schemas (./schemas), a cell that cannot be typed passed as read so
 * that it fails a figure as it fails the formula. The figures (./headlines, ./value-for-time, the
 * Summary's values) read the tables through these.
 */
import type { TableName } from "../model/blueprint";
import type { Cells } from "../calc";
import { typedCells, type Typed } from "../model/schemas";
import { tableLength } from "../model/table-cells";
import type { AuditReturn, CellValue, TableData } from "../model/workbook-data";

/** An error value as Excel hands one to an AUDIT function that accepts errors. */
interface ErrorValue {
  readonly code: string;
}

/** A cell of a column as the AUDIT functions take it. */
type FnCell = string | number | boolean | null | ErrorValue;

/**
 * A cell as the AUDIT functions take it: an error value becomes its text ("#N/A"), or with
 * `errorValues` stays an error value ({ code: "#N/A" }), which makes the figure that error.
 */
function fnCell(v: CellValue | undefined, errorValues: boolean): FnCell {
  if (v === undefined || v === null) return null;
  if (typeof v === "object") return errorValues ? { code: v.error } : v.error;
  return v;
}

/**
 * A typed cell as the AUDIT functions take it (a multi-select cell's labels joined again); a cell
 * that could not be typed is passed as read, so that it fails the figure as it fails the formula.
 */
function fnTyped(typed: Typed, errorValues: boolean): FnCell {
  if (!typed.ok) return fnCell(typed.raw, errorValues);
  const v = typed.value;
  if (Array.isArray(v)) return v.length === 0 ? null : v.join("; ");
  return v;
}

/**
 * The most distinct values whose one-cell rows are shared: a column of repeated values (districts,
 * grades, the same bad text a million times) then holds one small array per value, not per row.
 */
const SHARED_ROWS = 10_000;

/** The cells of one column of `data`, typed one by one as the AUDIT functions take them. */
function typer(
  data: TableData,
  key: string,
  errorValues = false,
): { n: number; cell: (i: number) => FnCell } {
  const { n, at } = typedCells(data, key);
  return { n, cell: (i) => fnTyped(at(i), errorValues) };
}

/** How `column` hands cells over. */
interface ColumnOptions {
  /**
   * Error values stay error values, as Excel hands them to the AUDIT formulas, so that the figure is
   * that error (the network's figures); without, an error value is its text.
   */
  readonly errorValues?: boolean;
}

/**
 * One column of a table over all the workbooks, as a one-column range of typed cells. Rows of
 * equal values are one shared array (the calculations only read their arguments).
 */
export function column(
  returns: readonly AuditReturn[],
  table: TableName,
  key: string,
  options: ColumnOptions = {},
): Cells {
  const out: (readonly FnCell[])[] = [];
  const shared = new Map<FnCell, readonly FnCell[]>();
  for (const ret of returns) {
    const data = ret.tables[table];
    if (!data) continue;
    const { n, cell } = typer(data, key, options.errorValues === true);
    for (let i = 0; i < n; i++) {
      const v = cell(i);
      let row = shared.get(v);
      if (row === undefined) {
        row = [v];
        // an error value is a new object each time: never shared
        if (shared.size < SHARED_ROWS && (v === null || typeof v !== "object")) shared.set(v, row);
      }
      out.push(row);
    }
  }
  return out;
}

/** Several columns side by side (e.g. the three trust ratings), over all the workbooks. */
export function columns(returns: readonly AuditReturn[], table: TableName, keys: readonly string[]): Cells {
  const out: FnCell[][] = [];
  for (const ret of returns) {
    const data = ret.tables[table];
    if (!data) continue;
    const typers = keys.map((k) => typer(data, k));
    const n = tableLength(data);
    for (let r = 0; r < n; r++) out.push(typers.map((t) => t.cell(r)));
  }
  return out;
}

/**
 * Range arguments as Excel passes them: rows of cells, read row by row and in place (no copy of a
 * range, no flattening). A fast path takes a 2-D array as it is and checks its rows as it reads
 * them (`looseRange`, `shaped`); ranges that pair up must have the same number of cells.
 */
import { AuditError, errorValueCode, propagatedError, unsupportedCell } from "./errors";

export type Cells = readonly (readonly unknown[])[];

/** What a cell may hold: text, a number, a boolean, or nothing. */
type CellValue = string | number | boolean | null | undefined;

/** A range argument: a 2-D array of cells, or one value (a single cell). */
export type RangeArg = Cells | CellValue;

/** A range ready to walk: its rows and its number of cells. */
export interface ReadRange {
  readonly name: string;
  readonly rows: Cells;
  /** the number of cells; -1 when not yet known (a loose range, see `looseRange`) */
  readonly cells: number;
  /** the length of every row when all rows have the same length, else -1 */
  readonly width: number;
  /** the argument as given */
  readonly arg: unknown;
}

/**
 * Thrown by a fast path that finds a range is not the plain 2-D array it assumed (a row that is
 * not an array, or rows of a paired range of other lengths); the calculation then runs again on
 * checked ranges. Never leaves this module's callers.
 */
class ShapeSignal {
  readonly reason = "range shape";
}
const SHAPE = new ShapeSignal();

/** Throws the shape signal: the fast path's assumption does not hold. */
export function shapeChanged(): never {
  throw SHAPE;
}

/**
 * A range for the fast path: a 2-D array is taken as is, without walking it first (its rows are
 * checked as the calculation reads them, see `ShapeSignal`); anything else is read by `readRange`.
 */
export function looseRange(name: string, arg: unknown): ReadRange {
  if (Array.isArray(arg) && arg.length > 0 && Array.isArray(arg[0])) {
    return { name, rows: arg as Cells, cells: -1, width: -1, arg };
  }
  return readRange(name, arg);
}

/**
 * Runs `compute` on loose ranges and, when it signals an unexpected shape, again on checked ones
 * (rows wrapped, paired ranges re-chunked or reported by `pairWith`).
 */
export function shaped<T>(ranges: readonly ReadRange[], compute: (ranges: readonly ReadRange[]) => T): T {
  try {
    return compute(ranges);
  } catch (e) {
    if (!(e instanceof ShapeSignal)) throw e;
    return compute(ranges.map((r) => (r.cells < 0 ? readRange(r.name, r.arg) : r)));
  }
}

/** The checked form of a range (for error scans): loose ranges are read in full. */
export function checked(range: ReadRange): ReadRange {
  return range.cells < 0 ? readRange(range.name, range.arg) : range;
}

/** True when an optional argument was omitted (Excel passes null; JavaScript callers may pass undefined). */
export function isOmitted(arg: unknown): arg is null | undefined {
  return arg === null || arg === undefined;
}

/**
 * Reads a range argument without copying it when it is a proper 2-D array. A scalar is a 1×1 range;
 * a 1-D array is one row; rows that are not arrays (only from code, never from Excel) are wrapped.
 */
export function readRange(name: string, arg: unknown): ReadRange {
  if (!Array.isArray(arg)) return { name, rows: [[arg]], cells: 1, width: 1, arg };
  const n = arg.length;
  let cells = 0;
  let width = n > 0 && Array.isArray(arg[0]) ? (arg[0] as unknown[]).length : -1;
  let plain = true;
  for (let r = 0; r < n; r++) {
    const row: unknown = arg[r];
    if (!Array.isArray(row)) {
      plain = false;
      break;
    }
    const len = row.length;
    cells += len;
    if (len !== width) width = -1;
  }
  if (plain) return { name, rows: arg as Cells, cells, width, arg };
  // Not a 2-D array: a 1-D list is one row; otherwise wrap the odd rows. Array.from (not some/map,
  // which skip the holes of a sparse array) so every row, a hole included, becomes an array.
  const list: unknown[] = Array.from(arg as unknown[]);
  if (!list.some((row) => Array.isArray(row))) return { name, rows: [list], cells: n, width: n, arg };
  const rows = list.map((row) => (Array.isArray(row) ? (row as unknown[]) : [row]));
  return { ...readRange(name, rows), arg };
}

/**
 * Checks that two ranges that pair up have the same number of cells, and returns `b` laid out
 * like `a` (the same object when the shapes already agree; re-chunked row by row otherwise).
 */
export function pairWith(a: ReadRange, b: ReadRange): ReadRange {
  if (a.cells < 0 || b.cells < 0) {
    // Loose ranges: the calculation checks each pair of rows as it reads them.
    if (a.rows.length !== b.rows.length) shapeChanged();
    return b;
  }
  if (a.cells !== b.cells) {
    throw new AuditError(
      "#VALUE!",
      `${a.name} has ${a.cells} ${a.cells === 1 ? "cell" : "cells"} but ${b.name} has ${b.cells}; select ranges of the same size`,
    );
  }
  if (sameShape(a, b)) return b;
  const out: unknown[][] = [];
  let br = 0;
  let bc = 0;
  for (const rowA of a.rows) {
    const row: unknown[] = new Array(rowA.length);
    for (let c = 0; c < rowA.length; c++) {
      while (bc >= b.rows[br].length) {
        br++;
        bc = 0;
      }
      row[c] = b.rows[br][bc++];
    }
    out.push(row);
  }
  return { name: b.name, rows: out, cells: b.cells, width: a.width, arg: b.arg };
}

function sameShape(a: ReadRange, b: ReadRange): boolean {
  if (a.rows.length !== b.rows.length) return false;
  if (a.width >= 0 && a.width === b.width) return true;
  for (let r = 0; r < a.rows.length; r++) if (a.rows[r].length !== b.rows[r].length) return false;
  return true;
}

/** Throws the error for a cell that is an object: its error value, or "not a cell value". */
export function objectCell(value: unknown, arg: string, row: number, col: number): never {
  const code = errorValueCode(value);
  if (code !== null) throw propagatedError(code, arg, row, col);
  throw unsupportedCell(arg, row, col);
}

/**
 * For a cell a calculation does not otherwise need: throws when it is an error value (or not a
 * cell value at all); text, even text that reads like an error ("#N/A"), passes.
 */
export function skipped(value: unknown, arg: string, row: number, col: number): void {
  if (typeof value === "object" && value !== null) objectCell(value, arg, row, col);
}

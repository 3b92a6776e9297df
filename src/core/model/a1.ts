/**
 * A1 addresses: column letters, cell and range addresses, sheet-qualified references. The one home
 * of A1 code, shared by the reader, the set-up plan, the workbook spec, the writers, the Excel layer
 * and the recording fake.
 */

/** Column letter of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 0-based column index of a column letter: A → 0, AA → 26. */
export function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A rectangle of cells, 0-based inclusive row/column indices. */
export interface CellRect {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Splits "Sheet!A1:B2" / "'My sheet'!$A$1" into the sheet (unquoted, or undefined) and the cell part. */
export function splitSheet(address: string): { sheet?: string; cells: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { cells: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("=")) sheet = sheet.slice(1);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, cells: address.slice(bang + 1) };
}

/** Parses "A1", "$A$1", "A1:B2", "Sheet!A1:B2"; whole rows or columns are refused (never needed). */
export function parseA1(address: string): CellRect & { readonly sheet?: string } {
  const { sheet, cells } = splitSheet(address.trim());
  const parts = cells.split(":");
  if (parts.length < 1 || parts.length > 2) throw new Error(`Not a cell address: ${address}`);
  const ends = parts.map((p) => {
    const m = CELL.exec(p.trim());
    if (!m) throw new Error(`Not a cell address: ${address}`);
    return { r: Number(m[2]) - 1, c: columnIndex(m[1]) };
  });
  const a = ends[0];
  const b = ends[ends.length - 1];
  return {
    sheet,
    r0: Math.min(a.r, b.r),
    c0: Math.min(a.c, b.c),
    r1: Math.max(a.r, b.r),
    c1: Math.max(a.c, b.c),
  };
}

/** A sheet name as Excel writes it in a reference: quoted when it is not a plain word. */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** "A1" or "A1:B2" (relative), optionally "Sheet!A1:B2". */
export function formatA1(rect: CellRect, sheet?: string, absolute = false): string {
  const d = absolute ? "$" : "";
  const a = `${d}${columnLetter(rect.c0)}${d}${rect.r0 + 1}`;
  const b = `${d}${columnLetter(rect.c1)}${d}${rect.r1 + 1}`;
  const cells = rect.r0 === rect.r1 && rect.c0 === rect.c1 ? a : `${a}:${b}`;
  return sheet === undefined ? cells : `${quoteSheet(sheet)}!${cells}`;
}

/** Excel's grid: rows 1 to 1,048,576, columns A to XFD. */
export const GRID = { rows: 1_048_576, columns: 16_384 } as const;

/**
 * A cell reference as a file stores it ("B7": letters then digits, no `$`, no sheet) → 0-based
 * column and 1-based row. Written without a regular expression or an exception, because a reader
 * calls it once per cell of a file. Undefined when the text is not a reference: no letters, more
 * than 3 letters, no digits, more than 10 digits, a leading zero or anything else. A reference past
 * column XFD gives `col` -1; the row is returned as written (a caller checks it against GRID.rows).
 */
export function cellRef(ref: string): { col: number; row: number } | undefined {
  const n = ref.length;
  let i = 0;
  let col = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i) | 32; // ASCII letters to lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === 0 || i === n || i > 3) return undefined;
  if (n - i > 10 || ref.charCodeAt(i) === 48 /* 0 */) return undefined;
  let row = 0;
  for (let k = i; k < n; k++) {
    const d = ref.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return undefined;
    row = row * 10 + d;
  }
  return { col: col <= GRID.columns ? col - 1 : -1, row };
}

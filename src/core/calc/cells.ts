/**
 * Reading Excel arguments: ranges, numbers and labels, with the rules every AUDIT function shares.
 * Everything here works on the caller's arrays in place (no copy of a range, no flattening) and
 * caches per call from a raw cell value to what it means, so a column of 1,000,000 cells costs one
 * normalisation per distinct value.
 */
import { numberFromText } from "../model/cell-rules";
import { labelKey, splitMulti, tidyLabel } from "../model/labels";
import { AuditError, errorValueCode, propagatedError, unsupportedCell, cellPlace } from "./errors";

/** A range as Excel passes it: rows of cells, read row by row. */
export type Cells = readonly (readonly unknown[])[];

/** What a cell may hold: text, a number, a boolean, or nothing. */
export type CellValue = string | number | boolean | null | undefined;

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
export class ShapeSignal {
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

// ------------------------------------------------------------------------------------------------
// Numbers

// What numeric text is: one rule for the functions, the checks and every figure (../cell-rules).
export { numberFromText };

/** What a number must be: any finite number, at least 0 (amounts of time), or within bounds. */
export interface NumberRule {
  /** the smallest allowed value */
  readonly min?: number;
  /** the largest allowed value */
  readonly max?: number;
  /** a bound the value must be more than (e.g. 0 for hours_per_week) */
  readonly above?: number;
  /** how to say what the value must be, e.g. "hours cannot be negative" */
  readonly what: string;
}

/** Throws #NUM! when `n` breaks the rule or is not finite. */
export function checkNumber(n: number, rule: NumberRule, place: string): number {
  if (Number.isNaN(n) || n === Infinity || n === -Infinity) {
    throw new AuditError("#NUM!", `${place} is not a finite number; enter a number`);
  }
  if (
    (rule.min !== undefined && n < rule.min) ||
    (rule.max !== undefined && n > rule.max) ||
    (rule.above !== undefined && !(n > rule.above))
  ) {
    throw new AuditError("#NUM!", `${place} is ${n}; ${rule.what}`);
  }
  return n;
}

/**
 * The number a non-number cell holds (slow path): null when blank; numeric text through a per-call
 * cache; #VALUE! for booleans and other text; error values propagate.
 */
export function numberCell(
  value: unknown,
  rule: NumberRule,
  cache: Map<string, number | null>,
  arg: string,
  row: number,
  col: number,
): number | null {
  if (typeof value === "number") return checkNumber(value, rule, cellPlace(arg, row, col));
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const hit = cache.get(value);
    if (hit !== undefined) return hit;
    const n = numberFromText(value);
    if (n === undefined) {
      throw new AuditError(
        "#VALUE!",
        `${cellPlace(arg, row, col)} is the text "${clip(value)}", not a number; enter a number`,
      );
    }
    if (n !== null) checkNumber(n, rule, cellPlace(arg, row, col));
    cache.set(value, n);
    return n;
  }
  if (typeof value === "boolean") {
    throw new AuditError(
      "#VALUE!",
      `${cellPlace(arg, row, col)} is ${value ? "TRUE" : "FALSE"}, not a number; enter a number`,
    );
  }
  return objectCell(value, arg, row, col);
}

/** One value of a scalar argument: a 1×1 range is its cell; a blank cell counts as omitted. */
export function scalarArg(arg: unknown, name: string): unknown {
  if (!Array.isArray(arg)) {
    const code = errorValueCode(arg);
    if (code !== null) throw propagatedError(code, name, 0, 0);
    return arg === "" ? null : arg;
  }
  const range = readRange(name, arg);
  if (range.cells === 0) return null;
  if (range.cells > 1) {
    throw new AuditError(
      "#VALUE!",
      `${name} must be one value, but a range of ${range.cells} cells was given; select one cell`,
    );
  }
  for (const row of range.rows) if (row.length > 0) return scalarArg(row[0], name);
  return null;
}

/** A number argument such as hours_per_week: default when omitted or blank. */
export function numberArg(arg: unknown, name: string, fallback: number, rule: NumberRule): number {
  const v = scalarArg(arg, name);
  if (isOmitted(v)) return fallback;
  const n = numberCell(v, rule, new Map(), name, 0, 0);
  return n === null ? fallback : n;
}

// ------------------------------------------------------------------------------------------------
// Labels

/** The text of a label cell: text as is, numbers as their text (2005 → "2005"), booleans TRUE/FALSE. */
export function labelText(value: string | number | boolean): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** A short quote of a user's text for messages. */
export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

type Raw = string | number | boolean;

/**
 * The distinct labels met in one call, numbered 0, 1, 2… in first-seen order, with their first
 * spelling. Raw cell values are cached, so each distinct raw value is normalised once.
 */
export class LabelTable {
  /** first spelling of each label, by label number */
  readonly spelling: string[] = [];
  /** the comparison key of each label, by label number */
  readonly keys: string[] = [];
  private readonly byKey = new Map<string, number>();
  /**
   * Raw cell value → label number (-1 blank) for key cells, filled by `one` (and by `id` for ids
   * without a serial slot). Loops over groups and grades read it directly (`byRaw.get(v) ??
   * table.one(v, …)`); loops over ids call `id`, which is small enough to be inlined.
   */
  readonly byRaw = new Map<Raw, number>();
  /** Raw cell value → label numbers for multi-select cells, filled by `many`. */
  readonly byRawMulti = new Map<Raw, readonly number[]>();
  /** Ids written as a prefix and digits (`P-0001`) → label number, filled by `id` and `knownId`. */
  private readonly serial = new SerialKeys();
  /** Raw value → what `known` found (-1: no label seen); emptied when a label is added. */
  private readonly knownRaw = new Map<Raw, number>();

  /** @param keepSpelling false when only counting: spellings are then not kept (less memory). */
  constructor(private readonly keepSpelling = true) {}

  /** The number of distinct labels. */
  get size(): number {
    return this.keys.length;
  }

  /** The number of a label given by its text (interned if new); -1 when the text is blank. */
  intern(text: string): number {
    const key = labelKey(text);
    if (key === "") return -1;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = this.spelling.length;
    // A label seen now is no longer unknown to `known`.
    if (this.knownRaw.size > 0) this.knownRaw.clear();
    this.serial.forgetUnknown();
    this.byKey.set(key, id);
    this.keys.push(key);
    this.spelling.push(this.keepSpelling ? tidyLabel(text) : key);
    return id;
  }

  /** The number of a label already seen, by its text; -1 when unknown or blank. */
  find(text: string): number {
    return this.byKey.get(labelKey(text)) ?? -1;
  }

  /**
   * The label of a key cell when it is one already seen (numbered), else -1 (blank, or a label not
   * seen): unlike `one`, a new label is not interned. What it finds is cached per raw value, one
   * lookup for a value met again, until a label is added.
   */
  known(value: unknown, arg: string, row: number, col: number): number {
    if (typeof value === "string" || typeof value === "number") {
      const hit = this.knownRaw.get(value);
      if (hit !== undefined) return hit;
    }
    const raw = keyCell(value, arg, row, col);
    if (raw === null) return -1;
    const hit = this.knownRaw.get(raw);
    if (hit !== undefined) return hit;
    const key = labelKey(labelText(raw));
    const id = key === "" ? -1 : (this.byKey.get(key) ?? -1);
    this.knownRaw.set(cacheKey(raw), id);
    return id;
  }

  /** The one label of a key cell (ids, districts, groups): its number, or -1 when blank. */
  one(value: unknown, arg: string, row: number, col: number): number {
    if (typeof value === "string" || typeof value === "number") {
      const hit = this.byRaw.get(value);
      if (hit !== undefined) return hit;
    }
    return this.oneSlow(value, arg, row, col);
  }

  private oneSlow(value: unknown, arg: string, row: number, col: number): number {
    const raw = keyCell(value, arg, row, col);
    if (raw === null) return -1;
    const hit = this.byRaw.get(raw);
    if (hit !== undefined) return hit;
    const id = this.intern(labelText(raw));
    this.byRaw.set(cacheKey(raw), id);
    return id;
  }

  /**
   * `one` for an id cell, first through the serial cache (see `SerialKeys`), then `byRaw`. Small
   * enough for V8 to inline into a hot loop.
   */
  id(value: unknown, arg: string, row: number, col: number): number {
    const serial = this.serial;
    const k = serial.slot(value);
    if (k < 0) return this.byRaw.get(value as string) ?? this.oneSlow(value, arg, row, col);
    const hit = serial.values[k];
    // -1 (stored by knownId: not a label yet) is a miss here: the label is added. The serial
    // cache is its only cache (no copy of the text in byRaw).
    if (hit >= 0) return hit;
    const raw = keyCell(value, arg, row, col);
    const id = raw === null ? -1 : this.intern(labelText(raw));
    serial.store(k, id);
    return id;
  }

  /** `known` for an id cell, first through the serial cache (see `SerialKeys`). */
  knownId(value: unknown, arg: string, row: number, col: number): number {
    const serial = this.serial;
    const k = serial.slot(value);
    if (k < 0) return this.known(value, arg, row, col);
    const hit = serial.values[k];
    if (hit !== UNSET) return hit;
    const raw = keyCell(value, arg, row, col);
    const id = raw === null ? -1 : this.find(labelText(raw));
    serial.store(k, id);
    return id;
  }

  /** The distinct labels of a multi-select cell (split on ";" and line breaks); empty when blank. */
  many(value: unknown, arg: string, row: number, col: number): readonly number[] {
    if (typeof value === "string" || typeof value === "number") {
      const hit = this.byRawMulti.get(value);
      if (hit !== undefined) return hit;
    }
    return this.manySlow(value, arg, row, col);
  }

  private manySlow(value: unknown, arg: string, row: number, col: number): readonly number[] {
    const raw = keyCell(value, arg, row, col);
    if (raw === null) return NONE;
    const hit = this.byRawMulti.get(raw);
    if (hit !== undefined) return hit;
    const ids: number[] = [];
    // a Set, not ids.includes: a cell may list hundreds of thousands of labels (linear time)
    const seen = new Set<number>();
    for (const label of splitMulti(labelText(raw))) {
      const id = this.intern(label);
      if (id >= 0 && !seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
    const out = ids.length === 0 ? NONE : ids;
    this.byRawMulti.set(cacheKey(raw), out);
    return out;
  }
}

/**
 * The value of a key or multi-select cell (ids, districts, groups, barriers…) as a label's raw
 * text, number or boolean; null when blank. An error value (an error object) propagates; any other
 * object is refused with what to enter. Text that reads like an error ("#N/A") is a label.
 */
function keyCell(value: unknown, arg: string, row: number, col: number): Raw | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "object") return objectCell(value, arg, row, col);
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    throw unsupportedCell(arg, row, col);
  }
  return value;
}

const NONE: readonly number[] = [];

/**
 * The key under which a raw cell value is cached: for text, a copy made now. The cells of a large
 * range lie scattered over the heap; copies made one after another while a range is read lie close
 * together, so a cache lookup (which compares the cell's text with the key's) touches far less
 * memory: about twice as fast on 1,000,000 cells of 50,000 distinct ids (bench/functions.ts).
 */
function cacheKey(value: Raw): Raw {
  return typeof value === "string" ? (" " + value).slice(1) : value;
}

/**
 * The labels listed in a range of labels (criteria, leading_roles, order): each cell may hold
 * several labels; blanks ignored; duplicates kept once, in order. Interned into `table`.
 */
export function labelList(range: ReadRange, table: LabelTable): number[] {
  const out: number[] = [];
  const listed = new Set<number>();
  const rows = range.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      for (const id of table.many(row[c], range.name, r, c)) {
        if (listed.has(id)) continue;
        listed.add(id);
        out.push(id);
      }
    }
  }
  return out;
}

/** Orders label numbers by value, largest first, ties by label A→Z (case ignored). */
export function byValueThenLabel(
  values: ArrayLike<number>,
  table: LabelTable,
): (a: number, b: number) => number {
  return (a, b) =>
    values[b] - values[a] ||
    compareText(table.keys[a], table.keys[b]) ||
    compareText(table.spelling[a], table.spelling[b]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A growable array of flags (0 or 1) indexed by label number, e.g. the ids already counted. */
export function growFlags(arr: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  if (size <= arr.length) return arr;
  const next = new Uint8Array(Math.max(size, arr.length * 2, 16));
  next.set(arr);
  return next;
}

/** A growable array of numbers indexed by label number. */
export function grow(arr: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (size <= arr.length) return arr;
  const next = new Float64Array(Math.max(size, arr.length * 2, 16));
  next.set(arr);
  return next;
}

/** A slot of `SerialKeys` not filled yet. */
export const UNSET = -3;

/**
 * A cache of label numbers for ids written as one fixed prefix and a fixed number of digits, such
 * as the template's `P-0001` (docs/workbook.md): the digits of such a cell are its slot, so finding
 * it reads its characters and one array entry. A `Map` lookup hashes the text and compares it
 * with a key elsewhere in memory; among 50,000 ids those structures outgrow the processor's cache,
 * and REVIEW spent most of its time there (bench/functions.ts, docs/benchmark.md).
 *
 * Only text of exactly the learnt form (same prefix, same length, digits) has a slot, so one slot
 * is one exact text and the cache cannot merge two labels; any other cell goes the usual way
 * (`byRaw`). The form is learnt from the first non-blank text that ends in digits, looked for in at
 * most 16 texts. Slots are allocated on demand up to 65,536 or 16 per label number stored,
 * whichever is more: memory follows the distinct ids, not the rows.
 */
export class SerialKeys {
  /** label number by slot: UNSET, -1 (not a label seen, stored by `knownId`) or the label number */
  values: Int32Array = new Int32Array(0);
  /** char codes of the prefix; null until learnt */
  private prefix: Int32Array | null = null;
  /** the length of the whole text; -1 when no form applies */
  private length = 0;
  private tries = 0;
  private stored = 0;
  private unknown = 0;

  /** The slot of a cell of the form, or -1. */
  slot(v: unknown): number {
    if (typeof v !== "string") return -1;
    const prefix = this.prefix;
    if (prefix === null) return this.learn(v);
    if (v.length !== this.length) return -1;
    const p = prefix.length;
    for (let i = 0; i < p; i++) if (v.charCodeAt(i) !== prefix[i]) return -1;
    let n = 0;
    for (let i = p; i < v.length; i++) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n < this.values.length ? n : this.room(n);
  }

  /** Stores the label number of the cell at `slot` (-1: not a label seen, see `forgetUnknown`). */
  store(slot: number, id: number): void {
    this.values[slot] = id;
    this.stored++;
    if (id < 0) this.unknown++;
  }

  /** Forgets the -1s stored: called when a label is added, which may be one of them. */
  forgetUnknown(): void {
    if (this.unknown === 0) return;
    const values = this.values;
    for (let i = 0; i < values.length; i++) if (values[i] === -1) values[i] = UNSET;
    this.stored -= this.unknown;
    this.unknown = 0;
  }

  /** Makes room for slot n when the memory rule allows it; else -1 (the cell goes the usual way). */
  private room(n: number): number {
    const limit = Math.max(65_536, 16 * this.stored);
    if (n >= limit) return -1;
    let size = Math.max(1024, this.values.length);
    while (size <= n) size *= 2;
    const next = new Int32Array(Math.min(size, limit)).fill(UNSET);
    next.set(this.values);
    this.values = next;
    return n;
  }

  private learn(v: string): number {
    if (v.length === 0) return -1;
    let p = v.length;
    while (p > 0 && v.charCodeAt(p - 1) >= 48 && v.charCodeAt(p - 1) <= 57) p--;
    const digits = v.length - p;
    if (digits === 0 || digits > 9 || p > 16) {
      if (++this.tries >= 16) {
        this.prefix = new Int32Array(0);
        this.length = -1;
      }
      return -1;
    }
    this.prefix = Int32Array.from({ length: p }, (_, i) => v.charCodeAt(i));
    this.length = v.length;
    return this.slot(v);
  }
}

/**
 * Labels in arguments: the distinct labels met in one call, numbered in first-seen order with their
 * first spelling (`LabelTable`), compared like labels (trimmed, inner spaces collapsed, case
 * ignored); multi-select cells split on ";" and line breaks. Each distinct raw cell value is
 * normalised once per call.
 */
import { labelKey, splitMulti, tidyLabel } from "../model/labels";
import { unsupportedCell } from "./errors";
import { objectCell, type ReadRange } from "./ranges";
import { SerialKeys, UNSET } from "./serial-keys";

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
  /**
   * Comparison key → label number for keys[0 … indexed). Labels numbered through the serial cache
   * while every label so far came from it are not entered at once (see `internSerial`): `index`
   * enters them before the map is read.
   */
  private readonly byKey = new Map<string, number>();
  private indexed = 0;
  /** true while every label was numbered through the serial cache */
  private serialOnly = true;
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
    this.serialOnly = false;
    const byKey = this.index();
    const known = byKey.get(key);
    if (known !== undefined) return known;
    const id = this.add(key, text);
    byKey.set(key, id);
    this.indexed = id + 1;
    return id;
  }

  /**
   * `intern` for the text of a serial slot met for the first time. While every label came through
   * the serial cache, the text cannot be a label already seen (one slot is one exact text, and
   * texts of one form differ in their digits, which case and spaces leave as they are), so the
   * label is added without a lookup and entered in `byKey` only when the map is next read: a
   * range of 50,000 distinct ids then costs no map of them unless another form of id appears.
   */
  private internSerial(text: string): number {
    if (!this.serialOnly) return this.intern(text);
    const key = labelKey(text);
    if (key === "") return -1;
    return this.add(key, text);
  }

  private add(key: string, text: string): number {
    const id = this.keys.length;
    // A label seen now is no longer unknown to `known`.
    if (this.knownRaw.size > 0) this.knownRaw.clear();
    this.serial.forgetUnknown();
    this.keys.push(key);
    this.spelling.push(this.keepSpelling ? tidyLabel(text) : key);
    return id;
  }

  /** `byKey` with every label entered. */
  private index(): Map<string, number> {
    const keys = this.keys;
    for (let i = this.indexed; i < keys.length; i++) this.byKey.set(keys[i], i);
    this.indexed = keys.length;
    return this.byKey;
  }

  /** The number of a label already seen, by its text; -1 when unknown or blank. */
  find(text: string): number {
    return this.index().get(labelKey(text)) ?? -1;
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
    const id = key === "" ? -1 : (this.index().get(key) ?? -1);
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
    const id = raw === null ? -1 : this.internSerial(labelText(raw));
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

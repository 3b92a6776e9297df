/**
 * Ids written as one fixed prefix and a fixed number of digits (the template's `P-0001`), found by
 * their digits instead of a hash lookup.
 */
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

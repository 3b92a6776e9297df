/**
 * Label order (A→Z by comparison key, as every spilled result lists labels) for all the labels of a
 * call at once, fast for ids written as one prefix and a fixed number of digits.
 */

/** How many label numbers a packed sort key can carry beside a serial id's digits (2^22). */
const INDEX_SPACE = 4_194_304;
/** The most digits a serial key may have to be packed (10^9 < 2^30, and 2^30 × 2^22 < 2^53). */
const MAX_DIGITS = 9;

/**
 * The label numbers 0 … keys.length - 1 in label order: by comparison key, code unit by code unit
 * (keys are distinct, so there are no ties). Keys of one serial form (the same prefix and length,
 * the rest digits, such as `p-000123`; the form of the first such key among the first 16) compare as
 * their digits do, so they are ordered by a numeric sort of packed numbers; any other key goes through
 * a comparison sort, and the two lists are merged.
 */
export function labelOrder(keys: readonly string[]): Int32Array {
  const n = keys.length;
  const form = n <= INDEX_SPACE ? firstForm(keys) : null;
  const packed = new Float64Array(form === null ? 0 : n);
  let serial = 0;
  const rest: number[] = [];
  for (let i = 0; i < n; i++) {
    const digits = form === null ? -1 : serialDigits(keys[i], form);
    if (digits < 0) rest.push(i);
    else packed[serial++] = digits * INDEX_SPACE + i;
  }
  const sorted = packed.subarray(0, serial).sort();
  rest.sort((a, b) => compareText(keys[a], keys[b]));
  const out = new Int32Array(n);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < serial && j < rest.length) {
    const s = sorted[i] % INDEX_SPACE;
    if (compareText(keys[s], keys[rest[j]]) < 0) {
      out[k++] = s;
      i++;
    } else out[k++] = rest[j++];
  }
  while (i < serial) out[k++] = sorted[i++] % INDEX_SPACE;
  while (j < rest.length) out[k++] = rest[j++];
  return out;
}

/** The rank of each label in label order, by label number (the inverse of `labelOrder`). */
// exported for tests
export function labelRanks(keys: readonly string[]): Int32Array {
  const order = labelOrder(keys);
  const rank = new Int32Array(order.length);
  for (let r = 0; r < order.length; r++) rank[order[r]] = r;
  return rank;
}

/** Compares two texts code unit by code unit (the order of label keys). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface SerialForm {
  readonly prefix: string;
  readonly length: number;
}

/** The serial form of the first of the first 16 keys that has one (a stray label may come first). */
function firstForm(keys: readonly string[]): SerialForm | null {
  for (let i = 0; i < keys.length && i < 16; i++) {
    const form = serialForm(keys[i]);
    if (form !== null) return form;
  }
  return null;
}

/** The serial form of a key that ends in 1 to MAX_DIGITS digits; null for any other key. */
function serialForm(key: string): SerialForm | null {
  let p = key.length;
  while (p > 0 && isDigit(key.charCodeAt(p - 1))) p--;
  const digits = key.length - p;
  if (digits === 0 || digits > MAX_DIGITS) return null;
  return { prefix: key.slice(0, p), length: key.length };
}

/** The number the digits of a key of `form` make; -1 when the key is not of that form. */
function serialDigits(key: string, form: SerialForm): number {
  if (key.length !== form.length || !key.startsWith(form.prefix)) return -1;
  let n = 0;
  for (let i = form.prefix.length; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Ordering labels by a number, largest first, ties by label A→Z, without a comparison per pair of
 * rows: a radix sort on the numbers' bits, then a comparison sort only within runs of equal numbers.
 */
import { compareText } from "./label-order";

/** True where typed arrays store the low half of a float64 first (every platform in use). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LOW = LITTLE_ENDIAN ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * `items` (label numbers) ordered by values[item], largest first; equal values by keys[item] A→Z
 * (code unit order of the comparison keys, which are distinct). Values must not be NaN; -0 counts
 * as 0. A stable LSD radix sort, one byte at a time, on the values' bits turned so that unsigned
 * order is descending numeric order; a byte that is the same for every item is skipped.
 */
export function byValueDescending(
  items: Int32Array,
  values: ArrayLike<number>,
  keys: readonly string[],
): Int32Array {
  const n = items.length;
  let order = Int32Array.from(items);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < n; i++) {
    const v = values[order[i]];
    f[0] = v === 0 ? 0 : v;
    let h = u[HIGH];
    let l = u[LOW];
    // ascending unsigned order: negative numbers all bits flipped, others the sign bit set
    if (h >>> 31 === 1) {
      h = ~h;
      l = ~l;
    } else h |= 0x80000000;
    // then flipped again, for largest first
    hi[i] = ~h;
    lo[i] = ~l;
  }
  let nextOrder = new Int32Array(n);
  let nextHi = new Uint32Array(n);
  let nextLo = new Uint32Array(n);
  const counts = new Int32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const word = pass < 4 ? lo : hi;
    const shift = (pass % 4) * 8;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(word[i] >>> shift) & 255]++;
    if (n === 0 || counts[(word[0] >>> shift) & 255] === n) continue;
    let at = 0;
    for (let b = 0; b < 256; b++) {
      const c = counts[b];
      counts[b] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const to = counts[(word[i] >>> shift) & 255]++;
      nextOrder[to] = order[i];
      nextHi[to] = hi[i];
      nextLo[to] = lo[i];
    }
    [order, nextOrder] = [nextOrder, order];
    [hi, nextHi] = [nextHi, hi];
    [lo, nextLo] = [nextLo, lo];
  }
  // runs of equal values, by label
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && hi[j] === hi[i] && lo[j] === lo[i]) j++;
    if (j - i > 1) {
      const run = Array.from(order.subarray(i, j)).sort((a, b) => compareText(keys[a], keys[b]));
      order.set(run, i);
    }
    i = j;
  }
  return order;
}

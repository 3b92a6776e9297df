/** Typed arrays indexed by label number, grown as labels are met (doubling, so growth is amortised). */

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

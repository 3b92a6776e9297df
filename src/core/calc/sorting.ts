/** The order of spilled rows: by value, largest first, ties by label A→Z. */
import type { LabelTable } from "./label-table";

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

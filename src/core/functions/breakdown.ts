import { AuditError } from "./errors";
import {
  byValueThenLabel,
  grow,
  guarded,
  isOmitted,
  LabelTable,
  labelList,
  numberCell,
  pairWith,
  readRange,
  type NumberRule,
  type RangeArg,
} from "./cells";

/** One row of AUDIT.BREAKDOWN: the label, its count or total weight, and its share of the base. */
export type BreakdownRow = [label: string, value: number, share: number];

const WEIGHT: NumberRule = { min: 0, what: "a weight cannot be negative; enter 0 or more" };

/**
 * AUDIT.BREAKDOWN: rows [label, value, share]. value: how many non-blank cells mention the label
 * (a multi-select cell counts once for each distinct label in it), or with `weights` the sum of the
 * weights of those cells (a row whose weight is blank is skipped). share: value ÷ base, the number
 * (or total weight) of non-blank cells; 0 when the base is 0. Sorted by value, largest first, ties
 * A→Z; with `order`, its labels come first in its order (0 when unmentioned), the rest follow as
 * above. Nothing to show: #N/A.
 */
export function breakdown(categories: RangeArg, weights?: RangeArg, order?: RangeArg): BreakdownRow[] {
  const catRange = readRange("categories", categories);
  const weightRange = isOmitted(weights) ? null : readRange("weights", weights);
  const orderRange = isOmitted(order) ? null : readRange("order", order);
  const inputs = [catRange, ...(weightRange ? [weightRange] : []), ...(orderRange ? [orderRange] : [])];
  return guarded(
    () => inputs,
    () => {
      const table = new LabelTable();
      const paired = weightRange ? pairWith(catRange, weightRange) : null;
      let values = new Float64Array(16);
      let mentioned = new Float64Array(16);
      let base = 0;
      const cache = new Map<string, number | null>();
      const cRows = catRange.rows;
      for (let r = 0; r < cRows.length; r++) {
        const cRow = cRows[r];
        const wRow = paired ? paired.rows[r] : null;
        for (let c = 0; c < cRow.length; c++) {
          let w = 1;
          if (wRow) {
            const v = wRow[c];
            const labels = table.many(cRow[c], "categories", r, c);
            if (typeof v === "number" && v >= 0 && v < Infinity) w = v;
            else {
              const parsed = numberCell(v, WEIGHT, cache, "weights", r, c);
              if (parsed === null) continue;
              w = parsed;
            }
            if (labels.length === 0) continue;
            add(labels, w);
          } else {
            const labels = table.many(cRow[c], "categories", r, c);
            if (labels.length === 0) continue;
            add(labels, w);
          }
          base += w;
        }
      }
      function add(labels: readonly number[], w: number): void {
        for (const id of labels) {
          if (id >= values.length) {
            values = grow(values, id + 1);
            mentioned = grow(mentioned, id + 1);
          }
          values[id] += w;
          mentioned[id] = 1;
        }
      }
      const seenInData = table.size;
      const ordered = orderRange ? labelList(orderRange, table) : [];
      values = grow(values, table.size);
      const inOrder = new Set(ordered);
      const rest: number[] = [];
      for (let id = 0; id < seenInData; id++) if (mentioned[id] === 1 && !inOrder.has(id)) rest.push(id);
      rest.sort(byValueThenLabel(values, table));
      const rows = [...ordered, ...rest];
      if (rows.length === 0) {
        throw new AuditError(
          "#N/A",
          "categories has no non-blank cell and no order was given, so there is nothing to show",
        );
      }
      return rows.map((id): BreakdownRow => [
        table.spelling[id],
        values[id],
        base > 0 ? values[id] / base : 0,
      ]);
    },
  );
}

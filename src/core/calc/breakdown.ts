import { AuditError, finiteTotal } from "./errors";
import { byValueThenLabel } from "./sorting";
import { grow } from "./growth";
import {
  isOmitted,
  looseRange,
  pairWith,
  readRange,
  shaped,
  shapeChanged,
  skipped,
  type RangeArg,
  type ReadRange,
} from "./ranges";
import { LabelTable, labelList } from "./label-table";
import { numberCell } from "./numbers";
import { WEIGHT } from "./rules";

/** One row of AUDIT.BREAKDOWN: the label, its count or total weight, and its share of the base. */
type BreakdownRow = [label: string, value: number, share: number];

/** What the categories add up to: per label value, whether mentioned, and the base. */
interface Tally {
  values: Float64Array<ArrayBuffer>;
  mentioned: Float64Array<ArrayBuffer>;
  base: number;
}

/**
 * AUDIT.BREAKDOWN: rows [label, value, share]. value: how many non-blank cells mention the label
 * (a multi-select cell counts once for each distinct label in it), or with `weights` the sum of the
 * weights of those cells (a row whose weight is blank is skipped). share: value ÷ base, the number
 * (or total weight) of non-blank cells; 0 when the base is 0. Sorted by value, largest first, ties
 * A→Z; with `order`, its labels come first in its order (0 when unmentioned), the rest follow as
 * above. Nothing to show: #N/A.
 */
export function breakdown(categories: RangeArg, weights?: RangeArg, order?: RangeArg): BreakdownRow[] {
  const looseCats = looseRange("categories", categories);
  const looseWeights = isOmitted(weights) ? null : looseRange("weights", weights);
  const orderRange = isOmitted(order) ? null : readRange("order", order);
  const table = new LabelTable();
  const tally = looseWeights
    ? shaped([looseCats, looseWeights], ([c, w]) => tallyCells(table, c, pairWith(c, w)))
    : shaped([looseCats], ([c]) => tallyCells(table, c, null));
  const seenInData = table.size;
  const ordered = orderRange ? labelList(orderRange, table) : [];
  const values = grow(tally.values, table.size);
  const inOrder = new Set(ordered);
  const rest: number[] = [];
  for (let id = 0; id < seenInData; id++) if (tally.mentioned[id] === 1 && !inOrder.has(id)) rest.push(id);
  rest.sort(byValueThenLabel(values, table));
  const rows = [...ordered, ...rest];
  if (rows.length === 0) {
    throw new AuditError(
      "#N/A",
      looseWeights
        ? "no row has both a label in categories and a weight in weights, and no order was given, so there is nothing to show; fill in the categories and weights"
        : "categories has no non-blank cell and no order was given, so there is nothing to show; fill in the categories",
    );
  }
  // Each label's value is at most the base (a cell counts once per label), so a finite base
  // keeps every value finite; a base beyond the largest number would make every share 0.
  const base = finiteTotal(tally.base, "the weights");
  return rows.map((id): BreakdownRow => [table.spelling[id], values[id], base > 0 ? values[id] / base : 0]);
}

function tallyCells(table: LabelTable, catRange: ReadRange, weightRange: ReadRange | null): Tally {
  const tally: Tally = { values: new Float64Array(16), mentioned: new Float64Array(16), base: 0 };
  const add = (labels: readonly number[], w: number): void => {
    for (const id of labels) {
      if (id >= tally.values.length) {
        tally.values = grow(tally.values, id + 1);
        tally.mentioned = grow(tally.mentioned, id + 1);
      }
      tally.values[id] += w;
      tally.mentioned[id] = 1;
    }
    tally.base += w;
  };
  const cache = new Map<string, number | null>();
  const cRows = catRange.rows;
  for (let r = 0; r < cRows.length; r++) {
    const cRow = cRows[r];
    if (!Array.isArray(cRow)) shapeChanged();
    if (weightRange) {
      const wRow = weightRange.rows[r];
      if (!Array.isArray(wRow) || wRow.length !== cRow.length) shapeChanged();
      for (let c = 0; c < cRow.length; c++) {
        // A row whose weight is blank is skipped before its labels are read, so they neither show
        // nor give their spelling (the cell is still checked for an error value).
        const b = wRow[c];
        if (b === null || b === undefined || b === "" || (typeof b === "string" && b.trim() === "")) {
          skipped(cRow[c], "categories", r, c);
          continue;
        }
        const labels = table.many(cRow[c], "categories", r, c);
        const v = wRow[c]; // read after the call, so V8 need not box it
        // A plain double (never number | null, which V8 would box once per row).
        let w = 0;
        if (typeof v === "number" && v >= 0 && v < Infinity) w = v;
        else {
          const parsed = numberCell(v, WEIGHT, cache, "weights", r, c);
          if (parsed === null) continue;
          w = parsed;
        }
        if (labels.length > 0) add(labels, w);
      }
    } else {
      for (let c = 0; c < cRow.length; c++) {
        const labels = table.many(cRow[c], "categories", r, c);
        if (labels.length > 0) add(labels, 1);
      }
    }
  }
  return tally;
}

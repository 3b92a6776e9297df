import { AuditError } from "./errors";
import { DistinctPairs } from "./districts";
import { BLANK_GROUP } from "./fte";
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

/** One row of AUDIT.PARTNERSHIPSBY: the group's label and its number of distinct ids. */
type PartnershipsByRow = [group: string, partnerships: number];

/** Distinct ids per group, and the groups met in counted rows (label numbers 0 … seen - 1). */
interface GroupCounts {
  readonly table: LabelTable;
  readonly counts: Float64Array<ArrayBuffer>;
  readonly seen: number;
}

/**
 * AUDIT.PARTNERSHIPSBY: rows [group, partnerships], the number of distinct non-blank ids per
 * distinct group (groups the same size as ids; a blank group is "(blank)"; an id in two groups
 * counts in each). Sorted by count, largest first, ties A→Z. With `order` (a range of labels), its
 * labels come first in its order (0 when no id has them), the other groups follow, sorted as
 * above. Without `order` only groups with at least one id are listed; rows with a blank id are
 * skipped (they neither show their group nor give its spelling). Nothing to show: #N/A.
 */
export function partnershipsBy(ids: RangeArg, groups: RangeArg, order?: RangeArg): PartnershipsByRow[] {
  const idRange = looseRange("ids", ids);
  const groupRange = looseRange("groups", groups);
  const orderRange = isOmitted(order) ? null : readRange("order", order);
  const { table, counts, seen } = shaped([idRange, groupRange], ([i, g]) => countByGroup(i, pairWith(i, g)));
  const ordered = orderRange ? labelList(orderRange, table) : [];
  const values = grow(counts, table.size);
  const inOrder = new Set(ordered);
  const rest: number[] = [];
  for (let g = 0; g < seen; g++) if (!inOrder.has(g)) rest.push(g);
  rest.sort(byValueThenLabel(values, table));
  const rows = [...ordered, ...rest];
  if (rows.length === 0) {
    throw new AuditError(
      "#N/A",
      "ids has no non-blank id and no order was given, so there is no group to show; fill in the ids",
    );
  }
  return rows.map((g): PartnershipsByRow => [table.spelling[g], values[g]]);
}

function countByGroup(idRange: ReadRange, groupRange: ReadRange): GroupCounts {
  const ids = new LabelTable(false);
  const table = new LabelTable();
  const groupMap = table.byRaw;
  const pairs = new DistinctPairs();
  let counts = new Float64Array(16);
  let blankGroup = -1;
  const iRows = idRange.rows;
  const gRows = groupRange.rows;
  for (let r = 0; r < iRows.length; r++) {
    const iRow = iRows[r];
    const gRow = gRows[r];
    if (!Array.isArray(iRow) || !Array.isArray(gRow) || gRow.length !== iRow.length) shapeChanged();
    for (let c = 0; c < iRow.length; c++) {
      const iv = iRow[c];
      const id = ids.id(iv, "ids", r, c);
      if (id < 0) {
        // A row with a blank id is skipped before its group is read: the group neither shows nor
        // gives the spelling of its label (the cell is still checked for an error value).
        skipped(gRow[c], "groups", r, c);
        continue;
      }
      const gv = gRow[c];
      let g = groupMap.get(gv as string) ?? table.one(gv, "groups", r, c);
      if (g < 0) {
        if (blankGroup < 0) blankGroup = table.intern(BLANK_GROUP);
        g = blankGroup;
      }
      if (g >= counts.length) counts = grow(counts, g + 1);
      if (pairs.add(g, id)) counts[g]++;
    }
  }
  return { table, counts, seen: table.size };
}

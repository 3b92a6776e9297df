import { AuditError } from "./errors";
import { BLANK_GROUP } from "./fte";
import { isLeadingCode, roleCoder, type CodeOf } from "./leadership";
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
import { LabelTable } from "./label-table";

/** One row of AUDIT.LEADERSHIPBY: the group, its distinct ids, and the share of them leading. */
type LeadershipByRow = [group: string, partnerships: number, ratio: number];

/**
 * AUDIT.LEADERSHIPBY: rows [group, partnerships, ratio], one per distinct group among the rows
 * with a non-blank id and a non-blank role (a blank group is "(blank)"): the number of distinct
 * ids of those rows, and the share of them whose strongest role in that group (as
 * AUDIT.LEADERSHIPRATIO with ids) is one of `leadingRoles` (default Leading, Key). An id seen in
 * two groups counts in each. Sorted by partnerships, largest first, ties A→Z. roles, ids and groups
 * have the same size. Nothing to show: #N/A.
 */
export function leadershipBy(
  roles: RangeArg,
  ids: RangeArg,
  groups: RangeArg,
  leadingRoles?: RangeArg,
): LeadershipByRow[] {
  const roleRange = looseRange("roles", roles);
  const idRange = looseRange("ids", ids);
  const groupRange = looseRange("groups", groups);
  const leadRange = isOmitted(leadingRoles) ? null : readRange("leading_roles", leadingRoles);
  const codeOf = roleCoder(leadRange);
  const tally = shaped([roleRange, idRange, groupRange], ([r, i, g]) =>
    tallyGroups(r, pairWith(r, i), pairWith(r, g), codeOf),
  );
  const { table, totals, leading } = tally;
  const rows: number[] = [];
  for (let g = 0; g < table.size; g++) rows.push(g);
  if (rows.length === 0) {
    throw new AuditError(
      "#N/A",
      "no row has both an id in ids and a role in roles, so there is no group to show; fill in the ids and roles",
    );
  }
  rows.sort(byValueThenLabel(totals, table));
  return rows.map((g): LeadershipByRow => [table.spelling[g], totals[g], leading[g] / totals[g]]);
}

interface Tally {
  readonly table: LabelTable;
  /** distinct ids per group */
  readonly totals: Float64Array<ArrayBuffer>;
  /** distinct ids per group whose strongest role there is leading */
  readonly leading: Float64Array<ArrayBuffer>;
}

function tallyGroups(roleRange: ReadRange, idRange: ReadRange, groupRange: ReadRange, codeOf: CodeOf): Tally {
  const ids = new LabelTable(false);
  const table = new LabelTable();
  const groupMap = table.byRaw;
  const best = new PairCodes();
  let totals = new Float64Array(16);
  let leading = new Float64Array(16);
  let blankGroup = -1;
  const rRows = roleRange.rows;
  const iRows = idRange.rows;
  const gRows = groupRange.rows;
  for (let r = 0; r < rRows.length; r++) {
    const rRow = rRows[r];
    const iRow = iRows[r];
    const gRow = gRows[r];
    if (!Array.isArray(rRow) || !Array.isArray(iRow) || !Array.isArray(gRow)) shapeChanged();
    if (iRow.length !== rRow.length || gRow.length !== rRow.length) shapeChanged();
    for (let c = 0; c < rRow.length; c++) {
      const iv = iRow[c];
      const id = ids.id(iv, "ids", r, c);
      const code = codeOf(rRow[c], r, c);
      if (id < 0 || code < 0) {
        // Not counted: the group neither shows nor gives its spelling (still checked for an error value).
        skipped(gRow[c], "groups", r, c);
        continue;
      }
      const gv = gRow[c];
      let g = groupMap.get(gv as string) ?? table.one(gv, "groups", r, c);
      if (g < 0) {
        if (blankGroup < 0) blankGroup = table.intern(BLANK_GROUP);
        g = blankGroup;
      }
      if (g >= totals.length) {
        totals = grow(totals, g + 1);
        leading = grow(leading, g + 1);
      }
      const prev = best.strongest(g, id, code);
      if (prev < 0) {
        totals[g]++;
        if (isLeadingCode(code)) leading[g]++;
      } else if (code < prev) {
        leading[g] += (isLeadingCode(code) ? 1 : 0) - (isLeadingCode(prev) ? 1 : 0);
      }
    }
  }
  return { table, totals, leading };
}

/** Byte arrays above this many bytes in all give way to maps. */
const BYTES_LIMIT = 32 * 1024 * 1024;

// exported for tests: its own tests of the strongest role per pair
/**
 * The strongest (smallest) role code per (group, id) pair: one byte per id per group (code + 1;
 * 0 = none) while that stays small, so no allocation per row; maps of id → code per group beyond
 * BYTES_LIMIT. Memory follows distinct groups and ids, never rows.
 */
// exported for tests
export class PairCodes {
  private bytes: Uint8Array[] = [];
  private width = 1024;
  private groups = 0;
  private maps: Map<number, number>[] | null = null;

  /**
   * Keeps `code` for the pair when it is stronger (smaller) than the code kept; returns the code
   * kept before, or -1 when the pair is new. Codes are 0 … 254.
   */
  strongest(group: number, id: number, code: number): number {
    if (this.maps === null) {
      if (id >= this.width) this.widen(id + 1);
      let b: Uint8Array | undefined = this.bytes[group];
      if (b === undefined && this.maps === null) b = this.newBytes(group);
      if (b !== undefined && this.maps === null) {
        const prev = b[id] - 1;
        if (prev < 0 || code < prev) b[id] = code + 1;
        return prev;
      }
    }
    return this.inMap(group, id, code);
  }

  private inMap(group: number, id: number, code: number): number {
    const maps = this.maps as Map<number, number>[];
    let map = maps[group];
    if (map === undefined) map = maps[group] = new Map();
    const prev = map.get(id);
    if (prev === undefined || code < prev) map.set(id, code);
    return prev ?? -1;
  }

  private newBytes(group: number): Uint8Array | undefined {
    if ((this.groups + 1) * this.width > BYTES_LIMIT) {
      this.toMaps();
      return undefined;
    }
    const b = new Uint8Array(this.width);
    this.bytes[group] = b;
    this.groups++;
    return b;
  }

  private widen(needed: number): void {
    let width = this.width;
    while (width < needed) width *= 2;
    if (this.groups * width > BYTES_LIMIT) {
      this.toMaps();
      return;
    }
    this.width = width;
    this.bytes = this.bytes.map((b) => {
      if (b === undefined) return b;
      const next = new Uint8Array(width);
      next.set(b);
      return next;
    });
  }

  private toMaps(): void {
    const maps: Map<number, number>[] = [];
    this.bytes.forEach((b, group) => {
      if (b === undefined) return;
      const map = new Map<number, number>();
      for (let id = 0; id < b.length; id++) if (b[id] > 0) map.set(id, b[id] - 1);
      maps[group] = map;
    });
    this.maps = maps;
    this.bytes = [];
  }
}

/**
 * The partner network: AUDIT.SHAREDSEATS (partnerships attended from several districts, where one
 * representative could cover the hours of several) and AUDIT.OVERLAPS (pairs of partnerships with
 * mostly the same organisations around the table).
 *
 * Both read their columns once, in place (loose ranges, see ./ranges), and keep numbers in typed
 * arrays per distinct label rather than per row: per id and district for SHAREDSEATS
 * (./seat-sums), per distinct membership and per overlapping pair for OVERLAPS (./overlap-pairs).
 * Row arrays are made only for the rows of the result, already in their order.
 */
import { AuditError } from "./errors";
import { numberArg, type NumberRule } from "./numbers";
import { pairOrder, qualifyingPairs, readMemberships } from "./overlap-pairs";
import { looseRange, pairWith, shaped, type RangeArg } from "./ranges";
import { sumSeats } from "./seat-sums";
import { byValueDescending } from "./value-order";
import { numberDefault } from "../model/blueprint";

export { PAIR_LIMIT } from "./overlap-pairs";

/** One row of AUDIT.SHAREDSEATS: the id, its districts, its hours and the hours beyond one district's. */
type SharedSeatRow = [id: string, districts: number, hours: number, hoursBeyondOne: number];

/** One row of AUDIT.OVERLAPS: the two ids (label order), the organisations they share, and the share. */
type OverlapRow = [idA: string, idB: string, shared: number, share: number];

/** The default of overlap_from: the default of the Settings `Overlap from` (0.5). */
export const DEFAULT_OVERLAP_FROM = numberDefault("overlapFrom");

/** overlap_from: a share from 0 to 1. */
export const OVERLAP_FROM: NumberRule = {
  min: 0,
  max: 1,
  what: "overlap_from must be a share from 0 to 1 (for example 0.5)",
};

// ---------------------------------------------------------------------------------------------
// AUDIT.SHAREDSEATS

/**
 * AUDIT.SHAREDSEATS: one row per distinct non-blank id attended from two or more distinct
 * non-blank districts: [id, districts, hours, hours beyond one], where hours beyond one is the
 * id's hours minus those of its district with the most. Blank hours count 0; every hours cell is
 * checked (negative #NUM!), also in rows left out. Rows with a blank id or district are left out.
 * Order: hours beyond one, largest first; ties by id A→Z. None shared: #N/A.
 */
export function sharedSeats(ids: RangeArg, districts: RangeArg, hours: RangeArg): SharedSeatRow[] {
  const idRange = looseRange("ids", ids);
  const districtRange = looseRange("districts", districts);
  const hourRange = looseRange("hours", hours);
  const seats = shaped([idRange, districtRange, hourRange], ([i, d, h]) =>
    sumSeats(i, pairWith(i, d), pairWith(i, h)),
  );
  const totals = seats.totals();
  const beyond = new Float64Array(seats.ids.size);
  const list = new Int32Array(seats.ids.size);
  let count = 0;
  for (let id = 0; id < seats.ids.size; id++) {
    if (totals.districts[id] < 2) continue;
    beyond[id] = totals.hours[id] - totals.largest[id];
    list[count++] = id;
  }
  if (count === 0) {
    throw new AuditError(
      "#N/A",
      "no partnership is attended from more than one district (each id's rows name one district, or the ids or districts are blank)",
    );
  }
  const order = byValueDescending(list.subarray(0, count), beyond, seats.ids.keys);
  const spelling = seats.ids.spelling;
  const rows: SharedSeatRow[] = [];
  for (let i = 0; i < order.length; i++) {
    const id = order[i];
    rows.push([spelling[id], totals.districts[id], totals.hours[id], beyond[id]]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// AUDIT.OVERLAPS

/**
 * AUDIT.OVERLAPS: one row per pair of distinct ids that share at least 2 distinct organisations
 * and whose share (shared ÷ the distinct organisations of the smaller of the two) is at least
 * overlap_from (default 0.5, from 0 to 1): [id a, id b, shared, share], id a before id b in label
 * order. Rows with a blank id or organisation are left out; an organisation listed twice for one id
 * counts once. Order: share, largest first; then shared, largest first; then id a, id b A→Z. No
 * pair: #N/A. More than PAIR_LIMIT pairs sharing any organisation: #NUM! (filter the range).
 */
export function overlaps(ids: RangeArg, organisations: RangeArg, overlapFrom?: unknown): OverlapRow[] {
  const idRange = looseRange("ids", ids);
  const orgRange = looseRange("organisations", organisations);
  const from = numberArg(overlapFrom, "overlap_from", DEFAULT_OVERLAP_FROM, OVERLAP_FROM);
  const m = shaped([idRange, orgRange], ([i, o]) => readMemberships(i, pairWith(i, o)));
  const pairs = qualifyingPairs(m, from);
  if (pairs.count === 0) {
    throw new AuditError(
      "#N/A",
      `no two partnerships share at least 2 organisations and ${Math.round(from * 100)}% of the smaller one's; lower overlap_from or fill in more members`,
    );
  }
  const order = pairOrder(pairs);
  const spelling = m.ids.spelling;
  const labelOf = m.labelOf;
  const rows: OverlapRow[] = [];
  for (let i = 0; i < order.length; i++) {
    const p = order[i];
    const shared = pairs.shared[p];
    rows.push([
      spelling[labelOf[pairs.a[p]]],
      spelling[labelOf[pairs.b[p]]],
      shared,
      shared / pairs.smaller[p],
    ]);
  }
  return rows;
}

/**
 * The partner network: AUDIT.SHAREDSEATS (partnerships attended from several districts, where one
 * representative could cover the hours of several) and AUDIT.OVERLAPS (pairs of partnerships with
 * mostly the same organisations around the table).
 *
 * Both read their columns once, in place (loose ranges, see ./cells), and keep numbers per distinct
 * label rather than per row: per id and district for SHAREDSEATS, per distinct membership and per
 * overlapping pair for OVERLAPS.
 */
import { AuditError } from "./errors";
import { LabelTable } from "./label-table";
import { numberArg, numberCell, type NumberRule } from "./numbers";
import { looseRange, pairWith, shaped, shapeChanged, skipped, type RangeArg, type ReadRange } from "./ranges";
import { HOURS } from "./rules";
import { numberDefault } from "../model/blueprint";

/** One row of AUDIT.SHAREDSEATS: the id, its districts, its hours and the hours beyond one district's. */
export type SharedSeatRow = [id: string, districts: number, hours: number, hoursBeyondOne: number];

/** One row of AUDIT.OVERLAPS: the two ids (label order), the organisations they share, and the share. */
export type OverlapRow = [idA: string, idB: string, shared: number, share: number];

/** The default of overlap_from: the default of the Settings `Overlap from` (0.5). */
export const DEFAULT_OVERLAP_FROM = numberDefault("overlapFrom");

/** overlap_from: a share from 0 to 1. */
export const OVERLAP_FROM: NumberRule = {
  min: 0,
  max: 1,
  what: "overlap_from must be a share from 0 to 1 (for example 0.5)",
};

/**
 * The most pairs of partnerships sharing an organisation that AUDIT.OVERLAPS compares; beyond it the
 * answer is #NUM! (filter the range) rather than a wait of minutes and a spill nobody can read.
 */
export const PAIR_LIMIT = 5_000_000;

/**
 * The most steps (one step: one organisation met by one pair) AUDIT.OVERLAPS takes. Only ranges in
 * which very many organisations each sit on thousands of partnerships reach it while their pairs
 * stay under PAIR_LIMIT; they too answer #NUM! rather than keep Excel busy for minutes.
 */
export const STEP_LIMIT = 400_000_000;

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
  const rows: { id: number; districts: number; hours: number; beyond: number }[] = [];
  seats.each((id, count, total, largest) => {
    if (count >= 2) rows.push({ id, districts: count, hours: total, beyond: total - largest });
  });
  if (rows.length === 0) {
    throw new AuditError(
      "#N/A",
      "no partnership is attended from more than one district (each id's rows name one district, or the ids or districts are blank)",
    );
  }
  const keys = seats.ids.keys;
  rows.sort((a, b) => b.beyond - a.beyond || compareText(keys[a.id], keys[b.id]) || a.id - b.id);
  return rows.map((r): SharedSeatRow => [seats.ids.spelling[r.id], r.districts, r.hours, r.beyond]);
}

/** Hours per id and district, held densely while that is small and in a map beyond. */
class SeatSums {
  /** the ids (label numbers 0 …) and districts */
  readonly ids = new LabelTable();
  readonly districts = new LabelTable();
  /** dense: sums[id * stride + d], seen[…] 1 where the id has a row in the district */
  stride = 16;
  sums: Float64Array | null = new Float64Array(16 * 256);
  seen: Uint8Array | null = new Uint8Array(16 * 256);
  /** sparse, once the dense arrays would pass DENSE_LIMIT cells: id * 2^26 + d → hours */
  private map: Map<number, number> | null = null;

  add(id: number, d: number, h: number): void {
    const sums = this.sums;
    const seen = this.seen;
    if (sums !== null && seen !== null) {
      const k = id * this.stride + d;
      if (d < this.stride && k < sums.length) {
        sums[k] += h;
        seen[k] = 1;
        return;
      }
      this.makeRoom(id, d);
      this.add(id, d, h);
      return;
    }
    const map = this.map as Map<number, number>;
    const k = id * SPARSE_STRIDE + d;
    map.set(k, (map.get(k) ?? 0) + h);
  }

  private makeRoom(id: number, d: number): void {
    let stride = this.stride;
    while (stride <= d) stride *= 2;
    const oldRows = (this.sums as Float64Array).length / this.stride;
    let rows = oldRows;
    while (rows <= id) rows *= 2;
    if (rows * stride > DENSE_LIMIT) {
      this.toMap();
      return;
    }
    const sums = new Float64Array(rows * stride);
    const seen = new Uint8Array(rows * stride);
    const oldSums = this.sums as Float64Array;
    const oldSeen = this.seen as Uint8Array;
    if (stride === this.stride) {
      sums.set(oldSums);
      seen.set(oldSeen);
    } else {
      for (let r = 0; r < oldRows; r++) {
        sums.set(oldSums.subarray(r * this.stride, (r + 1) * this.stride), r * stride);
        seen.set(oldSeen.subarray(r * this.stride, (r + 1) * this.stride), r * stride);
      }
    }
    this.sums = sums;
    this.seen = seen;
    this.stride = stride;
  }

  private toMap(): void {
    const map = new Map<number, number>();
    const sums = this.sums as Float64Array;
    const seen = this.seen as Uint8Array;
    for (let k = 0; k < seen.length; k++) {
      if (seen[k] === 1) map.set(Math.floor(k / this.stride) * SPARSE_STRIDE + (k % this.stride), sums[k]);
    }
    this.map = map;
    this.sums = null;
    this.seen = null;
  }

  /** Calls `visit` for every id: its number of districts, its total hours and its largest district's. */
  each(visit: (id: number, districts: number, total: number, largest: number) => void): void {
    const n = this.ids.size;
    const count = new Float64Array(n);
    const total = new Float64Array(n);
    const largest = new Float64Array(n);
    const sums = this.sums;
    const seen = this.seen;
    if (sums !== null && seen !== null) {
      const stride = this.stride;
      for (let id = 0; id < n; id++) {
        for (let d = 0; d < stride; d++) {
          const k = id * stride + d;
          if (k >= seen.length || seen[k] === 0) continue;
          count[id]++;
          total[id] += sums[k];
          if (sums[k] > largest[id]) largest[id] = sums[k];
        }
      }
    } else {
      for (const [k, h] of this.map as Map<number, number>) {
        const id = Math.floor(k / SPARSE_STRIDE);
        count[id]++;
        total[id] += h;
        if (h > largest[id]) largest[id] = h;
      }
    }
    for (let id = 0; id < n; id++) visit(id, count[id], total[id], largest[id]);
  }
}

/** Dense sums up to this many (id, district) cells (16 MB of hours); a map beyond. */
const DENSE_LIMIT = 2 * 1024 * 1024;
/** A sparse key's id factor: districts are numbered below 2^26 (more than any range holds). */
const SPARSE_STRIDE = 2 ** 26;

function sumSeats(idRange: ReadRange, districtRange: ReadRange, hourRange: ReadRange): SeatSums {
  const seats = new SeatSums();
  const ids = seats.ids;
  const districts = seats.districts;
  const cache = new Map<string, number | null>();
  const iRows = idRange.rows;
  const dRows = districtRange.rows;
  const hRows = hourRange.rows;
  let sums = seats.sums;
  let seen = seats.seen;
  let stride = seats.stride;
  for (let r = 0; r < iRows.length; r++) {
    const iRow = iRows[r];
    const dRow = dRows[r];
    const hRow = hRows[r];
    if (
      !Array.isArray(iRow) ||
      !Array.isArray(dRow) ||
      !Array.isArray(hRow) ||
      dRow.length !== iRow.length ||
      hRow.length !== iRow.length
    )
      shapeChanged();
    for (let c = 0; c < iRow.length; c++) {
      // Every hours cell is checked, also in a row that is left out.
      const v = hRow[c];
      let h = 0;
      if (typeof v === "number" && v >= 0 && v < Infinity) h = v;
      else h = numberCell(v, HOURS, cache, "hours", r, c) ?? 0;
      const id = ids.id(iRow[c], "ids", r, c);
      if (id < 0) {
        skipped(dRow[c], "districts", r, c);
        continue;
      }
      // District codes such as D01 are ids in form (prefix and digits): the serial cache finds them.
      const d = districts.id(dRow[c], "districts", r, c);
      if (d < 0) continue;
      // the dense arrays are written here directly (the common case); growing goes through add
      const k = id * stride + d;
      if (sums !== null && seen !== null && d < stride && k < sums.length) {
        sums[k] += h;
        seen[k] = 1;
        continue;
      }
      seats.add(id, d, h);
      sums = seats.sums;
      seen = seats.seen;
      stride = seats.stride;
    }
  }
  return seats;
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
  const found = comparePairs(m, from);
  if (found.length === 0) {
    throw new AuditError(
      "#N/A",
      `no two partnerships share at least 2 organisations and ${Math.round(from * 100)}% of the smaller one's; lower overlap_from or fill in more members`,
    );
  }
  const keys = m.ids.keys;
  const spelling = m.ids.spelling;
  // ids are ranked once in label order, so that each pair is ordered and sorted by two numbers
  const rank = new Int32Array(m.ids.size);
  const byLabel = Array.from({ length: m.ids.size }, (_, i) => i).sort(
    (a, b) => compareText(keys[a], keys[b]) || compareText(spelling[a], spelling[b]) || a - b,
  );
  byLabel.forEach((id, r) => (rank[id] = r));
  const rows = found.map((p) => (rank[p.a] < rank[p.b] ? p : { ...p, a: p.b, b: p.a }));
  rows.sort(
    (x, y) => y.share - x.share || y.shared - x.shared || rank[x.a] - rank[y.a] || rank[x.b] - rank[y.b],
  );
  return rows.map((p): OverlapRow => [spelling[p.a], spelling[p.b], p.shared, p.share]);
}

/** The distinct memberships: for each id its organisations, and for each organisation its ids. */
interface Memberships {
  readonly ids: LabelTable;
  /** id → its distinct organisations: orgsOf[idStart[id] … idStart[id + 1]) */
  readonly idStart: Int32Array;
  readonly orgsOf: Int32Array;
  /** for each entry of orgsOf, where the id stands in its organisation's list */
  readonly posInOrg: Int32Array;
  /** organisation → its ids in ascending order: idsOf[orgStart[o] … orgStart[o + 1]) */
  readonly orgStart: Int32Array;
  readonly idsOf: Int32Array;
}

function readMemberships(idRange: ReadRange, orgRange: ReadRange): Memberships {
  const ids = new LabelTable();
  const orgs = new LabelTable(false);
  let rowIds = new Int32Array(1024);
  let rowOrgs = new Int32Array(1024);
  let n = 0;
  const iRows = idRange.rows;
  const oRows = orgRange.rows;
  for (let r = 0; r < iRows.length; r++) {
    const iRow = iRows[r];
    const oRow = oRows[r];
    if (!Array.isArray(iRow) || !Array.isArray(oRow) || oRow.length !== iRow.length) shapeChanged();
    for (let c = 0; c < iRow.length; c++) {
      const id = ids.id(iRow[c], "ids", r, c);
      if (id < 0) {
        skipped(oRow[c], "organisations", r, c);
        continue;
      }
      const o = orgs.id(oRow[c], "organisations", r, c);
      if (o < 0) continue;
      if (n === rowIds.length) {
        rowIds = growInts(rowIds, n * 2);
        rowOrgs = growInts(rowOrgs, n * 2);
      }
      rowIds[n] = id;
      rowOrgs[n] = o;
      n++;
    }
  }
  const idCount = ids.size;
  const orgCount = orgs.size;
  // by id (a counting sort), each id's organisations kept once
  const idStart = new Int32Array(idCount + 1);
  for (let k = 0; k < n; k++) idStart[rowIds[k] + 1]++;
  for (let i = 0; i < idCount; i++) idStart[i + 1] += idStart[i];
  const fill = idStart.slice(0, idCount);
  const sorted = new Int32Array(n);
  for (let k = 0; k < n; k++) sorted[fill[rowIds[k]]++] = rowOrgs[k];
  const stamp = new Int32Array(orgCount).fill(-1);
  const orgsOf = new Int32Array(n);
  const start = new Int32Array(idCount + 1);
  let m = 0;
  for (let id = 0; id < idCount; id++) {
    start[id] = m;
    for (let k = idStart[id]; k < idStart[id + 1]; k++) {
      const o = sorted[k];
      if (stamp[o] === id) continue;
      stamp[o] = id;
      orgsOf[m++] = o;
    }
  }
  start[idCount] = m;
  // by organisation: walking the ids in ascending order lists each organisation's ids ascending
  const orgStart = new Int32Array(orgCount + 1);
  for (let k = 0; k < m; k++) orgStart[orgsOf[k] + 1]++;
  for (let o = 0; o < orgCount; o++) orgStart[o + 1] += orgStart[o];
  const next = orgStart.slice(0, orgCount);
  const idsOf = new Int32Array(m);
  const posInOrg = new Int32Array(m);
  for (let id = 0; id < idCount; id++) {
    for (let k = start[id]; k < start[id + 1]; k++) {
      const o = orgsOf[k];
      posInOrg[k] = next[o];
      idsOf[next[o]++] = id;
    }
  }
  return { ids, idStart: start, orgsOf: orgsOf.subarray(0, m), posInOrg, orgStart, idsOf };
}

function growInts(arr: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(size, 16));
  next.set(arr);
  return next;
}

/**
 * The pairs that qualify. For each id a, the ids b after it in an organisation's list each get one
 * step per organisation they share with a (counted in a scratch array, reset after a): every pair
 * is met once, from its smaller label number, and nothing is kept per pair that does not qualify.
 */
function comparePairs(
  m: Memberships,
  from: number,
): { a: number; b: number; shared: number; share: number }[] {
  const n = m.ids.size;
  const { idStart, orgsOf, posInOrg, orgStart, idsOf } = m;
  const counts = new Int32Array(n);
  const touched = new Int32Array(n);
  const out: { a: number; b: number; shared: number; share: number }[] = [];
  let pairs = 0;
  let steps = 0;
  for (let a = 0; a < n; a++) {
    let t = 0;
    for (let k = idStart[a]; k < idStart[a + 1]; k++) {
      const o = orgsOf[k];
      const end = orgStart[o + 1];
      steps += end - posInOrg[k] - 1;
      for (let j = posInOrg[k] + 1; j < end; j++) {
        const b = idsOf[j];
        if (counts[b] === 0) touched[t++] = b;
        counts[b]++;
      }
    }
    pairs += t;
    if (pairs > PAIR_LIMIT || steps > STEP_LIMIT) tooManyPairs(pairs);
    const sizeA = idStart[a + 1] - idStart[a];
    for (let i = 0; i < t; i++) {
      const b = touched[i];
      const shared = counts[b];
      counts[b] = 0;
      if (shared < 2) continue;
      const share = shared / Math.min(sizeA, idStart[b + 1] - idStart[b]);
      if (share >= from) out.push({ a, b, shared, share });
    }
  }
  return out;
}

function tooManyPairs(pairs: number): never {
  throw new AuditError(
    "#NUM!",
    pairs > PAIR_LIMIT
      ? `more than ${PAIR_LIMIT.toLocaleString("en-GB")} pairs of partnerships share an organisation, too many to compare; filter the range (for example to one district or audit round) and try again`
      : `the organisations sit on so many partnerships each that comparing them would take minutes; filter the range (for example to one district or audit round) and try again`,
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

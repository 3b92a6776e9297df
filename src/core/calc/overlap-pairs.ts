/**
 * The work of AUDIT.OVERLAPS on typed arrays: the distinct memberships (which organisations sit on
 * which partnership), the pairs of partnerships that qualify, and their order. Partnerships are
 * numbered by their rank in label order from the start, so that a pair is found with id a before
 * id b and pairs come out ordered by (a, b) without a comparison sort; the only order left to make
 * is by share and shared, which take few distinct values (a counting sort).
 */
import { AuditError } from "./errors";
import { LabelTable } from "./label-table";
import { labelOrder } from "./label-order";
import { shapeChanged, skipped, type ReadRange } from "./ranges";

/**
 * The most pairs of partnerships sharing an organisation that AUDIT.OVERLAPS compares; beyond it the
 * answer is #NUM! (filter the range) rather than a wait of minutes and a spill nobody can read.
 */
export const PAIR_LIMIT = 5_000_000;

/*
 * The steps (one step: one organisation met by one pair) need no limit of their own: an organisation
 * on k partnerships makes C(k, 2) pairs, so under PAIR_LIMIT no organisation sits on more than
 * 3,163 of them, and the steps, at most the memberships times 3,163 / 2, stay under 1.7 billion on
 * a full sheet of 1,048,576 rows (seconds, not minutes: one counter each).
 */

/**
 * The distinct memberships, partnerships numbered by rank (0 … ids.size - 1 in label order): for each
 * its organisations, and for each organisation its partnerships in ascending rank.
 */
interface Memberships {
  /** the ids as met (label numbers in first-seen order, with their spellings) */
  readonly ids: LabelTable;
  /** the label number of each rank */
  readonly labelOf: Int32Array;
  /** rank → its distinct organisations: orgsOf[idStart[a] … idStart[a + 1]) */
  readonly idStart: Int32Array;
  readonly orgsOf: Int32Array;
  /** for each entry of orgsOf, where the partnership stands in its organisation's list */
  readonly posInOrg: Int32Array;
  /** organisation → its partnerships in ascending rank: idsOf[orgStart[o] … orgStart[o + 1]) */
  readonly orgStart: Int32Array;
  readonly idsOf: Int32Array;
}

/**
 * Reads the (id, organisation) rows once; rows with a blank id or organisation are left out (a
 * left-out cell is still checked for an error value), so an id is shown as its first kept row
 * spells it. An organisation listed twice for one id is kept once.
 */
export function readMemberships(idRange: ReadRange, orgRange: ReadRange): Memberships {
  const ids = new LabelTable();
  const orgs = new LabelTable(false);
  const orgByRaw = orgs.byRaw;
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
      // the organisation first: an id is numbered (and its first spelling taken) only in a row
      // that is kept; the id cell of a row left out is still checked for an error value
      const ov = oRow[c];
      const o = orgByRaw.get(ov as string) ?? orgs.one(ov, "organisations", r, c);
      if (o < 0) {
        skipped(iRow[c], "ids", r, c);
        continue;
      }
      const id = ids.id(iRow[c], "ids", r, c);
      if (id < 0) continue;
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
  const labelOf = labelOrder(ids.keys);
  const rank = new Int32Array(idCount);
  for (let a = 0; a < idCount; a++) rank[labelOf[a]] = a;
  // the rows by rank (a counting sort), each rank's organisations then kept once
  const rowStart = new Int32Array(idCount + 1);
  for (let k = 0; k < n; k++) {
    const a = rank[rowIds[k]];
    rowIds[k] = a;
    rowStart[a + 1]++;
  }
  for (let a = 0; a < idCount; a++) rowStart[a + 1] += rowStart[a];
  const fill = rowStart.slice(0, idCount);
  const sorted = new Int32Array(n);
  for (let k = 0; k < n; k++) sorted[fill[rowIds[k]]++] = rowOrgs[k];
  // kept once in place: the m-th distinct organisation is written at m ≤ k, over a row already read
  const stamp = new Int32Array(orgCount).fill(-1);
  const orgsOf = sorted;
  const idStart = new Int32Array(idCount + 1);
  let m = 0;
  for (let a = 0; a < idCount; a++) {
    idStart[a] = m;
    for (let k = rowStart[a]; k < rowStart[a + 1]; k++) {
      const o = sorted[k];
      if (stamp[o] === a) continue;
      stamp[o] = a;
      orgsOf[m++] = o;
    }
  }
  idStart[idCount] = m;
  // by organisation: walking the ranks in ascending order lists each organisation's ids ascending
  const orgStart = new Int32Array(orgCount + 1);
  for (let k = 0; k < m; k++) orgStart[orgsOf[k] + 1]++;
  for (let o = 0; o < orgCount; o++) orgStart[o + 1] += orgStart[o];
  const next = orgStart.slice(0, orgCount);
  const idsOf = new Int32Array(m);
  const posInOrg = new Int32Array(m);
  for (let a = 0; a < idCount; a++) {
    for (let k = idStart[a]; k < idStart[a + 1]; k++) {
      const o = orgsOf[k];
      posInOrg[k] = next[o];
      idsOf[next[o]++] = a;
    }
  }
  return { ids, labelOf, idStart, orgsOf: orgsOf.subarray(0, m), posInOrg, orgStart, idsOf };
}

/** The pairs that qualify, in (a, b) order: ranks a < b, shared organisations, the smaller size. */
export interface Pairs {
  readonly count: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly shared: Int32Array;
  readonly smaller: Int32Array;
}

/**
 * The pairs that share at least 2 organisations and whose share (shared ÷ the organisations of the
 * smaller) is at least `from`, in (a, b) order. For each partnership a, the partnerships after it
 * in an organisation's list each get one step per organisation they share with a (counted in a
 * scratch array, reset after a): every pair is met once, from a, and nothing is kept for a pair
 * that does not qualify. More than PAIR_LIMIT pairs sharing any organisation: #NUM!.
 */
export function qualifyingPairs(m: Memberships, from: number): Pairs {
  const n = m.labelOf.length;
  const { idStart, orgsOf, posInOrg, orgStart, idsOf } = m;
  const counts = new Int32Array(n);
  const touched = new Int32Array(n);
  const found = new Int32Array(n);
  let outA = new Int32Array(1024);
  let outB = new Int32Array(1024);
  let outShared = new Int32Array(1024);
  let outSmaller = new Int32Array(1024);
  let count = 0;
  let pairs = 0;
  for (let a = 0; a < n; a++) {
    const sizeA = idStart[a + 1] - idStart[a];
    if (sizeA < 2) {
      // one organisation: the partnerships after a in its list share it and nothing else with a
      if (sizeA === 1) {
        const k = idStart[a];
        const later = orgStart[orgsOf[k] + 1] - posInOrg[k] - 1;
        pairs += later;
        if (pairs > PAIR_LIMIT) tooManyPairs();
      }
      continue;
    }
    let t = 0;
    for (let k = idStart[a]; k < idStart[a + 1]; k++) {
      const end = orgStart[orgsOf[k] + 1];
      const first = posInOrg[k] + 1;
      for (let j = first; j < end; j++) {
        const b = idsOf[j];
        if (counts[b]++ === 0) touched[t++] = b;
      }
    }
    pairs += t;
    if (pairs > PAIR_LIMIT) tooManyPairs();
    let q = 0;
    for (let i = 0; i < t; i++) {
      const b = touched[i];
      const shared = counts[b];
      if (shared < 2) continue;
      const sizeB = idStart[b + 1] - idStart[b];
      if (shared / (sizeA < sizeB ? sizeA : sizeB) >= from) found[q++] = b;
    }
    if (q > 0) {
      sortInts(found, q);
      if (count + q > outA.length) {
        const size = Math.max(outA.length * 2, count + q);
        outA = growInts(outA, size);
        outB = growInts(outB, size);
        outShared = growInts(outShared, size);
        outSmaller = growInts(outSmaller, size);
      }
      for (let i = 0; i < q; i++) {
        const b = found[i];
        const sizeB = idStart[b + 1] - idStart[b];
        outA[count] = a;
        outB[count] = b;
        outShared[count] = counts[b];
        outSmaller[count] = sizeA < sizeB ? sizeA : sizeB;
        count++;
      }
    }
    for (let i = 0; i < t; i++) counts[touched[i]] = 0;
  }
  return { count, a: outA, b: outB, shared: outShared, smaller: outSmaller };
}

/**
 * The order of the pairs: share (shared ÷ smaller), largest first; then shared, largest first;
 * then as given ((a, b) order). Each distinct (shared, smaller) is one group; the groups, few, are
 * sorted with a comparison, and the pairs placed by a counting sort, which keeps (a, b) order
 * within a group.
 */
export function pairOrder(p: Pairs): Int32Array {
  let largest = 0;
  for (let i = 0; i < p.count; i++) if (p.smaller[i] > largest) largest = p.smaller[i];
  const groups = new GroupNumbers(largest);
  const groupOf = new Int32Array(p.count);
  for (let i = 0; i < p.count; i++) groupOf[i] = groups.of(p.shared[i], p.smaller[i]);
  const g = groups.size;
  const share = new Float64Array(g);
  for (let k = 0; k < g; k++) share[k] = groups.shared[k] / groups.smaller[k];
  const byOrder = Array.from({ length: g }, (_, k) => k).sort(
    (x, y) => share[y] - share[x] || groups.shared[y] - groups.shared[x],
  );
  const start = new Int32Array(g);
  const perGroup = new Int32Array(g);
  for (let i = 0; i < p.count; i++) perGroup[groupOf[i]]++;
  let at = 0;
  for (const k of byOrder) {
    start[k] = at;
    at += perGroup[k];
  }
  const order = new Int32Array(p.count);
  for (let i = 0; i < p.count; i++) order[start[groupOf[i]]++] = i;
  return order;
}

/** Numbers for the distinct (shared, smaller) of the pairs: a dense table while small, a map beyond. */
class GroupNumbers {
  readonly shared: number[] = [];
  readonly smaller: number[] = [];
  private readonly width: number;
  private readonly dense: Int32Array | null;
  private readonly map = new Map<number, number>();

  /** @param largest the largest `smaller` that will be asked for */
  constructor(largest: number) {
    this.width = largest + 1;
    this.dense =
      this.width * this.width <= DENSE_GROUPS ? new Int32Array(this.width * this.width).fill(-1) : null;
  }

  get size(): number {
    return this.shared.length;
  }

  of(shared: number, smaller: number): number {
    const key = shared * this.width + smaller;
    const dense = this.dense;
    if (dense !== null) {
      const g = dense[key];
      if (g >= 0) return g;
      return (dense[key] = this.add(shared, smaller));
    }
    const g = this.map.get(key);
    if (g !== undefined) return g;
    const added = this.add(shared, smaller);
    this.map.set(key, added);
    return added;
  }

  private add(shared: number, smaller: number): number {
    this.shared.push(shared);
    this.smaller.push(smaller);
    return this.shared.length - 1;
  }
}

/** The dense group table is used up to this many cells (16 MB). */
const DENSE_GROUPS = 4 * 1024 * 1024;

/** Sorts list[0 … length) ascending: insertion sort for a short list, the typed-array sort beyond. */
function sortInts(list: Int32Array, length: number): void {
  if (length > 24) {
    list.subarray(0, length).sort();
    return;
  }
  for (let i = 1; i < length; i++) {
    const v = list[i];
    let j = i - 1;
    while (j >= 0 && list[j] > v) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = v;
  }
}

function growInts(arr: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(size, 16));
  next.set(arr);
  return next;
}

function tooManyPairs(): never {
  throw new AuditError(
    "#NUM!",
    `more than ${PAIR_LIMIT.toLocaleString("en-GB")} pairs of partnerships share an organisation, too many to compare; filter the range (for example to one district or audit round) and try again`,
  );
}

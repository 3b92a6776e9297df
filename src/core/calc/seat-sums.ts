/**
 * The sums of AUDIT.SHAREDSEATS: hours per id and district, read from the three columns in one pass,
 * held in a dense table while it is small and in a map beyond.
 */
import { LabelTable } from "./label-table";
import { numberCell } from "./numbers";
import { shapeChanged, skipped, type ReadRange } from "./ranges";
import { HOURS } from "./rules";

/** Dense sums up to this many (id, district) cells (16 MB of hours); a map beyond. */
const DENSE_LIMIT = 2 * 1024 * 1024;
/** A sparse key's id factor: districts are numbered below 2^26 (more than any range holds). */
const SPARSE_STRIDE = 2 ** 26;

/** Per id: its number of districts, its hours and the hours of its district with the most. */
interface SeatTotals {
  readonly districts: Float64Array;
  readonly hours: Float64Array;
  readonly largest: Float64Array;
}

/**
 * Hours per id and district. Dense: sums[id * stride + d]. An (id, district) has a row when its sum
 * is above 0 or `zero` marks it (a row whose hours are 0 or blank), so a row with hours touches one
 * cell of the table, not two.
 */
class SeatSums {
  /** the ids (label numbers 0 …) and districts */
  readonly ids = new LabelTable();
  readonly districts = new LabelTable();
  stride = 16;
  sums: Float64Array | null = new Float64Array(16 * 1024);
  zero: Uint8Array | null = new Uint8Array(16 * 1024);
  /** sparse, once the dense arrays would pass DENSE_LIMIT cells: id * 2^26 + d → hours */
  private map: Map<number, number> | null = null;

  /** Adds hours `h` (0 or more) to (id, d), growing the table or moving to the map as needed. */
  add(id: number, d: number, h: number): void {
    const sums = this.sums;
    const zero = this.zero;
    if (sums !== null && zero !== null) {
      const k = id * this.stride + d;
      if (d < this.stride && k < sums.length) {
        sums[k] += h;
        if (h === 0) zero[k] = 1;
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

  /** Makes the dense table hold (id, d) when it can; beyond DENSE_LIMIT the sums move to the map. */
  room(id: number, d: number): void {
    const sums = this.sums;
    if (sums === null) return;
    if (d < this.stride && id * this.stride + d < sums.length) return;
    this.makeRoom(id, d);
  }

  private makeRoom(id: number, d: number): void {
    let stride = this.stride;
    while (stride <= d) stride *= 2;
    const oldSums = this.sums as Float64Array;
    const oldZero = this.zero as Uint8Array;
    const oldRows = oldSums.length / this.stride;
    let rows = oldRows;
    while (rows <= id) rows *= 2;
    if (rows * stride > DENSE_LIMIT) {
      this.toMap();
      return;
    }
    const sums = new Float64Array(rows * stride);
    const zero = new Uint8Array(rows * stride);
    if (stride === this.stride) {
      sums.set(oldSums);
      zero.set(oldZero);
    } else {
      for (let r = 0; r < oldRows; r++) {
        sums.set(oldSums.subarray(r * this.stride, (r + 1) * this.stride), r * stride);
        zero.set(oldZero.subarray(r * this.stride, (r + 1) * this.stride), r * stride);
      }
    }
    this.sums = sums;
    this.zero = zero;
    this.stride = stride;
  }

  private toMap(): void {
    const map = new Map<number, number>();
    const sums = this.sums as Float64Array;
    const zero = this.zero as Uint8Array;
    for (let k = 0; k < sums.length; k++) {
      if (sums[k] > 0 || zero[k] === 1) {
        map.set(Math.floor(k / this.stride) * SPARSE_STRIDE + (k % this.stride), sums[k]);
      }
    }
    this.map = map;
    this.sums = null;
    this.zero = null;
  }

  /** Per id (label number): its number of districts, its total hours and its largest district's. */
  totals(): SeatTotals {
    const n = this.ids.size;
    const districts = new Float64Array(n);
    const hours = new Float64Array(n);
    const largest = new Float64Array(n);
    const sums = this.sums;
    const zero = this.zero;
    if (sums !== null && zero !== null) {
      const stride = this.stride;
      const rows = Math.min(n, sums.length / stride);
      for (let id = 0; id < rows; id++) {
        let count = 0;
        let total = 0;
        let most = 0;
        for (let k = id * stride; k < (id + 1) * stride; k++) {
          const h = sums[k];
          if (h > 0 || zero[k] === 1) {
            count++;
            total += h;
            if (h > most) most = h;
          }
        }
        districts[id] = count;
        hours[id] = total;
        largest[id] = most;
      }
    } else {
      for (const [k, h] of this.map as Map<number, number>) {
        const id = Math.floor(k / SPARSE_STRIDE);
        districts[id]++;
        hours[id] += h;
        if (h > largest[id]) largest[id] = h;
      }
    }
    return { districts, hours, largest };
  }
}

/** The most rows gathered before they are added to the table (16 bytes a row: 2 MB; less for a smaller range). */
const CHUNK = 131_072;
/** Table cells per part of the table that a chunk's rows are grouped by (128 KB of hours). */
const PART_SHIFT = 14;

/**
 * Rows read but not yet added: (id, district, hours) in reading order, and the same grouped by the
 * part of the dense table they add to. Adding a million rows in their own order touches the
 * table's megabytes at random, one cache miss a row; added part by part, each part's cells stay
 * in the processor's cache while its rows are added (docs/benchmark.md).
 */
class Pending {
  readonly ids: Int32Array;
  readonly districts: Int32Array;
  readonly hours: Float64Array;
  n = 0;
  private keys = new Int32Array(0);
  private grouped = new Float64Array(0);
  private groupedKeys = new Int32Array(0);
  private counts = new Int32Array(0);

  /** @param size the rows it holds: CHUNK, or fewer for a range with fewer cells */
  constructor(readonly size: number) {
    this.ids = new Int32Array(size);
    this.districts = new Int32Array(size);
    this.hours = new Float64Array(size);
  }

  /** Adds the rows gathered to `seats` and empties the buffer. */
  flush(seats: SeatSums): void {
    const n = this.n;
    this.n = 0;
    if (n === 0) return;
    const ids = this.ids;
    const districts = this.districts;
    const hours = this.hours;
    let maxId = 0;
    let maxD = 0;
    for (let i = 0; i < n; i++) {
      if (ids[i] > maxId) maxId = ids[i];
      if (districts[i] > maxD) maxD = districts[i];
    }
    seats.room(maxId, maxD);
    const sums = seats.sums;
    const zero = seats.zero;
    if (sums === null || zero === null) {
      for (let i = 0; i < n; i++) seats.add(ids[i], districts[i], hours[i]);
      return;
    }
    const stride = seats.stride;
    const parts = (sums.length >>> PART_SHIFT) + 1;
    if (parts <= 4) {
      // a table this small stays in the cache as it is
      for (let i = 0; i < n; i++) {
        const k = ids[i] * stride + districts[i];
        const h = hours[i];
        sums[k] += h;
        if (h === 0) zero[k] = 1;
      }
      return;
    }
    this.ensure(parts);
    const keys = this.keys;
    const counts = this.counts;
    counts.fill(0, 0, parts + 1);
    for (let i = 0; i < n; i++) {
      const k = ids[i] * stride + districts[i];
      keys[i] = k;
      counts[(k >>> PART_SHIFT) + 1]++;
    }
    for (let p = 0; p < parts; p++) counts[p + 1] += counts[p];
    const grouped = this.grouped;
    const groupedKeys = this.groupedKeys;
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      const at = counts[k >>> PART_SHIFT]++;
      groupedKeys[at] = k;
      grouped[at] = hours[i];
    }
    for (let i = 0; i < n; i++) {
      const k = groupedKeys[i];
      const h = grouped[i];
      sums[k] += h;
      if (h === 0) zero[k] = 1;
    }
  }

  private ensure(parts: number): void {
    if (this.keys.length === 0) {
      this.keys = new Int32Array(this.size);
      this.grouped = new Float64Array(this.size);
      this.groupedKeys = new Int32Array(this.size);
    }
    if (this.counts.length < parts + 1) this.counts = new Int32Array(parts + 1);
  }
}

/**
 * Reads the ids, districts and hours once into their sums. Every hours cell is checked (negative
 * #NUM!, text #VALUE!), also in a row that is left out; rows with a blank id or district are left
 * out (a left-out cell is still checked for an error value), so an id is shown as its first kept
 * row spells it. Rows are checked in order and added to the table a chunk at a time.
 */
export function sumSeats(idRange: ReadRange, districtRange: ReadRange, hourRange: ReadRange): SeatSums {
  const seats = new SeatSums();
  const ids = seats.ids;
  const districts = seats.districts;
  const cache = new Map<string, number | null>();
  const iRows = idRange.rows;
  const dRows = districtRange.rows;
  const hRows = hourRange.rows;
  // a buffer no larger than the range: a small table's call allocates little
  const width = iRows.length > 0 && Array.isArray(iRows[0]) ? iRows[0].length : 1;
  const pending = new Pending(Math.max(1, Math.min(CHUNK, iRows.length * width)));
  const size = pending.size;
  const pIds = pending.ids;
  const pDistricts = pending.districts;
  const pHours = pending.hours;
  let n = 0;
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
      const v = hRow[c];
      let h = 0;
      if (typeof v === "number" && v >= 0 && v < Infinity) h = v;
      else h = numberCell(v, HOURS, cache, "hours", r, c) ?? 0;
      // the district first: an id is numbered (and its first spelling taken) only in a row that is
      // kept; the id cell of a row left out is still checked for an error value. District codes
      // such as D01 are ids in form (prefix and digits): the serial cache finds them.
      const d = districts.id(dRow[c], "districts", r, c);
      if (d < 0) {
        skipped(iRow[c], "ids", r, c);
        continue;
      }
      const id = ids.id(iRow[c], "ids", r, c);
      if (id < 0) continue;
      pIds[n] = id;
      pDistricts[n] = d;
      pHours[n] = h;
      if (++n === size) {
        pending.n = n;
        pending.flush(seats);
        n = 0;
      }
    }
  }
  pending.n = n;
  pending.flush(seats);
  return seats;
}

import { AuditError } from "./errors";
import { LabelTable } from "./label-table";
import { looseRange, pairWith, shaped, shapeChanged, type RangeArg, type ReadRange } from "./ranges";

/**
 * AUDIT.PERDISTRICT: the mean, over the distinct non-blank districts, of the number of distinct
 * non-blank ids in each district. Rows with a blank district are left out (a district whose rows
 * all have blank ids counts, with 0 ids). No district: #DIV/0!.
 */
export function perDistrict(ids: RangeArg, districts: RangeArg): number {
  const idRange = looseRange("ids", ids);
  const districtRange = looseRange("districts", districts);
  return shaped([idRange, districtRange], ([i, d]) => meanPerDistrict(i, d));
}

function meanPerDistrict(idRange: ReadRange, districtRange: ReadRange): number {
  const paired = pairWith(idRange, districtRange);
  const idTable = new LabelTable(false);
  const districtTable = new LabelTable();
  const districtMap = districtTable.byRaw;
  const pairs = new DistinctPairs();
  const iRows = idRange.rows;
  const dRows = paired.rows;
  for (let r = 0; r < iRows.length; r++) {
    const iRow = iRows[r];
    const dRow = dRows[r];
    if (!Array.isArray(iRow) || !Array.isArray(dRow) || dRow.length !== iRow.length) shapeChanged();
    for (let c = 0; c < iRow.length; c++) {
      const iv = iRow[c];
      const dv = dRow[c];
      const id = idTable.id(iv, "ids", r, c);
      const d = districtMap.get(dv as string) ?? districtTable.one(dv, "districts", r, c);
      if (d >= 0 && id >= 0) pairs.add(d, id);
    }
  }
  if (districtTable.size === 0) {
    throw new AuditError(
      "#DIV/0!",
      "districts has no non-blank cell, so there is no district to average over; fill in the districts",
    );
  }
  return pairs.count / districtTable.size;
}

/** Bit sets above this many bytes in all give way to hash sets. */
const BITSET_LIMIT = 32 * 1024 * 1024;

/**
 * Counts distinct (district, id) pairs (PERDISTRICT; (group, id) pairs for PARTNERSHIPSBY): one bit
 * set of ids per district while that stays small (no allocation per row), hash sets of ids per
 * district beyond BITSET_LIMIT.
 */
export class DistinctPairs {
  /** the number of distinct pairs added */
  count = 0;
  private bits: Uint32Array[] = [];
  private words = 64;
  private sets: Set<number>[] | null = null;

  /** Adds the pair; true when it was not there yet. */
  add(district: number, id: number): boolean {
    if (this.sets === null) {
      const word = id >>> 5;
      if (word >= this.words) this.growWords(word + 1);
      let b: Uint32Array | undefined = this.bits[district];
      if (b === undefined && this.sets === null) b = this.newBits(district);
      if (b !== undefined && this.sets === null) {
        const mask = 1 << (id & 31);
        if ((b[word] & mask) === 0) {
          b[word] |= mask;
          this.count++;
          return true;
        }
        return false;
      }
    }
    return this.addToSet(district, id);
  }

  private addToSet(district: number, id: number): boolean {
    const sets = this.sets as Set<number>[];
    let set = sets[district];
    if (set === undefined) set = sets[district] = new Set();
    const before = set.size;
    set.add(id);
    if (set.size === before) return false;
    this.count++;
    return true;
  }

  private newBits(district: number): Uint32Array | undefined {
    if (this.bytesWith(this.bits.filter(Boolean).length + 1, this.words) > BITSET_LIMIT) {
      this.toSets();
      return undefined;
    }
    const b = new Uint32Array(this.words);
    this.bits[district] = b;
    return b;
  }

  private growWords(needed: number): void {
    let words = this.words;
    while (words < needed) words *= 2;
    if (this.bytesWith(this.bits.filter(Boolean).length, words) > BITSET_LIMIT) {
      this.toSets();
      return;
    }
    this.words = words;
    this.bits = this.bits.map((b) => {
      if (b === undefined) return b;
      const next = new Uint32Array(words);
      next.set(b);
      return next;
    });
  }

  private bytesWith(districts: number, words: number): number {
    return districts * words * 4;
  }

  private toSets(): void {
    const sets: Set<number>[] = [];
    this.bits.forEach((b, district) => {
      if (b === undefined) return;
      const set = new Set<number>();
      for (let w = 0; w < b.length; w++) {
        for (let bit = 0; bit < 32; bit++) if (b[w] & (1 << bit)) set.add(w * 32 + bit);
      }
      sets[district] = set;
    });
    this.sets = sets;
    this.bits = [];
  }
}

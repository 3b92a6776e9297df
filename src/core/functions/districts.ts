import { AuditError } from "./errors";
import {
  guarded,
  LabelTable,
  looseRange,
  pairWith,
  shaped,
  shapeChanged,
  type RangeArg,
  type ReadRange,
} from "./cells";

/**
 * AUDIT.PERDISTRICT: the mean, over the distinct non-blank districts, of the number of distinct
 * non-blank ids in each district. Rows with a blank district are left out (a district whose rows
 * all have blank ids counts, with 0 ids). No district: #DIV/0!.
 */
export function perDistrict(ids: RangeArg, districts: RangeArg): number {
  const idRange = looseRange("ids", ids);
  const districtRange = looseRange("districts", districts);
  return guarded(
    () => [idRange, districtRange],
    () => shaped([idRange, districtRange], ([i, d]) => meanPerDistrict(i, d)),
  );
}

function meanPerDistrict(idRange: ReadRange, districtRange: ReadRange): number {
  const paired = pairWith(idRange, districtRange);
  const idTable = new LabelTable(false);
  const districtTable = new LabelTable();
  const idMap = idTable.byRaw;
  const districtMap = districtTable.byRaw;
  // The distinct ids of each district, by district number (small integers: no boxing).
  const perDistrictIds: Set<number>[] = [];
  const iRows = idRange.rows;
  const dRows = paired.rows;
  for (let r = 0; r < iRows.length; r++) {
    const iRow = iRows[r];
    const dRow = dRows[r];
    if (!Array.isArray(iRow) || !Array.isArray(dRow) || dRow.length !== iRow.length) shapeChanged();
    for (let c = 0; c < iRow.length; c++) {
      const iv = iRow[c];
      const dv = dRow[c];
      const id = idMap.get(iv as string) ?? idTable.one(iv, "ids", r, c);
      const d = districtMap.get(dv as string) ?? districtTable.one(dv, "districts", r, c);
      if (d < 0) continue;
      let set = perDistrictIds[d];
      if (set === undefined) set = perDistrictIds[d] = new Set();
      if (id >= 0) set.add(id);
    }
  }
  if (districtTable.size === 0) {
    throw new AuditError(
      "#DIV/0!",
      "districts has no non-blank cell, so there is no district to average over; fill in the districts",
    );
  }
  let pairs = 0;
  for (const set of perDistrictIds) if (set !== undefined) pairs += set.size;
  return pairs / districtTable.size;
}

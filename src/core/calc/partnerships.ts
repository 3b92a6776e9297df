import { AuditError } from "./errors";
import { growFlags } from "./growth";
import {
  isOmitted,
  looseRange,
  shaped,
  shapeChanged,
  objectCell,
  pairWith,
  readRange,
  skipped,
  type RangeArg,
  type ReadRange,
} from "./ranges";
import { LabelTable, labelList, labelText } from "./label-table";
import { labelKey, splitMulti } from "../model/labels";

/** A criteria pair ready to test: null keys when the criterion is blank (it filters nothing). */
interface Test {
  readonly rows: ReadRange["rows"];
  readonly name: string;
  readonly keys: ReadonlySet<string> | null;
  readonly cache: Map<string | number | boolean, boolean>;
}

/**
 * AUDIT.PARTNERSHIPS: the number of distinct non-blank ids among the rows that meet every
 * criterion. `criteria` lists criteria_range1, criterion1, criteria_range2, criterion2, …; a
 * criterion is one value or a range of values (any matches), a blank criterion filters nothing, a
 * multi-select data cell matches when any of its labels matches. An odd count is #VALUE!.
 */
export function countDistinct(ids: RangeArg, given: readonly RangeArg[] = []): number {
  const criteria = withoutOmittedPairs(given);
  const idRange = looseRange("ids", ids);
  const ranges: ReadRange[] = [];
  const values: ReadRange[] = [];
  for (let i = 0; i < criteria.length; i += 2) {
    const n = i / 2 + 1;
    ranges.push(looseRange(`criteria_range${n}`, criteria[i]));
    if (i + 1 < criteria.length) values.push(readRange(`criterion${n}`, criteria[i + 1]));
  }
  if (criteria.length % 2 === 1) {
    const n = (criteria.length + 1) / 2;
    throw new AuditError(
      "#VALUE!",
      `criteria_range${n} has no criterion${n}; give criteria in pairs: a range, then the value to match`,
    );
  }
  return shaped([idRange, ...ranges], ([ids, ...rs]) =>
    countRows(
      ids,
      rs.map((range, k) => makeTest(ids, range, values[k])),
    ),
  );
}

/**
 * The criteria without omitted pairs: a pair whose criteria_range and criterion are both omitted
 * (null or undefined), or a last criteria_range omitted with no criterion, filters nothing. A pair
 * with a range and an omitted criterion stays (a blank criterion filters nothing too, but its range
 * must still have the size of ids).
 */
function withoutOmittedPairs(criteria: readonly RangeArg[]): readonly RangeArg[] {
  if (!criteria.some((c) => isOmitted(c))) return criteria;
  const out: RangeArg[] = [];
  for (let i = 0; i < criteria.length; i += 2) {
    const range = criteria[i];
    const last = i + 1 >= criteria.length;
    if (isOmitted(range) && (last || isOmitted(criteria[i + 1]))) continue;
    out.push(range);
    if (!last) out.push(criteria[i + 1]);
  }
  return out;
}

function makeTest(ids: ReadRange, criteriaRange: ReadRange, criterion: ReadRange): Test {
  const range = pairWith(ids, criteriaRange);
  const table = new LabelTable();
  const wanted = labelList(criterion, table);
  return {
    rows: range.rows,
    name: range.name,
    keys: wanted.length === 0 ? null : new Set(wanted.map((id) => table.keys[id])),
    cache: new Map(),
  };
}

function matches(test: Test, value: unknown, r: number, c: number): boolean {
  if (value === null || value === undefined || value === "") return false;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    return objectCell(value, test.name, r, c);
  }
  const hit = test.cache.get(value);
  if (hit !== undefined) return hit;
  // A new raw value: normalised once (split, tidy, key), then cached.
  const keys = test.keys as ReadonlySet<string>;
  let ok = false;
  for (const label of splitMulti(labelText(value))) {
    if (keys.has(labelKey(label))) {
      ok = true;
      break;
    }
  }
  test.cache.set(value, ok);
  return ok;
}

function countRows(ids: ReadRange, allTests: readonly Test[]): number {
  if (allTests.length <= 2 && allTests.every((t) => t.keys !== null)) {
    const n = countColumns(ids, allTests[0] ?? null, allTests[1] ?? null);
    if (n >= 0) return n;
  }
  return countAnyShape(ids, allTests);
}

/** True for a cell a calculation skips that must still be checked: an object, or text starting with "#". */
function needsCheck(v: unknown): boolean {
  return typeof v === "object" ? v !== null : typeof v === "string" && v.charCodeAt(0) === 35;
}

/**
 * The common case, unrolled: single columns and at most two filtering criteria. Returns -1 when a
 * row is not a one-cell array (the general walk then takes over).
 */
function countColumns(ids: ReadRange, t0: Test | null, t1: Test | null): number {
  const idTable = new LabelTable(false);
  let seen = new Uint8Array(1024);
  let count = 0;
  const rows = ids.rows;
  const rows0 = t0 ? t0.rows : null;
  const rows1 = t1 ? t1.rows : null;
  const cache0 = t0 ? t0.cache : null;
  const cache1 = t1 ? t1.cache : null;
  for (let r = 0; r < rows.length; r++) {
    const idRow = rows[r];
    if (!Array.isArray(idRow) || idRow.length !== 1) return -1;
    let ok = true;
    if (rows0 !== null && cache0 !== null && t0 !== null) {
      const row: unknown = rows0[r];
      if (!Array.isArray(row) || row.length !== 1) return -1;
      const v: unknown = row[0];
      const hit = cache0.get(v as string);
      ok = hit !== undefined ? hit : matches(t0, v, r, 0);
    }
    if (rows1 !== null && cache1 !== null && t1 !== null) {
      const row: unknown = rows1[r];
      if (!Array.isArray(row) || row.length !== 1) return -1;
      const v: unknown = row[0];
      if (ok) {
        const hit = cache1.get(v as string);
        ok = hit !== undefined ? hit : matches(t1, v, r, 0);
      } else if (needsCheck(v)) skipped(v, t1.name, r, 0);
    }
    const v: unknown = idRow[0];
    if (!ok) {
      if (needsCheck(v)) skipped(v, "ids", r, 0);
      continue;
    }
    const id = idTable.id(v, "ids", r, 0);
    if (id < 0) continue;
    if (id >= seen.length) seen = growFlags(seen, id + 1);
    if (seen[id] === 0) {
      seen[id] = 1;
      count++;
    }
  }
  return count;
}

/** Any shapes, any number of criteria (blank ones included). */
function countAnyShape(ids: ReadRange, allTests: readonly Test[]): number {
  const idTable = new LabelTable(false);
  let seen = new Uint8Array(1024);
  let count = 0;
  const rows = ids.rows;
  const filters = allTests.filter((t) => t.keys !== null);
  const passive = allTests.filter((t) => t.keys === null);
  const nf = filters.length;
  const np = passive.length;
  const nt = allTests.length;
  for (let r = 0; r < rows.length; r++) {
    const idRow = rows[r];
    if (!Array.isArray(idRow)) shapeChanged();
    const width = idRow.length;
    for (let k = 0; k < nt; k++) {
      const row: unknown = allTests[k].rows[r];
      if (!Array.isArray(row) || row.length !== width) shapeChanged();
    }
    for (let c = 0; c < width; c++) {
      let ok = true;
      for (let k = 0; k < nf; k++) {
        const t = filters[k];
        const v = t.rows[r][c];
        if (ok) {
          if (typeof v === "string" || typeof v === "number") {
            const hit = t.cache.get(v);
            ok = hit !== undefined ? hit : matches(t, v, r, c);
          } else ok = matches(t, v, r, c);
        } else if (typeof v === "object" ? v !== null : typeof v === "string" && v.charCodeAt(0) === 35) {
          skipped(v, t.name, r, c);
        }
      }
      for (let k = 0; k < np; k++) {
        const v = passive[k].rows[r][c];
        if (typeof v === "object" ? v !== null : typeof v === "string" && v.charCodeAt(0) === 35) {
          skipped(v, passive[k].name, r, c);
        }
      }
      const v = idRow[c];
      if (ok) {
        const id = idTable.id(v, "ids", r, c);
        if (id >= 0) {
          if (id >= seen.length) seen = growFlags(seen, id + 1);
          if (seen[id] === 0) {
            seen[id] = 1;
            count++;
          }
        }
      } else if (typeof v === "object" ? v !== null : typeof v === "string" && v.charCodeAt(0) === 35) {
        skipped(v, "ids", r, c);
      }
    }
  }
  return count;
}

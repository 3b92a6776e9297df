/**
 * Where the calculations of AUDIT.SHAREDSEATS and AUDIT.OVERLAPS (src/core/calc/seat-sums.ts and
 * src/core/calc/overlap-pairs.ts) depart from the contract in docs/functions.md: kept here, skipped,
 * until those files are changed.
 */
import { partnershipsBy } from "../../../src/core/calc";
import { overlaps, PAIR_LIMIT, sharedSeats, STEP_LIMIT } from "../../../src/core/calc/network";

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

describe("a result label is the first spelling among the rows the result counts", () => {
  // Skipped: every other AUDIT function takes a label's spelling from the first row it counts
  // (PARTNERSHIPSBY below: a row with a blank id lends its group no spelling). SHAREDSEATS takes an
  // id's spelling from its first row even when that row is left out for a blank district (sumSeats
  // numbers the id before it reads the district), and OVERLAPS from a row left out for a blank
  // organisation (readMemberships numbers the id before it reads the organisation). The fix: read
  // the district (the organisation) first, and number the id only for a row that is kept, still
  // checking the id cell of a row left out for an error value (as `skipped` does).
  it("PARTNERSHIPSBY, for comparison: a row left out lends no spelling", () => {
    expect(partnershipsBy(col("", "P1"), col("north", "NORTH"))).toEqual([["NORTH", 1]]);
  });

  it.skip("SHAREDSEATS: an id first met in a row with a blank district is shown as its first counted row spells it", () => {
    expect(sharedSeats(col(" p-1 ", "P-1", "P-1"), col("", "D1", "D2"), col(1, 2, 3))).toEqual([
      ["P-1", 2, 5, 2],
    ]);
  });

  it.skip("OVERLAPS: an id first met in a row with a blank organisation is shown as its first counted row spells it", () => {
    expect(overlaps(col("a", "A", "A", "B", "B"), col(null, "o1", "o2", "o1", "o2"))).toEqual([
      ["A", "B", 2, 1],
    ]);
  });
});

describe("AUDIT.OVERLAPS answers #NUM! only when the pairs sharing an organisation pass the pair limit", () => {
  // Skipped: overlap-pairs.ts also gives #NUM! when it would take more than STEP_LIMIT steps (one
  // step: one organisation met by one pair), however few the pairs. The contract's only limit is
  // the pairs: 3,000 partnerships that all share the same 90 organisations make 4,498,500 pairs
  // (under PAIR_LIMIT) but 404,865,000 steps, so the answer, every pair at share 1, is refused. The
  // fix: drop STEP_LIMIT (the steps are bounded by the pairs times the organisations a pair shares,
  // which the rows bound), or raise it past what a sheet of 1,048,576 rows can make.
  it.skip("3,000 partnerships sharing the same 90 organisations: 4,498,500 pairs, listed", () => {
    const n = 3000;
    const m = 90;
    const pairs = (n * (n - 1)) / 2;
    expect(pairs).toBeLessThanOrEqual(PAIR_LIMIT);
    expect(pairs * m).toBeGreaterThan(STEP_LIMIT);
    const ids: unknown[][] = [];
    const orgs: unknown[][] = [];
    for (let i = 0; i < n; i++)
      for (let o = 0; o < m; o++) {
        ids.push([`P-${String(i).padStart(4, "0")}`]);
        orgs.push([`Organisation ${o}`]);
      }
    const rows = overlaps(ids, orgs);
    expect(rows).toHaveLength(pairs);
    expect(rows[0]).toEqual(["P-0000", "P-0001", m, 1]);
  });
});

/**
 * AUDIT.SHAREDSEATS and AUDIT.OVERLAPS held to the contract in docs/functions.md where their fast
 * paths once departed from it: the spelling of an id met first in a row that is left out, and a
 * limit on the work besides the pair limit.
 */
import { partnershipsBy } from "../../../src/core/calc";
import { overlaps, PAIR_LIMIT, sharedSeats } from "../../../src/core/calc/network";

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

describe("a result label is the first spelling among the rows the result counts", () => {
  // Every AUDIT function takes a label's spelling from the first row it counts (PARTNERSHIPSBY
  // below: a row with a blank id lends its group no spelling). SHAREDSEATS and OVERLAPS read the
  // district (the organisation) first and number the id only in a row that is kept.
  it("PARTNERSHIPSBY, for comparison: a row left out lends no spelling", () => {
    expect(partnershipsBy(col("", "P1"), col("north", "NORTH"))).toEqual([["NORTH", 1]]);
  });

  it("SHAREDSEATS: an id first met in a row with a blank district is shown as its first counted row spells it", () => {
    expect(sharedSeats(col(" p-1 ", "P-1", "P-1"), col("", "D1", "D2"), col(1, 2, 3))).toEqual([
      ["P-1", 2, 5, 2],
    ]);
  });

  it("OVERLAPS: an id first met in a row with a blank organisation is shown as its first counted row spells it", () => {
    expect(overlaps(col("a", "A", "A", "B", "B"), col(null, "o1", "o2", "o1", "o2"))).toEqual([
      ["A", "B", 2, 1],
    ]);
  });
});

describe("AUDIT.OVERLAPS answers #NUM! only when the pairs sharing an organisation pass the pair limit", () => {
  // The contract's only limit is the pairs; the work per pair (one step for each organisation the
  // pair shares) has none. 1,000 partnerships that all share the same 450 organisations make
  // 499,500 pairs, under PAIR_LIMIT, but 224,775,000 steps: every pair is listed, at share 1.
  it("1,000 partnerships sharing the same 450 organisations: 499,500 pairs, listed", () => {
    const n = 1000;
    const m = 450;
    const pairs = (n * (n - 1)) / 2;
    expect(pairs).toBeLessThanOrEqual(PAIR_LIMIT);
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
    expect(rows[pairs - 1]).toEqual(["P-0998", "P-0999", m, 1]);
  });
});

/**
 * Where the calculations of AUDIT.OVERLAPS (src/core/calc/overlap-pairs.ts) depart from the contract
 * in docs/functions.md: kept here, skipped, until that file is changed.
 */
import { overlaps, PAIR_LIMIT, STEP_LIMIT } from "../../../src/core/calc/network";

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

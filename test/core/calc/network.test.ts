/**
 * AUDIT.SHAREDSEATS and AUDIT.OVERLAPS on the input a regional workbook can throw at them: very
 * many members, names that read like formulas or HTML or run to thousands of characters, and
 * ranges with more overlapping pairs than can be listed.
 */
import { AuditError } from "../../../src/core/calc/errors";
import { overlaps, PAIR_LIMIT, sharedSeats } from "../../../src/core/calc/network";

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof AuditError) return `${e.code} ${e.message}`;
    throw e;
  }
  return "no error";
}

describe("OVERLAPS on hostile input", () => {
  it("more pairs sharing an organisation than the limit answers #NUM! quickly, saying to filter", () => {
    // one organisation on 3,200 partnerships: 5,118,400 pairs
    const n = 3200;
    expect((n * (n - 1)) / 2).toBeGreaterThan(PAIR_LIMIT);
    const ids = Array.from({ length: n }, (_, i) => [`P-${i}`]);
    const orgs = ids.map(() => ["City Council"]);
    const start = Date.now();
    expect(codeOf(() => overlaps(ids, orgs))).toMatch(/^#NUM! more than 5,000,000 pairs .* filter the range/);
    expect(Date.now() - start).toBeLessThan(5000);
  });

  it("ten thousand members: the pairs found are those of the organisations' clusters", () => {
    // 500 partnerships in 100 clusters of 5; each cluster's 20 members sit on all its 5
    const ids: unknown[][] = [];
    const orgs: unknown[][] = [];
    for (let p = 0; p < 500; p++)
      for (let o = 0; o < 20; o++) {
        ids.push([`P-${p}`]);
        orgs.push([`Org ${Math.floor(p / 5)}-${o}`]);
      }
    expect(ids).toHaveLength(10_000);
    const rows = overlaps(ids, orgs);
    expect(rows).toHaveLength(100 * 10);
    for (const r of rows) expect(r.slice(2)).toEqual([20, 1]);
  });

  it("names that read like formulas or HTML, or are 5,000 characters long, are labels shown as given", () => {
    const long = "x".repeat(5000);
    const ids = col("=SUM(A1)", "=SUM(A1)", "<b>P2</b>", "<b>P2</b>");
    const orgs = col(long, "@cmd", long, "@cmd");
    expect(overlaps(ids, orgs)).toEqual([["<b>P2</b>", "=SUM(A1)", 2, 1]]);
    expect(sharedSeats(col(long, long), col("D1", "<i>D2</i>"), col(1, 2))).toEqual([[long, 2, 3, 1]]);
  });

  it("a partnership with one member shares at most one organisation: no pair", () => {
    expect(codeOf(() => overlaps(col("A", "B", "B"), col("o1", "o1", "o2")))).toMatch(/^#N\/A /);
  });
});

describe("SHAREDSEATS on many ids and districts", () => {
  it("keeps its sums beyond the dense limit (many ids in many districts) and gives the same answer", () => {
    const ids: unknown[][] = [];
    const districts: unknown[][] = [];
    const hours: unknown[][] = [];
    for (let i = 0; i < 3000; i++) {
      ids.push([`P-${i}`], [`P-${i}`]);
      districts.push([`D${i}`], [`D${i + 1}`]);
      hours.push([2], [1]);
    }
    const rows = sharedSeats(ids, districts, hours);
    expect(rows).toHaveLength(3000);
    expect(rows[0]).toEqual(["P-0", 2, 3, 1]);
  });
});

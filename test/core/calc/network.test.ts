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

// ------------------------------------------------------------------------------------------------
// Against plain implementations of network.md, on ranges made to meet the fast code's edges: ids in
// serial form beside others (label order by digits, then merged), ties in every sort key, blank and
// zero hours, many districts, partnerships with thousands of organisations.

/** The label rules of functions.md, for the plain implementations. */
const labelOf = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const keyOf = (v: unknown): string => labelOf(v).replace(/\s+/g, " ").trim().toLowerCase();
const shown = (v: unknown): string => labelOf(v).replace(/\s+/g, " ").trim();
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const hoursOf = (v: unknown): number => (v === null || v === "" ? 0 : Number(v));

function plainSharedSeats(ids: unknown[][], districts: unknown[][], hours: unknown[][]): unknown[][] {
  const seats = new Map<string, { shown: string; byDistrict: Map<string, number> }>();
  ids.forEach(([id], r) => {
    const d = keyOf(districts[r][0]);
    // a row with a blank id or district is left out: the first spelling of an id is that of its
    // first row that is kept
    if (keyOf(id) === "" || d === "") return;
    const seat = seats.get(keyOf(id)) ?? { shown: shown(id), byDistrict: new Map<string, number>() };
    seats.set(keyOf(id), seat);
    seat.byDistrict.set(d, (seat.byDistrict.get(d) ?? 0) + hoursOf(hours[r][0]));
  });
  const rows = [...seats]
    .filter(([, s]) => s.byDistrict.size >= 2)
    .map(([key, s]) => {
      let total = 0;
      for (const h of s.byDistrict.values()) total += h;
      return { key, row: [s.shown, s.byDistrict.size, total, total - Math.max(...s.byDistrict.values())] };
    });
  rows.sort((x, y) => (y.row[3] as number) - (x.row[3] as number) || byText(x.key, y.key));
  return rows.map((x) => x.row);
}

function plainOverlaps(ids: unknown[][], orgs: unknown[][], from = 0.5): unknown[][] {
  const members = new Map<string, { shown: string; orgs: Set<string> }>();
  ids.forEach(([id], r) => {
    const o = keyOf(orgs[r][0]);
    // a row with a blank id or organisation is left out (and lends the id no spelling)
    if (keyOf(id) === "" || o === "") return;
    const m = members.get(keyOf(id)) ?? { shown: shown(id), orgs: new Set<string>() };
    m.orgs.add(o);
    members.set(keyOf(id), m);
  });
  const keys = [...members.keys()].sort(byText);
  const rows: { a: string; b: string; row: unknown[] }[] = [];
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++) {
      const a = members.get(keys[i]) as { shown: string; orgs: Set<string> };
      const b = members.get(keys[j]) as { shown: string; orgs: Set<string> };
      const shared = [...a.orgs].filter((o) => b.orgs.has(o)).length;
      const share = shared / Math.min(a.orgs.size, b.orgs.size);
      if (shared >= 2 && share >= from)
        rows.push({ a: keys[i], b: keys[j], row: [a.shown, b.shown, shared, share] });
    }
  rows.sort(
    (x, y) =>
      (y.row[3] as number) - (x.row[3] as number) ||
      (y.row[2] as number) - (x.row[2] as number) ||
      byText(x.a, y.a) ||
      byText(x.b, y.b),
  );
  return rows.map((x) => x.row);
}

/** A seeded generator (the same ranges every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function answer(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    if (e instanceof AuditError) return e.code;
    throw e;
  }
}

describe("SHAREDSEATS and OVERLAPS against plain implementations", () => {
  const ID_FORMS = [
    (n: number) => `P-${String(n).padStart(4, "0")}`,
    (n: number) => `p-${String(n).padStart(4, "0")}`,
    (n: number) => ` P-${String(n).padStart(4, "0")} `,
    (n: number) => `P-${n}`,
    (n: number) => `Partnership ${n}`,
    (n: number) => n,
  ];
  const rangesOf = (seed: number, rows: number, idCount: number, orgCount: number) => {
    const rnd = random(seed);
    const pick = (n: number): number => Math.floor(rnd() * n);
    const ids: unknown[][] = [];
    const orgs: unknown[][] = [];
    const districts: unknown[][] = [];
    const hours: unknown[][] = [];
    for (let r = 0; r < rows; r++) {
      const id = pick(idCount);
      ids.push([rnd() < 0.03 ? "" : ID_FORMS[rnd() < 0.7 ? 0 : pick(ID_FORMS.length)](id)]);
      // organisations in clusters of ids, so that pairs overlap; some spelt differently
      const org = `Org ${Math.floor(id / 6)}-${pick(orgCount)}`;
      orgs.push([rnd() < 0.03 ? null : rnd() < 0.1 ? ` ${org.toUpperCase()}` : org]);
      districts.push([rnd() < 0.03 ? "" : `D${String(1 + pick(5)).padStart(2, "0")}`]);
      // few distinct hours, so that hours beyond one tie; blanks and zeros among them
      hours.push([[null, 0, 1, 2.5, 10, "4", 7.25][pick(7)]]);
    }
    return { ids, orgs, districts, hours };
  };

  test.each([
    [1, 300, 40, 5],
    [2, 800, 120, 8],
    [3, 1500, 60, 4],
    [4, 60, 12, 3],
    [5, 2000, 400, 10],
  ])("seed %i: %i rows, %i ids, %i organisations a cluster", (seed, rows, idCount, orgCount) => {
    const { ids, orgs, districts, hours } = rangesOf(seed, rows, idCount, orgCount);
    expect(answer(() => sharedSeats(ids, districts, hours))).toEqual(plainSharedSeats(ids, districts, hours));
    for (const from of [0, 0.5, 2 / 3, 1]) {
      expect(answer(() => overlaps(ids, orgs, from))).toEqual(plainOverlaps(ids, orgs, from));
    }
  });

  test("equal shares come by shared, then id a and id b in label order, serial ids beside others", () => {
    // every pair shares 2 of its 2, or 2 of 4, 3 of 6 (the same share 0.5, more shared first)
    const ids: unknown[][] = [];
    const orgs: unknown[][] = [];
    const add = (id: string, names: string[]): void =>
      names.forEach((o) => {
        ids.push([id]);
        orgs.push([o]);
      });
    add("P-0010", ["a", "b"]);
    add("alpha", ["a", "b"]);
    add("P-0002", ["a", "b"]);
    add("P-01", ["a", "b", "c", "d"]);
    add("Zeta", ["c", "d", "e", "f", "g", "h"]);
    add("P-0001", ["c", "d", "e", "x", "y", "z"]);
    const rows = overlaps(ids, orgs);
    expect(rows).toEqual(plainOverlaps(ids, orgs));
    expect(rows.map((r) => `${r[0]}|${r[1]}`).slice(0, 6)).toEqual([
      "alpha|P-0002",
      "alpha|P-0010",
      "alpha|P-01",
      "P-0002|P-0010",
      "P-0002|P-01",
      "P-0010|P-01",
    ]);
  });

  test("partnerships with thousands of organisations each (shares kept in a map) give the same pairs", () => {
    const ids: unknown[][] = [];
    const orgs: unknown[][] = [];
    for (const [id, first, last] of [
      ["B", 0, 2100],
      ["A", 100, 2500],
      ["C", 2000, 2050],
      ["D", 0, 3],
    ] as const)
      for (let o = first; o < last; o++) {
        ids.push([id]);
        orgs.push([`org ${o}`]);
      }
    const rows = overlaps(ids, orgs, 0);
    expect(rows).toEqual(plainOverlaps(ids, orgs, 0));
    expect(rows[0]).toEqual(["A", "C", 50, 1]);
  });

  test("a district whose rows have blank or zero hours still counts, in the dense table and in the map", () => {
    const dense = sharedSeats(
      col("P1", "P1", "P1", "P2", "P2"),
      col("D1", "D2", "D3", "D1", "D2"),
      col(5, null, 0, 0, 0),
    );
    expect(dense).toEqual([
      ["P1", 3, 5, 0],
      ["P2", 2, 0, 0],
    ]);
    // thousands of districts: the sums move from the dense table to a map
    const ids: unknown[][] = [];
    const districts: unknown[][] = [];
    const hours: unknown[][] = [];
    for (let i = 0; i < 3000; i++) {
      ids.push([`P-${i}`], [`P-${i}`]);
      districts.push([`District ${i}`], [`District ${i + 1}`]);
      hours.push([i % 3 === 0 ? null : 2], [0]);
    }
    expect(sharedSeats(ids, districts, hours)).toEqual(plainSharedSeats(ids, districts, hours));
  });

  test("200,000 rows over 20,000 ids: sums added a chunk at a time, grouped by part of the table, are the plain sums", () => {
    // more rows than one chunk holds, and a table of many parts; hours in quarters (sums exact in
    // any order), blanks and zeros among them
    const rnd = random(7);
    const ids: unknown[][] = [];
    const districts: unknown[][] = [];
    const hours: unknown[][] = [];
    for (let r = 0; r < 200_000; r++) {
      ids.push([`P-${String(Math.floor(rnd() * 20_000)).padStart(5, "0")}`]);
      districts.push([rnd() < 0.01 ? "" : `D${String(1 + Math.floor(rnd() * 11)).padStart(2, "0")}`]);
      const h = rnd();
      hours.push([h < 0.02 ? null : h < 0.04 ? 0 : Math.round(h * 400) / 4]);
    }
    const rows = sharedSeats(ids, districts, hours);
    expect(rows).toEqual(plainSharedSeats(ids, districts, hours));
    expect(rows.length).toBeGreaterThan(19_000);
  });

  test("an id in 40 districts (the table widens as districts are met)", () => {
    const ids: unknown[][] = [];
    const districts: unknown[][] = [];
    const hours: unknown[][] = [];
    for (let d = 0; d < 40; d++)
      for (const id of ["P-0001", "P-0002", "P-0003"]) {
        ids.push([id]);
        districts.push([`D${d}`]);
        hours.push([id === "P-0002" ? d : 1]);
      }
    const rows = sharedSeats(ids, districts, hours);
    expect(rows).toEqual(plainSharedSeats(ids, districts, hours));
    expect(rows.map((r) => r[1])).toEqual([40, 40, 40]);
  });

  test("partnerships with one organisation each count toward the pair limit", () => {
    // 3,000 partnerships share one organisation (4,498,500 pairs) and 1,000 of them a second
    // (499,500 more of their pairs, already counted): under the limit, and the pairs of the 1,000
    const n = 3000;
    const ids: unknown[][] = [];
    const orgs: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      ids.push([`P-${String(i).padStart(4, "0")}`]);
      orgs.push(["Council"]);
      if (i < 1000) {
        ids.push([`P-${String(i).padStart(4, "0")}`]);
        orgs.push(["College"]);
      }
    }
    expect(overlaps(ids, orgs)).toHaveLength((1000 * 999) / 2);
    // 300 more partnerships on the one organisation pass the limit
    for (let i = n; i < n + 300; i++) {
      ids.push([`P-${i}`]);
      orgs.push(["Council"]);
    }
    expect(((n + 300) * (n + 299)) / 2).toBeGreaterThan(PAIR_LIMIT);
    expect(codeOf(() => overlaps(ids, orgs))).toMatch(/^#NUM! more than 5,000,000 pairs/);
  });
});

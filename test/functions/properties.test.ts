/** Property-based tests (fast-check): invariants of the AUDIT functions, and fuzzing. */
import fc from "fast-check";
import * as f from "../../src/functions/functions";
import { col, excelError, outcome } from "./helpers";

const label = fc.constantFrom(
  "Local",
  "local ",
  "Regional",
  "Sub-regional",
  "Key",
  "Leading",
  "Active",
  "Limited",
  "A;B",
  "b",
  "",
);
const idCell = fc.oneof(
  fc.constantFrom("P1", "p1", "P2", "P3", " P4 ", "", null),
  fc.integer({ min: 1, max: 5 }),
);

/** Rows of [id, level, type, role, hours]. */
const rows = fc.array(
  fc.tuple(
    idCell,
    label,
    label,
    label,
    fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e6, noNaN: true })),
  ),
  {
    maxLength: 40,
  },
);

const column = <T>(rs: readonly T[][], i: number): unknown[][] => rs.map((r) => [r[i]]);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Result labels in lower case: which spelling comes first depends on the row order. */
const lowerLabels = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map((row: unknown) =>
        Array.isArray(row) ? row.map((c: unknown) => (typeof c === "string" ? c.toLowerCase() : c)) : row,
      )
    : x;

const value = (run: () => unknown): unknown => {
  const o = outcome(run);
  return "value" in o ? o.value : o.code;
};

describe("invariants", () => {
  test("PARTNERSHIPS, PERDISTRICT, LEADERSHIPRATIO, BREAKDOWN, CHANGE, PARTNERSHIPSBY, LEADERSHIPBY do not change when rows are permuted", () => {
    fc.assert(
      fc.property(rows, fc.integer(), (rs, seed) => {
        const ps = shuffled(rs, seed);
        const calls: ((x: unknown[][][]) => unknown)[] = [
          ([ids, lv, ty]) => f.partnerships(ids, lv, [["Local"]], ty, [["A"], ["Key"]]),
          ([ids, lv]) => f.perDistrict(ids, lv),
          ([ids, , , roles]) => f.leadershipRatio(roles, ids),
          ([, , ty]) => f.breakdown(ty),
          ([ids, lv]) => f.change(ids, lv),
          ([ids, lv]) => f.partnershipsBy(ids, lv),
          ([ids, , ty]) => f.partnershipsBy(ids, ty, [["Regional"], ["b"], ["National"]]),
          ([ids, lv, , roles]) => f.leadershipBy(roles, ids, lv),
        ];
        for (const call of calls) {
          const a = value(() => call([0, 1, 2, 3, 4].map((i) => column(rs, i))));
          const b = value(() => call([0, 1, 2, 3, 4].map((i) => column(ps, i))));
          if (typeof a === "number") expect(b).toBeCloseTo(a, 9);
          else expect(lowerLabels(b)).toEqual(lowerLabels(a)); // the first spelling seen may differ
        }
      }),
    );
  });

  test("FTE is linear in hours", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.constantFrom("week", "month", "quarter", "year"),
        (hours, k, period) => {
          const base = f.fte(
            hours.map((h) => [h]),
            period,
          );
          const scaled = f.fte(
            hours.map((h) => [h === null ? null : h * k]),
            period,
          );
          expect(scaled).toBeCloseTo(
            base * k,
            6 - Math.max(0, Math.ceil(Math.log10(Math.abs(base * k) + 1))),
          );
        },
      ),
    );
  });

  test("FTEBY groups add up to FTE", () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const hours = column(rs, 4);
        if (rs.every((r) => r[4] === null)) return;
        const total = f.fte(hours);
        const byGroup = f.fteBy(column(rs, 1), hours) as [string, number][];
        const sum = byGroup.reduce((s, [, v]) => s + v, 0);
        expect(sum).toBeCloseTo(total, 6);
        for (let i = 1; i < byGroup.length; i++)
          expect(byGroup[i - 1][1]).toBeGreaterThanOrEqual(byGroup[i][1]);
      }),
    );
  });

  test("ratios and shares stay in [0, 1]; counts are whole numbers", () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const ratio = value(() => f.leadershipRatio(column(rs, 3)));
        const ratioById = value(() => f.leadershipRatio(column(rs, 3), column(rs, 0)));
        for (const r of [ratio, ratioById]) {
          if (typeof r === "number") {
            expect(r).toBeGreaterThanOrEqual(0);
            expect(r).toBeLessThanOrEqual(1);
          } else expect(r).toBe("#DIV/0!");
        }
        const rowsOut = value(() => f.breakdown(column(rs, 2)));
        if (Array.isArray(rowsOut)) {
          for (const [, v, share] of rowsOut as [string, number, number][]) {
            expect(Number.isInteger(v)).toBe(true);
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(1);
          }
        } else expect(rowsOut).toBe("#N/A");
        const n = f.partnerships(column(rs, 0), column(rs, 1), [["Local"]]);
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeLessThanOrEqual(f.partnerships(column(rs, 0)));
      }),
    );
  });

  test("CHANGE: New + Continuing = distinct current ids; Continuing + Ended = distinct previous ids", () => {
    fc.assert(
      fc.property(fc.array(idCell), fc.array(idCell), (prev, cur) => {
        const p = prev.map((v) => [v]);
        const c = cur.map((v) => [v]);
        const [[, added], [, continuing], [, ended]] = f.change(p, c) as [string, number][];
        expect(added + continuing).toBe(f.partnerships(c.length ? c : [[null]]));
        expect(continuing + ended).toBe(f.partnerships(p.length ? p : [[null]]));
      }),
    );
  });

  test("PARTNERSHIPSBY: each count is PARTNERSHIPS with that group as criterion; the counts add up to at least PARTNERSHIPS", () => {
    // Groups without ";" here: PARTNERSHIPS splits a multi-select criteria cell, PARTNERSHIPSBY's groups are key cells.
    const group = fc.constantFrom("Local", "local ", "Regional", " REGIONAL", "Sub-regional", "", null);
    fc.assert(
      fc.property(fc.array(fc.tuple(idCell, group), { maxLength: 40 }), (rs) => {
        const ids = column(rs, 0);
        const groups = column(rs, 1);
        const total = value(() => f.partnerships(ids.length ? ids : [[null]]));
        const out = value(() => f.partnershipsBy(ids, groups));
        if (total === 0) {
          expect(out).toBe("#N/A");
          return;
        }
        const byGroup = out as [string, number][];
        let sum = 0;
        for (const [g, n] of byGroup) {
          sum += n;
          expect(n).toBeGreaterThan(0);
          if (g !== "(blank)") expect(n).toBe(f.partnerships(ids, groups, [[g]]));
        }
        expect(sum).toBeGreaterThanOrEqual(total as number);
        for (let i = 1; i < byGroup.length; i++)
          expect(byGroup[i - 1][1]).toBeGreaterThanOrEqual(byGroup[i][1]);
        // One group for every row: the count is PARTNERSHIPS.
        expect(
          f.partnershipsBy(
            ids,
            ids.map(() => ["All"]),
          ),
        ).toEqual([["All", total]]);
      }),
    );
  });

  test("LEADERSHIPBY over one group is LEADERSHIPRATIO with ids; ratios in [0, 1]", () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const ids = column(rs, 0);
        const roles = column(rs, 3);
        const one = value(() =>
          f.leadershipBy(
            roles,
            ids,
            ids.map(() => ["All"]),
          ),
        );
        const ratio = value(() => f.leadershipRatio(roles, ids));
        if (ratio === "#DIV/0!") {
          expect(one).toBe("#N/A");
        } else {
          const counted = rs.filter((r) => f.partnerships([[r[0]]]) === 1 && r[3] !== "");
          const distinct = value(() =>
            f.partnerships(counted.length ? counted.map((r) => [r[0]]) : [[null]]),
          );
          expect(one).toEqual([["All", distinct, expect.closeTo(ratio as number, 12)]]);
        }
        const byLevel = value(() => f.leadershipBy(roles, ids, column(rs, 1)));
        if (Array.isArray(byLevel)) {
          for (const [, n, share] of byLevel as [string, number, number][]) {
            expect(Number.isInteger(n) && n > 0).toBe(true);
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(1);
          }
        } else expect(byLevel).toBe("#N/A");
      }),
    );
  });

  test("COST with every rate 1 is the sum of hours; it is linear in the rates", () => {
    const grade = fc.constantFrom("Senior", " senior", "Manager", "Officer", 7);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(grade, fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e6, noNaN: true }))), {
          maxLength: 40,
        }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (rs, k) => {
          const hours = column(rs, 1);
          const grades = column(rs, 0);
          const rateGrades = col("Senior", "Manager", "Officer", "7");
          const sum = rs.reduce((t, r) => t + (r[1] ?? 0), 0);
          const close = (x: number): number => 6 - Math.max(0, Math.ceil(Math.log10(Math.abs(x) + 1)));
          expect(f.cost(hours, grades, rateGrades, col(1, 1, 1, 1))).toBeCloseTo(sum, close(sum));
          expect(f.cost(hours, grades, rateGrades, col(k, k, k, k))).toBeCloseTo(sum * k, close(sum * k));
        },
      ),
    );
  });

  test("REVIEW: hours add up to the hours of rows with an id; one row per distinct id; values in 1…4; flags follow the rule", () => {
    const rating = fc.oneof(
      fc.constant(null),
      fc.constant(""),
      fc.integer({ min: 1, max: 4 }),
      fc.constant("2.5"),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(idCell, fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e4, noNaN: true }))),
          {
            maxLength: 30,
          },
        ),
        fc.array(fc.tuple(idCell, fc.array(rating, { minLength: 4, maxLength: 4 })), { maxLength: 30 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (rs, survey, below, from) => {
          const ids = column(rs, 0);
          const hours = column(rs, 1);
          const surveyIds = survey.length ? survey.map((r) => [r[0]]) : [[null]];
          const ratings = survey.length ? survey.map((r) => r[1]) : [[null]];
          const out = value(() => f.review(ids, hours, surveyIds, ratings, below, from));
          const distinct = value(() => f.partnerships(ids.length ? ids : [[null]]));
          if (distinct === 0) {
            expect(out).toBe("#N/A");
            return;
          }
          const rows = out as [string, number, number | "", string][];
          expect(rows.length).toBe(distinct);
          const withId = rs.filter((r) => f.partnerships([[r[0]]]) === 1);
          const total = withId.reduce((t, r) => t + (r[1] ?? 0), 0);
          expect(rows.reduce((t, r) => t + r[1], 0)).toBeCloseTo(total, 6);
          for (let i = 1; i < rows.length; i++) expect(rows[i - 1][1]).toBeGreaterThanOrEqual(rows[i][1]);
          for (const [, h, v, flag] of rows) {
            if (v === "") expect(flag).toBe("No rating");
            else {
              expect(v).toBeGreaterThanOrEqual(1);
              expect(v).toBeLessThanOrEqual(4);
              expect(flag).toBe(v < below && h >= from ? "Review" : "Keep");
            }
          }
        },
      ),
    );
  });

  test("REVIEW gives the same outcome whether survey_ids comes as a column (read as it is used) or as a list of the same cells (read in full first)", () => {
    const rating = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 4 }), fc.constantFrom(5, "x", "3"));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(idCell, fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 50 }))), {
          minLength: 1,
          maxLength: 12,
        }),
        // mostly one survey id a row, as from Excel; sometimes none or two (only from code)
        fc.array(fc.array(idCell, { minLength: 0, maxLength: 2 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.array(rating, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 13 }),
        (rs, surveyRows, ratings) => {
          const ids = column(rs, 0);
          const hours = column(rs, 1);
          const asColumn = value(() => f.review(ids, hours, surveyRows, ratings));
          // a 1-D list (only from code) is one row of cells, read in full before use
          const asList = value(() => f.review(ids, hours, surveyRows.flat() as never, ratings));
          expect(asColumn).toEqual(asList);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("SCORE lies between the smallest and largest rating", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1 }), (ratings) => {
        const s = f.score([ratings]);
        expect(s).toBeGreaterThanOrEqual(Math.min(...ratings) - 1e-12);
        expect(s).toBeLessThanOrEqual(Math.max(...ratings) + 1e-12);
      }),
    );
  });
});

// ------------------------------------------------------------------------------------------------
// Fuzzing: whatever goes in, the result is a number, a rectangular array, or a CustomFunctions.Error.

const junkCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    "",
    " ",
    "#N/A",
    "#DIV/0!",
    "Leading",
    "week",
    "1e3",
    " 3.5 ",
    "-2",
    "0x10",
    "a;b\nc",
    true,
    false,
  ),
  fc.string(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, 1e308),
  fc.integer(),
  fc.constantFrom("#VALUE!", "#REF!", "#SPILL!").map((code) => excelError(code)),
  fc.constantFrom({}, [], [[1]], { code: 42 }, new Date(0), () => 1),
);

const junkArg: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.array(junkCell, { maxLength: 4 }), { maxLength: 6 }) },
  { weight: 2, arbitrary: junkCell },
  { weight: 1, arbitrary: fc.array(junkCell, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(junkCell, fc.array(junkCell)), { maxLength: 4 }) },
  // sparse ranges (holes in the rows and in a row), as code may build them
  {
    weight: 1,
    arbitrary: fc.sparseArray(fc.sparseArray(junkCell, { maxLength: 4 }), { maxLength: 6 }),
  },
);

function isAcceptable(run: () => unknown): boolean {
  let out: unknown;
  try {
    out = run();
  } catch (e) {
    // "could not use its arguments" is the last resort for an unexpected exception: never for cells.
    return (
      e instanceof CustomFunctions.Error &&
      typeof e.code === "string" &&
      typeof e.message === "string" &&
      !e.message.includes("could not use its arguments")
    );
  }
  if (typeof out === "number") return Number.isFinite(out);
  if (!Array.isArray(out) || out.length === 0) return false;
  const width = (out[0] as unknown[]).length;
  return out.every(
    (row) =>
      Array.isArray(row) &&
      row.length === width &&
      row.every((cell) => typeof cell === "string" || (typeof cell === "number" && Number.isFinite(cell))),
  );
}

describe("fuzzing", () => {
  const fns: [string, (...args: unknown[]) => unknown][] = [
    ["partnerships", f.partnerships as (...args: unknown[]) => unknown],
    ["perDistrict", f.perDistrict as (...args: unknown[]) => unknown],
    ["fte", f.fte as (...args: unknown[]) => unknown],
    ["fteBy", f.fteBy as (...args: unknown[]) => unknown],
    ["leadershipRatio", f.leadershipRatio as (...args: unknown[]) => unknown],
    ["breakdown", f.breakdown as (...args: unknown[]) => unknown],
    ["change", f.change as (...args: unknown[]) => unknown],
    ["score", f.score as (...args: unknown[]) => unknown],
    ["partnershipsBy", f.partnershipsBy as (...args: unknown[]) => unknown],
    ["leadershipBy", f.leadershipBy as (...args: unknown[]) => unknown],
    ["cost", f.cost as (...args: unknown[]) => unknown],
    ["review", f.review as (...args: unknown[]) => unknown],
  ];
  test.each(fns)("%s: a number, a rectangular array or a CustomFunctions.Error", (_name, fn) => {
    fc.assert(
      fc.property(fc.array(junkArg, { maxLength: 6 }), (args) => {
        expect(isAcceptable(() => fn(...args))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test.each(fns)("%s: same-size columns of odd values", (_name, fn) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.array(junkCell, { minLength: 8, maxLength: 8 }), { minLength: 5, maxLength: 5 }),
        (n, cols) => {
          const args = cols.map((c) => c.slice(0, n).map((v) => [v]));
          expect(isAcceptable(() => fn(...args))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

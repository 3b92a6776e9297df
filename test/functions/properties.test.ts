/**
 * @jest-environment ./test/setup/custom-functions-environment.js
 *
 * Property-based tests (fast-check): invariants of the AUDIT functions, and fuzzing, each function
 * called the way Excel calls it, through Microsoft's custom-functions dispatcher
 * (./excel-dispatch.ts). The runtime sends results back in timed batches, so a property draws its
 * samples first (fast-check, fixed seed), sends every call of every sample in one invocation
 * message, and then checks each sample; a failure names the sample and the seed. Values Excel
 * cannot send (objects, NaN, sparse or 1-D arrays) are fuzzed on the exported functions directly.
 */
import fc from "fast-check";
import { readFileSync } from "fs";
import path from "path";
import * as f from "../../src/functions/functions";
import { callAll, shownValue, type Call, type Got } from "./excel-dispatch";
import { col, excelError } from "./helpers";

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

const SEED = 20261205;

/**
 * Draws `numRuns` samples of `arbitrary`, sends the calls of all of them to Excel's dispatcher in
 * one batch, and checks each sample with what its calls gave.
 */
async function forAllViaExcel<T>(
  arbitrary: fc.Arbitrary<T>,
  calls: (sample: T) => Call[],
  check: (sample: T, got: unknown[], raw: Got[]) => void,
  numRuns = 100,
): Promise<void> {
  const samples = fc.sample(arbitrary, { numRuns, seed: SEED });
  const lists = samples.map(calls);
  const all = await callAll(lists.flat());
  let at = 0;
  samples.forEach((sample, i) => {
    const raw = all.slice(at, at + lists[i].length);
    at += lists[i].length;
    try {
      check(sample, raw.map(shownValue), raw);
    } catch (e) {
      const sampleText = JSON.stringify(sample, (_k, v: unknown) => (v === undefined ? null : v));
      throw new Error(
        `sample ${i} of seed ${SEED}: ${sampleText}\n${e instanceof Error ? e.message : String(e)}`,
      );
    }
  });
}

/** True when an id cell is not blank (what PARTNERSHIPS counts), read without Excel. */
const hasId = (v: unknown): boolean => f.partnerships([[v]]) === 1;

describe("invariants", () => {
  test("PARTNERSHIPS, PERDISTRICT, LEADERSHIPRATIO, BREAKDOWN, CHANGE, PARTNERSHIPSBY, LEADERSHIPBY do not change when rows are permuted", async () => {
    const calls = (x: unknown[][][]): Call[] => {
      const [ids, lv, ty, roles] = x;
      return [
        ["PARTNERSHIPS", [ids, lv, [["Local"]], ty, [["A"], ["Key"]]]],
        ["PERDISTRICT", [ids, lv]],
        ["LEADERSHIPRATIO", [roles, ids]],
        ["BREAKDOWN", [ty]],
        ["CHANGE", [ids, lv]],
        ["PARTNERSHIPSBY", [ids, lv]],
        ["PARTNERSHIPSBY", [ids, ty, [["Regional"], ["b"], ["National"]]]],
        ["LEADERSHIPBY", [roles, ids, lv]],
      ];
    };
    const cols = (rs: unknown[][]): unknown[][][] => [0, 1, 2, 3, 4].map((i) => column(rs, i));
    await forAllViaExcel(
      fc.tuple(
        rows.filter((rs) => rs.length > 0),
        fc.integer(),
      ),
      ([rs, seed]) => [...calls(cols(rs)), ...calls(cols(shuffled(rs, seed)))],
      (_sample, got) => {
        const half = got.length / 2;
        for (let i = 0; i < half; i++) {
          const a = got[i];
          const b = got[half + i];
          if (typeof a === "number") expect(b).toBeCloseTo(a, 9);
          else expect(lowerLabels(b)).toEqual(lowerLabels(a)); // the first spelling seen may differ
        }
      },
    );
  });

  test("FTE is linear in hours", async () => {
    await forAllViaExcel(
      fc.tuple(
        fc.array(fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e6, noNaN: true })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.constantFrom("week", "month", "quarter", "year"),
      ),
      ([hours, k, period]) => [
        ["FTE", [hours.map((h) => [h]), period]],
        ["FTE", [hours.map((h) => [h === null ? null : h * k]), period]],
      ],
      ([, k], [base, scaled]) => {
        const expected = (base as number) * k;
        expect(scaled).toBeCloseTo(expected, 6 - Math.max(0, Math.ceil(Math.log10(Math.abs(expected) + 1))));
      },
    );
  });

  test("FTEBY groups add up to FTE", async () => {
    await forAllViaExcel(
      rows.filter((rs) => rs.some((r) => r[4] !== null)),
      (rs) => [
        ["FTE", [column(rs, 4)]],
        ["FTEBY", [column(rs, 1), column(rs, 4)]],
      ],
      (_rs, [total, out]) => {
        const byGroup = out as [string, number][];
        const sum = byGroup.reduce((s, [, v]) => s + v, 0);
        expect(sum).toBeCloseTo(total as number, 6);
        for (let i = 1; i < byGroup.length; i++)
          expect(byGroup[i - 1][1]).toBeGreaterThanOrEqual(byGroup[i][1]);
      },
    );
  });

  test("ratios and shares stay in [0, 1]; counts are whole numbers", async () => {
    await forAllViaExcel(
      rows.filter((rs) => rs.length > 0),
      (rs) => [
        ["LEADERSHIPRATIO", [column(rs, 3)]],
        ["LEADERSHIPRATIO", [column(rs, 3), column(rs, 0)]],
        ["BREAKDOWN", [column(rs, 2)]],
        ["PARTNERSHIPS", [column(rs, 0), column(rs, 1), [["Local"]]]],
        ["PARTNERSHIPS", [column(rs, 0)]],
      ],
      (_rs, [ratio, ratioById, rowsOut, n, all]) => {
        for (const r of [ratio, ratioById]) {
          if (typeof r === "number") {
            expect(r).toBeGreaterThanOrEqual(0);
            expect(r).toBeLessThanOrEqual(1);
          } else expect(r).toBe("#DIV/0!");
        }
        if (Array.isArray(rowsOut)) {
          for (const [, v, share] of rowsOut as [string, number, number][]) {
            expect(Number.isInteger(v)).toBe(true);
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(1);
          }
        } else expect(rowsOut).toBe("#N/A");
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeLessThanOrEqual(all as number);
      },
    );
  });

  test("CHANGE: New + Continuing = distinct current ids; Continuing + Ended = distinct previous ids", async () => {
    await forAllViaExcel(
      fc.tuple(fc.array(idCell), fc.array(idCell)),
      ([prev, cur]) => {
        const p = prev.length ? prev.map((v) => [v]) : [[null]];
        const c = cur.length ? cur.map((v) => [v]) : [[null]];
        return [
          ["CHANGE", [p, c]],
          ["PARTNERSHIPS", [c]],
          ["PARTNERSHIPS", [p]],
        ];
      },
      (_s, [out, current, previous]) => {
        const [[, added], [, continuing], [, ended]] = out as [string, number][];
        expect(added + continuing).toBe(current);
        expect(continuing + ended).toBe(previous);
      },
    );
  });

  test("PARTNERSHIPSBY: each count is PARTNERSHIPS with that group as criterion; the counts add up to at least PARTNERSHIPS", async () => {
    // Groups without ";" here: PARTNERSHIPS splits a multi-select criteria cell, PARTNERSHIPSBY's groups are key cells.
    const group = fc.constantFrom("Local", "local ", "Regional", " REGIONAL", "Sub-regional", "", null);
    const groupsOf = (_rs: unknown[][]): string[] => ["Local", "Regional", "Sub-regional"];
    await forAllViaExcel(
      fc.array(fc.tuple(idCell, group), { minLength: 1, maxLength: 40 }),
      (rs) => {
        const ids = column(rs, 0);
        const groups = column(rs, 1);
        return [
          ["PARTNERSHIPS", [ids]],
          ["PARTNERSHIPSBY", [ids, groups]],
          ["PARTNERSHIPSBY", [ids, ids.map(() => ["All"])]],
          ...groupsOf(rs).map((g): Call => ["PARTNERSHIPS", [ids, groups, [[g]]]]),
        ];
      },
      (rs, [total, out, all, ...perGroup]) => {
        if (total === 0) {
          expect(out).toBe("#N/A");
          return;
        }
        const byGroup = out as [string, number][];
        let sum = 0;
        for (const [g, n] of byGroup) {
          sum += n;
          expect(n).toBeGreaterThan(0);
          const k = groupsOf(rs).findIndex((x) => x.toLowerCase() === g.trim().toLowerCase());
          if (g !== "(blank)") expect(n).toBe(perGroup[k]);
        }
        expect(sum).toBeGreaterThanOrEqual(total as number);
        for (let i = 1; i < byGroup.length; i++)
          expect(byGroup[i - 1][1]).toBeGreaterThanOrEqual(byGroup[i][1]);
        // One group for every row: the count is PARTNERSHIPS.
        expect(all).toEqual([["All", total]]);
      },
    );
  });

  test("LEADERSHIPBY over one group is LEADERSHIPRATIO with ids; ratios in [0, 1]", async () => {
    await forAllViaExcel(
      rows.filter((rs) => rs.length > 0),
      (rs) => {
        const ids = column(rs, 0);
        const roles = column(rs, 3);
        const counted = rs.filter((r) => hasId(r[0]) && r[3] !== "");
        return [
          ["LEADERSHIPBY", [roles, ids, ids.map(() => ["All"])]],
          ["LEADERSHIPRATIO", [roles, ids]],
          ["PARTNERSHIPS", [counted.length ? counted.map((r) => [r[0]]) : [[null]]]],
          ["LEADERSHIPBY", [roles, ids, column(rs, 1)]],
        ];
      },
      (_rs, [one, ratio, distinct, byLevel]) => {
        if (ratio === "#DIV/0!") expect(one).toBe("#N/A");
        else expect(one).toEqual([["All", distinct, expect.closeTo(ratio as number, 12)]]);
        if (Array.isArray(byLevel)) {
          for (const [, n, share] of byLevel as [string, number, number][]) {
            expect(Number.isInteger(n) && n > 0).toBe(true);
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(1);
          }
        } else expect(byLevel).toBe("#N/A");
      },
    );
  });

  test("COST with every rate 1 is the sum of hours; it is linear in the rates", async () => {
    const grade = fc.constantFrom("Senior", " senior", "Manager", "Officer", 7);
    const rateGrades = col("Senior", "Manager", "Officer", "7");
    await forAllViaExcel(
      fc.tuple(
        fc.array(fc.tuple(grade, fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e6, noNaN: true }))), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
      ),
      ([rs, k]) => [
        ["COST", [column(rs, 1), column(rs, 0), rateGrades, col(1, 1, 1, 1)]],
        ["COST", [column(rs, 1), column(rs, 0), rateGrades, col(k, k, k, k)]],
      ],
      ([rs, k], [ones, scaled]) => {
        const sum = rs.reduce((t, r) => t + (r[1] ?? 0), 0);
        const close = (x: number): number => 6 - Math.max(0, Math.ceil(Math.log10(Math.abs(x) + 1)));
        expect(ones).toBeCloseTo(sum, close(sum));
        expect(scaled).toBeCloseTo(sum * k, close(sum * k));
      },
    );
  });

  test("REVIEW: hours add up to the hours of rows with an id; one row per distinct id; values in 1…4; flags follow the rule", async () => {
    const rating = fc.oneof(
      fc.constant(null),
      fc.constant(""),
      fc.integer({ min: 1, max: 4 }),
      fc.constant("2.5"),
    );
    await forAllViaExcel(
      fc.tuple(
        fc.array(
          fc.tuple(idCell, fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e4, noNaN: true }))),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.array(fc.tuple(idCell, fc.array(rating, { minLength: 4, maxLength: 4 })), { maxLength: 30 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
      ),
      ([rs, survey, below, from]) => {
        const surveyIds = survey.length ? survey.map((r) => [r[0]]) : [[null]];
        const ratings = survey.length ? survey.map((r) => r[1]) : [[null]];
        return [
          ["REVIEW", [column(rs, 0), column(rs, 1), surveyIds, ratings, below, from]],
          ["PARTNERSHIPS", [column(rs, 0)]],
        ];
      },
      ([rs, , below, from], [out, distinct]) => {
        if (distinct === 0) {
          expect(out).toBe("#N/A");
          return;
        }
        const reviewed = out as [string, number, number | "", string][];
        expect(reviewed.length).toBe(distinct);
        const total = rs.filter((r) => hasId(r[0])).reduce((t, r) => t + (r[1] ?? 0), 0);
        expect(reviewed.reduce((t, r) => t + r[1], 0)).toBeCloseTo(total, 6);
        for (let i = 1; i < reviewed.length; i++)
          expect(reviewed[i - 1][1]).toBeGreaterThanOrEqual(reviewed[i][1]);
        for (const [, h, v, flag] of reviewed) {
          if (v === "") expect(flag).toBe("No rating");
          else {
            expect(v).toBeGreaterThanOrEqual(1);
            expect(v).toBeLessThanOrEqual(4);
            expect(flag).toBe(v < below && h >= from ? "Review" : "Keep");
          }
        }
      },
    );
  });

  test("REVIEW gives the same outcome whether survey_ids comes as a column (read as it is used) or as a list of the same cells (read in full first)", () => {
    // A 1-D list is only from code: both calls are direct, as JavaScript callers make them.
    const rating = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 4 }), fc.constantFrom(5, "x", "3"));
    const value = (run: () => unknown): unknown => {
      try {
        return run();
      } catch (e) {
        if (e instanceof CustomFunctions.Error) return e.code;
        throw e;
      }
    };
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
          const asList = value(() => f.review(ids, hours, surveyRows.flat() as never, ratings));
          expect(asColumn).toEqual(asList);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("SCORE lies between the smallest and largest rating", async () => {
    await forAllViaExcel(
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1 }),
      (ratings) => [["SCORE", [[ratings]]]],
      (ratings, [s]) => {
        expect(s).toBeGreaterThanOrEqual(Math.min(...ratings) - 1e-12);
        expect(s).toBeLessThanOrEqual(Math.max(...ratings) + 1e-12);
      },
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

/** A finite number, or a non-empty rectangular array of text and finite numbers (a spill). */
function isResult(out: unknown): boolean {
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
  return isResult(out);
}

describe("fuzzing JavaScript callers (direct calls: values Excel cannot send)", () => {
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

// What Excel can send: cells of text, finite numbers, booleans, blanks and (to a function that
// accepts errors) error values, in ranges where the metadata declares a matrix and single cells
// where it declares one value; a repeating parameter any number of times.
const excelCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, "", " ", "#N/A", "Leading", "week", "1e3", " 3.5 ", "-2", "a;b\nc", true, false),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, Number.MAX_VALUE, Number.MIN_VALUE, 1e308, -1e308),
  fc.integer({ min: -10, max: 10 }),
  fc.constantFrom("#VALUE!", "#REF!", "#N/A").map((code) => excelError(code)),
);
const excelRange = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }))
  .chain(([r, c]) =>
    fc.array(fc.array(excelCell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
  );

const METADATA = JSON.parse(readFileSync(path.join(__dirname, "functions.metadata.json"), "utf8")) as {
  functions: {
    id: string;
    parameters: { dimensionality?: string; optional?: boolean; repeating?: boolean }[];
  }[];
};

/** Arguments Excel could pass to function `id`, as a JavaScript caller gives them (repeats spread). */
function excelArgs(id: string): fc.Arbitrary<unknown[]> {
  const parameters = METADATA.functions.find((fn) => fn.id === id)?.parameters ?? [];
  return fc
    .tuple(
      ...parameters.map((p): fc.Arbitrary<unknown[]> => {
        const one = p.dimensionality === "matrix" ? excelRange : excelCell;
        if (p.repeating) return fc.array(one, { maxLength: 4 });
        if (p.optional)
          return fc.oneof(
            fc.constant<unknown[]>([null]),
            one.map((v) => [v]),
          );
        return one.map((v) => [v]);
      }),
    )
    .map((parts) => parts.flat());
}

/** Excel's result codes for a custom function. */
const RESULT_CODES = new Set(["#N/A", "#DIV/0!", "#NUM!", "#NULL!", "#VALUE!"]);

function acceptableForExcel(got: Got): boolean {
  if (!("value" in got)) {
    return (
      RESULT_CODES.has(got.code) &&
      got.message.length > 10 &&
      !got.message.includes("could not use its arguments")
    );
  }
  const out = got.value;
  return isResult(out);
}

describe("fuzzing through Microsoft's dispatcher, as Excel calls the functions", () => {
  test.each(METADATA.functions.map((fn) => fn.id))(
    "%s: a number, a rectangular array or an Excel error with a message",
    async (id) => {
      await forAllViaExcel(
        excelArgs(id),
        (args) => [[id, args]],
        (_args, _shown, [got]) => expect({ got, ok: acceptableForExcel(got) }).toEqual({ got, ok: true }),
        300,
      );
    },
  );
});

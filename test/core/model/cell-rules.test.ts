/**
 * The one set of cell rules (src/core/model/cell-rules.ts), and the promise it makes: a value `check`
 * accepts is a value every figure counts, and a value a figure cannot use is a finding in `check`.
 */
import {
  isBlank,
  numberAdvice,
  numberFromText,
  toLabel,
  toNumber,
  toText,
  withinBounds,
} from "../../../src/core/model/cell-rules";
import { checkReturn } from "../../../src/core/returns/checks";
import { fte } from "../../../src/core/calc";
import { computeHeadlines } from "../../../src/core/figures/headlines";
import { readReturn } from "../../../src/core/returns/read-return";
import { typedColumn } from "../../../src/core/model/schemas";
import { GOOD_REPRESENTATION, grid } from "../returns/return-fixtures";

describe("what a number is", () => {
  it.each([
    [12, 12],
    [-4.5, -4.5],
    [" 3.5 ", 3.5],
    ["12", 12],
    ["-4", -4],
    ["+5", 5],
    [".5", 0.5],
    ["5.", 5],
    ["1e3", 1000],
    ["2E-2", 0.02],
    ["\u00a012\u00a0", 12],
    ["1,200", undefined],
    ["1,20", undefined],
    ["1 200", undefined],
    ["50%", undefined],
    ["£12", undefined],
    ["0x1A", undefined],
    ["Infinity", undefined],
    ["NaN", undefined],
    ["1e999", undefined],
    ["1.2.3", undefined],
    ["twelve", undefined],
    [".", undefined],
    ["", undefined],
    ["  ", undefined],
    [true, undefined],
    [false, undefined],
    [null, undefined],
    [Infinity, undefined],
    [Number.NaN, undefined],
    [{ error: "#N/A" }, undefined],
  ] as const)("toNumber(%p) = %p", (input, expected) => {
    expect(toNumber(input)).toBe(expected);
  });

  it("numberFromText: null for blank text, undefined for text that is not numeric", () => {
    expect(numberFromText("   ")).toBeNull();
    expect(numberFromText("x")).toBeUndefined();
    expect(numberFromText("1e999")).toBe(Infinity);
  });

  it.each([
    ["1,200", "type it without the comma, as 1200"],
    ["-12,345.5", "type it without the comma, as -12345.5"],
    ["50%", "type the number without the % sign"],
    ["£12", "type the number without the currency sign"],
    ["12 €", "type the number without the currency sign"],
    ["1 200", "type it without spaces, as 1200"],
    ["twelve", undefined],
  ])("advice for %p", (text, advice) => {
    expect(numberAdvice(text)).toBe(advice);
  });
});

describe("blanks, text and labels", () => {
  it.each([
    [null, true],
    [undefined, true],
    ["", true],
    ["  \n", true],
    [0, false],
    ["x", false],
    [false, false],
  ] as const)("isBlank(%p) = %p", (input, expected) => {
    expect(isBlank(input)).toBe(expected);
  });

  it("shows numbers and booleans as Excel does, and tidies labels", () => {
    expect(toText(5)).toBe("5");
    expect(toText(true)).toBe("TRUE");
    expect(toText(" a ")).toBe("a");
    expect(toText({ error: "#N/A" })).toBeNull();
    expect(toLabel("  Pressure   on key\nstaff time ")).toBe("Pressure on key staff time");
    expect(toLabel(2005)).toBe("2005");
    expect(toLabel("   ")).toBeNull();
  });

  it.each([
    [2005, { min: 1990, max: 2026, integer: true }, true],
    [2005.5, { min: 1990, max: 2026, integer: true }, false],
    [1989, { min: 1990 }, false],
    [5, { max: 4 }, false],
    [0, {}, true],
  ])("withinBounds(%p, %p) = %p", (n, bounds, expected) => {
    expect(withinBounds(n, bounds)).toBe(expected);
  });
});

/**
 * A return whose one Representation row has `text` as its Annual hours (a formula overwritten by
 * hand, or a pasted value): either check reports an error at that cell, or every figure counts it.
 */
describe("a value check accepts is a value every figure counts", () => {
  const FULL_TIME = 37 * 52;
  const cases: readonly (readonly [string, number | "error"])[] = [
    ["1200", 1200],
    [" 1200 ", 1200],
    ["+1200", 1200],
    ["1.2e3", 1200],
    ["1200.", 1200],
    ["\u00a01200", 1200],
    ["1,200", "error"],
    ["1 200", "error"],
    ["1.200,5", "error"],
    ["1200 hours", "error"],
    ["1200%", "error"],
    ["£1200", "error"],
    ["0x4B0", "error"],
    ["Infinity", "error"],
    ["1e999", "error"],
    ["-1200", "error"],
    ["TRUE", "error"],
  ];

  it.each(cases)("Annual hours %p", (text, expected) => {
    const ret = readReturn(
      grid({ Representation: [{ ...GOOD_REPRESENTATION, annualHours: text }] }),
      "D01.xlsx",
    );
    const errors = checkReturn(ret, { currentYear: 2026 }).filter(
      (f) => f.severity === "error" && f.column === "Annual hours",
    );
    const h = computeHeadlines([ret]);
    const table = ret.tables.Representation;
    const typed = table ? typedColumn(table, "annualHours")[0] : undefined;
    if (expected === "error") {
      expect(errors).toHaveLength(1);
      expect(errors[0].address).toBe("G2");
      // and indeed no figure could count it
      expect(() => fte([[text]])).toThrow();
      expect(typed?.ok && typeof typed.value === "number" && typed.value >= 0).toBe(false);
    } else {
      expect(errors).toEqual([]);
      expect(h.fte).toBeCloseTo(expected / FULL_TIME, 12);
      expect(h.fteByDistrict).toEqual({ D01: h.fte });
      expect(fte([[text]])).toBeCloseTo(expected / FULL_TIME, 12);
      expect(typed?.ok && typed.value).toBe(expected);
    }
  });

  it("1,200 in Annual hours is an error that says what to type", () => {
    const ret = readReturn(
      grid({ Representation: [{ ...GOOD_REPRESENTATION, annualHours: "1,200" }] }),
      "D01.xlsx",
    );
    const messages = checkReturn(ret, { currentYear: 2026 })
      .filter((f) => f.severity === "error")
      .map((f) => f.message);
    expect(messages).toEqual([
      '"1,200" is not a number; restore the table\'s formula for Annual hours (or type it without the comma, as 1200)',
    ]);
  });

  it("numeric text in an input column is a warning and is counted", () => {
    const ret = readReturn(
      grid({
        Representation: [
          { ...GOOD_REPRESENTATION, meetingsPerYear: " 10 ", hoursPerMeeting: "3", annualHours: null },
        ],
      }),
      "D01.xlsx",
    );
    const findings = checkReturn(ret, { currentYear: 2026 });
    expect(findings.map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(computeHeadlines([ret]).fte).toBeCloseTo(30 / FULL_TIME, 12);
  });
});

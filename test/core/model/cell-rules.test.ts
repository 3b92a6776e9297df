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
import { typedCells } from "../../../src/core/model/schemas";
import { GOOD_PARTNERSHIP, GOOD_REPRESENTATION, GOOD_SURVEY, grid } from "../returns/return-fixtures";

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

  it.each([
    // text, bounds, range wording, advice
    [
      "1,200",
      { min: 0, max: 8760 },
      "a number from 0 to 8760",
      "type it without the comma, as 1200 (a number from 0 to 8760)",
    ],
    [
      "1,200",
      { min: 0, max: 24 },
      "a number from 0 to 24",
      "1,200 is more than 24; type a number from 0 to 24",
    ],
    ["-1,200", { min: 0 }, "a number of 0 or more", "-1,200 is less than 0; type a number of 0 or more"],
    [
      "150%",
      { min: 0, max: 24 },
      "a number from 0 to 24",
      "150% is more than 24; type a number from 0 to 24",
    ],
    [
      "£2.5",
      { min: 1, max: 4, integer: true },
      "a whole number from 1 to 4",
      "£2.5 is not a whole number; type a whole number from 1 to 4",
    ],
    [
      "2 005",
      { min: 1990, max: 2026, integer: true },
      "a year from 1990 to 2026",
      "type it without spaces, as 2005 (a year from 1990 to 2026)",
    ],
    [
      "20 260",
      { min: 1990, max: 2026, integer: true },
      "a year from 1990 to 2026",
      "20 260 is more than 2026; type a year from 1990 to 2026",
    ],
    ["twelve", { min: 0, max: 24 }, "a number from 0 to 24", undefined],
  ])("advice for %p within %p", (text, bounds, range, advice) => {
    expect(numberAdvice(text, { bounds, range })).toBe(advice);
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
    const typed = table ? typedCells(table, "annualHours").at(0) : undefined;
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

  it.each([
    // table, column key, text typed, the finding's column, its message
    [
      "Representation",
      "hoursPerMeeting",
      "1,200",
      "Hours per meeting",
      '"1,200" is not a number; 1,200 is more than 24; type a number from 0 to 24',
    ],
    [
      "Representation",
      "hoursPerMeeting",
      "1,5",
      "Hours per meeting",
      '"1,5" is not a number; enter a number from 0 to 24',
    ],
    [
      "Representation",
      "otherHoursPerMonth",
      "1,200",
      "Other hours per month",
      '"1,200" is not a number; 1,200 is more than 744; type a number from 0 to 744',
    ],
    [
      "Representation",
      "otherHoursPerMonth",
      "1 200",
      "Other hours per month",
      '"1 200" is not a number; 1 200 is more than 744; type a number from 0 to 744',
    ],
    [
      "Representation",
      "meetingsPerYear",
      "1,200",
      "Meetings per year",
      '"1,200" is not a number; type it without the comma, as 1200 (a number of 0 or more)',
    ],
    [
      "Partnerships",
      "meetingsPerYear",
      "1,200",
      "Meetings per year",
      '"1,200" is not a number; 1,200 is more than 365; type a number from 0 to 365',
    ],
    [
      "Partnerships",
      "meetingsPerYear",
      "12%",
      "Meetings per year",
      '"12%" is not a number; type the number without the % sign (a number from 0 to 365)',
    ],
    [
      "Partnerships",
      "involvedSince",
      "2 050",
      "Involved since",
      '"2 050" is not a number; 2 050 is more than 2026; type a year from 1990 to 2026',
    ],
    [
      "PartnerSurvey",
      "trustReliable",
      "£5",
      "Trust (reliable)",
      '"£5" is not a number; £5 is more than 4; type a whole number from 1 to 4',
    ],
  ] as const)(
    "%s %s %p: the advice never offers a number outside the rule",
    (table, key, text, column, message) => {
      const base = {
        Partnerships: GOOD_PARTNERSHIP,
        Representation: GOOD_REPRESENTATION,
        PartnerSurvey: GOOD_SURVEY,
      }[table];
      const ret = readReturn(grid({ [table]: [{ ...base, [key]: text }] }), "D01.xlsx");
      const errors = checkReturn(ret, { currentYear: 2026 }).filter((f) => f.severity === "error");
      expect(errors.map((f) => [f.column, f.message])).toEqual([[column, message]]);
    },
  );

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

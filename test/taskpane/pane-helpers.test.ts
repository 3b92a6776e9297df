import type { Finding } from "../../src/core/model/findings";
import {
  describeError,
  formatFte,
  formatPercent,
  formatPerDistrict,
  formatHourlyCost,
  formatHours,
  formatPounds,
  formatRating,
  isAbort,
  listWords,
  plural,
} from "../../src/taskpane/format";
import { findingPlace, groupFindings } from "../../src/taskpane/group-findings";
import { draftOf, validateSettings } from "../../src/taskpane/settings-form";

describe("number formats", () => {
  test.each([
    [4.636, "4.6"],
    [4, "4.0"],
    [null, "–"],
  ])("per district %p → %p", (value, text) => expect(formatPerDistrict(value)).toBe(text));

  test.each([
    [1.0234, "1.02"],
    [0, "0.00"],
    [12345.678, "12,345.68"],
  ])("FTE %p → %p", (value, text) => expect(formatFte(value)).toBe(text));

  test.each([
    [0.523, "52%"],
    [1, "100%"],
    [null, "–"],
  ])("leadership %p → %p", (value, text) => expect(formatPercent(value)).toBe(text));

  test.each([
    [61234.5, "£61,235"],
    [0, "£0"],
    [0.49, "£0"],
    [1234567.89, "£1,234,568"],
    [Number.NaN, "–"],
  ])("cost %p → %p", (value, text) => expect(formatPounds(value)).toBe(text));

  test.each([
    [45, "£45"],
    [30.5, "£30.50"],
    [1234.567, "£1,234.57"],
  ])("hourly cost %p → %p", (value, text) => expect(formatHourlyCost(value)).toBe(text));

  test.each([
    [409.6, "410"],
    [12000, "12,000"],
    [0, "0"],
  ])("hours %p → %p", (value, text) => expect(formatHours(value)).toBe(text));

  test.each([
    [2.25, "2.25"],
    [7 / 3, "2.33"],
    [2, "2"],
    [Number.NaN, "–"],
  ])("rating %p → %p", (value, text) => expect(formatRating(value)).toBe(text));

  test.each([
    [[], ""],
    [["Grade 7"], "Grade 7"],
    [["Grade 7", "SEO"], "Grade 7 and SEO"],
    [["Grade 7", "SEO", "EO"], "Grade 7, SEO and EO"],
  ])("list %p → %p", (items, text) => expect(listWords(items)).toBe(text));

  test("plural", () => {
    expect(plural(1, "error")).toBe("1 error");
    expect(plural(3, "warning")).toBe("3 warnings");
    expect(plural(0, "row")).toBe("0 rows");
  });
});

describe("messages", () => {
  test("an error says what failed and what to do", () => {
    expect(describeError(new Error("The sheet is protected."), "save the settings")).toBe(
      "Could not save the settings: The sheet is protected. Close any dialog or cell being edited in Excel and try again.",
    );
    expect(describeError(42, "check the workbook")).toMatch(
      /^Could not check the workbook: an unexpected problem\./,
    );
  });

  test("an abort is recognised", () => {
    const abort = new Error("aborted");
    abort.name = "AbortError";
    expect(isAbort(abort)).toBe(true);
    expect(isAbort(new Error("x"))).toBe(false);
  });
});

describe("findings grouped for the Check view", () => {
  const f = (sheet: string, severity: Finding["severity"], row?: number, address?: string): Finding => ({
    sheet,
    severity,
    row,
    address,
    column: row ? "Our role" : undefined,
    message: "m",
  });

  test("sheets in workbook order, errors and warnings apart, rows in order", () => {
    const groups = groupFindings([
      f("Representation", "error", 3, "C3"),
      f("Partnerships", "warning", 9, "H9"),
      f("Partnerships", "error", 7, "H7"),
      f("Partnerships", "error", 2, "H2"),
      f("Elsewhere", "error"),
    ]);
    expect(groups.map((g) => g.sheet)).toEqual(["Partnerships", "Representation", "Elsewhere"]);
    expect(groups[0].errors.map((x) => x.row)).toEqual([2, 7]);
    expect(groups[0].warnings.map((x) => x.row)).toEqual([9]);
  });

  test("a finding's place", () => {
    expect(findingPlace(f("Partnerships", "error", 7, "H7"))).toBe("Row 7, Our role (H7)");
    expect(findingPlace(f("Partnerships", "error"))).toBe("Whole sheet");
  });
});

describe("the Settings form", () => {
  const good = draftOf({
    region: "North West",
    district: "",
    auditRound: "2026-Q4",
    hoursPerWeek: 37,
    weeksPerYear: 52,
  });

  test("good values pass, trimmed", () => {
    expect(validateSettings({ ...good, region: "  North West " })).toEqual({
      errors: {},
      values: {
        region: "North West",
        district: "",
        auditRound: "2026-Q4",
        hoursPerWeek: 37,
        weeksPerYear: 52,
      },
    });
  });

  test("each bad field gets a message that says what to enter", () => {
    const { values, errors } = validateSettings({
      region: " ",
      district: "",
      auditRound: "",
      hoursPerWeek: "abc",
      weeksPerYear: "60",
    });
    expect(values).toBeUndefined();
    expect(errors).toEqual({
      region: "Enter the region, for example North West.",
      auditRound: "Enter the audit round, for example 2026-Q4.",
      hoursPerWeek: "Enter a number from 1 to 168.",
      weeksPerYear: "Enter a number from 1 to 53.",
    });
  });

  test("a blank number is asked for", () => {
    expect(validateSettings({ ...good, hoursPerWeek: "" }).errors.hoursPerWeek).toBe(
      "Enter the hours per week, for example 37.",
    );
  });
});

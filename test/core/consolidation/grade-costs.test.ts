/**
 * Grade costs in the pane's import (core/consolidation/grade-costs.ts): blank regional costs are filled
 * from the return, missing grades added, a regional cost is never overwritten and a return that
 * differs is named in a warning.
 */
import {
  gradeCostChanges,
  gradeCostWarnings,
  hasGradeCosts,
  type RegionalGradeCostRow,
} from "../../../src/core/consolidation/grade-costs";
import type { AuditReturn, CellValue } from "../../../src/core/model/workbook-data";

function ret(file: string, costs: readonly (readonly [CellValue, CellValue])[]): AuditReturn {
  return {
    file,
    settings: {},
    tables: {},
    findings: [],
    gradeCosts: {
      sheet: "Settings",
      headerRow: 1,
      columns: {
        grade: { header: "Grade", letter: "E" },
        hourlyCost: { header: "Hourly cost", letter: "F" },
      },
      rows: costs.map(([grade, hourlyCost], i) => ({ excelRow: i + 2, values: { grade, hourlyCost } })),
    },
  };
}

const regional = (...rows: (readonly [CellValue, CellValue])[]): RegionalGradeCostRow[] =>
  rows.map(([grade, cost]) => ({ grade, cost }));

describe("what one return changes in the regional GradeCosts", () => {
  test.each<[string, RegionalGradeCostRow[], readonly (readonly [CellValue, CellValue])[], unknown]>([
    [
      "blank regional costs are filled, by grade whatever the spelling",
      regional(["Grade 7", null], ["SEO", ""], ["EO", 20]),
      [
        ["grade 7", 48.5],
        ["SEO", 36],
      ],
      {
        fill: [
          { row: 0, grade: "Grade 7", cost: 48.5 },
          { row: 1, grade: "SEO", cost: 36 },
        ],
        add: [],
        disagree: [],
      },
    ],
    [
      "a grade the table lacks is added",
      regional(["Grade 7", 40]),
      [
        ["Grade 7", 40],
        ["Grade 6", 55],
      ],
      { fill: [], add: [{ grade: "Grade 6", cost: 55 }], disagree: [] },
    ],
    [
      "a cost already there is kept; a different one is a disagreement",
      regional(["Grade 7", 40], ["SEO", "36"]),
      [
        ["Grade 7", 45],
        ["SEO", 36],
      ],
      { fill: [], add: [], disagree: [{ grade: "Grade 7", kept: 40, cost: 45 }] },
    ],
    [
      "a regional cost that is not a number is kept too, and said",
      regional(["Grade 7", "about 40"]),
      [["Grade 7", 45]],
      { fill: [], add: [], disagree: [{ grade: "Grade 7", kept: "about 40", cost: 45 }] },
    ],
    [
      "the return's blank costs change nothing; a grade listed twice takes its first cost",
      regional(["Grade 7", null], ["SEO", null]),
      [
        ["Grade 7", null],
        ["SEO", 30],
        ["SEO", 31],
      ],
      { fill: [{ row: 1, grade: "SEO", cost: 30 }], add: [], disagree: [] },
    ],
    [
      "a grade on two regional rows: the first row decides",
      regional(["SEO", 30], ["SEO", null]),
      [["SEO", 32]],
      { fill: [], add: [], disagree: [{ grade: "SEO", kept: 30, cost: 32 }] },
    ],
  ])("%s", (_name, rows, costs, expected) => {
    expect(gradeCostChanges(rows, ret("D01.xlsx", costs))).toEqual(expected);
  });

  test("a return without a GradeCosts table changes nothing", () => {
    const bare: AuditReturn = { file: "old.xlsx", settings: {}, tables: {}, findings: [] };
    expect(gradeCostChanges(regional(["Grade 7", null]), bare)).toEqual({ fill: [], add: [], disagree: [] });
    expect(hasGradeCosts(bare)).toBe(false);
    expect(hasGradeCosts(ret("D01.xlsx", [["Grade 7", null]]))).toBe(false);
    expect(hasGradeCosts(ret("D01.xlsx", [["Grade 7", 0]]))).toBe(true);
  });
});

describe("the warnings of an import", () => {
  test("one per grade, naming the grade, the cost kept and where it came from, and the returns", () => {
    const warnings = gradeCostWarnings(
      [
        { file: "D02.xlsx", grade: "Grade 7", kept: 45, cost: 50 },
        { file: "D03.xlsx", grade: "grade 7", kept: 45, cost: 52.5 },
        { file: "D02.xlsx", grade: "SEO", kept: 30, cost: 31 },
        { file: "D04.xlsx", grade: "EO", kept: "n/a", cost: 20 },
      ],
      new Map([["grade 7", "D01.xlsx"]]),
    );
    expect(warnings).toEqual([
      {
        file: "D02.xlsx",
        severity: "warning",
        sheet: "Settings",
        message:
          "the hourly cost of Grade 7 is 45 in D01.xlsx (taken into the regional workbook) but 50 in D02.xlsx, 52.5 in D03.xlsx; the regional workbook keeps 45 (an import never overwrites a cost it already has), so agree which is right and correct the Hourly cost in GradeCosts if need be",
      },
      {
        file: "D02.xlsx",
        severity: "warning",
        sheet: "Settings",
        message:
          "the hourly cost of SEO is 30 in the regional workbook but 31 in D02.xlsx; the regional workbook keeps 30 (an import never overwrites a cost it already has), so agree which is right and correct the Hourly cost in GradeCosts if need be",
      },
      {
        file: "D04.xlsx",
        severity: "warning",
        sheet: "Settings",
        message:
          'the hourly cost of EO is "n/a" in the regional workbook but 20 in D04.xlsx; that is not a number, so EO is not costed: type the right Hourly cost in GradeCosts',
      },
    ]);
  });

  test("no disagreement, no warning", () => {
    expect(gradeCostWarnings([], new Map())).toEqual([]);
  });
});

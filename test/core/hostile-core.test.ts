/**
 * Hostile and huge files, the core's part: labels that are names of Object.prototype
 * members are ordinary labels, a huge return is consolidated and summarised without spreading
 * its rows into a call, and a multi-select cell is split in linear time.
 */
import { checkReturn } from "../../src/core/returns/checks";
import { FINDINGS_PER_COLUMN } from "../../src/core/returns/checks/limiter";
import { countFindings } from "../../src/core/model/findings";
import { appendsToReturn, applyPlan, planConsolidation } from "../../src/core/consolidation/consolidate";
import { breakdown } from "../../src/core/calc";
import { computeHeadlines } from "../../src/core/figures/headlines";
import { summaryValues } from "../../src/core/workbook/spec";
import { readReturn } from "../../src/core/returns/read-return";
import { GOOD_PARTNERSHIP, GOOD_REPRESENTATION, grid } from "./returns/return-fixtures";

describe("labels named like Object.prototype members are ordinary labels", () => {
  const districts = ["__proto__", "constructor", "toString"];
  const returns = districts.map((d, i) =>
    readReturn(
      grid({
        settings: { district: d },
        Partnerships: [
          { ...GOOD_PARTNERSHIP, partnershipId: `P-${i}1` },
          { ...GOOD_PARTNERSHIP, partnershipId: `P-${i}2`, ourRole: "Active", type: "toString" },
        ],
        Representation: [{ ...GOOD_REPRESENTATION, partnershipId: `P-${i}1`, annualHours: 1924 }],
      }),
      `${d}.xlsx`,
    ),
  );

  it("in summary --json: perDistrictCounts, fteByDistrict, leadershipByDistrict and byType", () => {
    const h = computeHeadlines(returns);
    expect(h.districts).toBe(3);
    const json = JSON.parse(JSON.stringify(h)) as Record<string, Record<string, unknown>>;
    expect(Object.entries(json.perDistrictCounts)).toEqual([
      ["__proto__", 2],
      ["constructor", 2],
      ["toString", 2],
    ]);
    expect(Object.entries(json.fteByDistrict)).toEqual([
      ["__proto__", 1],
      ["constructor", 1],
      ["toString", 1],
    ]);
    expect(Object.entries(json.leadershipByDistrict)).toEqual([
      ["__proto__", 0.5],
      ["constructor", 0.5],
      ["toString", 0.5],
    ]);
    expect(Object.entries(json.byType).filter(([, n]) => n !== 0)).toEqual([
      ["Local Strategic Partnership", 3],
      ["toString", 3],
    ]);
    // the objects themselves, not only their JSON, hold the labels as own keys
    expect(Object.keys(h.perDistrictCounts)).toEqual(districts);
    expect(Object.getPrototypeOf(h.perDistrictCounts)).toBe(Object.prototype);
  });

  it("in the Summary's by-district block", () => {
    expect(summaryValues(returns).blocks.byDistrict).toEqual([
      ["__proto__", 2, 0.5],
      ["constructor", 2, 0.5],
      ["toString", 2, 0.5],
    ]);
  });
});

describe("a return of hundreds of thousands of rows", () => {
  const ROWS = 200_000;
  const rows = Array.from({ length: ROWS }, (_, i) => [
    `P-${i}`,
    `Partnership ${i}`,
    "Local",
    "Local Strategic Partnership",
    "North West",
    "Leading",
  ]);
  const big = appendsToReturn("big.xlsx", { region: "North West", district: "D01", auditRound: "R1" }, [
    {
      table: "Partnerships",
      columns: ["partnershipId", "partnership", "level", "type", "region", "ourRole"],
      rows,
    },
  ]);

  it("is consolidated (no rows spread into a call)", () => {
    const plan = planConsolidation([], [big], { findings: new Map([[big, []]]) });
    expect(plan.imported).toEqual([
      { file: "big.xlsx", district: "D01", auditRound: "R1", rows: ROWS, replaced: false },
    ]);
    const tables = applyPlan(undefined, plan);
    const partnerships = tables.find((t) => t.table === "Partnerships");
    expect(partnerships?.rows.length).toBe(ROWS);
    expect(partnerships?.rows[0]?.[0]).toBe("P-0");
  });
});

describe("multi-select splitting is linear in the labels of a cell", () => {
  it("breaks down one cell of 1,000,000 distinct labels", () => {
    const n = 1_000_000;
    const cell = Array.from({ length: n }, (_, i) => `L${i}`).join(";");
    const rows = breakdown([[cell]]);
    expect(rows.length).toBe(n);
    expect(rows[0]).toEqual(["L0", 1, 1]);
    expect(rows[n - 1]).toEqual([`L${n - 1}`, 1, 1]);
  });
});

describe("what the file reader could not place becomes a finding", () => {
  it("names the sheet, row, cell and the column header when the cell is in a table", () => {
    const g = grid();
    const sheets = g.sheets.map((s) =>
      s.name === "Partnerships"
        ? {
            ...s,
            problems: [
              { message: 'row "abc" is not a row number; its 2 cells are not read' },
              { row: 2, address: "B2", message: "the cell holds 40,000 characters" },
            ],
          }
        : s,
    );
    const ret = readReturn({ sheets }, "D01.xlsx");
    expect(ret.findings).toEqual([
      {
        file: "D01.xlsx",
        severity: "error",
        sheet: "Partnerships",
        message: 'row "abc" is not a row number; its 2 cells are not read',
      },
      {
        file: "D01.xlsx",
        severity: "error",
        sheet: "Partnerships",
        row: 2,
        column: "Partnership",
        address: "B2",
        message: "the cell holds 40,000 characters",
      },
    ]);
  });
});

describe("a GradeCosts table of hundreds of thousands of rows", () => {
  it("is checked (its findings are not spread into a call)", () => {
    const ret = readReturn(grid(), "D01.xlsx");
    const ROWS = 200_000;
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      excelRow: i + 2,
      values: { grade: "Grade 7", hourlyCost: -1 },
    }));
    const big = {
      ...ret,
      gradeCosts: {
        sheet: "Settings",
        headerRow: 1,
        columns: {
          grade: { header: "Grade", letter: "E" },
          hourlyCost: { header: "Hourly cost", letter: "F" },
        },
        rows,
      },
    };
    const findings = checkReturn(big).filter((f) => f.column === "Hourly cost");
    // the first 200 listed, one more counting the rest: every one counted, a bounded list
    expect(findings.length).toBe(FINDINGS_PER_COLUMN + 1);
    expect(countFindings(findings)).toBe(ROWS);
    expect(findings[0]).toMatchObject({ sheet: "Settings", row: 2, address: "F2" });
  });
});

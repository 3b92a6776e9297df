/**
 * The Overview of the open workbook (core/figures/overview.ts): the cost headline and the partnerships
 * flagged Review with the cell of each one's row, from one read of the workbook.
 */
import { costHeadline, overviewHeadlines } from "../../../src/core/figures/overview";
import { readReturn } from "../../../src/core/returns/read-return";
import type { CellValue, WorkbookGrid } from "../../../src/core/model/workbook-data";
import { grid, type GridInput, type RowInput } from "../returns/return-fixtures";

/** A workbook with GradeCosts beside the settings (E:F, header row 1), or none when costs is null. */
function workbook(
  input: GridInput,
  costs: readonly (readonly [CellValue, CellValue])[] | null,
): WorkbookGrid {
  const g = grid(input);
  if (costs === null) return g;
  const sheets = g.sheets.map((s) => {
    if (s.name !== "Settings") return s;
    const rows = s.rows.map((r) => [...r]);
    const put = (i: number, grade: CellValue, cost: CellValue): void => {
      const row = rows[i] ?? [];
      while (row.length < 4) row.push(null);
      row[4] = grade;
      row[5] = cost;
      rows[i] = row;
    };
    put(0, "Grade", "Hourly cost");
    costs.forEach(([grade, cost], i) => put(i + 1, grade, cost));
    return { ...s, rows };
  });
  return { sheets };
}

const rep = (id: string, grade: CellValue, hours: CellValue): RowInput => ({
  partnershipId: id,
  representative: "District Manager",
  grade,
  meetingsPerYear: 1,
  hoursPerMeeting: 1,
  annualHours: hours,
});

const part = (id: string): RowInput => ({
  partnershipId: id,
  partnership: `Partnership ${id}`,
  level: "Local",
  type: "Local Strategic Partnership",
  region: "North West",
  ourRole: "Leading",
});

const survey = (id: string, value: number): RowInput => ({
  partnershipId: id,
  respondent: "Council",
  valueTime: value,
  valueExperience: value,
});

describe("the cost headline", () => {
  const reps = [rep("P-0001", "Grade 7", 100), rep("P-0002", "SEO", 50)];
  test.each<[string, GridInput, readonly (readonly [CellValue, CellValue])[] | null, unknown]>([
    [
      "every grade costed: the sum of hours × cost",
      { Representation: reps },
      [
        ["Grade 7", 40],
        ["SEO", 30.5],
      ],
      { kind: "costed", annual: 100 * 40 + 50 * 30.5 },
    ],
    [
      "a grade with hours and no cost is named",
      { Representation: reps },
      [
        ["Grade 7", 40],
        ["SEO", null],
      ],
      { kind: "not-costed", grades: ["SEO"], blankGrade: false },
    ],
    [
      "no cost filled in at all: not costed, with the grades that have hours",
      { Representation: reps },
      [
        ["Grade 7", null],
        ["SEO", null],
      ],
      { kind: "not-costed", grades: ["Grade 7", "SEO"], blankGrade: false },
    ],
    [
      "no cost filled in and no hours: not costed, as the Summary shows it",
      { Representation: [] },
      [["Grade 7", null]],
      { kind: "not-costed", grades: [], blankGrade: false },
    ],
    [
      "a row with hours and no grade",
      { Representation: [rep("P-0001", null, 10), rep("P-0002", "SEO", 5)] },
      [["Grade 7", 40]],
      { kind: "not-costed", grades: ["SEO"], blankGrade: true },
    ],
    [
      "a negative cost stops the sum: Check finds it",
      { Representation: reps },
      [
        ["Grade 7", 40],
        ["SEO", -3],
      ],
      { kind: "invalid" },
    ],
    ["no GradeCosts table (an older workbook)", { Representation: reps }, null, { kind: "no-table" }],
  ])("%s", (_name, input, costs, expected) => {
    const h = overviewHeadlines(readReturn(workbook(input, costs), ""));
    expect(h.cost).toEqual(expected);
  });

  test("costHeadline keeps a cost of 0 when there are costs and no hours", () => {
    const ret = readReturn(workbook({ Representation: [] }, [["Grade 7", 40]]), "");
    expect(costHeadline(ret, 0)).toEqual({ kind: "costed", annual: 0 });
  });
});

describe("the partnerships to review", () => {
  test("only those flagged Review, largest hours first, each linked to its Partnerships ID cell", () => {
    const input: GridInput = {
      settings: { reviewValueBelow: 2.5, reviewHoursFrom: 0 },
      // rows 2, 3, 4, 5 of the Partnerships sheet; the IDs in column A
      Partnerships: [part("P-0001"), part("P-0002"), part("P-0003"), part("P-0004")],
      Representation: [
        rep("P-0001", "Grade 7", 100),
        rep("p-0003", "Grade 7", 300), // another spelling of P-0003's ID
        rep("P-0002", "Grade 7", 200),
        rep("P-0004", "Grade 7", 50),
        rep("P-0009", "Grade 7", 20), // not on Partnerships: linked to its Representation row
      ],
      PartnerSurvey: [
        survey("P-0001", 2),
        survey("P-0002", 4), // Keep
        survey("P-0003", 1),
        survey("P-0003", 2), // mean 1.5
        survey("P-0009", 1),
        // P-0004 has no rating: "No rating", not listed
      ],
    };
    const h = overviewHeadlines(readReturn(workbook(input, [["Grade 7", 10]]), ""));
    expect(h.review).toEqual([
      { id: "p-0003", hours: 300, value: 1.5, at: { sheet: "Partnerships", address: "A4" } },
      { id: "P-0001", hours: 100, value: 2, at: { sheet: "Partnerships", address: "A2" } },
      { id: "P-0009", hours: 20, value: 1, at: { sheet: "Representation", address: "A6" } },
    ]);
    expect(h.reviewThresholds).toEqual({ valueBelow: 2.5, hoursFrom: 0 });
    expect(h.cost).toEqual({ kind: "costed", annual: 670 * 10 });
  });

  test("the workbook's own thresholds: hours from 150 leaves out the smaller ones", () => {
    const input: GridInput = {
      settings: { reviewValueBelow: 3, reviewHoursFrom: 150 },
      Partnerships: [part("P-0001"), part("P-0002")],
      Representation: [rep("P-0001", "Grade 7", 100), rep("P-0002", "Grade 7", 200)],
      PartnerSurvey: [survey("P-0001", 2), survey("P-0002", 2.5)],
    };
    const h = overviewHeadlines(readReturn(workbook(input, null), ""));
    expect(h.review).toEqual([
      { id: "P-0002", hours: 200, value: 2.5, at: { sheet: "Partnerships", address: "A3" } },
    ]);
    expect(h.reviewThresholds).toEqual({ valueBelow: 3, hoursFrom: 150 });
  });

  test("no partnership flagged: an empty list", () => {
    const h = overviewHeadlines(readReturn(workbook({}, [["Grade 7", 10]]), ""));
    expect(h.review).toEqual([]);
  });
});

describe("the Overview's partner network figures", () => {
  it("link to the Summary's blocks, where the workbook spec puts them", async () => {
    const { blockAddress } = await import("../../../src/core/workbook/spec/summary");
    const { NETWORK_BLOCK_CELLS } = await import("../../../src/core/figures/overview");
    expect(NETWORK_BLOCK_CELLS.sharedSeats).toBe(blockAddress("sharedSeats"));
    expect(NETWORK_BLOCK_CELLS.overlaps).toBe(blockAddress("overlaps"));
  });

  it("none recorded while Members is empty; a district return shares no seat", () => {
    const h = overviewHeadlines(readReturn(workbook({}, null), ""));
    expect(h.network.overlaps).toBeNull();
    expect(h.network.sharedSeats).toBe(0);
    expect(h.network.hoursBeyondOne).toBe(0);
    expect(h.network.sharedSeatsAt).toEqual({ sheet: "Summary", address: "AH6" });
  });

  it("counts the overlapping pairs with the workbook's Overlap from, and the hours beyond one across districts", () => {
    const member = (partnershipId: string, organisation: string): RowInput => ({
      partnershipId,
      organisation,
    });
    const input: GridInput = {
      settings: { district: "", overlapFrom: 1 },
      Partnerships: ["P-1", "P-2", "P-3"].map((id) => ({
        partnershipId: id,
        partnership: id,
        level: "Local",
        type: "Other",
        region: "North West",
        district: "D01",
        ourRole: "Key",
      })),
      Representation: [
        { ...rep("P-1", "SEO", 100), district: "D01" },
        { ...rep("P-1", "SEO", 40), district: "D02" },
      ],
      Members: [
        member("P-1", "Council"),
        member("P-1", "College"),
        member("P-2", "Council"),
        member("P-2", "College"),
        member("P-3", "Council"),
        member("P-3", "Police"),
        member("P-3", "Health"),
      ],
    };
    const h = overviewHeadlines(readReturn(workbook(input, null), ""));
    expect(h.network).toMatchObject({ hoursBeyondOne: 40, sharedSeats: 1, overlaps: 1, overlapFrom: 1 });
  });
});

describe("the Overview's partner network figures on bad data", () => {
  it("an error value in Members: the overlapping pairs are not computed, with the reason", () => {
    const input: GridInput = {
      settings: { district: "" },
      Partnerships: ["P-1", "P-2"].map((id) => ({
        partnershipId: id,
        partnership: id,
        level: "Local",
        type: "Other",
        region: "North West",
        district: "D01",
        ourRole: "Key",
      })),
      Members: [
        { partnershipId: "P-1", organisation: "Council" },
        { partnershipId: "P-2", organisation: { error: "#N/A" } },
      ],
    };
    const h = overviewHeadlines(readReturn(workbook(input, null), ""));
    expect(h.network.overlaps).toBeNull();
    expect(h.notComputed?.overlaps).toMatch(/holds the error #N\/A/);
    expect(h.notComputed?.sharedSeats).toBeUndefined();
  });
});

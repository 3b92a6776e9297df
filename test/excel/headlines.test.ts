/**
 * The Overview over the fake Excel: the annual cost (GradeCosts read from the Settings sheet's used
 * range in the same read as the tables), the partnerships flagged Review, each link selecting the
 * partnership's ID cell, all within the Overview's 3 syncs.
 */
import { PARTNER_SURVEY } from "../../src/core/model/blueprint";
import { readHeadlines } from "../../src/excel/headlines";
import { selectCell } from "../../src/excel/select";
import { createClientExcel, type ClientExcel } from "../excel-host";
import {
  PARTNERSHIPS,
  REPRESENTATION,
  partnership,
  representation,
  setUpWorkbook,
  typeRows,
  v0Workbook,
} from "./fixtures";

/** Types an hourly cost into GradeCosts beside the grade, as a user would. */
function setCost(fake: ClientExcel, grade: string, cost: number | string): void {
  const t = fake.state.table("GradeCosts");
  if (!t) throw new Error("no GradeCosts table");
  const headers = t.headers();
  const g = headers.indexOf("Grade");
  const c = headers.indexOf("Hourly cost");
  for (let r = t.r0 + 1; r <= t.r1; r++)
    if (t.sheet.value(r, t.c0 + g) === grade) {
      t.sheet.writeValue(r, t.c0 + c, cost);
      return;
    }
  throw new Error(`no row for ${grade} in GradeCosts`);
}

const survey = (i: number, value: number) => ({
  partnershipId: `P-${String(i).padStart(4, "0")}`,
  respondent: `Partner ${i}`,
  valueTime: value,
  valueExperience: value,
  valueProgrammes: value,
  valueLmi: value,
});

describe("the Overview's value for time", () => {
  it("cost and partnerships to review in 3 syncs; each link selects the partnership's ID cell", async () => {
    const fake = await setUpWorkbook();
    typeRows(fake, PARTNERSHIPS, [partnership(1), partnership(2), partnership(3)]);
    typeRows(fake, REPRESENTATION, [
      representation(1, { annualHours: 30 }),
      representation(2, { annualHours: 120 }),
      representation(3, { grade: "SEO", annualHours: 45 }),
    ]);
    typeRows(fake, PARTNER_SURVEY, [survey(1, 2), survey(2, 4), survey(3, 1)]);

    // no cost yet: "not costed", naming the grades with hours
    let h = await fake.run((ctx) => readHeadlines(ctx));
    expect(fake.recorder.syncCount).toBe(3);
    expect(h.cost).toEqual({ kind: "not-costed", grades: ["Grade 7", "SEO"], blankGrade: false });

    setCost(fake, "Grade 7", 48.5);
    h = await fake.run((ctx) => readHeadlines(ctx));
    expect(h.cost).toEqual({ kind: "not-costed", grades: ["SEO"], blankGrade: false });

    setCost(fake, "SEO", 36);
    fake.recorder.reset();
    h = await fake.run((ctx) => readHeadlines(ctx));
    expect(fake.recorder.syncCount).toBe(3);
    expect(h.cost).toEqual({ kind: "costed", annual: 150 * 48.5 + 45 * 36 });
    expect(h.reviewThresholds).toEqual({ valueBelow: 2.5, hoursFrom: 0 });
    // P-0002 is valued 4 (Keep); the Partnerships rows are 2, 3, 4 with the IDs in column A
    expect(h.review).toEqual([
      { id: "P-0003", hours: 45, value: 1, at: { sheet: "Partnerships", address: "A4" } },
      { id: "P-0001", hours: 30, value: 2, at: { sheet: "Partnerships", address: "A2" } },
    ]);

    const at = h.review[0].at;
    if (!at) throw new Error("no link");
    fake.recorder.reset();
    await fake.run((ctx) => selectCell(ctx, at.sheet, at.address));
    expect(fake.recorder.syncCount).toBe(1);
    expect(fake.state.selection).toEqual({ sheet: "Partnerships", address: "A4" });
    expect(fake.state.activeSheet).toBe("Partnerships");
  });

  it("a negative cost stops the sum: the pane sends the user to Check", async () => {
    const fake = await setUpWorkbook();
    typeRows(fake, PARTNERSHIPS, [partnership(1)]);
    typeRows(fake, REPRESENTATION, [representation(1)]);
    setCost(fake, "Grade 7", -5);
    const h = await fake.run((ctx) => readHeadlines(ctx));
    expect(h.cost).toEqual({ kind: "invalid" });
  });

  it("a workbook set up before GradeCosts: no table, no error", async () => {
    const fake = createClientExcel(v0Workbook());
    const h = await fake.run((ctx) => readHeadlines(ctx));
    expect(h.cost).toEqual({ kind: "no-table" });
    expect(h.review).toEqual([]);
    expect(h.partnerships).toBe(3);
  });
});

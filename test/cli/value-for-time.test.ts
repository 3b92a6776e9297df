/**
 * Value for time in the command-line tool (docs/value-for-time.md): `summary --json` has `cost`,
 * `costByDistrict` and `review` exactly as docs/value-for-time.md shows; `--value-below` and `--hours-from`
 * override the thresholds; a grade with hours but no cost is named on standard error and makes
 * `cost` null; `consolidate` takes each grade's cost from the first return in district order and
 * warns about returns that disagree. Hand-worked numbers, literal.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readAuditReturn } from "../../src/xlsx/read";
import { gradeCostEntries } from "../../src/core/consolidation/grade-costs";
import { writeReturn, PARTNERSHIP_ROW, type Fill } from "../xlsx/fill";
import { runCli, type Run } from "./run-cli";

let dir: string;

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

function makeReturn(file: string, district: string, fill: Fill): Promise<void> {
  return writeReturn(dir, file, district, fill);
}

const partnerships = (ids: string[]): Fill["rows"] => ({
  Partnerships: ids.map((id) => ({ ...PARTNERSHIP_ROW, partnershipId: id, notes: null })),
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-vft-"));
  expect(cli("template", "template.xlsx").status).toBe(0);
  // D01: P-1 takes 10 × 3 = 30 hours of an SEO (£30) and 24 hours of a Grade 7 (£40); P-2 takes 100
  // SEO hours. Partners rate P-1's value 2 and 2.5 (mean 2.25, below 2.5: Review) and P-2's 3 and 4.
  await makeReturn("D01.xlsx", "D01", {
    gradeCosts: { SEO: 30, "Grade 7": 40 },
    rows: {
      ...partnerships(["P-1", "P-2"]),
      Representation: [
        { partnershipId: "P-1", grade: "SEO", meetingsPerYear: 10, hoursPerMeeting: 3, annualHours: 30 },
        { partnershipId: "P-1", grade: "Grade 7", meetingsPerYear: 12, hoursPerMeeting: 2, annualHours: 24 },
        { partnershipId: "P-2", grade: "SEO", meetingsPerYear: 50, hoursPerMeeting: 2, annualHours: 100 },
      ],
      PartnerSurvey: [
        { partnershipId: "P-1", respondent: "Council", valueTime: 2, valueExperience: 2 },
        { partnershipId: "P-1", respondent: "College", valueTime: 3, valueExperience: 2 },
        { partnershipId: "P-2", respondent: "Council", valueTime: 3, valueLmi: 4 },
      ],
    },
  });
  // D02: the SEO costs £35 here (disagrees with D01); P-3 takes 40 hours of an EO, which has no cost
  await makeReturn("D02.xlsx", "D02", {
    gradeCosts: { SEO: 35 },
    rows: {
      ...partnerships(["P-3"]),
      Representation: [
        { partnershipId: "P-3", grade: "EO", meetingsPerYear: 20, hoursPerMeeting: 2, annualHours: 40 },
      ],
      PartnerSurvey: [],
    },
  });
}, 60000);

describe("summary: cost and review", () => {
  it("--json: cost, costByDistrict and review as the spec shows them", () => {
    const r = cli("summary", "--json", "D01.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const s = JSON.parse(r.stdout);
    expect(s.cost).toBe(30 * 30 + 24 * 40 + 100 * 30);
    expect(s.costByDistrict).toEqual({ D01: 4860 });
    expect(s.review).toEqual([
      { id: "P-2", hours: 100, value: 3.5, flag: "Keep" },
      { id: "P-1", hours: 54, value: 2.25, flag: "Review" },
    ]);
  });

  it("a grade with hours but no cost makes cost null, named on standard error; other districts keep theirs", () => {
    const r = cli("summary", "--json", "D01.xlsx", "D02.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      "No annual cost: the grade EO has hours but no hourly cost; fill in the GradeCosts table on the Settings sheet (set-up adds it to an older workbook).\n",
    );
    const s = JSON.parse(r.stdout);
    expect(s.cost).toBeNull();
    expect(s.costByDistrict).toEqual({ D01: 4860, D02: null });
    expect(s.review).toEqual([
      { id: "P-2", hours: 100, value: 3.5, flag: "Keep" },
      { id: "P-1", hours: 54, value: 2.25, flag: "Review" },
      { id: "P-3", hours: 40, value: null, flag: "No rating" },
    ]);
  });

  it("--value-below and --hours-from override the thresholds", () => {
    const s = JSON.parse(
      cli("summary", "--json", "D01.xlsx", "--value-below", "4", "--hours-from=60").stdout,
    );
    expect(s.review.map((x: { id: string; flag: string }) => [x.id, x.flag])).toEqual([
      ["P-2", "Review"],
      ["P-1", "Keep"],
    ]);
    const bad = cli("summary", "D01.xlsx", "--value-below", "5");
    expect(bad.status).toBe(2);
    expect(bad.stderr.split("\n")[0]).toBe("partnership-audit: --value-below 5 is not a number from 1 to 4");
  });

  it("the text summary prints the cost and the partnerships to review", () => {
    const r = cli("summary", "D01.xlsx");
    expect(r.stdout).toContain("Annual cost of staff time: £4,860\n");
    expect(r.stdout).toContain(
      "Partnerships to review (partners value them below 2.5): P-1 (54 hours a year, value 2.25)\n",
    );
  });
});

describe("consolidate: the regional workbook's grade costs", () => {
  it("takes each grade's cost from the first return in district order, warns about disagreement", async () => {
    const r = cli("consolidate", "region.xlsx", "D02.xlsx", "D01.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(
      "D02.xlsx: Settings: warning: the hourly cost of SEO is 30 in D01.xlsx (taken into the regional workbook) but 35 in D02.xlsx; the regional workbook keeps 30 (an import never overwrites a cost it already has), so agree which is right and correct the Hourly cost in GradeCosts if need be",
    );
    const regional = await readAuditReturn(readFileSync(path.join(dir, "region.xlsx")), "region.xlsx");
    const costs = Object.fromEntries(gradeCostEntries(regional).map((e) => [e.grade, e.cost]));
    expect(costs).toEqual({
      "Senior Civil Service": null,
      "Grade 6": null,
      "Grade 7": 40,
      SEO: 30,
      HEO: null,
      EO: null,
      AO: null,
    });
    expect(regional.settings.reviewValueBelow).toBe(2.5);
  });

  it("keeps the regional workbook's own review thresholds and Overlap from", async () => {
    await makeReturn("region-settings.xlsx", "", {
      settings: { reviewValueBelow: 3, reviewHoursFrom: 50, overlapFrom: 0.75 },
      rows: {},
    });
    expect(cli("consolidate", "region-settings.xlsx", "D01.xlsx", "D02.xlsx").status).toBe(0);
    const regional = await readAuditReturn(
      readFileSync(path.join(dir, "region-settings.xlsx")),
      "region-settings.xlsx",
    );
    expect(regional.settings).toMatchObject({ reviewValueBelow: 3, reviewHoursFrom: 50, overlapFrom: 0.75 });
  });

  it("never overwrites a cost the regional workbook already has, as the pane's import does", async () => {
    await makeReturn("region-own.xlsx", "", { gradeCosts: { "Grade 7": 45 }, rows: {} });
    const r = cli("consolidate", "region-own.xlsx", "D01.xlsx", "D02.xlsx");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "D01.xlsx: Settings: warning: the hourly cost of Grade 7 is 45 in the regional workbook but 40 in D01.xlsx; the regional workbook keeps 45 (an import never overwrites a cost it already has)",
    );
    const regional = await readAuditReturn(
      readFileSync(path.join(dir, "region-own.xlsx")),
      "region-own.xlsx",
    );
    const costs = Object.fromEntries(gradeCostEntries(regional).map((e) => [e.grade, e.cost]));
    expect(costs).toMatchObject({ "Grade 7": 45, SEO: 30 });
  });
});

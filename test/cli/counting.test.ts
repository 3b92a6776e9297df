/**
 * One return, one count: `summary`, `report` and `compare` apply consolidation's rule (the same
 * file given twice counts once; a later return for the same district and round supersedes the
 * earlier, with a note naming both). A Settings district that contradicts the rows is a warning in
 * `check`, and consolidation tags every row of the return with the return's district (as every
 * row is tagged with its round) and warns, so that importing it again replaces all of its rows.
 * The files are made here.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readWorkbookGrid } from "../../src/xlsx/read";
import { writeReturn, PARTNERSHIP_ROW, type Fill } from "../xlsx/fill";
import { runCli, type Run } from "./run-cli";

let dir: string;

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

const at = (file: string): string => path.join(dir, file);

function makeReturn(file: string, district: string, fill: Fill): Promise<void> {
  return writeReturn(dir, file, district, fill);
}

/** Partnerships with these IDs, and `hours` a year of an SEO on each. */
function rows(ids: readonly string[], hours: number, district?: string): Fill["rows"] {
  const d = district === undefined ? {} : { district };
  return {
    Partnerships: ids.map((id) => ({ ...PARTNERSHIP_ROW, ...d, partnershipId: id, notes: null })),
    Representation: ids.map((id) => ({
      ...d,
      partnershipId: id,
      grade: "SEO",
      meetingsPerYear: 10,
      hoursPerMeeting: 1,
      annualHours: hours,
    })),
  };
}

interface Summary {
  files: number;
  partnerships: number;
  fte: number;
  perDistrictCounts: Record<string, number>;
  fteByDistrict: Record<string, number>;
}

const summary = (...files: string[]): { doc: Summary; run: Run } => {
  const run = cli("summary", "--json", ...files);
  return { doc: JSON.parse(run.stdout) as Summary, run };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-count-"));
  expect(cli("template", "template.xlsx").status).toBe(0);
  await makeReturn("D01.xlsx", "D01", { rows: rows(["P-1", "P-2"], 100) });
  // D01's resubmission: the same district and round, one more partnership and more hours
  await makeReturn("D01-v2.xlsx", "D01", { rows: rows(["P-1", "P-2", "P-3"], 200) });
  await makeReturn("D02.xlsx", "D02", { rows: rows(["P-9"], 50) });
  // Settings says D05, every row says D01
  await makeReturn("D05.xlsx", "D05", { rows: rows(["P-5"], 10, "D01") });
}, 60000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the same file given twice counts once", () => {
  it("summary --json D01.xlsx D01.xlsx: the figures of D01 alone, with a note", () => {
    const once = summary("D01.xlsx").doc;
    const { doc: twice, run } = summary("D01.xlsx", "D01.xlsx");
    expect(twice.fte).toBe(once.fte);
    expect(twice.fteByDistrict).toEqual(once.fteByDistrict);
    expect(twice.partnerships).toBe(once.partnerships);
    expect(run.stderr).toContain("Note: D01.xlsx is given twice; it is counted once.");
  });

  it("report D01.xlsx D01.xlsx: the same", () => {
    const r = cli("report", "twice.html", "D01.xlsx", "./D01.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("Note: D01.xlsx is given twice; it is counted once.");
    expect(r.stdout).toContain("(2 partnerships in 1 district, from 1 file)");
  });
});

describe("a later return for the same district and round supersedes the earlier", () => {
  it("summary: only the later counts, and a note names both", () => {
    const { doc, run } = summary("D01.xlsx", "D01-v2.xlsx", "D02.xlsx");
    const alone = summary("D01-v2.xlsx", "D02.xlsx").doc;
    expect(doc.fte).toBe(alone.fte);
    expect(doc.perDistrictCounts).toEqual({ D01: 3, D02: 1 });
    expect(run.stderr).toContain(
      "Note: D01-v2.xlsx replaces D01.xlsx: both are district D01, round 2026-Q4; only the later one is counted.",
    );
  });

  it("report: the same rule", () => {
    const r = cli("report", "later.html", "D01.xlsx", "D01-v2.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("Note: D01-v2.xlsx replaces D01.xlsx");
    expect(r.stdout).toContain("(3 partnerships in 1 district, from 1 file)");
  });
});

describe("a Settings district that contradicts the rows", () => {
  it("check: a warning naming both districts", () => {
    const r = cli("check", "D05.xlsx");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^D05\.xlsx: Partnerships row 2, District: warning: "D01" contradicts the Settings sheet's District "D05"; /m,
    );
    expect(r.stdout).toMatch(/^D05\.xlsx: Representation row 2, District: warning: "D01" contradicts /m);
  });

  it("consolidate tags the rows with the return's district and warns; importing it again replaces them all", async () => {
    const partnershipDistricts = async (): Promise<unknown[] | undefined> => {
      const grid = await readWorkbookGrid(readFileSync(at("regional.xlsx")));
      return grid.sheets
        .find((s) => s.name === "Partnerships")
        ?.rows.slice(1)
        .map((row) => row[5]);
    };
    for (const again of [false, true]) {
      const r = cli("consolidate", "regional.xlsx", "D05.xlsx", "D02.xlsx");
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(
        /D05\.xlsx: Settings: warning: the Settings District is D05, but 2 rows \(Partnerships, Representation\) name D01; those rows are imported as D05's, as every row of the return is/,
      );
      if (again) expect(r.stdout).toContain("(replaced the rows of D05 2026-Q4 already in regional.xlsx)");
      expect(await partnershipDistricts()).toEqual(["D02", "D05"]);
    }
  });

  it("summary of the return itself counts the rows under the district they name, as its own formulas do", () => {
    expect(summary("D05.xlsx").doc.perDistrictCounts).toEqual({ D01: 1 });
  });
});

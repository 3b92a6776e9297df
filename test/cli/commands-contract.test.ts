/**
 * Edge cases of the commands against their contract (docs/command-line.md, docs/value-for-time.md),
 * run as people run the tool, in a folder whose name has spaces:
 * - a district return given after a faulty one for the same district and round replaces it: the
 *   faulty one is not a failed return, so consolidate writes and exits 0, naming both files;
 * - a review threshold in the first workbook's Settings outside its range is not used (the
 *   default is), as an out-of-range Hours per week is not; the checks report it (exit 1);
 * - a return whose audit table's sheet was deleted is unreadable input: one line naming the file
 *   and the table, exit 2 (its Lists sheet, whose headers are also Partnerships headers, is never
 *   read as the table).
 * The files are made here.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readAuditReturn } from "../../src/xlsx/read";
import { writeReturn, PARTNERSHIP_ROW, type Fill } from "../xlsx/fill";
import { runCli, type Run } from "./run-cli";

let dir: string;

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

const at = (file: string): string => path.join(dir, file);

/** Partnerships P-1 and P-2, 100 and 50 SEO hours a year, partners rating their value 3 and 2. */
const ROWS: Fill["rows"] = {
  Partnerships: ["P-1", "P-2"].map((id) => ({ ...PARTNERSHIP_ROW, partnershipId: id, notes: null })),
  Representation: [
    { partnershipId: "P-1", grade: "SEO", meetingsPerYear: 10, hoursPerMeeting: 10, annualHours: 100 },
    { partnershipId: "P-2", grade: "SEO", meetingsPerYear: 10, hoursPerMeeting: 5, annualHours: 50 },
  ],
  PartnerSurvey: [
    { partnershipId: "P-1", respondent: "Council", valueTime: 3 },
    { partnershipId: "P-2", respondent: "Council", valueTime: 2 },
  ],
};

beforeAll(async () => {
  dir = path.join(mkdtempSync(path.join(tmpdir(), "pa-contract-")), "returns of round 4");
  mkdirSync(dir);
  expect(cli("template", "template.xlsx").status).toBe(0);
  await writeReturn(dir, "D01 faulty.xlsx", "D01", {
    rows: {
      ...ROWS,
      Partnerships: [{ ...PARTNERSHIP_ROW, partnershipId: "P-1", ourRole: "Boss", notes: null }],
    },
  });
  await writeReturn(dir, "D01 fixed.xlsx", "D01", { rows: ROWS });
  await writeReturn(dir, "D02.xlsx", "D02", { rows: ROWS });
  // D01.xlsx without one table's sheet each
  for (const sheet of ["Partnerships", "Representation", "Partner survey"]) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(at("D02.xlsx")) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet(sheet);
    if (ws) wb.removeWorksheet(ws.id);
    writeFileSync(at(`no ${sheet}.xlsx`), Buffer.from(await wb.xlsx.writeBuffer()));
  }
  for (const [file, valueBelow, hoursFrom] of [
    ["high.xlsx", 7, null],
    ["low.xlsx", 0.5, null],
    ["negative.xlsx", null, -10],
    ["valid.xlsx", 3.5, 60],
  ] as const)
    await writeReturn(dir, file, "D03", {
      settings: { reviewValueBelow: valueBelow, reviewHoursFrom: hoursFrom },
      rows: ROWS,
    });
}, 60000);

afterAll(() => {
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe("consolidate: a later return for the same district and round replaces a faulty one", () => {
  it.each([
    // the returns in the order given; exit status; the rows of D01 written (undefined: none)
    [
      "faulty, then fixed: the fixed one is imported",
      ["D01 faulty.xlsx", "D01 fixed.xlsx", "D02.xlsx"],
      0,
      2,
    ],
    [
      "fixed, then faulty: the faulty one fails the run",
      ["D01 fixed.xlsx", "D01 faulty.xlsx", "D02.xlsx"],
      1,
      undefined,
    ],
  ] as const)("%s", async (what, returns, status, rows) => {
    const out = `${what.slice(0, 12)} regional.xlsx`;
    const r = cli("consolidate", out, ...returns);
    expect(r.status).toBe(status);
    if (rows === undefined) {
      expect(existsSync(at(out))).toBe(false);
      expect(r.stderr).toMatch(/^D01 faulty\.xlsx: not imported: \d+ errors?, first: /m);
      return;
    }
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(
      "Skipped D01 faulty.xlsx: replaced by D01 fixed.xlsx: both are district D01, round 2026-Q4; the later one is imported",
    );
    expect(r.stdout).toContain("Imported D01 fixed.xlsx: district D01, round 2026-Q4");
    const regional = await readAuditReturn(readFileSync(at(out)), out);
    const districts = regional.tables.Partnerships?.rows.map((row) => row.values.district);
    expect(districts?.filter((d) => d === "D01")).toHaveLength(rows);
  });
});

describe("summary: review thresholds from the first workbook's Settings", () => {
  it.each([
    // file; exit status; P-1 (100 hours, value 3) and P-2 (50 hours, value 2) flags
    ["valid.xlsx", 0, ["Review", "Keep"]], // below 3.5 from 60 hours: P-1 is, P-2 has too few hours
    ["high.xlsx", 1, ["Keep", "Review"]], // Review value below 7: out of 1-4, so 2.5
    ["low.xlsx", 1, ["Keep", "Review"]], // 0.5: out of 1-4, so 2.5
    ["negative.xlsx", 1, ["Keep", "Review"]], // Review hours from -10: below 0, so 0
  ] as const)("%s", (file, status, flags) => {
    const r = cli("summary", "--json", file);
    expect(r.status).toBe(status);
    const review = (JSON.parse(r.stdout) as { review: { id: string; flag: string }[] }).review;
    expect(review.map((x) => [x.id, x.flag])).toEqual([
      ["P-1", flags[0]],
      ["P-2", flags[1]],
    ]);
    if (status === 1) expect(r.stderr).toMatch(/Settings row \d+, Review (value below|hours from): /);
  });
});

describe("a return without one of its audit tables is unreadable input", () => {
  it.each([
    ["Partnerships", "Partnerships"],
    ["Representation", "Representation"],
    ["Partner survey", "Partner survey"],
  ])("its %s sheet deleted: one line, exit 2", (sheet, table) => {
    const file = `no ${sheet}.xlsx`;
    for (const args of [
      ["check", file],
      ["summary", "--json", file],
      ["consolidate", "x.xlsx", file],
    ]) {
      const r = cli(...args);
      expect(r.status).toBe(2);
      expect(r.stderr.split("\n")[0]).toMatch(
        new RegExp(`^${file}: the workbook has no ${table} table \\(no sheet has its header row\\)`),
      );
      expect(r.stderr).not.toMatch(/Lists row|\n\s+at /);
    }
    expect(existsSync(at("x.xlsx"))).toBe(false);
  });
});

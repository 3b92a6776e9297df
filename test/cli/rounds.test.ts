/**
 * The previous round is checked: the same file or the same round as the current one is an error
 * (nothing written), another region's a warning. Review thresholds that disagree between
 * workbooks: the first workbook's are used, with a warning naming the workbooks and values, as
 * --help says. The files are made here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fillWorkbook, partnershipRows, representationRows, type Fill } from "../xlsx/fill";
import { runCli, type Run } from "./run-cli";

let dir: string;

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

const at = (file: string): string => path.join(dir, file);

async function makeReturn(file: string, district: string, fill: Fill = {}): Promise<void> {
  const template = readFileSync(at("template.xlsx"));
  writeFileSync(
    at(file),
    await fillWorkbook(template, {
      rows: { Partnerships: partnershipRows(2, district), Representation: representationRows(2, district) },
      ...fill,
      settings: { region: "North West", district, auditRound: "2026-Q4", ...fill.settings },
    }),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-rounds-"));
  expect(cli("template", "template.xlsx").status).toBe(0);
  await makeReturn("D01.xlsx", "D01", { settings: { reviewValueBelow: 3, reviewHoursFrom: 10 } });
  await makeReturn("D02.xlsx", "D02", { settings: { reviewValueBelow: 2, reviewHoursFrom: 10 } });
  await makeReturn("D01-2025.xlsx", "D01", { settings: { auditRound: "2025-Q4" } });
  await makeReturn("D01-again.xlsx", "D01");
  await makeReturn("South-2025.xlsx", "D01", { settings: { region: "South East", auditRound: "2025-Q4" } });
}, 60000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the previous round of report and compare", () => {
  it("report: the same file as this round's is refused, nothing written, exit 2", () => {
    const r = cli("report", "same.html", "D01.xlsx", "--previous", "D01.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^D01\.xlsx: is given both as this round's workbook and after --previous; /m);
    expect(existsSync(at("same.html"))).toBe(false);
  });

  it("report: another file of the same round is refused, nothing written, exit 2", () => {
    const r = cli("report", "round.html", "D01.xlsx", "--previous", "D01-again.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "D01-again.xlsx is round 2026-Q4, the same round as the current workbooks; the previous round must be an earlier one",
    );
    expect(existsSync(at("round.html"))).toBe(false);
  });

  it("report: another region's previous round is compared with a warning", () => {
    const r = cli("report", "region.html", "D01.xlsx", "--previous", "South-2025.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      "Warning: the previous round is of region South East but the current one of North West; the comparison is made all the same",
    );
  });

  it("report: an earlier round of the same region, without a word", () => {
    const r = cli("report", "ok.html", "D01.xlsx", "--previous", "D01-2025.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/Warning|round/);
  });

  it("compare: the same file, or the same round, exit 2; another region, a warning", () => {
    const same = cli("compare", "D01.xlsx", "./D01.xlsx");
    expect(same.status).toBe(2);
    expect(same.stdout).toBe("");
    expect(same.stderr).toMatch(/^D01\.xlsx: is given as both the previous and the current round; /);
    const round = cli("compare", "D01-again.xlsx", "D01.xlsx");
    expect(round.status).toBe(2);
    expect(round.stderr).toContain(
      "D01-again.xlsx is round 2026-Q4, the same round as the current workbooks",
    );
    const region = cli("compare", "South-2025.xlsx", "D01.xlsx");
    expect(region.status).toBe(0);
    expect(region.stderr).toMatch(/^Warning: the previous round is of region South East /);
  });
});

describe("review thresholds that disagree", () => {
  const warning =
    "Warning: the workbooks' Review value below settings differ: the review uses 3 from the first workbook, D01.xlsx, but D02.xlsx has 2; give --value-below to choose, or make the Settings agree.";

  it("summary: the first workbook's, with a warning naming the workbooks and values", () => {
    const r = cli("summary", "D01.xlsx", "D02.xlsx");
    expect(r.stderr).toContain(warning);
    expect(r.stdout).toMatch(
      /^Partnerships to review \(partners value them below 3, at 10 hours a year or more\)/m,
    );
    expect(r.stderr).not.toContain("Review hours from");
  });

  it("report: the same warning", () => {
    const r = cli("report", "thresholds.html", "D01.xlsx", "D02.xlsx");
    expect(r.stderr).toContain(warning);
  });

  it("no warning when the thresholds are given on the command line", () => {
    const r = cli("summary", "D01.xlsx", "D02.xlsx", "--value-below", "2.5");
    expect(r.stderr).not.toContain("Warning:");
  });

  it("--help says the first workbook's are used", () => {
    const help = cli("--help").stdout;
    expect(help).toContain(
      "else the first\n        workbook's Settings, with a warning when the others' differ",
    );
    expect(help).not.toContain("each\n        workbook's Settings");
  });
});

/**
 * The previous round is checked: the same file or the same round as the current one, or another
 * region's, is a warning (the comparison is made, exit 0). Review thresholds that disagree between
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
  // Both commands exit 0 whenever every workbook is read (the contract's exit statuses: 2 only for
  // input that cannot be read): a previous round that can say little is a warning, never a refusal.
  const sameRound =
    "Warning: D01-again.xlsx is round 2026-Q4, the same round as the current workbooks; the comparison is made all the same, but the previous round should be an earlier one: check that these are the workbooks you meant.";
  const otherRegion =
    "Warning: the previous round is of region South East but the current one of North West; the comparison is made all the same";

  it.each([
    // what, previous, the warning on standard error (undefined: none)
    [
      "the same file as this round's",
      "D01.xlsx",
      "Warning: D01.xlsx is given both as this round's workbook and after --previous, so its partnerships show no change; give the previous round's own workbooks after --previous.",
    ],
    ["another file of the same round", "D01-again.xlsx", sameRound],
    ["another region's previous round", "South-2025.xlsx", otherRegion],
    ["an earlier round of the same region", "D01-2025.xlsx", undefined],
  ])("report: %s is written, exit 0", (what, previous, warning) => {
    const out = `${what.replace(/\W+/g, "-")}.html`;
    const r = cli("report", out, "D01.xlsx", "--previous", previous);
    expect(r.status).toBe(0);
    expect(existsSync(at(out))).toBe(true);
    if (warning === undefined) expect(r.stderr).not.toMatch(/Warning|round/);
    else expect(r.stderr).toContain(warning);
  });

  it("report: a previous file that is also this round's does not silence the warnings of the others", () => {
    const r = cli("report", "both.html", "D01.xlsx", "--previous", "D01.xlsx", "South-2025.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      "Warning: D01.xlsx is given both as this round's workbook and after --previous",
    );
    expect(r.stderr).toContain(otherRegion);
  });

  it.each([
    // what, previous, current, the warning, then the partnerships new, continuing and ended
    [
      "the same file",
      "D01.xlsx",
      "./D01.xlsx",
      "Warning: D01.xlsx is given as both the previous and the current round, so nothing has changed; give the previous round's workbook first, then this round's.",
    ],
    ["the same round", "D01-again.xlsx", "D01.xlsx", sameRound],
    ["another region", "South-2025.xlsx", "D01.xlsx", otherRegion],
  ])("compare: %s is compared with a warning, exit 0", (_what, previous, current, warning) => {
    const r = cli("compare", "--json", previous, current);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(warning);
    const json = JSON.parse(r.stdout);
    expect([json.new, json.continuing, json.ended]).toEqual([0, 2, 0]);
  });

  it("compare: an earlier round of the same region, without a word", () => {
    const r = cli("compare", "D01-2025.xlsx", "D01.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
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

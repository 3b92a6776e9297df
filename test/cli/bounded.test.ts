/**
 * Bounded findings: every output lists at most 200 findings per sheet, column and severity and
 * counts the rest ("and 4,800 more like them"), with the totals still counting every one. The
 * return (5,000 bad GradeCosts rows and 5,000 bad roles) is made here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkReturn } from "../../src/core/returns/checks";
import { FINDINGS_PER_COLUMN } from "../../src/core/returns/checks/limiter";
import { countFindings } from "../../src/core/model/findings";
import { demoDistrict } from "../../src/core/demo/demo-data";
import { readAuditReturn } from "../../src/xlsx/read";
import { writeAuditWorkbook } from "../../src/xlsx/write";
import { runCli, type Run } from "./run-cli";

let dir: string;
const BAD = 5000;

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

const at = (file: string): string => path.join(dir, file);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-bounded-"));
  const r = demoDistrict({ district: "D01", seed: 11, local: 3 });
  const tables = r.tables.map((t) => {
    if (t.table !== "Partnerships") return t;
    const role = t.columns.indexOf("ourRole");
    const id = t.columns.indexOf("partnershipId");
    const rows = Array.from({ length: BAD }, (_, i) =>
      t.rows[0].map((v, c) => (c === role ? "Boss" : c === id ? `P-X${i}` : v)),
    );
    return { ...t, rows: [...t.rows, ...rows] };
  });
  // GradeCosts rows with a grade that is not a grade and a negative cost
  const gradeCosts = Array.from({ length: BAD }, (_, i) => ({ grade: `Nope ${i}`, cost: -1 }));
  writeFileSync(at("bad.xlsx"), await writeAuditWorkbook({ settings: r.settings, tables, gradeCosts }));
}, 120000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("findings per column are bounded, the rest counted", () => {
  it("the core: 200 listed per sheet and column, one more finding counting the rest", async () => {
    const ret = await readAuditReturn(readFileSync(at("bad.xlsx")), "bad.xlsx");
    const findings = checkReturn(ret);
    const roles = findings.filter((f) => f.sheet === "Partnerships" && f.column === "Our role");
    expect(roles).toHaveLength(FINDINGS_PER_COLUMN + 1);
    expect(roles[FINDINGS_PER_COLUMN].more).toBe(BAD - FINDINGS_PER_COLUMN);
    expect(roles[FINDINGS_PER_COLUMN].message).toBe(
      "and 4,800 more like them (only the first 200 errors of this column are listed); fix those, then check again",
    );
    expect(countFindings(roles, "error")).toBe(BAD);
    expect(findings.length).toBeLessThan(2000);
  });

  it("check: the list is bounded, the totals count every one", () => {
    const r = cli("check", "bad.xlsx");
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines.length).toBeLessThan(2000);
    expect(r.stdout).toContain("bad.xlsx: Partnerships, Our role: and 4,800 more like them");
    expect(lines[lines.length - 1]).toMatch(/^bad\.xlsx: (1[0-9],\d{3}|[2-9]\d,\d{3}) errors, /);
  });

  it("report: its Data quality lists a bounded number and counts them all", () => {
    const r = cli("report", "bad.html", "bad.xlsx");
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n").length).toBeLessThan(2000);
    const html = readFileSync(at("bad.html"), "utf8");
    expect(html.length).toBeLessThan(2_000_000);
    expect(html).toContain("and 4,800 more like them");
  });
});

/**
 * The command-line tool as people run it: `node bin/partnership-audit.cjs …` on files in a temp
 * folder. Returns are made from the template and filled by another program (exceljs), as a
 * district would fill them.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { column } from "../../src/core/figures/headlines";
import { breakdown, countDistinct, fte, leadershipRatio, perDistrict } from "../../src/core/calc";
import { appendsToReturn } from "../../src/core/consolidation/consolidate";
import {
  demoDirectory,
  demoPreviousReturns,
  demoReturns,
  demoReturnWithMistakes,
  demoSurveyResponses,
  type DemoReturn,
} from "../../src/core/demo/demo-data";
import { compareRounds } from "../../src/core/figures/compare";
import type { AuditReturn } from "../../src/core/model/workbook-data";
import { readAuditReturn } from "../../src/xlsx/read";
import { fillWorkbook, partnershipRows, representationRows, type Fill, PARTNERSHIP_ROW } from "../xlsx/fill";
import { unzipParts, zipParts } from "../xlsx/hostile-files";
import { BIN, runCli, type Run } from "./run-cli";

let dir: string;

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

function hash(file: string): string {
  return createHash("sha256")
    .update(readFileSync(path.join(dir, file)))
    .digest("hex");
}

function noStackTrace(r: Run): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\n\s+at /);
}

/** A copy of a return as the round before: 2026-Q4 becomes 2025-Q4 (Settings and rows). */
function earlierRound(file: string, to: string): string {
  const parts = unzipParts(readFileSync(path.join(dir, file)));
  for (const [name, xml] of parts) parts.set(name, xml.replaceAll("2026-Q4", "2025-Q4"));
  writeFileSync(path.join(dir, to), zipParts(parts));
  return to;
}

async function makeReturn(file: string, district: string, fill: Fill = {}): Promise<string> {
  const template = readFileSync(path.join(dir, "template.xlsx"));
  const filled = await fillWorkbook(template, {
    settings: { region: "North West", district, auditRound: "2026-Q4", ...fill.settings },
    rows: {
      Partnerships: partnershipRows(5, district),
      Representation: fill.rows?.Partnerships ? [] : representationRows(5, district),
      ...fill.rows,
    },
    rename: fill.rename,
    extraColumn: fill.extraColumn,
  });
  writeFileSync(path.join(dir, file), filled);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-cli-"));
  const t = cli("template", "template.xlsx", "--region", "North West");
  expect(t.status).toBe(0);
  await makeReturn("D01.xlsx", "D01");
  await makeReturn("D02.xlsx", "D02", {
    rows: {
      Partnerships: [
        ...partnershipRows(4, "D02"),
        { ...PARTNERSHIP_ROW, partnershipId: "P-R1", partnership: "Regional board", level: "Regional" },
      ],
      Representation: representationRows(4, "D02"),
    },
  });
  await makeReturn("D03.xlsx", "D03", {
    rows: {
      Partnerships: [
        ...partnershipRows(3, "D03"),
        { ...PARTNERSHIP_ROW, partnershipId: "P-R1", partnership: "Regional board", level: "Regional" },
      ],
      Representation: representationRows(3, "D03"),
    },
  });
  const boss = partnershipRows(6, "D04");
  boss[5] = { ...boss[5], ourRole: "Boss" };
  await makeReturn("D04.xlsx", "D04", { rows: { Partnerships: boss } });
}, 120000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NO_COST_SEO =
  "No annual cost: the grade SEO has hours but no hourly cost; fill in the GradeCosts table on the Settings sheet (set-up adds it to an older workbook).\n";

describe("usage", () => {
  it("--help prints the usage on standard output and exits 0", () => {
    const r = cli("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: partnership-audit <command>");
  });

  it.each([
    // arguments, what the first line says, the command named in the help hint
    [[], "no command given; give one of template, check,", "COMMAND"],
    [["check"], "check needs at least one FILE.xlsx", "check"],
    [["frobnicate"], "unknown command frobnicate; give one of template,", "COMMAND"],
    [["check", "--bogus", "x.xlsx"], "unknown option --bogus; check its spelling, or leave it out", "check"],
    [["compare", "a.xlsx"], "compare needs PREVIOUS.xlsx and CURRENT.xlsx", "compare"],
    [["summary", "--value-below", "9", "x.xlsx"], "--value-below 9 is not a number from 1 to 4", "summary"],
    [["demo"], "demo needs one DIR", "demo"],
  ])("%p exits 2 with one line saying what is wrong and one pointing at the help", (args, what, command) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      expect.stringContaining(`partnership-audit: ${what}`),
      `Run \`partnership-audit --help\` (or \`partnership-audit ${command} --help\`) for the commands, their options and exit statuses.`,
    ]);
    expect(r.stderr).not.toContain("Usage:");
    noStackTrace(r);
  });

  it("COMMAND --help prints that command's usage and exit statuses on standard output, exit 0", () => {
    const whole = cli("--help").stdout;
    for (const command of ["check", "report", "demo"]) {
      const r = cli(command, "--help");
      expect(r.status).toBe(0);
      const synopsis = whole.split("\n").find((l) => l.trim().startsWith(`${command} `));
      expect(synopsis).toBeDefined();
      expect(r.stdout.split("\n")[0]).toBe(`Usage: partnership-audit ${synopsis?.trim()}`);
      expect(r.stdout).toContain("exit: 0");
      expect(r.stdout.length).toBeLessThan(whole.length);
      expect(cli("help", command).stdout).toBe(r.stdout);
    }
  });
});

describe("template", () => {
  it("says which sheets it wrote: every sheet of the file, in its order", async () => {
    const r = cli("template", "sheets.xlsx");
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "sheets.xlsx"));
    const sheets = wb.worksheets.map((w) => w.name);
    expect(sheets).toContain("Guide");
    expect(r.stdout).toBe(`Wrote sheets.xlsx: a blank audit workbook (${sheets.join(", ")}).\n`);
  });

  it("writes a workbook that checks clean", () => {
    const r = cli("check", "template.xlsx");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("template.xlsx: 0 errors, 0 warnings");
  });

  it("exits 2 when OUT cannot be written", () => {
    const r = cli("template", path.join(dir, "no-such-folder", "t.xlsx"));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    noStackTrace(r);
  });
});

describe("check", () => {
  it("a good return: exit 0", () => {
    const r = cli("check", "D01.xlsx", "D02.xlsx");
    expect(r.status).toBe(0);
  });

  it("prints each finding on one line with file, sheet, Excel row, column and the fix; exit 1", () => {
    const before = hash("D04.xlsx");
    const r = cli("check", "D04.xlsx");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'D04.xlsx: Partnerships row 7, Our role: "Boss" is not a role; use Leading, Key, Active or Limited',
    );
    expect(hash("D04.xlsx")).toBe(before);
  });

  it("--json: the JSON document is the only thing on stdout", () => {
    const r = cli("check", "D04.xlsx", "D01.xlsx", "--json");
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.errors).toBe(1);
    expect(doc.files[0].findings[0]).toMatchObject({
      file: "D04.xlsx",
      sheet: "Partnerships",
      row: 7,
      column: "Our role",
      address: "H7",
    });
  });

  describe("bad input", () => {
    beforeAll(async () => {
      writeFileSync(path.join(dir, "notes.xlsx"), "these are my notes, not a workbook\n");
      writeFileSync(
        path.join(dir, "truncated.xlsx"),
        readFileSync(path.join(dir, "D01.xlsx")).subarray(0, 4000),
      );
      const cfb = Buffer.alloc(1024);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
      cfb.write("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0", 512, "latin1");
      writeFileSync(path.join(dir, "locked.xlsx"), cfb);
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Budget").getCell("A1").value = 12;
      await wb.xlsx.writeFile(path.join(dir, "budget.xlsx"));
      await makeReturn("renamed-ok.xlsx", "D05", {
        rename: { Partnerships: { "Our role": "  OUR   ROLE " } },
      });
      await makeReturn("renamed-bad.xlsx", "D05", { rename: { Partnerships: { "Our role": "Role" } } });
      await makeReturn("extra.xlsx", "D05", { extraColumn: { Partnerships: "My own notes" } });
      const rows = partnershipRows(2, "D05");
      await makeReturn("errors.xlsx", "D05", {
        rows: {
          Partnerships: [
            {
              ...rows[0],
              ourRole: { formula: "VLOOKUP(A2,X:Y,2,0)", result: { error: "#N/A" } } as ExcelJS.CellValue,
            },
            rows[1],
          ],
        },
      });
      await makeReturn("text-numbers.xlsx", "D05", {
        rows: { Partnerships: [{ ...rows[0], meetingsPerYear: "12" }] },
      });
      await makeReturn("text-dates.xlsx", "D05", {
        rows: { Partnerships: [{ ...rows[0], involvedSince: "2005-03-01" }] },
      });
      await makeReturn("real-dates.xlsx", "D05", {
        rows: { Partnerships: [{ ...rows[0], involvedSince: new Date(Date.UTC(2005, 2, 1)) }] },
      });
    }, 60000);

    it.each([
      [
        "notes.xlsx",
        "notes.xlsx: the file is not an Excel workbook (.xlsx); save it from Excel as an Excel Workbook",
      ],
      [
        "truncated.xlsx",
        "truncated.xlsx: the workbook is corrupt or truncated and cannot be opened; save it again from Excel",
      ],
      [
        "locked.xlsx",
        "locked.xlsx: the workbook is password-protected (or in the old .xls format); remove the password and save it as an Excel Workbook (.xlsx)",
      ],
      [
        "budget.xlsx",
        "budget.xlsx: the workbook has no audit tables (Partnerships, Representation, Partner survey); make returns from the audit template",
      ],
      ["missing.xlsx", "missing.xlsx: no such file; check the name and the folder"],
    ])("%s: one line saying why, exit 2", (file, line) => {
      const r = cli("check", file);
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(line);
      noStackTrace(r);
    });

    it("an unreadable file among good ones still exits 2, after checking the others", () => {
      const r = cli("check", "D01.xlsx", "notes.xlsx");
      expect(r.status).toBe(2);
      expect(r.stdout).toContain("D01.xlsx: 0 errors");
    });

    it.each([
      ["renamed-ok.xlsx", 0, "renamed-ok.xlsx: 0 errors"],
      [
        "renamed-bad.xlsx",
        1,
        'renamed-bad.xlsx: Partnerships row 1: the Our role column is missing; add a column headed "Our role" to the table (it is required)',
      ],
      ["extra.xlsx", 0, "extra.xlsx: 0 errors, 0 warnings"],
      [
        "errors.xlsx",
        1,
        "errors.xlsx: Partnerships row 2, Our role: the cell shows #N/A; correct the formula or type the value",
      ],
      [
        "text-numbers.xlsx",
        0,
        'text-numbers.xlsx: Partnerships row 2, Meetings per year: warning: "12" is stored as text; retype it as a number',
      ],
      [
        "text-dates.xlsx",
        1,
        'text-dates.xlsx: Partnerships row 2, Involved since: "2005-03-01" is a date; enter the year only',
      ],
      [
        "real-dates.xlsx",
        1,
        "real-dates.xlsx: Partnerships row 2, Involved since: 38412 is a date (2005-03-01) shown as a number; enter the year only",
      ],
    ])("%s → exit %i", (file, status, line) => {
      const r = cli("check", file);
      expect(r.status).toBe(status);
      expect(r.stdout).toContain(line);
      noStackTrace(r);
    });
  });
});

describe("summary", () => {
  it("--json figures equal the AUDIT function core on the same columns; inputs unchanged", async () => {
    const files = ["D01.xlsx", "D02.xlsx", "D03.xlsx"];
    const before = files.map(hash);
    const r = cli("summary", ...files, "--json");
    expect(r.status).toBe(0);
    // these returns cost no grade: cost is null, and standard error says why (never a silent 0)
    expect(r.stderr).toBe(NO_COST_SEO);
    const s = JSON.parse(r.stdout);
    const returns = await Promise.all(files.map((f) => readAuditReturn(readFileSync(path.join(dir, f)), f)));
    const ids = column(returns, "Partnerships", "partnershipId");
    const districts = column(returns, "Partnerships", "district");
    expect(s.files).toBe(3);
    expect(s.partnerships).toBe(countDistinct(ids));
    expect(s.partnerships).toBe(13);
    expect(s.districts).toBe(3);
    expect(s.perDistrict).toBe(14 / 3); // 5 + 5 + 4 partnerships in 3 districts
    expect(s.leadershipRatio).toBe(8 / 13);
    expect(s.fte).toBeCloseTo(585 / 1924, 12);
    expect(s.perDistrict).toBe(perDistrict(ids, districts));
    expect(s.leadershipRatio).toBe(leadershipRatio(column(returns, "Partnerships", "ourRole"), ids));
    expect(s.fte).toBeCloseTo(fte(column(returns, "Representation", "annualHours")), 12);
    expect(s.byLevel).toEqual({ Regional: 3, "Sub-regional": 3, Local: 7 });
    expect(s.perDistrictCounts).toEqual({ D01: 5, D02: 5, D03: 4 });
    expect(Object.keys(s.fteByDistrict).sort()).toEqual(["D01", "D02", "D03"]);
    expect(s.barriers).toEqual(
      breakdown(column(returns, "Partnerships", "barriers")).map(([label, count, share]) => ({
        label,
        count,
        share,
      })),
    );
    expect(files.map(hash)).toEqual(before);
  });

  it("--json semantics by hand: FTE with each workbook's own Settings, strongest role per ID, labels as first spelled", async () => {
    const rows = partnershipRows(3, "D07");
    rows[0] = { ...rows[0], level: "local" };
    await makeReturn("H30.xlsx", "D07", {
      settings: { hoursPerWeek: 30, weeksPerYear: 50 },
      rows: {
        Partnerships: [...rows, { ...PARTNERSHIP_ROW, partnershipId: "P-D01004", level: "Regional" }],
        Representation: representationRows(3, "D07"),
      },
    });
    const r = cli("summary", "H30.xlsx", "D01.xlsx", "--json");
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    // annual hours: D01 54+33+60+39+66 = 252 at 37 × 52; H30 54+33+60 = 147 at 30 × 50
    expect(s.fte).toBeCloseTo(147 / 1500 + 252 / 1924, 12);
    expect(s.fteByDistrict.D07).toBeCloseTo(147 / 1500, 12);
    expect(s.fteByDistrict.D01).toBeCloseTo(252 / 1924, 12);
    expect(s).toMatchObject({
      files: 2,
      partnerships: 8,
      districts: 2,
      perDistrict: 4.5,
      // P-D01004 is Limited in D01 but Leading in D07: it counts once, as Leading
      leadershipRatio: 0.75,
      byLevel: { Regional: 1, "Sub-regional": 2, local: 5 },
      perDistrictCounts: { D01: 5, D07: 4 },
      leadershipByDistrict: { D01: 0.6, D07: 0.75 },
      barriers: [
        { label: "Pressure on key staff time", count: 9, share: 1 },
        { label: "Limited local flexibility or autonomy", count: 5, share: 5 / 9 },
        { label: "Short-term national targets", count: 1, share: 1 / 9 },
      ],
    });
  });

  it("errors in the data: exit 1, findings on stderr, JSON still alone on stdout", () => {
    const r = cli("summary", "D04.xlsx", "--json");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"Boss" is not a role');
    expect(JSON.parse(r.stdout).files).toBe(1);
  });

  it("unreadable: exit 2", () => {
    const r = cli("summary", "D01.xlsx", "notes.xlsx");
    expect(r.status).toBe(2);
    noStackTrace(r);
  });

  it("unreadable with --json: exit 2, the reason on stderr, stdout still one JSON document", () => {
    const r = cli("summary", "D01.xlsx", "notes.xlsx", "--json");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("notes.xlsx: the file is not an Excel workbook");
    expect(JSON.parse(r.stdout)).toMatchObject({ files: 1, partnerships: 5 });
  });
});

describe("consolidate", () => {
  it("writes the regional workbook; its summary equals the returns' summary; inputs unchanged", () => {
    const files = ["D03.xlsx", "D01.xlsx", "D02.xlsx"];
    const before = files.map(hash);
    const r = cli("consolidate", "regional.xlsx", ...files);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Imported D01.xlsx: district D01, round 2026-Q4");
    expect(r.stdout).toContain(
      "Wrote regional.xlsx: 3 returns imported; rows: Partnerships 14, Representation 12, Partner survey 0, Members 0.",
    );
    expect(files.map(hash)).toEqual(before);
    const regional = JSON.parse(cli("summary", "regional.xlsx", "--json").stdout);
    const returns = JSON.parse(cli("summary", ...files, "--json").stdout);
    expect({ ...regional, files: 0, fte: 0 }).toEqual({ ...returns, files: 0, fte: 0 });
    expect(regional.fte).toBeCloseTo(returns.fte, 9);
    const c = cli("check", "regional.xlsx");
    expect(c.status).toBe(0);
  });

  it("is deterministic: the same returns in another order give the same file", () => {
    expect(cli("consolidate", "a.xlsx", "D01.xlsx", "D02.xlsx", "D03.xlsx").status).toBe(0);
    expect(cli("consolidate", "b.xlsx", "D03.xlsx", "D02.xlsx", "D01.xlsx").status).toBe(0);
    expect(hash("a.xlsx")).toBe(hash("b.xlsx"));
  });

  it("re-importing into an existing regional workbook replaces that district and round, no duplicates", () => {
    expect(cli("consolidate", "again.xlsx", "D01.xlsx", "D02.xlsx").status).toBe(0);
    const r = cli("consolidate", "again.xlsx", "D01.xlsx");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("(replaced the rows of D01 2026-Q4 already in again.xlsx)");
    expect(r.stdout).toContain("rows: Partnerships 10,");
  });

  it("two returns with the same district and round: the later replaces the earlier, both named", () => {
    copyFileSync(path.join(dir, "D01.xlsx"), path.join(dir, "D01-resent.xlsx"));
    const r = cli("consolidate", "dup.xlsx", "D01.xlsx", "D01-resent.xlsx");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "Skipped D01.xlsx: replaced by D01-resent.xlsx: both are district D01, round 2026-Q4",
    );
    expect(r.stdout).toContain("D01-resent.xlsx replaces D01.xlsx");
    expect(r.stdout).toContain("rows: Partnerships 5,");
  });

  it("the same return twice on the command line is imported once", () => {
    const r = cli("consolidate", "twice.xlsx", "D01.xlsx", "D01.xlsx");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("rows: Partnerships 5,");
  });

  it("a return with errors: nothing written, exit 1", () => {
    const r = cli("consolidate", "nothing.xlsx", "D01.xlsx", "D04.xlsx");
    expect(r.status).toBe(1);
    expect(existsSync(path.join(dir, "nothing.xlsx"))).toBe(false);
    expect(r.stderr).toContain("D04.xlsx: not imported: 1 error");
    expect(r.stderr).toContain("Nothing written");
  });

  it("--skip-invalid writes the valid returns, names the skipped one and why, exit 1", () => {
    const r = cli("consolidate", "partial.xlsx", "D01.xlsx", "D04.xlsx", "--skip-invalid");
    expect(r.status).toBe(1);
    expect(existsSync(path.join(dir, "partial.xlsx"))).toBe(true);
    expect(r.stdout).toContain(
      'Skipped D04.xlsx: 1 error, first: Partnerships row 7, Our role: "Boss" is not a role',
    );
  });

  it("--skip-invalid with an unreadable return writes the valid ones, names the skipped one and why, exit 1", () => {
    const r = cli("consolidate", "partial-unreadable.xlsx", "D01.xlsx", "locked.xlsx", "--skip-invalid");
    expect(r.status).toBe(1);
    expect(existsSync(path.join(dir, "partial-unreadable.xlsx"))).toBe(true);
    expect(r.stdout).toContain("Skipped locked.xlsx: the workbook is password-protected");
    expect(r.stdout).toContain("Wrote partial-unreadable.xlsx: 1 return imported");
    noStackTrace(r);
  });

  it("two returns with the same file name in different folders are told apart by their paths", () => {
    mkdirSync(path.join(dir, "first"), { recursive: true });
    mkdirSync(path.join(dir, "second"), { recursive: true });
    copyFileSync(path.join(dir, "D01.xlsx"), path.join(dir, "first", "D01.xlsx"));
    copyFileSync(path.join(dir, "D01.xlsx"), path.join(dir, "second", "D01.xlsx"));
    const a = path.join("first", "D01.xlsx");
    const b = path.join("second", "D01.xlsx");
    const r = cli("consolidate", "folders.xlsx", a, b, "D02.xlsx");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Skipped ${a}: replaced by ${b}: both are district D01, round 2026-Q4`);
    expect(r.stdout).toContain(`${b} replaces ${a}`);
    expect(r.stdout).toContain("Imported D02.xlsx: district D02");
    // compared, the two copies are the same round: compared with a warning, each named by its path
    const c = cli("compare", a, b);
    expect(c.status).toBe(0);
    expect(c.stderr).toContain(`Warning: ${a} is round 2026-Q4, the same round as the current workbooks`);
  });

  it("an unreadable return: nothing written, exit 2", () => {
    const r = cli("consolidate", "none.xlsx", "D01.xlsx", "locked.xlsx");
    expect(r.status).toBe(2);
    expect(existsSync(path.join(dir, "none.xlsx"))).toBe(false);
    noStackTrace(r);
  });

  it("an output that cannot be written: exit 2, no temporary file left", () => {
    mkdirSync(path.join(dir, "ro"), { recursive: true });
    const r = cli("consolidate", path.join(dir, "no-such-folder", "out.xlsx"), "D01.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    noStackTrace(r);
  });

  it("refuses to overwrite one of its inputs", () => {
    const before = hash("D01.xlsx");
    const r = cli("consolidate", "D01.xlsx", "D02.xlsx", "./D01.xlsx");
    expect(r.status).toBe(2);
    expect(hash("D01.xlsx")).toBe(before);
  });

  it("text that looks like a formula stays text in the regional workbook", async () => {
    await makeReturn("inject.xlsx", "D09", {
      rows: {
        Partnerships: [
          { ...PARTNERSHIP_ROW, notes: '=HYPERLINK("http://evil","click")', leadOrganisation: "@cmd" },
        ],
      },
    });
    expect(cli("consolidate", "inject-out.xlsx", "inject.xlsx").status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "inject-out.xlsx"));
    const ws = wb.getWorksheet("Partnerships");
    expect(ws?.getCell("R2").value).toBe('=HYPERLINK("http://evil","click")');
    expect(ws?.getCell("R2").type).toBe(ExcelJS.ValueType.String);
    expect(ws?.getCell("G2").value).toBe("@cmd");
  });
});

describe("compare and demo", () => {
  it("compare --json: new, continuing, ended and the changes; exit 0", () => {
    const r = cli("compare", earlierRound("D01.xlsx", "D01-2025.xlsx"), "regional.xlsx", "--json");
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c).toMatchObject({ new: 8, continuing: 5, ended: 0 });
    expect(typeof c.fteChange).toBe("number");
  });

  it("compare --json: the whole document, numbers unrounded, alone on stdout", () => {
    // the previous round: D02 as it was in 2025-Q4
    const r = cli("compare", earlierRound("D02.xlsx", "D02-2025.xlsx"), "D03.xlsx", "--json");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const c = JSON.parse(r.stdout);
    const prev = JSON.parse(cli("summary", "D02.xlsx", "--json").stdout);
    const curr = JSON.parse(cli("summary", "D03.xlsx", "--json").stdout);
    expect(c).toEqual({
      // each round: its files and its headline figures, as `summary --json` gives them
      previous: {
        files: ["D02-2025.xlsx"],
        partnerships: 5,
        fte: prev.fte,
        leadershipRatio: prev.leadershipRatio,
      },
      current: { files: ["D03.xlsx"], partnerships: 4, fte: curr.fte, leadershipRatio: curr.leadershipRatio },
      // as AUDIT.CHANGE by distinct Partnership ID, with the IDs of each (sorted)
      new: 3,
      continuing: 1,
      ended: 4,
      newIds: ["P-D03001", "P-D03002", "P-D03003"],
      continuingIds: ["P-R1"],
      endedIds: ["P-D02001", "P-D02002", "P-D02003", "P-D02004"],
      // current − previous
      fteChange: curr.fte - prev.fte,
      leadershipRatioChange: curr.leadershipRatio - prev.leadershipRatio,
    });
  });

  it("output read by a program that stops early (| head -1): no stack trace", () => {
    const r = spawnSync(
      "bash",
      ["-c", `"${process.execPath}" "${BIN}" summary D01.xlsx D02.xlsx | head -1`],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    expect(r.stdout).toBe("Files: 2\n");
    expect(r.stderr).toBe(NO_COST_SEO);
  });

  it("demo DIR that cannot be made: one line saying why, exit 2 (and no hang on /proc)", () => {
    writeFileSync(path.join(dir, "a-file"), "x");
    const r = cli("demo", path.join("a-file", "sub"));
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `${path.join("a-file", "sub")}: part of the path is a file, not a folder; choose another folder`,
    );
    if (existsSync("/proc/self")) {
      const p = cli("demo", "/proc/partnership-audit-demo");
      expect(p.status).toBe(2);
      expect(p.stderr.trim().split("\n")).toHaveLength(1);
      noStackTrace(p);
    }
  });

  it("demo DIR writes 11 returns, the regional workbook and report, the previous round and a return with mistakes", () => {
    const r = cli("demo", "demo-out");
    expect(r.status).toBe(0);
    const returns = Array.from({ length: 11 }, (_, i) => `D${String(i + 1).padStart(2, "0")}.xlsx`);
    expect(readdirSync(path.join(dir, "demo-out"), { recursive: true }).map(String).sort()).toEqual(
      [
        ...returns,
        "regional.xlsx",
        "report.html",
        "previous",
        ...returns.map((f) => path.join("previous", f)),
        path.join("previous", "regional.xlsx"),
        "with-mistakes",
        path.join("with-mistakes", "D12.xlsx"),
        "D01-survey-responses.csv",
      ].sort(),
    );
    // what it wrote, each file or folder named as the user typed DIR
    const out = path.join("demo-out");
    expect(r.stdout).toContain(`Wrote 11 district returns to ${out}.`);
    expect(r.stdout).toContain(
      `Wrote ${path.join(out, "regional.xlsx")}: the consolidated regional workbook.`,
    );
    expect(r.stdout).toContain(`Wrote ${path.join(out, "report.html")}: the audit report`);
    expect(r.stdout).toContain(
      `Wrote 11 district returns of the previous round (2025-Q4) and their regional workbook to ${path.join(out, "previous")}; compare the rounds with: partnership-audit compare ${path.join(out, "previous", "regional.xlsx")} ${path.join(out, "regional.xlsx")}`,
    );
    expect(r.stdout).toContain(
      `Wrote ${path.join(out, "with-mistakes", "D12.xlsx")}: a return with 4 mistakes in it; see them with: partnership-audit check ${path.join(out, "with-mistakes", "D12.xlsx")}`,
    );
    expect(r.stdout).toContain(
      `Wrote ${path.join(out, "D01-survey-responses.csv")}: partner survey responses about D01's partnerships, as a form tool exports them; see what importing them would add with: partnership-audit survey ${path.join(out, "D01-survey-responses.csv")} --return ${path.join(out, "D01.xlsx")}`,
    );
    expect(r.stdout).toContain("Partnerships per district: 4.64");
    expect(cli("check", path.join("demo-out", "regional.xlsx")).status).toBe(0);
  });
});

describe("the demo's Try it: every command does something", () => {
  const demoDir = "try";
  const at = (...parts: string[]): string => path.join(demoDir, ...parts);
  const current = Array.from({ length: 11 }, (_, i) => at(`D${String(i + 1).padStart(2, "0")}.xlsx`));
  const previous = current.map((f) => at("previous", path.basename(f)));

  beforeAll(() => {
    expect(cli("demo", demoDir).status).toBe(0);
  }, 120000);

  it("check: the 11 returns are ready to import", () => {
    const r = cli("check", ...current);
    expect(r.status).toBe(0);
    for (const f of current) expect(r.stdout).toContain(`${f}: 0 errors, 0 warnings — ready to import`);
  });

  it("check: the return with mistakes has exactly its mistakes, each named by the path typed; exit 1", () => {
    const { mistakes } = demoReturnWithMistakes();
    const file = at("with-mistakes", "D12.xlsx");
    const r = cli("check", file);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(mistakes.length + 1);
    mistakes.forEach((m, i) => expect(lines[i]).toContain(`${file}: ${m.sheet} row ${m.row}, ${m.column}: `));
    expect(lines[mistakes.length]).toBe(`${file}: ${mistakes.length} errors, 0 warnings`);
    const json = JSON.parse(cli("check", file, "--json").stdout);
    expect(json.errors).toBe(mistakes.length);
  });

  it("consolidate: the 11 returns (the return with mistakes is in its own folder, not among them)", async () => {
    const r = cli("consolidate", at("region.xlsx"), ...current);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Wrote ${at("region.xlsx")}: 11 returns imported`);
    // the regional workbook keeps the returns' partnership directory on its Lists sheet
    const regional = await readAuditReturn(readFileSync(path.join(dir, at("region.xlsx"))), "region.xlsx");
    expect(regional.directory?.map((e) => [e.id, e.name, e.level])).toEqual(demoDirectory());
    const refused = cli("consolidate", at("none.xlsx"), ...current, at("with-mistakes", "D12.xlsx"));
    expect(refused.status).toBe(1);
    expect(existsSync(path.join(dir, at("none.xlsx")))).toBe(false);
  });

  it("compare: the previous round's regional workbook with this round's, as the core compares the demo's data", () => {
    const r = cli("compare", at("previous", "regional.xlsx"), at("regional.xlsx"), "--json");
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    const asReturn = (d: DemoReturn): AuditReturn => appendsToReturn(d.file, d.settings, d.tables);
    const core = compareRounds(demoPreviousReturns().map(asReturn), demoReturns().map(asReturn));
    expect(c).toMatchObject({
      new: core.new,
      continuing: core.continuing,
      ended: core.ended,
      newIds: core.newIds,
      endedIds: core.endedIds,
    });
    expect(c.fteChange).toBeCloseTo(core.fteChange ?? NaN, 9);
    expect(c.new).toBeGreaterThan(0);
    expect(c.ended).toBeGreaterThan(0);
    const text = cli("compare", at("previous", "regional.xlsx"), at("regional.xlsx"));
    expect(text.stdout).toContain(`New: ${core.new} (${core.newIds.join(", ")})`);
    expect(text.stdout).toContain(`Ended: ${core.ended} (${core.endedIds.join(", ")})`);
  });

  it("report --previous: this round's returns compared with the previous round's", () => {
    const r = cli("report", at("r.html"), ...current, "--previous", ...previous);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("from 11 files; compared with 11 files of the previous round");
    const html = readFileSync(path.join(dir, at("r.html")), "utf8");
    expect(html).toContain('id="previous-round"');
    // both rounds have a D01.xlsx: the document names each by its path, to tell them apart
    expect(html).toContain(`<bdi>${at("D01.xlsx")}</bdi>`);
    expect(html).toContain(`<bdi>${at("previous", "D01.xlsx")} (previous round)</bdi>`);
    // the regional workbooks of the two rounds, by their names alone where they are not ambiguous
    const regional = cli(
      "report",
      at("regional.html"),
      at("regional.xlsx"),
      "--previous",
      at("previous", "D01.xlsx"),
    );
    expect(regional.status).toBe(0);
    const doc = readFileSync(path.join(dir, at("regional.html")), "utf8");
    expect(doc).toContain("<bdi>regional.xlsx</bdi>");
    expect(doc).not.toContain(at("regional.xlsx"));
  });
});

describe("the demo's Try it: the partner survey", () => {
  const demoDir = "try-survey";
  const at = (...parts: string[]): string => path.join(demoDir, ...parts);

  beforeAll(() => {
    expect(cli("demo", demoDir).status).toBe(0);
  }, 120000);

  it("questionnaire: the survey to send about D01's partnerships", () => {
    const r = cli("questionnaire", at("survey.html"), at("D01.xlsx"));
    expect(r.status).toBe(0);
    const ids = demoReturns()[0].tables[0].rows.length;
    expect(r.stdout).toContain(
      `Wrote ${at("survey.html")}: the partner survey questionnaire (${ids} partnerships`,
    );
  });

  it("survey: the responses map by question, each would be a row, and the one 5 is a finding; exit 1", () => {
    const responses = at("D01-survey-responses.csv");
    const r = cli("survey", responses, "--return", at("D01.xlsx"), "--json");
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    const { outOfScale } = demoSurveyResponses(demoReturns()[0]);
    expect(doc.rows).toHaveLength(demoReturns()[0].tables[0].rows.length);
    expect(doc.findings.map((f: { row: number; column: string }) => [f.row, f.column])).toEqual([
      [outOfScale?.row, outOfScale?.header],
    ]);
    const text = cli("survey", responses, "--return", at("D01.xlsx"));
    expect(text.stdout).toContain(
      `${responses}: row ${outOfScale?.row}, ${outOfScale?.header}: "5" is not a rating`,
    );
  });
});

describe("every message names a file by its path as the user typed it", () => {
  const sub = "typed";
  beforeAll(() => {
    mkdirSync(path.join(dir, sub), { recursive: true });
    for (const f of ["D01.xlsx", "D04.xlsx", "notes.xlsx"])
      copyFileSync(path.join(dir, f), path.join(dir, sub, f));
  });

  const absolute = (f: string): string => path.join(dir, sub, f);
  const relative = (f: string): string => path.join(sub, f);

  it.each([
    // what is run (given a way to name a file), and the line each file named must start
    ["check: a finding", (n: (f: string) => string) => ["check", n("D04.xlsx")], "D04.xlsx", "stdout"],
    ["check: unreadable", (n: (f: string) => string) => ["check", n("notes.xlsx")], "notes.xlsx", "stderr"],
    ["check: missing", (n: (f: string) => string) => ["check", n("gone.xlsx")], "gone.xlsx", "stderr"],
    ["summary: a finding", (n: (f: string) => string) => ["summary", n("D04.xlsx")], "D04.xlsx", "stderr"],
    [
      "consolidate: imported",
      (n: (f: string) => string) => ["consolidate", n("reg.xlsx"), n("D01.xlsx")],
      "reg.xlsx",
      "stdout",
    ],
    [
      "consolidate: a district return as OUT",
      (n: (f: string) => string) => ["consolidate", n("D01.xlsx"), n("D04.xlsx")],
      "D01.xlsx",
      "stderr",
    ],
    [
      "consolidate: a return with errors",
      (n: (f: string) => string) => ["consolidate", n("x.xlsx"), n("D04.xlsx")],
      "D04.xlsx",
      "stderr",
    ],
    [
      "consolidate: OUT in a missing folder",
      (n: (f: string) => string) => ["consolidate", n(path.join("nowhere", "r.xlsx")), n("D01.xlsx")],
      path.join("nowhere", "r.xlsx"),
      "stderr",
    ],
    ["template: OUT exists", (n: (f: string) => string) => ["template", n("D01.xlsx")], "D01.xlsx", "stderr"],
    [
      "compare: PREVIOUS missing",
      (n: (f: string) => string) => ["compare", n("gone.xlsx"), n("D01.xlsx")],
      "gone.xlsx",
      "stderr",
    ],
    [
      "report: OUT not .html",
      (n: (f: string) => string) => ["report", n("D01.xlsx"), n("D04.xlsx")],
      "D01.xlsx",
      "stderr",
    ],
    [
      "report: a finding",
      (n: (f: string) => string) => ["report", n("r.html"), n("D04.xlsx")],
      "D04.xlsx",
      "stderr",
    ],
    [
      "questionnaire: RETURN missing",
      (n: (f: string) => string) => ["questionnaire", n("q.html"), n("gone.xlsx")],
      "gone.xlsx",
      "stderr",
    ],
    [
      "survey: RESPONSES missing",
      (n: (f: string) => string) => ["survey", n("gone.csv"), "--return", n("D01.xlsx")],
      "gone.csv",
      "stderr",
    ],
  ] as const)("%s", (_what, args, file, stream) => {
    for (const name of [relative, absolute]) {
      const r = cli(...args(name));
      const lines = r[stream].split("\n").filter((l) => l.includes(path.basename(file)) && l.includes(": "));
      expect(lines.length).toBeGreaterThan(0);
      // the line names the file as typed, never by its base name alone
      expect(lines.some((l) => l.includes(`${name(file)}: `))).toBe(true);
      for (const l of lines) expect(l.startsWith(`${path.basename(file)}: `)).toBe(false);
      noStackTrace(r);
    }
  });
});

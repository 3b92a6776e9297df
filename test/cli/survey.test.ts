/**
 * `partnership-audit questionnaire` and `partnership-audit survey` as people run them, on fixtures
 * the tests make (test/survey/fixtures.ts): a Microsoft Forms-shaped export, another tool's CSV and
 * a sheet typed from paper, each checked end to end down to the scores that follow; and the bad
 * input a survey brings.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PARTNER_SURVEY } from "../../src/core/model/blueprint";
import { writeAuditWorkbook } from "../../src/xlsx/write";
import { readAuditReturn } from "../../src/xlsx/read";
import {
  EXPECTED,
  formsExport,
  otherToolCsv,
  paperSheet,
  returnWith,
  surveyFigures,
  surveyReturn,
} from "../survey/fixtures";
import { deflateBomb, returnParts, sheetPart, zipParts } from "../xlsx/hostile-files";
import { runCli } from "./run-cli";

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "survey-cli-"));
  writeFileSync(path.join(dir, "D01.xlsx"), await surveyReturn());
  writeFileSync(path.join(dir, "forms.xlsx"), await formsExport());
  writeFileSync(path.join(dir, "other.csv"), otherToolCsv());
  writeFileSync(path.join(dir, "paper.xlsx"), await paperSheet());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string): string => path.join(dir, name);
const put = (name: string, text: string | Uint8Array): string => {
  writeFileSync(file(name), text);
  return name;
};

interface SurveyJson {
  mapping: Record<string, string | null>;
  rows: Record<string, string | number | null>[];
  findings: { row: number; column: string; message: string }[];
  duplicates: number;
}

function surveyJson(
  responses: string,
  ...more: string[]
): { status: number | null; doc: SurveyJson; stderr: string } {
  const r = runCli(dir, ["survey", responses, "--return", "D01.xlsx", "--json", ...more]);
  return { status: r.status, doc: JSON.parse(r.stdout) as SurveyJson, stderr: r.stderr };
}

describe("questionnaire", () => {
  it("writes the return's partnerships and the appendix; with no return, one blank block", () => {
    const r = runCli(dir, ["questionnaire", "q.html", "D01.xlsx"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Wrote q\.html: the partner survey questionnaire \(3 partnerships/);
    const page = readFileSync(file("q.html"), "utf8");
    expect(page).toContain("Northtown Local Strategic Partnership");
    expect(page).toContain("To run this survey online");
    expect(page).toContain("Partner survey: D01, 2026-Q4");
    expect(runCli(dir, ["questionnaire", "blank.html"]).status).toBe(0);
    expect(readFileSync(file("blank.html"), "utf8")).toContain("The partnership you are answering about");
  });

  it("refuses an OUT not ending in .html and never replaces a workbook", () => {
    const before = readFileSync(file("D01.xlsx"));
    const r = runCli(dir, ["questionnaire", "D01.xlsx"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /D01\.xlsx: the questionnaire is written as an HTML file, so its name must end in \.html/,
    );
    put("old.html", before);
    const r2 = runCli(dir, ["questionnaire", "old.html", "D01.xlsx"]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/is an existing workbook/);
    expect(readFileSync(file("D01.xlsx"))).toEqual(before);
    expect(runCli(dir, ["questionnaire", "x.html", "missing.xlsx"]).status).toBe(2);
  });
});

describe("survey: three shapes of the same responses, end to end", () => {
  it.each([
    ["a Microsoft Forms export (ratings as words)", "forms.xlsx", "ID"],
    ["another tool's CSV (BOM, semicolons, its own order, numbered titles)", "other.csv", null],
    ["a sheet typed from paper (field names, numbers)", "paper.xlsx", null],
  ])("%s: every question maps, four rows, no finding, the scores by value", async (_what, name, idHeader) => {
    const { status, doc, stderr } = surveyJson(name);
    expect(stderr).toMatch(/4 responses in the file; 4 rows to add; 0 findings/);
    expect(status).toBe(0);
    const asked = PARTNER_SURVEY.columns.filter((c) => "question" in c).map((c) => c.header);
    for (const column of asked) expect(doc.mapping[column]).not.toBeNull();
    expect(doc.mapping["Response ID"]).toBe(idHeader);
    expect(doc.mapping.District).toBeNull();
    expect(doc.findings).toEqual([]);
    expect(doc.duplicates).toBe(0);
    expect(doc.rows).toHaveLength(4);
    expect(doc.rows[1]).toMatchObject({
      "Partnership ID": "P-0001",
      "Respondent organisation": "Northtown College",
      "Organisation type": "Education",
      "Role we play (as seen by partner)": "Key",
      "Value of our time": 3,
      "Trust (open to discussion)": 2,
      "Effectiveness of our participation": 2,
      Comments: null,
    });
    expect(doc.rows[2].Comments).toBe("Too few; meetings\nmissed");
    expect(doc.rows[3]["Value of our time"]).toBeNull();
    const figures = surveyFigures(await returnWith(doc.rows));
    expect(figures.value).toEqual(EXPECTED.value);
    expect(figures.flag).toEqual(EXPECTED.flag);
    expect(figures.trust).toBeCloseTo(EXPECTED.trust, 12);
    expect(figures.valueScore).toBeCloseTo(EXPECTED.valueScore, 12);
    expect(figures.effectiveness).toBeCloseTo(EXPECTED.effectiveness, 12);
  });

  it("importing the same file again adds nothing and says how many were already there", async () => {
    for (const name of ["forms.xlsx", "other.csv", "paper.xlsx"]) {
      const first = surveyJson(name).doc;
      const ret = await returnWith(first.rows);
      const again = await writeAuditWorkbook({
        settings: ret.settings,
        tables: (["Partnerships", "Representation", "PartnerSurvey"] as const).map((t) => {
          const data = ret.tables[t];
          const keys = Object.keys(data?.columns ?? {});
          return {
            table: t,
            columns: keys,
            rows: (data?.rows ?? []).map((r) =>
              keys.map((k) => (r.values[k] ?? null) as string | number | null),
            ),
          };
        }),
      });
      put("imported.xlsx", again);
      expect((await readAuditReturn(again, "imported.xlsx")).tables.PartnerSurvey?.rows).toHaveLength(4);
      const r = runCli(dir, ["survey", name, "--return", "imported.xlsx", "--json"]);
      const doc = JSON.parse(r.stdout) as SurveyJson;
      expect(r.status).toBe(0);
      expect(doc.rows).toEqual([]);
      expect(doc.duplicates).toBe(4);
      expect(r.stderr).toMatch(/0 rows to add; 4 already imported/);
    }
  });

  it("prints the mapping, the findings and the counts as text, and says nothing was written", () => {
    const r = runCli(dir, ["survey", "forms.xlsx", "--return", "D01.xlsx"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '  Value of our time <- "How valuable to the partnership is the time our staff give it?"',
    );
    expect(r.stdout).toContain('  Response ID <- "ID"');
    expect(r.stdout).toContain("  District <- (no column; left blank)");
    expect(r.stdout).toMatch(/Nothing written: this is a dry run/);
  });
});

describe("survey: bad input", () => {
  const header =
    "Partnership ID;Respondent organisation;Value of our time;Trust (reliable);Effectiveness of our participation";

  it('rates 5, "3,5" and "three" as findings at file row and column, the cells blank, the rest kept (exit 1)', () => {
    put("bad.csv", `\uFEFF${header}\r\nP-0001;A;5;"3,5";three\r\nP-0002;B;2;Agree;Effective\r\n`);
    const { status, doc } = surveyJson("bad.csv");
    expect(status).toBe(1);
    expect(doc.findings.map((f) => [f.row, f.column])).toEqual([
      [2, "Value of our time"],
      [2, "Trust (reliable)"],
      [2, "Effectiveness of our participation"],
    ]);
    expect(doc.findings[0].message).toMatch(
      /^"5" is not a rating; use a whole number from 1 to 4 or one of "Not valuable"/,
    );
    expect(doc.rows).toEqual([
      expect.objectContaining({
        "Respondent organisation": "A",
        "Value of our time": null,
        "Trust (reliable)": null,
      }),
      expect.objectContaining({
        "Respondent organisation": "B",
        "Value of our time": 2,
        "Trust (reliable)": 3,
        "Effectiveness of our participation": 3,
      }),
    ]);
    const text = runCli(dir, ["survey", "bad.csv", "--return", "D01.xlsx"]);
    expect(text.stdout).toContain('bad.csv: row 2, Trust (reliable): "3,5" is not a rating');
  });

  it("an unknown partnership is a finding, not imported; a repeated response counts as a duplicate", () => {
    put(
      "unknown.csv",
      `Response ID,${header.replace(/;/g, ",")}\nr1,P-0404,A,3,3,3\nr2,Employment and Skills Board,B,3,3,3\nr2,Employment and Skills Board,B,3,3,3\n`,
    );
    const { status, doc } = surveyJson("unknown.csv");
    expect(status).toBe(1);
    expect(doc.findings).toEqual([
      {
        row: 2,
        column: "Partnership ID",
        message: expect.stringMatching(
          /^"P-0404" is neither a Partnership ID nor a partnership's name on the Partnerships sheet; the response is not imported/,
        ),
      },
    ]);
    expect(doc.rows.map((r) => r["Partnership ID"])).toEqual(["P-0002"]);
    expect(doc.duplicates).toBe(1);
  });

  it.each([
    [
      "not a spreadsheet",
      "image.png",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]),
      /image\.png: the file is not a spreadsheet/,
    ],
    ["an empty file", "empty.csv", new Uint8Array(0), /empty\.csv: the file is empty/],
    [
      "a header row only",
      "header.csv",
      `${header}\r\n`,
      /header\.csv: the file has a header row but no responses/,
    ],
    [
      "a password-protected workbook",
      "locked.xlsx",
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /locked\.xlsx: the workbook is password-protected/,
    ],
    [
      "a corrupt workbook",
      "broken.xlsx",
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      /broken\.xlsx: /,
    ],
    [
      "no column for a required field",
      "nocolumn.csv",
      "Organisation,Value of our time\nA,3\n",
      /no column of the file fills "Partnership ID" and "Respondent organisation" \(required\)/,
    ],
  ])("%s: one clear line, exit 2, nothing written", (_what, name, bytes, message) => {
    put(name, bytes);
    const before = statSync(file("D01.xlsx")).mtimeMs;
    const r = runCli(dir, ["survey", name, "--return", "D01.xlsx"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Nothing imported\./);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(statSync(file("D01.xlsx")).mtimeMs).toBe(before);
  });

  it("a hostile zip (a deflate bomb in a sheet): refused in one line, exit 2", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    const b = deflateBomb(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="A2" t="str"><v>',
      "0123456789abcdef",
      4 * 1024 ** 3,
      "</v></c></row></sheetData></worksheet>",
    );
    put("bomb.xlsx", zipParts(parts, [{ name, data: b.data, method: 8, crc: 0, size: 1000 }]));
    const r = runCli(dir, ["survey", "bomb.xlsx", "--return", "D01.xlsx", "--json"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^bomb\.xlsx: the workbook is refused: .* as a deflate bomb does/);
  });

  it("takes a mapping from --map, and refuses one that is not a mapping", () => {
    put("mine.csv", "Which,Who,Score\nP-0001,A,4\n");
    put(
      "map.json",
      JSON.stringify({
        "Partnership ID": "Which",
        "Respondent organisation": "Who",
        "Value of our time": "Score",
      }),
    );
    const { status, doc } = surveyJson("mine.csv", "--map", "map.json");
    expect(status).toBe(0);
    expect(doc.rows[0]).toMatchObject({
      "Partnership ID": "P-0001",
      "Respondent organisation": "A",
      "Value of our time": 4,
    });
    put("notmap.json", "[1,2]");
    const r = runCli(dir, ["survey", "mine.csv", "--return", "D01.xlsx", "--map", "notmap.json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/notmap\.json: is not a mapping/);
  });

  it("lists the rows it would add as text, each with its file row; past 100, says how many more", () => {
    put(
      "rows.csv",
      'Response ID,Partnership ID,Respondent organisation,Value of our time,Comments\nr1,P-0001,A,Valuable,"two\nlines"\nr2,P-0002,B,,\n',
    );
    const r = runCli(dir, ["survey", "rows.csv", "--return", "D01.xlsx"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '  row 2: Partnership ID: "P-0001"; Respondent organisation: "A"; Value of our time: 3; Comments: "two lines"; Response ID: "r1"\n',
    );
    expect(r.stdout).toContain(
      '  row 3: Partnership ID: "P-0002"; Respondent organisation: "B"; Response ID: "r2"\n',
    );
    const lines = ["ID,Partnership ID,Respondent organisation"];
    for (let i = 0; i < 150; i++) lines.push(`${i},P-0001,Org ${i}`);
    put("many.csv", lines.join("\n"));
    const many = runCli(dir, ["survey", "many.csv", "--return", "D01.xlsx"]);
    expect(many.stdout.match(/^ {2}row \d+: /gm)).toHaveLength(100);
    expect(many.stdout).toContain("  … and 50 more rows (--json lists every row)");
  });

  it("50,000 responses: every one a row", () => {
    const lines = ["ID,Partnership ID,Respondent organisation,Value of our time"];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},P-000${(i % 3) + 1},Org ${i},${(i % 4) + 1}`);
    put("big.csv", lines.join("\n"));
    const r = runCli(dir, ["survey", "big.csv", "--return", "D01.xlsx"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("big.csv: 50000 responses in the file; 50000 rows to add; 0 findings.");
  });

  it("a usage error without --return", () => {
    const r = runCli(dir, ["survey", "forms.xlsx"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/survey needs one RESPONSES.xlsx or .csv and --return RETURN.xlsx/);
  });
});

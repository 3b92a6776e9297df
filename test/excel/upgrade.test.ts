/**
 * A workbook of schema version 1 (made by `template` of the version before Value for time and
 * filled by a district: test/fixtures/v1-return.xlsx, see make-v1-fixture.ts) is upgraded in place
 * by the pane's set-up: it gains the GradeCosts table (one row per grade of ITS Grades list) and
 * the two review settings; every row, list edit and setting is kept. The file is loaded into the
 * recording fake of Excel cell by cell (values and formulas, tables and names as the file has them).
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import path from "node:path";
import { formatA1, parseA1 } from "../../src/core/model/a1";
import { SCHEMA_VERSION, TABLES } from "../../src/core/model/blueprint";
import { computeHeadlines } from "../../src/core/figures/headlines";
import { checkReturn } from "../../src/core/returns/checks";
import { applySetup, previewSetup } from "../../src/excel/setup";
import { readAuditReturn } from "../../src/xlsx/read";
import { zipEntries, zipRead } from "../../src/xlsx/zip";
import { createClientExcel, type ClientExcel, type FakeWorkbookInit } from "../excel-host";
import { shownFormula } from "../xlsx/fill";

const FIXTURE = path.join(__dirname, "..", "fixtures", "v1-return.xlsx");

type InitCell = string | number | boolean | null | { formula: string } | { error: string };

/** The file as the recording fake's starting workbook: every cell, table and name as the file holds it. */
async function fakeFromFile(bytes: Uint8Array): Promise<FakeWorkbookInit> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const sheets = wb.worksheets.map((ws) => {
    const rows: InitCell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: InitCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value as unknown;
        let out: InitCell = null;
        if (v !== null && typeof v === "object" && "formula" in (v as object))
          out = { formula: shownFormula((v as { formula: string }).formula) };
        else if (v !== null && typeof v === "object" && "error" in (v as object))
          out = { error: String((v as { error: string }).error) };
        else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out = v;
        cells[c - 1] = out;
      });
      rows[r - 1] = Array.from(cells, (x) => x ?? null);
    });
    const tables = (ws as unknown as { getTables(): { table: { name: string; tableRef: string } }[] })
      .getTables()
      .map((t) => ({ name: t.table.name, address: t.table.tableRef }));
    return { name: ws.name, rows: Array.from(rows, (x) => x ?? []), tables };
  });
  // names as the file stores them (exceljs reads only plain ranges)
  const entry = zipEntries(bytes).get("xl/workbook.xml");
  if (!entry) throw new Error("no workbook part");
  const xml = new TextDecoder().decode(await zipRead(bytes, entry, (d) => inflateRawSync(d)));
  const names = [...xml.matchAll(/<definedName name="([^"]+)"[^>]*>([^<]*)<\/definedName>/g)].map((m) => ({
    name: m[1],
    formula: `=${m[2]
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")}`,
  }));
  return { sheets, names };
}

function cells(fake: ClientExcel, sheet: string, address: string): unknown[][] {
  return fake.formulas(sheet, address).map((r) => [...r]);
}

describe("a version 1 return from the previous template, upgraded by set-up", () => {
  const bytes = new Uint8Array(readFileSync(FIXTURE));

  it("is read by today's reader and tool: no findings, no GradeCosts, review settings by default", async () => {
    const ret = await readAuditReturn(bytes, "v1-return.xlsx");
    expect(ret.settings.schemaVersion).toBe(1);
    expect(ret.gradeCosts).toBeUndefined();
    expect(checkReturn(ret, { currentYear: 2026 })).toEqual([]);
    expect(computeHeadlines([ret]).fte).toBeCloseTo(87 / (36 * 52), 12);
  });

  it("gains GradeCosts, the review and overlap settings and the Members table; every row, list edit and setting is kept", async () => {
    const fake = createClientExcel(await fakeFromFile(bytes));
    const before = {
      partnerships: cells(fake, "Partnerships", "A1:S4"),
      representation: cells(fake, "Representation", "A1:I3"),
      survey: cells(fake, "Partner survey", "A1:O2"),
      lists: cells(fake, "Lists", "A1:O30"),
      settings: cells(fake, "Settings", "A1:C7"),
    };
    expect(before.settings[4]).toEqual(["Hours per week", 36, expect.any(String)]);
    const preview = await fake.run((ctx) => previewSetup(ctx));
    expect(preview.fromVersion).toBe(1);
    expect(preview.blockers).toEqual([]);
    expect(preview.questions).toEqual([]);
    const result = await fake.run((ctx) => applySetup(ctx));
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);

    // nothing of the user's changed
    expect(cells(fake, "Partnerships", "A1:S4")).toEqual(before.partnerships);
    expect(cells(fake, "Representation", "A1:I3")).toEqual(before.representation);
    expect(cells(fake, "Partner survey", "A1:O2")).toEqual(before.survey);
    expect(cells(fake, "Lists", "A1:O30")).toEqual(before.lists);
    expect(cells(fake, "Settings", "A1:C6")).toEqual(before.settings.slice(0, 6));
    for (const t of TABLES)
      expect(fake.state.table(t.name)?.headers()).toEqual(t.columns.map((c) => c.header));

    // added: the review settings below the existing rows, then the schema version recorded
    expect(fake.values("Settings", "A7:B9")).toEqual([
      ["Schema version", SCHEMA_VERSION],
      ["Review value below", 2.5],
      ["Review hours from", 0],
    ]);
    expect(fake.values("Settings", "A10:B10")).toEqual([["Overlap from", 0.5]]);
    expect(fake.state.names.find((n) => n.name === "ReviewValueBelow")?.formula).toBe("=Settings!$B$8");
    expect(fake.state.names.find((n) => n.name === "OverlapFrom")?.formula).toBe("=Settings!$B$10");
    // the Members table on its own sheet, empty, with the blueprint's headers
    expect(fake.state.table("Members")?.headers()).toEqual([
      "Partnership ID",
      "Organisation",
      "Organisation type",
      "District",
      "Audit round",
    ]);
    // GradeCosts beside the settings, one row per grade of the workbook's own Grades list
    const grades = fake.state.table("GradeCosts");
    expect(grades?.headers()).toEqual(["Grade", "Hourly cost"]);
    expect(formatA1(grades?.rect ?? parseA1("A1"))).toBe("E1:F9");
    expect(fake.values("Settings", "E2:E9").map((r) => r[0])).toEqual([
      "Senior Civil Service",
      "Grade 6",
      "Grade 7",
      "SEO",
      "HEO",
      "EO",
      "AO",
      "Band 8",
    ]);
    // the List names that the file's last editor mangled are pointed at the lists again
    expect(fake.state.names.find((n) => n.name === "List_Grades")?.formula).toBe(
      "=Lists!$D$2:INDEX(Lists!$D$2:$D$201,MAX(1,COUNTA(Lists!$D$2:$D$201)))",
    );

    const again = await fake.run((ctx) => previewSetup(ctx));
    expect(again.steps).toEqual([]);
    expect(again.upToDate).toBe(true);
  });
});

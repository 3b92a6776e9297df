import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { LISTS, SCHEMA_VERSION, SETTINGS, SHEET_ORDER, TABLES } from "../../src/core/model/blueprint";
import { checkReturn } from "../../src/core/returns/checks";
import { readReturn } from "../../src/core/returns/read-return";
import type { WorkbookGrid } from "../../src/core/model/workbook-data";
import {
  readAuditReturn,
  readWorkbookGrid,
  serialToIso,
  unescapeXml,
  WorkbookReadError,
} from "../../src/xlsx/read";
import { storedFormula, writeAuditWorkbook } from "../../src/xlsx/write";
import { escapeXml } from "../../src/xlsx/xml-text";
import { crc32, zipEntries, zipWrite, ZipArchive } from "../../src/xlsx/zip";
import { readWorkbookGridExcelJS, toCellValue } from "./exceljs-grid";
import { fillWorkbook, PARTNERSHIP_ROW } from "./fill";

const FIXTURES = path.join(__dirname, "..", "fixtures");

async function part(bytes: Uint8Array, name: string): Promise<string> {
  return Promise.resolve(new TextDecoder().decode(new ZipArchive(bytes).bytesOf(name)));
}

/** Grids compared as values: trailing blanks and empty strings do not matter. */
/**
 * A grid for comparing our reader with exceljs: trailing blanks dropped, and a 0 read as blank,
 * because exceljs drops a formula's cached result when it is 0 (it keeps `result` only when
 * truthy), while every formula cell our writer writes carries its cached value, 0 included.
 */
function plain(grid: WorkbookGrid): unknown {
  return grid.sheets.map((s) => {
    const rows = s.rows.map((r) => {
      const x = r.map((v) => (v === "" || v === 0 ? null : v));
      while (x.length && x[x.length - 1] === null) x.pop();
      return x;
    });
    while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
    return { name: s.name, rows };
  });
}

describe("writeAuditWorkbook", () => {
  let template: Uint8Array;
  beforeAll(async () => {
    template = await writeAuditWorkbook({
      settings: { region: "North West", district: "D04", auditRound: "2026-Q4" },
    });
  });

  it("writes the blueprint's sheets in order, and reads back as an audit return with no findings", async () => {
    const grid = await readWorkbookGrid(template);
    expect(grid.sheets.map((s) => s.name)).toEqual(SHEET_ORDER);
    const ret = readReturn(grid, "t.xlsx");
    expect(ret.settings).toMatchObject({
      region: "North West",
      district: "D04",
      auditRound: "2026-Q4",
      hoursPerWeek: 37,
      weeksPerYear: 52,
      schemaVersion: SCHEMA_VERSION,
    });
    expect(checkReturn(ret)).toEqual([]);
    for (const t of TABLES) expect(ret.tables[t.name]?.rows).toEqual([]);
  });

  it("makes real Excel tables with the blueprint's headers and a calculated Annual hours column", async () => {
    const grid = await readWorkbookGrid(template);
    const tables = grid.sheets.flatMap((s) => s.tables ?? []);
    expect(tables.map((t) => t.name)).toEqual([
      "GradeCosts",
      "Partnerships",
      "Representation",
      "PartnerSurvey",
      "Members",
    ]);
    const xml = await part(template, "xl/tables/table3.xml");
    expect(xml).toContain(
      "<calculatedColumnFormula>Representation[[#This Row],[Meetings per year]]*Representation[[#This Row],[Hours per meeting]]+12*N(Representation[[#This Row],[Other hours per month]])</calculatedColumnFormula>",
    );
    for (const t of TABLES) {
      const sheet = grid.sheets.find((s) => s.name === t.sheet);
      expect(sheet?.rows[0]).toEqual(t.columns.map((c) => c.header));
    }
  });

  it("names every setting cell and every list, lists by a formula that stops at the last filled cell", async () => {
    const xml = await part(template, "xl/workbook.xml");
    for (const s of SETTINGS)
      expect(xml).toMatch(new RegExp(`<definedName name="${s.name}">Settings!\\$B\\$\\d+</definedName>`));
    for (const l of LISTS) expect(xml).toContain(`<definedName name="${l.rangeName}">Lists!$`);
    expect(xml).toContain(
      '<definedName name="List_Roles">Lists!$C$2:INDEX(Lists!$C$2:$C$201,MAX(1,COUNTA(Lists!$C$2:$C$201)))</definedName>',
    );
  });

  it("puts data validation on the table rows only, never on whole columns", async () => {
    const xml = await part(template, "xl/worksheets/sheet3.xml");
    expect(xml).toContain('sqref="H2"');
    expect(xml).toContain("<formula1>List_Roles</formula1>");
    expect(xml).not.toMatch(/1048576/);
    const filled = await writeAuditWorkbook({
      tables: [{ table: "Partnerships", columns: ["partnershipId"], rows: [["a"], ["b"], ["c"]] }],
    });
    expect(await part(filled, "xl/worksheets/sheet3.xml")).toContain('sqref="H2:H4"');
  });

  it("writes text as text: a value starting with = + - @ never becomes a formula (read back by exceljs)", async () => {
    const nasty = ["=1+1", "+44 20 7946 0000", "-not a number", "@SUM(A1:A2)", '=HYPERLINK("http://x","y")'];
    const bytes = await writeAuditWorkbook({
      tables: [
        {
          table: "Partnerships",
          columns: ["partnershipId", "notes"],
          rows: nasty.map((n, i) => [`P-${i}`, n]),
        },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet("Partnerships");
    nasty.forEach((text, i) => {
      const cell = ws?.getCell(`R${i + 2}`);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      expect(cell?.formula).toBeUndefined();
      expect(cell?.value).toBe(text);
    });
    expect(await part(bytes, "xl/worksheets/sheet3.xml")).not.toContain("<f>1+1");
  });

  it("opens in exceljs with the same cells as our reader sees", async () => {
    const bytes = await writeAuditWorkbook({
      settings: { district: "D01" },
      tables: [
        {
          table: "Representation",
          columns: ["partnershipId", "grade", "meetingsPerYear", "hoursPerMeeting", "annualHours"],
          rows: [["P-1", "SEO", 10, 3, 30]],
        },
      ],
      summary: { figures: { partnerships: 3 }, blocks: { byDistrict: [["D01", 3, 0.5]] } },
    });
    expect(plain(await readWorkbookGrid(bytes))).toEqual(plain(await readWorkbookGridExcelJS(bytes)));
    const grid = await readWorkbookGrid(bytes);
    const rep = grid.sheets.find((s) => s.name === "Representation");
    expect(rep?.rows[1]).toEqual(["P-1", null, "SEO", 10, 3, null, 30]);
    const summary = grid.sheets.find((s) => s.name === "Summary");
    expect(summary?.rows[4]?.[1]).toBe(3);
    expect(summary?.rows[5]?.slice(4, 7)).toEqual(["D01", 3, 0.5]);
  });

  it("escapes XML and control characters and reads them back", async () => {
    const odd = 'a<b>&"c"\u0001 _x0041_ tab\tline\nend';
    const bytes = await writeAuditWorkbook({
      tables: [{ table: "Partnerships", columns: ["notes"], rows: [[odd]] }],
    });
    const grid = await readWorkbookGrid(bytes);
    expect(grid.sheets.find((s) => s.name === "Partnerships")?.rows[1]?.[17]).toBe(odd);
    expect(unescapeXml(escapeXml(odd))).toBe(odd);
  });

  it.each([
    ["=[@[A b]]*2", "Representation", "Representation[[#This Row],[A b]]*2"],
    [
      "=AUDIT.FTE(Representation[Annual hours])",
      undefined,
      "_xldudf_AUDIT_FTE(Representation[Annual hours])",
    ],
    [
      '=IF(COUNTA(x)=0,"no data yet",AUDIT.PARTNERSHIPSBY(a,b,List_Levels))',
      undefined,
      'IF(COUNTA(x)=0,"no data yet",_xldudf_AUDIT_PARTNERSHIPSBY(a,b,List_Levels))',
    ],
  ])("stores %p as Excel stores it", (formula, table, stored) => {
    expect(storedFormula(formula, table)).toBe(stored);
  });
});

describe("readWorkbookGrid", () => {
  it("reads a workbook another program filled (exceljs, rows beyond the table) like ours", async () => {
    const template = await writeAuditWorkbook({
      settings: { district: "D04", region: "North West", auditRound: "R1" },
    });
    const filled = await fillWorkbook(template, {
      rows: { Partnerships: [PARTNERSHIP_ROW, { ...PARTNERSHIP_ROW, partnershipId: "P-0402" }] },
    });
    expect(plain(await readWorkbookGrid(filled))).toEqual(plain(await readWorkbookGridExcelJS(filled)));
    const ret = await readAuditReturn(filled, "D04.xlsx");
    expect(
      ret.tables.Partnerships?.rows.map((r) => [r.excelRow, r.values.partnershipId, r.values.district]),
    ).toEqual([
      [2, "P-0401", "D04"],
      [3, "P-0402", "D04"],
    ]);
  });

  it("converts cells: formulas by cached value, rich text, hyperlinks, dates, errors, booleans", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = { formula: "1+1", result: 2 };
    ws.getCell("B1").value = { richText: [{ text: "Rich " }, { text: "text", font: { bold: true } }] };
    ws.getCell("C1").value = { text: "a link", hyperlink: "https://example.org" };
    ws.getCell("D1").value = new Date(Date.UTC(2026, 2, 31));
    ws.getCell("E1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("F1").value = true;
    ws.getCell("G1").value = { formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellFormulaValue;
    ws.getCell("H1").value = { formula: "A1*2" } as ExcelJS.CellFormulaValue;
    ws.getCell("I1").value = new Date(Date.UTC(2026, 2, 31, 14, 30));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const expected = [
      "2",
      "Rich text",
      "a link",
      "2026-03-31",
      { error: "#N/A" },
      true,
      { error: "#N/A" },
      null,
      "2026-03-31T14:30:00",
    ];
    const lean = await readWorkbookGrid(bytes);
    expect(lean.sheets[0].rows[0]).toEqual([2, ...expected.slice(1, 7), null, expected[8]]);
    expect(plain(lean)).toEqual(plain(await readWorkbookGridExcelJS(bytes)));
    expect(toCellValue({ formula: "x", result: "t" } as ExcelJS.CellValue)).toBe("t");
    expect(serialToIso(46112)).toBe("2026-03-31");
  });

  // exceljs-return.xlsx is our template filled in by exceljs; the others are that file opened and
  // saved by another program (test/fixtures/make-*-fixture.*)
  // (exceljs itself fails on openpyxl's file: it does not follow the absolute part names)
  it.each([
    ["LibreOffice Calc", "libreoffice-return.xlsx", true],
    ["openpyxl (inline strings, absolute part names)", "openpyxl-return.xlsx", false],
  ])("reads the fixture saved by %s the same as the exceljs original", async (_by, fixture, exceljsOpens) => {
    const original = readFileSync(path.join(FIXTURES, "exceljs-return.xlsx"));
    const source = await readAuditReturn(original, "D04.xlsx");
    const saved = readFileSync(path.join(FIXTURES, fixture));
    const other = await readAuditReturn(saved, "D04.xlsx");
    expect(other.settings).toEqual(source.settings);
    // the fixtures were made at schema version 2, before the Members table: read without it
    expect(source.tables.Members).toBeUndefined();
    for (const t of TABLES.filter((x) => x.since <= 2)) {
      expect(other.tables[t.name]?.rows).toEqual(source.tables[t.name]?.rows);
      expect(other.tables[t.name]?.rows.length).toBeGreaterThan(0);
    }
    expect(checkReturn(other)).toEqual(checkReturn(source));
    // and exceljs, an independent reader, sees the same cells in the saved file as ours does
    if (exceljsOpens)
      expect(plain(await readWorkbookGrid(saved))).toEqual(plain(await readWorkbookGridExcelJS(saved)));
  });

  it("reads the exceljs-filled fixture with the same cells as exceljs does", async () => {
    const bytes = readFileSync(path.join(FIXTURES, "exceljs-return.xlsx"));
    expect(plain(await readWorkbookGrid(bytes))).toEqual(plain(await readWorkbookGridExcelJS(bytes)));
  });

  describe("unreadable input: a typed error with one line why", () => {
    const cases: [string, () => Promise<Uint8Array>, string, RegExp][] = [
      [
        "not a workbook",
        async () => new TextEncoder().encode("hello, world"),
        "not-a-workbook",
        /not an Excel workbook/,
      ],
      ["an empty file", async () => new Uint8Array(0), "not-a-workbook", /empty/],
      [
        "truncated",
        async () => (await writeAuditWorkbook()).slice(0, 2000),
        "corrupt",
        /corrupt or truncated/,
      ],
      [
        "password-protected (an OLE compound file)",
        async () => {
          const b = new Uint8Array(512);
          b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
          return b;
        },
        "password-protected",
        /password-protected/,
      ],
      [
        "a zip that is not a workbook",
        async () =>
          zipWrite([{ name: "hello.txt", data: new TextEncoder().encode("hi") }], (d) => deflateRawSync(d)),
        "not-a-workbook",
        /not an Excel workbook/,
      ],
    ];
    it.each(cases)("%s", async (_what, make, reason, message) => {
      const err = await readWorkbookGrid(await make()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkbookReadError);
      expect((err as WorkbookReadError).reason).toBe(reason);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain("\n");
    });

    it("no audit tables", async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Sheet1").getCell("A1").value = "shopping list";
      const err = await readAuditReturn(new Uint8Array(await wb.xlsx.writeBuffer()), "x.xlsx").catch(
        (e: unknown) => e,
      );
      expect((err as WorkbookReadError).reason).toBe("no-audit-tables");
      expect((err as Error).message).toBe(
        "the workbook has no audit tables (Partnerships, Representation, Partner survey); make returns from the audit template",
      );
    });
  });
});

describe("zip", () => {
  it("crc32 of the check string", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("round-trips entries deflated by fflate and by zlib, read back by our reader and by zlib", async () => {
    const files = [
      { name: "a.txt", data: new TextEncoder().encode("alpha ".repeat(1000)) },
      { name: "dir/b.bin", data: new Uint8Array([0, 1, 2, 255]) },
    ];
    for (const bytes of [await zipWrite(files), await zipWrite(files, (d) => deflateRawSync(d))]) {
      const entries = zipEntries(bytes);
      expect([...entries.keys()]).toEqual(["a.txt", "dir/b.bin"]);
      const archive = new ZipArchive(bytes);
      for (const f of files) {
        const entry = entries.get(f.name);
        if (!entry) throw new Error(f.name);
        expect(entry.crc).toBe(crc32(f.data));
        expect(archive.bytesOf(f.name)).toEqual(f.data);
        // an independent inflater agrees on the bytes written
        const local = entry.localOffset;
        const start =
          local +
          30 +
          (bytes[local + 26] | (bytes[local + 27] << 8)) +
          (bytes[local + 28] | (bytes[local + 29] << 8));
        expect(new Uint8Array(inflateRawSync(bytes.subarray(start, start + entry.compressedSize)))).toEqual(
          f.data,
        );
      }
    }
  });

  it("writes the same bytes for the same files (fixed dates)", async () => {
    const files = [{ name: "a.txt", data: new TextEncoder().encode("same") }];
    expect(await zipWrite(files)).toEqual(await zipWrite(files));
  });
});

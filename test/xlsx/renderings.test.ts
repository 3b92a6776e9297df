/**
 * The pane's workbook and the tool's workbook agree by construction: both render the core's
 * workbook spec. This compares them cell by cell: the pane's set-up applied to an empty workbook on
 * the recording fake of Excel, against `partnership-audit template` (writeAuditWorkbook) read back
 * with exceljs (an independent reader) and, for names, tables and conditional formats, from the
 * file's XML. Compared per cell: the value or formula (the file's stored form turned back into
 * the form Excel shows), the number format, the data validation (rule, input message, error
 * alert) and the conditional format; per workbook: the sheets, the names and the tables.
 *
 * Left out, because they are not the spec's cells: a formula's cached result in the file (the fake
 * does not calculate), the cells a spilled Summary formula fills (values the tool computed), the
 * pane workbook's own "Sheet1", column widths and fonts.
 */
import ExcelJS from "exceljs";
import { inflateRawSync } from "node:zlib";
import { formatA1, parseA1 } from "../../src/core/model/a1";
import { SHEET_ORDER, SCHEMA_VERSION } from "../../src/core/model/blueprint";
import { applySetup } from "../../src/excel/setup";
import { writeAuditWorkbook } from "../../src/xlsx/write";
import { zipEntries, zipRead } from "../../src/xlsx/zip";
import { createClientExcel, type ClientExcel } from "../excel-host";
import { shownFormula } from "./fill";

type Cells = Map<string, string>;

interface Rendering {
  readonly sheets: readonly string[];
  /** "Sheet!A1" → value or formula (as Excel shows it) */
  readonly cells: Cells;
  /** "Sheet!A1" → number format (General left out) */
  readonly formats: Cells;
  /** "Sheet!A1" → the validation, as one comparable line */
  readonly validations: Cells;
  /** "Sheet!A1:B2" → the conditional format's formula */
  readonly conditionalFormats: Cells;
  /** name → formula (with "=") */
  readonly names: Cells;
  /** table name → sheet!range and headers */
  readonly tables: Cells;
}

const AUDIT_SHEETS = new Set(SHEET_ORDER);

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

function validationLine(v: {
  type?: string;
  operator?: string;
  formula1?: unknown;
  formula2?: unknown;
  promptTitle?: string;
  prompt?: string;
  errorTitle?: string;
  error?: string;
}): string {
  const f = (x: unknown): string => text(x).replace(/^=/, "");
  return [
    v.type ?? "any",
    v.operator ?? "",
    f(v.formula1),
    f(v.formula2),
    v.promptTitle ?? "",
    v.prompt ?? "",
    v.errorTitle ?? "",
    v.error ?? "",
  ].join(" | ");
}

async function paneRendering(): Promise<Rendering> {
  const fake: ClientExcel = createClientExcel({ sheets: [{ name: "Sheet1" }] });
  const result = await fake.run((ctx) => applySetup(ctx));
  expect(result.ok).toBe(true);
  const cells: Cells = new Map();
  const formats: Cells = new Map();
  const validations: Cells = new Map();
  const conditionalFormats: Cells = new Map();
  const sheets = fake.state.sheets.map((s) => s.name).filter((n) => AUDIT_SHEETS.has(n));
  for (const name of sheets) {
    const sheet = fake.state.sheet(name);
    if (!sheet) continue;
    const used = sheet.usedRect();
    if (used)
      for (let r = 0; r <= used.r1; r++)
        for (let c = 0; c <= used.c1; c++) {
          const v = sheet.formula(r, c);
          if (v !== "") cells.set(`${name}!${formatA1({ r0: r, c0: c, r1: r, c1: c })}`, text(v));
        }
    for (const [k, format] of sheet.formats) {
      if (format === "General") continue;
      const r = Math.floor(k / 16384);
      const c = k % 16384;
      formats.set(`${name}!${formatA1({ r0: r, c0: c, r1: r, c1: c })}`, format);
    }
    for (const v of sheet.validations) {
      const rule = (v.rule ?? {}) as Record<string, Record<string, unknown> | undefined>;
      const kind = Object.keys(rule)[0];
      const body = kind ? (rule[kind] ?? {}) : {};
      const type =
        kind === "list"
          ? "list"
          : kind === "wholeNumber"
            ? "whole"
            : kind === "decimal"
              ? "decimal"
              : undefined;
      const operator =
        body.operator === "Between"
          ? "between"
          : body.operator === "GreaterThanOrEqualTo"
            ? "greaterThanOrEqual"
            : undefined;
      const line = validationLine({
        type,
        operator: kind === "list" ? undefined : operator,
        formula1: kind === "list" ? body.source : body.formula1,
        formula2: body.formula2,
        promptTitle: v.prompt?.title,
        prompt: v.prompt?.message,
        errorTitle: v.errorAlert?.title,
        error: v.errorAlert?.message,
      });
      for (let r = v.rect.r0; r <= v.rect.r1; r++)
        for (let c = v.rect.c0; c <= v.rect.c1; c++)
          validations.set(`${name}!${formatA1({ r0: r, c0: c, r1: r, c1: c })}`, line);
    }
    for (const cf of sheet.conditionalFormats)
      conditionalFormats.set(`${name}!${formatA1(cf.rect)}`, text(cf.formula));
  }
  const names: Cells = new Map(fake.state.names.map((n) => [n.name, n.formula]));
  const tables: Cells = new Map(
    fake.state.tables.map((t) => [t.name, `${t.sheet.name}!${formatA1(t.rect)} ${t.headers().join("|")}`]),
  );
  return { sheets, cells, formats, validations, conditionalFormats, names, tables };
}

async function part(bytes: Uint8Array, name: string): Promise<string> {
  const entry = zipEntries(bytes).get(name);
  if (!entry) return "";
  return new TextDecoder().decode(await zipRead(bytes, entry, (d) => inflateRawSync(d)));
}

function attr(tag: string, name: string): string {
  return (
    new RegExp(`\\b${name}="([^"]*)"`)
      .exec(tag)?.[1]
      ?.replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">") ?? ""
  );
}

function unxml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

async function toolRendering(): Promise<Rendering> {
  const bytes = await writeAuditWorkbook({});
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const cells: Cells = new Map();
  const formats: Cells = new Map();
  const validations: Cells = new Map();
  const conditionalFormats: Cells = new Map();
  const sheets = wb.worksheets.map((w) => w.name);
  for (const ws of wb.worksheets) {
    const spilled = new Set<string>();
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const v = cell.value as unknown;
        if (v && typeof v === "object" && "formula" in (v as object)) {
          const f = v as { formula: string; ref?: string };
          if (f.ref && f.ref.includes(":")) {
            const a = parseA1(f.ref);
            for (let r = a.r0; r <= a.r1; r++)
              for (let c = a.c0; c <= a.c1; c++) {
                const address = formatA1({ r0: r, c0: c, r1: r, c1: c });
                if (address !== cell.address) spilled.add(address);
              }
          }
        }
      }),
    );
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const key = `${ws.name}!${cell.address}`;
        if (cell.numFmt && cell.numFmt !== "General") formats.set(key, cell.numFmt);
        if (spilled.has(cell.address)) return;
        const v = cell.value as unknown;
        if (v && typeof v === "object" && "formula" in (v as object))
          cells.set(key, shownFormula((v as { formula: string }).formula));
        else if (v !== null && v !== undefined && v !== "") cells.set(key, text(v));
      }),
    );
  }
  // names, tables and conditional formats from the file's XML
  const workbook = await part(bytes, "xl/workbook.xml");
  const names: Cells = new Map();
  for (const m of workbook.matchAll(/<definedName name="([^"]+)">([^<]*)<\/definedName>/g))
    names.set(m[1], `=${unxml(m[2])}`);
  const tables: Cells = new Map();
  const rels = await part(bytes, "xl/_rels/workbook.xml.rels");
  for (const m of workbook.matchAll(/<sheet [^>]*\/>/g)) {
    const sheetName = unxml(attr(m[0], "name"));
    const rid = attr(m[0], "r:id");
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? "";
    const xml = await part(bytes, `xl/${target}`);
    for (const cf of xml.matchAll(/<conditionalFormatting sqref="([^"]+)">.*?<formula>(.*?)<\/formula>/g))
      conditionalFormats.set(`${sheetName}!${cf[1]}`, `=${unxml(cf[2])}`);
    // validations from the XML: exceljs reads a whole-number validation's formula as a number
    for (const dv of xml.matchAll(/<dataValidation( [^>]*)>(.*?)<\/dataValidation>/g)) {
      const f1 = /<formula1>(.*?)<\/formula1>/.exec(dv[2])?.[1];
      const f2 = /<formula2>(.*?)<\/formula2>/.exec(dv[2])?.[1];
      const line = validationLine({
        type: attr(dv[1], "type") || undefined,
        operator: attr(dv[1], "operator") || undefined,
        formula1: f1 === undefined ? undefined : unxml(f1),
        formula2: f2 === undefined ? undefined : unxml(f2),
        promptTitle: attr(dv[1], "promptTitle") || undefined,
        prompt: attr(dv[1], "prompt") || undefined,
        errorTitle: attr(dv[1], "errorTitle") || undefined,
        error: attr(dv[1], "error") || undefined,
      });
      const a = parseA1(attr(dv[1], "sqref"));
      for (let r = a.r0; r <= a.r1; r++)
        for (let c = a.c0; c <= a.c1; c++)
          validations.set(`${sheetName}!${formatA1({ r0: r, c0: c, r1: r, c1: c })}`, line);
    }
    const tableRels = await part(bytes, `xl/worksheets/_rels/${target.split("/").pop()}.rels`);
    const tableTarget = /Target="\.\.\/(tables\/[^"]+)"/.exec(tableRels)?.[1];
    if (!tableTarget) continue;
    const t = await part(bytes, `xl/${tableTarget}`);
    const head = /<table [^>]*>/.exec(t)?.[0] ?? "";
    const headers = [...t.matchAll(/<tableColumn [^>]*name="([^"]*)"/g)].map((x) => unxml(x[1]));
    tables.set(attr(head, "name"), `${sheetName}!${attr(head, "ref")} ${headers.join("|")}`);
  }
  return { sheets, cells, formats, validations, conditionalFormats, names, tables };
}

function sorted(m: Cells): [string, string][] {
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

describe("the pane's set-up and the tool's template render the same workbook", () => {
  let pane: Rendering;
  let tool: Rendering;
  beforeAll(async () => {
    [pane, tool] = await Promise.all([paneRendering(), toolRendering()]);
  });

  it("the same sheets in the same order", () => {
    expect(tool.sheets).toEqual([...SHEET_ORDER]);
    expect(pane.sheets).toEqual([...SHEET_ORDER]);
  });

  it("every cell: the same value or formula", () => {
    expect(pane.cells.size).toBeGreaterThan(200);
    expect(sorted(pane.cells)).toEqual(sorted(tool.cells));
    // spot checks, literal
    expect(tool.cells.get("Settings!B9")).toBe("0.5");
    expect(tool.cells.get("Settings!B10")).toBe(String(SCHEMA_VERSION));
    expect(tool.cells.get("Settings!E8")).toBe("AO");
    expect(tool.cells.get("Representation!G2")).toBe(
      "=[@[Meetings per year]]*[@[Hours per meeting]]+12*N([@[Other hours per month]])",
    );
    expect(tool.cells.get("Summary!B5")).toBe("=AUDIT.PARTNERSHIPS(Partnerships[Partnership ID])");
  });

  it("every cell: the same number format", () => {
    expect(tool.formats.get("Summary!G6")).toBe("0%");
    expect(tool.formats.get("Summary!G505")).toBe("0%");
    expect(tool.formats.get("Partnerships!J2")).toBe("0");
    expect(pane.formats.size).toBeGreaterThan(10 * 500);
    expect(sorted(pane.formats)).toEqual(sorted(tool.formats));
  });

  it("every cell: the same validation, input message and error alert", () => {
    expect(tool.validations.get("Partnerships!H2")).toBe(
      "list |  | List_Roles |  | Our role | Leading (chairs, leads or is accountable), Key (core member shaping strategy), Active (helpful, not leading) or Limited (occasional attendance). | Our role | Pick Our role from the drop-down. The choices are on the Lists sheet (Roles); a region may add entries there.",
    );
    expect(tool.validations.get("Partnerships!J2")).toBe(
      "whole | between | 1990 | YEAR(TODAY()) | Involved since | The year we first took part (1990 to this year). | Involved since | Type a year from 1990 to this year, e.g. 2015, or leave the cell blank.",
    );
    expect(tool.validations.get("Settings!B5")).toBe(
      "decimal | between | 1 | 168 | Hours per week | Contracted hours of one full-time post, used for staff-time equivalents (FTE). | Hours per week | Type a number from 1 to 168.",
    );
    // every table column of the one body row (Partnerships, Representation, Partner survey,
    // Members), every setting, and GradeCosts (7 grades × 2 columns)
    expect(pane.validations.size).toBe(19 + 9 + 16 + 5 + 9 + 7 * 2);
    expect(sorted(pane.validations)).toEqual(sorted(tool.validations));
  });

  it("the same required-cell highlight", () => {
    expect(tool.conditionalFormats.get("Partnerships!A2")).toBe("=AND(COUNTA($A2:$S2)>0,LEN(TRIM(A2))=0)");
    expect(sorted(pane.conditionalFormats)).toEqual(sorted(tool.conditionalFormats));
  });

  it("the same names and tables", () => {
    expect(tool.names.get("List_Roles")).toBe(
      "=Lists!$C$2:INDEX(Lists!$C$2:$C$201,MAX(1,COUNTA(Lists!$C$2:$C$201)))",
    );
    expect(tool.names.get("HoursPerWeek")).toBe("=Settings!$B$5");
    expect(sorted(pane.names)).toEqual(sorted(tool.names));
    expect(tool.tables.get("Representation")).toBe(
      "Representation!A1:I2 Partnership ID|Representative|Grade|Meetings per year|Hours per meeting|Other hours per month|Annual hours|District|Audit round",
    );
    expect(sorted(pane.tables)).toEqual(sorted(tool.tables));
  });
});

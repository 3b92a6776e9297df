/**
 * The .xlsx writer (exceljs), for Node and the browser: builds an audit workbook from the
 * blueprint and returns its bytes. The template (`partnership-audit template`), the demo returns
 * and the consolidated regional workbook all come from here.
 *
 * - Guide; Settings (label in A, value in B, help in C; each value cell a workbook name such as
 *   AuditDistrict); Partnerships, Representation and Partner survey as real Excel tables (header
 *   row, table style, data rows; a blank table gets one empty row, as Excel needs a body row);
 *   Summary; Lists (one vocabulary a column, named List_* by a formula that stops at the last
 *   filled cell, so a region can add entries).
 * - Data validation (pick-lists, numbers, years, ratings) covers the table rows only, never whole
 *   columns: Excel extends it as the table grows, and readers stay fast.
 * - Annual hours is written as a formula in every row, in the table's own this-row reference form
 *   (what Excel stores for [@[Meetings per year]]), with its value cached.
 * - Text is always written as a string cell (exceljs stores strings as shared strings): a value
 *   starting with = + - or @ stays text and never becomes a formula.
 * - Summary: labels and headers from SUMMARY_LAYOUT; figures as values computed by the core
 *   (exceljs cannot write charts, and a custom-function formula written by a library is not
 *   verified to load in Excel: the task pane's set-up writes the live AUDIT formulas and charts).
 */
import ExcelJS from "exceljs";
import {
  DIRECTORY,
  GUIDE_LINES,
  LIST_CAPACITY,
  LISTS,
  SCHEMA_VERSION,
  SETTINGS,
  SETTINGS_LAYOUT,
  SHEETS,
  SHEET_ORDER,
  TABLES,
  type ColumnSpec,
  type ListKey,
  type SettingKey,
  type TableSpec,
} from "../core/blueprint";
import { SUMMARY_LAYOUT, shiftColumn } from "../core/summary-layout";
import type { CellValue, TableAppend } from "../core/workbook-data";

/** Figures for the Summary sheet, computed by the core (see core/headlines summarySheetValues). */
export interface SummaryValues {
  /** A1 address → value, for the headline formula cells */
  readonly cells: Readonly<Record<string, CellValue>>;
  /** block key → rows of the block's spill */
  readonly blocks: Readonly<Record<string, readonly (readonly CellValue[])[]>>;
}

export interface AuditWorkbookContent {
  readonly settings?: Readonly<Partial<Record<SettingKey, string | number>>>;
  /** data rows per table, cells in the order of `columns` (blueprint keys; other columns blank) */
  readonly tables?: readonly TableAppend[];
  /** vocabularies to write instead of the blueprint defaults */
  readonly lists?: Readonly<Partial<Record<ListKey, readonly string[]>>>;
  /** the regional partnership directory: [ID, name, level] rows */
  readonly directory?: readonly (readonly [string, string, string])[];
  readonly summary?: SummaryValues;
  /** the year used for the "Involved since" validation (default: this year) */
  readonly currentYear?: number;
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: "FFFFFFFF" } };
const REQUIRED_BLANK_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFF2CC" } };

/** `'Partner survey'!$A$1` — sheet names with spaces or punctuation are quoted. */
export function sheetRef(sheet: string, ref: string): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${ref}`;
}

/** [@[Meetings per year]] → Representation[[#This Row],[Meetings per year]] (the stored form). */
export function storedRowFormula(table: TableSpec, formula: string): string {
  return formula.replace(/^=/, "").replace(/\[@\[([^\]]+)\]\]/g, (_m, header: string) => `${table.name}[[#This Row],[${header}]]`);
}

type DataValidations = { add(address: string, validation: ExcelJS.DataValidation): void };

function validations(ws: ExcelJS.Worksheet): DataValidations {
  return (ws as unknown as { dataValidations: DataValidations }).dataValidations;
}

function columnValidation(column: ColumnSpec, currentYear: number): ExcelJS.DataValidation | undefined {
  const prompt = column.help.slice(0, 255);
  const base = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: column.header.slice(0, 32),
    prompt,
    showErrorMessage: true,
  };
  const list = column.list ? LISTS.find((l) => l.key === column.list) : undefined;
  if (column.kind === "list" && list) {
    return {
      ...base,
      type: "list",
      formulae: [list.rangeName],
      errorStyle: "stop",
      errorTitle: column.header.slice(0, 32),
      error: `Pick a value from the list (${list.header} on the Lists sheet).`,
    };
  }
  if (column.kind === "multi") {
    // several values in one cell cannot be validated by Excel; the check does it
    return { ...base, type: "custom", formulae: ["TRUE"] };
  }
  if (column.kind === "number" || column.kind === "year" || column.kind === "rating") {
    const max = column.max === "currentYear" ? currentYear : column.max;
    const type: ExcelJS.DataValidation["type"] = column.integer ? "whole" : "decimal";
    const error = `Enter ${column.integer ? "a whole number" : "a number"}${
      column.min !== undefined && max !== undefined
        ? ` from ${column.min} to ${max}`
        : column.min !== undefined
          ? ` of ${column.min} or more`
          : ""
    }.`;
    const common = { ...base, type, errorStyle: "stop" as const, errorTitle: column.header.slice(0, 32), error };
    if (column.min !== undefined && max !== undefined) {
      return { ...common, operator: "between", formulae: [column.min, max] };
    }
    if (column.min !== undefined) return { ...common, operator: "greaterThanOrEqual", formulae: [column.min] };
    return undefined;
  }
  if (column.kind === "text") return { ...base, type: "custom", formulae: ["TRUE"] };
  return undefined;
}

function styleHeader(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", wrapText: true };
  });
}

function writeGuide(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SHEETS.guide);
  ws.getColumn(1).width = 120;
  GUIDE_LINES.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (i === 0) cell.font = { bold: true, size: 16 };
  });
}

function writeSettings(wb: ExcelJS.Workbook, content: AuditWorkbookContent): void {
  const ws = wb.addWorksheet(SHEETS.settings);
  ws.getRow(1).values = [...SETTINGS_LAYOUT.headers];
  styleHeader(ws.getRow(1));
  ws.getColumn(1).width = 20;
  ws.getColumn(2).width = 24;
  ws.getColumn(3).width = 80;
  SETTINGS.forEach((spec, i) => {
    const r = SETTINGS_LAYOUT.firstRow + i;
    const given = spec.key === "schemaVersion" ? SCHEMA_VERSION : content.settings?.[spec.key];
    const value = given ?? spec.default;
    ws.getCell(r, 1).value = spec.label;
    ws.getCell(r, 1).font = { bold: true };
    const cell = ws.getCell(r, 2);
    cell.value = spec.kind === "number" ? (typeof value === "number" ? value : Number(value)) : String(value);
    if (spec.kind === "text") cell.numFmt = "@";
    ws.getCell(r, 3).value = spec.help;
    wb.definedNames.add(sheetRef(SHEETS.settings, `$B$${r}`), spec.name);
    if (spec.kind === "number" && spec.min !== undefined && spec.max !== undefined) {
      validations(ws).add(`B${r}`, {
        type: "decimal",
        operator: "between",
        formulae: [spec.min, spec.max],
        allowBlank: false,
        showErrorMessage: true,
        errorTitle: spec.label,
        error: `Enter a number from ${spec.min} to ${spec.max}.`,
        showInputMessage: true,
        prompt: spec.help.slice(0, 255),
      });
    }
  });
}

function cellFor(value: string | number | null | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined || value === "") return null;
  return value;
}

function writeTable(
  wb: ExcelJS.Workbook,
  spec: TableSpec,
  append: TableAppend | undefined,
  currentYear: number,
): void {
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  const index = new Map((append?.columns ?? []).map((key, i) => [key, i]));
  const calculated = spec.columns.map((c) => (c.kind === "calculated" && c.formula ? storedRowFormula(spec, c.formula) : undefined));
  const source = append?.rows ?? [];
  const rows: ExcelJS.CellValue[][] = [];
  for (const row of source) {
    rows.push(
      spec.columns.map((column, c) => {
        const i = index.get(column.key);
        const v = i === undefined ? null : cellFor(row[i]);
        const formula = calculated[c];
        if (formula) return { formula, result: typeof v === "number" ? v : undefined } as ExcelJS.CellFormulaValue;
        return v;
      }),
    );
  }
  const bodyRows = Math.max(1, rows.length);
  if (rows.length === 0) {
    rows.push(spec.columns.map((_c, c) => (calculated[c] ? ({ formula: calculated[c] } as ExcelJS.CellFormulaValue) : null)));
  }
  ws.addTable({
    name: spec.name,
    displayName: spec.name,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: spec.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows,
  });
  styleHeader(ws.getRow(1));
  ws.getRow(1).height = 32;
  const last = 1 + bodyRows;
  spec.columns.forEach((column, c) => {
    const letter = shiftColumn("A", c);
    ws.getColumn(c + 1).width = column.width;
    if (column.kind === "text" || column.kind === "multi" || column.kind === "list") ws.getColumn(c + 1).numFmt = "@";
    const validation = columnValidation(column, currentYear);
    if (validation) validations(ws).add(`${letter}2:${letter}${last}`, validation);
    if (column.required) {
      ws.addConditionalFormatting({
        ref: `${letter}2:${letter}${last}`,
        rules: [
          {
            type: "expression",
            priority: 1,
            formulae: [`LEN(TRIM(${letter}2))=0`],
            style: { fill: REQUIRED_BLANK_FILL },
          },
        ],
      });
    }
  });
}

function writeLists(wb: ExcelJS.Workbook, content: AuditWorkbookContent): { name: string; formula: string }[] {
  const ws = wb.addWorksheet(SHEETS.lists);
  const names: { name: string; formula: string }[] = [];
  LISTS.forEach((spec, c) => {
    const letter = shiftColumn("A", c);
    const values = content.lists?.[spec.key] ?? spec.values;
    ws.getCell(1, c + 1).value = spec.header;
    values.forEach((v, r) => {
      ws.getCell(r + 2, c + 1).value = v;
    });
    ws.getColumn(c + 1).width = Math.min(60, Math.max(14, ...values.map((v) => v.length + 2)));
    const col = sheetRef(SHEETS.lists, `$${letter}:$${letter}`);
    names.push({
      name: spec.rangeName,
      formula: `${sheetRef(SHEETS.lists, `$${letter}$2`)}:INDEX(${col},MAX(2,COUNTA(${sheetRef(SHEETS.lists, `$${letter}$1:$${letter}$${LIST_CAPACITY + 1}`)})))`,
    });
  });
  const first = LISTS.length + 1;
  DIRECTORY.headers.forEach((h, i) => {
    ws.getCell(1, first + i + 1).value = h;
    ws.getColumn(first + i + 1).width = 24;
  });
  (content.directory ?? []).forEach((row, r) => {
    row.forEach((v, i) => {
      ws.getCell(r + 2, first + i + 1).value = v;
    });
  });
  const idLetter = shiftColumn("A", first);
  names.push({
    name: DIRECTORY.rangeName,
    formula: `${sheetRef(SHEETS.lists, `$${idLetter}$2`)}:INDEX(${sheetRef(SHEETS.lists, `$${idLetter}:$${idLetter}`)},MAX(2,COUNTA(${sheetRef(SHEETS.lists, `$${idLetter}$1:$${idLetter}$${LIST_CAPACITY + 1}`)})))`,
  });
  styleHeader(ws.getRow(1));
  return names;
}

function writeSummary(wb: ExcelJS.Workbook, content: AuditWorkbookContent): void {
  const ws = wb.addWorksheet(SHEETS.summary);
  const layout = SUMMARY_LAYOUT;
  for (const [letter, width] of Object.entries(layout.widths)) ws.getColumn(letter).width = width;
  const values = content.summary;
  const region = String(content.settings?.region ?? "");
  const district = String(content.settings?.district ?? "");
  const round = String(content.settings?.auditRound ?? "");
  const blockStarts = new Map(layout.blocks.map((b) => [`${b.column}6`, b]));
  for (const cell of layout.cells) {
    const target = ws.getCell(cell.address);
    if (cell.value !== undefined) target.value = cell.value;
    else if (cell.address === "A2") {
      // native formula (no custom function): safe in any spreadsheet program
      target.value = {
        formula: cell.formula?.replace(/^=/, "") ?? "",
        result: `Region: ${region}   District: ${district === "" ? "(all)" : district}   Audit round: ${round}`,
      };
    } else if (blockStarts.has(cell.address)) {
      const block = blockStarts.get(cell.address);
      const rows = block ? (values?.blocks[block.key] ?? []) : [];
      rows.forEach((row, r) => {
        row.forEach((v, c) => {
          const out = ws.getCell(6 + r, ws.getColumn(block?.column ?? "A").number + c);
          out.value = summaryCell(v);
          const fmt = block?.numberFormats[c];
          if (fmt) out.numFmt = fmt;
        });
      });
      if (rows.length === 0) target.value = "no data yet";
    } else {
      const v = values?.cells[cell.address];
      target.value = v === undefined ? "no data yet" : summaryCell(v);
      if (cell.numberFormat) target.numFmt = cell.numberFormat;
    }
    if (cell.style === "title") target.font = { bold: true, size: 16 };
    if (cell.style === "heading") target.font = { bold: true, size: 12 };
    if (cell.style === "header") {
      target.font = HEADER_FONT;
      target.fill = HEADER_FILL;
    }
    if (cell.style === "subtitle") target.font = { italic: true, color: { argb: "FF595959" } };
  }
  ws.getCell("A3").value =
    "Figures written by the partnership-audit command-line tool. Open the Partnership audit pane and run Set up to turn them into live AUDIT formulas and charts.";
}

function summaryCell(v: CellValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === "object") return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

/**
 * exceljs writes only cell ranges as workbook names; a List_* name is a formula (it stops at the
 * last filled cell). Its renderer writes each name's text as given, so the formulas are added to
 * the names model it renders.
 */
function addFormulaNames(wb: ExcelJS.Workbook, names: readonly { name: string; formula: string }[]): void {
  const definedNames = wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] };
  const proto = Object.getPrototypeOf(definedNames) as object;
  const getter = Object.getOwnPropertyDescriptor(proto, "model")?.get;
  if (!getter) return;
  Object.defineProperty(definedNames, "model", {
    configurable: true,
    get: () => [
      ...(getter.call(definedNames) as { name: string; ranges: string[] }[]),
      ...names.map((n) => ({ name: n.name, ranges: [n.formula] })),
    ],
  });
}

/** Build an audit workbook (template, district return or regional workbook) and return its bytes. */
export async function writeAuditWorkbook(content: AuditWorkbookContent = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Partnership Audit for Excel";
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const currentYear = content.currentYear ?? new Date().getFullYear();
  let listNames: { name: string; formula: string }[] = [];
  for (const sheet of SHEET_ORDER) {
    if (sheet === SHEETS.guide) writeGuide(wb);
    else if (sheet === SHEETS.settings) writeSettings(wb, content);
    else if (sheet === SHEETS.summary) writeSummary(wb, content);
    else if (sheet === SHEETS.lists) listNames = writeLists(wb, content);
    else {
      const spec = TABLES.find((t) => t.sheet === sheet);
      if (spec) writeTable(wb, spec, content.tables?.find((t) => t.table === spec.name), currentYear);
    }
  }
  addFormulaNames(wb, listNames);
  const buffer = await wb.xlsx.writeBuffer();
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer as ArrayBuffer);
}

/**
 * Reads what set-up needs to know about the open workbook (a WorkbookDescription for
 * planSetup) in exactly 2 syncs, whatever the size of the tables:
 *   1. the sheets (name, protection), the tables (name, sheet, column names) and the workbook names;
 *   2. per sheet: used range, charts, A1 (and row 1 of our table sheets), merged cells; the
 *      formulas of Lists, Settings and Summary; per table: header row, body size, merged cells and
 *      used cells just right of it; per column of OUR tables (found by the blueprint's header):
 *      validation type, input message, conditional formats, the calculated column's first formula.
 * Nothing is read row by row; no table body is read.
 *
 * Null objects: everything in sync 2 is reached from what sync 1 found to exist (collection items,
 * columns by the names sync 1 read); a …OrNullObject result is only ever loaded, never navigated
 * from (Excel promises only isNullObject on a null object). Merged cells are looked for over the
 * whole sheet rather than through its used range, which is a null object on an empty sheet.
 */
import { formatA1, parseA1, splitSheet } from "../core/model/a1";
import { SHEETS, TABLES } from "../core/model/blueprint";
import { labelKey } from "../core/model/labels";
import { SUMMARY as SUMMARY_LAYOUT } from "../core/workbook/spec/summary";
import {
  ALTERNATE_SUMMARY_SHEET,
  RIGHT_STRIP_COLUMNS,
  type DescribedColumn,
  type DescribedSheet,
  type DescribedTable,
  type WorkbookDescription,
} from "../core/workbook/setup";
import type { CellValue } from "../core/model/workbook-data";

/** Sheets whose used-range formulas are read whole (small sheets that set-up owns). */
const GRID_SHEETS = [SHEETS.lists, SHEETS.settings, SUMMARY_LAYOUT.sheet, ALTERNATE_SUMMARY_SHEET].map(
  labelKey,
);
const TABLE_SHEETS = TABLES.map((t) => labelKey(t.sheet));
/** The cells the Summary layout spans (A1 to its last cell). */
const SUMMARY_BOX = ((): string => {
  let r1 = 0;
  let c1 = 0;
  for (const cell of SUMMARY_LAYOUT.cells) {
    const a = parseA1(cell.address);
    r1 = Math.max(r1, a.r1);
    c1 = Math.max(c1, a.c1);
  }
  return formatA1({ r0: 0, c0: 0, r1, c1 });
})();
/** How far row 1 is read on our table sheets (to recognise headers typed without a table). */
const FIRST_ROW = "A1:BZ1";

/** The document setting that keeps the answers to set-up's questions (see setup.ts). */
export const ANSWERS_SETTING = "PartnershipAudit.setupAnswers";

function parseAnswers(value: unknown): Record<string, string> {
  if (typeof value !== "string") return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** The A1 part of an address, without the sheet ("Sheet1!A1:B2" → "A1:B2"). */
export function localAddress(address: string): string {
  return splitSheet(address).cells;
}

function addresses(list: string): string[] {
  return list
    .split(",")
    .map((a) => localAddress(a.trim()))
    .filter((a) => a !== "");
}

/** A cell as the core sees it: "" → null. */
export function toCellValue(v: unknown, type?: string): CellValue {
  if (type === "Error") return { error: String(v) };
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/** Pads a range's 2-D values so that they start at A1 (rows[r][c] is Excel row r+1, column c+1). */
function gridFromA1(address: string, values: readonly (readonly unknown[])[]): CellValue[][] {
  const a = parseA1(localAddress(address));
  const out: CellValue[][] = [];
  for (let r = 0; r < a.r0; r++) out.push([]);
  for (const row of values) {
    const line: CellValue[] = new Array<CellValue>(a.c0).fill(null);
    for (const v of row) line.push(toCellValue(v));
    out.push(line);
  }
  return out;
}

interface SheetLoad {
  readonly sheet: Excel.Worksheet;
  readonly used: Excel.Range;
  readonly a1: Excel.Range;
  readonly firstRow?: Excel.Range;
  readonly merged?: Excel.RangeAreas;
  readonly grid?: Excel.Range;
}

interface ColumnLoad {
  readonly header: string;
  readonly column: Excel.TableColumn;
  readonly validation: Excel.DataValidation;
  readonly conditionalFormats: OfficeExtension.ClientResult<number>;
  readonly first?: Excel.Range;
}

interface TableLoad {
  readonly table: Excel.Table;
  readonly header: Excel.Range;
  readonly body: Excel.Range;
  readonly merged: Excel.RangeAreas;
  readonly right: Excel.Range;
  readonly columns: ColumnLoad[];
}

/** Reads the workbook description for planSetup: 2 syncs. */
export async function inspectWorkbook(context: Excel.RequestContext): Promise<WorkbookDescription> {
  const wb = context.workbook;
  const sheets = wb.worksheets.load("items/name,items/protection/protected");
  const tables = wb.tables.load("items/name,items/worksheet/name,items/columns/items/name");
  const names = wb.names.load("items/name,items/formula");
  const answers = wb.settings.getItemOrNullObject(ANSWERS_SETTING).load("value");
  const protection = wb.protection.load("protected");
  await context.sync();

  const sheetLoads: SheetLoad[] = sheets.items.map((sheet) => {
    const key = labelKey(sheet.name);
    const used = sheet.getUsedRangeOrNullObject(true).load("address");
    // any other sheet may be our summary under another name: read the layout's cells
    const a1 = sheet
      .getRange(GRID_SHEETS.includes(key) || TABLE_SHEETS.includes(key) ? "A1" : SUMMARY_BOX)
      .load("formulas");
    sheet.charts.load("items/name");
    const isTableSheet = TABLE_SHEETS.includes(key);
    const firstRow = isTableSheet ? sheet.getRange(FIRST_ROW).load("values") : undefined;
    // formatted cells count here (valuesOnly false): merged empty cells are found too
    const merged = isTableSheet ? sheet.getRange().getMergedAreasOrNullObject().load("address") : undefined;
    const grid = GRID_SHEETS.includes(key)
      ? sheet.getUsedRangeOrNullObject(false).load("address,formulas")
      : undefined;
    return { sheet, used, a1, firstRow, merged, grid };
  });

  const ours = new Map(TABLES.map((t) => [labelKey(t.name), t]));
  const tableLoads: TableLoad[] = tables.items.map((table) => {
    const header = table.getHeaderRowRange().load("values,rowIndex,columnIndex");
    const body = table.getDataBodyRange().load("rowCount");
    const whole = table.getRange();
    const merged = whole.getResizedRange(0, RIGHT_STRIP_COLUMNS).getMergedAreasOrNullObject().load("address");
    const right = whole.getColumnsAfter(RIGHT_STRIP_COLUMNS).getUsedRangeOrNullObject(true).load("address");
    const spec = ours.get(labelKey(table.name));
    // only the columns sync 1 found: a missing one is simply absent (never a null object used)
    const present = new Map(table.columns.items.map((c) => [labelKey(c.name), c.name]));
    const columns: ColumnLoad[] = [];
    for (const col of spec?.columns ?? []) {
      const name = present.get(labelKey(col.header));
      if (name === undefined) continue;
      const column = table.columns.getItem(name).load("name");
      const colBody = column.getDataBodyRange();
      const validation = colBody.dataValidation.load("type,prompt");
      const conditionalFormats = colBody.conditionalFormats.getCount();
      const first = col.kind === "calculated" ? colBody.getCell(0, 0).load("formulas") : undefined;
      columns.push({ header: col.header, column, validation, conditionalFormats, first });
    }
    return { table, header, body, merged, right, columns };
  });
  await context.sync();

  const described: DescribedSheet[] = [];
  const grids: Record<string, CellValue[][]> = {};
  for (const s of sheetLoads) {
    const used = s.used.isNullObject ? null : localAddress(s.used.address);
    described.push({
      name: s.sheet.name,
      protected: s.sheet.protection.protected,
      used,
      firstRow: s.firstRow ? (s.firstRow.values[0] ?? []).map((v) => toCellValue(v)) : undefined,
      merged: s.merged && !s.merged.isNullObject ? addresses(s.merged.address) : [],
      charts: s.sheet.charts.items.map((c) => c.name),
    });
    if (s.grid) grids[s.sheet.name] = s.grid.isNullObject ? [] : gridFromA1(s.grid.address, s.grid.formulas);
    else grids[s.sheet.name] = gridFromA1("A1", s.a1.formulas);
  }

  const describedTables: DescribedTable[] = tableLoads.map((t) => {
    const headers = (t.header.values[0] ?? []).map((v) => String(v));
    let columns: DescribedColumn[] | undefined;
    if (ours.has(labelKey(t.table.name))) {
      const byHeader = new Map<string, DescribedColumn>();
      for (const c of t.columns) {
        byHeader.set(labelKey(c.column.name), {
          validationType: c.validation.type,
          hasPrompt: (c.validation.prompt?.message ?? "") !== "",
          conditionalFormats: c.conditionalFormats.value,
          firstFormula: c.first ? toCellValue(c.first.formulas[0]?.[0]) : undefined,
        });
      }
      // details only for headers that carry the blueprint's name; others are unknown (→ decorated)
      columns = headers.map((h) => byHeader.get(labelKey(h)) ?? {});
    }
    return {
      name: t.table.name,
      sheet: t.table.worksheet.name,
      headerRow: t.header.rowIndex,
      firstColumn: t.header.columnIndex,
      headers,
      rowCount: t.body.rowCount,
      columns,
      merged: t.merged.isNullObject ? [] : addresses(t.merged.address),
      rightUsed: t.right.isNullObject ? null : localAddress(t.right.address),
    };
  });

  return {
    sheets: described,
    tables: describedTables,
    names: names.items.map((n) => ({ name: n.name, formula: n.formula })),
    grids,
    answers: answers.isNullObject ? {} : parseAnswers(answers.value),
    workbookProtected: protection.protected,
  };
}

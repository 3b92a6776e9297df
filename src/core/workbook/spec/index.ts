/**
 * The workbook spec: everything an audit workbook holds, derived once from the blueprint (pure).
 * The pane's set-up (src/excel/setup.ts) and the tool's writer (src/xlsx/write.ts) only render it,
 * so the two workbooks agree by construction (test/xlsx/renderings.test.ts compares them cell by
 * cell). Nothing here talks to Excel or to a file.
 *
 * - ./columns: per table column the validation rule, input and error messages, number format,
 *   required-cell highlight and width; the table style.
 * - ./sheets: the Guide, Settings (rows, bounds, names) and Lists (columns, names) sheets.
 * - ./summary: every Summary headline and block (stable key, formula, number formats, the core
 *   calculation of its value) and the charts over the blocks.
 */
import { SHEET_ORDER, TABLES, type TableSpec } from "../../model/blueprint";
import { COLUMN_RULES, HEADER_ROW_HEIGHT, TABLE_STYLE, type ColumnRule } from "./columns";
import { GUIDE_SHEET, LISTS_SHEET, SETTINGS_SHEET, listNameFormula, settingNameFormula } from "./sheets";
import { SUMMARY } from "./summary";

export * from "./columns";
export * from "./sheets";
export * from "./summary";
export * from "./summary-values";

/** An audit table as a new workbook has it: on its own sheet from A1. */
export interface TableLayout {
  readonly spec: TableSpec;
  readonly sheet: string;
  readonly columns: readonly ColumnRule[];
  readonly style: string;
  readonly headerRowHeight: number;
}

/** A workbook name and the formula it stands for. */
interface NameSpec {
  readonly name: string;
  readonly formula: string;
}

/** The names of a new workbook: every List_* over its Lists column, every setting over its value cell. */
function newWorkbookNames(): NameSpec[] {
  const out: NameSpec[] = [];
  for (const c of LISTS_SHEET.columns) {
    if (c.name) out.push({ name: c.name, formula: listNameFormula(LISTS_SHEET.sheet, c.letter) });
  }
  for (const r of SETTINGS_SHEET.rows) {
    out.push({ name: r.spec.name, formula: settingNameFormula(SETTINGS_SHEET.sheet, r.row) });
  }
  return out;
}

export const WORKBOOK_SPEC = {
  sheetOrder: SHEET_ORDER,
  tables: TABLES.map((spec): TableLayout => ({
    spec,
    sheet: spec.sheet,
    columns: COLUMN_RULES[spec.name],
    style: TABLE_STYLE,
    headerRowHeight: HEADER_ROW_HEIGHT,
  })),
  guide: GUIDE_SHEET,
  settings: SETTINGS_SHEET,
  lists: LISTS_SHEET,
  summary: SUMMARY,
  names: newWorkbookNames(),
} as const;

/**
 * exceljs as an independent reader, for tests: the same workbook read by exceljs, as the grid of
 * plain cells our reader gives, so that tests can compare the two. exceljs reads without any limit:
 * only files made by the tests go through it.
 */
import ExcelJS from "exceljs";
import type { CellValue, SheetGrid, WorkbookGrid } from "../../src/core/model/workbook-data";

type ExcelValue = ExcelJS.CellValue | undefined;

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
}

function richText(parts: readonly { text: string }[]): string {
  let s = "";
  for (const p of parts) s += p.text ?? "";
  return s;
}

/** One exceljs cell value → the plain CellValue our reader gives for the same cell. */
export function toCellValue(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { error: "#NUM!" };
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== "object") return null;
  if ("error" in value && typeof value.error === "string") return { error: value.error };
  if ("richText" in value && Array.isArray(value.richText)) return richText(value.richText);
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelValue }).result;
    if (result !== null && typeof result === "object" && !(result instanceof Date) && "error" in result) {
      return { error: String((result as { error: unknown }).error) };
    }
    return toCellValue(result as ExcelValue);
  }
  if ("text" in value) {
    const text = (value as { text: unknown }).text;
    if (typeof text === "string") return text;
    if (text && typeof text === "object" && "richText" in text) {
      return richText((text as { richText: { text: string }[] }).richText);
    }
    return null;
  }
  return null;
}

function sheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // merged cells repeat the master's value; read it once, from the master cell
      const v = cell.isMerged && cell.master !== cell ? null : toCellValue(cell.value);
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = v;
    });
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = cells;
  });
  const tables: { name: string; range: string }[] = [];
  for (const t of ws.getTables() as unknown as {
    table?: { name?: string; tableRef?: string; ref?: string };
  }[]) {
    const model = t.table;
    if (model?.name) tables.push({ name: model.name, range: model.tableRef ?? model.ref ?? "" });
  }
  return { name: ws.name, rows, tables };
}

/** .xlsx bytes → every sheet's cells, as exceljs reads them. */
export async function readWorkbookGridExcelJS(data: Uint8Array): Promise<WorkbookGrid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as never, {
    ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst"],
  });
  return { sheets: workbook.worksheets.map(sheetGrid) };
}

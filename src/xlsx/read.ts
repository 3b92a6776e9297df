/**
 * The .xlsx reader (exceljs), for Node and the browser: bytes in, plain cells out. No fs or path
 * here: the CLI reads the file, the task pane hands over the File's ArrayBuffer.
 *
 * Cells: a formula cell gives its cached result (no result cached → blank); rich text is
 * flattened to its text; a hyperlink gives its text; an error value gives { error: "#N/A" };
 * a date gives ISO date text ("2026-03-31", or "2026-03-31T14:30:00" when it has a time of day):
 * nothing in the audit is a date, so a date is reported as such (e.g. "is a date; enter the year
 * only") rather than as an unexplained serial number.
 *
 * Unreadable input throws WorkbookReadError with one line saying why: not a workbook, corrupt or
 * truncated, password-protected (an encrypted workbook is an OLE compound file), or no audit tables.
 */
import ExcelJS from "exceljs";
import { TABLES, tableSpec } from "../core/blueprint";
import { missingTables, readReturn } from "../core/returns";
import type { AuditReturn, CellValue, SheetGrid, WorkbookGrid } from "../core/workbook-data";

export type ReadFailure = "not-a-workbook" | "corrupt" | "password-protected" | "no-audit-tables";

/** Why a file could not be read, in one line for people (no stack trace needed). */
export class WorkbookReadError extends Error {
  readonly reason: ReadFailure;
  constructor(reason: ReadFailure, message: string) {
    super(message);
    this.name = "WorkbookReadError";
    this.reason = reason;
  }
}

type Bytes = ArrayBuffer | Uint8Array;

function asUint8(data: Bytes): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

/** Say why the bytes cannot be an .xlsx workbook, before handing them to the zip reader. */
export function sniff(data: Bytes): void {
  const bytes = asUint8(data);
  if (bytes.length === 0) throw new WorkbookReadError("not-a-workbook", "the file is empty, not an Excel workbook");
  if (startsWith(bytes, CFB.slice(0, 4))) {
    throw new WorkbookReadError(
      "password-protected",
      "the workbook is password-protected (or in the old .xls format); remove the password and save it as an Excel Workbook (.xlsx)",
    );
  }
  if (!startsWith(bytes, ZIP)) {
    throw new WorkbookReadError(
      "not-a-workbook",
      "the file is not an Excel workbook (.xlsx); save it from Excel as an Excel Workbook",
    );
  }
}

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

/** One exceljs cell value → the plain CellValue the core reads. */
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
  for (const t of ws.getTables() as unknown as { table?: { name?: string; tableRef?: string; ref?: string } }[]) {
    const model = t.table;
    if (model?.name) tables.push({ name: model.name, range: model.tableRef ?? model.ref ?? "" });
  }
  return { name: ws.name, rows, tables };
}

/** Parts of a worksheet the reader never needs; skipping them keeps reading fast and lean. */
const IGNORE_NODES = ["dataValidations", "conditionalFormatting", "extLst", "pageSetup", "headerFooter", "printOptions", "pageMargins", "rowBreaks", "drawing", "picture"];

/** .xlsx bytes → every sheet's cells. Throws WorkbookReadError when the bytes are not a workbook. */
export async function readWorkbookGrid(data: Bytes): Promise<WorkbookGrid> {
  sniff(data);
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = asUint8(data);
    // exceljs wants a Node Buffer in Node and accepts an ArrayBuffer in the browser bundle
    const input = typeof Buffer !== "undefined" ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
    await workbook.xlsx.load(input as unknown as Parameters<typeof workbook.xlsx.load>[0], {
      ignoreNodes: IGNORE_NODES,
    });
  } catch {
    throw new WorkbookReadError(
      "corrupt",
      "the workbook is corrupt or truncated and cannot be opened; save it again from Excel",
    );
  }
  if (workbook.worksheets.length === 0) {
    throw new WorkbookReadError("not-a-workbook", "the file is not an Excel workbook (.xlsx): it has no worksheets");
  }
  return { sheets: workbook.worksheets.map(sheetGrid) };
}

/**
 * .xlsx bytes → a return the core reads. Throws WorkbookReadError("no-audit-tables") when an audit
 * table is missing: such a file is not a district return at all.
 */
export async function readAuditReturn(data: Bytes, file: string): Promise<AuditReturn> {
  const grid = await readWorkbookGrid(data);
  const ret = readReturn(grid, file);
  const missing = missingTables(ret);
  if (missing.length === TABLES.length) {
    throw new WorkbookReadError(
      "no-audit-tables",
      "the workbook has no audit tables (Partnerships, Representation, Partner survey); make returns from the audit template",
    );
  }
  if (missing.length > 0) {
    const names = missing.map((m) => tableSpec(m).sheet);
    throw new WorkbookReadError(
      "no-audit-tables",
      `the workbook has no ${names.join(" or ")} table (no sheet has its header row); restore it from the audit template`,
    );
  }
  return ret;
}

/**
 * The .xlsx reader, for Node and the browser: bytes in, plain cells out. No fs or path here: the
 * CLI reads the file, the task pane hands over the File's ArrayBuffer.
 *
 * A lean reader does the work: it unzips (./zip) the few parts that hold values (workbook,
 * relationships, shared strings, styles for dates, sheets, tables) and scans their XML. It reads a
 * 200-partnership return in about 10 ms with little memory, where exceljs took 100–200 ms. A file
 * it cannot follow is handed to exceljs (imported on demand, so it is its own chunk in the pane).
 * Both give the same cells (tests compare them on our files, exceljs-written and LibreOffice files).
 *
 * Cells: a formula cell gives its cached result (no result cached → blank); rich text is
 * flattened to its text; a hyperlink gives its text; an error value gives { error: "#N/A" };
 * a date gives ISO date text ("2026-03-31", or "2026-03-31T14:30:00" when it has a time of day):
 * nothing in the audit is a date, so a date is reported as such (e.g. "is a date; enter the year
 * only") rather than as an unexplained serial number.
 *
 * Unreadable input throws WorkbookReadError with one line saying why: not a workbook, corrupt or
 * truncated, password-protected (an encrypted workbook is an OLE compound file, D0 CF 11 E0), or no
 * audit tables.
 */
import type * as ExcelJS from "exceljs";
import { TABLES, tableSpec } from "../core/blueprint";
import { missingTables, readReturn } from "../core/returns";
import type { AuditReturn, CellValue, SheetGrid, WorkbookGrid } from "../core/workbook-data";
import { platformInflate, zipEntries, zipRead, type Codec } from "./zip";

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
  if (bytes.length === 0)
    throw new WorkbookReadError("not-a-workbook", "the file is empty, not an Excel workbook");
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
  for (const t of ws.getTables() as unknown as {
    table?: { name?: string; tableRef?: string; ref?: string };
  }[]) {
    const model = t.table;
    if (model?.name) tables.push({ name: model.name, range: model.tableRef ?? model.ref ?? "" });
  }
  return { name: ws.name, rows, tables };
}

/** Parts of a worksheet the reader never needs; skipping them keeps reading fast and lean. */
const IGNORE_NODES = [
  "dataValidations",
  "conditionalFormatting",
  "extLst",
  "pageSetup",
  "headerFooter",
  "printOptions",
  "pageMargins",
  "rowBreaks",
  "drawing",
  "picture",
];

/** .xlsx bytes → every sheet's cells, through exceljs (the fallback for files the lean reader refuses). */
export async function readWorkbookGridExcelJS(data: Bytes): Promise<WorkbookGrid> {
  // loaded only when needed: the lean reader handles ordinary workbooks without exceljs
  const loaded = await import("exceljs");
  const Excel = ((loaded as { default?: typeof ExcelJS }).default ?? loaded) as typeof ExcelJS;
  const workbook = new Excel.Workbook();
  const bytes = asUint8(data);
  // exceljs wants a Node Buffer in Node and accepts an ArrayBuffer in the browser bundle
  const input =
    typeof Buffer !== "undefined" ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
  await workbook.xlsx.load(input as unknown as Parameters<typeof workbook.xlsx.load>[0], {
    ignoreNodes: IGNORE_NODES,
  });
  return { sheets: workbook.worksheets.map(sheetGrid) };
}

export interface ReadOptions {
  /** inflate raw deflate data (default: the platform's DecompressionStream; the CLI passes zlib) */
  readonly inflateRaw?: Codec;
}

/**
 * .xlsx bytes → every sheet's cells. A lean reader (zip + the few XML parts a workbook's values
 * live in) does it fast and with little memory; a file it cannot follow is read by exceljs.
 * Throws WorkbookReadError when the bytes are not a readable workbook.
 */
export async function readWorkbookGrid(data: Bytes, options: ReadOptions = {}): Promise<WorkbookGrid> {
  sniff(data);
  let grid: WorkbookGrid | undefined;
  try {
    grid = await leanRead(asUint8(data), options.inflateRaw ?? platformInflate);
  } catch {
    try {
      grid = await readWorkbookGridExcelJS(data);
    } catch {
      throw new WorkbookReadError(
        "corrupt",
        "the workbook is corrupt or truncated and cannot be opened; save it again from Excel",
      );
    }
  }
  if (grid.sheets.length === 0) {
    throw new WorkbookReadError(
      "not-a-workbook",
      "the file is not an Excel workbook (.xlsx): it has no worksheets",
    );
  }
  return grid;
}

// ---------------------------------------------------------------------------------------------
// The lean reader

const decoder = new TextDecoder("utf-8");

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** XML text → string (entities, and the _xHHHH_ escapes OOXML uses for control characters). */
export function unescapeXml(text: string): string {
  let s = text;
  if (s.includes("&")) {
    s = s.replace(ENTITY, (_m, e: string) => {
      switch (e) {
        case "lt":
          return "<";
        case "gt":
          return ">";
        case "amp":
          return "&";
        case "quot":
          return '"';
        case "apos":
          return "'";
        default:
          return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      }
    });
  }
  if (s.includes("_x"))
    s = s.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

const ATTR_RE = new Map<string, RegExp>();

function attr(tag: string, name: string): string | undefined {
  let re = ATTR_RE.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name.replace(":", "\\:")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_RE.set(name, re);
  }
  const m = re.exec(tag);
  if (!m) return undefined;
  const v = m[1] ?? m[2] ?? "";
  return v.includes("&") || v.includes("_x") ? unescapeXml(v) : v;
}

/** The text of a string item (<si> or <is>): its <t> runs, phonetic runs left out. */
function itemText(xml: string): string {
  const body = xml.includes("<rPh") ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : xml;
  let out = "";
  const re = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) out += m[1] ?? "";
  return unescapeXml(out);
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relationships(xml: string | undefined, base: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  if (!xml) return out;
  const re = /<Relationship\b([^>]*)\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const id = attr(m[1], "Id");
    const target = attr(m[1], "Target");
    const type = attr(m[1], "Type") ?? "";
    if (id && target && attr(m[1], "TargetMode") !== "External")
      out.set(id, { type, target: resolvePath(base, target) });
  }
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/_.|\*./g, "");
  return /[dmyhs]/i.test(bare) && !/^[#0.,%E+\-\s]*$/.test(bare) && !/general/i.test(bare);
}

/** Style index → true when its number format shows a date. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const fmtRe = /<numFmt\b([^>]*)\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = fmtRe.exec(xml))) {
    const id = Number(attr(m[1], "numFmtId"));
    const code = attr(m[1], "formatCode") ?? "";
    custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  const out: boolean[] = [];
  const xfRe = /<xf\b([^>]*?)(?:\/>|>)/g;
  while ((m = xfRe.exec(xfs))) {
    const id = Number(attr(m[1], "numFmtId") ?? "0");
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

/** An Excel date serial (1900 system) → ISO date text. */
export function serialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  return isoDate(new Date(ms));
}

function colNumber(ref: string): { col: number; row: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return { col: col - 1, row: Number(ref.slice(i)) - 1 };
}

const MAX_COLUMNS = 16384;

function parseSheet(xml: string, strings: readonly string[], dates: readonly boolean[]): CellValue[][] {
  const rows: CellValue[][] = [];
  const re = /<row\b([^>]*?)(\/)?>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  let rowIndex = -1;
  let colIndex = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[1] !== undefined) {
      const r = attr(m[1], "r");
      rowIndex = r ? Number(r) - 1 : rowIndex + 1;
      colIndex = -1;
      continue;
    }
    const tag = m[3] ?? "";
    const inner = m[4];
    const ref = attr(tag, "r");
    let row = rowIndex;
    if (ref) {
      const at = colNumber(ref);
      colIndex = at.col;
      if (Number.isFinite(at.row) && at.row >= 0) row = at.row;
    } else colIndex++;
    if (inner === undefined || row < 0 || colIndex < 0 || colIndex >= MAX_COLUMNS) continue;
    const type = attr(tag, "t") ?? "n";
    let value: CellValue = null;
    if (type === "inlineStr") {
      const is = /<is>([\s\S]*?)<\/is>/.exec(inner);
      value = is ? itemText(is[1]) : null;
    } else {
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner);
      if (!v) continue;
      const text = v[1];
      switch (type) {
        case "s":
          value = strings[Number(text)] ?? null;
          break;
        case "str":
          value = unescapeXml(text);
          break;
        case "b":
          value = text.trim() === "1" || text.trim().toLowerCase() === "true";
          break;
        case "e":
          value = { error: unescapeXml(text) };
          break;
        case "d":
          value = unescapeXml(text);
          value = value.endsWith("T00:00:00") || value.endsWith("T00:00:00Z") ? value.slice(0, 10) : value;
          break;
        default: {
          const n = Number(text);
          if (!Number.isFinite(n)) value = text === "" ? null : { error: "#NUM!" };
          else {
            const s = Number(attr(tag, "s") ?? "0");
            value = dates[s] ? serialToIso(n) : n;
          }
        }
      }
    }
    if (value === null || value === "") continue;
    while (rows.length <= row) rows.push([]);
    const cells = rows[row];
    while (cells.length < colIndex) cells.push(null);
    cells[colIndex] = value;
  }
  return rows;
}

async function leanRead(bytes: Uint8Array, inflate: Codec): Promise<WorkbookGrid> {
  const entries = zipEntries(bytes);
  const text = async (name: string): Promise<string | undefined> => {
    const entry = entries.get(name);
    return entry ? decoder.decode(await zipRead(bytes, entry, inflate)) : undefined;
  };
  const rootRels = relationships(await text("_rels/.rels"), "");
  const main =
    [...rootRels.values()].find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbookXml = await text(main);
  if (workbookXml === undefined) throw new Error("no workbook part");
  const rels = relationships(await text(resolvePath(main, "_rels/" + main.split("/").pop() + ".rels")), main);
  let sharedStrings: string[] = [];
  let dates: boolean[] = [];
  for (const rel of rels.values()) {
    if (rel.type.endsWith("/sharedStrings")) {
      const xml = (await text(rel.target)) ?? "";
      sharedStrings = [];
      const re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(xml))) sharedStrings.push(m[1] === undefined ? "" : itemText(m[1]));
    } else if (rel.type.endsWith("/styles")) dates = dateStyles(await text(rel.target));
  }
  const sheets: SheetGrid[] = [];
  const sheetRe = /<sheet\b([^>]*?)\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = sheetRe.exec(workbookXml))) {
    const name = attr(m[1], "name") ?? "";
    const id = attr(m[1], "r:id") ?? /\b[\w]+:id\s*=\s*"([^"]*)"/.exec(m[1])?.[1];
    const rel = id ? rels.get(id) : undefined;
    if (!rel || !rel.type.endsWith("/worksheet")) continue;
    const xml = await text(rel.target);
    if (xml === undefined) throw new Error(`missing sheet part ${rel.target}`);
    const tables: { name: string; range: string }[] = [];
    const sheetRels = relationships(
      await text(resolvePath(rel.target, "_rels/" + rel.target.split("/").pop() + ".rels")),
      rel.target,
    );
    for (const r of sheetRels.values()) {
      if (!r.type.endsWith("/table")) continue;
      const tableXml = await text(r.target);
      const head = tableXml ? /<table\b([^>]*)>/.exec(tableXml)?.[1] : undefined;
      if (head)
        tables.push({
          name: attr(head, "name") ?? attr(head, "displayName") ?? "",
          range: attr(head, "ref") ?? "",
        });
    }
    sheets.push({ name, rows: parseSheet(xml, sharedStrings, dates), tables });
  }
  return { sheets };
}

/**
 * .xlsx bytes → a return the core reads. Throws WorkbookReadError("no-audit-tables") when an audit
 * table is missing: such a file is not a district return at all.
 */
export async function readAuditReturn(
  data: Bytes,
  file: string,
  options: ReadOptions = {},
): Promise<AuditReturn> {
  const grid = await readWorkbookGrid(data, options);
  let ret = readReturn(grid, file);
  let missing = missingTables(ret);
  if (missing.length > 0) {
    // a second opinion before calling the file unreadable: exceljs may follow an unusual writer
    const other = await readWorkbookGridExcelJS(data).catch(() => undefined);
    const second = other ? readReturn(other, file) : undefined;
    if (second && missingTables(second).length < missing.length) {
      ret = second;
      missing = missingTables(second);
    }
  }
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

/**
 * The .xlsx reader, for Node and the browser: bytes in, plain cells out. No fs or path here: the
 * CLI reads the file, the task pane hands over the File's ArrayBuffer.
 *
 * It unzips (./zip) the few parts that hold values (workbook, relationships, shared strings,
 * styles for dates, sheets, tables) and scans their XML as it inflates (./xml-scan), so no part is
 * ever held whole. It reads what Excel, LibreOffice, openpyxl, exceljs and our own writer write:
 * element names are read without their namespace prefix (so Strict Open XML and prefixed writers
 * read alike), part names are matched as the package format says (case-insensitively, relative or
 * absolute, percent-encoded or not), and a workbook in the 1904 date system gives the same dates.
 * Tests read a file of each writer that can be made here (test/fixtures) and compare the cells with
 * exceljs's reading of them.
 *
 * Hostile or huge files: the reader spends time and memory in proportion to the file.
 * - Refused, with one line naming the limit (WorkbookReadError "over-limit"): a part, or all the
 *   parts read, unpacking to more than ZIP_LIMITS allow (100 times the file's size, at least
 *   64 MB, at most 1 GB a part and 2 GB in all), more than 10,000 parts, more than
 *   READ_LIMITS.maxFilledCells filled cells or shared strings.
 * - Refused as corrupt: a part whose CRC-32 or size does not match, XML that is not well-formed
 *   (an unclosed tag, a DOCTYPE, an unknown entity, a tag over 1 MB).
 * - Read, with a problem the core turns into a finding (SheetGrid.problems): a row numbered
 *   outside 1…1,048,576 or not a number, a row or cell given twice, a cell reference outside
 *   A…XFD or not in its row (those cells are not read); text over 32,767 characters (the first
 *   32,767 are read); U+FFFE, U+FFFF or a lone surrogate in text (read as U+FFFD).
 * Empty cells and rows are not stored: a sheet whose only cell is XFD1048576 costs one cell.
 * A million rows are held once: each row is kept at its own size, a text repeated in inline or
 * formula-result cells is one string (TextPool; shared strings are one string each already), and
 * readAuditReturn gives up each table row of its grid as it becomes a table row (readReturn's
 * consumeGrid).
 *
 * Cells: a formula cell gives its cached result (no result cached → blank); rich text is
 * flattened to its text; a hyperlink gives its text; an error value gives { error: "#N/A" };
 * a date gives ISO date text ("2026-03-31", or "2026-03-31T14:30:00" when it has a time of day):
 * nothing in the audit is a date, so a date is reported as such (e.g. "is a date; enter the year
 * only") rather than as an unexplained serial number.
 *
 * Unreadable input throws WorkbookReadError with one line saying why: not a workbook, corrupt or
 * truncated, password-protected (an encrypted workbook is an OLE compound file, D0 CF 11 E0), over
 * a limit, or no audit tables.
 */
import { cellRef, columnLetter, GRID } from "../core/model/a1";
import { SHEETS, TABLES, tableSpec } from "../core/model/blueprint";
import { labelKey } from "../core/model/labels";
import { missingTables, readReturn } from "../core/returns/read-return";
import type {
  AuditReturn,
  CellValue,
  ReadProblem,
  SheetGrid,
  WorkbookGrid,
} from "../core/model/workbook-data";
import { Attributes, XmlError, XmlScanner, decodeEntities, type XmlHandler } from "./xml-scan";
import { firstUnstorable, replaceUnstorable, unescapeOoxml } from "./xml-text";
import { ZipArchive, ZipFormatError, ZipLimitError, limitsFor } from "./zip";

type ReadFailure = "not-a-workbook" | "corrupt" | "password-protected" | "no-audit-tables" | "over-limit";

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
function sniff(data: Bytes): void {
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

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
}

// ---------------------------------------------------------------------------------------------
// Limits

/** Excel's grid and cell, and what the reader keeps (see the header comment and docs/security.md). */
const READ_LIMITS = {
  /** rows Excel has (1…1,048,576) */
  maxRows: GRID.rows,
  /** columns Excel has (A…XFD) */
  maxColumns: GRID.columns,
  /** characters an Excel cell holds */
  maxCellText: 32_767,
  /** filled cells in all sheets, and shared strings (a 1,000,000-row return has about 17 million) */
  maxFilledCells: 40_000_000,
  /** problems listed per sheet; the rest are counted in one more */
  maxProblemsPerSheet: 100,
} as const;

function count(n: number): string {
  return n.toLocaleString("en-GB");
}

/** A limit the workbook goes over (becomes WorkbookReadError "over-limit"). */
class ReadLimitError extends Error {}

/** The package lacks a part it names (the workbook, a sheet): the file is damaged. */
class StructureError extends Error {}

// ---------------------------------------------------------------------------------------------
// Reading

/** Stream one part through the XML scanner (never holding the part whole). */
function scanPart(archive: ZipArchive, name: string, handler: XmlHandler): void {
  const scanner = new XmlScanner(handler);
  let decoder: TextDecoder | undefined;
  try {
    archive.read(name, (chunk) => {
      if (!decoder) {
        // UTF-8 (a BOM is dropped), or UTF-16 with its BOM: the encodings a package part may use
        const encoding =
          chunk[0] === 0xff && chunk[1] === 0xfe
            ? "utf-16le"
            : chunk[0] === 0xfe && chunk[1] === 0xff
              ? "utf-16be"
              : "utf-8";
        decoder = new TextDecoder(encoding, { fatal: true });
      }
      scanner.feed(decoder.decode(chunk, { stream: true }));
    });
    if (decoder) scanner.feed(decoder.decode());
    scanner.end();
  } catch (e) {
    if (e instanceof XmlError)
      throw new WorkbookReadError(
        "corrupt",
        `the workbook is corrupt: ${name} is not well-formed XML (${e.message}); save it again from Excel`,
      );
    if (e instanceof TypeError && !(e instanceof XmlError))
      throw new WorkbookReadError(
        "corrupt",
        `the workbook is corrupt: ${name} is not valid UTF-8 text; save it again from Excel`,
      );
    throw e;
  }
}

/** Collects the text of one value (`<v>`, or the `<t>` runs of `<si>`/`<is>`), keeping at most
 * what can make a cell's 32,767 characters (each _xHHHH_ escape is 7 characters for 1). */
class TextCollector {
  static readonly CAP = 7 * READ_LIMITS.maxCellText + 7;
  private parts: string[] = [];
  private length = 0;
  private over = false;
  /** Start again (one collector serves every cell of a sheet). */
  reset(): this {
    if (this.parts.length > 0) this.parts = [];
    this.length = 0;
    this.over = false;
    return this;
  }
  add(s: string): void {
    if (this.over) return;
    const room = TextCollector.CAP - this.length;
    if (s.length > room) {
      this.parts.push(s.slice(0, room));
      this.over = true;
      return;
    }
    this.parts.push(s);
    this.length += s.length;
  }
  /** The raw text (entities decoded, OOXML escapes not), for numbers, booleans and indexes. */
  raw(): string {
    const n = this.parts.length;
    return n === 1 ? this.parts[0] : n === 0 ? "" : this.parts.join("");
  }
  /**
   * The raw text as a string of its own. A piece of a chunk is a slice that keeps the whole chunk
   * alive (V8 slices strings of 13 characters or more): text that is kept is copied out, so that
   * memory follows the text kept, not the XML read.
   */
  kept(): string {
    const raw = this.raw();
    return this.parts.length === 1 && raw.length >= 13 ? (" " + raw).slice(1) : raw;
  }
  /** The text as a cell shows it, and what is wrong with it. */
  text(): CheckedText {
    let text = unescapeOoxml(this.kept());
    let overLong = this.over;
    if (text.length > READ_LIMITS.maxCellText) {
      overLong = true;
      text = text.slice(0, READ_LIMITS.maxCellText);
    }
    const bad = firstUnstorable(text);
    return { text: bad ? replaceUnstorable(text) : text, overLong, bad };
  }
}

interface CheckedText {
  readonly text: string;
  /** longer than a cell holds: only the first 32,767 characters are kept */
  readonly overLong: boolean;
  /** the first character no workbook can store ("U+FFFF"), replaced by U+FFFD */
  readonly bad: string | undefined;
}

function overLongMessage(): string {
  return `the cell holds more than ${count(READ_LIMITS.maxCellText)} characters, the most an Excel cell holds; shorten it (only the first ${count(READ_LIMITS.maxCellText)} are read)`;
}

function badCharacterMessage(bad: string): string {
  return `the cell holds the character ${bad}, which a workbook cannot store; delete it (it is read as "\uFFFD")`;
}

/** Every cell and shared string counted against READ_LIMITS.maxFilledCells. */
class Budget {
  private used = 0;
  take(): void {
    if (++this.used > READ_LIMITS.maxFilledCells)
      throw new ReadLimitError(
        `it has more than ${count(READ_LIMITS.maxFilledCells)} filled cells and shared strings, the limit for a workbook`,
      );
  }
}

/** Relationship Id → type and resolved target. */
class RelationshipsHandler implements XmlHandler {
  readonly out = new Map<string, { type: string; target: string }>();
  private readonly a = new Attributes();
  constructor(private readonly base: string) {}
  open(name: string, attributes: string): void {
    if (name !== "Relationship") return;
    const a = this.a.parse(attributes);
    const id = a.get("Id");
    const target = a.get("Target");
    if (id && target && a.get("TargetMode") !== "External")
      this.out.set(id, { type: a.get("Type") ?? "", target: resolvePath(this.base, target) });
  }
  close(): void {}
  text(): void {}
}

/** A relationship's target, resolved against the part that holds it, as a part name. */
function resolvePath(base: string, target: string): string {
  let path = target;
  try {
    path = decodeURIComponent(target);
  } catch {
    // not valid percent-encoding: the target as written
  }
  path = path.replace(/\\/g, "/");
  if (path.startsWith("/")) return path.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of path.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/**
 * The zip's parts by part name. Part names are case-insensitive in the package format and some
 * writers store them with backslashes, so a name is looked up as written first, then in that
 * normal form.
 */
class Package {
  private readonly byKey = new Map<string, string>();
  constructor(readonly archive: ZipArchive) {
    for (const name of archive.entries.keys()) {
      const key = Package.key(name);
      if (!this.byKey.has(key)) this.byKey.set(key, name);
    }
  }
  private static key(name: string): string {
    return name.replace(/\\/g, "/").replace(/^\//, "").toLowerCase();
  }
  /** The zip entry's own name for a part name, or undefined when the package lacks it. */
  private entry(name: string): string | undefined {
    return this.archive.has(name) ? name : this.byKey.get(Package.key(name));
  }
  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }
  /** Stream a part the package has (see has) through the XML scanner. */
  scan(name: string, handler: XmlHandler): void {
    scanPart(this.archive, this.entry(name) ?? name, handler);
  }
  /** The relationships of a part ("" for the package's own), targets as part names. */
  relationships(part: string): Map<string, { type: string; target: string }> {
    const slash = part.lastIndexOf("/");
    const relsPart = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
    const handler = new RelationshipsHandler(part);
    if (this.has(relsPart)) this.scan(relsPart, handler);
    return handler.out;
  }
}

/** The workbook's sheets in order (name and relationship id), and its date system. */
class WorkbookHandler implements XmlHandler {
  readonly sheets: { name: string; id: string | undefined }[] = [];
  /** dates count from 1904-01-01 (an option of Excel for Mac's older workbooks), not 1900 */
  date1904 = false;
  private readonly a = new Attributes();
  open(name: string, attributes: string): void {
    if (name === "workbookPr") {
      const v = this.a.parse(attributes).get("date1904")?.trim().toLowerCase();
      this.date1904 = v === "1" || v === "true";
      return;
    }
    if (name !== "sheet") return;
    const a = this.a.parse(attributes);
    const id = a.get("r:id") ?? a.getEndingWith(":id");
    this.sheets.push({ name: unescapeOoxml(a.get("name") ?? ""), id });
  }
  close(): void {}
  text(): void {}
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
class StylesHandler implements XmlHandler {
  private readonly custom = new Map<number, string>();
  private readonly formats: number[] = [];
  private inCellXfs = false;
  private depth = 0;
  private readonly a = new Attributes();
  open(name: string, attributes: string): void {
    this.depth++;
    if (name === "numFmt") {
      const a = this.a.parse(attributes);
      // a format code is at most 255 characters in Excel; a longer one is not looked into
      const code = a.get("formatCode") ?? "";
      this.custom.set(Number(a.get("numFmtId")), code.length > 255 ? "" : code);
    } else if (name === "cellXfs") this.inCellXfs = true;
    else if (name === "xf" && this.inCellXfs && this.depth === 3) {
      this.formats.push(Number(this.a.parse(attributes).get("numFmtId") ?? "0"));
    }
  }
  close(name: string): void {
    this.depth--;
    if (name === "cellXfs") this.inCellXfs = false;
  }
  text(): void {}
  dates(): boolean[] {
    return this.formats.map((id) => {
      const code = this.custom.get(id);
      return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
    });
  }
}

/** Days from the 1900 system's day 0 to the 1904 system's day 0. */
const DAYS_1904 = 1462;

/** An Excel date serial (1900 system, or 1904 when `date1904`) → ISO date text. */
// exported for tests
export function serialToIso(serial: number, date1904 = false): string {
  const ms = Math.round((serial + (date1904 ? DAYS_1904 : 0) - 25569) * 86400000);
  return isoDate(new Date(ms));
}

/** The shared strings, with what is wrong with any of them. */
class SharedStringsHandler implements XmlHandler {
  readonly strings: string[] = [];
  /** index → what is wrong with the string (over-long, a character no workbook stores) */
  readonly flawed = new Map<number, CheckedText>();
  private item: TextCollector | null = null;
  private readonly collector = new TextCollector();
  private inT = false;
  private rPhDepth = 0;
  constructor(private readonly budget: Budget) {}
  open(name: string): void {
    if (name === "si") {
      this.item = this.collector.reset();
      this.rPhDepth = 0;
    } else if (name === "rPh") this.rPhDepth++;
    else if (name === "t" && this.item && this.rPhDepth === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === "t") this.inT = false;
    else if (name === "rPh") this.rPhDepth--;
    else if (name === "si" && this.item) {
      this.budget.take();
      const checked = this.item.text();
      if (checked.overLong || checked.bad) this.flawed.set(this.strings.length, checked);
      this.strings.push(checked.text);
      this.item = null;
    }
  }
  text(s: string): void {
    if (this.inT && this.item) this.item.add(s);
  }
}

/** "123" → 123; -1 when the text is not 1 to 10 digits. */
function digitsValue(text: string): number {
  const n = text.length;
  if (n === 0 || n > 10) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * One string for each short text met again in inline or formula-result cells (shared strings are
 * one string each already): a text repeated down a column of a million rows is then held once, not
 * a million times. At most MAX_TEXTS are remembered; when full, it starts again, so that texts that
 * repeat are found again while texts met once cost nothing for long.
 */
// exported for tests
export class TextPool {
  static readonly MAX_TEXTS = 20_000;
  static readonly MAX_LENGTH = 100;
  private readonly texts = new Map<string, string>();
  same(text: string): string {
    if (text.length > TextPool.MAX_LENGTH) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    if (this.texts.size >= TextPool.MAX_TEXTS) this.texts.clear();
    this.texts.set(text, text);
    return text;
  }
}

/** A shared, empty row for rows with no cells before a row that has some. */
const NO_CELLS: readonly CellValue[] = Object.freeze([]);

/** Gaps up to this size are filled (with null cells, or NO_CELLS rows); wider gaps stay holes, so
 * that a cell at XFD or row 1,048,576 costs one cell, not the cells before it. */
const DENSE_GAP = 64;

class SheetHandler implements XmlHandler {
  readonly rows: (readonly CellValue[])[] = [];
  readonly problems: ReadProblem[] = [];
  private moreProblems = 0;
  private inData = false;
  // the row element being read
  private inRow = false;
  private rowFixed = false;
  private rowSkip = false;
  private rowNumber = 0;
  private lastRow = 0;
  private cells: CellValue[] | null = null;
  private lastCol = -1;
  // the cell element being read
  private inCell = false;
  private cellSkip = false;
  private cellCol = -1;
  private cellType = "n";
  private cellStyle = 0;
  private v: TextCollector | null = null;
  private is: TextCollector | null = null;
  private inV = false;
  private inT = false;
  private inIs = false;
  private rPhDepth = 0;
  private readonly a = new Attributes();
  private readonly vText = new TextCollector();
  private readonly isText = new TextCollector();

  constructor(
    private readonly shared: SharedStringsHandler,
    private readonly dates: readonly boolean[],
    private readonly budget: Budget,
    private readonly date1904: boolean,
    private readonly texts: TextPool,
  ) {}

  /** The problems, with one more counting those beyond the first READ_LIMITS.maxProblemsPerSheet. */
  allProblems(): ReadProblem[] {
    if (this.moreProblems === 0) return this.problems;
    return [
      ...this.problems,
      {
        message: `and ${count(this.moreProblems)} more rows or cells like those above that cannot be read; save the file again from Excel`,
      },
    ];
  }

  private problem(p: ReadProblem): void {
    if (this.problems.length < READ_LIMITS.maxProblemsPerSheet) this.problems.push(p);
    else this.moreProblems++;
  }

  open(name: string, attributes: string): void {
    switch (name) {
      case "sheetData":
        this.inData = true;
        return;
      case "row":
        if (this.inData) this.startRow(attributes);
        return;
      case "c":
        if (this.inRow) this.startCell(attributes);
        return;
      case "v":
        if (this.inCell) {
          this.inV = true;
          this.v = this.vText.reset();
        }
        return;
      case "is":
        if (this.inCell) {
          this.inIs = true;
          this.is = this.isText.reset();
        }
        return;
      case "t":
        if (this.inIs && this.rPhDepth === 0) this.inT = true;
        return;
      case "rPh":
        if (this.inIs) this.rPhDepth++;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case "sheetData":
        this.inData = false;
        return;
      case "row":
        if (this.inRow) this.endRow();
        return;
      case "c":
        if (this.inCell) this.endCell();
        return;
      case "v":
        this.inV = false;
        return;
      case "is":
        this.inIs = false;
        return;
      case "t":
        this.inT = false;
        return;
      case "rPh":
        if (this.inIs) this.rPhDepth--;
        return;
    }
  }

  text(s: string): void {
    if (this.inV) this.v?.add(s);
    else if (this.inT) this.is?.add(s);
  }

  private startRow(attributes: string): void {
    this.inRow = true;
    this.rowFixed = false;
    this.rowSkip = false;
    this.cells = null;
    this.lastCol = -1;
    const r = this.a.parse(attributes).get("r");
    if (r === undefined) return; // numbered by its first cell's reference, else the next row
    if (!/^[0-9]{1,16}$/.test(r.trim()) || Number(r) < 1) {
      this.rowSkip = true;
      this.problem({
        message: `a row is numbered ${JSON.stringify(r)}, which is not a row number (Excel numbers rows 1 to ${count(READ_LIMITS.maxRows)}); its cells are not read: save the file again from Excel`,
      });
      return;
    }
    this.fixRow(Number(r));
  }

  /** The row element's number is known: check it and take it. */
  private fixRow(n: number): void {
    this.rowFixed = true;
    if (n > READ_LIMITS.maxRows) {
      this.rowSkip = true;
      this.problem({
        message: `a row is numbered ${count(n)}, outside Excel's grid (rows 1 to ${count(READ_LIMITS.maxRows)}); its cells are not read: save the file again from Excel`,
      });
      return;
    }
    const existing = this.rows[n - 1];
    if (existing !== undefined && existing !== NO_CELLS) {
      this.rowSkip = true;
      this.problem({
        row: n,
        message: `row ${n} is given twice in the file; the second is not read: save the file again from Excel`,
      });
      return;
    }
    this.rowNumber = n;
    this.lastRow = n;
  }

  private endRow(): void {
    if (!this.rowFixed && !this.rowSkip) this.lastRow++; // an empty <row/> still takes a number
    this.inRow = false;
    // an array grown cell by cell keeps room for more; the row is kept at its own size
    if (this.cells) this.rows[this.rowNumber - 1] = this.cells.slice();
    this.cells = null;
  }

  private startCell(attributes: string): void {
    this.inCell = true;
    this.cellSkip = true;
    this.v = null;
    this.is = null;
    this.inV = this.inIs = this.inT = false;
    this.rPhDepth = 0;
    const a = this.a.parse(attributes);
    this.cellType = a.get("t") ?? "n";
    const style = a.get("s");
    this.cellStyle = style === undefined ? 0 : Number(style);
    if (this.rowSkip) return; // the row's problem covers its cells
    const ref = a.get("r");
    let col: number;
    if (ref !== undefined) {
      const at = cellRef(ref);
      if (!at) {
        this.problem({
          ...(this.rowFixed ? { row: this.rowNumber } : {}),
          message: `a cell is given the reference ${JSON.stringify(ref)}, which is not a cell address; it is not read: save the file again from Excel`,
        });
        return;
      }
      if (at.col < 0 || at.row > READ_LIMITS.maxRows) {
        this.problem({
          message: `a cell is given the reference ${ref}, outside Excel's grid (A1 to XFD${count(READ_LIMITS.maxRows).replace(/,/g, "")}); it is not read: save the file again from Excel`,
        });
        return;
      }
      if (!this.rowFixed) {
        this.fixRow(at.row);
        if (this.rowSkip) return;
      } else if (at.row !== this.rowNumber) {
        this.problem({
          row: this.rowNumber,
          message: `the cell ${ref} is given inside row ${this.rowNumber}, so where it belongs is unclear; it is not read: save the file again from Excel`,
        });
        return;
      }
      col = at.col;
    } else {
      if (!this.rowFixed) {
        this.fixRow(this.lastRow + 1);
        if (this.rowSkip) return;
      }
      col = this.lastCol + 1;
      if (col >= READ_LIMITS.maxColumns) {
        this.problem({
          row: this.rowNumber,
          message: `row ${this.rowNumber} has a cell past column XFD, outside Excel's grid; it is not read: save the file again from Excel`,
        });
        return;
      }
    }
    this.lastCol = col;
    this.cellCol = col;
    this.cellSkip = false;
  }

  private endCell(): void {
    this.inCell = false;
    this.inV = this.inIs = this.inT = false;
    if (this.cellSkip) return;
    const value = this.cellValue();
    if (value === null || value === "") return;
    const col = this.cellCol;
    const row = this.rowNumber;
    let cells = this.cells;
    if (!cells) {
      cells = [];
      this.cells = cells;
      const r = row - 1;
      if (r > this.rows.length && r - this.rows.length <= DENSE_GAP)
        while (this.rows.length < r) this.rows.push(NO_CELLS);
      this.rows[r] = cells;
    }
    const existing = cells[col];
    if (existing !== undefined && existing !== null) {
      this.problem({
        row,
        address: `${columnLetter(col)}${row}`,
        message: `the cell ${columnLetter(col)}${row} is given twice in the file; the second is not read: save the file again from Excel`,
      });
      return;
    }
    this.budget.take();
    if (col > cells.length && col - cells.length <= DENSE_GAP) while (cells.length < col) cells.push(null);
    cells[col] = value;
  }

  /** Report what is wrong with a cell's text; the text as read. */
  private checked(c: CheckedText): string {
    if (c.overLong || c.bad) {
      const address = `${columnLetter(this.cellCol)}${this.rowNumber}`;
      if (c.overLong) this.problem({ row: this.rowNumber, address, message: overLongMessage() });
      if (c.bad) this.problem({ row: this.rowNumber, address, message: badCharacterMessage(c.bad) });
    }
    return c.text;
  }

  private cellValue(): CellValue {
    const type = this.cellType;
    if (type === "inlineStr") return this.is ? this.texts.same(this.checked(this.is.text())) : null;
    if (!this.v) return null;
    switch (type) {
      case "s": {
        const raw = this.v.raw().trim();
        const index = digitsValue(raw);
        if (index < 0 || index >= this.shared.strings.length) {
          const address = `${columnLetter(this.cellCol)}${this.rowNumber}`;
          this.problem({
            row: this.rowNumber,
            address,
            message: `the cell refers to shared text ${JSON.stringify(raw.slice(0, 20))}, which the file does not have; it is not read: save the file again from Excel`,
          });
          return null;
        }
        const flaw = this.shared.flawed.get(index);
        return flaw ? this.checked(flaw) : this.shared.strings[index];
      }
      case "str":
        return this.texts.same(this.checked(this.v.text()));
      case "b": {
        const t = this.v.raw().trim();
        return t === "1" || t.toLowerCase() === "true";
      }
      case "e":
        return { error: this.checked(this.v.text()) };
      case "d": {
        const t = this.checked(this.v.text());
        return t.endsWith("T00:00:00") || t.endsWith("T00:00:00Z") ? t.slice(0, 10) : t;
      }
      default: {
        const text = this.v.raw().trim();
        if (text === "") return null;
        const n = Number(text);
        if (!Number.isFinite(n)) return { error: "#NUM!" };
        return this.dates[this.cellStyle] ? serialToIso(n, this.date1904) : n;
      }
    }
  }
}

/** The name and range of a table part. */
class TableHandler implements XmlHandler {
  table: { name: string; range: string } | undefined;
  private readonly a = new Attributes();
  open(name: string, attributes: string): void {
    if (name !== "table" || this.table) return;
    const a = this.a.parse(attributes);
    this.table = { name: a.get("name") ?? a.get("displayName") ?? "", range: a.get("ref") ?? "" };
  }
  close(): void {}
  text(): void {}
}

/**
 * The sheets a district return's reader leaves unread: the Guide (fixed text) and the Summary
 * (formulas and their cached values, most of a return's bytes), whose figures the tool computes
 * again from the tables. Such a sheet is still listed, empty, and is read when it holds an audit
 * table (someone moved one there).
 */
const NOT_AUDIT_DATA: ReadonlySet<string> = new Set([SHEETS.guide, SHEETS.summary].map(labelKey));
const AUDIT_TABLES: ReadonlySet<string> = new Set(TABLES.map((t) => labelKey(t.name)));

function readPackage(pkg: Package, auditDataOnly = false): WorkbookGrid {
  const named = [...pkg.relationships("").values()].find((r) => r.type.endsWith("/officeDocument"))?.target;
  const main = named && pkg.has(named) ? named : pkg.has("xl/workbook.xml") ? "xl/workbook.xml" : undefined;
  if (!main && !named)
    throw new WorkbookReadError(
      "not-a-workbook",
      "the file is not an Excel workbook (.xlsx): it is a zip file with no workbook in it",
    );
  if (!main) throw new StructureError(`it has no workbook part ${named}`);
  const workbook = new WorkbookHandler();
  pkg.scan(main, workbook);
  const rels = pkg.relationships(main);
  const budget = new Budget();
  const shared = new SharedStringsHandler(budget);
  let dates: boolean[] = [];
  for (const rel of rels.values()) {
    if (!pkg.has(rel.target)) continue;
    if (rel.type.endsWith("/sharedStrings")) pkg.scan(rel.target, shared);
    else if (rel.type.endsWith("/styles")) {
      const styles = new StylesHandler();
      pkg.scan(rel.target, styles);
      dates = styles.dates();
    }
  }
  const sheets: SheetGrid[] = [];
  const texts = new TextPool();
  for (const s of workbook.sheets) {
    const rel = s.id ? rels.get(s.id) : undefined;
    if (!rel || !rel.type.endsWith("/worksheet")) continue;
    if (!pkg.has(rel.target))
      throw new StructureError(`the sheet ${JSON.stringify(s.name)} has no part ${rel.target}`);
    const tables: { name: string; range: string }[] = [];
    for (const r of pkg.relationships(rel.target).values()) {
      if (!r.type.endsWith("/table") || !pkg.has(r.target)) continue;
      const table = new TableHandler();
      pkg.scan(r.target, table);
      if (table.table) tables.push(table.table);
    }
    if (
      auditDataOnly &&
      NOT_AUDIT_DATA.has(labelKey(s.name)) &&
      !tables.some((t) => AUDIT_TABLES.has(labelKey(t.name)))
    ) {
      sheets.push({ name: s.name, rows: [], tables });
      continue;
    }
    const sheet = new SheetHandler(shared, dates, budget, workbook.date1904, texts);
    pkg.scan(rel.target, sheet);
    const problems = sheet.allProblems();
    sheets.push({ name: s.name, rows: sheet.rows, tables, ...(problems.length > 0 ? { problems } : {}) });
  }
  return { sheets };
}

/** XML text → string (entities, and the _xHHHH_ escapes OOXML uses for control characters). */
// exported for tests
export function unescapeXml(text: string): string {
  return unescapeOoxml(decodeEntities(text));
}

const CORRUPT = "the workbook is corrupt or truncated and cannot be opened";

/** Any failure of the reader → a WorkbookReadError; a bug (anything else) is thrown as it is. */
function readFailure(e: unknown): WorkbookReadError {
  if (e instanceof WorkbookReadError) return e;
  if (e instanceof ZipLimitError || e instanceof ReadLimitError)
    return new WorkbookReadError("over-limit", `the workbook is refused: ${e.message}`);
  if (e instanceof ZipFormatError)
    return new WorkbookReadError(
      "corrupt",
      e.part
        ? `the workbook is corrupt: ${e.message}; save it again from Excel`
        : `${CORRUPT}; save it again from Excel`,
    );
  if (e instanceof StructureError)
    return new WorkbookReadError(
      "corrupt",
      `the workbook is corrupt: ${e.message}; save it again from Excel`,
    );
  throw e;
}

/**
 * .xlsx bytes → every sheet's cells, within the limits above (with `auditDataOnly`, the Guide
 * and Summary sheets are listed but not read: see NOT_AUDIT_DATA). Throws WorkbookReadError when
 * the bytes are not a readable workbook or go over a limit.
 */
export async function readWorkbookGrid(
  data: Bytes,
  options: { readonly auditDataOnly?: boolean } = {},
): Promise<WorkbookGrid> {
  sniff(data);
  const bytes = asUint8(data);
  let grid: WorkbookGrid;
  try {
    grid = readPackage(new Package(new ZipArchive(bytes, limitsFor(bytes.length))), options.auditDataOnly);
  } catch (e) {
    throw readFailure(e);
  }
  if (grid.sheets.length === 0) {
    throw new WorkbookReadError(
      "not-a-workbook",
      "the file is not an Excel workbook (.xlsx): it has no worksheets",
    );
  }
  return grid;
}

/**
 * .xlsx bytes → a return the core reads. Throws WorkbookReadError("no-audit-tables") when an audit
 * table is missing: such a file is not a district return at all.
 */
export async function readAuditReturn(data: Bytes, file: string): Promise<AuditReturn> {
  // the grid is read for this return alone: its table rows are dropped as they become rows
  const ret = readReturn(await readWorkbookGrid(data, { auditDataOnly: true }), file, { consumeGrid: true });
  const missing = missingTables(ret);
  if (missing.length > 0 && TABLES.every((t) => ret.tables[t.name] === undefined)) {
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

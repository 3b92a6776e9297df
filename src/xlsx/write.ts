/**
 * The .xlsx writer, for Node and the browser: builds an audit workbook from the blueprint and
 * returns its bytes. The template (`partnership-audit template`), the demo returns and the
 * consolidated regional workbook all come from here.
 *
 * It writes the SpreadsheetML parts itself (and zips them with ./zip) rather than through exceljs:
 * exceljs needed about 8 s and 1.5 GB to write a regional workbook of 100 districts; this writer
 * streams the rows into XML text in a fraction of that. It also writes what exceljs cannot: the
 * Annual hours column as a real calculated table column (calculatedColumnFormula) and the List_*
 * names as formulas.
 *
 * - Guide; Settings (label in A, value in B, help in C; each value cell a workbook name such as
 *   AuditDistrict); Partnerships, Representation and Partner survey as real Excel tables (header
 *   row, TableStyleMedium2, data rows; a blank table gets one empty row, as Excel needs a body
 *   row); Summary; Lists (one vocabulary a column, each named List_* by a formula that stops at the
 *   last filled cell, so that a region can add entries).
 * - Data validation (pick-lists, numbers, years, ratings, input messages) covers the table rows
 *   only, never whole columns: Excel extends it as the table grows, and readers stay fast.
 * - Text is always a shared-string cell: a value starting with = + - or @ stays text and never
 *   becomes a formula. Text columns are formatted as text ("@").
 * - Summary: labels and headers from SUMMARY_LAYOUT, figures as values computed by the core.
 *   Charts cannot be written here, and a custom-function formula written by a library is not
 *   verified to load in Excel (`_xldudf_`): the task pane's set-up writes the live AUDIT formulas
 *   and the charts. The subtitle (A2) is a native formula over the Settings names.
 */
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
import { columnIndex } from "../core/a1";
import { SUMMARY_LAYOUT, shiftColumn } from "../core/summary-layout";
import type { CellValue, TableAppend } from "../core/workbook-data";
import { escapeXml } from "./xml-text";
import { platformDeflate, zipWrite, type Codec } from "./zip";

/** Figures for the Summary sheet, computed by the core (core/headlines summarySheetValues). */
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
}

export interface WriteOptions {
  /** deflate raw data (default: the platform's CompressionStream; the CLI passes zlib) */
  readonly deflateRaw?: Codec;
}

// ---------------------------------------------------------------------------------------------
// XML text

// XML text: escaping, OOXML's _xHHHH_ for control characters, and U+FFFD for what XML 1.0 cannot
// carry live in ./xml-text (one place for every written part).
export { escapeXml };

function attrs(a: Readonly<Record<string, string | number | undefined>>): string {
  let out = "";
  for (const [k, v] of Object.entries(a)) if (v !== undefined) out += ` ${k}="${escapeXml(String(v))}"`;
  return out;
}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------------------------------------------------------------------------------------------
// Styles: a fixed table of cell formats

const STYLE = {
  normal: 0,
  header: 1,
  bold: 2,
  title: 3,
  heading: 4,
  subtitle: 5,
  text: 6,
  wrapTop: 7,
  int: 8,
  oneDecimal: 9,
  percent: 10,
  twoDecimals: 11,
} as const;

const NUMBER_FORMAT_STYLE: Readonly<Record<string, number>> = {
  "0": STYLE.int,
  "0.0": STYLE.oneDecimal,
  "0%": STYLE.percent,
  "0.00": STYLE.twoDecimals,
};

const STYLES_XML =
  XML_HEAD +
  `<styleSheet xmlns="${NS_MAIN}">` +
  `<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>` +
  `<fonts count="6">` +
  `<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><b/><sz val="16"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><i/><sz val="11"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font>` +
  `</fonts>` +
  `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="12">` +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="0" fontId="5" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
  `<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `</cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="1"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFF2CC"/></patternFill></fill></dxf></dxfs>` +
  `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
  `</styleSheet>`;

// ---------------------------------------------------------------------------------------------
// Sheets

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;
  id(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }
  xml(): string {
    const parts: string[] = [
      XML_HEAD,
      `<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">`,
    ];
    for (const s of this.list) {
      const space = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : "";
      parts.push(`<si><t${space}>${escapeXml(s)}</t></si>`);
    }
    parts.push("</sst>");
    return parts.join("");
  }
}

type OutValue = string | number | boolean | null | undefined | { readonly error: string };

interface CellSpec {
  readonly value?: OutValue;
  /** a formula (without "="), with `value` as its cached result */
  readonly formula?: string;
  readonly style?: number;
}

interface ValidationSpec {
  readonly sqref: string;
  readonly type?: "list" | "whole" | "decimal";
  readonly operator?: "between" | "greaterThanOrEqual";
  readonly formula1?: string;
  readonly formula2?: string;
  readonly promptTitle?: string;
  readonly prompt?: string;
  readonly errorTitle?: string;
  readonly error?: string;
}

interface SheetSpec {
  readonly name: string;
  readonly widths: readonly { readonly col: number; readonly width: number; readonly style?: number }[];
  readonly frozenHeader?: boolean;
  readonly headerHeight?: number;
  readonly validations: readonly ValidationSpec[];
  readonly requiredBlank: readonly string[];
  readonly table?: { readonly spec: TableSpec; readonly ref: string; readonly id: number };
  /** writes the <row> elements, in row order */
  readonly rows: (out: RowWriter) => void;
  readonly lastRow: number;
  readonly lastCol: number;
}

const LETTERS: string[] = [];

/** Column letter of a 0-based index, cached. */
function letter(c: number): string {
  return (LETTERS[c] ??= shiftColumn("A", c));
}

/** Writes cells into sheet XML text, row by row (cells in column order). */
class RowWriter {
  private parts: string[] = [];
  private size = 0;
  private readonly chunks: Uint8Array[] = [];
  private readonly encoder = new TextEncoder();
  constructor(private readonly strings: SharedStrings) {}
  private push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    // encode as we go: a big sheet never sits in memory as one long string
    if (this.size > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.parts.length === 0) return;
    this.chunks.push(this.encoder.encode(this.parts.join("")));
    this.parts = [];
    this.size = 0;
  }
  row(r: number, cells: readonly (CellSpec | undefined)[], height?: number): void {
    const ht = height ? ` ht="${height}" customHeight="1"` : "";
    let body = "";
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell) body += this.cell(letter(c) + r, cell.value, cell.style, cell.formula);
    }
    if (body === "" && !ht) return;
    this.push(`<row r="${r}"${ht}>${body}</row>`);
  }
  /** A data row: values, styles and formulas by column (no object per cell). */
  rowValues(
    r: number,
    values: readonly OutValue[],
    styles: readonly (number | undefined)[],
    formulas: readonly (string | undefined)[],
  ): void {
    let body = "";
    for (let c = 0; c < values.length; c++)
      body += this.cell(letter(c) + r, values[c], styles[c], formulas[c]);
    if (body !== "") this.push(`<row r="${r}">${body}</row>`);
  }
  private cell(ref: string, v: OutValue, style: number | undefined, formula: string | undefined): string {
    const s = style ? ` s="${style}"` : "";
    if (formula !== undefined) {
      const f = `<f>${escapeXml(formula)}</f>`;
      if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}"${s}>${f}<v>${v}</v></c>`;
      if (typeof v === "string") return `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(v)}</v></c>`;
      return `<c r="${ref}"${s}>${f}</c>`;
    }
    if (v === null || v === undefined || v === "") return "";
    if (typeof v === "number") return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : "";
    if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
    if (typeof v === "object") return `<c r="${ref}"${s} t="e"><v>${escapeXml(v.error)}</v></c>`;
    return `<c r="${ref}"${s} t="s"><v>${this.strings.id(v)}</v></c>`;
  }
  /** The sheet XML: head, the rows written, tail. */
  bytes(head: string, tail: string): Uint8Array {
    this.flush();
    const all = [this.encoder.encode(head), ...this.chunks, this.encoder.encode(tail)];
    const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of all) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function sheetXml(sheet: SheetSpec, strings: SharedStrings, selected: boolean): Uint8Array {
  const writer = new RowWriter(strings);
  sheet.rows(writer);
  const dim = `A1:${shiftColumn("A", Math.max(0, sheet.lastCol - 1))}${Math.max(1, sheet.lastRow)}`;
  const pane = sheet.frozenHeader
    ? `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`
    : "";
  const cols = sheet.widths.length
    ? `<cols>${sheet.widths
        .map(
          (w) =>
            `<col min="${w.col}" max="${w.col}" width="${w.width}" customWidth="1"${w.style ? ` style="${w.style}"` : ""}/>`,
        )
        .join("")}</cols>`
    : "";
  const cf = sheet.requiredBlank
    .map((ref, i) => {
      const first = ref.split(":")[0];
      return `<conditionalFormatting sqref="${ref}"><cfRule type="expression" dxfId="0" priority="${i + 1}"><formula>LEN(TRIM(${first}))=0</formula></cfRule></conditionalFormatting>`;
    })
    .join("");
  const dv = sheet.validations.length
    ? `<dataValidations count="${sheet.validations.length}">${sheet.validations
        .map((v) => {
          const a = attrs({
            type: v.type,
            operator: v.operator,
            allowBlank: 1,
            showInputMessage: v.prompt ? 1 : undefined,
            showErrorMessage: v.type ? 1 : undefined,
            errorTitle: v.errorTitle,
            error: v.error,
            promptTitle: v.promptTitle,
            prompt: v.prompt,
            sqref: v.sqref,
          });
          const f1 = v.formula1 !== undefined ? `<formula1>${escapeXml(v.formula1)}</formula1>` : "";
          const f2 = v.formula2 !== undefined ? `<formula2>${escapeXml(v.formula2)}</formula2>` : "";
          return `<dataValidation${a}>${f1}${f2}</dataValidation>`;
        })
        .join("")}</dataValidations>`
    : "";
  const parts = sheet.table ? `<tableParts count="1"><tablePart r:id="rId1"/></tableParts>` : "";
  const head =
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="${dim}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ""}>${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    cols +
    `<sheetData>`;
  const tail =
    `</sheetData>` +
    cf +
    dv +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    parts +
    `</worksheet>`;
  return writer.bytes(head, tail);
}

/** [@[Meetings per year]] → Representation[[#This Row],[Meetings per year]] (the form files store). */
export function storedRowFormula(table: TableSpec, formula: string): string {
  return formula
    .replace(/^=/, "")
    .replace(/\[@\[([^\]]+)\]\]/g, (_m, header: string) => `${table.name}[[#This Row],[${header}]]`);
}

function tableXml(table: { spec: TableSpec; ref: string; id: number }): string {
  const cols = table.spec.columns
    .map((c, i) => {
      const formula =
        c.kind === "calculated" && c.formula
          ? `<calculatedColumnFormula>${escapeXml(storedRowFormula(table.spec, c.formula))}</calculatedColumnFormula>`
          : "";
      return formula
        ? `<tableColumn id="${i + 1}" name="${escapeXml(c.header)}">${formula}</tableColumn>`
        : `<tableColumn id="${i + 1}" name="${escapeXml(c.header)}"/>`;
    })
    .join("");
  return (
    XML_HEAD +
    `<table xmlns="${NS_MAIN}" id="${table.id}" name="${table.spec.name}" displayName="${table.spec.name}" ref="${table.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${table.ref}"/>` +
    `<tableColumns count="${table.spec.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}

/** `'Partner survey'!$A$1` — sheet names with spaces or punctuation are quoted. */
export function sheetRef(sheet: string, ref: string): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${ref}`;
}

function columnValidation(column: ColumnSpec, sqref: string): ValidationSpec {
  const prompt = column.help.slice(0, 255);
  const promptTitle = column.header.slice(0, 32);
  const base = { sqref, prompt, promptTitle };
  const list = column.list ? LISTS.find((l) => l.key === column.list) : undefined;
  if (column.kind === "list" && list) {
    return {
      ...base,
      type: "list",
      formula1: list.rangeName,
      errorTitle: promptTitle,
      error: `Pick a value from the list (${list.header} on the Lists sheet).`,
    };
  }
  if (column.kind === "number" || column.kind === "year" || column.kind === "rating") {
    const max = column.max === "currentYear" ? "YEAR(TODAY())" : column.max;
    const what = column.integer ? "a whole number" : "a number";
    const type = column.integer ? ("whole" as const) : ("decimal" as const);
    if (column.min !== undefined && max !== undefined) {
      const shown = column.max === "currentYear" ? "this year" : String(max);
      return {
        ...base,
        type,
        operator: "between",
        formula1: String(column.min),
        formula2: String(max),
        errorTitle: promptTitle,
        error: `Enter ${what} from ${column.min} to ${shown}.`,
      };
    }
    if (column.min !== undefined) {
      return {
        ...base,
        type,
        operator: "greaterThanOrEqual",
        formula1: String(column.min),
        errorTitle: promptTitle,
        error: `Enter ${what} of ${column.min} or more.`,
      };
    }
  }
  // text, multi-select (several values cannot be validated by Excel: the check does it), calculated
  return base;
}

function tableSheet(spec: TableSpec, append: TableAppend | undefined, id: number): SheetSpec {
  const index = new Map((append?.columns ?? []).map((key, i) => [key, i]));
  const positions = spec.columns.map((c) => index.get(c.key));
  const formulas = spec.columns.map((c) =>
    c.kind === "calculated" && c.formula ? storedRowFormula(spec, c.formula) : undefined,
  );
  const textual = spec.columns.map((c) => c.kind === "text" || c.kind === "list" || c.kind === "multi");
  const source = append?.rows ?? [];
  const bodyRows = Math.max(1, source.length);
  const last = 1 + bodyRows;
  const lastLetter = shiftColumn("A", spec.columns.length - 1);
  const validations: ValidationSpec[] = [];
  const requiredBlank: string[] = [];
  spec.columns.forEach((column, c) => {
    const letter = shiftColumn("A", c);
    const sqref = `${letter}2:${letter}${last}`;
    validations.push(columnValidation(column, sqref));
    if (column.required) requiredBlank.push(sqref);
  });
  return {
    name: spec.sheet,
    widths: spec.columns.map((c, i) => ({
      col: i + 1,
      width: c.width,
      style: textual[i] ? STYLE.text : undefined,
    })),
    frozenHeader: true,
    headerHeight: 32,
    validations,
    requiredBlank,
    table: { spec, ref: `A1:${lastLetter}${last}`, id },
    lastRow: last,
    lastCol: spec.columns.length,
    rows: (out) => {
      out.row(
        1,
        spec.columns.map((c) => ({ value: c.header, style: STYLE.header })),
        32,
      );
      if (source.length === 0) {
        out.row(
          2,
          spec.columns.map((_c, i) => (formulas[i] ? { formula: formulas[i] } : undefined)),
        );
        return;
      }
      const width = spec.columns.length;
      const values: OutValue[] = new Array<OutValue>(width);
      const styles: (number | undefined)[] = new Array<number | undefined>(width);
      for (let r = 0; r < source.length; r++) {
        const row = source[r];
        for (let c = 0; c < width; c++) {
          const i = positions[c];
          const v = i === undefined ? null : row[i];
          values[c] = formulas[c] && typeof v !== "number" ? undefined : v;
          styles[c] = textual[c] && typeof v === "string" ? STYLE.text : undefined;
        }
        out.rowValues(r + 2, values, styles, formulas);
      }
    },
  };
}

function settingsSheet(content: AuditWorkbookContent, names: { name: string; formula: string }[]): SheetSpec {
  const validations: ValidationSpec[] = [];
  SETTINGS.forEach((spec, i) => {
    const r = SETTINGS_LAYOUT.firstRow + i;
    names.push({ name: spec.name, formula: sheetRef(SHEETS.settings, `$B$${r}`) });
    if (spec.kind === "number" && spec.min !== undefined && spec.max !== undefined) {
      validations.push({
        sqref: `B${r}`,
        type: "decimal",
        operator: "between",
        formula1: String(spec.min),
        formula2: String(spec.max),
        errorTitle: spec.label,
        error: `Enter a number from ${spec.min} to ${spec.max}.`,
        prompt: spec.help.slice(0, 255),
        promptTitle: spec.label,
      });
    } else validations.push({ sqref: `B${r}`, prompt: spec.help.slice(0, 255), promptTitle: spec.label });
  });
  return {
    name: SHEETS.settings,
    widths: [
      { col: 1, width: 20 },
      { col: 2, width: 24 },
      { col: 3, width: 80 },
    ],
    frozenHeader: false,
    validations,
    requiredBlank: [],
    lastRow: SETTINGS_LAYOUT.firstRow + SETTINGS.length - 1,
    lastCol: 3,
    rows: (out) => {
      out.row(
        1,
        SETTINGS_LAYOUT.headers.map((h) => ({ value: h, style: STYLE.header })),
      );
      SETTINGS.forEach((spec, i) => {
        const given = spec.key === "schemaVersion" ? SCHEMA_VERSION : content.settings?.[spec.key];
        const raw = given ?? spec.default;
        const value = spec.kind === "number" ? (typeof raw === "number" ? raw : Number(raw)) : String(raw);
        out.row(SETTINGS_LAYOUT.firstRow + i, [
          { value: spec.label, style: STYLE.bold },
          { value, style: spec.kind === "text" ? STYLE.text : undefined },
          { value: spec.help },
        ]);
      });
    },
  };
}

function guideSheet(): SheetSpec {
  return {
    name: SHEETS.guide,
    widths: [{ col: 1, width: 120 }],
    validations: [],
    requiredBlank: [],
    lastRow: GUIDE_LINES.length,
    lastCol: 1,
    rows: (out) => {
      GUIDE_LINES.forEach((line, i) =>
        out.row(i + 1, [{ value: line, style: i === 0 ? STYLE.title : STYLE.wrapTop }]),
      );
    },
  };
}

function listsSheet(content: AuditWorkbookContent, names: { name: string; formula: string }[]): SheetSpec {
  const columns: ({ header: string; values: readonly string[] } | undefined)[] = LISTS.map((spec) => ({
    header: spec.header,
    values: content.lists?.[spec.key] ?? spec.values,
  }));
  columns.push(undefined);
  const dynamicName = (c: number): string => {
    const letter = shiftColumn("A", c);
    return `${sheetRef(SHEETS.lists, `$${letter}$2`)}:INDEX(${sheetRef(SHEETS.lists, `$${letter}:$${letter}`)},MAX(2,COUNTA(${sheetRef(
      SHEETS.lists,
      `$${letter}$1:$${letter}$${LIST_CAPACITY + 1}`,
    )})))`;
  };
  LISTS.forEach((spec, c) => names.push({ name: spec.rangeName, formula: dynamicName(c) }));
  const dirStart = LISTS.length + 1; // an empty column between the vocabularies and the directory
  const directory = content.directory ?? [];
  DIRECTORY.headers.forEach((h, i) => columns.push({ header: h, values: directory.map((row) => row[i]) }));
  names.push({ name: DIRECTORY.rangeName, formula: dynamicName(dirStart) });
  const longest = Math.max(0, ...columns.map((c) => c?.values.length ?? 0));
  return {
    name: SHEETS.lists,
    widths: columns.map((c, i) => ({
      col: i + 1,
      width: c ? Math.min(60, Math.max(14, ...c.values.map((v) => v.length + 2), c.header.length + 2)) : 3,
    })),
    validations: [],
    requiredBlank: [],
    lastRow: 1 + longest,
    lastCol: columns.length,
    rows: (out) => {
      out.row(
        1,
        columns.map((c) => (c ? { value: c.header, style: STYLE.header } : undefined)),
      );
      for (let r = 0; r < longest; r++)
        out.row(
          r + 2,
          columns.map((c) => (c && r < c.values.length ? { value: c.values[r] } : undefined)),
        );
    },
  };
}

function columnNumber(letter: string): number {
  return columnIndex(letter) + 1;
}

function summarySheet(content: AuditWorkbookContent): SheetSpec {
  const layout = SUMMARY_LAYOUT;
  const grid = new Map<number, Map<number, CellSpec>>();
  const put = (address: string, cell: CellSpec): void => {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) return;
    const r = Number(m[2]);
    const row = grid.get(r) ?? new Map<number, CellSpec>();
    row.set(columnNumber(m[1]) - 1, cell);
    grid.set(r, row);
  };
  const styleOf: Record<string, number> = {
    title: STYLE.title,
    subtitle: STYLE.subtitle,
    heading: STYLE.heading,
    label: STYLE.normal,
    header: STYLE.header,
    number: STYLE.normal,
    ratio: STYLE.percent,
  };
  const values = content.summary;
  const region = String(content.settings?.region ?? "");
  const district = String(content.settings?.district ?? "");
  const round = String(content.settings?.auditRound ?? "");
  const blockStart = new Map(layout.blocks.map((b) => [`${b.column}6`, b]));
  for (const cell of layout.cells) {
    const style = styleOf[cell.style] ?? STYLE.normal;
    if (cell.value !== undefined) put(cell.address, { value: cell.value, style });
    else if (cell.address === "A2" && cell.formula) {
      put(cell.address, {
        formula: cell.formula.replace(/^=/, ""),
        value: `Region: ${region}   District: ${district === "" ? "(all)" : district}   Audit round: ${round}`,
        style,
      });
    } else if (blockStart.has(cell.address)) {
      const block = blockStart.get(cell.address);
      if (!block) continue;
      const rows = values?.blocks[block.key] ?? [];
      if (rows.length === 0) put(cell.address, { value: "no data yet", style: STYLE.subtitle });
      const first = columnNumber(block.column);
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          const fmt = block.numberFormats[c];
          put(`${shiftColumn("A", first - 1 + c)}${6 + r}`, {
            value: v,
            style: fmt ? NUMBER_FORMAT_STYLE[fmt] : undefined,
          });
        }),
      );
    } else {
      const v = values?.cells[cell.address];
      put(cell.address, {
        // A headline whose formula takes whole columns only (no array expression such as
        // IF(District="",AuditDistrict,District), which a file would load as implicit
        // intersection) is written as the formula a user types, with the core's figure as its
        // cached value: readers that do not recalculate see the figure, and Excel with the
        // add-in recalculates it. The pane's set-up rewrites every Summary formula anyway.
        formula: cell.formula && !/IF\(\w+\[/.test(cell.formula) ? cell.formula.replace(/^=/, "") : undefined,
        value: v === undefined ? "no data yet" : v,
        style: cell.numberFormat ? NUMBER_FORMAT_STYLE[cell.numberFormat] : undefined,
      });
    }
  }
  put("A3", {
    value:
      "Written by the partnership-audit command-line tool: figures are the values it computed. Open the Partnership audit pane and run Set up to make every figure a live AUDIT formula and add the charts.",
    style: STYLE.subtitle,
  });
  const rowsSorted = [...grid.keys()].sort((a, b) => a - b);
  const lastCol = Math.max(...[...grid.values()].flatMap((m) => [...m.keys()])) + 1;
  return {
    name: SHEETS.summary,
    widths: Object.entries(layout.widths)
      .map(([letter, width]) => ({ col: columnNumber(letter), width }))
      .sort((a, b) => a.col - b.col),
    validations: [],
    requiredBlank: [],
    lastRow: rowsSorted[rowsSorted.length - 1] ?? 1,
    lastCol,
    rows: (out) => {
      for (const r of rowsSorted) {
        const row = grid.get(r);
        if (!row) continue;
        const cells: (CellSpec | undefined)[] = [];
        for (const [c, cell] of row) cells[c] = cell;
        out.row(r, cells);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** Build an audit workbook (template, district return or regional workbook) and return its bytes. */
export async function writeAuditWorkbook(
  content: AuditWorkbookContent = {},
  options: WriteOptions = {},
): Promise<Uint8Array> {
  const names: { name: string; formula: string }[] = [];
  const sheets: SheetSpec[] = [];
  let tableId = 0;
  for (const sheet of SHEET_ORDER) {
    if (sheet === SHEETS.guide) sheets.push(guideSheet());
    else if (sheet === SHEETS.settings) sheets.push(settingsSheet(content, names));
    else if (sheet === SHEETS.summary) sheets.push(summarySheet(content));
    else if (sheet === SHEETS.lists) sheets.push(listsSheet(content, names));
    else {
      const spec = TABLES.find((t) => t.sheet === sheet);
      if (spec)
        sheets.push(
          tableSheet(
            spec,
            content.tables?.find((t) => t.table === spec.name),
            ++tableId,
          ),
        );
    }
  }
  const strings = new SharedStrings();
  const encoder = new TextEncoder();
  const files: { name: string; data: Uint8Array }[] = [];
  const add = (name: string, xml: string): void => {
    files.push({ name, data: encoder.encode(xml) });
  };
  const overrides: string[] = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`,
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
    `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`,
  ];
  const workbookRels: string[] = [];
  const sheetEntries: string[] = [];
  const sheetFiles: { name: string; data: Uint8Array }[] = [];
  sheets.forEach((sheet, i) => {
    const n = i + 1;
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    workbookRels.push(
      `<Relationship Id="rId${n}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`,
    );
    sheetEntries.push(`<sheet name="${escapeXml(sheet.name)}" sheetId="${n}" r:id="rId${n}"/>`);
    sheetFiles.push({ name: `xl/worksheets/sheet${n}.xml`, data: sheetXml(sheet, strings, i === 0) });
    if (sheet.table) {
      overrides.push(
        `<Override PartName="/xl/tables/table${sheet.table.id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`,
      );
      sheetFiles.push({
        name: `xl/worksheets/_rels/sheet${n}.xml.rels`,
        data: encoder.encode(
          XML_HEAD +
            `<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/table" Target="../tables/table${sheet.table.id}.xml"/></Relationships>`,
        ),
      });
      sheetFiles.push({
        name: `xl/tables/table${sheet.table.id}.xml`,
        data: encoder.encode(tableXml(sheet.table)),
      });
    }
  });
  const n = sheets.length;
  workbookRels.push(`<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`);
  workbookRels.push(
    `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`,
  );
  const definedNames = [...names]
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1))
    .map((d) => `<definedName name="${escapeXml(d.name)}">${escapeXml(d.formula)}</definedName>`)
    .join("");

  add(
    "[Content_Types].xml",
    XML_HEAD +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      overrides.join("") +
      `</Types>`,
  );
  add(
    "_rels/.rels",
    XML_HEAD +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
      `</Relationships>`,
  );
  add(
    "docProps/core.xml",
    XML_HEAD +
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>Partnership Audit for Excel</dc:creator><dc:title>Partnership audit</dc:title></cp:coreProperties>`,
  );
  add(
    "docProps/app.xml",
    XML_HEAD +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Partnership Audit for Excel</Application></Properties>`,
  );
  add(
    "xl/workbook.xml",
    XML_HEAD +
      `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      `<workbookPr/>` +
      `<bookViews><workbookView activeTab="0"/></bookViews>` +
      `<sheets>${sheetEntries.join("")}</sheets>` +
      `<definedNames>${definedNames}</definedNames>` +
      `<calcPr calcId="191029" fullCalcOnLoad="1"/>` +
      `</workbook>`,
  );
  add(
    "xl/_rels/workbook.xml.rels",
    XML_HEAD + `<Relationships xmlns="${NS_PKG_REL}">${workbookRels.join("")}</Relationships>`,
  );
  add("xl/styles.xml", STYLES_XML);
  files.push(...sheetFiles);
  add("xl/sharedStrings.xml", strings.xml());
  return zipWrite(files, options.deflateRaw ?? platformDeflate);
}

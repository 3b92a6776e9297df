/**
 * Generic SpreadsheetML writing, for Node and the browser: sheets of cells with styles, formulas
 * with cached values (dynamic-array formulas too), column widths, frozen header rows, data
 * validation, conditional formats, Excel tables and workbook names, zipped into an .xlsx. It knows
 * nothing of the audit: ./write.ts renders the core's workbook spec with it.
 *
 * Rows stream into XML text chunk by chunk, and each chunk goes to the part's deflater as it is made
 * (with a stream codec, deflated there and then), so a big sheet never sits in memory as one long
 * string, nor raw at all. Text is always a shared-string cell: a value starting with = + - or @
 * stays text.
 */
import { columnLetter } from "../core/model/a1";
import { escapeXml } from "./xml-text";
import { PartWriter, platformDeflate, zipPacked, type Codec, type PackedPart, type StreamCodec } from "./zip";

export { escapeXml };

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function attrs(a: Readonly<Record<string, string | number | undefined>>): string {
  let out = "";
  for (const [k, v] of Object.entries(a)) if (v !== undefined) out += ` ${k}="${escapeXml(String(v))}"`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Styles: a registry of cell formats, built from what the cells ask for

/** What a cell looks like. */
export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** font size in points (default 11) */
  readonly size?: number;
  /** font colour, "#RRGGBB" */
  readonly color?: string;
  /** solid fill, "#RRGGBB" */
  readonly fill?: string;
  readonly numberFormat?: string;
  readonly wrap?: boolean;
  readonly verticalTop?: boolean;
}

/** Built-in number formats Excel knows by id (ECMA-376 Part 1, 18.8.30). */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

function argb(color: string): string {
  return `FF${color.replace(/^#/, "").toUpperCase()}`;
}

/** The styles part, with a cell format per distinct CellStyle asked for. */
export class StyleSheet {
  private readonly fonts: string[] = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private readonly fills: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly numFmts: { id: number; code: string }[] = [];
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byKey = new Map<string, number>();
  private readonly dxfs: string[] = [];

  /** The cell format id of a style (0 for the default). */
  id(style: CellStyle | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify(style);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const fontXml =
      `<font>${style.bold ? "<b/>" : ""}${style.italic ? "<i/>" : ""}<sz val="${style.size ?? 11}"/>` +
      `${style.color ? `<color rgb="${argb(style.color)}"/>` : ""}<name val="Calibri"/><family val="2"/></font>`;
    const fontId = this.intern(this.fonts, fontXml);
    const fillId = style.fill
      ? this.intern(
          this.fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    const numFmtId = style.numberFormat ? this.formatId(style.numberFormat) : 0;
    const align =
      style.wrap || style.verticalTop
        ? `<alignment${style.verticalTop ? ' vertical="top"' : ' vertical="center"'}${style.wrap ? ' wrapText="1"' : ""}/>`
        : "";
    const xf =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ""}${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}` +
      (align ? ` applyAlignment="1">${align}</xf>` : "/>");
    const id = this.xfs.length;
    this.xfs.push(xf);
    this.byKey.set(key, id);
    return id;
  }

  /** A differential format (for conditional formatting) filling the cell; its dxf id. */
  fillDxf(color: string): number {
    return this.intern(
      this.dxfs,
      `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${argb(color)}"/></patternFill></fill></dxf>`,
    );
  }

  private intern(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    if (i >= 0) return i;
    list.push(xml);
    return list.length - 1;
  }

  private formatId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = this.numFmts.find((f) => f.code === code);
    if (known) return known.id;
    const id = 164 + this.numFmts.length;
    this.numFmts.push({ id, code });
    return id;
  }

  xml(defaultTableStyle: string): string {
    const numFmts = this.numFmts.length
      ? `<numFmts count="${this.numFmts.length}">${this.numFmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${escapeXml(f.code)}"/>`).join("")}</numFmts>`
      : "";
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS_MAIN}">` +
      numFmts +
      `<fonts count="${this.fonts.length}">${this.fonts.join("")}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join("")}</fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join("")}</dxfs>` +
      `<tableStyles count="0" defaultTableStyle="${escapeXml(defaultTableStyle)}" defaultPivotStyle="PivotStyleLight16"/>` +
      `</styleSheet>`
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Cells and rows

/** A value as a cell holds it. */
export type OutValue = string | number | boolean | null | undefined | { readonly error: string };

/** One cell to write. */
export interface CellSpec {
  /** the value, or a formula's cached result */
  readonly value?: OutValue;
  /** a formula as stored in a file (no "="), with `value` as its cached result */
  readonly formula?: string;
  /**
   * A dynamic-array formula (Excel 365's spill): the range its result fills, e.g. "E6:G9" (the
   * anchor alone when it gives one value). The other cells of the range are written as plain values.
   */
  readonly spill?: string;
  /** cell format id from the StyleSheet */
  readonly style?: number;
}

class SharedStrings {
  /** text → its index; a Map keeps insertion order, so its keys are the strings in index order */
  private readonly index = new Map<string, number>();
  count = 0;
  id(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    return i;
  }
  /** The shared strings part, written chunk by chunk into `out`. */
  async write(out: TextSink): Promise<void> {
    await out.text(XML_HEAD);
    await out.text(`<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.index.size}">`);
    for (const s of this.index.keys()) {
      const space = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : "";
      const pending = out.text(`<si><t${space}>${escapeXml(s)}</t></si>`);
      if (pending) await pending;
    }
    await out.text("</sst>");
  }
}

/**
 * XML text into a part: gathered into chunks of about 1 MB, each encoded and handed to the part's
 * writer (its deflater). `text` returns a promise when the deflater asks the caller to wait.
 */
class TextSink {
  private parts: string[] = [];
  private size = 0;
  private readonly encoder = new TextEncoder();
  constructor(private readonly part: PartWriter) {}
  text(text: string): void | Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) return this.flush();
  }
  flush(): void | Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.encoder.encode(this.parts.length === 1 ? this.parts[0] : this.parts.join(""));
    this.parts = [];
    this.size = 0;
    return this.part.write(chunk);
  }
  /** Everything written: the part, deflated. */
  async end(): Promise<PackedPart> {
    await this.flush();
    return this.part.end();
  }
}

const LETTERS: string[] = [];

/** Column letter of a 0-based index, cached. */
function letter(c: number): string {
  return (LETTERS[c] ??= columnLetter(c));
}

/**
 * Writes cells into sheet XML text, row by row (cells in column order). The text goes to the
 * sheet's part as it is made: a caller writing many rows awaits `ready()` now and then, so that
 * the deflater keeps up (see TextSink).
 */
class RowWriter {
  /** what the part's deflater asked the writer to wait for, if anything */
  private waiting: Promise<void> | undefined;
  /** a dynamic-array formula was written (the workbook then needs its metadata part) */
  usedDynamicArrays = false;
  constructor(
    private readonly strings: SharedStrings,
    private readonly sink: TextSink,
  ) {}
  private push(text: string): void {
    const pending = this.sink.text(text);
    if (pending) this.waiting = this.waiting ? this.waiting.then(() => pending) : pending;
  }
  /** Resolves when the part's deflater has taken what was written (undefined when it has already). */
  ready(): Promise<void> | undefined {
    const waiting = this.waiting;
    this.waiting = undefined;
    return waiting;
  }
  /** A row of cells (sparse: undefined cells are skipped); r is the 1-based row. */
  row(r: number, cells: readonly (CellSpec | undefined)[], height?: number): void {
    const ht = height ? ` ht="${height}" customHeight="1"` : "";
    let body = "";
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell) body += this.cell(letter(c) + r, cell.value, cell.style, cell.formula, cell.spill);
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
    const n = Math.max(values.length, formulas.length);
    for (let c = 0; c < n; c++)
      body += this.cell(letter(c) + r, values[c], styles[c], formulas[c], undefined);
    if (body !== "") this.push(`<row r="${r}">${body}</row>`);
  }
  private cell(
    ref: string,
    v: OutValue,
    style: number | undefined,
    formula: string | undefined,
    spill: string | undefined,
  ): string {
    const s = style ? ` s="${style}"` : "";
    if (formula !== undefined) {
      // A dynamic-array formula: cm="1" points at the XLDAPR cell metadata (see metadataXml).
      let cm = "";
      let f = `<f>${escapeXml(formula)}</f>`;
      if (spill !== undefined) {
        this.usedDynamicArrays = true;
        cm = ' cm="1"';
        f = `<f t="array" ref="${spill}">${escapeXml(formula)}</f>`;
      }
      if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}"${s}${cm}>${f}<v>${v}</v></c>`;
      if (typeof v === "string") return `<c r="${ref}"${s}${cm} t="str">${f}<v>${escapeXml(v)}</v></c>`;
      if (typeof v === "boolean") return `<c r="${ref}"${s}${cm} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
      if (typeof v === "object" && v !== null)
        return `<c r="${ref}"${s}${cm} t="e">${f}<v>${escapeXml(v.error)}</v></c>`;
      return `<c r="${ref}"${s}${cm}>${f}</c>`;
    }
    if (v === null || v === undefined || v === "") return style ? `<c r="${ref}"${s}/>` : "";
    if (typeof v === "number") return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : "";
    if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
    if (typeof v === "object") return `<c r="${ref}"${s} t="e"><v>${escapeXml(v.error)}</v></c>`;
    return `<c r="${ref}"${s} t="s"><v>${this.strings.id(v)}</v></c>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Sheets

/** A data validation, in SpreadsheetML terms (formulas without "="). */
export interface ValidationXml {
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

/** A conditional format: an expression (no "=") relative to the range's top-left cell. */
interface ConditionalFormatXml {
  readonly sqref: string;
  readonly formula: string;
  readonly dxfId: number;
}

/** An Excel table on a sheet. */
interface TableXml {
  readonly name: string;
  readonly ref: string;
  readonly style: string;
  readonly columns: readonly { readonly name: string; readonly calculatedFormula?: string }[];
}

export interface SheetXml {
  readonly name: string;
  readonly widths: readonly { readonly col: number; readonly width: number; readonly style?: number }[];
  /** rows frozen at the top (the header row) */
  readonly frozenRows?: number;
  readonly validations: readonly ValidationXml[];
  readonly conditionalFormats: readonly ConditionalFormatXml[];
  readonly table?: TableXml;
  /**
   * Writes the <row> elements, in row order; one that writes many rows is async and awaits
   * `out.ready()` between rows (see RowWriter).
   */
  readonly rows: (out: RowWriter) => void | Promise<void>;
  readonly lastRow: number;
  readonly lastCol: number;
}

/** The sheet part: its head, the rows, its tail, written into `sink`. */
async function writeSheet(
  sheet: SheetXml,
  writer: RowWriter,
  sink: TextSink,
  selected: boolean,
): Promise<void> {
  const dim = `A1:${letter(Math.max(0, sheet.lastCol - 1))}${Math.max(1, sheet.lastRow)}`;
  const frozen = sheet.frozenRows ?? 0;
  const pane = frozen
    ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>`
    : "";
  const cols = sheet.widths.length
    ? `<cols>${sheet.widths
        .map(
          (w) =>
            `<col min="${w.col}" max="${w.col}" width="${w.width}" customWidth="1"${w.style ? ` style="${w.style}"` : ""}/>`,
        )
        .join("")}</cols>`
    : "";
  const cf = sheet.conditionalFormats
    .map(
      (c, i) =>
        `<conditionalFormatting sqref="${c.sqref}"><cfRule type="expression" dxfId="${c.dxfId}" priority="${i + 1}"><formula>${escapeXml(c.formula)}</formula></cfRule></conditionalFormatting>`,
    )
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
  await sink.text(head);
  await sheet.rows(writer);
  await writer.ready();
  const tail =
    `</sheetData>` +
    cf +
    dv +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    parts +
    `</worksheet>`;
  await sink.text(tail);
}

function tableXml(table: TableXml, id: number): string {
  const cols = table.columns
    .map((c, i) =>
      c.calculatedFormula
        ? `<tableColumn id="${i + 1}" name="${escapeXml(c.name)}"><calculatedColumnFormula>${escapeXml(c.calculatedFormula)}</calculatedColumnFormula></tableColumn>`
        : `<tableColumn id="${i + 1}" name="${escapeXml(c.name)}"/>`,
    )
    .join("");
  return (
    XML_HEAD +
    `<table xmlns="${NS_MAIN}" id="${id}" name="${escapeXml(table.name)}" displayName="${escapeXml(table.name)}" ref="${table.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${table.ref}"/>` +
    `<tableColumns count="${table.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${escapeXml(table.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}

/**
 * The cell metadata that marks a formula as a dynamic array (Excel 365 spills it rather than
 * loading it with implicit intersection): the XLDAPR type, referenced by cm="1" on the cell
 * ([MS-XLSX] 2.3.3 dynamicArrayProperties; the form Excel itself saves).
 */
const METADATA_XML =
  XML_HEAD +
  `<metadata xmlns="${NS_MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">` +
  `<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>` +
  `<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>` +
  `<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>` +
  `</metadata>`;

/**
 * The calculation engine id Excel 365 records (calcPr calcId). A file whose calcId is older than
 * Excel's engine is fully recalculated on open (ECMA-376 Part 1, 18.2.2 calcPr: "When you open a
 * workbook that was created in an earlier version of the application, all the formulas … are
 * recalculated"), which in an Excel without the add-in turns every AUDIT figure into #NAME?. The
 * file holds its figures as cached values instead, and asks for no full recalculation on load.
 */
const CALC_ID = 191029;

interface WorkbookXml {
  readonly sheets: readonly SheetXml[];
  readonly names: readonly { readonly name: string; readonly formula: string }[];
  readonly styles: StyleSheet;
  readonly defaultTableStyle: string;
  readonly title: string;
  readonly creator: string;
}

export interface WriteOptions {
  /** deflate a whole part (default: fflate's deflate) */
  readonly deflateRaw?: Codec;
  /**
   * Deflate each part as it is written, piece by piece (the CLI passes Node's zlib stream): the
   * writer then never holds a big sheet raw. Used instead of `deflateRaw` when given.
   */
  readonly deflateStream?: StreamCodec;
}

/** Zip a workbook's parts into .xlsx bytes. */
export async function writeWorkbook(book: WorkbookXml, options: WriteOptions = {}): Promise<Uint8Array> {
  const strings = new SharedStrings();
  const codec = { stream: options.deflateStream, whole: options.deflateRaw ?? platformDeflate };
  const packPart = async (name: string, xml: string): Promise<PackedPart> => {
    const sink = new TextSink(new PartWriter(name, codec));
    await sink.text(xml);
    return sink.end();
  };
  // the parts in the order they are zipped: the workbook's own parts, then each sheet (with its
  // table), then the shared strings; the sheets are written (and deflated) first, since what the
  // workbook's parts say depends on them (dynamic arrays used), and only their deflated bytes are kept
  const files: PackedPart[] = [];
  const add = async (name: string, xml: string): Promise<void> => {
    files.push(await packPart(name, xml));
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
  const sheetFiles: PackedPart[] = [];
  let tableId = 0;
  let dynamicArrays = false;
  for (const [i, sheet] of book.sheets.entries()) {
    const n = i + 1;
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    workbookRels.push(
      `<Relationship Id="rId${n}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`,
    );
    sheetEntries.push(`<sheet name="${escapeXml(sheet.name)}" sheetId="${n}" r:id="rId${n}"/>`);
    const sink = new TextSink(new PartWriter(`xl/worksheets/sheet${n}.xml`, codec));
    const writer = new RowWriter(strings, sink);
    await writeSheet(sheet, writer, sink, i === 0);
    sheetFiles.push(await sink.end());
    dynamicArrays ||= writer.usedDynamicArrays;
    if (sheet.table) {
      const id = ++tableId;
      overrides.push(
        `<Override PartName="/xl/tables/table${id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`,
      );
      sheetFiles.push(
        await packPart(
          `xl/worksheets/_rels/sheet${n}.xml.rels`,
          XML_HEAD +
            `<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/table" Target="../tables/table${id}.xml"/></Relationships>`,
        ),
      );
      sheetFiles.push(await packPart(`xl/tables/table${id}.xml`, tableXml(sheet.table, id)));
    }
  }
  const n = book.sheets.length;
  workbookRels.push(`<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`);
  workbookRels.push(
    `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`,
  );
  if (dynamicArrays) {
    workbookRels.push(
      `<Relationship Id="rId${n + 3}" Type="${NS_REL}/sheetMetadata" Target="metadata.xml"/>`,
    );
    overrides.push(
      `<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>`,
    );
  }
  const definedNames = [...book.names]
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1))
    .map(
      (d) =>
        `<definedName name="${escapeXml(d.name)}">${escapeXml(d.formula.replace(/^=/, ""))}</definedName>`,
    )
    .join("");

  await add(
    "[Content_Types].xml",
    XML_HEAD +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      overrides.join("") +
      `</Types>`,
  );
  await add(
    "_rels/.rels",
    XML_HEAD +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
      `</Relationships>`,
  );
  await add(
    "docProps/core.xml",
    XML_HEAD +
      `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${escapeXml(book.creator)}</dc:creator><dc:title>${escapeXml(book.title)}</dc:title></cp:coreProperties>`,
  );
  await add(
    "docProps/app.xml",
    XML_HEAD +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${escapeXml(book.creator)}</Application></Properties>`,
  );
  await add(
    "xl/workbook.xml",
    XML_HEAD +
      `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      `<workbookPr/>` +
      `<bookViews><workbookView activeTab="0"/></bookViews>` +
      `<sheets>${sheetEntries.join("")}</sheets>` +
      `<definedNames>${definedNames}</definedNames>` +
      `<calcPr calcId="${CALC_ID}"/>` +
      `</workbook>`,
  );
  await add(
    "xl/_rels/workbook.xml.rels",
    XML_HEAD + `<Relationships xmlns="${NS_PKG_REL}">${workbookRels.join("")}</Relationships>`,
  );
  await add("xl/styles.xml", book.styles.xml(book.defaultTableStyle));
  for (const part of sheetFiles) files.push(part);
  const sharedStrings = new TextSink(new PartWriter("xl/sharedStrings.xml", codec));
  await strings.write(sharedStrings);
  files.push(await sharedStrings.end());
  if (dynamicArrays) await add("xl/metadata.xml", METADATA_XML);
  return zipPacked(files);
}

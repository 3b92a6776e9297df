/**
 * The audit workbook as an .xlsx file (template, demo returns, the consolidated regional
 * workbook): a renderer of the core's workbook spec (src/core/workbook/spec) with no rule of its
 * own, written with the generic SpreadsheetML writer (./spreadsheetml). The pane's set-up renders
 * the same spec into the open workbook, so the two agree cell by cell
 * (test/xlsx/renderings.test.ts).
 *
 * - Tables are real Excel tables; validation, input messages, number formats and the required-cell
 *   highlight cover the table's rows (Excel extends them as the table grows; readers stay fast).
 * - Text is a shared-string cell, and text columns are formatted as text: a value starting with
 *   = + - or @ stays text, never a formula.
 * - Formulas are stored as Excel stores them: a custom-function call as `_xldudf_AUDIT_NAME(…)`
 *   (the form Excel saves a JavaScript custom function in; toolchain notes, office-js issues 2568
 *   and 5611), a this-row reference as `Table[[#This Row],[Column]]`, and a Summary formula as a
 *   dynamic array (so it spills instead of loading with implicit intersection). Every formula cell
 *   carries the value the core computes for it, and the file asks for no recalculation on load: an
 *   Excel without the add-in shows the figures the file holds.
 */
import { columnLetter, formatA1, parseA1 } from "../core/model/a1";
import {
  GRADE_COSTS,
  SCHEMA_VERSION,
  listSpec,
  type ListKey,
  type SettingKey,
} from "../core/model/blueprint";
import { appendsToReturn } from "../core/consolidation/consolidate";
import type { CellValue, GradeCost, TableAppend } from "../core/model/workbook-data";
import {
  BLOCK_FIRST_ROW,
  COLUMN_RULES,
  REQUIRED_FILL,
  TABLE_STYLE,
  gradeCostsLayout,
  WORKBOOK_SPEC,
  highlightFormula,
  listWidth,
  shiftColumn,
  summaryValues,
  type ColumnRule,
  type SummaryStyle,
  type SummaryValues,
  type TableLayout,
  type ValidationRule,
} from "../core/workbook/spec";
import {
  StyleSheet,
  writeWorkbook,
  type CellSpec,
  type CellStyle,
  type OutValue,
  type SheetXml,
  type ValidationXml,
  type WriteOptions,
} from "./spreadsheetml";

export type { WriteOptions };

export interface AuditWorkbookContent {
  readonly settings?: Readonly<Partial<Record<SettingKey, string | number>>>;
  /** data rows per table, cells in the order of `columns` (blueprint keys; other columns blank) */
  readonly tables?: readonly TableAppend[];
  /** vocabularies to write instead of the blueprint defaults */
  readonly lists?: Readonly<Partial<Record<ListKey, readonly string[]>>>;
  /** the regional partnership directory: [ID, name, level] rows */
  readonly directory?: readonly (readonly [string, string, string])[];
  /** the GradeCosts rows (grade, hourly cost); by default one per grade of the Grades list, not costed */
  readonly gradeCosts?: readonly GradeCost[];
  /** the Summary's figures; by default computed by the core from this content */
  readonly summary?: SummaryValues;
}

// ---------------------------------------------------------------------------------------------
// Formulas as a file stores them

/**
 * A formula as Excel shows it → as a file stores it: no "=", custom-function calls in Excel's
 * `_xldudf_` form (AUDIT.FTE( → _xldudf_AUDIT_FTE(), this-row references qualified with the table.
 */
// exported for tests
export function storedFormula(formula: string, table?: string): string {
  let f = formula.replace(/^=/, "").replace(/\bAUDIT\.([A-Z]+)\(/g, "_xldudf_AUDIT_$1(");
  if (table) f = f.replace(/\[@\[([^\]]+)\]\]/g, (_m, header: string) => `${table}[[#This Row],[${header}]]`);
  return f;
}

/** The spec's validation in SpreadsheetML terms (formulas without "="). */
function validationXml(
  sqref: string,
  rule: {
    validation?: ValidationRule;
    errorAlert?: { title: string; message: string };
    prompt: { title: string; message: string };
  },
): ValidationXml {
  const v = rule.validation;
  const base: ValidationXml = { sqref, promptTitle: rule.prompt.title, prompt: rule.prompt.message };
  if (!v) return base;
  const alert = rule.errorAlert ? { errorTitle: rule.errorAlert.title, error: rule.errorAlert.message } : {};
  if (v.type === "list") return { ...base, ...alert, type: "list", formula1: v.source.replace(/^=/, "") };
  return {
    ...base,
    ...alert,
    type: v.type,
    operator: v.operator,
    formula1: v.formula1.replace(/^=/, ""),
    ...(v.formula2 !== undefined ? { formula2: v.formula2.replace(/^=/, "") } : {}),
  };
}

const SUMMARY_STYLES: Readonly<Record<SummaryStyle, CellStyle | undefined>> = {
  title: { bold: true, size: 16 },
  heading: { bold: true, size: 12 },
  header: { bold: true, fill: "#DDEBF7" },
  subtitle: { italic: true, color: "#595959" },
  label: undefined,
  figure: undefined,
};

// ---------------------------------------------------------------------------------------------
// Sheets

function tableSheet(layout: TableLayout, append: TableAppend | undefined, styles: StyleSheet): SheetXml {
  const spec = layout.spec;
  const rules = layout.columns;
  const index = new Map((append?.columns ?? []).map((key, i) => [key, i]));
  const positions = rules.map((r) => index.get(r.key));
  const formulas = rules.map((r) => (r.formula ? storedFormula(r.formula, spec.name) : undefined));
  const formatStyles = rules.map((r) =>
    r.numberFormat ? styles.id({ numberFormat: r.numberFormat }) : undefined,
  );
  const source = append?.rows ?? [];
  const bodyRows = Math.max(1, source.length);
  const last = 1 + bodyRows;
  const lastLetter = columnLetter(rules.length - 1);
  const place = {
    firstLetter: "A",
    lastLetter,
    firstBodyRow: 2,
    calculatedColumns: rules.filter((r) => r.formula !== undefined).length,
  };
  const fill = styles.fillDxf(REQUIRED_FILL);
  const validations: ValidationXml[] = [];
  const conditionalFormats: { sqref: string; formula: string; dxfId: number }[] = [];
  rules.forEach((rule: ColumnRule, c) => {
    const letter = columnLetter(c);
    const sqref = formatA1({ r0: 1, c0: c, r1: last - 1, c1: c });
    validations.push(validationXml(sqref, rule));
    if (rule.highlightBlank)
      conditionalFormats.push({
        sqref,
        formula: highlightFormula(place, letter).replace(/^=/, ""),
        dxfId: fill,
      });
  });
  const headerStyle = styles.id({ bold: true, wrap: true });
  /** a calculated cell's cached value: its number, else the error Excel would show */
  const calculated = (v: CellValue | undefined): OutValue =>
    typeof v === "number" ? v : v === null || v === undefined ? 0 : { error: "#VALUE!" };
  return {
    name: layout.sheet,
    widths: rules.map((r, i) => ({ col: i + 1, width: r.width, style: formatStyles[i] })),
    frozenRows: 1,
    validations,
    conditionalFormats,
    table: {
      name: spec.name,
      ref: `A1:${lastLetter}${last}`,
      style: layout.style,
      columns: rules.map((r, i) => ({
        name: r.header,
        ...(formulas[i] ? { calculatedFormula: formulas[i] } : {}),
      })),
    },
    lastRow: last,
    lastCol: rules.length,
    rows: async (out) => {
      out.row(
        1,
        rules.map((r) => ({ value: r.header, style: headerStyle })),
        layout.headerRowHeight,
      );
      const width = rules.length;
      if (source.length === 0) {
        // The empty body row Excel needs: every calculated cell holds its formula and the value
        // Excel computes for a blank row (a formula cell always carries its cached value). A
        // program that fills the row without calculating leaves that 0 stale: the return reader
        // then takes Annual hours from the row's inputs (src/core/returns/read-return.ts).
        out.rowValues(
          2,
          formulas.map((f) => (f ? calculated(null) : null)),
          formatStyles,
          formulas,
        );
        return;
      }
      const values: OutValue[] = new Array<OutValue>(width);
      for (let r = 0; r < source.length; r++) {
        const row = source[r];
        for (let c = 0; c < width; c++) {
          const i = positions[c];
          const v = i === undefined ? null : row[i];
          values[c] = formulas[c] ? calculated(v) : v;
        }
        out.rowValues(r + 2, values, formatStyles, formulas);
        // let the deflater keep up (a row is a few hundred bytes; it asks to wait every few MB)
        const waiting = out.ready();
        if (waiting) await waiting;
      }
    },
  };
}

/** The GradeCosts rows to write: as given, else one per grade of the Grades list, not costed. */
function gradeCostsOf(content: AuditWorkbookContent): readonly GradeCost[] {
  const grades = content.lists?.grades ?? listSpec("grades").values;
  return content.gradeCosts ?? grades.map((grade) => ({ grade, cost: null }));
}

function settingsSheet(content: AuditWorkbookContent, styles: StyleSheet): SheetXml {
  const spec = WORKBOOK_SPEC.settings;
  const bold = styles.id({ bold: true });
  const lastSetting = spec.rows[spec.rows.length - 1].row;
  // GradeCosts beside the settings: one row per grade (the workbook's Grades list, else the
  // defaults; or the regional costs taken from the returns), costs blank when not costed
  const costs = gradeCostsOf(content);
  const layout = gradeCostsLayout(
    costs.map((c) => c.grade),
    GRADE_COSTS.column,
  );
  const area = parseA1(layout.address);
  const rules = COLUMN_RULES[GRADE_COSTS.name];
  const place = {
    firstLetter: columnLetter(area.c0),
    lastLetter: columnLetter(area.c1),
    firstBodyRow: 2,
    calculatedColumns: 0,
  };
  const fill = styles.fillDxf(REQUIRED_FILL);
  const formatStyles = rules.map((r) =>
    r.numberFormat ? styles.id({ numberFormat: r.numberFormat }) : undefined,
  );
  const validations: ValidationXml[] = spec.rows.map((r) => validationXml(`B${r.row}`, r.rule));
  const conditionalFormats: { sqref: string; formula: string; dxfId: number }[] = [];
  rules.forEach((rule, i) => {
    const c = area.c0 + i;
    const sqref = formatA1({ r0: 1, c0: c, r1: area.r1, c1: c });
    validations.push(validationXml(sqref, rule));
    if (rule.highlightBlank)
      conditionalFormats.push({
        sqref,
        formula: highlightFormula(place, columnLetter(c)).replace(/^=/, ""),
        dxfId: fill,
      });
  });
  const widths = Object.entries({ ...spec.widths, ...layout.widths }).map(([letter, width]) => ({
    col: parseA1(`${letter}1`).c0 + 1,
    width,
  }));
  return {
    name: spec.sheet,
    widths: widths.sort((a, b) => a.col - b.col),
    validations,
    conditionalFormats,
    table: {
      name: GRADE_COSTS.name,
      ref: layout.address,
      style: TABLE_STYLE,
      columns: rules.map((r) => ({ name: r.header })),
    },
    lastRow: Math.max(lastSetting, area.r1 + 1),
    lastCol: area.c1 + 1,
    rows: (out) => {
      const rowsOut = new Map<number, (CellSpec | undefined)[]>();
      const at = (r: number): (CellSpec | undefined)[] => {
        let row = rowsOut.get(r);
        if (!row) {
          row = [];
          rowsOut.set(r, row);
        }
        return row;
      };
      spec.headers.forEach((h, c) => (at(1)[c] = { value: h, style: bold }));
      layout.headers.forEach((h, i) => (at(1)[area.c0 + i] = { value: h, style: bold }));
      for (const { spec: setting, row } of spec.rows) {
        const given = setting.key === "schemaVersion" ? SCHEMA_VERSION : content.settings?.[setting.key];
        const raw = given ?? setting.default;
        const value = setting.kind === "number" ? (typeof raw === "number" ? raw : Number(raw)) : String(raw);
        const cells = at(row);
        cells[0] = { value: setting.label };
        cells[1] = { value };
        cells[2] = { value: setting.help };
      }
      costs.forEach((c, i) => {
        const cells = at(2 + i);
        cells[area.c0] = { value: c.grade, style: formatStyles[0] };
        cells[area.c0 + 1] = { value: c.cost, style: formatStyles[1] };
      });
      for (const r of [...rowsOut.keys()].sort((a, b) => a - b)) out.row(r, rowsOut.get(r) ?? []);
    },
  };
}

function guideSheet(styles: StyleSheet): SheetXml {
  const spec = WORKBOOK_SPEC.guide;
  const title = styles.id({ bold: true });
  const wrap = styles.id({ wrap: true, verticalTop: true });
  return {
    name: spec.sheet,
    widths: [{ col: 1, width: spec.width }],
    validations: [],
    conditionalFormats: [],
    lastRow: spec.lines.length,
    lastCol: 1,
    rows: (out) =>
      spec.lines.forEach((line, i) => out.row(i + 1, [{ value: line, style: i === 0 ? title : wrap }])),
  };
}

function listsSheet(content: AuditWorkbookContent, styles: StyleSheet): SheetXml {
  const spec = WORKBOOK_SPEC.lists;
  const bold = styles.id({ bold: true });
  const directory = content.directory ?? [];
  let d = 0;
  const columns = spec.columns.map((c) => {
    const values = c.list ? (content.lists?.[c.list] ?? c.values) : directory.map((row) => row[d]);
    if (!c.list) d++;
    return { ...c, index: parseA1(`${c.letter}1`).c0, values };
  });
  const lastCol = Math.max(...columns.map((c) => c.index)) + 1;
  const longest = columns.reduce((n, c) => Math.max(n, c.values.length), 0);
  const widths = columns.map((c) => ({ col: c.index + 1, width: listWidth(c.header, c.values) }));
  for (let i = 0; i < lastCol; i++)
    if (!columns.some((c) => c.index === i)) widths.push({ col: i + 1, width: 3 });
  widths.sort((a, b) => a.col - b.col);
  return {
    name: spec.sheet,
    widths,
    validations: [],
    conditionalFormats: [],
    lastRow: 1 + longest,
    lastCol,
    rows: (out) => {
      const header: (CellSpec | undefined)[] = [];
      for (const c of columns) header[c.index] = { value: c.header, style: bold };
      out.row(1, header);
      for (let r = 0; r < longest; r++) {
        const row: (CellSpec | undefined)[] = [];
        for (const c of columns) if (r < c.values.length) row[c.index] = { value: c.values[r] };
        out.row(r + 2, row);
      }
    },
  };
}

function summarySheet(values: SummaryValues, styles: StyleSheet): SheetXml {
  const spec = WORKBOOK_SPEC.summary;
  const grid = new Map<number, Map<number, CellSpec>>();
  const put = (address: string, cell: CellSpec): void => {
    const a = parseA1(address);
    const row = grid.get(a.r0 + 1) ?? new Map<number, CellSpec>();
    row.set(a.c0, cell);
    grid.set(a.r0 + 1, row);
  };
  // the blocks' number formats over their format rows (empty cells keep the format for the spill)
  const formatAt = new Map<string, number>();
  for (const f of spec.formats) {
    const a = parseA1(f.address);
    const style = styles.id({ numberFormat: f.numberFormat });
    for (let r = a.r0; r <= a.r1; r++) {
      const address = `${columnLetter(a.c0)}${r + 1}`;
      formatAt.set(address, style);
      put(address, { style });
    }
  }
  for (const cell of spec.cells) {
    const style = styles.id(
      cell.numberFormat
        ? { ...SUMMARY_STYLES[cell.style], numberFormat: cell.numberFormat }
        : SUMMARY_STYLES[cell.style],
    );
    if (cell.formula === undefined) {
      put(cell.address, { value: cell.value ?? "", style });
      continue;
    }
    const block = cell.spills ? spec.blocks.find((b) => b.key === cell.key) : undefined;
    if (!block) {
      const value = cell.key !== undefined ? values.figures[cell.key] : undefined;
      const isAudit = /\bAUDIT\./.test(cell.formula);
      put(cell.address, {
        formula: storedFormula(cell.formula),
        value: value ?? "",
        style,
        ...(isAudit ? { spill: cell.address } : {}),
      });
      continue;
    }
    const rows = values.blocks[block.key] ?? [[""]];
    const width = rows.reduce((n, r) => Math.max(n, r.length), 1);
    const first = parseA1(cell.address);
    const spill = `${cell.address}:${shiftColumn(block.column, width - 1)}${BLOCK_FIRST_ROW + rows.length - 1}`;
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const address = `${columnLetter(first.c0 + c)}${first.r0 + 1 + r}`;
        const cellStyle = formatAt.get(address);
        if (r === 0 && c === 0)
          put(address, { formula: storedFormula(cell.formula ?? ""), value: v, spill, style: cellStyle });
        else put(address, { value: v, style: cellStyle });
      }),
    );
  }
  const rowsSorted = [...grid.keys()].sort((a, b) => a - b);
  let lastCol = 0;
  for (const m of grid.values()) for (const c of m.keys()) lastCol = Math.max(lastCol, c + 1);
  return {
    name: spec.sheet,
    widths: Object.entries(spec.widths)
      .map(([letter, width]) => ({ col: parseA1(`${letter}1`).c0 + 1, width }))
      .sort((a, b) => a.col - b.col),
    validations: [],
    conditionalFormats: [],
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
  const styles = new StyleSheet();
  const summary =
    content.summary ??
    summaryValues([
      {
        ...appendsToReturn("", content.settings ?? {}, content.tables ?? [], gradeCostsOf(content)),
        lists: content.lists ?? {},
      },
    ]);
  const sheets: SheetXml[] = [];
  for (const name of WORKBOOK_SPEC.sheetOrder) {
    if (name === WORKBOOK_SPEC.guide.sheet) sheets.push(guideSheet(styles));
    else if (name === WORKBOOK_SPEC.settings.sheet) sheets.push(settingsSheet(content, styles));
    else if (name === WORKBOOK_SPEC.summary.sheet) sheets.push(summarySheet(summary, styles));
    else if (name === WORKBOOK_SPEC.lists.sheet) sheets.push(listsSheet(content, styles));
    else {
      const layout = WORKBOOK_SPEC.tables.find((t) => t.sheet === name);
      if (layout)
        sheets.push(
          tableSheet(
            layout,
            content.tables?.find((t) => t.table === layout.spec.name),
            styles,
          ),
        );
    }
  }
  return writeWorkbook(
    {
      sheets,
      names: WORKBOOK_SPEC.names,
      styles,
      defaultTableStyle: WORKBOOK_SPEC.tables[0]?.style ?? "TableStyleMedium2",
      title: "Partnership audit",
      creator: "Partnership Audit for Excel",
    },
    options,
  );
}

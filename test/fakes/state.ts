/**
 * The fake workbook's state: sheets of cells, tables, names, charts, settings. Plain data that the
 * proxies of the other files read and change at sync time, and that tests inspect directly
 * (`fake.state`). No Office types here.
 */
import { parseA1, type CellRect } from "../../src/core/model/a1";
import { FakeOfficeError } from "./base";

export type FakeScalar = string | number | boolean;
export type FakeInitCell = FakeScalar | null | { readonly formula: string } | { readonly error: string };

export interface FakeSheetInit {
  readonly name: string;
  readonly protected?: boolean;
  /** cells from A1 (or from `at`), row by row */
  readonly rows?: readonly (readonly FakeInitCell[])[];
  readonly at?: string;
  readonly tables?: readonly {
    readonly name: string;
    readonly address: string;
    readonly style?: string;
    /** an active filter: column index in the table → the values it shows */
    readonly filter?: Readonly<Record<number, readonly string[]>>;
  }[];
  readonly merged?: readonly string[];
  /** charts already on the sheet (by name; with no series unless given) */
  readonly charts?: readonly (
    string | { readonly name: string; readonly series?: readonly FakeSeriesState[] }
  )[];
}

export interface FakeWorkbookInit {
  readonly sheets?: readonly FakeSheetInit[];
  /** the workbook's structure is protected */
  readonly structureProtected?: boolean;
  readonly names?: readonly { readonly name: string; readonly formula: string }[];
  /**
   * The requirement sets this "Excel" supports, highest version per set (e.g. { ExcelApi: "1.12" }
   * for an Excel without ExcelApi 1.13). Unlisted sets are fully supported. See context.ts.
   */
  readonly requirementSets?: Readonly<Record<string, string>>;
}

export const ERROR_CODES = [
  "#N/A",
  "#VALUE!",
  "#REF!",
  "#DIV/0!",
  "#NUM!",
  "#NAME?",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
];

export interface Validation {
  rect: CellRect;
  type: string;
  rule?: unknown;
  prompt?: { showPrompt?: boolean; title?: string; message?: string };
  errorAlert?: { showAlert?: boolean; style?: string; title?: string; message?: string };
}

export interface CondFormat {
  rect: CellRect;
  type: string;
  formula?: string;
  fill?: string;
}

export interface FakeSeriesState {
  name: string;
  /** sheet-qualified A1 address of the values, or "" */
  values: string;
  /** sheet-qualified A1 address of the category labels, or "" */
  xValues: string;
}

export interface FakeChartState {
  name: string;
  type: string;
  title: string;
  /** the range the chart was created over */
  source: string;
  series: FakeSeriesState[];
  from: string;
  to: string;
}

/** A filter criterion as Office.js gives it (FilterCriteria: filterOn "Values" and its values). */
export interface FakeFilterCriteria {
  readonly filterOn: string;
  readonly values?: readonly string[];
}

export class FakeTableState {
  /** active column filters: column index in the table → criteria */
  filters = new Map<number, FakeFilterCriteria>();
  constructor(
    public name: string,
    public sheet: FakeSheetState,
    /** header row */
    public r0: number,
    public c0: number,
    public r1: number,
    public c1: number,
    public style = "TableStyleMedium2",
  ) {}
  get rect(): CellRect {
    return { r0: this.r0, c0: this.c0, r1: this.r1, c1: this.c1 };
  }
  get bodyRect(): CellRect {
    return { r0: this.r0 + 1, c0: this.c0, r1: this.r1, c1: this.c1 };
  }
  headers(): string[] {
    const out: string[] = [];
    for (let c = this.c0; c <= this.c1; c++) out.push(String(this.sheet.value(this.r0, c)));
    return out;
  }
  get filtered(): boolean {
    return this.filters.size > 0;
  }
  /**
   * Excel's placeholder row: a table made over a header-only range gets one empty body row, and
   * `rows.add` fills that row instead of adding one after it (see tables.ts).
   */
  hasPlaceholderRow(): boolean {
    if (this.r1 !== this.r0 + 1) return false;
    for (let c = this.c0; c <= this.c1; c++) if (!this.sheet.isEmpty(this.r1, c)) return false;
    return true;
  }
}

const KEY = 16384;
export const key = (r: number, c: number): number => r * KEY + c;

export class FakeSheetState {
  rows: (FakeScalar[] | undefined)[] = [];
  formulas = new Map<number, string>();
  formats = new Map<number, string>();
  fills = new Map<number, string>();
  errors = new Set<number>();
  quoted = new Set<number>();
  merged: CellRect[] = [];
  validations: Validation[] = [];
  conditionalFormats: CondFormat[] = [];
  columnWidths = new Map<number, number>();
  charts: FakeChartState[] = [];
  freezeRows = 0;
  constructor(
    public name: string,
    public isProtected = false,
  ) {}

  value(r: number, c: number): FakeScalar {
    const row = this.rows[r];
    const v = row ? row[c] : undefined;
    return v === undefined ? "" : v;
  }
  formula(r: number, c: number): FakeScalar {
    const f = this.formulas.get(key(r, c));
    return f !== undefined ? f : this.value(r, c);
  }
  setRaw(r: number, c: number, v: FakeScalar): void {
    let row = this.rows[r];
    if (!row) {
      row = [];
      this.rows[r] = row;
    }
    row[c] = v;
  }
  clearCell(r: number, c: number): void {
    const row = this.rows[r];
    if (row && c < row.length) row[c] = "";
    const k = key(r, c);
    this.formulas.delete(k);
    this.errors.delete(k);
    this.quoted.delete(k);
  }
  /** Writes like Excel does when a value (not a formula) is typed or set through `values`. */
  writeValue(r: number, c: number, input: FakeScalar | null): void {
    const k = key(r, c);
    this.formulas.delete(k);
    this.errors.delete(k);
    this.quoted.delete(k);
    if (input === null || input === "") {
      this.setRaw(r, c, "");
      return;
    }
    if (typeof input !== "string") {
      this.setRaw(r, c, input);
      return;
    }
    if (this.formats.get(k) === "@") {
      this.setRaw(r, c, input);
      return;
    }
    if (input.startsWith("'")) {
      this.quoted.add(k);
      this.setRaw(r, c, input.slice(1));
      return;
    }
    if (/^[=]/.test(input) || (/^[+\-@]/.test(input) && !/^[+-]?\d+(\.\d+)?$/.test(input))) {
      // Excel turns "=…", "+A1", "-A1", "@SUM(…)" into formulas
      this.formulas.set(k, input.startsWith("=") ? input : `=${input}`);
      this.setRaw(r, c, "");
      return;
    }
    if (/^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(input)) {
      this.setRaw(r, c, Number(input));
      return;
    }
    if (/^(true|false)$/i.test(input)) {
      this.setRaw(r, c, input.toLowerCase() === "true");
      return;
    }
    if (ERROR_CODES.includes(input.toUpperCase())) {
      this.errors.add(k);
      this.setRaw(r, c, input.toUpperCase());
      return;
    }
    this.setRaw(r, c, input);
  }
  writeFormula(r: number, c: number, input: FakeScalar | null): void {
    if (typeof input === "string" && input.startsWith("=")) {
      const k = key(r, c);
      this.errors.delete(k);
      this.quoted.delete(k);
      this.formulas.set(k, input);
      this.setRaw(r, c, "");
    } else this.writeValue(r, c, input);
  }
  isEmpty(r: number, c: number): boolean {
    return this.value(r, c) === "" && !this.formulas.has(key(r, c));
  }
  /** the bounding box of non-empty cells, or null */
  usedRect(): CellRect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    this.rows.forEach((row, r) => {
      if (!row) return;
      row.forEach((v, c) => {
        if (v === "" || v === undefined) return;
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r);
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      });
    });
    for (const k of this.formulas.keys()) {
      const r = Math.floor(k / KEY);
      const c = k % KEY;
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }
  /** Moves cells of columns c0..c1 from row `from` downwards by `by` rows (negative = up). */
  shiftRows(from: number, c0: number, c1: number, by: number): void {
    const last = this.rows.length - 1;
    const order: number[] = [];
    for (let r = from; r <= last; r++) order.push(r);
    if (by > 0) order.reverse();
    for (const r of order) {
      for (let c = c0; c <= c1; c++) this.moveCell(r, c, r + by, c);
    }
  }
  /** Moves cells of rows r0..r1 from column `from` rightwards by `by` columns. */
  shiftColumns(from: number, r0: number, r1: number, by: number): void {
    let last = from;
    for (let r = r0; r <= r1; r++) last = Math.max(last, (this.rows[r]?.length ?? 0) - 1);
    for (let c = last; c >= from; c--) for (let r = r0; r <= r1; r++) this.moveCell(r, c, r, c + by);
  }
  private moveCell(r: number, c: number, r2: number, c2: number): void {
    if (r2 < 0) return;
    const k = key(r, c);
    const k2 = key(r2, c2);
    this.setRaw(r2, c2, this.value(r, c));
    for (const m of [this.formulas, this.formats, this.fills]) {
      const v = m.get(k);
      m.delete(k2);
      if (v !== undefined) m.set(k2, v);
      m.delete(k);
    }
    for (const s of [this.errors, this.quoted]) {
      s.delete(k2);
      if (s.has(k)) s.add(k2);
      s.delete(k);
    }
    this.setRaw(r, c, "");
  }
}

export function intersects(a: CellRect, b: CellRect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}
export function contains(outer: CellRect, inner: CellRect): boolean {
  return outer.r0 <= inner.r0 && outer.c0 <= inner.c0 && outer.r1 >= inner.r1 && outer.c1 >= inner.c1;
}

export class FakeWorkbookState {
  sheets: FakeSheetState[] = [];
  tables: FakeTableState[] = [];
  names: { name: string; formula: string }[] = [];
  selection: { sheet: string; address: string } | null = null;
  /** the workbook's structure is protected (sheets can't be added) */
  structureProtected = false;
  /** the document's add-in settings (workbook.settings) */
  settings = new Map<string, unknown>();
  activeSheet: string | null = null;
  /** highest supported version per requirement set (unlisted: all) */
  requirementSets: Record<string, string> = {};
  /**
   * How long each `context.sync()` takes before Excel answers, in ms (0: at once). The add-in and
   * Excel run in separate processes and sync() returns a promise resolved when the sync completes
   * (Microsoft's reference for OfficeExtension.ClientRequestContext.sync and Excel.RequestContext);
   * Office.js cannot talk to Excel synchronously ("Application-specific API model"). A test sets it
   * to hold long work open, e.g. to cancel it from the pane.
   */
  syncDelayMs = 0;

  sheet(name: string): FakeSheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  table(name: string): FakeTableState | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
  /** Creates a table over a range, as Excel does (empty header cells get Column1…; a header-only range gets one empty row). */
  addTable(sheet: FakeSheetState, rect: CellRect, name?: string): FakeTableState {
    if (this.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect)))
      throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
    if (sheet.merged.some((m) => intersects(m, rect)))
      throw new FakeOfficeError("InvalidOperation", "A table can't include merged cells.");
    const r1 = rect.r1 === rect.r0 ? rect.r0 + 1 : rect.r1;
    let n = this.tables.length + 1;
    while (this.table(`Table${n}`)) n++;
    const table = new FakeTableState(name ?? `Table${n}`, sheet, rect.r0, rect.c0, r1, rect.c1);
    for (let c = rect.c0; c <= rect.c1; c++) {
      if (sheet.isEmpty(rect.r0, c)) sheet.writeValue(rect.r0, c, `Column${c - rect.c0 + 1}`);
    }
    this.tables.push(table);
    return table;
  }
}

export function initState(init: FakeWorkbookInit | undefined): FakeWorkbookState {
  const state = new FakeWorkbookState();
  for (const s of init?.sheets ?? []) {
    const sheet = new FakeSheetState(s.name, s.protected ?? false);
    const at = s.at ? parseA1(s.at) : { r0: 0, c0: 0 };
    (s.rows ?? []).forEach((row, i) =>
      row.forEach((cell, j) => {
        const r = at.r0 + i;
        const c = at.c0 + j;
        if (cell === null) return;
        if (typeof cell === "object" && "formula" in cell) sheet.writeFormula(r, c, cell.formula);
        else if (typeof cell === "object") {
          sheet.setRaw(r, c, cell.error);
          sheet.errors.add(key(r, c));
        } else sheet.setRaw(r, c, cell);
      }),
    );
    sheet.merged = (s.merged ?? []).map((a) => parseA1(a));
    state.sheets.push(sheet);
    for (const t of s.tables ?? []) {
      const rect = parseA1(t.address);
      const table = new FakeTableState(t.name, sheet, rect.r0, rect.c0, rect.r1, rect.c1, t.style);
      for (const [col, values] of Object.entries(t.filter ?? {}))
        table.filters.set(Number(col), { filterOn: "Values", values: [...values] });
      state.tables.push(table);
    }
    for (const c of s.charts ?? []) {
      const spec = typeof c === "string" ? { name: c, series: [] } : c;
      sheet.charts.push({
        name: spec.name,
        type: "ColumnClustered",
        title: "",
        source: "",
        series: (spec.series ?? []).map((x) => ({ ...x })),
        from: "",
        to: "",
      });
    }
  }
  state.names = (init?.names ?? []).map((n) => ({ ...n }));
  state.structureProtected = init?.structureProtected ?? false;
  state.requirementSets = { ...(init?.requirementSets ?? {}) };
  return state;
}

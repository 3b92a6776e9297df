/**
 * A small typed RECORDING FAKE of the Excel JavaScript API subset that src/excel uses.
 *
 * Honest where it matters for the tests:
 * - every `context.sync()` is counted; writes are queued and applied at sync, in order, and
 *   recorded per sync with their payload (JSON length of the values / formulas / formats written);
 * - reading a property that was not loaded and synced THROWS (PropertyNotLoaded), like Office.js;
 * - `getItem` of something missing fails at sync (ItemNotFound); `…OrNullObject` gives an object
 *   whose `isNullObject` can be read after load + sync;
 * - writing to a protected sheet fails (AccessDenied); a table over merged cells fails;
 * - a string written as a value that starts with "=" becomes a formula, one that looks like a
 *   number becomes a number, one that starts with an apostrophe stays text (the apostrophe is a
 *   prefix, not part of the value), and anything in a cell formatted "@" stays text;
 * - prompts and error alerts respect Excel's limits (title ≤ 32, message ≤ 255 / 225).
 *
 * No Node APIs: it is also bundled for the browser tests. `createFakeExcel(init?)` gives `run`
 * (Excel.run over the fake), `excelRun` (the same, typed as Excel.run for createExcelOperations),
 * `context()`, the `state` (sheets, tables, names, selection, settings), `recorder` (syncs, each
 * with its writes and payload) and `values` / `formulas` / `grid` to look at cells.
 * Formulas are stored, not calculated: a formula cell reads back as "" unless the test sets a value.
 */
import { columnLetter, formatA1, parseA1, quoteSheet, type CellRect } from "../../src/core/a1";

export type FakeScalar = string | number | boolean;
export type FakeInitCell = FakeScalar | null | { readonly formula: string } | { readonly error: string };

export interface FakeSheetInit {
  readonly name: string;
  readonly protected?: boolean;
  /** cells from A1 (or from `at`), row by row */
  readonly rows?: readonly (readonly FakeInitCell[])[];
  readonly at?: string;
  readonly tables?: readonly { readonly name: string; readonly address: string; readonly style?: string }[];
  readonly merged?: readonly string[];
  readonly charts?: readonly string[];
}

export interface FakeWorkbookInit {
  readonly sheets?: readonly FakeSheetInit[];
  /** the workbook's structure is protected */
  readonly structureProtected?: boolean;
  readonly names?: readonly { readonly name: string; readonly formula: string }[];
}

export interface FakeWrite {
  /** what was written, e.g. "Partnerships!A1:S1 values" */
  readonly what: string;
  /** JSON length of the cell data carried */
  readonly payload: number;
}

export interface FakeSyncRecord {
  readonly index: number;
  readonly writes: FakeWrite[];
  payload: number;
  suspendedCalculation: boolean;
  loads: number;
  error?: string;
}

const ERROR_CODES = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"];

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { readonly code: string; readonly message: string; readonly errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

// ---------------------------------------------------------------------------------------------
// State

interface Validation {
  rect: CellRect;
  type: string;
  rule?: unknown;
  prompt?: { showPrompt?: boolean; title?: string; message?: string };
  errorAlert?: { showAlert?: boolean; style?: string; title?: string; message?: string };
}

interface CondFormat {
  rect: CellRect;
  type: string;
  formula?: string;
  fill?: string;
}

export interface FakeChartState {
  name: string;
  type: string;
  title: string;
  source: string;
  seriesName: string;
  values: string;
  xValues: string;
  from: string;
  to: string;
}

export class FakeTableState {
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
}

const KEY = 16384;
const key = (r: number, c: number): number => r * KEY + c;

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

function intersects(a: CellRect, b: CellRect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}
function contains(outer: CellRect, inner: CellRect): boolean {
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

function initState(init: FakeWorkbookInit | undefined): FakeWorkbookState {
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
      state.tables.push(table);
    }
    for (const c of s.charts ?? [])
      sheet.charts.push({
        name: c,
        type: "ColumnClustered",
        title: "",
        source: "",
        seriesName: "",
        values: "",
        xValues: "",
        from: "",
        to: "",
      });
  }
  state.names = (init?.names ?? []).map((n) => ({ ...n }));
  state.structureProtected = init?.structureProtected ?? false;
  return state;
}

// ---------------------------------------------------------------------------------------------
// Request context, queue and proxies

type Op = { readonly what: string; readonly payload: number; readonly load?: boolean; run(): void };

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  private queue: Op[] = [];
  constructor(
    readonly state: FakeWorkbookState,
    readonly recorder: FakeRecorder,
  ) {
    this.workbook = new FakeWorkbook(this);
    this.application = new FakeApplication(this);
  }
  enqueue(op: Op): void {
    this.queue.push(op);
  }
  takeFrom(index: number): Op[] {
    return this.queue.splice(index);
  }
  get pending(): number {
    return this.queue.length;
  }
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const record: FakeSyncRecord = {
      index: this.recorder.syncs.length + 1,
      writes: [],
      payload: 0,
      suspendedCalculation: false,
      loads: 0,
    };
    this.recorder.syncs.push(record);
    for (const op of ops) {
      if (op.what === "suspendApiCalculationUntilNextSync") record.suspendedCalculation = true;
      try {
        op.run();
      } catch (e) {
        record.error = e instanceof Error ? e.message : String(e);
        throw e instanceof FakeOfficeError ? e : new FakeOfficeError("GeneralException", String(e), op.what);
      }
      if (op.load) record.loads++;
      else {
        record.writes.push({ what: op.what, payload: op.payload });
        record.payload += op.payload;
      }
    }
    await Promise.resolve();
  }
}

export class FakeRecorder {
  syncs: FakeSyncRecord[] = [];
  get syncCount(): number {
    return this.syncs.length;
  }
  reset(): void {
    this.syncs = [];
  }
}

function splitProps(props?: string | string[]): string[] {
  if (props === undefined) return [];
  const list = Array.isArray(props) ? props : props.split(",");
  return list.map((p) => p.trim()).filter((p) => p !== "");
}

/** Base of every proxy: load() queues a snapshot; reading an unloaded property throws. */
abstract class FakeObject {
  private loaded = new Map<string, unknown>();
  private nullChecked: boolean | undefined;
  constructor(protected readonly ctx: FakeRequestContext) {}
  protected abstract kind(): string;
  /** scalar property → value at sync time */
  protected abstract readProp(prop: string): unknown;
  /** navigation property → child object */
  protected child(_prop: string): FakeObject | undefined {
    return undefined;
  }
  /** false when this object stands for nothing (OrNullObject); throws when it must exist */
  protected exists(): boolean {
    return true;
  }
  load(props?: string | string[]): this {
    const scalars: string[] = [];
    for (const p of splitProps(props)) {
      const slash = p.indexOf("/");
      if (slash > 0) {
        const nav = this.child(p.slice(0, slash));
        if (!nav)
          throw new FakeOfficeError("InvalidArgument", `${this.kind()} has no navigation property ${p}`);
        nav.load(p.slice(slash + 1));
      } else if (this.child(p)) this.child(p)?.load();
      else scalars.push(p);
    }
    this.ctx.enqueue({
      what: `load ${this.kind()} ${scalars.join(",")}`,
      payload: 0,
      load: true,
      run: () => {
        const ok = this.exists();
        this.nullChecked = !ok;
        if (!ok) return;
        for (const p of scalars) this.loaded.set(p, this.readProp(p));
      },
    });
    return this;
  }
  /** at sync time (collection loads): load now, bypassing the queue */
  loadNow(props: string[]): void {
    const before = this.ctx.pending;
    this.load(props);
    for (const op of this.ctx.takeFrom(before)) op.run();
  }
  get isNullObject(): boolean {
    if (this.nullChecked === undefined)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `isNullObject of ${this.kind()} is not available: call load() and context.sync() first.`,
      );
    return this.nullChecked;
  }
  protected got<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' of ${this.kind()} is not available. Call load("${prop}") and context.sync() first.`,
      );
    return this.loaded.get(prop) as T;
  }
  protected write(what: string, payload: number, run: () => void): void {
    this.ctx.enqueue({ what, payload, run });
  }
}

function jsonLength(v: unknown): number {
  return v === undefined ? 0 : JSON.stringify(v).length;
}

function notFound(what: string): FakeOfficeError {
  return new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${what}.`);
}

export class FakeClientResult<T> {
  private has = false;
  private v: T | undefined;
  constructor(ctx: FakeRequestContext, compute: () => T) {
    ctx.enqueue({
      what: "getCount",
      payload: 0,
      load: true,
      run: () => {
        this.v = compute();
        this.has = true;
      },
    });
  }
  get value(): T {
    if (!this.has)
      throw new FakeOfficeError("PropertyNotLoaded", "ClientResult.value read before context.sync().");
    return this.v as T;
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook, application, worksheets

export class FakeApplication extends FakeObject {
  protected kind(): string {
    return "Application";
  }
  protected readProp(prop: string): unknown {
    if (prop === "calculationMode") return "Automatic";
    throw new FakeOfficeError("InvalidArgument", `Application has no property ${prop}`);
  }
  suspendApiCalculationUntilNextSync(): void {
    this.write("suspendApiCalculationUntilNextSync", 0, () => undefined);
  }
}

export class FakeWorkbook extends FakeObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly settings: FakeSettingCollection;
  readonly protection: FakeWorkbookProtection;
  constructor(ctx: FakeRequestContext) {
    super(ctx);
    this.protection = new FakeWorkbookProtection(ctx);
    this.settings = new FakeSettingCollection(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.tables = new FakeTableCollection(ctx, null);
    this.names = new FakeNamedItemCollection(ctx);
  }
  protected kind(): string {
    return "Workbook";
  }
  protected readProp(prop: string): unknown {
    if (prop === "name") return "Book1.xlsx";
    throw new FakeOfficeError("InvalidArgument", `Workbook has no property ${prop}`);
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const sel = this.ctx.state.selection;
      if (!sel) throw notFound("selection");
      const sheet = this.ctx.state.sheet(sel.sheet);
      if (!sheet) throw notFound(sel.sheet);
      return { sheet, rect: parseA1(sel.address) };
    });
  }
}

export class FakeWorkbookProtection extends FakeObject {
  protected kind(): string {
    return "WorkbookProtection";
  }
  protected readProp(prop: string): unknown {
    if (prop === "protected") return this.ctx.state.structureProtected;
    throw new FakeOfficeError("InvalidArgument", `WorkbookProtection has no property ${prop}`);
  }
  get protected(): boolean {
    return this.got("protected");
  }
}

abstract class FakeCollection<T extends FakeObject> extends FakeObject {
  private itemsLoaded: T[] | undefined;
  private itemProps: string[] = [];
  protected abstract list(): T[];
  protected readProp(prop: string): unknown {
    throw new FakeOfficeError("InvalidArgument", `${this.kind()} has no property ${prop}`);
  }
  override load(props?: string | string[]): this {
    const itemProps = splitProps(props).map((p) => (p.startsWith("items/") ? p.slice(6) : p));
    this.itemProps = itemProps.filter((p) => p !== "items");
    this.ctx.enqueue({
      what: `load ${this.kind()} items`,
      payload: 0,
      load: true,
      run: () => {
        this.itemsLoaded = this.list();
      },
    });
    // item snapshots are taken at the same point of the queue
    this.ctx.enqueue({
      what: `load ${this.kind()} item properties`,
      payload: 0,
      load: true,
      run: () => {
        for (const item of this.itemsLoaded ?? []) item.loadNow(this.itemProps);
      },
    });
    return this;
  }
  get items(): T[] {
    if (!this.itemsLoaded)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property 'items' of ${this.kind()} is not available. Call load() and context.sync() first.`,
      );
    return this.itemsLoaded;
  }
  getCount(): FakeClientResult<number> {
    return new FakeClientResult(this.ctx, () => this.list().length);
  }
}

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  protected kind(): string {
    return "WorksheetCollection";
  }
  protected list(): FakeWorksheet[] {
    return this.ctx.state.sheets.map((s) => new FakeWorksheet(this.ctx, () => s));
  }
  add(name: string): FakeWorksheet {
    let created: FakeSheetState | undefined;
    this.write(`add sheet ${name}`, 0, () => {
      if (this.ctx.state.sheet(name))
        throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
      if (this.ctx.state.structureProtected)
        throw new FakeOfficeError("AccessDenied", "The workbook's structure is protected.");
      if (/[\\/?*[\]:]/.test(name) || name.length > 31)
        throw new FakeOfficeError("InvalidArgument", `Not a valid sheet name: ${name}`);
      created = new FakeSheetState(name);
      this.ctx.state.sheets.push(created);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw notFound(`sheet ${name}`);
      return created;
    });
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.state.sheet(name);
      if (!s) throw notFound(`worksheet ${name}`);
      return s;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.state.sheet(name) ?? null);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.state.sheet(this.ctx.state.activeSheet ?? "") ?? this.ctx.state.sheets[0];
      if (!s) throw notFound("active worksheet");
      return s;
    });
  }
}

type SheetResolver = () => FakeSheetState | null;

function needSheet(r: SheetResolver, what: string): FakeSheetState {
  const s = r();
  if (!s) throw notFound(what);
  return s;
}

function guard(sheet: FakeSheetState, what: string): void {
  if (sheet.isProtected)
    throw new FakeOfficeError(
      "AccessDenied",
      `The sheet ${sheet.name} is protected: ${what} was refused.`,
      `${sheet.name}`,
    );
}

export class FakeWorksheet extends FakeObject {
  readonly protection: FakeWorksheetProtection;
  readonly freezePanes: FakeFreezePanes;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  constructor(
    ctx: FakeRequestContext,
    readonly resolve: SheetResolver,
  ) {
    super(ctx);
    this.protection = new FakeWorksheetProtection(ctx, resolve);
    this.freezePanes = new FakeFreezePanes(ctx, resolve);
    this.tables = new FakeTableCollection(ctx, resolve);
    this.charts = new FakeChartCollection(ctx, resolve);
  }
  protected kind(): string {
    return "Worksheet";
  }
  protected override exists(): boolean {
    return this.resolve() !== null;
  }
  protected override child(prop: string): FakeObject | undefined {
    if (prop === "protection") return this.protection;
    if (prop === "tables") return this.tables;
    if (prop === "charts") return this.charts;
    return undefined;
  }
  protected readProp(prop: string): unknown {
    const s = needSheet(this.resolve, "worksheet");
    switch (prop) {
      case "name":
        return s.name;
      case "position":
        return this.ctx.state.sheets.indexOf(s);
      case "visibility":
        return "Visible";
      case "id":
        return `{${s.name}}`;
      default:
        throw new FakeOfficeError("InvalidArgument", `Worksheet has no property ${prop}`);
    }
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.write(`rename sheet to ${v}`, 0, () => {
      needSheet(this.resolve, "worksheet").name = v;
    });
  }
  get position(): number {
    return this.got("position");
  }
  set position(v: number) {
    this.write(`move sheet to ${v}`, 0, () => {
      const s = needSheet(this.resolve, "worksheet");
      const list = this.ctx.state.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(v, list.length), 0, s);
    });
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = needSheet(this.resolve, "worksheet");
      const rect = parseA1(address ?? "A1:XFD1048576");
      return { sheet: s, rect };
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, () => ({
      sheet: needSheet(this.resolve, "worksheet"),
      rect: { r0: row, c0: col, r1: row + rows - 1, c1: col + cols - 1 },
    }));
  }
  getCell(row: number, col: number): FakeRange {
    return this.getRangeByIndexes(row, col, 1, 1);
  }
  getUsedRange(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = needSheet(this.resolve, "worksheet");
      return { sheet: s, rect: s.usedRect() ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.resolve();
      if (!s) return null;
      const rect = s.usedRect();
      return rect ? { sheet: s, rect } : null;
    });
  }
  activate(): void {
    this.write("activate sheet", 0, () => {
      this.ctx.state.activeSheet = needSheet(this.resolve, "worksheet").name;
    });
  }
}

export class FakeWorksheetProtection extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "WorksheetProtection";
  }
  protected readProp(prop: string): unknown {
    if (prop === "protected") return needSheet(this.resolve, "worksheet").isProtected;
    throw new FakeOfficeError("InvalidArgument", `WorksheetProtection has no property ${prop}`);
  }
  get protected(): boolean {
    return this.got("protected");
  }
  protect(): void {
    this.write("protect", 0, () => {
      needSheet(this.resolve, "worksheet").isProtected = true;
    });
  }
  unprotect(): void {
    this.write("unprotect", 0, () => {
      needSheet(this.resolve, "worksheet").isProtected = false;
    });
  }
}

export class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {}
  freezeRows(count?: number): void {
    this.ctx.enqueue({
      what: `freeze ${count ?? 1} rows`,
      payload: 0,
      run: () => {
        needSheet(this.resolve, "worksheet").freezeRows = count ?? 1;
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

interface Located {
  sheet: FakeSheetState;
  rect: CellRect;
}
type RangeResolver = () => Located | null;

function mapRect<T>(loc: Located, f: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = loc.rect.r0; r <= loc.rect.r1; r++) {
    const row: T[] = [];
    for (let c = loc.rect.c0; c <= loc.rect.c1; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}

export class FakeRange extends FakeObject {
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  constructor(
    ctx: FakeRequestContext,
    private readonly resolver: RangeResolver,
  ) {
    super(ctx);
    this.format = new FakeRangeFormat(
      ctx,
      () => this.need(),
      () => this.resolver() !== null,
    );
    this.dataValidation = new FakeDataValidation(
      ctx,
      () => this.need(),
      () => this.resolver() !== null,
    );
    this.conditionalFormats = new FakeConditionalFormatCollection(
      ctx,
      () => this.need(),
      () => this.resolver() !== null,
    );
  }
  protected kind(): string {
    return "Range";
  }
  protected override exists(): boolean {
    return this.resolver() !== null;
  }
  protected override child(prop: string): FakeObject | undefined {
    if (prop === "format") return this.format;
    if (prop === "dataValidation") return this.dataValidation;
    return undefined;
  }
  need(): Located {
    const loc = this.resolver();
    if (!loc) throw notFound("range (null object)");
    if (loc.rect.r1 - loc.rect.r0 > 1048575 || loc.rect.c1 > 16383)
      throw new FakeOfficeError("InvalidArgument", "Range outside the sheet.");
    return loc;
  }
  protected readProp(prop: string): unknown {
    const loc = this.need();
    const { sheet, rect } = loc;
    switch (prop) {
      case "address":
        return formatA1(rect, sheet.name);
      case "addressLocal":
        return formatA1(rect, sheet.name);
      case "rowCount":
        return rect.r1 - rect.r0 + 1;
      case "columnCount":
        return rect.c1 - rect.c0 + 1;
      case "rowIndex":
        return rect.r0;
      case "columnIndex":
        return rect.c0;
      case "values":
        return mapRect(loc, (r, c) => sheet.value(r, c));
      case "text":
        return mapRect(loc, (r, c) => String(sheet.value(r, c)));
      case "formulas":
        return mapRect(loc, (r, c) => sheet.formula(r, c));
      case "numberFormat":
        return mapRect(loc, (r, c) => sheet.formats.get(key(r, c)) ?? "General");
      case "valueTypes":
        return mapRect(loc, (r, c) => {
          const v = sheet.value(r, c);
          if (sheet.errors.has(key(r, c))) return "Error";
          if (v === "") return "Empty";
          if (typeof v === "number") return "Double";
          if (typeof v === "boolean") return "Boolean";
          return "String";
        });
      default:
        throw new FakeOfficeError("InvalidArgument", `Range has no property ${prop}`);
    }
  }
  get address(): string {
    return this.got("address");
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get values(): FakeScalar[][] {
    return this.got("values");
  }
  get formulas(): FakeScalar[][] {
    return this.got("formulas");
  }
  get numberFormat(): string[][] {
    return this.got("numberFormat");
  }
  get valueTypes(): string[][] {
    return this.got("valueTypes");
  }
  get text(): string[][] {
    return this.got("text");
  }
  private writeGrid(
    prop: string,
    grid: unknown,
    apply: (sheet: FakeSheetState, r: number, c: number, v: FakeScalar | null) => void,
  ): void {
    this.write(`${prop}`, jsonLength(grid), () => {
      const loc = this.need();
      guard(loc.sheet, `writing ${prop}`);
      const rows = loc.rect.r1 - loc.rect.r0 + 1;
      const cols = loc.rect.c1 - loc.rect.c0 + 1;
      if (Array.isArray(grid)) {
        if (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== cols))
          throw new FakeOfficeError(
            "InvalidArgument",
            `The number of rows or columns in the input array doesn't match the size of the range ${formatA1(loc.rect, loc.sheet.name)} (${rows}×${cols}).`,
          );
      }
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          const v = Array.isArray(grid) ? (grid[i] as FakeScalar[])[j] : (grid as FakeScalar);
          apply(loc.sheet, loc.rect.r0 + i, loc.rect.c0 + j, v ?? null);
        }
    });
  }
  set values(v: FakeScalar[][] | FakeScalar) {
    this.writeGrid("values", v, (s, r, c, x) => s.writeValue(r, c, x));
  }
  set formulas(v: FakeScalar[][] | FakeScalar) {
    this.writeGrid("formulas", v, (s, r, c, x) => s.writeFormula(r, c, x));
  }
  set numberFormat(v: FakeScalar[][] | FakeScalar) {
    this.writeGrid("numberFormat", v, (s, r, c, x) => {
      if (x === null || x === "" || x === "General") s.formats.delete(key(r, c));
      else s.formats.set(key(r, c), String(x));
    });
  }
  private derived(f: (loc: Located) => Located | null): FakeRange {
    return new FakeRange(this.ctx, () => {
      const loc = this.resolver();
      return loc ? f(loc) : null;
    });
  }
  getCell(row: number, column: number): FakeRange {
    return this.derived((l) => ({
      sheet: l.sheet,
      rect: { r0: l.rect.r0 + row, c0: l.rect.c0 + column, r1: l.rect.r0 + row, c1: l.rect.c0 + column },
    }));
  }
  getRow(row: number): FakeRange {
    return this.derived((l) => ({
      sheet: l.sheet,
      rect: { ...l.rect, r0: l.rect.r0 + row, r1: l.rect.r0 + row },
    }));
  }
  getColumn(column: number): FakeRange {
    return this.derived((l) => ({
      sheet: l.sheet,
      rect: { ...l.rect, c0: l.rect.c0 + column, c1: l.rect.c0 + column },
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived((l) => ({
      sheet: l.sheet,
      rect: { ...l.rect, r1: l.rect.r1 + deltaRows, c1: l.rect.c1 + deltaColumns },
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived((l) => ({
      sheet: l.sheet,
      rect: {
        r0: l.rect.r0 + rowOffset,
        r1: l.rect.r1 + rowOffset,
        c0: l.rect.c0 + columnOffset,
        c1: l.rect.c1 + columnOffset,
      },
    }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    return this.derived((l) => ({
      sheet: l.sheet,
      rect: { r0: l.rect.r0, c0: l.rect.c0, r1: l.rect.r0 + numRows - 1, c1: l.rect.c0 + numColumns - 1 },
    }));
  }
  getColumnsAfter(count = 1): FakeRange {
    return this.derived((l) => ({
      sheet: l.sheet,
      rect: { r0: l.rect.r0, r1: l.rect.r1, c0: l.rect.c1 + 1, c1: Math.min(l.rect.c1 + count, 16383) },
    }));
  }
  getRowsBelow(count = 1): FakeRange {
    return this.derived((l) => ({
      sheet: l.sheet,
      rect: { r0: l.rect.r1 + 1, r1: l.rect.r1 + count, c0: l.rect.c0, c1: l.rect.c1 },
    }));
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return this.derived((l) => {
      const used = l.sheet.usedRect();
      if (!used || !intersects(used, l.rect)) return null;
      // shrink to the used cells inside the range
      let r0 = Infinity;
      let r1 = -1;
      let c0 = Infinity;
      let c1 = -1;
      for (let r = Math.max(l.rect.r0, used.r0); r <= Math.min(l.rect.r1, used.r1); r++)
        for (let c = Math.max(l.rect.c0, used.c0); c <= Math.min(l.rect.c1, used.c1); c++)
          if (!l.sheet.isEmpty(r, c)) {
            r0 = Math.min(r0, r);
            r1 = Math.max(r1, r);
            c0 = Math.min(c0, c);
            c1 = Math.max(c1, c);
          }
      return r1 < 0 ? null : { sheet: l.sheet, rect: { r0, c0, r1, c1 } };
    });
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const l = this.resolver();
      if (!l) return null;
      const areas = l.sheet.merged.filter((m) => intersects(m, l.rect));
      return areas.length ? { sheet: l.sheet, areas } : null;
    });
  }
  select(): void {
    this.write("select", 0, () => {
      const l = this.need();
      this.ctx.state.selection = { sheet: l.sheet.name, address: formatA1(l.rect) };
    });
  }
  clear(applyTo?: string): void {
    this.write(`clear ${applyTo ?? "All"}`, 0, () => {
      const l = this.need();
      guard(l.sheet, "clearing cells");
      mapRect(l, (r, c) => {
        if (applyTo === "Formats") {
          l.sheet.fills.delete(key(r, c));
          l.sheet.formats.delete(key(r, c));
        } else l.sheet.clearCell(r, c);
        return 0;
      });
    });
  }
  merge(): void {
    this.write("merge", 0, () => {
      const l = this.need();
      l.sheet.merged.push(l.rect);
    });
  }
}

export class FakeRangeAreas extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly resolver: () => { sheet: FakeSheetState; areas: CellRect[] } | null,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "RangeAreas";
  }
  protected override exists(): boolean {
    return this.resolver() !== null;
  }
  protected readProp(prop: string): unknown {
    const l = this.resolver();
    if (!l) throw notFound("range areas");
    if (prop === "address") return l.areas.map((a) => formatA1(a, l.sheet.name)).join(",");
    if (prop === "areaCount") return l.areas.length;
    throw new FakeOfficeError("InvalidArgument", `RangeAreas has no property ${prop}`);
  }
  get address(): string {
    return this.got("address");
  }
  get areaCount(): number {
    return this.got("areaCount");
  }
}

class FakeFill {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly loc: () => Located,
  ) {}
  set color(v: string) {
    this.ctx.enqueue({
      what: `fill ${v}`,
      payload: v.length,
      run: () => {
        const l = this.loc();
        guard(l.sheet, "formatting cells");
        mapRect(l, (r, c) => l.sheet.fills.set(key(r, c), v));
      },
    });
  }
  clear(): void {
    this.ctx.enqueue({
      what: "fill clear",
      payload: 0,
      run: () => {
        const l = this.loc();
        mapRect(l, (r, c) => l.sheet.fills.delete(key(r, c)));
      },
    });
  }
}

class FakeFont {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly loc: () => Located,
  ) {}
  private rec(what: string): void {
    this.ctx.enqueue({
      what: `font ${what}`,
      payload: 0,
      run: () => guard(this.loc().sheet, "formatting cells"),
    });
  }
  set bold(v: boolean) {
    this.rec(`bold ${v}`);
  }
  set italic(v: boolean) {
    this.rec(`italic ${v}`);
  }
  set color(v: string) {
    this.rec(`color ${v}`);
  }
  set size(v: number) {
    this.rec(`size ${v}`);
  }
}

export class FakeRangeFormat extends FakeObject {
  readonly fill: FakeFill;
  readonly font: FakeFont;
  constructor(
    ctx: FakeRequestContext,
    private readonly loc: () => Located,
    private readonly present: () => boolean,
  ) {
    super(ctx);
    this.fill = new FakeFill(ctx, loc);
    this.font = new FakeFont(ctx, loc);
  }
  protected kind(): string {
    return "RangeFormat";
  }
  protected override exists(): boolean {
    return this.present();
  }
  protected readProp(prop: string): unknown {
    if (prop === "columnWidth") return this.loc().sheet.columnWidths.get(this.loc().rect.c0) ?? 48;
    throw new FakeOfficeError("InvalidArgument", `RangeFormat has no property ${prop}`);
  }
  get columnWidth(): number {
    return this.got("columnWidth");
  }
  set columnWidth(v: number) {
    this.write(`columnWidth ${v}`, 0, () => {
      const l = this.loc();
      for (let c = l.rect.c0; c <= l.rect.c1; c++) l.sheet.columnWidths.set(c, v);
    });
  }
  set wrapText(v: boolean) {
    this.write(`wrapText ${v}`, 0, () => undefined);
  }
  set horizontalAlignment(v: string) {
    this.write(`horizontalAlignment ${v}`, 0, () => undefined);
  }
  set verticalAlignment(v: string) {
    this.write(`verticalAlignment ${v}`, 0, () => undefined);
  }
  autofitColumns(): void {
    this.write("autofitColumns", 0, () => undefined);
  }
}

function validationType(rule: Record<string, unknown>): string {
  const k = Object.keys(rule)[0] ?? "";
  const map: Record<string, string> = {
    list: "List",
    wholeNumber: "WholeNumber",
    decimal: "Decimal",
    custom: "Custom",
    date: "Date",
    time: "Time",
    textLength: "TextLength",
  };
  const t = map[k];
  if (!t) throw new FakeOfficeError("InvalidArgument", `Unknown validation rule ${k}`);
  return t;
}

export class FakeDataValidation extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly loc: () => Located,
    private readonly present: () => boolean,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "DataValidation";
  }
  protected override exists(): boolean {
    return this.present();
  }
  private covering(l: Located): Validation[] {
    return l.sheet.validations.filter((v) => intersects(v.rect, l.rect));
  }
  protected readProp(prop: string): unknown {
    const l = this.loc();
    const hits = this.covering(l);
    const whole = hits.length === 1 && contains(hits[0].rect, l.rect) ? hits[0] : undefined;
    switch (prop) {
      case "type":
        if (hits.length === 0) return "None";
        return whole ? whole.type : "Inconsistent";
      case "prompt":
        return whole?.prompt ?? { showPrompt: false, title: "", message: "" };
      case "errorAlert":
        return whole?.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" };
      case "rule":
        return whole?.rule ?? {};
      case "valid":
        return true;
      default:
        throw new FakeOfficeError("InvalidArgument", `DataValidation has no property ${prop}`);
    }
  }
  get type(): string {
    return this.got("type");
  }
  get prompt(): { showPrompt?: boolean; title?: string; message?: string } {
    return this.got("prompt");
  }
  set prompt(p: { showPrompt?: boolean; title?: string; message?: string }) {
    this.write("validation prompt", jsonLength(p), () => {
      if ((p.title ?? "").length > 32)
        throw new FakeOfficeError(
          "InvalidArgument",
          `Input message title longer than 32 characters: ${p.title}`,
        );
      if ((p.message ?? "").length > 255)
        throw new FakeOfficeError("InvalidArgument", "Input message longer than 255 characters.");
      this.entry().prompt = p;
    });
  }
  get errorAlert(): { showAlert?: boolean; style?: string; title?: string; message?: string } {
    return this.got("errorAlert");
  }
  set errorAlert(a: { showAlert?: boolean; style?: string; title?: string; message?: string }) {
    this.write("validation errorAlert", jsonLength(a), () => {
      if ((a.title ?? "").length > 32)
        throw new FakeOfficeError(
          "InvalidArgument",
          `Error alert title longer than 32 characters: ${a.title}`,
        );
      if ((a.message ?? "").length > 225)
        throw new FakeOfficeError("InvalidArgument", "Error alert message longer than 225 characters.");
      this.entry().errorAlert = a;
    });
  }
  set rule(rule: Record<string, unknown>) {
    this.write("validation rule", jsonLength(rule), () => {
      const l = this.loc();
      guard(l.sheet, "setting data validation");
      const type = validationType(rule);
      const list = rule.list as { source?: unknown } | undefined;
      if (list && typeof list.source === "string" && !list.source.startsWith("=") && list.source.length > 255)
        throw new FakeOfficeError("InvalidArgument", "A list source longer than 255 characters.");
      const e = this.entry();
      e.type = type;
      e.rule = rule;
    });
  }
  clear(): void {
    this.write("validation clear", 0, () => {
      const l = this.loc();
      l.sheet.validations = l.sheet.validations.filter((v) => !contains(l.rect, v.rect));
    });
  }
  /** the validation entry of exactly this range (created on first use; entries inside it are replaced) */
  private entry(): Validation {
    const l = this.loc();
    const same = l.sheet.validations.find(
      (v) =>
        v.rect.r0 === l.rect.r0 &&
        v.rect.r1 === l.rect.r1 &&
        v.rect.c0 === l.rect.c0 &&
        v.rect.c1 === l.rect.c1,
    );
    if (same) return same;
    l.sheet.validations = l.sheet.validations.filter((v) => !contains(l.rect, v.rect));
    const e: Validation = { rect: l.rect, type: "None" };
    l.sheet.validations.push(e);
    return e;
  }
}

export class FakeConditionalFormat {
  readonly custom: {
    readonly rule: { formula: string };
    readonly format: { readonly fill: { color: string }; readonly font: { color: string; bold: boolean } };
  };
  constructor(ctx: FakeRequestContext, entry: () => CondFormat) {
    const enqueue = (what: string, run: () => void): void => ctx.enqueue({ what, payload: what.length, run });
    this.custom = {
      rule: {
        set formula(f: string) {
          enqueue(`conditional format formula ${f}`, () => {
            entry().formula = f;
          });
        },
        get formula(): string {
          throw new FakeOfficeError("PropertyNotLoaded", "rule.formula is write-only in this fake");
        },
      },
      format: {
        fill: {
          set color(c: string) {
            enqueue(`conditional format fill ${c}`, () => {
              entry().fill = c;
            });
          },
          get color(): string {
            throw new FakeOfficeError("PropertyNotLoaded", "fill.color is write-only in this fake");
          },
        },
        font: {
          set color(_c: string) {
            enqueue("conditional format font color", () => undefined);
          },
          get color(): string {
            throw new FakeOfficeError("PropertyNotLoaded", "font.color is write-only in this fake");
          },
          set bold(_b: boolean) {
            enqueue("conditional format font bold", () => undefined);
          },
          get bold(): boolean {
            throw new FakeOfficeError("PropertyNotLoaded", "font.bold is write-only in this fake");
          },
        },
      },
    };
  }
}

export class FakeConditionalFormatCollection {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly loc: () => Located,
    private readonly present: () => boolean,
  ) {}
  add(type: string): FakeConditionalFormat {
    let created: CondFormat | undefined;
    this.ctx.enqueue({
      what: `add conditional format ${type}`,
      payload: 0,
      run: () => {
        const l = this.loc();
        guard(l.sheet, "adding conditional formatting");
        created = { rect: l.rect, type };
        l.sheet.conditionalFormats.push(created);
      },
    });
    return new FakeConditionalFormat(this.ctx, () => {
      if (!created) throw notFound("conditional format");
      return created;
    });
  }
  getCount(): FakeClientResult<number> {
    return new FakeClientResult(this.ctx, () => {
      if (!this.present()) return 0;
      const l = this.loc();
      return l.sheet.conditionalFormats.filter((f) => intersects(f.rect, l.rect)).length;
    });
  }
  clearAll(): void {
    this.ctx.enqueue({
      what: "clear conditional formats",
      payload: 0,
      run: () => {
        const l = this.loc();
        l.sheet.conditionalFormats = l.sheet.conditionalFormats.filter((f) => !intersects(f.rect, l.rect));
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

type TableResolver = () => FakeTableState | null;

function needTable(r: TableResolver): FakeTableState {
  const t = r();
  if (!t) throw notFound("table");
  return t;
}

/** Excel extends validation and conditional formats with the table when rows are added. */
function growWithTable(t: FakeTableState, oldR1: number, by: number): void {
  for (const v of t.sheet.validations)
    if (v.rect.r1 === oldR1 && v.rect.c0 >= t.c0 && v.rect.c1 <= t.c1)
      v.rect = { ...v.rect, r1: v.rect.r1 + by };
  for (const f of t.sheet.conditionalFormats)
    if (f.rect.r1 === oldR1 && f.rect.c0 >= t.c0 && f.rect.c1 <= t.c1)
      f.rect = { ...f.rect, r1: f.rect.r1 + by };
}

export class FakeTableCollection extends FakeCollection<FakeTable> {
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: SheetResolver | null,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "TableCollection";
  }
  protected list(): FakeTable[] {
    const s = this.sheet ? needSheet(this.sheet, "worksheet") : null;
    return this.ctx.state.tables
      .filter((t) => !s || t.sheet === s)
      .map((t) => new FakeTable(this.ctx, () => t));
  }
  add(address: string | FakeRange, _hasHeaders: boolean): FakeTable {
    let created: FakeTableState | undefined;
    this.write(`add table`, 0, () => {
      if (typeof address !== "string") {
        const l = address.need();
        guard(l.sheet, "adding a table");
        created = this.ctx.state.addTable(l.sheet, l.rect);
        return;
      }
      const a = parseA1(address);
      const sheet = a.sheet
        ? this.ctx.state.sheet(a.sheet)
        : this.sheet
          ? needSheet(this.sheet, "worksheet")
          : undefined;
      if (!sheet) throw notFound(`sheet of ${address}`);
      guard(sheet, "adding a table");
      created = this.ctx.state.addTable(sheet, a);
    });
    return new FakeTable(this.ctx, () => created ?? null);
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.ctx, () => {
      const t = this.ctx.state.table(name);
      if (!t) throw notFound(`table ${name}`);
      return t;
    });
  }
  getItemOrNullObject(name: string): FakeTable {
    return new FakeTable(this.ctx, () => this.ctx.state.table(name) ?? null);
  }
}

export class FakeTable extends FakeObject {
  readonly columns: FakeTableColumnCollection;
  readonly rows: FakeTableRowCollection;
  readonly worksheet: FakeWorksheet;
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: TableResolver,
  ) {
    super(ctx);
    this.columns = new FakeTableColumnCollection(ctx, resolve);
    this.rows = new FakeTableRowCollection(ctx, resolve);
    this.worksheet = new FakeWorksheet(ctx, () => this.resolve()?.sheet ?? null);
  }
  protected kind(): string {
    return "Table";
  }
  protected override exists(): boolean {
    return this.resolve() !== null;
  }
  protected override child(prop: string): FakeObject | undefined {
    if (prop === "worksheet") return this.worksheet;
    if (prop === "columns") return this.columns;
    if (prop === "rows") return this.rows;
    return undefined;
  }
  protected readProp(prop: string): unknown {
    const t = needTable(this.resolve);
    if (prop === "name") return t.name;
    if (prop === "style") return t.style;
    if (prop === "showTotals") return false;
    if (prop === "id") return t.name;
    throw new FakeOfficeError("InvalidArgument", `Table has no property ${prop}`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.write(`rename table to ${v}`, 0, () => {
      const t = needTable(this.resolve);
      const other = this.ctx.state.table(v);
      if (other && other !== t) throw new FakeOfficeError("ItemAlreadyExists", `A table named ${v} exists.`);
      t.name = v;
    });
  }
  get style(): string {
    return this.got("style");
  }
  set style(v: string) {
    this.write(`table style ${v}`, 0, () => {
      needTable(this.resolve).style = v;
    });
  }
  private range(f: (t: FakeTableState) => CellRect): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.resolve();
      return t ? { sheet: t.sheet, rect: f(t) } : null;
    });
  }
  getRange(): FakeRange {
    return this.range((t) => t.rect);
  }
  getHeaderRowRange(): FakeRange {
    return this.range((t) => ({ ...t.rect, r1: t.r0 }));
  }
  getDataBodyRange(): FakeRange {
    return this.range((t) => t.bodyRect);
  }
  resize(newRange: string): void {
    this.write(`resize table to ${newRange}`, 0, () => {
      const t = needTable(this.resolve);
      const a = parseA1(newRange);
      if (a.r0 !== t.r0 || a.c0 !== t.c0)
        throw new FakeOfficeError("InvalidArgument", "The header row must stay where it is.");
      const old = t.r1;
      t.r1 = a.r1;
      t.c1 = a.c1;
      if (a.r1 > old) growWithTable(t, old, a.r1 - old);
    });
  }
}

export class FakeTableColumnCollection extends FakeCollection<FakeTableColumn> {
  constructor(
    ctx: FakeRequestContext,
    private readonly table: TableResolver,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "TableColumnCollection";
  }
  protected list(): FakeTableColumn[] {
    const t = needTable(this.table);
    const out: FakeTableColumn[] = [];
    for (let i = 0; i <= t.c1 - t.c0; i++) out.push(this.getItemAt(i));
    return out;
  }
  getItemAt(index: number): FakeTableColumn {
    return new FakeTableColumn(this.ctx, () => {
      const t = this.table();
      if (!t || index > t.c1 - t.c0) return null;
      return { t, c: t.c0 + index };
    });
  }
  getItem(name: string): FakeTableColumn {
    return new FakeTableColumn(this.ctx, () => {
      const t = needTable(this.table);
      const i = t.headers().findIndex((h) => h.toLowerCase() === name.toLowerCase());
      if (i < 0) throw notFound(`column ${name} of ${t.name}`);
      return { t, c: t.c0 + i };
    });
  }
  getItemOrNullObject(name: string): FakeTableColumn {
    return new FakeTableColumn(this.ctx, () => {
      const t = this.table();
      const i = t ? t.headers().findIndex((h) => h.toLowerCase() === name.toLowerCase()) : -1;
      return t && i >= 0 ? { t, c: t.c0 + i } : null;
    });
  }
  /** appends a column at the end (index null); cells right of the table on its rows move right */
  add(index?: number | null, values?: FakeScalar[][] | FakeScalar, name?: string): FakeTableColumn {
    let created: { t: FakeTableState; c: number } | undefined;
    this.write(`add table column ${name ?? ""}`, jsonLength(values) + jsonLength(name), () => {
      const t = needTable(this.table);
      guard(t.sheet, "adding a table column");
      if (index !== undefined && index !== null && index !== t.c1 - t.c0 + 1)
        throw new FakeOfficeError("InvalidArgument", "This fake only appends columns at the end.");
      if (t.sheet.merged.some((m) => intersects(m, { r0: t.r0, r1: t.r1, c0: t.c1 + 1, c1: t.c1 + 1 })))
        throw new FakeOfficeError("InvalidOperation", "Can't insert a column through merged cells.");
      const c = t.c1 + 1;
      t.sheet.shiftColumns(c, t.r0, t.r1, 1);
      t.c1 = c;
      let header = name;
      if (!header) header = `Column${c - t.c0 + 1}`;
      t.sheet.writeValue(t.r0, c, header);
      if (Array.isArray(values))
        values.forEach((row, i) => {
          if (i > 0) t.sheet.writeValue(t.r0 + i, c, row[0] ?? null);
        });
      created = { t, c };
    });
    return new FakeTableColumn(this.ctx, () => created ?? null);
  }
}

export class FakeTableColumn extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: () => { t: FakeTableState; c: number } | null,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "TableColumn";
  }
  protected override exists(): boolean {
    return this.resolve() !== null;
  }
  protected readProp(prop: string): unknown {
    const x = this.resolve();
    if (!x) throw notFound("table column");
    if (prop === "name") return String(x.t.sheet.value(x.t.r0, x.c));
    if (prop === "index") return x.c - x.t.c0;
    throw new FakeOfficeError("InvalidArgument", `TableColumn has no property ${prop}`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.write(`rename column to ${v}`, jsonLength(v), () => {
      const x = this.resolve();
      if (!x) throw notFound("table column");
      guard(x.t.sheet, "renaming a column");
      x.t.sheet.writeValue(x.t.r0, x.c, v);
    });
  }
  get index(): number {
    return this.got("index");
  }
  private range(body: boolean, header: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const x = this.resolve();
      if (!x) return null;
      return {
        sheet: x.t.sheet,
        rect: { r0: header ? x.t.r0 : x.t.r0 + 1, r1: body ? x.t.r1 : x.t.r0, c0: x.c, c1: x.c },
      };
    });
  }
  getDataBodyRange(): FakeRange {
    return this.range(true, false);
  }
  getHeaderRowRange(): FakeRange {
    return this.range(false, true);
  }
  getRange(): FakeRange {
    return this.range(true, true);
  }
}

export class FakeTableRowCollection extends FakeCollection<FakeTableRow> {
  constructor(
    ctx: FakeRequestContext,
    private readonly table: TableResolver,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "TableRowCollection";
  }
  protected override readProp(prop: string): unknown {
    if (prop === "count") {
      const t = needTable(this.table);
      return t.r1 - t.r0;
    }
    return super.readProp(prop);
  }
  override load(props?: string | string[]): this {
    const list = splitProps(props);
    if (list.length === 1 && list[0] === "count") {
      return FakeObject.prototype.load.call(this, props) as this;
    }
    return super.load(props);
  }
  get count(): number {
    return this.got("count");
  }
  protected list(): FakeTableRow[] {
    const t = needTable(this.table);
    const out: FakeTableRow[] = [];
    for (let i = 0; i < t.r1 - t.r0; i++) out.push(this.getItemAt(i));
    return out;
  }
  getItemAt(index: number): FakeTableRow {
    return new FakeTableRow(this.ctx, this.table, index);
  }
  /** appends rows at the end (index null/-1); cells below the table in its columns move down */
  add(index?: number | null, values?: FakeScalar[][] | FakeScalar): FakeTableRow {
    const n = Array.isArray(values) ? values.length : 1;
    this.write(`add ${n} table rows`, jsonLength(values), () => {
      const t = needTable(this.table);
      guard(t.sheet, "adding table rows");
      if (index !== undefined && index !== null && index !== -1)
        throw new FakeOfficeError("InvalidArgument", "This fake only appends rows at the end.");
      const cols = t.c1 - t.c0 + 1;
      if (Array.isArray(values) && values.some((row) => !Array.isArray(row) || row.length !== cols))
        throw new FakeOfficeError(
          "InvalidArgument",
          `The rows added to ${t.name} must have ${cols} values each.`,
        );
      const first = t.r1 + 1;
      if (t.sheet.rows.length > first) t.sheet.shiftRows(first, t.c0, t.c1, n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < cols; j++) {
          const v = Array.isArray(values) ? values[i][j] : values;
          t.sheet.writeValue(first + i, t.c0 + j, v ?? null);
        }
      const old = t.r1;
      t.r1 += n;
      growWithTable(t, old, n);
    });
    return new FakeTableRow(this.ctx, this.table, -1);
  }
}

export class FakeTableRow extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly table: TableResolver,
    private readonly index: number,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "TableRow";
  }
  protected readProp(prop: string): unknown {
    const t = needTable(this.table);
    if (prop === "index") return this.index;
    if (prop === "values") {
      const r = t.r0 + 1 + this.index;
      const row: FakeScalar[] = [];
      for (let c = t.c0; c <= t.c1; c++) row.push(t.sheet.value(r, c));
      return [row];
    }
    throw new FakeOfficeError("InvalidArgument", `TableRow has no property ${prop}`);
  }
  get values(): FakeScalar[][] {
    return this.got("values");
  }
  /** deletes the row; the rows below move up (indexes of later rows change) */
  delete(): void {
    this.write(`delete table row ${this.index}`, 0, () => {
      const t = needTable(this.table);
      guard(t.sheet, "deleting table rows");
      if (this.index < 0 || this.index >= t.r1 - t.r0)
        throw new FakeOfficeError("InvalidArgument", `No row ${this.index} in ${t.name}.`);
      const r = t.r0 + 1 + this.index;
      for (let c = t.c0; c <= t.c1; c++) t.sheet.clearCell(r, c);
      t.sheet.shiftRows(r + 1, t.c0, t.c1, -1);
      t.r1 -= 1;
      for (const v of t.sheet.validations)
        if (v.rect.r1 >= r && v.rect.c0 >= t.c0 && v.rect.c1 <= t.c1 && v.rect.r1 > v.rect.r0)
          v.rect = { ...v.rect, r1: v.rect.r1 - 1 };
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Names and charts

export class FakeNamedItemCollection extends FakeCollection<FakeNamedItem> {
  protected kind(): string {
    return "NamedItemCollection";
  }
  protected list(): FakeNamedItem[] {
    return this.ctx.state.names.map((n) => new FakeNamedItem(this.ctx, () => n));
  }
  add(name: string, reference: FakeRange | string, _comment?: string): FakeNamedItem {
    let created: { name: string; formula: string } | undefined;
    this.write(`add name ${name}`, jsonLength(typeof reference === "string" ? reference : ""), () => {
      if (this.ctx.state.names.some((n) => n.name.toLowerCase() === name.toLowerCase()))
        throw new FakeOfficeError("ItemAlreadyExists", `The name ${name} already exists.`);
      let formula: string;
      if (typeof reference === "string") formula = reference.startsWith("=") ? reference : `=${reference}`;
      else {
        const l = reference.need();
        formula = `=${quoteSheet(l.sheet.name)}!${formatA1(l.rect, undefined, true)}`;
      }
      created = { name, formula };
      this.ctx.state.names.push(created);
    });
    return new FakeNamedItem(this.ctx, () => created ?? null);
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => {
      const n = this.ctx.state.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!n) throw notFound(`name ${name}`);
      return n;
    });
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(
      this.ctx,
      () => this.ctx.state.names.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null,
    );
  }
}

export class FakeNamedItem extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: () => { name: string; formula: string } | null,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "NamedItem";
  }
  protected override exists(): boolean {
    return this.resolve() !== null;
  }
  protected readProp(prop: string): unknown {
    const n = this.resolve();
    if (!n) throw notFound("name");
    if (prop === "name") return n.name;
    if (prop === "formula") return n.formula;
    if (prop === "type")
      return /^=('[^']+'|[A-Za-z0-9_.]+)!\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(n.formula)
        ? "Range"
        : "Formula";
    if (prop === "visible") return true;
    if (prop === "value") return n.formula.slice(1);
    throw new FakeOfficeError("InvalidArgument", `NamedItem has no property ${prop}`);
  }
  get name(): string {
    return this.got("name");
  }
  get formula(): string {
    return this.got("formula");
  }
  get type(): string {
    return this.got("type");
  }
  delete(): void {
    this.write("delete name", 0, () => {
      const n = this.resolve();
      if (!n) throw notFound("name");
      this.ctx.state.names = this.ctx.state.names.filter((x) => x !== n);
    });
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const n = this.resolve();
      if (!n) return null;
      const a = parseA1(n.formula.slice(1));
      const sheet = this.ctx.state.sheet(a.sheet ?? "");
      if (!sheet) throw notFound(`sheet of name ${n.name}`);
      return { sheet, rect: a };
    });
  }
}

export class FakeChartCollection extends FakeCollection<FakeChart> {
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: SheetResolver,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "ChartCollection";
  }
  protected list(): FakeChart[] {
    return needSheet(this.sheet, "worksheet").charts.map((c) => new FakeChart(this.ctx, () => c));
  }
  add(type: string, sourceData: FakeRange, _seriesBy?: string): FakeChart {
    let created: FakeChartState | undefined;
    this.write(`add chart ${type}`, 0, () => {
      const s = needSheet(this.sheet, "worksheet");
      guard(s, "adding a chart");
      const l = sourceData.need();
      created = {
        name: `Chart ${s.charts.length + 1}`,
        type,
        title: "",
        source: formatA1(l.rect, l.sheet.name),
        seriesName: "",
        values: formatA1(l.rect, l.sheet.name),
        xValues: "",
        from: "",
        to: "",
      };
      s.charts.push(created);
    });
    return new FakeChart(this.ctx, () => created ?? null);
  }
  getItemOrNullObject(name: string): FakeChart {
    return new FakeChart(this.ctx, () => this.sheet()?.charts.find((c) => c.name === name) ?? null);
  }
  getItem(name: string): FakeChart {
    return new FakeChart(this.ctx, () => {
      const c = needSheet(this.sheet, "worksheet").charts.find((x) => x.name === name);
      if (!c) throw notFound(`chart ${name}`);
      return c;
    });
  }
}

export class FakeChart extends FakeObject {
  readonly title: { text: string };
  readonly series: { getItemAt(i: number): FakeChartSeries };
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: () => FakeChartState | null,
  ) {
    super(ctx);
    const need = (): FakeChartState => {
      const c = this.resolve();
      if (!c) throw notFound("chart");
      return c;
    };
    const enqueue = (what: string, run: () => void): void => ctx.enqueue({ what, payload: 0, run });
    this.title = {
      set text(v: string) {
        enqueue(`chart title ${v}`, () => {
          need().title = v;
        });
      },
      get text(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "chart title is write-only in this fake");
      },
    };
    this.series = { getItemAt: (i: number) => new FakeChartSeries(ctx, need, i) };
  }
  protected kind(): string {
    return "Chart";
  }
  protected override exists(): boolean {
    return this.resolve() !== null;
  }
  protected readProp(prop: string): unknown {
    const c = this.resolve();
    if (!c) throw notFound("chart");
    if (prop === "name") return c.name;
    throw new FakeOfficeError("InvalidArgument", `Chart has no property ${prop}`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.write(`chart name ${v}`, 0, () => {
      const c = this.resolve();
      if (!c) throw notFound("chart");
      c.name = v;
    });
  }
  setPosition(startCell: string, endCell?: string): void {
    this.write(`chart position ${startCell}:${endCell ?? ""}`, 0, () => {
      const c = this.resolve();
      if (!c) throw notFound("chart");
      c.from = startCell;
      c.to = endCell ?? "";
    });
  }
}

export class FakeChartSeries {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly chart: () => FakeChartState,
    private readonly index: number,
  ) {}
  private rangeAddress(r: FakeRange): string {
    const l = r.need();
    return formatA1(l.rect, l.sheet.name);
  }
  set name(v: string) {
    this.ctx.enqueue({
      what: `series name ${v}`,
      payload: 0,
      run: () => {
        this.chart().seriesName = v;
      },
    });
  }
  setValues(source: FakeRange): void {
    this.ctx.enqueue({
      what: `series ${this.index} values`,
      payload: 0,
      run: () => {
        this.chart().values = this.rangeAddress(source);
      },
    });
  }
  setXAxisValues(source: FakeRange): void {
    this.ctx.enqueue({
      what: `series ${this.index} x values`,
      payload: 0,
      run: () => {
        this.chart().xValues = this.rangeAddress(source);
      },
    });
  }
}

export class FakeSettingCollection extends FakeCollection<FakeSetting> {
  protected kind(): string {
    return "SettingCollection";
  }
  protected list(): FakeSetting[] {
    return [...this.ctx.state.settings.keys()].map((k) => new FakeSetting(this.ctx, k));
  }
  add(key: string, value: unknown): FakeSetting {
    this.write(`setting ${key}`, jsonLength(value), () => {
      this.ctx.state.settings.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    });
    return new FakeSetting(this.ctx, key);
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.ctx, key);
  }
}

export class FakeSetting extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly key: string,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "Setting";
  }
  protected override exists(): boolean {
    return this.ctx.state.settings.has(this.key);
  }
  protected readProp(prop: string): unknown {
    if (prop === "key") return this.key;
    if (prop === "value") return this.ctx.state.settings.get(this.key);
    throw new FakeOfficeError("InvalidArgument", `Setting has no property ${prop}`);
  }
  get value(): unknown {
    return this.got("value");
  }
  delete(): void {
    this.write(`delete setting ${this.key}`, 0, () => {
      this.ctx.state.settings.delete(this.key);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Excel.run's shape, over the fake. */
export type FakeRun = <T>(batch: (context: FakeRequestContext) => Promise<T>) => Promise<T>;

export interface FakeExcel {
  readonly state: FakeWorkbookState;
  readonly recorder: FakeRecorder;
  /** like Excel.run: a new request context per batch; pending writes are synced at the end */
  readonly run: FakeRun;
  /** the same run, typed as Excel.run's single-batch form (for createExcelOperations) */
  readonly excelRun: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** a context outside run (tests call helpers with it directly) */
  context(): FakeRequestContext;
  /** values of a range, e.g. values("Partnerships", "A1:C3") */
  values(sheet: string, address: string): FakeScalar[][];
  formulas(sheet: string, address: string): FakeScalar[][];
  /** the used range of a sheet as values, from A1 (empty sheet → []) */
  grid(sheet: string): FakeScalar[][];
}

export function createFakeExcel(init?: FakeWorkbookInit): FakeExcel {
  const state = initState(init);
  const recorder = new FakeRecorder();
  const context = (): FakeRequestContext => new FakeRequestContext(state, recorder);
  const read = (
    sheet: string,
    address: string,
    f: (s: FakeSheetState, r: number, c: number) => FakeScalar,
  ) => {
    const s = state.sheet(sheet);
    if (!s) throw new Error(`No sheet ${sheet}`);
    return mapRect({ sheet: s, rect: parseA1(address) }, (r, c) => f(s, r, c));
  };
  const run = async <T>(batch: (ctx: FakeRequestContext) => Promise<T>): Promise<T> => {
    const ctx = context();
    const out = await batch(ctx);
    if (ctx.pending > 0) await ctx.sync();
    return out;
  };
  return {
    state,
    recorder,
    context,
    run,
    // the one cast between the fake and Office's types: the fake implements the subset structurally
    excelRun: <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
      run((ctx) => batch(ctx as unknown as Excel.RequestContext)),
    values: (sheet, address) => read(sheet, address, (s, r, c) => s.value(r, c)),
    formulas: (sheet, address) => read(sheet, address, (s, r, c) => s.formula(r, c)),
    grid: (sheet) => {
      const s = state.sheet(sheet);
      if (!s) throw new Error(`No sheet ${sheet}`);
      const used = s.usedRect();
      if (!used) return [];
      return mapRect({ sheet: s, rect: { r0: 0, c0: 0, r1: used.r1, c1: used.c1 } }, (r, c) => s.value(r, c));
    },
  };
}

/** The one cast between the fake and Office's types: the fake implements the subset structurally. */
export function asExcelContext(ctx: FakeRequestContext): Excel.RequestContext {
  return ctx as unknown as Excel.RequestContext;
}

/** Column letter helper re-exported for tests. */
export { columnLetter };

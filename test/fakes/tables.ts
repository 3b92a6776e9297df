/**
 * Tables: TableCollection, Table, columns, rows, filters.
 *
 * Excel's behaviour modelled here, each from Microsoft's documentation or the office-js tracker:
 * - A table made over a header-only range gets one empty body row, and `rows.add` then fills that
 *   placeholder row instead of adding after it: Microsoft's own sample makes a table over "A1:D1",
 *   adds seven rows with `rows.add(null, …)` and gets a table of "seven rows of data"
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-tables#create-a-table).
 *   The fake treats any table whose only body row is entirely empty (no value, no formula) so.
 * - Deleting table rows while the table is filtered fails: office-js issue 994 ("Table Row
 *   delete() is not working when there is a filter apply to the table",
 *   https://github.com/OfficeDev/office-js/issues/994); Excel's error codes name the conflict
 *   (InsertDeleteConflict, FilteredRangeConflict in Excel.ErrorCodes). The fake refuses
 *   TableRow.delete and a Range.delete over table rows under a filter with InsertDeleteConflict.
 *   `Table.clearFilters()` (ExcelApi 1.2) removes the filter; `TableColumn.filter.apply(criteria)`
 *   puts one back (the work-around discussed in office-js issues 994, 1000 and 3030).
 * - Data validation and conditional formats on a table's columns grow with its rows.
 */
import { parseA1, type CellRect } from "../../src/core/model/a1";
import {
  FakeCollection,
  FakeObject,
  FakeOfficeError,
  NullObjectUse,
  fromParent,
  jsonBytes,
  notFound,
  splitProps,
} from "./base";
import type { FakeRequestContext } from "./context";
import { FakeRange } from "./ranges";
import {
  intersects,
  type FakeFilterCriteria,
  type FakeScalar,
  type FakeSheetState,
  type FakeTableState,
} from "./state";
import { FakeWorksheet, guard } from "./workbook";

/** Resolves a table: its state, null for a null object, or throws (missing / reached through a null object). */
export type TableResolver = () => FakeTableState | null;

function needTable(r: TableResolver, what = "Table"): FakeTableState {
  const t = r();
  if (!t) throw new NullObjectUse(what);
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

function refuseUnderFilter(t: FakeTableState, what: string): void {
  if (t.filtered)
    throw new FakeOfficeError(
      "InsertDeleteConflict",
      `${what} of ${t.name} was refused: the table is filtered (clear the filter first).`,
      t.name,
    );
}

/**
 * Deletes `count` body rows of a table from body row `first`; the rows below move up. Deleting
 * every body row leaves one empty row, as a table always has one.
 */
export function deleteTableRows(t: FakeTableState, first: number, count: number): void {
  guard(t.sheet, "deleting table rows");
  refuseUnderFilter(t, "Deleting rows");
  const body = t.r1 - t.r0;
  if (first < 0 || count < 1 || first + count > body)
    throw new FakeOfficeError("InvalidArgument", `No rows ${first}…${first + count - 1} in ${t.name}.`);
  const r = t.r0 + 1 + first;
  const removed = count === body ? count - 1 : count;
  for (let rr = r; rr < r + count; rr++) for (let c = t.c0; c <= t.c1; c++) t.sheet.clearCell(rr, c);
  if (removed > 0) t.sheet.shiftRows(r + count, t.c0, t.c1, -removed);
  t.r1 -= removed;
  for (const v of t.sheet.validations)
    if (v.rect.r1 >= r && v.rect.c0 >= t.c0 && v.rect.c1 <= t.c1 && v.rect.r1 - removed >= v.rect.r0)
      v.rect = { ...v.rect, r1: v.rect.r1 - removed };
  for (const f of t.sheet.conditionalFormats)
    if (f.rect.r1 >= r && f.rect.c0 >= t.c0 && f.rect.c1 <= t.c1 && f.rect.r1 - removed >= f.rect.r0)
      f.rect = { ...f.rect, r1: f.rect.r1 - removed };
}

export class FakeTableCollection extends FakeCollection<FakeTable> {
  constructor(
    ctx: FakeRequestContext,
    /** the sheet of a sheet's collection; null for the workbook's */
    private readonly sheet: (() => FakeSheetState) | null,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "TableCollection";
  }
  protected list(): FakeTable[] {
    const s = this.sheet ? this.sheet() : null;
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
      const sheet = a.sheet ? this.ctx.state.sheet(a.sheet) : this.sheet ? this.sheet() : undefined;
      if (!sheet) throw notFound(`sheet of ${address}`);
      guard(sheet, "adding a table");
      created = this.ctx.state.addTable(sheet, a);
    });
    return new FakeTable(this.ctx, () => {
      if (!created) throw notFound("the table that was to be added");
      return created;
    });
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.ctx, () => {
      const t = this.ctx.state.table(name);
      if (!t) throw notFound(`table ${name}`);
      return t;
    });
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(name: string): FakeTable {
    this.ctx.requireApi("ExcelApi", "1.4", "TableCollection.getItemOrNullObject");
    return new FakeTable(this.ctx, () => this.ctx.state.table(name) ?? null);
  }
}

/** ExcelApi 1.9 (AutoFilter of a table): whether any of its columns is filtered. */
export class FakeAutoFilter extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly table: () => FakeTableState,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "AutoFilter";
  }
  override load(props?: string | string[]): this {
    this.ctx.requireApi("ExcelApi", "1.9", "Table.autoFilter");
    return super.load(props);
  }
  protected override exists(): boolean {
    this.table();
    return true;
  }
  protected readProp(prop: string): unknown {
    const t = this.table();
    if (prop === "enabled") return true;
    if (prop === "isDataFiltered") return t.filtered;
    throw new FakeOfficeError("InvalidArgument", `AutoFilter has no property ${prop}`);
  }
  get isDataFiltered(): boolean {
    return this.got("isDataFiltered");
  }
}

export class FakeTable extends FakeObject {
  readonly columns: FakeTableColumnCollection;
  readonly rows: FakeTableRowCollection;
  readonly worksheet: FakeWorksheet;
  readonly autoFilter: FakeAutoFilter;
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: TableResolver,
  ) {
    super(ctx);
    // navigation from a null table is a use of a null object
    const table = fromParent(resolve, "Table", (t) => t);
    this.columns = new FakeTableColumnCollection(ctx, table);
    this.rows = new FakeTableRowCollection(ctx, table);
    this.worksheet = new FakeWorksheet(ctx, () => table().sheet);
    this.autoFilter = new FakeAutoFilter(ctx, table);
  }
  protected kind(): string {
    return "Table";
  }
  protected override exists(): boolean {
    return this.resolve() !== null;
  }
  protected override child(prop: string): FakeObject | undefined {
    if (prop === "worksheet") return this.worksheet;
    if (prop === "autoFilter") return this.autoFilter;
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
    this.write(`rename table to ${v}`, v.length, () => {
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
  private range(f: (t: FakeTableState) => CellRect, what: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = needTable(this.resolve, what);
      return { sheet: t.sheet, rect: f(t) };
    });
  }
  getRange(): FakeRange {
    return this.range((t) => t.rect, "Table.getRange");
  }
  getHeaderRowRange(): FakeRange {
    return this.range((t) => ({ ...t.rect, r1: t.r0 }), "Table.getHeaderRowRange");
  }
  getDataBodyRange(): FakeRange {
    return this.range((t) => t.bodyRect, "Table.getDataBodyRange");
  }
  /** ExcelApi 1.2: removes every column filter of the table. */
  clearFilters(): void {
    this.write("clear table filters", 0, () => {
      needTable(this.resolve, "Table.clearFilters").filters.clear();
    });
  }
  /** ExcelApi 1.2. */
  reapplyFilters(): void {
    this.write("reapply table filters", 0, () => void needTable(this.resolve, "Table.reapplyFilters"));
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
    private readonly table: () => FakeTableState,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "TableColumnCollection";
  }
  protected list(): FakeTableColumn[] {
    const t = this.table();
    const out: FakeTableColumn[] = [];
    for (let i = 0; i <= t.c1 - t.c0; i++) out.push(this.getItemAt(i));
    return out;
  }
  getItemAt(index: number): FakeTableColumn {
    return new FakeTableColumn(this.ctx, () => {
      const t = this.table();
      if (index < 0 || index > t.c1 - t.c0) throw notFound(`column ${index} of ${t.name}`);
      return { t, c: t.c0 + index };
    });
  }
  getItem(name: string): FakeTableColumn {
    return new FakeTableColumn(this.ctx, () => {
      const t = this.table();
      const i = t.headers().findIndex((h) => h.toLowerCase() === name.toLowerCase());
      if (i < 0) throw notFound(`column ${name} of ${t.name}`);
      return { t, c: t.c0 + i };
    });
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(name: string): FakeTableColumn {
    this.ctx.requireApi("ExcelApi", "1.4", "TableColumnCollection.getItemOrNullObject");
    return new FakeTableColumn(this.ctx, () => {
      const t = this.table();
      const i = t.headers().findIndex((h) => h.toLowerCase() === name.toLowerCase());
      return i >= 0 ? { t, c: t.c0 + i } : null;
    });
  }
  /** appends a column at the end (index null); cells right of the table on its rows move right */
  add(index?: number | null, values?: FakeScalar[][] | FakeScalar, name?: string): FakeTableColumn {
    let created: { t: FakeTableState; c: number } | undefined;
    this.write(`add table column ${name ?? ""}`, jsonBytes(values) + jsonBytes(name), () => {
      const t = this.table();
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
    return new FakeTableColumn(this.ctx, () => {
      if (!created) throw notFound("the column that was to be added");
      return created;
    });
  }
}

type ColumnResolver = () => { t: FakeTableState; c: number } | null;

export class FakeTableColumn extends FakeObject {
  readonly filter: FakeFilter;
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: ColumnResolver,
  ) {
    super(ctx);
    this.filter = new FakeFilter(
      ctx,
      fromParent(resolve, "TableColumn.filter", (x) => x),
    );
  }
  protected kind(): string {
    return "TableColumn";
  }
  protected override exists(): boolean {
    return this.resolve() !== null;
  }
  protected override child(prop: string): FakeObject | undefined {
    if (prop === "filter") return this.filter;
    return undefined;
  }
  private need(what: string): { t: FakeTableState; c: number } {
    const x = this.resolve();
    if (!x) throw new NullObjectUse(what);
    return x;
  }
  protected readProp(prop: string): unknown {
    const x = this.need("TableColumn");
    if (prop === "name") return String(x.t.sheet.value(x.t.r0, x.c));
    if (prop === "index") return x.c - x.t.c0;
    throw new FakeOfficeError("InvalidArgument", `TableColumn has no property ${prop}`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.write(`rename column to ${v}`, jsonBytes(v), () => {
      const x = this.need("TableColumn.name");
      guard(x.t.sheet, "renaming a column");
      x.t.sheet.writeValue(x.t.r0, x.c, v);
    });
  }
  get index(): number {
    return this.got("index");
  }
  private range(body: boolean, header: boolean, what: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const x = this.need(what);
      return {
        sheet: x.t.sheet,
        rect: { r0: header ? x.t.r0 : x.t.r0 + 1, r1: body ? x.t.r1 : x.t.r0, c0: x.c, c1: x.c },
      };
    });
  }
  getDataBodyRange(): FakeRange {
    return this.range(true, false, "TableColumn.getDataBodyRange");
  }
  getHeaderRowRange(): FakeRange {
    return this.range(false, true, "TableColumn.getHeaderRowRange");
  }
  getRange(): FakeRange {
    return this.range(true, true, "TableColumn.getRange");
  }
}

/** ExcelApi 1.2 (Filter of a table column): criteria, apply, clear. */
export class FakeFilter extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: () => { t: FakeTableState; c: number },
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "Filter";
  }
  protected override exists(): boolean {
    this.resolve();
    return true;
  }
  /**
   * Loaded criteria carry every FilterCriteria property, those not set as null (office-js issue
   * 1226: "The objects from the criteria array have properties with the value null"; the property
   * list is Excel.FilterCriteria's, https://learn.microsoft.com/javascript/api/excel/excel.filtercriteria).
   */
  protected readProp(prop: string): unknown {
    const { t, c } = this.resolve();
    if (prop === "criteria") {
      const f = t.filters.get(c - t.c0);
      if (!f) return null;
      const all: Record<string, unknown> = {
        color: null,
        criterion1: null,
        criterion2: null,
        dynamicCriteria: null,
        filterOn: f.filterOn,
        icon: null,
        operator: null,
        subField: null,
        values: f.values ? [...f.values] : null,
      };
      return all;
    }
    throw new FakeOfficeError("InvalidArgument", `Filter has no property ${prop}`);
  }
  get criteria(): FakeFilterCriteria | null {
    return this.got("criteria");
  }
  /**
   * Criteria with a null property are refused: "when you try to use them with apply, it throws …
   * The argument is invalid or missing or has an incorrect format" (office-js issue 1226), so the
   * criteria as loaded cannot be applied again as they are.
   */
  apply(criteria: FakeFilterCriteria): void {
    this.write("apply filter", jsonBytes(criteria), () => {
      const { t, c } = this.resolve();
      if (!criteria || typeof criteria.filterOn !== "string")
        throw new FakeOfficeError("InvalidArgument", "A filter needs criteria with filterOn.");
      if (Object.values(criteria).some((v) => v === null))
        throw new FakeOfficeError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format.",
          "Filter.apply",
        );
      t.filters.set(c - t.c0, { ...criteria, values: criteria.values ? [...criteria.values] : undefined });
    });
  }
  clear(): void {
    this.write("clear filter", 0, () => {
      const { t, c } = this.resolve();
      t.filters.delete(c - t.c0);
    });
  }
}

export class FakeTableRowCollection extends FakeCollection<FakeTableRow> {
  constructor(
    ctx: FakeRequestContext,
    private readonly table: () => FakeTableState,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "TableRowCollection";
  }
  protected override readProp(prop: string): unknown {
    if (prop === "count") {
      const t = this.table();
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
    const t = this.table();
    const out: FakeTableRow[] = [];
    for (let i = 0; i < t.r1 - t.r0; i++) out.push(this.getItemAt(i));
    return out;
  }
  getItemAt(index: number): FakeTableRow {
    return new FakeTableRow(this.ctx, this.table, index);
  }
  /**
   * Appends rows at the end (index null/-1); cells below the table in its columns move down. On a
   * table whose only body row is empty, the first row fills that placeholder row (see the header).
   */
  add(index?: number | null, values?: FakeScalar[][] | FakeScalar): FakeTableRow {
    const n = Array.isArray(values) ? values.length : 1;
    this.write(`add ${n} table rows`, jsonBytes(values), () => {
      const t = this.table();
      guard(t.sheet, "adding table rows");
      if (index !== undefined && index !== null && index !== -1)
        throw new FakeOfficeError("InvalidArgument", "This fake only appends rows at the end.");
      const cols = t.c1 - t.c0 + 1;
      if (Array.isArray(values) && values.some((row) => !Array.isArray(row) || row.length !== cols))
        throw new FakeOfficeError(
          "InvalidArgument",
          `The rows added to ${t.name} must have ${cols} values each.`,
        );
      const placeholder = t.hasPlaceholderRow();
      const first = placeholder ? t.r1 : t.r1 + 1;
      const grow = placeholder ? n - 1 : n;
      if (grow > 0 && t.sheet.rows.length > t.r1 + 1) t.sheet.shiftRows(t.r1 + 1, t.c0, t.c1, grow);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < cols; j++) {
          const v = Array.isArray(values) ? values[i][j] : values;
          t.sheet.writeValue(first + i, t.c0 + j, v ?? null);
        }
      const old = t.r1;
      t.r1 += grow;
      if (grow > 0) growWithTable(t, old, grow);
    });
    return new FakeTableRow(this.ctx, this.table, -1);
  }
}

export class FakeTableRow extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly table: () => FakeTableState,
    private readonly index: number,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "TableRow";
  }
  protected readProp(prop: string): unknown {
    const t = this.table();
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
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.table();
      const r = t.r0 + 1 + this.index;
      return { sheet: t.sheet, rect: { r0: r, r1: r, c0: t.c0, c1: t.c1 } };
    });
  }
  /** deletes the row; the rows below move up (indexes of later rows change); refused under a filter */
  delete(): void {
    this.write(`delete table row ${this.index}`, 0, () => {
      const t = this.table();
      deleteTableRows(t, this.index, 1);
    });
  }
}

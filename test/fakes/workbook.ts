/**
 * The workbook and its sheets: Application, Workbook, WorksheetCollection, Worksheet, sheet and
 * workbook protection, freeze panes.
 */
import { parseA1 } from "../../src/core/model/a1";
import { FakeCollection, FakeObject, FakeOfficeError, NullObjectUse, fromParent, notFound } from "./base";
import { FakeChartCollection } from "./charts";
import type { FakeRequestContext } from "./context";
import { FakeNamedItemCollection } from "./names";
import { FakeRange, FakeRangeAreas } from "./ranges";
import { FakeSettingCollection } from "./settings";
import { FakeSheetState } from "./state";
import { FakeTableCollection } from "./tables";

/** The longest address Worksheet.getRanges takes in the fake (see getRanges). */
export const MAX_RANGES_ADDRESS = 8192;

export class FakeApplication extends FakeObject {
  protected kind(): string {
    return "Application";
  }
  protected readProp(prop: string): unknown {
    if (prop === "calculationMode") return "Automatic";
    throw new FakeOfficeError("InvalidArgument", `Application has no property ${prop}`);
  }
  /** ExcelApi 1.6 (Application.suspendApiCalculationUntilNextSync). */
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.requireApi("ExcelApi", "1.6", "Application.suspendApiCalculationUntilNextSync");
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

/** ExcelApi 1.7 (WorkbookProtection). */
export class FakeWorkbookProtection extends FakeObject {
  protected kind(): string {
    return "WorkbookProtection";
  }
  override load(props?: string | string[]): this {
    this.ctx.requireApi("ExcelApi", "1.7", "Workbook.protection");
    return super.load(props);
  }
  protected readProp(prop: string): unknown {
    if (prop === "protected") return this.ctx.state.structureProtected;
    throw new FakeOfficeError("InvalidArgument", `WorkbookProtection has no property ${prop}`);
  }
  get protected(): boolean {
    return this.got("protected");
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
    this.write(`add sheet ${name}`, name.length, () => {
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
  /** ExcelApi 1.4. */
  getItemOrNullObject(name: string): FakeWorksheet {
    this.ctx.requireApi("ExcelApi", "1.4", "WorksheetCollection.getItemOrNullObject");
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

/** Resolves a sheet: the state, null for a null object, or throws (missing, or reached through a null object). */
export type SheetResolver = () => FakeSheetState | null;

/** The sheet an operation needs: a null object here is a use of a null object. */
export function needSheet(r: SheetResolver, what: string): FakeSheetState {
  const s = r();
  if (!s) throw new NullObjectUse(what);
  return s;
}

export function guard(sheet: FakeSheetState, what: string): void {
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
    // children navigate from this sheet: they may not use it while it is a null object
    const sheet = fromParent(resolve, "Worksheet", (s) => s);
    this.protection = new FakeWorksheetProtection(ctx, sheet);
    this.freezePanes = new FakeFreezePanes(ctx, sheet);
    this.tables = new FakeTableCollection(ctx, sheet);
    this.charts = new FakeChartCollection(ctx, sheet);
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
    this.write(`rename sheet to ${v}`, v.length, () => {
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
      const s = needSheet(this.resolve, "Worksheet.getRange");
      const rect = parseA1(address ?? "A1:XFD1048576");
      return { sheet: s, rect };
    });
  }
  /**
   * ExcelApi 1.9: several ranges of the sheet as one RangeAreas ("A1,C3:D4"). A long address is
   * refused with InvalidArgument: office-js issue 5198 reports getRanges failing with "The argument
   * is invalid or missing or has an incorrect format" at about 8,200 characters (some shorter
   * addresses with many areas fail too); the fake refuses anything over 8,192 characters.
   */
  getRanges(address: string): FakeRangeAreas {
    this.ctx.requireApi("ExcelApi", "1.9", "Worksheet.getRanges");
    return new FakeRangeAreas(this.ctx, () => {
      const s = needSheet(this.resolve, "Worksheet.getRanges");
      if (address.length > MAX_RANGES_ADDRESS)
        throw new FakeOfficeError(
          "InvalidArgument",
          `The argument is invalid or missing or has an incorrect format (an address of ${address.length} characters).`,
          "Worksheet.getRanges",
        );
      const areas = address.split(",").map((a) => parseA1(a.trim()));
      return { sheet: s, areas };
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, () => ({
      sheet: needSheet(this.resolve, "Worksheet.getRangeByIndexes"),
      rect: { r0: row, c0: col, r1: row + rows - 1, c1: col + cols - 1 },
    }));
  }
  getCell(row: number, col: number): FakeRange {
    return this.getRangeByIndexes(row, col, 1, 1);
  }
  getUsedRange(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = needSheet(this.resolve, "Worksheet.getUsedRange");
      return { sheet: s, rect: s.usedRect() ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  /** ExcelApi 1.4. */
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    this.ctx.requireApi("ExcelApi", "1.4", "Worksheet.getUsedRangeOrNullObject");
    return new FakeRange(this.ctx, () => {
      const s = needSheet(this.resolve, "Worksheet.getUsedRangeOrNullObject");
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

/** ExcelApi 1.2 (WorksheetProtection). */
export class FakeWorksheetProtection extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: () => FakeSheetState,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "WorksheetProtection";
  }
  protected readProp(prop: string): unknown {
    if (prop === "protected") return this.resolve().isProtected;
    throw new FakeOfficeError("InvalidArgument", `WorksheetProtection has no property ${prop}`);
  }
  get protected(): boolean {
    return this.got("protected");
  }
  protect(): void {
    this.write("protect", 0, () => {
      this.resolve().isProtected = true;
    });
  }
  unprotect(): void {
    this.write("unprotect", 0, () => {
      this.resolve().isProtected = false;
    });
  }
}

/** ExcelApi 1.7 (WorksheetFreezePanes). */
export class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly resolve: () => FakeSheetState,
  ) {}
  freezeRows(count?: number): void {
    this.ctx.requireApi("ExcelApi", "1.7", "WorksheetFreezePanes.freezeRows");
    this.ctx.enqueue({
      what: `freeze ${count ?? 1} rows`,
      payload: 0,
      run: () => {
        this.resolve().freezeRows = count ?? 1;
      },
    });
  }
}

/**
 * Ranges: values, formulas, number formats, value types, navigation (getRow, getResizedRange, …),
 * used ranges, merged areas, delete with shift, select, clear.
 *
 * A string written as a value that starts with "=" becomes a formula, one that looks like a number
 * becomes a number, one that starts with an apostrophe stays text (the apostrophe is a prefix, not
 * part of the value), and anything in a cell formatted "@" stays text (state.ts, writeValue).
 */
import { formatA1, type CellRect } from "../../src/core/model/a1";
import { FakeObject, FakeOfficeError, NullObjectUse, jsonBytes } from "./base";
import type { FakeRequestContext } from "./context";
import { FakeConditionalFormatCollection, FakeDataValidation, FakeRangeFormat } from "./formats";
import { deleteTableRows } from "./tables";
import { contains, intersects, key, type FakeScalar, type FakeSheetState } from "./state";
import { guard } from "./workbook";

export interface Located {
  sheet: FakeSheetState;
  rect: CellRect;
}
/** Resolves a range: where it is, null for a null object, or throws. */
export type RangeResolver = () => Located | null;

export function mapRect<T>(loc: Located, f: (r: number, c: number) => T): T[][] {
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
    const loc = (): Located => this.need();
    this.format = new FakeRangeFormat(ctx, loc);
    this.dataValidation = new FakeDataValidation(ctx, loc);
    this.conditionalFormats = new FakeConditionalFormatCollection(ctx, loc);
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
  /** Where the range is; using a null range (or one reached through a null object) fails. */
  need(): Located {
    const loc = this.resolver();
    if (!loc) throw new NullObjectUse("Range");
    if (loc.rect.r0 < 0 || loc.rect.c0 < 0 || loc.rect.r1 > 1048575 || loc.rect.c1 > 16383)
      throw new FakeOfficeError("InvalidArgument", "Range outside the sheet.");
    if (loc.rect.r1 < loc.rect.r0 || loc.rect.c1 < loc.rect.c0)
      throw new FakeOfficeError("InvalidArgument", "A range needs at least one row and one column.");
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
    this.write(`${prop}`, jsonBytes(grid), () => {
      const loc = this.need();
      guard(loc.sheet, `writing ${prop}`);
      const rows = loc.rect.r1 - loc.rect.r0 + 1;
      const cols = loc.rect.c1 - loc.rect.c0 + 1;
      // A single value for a range of several cells is refused: the Range reference's sentence
      // allowing it was removed after office-js-docs-reference issue 578 (a single value set to
      // formulas or values stopped the add-in there); the setters take a 2-D array the range's size.
      if (!Array.isArray(grid) && rows * cols > 1)
        throw new FakeOfficeError(
          "InvalidArgument",
          `${prop} of ${formatA1(loc.rect, loc.sheet.name)} (${rows}×${cols}) was set to a single value, not an array of its size.`,
        );
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
  /** A range derived from this one: using it while this one is a null object fails. */
  private derived(f: (loc: Located) => Located | null, what: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const loc = this.resolver();
      if (!loc) throw new NullObjectUse(what);
      return f(loc);
    });
  }
  getCell(row: number, column: number): FakeRange {
    return this.derived(
      (l) => ({
        sheet: l.sheet,
        rect: { r0: l.rect.r0 + row, c0: l.rect.c0 + column, r1: l.rect.r0 + row, c1: l.rect.c0 + column },
      }),
      "Range.getCell",
    );
  }
  /**
   * The smallest range holding this one and `other` (Range.getBoundingRect). Microsoft's client
   * writes a large array (over 1,500 cells) as row chunks, each addressed as the bounding
   * rectangle of its first and last row (excel-web-16.00.debug.js, setRangePropertiesInBulk).
   */
  getBoundingRect(other: FakeRange): FakeRange {
    return this.derived((l) => {
      const o = other.need();
      if (o.sheet !== l.sheet)
        throw new FakeOfficeError("InvalidArgument", "getBoundingRect needs two ranges of the same sheet.");
      return {
        sheet: l.sheet,
        rect: {
          r0: Math.min(l.rect.r0, o.rect.r0),
          c0: Math.min(l.rect.c0, o.rect.c0),
          r1: Math.max(l.rect.r1, o.rect.r1),
          c1: Math.max(l.rect.c1, o.rect.c1),
        },
      };
    }, "Range.getBoundingRect");
  }
  /**
   * The check Microsoft's client sends before writing a large array in chunks (its
   * `_ValidateArraySize`): the array must be the range's size, as for a write in one piece.
   */
  validateArraySize(rows: number, columns: number): void {
    this.write("validate array size", 0, () => {
      const loc = this.need();
      const r = loc.rect.r1 - loc.rect.r0 + 1;
      const c = loc.rect.c1 - loc.rect.c0 + 1;
      if (r !== rows || c !== columns)
        throw new FakeOfficeError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size of the range ${formatA1(loc.rect, loc.sheet.name)} (${r}×${c}).`,
        );
    });
  }
  getRow(row: number): FakeRange {
    return this.derived(
      (l) => ({ sheet: l.sheet, rect: { ...l.rect, r0: l.rect.r0 + row, r1: l.rect.r0 + row } }),
      "Range.getRow",
    );
  }
  getColumn(column: number): FakeRange {
    return this.derived(
      (l) => ({ sheet: l.sheet, rect: { ...l.rect, c0: l.rect.c0 + column, c1: l.rect.c0 + column } }),
      "Range.getColumn",
    );
  }
  /** ExcelApi 1.7. */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    this.ctx.requireApi("ExcelApi", "1.7", "Range.getResizedRange");
    return this.derived(
      (l) => ({
        sheet: l.sheet,
        rect: { ...l.rect, r1: l.rect.r1 + deltaRows, c1: l.rect.c1 + deltaColumns },
      }),
      "Range.getResizedRange",
    );
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived(
      (l) => ({
        sheet: l.sheet,
        rect: {
          r0: l.rect.r0 + rowOffset,
          r1: l.rect.r1 + rowOffset,
          c0: l.rect.c0 + columnOffset,
          c1: l.rect.c1 + columnOffset,
        },
      }),
      "Range.getOffsetRange",
    );
  }
  /** ExcelApi 1.7. */
  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    this.ctx.requireApi("ExcelApi", "1.7", "Range.getAbsoluteResizedRange");
    return this.derived(
      (l) => ({
        sheet: l.sheet,
        rect: { r0: l.rect.r0, c0: l.rect.c0, r1: l.rect.r0 + numRows - 1, c1: l.rect.c0 + numColumns - 1 },
      }),
      "Range.getAbsoluteResizedRange",
    );
  }
  getColumnsAfter(count = 1): FakeRange {
    return this.derived(
      (l) => ({
        sheet: l.sheet,
        rect: { r0: l.rect.r0, r1: l.rect.r1, c0: l.rect.c1 + 1, c1: Math.min(l.rect.c1 + count, 16383) },
      }),
      "Range.getColumnsAfter",
    );
  }
  getRowsBelow(count = 1): FakeRange {
    return this.derived(
      (l) => ({
        sheet: l.sheet,
        rect: { r0: l.rect.r1 + 1, r1: l.rect.r1 + count, c0: l.rect.c0, c1: l.rect.c1 },
      }),
      "Range.getRowsBelow",
    );
  }
  /** ExcelApi 1.4. */
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    this.ctx.requireApi("ExcelApi", "1.4", "Range.getUsedRangeOrNullObject");
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
    }, "Range.getUsedRangeOrNullObject");
  }
  /** ExcelApi 1.13. */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.ctx.requireApi("ExcelApi", "1.13", "Range.getMergedAreasOrNullObject");
    return new FakeRangeAreas(this.ctx, () => {
      const l = this.resolver();
      if (!l) throw new NullObjectUse("Range.getMergedAreasOrNullObject");
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
  /**
   * Deletes the cells and moves the cells below up (shift "Up"; "Left" is not modelled). Whole
   * body rows of a table delete those table rows; a table under a filter refuses (see tables.ts).
   */
  delete(shift: string): void {
    this.write(`delete range (${shift})`, 0, () => {
      const l = this.need();
      guard(l.sheet, "deleting cells");
      if (shift !== "Up")
        throw new FakeOfficeError(
          "InvalidArgument",
          `The fake deletes with shift "Up" only, not "${shift}".`,
        );
      const tables = this.ctx.state.tables.filter((t) => t.sheet === l.sheet && intersects(t.rect, l.rect));
      if (tables.length > 1) throw new FakeOfficeError("InvalidOperation", "The range spans several tables.");
      const t = tables[0];
      if (t) {
        const wholeRows = l.rect.c0 === t.c0 && l.rect.c1 === t.c1 && contains(t.bodyRect, l.rect);
        if (!wholeRows)
          throw new FakeOfficeError(
            "InvalidOperation",
            "This operation is attempting to shift cells in a table on your worksheet: delete whole table rows.",
          );
        deleteTableRows(t, l.rect.r0 - t.r0 - 1, l.rect.r1 - l.rect.r0 + 1);
        return;
      }
      const n = l.rect.r1 - l.rect.r0 + 1;
      mapRect(l, (r, c) => {
        l.sheet.clearCell(r, c);
        return 0;
      });
      l.sheet.shiftRows(l.rect.r1 + 1, l.rect.c0, l.rect.c1, -n);
    });
  }
  merge(): void {
    this.write("merge", 0, () => {
      const l = this.need();
      l.sheet.merged.push(l.rect);
    });
  }
}

/** The fill of every cell of a RangeAreas (RangeAreas.format, ExcelApi 1.9). */
class FakeAreasFill {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly resolve: () => { sheet: FakeSheetState; areas: CellRect[] },
  ) {}
  private each(f: (sheet: FakeSheetState, k: number) => void): void {
    const l = this.resolve();
    for (const a of l.areas)
      for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) f(l.sheet, key(r, c));
  }
  set color(v: string) {
    this.ctx.enqueue({
      what: `areas fill ${v}`,
      payload: v.length,
      run: () => {
        guard(this.resolve().sheet, "formatting cells");
        this.each((sheet, k) => sheet.fills.set(k, v));
      },
    });
  }
  clear(): void {
    this.ctx.enqueue({
      what: "areas fill clear",
      payload: 0,
      run: () => {
        guard(this.resolve().sheet, "formatting cells");
        this.each((sheet, k) => sheet.fills.delete(k));
      },
    });
  }
}

/** RangeAreas.format: only its fill is modelled. */
export class FakeAreasFormat extends FakeObject {
  readonly fill: FakeAreasFill;
  constructor(ctx: FakeRequestContext, resolve: () => { sheet: FakeSheetState; areas: CellRect[] }) {
    super(ctx);
    this.fill = new FakeAreasFill(ctx, resolve);
  }
  protected kind(): string {
    return "RangeFormat";
  }
  protected readProp(prop: string): unknown {
    throw new FakeOfficeError("InvalidArgument", `The fake's RangeAreas format has no property ${prop}`);
  }
}

/** ExcelApi 1.9 (RangeAreas). */
export class FakeRangeAreas extends FakeObject {
  readonly format: FakeAreasFormat;
  constructor(
    ctx: FakeRequestContext,
    private readonly resolver: () => { sheet: FakeSheetState; areas: CellRect[] } | null,
  ) {
    super(ctx);
    this.format = new FakeAreasFormat(ctx, () => {
      const l = this.resolver();
      if (!l) throw new NullObjectUse("RangeAreas");
      return l;
    });
  }
  protected override child(prop: string): FakeObject | undefined {
    return prop === "format" ? this.format : undefined;
  }
  protected kind(): string {
    return "RangeAreas";
  }
  protected override exists(): boolean {
    return this.resolver() !== null;
  }
  protected readProp(prop: string): unknown {
    const l = this.resolver();
    if (!l) throw new NullObjectUse("RangeAreas");
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

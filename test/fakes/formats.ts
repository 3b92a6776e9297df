/**
 * Validation and formats of a range: RangeFormat (fill, font, widths), DataValidation (ExcelApi
 * 1.8) and conditional formats (ExcelApi 1.6).
 *
 * Excel's limits on data validation messages are enforced: an input message title of at most 32
 * characters and a message of at most 255; an error alert title of at most 32 and a message of at
 * most 225 (the limits of Excel's Data Validation dialog, which the API shares; a longer text is
 * refused with InvalidArgument).
 */
import { FakeObject, FakeOfficeError, FakeClientResult, jsonBytes } from "./base";
import type { FakeRequestContext } from "./context";
import type { Located } from "./ranges";
import { contains, intersects, key, type CondFormat, type Validation } from "./state";
import { guard } from "./workbook";

function each(l: Located, f: (r: number, c: number) => void): void {
  for (let r = l.rect.r0; r <= l.rect.r1; r++) for (let c = l.rect.c0; c <= l.rect.c1; c++) f(r, c);
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
        each(l, (r, c) => l.sheet.fills.set(key(r, c), v));
      },
    });
  }
  clear(): void {
    this.ctx.enqueue({
      what: "fill clear",
      payload: 0,
      run: () => {
        const l = this.loc();
        each(l, (r, c) => l.sheet.fills.delete(key(r, c)));
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
  ) {
    super(ctx);
    this.fill = new FakeFill(ctx, loc);
    this.font = new FakeFont(ctx, loc);
  }
  protected kind(): string {
    return "RangeFormat";
  }
  protected override exists(): boolean {
    this.loc();
    return true;
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
    this.write(`wrapText ${v}`, 0, () => void this.loc());
  }
  set horizontalAlignment(v: string) {
    this.write(`horizontalAlignment ${v}`, 0, () => void this.loc());
  }
  set verticalAlignment(v: string) {
    this.write(`verticalAlignment ${v}`, 0, () => void this.loc());
  }
  autofitColumns(): void {
    this.write("autofitColumns", 0, () => void this.loc());
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

/** ExcelApi 1.8 (DataValidation). */
export class FakeDataValidation extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly loc: () => Located,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "DataValidation";
  }
  override load(props?: string | string[]): this {
    this.ctx.requireApi("ExcelApi", "1.8", "Range.dataValidation");
    return super.load(props);
  }
  protected override exists(): boolean {
    this.loc();
    return true;
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
    this.ctx.requireApi("ExcelApi", "1.8", "DataValidation.prompt");
    this.write("validation prompt", jsonBytes(p), () => {
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
    this.ctx.requireApi("ExcelApi", "1.8", "DataValidation.errorAlert");
    this.write("validation errorAlert", jsonBytes(a), () => {
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
    this.ctx.requireApi("ExcelApi", "1.8", "DataValidation.rule");
    this.write("validation rule", jsonBytes(rule), () => {
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
    this.ctx.requireApi("ExcelApi", "1.8", "DataValidation.clear");
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

/** ExcelApi 1.6 (ConditionalFormatCollection). */
export class FakeConditionalFormatCollection {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly loc: () => Located,
  ) {}
  add(type: string): FakeConditionalFormat {
    this.ctx.requireApi("ExcelApi", "1.6", "ConditionalFormatCollection.add");
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
      if (!created) throw new FakeOfficeError("ItemNotFound", "The conditional format was not added.");
      return created;
    });
  }
  getCount(): FakeClientResult<number> {
    this.ctx.requireApi("ExcelApi", "1.6", "ConditionalFormatCollection.getCount");
    return new FakeClientResult(this.ctx, () => {
      const l = this.loc();
      return l.sheet.conditionalFormats.filter((f) => intersects(f.rect, l.rect)).length;
    });
  }
  clearAll(): void {
    this.ctx.requireApi("ExcelApi", "1.6", "ConditionalFormatCollection.clearAll");
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

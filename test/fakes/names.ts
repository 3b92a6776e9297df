/** Workbook names: NamedItemCollection and NamedItem (getRange, arrayValues). */
import { formatA1, parseA1, quoteSheet } from "../../src/core/model/a1";
import { FakeCollection, FakeObject, FakeOfficeError, NullObjectUse, jsonBytes, notFound } from "./base";
import type { FakeRequestContext } from "./context";
import { FakeRange, mapRect } from "./ranges";
import { key } from "./state";

type NameEntry = { name: string; formula: string };

export class FakeNamedItemCollection extends FakeCollection<FakeNamedItem> {
  protected kind(): string {
    return "NamedItemCollection";
  }
  protected list(): FakeNamedItem[] {
    return this.ctx.state.names.map((n) => new FakeNamedItem(this.ctx, () => n));
  }
  add(name: string, reference: FakeRange | string, _comment?: string): FakeNamedItem {
    let created: NameEntry | undefined;
    this.write(
      `add name ${name}`,
      jsonBytes(typeof reference === "string" ? reference : "") + name.length,
      () => {
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
      },
    );
    return new FakeNamedItem(this.ctx, () => {
      if (!created) throw notFound(`the name ${name} that was to be added`);
      return created;
    });
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => {
      const n = this.ctx.state.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!n) throw notFound(`name ${name}`);
      return n;
    });
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(name: string): FakeNamedItem {
    this.ctx.requireApi("ExcelApi", "1.4", "NamedItemCollection.getItemOrNullObject");
    return new FakeNamedItem(
      this.ctx,
      () => this.ctx.state.names.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null,
    );
  }
}

export class FakeNamedItem extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: () => NameEntry | null,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "NamedItem";
  }
  protected override exists(): boolean {
    return this.resolve() !== null;
  }
  private need(what: string): NameEntry {
    const n = this.resolve();
    if (!n) throw new NullObjectUse(what);
    return n;
  }
  /** The range a name refers to, or undefined for a formula name. */
  private target(n: NameEntry): FakeRange | undefined {
    const a = /^=('[^']+'|[A-Za-z0-9_.]+)!\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(n.formula)
      ? parseA1(n.formula.slice(1))
      : undefined;
    if (!a) return undefined;
    const sheet = this.ctx.state.sheet(a.sheet ?? "");
    if (!sheet) return undefined;
    return new FakeRange(this.ctx, () => ({ sheet, rect: a }));
  }
  protected readProp(prop: string): unknown {
    const n = this.need("NamedItem");
    if (prop === "name") return n.name;
    if (prop === "formula") return n.formula;
    if (prop === "type") return this.target(n) ? "Range" : "Formula";
    if (prop === "visible") return true;
    if (prop === "value") return n.formula.slice(1);
    if (prop === "arrayValues") {
      // ExcelApi 1.7: the values and types of a range name, without navigating to the range; a
      // name holding a constant or a formula gives that one value (as its text: not calculated)
      if (!this.target(n)) return { values: [[n.formula.slice(1)]], types: [["String"]] };
      const a = parseA1(n.formula.slice(1));
      const sheet = this.ctx.state.sheet(a.sheet ?? "");
      if (!sheet) throw notFound(`sheet of name ${n.name}`);
      const loc = { sheet, rect: a };
      return {
        values: mapRect(loc, (r, c) => sheet.value(r, c)),
        types: mapRect(loc, (r, c) => {
          const v = sheet.value(r, c);
          if (sheet.errors.has(key(r, c))) return "Error";
          if (v === "") return "Empty";
          return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
        }),
      };
    }
    throw new FakeOfficeError("InvalidArgument", `NamedItem has no property ${prop}`);
  }
  override load(props?: string | string[]): this {
    if (String(props ?? "").includes("arrayValues"))
      this.ctx.requireApi("ExcelApi", "1.7", "NamedItem.arrayValues");
    return super.load(props);
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
  get arrayValues(): { values: unknown[][]; types: string[][] } {
    return this.got("arrayValues");
  }
  delete(): void {
    this.write("delete name", 0, () => {
      const n = this.need("NamedItem.delete");
      this.ctx.state.names = this.ctx.state.names.filter((x) => x !== n);
    });
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const n = this.need("NamedItem.getRange");
      const a = parseA1(n.formula.slice(1));
      const sheet = this.ctx.state.sheet(a.sheet ?? "");
      if (!sheet) throw notFound(`sheet of name ${n.name}`);
      return { sheet, rect: a };
    });
  }
}

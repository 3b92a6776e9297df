/** The document's add-in settings: SettingCollection and Setting (ExcelApi 1.4). */
import { FakeCollection, FakeObject, FakeOfficeError, NullObjectUse, jsonBytes } from "./base";
import type { FakeRequestContext } from "./context";

export class FakeSettingCollection extends FakeCollection<FakeSetting> {
  protected kind(): string {
    return "SettingCollection";
  }
  protected list(): FakeSetting[] {
    return [...this.ctx.state.settings.keys()].map((k) => new FakeSetting(this.ctx, k));
  }
  add(key: string, value: unknown): FakeSetting {
    this.ctx.requireApi("ExcelApi", "1.4", "SettingCollection.add");
    this.write(`setting ${key}`, jsonBytes(value) + key.length, () => {
      this.ctx.state.settings.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    });
    return new FakeSetting(this.ctx, key);
  }
  getItemOrNullObject(key: string): FakeSetting {
    this.ctx.requireApi("ExcelApi", "1.4", "SettingCollection.getItemOrNullObject");
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
      if (!this.ctx.state.settings.has(this.key)) throw new NullObjectUse(`Setting ${this.key}`);
      this.ctx.state.settings.delete(this.key);
    });
  }
}

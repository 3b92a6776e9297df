/**
 * The recording fake's foundations: errors, the proxy base classes, and what a sync costs in bytes.
 *
 * Every proxy object follows Office.js's model: methods queue commands, `load` queues a read, and
 * nothing happens until `context.sync()`. Reading a property that was not loaded and synced throws
 * (PropertyNotLoaded), as Office.js does: "You must call context.sync() before reading the
 * isNullObject property" and any other loaded property
 * (https://learn.microsoft.com/javascript/api/office/officeextension.clientobject).
 *
 * Null objects. A `…OrNullObject` method gives an object whose `isNullObject` is true after a
 * sync when the item does not exist. Microsoft promises nothing else about such an object: "the
 * isNullObject property" is what the add-in must check before using it
 * (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
 * So the fake refuses, at sync, any use of a null object other than loading it: navigating from it
 * (getRange, getHeaderRowRange, worksheet, columns, …) or writing to it fails the whole batch with
 * InvalidObjectPath, the strictest reading (what Excel itself reports there is not documented).
 *
 * No Node APIs: the fake is also bundled for the browser tests.
 */
import type { FakeRequestContext, FakeSyncRecord } from "./context";

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

export function notFound(what: string): FakeOfficeError {
  return new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${what}.`);
}

/** Thrown when an object derived from a null object is used (see the header). */
export class NullObjectUse extends FakeOfficeError {
  constructor(what: string) {
    super(
      "InvalidObjectPath",
      `${what} was reached through a null object (an …OrNullObject call that found nothing): check isNullObject after a sync before using it.`,
    );
  }
}

/**
 * The parent of a derived object: its value, or NullObjectUse when the parent is a null object.
 * Every navigation (method or property returning another proxy) goes through this.
 */
export function fromParent<P, T>(parent: () => P | null, what: string, f: (p: P) => T): () => T {
  return () => {
    const p = parent();
    if (p === null) throw new NullObjectUse(what);
    return f(p);
  };
}

/**
 * UTF-8 bytes of the JSON that carries a value: how a payload limit counts (strings measured).
 * Measured by the platform's own encoder, not by src/excel/payload.ts's count, so that the fake
 * checks the add-in's budgeting rather than repeating it.
 */
const UTF8 = new TextEncoder();
export function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  return UTF8.encode(JSON.stringify(v)).length;
}

export function splitProps(props?: string | string[]): string[] {
  if (props === undefined) return [];
  const list = Array.isArray(props) ? props : props.split(",");
  return list.map((p) => p.trim()).filter((p) => p !== "");
}

/** Base of every proxy: load() queues a snapshot; reading an unloaded property throws. */
export abstract class FakeObject {
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
  /**
   * false when this object stands for nothing (an OrNullObject that found nothing); throws when it
   * must exist (getItem of a missing item: ItemNotFound) or was reached through a null object.
   */
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
      run: (record) => {
        const ok = this.exists();
        this.nullChecked = !ok;
        record.undo.push(() => {
          this.nullChecked = undefined;
        });
        if (!ok) return;
        for (const p of scalars) {
          const value = this.readProp(p);
          record.responseBytes += jsonBytes(value) + p.length + 4;
          this.loaded.set(p, value);
          record.undo.push(() => this.loaded.delete(p));
        }
      },
    });
    return this;
  }
  /** at sync time (collection loads): load now, bypassing the queue */
  loadNow(props: string[], record: FakeSyncRecord): void {
    const before = this.ctx.pending;
    this.load(props);
    for (const op of this.ctx.takeFrom(before)) op.run(record);
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

/** A collection: `items` after a load; `getCount()` as a ClientResult. */
export abstract class FakeCollection<T extends FakeObject> extends FakeObject {
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
      run: (record) => {
        this.itemsLoaded = this.list();
        record.undo.push(() => {
          this.itemsLoaded = undefined;
        });
        // item snapshots are taken at the same point of the queue
        for (const item of this.itemsLoaded) item.loadNow(this.itemProps, record);
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

export class FakeClientResult<T> {
  private has = false;
  private v: T | undefined;
  constructor(ctx: FakeRequestContext, compute: () => T) {
    ctx.enqueue({
      what: "getCount",
      payload: 0,
      load: true,
      run: (record) => {
        this.v = compute();
        this.has = true;
        record.responseBytes += jsonBytes(this.v);
        record.undo.push(() => {
          this.has = false;
        });
      },
    });
  }
  get value(): T {
    if (!this.has)
      throw new FakeOfficeError("PropertyNotLoaded", "ClientResult.value read before context.sync().");
    return this.v as T;
  }
}

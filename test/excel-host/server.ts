/**
 * An in-memory Excel that answers Microsoft's Excel JavaScript client (test/excel-host/client.ts)
 * in its own protocol: each `context.sync()` of the client arrives here as one `ProcessQuery`
 * request (a JSON body of object paths and actions) and gets one JSON response back.
 *
 * The protocol as the client speaks it (read from @microsoft/office-js's excel-web-16.00.debug.js,
 * which builds the requests and reads the responses):
 * - `ObjectPaths` by id: 1 the global object (the workbook), 3 a method of its parent
 *   (`GetRange`, `GetItemOrNullObject`, `Add`, …), 4 a property of its parent (`Worksheets`,
 *   `Format`, …), 5 an indexer (`collection.getItem(key)`), 6 a reference kept from an earlier
 *   request (`_ReferenceId`). Method arguments that are objects are sent as path ids, flagged in
 *   `ReferencedObjectPathIds`.
 * - `Actions` in order: 1 instantiate a path, 2 query (`QueryInfo.Select`, camelCase, "a/b" for a
 *   navigation), 3 call a method (PascalCase name; `_KeepReference` / `_RemoveReference` are the
 *   client's own bookkeeping), 4 set a property (PascalCase name).
 * - Answers name properties in PascalCase; a collection answers `{_Items: [...]}`; a null object
 *   answers `null` (the client then sets isNullObject); a kept object's instantiate answers
 *   `{_ReferenceId}`; a failure answers `{Error: {Code, Message, Location, ActionIndex}}`, which
 *   the client throws as a RichApi.Error with that code (and, from ActionIndex, the failing
 *   statement in `debugInfo.statement`).
 * - A failing action stops the request there: the actions before it stay done, the ones after it
 *   never run. Microsoft's Office Add-ins documentation says so in "Implementation details, for
 *   those who want to know how it really works" (office-js-docs-pr, docs/develop/implementation-details.md):
 *   "If at any point in the chain something goes wrong, the rest of the batch gets aborted" and
 *   "there is no atomicity to the Excel.run or the sync: any actions that have already been done
 *   will stay done". Which action failed is told in two ways, both modelled here: the Error's
 *   ActionIndex, from which Microsoft's client prints `debugInfo.statement` ("The statement that
 *   caused the error, if available", OfficeExtension.DebugInfo); and the ids of the trace actions
 *   (`context.trace(message)`, action type 5) that ran, answered as `TraceIds`, from which the
 *   client fills the error's `traceMessages` ("If there was an error, this contains all trace
 *   messages that were executed before the error occurred", OfficeExtension.Error).
 *
 * What Excel does with each command is the recording fake's model (test/fakes: cells, tables,
 * filters, names, validation, charts, null objects, each behaviour cited there): this server only
 * turns the client's requests into calls on it, in order, one fake sync per request. What the fake
 * estimated, this measures for real: the request's and the response's UTF-8 bytes against Excel on
 * the web's 5 MB limit ("Excel on the web has a payload size limit for requests and responses of
 * 5MB", https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins;
 * refused with RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded,
 * https://learn.microsoft.com/javascript/api/excel/excel.errorcodes).
 *
 * No Node APIs: it can be bundled for the browser tests as well.
 */
import { FakeClientResult, FakeCollection, FakeObject, FakeOfficeError } from "../fakes/base";
import { FakeRecorder, FakeRequestContext, PAYLOAD_LIMIT_BYTES, type FakeSyncRecord } from "../fakes/context";
import type { FakeWorkbookState } from "../fakes/state";

interface ArgumentInfo {
  readonly Arguments?: unknown[];
  readonly ReferencedObjectPathIds?: number[];
}

export interface ObjectPathInfo {
  readonly Id: number;
  readonly ObjectPathType: number;
  readonly Name: string;
  readonly ParentObjectPathId?: number;
  readonly ArgumentInfo?: ArgumentInfo;
}

export interface ActionInfo {
  readonly Id: number;
  readonly ActionType: number;
  readonly Name: string;
  readonly ObjectPathId: number;
  readonly ArgumentInfo?: ArgumentInfo;
  readonly QueryInfo?: { readonly Select?: string[]; readonly Expand?: string[] };
}

export interface RequestBody {
  readonly Actions: ActionInfo[];
  readonly ObjectPaths: Readonly<Record<string, ObjectPathInfo>>;
}

/** One request as it crossed the bridge. */
export interface HostRequest {
  /** the sync's number in the recorder (0 for the client's own reference clean-up) */
  readonly sync: number;
  readonly requestBytes: number;
  responseBytes: number;
  readonly actions: number;
  error?: string;
}

const UTF8 = new TextEncoder();
export function utf8Bytes(text: string): number {
  return UTF8.encode(text).length;
}

/** Methods of the client's own whose name does not follow the camelCase rule. */
const METHODS: Readonly<Record<string, string>> = { _ValidateArraySize: "validateArraySize" };
const camel = (s: string): string => METHODS[s] ?? s.charAt(0).toLowerCase() + s.slice(1);
const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Properties the fake keeps as one value that Excel's protocol answers as a navigation object. */
const NAVIGATION_VALUES = new Set(["arrayValues"]);

type Members = Record<string, unknown>;
type WithChild = { child(prop: string): FakeObject | undefined };
type WithList = { list(): FakeObject[] };

function members(o: unknown): Members {
  return o as Members;
}

/** A property setter on the fake's prototype chain (a property the fake does not model has none). */
function hasSetter(o: object, prop: string): boolean {
  for (let p: object | null = o; p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, prop);
    if (d) return typeof d.set === "function" || d.writable === true;
  }
  return false;
}

function notModelled(what: string): FakeOfficeError {
  return new FakeOfficeError("InvalidArgument", `The in-memory Excel does not model ${what}.`, what);
}

/** Reads of a query, taken after the sync. */
type Answer = () => unknown;

/**
 * Where each action of a request stands among the fake's commands: action `index` queued the
 * commands `start` … `end - 1`; a trace action is reached once the `before` commands ahead of it
 * have run.
 */
interface QueuePlan {
  readonly actions: { readonly index: number; readonly start: number; end: number }[];
  readonly traces: { readonly id: number; readonly before: number }[];
}

export class InMemoryExcel {
  readonly context: FakeRequestContext;
  readonly requests: HostRequest[] = [];
  /** objects kept by the client across requests (`_KeepReference`), by reference id */
  private readonly refs = new Map<string, unknown>();
  private nextRef = 1;
  /** requests to refuse: the n-th request from now (1 = the next) fails with that error, nothing applied */
  private readonly refusals: { at: number; code: string; message: string }[] = [];
  /** prints each request body (EXCEL_HOST_LOG=1 in the loader) */
  log: ((body: string) => void) | undefined;

  constructor(
    readonly state: FakeWorkbookState,
    readonly recorder: FakeRecorder,
  ) {
    this.context = new FakeRequestContext(state, recorder);
    this.context.estimatesPayload = false;
  }

  /** Makes the n-th request from now (1 = the next) fail with `code`, nothing of it applied. */
  refuse(n: number, code: string, message: string): void {
    this.refusals.push({ at: n, code, message });
  }

  /** Answers one request text (the bridge message's body); resolves to the response body text. */
  async process(body: RequestBody, requestText: string): Promise<string> {
    this.log?.(requestText);
    const requestBytes = utf8Bytes(requestText);
    // the client's clean-up at the end of Excel.run (dropping kept references) is no sync of the add-in
    const housekeeping = body.Actions.every(
      (a) => a.ActionType === 1 || a.Name === "_RemoveReference" || a.Name === "_KeepReference",
    );
    if (housekeeping && body.Actions.some((a) => a.Name === "_RemoveReference")) {
      for (const a of body.Actions)
        if (a.Name === "_RemoveReference") this.refs.delete(String(a.ArgumentInfo?.Arguments?.[0]));
      const text = JSON.stringify({ Results: [] });
      this.requests.push({
        sync: 0,
        requestBytes,
        responseBytes: utf8Bytes(text),
        actions: body.Actions.length,
      });
      return text;
    }
    const entry: HostRequest = {
      sync: this.recorder.syncs.length + 1,
      requestBytes,
      responseBytes: 0,
      actions: body.Actions.length,
    };
    this.requests.push(entry);
    const finish = (text: string, record: FakeSyncRecord | undefined, error?: string): string => {
      entry.responseBytes = utf8Bytes(text);
      if (record) {
        record.requestBytes = requestBytes;
        record.responseBytes = entry.responseBytes;
        if (error) record.error = error;
      }
      if (error) entry.error = error;
      return text;
    };
    const lastRecord = (): FakeSyncRecord | undefined => this.recorder.syncs[this.recorder.syncs.length - 1];

    for (const r of this.refusals) r.at -= 1;
    const refusal = this.refusals.findIndex((r) => r.at === 0);
    if (requestBytes > PAYLOAD_LIMIT_BYTES || refusal >= 0) {
      // refused before anything is applied
      await this.context.sync();
      const e =
        refusal >= 0
          ? new FakeOfficeError(this.refusals[refusal].code, this.refusals[refusal].message)
          : new FakeOfficeError(
              "RequestPayloadSizeLimitExceeded",
              `The request payload size (${requestBytes} bytes) has exceeded the limit of ${PAYLOAD_LIMIT_BYTES} bytes.`,
            );
      if (refusal >= 0) this.refusals.splice(refusal, 1);
      return finish(errorBody(e), lastRecord(), e.message);
    }

    const results: { ActionId: number; answer: Answer }[] = [];
    const plan: QueuePlan = { actions: [], traces: [] };
    let failure: unknown;
    try {
      this.queue(body, results, plan);
    } catch (e) {
      failure = e;
    }
    /** the fake's commands that ran: all of them, unless one failed */
    let ran = Infinity;
    try {
      // what was queued before a failing action runs, as in Excel (no rollback)
      await this.context.sync();
    } catch (e) {
      const record = lastRecord();
      ran = record ? record.writes.length + record.loads : 0;
      failure = e;
    }
    // the trace actions reached: before the failing action, with every command before them done
    const traceIds = plan.traces.filter((t) => t.before <= ran).map((t) => t.id);
    if (failure !== undefined) {
      const message = failure instanceof Error ? failure.message : String(failure);
      // the failing action: the one whose commands include the first that failed, else the one
      // that could not be queued (the last noted)
      const at = plan.actions.find((a) => a.start <= ran && ran < a.end)?.index ?? plan.actions.length - 1;
      return finish(errorBody(failure, at, traceIds), lastRecord(), message);
    }
    let text: string;
    try {
      text = JSON.stringify({
        Results: results.map((r) => ({ ActionId: r.ActionId, Value: r.answer() })),
        ...(traceIds.length > 0 ? { TraceIds: traceIds } : {}),
      });
    } catch (e) {
      return finish(errorBody(e), lastRecord(), e instanceof Error ? e.message : String(e));
    }
    const bytes = utf8Bytes(text);
    if (bytes > PAYLOAD_LIMIT_BYTES) {
      const e = new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${bytes} bytes) has exceeded the limit of ${PAYLOAD_LIMIT_BYTES} bytes.`,
      );
      finish(text, lastRecord(), e.message);
      const refused = errorBody(e);
      entry.responseBytes = bytes;
      return refused;
    }
    return finish(text, lastRecord());
  }

  /**
   * Turns every action into calls on the fake (queued for its sync) and the answers to give,
   * noting in `plan` which of the fake's commands each action queued and where each trace stands.
   * An action that fails here (its object cannot be reached) stops the queue: `plan.actions` then
   * ends with it.
   */
  private queue(body: RequestBody, results: { ActionId: number; answer: Answer }[], plan: QueuePlan): void {
    const resolved = new Map<number, unknown>();
    const kept = new Set(body.Actions.filter((a) => a.Name === "_KeepReference").map((a) => a.ObjectPathId));
    const resolve = (id: number): unknown => {
      if (resolved.has(id)) return resolved.get(id);
      const info = body.ObjectPaths[String(id)];
      if (!info) throw new FakeOfficeError("InvalidObjectPath", `No object path ${id} in the request.`);
      const value = this.resolvePath(info, resolve);
      resolved.set(id, value);
      return value;
    };
    body.Actions.forEach((action, index) => {
      const start = this.context.pending;
      const mark = { index, start, end: Infinity };
      plan.actions.push(mark);
      if (action.ActionType === 5) {
        // context.trace(message): reached when every command queued before it has run
        plan.traces.push({ id: action.Id, before: start });
        mark.end = start;
        return;
      }
      this.act(action, body, resolve, kept, results);
      mark.end = this.context.pending;
    });
  }

  /** One action: its calls on the fake queued, its answer noted. */
  private act(
    action: ActionInfo,
    body: RequestBody,
    resolve: (id: number) => unknown,
    kept: ReadonlySet<number>,
    results: { ActionId: number; answer: Answer }[],
  ): void {
    const target = resolve(action.ObjectPathId);
    const path = body.ObjectPaths[String(action.ObjectPathId)];
    switch (action.ActionType) {
      case 1: {
        // instantiate: a kept object gets a reference id; a …OrNullObject answers null when it found nothing
        const nullable = path?.ObjectPathType === 3 && path.Name.endsWith("OrNullObject");
        if (nullable && target instanceof FakeObject && !(target instanceof FakeCollection)) target.load([]);
        let ref: string | undefined;
        if (kept.has(action.ObjectPathId)) {
          ref = `ref${this.nextRef++}`;
          this.refs.set(ref, target);
        }
        results.push({
          ActionId: action.Id,
          answer: () => {
            if (nullable && target instanceof FakeObject && target.isNullObject) return null;
            return ref ? { _ReferenceId: ref } : {};
          },
        });
        break;
      }
      case 2: {
        const select = action.QueryInfo?.Select ?? [];
        if (!(target instanceof FakeObject)) throw notModelled(`a query on ${path?.Name ?? "?"}`);
        target.load(select);
        results.push({ ActionId: action.Id, answer: () => answerOf(target, select) });
        break;
      }
      case 3: {
        if (action.Name === "_KeepReference") break;
        if (action.Name === "_RemoveReference") {
          this.refs.delete(String(action.ArgumentInfo?.Arguments?.[0]));
          break;
        }
        const returned = call(target, action.Name, args(action.ArgumentInfo, resolve));
        results.push({
          ActionId: action.Id,
          answer: () => (returned instanceof FakeClientResult ? returned.value : (returned ?? null)),
        });
        break;
      }
      case 4: {
        const prop = camel(action.Name);
        if (typeof target !== "object" || target === null || !hasSetter(target, prop))
          throw notModelled(`setting ${action.Name} on ${path?.Name ?? "?"}`);
        members(target)[prop] = action.ArgumentInfo?.Arguments?.[0];
        break;
      }
      default:
        throw notModelled(`action type ${action.ActionType}`);
    }
  }

  private resolvePath(info: ObjectPathInfo, resolve: (id: number) => unknown): unknown {
    switch (info.ObjectPathType) {
      case 1:
        return this.context.workbook;
      case 6: {
        const ref = this.refs.get(info.Name);
        if (ref === undefined)
          throw new FakeOfficeError(
            "InvalidObjectPath",
            `The reference ${info.Name} was removed or never made.`,
          );
        return ref;
      }
    }
    const parent = resolve(info.ParentObjectPathId ?? -1);
    switch (info.ObjectPathType) {
      case 4: {
        // the application hangs off the workbook in Excel's object model, off the context in the fake's
        if (parent === this.context.workbook && info.Name === "Application") return this.context.application;
        const value =
          typeof parent === "object" && parent !== null ? members(parent)[camel(info.Name)] : undefined;
        if (value === undefined) throw notModelled(`the property ${info.Name}`);
        return value;
      }
      case 3: {
        const a = args(info.ArgumentInfo, resolve);
        if (info.Name === "GetItemAt" && typeof members(parent).getItemAt !== "function") {
          // the client addresses a loaded collection's items by position when they carry no id
          const list = (parent as unknown as WithList).list();
          const item = list[Number(a[0])];
          if (!item) throw new FakeOfficeError("ItemNotFound", `No item at ${String(a[0])}.`);
          return item;
        }
        return call(parent, info.Name, a);
      }
      case 5:
        return call(parent, "GetItem", args(info.ArgumentInfo, resolve));
      default:
        throw notModelled(`object path type ${info.ObjectPathType}`);
    }
  }
}

/** The arguments of a method, objects passed by path id resolved; null (an omitted argument) as undefined. */
function args(info: ArgumentInfo | undefined, resolve: (id: number) => unknown): unknown[] {
  const list = info?.Arguments ?? [];
  const refs = info?.ReferencedObjectPathIds ?? [];
  return list.map((a, i) => (refs[i] ? resolve(refs[i]) : a === null ? undefined : a));
}

function call(target: unknown, name: string, a: unknown[]): unknown {
  const f = typeof target === "object" && target !== null ? members(target)[camel(name)] : undefined;
  if (typeof f !== "function") throw notModelled(`the method ${name}`);
  return (f as (...x: unknown[]) => unknown).apply(target, a);
}

/** A query's answer as Excel gives it: PascalCase properties, `_Items` for collections, null for a null object. */
function answerOf(target: FakeObject, select: readonly string[]): unknown {
  if (target instanceof FakeCollection) return { _Items: target.items.map((item) => answerOf(item, select)) };
  if (target.isNullObject) return null;
  const out: Record<string, unknown> = {};
  const nested = new Map<string, string[]>();
  for (const p of select) {
    const slash = p.indexOf("/");
    if (slash > 0) {
      const head = p.slice(0, slash);
      nested.set(head, [...(nested.get(head) ?? []), p.slice(slash + 1)]);
      continue;
    }
    const child = (target as unknown as WithChild).child(p);
    if (child) {
      nested.set(p, nested.get(p) ?? []);
      continue;
    }
    const value = members(target)[p];
    out[pascal(p)] =
      NAVIGATION_VALUES.has(p) && typeof value === "object" && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [pascal(k), v]))
        : value;
  }
  for (const [head, rest] of nested) {
    const child = (target as unknown as WithChild).child(head);
    if (!child) throw notModelled(`the navigation ${head}`);
    out[pascal(head)] = answerOf(
      child,
      rest.map((r) => (r.startsWith("items/") ? r.slice(6) : r)),
    );
  }
  return out;
}

/**
 * A failure as Excel answers it: the error, the index of the action that failed (when one did) and
 * the ids of the trace actions reached before it.
 */
function errorBody(e: unknown, actionIndex?: number, traceIds: readonly number[] = []): string {
  const code = e instanceof FakeOfficeError ? e.code : "GeneralException";
  const message = e instanceof Error ? e.message : String(e);
  const location = e instanceof FakeOfficeError ? e.debugInfo.errorLocation : undefined;
  return JSON.stringify({
    Error: {
      Code: code,
      Message: message,
      Location: location,
      HttpStatusCode: 400,
      ...(actionIndex !== undefined && actionIndex >= 0 ? { ActionIndex: actionIndex } : {}),
    },
    ...(traceIds.length > 0 ? { TraceIds: traceIds } : {}),
  });
}

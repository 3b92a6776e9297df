/**
 * Calls the AUDIT functions the way Excel does: through Microsoft's own custom-functions runtime.
 *
 * Test files that use this run in test/setup/custom-functions-environment.js, which loads the
 * runtime (`@microsoft/office-js`, dist/custom-functions-runtime.js) into the test's global scope.
 * Importing src/functions/functions.ts then binds every function to its id with the project's own
 * registration (`CustomFunctions.associate`), and each call below goes through the runtime's
 * dispatcher (`CustomFunctionProxy`) as an invocation message, exactly as Excel sends one:
 *
 * - `parameterValues` is built from the committed metadata (functions.metadata.json, which
 *   metadata.test.ts holds equal to what the build generates) the way Microsoft documents Excel's
 *   side of the call: one value per declared parameter; a matrix parameter as a 2-D array (a single
 *   value becomes a 1x1 range); a repeating parameter as one array holding every repeat; an omitted
 *   optional parameter as `null`. The runtime itself then appends the invocation object.
 * - An error cell (`new CustomFunctions.Error(code)`) is sent as Excel sends one to a function that
 *   accepts errors, `{ type: "CustomFunctionError", code }` with flag 4 set on the invocation, and
 *   the runtime turns it back into a `CustomFunctions.Error`.
 * - The result is read as Excel gets it: `[invocationId, success, value, errorCode]` in the
 *   `SetInvocationArrayResults` request the runtime sends, with the codes 1 #N/A, 5 #DIV/0!,
 *   6 #NUM!, 7 #VALUE!, 8 #NULL!. A function that threw anything but a `CustomFunctions.Error`
 *   (code 0 or 2) rejects with a plain Error, so such a test fails.
 *
 * Calls made in the same tick travel in one invocation message (Excel batches them too), so a
 * table of cases costs one round of the runtime's result timer.
 *
 * Arguments are given as a JavaScript caller gives them (repeats spread one argument each). A value
 * Excel cannot send (a 1-D array, an object, a symbol, a non-finite number, or a range where the
 * metadata declares one value) throws here: such cases are tests of JavaScript callers and call
 * src/functions directly.
 */
import { readFileSync } from "fs";
import path from "path";
import "../../src/functions/functions";

interface Parameter {
  readonly name: string;
  readonly dimensionality?: string;
  readonly optional?: boolean;
  readonly repeating?: boolean;
}
interface FunctionMetadata {
  readonly id: string;
  readonly parameters: readonly Parameter[];
}

const METADATA = JSON.parse(readFileSync(path.join(__dirname, "functions.metadata.json"), "utf8")) as {
  functions: FunctionMetadata[];
};

/** Excel's result error codes, as the runtime reports them. */
const ERROR_CODES: Readonly<Record<number, string>> = {
  1: "#N/A",
  5: "#DIV/0!",
  6: "#NUM!",
  7: "#VALUE!",
  8: "#NULL!",
};

interface Bridge {
  onMessageFromHost(text: string): void;
}
interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}
type Entry = [id: number, functionName: string, parameterValues: unknown[], address: string, flags: number];

const scope = globalThis as unknown as {
  _richApiNativeBridge?: Bridge;
  __toExcel?: (text: string) => void;
};

const bridge = scope._richApiNativeBridge;
if (bridge === undefined || typeof bridge.onMessageFromHost !== "function") {
  throw new Error(
    "Microsoft's custom-functions runtime is not loaded: add the docblock `@jest-environment ./test/setup/custom-functions-environment.js` to this test file",
  );
}
const host: Bridge = bridge;

let nextInvocation = 1;
let queue: Entry[] = [];
const pending = new Map<number, Pending>();

/** Every message the runtime sends to Excel: answer its requests, and settle the results it reports. */
scope.__toExcel = (text: string): void => {
  const message = JSON.parse(text) as {
    id: number;
    type: number;
    message?: { body?: unknown };
  };
  if (message.type !== 1) return;
  const raw = message.message?.body;
  const body = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
    Actions?: { Name?: string; ArgumentInfo?: { Arguments?: unknown[] } }[];
  };
  for (const action of body?.Actions ?? []) {
    if (action.Name !== "SetInvocationArrayResults") continue;
    const results = (action.ArgumentInfo?.Arguments?.[0] ?? []) as unknown[][];
    for (const result of results) settle(result);
  }
  host.onMessageFromHost(
    JSON.stringify({ id: message.id, type: 2, message: { statusCode: 200, body: '{"Results":[]}' } }),
  );
};

function settle(result: unknown[]): void {
  const [id, success, value, code] = result as [number, boolean, unknown, number | undefined];
  const waiting = pending.get(id);
  if (waiting === undefined) return;
  pending.delete(id);
  if (success) {
    waiting.resolve(value);
    return;
  }
  const name = code === undefined ? undefined : ERROR_CODES[code];
  if (name === undefined) {
    waiting.reject(
      new Error(`the function did not return a CustomFunctions.Error (code ${code}): ${String(value)}`),
    );
    return;
  }
  waiting.reject(new CustomFunctions.Error(name as CustomFunctions.ErrorCode, String(value ?? "")));
}

function flush(): void {
  const entries = queue;
  queue = [];
  if (entries.length === 0) return;
  host.onMessageFromHost(
    JSON.stringify({ type: 3, message: { entries: entries.map((e) => [1, 1000, "", e, e[0]]) } }),
  );
}

/** One cell as Excel sends it; `flags.errors` is set when it is an error value. */
function cellValue(value: unknown, flags: { errors: boolean }): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Excel cannot send the number ${value}`);
    return value;
  }
  if (value instanceof CustomFunctions.Error) {
    flags.errors = true;
    return { type: "CustomFunctionError", code: value.code };
  }
  throw new Error(`Excel cannot send ${typeof value} ${String(value)} as a cell`);
}

/** A matrix parameter's value: a 2-D array (a single value becomes a 1x1 range). */
function matrixValue(value: unknown, flags: { errors: boolean }): unknown[][] {
  if (!Array.isArray(value)) return [[cellValue(value, flags)]];
  return value.map((row: unknown) => {
    if (!Array.isArray(row)) throw new Error("Excel sends a range as rows of cells, never a 1-D array");
    return Array.from(row as unknown[], (cell) => cellValue(cell, flags));
  });
}

/** A scalar parameter's value: one cell (a 1x1 range gives its cell). */
function scalarValue(value: unknown, flags: { errors: boolean }): unknown {
  if (Array.isArray(value)) {
    if (value.length === 1 && Array.isArray(value[0]) && (value[0] as unknown[]).length === 1)
      return cellValue((value[0] as unknown[])[0], flags);
    throw new Error("the metadata declares one value here; Excel does not pass a range to it");
  }
  return cellValue(value, flags);
}

function parameterValue(value: unknown, parameter: Parameter, flags: { errors: boolean }): unknown {
  return parameter.dimensionality === "matrix" ? matrixValue(value, flags) : scalarValue(value, flags);
}

/** Excel's parameterValues for a call given as a JavaScript caller gives it, and its flags. */
export function excelArguments(id: string, args: readonly unknown[]): { values: unknown[]; flags: number } {
  const fn = METADATA.functions.find((f) => f.id === id);
  if (fn === undefined) throw new Error(`no function ${id} in the metadata`);
  const flags = { errors: false };
  const values: unknown[] = [];
  fn.parameters.forEach((parameter, i) => {
    if (parameter.repeating) {
      values.push(
        args
          .slice(i)
          .map((v) => (v === null || v === undefined ? null : parameterValue(v, parameter, flags))),
      );
      return;
    }
    const v = args[i];
    values.push(v === null || v === undefined ? null : parameterValue(v, parameter, flags));
  });
  const last = fn.parameters[fn.parameters.length - 1];
  if (!last?.repeating && args.length > fn.parameters.length) {
    throw new Error(`${id} declares ${fn.parameters.length} parameters; Excel cannot pass ${args.length}`);
  }
  return { values, flags: flags.errors ? 4 : 0 };
}

/** Calls function `id` through Microsoft's dispatcher; resolves to its value, rejects with its error. */
export function callExcel(id: string, args: readonly unknown[]): Promise<unknown> {
  const { values, flags } = excelArguments(id, args);
  const invocation = nextInvocation++;
  const promise = new Promise<unknown>((resolve, reject) => pending.set(invocation, { resolve, reject }));
  if (queue.length === 0) void Promise.resolve().then(flush);
  queue.push([invocation, id, values, `Sheet1!A${invocation}`, flags]);
  return promise;
}

type ExcelCall = (...args: unknown[]) => Promise<unknown>;
const via =
  (id: string): ExcelCall =>
  (...args) =>
    callExcel(id, args);

/** The AUDIT functions as Excel calls them, under their exported names. */
export const excel = {
  partnerships: via("PARTNERSHIPS"),
  perDistrict: via("PERDISTRICT"),
  fte: via("FTE"),
  fteBy: via("FTEBY"),
  leadershipRatio: via("LEADERSHIPRATIO"),
  breakdown: via("BREAKDOWN"),
  change: via("CHANGE"),
  score: via("SCORE"),
  partnershipsBy: via("PARTNERSHIPSBY"),
  leadershipBy: via("LEADERSHIPBY"),
  cost: via("COST"),
  review: via("REVIEW"),
  sharedSeats: via("SHAREDSEATS"),
  overlaps: via("OVERLAPS"),
} as const;

/** One call: a function id and its arguments as a JavaScript caller gives them. */
export type Call = readonly [id: string, args: readonly unknown[]];

/** What a call gave Excel: its value, or its error code and message. */
export type Got = { value: unknown } | { code: string; message: string };

/** The value of a call, or its error code. */
export function shownValue(got: Got): unknown {
  return "value" in got ? got.value : got.code;
}

/** Calls everything in one invocation message (one batch of Excel's), in order. */
export async function callAll(calls: readonly Call[]): Promise<Got[]> {
  return Promise.all(
    calls.map(([id, args]) =>
      callExcel(id, args).then(
        (value): Got => ({ value }),
        (e: unknown): Got => {
          if (e instanceof CustomFunctions.Error) return { code: e.code, message: e.message ?? "" };
          throw e;
        },
      ),
    ),
  );
}

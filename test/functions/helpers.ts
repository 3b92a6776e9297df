/** Test helpers: call an AUDIT function and get its value or the Excel error it gives. */

/** What a call gave: a value, or the code and message of the CustomFunctions.Error it gave. */
export type Outcome = { value: unknown } | { code: string; message: string };

function errorOutcome(e: unknown): Outcome {
  if (e instanceof CustomFunctions.Error) return { code: e.code, message: e.message ?? "" };
  throw e;
}

/**
 * The outcome of a call, through Microsoft's dispatcher (test/functions/excel-dispatch.ts, whose
 * calls resolve or reject) or directly (whose calls return or throw).
 */
export async function outcome(run: () => unknown): Promise<Outcome> {
  try {
    return { value: await run() };
  } catch (e) {
    return errorOutcome(e);
  }
}

/** The value of a call, or the error code it gave (e.g. "#VALUE!"). */
export async function result(run: () => unknown): Promise<unknown> {
  const o = await outcome(run);
  return "value" in o ? o.value : o.code;
}

/** The outcome of a direct, synchronous call (JavaScript callers, the core's own tests). */
export function outcomeNow(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (e) {
    return errorOutcome(e);
  }
}

/** The value of a direct call, or the error code it threw. */
export function resultNow(run: () => unknown): unknown {
  const o = outcomeNow(run);
  return "value" in o ? o.value : o.code;
}

/** An error value as Excel hands it to a function that accepts errors. */
export function excelError(code: string): CustomFunctions.Error {
  return new CustomFunctions.Error(code as CustomFunctions.ErrorCode);
}

/** A column range from values. */
export function col(...values: unknown[]): unknown[][] {
  return values.map((v) => [v]);
}

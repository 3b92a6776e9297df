/** Test helpers: call an AUDIT function and get its value or the Excel error it throws. */

/** What a call gave: a value, or the code and message of the CustomFunctions.Error it threw. */
export type Outcome = { value: unknown } | { code: string; message: string };

export function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (e) {
    if (e instanceof CustomFunctions.Error) return { code: e.code, message: e.message ?? "" };
    throw e;
  }
}

/** The value of a call, or the error code it threw (e.g. "#VALUE!"). */
export function result(run: () => unknown): unknown {
  const o = outcome(run);
  return "value" in o ? o.value : o.code;
}

/** An error value as Excel hands it to a function that captures errors. */
export function excelError(code: string): CustomFunctions.Error {
  return new CustomFunctions.Error(code as CustomFunctions.ErrorCode);
}

/** A column range from values. */
export function col(...values: unknown[]): unknown[][] {
  return values.map((v) => [v]);
}

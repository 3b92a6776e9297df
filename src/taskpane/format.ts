/** Number formats and messages of the task pane (pure; tested in test/taskpane). */

const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** Partnerships per district: one decimal, e.g. "4.6". */
export function formatPerDistrict(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "–" : oneDecimal.format(value);
}

/** Full-time equivalents: two decimals, e.g. "1.02". */
export function formatFte(value: number): string {
  return Number.isFinite(value) ? twoDecimals.format(value) : "–";
}

/** A share 0..1 as a whole percentage, e.g. 0.523 → "52%". */
export function formatPercent(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "–" : `${whole.format(value * 100)}%`;
}

export function formatCount(value: number): string {
  return whole.format(value);
}

/** "1 error", "3 warnings". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** An error from the workbook or a file, said for people, with what to do next. */
export function describeError(error: unknown, doing: string): string {
  const detail =
    error instanceof Error ? error.message : typeof error === "string" ? error : "an unexpected problem";
  const text = detail.trim().replace(/[.\s]+$/, "");
  return `Could not ${doing}: ${text}. Close any dialog or cell being edited in Excel and try again.`;
}

/** true for the error an AbortSignal raises when the user cancels. */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/** Number formats and messages of the task pane (pure; tested in test/taskpane). */

const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const upToTwo = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

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

/** A cost to the pound, e.g. 61234.5 → "£61,235". */
export function formatPounds(value: number): string {
  return Number.isFinite(value) ? `£${whole.format(Math.round(value))}` : "–";
}

/** An hourly cost: whole pounds, or pounds and pence, e.g. 45 → "£45", 30.5 → "£30.50". */
export function formatHourlyCost(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return `£${Number.isInteger(value) ? whole.format(value) : twoDecimals.format(value)}`;
}

/** Hours a year: whole hours, e.g. 409.6 → "410". */
export function formatHours(value: number): string {
  return Number.isFinite(value) ? whole.format(Math.round(value)) : "–";
}

/** A mean value rating (1–4): two decimals at most, e.g. 2.25, 2.333 → "2.33", 2 → "2". */
export function formatRating(value: number): string {
  return Number.isFinite(value) ? upToTwo.format(value) : "–";
}

/** "Grade 7", "Grade 7 and SEO", "Grade 7, SEO and EO". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
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

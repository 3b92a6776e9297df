/**
 * The cell rules: what a blank, a number, a label, a year and a rating are. One module, used alike
 * by the checks, the return reader, consolidation, the headline figures, the zod row schemas and
 * the AUDIT functions, so that a value `check` accepts is a value every figure counts, and a value a
 * figure cannot use is a finding in `check`.
 *
 * - **Blank**: an empty cell, `""`, or text of white space only.
 * - **Number**: a finite number, or numeric text as people type it into a text cell: optional sign,
 *   digits with an optional decimal point, an optional exponent, spaces around (`"12"`, `" 3.5 "`,
 *   `"-4"`, `".5"`, `"1e3"`). Nothing else is a number: not `"1,200"` (a thousands separator is a
 *   comma in one locale and a decimal mark in another, so it is refused rather than guessed: retype
 *   it as 1200), not `"50%"`, `"£12"`, `"1 200"`, `"0x1A"`, `"Infinity"`, and not TRUE/FALSE.
 * - **Label**: text trimmed with inner white space collapsed (compared without case, see ./labels);
 *   a number is the label of its text (2005 → "2005"); TRUE/FALSE the labels "TRUE" and "FALSE".
 * - **Year**: a whole number (1990 to the current year for Involved since).
 * - **Rating**: a whole number from 1 to the scale's maximum (4).
 */
import { tidyLabel } from "./labels";

/** A cell's value as read: a formula cell gives its cached value; an error cell its code ("#N/A"). */
export type CellValue = string | number | boolean | null | { readonly error: string };

/** Numeric text: sign, digits with an optional decimal point, optional exponent (spaces trimmed first). */
const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True for a blank cell: null, undefined, an empty string or white space only. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** True for an error value as read from a sheet ({ error: "#N/A" }). */
export function isErrorCell(value: unknown): value is { readonly error: string } {
  return (
    typeof value === "object" && value !== null && typeof (value as { error?: unknown }).error === "string"
  );
}

/**
 * The number in a text: null when the text is blank, undefined when it is not numeric text. Numeric
 * text too large for a number ("1e999") gives Infinity: callers that need a finite number (every
 * figure does) refuse it, the AUDIT functions with #NUM! and the checks as "not a number".
 */
export function numberFromText(text: string): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  if (!NUMERIC_TEXT.test(t)) return undefined;
  return Number(t);
}

/** The number a cell holds (a finite number, or numeric text of one); undefined when it holds none. */
export function toNumber(value: unknown): number | undefined {
  let n: number | null | undefined;
  if (typeof value === "number") n = value;
  else if (typeof value === "string") n = numberFromText(value);
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/**
 * What to do with a text that is not a number, for messages: a thousands separator, a percent sign,
 * a currency sign or a space between digits each get their own advice; other text gets none (undefined).
 *
 * Given the column's `allowed` bounds and their wording (`range`, "a number from 0 to 24"), the advice
 * ends with the range, and a number the text reads as that is outside the bounds is never offered as
 * the value to type: `1,200 is more than 24; type a number from 0 to 24`.
 */
export function numberAdvice(
  text: string,
  allowed?: { readonly bounds: NumberBounds; readonly range: string },
): string | undefined {
  const t = text.trim();
  let advice: string | undefined;
  let digits: string | undefined;
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) {
    digits = t.replace(/,/g, "");
    advice = `type it without the comma, as ${digits}`;
  } else if (/^[+-]?\d+(\.\d+)?\s*%$/.test(t)) {
    digits = t.replace(/\s*%$/, "");
    advice = "type the number without the % sign";
  } else if (/^[£$€]\s*[+-]?\d/.test(t) || /\d\s*[£$€]$/.test(t)) {
    digits = t.replace(/[£$€\s]/g, "");
    advice = "type the number without the currency sign";
  } else if (/^[+-]?\d+(\s\d+)+(\.\d+)?$/.test(t)) {
    digits = t.replace(/\s/g, "");
    advice = `type it without spaces, as ${digits}`;
  }
  if (advice === undefined || allowed === undefined) return advice;
  const { bounds, range } = allowed;
  const n = digits === undefined ? undefined : toNumber(digits);
  if (n === undefined || withinBounds(n, bounds)) return `${advice} (${range})`;
  const why =
    bounds.max !== undefined && n > bounds.max
      ? `is more than ${bounds.max}`
      : bounds.min !== undefined && n < bounds.min
        ? `is less than ${bounds.min}`
        : "is not a whole number";
  return `${t} ${why}; type ${range}`;
}

/** A cell as text (numbers as their text, booleans TRUE/FALSE, trimmed); null when blank or an error. */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const t = value.trim();
    return t === "" ? null : t;
  }
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return null;
}

/** A cell as a label: its text tidied (inner white space collapsed); null when blank or an error. */
export function toLabel(value: unknown): string | null {
  const t = toText(value);
  return t === null ? null : tidyLabel(t);
}

/** Bounds of a number column or setting. */
interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  /** a whole number is expected (years, ratings) */
  readonly integer?: boolean;
}

/** True when a number keeps to its bounds. */
export function withinBounds(n: number, bounds: NumberBounds): boolean {
  if (bounds.integer && !Number.isInteger(n)) return false;
  if (bounds.min !== undefined && n < bounds.min) return false;
  if (bounds.max !== undefined && n > bounds.max) return false;
  return true;
}

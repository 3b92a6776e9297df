/**
 * Writing text as text. Through `range.values`, Excel interprets what it receives as if typed: a
 * string starting with = + - or @ becomes a formula (formula injection), "0012" becomes 12,
 * "2026-10" a date, "TRUE" a boolean, "#N/A" an error. Text from another workbook (imports) and
 * text typed in the pane (settings) must stay as written.
 *
 * Decision: prefix such text with an apostrophe, Excel's quote prefix. The cell then holds the
 * text exactly as written (the apostrophe is not part of the value and is not shown; reading the
 * value back gives the text), and it works with `table.rows.add`, where setting a number format
 * "@" before the values is not possible. Other text, numbers and booleans are written unchanged.
 * (The core's looksLikeFormula covers = + - @; this adds what Excel would convert.)
 */
import { looksLikeFormula } from "./consolidate";

/** Text Excel would turn into a number, date, time, percentage, boolean or error if typed. */
function wouldConvert(text: string): boolean {
  return /^\s*[+-]?[\d.]/.test(text) || /^\s*(true|false)\s*$/i.test(text) || /^\s*#/.test(text);
}

/** The value to hand to `range.values` / `rows.add` so that the cell ends up holding exactly `value`. */
export function inertValue(value: string | number | boolean | null): string | number | boolean {
  if (value === null) return "";
  if (typeof value !== "string" || value === "") return value;
  if (looksLikeFormula(value) || wouldConvert(value)) return `'${value}`;
  return value;
}

/**
 * Numbers in arguments: a number or numeric text (one rule with the checks and every figure), with
 * bounds; booleans and other text where a number is expected are #VALUE!. Numeric text is
 * normalised once per distinct text in a call (a per-call cache).
 */
import { numberFromText } from "../model/cell-rules";
import { AuditError, cellPlace, errorValueCode, propagatedError } from "./errors";
import { isOmitted, objectCell, readRange } from "./ranges";
import { clip } from "./label-table";

// What numeric text is: one rule for the functions, the checks and every figure (../cell-rules).

/** What a number must be: any finite number, at least 0 (amounts of time), or within bounds. */
export interface NumberRule {
  /** the smallest allowed value */
  readonly min?: number;
  /** the largest allowed value */
  readonly max?: number;
  /** a bound the value must be more than (e.g. 0 for hours_per_week) */
  readonly above?: number;
  /** how to say what the value must be, e.g. "hours cannot be negative" */
  readonly what: string;
}

/** Throws #NUM! when `n` breaks the rule or is not finite. */
function checkNumber(n: number, rule: NumberRule, place: string): number {
  if (Number.isNaN(n) || n === Infinity || n === -Infinity) {
    throw new AuditError("#NUM!", `${place} is not a finite number; enter a number`);
  }
  if (
    (rule.min !== undefined && n < rule.min) ||
    (rule.max !== undefined && n > rule.max) ||
    (rule.above !== undefined && !(n > rule.above))
  ) {
    throw new AuditError("#NUM!", `${place} is ${n}; ${rule.what}`);
  }
  return n;
}

/**
 * The number a non-number cell holds (slow path): null when blank; numeric text through a per-call
 * cache; #VALUE! for booleans and other text; error values propagate.
 */
export function numberCell(
  value: unknown,
  rule: NumberRule,
  cache: Map<string, number | null>,
  arg: string,
  row: number,
  col: number,
): number | null {
  if (typeof value === "number") return checkNumber(value, rule, cellPlace(arg, row, col));
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const hit = cache.get(value);
    if (hit !== undefined) return hit;
    const n = numberFromText(value);
    if (n === undefined) {
      throw new AuditError(
        "#VALUE!",
        `${cellPlace(arg, row, col)} is the text "${clip(value)}", not a number; enter a number`,
      );
    }
    if (n !== null) checkNumber(n, rule, cellPlace(arg, row, col));
    cache.set(value, n);
    return n;
  }
  if (typeof value === "boolean") {
    throw new AuditError(
      "#VALUE!",
      `${cellPlace(arg, row, col)} is ${value ? "TRUE" : "FALSE"}, not a number; enter a number`,
    );
  }
  return objectCell(value, arg, row, col);
}

/** One value of a scalar argument: a 1×1 range is its cell; a blank cell counts as omitted. */
export function scalarArg(arg: unknown, name: string): unknown {
  if (!Array.isArray(arg)) {
    const code = errorValueCode(arg);
    if (code !== null) throw propagatedError(code, name, 0, 0);
    return arg === "" ? null : arg;
  }
  const range = readRange(name, arg);
  if (range.cells === 0) return null;
  if (range.cells > 1) {
    throw new AuditError(
      "#VALUE!",
      `${name} must be one value, but a range of ${range.cells} cells was given; select one cell`,
    );
  }
  for (const row of range.rows) if (row.length > 0) return scalarArg(row[0], name);
  return null;
}

/** A number argument such as hours_per_week: default when omitted or blank. */
export function numberArg(arg: unknown, name: string, fallback: number, rule: NumberRule): number {
  const v = scalarArg(arg, name);
  if (isOmitted(v)) return fallback;
  const n = numberCell(v, rule, new Map(), name, 0, 0);
  return n === null ? fallback : n;
}

import { labelKey } from "../model/labels";
import { AuditError, finiteTotal } from "./errors";
import { byValueThenLabel } from "./sorting";
import { clip, LabelTable, labelText } from "./label-table";
import { grow } from "./growth";
import {
  isOmitted,
  pairWith,
  looseRange,
  shaped,
  shapeChanged,
  skipped,
  type RangeArg,
  type ReadRange,
} from "./ranges";
import { numberArg, numberCell, scalarArg } from "./numbers";
import { DEFAULT_HOURS_PER_WEEK, DEFAULT_WEEKS_PER_YEAR, HOURS, positiveRule } from "./rules";

/** The periods FTE can be expressed over. */
type Period = "week" | "month" | "quarter" | "year";

/** The optional arguments of AUDIT.FTE and AUDIT.FTEBY, as given (null/undefined = default). */
interface FteOptions {
  readonly period?: unknown;
  readonly hoursPerWeek?: unknown;
  readonly weeksPerYear?: unknown;
}

/** The defaults of hours_per_week and weeks_per_year: the Settings defaults (37 and 52). */

// exported for tests: table-driven tests of the period keyword
/** The period keyword: week, month, quarter or year, compared like labels; blank = year. */
export function parsePeriod(arg: unknown): Period {
  const v = scalarArg(arg, "period");
  if (isOmitted(v)) return "year";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
    const key = labelKey(labelText(v));
    if (key === "") return "year";
    if (key === "week" || key === "month" || key === "quarter" || key === "year") return key;
    throw new AuditError(
      "#VALUE!",
      `period "${clip(labelText(v))}" is not a period; use week, month, quarter or year`,
    );
  }
  throw new AuditError("#VALUE!", "period must be one of week, month, quarter or year");
}

// exported for tests: table-driven tests of the full-time hours
/** Hours of one full-time person over the period: hours_per_week × weeks in the period. */
export function fullTimeHours(options: FteOptions = {}): number {
  const period = parsePeriod(options.period);
  const perWeek = positive(options.hoursPerWeek, "hours_per_week", DEFAULT_HOURS_PER_WEEK);
  const weeksPerYear = positive(options.weeksPerYear, "weeks_per_year", DEFAULT_WEEKS_PER_YEAR);
  const weeks =
    period === "week"
      ? 1
      : period === "month"
        ? weeksPerYear / 12
        : period === "quarter"
          ? weeksPerYear / 4
          : weeksPerYear;
  return perWeek * weeks;
}

function positive(arg: unknown, name: string, fallback: number): number {
  return numberArg(arg, name, fallback, positiveRule(name));
}

/** The sum of the non-blank hours in a range (numbers or numeric text, none negative). */
export function sumHours(hours: RangeArg): number {
  const range = looseRange("hours", hours);
  return shaped([range], ([checkedRange]) => sumRange(checkedRange));
}

function sumRange(range: ReadRange): number {
  const rows = range.rows;
  const cache = new Map<string, number | null>();
  let sum = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) shapeChanged();
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "number" && v >= 0 && v < Infinity) sum += v;
      else if (v !== null && v !== "" && v !== undefined) {
        const n = numberCell(v, HOURS, cache, range.name, r, c);
        if (n !== null) sum += n;
      }
    }
  }
  return finiteTotal(sum, range.name);
}

/**
 * AUDIT.FTE: full-time equivalents, sum of hours ÷ (hours_per_week × weeks in the period).
 * Defaults: period "year", hours_per_week 37, weeks_per_year 52.
 */
export function fte(
  hours: RangeArg,
  period?: unknown,
  hoursPerWeek?: unknown,
  weeksPerYear?: unknown,
): number {
  const range = looseRange("hours", hours);
  const denominator = fullTimeHours({ period, hoursPerWeek, weeksPerYear });
  return shaped([range], ([checkedRange]) => sumRange(checkedRange)) / denominator;
}

/** One row of AUDIT.FTEBY: the group's label and its FTE. */
type FteRow = [group: string, fte: number];

/** The label a blank group is reported under. */
export const BLANK_GROUP = "(blank)";

/**
 * AUDIT.FTEBY: rows [group, fte], largest first, ties by label A→Z. Rows whose hours are blank are
 * skipped; a blank group is reported as "(blank)". No hours at all: #N/A.
 */
export function fteBy(
  groups: RangeArg,
  hours: RangeArg,
  period?: unknown,
  hoursPerWeek?: unknown,
  weeksPerYear?: unknown,
): FteRow[] {
  const denominator = (): number => fullTimeHours({ period, hoursPerWeek, weeksPerYear });
  const groupRange = looseRange("groups", groups);
  const hourRange = looseRange("hours", hours);
  return shaped([groupRange, hourRange], ([g, h]) => groupHours(g, h, denominator));
}

function groupHours(groupRange: ReadRange, hourRange: ReadRange, fullTime: () => number): FteRow[] {
  const paired = pairWith(groupRange, hourRange);
  const denominator = fullTime();
  const table = new LabelTable();
  const byRaw = table.byRaw;
  let sums = new Float64Array(16);
  let present = new Float64Array(16);
  let blankId = -1;
  const cache = new Map<string, number | null>();
  const gRows = groupRange.rows;
  const hRows = paired.rows;
  for (let r = 0; r < gRows.length; r++) {
    const gRow = gRows[r];
    const hRow = hRows[r];
    if (!Array.isArray(gRow) || !Array.isArray(hRow) || hRow.length !== gRow.length) shapeChanged();
    for (let c = 0; c < gRow.length; c++) {
      // A row whose hours are blank is skipped before its group is read, so its group neither
      // shows nor gives the spelling of its label (the cell is still checked for an error value).
      const h = hRow[c];
      if (h === null || h === undefined || h === "" || (typeof h === "string" && h.trim() === "")) {
        skipped(gRow[c], "groups", r, c);
        continue;
      }
      const gv = gRow[c];
      let g = byRaw.get(gv as string) ?? table.one(gv, "groups", r, c);
      if (g < 0) {
        if (blankId < 0) blankId = table.intern(BLANK_GROUP);
        g = blankId;
      }
      if (g >= sums.length) {
        sums = grow(sums, g + 1);
        present = grow(present, g + 1);
      }
      // Hours are read again after the call above and used at once on the number path: V8 then
      // need not box the number once per row.
      const v = hRow[c];
      if (typeof v === "number" && v >= 0 && v < Infinity) {
        sums[g] += v;
        present[g] = 1;
        continue;
      }
      const n = numberCell(v, HOURS, cache, "hours", r, c);
      if (n === null) continue;
      sums[g] += n;
      present[g] = 1;
    }
  }
  const order: number[] = [];
  for (let g = 0; g < table.size; g++) if (present[g] === 1) order.push(g);
  if (order.length === 0) {
    throw new AuditError(
      "#N/A",
      "hours has no non-blank cell, so there is no group to show; enter some hours",
    );
  }
  for (const g of order) finiteTotal(sums[g], "the hours of a group");
  order.sort(byValueThenLabel(sums, table));
  return order.map((g): FteRow => [table.spelling[g], sums[g] / denominator]);
}

/**
 * Value for time (docs/value-for-time.md): what representation costs, beside the value partners give
 * it. Every figure is computed by the AUDIT function core (AUDIT.COST, AUDIT.REVIEW) on the same
 * columns the Summary's formulas read: one core computes both.
 *
 * - Cost is per workbook, with that workbook's own GradeCosts table, then summed; it is null when
 *   any row with hours has a grade with no cost (those grades are named, for a warning).
 * - The review is over all workbooks' rows together, with the thresholds given (the CLI's
 *   --value-below and --hours-from), else the first workbook's Settings, else the defaults.
 */
import { numberDefault } from "../model/blueprint";
import { isBlank, toLabel, toNumber } from "../model/cell-rules";
import { AuditError, cost, review, type Cells } from "../calc";
import { column, columns } from "./columns";
import { notComputedReason } from "./not-computed";
import { labelKey } from "../model/labels";
import { validNumberSetting } from "../model/settings";
import type { AuditReturn } from "../model/workbook-data";

/** The partner survey's four value columns (the value of our time, experience, programmes, LMI). */
export const VALUE_COLUMNS = ["valueTime", "valueExperience", "valueProgrammes", "valueLmi"] as const;

/** One partnership's line of the review, as `summary --json` gives it (a missing value is null). */
export interface ReviewEntry {
  readonly id: string;
  readonly hours: number;
  readonly value: number | null;
  readonly flag: "Review" | "Keep" | "No rating";
}

export interface ReviewThresholds {
  readonly valueBelow: number;
  readonly hoursFrom: number;
}

/** The GradeCosts of a workbook as two one-column ranges (grades, rates), as read. */
function rateColumns(ret: AuditReturn): { grades: Cells; rates: Cells } {
  const rows = ret.gradeCosts?.rows ?? [];
  const cell = (v: unknown): string | number | boolean | null =>
    v === null || v === undefined
      ? null
      : typeof v === "object"
        ? (v as { error: string }).error
        : (v as string | number | boolean);
  return {
    grades: rows.map((r) => [cell(r.values.grade)]),
    rates: rows.map((r) => [cell(r.values.hourlyCost)]),
  };
}

/** How the grade of rows with hours and no grade is named among the uncosted grades. */
export const BLANK_GRADE = "(blank grade)";

/** True when some workbook's GradeCosts gives at least one hourly cost (else the cost is "not costed"). */
export function anyCosted(returns: readonly AuditReturn[]): boolean {
  return returns.some((r) =>
    (r.gradeCosts?.rows ?? []).some((row) => toNumber(row.values.hourlyCost) !== undefined),
  );
}

/** The grades with hours in these rows that the workbook's GradeCosts does not cost (as first spelled). */
function uncostedGrades(ret: AuditReturn, hours: Cells, grades: Cells): string[] {
  const costed = new Set<string>();
  for (const r of ret.gradeCosts?.rows ?? []) {
    const g = toLabel(r.values.grade);
    if (g !== null && toNumber(r.values.hourlyCost) !== undefined) costed.add(labelKey(g));
  }
  const out = new Map<string, string>();
  for (let i = 0; i < hours.length; i++) {
    if (isBlank(hours[i]?.[0])) continue;
    const g = toLabel(grades[i]?.[0]) ?? BLANK_GRADE;
    if (!costed.has(labelKey(g)) && !out.has(labelKey(g))) out.set(labelKey(g), g);
  }
  return [...out.values()];
}

/** What the cost needs, for the reason it is not computed. */
const COST_NEEDS = "Representation's Annual hours or Grade, or the GradeCosts Hourly cost";

/**
 * A workbook's (or a subset of its rows') annual cost, as AUDIT.COST; null with the uncosted grades
 * named, or with the reason when a cell is unusable or the total is too large to hold.
 */
function costOf(
  ret: AuditReturn,
  hours: Cells,
  grades: Cells,
): { cost: number | null; uncosted: string[]; reason?: string } {
  const { grades: rateGrades, rates } = rateColumns(ret);
  try {
    return { cost: cost(hours, grades, rateGrades, rates), uncosted: [] };
  } catch (e) {
    if (!(e instanceof AuditError)) throw e;
    const uncosted = e.code === "#N/A" ? uncostedGrades(ret, hours, grades) : [];
    return uncosted.length > 0
      ? { cost: null, uncosted }
      : { cost: null, uncosted: [], reason: notComputedReason(e, COST_NEEDS) };
  }
}

interface CostFigures {
  /** the annual cost of all the workbooks, or null when any row's grade has no cost */
  readonly cost: number | null;
  /** by district (the Representation rows of each district, with its workbook's GradeCosts) */
  readonly costByDistrict: Record<string, number | null>;
  /** grades with hours but no cost, for a warning */
  readonly uncostedGrades: readonly string[];
  /** why the cost (key "cost") or a district's cost ("costByDistrict") is null other than uncosted grades */
  readonly notComputed: Record<string, string>;
}

/** The cost figures of `summary --json`: per workbook with its own GradeCosts, summed. */
export function costFigures(returns: readonly AuditReturn[]): CostFigures {
  let total: number | null = 0;
  const notComputed: Record<string, string> = {};
  const uncosted = new Map<string, string>();
  const byDistrict = new Map<string, { label: string; cost: number | null }>();
  for (const ret of returns) {
    const hours = column([ret], "Representation", "annualHours");
    const grades = column([ret], "Representation", "grade");
    const districts = column([ret], "Representation", "district");
    const whole = costOf(ret, hours, grades);
    if (whole.reason !== undefined) notComputed.cost = whole.reason;
    total = total === null || whole.cost === null ? null : total + whole.cost;
    for (const g of whole.uncosted) uncosted.set(labelKey(g), g);
    // each district's rows of this workbook
    const rowsOf = new Map<string, { label: string; rows: number[] }>();
    districts.forEach((d, i) => {
      const label = toLabel(d[0]);
      if (label === null) return;
      const k = labelKey(label);
      const entry = rowsOf.get(k) ?? { label, rows: [] };
      entry.rows.push(i);
      rowsOf.set(k, entry);
    });
    for (const [k, { label, rows }] of rowsOf) {
      const part = costOf(
        ret,
        rows.map((i) => hours[i]),
        rows.map((i) => grades[i]),
      );
      if (part.reason !== undefined) notComputed.costByDistrict = part.reason;
      const prev = byDistrict.get(k);
      const sum =
        prev === undefined
          ? part.cost
          : prev.cost === null || part.cost === null
            ? null
            : finiteOrNull(prev.cost + part.cost);
      byDistrict.set(k, { label: prev?.label ?? label, cost: sum });
    }
  }
  const costByDistrict: Record<string, number | null> = Object.create(null) as Record<string, number | null>;
  for (const { label, cost: c } of [...byDistrict.values()].sort((a, b) => compare(a.label, b.label)))
    costByDistrict[label] = c;
  if (total !== null && !Number.isFinite(total)) {
    notComputed.cost = notComputedReason(
      new AuditError("#NUM!", "add up to more than a number can hold"),
      COST_NEEDS,
    );
    total = null;
  }
  return { cost: total, costByDistrict, uncostedGrades: [...uncosted.values()], notComputed };
}

function finiteOrNull(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

function compare(a: string, b: string): number {
  const ka = a.toLowerCase();
  const kb = b.toLowerCase();
  return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** A workbook's own review threshold: its Settings value within the setting's bounds, else the default. */
function ownThreshold(ret: AuditReturn | undefined, key: "reviewValueBelow" | "reviewHoursFrom"): number {
  return (ret ? validNumberSetting(ret.settings, key) : undefined) ?? numberDefault(key);
}

/**
 * The review thresholds: the overrides, else the first workbook's Settings, else the defaults. A
 * setting out of its range (Review value below 7, Review hours from -5) counts as not set, as an
 * out-of-range Hours per week does for the FTE: the checks report it as an error.
 */
export function reviewThresholds(
  returns: readonly AuditReturn[],
  overrides: Partial<ReviewThresholds> = {},
): ReviewThresholds {
  const first = returns[0];
  return {
    valueBelow: overrides.valueBelow ?? ownThreshold(first, "reviewValueBelow"),
    hoursFrom: overrides.hoursFrom ?? ownThreshold(first, "reviewHoursFrom"),
  };
}

/**
 * The workbooks whose own review settings differ from the thresholds the review uses (the first
 * workbook's, as reviewThresholds takes them), for a warning; none for a threshold given on the
 * command line (it overrides every workbook's).
 */
export function thresholdDisagreements(
  returns: readonly AuditReturn[],
  overrides: Partial<ReviewThresholds> = {},
): string[] {
  const used = reviewThresholds(returns, overrides);
  const out: string[] = [];
  const first = returns[0]?.file ?? "";
  const settings = [
    ["reviewValueBelow", "valueBelow", "Review value below"],
    ["reviewHoursFrom", "hoursFrom", "Review hours from"],
  ] as const;
  for (const [key, field, label] of settings) {
    if (overrides[field] !== undefined) continue;
    const differing = returns
      .slice(1)
      .map((r) => ({ file: r.file, value: ownThreshold(r, key) }))
      .filter((x) => x.value !== used[field]);
    if (differing.length === 0) continue;
    out.push(
      `the workbooks' ${label} settings differ: the review uses ${used[field]} from the first workbook, ${first}, but ${differing
        .map((x) => `${x.file} has ${x.value}`)
        .join(
          ", ",
        )}; give --${field === "valueBelow" ? "value-below" : "hours-from"} to choose, or make the Settings agree`,
    );
  }
  return out;
}

/**
 * The review, as AUDIT.REVIEW over all the workbooks' rows together: one line per partnership with
 * its hours, partners' mean value rating and flag. Empty when no Representation row names one; an
 * error in the data (a rating outside 1–4, an error value, hours too large to add up) throws its
 * AuditError: a review without some ratings would flag the wrong partnerships (checks name the cell).
 */
export function reviewEntries(returns: readonly AuditReturn[], thresholds: ReviewThresholds): ReviewEntry[] {
  try {
    return review(
      column(returns, "Representation", "partnershipId"),
      column(returns, "Representation", "annualHours"),
      column(returns, "PartnerSurvey", "partnershipId"),
      columns(returns, "PartnerSurvey", VALUE_COLUMNS),
      thresholds.valueBelow,
      thresholds.hoursFrom,
    ).map(([id, hours, value, flag]) => ({ id, hours, value: value === "" ? null : value, flag }));
  } catch (e) {
    // no Partnership ID in Representation: nothing to review, which is not an error in the data
    if (e instanceof AuditError && e.code === "#N/A" && !e.propagated) return [];
    throw e;
  }
}

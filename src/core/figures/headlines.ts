/**
 * Headline figures over one or more workbooks taken together (`partnership-audit summary`, the
 * demo, the regional workbook's Summary values). Every figure is computed by the AUDIT function
 * core (./calc) on the same columns the AUDIT formulas read: one core computes both.
 *
 * The columns are the tables' rows of all workbooks, one after another, with a blank District or
 * Audit round already taken from each workbook's Settings (the reader does that). FTE is per
 * workbook: its Annual hours ÷ (its own Settings Hours per week × Weeks per year), then summed.
 */
import { LISTS, type ListKey } from "../model/blueprint";
import {
  AuditError,
  breakdown,
  finiteTotal,
  countDistinct,
  fte,
  fteBy,
  leadershipBy,
  leadershipRatio,
  partnershipsBy,
  perDistrict,
  type Cells,
} from "../calc";
import { isBlank } from "../model/cell-rules";
import { tryFigure } from "./not-computed";
import { labelKey, tidyLabel } from "../model/labels";
import { column, columns } from "./columns";
import { fullTimeOf } from "../model/settings";
import {
  costFigures,
  reviewEntries,
  reviewThresholds,
  type ReviewEntry,
  type ReviewThresholds,
} from "./value-for-time";
import type { AuditReturn } from "../model/workbook-data";

interface BarrierShare {
  readonly label: string;
  readonly count: number;
  readonly share: number;
}

/**
 * The `summary --json` document. Figures that cannot be computed (e.g. no district) are null; so is
 * a figure that a cell it needs would make wrong (hours that are not a number, a rating of 9, a
 * total too large to hold), with the reason in `notComputed` under the figure's key: never a 0
 * that reads as real, never infinity.
 */
export interface HeadlineFigures {
  readonly files: number;
  readonly partnerships: number;
  readonly districts: number;
  readonly perDistrict: number | null;
  readonly leadershipRatio: number | null;
  /** null when an Annual hours cell is unusable or the hours overflow (see notComputed.fte) */
  readonly fte: number | null;
  readonly byLevel: Record<string, number>;
  readonly byType: Record<string, number>;
  readonly perDistrictCounts: Record<string, number>;
  /** null when the FTE cannot be computed (see notComputed.fteByDistrict) */
  readonly fteByDistrict: Record<string, number> | null;
  readonly leadershipByDistrict: Record<string, number | null>;
  readonly barriers: BarrierShare[];
  /** the annual cost of staff time (AUDIT.COST per workbook, summed); null when a grade with hours has no cost */
  readonly cost: number | null;
  readonly costByDistrict: Record<string, number | null>;
  /** the value-for-time review (AUDIT.REVIEW over all rows together); null when a cell it needs is unusable */
  readonly review: ReviewEntry[] | null;
  /** why each figure that is null for a reason in the data is not computed, by its key */
  readonly notComputed: Record<string, string>;
}

/** What the FTE figures need, for their reasons. */
const FTE_NEEDS = "Representation's Annual hours";

/** Options of the headline figures: review thresholds given on the command line. */
export interface HeadlineOptions {
  readonly review?: Partial<ReviewThresholds>;
}

export { column, columns };

/** Run a calculation; an AUDIT error (no data, an error value in the data) gives the fallback. */
export function attempt<T, F>(run: () => T, fallback: F): T | F {
  try {
    return run();
  } catch (e) {
    if (e instanceof AuditError) return fallback;
    throw e;
  }
}

function hoursSettings(ret: AuditReturn): { hpw: number; wpy: number } {
  const { hoursPerWeek, weeksPerYear } = fullTimeOf(ret.settings);
  return { hpw: hoursPerWeek, wpy: weeksPerYear };
}

/** Distinct labels of a column in first-seen order and spelling. */
function distinctLabels(cells: Cells): string[] {
  const seen = new Map<string, string>();
  for (const row of cells) {
    for (const v of row) {
      if (typeof v !== "string" && typeof v !== "number") continue;
      const label = tidyLabel(String(v));
      const k = labelKey(label);
      if (k !== "" && !seen.has(k)) seen.set(k, label);
    }
  }
  return [...seen.values()];
}

/** The labels of a list: the vocabulary (the first workbook's own Lists, else the blueprint), then any other label the data uses. */
function listLabels(returns: readonly AuditReturn[], list: ListKey, data: Cells): string[] {
  const vocab =
    returns.find((r) => (r.lists?.[list]?.length ?? 0) > 0)?.lists?.[list] ??
    LISTS.find((l) => l.key === list)?.values ??
    [];
  const fromData = new Map(distinctLabels(data).map((l) => [labelKey(l), l]));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of vocab) {
    const k = labelKey(v);
    if (k === "" || seen.has(k)) continue;
    seen.add(k);
    out.push(fromData.get(k) ?? tidyLabel(v));
  }
  for (const [k, l] of fromData) if (!seen.has(k)) out.push(l);
  return out;
}

/**
 * FTE of all workbooks: each one's hours over its own full-time hours, summed. Throws the AuditError
 * of a workbook whose hours cannot be summed (an unusable cell, or a total too large to hold): a
 * workbook left out would make the figure wrong. A workbook without Representation rows adds 0.
 */
export function totalFte(returns: readonly AuditReturn[]): number {
  let sum = 0;
  for (const ret of returns) {
    const { hpw, wpy } = hoursSettings(ret);
    const hours = column([ret], "Representation", "annualHours");
    if (hours.length > 0) sum += fte(hours, "year", hpw, wpy);
  }
  return finiteTotal(sum, "the hours");
}

/**
 * FTE by a Representation column (District, Grade): per workbook as AUDIT.FTEBY, summed by label;
 * throws the AuditError of hours that cannot be used.
 * With `skipBlankGroups` (districts) rows with a blank group are left out, as the Summary's formula
 * leaves them out by blanking their hours; otherwise they make the group "(blank)".
 */
export function fteByColumn(
  returns: readonly AuditReturn[],
  key: string,
  options: { readonly skipBlankGroups?: boolean } = {},
): [string, number][] {
  const sums = new Map<string, [string, number]>();
  for (const ret of returns) {
    const { hpw, wpy } = hoursSettings(ret);
    const groups = column([ret], "Representation", key);
    const allHours = column([ret], "Representation", "annualHours");
    const hours = options.skipBlankGroups
      ? allHours.map((row, i) => (isBlank(groups[i]?.[0]) ? [""] : row))
      : allHours;
    // no hours at all (#N/A) gives no group; any other error makes the figures unusable
    const rows = hours.every((row) => isBlank(row[0])) ? [] : fteBy(groups, hours, "year", hpw, wpy);
    for (const [label, value] of rows) {
      const k = labelKey(label);
      const prev = sums.get(k);
      if (prev) prev[1] += value;
      else sums.set(k, [label, value]);
    }
  }
  return [...sums.values()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
}

/** Plain, locale-free text order (the same on every machine). */
export function compareText(a: string, b: string): number {
  const ka = a.toLowerCase();
  const kb = b.toLowerCase();
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An object keyed by labels from the data, each an own property whatever its name ("__proto__",
 * "constructor", "toString" included): Object.fromEntries defines properties, where assignment
 * would call the __proto__ setter.
 */
function labelRecord<T>(entries: readonly (readonly [string, T])[]): Record<string, T> {
  return Object.fromEntries(entries) as Record<string, T>;
}

/** A block's rows, or the AUDIT error its formula gives (shown as that error in the Summary). */
export type Computed<T> = { readonly rows: T } | { readonly error: AuditError };

function computed<T>(run: () => T): Computed<T> {
  try {
    return { rows: run() };
  } catch (e) {
    if (e instanceof AuditError) return { error: e };
    throw e;
  }
}

/**
 * The per-group partnership figures, each computed once, as the Summary's blocks compute them:
 * partnerships by level and by type (AUDIT.PARTNERSHIPSBY with the list as order), and by
 * district (AUDIT.PARTNERSHIPSBY, and AUDIT.LEADERSHIPBY for the leadership ratios; rows with a
 * blank district form no group). `summary --json`, the Summary's cached values and the report read
 * them from here.
 */
export interface PartnershipBlocks {
  readonly byLevel: Computed<[string, number][]>;
  readonly byType: Computed<[string, number][]>;
  readonly perDistrict: Computed<[string, number][]>;
  readonly byDistrict: Computed<[string, number, number][]>;
}

/** The vocabulary of a list as an `order` range: the first workbook's own Lists, else the blueprint's. */
export function listOrder(returns: readonly AuditReturn[], list: ListKey): Cells {
  const own = returns.find((r) => (r.lists?.[list]?.length ?? 0) > 0)?.lists?.[list];
  const values = own ?? LISTS.find((l) => l.key === list)?.values ?? [];
  return values.map((v) => [v]);
}

export function partnershipBlocks(returns: readonly AuditReturn[]): PartnershipBlocks {
  const ids = column(returns, "Partnerships", "partnershipId");
  const districts = column(returns, "Partnerships", "district");
  // the ids of rows with a blank district are blanked: such rows form no district group
  const districtIds = ids.map((row, i) => (isBlank(districts[i]?.[0]) ? [""] : row));
  const any = ids.some((row) => !isBlank(row[0]));
  return {
    byLevel: computed(() =>
      partnershipsBy(ids, column(returns, "Partnerships", "level"), listOrder(returns, "levels")),
    ),
    byType: computed(() =>
      partnershipsBy(ids, column(returns, "Partnerships", "type"), listOrder(returns, "types")),
    ),
    perDistrict: any ? computed(() => partnershipsBy(districtIds, districts)) : { rows: [] },
    byDistrict: any
      ? computed(() => leadershipBy(column(returns, "Partnerships", "ourRole"), districtIds, districts))
      : { rows: [] },
  };
}

/** The count of a group in a block's rows (by label), or undefined when it has none. */
function countOf(
  block: Computed<readonly (readonly [string, number, ...number[]])[]>,
  label: string,
): number | undefined {
  if (!("rows" in block)) return undefined;
  const key = labelKey(label);
  return block.rows.find((r) => labelKey(r[0]) === key)?.[1];
}

/** The leadership ratio of a district in the By district block, or null when it has none. */
function ratioOf(block: PartnershipBlocks["byDistrict"], label: string): number | null {
  if (!("rows" in block)) return null;
  const key = labelKey(label);
  return block.rows.find((r) => labelKey(r[0]) === key)?.[2] ?? null;
}

/** The headline figures of `summary --json`. */
export function computeHeadlines(
  returns: readonly AuditReturn[],
  options: HeadlineOptions = {},
  blocks: PartnershipBlocks = partnershipBlocks(returns),
): HeadlineFigures {
  const ids = column(returns, "Partnerships", "partnershipId");
  const districts = column(returns, "Partnerships", "district");
  const roles = column(returns, "Partnerships", "ourRole");
  const levels = column(returns, "Partnerships", "level");
  const types = column(returns, "Partnerships", "type");
  const barrierCells = column(returns, "Partnerships", "barriers");

  // Label-keyed objects are built with Object.fromEntries, never by assignment: `obj[label] = n`
  // with the label "__proto__" sets the prototype instead of a key. The counts are the Summary's
  // own blocks (partnershipBlocks), looked up by label: each figure is computed once.
  const byLevel = labelRecord(
    listLabels(returns, "levels", levels).map((label) => [label, countOf(blocks.byLevel, label) ?? 0]),
  );
  const byType = labelRecord(
    listLabels(returns, "types", types).map((label) => [label, countOf(blocks.byType, label) ?? 0]),
  );
  const districtLabels = distinctLabels(districts).sort(compareText);
  const perDistrictCounts: Record<string, number> = labelRecord(
    districtLabels.map((d) => [d, countOf(blocks.perDistrict, d) ?? 0]),
  );
  const leadershipByDistrict: Record<string, number | null> = labelRecord(
    districtLabels.map((d) => [d, ratioOf(blocks.byDistrict, d)]),
  );
  const notComputed: Record<string, string> = {};
  const figure = <T>(key: string, run: () => T, needs: string): T | null => {
    const { value, reason } = tryFigure(run, needs);
    if (reason !== undefined) notComputed[key] = reason;
    return value;
  };
  const fteByDistrict = figure(
    "fteByDistrict",
    () => labelRecord(fteByColumn(returns, "district", { skipBlankGroups: true })),
    FTE_NEEDS,
  );
  const barriers = attempt(() => breakdown(barrierCells), []).map(([label, count, share]) => ({
    label,
    count,
    share,
  }));
  const costs = costFigures(returns);
  return {
    files: returns.length,
    partnerships: attempt(() => countDistinct(ids), 0),
    districts: attempt(() => countDistinct(districts), 0),
    perDistrict: attempt(() => perDistrict(ids, districts), null),
    leadershipRatio: attempt(() => leadershipRatio(roles, ids), null),
    fte: figure("fte", () => totalFte(returns), FTE_NEEDS),
    byLevel,
    byType,
    perDistrictCounts,
    fteByDistrict,
    leadershipByDistrict,
    barriers,
    cost: costs.cost,
    costByDistrict: costs.costByDistrict,
    review: figure(
      "review",
      () => reviewEntries(returns, reviewThresholds(returns, options.review)),
      "Representation's Annual hours or the Partner survey's value ratings",
    ),
    notComputed: { ...notComputed, ...costs.notComputed },
  };
}

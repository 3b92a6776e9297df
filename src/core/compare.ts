/**
 * Comparing two audit rounds (two workbooks, or two sets of workbooks): partnerships new,
 * continuing and ended by distinct Partnership ID (as AUDIT.CHANGE), and the change in FTE and
 * leadership ratio (as AUDIT.FTE and AUDIT.LEADERSHIPRATIO), from the same function core.
 */
import { change } from "./calc";
import { attempt, column, computeHeadlines, compareText } from "./headlines";
import { countedReturns } from "./import-decisions";
import { returnRound } from "./returns";
import { toText } from "./cell-rules";
import { labelKey, tidyLabel } from "./labels";
import type { AuditReturn } from "./workbook-data";

export interface RoundFigures {
  readonly files: readonly string[];
  readonly partnerships: number;
  /** null when an hours cell is unusable (the checks name it) */
  readonly fte: number | null;
  readonly leadershipRatio: number | null;
}

export interface Comparison {
  readonly previous: RoundFigures;
  readonly current: RoundFigures;
  /** counts, as AUDIT.CHANGE */
  readonly new: number;
  readonly continuing: number;
  readonly ended: number;
  /** the Partnership IDs of each (first spelling, sorted) */
  readonly newIds: readonly string[];
  readonly continuingIds: readonly string[];
  readonly endedIds: readonly string[];
  /** current − previous; null when either FTE is not computed */
  readonly fteChange: number | null;
  /** current − previous; null when either round has no partnership */
  readonly leadershipRatioChange: number | null;
}

function idsOf(returns: readonly AuditReturn[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [v] of column(returns, "Partnerships", "partnershipId")) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    const label = tidyLabel(String(v));
    const k = labelKey(label);
    if (k !== "" && !out.has(k)) out.set(k, label);
  }
  return out;
}

function figures(returns: readonly AuditReturn[]): RoundFigures {
  const h = computeHeadlines(returns);
  return {
    files: returns.map((r) => r.file),
    partnerships: h.partnerships,
    fte: h.fte,
    leadershipRatio: h.leadershipRatio,
  };
}

export function compareRounds(
  previousGiven: readonly AuditReturn[],
  currentGiven: readonly AuditReturn[],
): Comparison {
  // each district and round once per round, as consolidation imports them
  const previous = countedReturns(previousGiven).returns;
  const current = countedReturns(currentGiven).returns;
  const before = idsOf(previous);
  const after = idsOf(current);
  const counts = attempt(
    () =>
      change(
        column(previous, "Partnerships", "partnershipId"),
        column(current, "Partnerships", "partnershipId"),
      ),
    null,
  );
  const sorted = (ids: string[]): string[] => ids.sort(compareText);
  const newIds = sorted([...after].filter(([k]) => !before.has(k)).map(([, v]) => v));
  const continuingIds = sorted([...after].filter(([k]) => before.has(k)).map(([, v]) => v));
  const endedIds = sorted([...before].filter(([k]) => !after.has(k)).map(([, v]) => v));
  const p = figures(previous);
  const c = figures(current);
  return {
    previous: p,
    current: c,
    new: counts ? counts[0][1] : newIds.length,
    continuing: counts ? counts[1][1] : continuingIds.length,
    ended: counts ? counts[2][1] : endedIds.length,
    newIds,
    continuingIds,
    endedIds,
    fteChange: p.fte === null || c.fte === null ? null : c.fte - p.fte,
    leadershipRatioChange:
      p.leadershipRatio === null || c.leadershipRatio === null ? null : c.leadershipRatio - p.leadershipRatio,
  };
}

/**
 * What is wrong with a previous round given for comparison: an error when it is the same audit
 * round as the current one (a comparison with itself says nothing changed), a warning when it is
 * another region's (the comparison is made, but its new and ended partnerships mean little).
 */
export function previousRoundProblems(
  previous: readonly AuditReturn[],
  current: readonly AuditReturn[],
): { readonly errors: string[]; readonly warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const currentRounds = new Map<string, string>();
  for (const r of current) {
    const round = returnRound(r);
    if (round !== "") currentRounds.set(labelKey(round), round);
  }
  for (const r of previous) {
    const round = returnRound(r);
    if (round !== "" && currentRounds.has(labelKey(round)))
      errors.push(
        `${r.file} is round ${round}, the same round as the current workbooks; the previous round must be an earlier one: give its workbooks`,
      );
  }
  const regions = (returns: readonly AuditReturn[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (const r of returns) {
      const region = toText(r.settings.region ?? null);
      if (region !== null) out.set(labelKey(region), tidyLabel(region));
    }
    return out;
  };
  const before = regions(previous);
  const now = regions(current);
  if (before.size > 0 && now.size > 0 && ![...before.keys()].some((k) => now.has(k)))
    warnings.push(
      `the previous round is of region ${[...before.values()].join(", ")} but the current one of ${[...now.values()].join(", ")}; the comparison is made all the same: check that these are the workbooks you meant`,
    );
  return { errors, warnings };
}

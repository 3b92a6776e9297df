/**
 * Comparing two audit rounds (two workbooks, or two sets of workbooks): partnerships new,
 * continuing and ended by distinct Partnership ID (as AUDIT.CHANGE), and the change in FTE and
 * leadership ratio (as AUDIT.FTE and AUDIT.LEADERSHIPRATIO), from the same function core.
 */
import { change } from "../calc";
import { attempt, column, computeHeadlines, compareText } from "./headlines";
import { labelKey, tidyLabel } from "../model/labels";
import type { AuditReturn } from "../model/workbook-data";

interface RoundFigures {
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

export function compareRounds(previous: readonly AuditReturn[], current: readonly AuditReturn[]): Comparison {
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

/**
 * Which audit rounds the returns given together are of: a previous round given for comparison
 * should be an earlier round than the current one, and of the same region; a warning says when not.
 */
import { toText } from "../model/cell-rules";
import { labelKey, tidyLabel } from "../model/labels";
import type { AuditReturn } from "../model/workbook-data";
import { returnRound } from "./read-return";

/**
 * What may be wrong with a previous round given for comparison, as warnings (the comparison is made
 * all the same: both workbooks were read, so the command succeeds): the same audit round as the
 * current one (a comparison with itself says nothing changed), or another region's (its new and
 * ended partnerships mean little).
 */
export function previousRoundWarnings(
  previous: readonly AuditReturn[],
  current: readonly AuditReturn[],
): string[] {
  const warnings: string[] = [];
  const currentRounds = new Map<string, string>();
  for (const r of current) {
    const round = returnRound(r);
    if (round !== "") currentRounds.set(labelKey(round), round);
  }
  for (const r of previous) {
    const round = returnRound(r);
    if (round !== "" && currentRounds.has(labelKey(round)))
      warnings.push(
        `${r.file} is round ${round}, the same round as the current workbooks; the comparison is made all the same, but the previous round should be an earlier one: check that these are the workbooks you meant`,
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
  return warnings;
}

/**
 * Which audit rounds the returns given together are of: a previous round given for comparison must
 * be an earlier round than the current one, and of the same region.
 */
import { toText } from "../model/cell-rules";
import { labelKey, tidyLabel } from "../model/labels";
import type { AuditReturn } from "../model/workbook-data";
import { returnRound } from "./read-return";

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

import { AuditError } from "./errors";
import { looseRange, shaped, shapeChanged, type RangeArg, type ReadRange } from "./ranges";
import { numberArg, numberCell, type NumberRule } from "./numbers";
import { DEFAULT_SCALE_MAX, ratingRule, SCALE_MAX } from "./rules";

/** The default top of the rating scale (1 = Not valuable … 4 = Very valuable). */

/**
 * AUDIT.SCORE: the mean of the non-blank ratings in a range of any shape. A rating outside
 * 1…scale_max is #NUM!; scale_max (default 4) must be at least 1. No rating: #DIV/0!.
 */
export function score(ratings: RangeArg, scaleMax?: unknown): number {
  const loose = looseRange("ratings", ratings);
  const max = numberArg(scaleMax, "scale_max", DEFAULT_SCALE_MAX, SCALE_MAX);
  return shaped([loose], ([range]) => mean(range, max));
}

function mean(range: ReadRange, max: number): number {
  const rule: NumberRule = ratingRule(max);
  const cache = new Map<string, number | null>();
  const rows = range.rows;
  let sum = 0;
  let count = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) shapeChanged();
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "number" && v >= 1 && v <= max) {
        sum += v;
        count++;
      } else if (v !== null && v !== "" && v !== undefined) {
        const n = numberCell(v, rule, cache, "ratings", r, c);
        if (n !== null) {
          sum += n;
          count++;
        }
      }
    }
  }
  if (count === 0)
    throw new AuditError(
      "#DIV/0!",
      `ratings has no non-blank rating to average; enter ratings from 1 to ${max}`,
    );
  if (Number.isFinite(sum)) return sum / count;
  // Ratings on a huge scale can add up to more than a number holds while their mean does not:
  // average them again, each divided by the count first (every cell was checked above).
  let mean = 0;
  for (const row of rows) {
    for (const v of row) {
      const n = typeof v === "number" ? v : typeof v === "string" ? (cache.get(v) ?? null) : null;
      if (n !== null) mean += n / count;
    }
  }
  return mean;
}

import { AuditError } from "./errors";
import { guarded, numberArg, numberCell, readRange, type NumberRule, type RangeArg } from "./cells";

/** The default top of the rating scale (1 = Not valuable … 4 = Very valuable). */
export const DEFAULT_SCALE_MAX = 4;

/**
 * AUDIT.SCORE: the mean of the non-blank ratings in a range of any shape. A rating outside
 * 1…scale_max is #NUM!; scale_max (default 4) must be at least 1. No rating: #DIV/0!.
 */
export function score(ratings: RangeArg, scaleMax?: unknown): number {
  const range = readRange("ratings", ratings);
  return guarded(
    () => [range],
    () => {
      const max = numberArg(scaleMax, "scale_max", DEFAULT_SCALE_MAX, {
        min: 1,
        what: "scale_max must be at least 1",
      });
      const rule: NumberRule = { min: 1, max, what: `a rating must be between 1 and ${max}` };
      const cache = new Map<string, number | null>();
      const rows = range.rows;
      let sum = 0;
      let count = 0;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
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
          "ratings has no non-blank rating to average; enter ratings from 1 to " + max,
        );
      return sum / count;
    },
  );
}

/**
 * Which partnerships the chart of hours a year per partnership (in Value for time) draws, and the
 * caption that says so when not all of them fit.
 */
import type { ReportReviewRow } from "./model";

/** At most this many bars in the chart of hours per partnership. */
const HOURS_CHART_BARS = 20;

/**
 * The partnerships the chart of hours draws, in the review's order (hours, largest first): all of
 * them when they fit; else every partnership flagged Review (the 20 with most hours, if more) and
 * the largest of the others, 20 bars in all, with a caption that says so (the table lists all).
 */
export function hoursChartRows(review: readonly ReportReviewRow[]): {
  rows: ReportReviewRow[];
  caption?: string;
} {
  if (review.length <= HOURS_CHART_BARS) return { rows: [...review] };
  const flagged = review.filter((x) => x.flag === "Review");
  const keep = new Set(flagged.slice(0, HOURS_CHART_BARS));
  for (const x of review) {
    if (keep.size >= HOURS_CHART_BARS) break;
    keep.add(x);
  }
  const rows = review.filter((x) => keep.has(x));
  const others = rows.length - Math.min(flagged.length, HOURS_CHART_BARS);
  const caption =
    flagged.length === 0
      ? `The chart shows the ${rows.length} partnerships with most hours, of ${review.length}; the table lists all.`
      : flagged.length >= HOURS_CHART_BARS
        ? `The chart shows the ${rows.length} partnerships flagged Review with most hours (${flagged.length} are flagged), of ${review.length}; the table lists all.`
        : `The chart shows the ${flagged.length === 1 ? "partnership" : `${flagged.length} partnerships`} flagged Review and the ${others} others with most hours, ${rows.length} of ${review.length}; the table lists all.`;
  return { rows, caption };
}

/**
 * The report's fixed wording beside the figures: the study's five questions, the study's findings
 * that At a glance compares with and the words for where a figure stands against them, and the
 * phrases that say why a figure is not computed or not costed.
 */
import { list } from "./blocks";
import { formatCount, NONE_RECORDED } from "./format";
import { html, type SafeHtml } from "./html";
import type { ReportInput } from "./model";

/** The study's five research questions, in the study's wording (docs/report.md). */
export const QUESTIONS = [
  "With which strategic partnerships are we engaged at local and regional levels?",
  "Which staff are involved, and in what ways?",
  "What are the main barriers?",
  "What is the impact of our involvement?",
  "What support or guidance would help?",
] as const;

/**
 * The study's findings that At a glance compares with (docs/report.md), with the range read as
 * "within": 4 to 5 partnerships per district; about one senior person's time per district, read
 * as 0.80 to 1.20 FTE; key or leading in around half, read as 40% to 60%. A figure is compared as
 * it is shown (rounded), so that the words and the number always agree.
 */
export const BENCHMARKS = {
  perDistrict: { low: 4, high: 5, found: "4 to 5 partnerships per district" },
  ftePerDistrict: {
    low: 0.8,
    high: 1.2,
    found: "about 1 senior person's time per district (0.80 to 1.20 FTE)",
  },
  leadershipRatio: { low: 0.4, high: 0.6, found: "key or leading in about half (40% to 60%)" },
} as const;

export type Against = "within" | "below" | "above" | "none";

/** Where a shown figure stands against a study range (null: no figure). */
export function against(shown: number | null, range: { low: number; high: number }): Against {
  if (shown === null || !Number.isFinite(shown)) return "none";
  if (shown < range.low - 1e-9) return "below";
  if (shown > range.high + 1e-9) return "above";
  return "within";
}

/** What At a glance says of a figure against the study's range. */
export const AGAINST_TEXT: Record<Against, string> = {
  within: "Within the study's range",
  below: "▼ Below the study's range",
  above: "▲ Above the study's range",
  none: `Not compared: ${NONE_RECORDED}`,
};

/** At a glance's words for a figure not compared because it is not computed (the reason is beside it). */
export const NOT_COMPARED_NOT_COMPUTED = "Not compared: not computed";

/** "not computed: <the reason>" for a figure of the headlines that is null for a reason in the data. */
export function notComputedText(h: ReportInput["headlines"], key: string): string {
  const reason = h.notComputed[key];
  return reason === undefined ? NONE_RECORDED : `not computed: ${reason}`;
}

/** "no hourly cost for Grade 7" / "no hourly cost for the grades HEO, SEO" */
export function noCostFor(grades: readonly string[]): SafeHtml {
  return html`no hourly cost for ${grades.length === 1 ? "the grade" : "the grades"} ${list(grades)}`;
}

/** "1 hour a year" / "1,200 hours a year" */
export const hoursText = (n: number): string => `${formatCount(n)} ${n === 1 ? "hour" : "hours"} a year`;

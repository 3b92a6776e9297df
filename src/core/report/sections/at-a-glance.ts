/**
 * At a glance: the headline figures in a table beside the study's findings, each compared as it is
 * shown (rounded), with a sentence that counts the figures outside the study's range.
 */
import { table, type Row } from "../blocks";
import { formatCost, formatCount, formatFte, formatOneDecimal, formatShare, NONE_RECORDED } from "../format";
import { html, type SafeHtml } from "../html";
import type { ReportInput } from "../model";
import {
  against,
  AGAINST_TEXT,
  BENCHMARKS,
  noCostFor,
  NOT_COMPARED_NOT_COMPUTED,
  notComputedText,
  type Against,
} from "../wording";

const roundTo = (n: number | null, digits: number): number | null =>
  n === null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The sentence above the table: how many of the figures the study gives a range for are outside it,
 * and how many could not be compared (no figure). It never says "within" of a figure not compared.
 */
function glanceSentence(outside: number, uncompared: number, all: number): string {
  if (uncompared === all)
    return `None of the figures that the study gives a range for can be compared: ${NONE_RECORDED}.`;
  const notCompared =
    uncompared === 0
      ? ""
      : ` ${uncompared} ${uncompared === 1 ? "figure is" : "figures are"} not compared (no figure to compare).`;
  if (outside === 0)
    return uncompared === 0
      ? "The figures that the study gives a range for are within it."
      : `The figures compared with the study's range are within it.${notCompared}`;
  return `${outside} of the figures that the study gives a range for ${outside === 1 ? "is" : "are"} outside it (marked ▼ below or ▲ above).${notCompared}`;
}

export function atAGlance(r: ReportInput): SafeHtml {
  const h = r.headlines;
  const shownPerDistrict = roundTo(h.perDistrict, 1);
  const shownLeadership = roundTo(h.leadershipRatio === null ? null : h.leadershipRatio * 100, 0);
  const shownFte = roundTo(r.ftePerDistrict, 2);
  const row = (
    key: string,
    label: string,
    value: string,
    found = "",
    status?: Against,
    note?: SafeHtml,
    /** why a figure without a value is not compared, when it is not computed rather than not recorded */
    notCompared?: string,
  ): Row => [
    { value: html`<span id="${`glance-${key}`}">${label}</span>` },
    {
      value: html`<span class="figure" data-figure="${key}">${value}</span>${
          note ? html`<span class="note">${note}</span>` : ""
        }`,
      num: true,
    },
    { value: found },
    {
      value:
        status === undefined
          ? ""
          : html`<span class="${`against against-${status}`}" data-against="${status}"
              >${status === "none" && notCompared !== undefined ? notCompared : AGAINST_TEXT[status]}</span
            >`,
    },
  ];
  const pct = (n: number | null): number | null => (n === null ? null : n / 100);
  const rows = [
    row("partnerships", "Partnerships (distinct IDs)", formatCount(h.partnerships)),
    row("districts", "Districts", formatCount(h.districts)),
    row(
      "per-district",
      "Partnerships per district",
      formatOneDecimal(h.perDistrict),
      BENCHMARKS.perDistrict.found,
      against(shownPerDistrict, BENCHMARKS.perDistrict),
    ),
    row(
      "leadership",
      "Leadership ratio (Leading or Key)",
      formatShare(h.leadershipRatio),
      BENCHMARKS.leadershipRatio.found,
      against(pct(shownLeadership), BENCHMARKS.leadershipRatio),
    ),
    row("fte", "Staff time (FTE)", formatFte(h.fte, notComputedText(h, "fte"))),
    row(
      "fte-per-district",
      "Staff time per district (FTE)",
      formatFte(r.ftePerDistrict, h.fte === null ? notComputedText(h, "fte") : undefined),
      BENCHMARKS.ftePerDistrict.found,
      against(shownFte, BENCHMARKS.ftePerDistrict),
      undefined,
      h.fte === null && h.notComputed.fte !== undefined ? NOT_COMPARED_NOT_COMPUTED : undefined,
    ),
    row(
      "cost",
      "Annual cost of staff time",
      formatCost(r.cost, h.notComputed.cost !== undefined ? notComputedText(h, "cost") : undefined),
      "",
      undefined,
      r.cost === null && r.uncostedGrades.length > 0 ? noCostFor(r.uncostedGrades) : undefined,
    ),
    row("trust", "Partner trust score (1–4)", formatOneDecimal(r.scores.trust)),
    row("value", "Value of our contribution (1–4)", formatOneDecimal(r.scores.value)),
    row(
      "effectiveness",
      "Effectiveness of our participation (1–4)",
      formatOneDecimal(r.scores.effectiveness),
    ),
  ];
  const compared = [
    against(shownPerDistrict, BENCHMARKS.perDistrict),
    against(pct(shownLeadership), BENCHMARKS.leadershipRatio),
    against(shownFte, BENCHMARKS.ftePerDistrict),
  ];
  const outside = compared.filter((a) => a === "below" || a === "above").length;
  const uncompared = compared.filter((a) => a === "none").length;
  return html`<section id="at-a-glance" aria-labelledby="at-a-glance-h">
    <h2 id="at-a-glance-h">At a glance</h2>
    <p>${glanceSentence(outside, uncompared, compared.length)}</p>
    ${table(
      "Headline figures beside the study's findings",
      [
        { text: "Figure" },
        { text: "This audit", num: true },
        { text: "The study found" },
        { text: "Against the study" },
      ],
      rows,
      "glance",
    )}
  </section>`;
}

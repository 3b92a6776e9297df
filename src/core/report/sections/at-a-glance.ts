/**
 * At a glance: the headline figures in a table beside the study's findings, each compared as it is
 * shown (rounded), with a sentence that counts the figures outside the study's range.
 */
import { table, type Row } from "../blocks";
import { formatCost, formatCount, formatFte, formatOneDecimal, formatShare } from "../format";
import { html, type SafeHtml } from "../html";
import type { ReportInput } from "../model";
import { against, AGAINST_TEXT, BENCHMARKS, noCostFor, notComputedText, type Against } from "../wording";

const roundTo = (n: number | null, digits: number): number | null =>
  n === null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits;

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
              >${AGAINST_TEXT[status]}</span
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
  const outside = [
    against(shownPerDistrict, BENCHMARKS.perDistrict),
    against(pct(shownLeadership), BENCHMARKS.leadershipRatio),
    against(shownFte, BENCHMARKS.ftePerDistrict),
  ].filter((a) => a === "below" || a === "above").length;
  return html`<section id="at-a-glance" aria-labelledby="at-a-glance-h">
    <h2 id="at-a-glance-h">At a glance</h2>
    <p>
      ${
        outside === 0
          ? "The figures that the study gives a range for are within it."
          : `${outside} of the figures that the study gives a range for ${outside === 1 ? "is" : "are"} outside it (marked ▼ below or ▲ above).`
      }
    </p>
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

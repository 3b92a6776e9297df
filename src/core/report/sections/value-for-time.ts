import { none, table, u } from "../blocks";
import { barChart } from "../chart";
import { formatCost, formatCount, formatNumber, formatOneDecimal, NOT_COSTED } from "../format";
import { hoursChartRows } from "../hours-chart";
import { html, type SafeHtml } from "../html";
import type { ReportInput } from "../model";
import { hoursText, noCostFor, notComputedText } from "../wording";

/**
 * Value for time (docs/value-for-time.md): the annual cost (or why it is not costed), the cost by
 * district, the rule of the review and the partnerships it flags Review, in words; a chart of hours
 * per partnership whose Review bars say so; and the review table (the chart's figures with the
 * value and the flag).
 */
export function valueForTime(r: ReportInput): SafeHtml {
  const reasons = r.headlines.notComputed;
  const cost =
    r.cost === null && reasons.cost !== undefined
      ? html`<p>
          Annual cost of staff time:
          <strong class="figure" data-figure="cost-q4">${notComputedText(r.headlines, "cost")}</strong>.
        </p>`
      : r.cost !== null
        ? html`<p>
            Annual cost of staff time:
            <strong class="figure" data-figure="cost-q4">${formatCost(r.cost)}</strong> (each representative's
            hours a year at the hourly cost of their grade).
          </p>`
        : html`<p>
            Annual cost of staff time:
            <strong class="figure" data-figure="cost-q4">${NOT_COSTED}</strong>${
              r.uncostedGrades.length > 0
                ? html`: ${noCostFor(r.uncostedGrades)}, which
                  ${r.uncostedGrades.length === 1 ? "has" : "have"} hours in Representation. Fill in the
                  GradeCosts table on the Settings sheet.`
                : "."
            }
          </p>`;
  const byDistrict = Object.entries(r.costByDistrict);
  const costTable =
    byDistrict.length === 0
      ? html``
      : table(
          "Annual cost of staff time by district",
          [{ text: "District" }, { text: "Annual cost", num: true }],
          byDistrict.map(([d, c]) => [
            { value: u(d) },
            {
              value: formatCost(c, reasons.costByDistrict !== undefined ? "not computed" : undefined),
              num: true,
            },
          ]),
        );
  if (r.review === null)
    return html`<h3>Value for time</h3>
      ${cost}${costTable}
      <p data-review="not-computed">Value for time review: ${notComputedText(r.headlines, "review")}.</p>`;
  if (r.review.length === 0)
    return html`<h3>Value for time</h3>
      ${cost}${costTable}${none("Value for time review")}`;

  const { valueBelow, hoursFrom } = r.reviewThresholds;
  const rule = html`<p class="rule">
    A partnership is flagged <strong>Review</strong> when the partners' mean rating of the value of our
    contribution is below ${formatNumber(valueBelow)} (on the scale 1 to
    4)${
      hoursFrom > 0
        ? ` and we give it at least ${formatNumber(hoursFrom)} ${hoursFrom === 1 ? "hour" : "hours"} a year`
        : ""
    }; <em>Keep</em> otherwise, and <em>No rating</em> when no partner has rated it.
  </p>`;
  const review = r.review;
  const flagged = review.filter((x) => x.flag === "Review");
  const unrated = review.filter((x) => x.flag === "No rating").length;
  const partnerships = (n: number): string => `${formatCount(n)} ${n === 1 ? "partnership" : "partnerships"}`;
  const flaggedWords =
    flagged.length === 0
      ? html`<p data-review="none">No partnership is flagged Review.</p>`
      : html`<p data-review="flagged">
            ${partnerships(flagged.length)} of ${formatCount(review.length)}
            ${flagged.length === 1 ? "is" : "are"} flagged <strong>Review</strong>: low value for the time
            given.
          </p>
          <ul class="flagged">
            ${flagged.map(
              (x) =>
                html`<li>
                  <strong>${u(x.id)}</strong>${x.name ? html` ${u(x.name)}` : ""}: ${hoursText(x.hours)},
                  value ${formatOneDecimal(x.value)}.
                </li>`,
            )}
          </ul>`;
  const unratedWords =
    unrated === 0
      ? ""
      : html`<p>
          ${partnerships(unrated)} ${unrated === 1 ? "has" : "have"} no rating from partners yet (No rating).
        </p>`;
  const { rows: charted, caption } = hoursChartRows(review);
  const chart = barChart({
    id: "chart-hours",
    title: "Hours a year per partnership",
    categoryAxis: "Partnership",
    valueAxis: "Hours a year",
    maxBars: charted.length,
    ...(caption ? { caption } : {}),
    data: charted.map((x) => ({
      label: x.id,
      value: x.hours,
      display: x.flag === "Review" ? `${formatCount(x.hours)} (Review)` : formatCount(x.hours),
      emphasis: x.flag === "Review",
    })),
    tick: (n) => formatCount(n),
    legend: "Partnerships flagged Review are drawn in orange and marked (Review).",
  });
  return html`<h3>Value for time</h3>
    ${cost}${costTable}${rule}${flaggedWords}${unratedWords}
    <h4>Hours a year per partnership</h4>
    ${chart}${table(
      "Value for time review: hours a year (the figures of the chart), the value partners give our contribution, and the flag",
      [
        { text: "Partnership ID" },
        { text: "Hours a year", num: true },
        { text: "Value (1–4)", num: true },
        { text: "Flag" },
      ],
      review.map((x) => [
        { value: u(x.id) },
        { value: formatCount(x.hours), num: true },
        { value: formatOneDecimal(x.value, "no rating"), num: true },
        { value: x.flag === "Review" ? html`<strong>Review</strong>` : x.flag },
      ]),
      "review",
    )}`;
}

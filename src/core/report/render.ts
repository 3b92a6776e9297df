/**
 * The audit report as one self-contained HTML document (docs/report.md): title block, At a glance
 * beside the study's findings, the study's five questions, Since the previous round, Data
 * quality. CSS is inline, charts are inline SVG (chart.ts), and no script is needed: it reads the
 * same with JavaScript switched off. Every text from the data goes through `html` (html.ts) and
 * is shown as text. Printed on A4 portrait: each section from question 1 on starts a new page,
 * table rows do not split, and the page's margin boxes carry the title and "Page N of M".
 */
import { barChart, type BarDatum } from "./chart";
import {
  formatCost,
  formatCount,
  formatFte,
  formatNumber,
  formatOneDecimal,
  formatShare,
  formatSigned,
  NONE_RECORDED,
  NOT_COSTED,
} from "./format";
import { cssString, html, isolated, joinHtml, rawCss, type HtmlValue, type SafeHtml } from "./html";
import type { ReportFileQuality, ReportInput, ReportReviewRow, ReportShare } from "./model";
import type { Finding } from "../model/findings";
import { networkSection } from "./network";

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

const AGAINST_TEXT: Record<Against, string> = {
  within: "Within the study's range",
  below: "▼ Below the study's range",
  above: "▲ Above the study's range",
  none: `Not compared: ${NONE_RECORDED}`,
};

const roundTo = (n: number | null, digits: number): number | null =>
  n === null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits;

/** User text, isolated for right-to-left scripts. */
const u = (text: string): SafeHtml => html`<bdi>${text}</bdi>`;

const list = (items: readonly string[], none = NONE_RECORDED): SafeHtml =>
  items.length === 0
    ? html`<span class="none">${none}</span>`
    : joinHtml(items.map((t, i) => html`${i > 0 ? ", " : ""}${u(t)}`));

type Cell = { readonly value: HtmlValue; readonly num?: boolean };
type Row = readonly Cell[];

function table(
  caption: string,
  headers: readonly { text: string; num?: boolean }[],
  rows: readonly Row[],
  className = "",
): SafeHtml {
  return html`<table class="${className}">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${headers.map((h) => html`<th scope="col" class="${h.num ? "num" : ""}">${h.text}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            ${r.map((c) => html`<td class="${c.num ? "num" : ""}">${c.value}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const none = (what: string): SafeHtml => html`<p class="none">${what}: ${NONE_RECORDED}.</p>`;

/** A breakdown: chart, then the table of the same numbers; "none recorded" when empty. */
function breakdownBlock(
  id: string,
  title: string,
  category: string,
  base: string,
  rows: readonly ReportShare[],
): SafeHtml {
  if (rows.length === 0 || rows.every((r) => r.count === 0))
    return html`<h3>${title}</h3>
      ${none(title)}`;
  const data: BarDatum[] = rows.map((r) => ({
    label: r.label,
    value: r.count,
    display: `${formatCount(r.count)} (${formatShare(r.share)})`,
  }));
  return html`<h3>${title}</h3>
    ${barChart({
      id,
      title,
      categoryAxis: category,
      valueAxis: "Partnerships (rows of Partnerships)",
      data,
    })}${table(
      `${title}: the figures of the chart`,
      [{ text: category }, { text: "Partnerships", num: true }, { text: base, num: true }],
      rows.map((r) => [
        { value: u(r.label) },
        { value: formatCount(r.count), num: true },
        { value: formatShare(r.share), num: true },
      ]),
    )}`;
}

/** A figure per label (FTE, counts): chart and table. */
function figureBlock(
  id: string,
  title: string,
  category: string,
  valueAxis: string,
  rows: readonly (readonly [string, number])[],
  format: (n: number) => string,
  extra?: { header: string; values: readonly string[] },
  /** what to say when there are no rows because the figures are not computed */
  notComputed?: string,
): SafeHtml {
  if (rows.length === 0)
    return html`<h3>${title}</h3>
      ${notComputed === undefined ? none(title) : html`<p class="none">${title}: ${notComputed}.</p>`}`;
  return html`<h3>${title}</h3>
    ${barChart({
      id,
      title,
      categoryAxis: category,
      valueAxis,
      data: rows.map(([label, value]) => ({ label, value, display: format(value) })),
      tick: (n) => formatNumber(n),
    })}${table(
      `${title}: the figures of the chart`,
      [
        { text: category },
        { text: valueAxis, num: true },
        ...(extra ? [{ text: extra.header, num: true }] : []),
      ],
      rows.map(([label, value], i) => [
        { value: u(label) },
        { value: format(value), num: true },
        ...(extra ? [{ value: extra.values[i], num: true }] : []),
      ]),
    )}`;
}

function titleBlock(r: ReportInput): SafeHtml {
  const sources = r.previousSources.length
    ? html`${list(r.sources)}; previous round: ${list(r.previousSources)}`
    : list(r.sources);
  return html`<header class="title-block">
    <p class="kicker">Partnership audit report</p>
    <h1>${u(r.title)}</h1>
    <dl class="facts">
      <dt>Region</dt>
      <dd>${list(r.regions)}</dd>
      <dt>${r.districts.length === 1 ? "District" : "Districts"}</dt>
      <dd>${list(r.districts)}</dd>
      <dt>${r.rounds.length === 1 ? "Audit round" : "Audit rounds"}</dt>
      <dd>${list(r.rounds)}</dd>
      <dt>Made from</dt>
      <dd>${sources}</dd>
      <dt>Made on</dt>
      <dd>${r.madeOn}</dd>
    </dl>
  </header>`;
}

function atAGlance(r: ReportInput): SafeHtml {
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

function question(n: number, body: SafeHtml): SafeHtml {
  return html`<section class="page question" id="${`q${n}`}" aria-labelledby="${`q${n}-h`}">
    <h2 id="${`q${n}-h`}"><span class="qn">Question ${n}.</span> ${QUESTIONS[n - 1]}</h2>
    ${body}
  </section>`;
}

function partnershipsEngaged(r: ReportInput): SafeHtml {
  const h = r.headlines;
  const perDistrict = r.byDistrict.map((d) => [d.district, d.partnerships] as const);
  const leadership = r.byDistrict.map((d) => formatShare(d.leadershipRatio));
  return question(
    1,
    html`<p>
        ${formatCount(h.partnerships)} distinct ${h.partnerships === 1 ? "partnership" : "partnerships"}
        across ${formatCount(h.districts)} ${h.districts === 1 ? "district" : "districts"}:
        ${formatOneDecimal(h.perDistrict)} per district.
      </p>
      ${figureBlock(
        "chart-level",
        "Partnerships by level",
        "Level",
        "Partnerships (distinct IDs)",
        r.byLevel,
        (n) => formatCount(n),
      )}${figureBlock(
        "chart-type",
        "Partnerships by type",
        "Type",
        "Partnerships (distinct IDs)",
        r.byType,
        (n) => formatCount(n),
      )}${figureBlock(
        "chart-district",
        "Partnerships per district",
        "District",
        "Partnerships (distinct IDs)",
        perDistrict,
        (n) => formatCount(n),
        { header: "Leading or Key", values: leadership },
      )}
      <h3>The partnerships</h3>
      ${
        r.partnerships.length === 0
          ? none("Partnerships")
          : table(
              `The ${formatCount(r.partnerships.length)} partnerships, by Partnership ID`,
              [
                { text: "ID" },
                { text: "Partnership" },
                { text: "Level" },
                { text: "Type" },
                { text: "Our role" },
                { text: "Districts" },
              ],
              r.partnerships.map((p) => [
                { value: u(p.id) },
                { value: u(p.name) },
                { value: u(p.level) },
                { value: u(p.type) },
                { value: u(p.role) },
                { value: list(p.districts) },
              ]),
              "partnership-list",
            )
      }`,
  );
}

function staffInvolved(r: ReportInput): SafeHtml {
  const rep = r.representation;
  // the FTE blocks are empty when the hours cannot be used: say so, not "none recorded"
  const fteNotComputed =
    r.headlines.fteByDistrict === null ? notComputedText(r.headlines, "fteByDistrict") : undefined;
  const facts = table(
    "Staff time, meetings and hours",
    [{ text: "Figure" }, { text: "This audit", num: true }],
    [
      [
        { value: "Representatives recorded (rows of Representation)" },
        { value: formatCount(rep.representatives), num: true },
      ],
      [{ value: "Meetings attended a year" }, { value: formatCount(rep.meetings), num: true }],
      [{ value: "Hours a year" }, { value: formatCount(rep.hours), num: true }],
      [
        { value: "Staff time (FTE)" },
        { value: formatFte(r.headlines.fte, notComputedText(r.headlines, "fte")), num: true },
      ],
      [
        { value: "Staff time per district (FTE)" },
        {
          value: formatFte(
            r.ftePerDistrict,
            r.headlines.fte === null ? notComputedText(r.headlines, "fte") : undefined,
          ),
          num: true,
        },
      ],
    ],
    "staff",
  );
  return question(
    2,
    html`${facts}${figureBlock(
      "chart-fte-district",
      "Staff time by district",
      "District",
      "FTE",
      r.fteByDistrict,
      (n) => formatFte(n),
      undefined,
      fteNotComputed,
    )}${figureBlock(
      "chart-fte-grade",
      "Staff time by grade",
      "Grade",
      "FTE",
      r.fteByGrade,
      (n) => formatFte(n),
      undefined,
      fteNotComputed,
    )}${breakdownBlock("chart-roles", "Our role in the partnerships", "Role", "Share of rows with a role", r.roles)}`,
  );
}

function mainBarriers(r: ReportInput): SafeHtml {
  return question(
    3,
    html`${breakdownBlock("chart-barriers", "Barriers", "Barrier", "Share of partnerships naming any", r.barriers)}${breakdownBlock(
      "chart-factors",
      "Effectiveness factors",
      "Factor",
      "Share of partnerships naming any",
      r.effectivenessFactors,
    )}`,
  );
}

/** "no hourly cost for Grade 7" / "no hourly cost for the grades HEO, SEO" */
function noCostFor(grades: readonly string[]): SafeHtml {
  return html`no hourly cost for ${grades.length === 1 ? "the grade" : "the grades"} ${list(grades)}`;
}

const hoursText = (n: number): string => `${formatCount(n)} ${n === 1 ? "hour" : "hours"} a year`;

/** At most this many bars in the chart of hours per partnership. */
export const HOURS_CHART_BARS = 20;

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

/**
 * Value for time (docs/value-for-time.md): the annual cost (or why it is not costed), the cost by
 * district, the rule of the review and the partnerships it flags Review, in words; a chart of hours
 * per partnership whose Review bars say so; and the review table (the chart's figures with the
 * value and the flag).
 */
function valueForTime(r: ReportInput): SafeHtml {
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

function impactOfInvolvement(r: ReportInput): SafeHtml {
  const s = r.scores;
  const scores = table(
    `Partner survey scores (${formatCount(s.responses)} ${s.responses === 1 ? "response" : "responses"})`,
    [{ text: "Score" }, { text: "Mean (1–4)", num: true }],
    [
      [{ value: "Partner trust" }, { value: formatOneDecimal(s.trust), num: true }],
      [{ value: "Value of our contribution" }, { value: formatOneDecimal(s.value), num: true }],
      [
        { value: "Effectiveness of our participation" },
        { value: formatOneDecimal(s.effectiveness), num: true },
      ],
    ],
    "scores",
  );
  return question(
    4,
    html`${breakdownBlock(
        "chart-contribution",
        "Contribution to targets",
        "Contribution",
        "Share of partnerships rated",
        r.contribution,
      )}${breakdownBlock("chart-impact", "Impact routes", "Impact route", "Share of partnerships naming any", r.impactRoutes)}
      <h3>Partner survey</h3>
      ${scores}${valueForTime(r)}`,
  );
}

function supportWanted(r: ReportInput): SafeHtml {
  return question(
    5,
    breakdownBlock(
      "chart-guidance",
      "Guidance needed",
      "Guidance",
      "Share of partnerships naming any",
      r.guidance,
    ),
  );
}

function sincePrevious(r: ReportInput): SafeHtml {
  const c = r.comparison;
  if (!c) return html``;
  const ids = (items: readonly string[]): SafeHtml => list(items, "none");
  const pctPoints = (n: number): string => `${formatSigned(n * 100, (x) => formatCount(x))} points`;
  const cost: Row = [
    { value: "Annual cost of staff time" },
    { value: formatCost(c.previousCost), num: true },
    { value: formatCost(r.cost), num: true },
    {
      value:
        c.previousCost !== null && r.cost !== null
          ? formatSigned(r.cost - c.previousCost, (x) => formatCost(x))
          : NOT_COSTED,
      num: true,
    },
  ];
  return html`<section class="page" id="previous-round" aria-labelledby="previous-round-h">
    <h2 id="previous-round-h">Since the previous round</h2>
    <p>
      Previous round: ${list(r.previousRounds)} (${list(r.previousSources)}). This round: ${list(r.rounds)}.
    </p>
    ${table(
      "Partnerships new, continuing and ended (by Partnership ID)",
      [{ text: "Partnerships" }, { text: "How many", num: true }, { text: "IDs" }],
      [
        [{ value: "New" }, { value: formatCount(c.new), num: true }, { value: ids(c.newIds) }],
        [
          { value: "Continuing" },
          { value: formatCount(c.continuing), num: true },
          { value: ids(c.continuingIds) },
        ],
        [{ value: "Ended" }, { value: formatCount(c.ended), num: true }, { value: ids(c.endedIds) }],
      ],
      "change",
    )}${table(
      "Change in staff time, leadership and cost",
      [
        { text: "Figure" },
        { text: "Previous", num: true },
        { text: "This round", num: true },
        { text: "Change", num: true },
      ],
      [
        [
          { value: "Partnerships (distinct IDs)" },
          { value: formatCount(c.previous.partnerships), num: true },
          { value: formatCount(c.current.partnerships), num: true },
          {
            value: formatSigned(c.current.partnerships - c.previous.partnerships, (x) => formatCount(x)),
            num: true,
          },
        ],
        [
          { value: "Staff time (FTE)" },
          { value: formatFte(c.previous.fte, "not computed"), num: true },
          { value: formatFte(c.current.fte, "not computed"), num: true },
          {
            value: c.fteChange === null ? "not computed" : formatSigned(c.fteChange, (x) => formatFte(x)),
            num: true,
          },
        ],
        [
          { value: "Leadership ratio (Leading or Key)" },
          { value: formatShare(c.previous.leadershipRatio), num: true },
          { value: formatShare(c.current.leadershipRatio), num: true },
          {
            value: c.leadershipRatioChange === null ? NONE_RECORDED : pctPoints(c.leadershipRatioChange),
            num: true,
          },
        ],
        cost,
      ],
      "round-change",
    )}
  </section>`;
}

/** "not computed: <the reason>" for a figure of the headlines that is null for a reason in the data. */
function notComputedText(h: ReportInput["headlines"], key: string): string {
  const reason = h.notComputed[key];
  return reason === undefined ? NONE_RECORDED : `not computed: ${reason}`;
}

function findingRow(f: Finding): Row {
  return [
    { value: f.severity === "error" ? html`<strong>Error</strong>` : "Warning" },
    { value: u(f.sheet) },
    { value: f.row === undefined ? "" : formatCount(f.row), num: true },
    { value: f.column ? u(f.column) : "" },
    { value: u(f.message) },
  ];
}

function dataQuality(r: ReportInput): SafeHtml {
  const files = r.dataQuality;
  const errors = files.reduce((n, f) => n + f.errors, 0);
  const warnings = files.reduce((n, f) => n + f.warnings, 0);
  const name = (f: ReportFileQuality): string =>
    f.round === "previous" ? `${f.file} (previous round)` : f.file;
  const plural = (n: number, one: string): string => `${formatCount(n)} ${one}${n === 1 ? "" : "s"}`;
  const summary =
    errors + warnings === 0
      ? html`<p class="all-passed" data-quality="passed">
          Every check passed: no errors and no warnings in ${plural(files.length, "file")}.
        </p>`
      : html`<p data-quality="${errors > 0 ? "errors" : "warnings"}">
          The checks found ${plural(errors, "error")} and
          ${plural(
            warnings,
            "warning",
          )}.${errors > 0 ? " Figures that use the rows with errors may be wrong until they are fixed." : ""}
        </p>`;
  const perSheet = table(
    "Errors and warnings per file and sheet",
    [{ text: "File" }, { text: "Sheet" }, { text: "Errors", num: true }, { text: "Warnings", num: true }],
    files.flatMap((f): Row[] =>
      f.sheets.length === 0
        ? [
            [
              { value: u(name(f)) },
              { value: "all sheets" },
              { value: "0", num: true },
              { value: "0", num: true },
            ],
          ]
        : f.sheets.map((s) => [
            { value: u(name(f)) },
            { value: u(s.sheet) },
            { value: formatCount(s.errors), num: true },
            { value: formatCount(s.warnings), num: true },
          ]),
    ),
    "quality",
  );
  const details = files
    .filter((f) => f.findings.length > 0)
    .map((f) =>
      table(
        `${name(f)}: ${plural(f.errors, "error")}, ${plural(f.warnings, "warning")}`,
        [
          { text: "Severity" },
          { text: "Sheet" },
          { text: "Row", num: true },
          { text: "Column" },
          { text: "What to fix" },
        ],
        f.findings.map(findingRow),
        "findings",
      ),
    );
  return html`<section class="page" id="data-quality" aria-labelledby="data-quality-h">
    <h2 id="data-quality-h">Data quality</h2>
    ${summary}${perSheet}${details}
  </section>`;
}

/** The title as the page's margin box shows it: one line, at most 90 characters. */
function marginTitle(title: string): string {
  const points = [...title.replace(/\s+/g, " ").trim()];
  return points.length <= 90 ? points.join("") : `${points.slice(0, 89).join("")}…`;
}

function css(title: string): SafeHtml {
  return rawCss(`
:root{color:#1b1b1b;background:#fff;font:10.5pt/1.45 "Segoe UI",system-ui,-apple-system,Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
body{margin:0 auto;max-width:190mm;padding:10mm 8mm}
h1{font-size:20pt;line-height:1.2;margin:.2em 0 .6em;overflow-wrap:anywhere}
h2{font-size:15pt;line-height:1.25;margin:0 0 .6em;padding-bottom:.2em;border-bottom:2px solid #1f5f8b;break-after:avoid}
h3{font-size:12pt;margin:1.2em 0 .3em;break-after:avoid}
.kicker{margin:0;color:#4a4a4a;font-weight:600;text-transform:uppercase;letter-spacing:.06em;font-size:9pt}
.qn{color:#1f5f8b}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0 0 1.5em}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.3em 0 1.2em}
caption{caption-side:top;text-align:left;font-weight:600;padding:.2em 0 .3em}
th,td{border:1px solid #8c8c8c;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#e6edf3}
.num{text-align:right;font-variant-numeric:tabular-nums;overflow-wrap:normal}
thead{display:table-header-group}
tr,figure,.keep{break-inside:avoid;page-break-inside:avoid}
.none{color:#4a4a4a;font-style:italic}
.note{display:block;white-space:normal;font-size:9pt;color:#4a4a4a}
h4{font-size:10.5pt;margin:1em 0 .2em;break-after:avoid}
ul.flagged{margin:.2em 0 .8em;padding-left:1.4em}
ul.flagged li{break-inside:avoid}
.against-within{color:#1d5e2b}
.against-below,.against-above{color:#8a1c1c;font-weight:700}
.against-none{color:#4a4a4a}
figure{margin:.3em 0 .4em}
figcaption{font-weight:600;margin-bottom:.2em}
svg.chart{display:block;max-width:100%;height:auto}
svg.chart text{font-family:inherit;font-size:12px;fill:#1b1b1b}
svg.chart .axis-title{font-weight:600}
svg.chart rect{fill:#1f5f8b}
svg.chart .emphasis rect{fill:#d06000}
svg.chart .grid{stroke:#d4d4d4;stroke-width:1}
svg.chart .axis{stroke:#1b1b1b;stroke-width:1}
svg.network{display:block;max-width:100%;height:auto}
svg.network text{font-family:inherit;font-size:11px;fill:#1b1b1b}
svg.network .head{font-weight:600}
svg.network line{stroke:#1f5f8b;stroke-width:1;stroke-opacity:.7}
.page{break-before:page;page-break-before:always}
@media screen{.page{margin-top:2.5em;padding-top:1em;border-top:1px solid #c8c8c8}}
@media print{body{max-width:none;padding:0}}
@page{size:A4 portrait;margin:18mm 15mm 18mm 15mm;
@top-center{content:${cssString(isolated(marginTitle(title)))};font-size:8.5pt;color:#4a4a4a}
@bottom-right{content:"Page " counter(page) " of " counter(pages);font-size:8.5pt;color:#4a4a4a}}
`);
}

/** The report as one HTML document. */
export function renderReport(r: ReportInput): string {
  return `<!DOCTYPE html>\n${
    html`<html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="Partnership Audit for Excel" />
        <title>${isolated(r.title)}</title>
        <style>
          ${css(r.title)}
        </style>
      </head>
      <body>
        <main>
          ${titleBlock(r)}${atAGlance(r)}${partnershipsEngaged(r)}${networkSection(r.network)}${staffInvolved(r)}${mainBarriers(r)}${impactOfInvolvement(r)}${supportWanted(r)}${sincePrevious(
            r,
          )}${dataQuality(r)}
        </main>
      </body>
    </html>`.value
  }\n`;
}

/**
 * The sections of the study's five questions, each on its own printed page: which partnerships we
 * are engaged in, which staff are involved, the main barriers, the impact of our involvement (with
 * the partner survey and value for time) and the support wanted.
 */
import { breakdownBlock, figureBlock, list, none, table, u } from "../blocks";
import { formatCount, formatFte, formatOneDecimal, formatShare, NONE_RECORDED } from "../format";
import { html, type SafeHtml } from "../html";
import type { ReportInput } from "../model";
import { notComputedText, QUESTIONS } from "../wording";
import { valueForTime } from "./value-for-time";

/**
 * A question's section, headed by the question in the study's wording and nothing else: the heading's
 * text is exactly the question. Its number ("Question 1.") is drawn before it by the style sheet
 * (style.ts), so that the screen and the printed page show it.
 */
function question(n: number, body: SafeHtml): SafeHtml {
  return html`<section class="page question" id="${`q${n}`}" aria-labelledby="${`q${n}-h`}">
    <h2 id="${`q${n}-h`}" data-question="${n}">${QUESTIONS[n - 1]}</h2>
    ${body}
  </section>`;
}

export function partnershipsEngaged(r: ReportInput): SafeHtml {
  const h = r.headlines;
  const perDistrict = r.byDistrict.map((d) => [d.district, d.partnerships] as const);
  const leadership = r.byDistrict.map((d) => formatShare(d.leadershipRatio));
  return question(
    1,
    html`<p>
        ${
          h.partnerships === 0
            ? `Partnerships recorded: ${NONE_RECORDED}.`
            : `${formatCount(h.partnerships)} distinct ${h.partnerships === 1 ? "partnership" : "partnerships"} across ${formatCount(h.districts)} ${h.districts === 1 ? "district" : "districts"}${
                h.perDistrict === null || !Number.isFinite(h.perDistrict)
                  ? "."
                  : `: ${formatOneDecimal(h.perDistrict)} per district.`
              }`
        }
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

/**
 * Why a sum of Representation is missing: with rows, a cell that is not a usable number stopped it
 * ("not computed", as the headlines say); with no rows, nothing is recorded.
 */
function unusable(rows: number, column: string): string {
  return rows > 0
    ? `not computed: a cell of Representation's ${column} is not a usable value (see the errors)`
    : NONE_RECORDED;
}

export function staffInvolved(r: ReportInput): SafeHtml {
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
      [
        { value: "Meetings attended a year" },
        { value: formatCount(rep.meetings, unusable(rep.representatives, "Meetings per year")), num: true },
      ],
      [
        { value: "Hours a year" },
        { value: formatCount(rep.hours, unusable(rep.representatives, "Annual hours")), num: true },
      ],
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

export function mainBarriers(r: ReportInput): SafeHtml {
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

export function impactOfInvolvement(r: ReportInput): SafeHtml {
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

export function supportWanted(r: ReportInput): SafeHtml {
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

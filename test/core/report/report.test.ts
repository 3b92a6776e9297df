/**
 * The report of a known pair of district returns holds the right figures in each section, read
 * from the HTML as a browser parses it (parse5), not matched as a snapshot. Expected values are
 * worked out by hand from the rows below (see the comments), never recomputed by the code under
 * test.
 */
import { checkReturn } from "../../../src/core/returns/checks";
import type { Finding } from "../../../src/core/model/findings";
import { buildReportInput, renderReport } from "../../../src/core/report";
import { splitRounds, type ReportInput } from "../../../src/core/report/model";
import { hoursChartRows } from "../../../src/core/report/hours-chart";
import { readReturn } from "../../../src/core/returns/read-return";
import type { AuditReturn } from "../../../src/core/model/workbook-data";
import { grid, type RowInput } from "../returns/return-fixtures";
import {
  all,
  attr,
  byClass,
  byId,
  byTag,
  figure,
  parseHtml,
  tableByCaption,
  tableRows,
  text,
  type Document,
} from "./dom";

const P = (
  id: string,
  name: string,
  level: string,
  type: string,
  ourRole: string,
  more: RowInput = {},
): RowInput => ({
  partnershipId: id,
  partnership: name,
  level,
  type,
  region: "North West",
  ourRole,
  ...more,
});

const R = (
  partnershipId: string,
  grade: string,
  meetingsPerYear: number,
  hoursPerMeeting: number,
  otherHoursPerMonth: number,
): RowInput => ({
  partnershipId,
  representative: "Post",
  grade,
  meetingsPerYear,
  hoursPerMeeting,
  otherHoursPerMonth,
  annualHours: meetingsPerYear * hoursPerMeeting + 12 * otherHoursPerMonth,
});

// D01: 37 h × 52 weeks = 1,924 hours a full-time year.
//   hours 12×4+12×40 = 528 (Grade 7), 10×3+12×20 = 270 (SEO), 6×5 = 30 (Grade 6): 828 h = 0.4304 FTE
// D02: 36 h × 52 weeks = 1,872 hours.
//   hours 12×2+12×50 = 624 (HEO), 6×5+12×10 = 150 (Grade 7): 774 h = 0.4135 FTE
// FTE 0.8438 → "0.84"; per district 0.4219 → "0.42" (below 0.80–1.20)
// Grade 7: 528/1924 + 150/1872 = 0.3546 → "0.35"; HEO 624/1872 = 0.3333 → "0.33";
// SEO 270/1924 = 0.1403 → "0.14"; Grade 6 30/1924 = 0.0156 → "0.02"
const D01 = readReturn(
  grid({
    settings: { district: "D01", hoursPerWeek: 37, weeksPerYear: 52 },
    Partnerships: [
      P("P-0001", "Northtown LSP", "Local", "Local Strategic Partnership", "Leading", {
        barriers: "Pressure on key staff time; Short-term national targets",
        contribution: "High",
        impactRoutes: "Demand side (employers, jobs)",
        effectivenessFactors: "Good formal and informal relations",
        guidanceNeeded: "Confidence to take part",
      }),
      P("P-0002", "Northtown Skills Board", "Local", "Employment and skills partnership", "Active", {
        barriers: "Pressure on key staff time",
        contribution: "Low",
        guidanceNeeded: "Confidence to take part; Networking and information sharing",
      }),
      P(
        "P-0100",
        "North West Skills Partnership",
        "Regional",
        "Regional development / skills partnership",
        "Key",
      ),
    ],
    Representation: [
      R("P-0001", "Grade 7", 12, 4, 40),
      R("P-0002", "SEO", 10, 3, 20),
      R("P-0100", "Grade 6", 6, 5, 0),
    ],
    PartnerSurvey: [
      {
        partnershipId: "P-0001",
        respondent: "Northtown Council",
        trustReliable: 4,
        trustMission: 4,
        trustOpen: 3,
        valueTime: 3,
        valueExperience: 4,
        effectiveness: 3,
      },
    ],
  }),
  "D01.xlsx",
);
const D02 = readReturn(
  grid({
    settings: { district: "D02", hoursPerWeek: 36, weeksPerYear: 52 },
    Partnerships: [
      P("P-0003", "Southtown LSP", "Local", "Local Strategic Partnership", "Limited", {
        barriers: "Limited local flexibility or autonomy",
      }),
      P(
        "P-0100",
        "North West Skills Partnership",
        "Regional",
        "Regional development / skills partnership",
        "Active",
      ),
    ],
    Representation: [R("P-0003", "HEO", 12, 2, 50), R("P-0100", "Grade 7", 6, 5, 10)],
    PartnerSurvey: [
      {
        partnershipId: "P-0003",
        respondent: "Southtown Council",
        trustReliable: 3,
        valueTime: 2,
        effectiveness: 2,
      },
    ],
  }),
  "D02.xlsx",
);

function findingsOf(...returns: AuditReturn[]): Map<AuditReturn, readonly Finding[]> {
  return new Map(returns.map((r) => [r, checkReturn(r, { currentYear: 2026 })]));
}

function render(input: ReportInput): Document {
  return parseHtml(renderReport(input));
}

describe("the report of a known workbook", () => {
  const input = buildReportInput({
    returns: [D01, D02],
    findings: findingsOf(D01, D02),
    madeOn: "2026-11-29",
  });
  const doc = render(input);

  test("title block: default title, region, districts, round, files and date", () => {
    expect(text(byTag(doc, "title")[0])).toBe("Partnership audit: North West, 2026-Q4");
    expect(text(byTag(doc, "h1")[0])).toBe("Partnership audit: North West, 2026-Q4");
    const facts = byClass(doc, "facts")[0];
    const pairs = byTag(facts, "dt").map((dt, i) => [text(dt), text(byTag(facts, "dd")[i])]);
    expect(pairs).toEqual([
      ["Region", "North West"],
      ["Districts", "D01, D02"],
      ["Audit round", "2026-Q4"],
      ["Made from", "D01.xlsx, D02.xlsx"],
      ["Made on", "2026-11-29"],
    ]);
  });

  test("At a glance: figures beside the study's findings, those outside marked in words", () => {
    const glance = byId(doc, "at-a-glance");
    expect(figure(glance, "partnerships")).toBe("4");
    expect(figure(glance, "districts")).toBe("2");
    expect(figure(glance, "per-district")).toBe("2.5"); // D01 3 IDs, D02 2 IDs: mean 2.5
    expect(figure(glance, "leadership")).toBe("50%"); // P-0001 Leading, P-0100 Key (strongest) of 4
    expect(figure(glance, "fte")).toBe("0.84");
    expect(figure(glance, "fte-per-district")).toBe("0.42");
    expect(figure(glance, "cost")).toBe("not costed");
    expect(text(byClass(glance, "note")[0])).toBe("no hourly cost for the grades Grade 7, SEO, Grade 6, HEO");
    expect(figure(glance, "trust")).toBe("3.5"); // (4+4+3+3)/4
    expect(figure(glance, "value")).toBe("3.0"); // (3+4+2)/3
    expect(figure(glance, "effectiveness")).toBe("2.5"); // (3+2)/2
    const rows = tableRows(tableByCaption(glance, "Headline figures"));
    const row = (label: string): string[] => rows.find((r) => r[0] === label) ?? [];
    expect(row("Partnerships per district")).toEqual([
      "Partnerships per district",
      "2.5",
      "4 to 5 partnerships per district",
      "▼ Below the study's range",
    ]);
    expect(row("Leadership ratio (Leading or Key)")[3]).toBe("Within the study's range");
    expect(row("Staff time per district (FTE)")[3]).toBe("▼ Below the study's range");
    expect(text(byTag(glance, "p")[0])).toBe(
      "2 of the figures that the study gives a range for are outside it (marked ▼ below or ▲ above).",
    );
    // marked in words, not by colour alone: the class that colours it goes with the text
    const marks = all(glance, (e) => attr(e, "data-against") === "below");
    expect(marks.map(text)).toEqual(["▼ Below the study's range", "▼ Below the study's range"]);
  });

  test("the five questions, in the study's wording, in order, each a section that starts a page", () => {
    const headings = [1, 2, 3, 4, 5].map((n) => text(byId(doc, `q${n}-h`)));
    expect(headings).toEqual([
      "With which strategic partnerships are we engaged at local and regional levels?",
      "Which staff are involved, and in what ways?",
      "What are the main barriers?",
      "What is the impact of our involvement?",
      "What support or guidance would help?",
    ]);
    // the number is drawn before the question by the style sheet, not part of the heading's text
    for (const n of [1, 2, 3, 4, 5]) expect(attr(byId(doc, `q${n}-h`), "data-question")).toBe(String(n));
    expect(text(byTag(doc, "style")[0])).toContain(
      'h2[data-question]::before{content:"Question " attr(data-question) ". "',
    );
    for (const n of [1, 2, 3, 4, 5]) expect(attr(byId(doc, `q${n}`), "class")).toContain("page");
    const order = all(doc, (e) => e.tagName === "section").map((s) => attr(s, "id"));
    expect(order).toEqual(["at-a-glance", "q1", "network", "q2", "q3", "q4", "q5", "data-quality"]);
  });

  test("question 1: counts by level, type and district, and the list of partnerships", () => {
    const q1 = byId(doc, "q1");
    expect(tableRows(tableByCaption(q1, "Partnerships by level"))).toEqual([
      ["Regional", "1"],
      ["Sub-regional", "0"],
      ["Local", "3"],
    ]);
    const byType = tableRows(tableByCaption(q1, "Partnerships by type"));
    expect(byType.slice(0, 2)).toEqual([
      ["Local Strategic Partnership", "2"],
      ["Employment and skills partnership", "1"],
    ]);
    expect(byType.find((r) => r[0] === "Regional development / skills partnership")).toEqual([
      "Regional development / skills partnership",
      "1",
    ]);
    expect(tableRows(tableByCaption(q1, "Partnerships per district"))).toEqual([
      ["D01", "3", "67%"],
      ["D02", "2", "0%"],
    ]);
    expect(tableRows(tableByCaption(q1, "The 4 partnerships"))).toEqual([
      ["P-0001", "Northtown LSP", "Local", "Local Strategic Partnership", "Leading", "D01"],
      ["P-0002", "Northtown Skills Board", "Local", "Employment and skills partnership", "Active", "D01"],
      ["P-0003", "Southtown LSP", "Local", "Local Strategic Partnership", "Limited", "D02"],
      [
        "P-0100",
        "North West Skills Partnership",
        "Regional",
        "Regional development / skills partnership",
        "Key (D01); Active (D02)",
        "D01, D02",
      ],
    ]);
    // each chart is an SVG image with a title, labelled axes and its values written
    const svg = byTag(q1, "svg")[0];
    expect(attr(svg, "role")).toBe("img");
    expect(text(byTag(svg, "title")[0])).toBe("Partnerships by level");
    const svgText = byTag(svg, "text").map(text);
    expect(svgText).toEqual(expect.arrayContaining(["Level", "Partnerships (distinct IDs)", "Local", "3"]));
  });

  test("question 2: staff time by district and grade, meetings and hours, roles", () => {
    const q2 = byId(doc, "q2");
    expect(tableRows(tableByCaption(q2, "Staff time, meetings and hours"))).toEqual([
      ["Representatives recorded (rows of Representation)", "5"],
      ["Meetings attended a year", "46"], // 12+10+6+12+6
      ["Hours a year", "1,602"], // 828 + 774
      ["Staff time (FTE)", "0.84"],
      ["Staff time per district (FTE)", "0.42"],
    ]);
    expect(tableRows(tableByCaption(q2, "Staff time by district"))).toEqual([
      ["D01", "0.43"],
      ["D02", "0.41"],
    ]);
    expect(tableRows(tableByCaption(q2, "Staff time by grade"))).toEqual([
      ["Grade 7", "0.35"],
      ["HEO", "0.33"],
      ["SEO", "0.14"],
      ["Grade 6", "0.02"],
    ]);
    expect(tableRows(tableByCaption(q2, "Our role in the partnerships"))).toEqual([
      ["Leading", "1", "20%"],
      ["Key", "1", "20%"],
      ["Active", "2", "40%"],
      ["Limited", "1", "20%"],
    ]);
    expect(byTag(q2, "svg").length).toBe(3);
  });

  test("question 3: barriers and effectiveness factors, every barrier of the list", () => {
    const q3 = byId(doc, "q3");
    // 3 partnerships name a barrier: staff time 2 of 3, the others 1 of 3
    expect(tableRows(tableByCaption(q3, "Barriers"))).toEqual([
      ["Limited history of partnership working", "0", "0%"],
      ["Short-term national targets", "1", "33%"],
      ["Limited local flexibility or autonomy", "1", "33%"],
      ["Pressure on key staff time", "2", "67%"],
      ["Limited skills or experience among staff", "0", "0%"],
      ["Internal, inward-looking focus", "0", "0%"],
    ]);
    const factors = tableRows(tableByCaption(q3, "Effectiveness factors"));
    expect(factors.find((r) => r[0] === "Good formal and informal relations")).toEqual([
      "Good formal and informal relations",
      "1",
      "100%",
    ]);
  });

  test("question 4: contribution, impact routes, survey scores, Value for time not costed", () => {
    const q4 = byId(doc, "q4");
    expect(tableRows(tableByCaption(q4, "Contribution to targets"))).toEqual([
      ["None", "0", "0%"],
      ["Low", "1", "50%"],
      ["Medium", "0", "0%"],
      ["High", "1", "50%"],
      ["Not known", "0", "0%"],
    ]);
    expect(tableRows(tableByCaption(q4, "Partner survey scores (2 responses)"))).toEqual([
      ["Partner trust", "3.5"],
      ["Value of our contribution", "3.0"],
      ["Effectiveness of our participation", "2.5"],
    ]);
    // neither workbook has a GradeCosts table: not costed, naming every grade with hours
    expect(figure(q4, "cost-q4")).toBe("not costed");
    expect(text(q4)).toContain(
      "Annual cost of staff time: not costed: no hourly cost for the grades Grade 7, SEO, Grade 6, HEO, which have hours in Representation.",
    );
    // the review needs no cost: hours from Representation, value from the Partner survey
    expect(tableRows(tableByCaption(q4, "Value for time review"))).toEqual([
      ["P-0003", "624", "2.0", "Review"],
      ["P-0001", "528", "3.5", "Keep"],
      ["P-0002", "270", "no rating", "No rating"],
      ["P-0100", "180", "no rating", "No rating"],
    ]);
  });

  test("question 5: guidance needed", () => {
    const q5 = byId(doc, "q5");
    const rows = tableRows(tableByCaption(q5, "Guidance needed"));
    expect(rows.find((r) => r[0] === "Confidence to take part")).toEqual([
      "Confidence to take part",
      "2",
      "100%",
    ]);
    expect(rows.find((r) => r[0] === "Networking and information sharing")).toEqual([
      "Networking and information sharing",
      "1",
      "50%",
    ]);
  });

  test("data quality: every check passed", () => {
    const dq = byId(doc, "data-quality");
    expect(text(byClass(dq, "all-passed")[0])).toBe(
      "Every check passed: no errors and no warnings in 2 files.",
    );
  });

  test("no NaN, undefined or [object Object] anywhere; no script; nothing fetched", () => {
    const html = renderReport(input);
    expect(html).not.toMatch(/NaN|undefined|\[object Object\]|Infinity/);
    expect(byTag(doc, "script")).toEqual([]);
    expect(all(doc, (e) => e.attrs.some((a) => a.name === "src" || a.name === "href"))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import/);
    // no address of any kind: inline SVG in HTML needs no namespace URL
    expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
  });
});

/** A return with a GradeCosts table of these hourly costs (blank: null). */
function withCosts(ret: AuditReturn, costs: Record<string, number | null>): AuditReturn {
  return {
    ...ret,
    gradeCosts: {
      sheet: "Settings",
      headerRow: 1,
      columns: {
        grade: { header: "Grade", letter: "E" },
        hourlyCost: { header: "Hourly cost", letter: "F" },
      },
      rows: Object.entries(costs).map(([grade, hourlyCost], i) => ({
        excelRow: i + 2,
        values: { grade, hourlyCost },
      })),
    },
  };
}

// D01: 528 h of Grade 7 at £40 = 21,120; 270 h of SEO at £30.25 = 8,167.50; 30 h of Grade 6 at
// £50 = 1,500: £30,787.50 → "£30,788". D02: 624 h of HEO at £25 = 15,600; 150 h of Grade 7 at
// £40 = 6,000: £21,600. Together £52,387.50 → "£52,388".
const D01_COSTED = withCosts(D01, { "Grade 7": 40, SEO: 30.25, "Grade 6": 50, HEO: null });
const D02_COSTED = withCosts(D02, { HEO: 25, "Grade 7": 40 });

describe("Value for time from the core, with costs and ratings", () => {
  const input = buildReportInput({
    returns: [D01_COSTED, D02_COSTED],
    findings: findingsOf(D01_COSTED, D02_COSTED),
    madeOn: "2026-11-29",
  });
  const doc = render(input);
  const q4 = byId(doc, "q4");

  test("the figures are summary --json's: cost, cost by district, review", () => {
    expect(input.cost).toBe(52387.5);
    expect(input.uncostedGrades).toEqual([]);
    expect(input.costByDistrict).toEqual({ D01: 30787.5, D02: 21600 });
    expect(input.review).toEqual([
      { id: "P-0003", name: "Southtown LSP", hours: 624, value: 2, flag: "Review" },
      { id: "P-0001", name: "Northtown LSP", hours: 528, value: 3.5, flag: "Keep" },
      { id: "P-0002", name: "Northtown Skills Board", hours: 270, value: null, flag: "No rating" },
      { id: "P-0100", name: "North West Skills Partnership", hours: 180, value: null, flag: "No rating" },
    ]);
    expect(input.reviewThresholds).toEqual({ valueBelow: 2.5, hoursFrom: 0 });
  });

  test("At a glance: the annual cost to the pound", () => {
    const glance = byId(doc, "at-a-glance");
    expect(figure(glance, "cost")).toBe("£52,388");
    expect(byClass(glance, "note")).toEqual([]);
  });

  test("question 4: cost, cost by district, the rule and the flagged partnerships in words", () => {
    expect(figure(q4, "cost-q4")).toBe("£52,388");
    expect(tableRows(tableByCaption(q4, "Annual cost of staff time by district"))).toEqual([
      ["D01", "£30,788"],
      ["D02", "£21,600"],
    ]);
    expect(text(byClass(q4, "rule")[0])).toBe(
      "A partnership is flagged Review when the partners' mean rating of the value of our contribution is below 2.5 (on the scale 1 to 4); Keep otherwise, and No rating when no partner has rated it.",
    );
    expect(text(all(q4, (e) => attr(e, "data-review") === "flagged")[0])).toBe(
      "1 partnership of 4 is flagged Review: low value for the time given.",
    );
    expect(byTag(byClass(q4, "flagged")[0], "li").map(text)).toEqual([
      "P-0003 Southtown LSP: 624 hours a year, value 2.0.",
    ]);
    expect(text(q4)).toContain("2 partnerships have no rating from partners yet (No rating).");
  });

  test("question 4: the review table (ID, hours, value, flag)", () => {
    const review = tableByCaption(q4, "Value for time review");
    expect(byTag(review, "th").map(text)).toEqual(["Partnership ID", "Hours a year", "Value (1–4)", "Flag"]);
    expect(tableRows(review)).toEqual([
      ["P-0003", "624", "2.0", "Review"],
      ["P-0001", "528", "3.5", "Keep"],
      ["P-0002", "270", "no rating", "No rating"],
      ["P-0100", "180", "no rating", "No rating"],
    ]);
  });

  test("question 4: a chart of hours per partnership, the Review bar said in words and not by colour alone", () => {
    const svg = byTag(q4, "svg").find((e) => text(byTag(e, "title")[0]) === "Hours a year per partnership");
    if (!svg) throw new Error("no chart of hours per partnership");
    expect(attr(svg, "role")).toBe("img");
    const bars = all(svg, (e) => e.tagName === "g" && (attr(e, "class") ?? "").split(" ").includes("bar"));
    expect(bars.map((g) => byTag(g, "text").map(text))).toEqual([
      ["P-0003", "624 (Review)"],
      ["P-0001", "528"],
      ["P-0002", "270"],
      ["P-0100", "180"],
    ]);
    expect(bars.map((g) => attr(g, "class"))).toEqual(["bar emphasis", "bar", "bar", "bar"]);
    const figureElement = byTag(q4, "figure").find((f) => byTag(f, "svg")[0] === svg);
    expect(text(byTag(figureElement ?? svg, "figcaption")[0])).toBe(
      "Partnerships flagged Review are drawn in orange and marked (Review).",
    );
  });

  test("no NaN, undefined or [object Object]", () => {
    expect(renderReport(input)).not.toMatch(/NaN|undefined|\[object Object\]|Infinity/);
  });
});

describe("the chart of hours per partnership: which bars", () => {
  // n partnerships P-01… with 10·(n+1−i) hours (largest first); those at the given positions flagged Review
  const review = (n: number, flagged: readonly number[]) =>
    Array.from({ length: n }, (_, i) => ({
      id: `P-${String(i + 1).padStart(2, "0")}`,
      name: "",
      hours: 10 * (n - i),
      value: flagged.includes(i + 1) ? 2 : 3,
      flag: flagged.includes(i + 1) ? ("Review" as const) : ("Keep" as const),
    }));
  const ids = (from: number, to: number): string[] =>
    Array.from({ length: to - from + 1 }, (_, i) => `P-${String(from + i).padStart(2, "0")}`);

  test.each([
    ["3 partnerships: all", 3, [2], ids(1, 3), undefined],
    ["20: all", 20, [20], ids(1, 20), undefined],
    [
      "25, two flagged below the 20 largest: both, and the 18 largest others",
      25,
      [22, 24],
      [...ids(1, 18), "P-22", "P-24"],
      "The chart shows the 2 partnerships flagged Review and the 18 others with most hours, 20 of 25; the table lists all.",
    ],
    [
      "21, one flagged last",
      21,
      [21],
      [...ids(1, 19), "P-21"],
      "The chart shows the partnership flagged Review and the 19 others with most hours, 20 of 21; the table lists all.",
    ],
    [
      "25, none flagged: the 20 largest",
      25,
      [],
      ids(1, 20),
      "The chart shows the 20 partnerships with most hours, of 25; the table lists all.",
    ],
    [
      "25, all flagged: the 20 flagged with most hours",
      25,
      ids(1, 25).map((_, i) => i + 1),
      ids(1, 20),
      "The chart shows the 20 partnerships flagged Review with most hours (25 are flagged), of 25; the table lists all.",
    ],
  ])("%s", (_name, n, flagged, expected, caption) => {
    const chosen = hoursChartRows(review(n, flagged));
    expect(chosen.rows.map((x) => x.id)).toEqual(expected);
    expect(chosen.caption).toBe(caption);
  });
});

describe("Value for time: thresholds and a grade without a cost", () => {
  test("thresholds given (the CLI's --value-below, --hours-from) flag by value and hours, said in words", () => {
    const input = buildReportInput({
      returns: [D01_COSTED, D02_COSTED],
      findings: findingsOf(D01_COSTED, D02_COSTED),
      madeOn: "2026-11-29",
      review: { valueBelow: 4, hoursFrom: 500 },
    });
    const q4 = byId(render(input), "q4");
    // P-0003 2.0 and P-0001 3.5 are below 4 with 624 and 528 hours (at least 500)
    expect(tableRows(tableByCaption(q4, "Value for time review")).map((r) => r[3])).toEqual([
      "Review",
      "Review",
      "No rating",
      "No rating",
    ]);
    expect(text(byClass(q4, "rule")[0])).toContain(
      "is below 4 (on the scale 1 to 4) and we give it at least 500 hours a year;",
    );
    expect(byTag(byClass(q4, "flagged")[0], "li").map(text)).toEqual([
      "P-0003 Southtown LSP: 624 hours a year, value 2.0.",
      "P-0001 Northtown LSP: 528 hours a year, value 3.5.",
    ]);
  });

  test("thresholds from the first workbook's Settings", () => {
    const strict = readReturn(
      grid({
        settings: {
          district: "D01",
          hoursPerWeek: 37,
          weeksPerYear: 52,
          reviewValueBelow: 3.6,
          reviewHoursFrom: 600,
        },
        Partnerships: [P("P-0001", "Northtown LSP", "Local", "Local Strategic Partnership", "Leading")],
        Representation: [R("P-0001", "Grade 7", 12, 4, 40)],
        PartnerSurvey: [{ partnershipId: "P-0001", respondent: "Council", valueTime: 3, valueExperience: 4 }],
      }),
      "strict.xlsx",
    );
    // P-0001: value 3.5 < 3.6 but 528 hours < 600: Keep; with the second workbook's settings ignored
    const input = buildReportInput({
      returns: [strict, D02],
      findings: findingsOf(strict, D02),
      madeOn: "2026-11-29",
    });
    expect(input.reviewThresholds).toEqual({ valueBelow: 3.6, hoursFrom: 600 });
    expect((input.review ?? []).map((x) => [x.id, x.flag])).toEqual([
      ["P-0003", "Review"], // 2.0 < 3.6 and 624 ≥ 600
      ["P-0001", "Keep"],
      ["P-0100", "No rating"],
    ]);
  });

  test("one grade without a cost: not costed, naming that grade; the other district is costed", () => {
    const noHeo = withCosts(D02, { "Grade 7": 40 });
    const input = buildReportInput({
      returns: [D01_COSTED, noHeo],
      findings: findingsOf(D01_COSTED, noHeo),
      madeOn: "2026-11-29",
    });
    const doc = render(input);
    const glance = byId(doc, "at-a-glance");
    expect(figure(glance, "cost")).toBe("not costed");
    expect(text(byClass(glance, "note")[0])).toBe("no hourly cost for the grade HEO");
    const q4 = byId(doc, "q4");
    expect(text(q4)).toContain(
      "Annual cost of staff time: not costed: no hourly cost for the grade HEO, which has hours in Representation. Fill in the GradeCosts table on the Settings sheet.",
    );
    expect(tableRows(tableByCaption(q4, "Annual cost of staff time by district"))).toEqual([
      ["D01", "£30,788"],
      ["D02", "not costed"],
    ]);
  });

  test("no partnership flagged: said in words, and the chart has no legend", () => {
    const lenient = buildReportInput({
      returns: [D01_COSTED],
      findings: findingsOf(D01_COSTED),
      madeOn: "2026-11-29",
      review: { valueBelow: 1 },
    });
    const q4 = byId(render(lenient), "q4");
    expect(text(all(q4, (e) => attr(e, "data-review") === "none")[0])).toBe(
      "No partnership is flagged Review.",
    );
    expect(byClass(q4, "flagged")).toEqual([]);
    expect(byTag(q4, "figcaption").map(text)).not.toContainEqual(expect.stringContaining("flagged Review"));
    expect(byClass(q4, "emphasis")).toEqual([]);
  });
});

describe("Since the previous round", () => {
  // previous round: D01 only, with P-0001 and P-0009 (ended); 1 representative, 962 h = 0.50 FTE
  const before = readReturn(
    grid({
      settings: { district: "D01", auditRound: "2025-Q4" },
      Partnerships: [
        P("P-0001", "Northtown LSP", "Local", "Local Strategic Partnership", "Leading"),
        P("P-0009", "Old Forum", "Local", "Other", "Limited"),
      ],
      Representation: [R("P-0001", "Grade 7", 0, 0, 962 / 12)],
      PartnerSurvey: [],
    }),
    "D01-2025.xlsx",
  );
  const input = buildReportInput({
    returns: [D01, D02],
    previous: [before],
    findings: findingsOf(D01, D02, before),
    madeOn: "2026-11-29",
  });
  const doc = render(input);

  test("partnerships new, continuing and ended; change in FTE and leadership ratio", () => {
    const section = byId(doc, "previous-round");
    expect(attr(section, "class")).toContain("page");
    expect(tableRows(tableByCaption(section, "Partnerships new, continuing and ended"))).toEqual([
      ["New", "3", "P-0002, P-0003, P-0100"],
      ["Continuing", "1", "P-0001"],
      ["Ended", "1", "P-0009"],
    ]);
    expect(tableRows(tableByCaption(section, "Change in staff time"))).toEqual([
      ["Partnerships (distinct IDs)", "2", "4", "+2"],
      ["Staff time (FTE)", "0.50", "0.84", "+0.34"],
      ["Leadership ratio (Leading or Key)", "50%", "50%", "0 points"],
      ["Annual cost of staff time", "not costed", "not costed", "not costed"],
    ]);
    expect(text(section)).toContain("Previous round: 2025-Q4 (D01-2025.xlsx). This round: 2026-Q4.");
  });

  test("change in cost when both rounds are costed: 962 h of Grade 7 at £40 = £38,480 before", () => {
    const costed = buildReportInput({
      returns: [D01_COSTED, D02_COSTED],
      previous: [withCosts(before, { "Grade 7": 40 })],
      findings: findingsOf(D01_COSTED, D02_COSTED, before),
      madeOn: "2026-11-29",
    });
    expect(costed.comparison?.previousCost).toBe(38480);
    const section = byId(render(costed), "previous-round");
    expect(tableRows(tableByCaption(section, "Change in staff time")).at(-1)).toEqual([
      "Annual cost of staff time",
      "£38,480",
      "£52,388",
      "+£13,908", // 52,387.50 − 38,480 = 13,907.50
    ]);
    // the previous round not costed: the change is not costed either
    const half = buildReportInput({
      returns: [D01_COSTED, D02_COSTED],
      previous: [before],
      findings: findingsOf(D01_COSTED, D02_COSTED, before),
      madeOn: "2026-11-29",
    });
    expect(
      tableRows(tableByCaption(byId(render(half), "previous-round"), "Change in staff time")).at(-1),
    ).toEqual(["Annual cost of staff time", "not costed", "£52,388", "not costed"]);
  });

  test("the section comes before Data quality, and not at all without a previous round", () => {
    const order = all(doc, (e) => e.tagName === "section").map((s) => attr(s, "id"));
    expect(order.slice(-2)).toEqual(["previous-round", "data-quality"]);
  });
});

describe("data quality with findings", () => {
  const bad = readReturn(
    grid({
      settings: { district: "D03" },
      Partnerships: [
        P("P-0005", "Westtown LSP", "Local", "Local Strategic Partnership", "Boss"),
        P("P-0006", "Westtown Board", "Local", "Other", "Key", { meetingsPerYear: "12" }),
      ],
      Representation: [],
      PartnerSurvey: [],
    }),
    "D03.xlsx",
  );
  const input = buildReportInput({
    returns: [D01, bad],
    findings: findingsOf(D01, bad),
    madeOn: "2026-11-29",
  });
  const dq = byId(render(input), "data-quality");

  test("errors and warnings per file and sheet, and what they are", () => {
    expect(text(byTag(dq, "p")[0])).toBe(
      "The checks found 1 error and 1 warning. Figures that use the rows with errors may be wrong until they are fixed.",
    );
    expect(tableRows(tableByCaption(dq, "Errors and warnings per file and sheet"))).toEqual([
      ["D01.xlsx", "all sheets", "0", "0"],
      ["D03.xlsx", "Partnerships", "1", "1"],
    ]);
    const details = tableRows(tableByCaption(dq, "D03.xlsx: 1 error, 1 warning"));
    expect(details.map((r) => r.slice(0, 4))).toEqual([
      ["Error", "Partnerships", "2", "Our role"],
      ["Warning", "Partnerships", "3", "Meetings per year"],
    ]);
    expect(details[0][4]).toContain('"Boss" is not');
  });
});

describe("empty data", () => {
  const empty = readReturn(grid({ Partnerships: [], Representation: [], PartnerSurvey: [] }), "empty.xlsx");
  const html = renderReport(
    buildReportInput({ returns: [empty], findings: findingsOf(empty), madeOn: "2026-11-29" }),
  );
  const doc = parseHtml(html);

  test("says none recorded, never NaN", () => {
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
    const glance = byId(doc, "at-a-glance");
    expect(figure(glance, "partnerships")).toBe("0");
    expect(figure(glance, "per-district")).toBe("none recorded");
    expect(figure(glance, "leadership")).toBe("none recorded");
    expect(figure(glance, "trust")).toBe("none recorded");
    expect(text(byId(doc, "q3"))).toContain("Barriers: none recorded.");
    expect(text(byId(doc, "q5"))).toContain("Guidance needed: none recorded.");
    expect(text(byId(doc, "q1"))).toContain("Partnerships: none recorded.");
    expect(text(byId(doc, "q4"))).toContain("Value for time review: none recorded.");
    expect(figure(byId(doc, "q4"), "cost-q4")).toBe("£0"); // no hours: nothing to cost
    const rows = tableRows(tableByCaption(glance, "Headline figures"));
    expect(rows.find((r) => r[0] === "Partnerships per district")?.[3]).toBe("Not compared: none recorded");
  });
});

describe("a title given by the user", () => {
  test("replaces the default; blank keeps the default", () => {
    const given = buildReportInput({
      returns: [D01],
      findings: findingsOf(D01),
      madeOn: "x",
      title: " Board paper ",
    });
    expect(given.title).toBe("Board paper");
    const blank = buildReportInput({ returns: [D01], findings: findingsOf(D01), madeOn: "x", title: "  " });
    expect(blank.title).toBe("Partnership audit: North West, 2026-Q4");
  });
});

describe("splitRounds: a regional workbook holding two rounds", () => {
  const both = readReturn(
    grid({
      settings: { district: "", auditRound: "" },
      Partnerships: [
        { ...P("P-0001", "A", "Local", "Other", "Key"), district: "D01", auditRound: "2026-Q4" },
        { ...P("P-0001", "A", "Local", "Other", "Key"), district: "D01", auditRound: "2025-Q4" },
        { ...P("P-0002", "B", "Local", "Other", "Active"), district: "D01", auditRound: "2025-Q4" },
      ],
      Representation: [],
      PartnerSurvey: [],
    }),
    "",
  );

  test("the latest round is current, the one before previous", () => {
    const split = splitRounds(both);
    expect(split?.current.tables.Partnerships?.rows.map((r) => r.values.partnershipId)).toEqual(["P-0001"]);
    expect(split?.previous.tables.Partnerships?.rows.map((r) => r.values.partnershipId)).toEqual([
      "P-0001",
      "P-0002",
    ]);
    expect(split?.current.settings.auditRound).toBe("2026-Q4");
  });

  test("one round: null", () => {
    expect(splitRounds(D01)).toBeNull();
  });
});

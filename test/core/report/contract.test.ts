/**
 * The report's contract (docs/report.md), case by case: the default title with one, several or no
 * regions and rounds; the study's ranges and the marking in words of a figure outside them; "none
 * recorded" (or "not computed") where there is no figure, never a sentence that claims otherwise;
 * the questions' headings in the study's wording alone; no address of any kind in the document.
 * Expected values are worked out by hand from the rows in each case.
 */
import { appendsToReturn } from "../../../src/core/consolidation/consolidate";
import { demoReturns } from "../../../src/core/demo/demo-data";
import { checkReturn } from "../../../src/core/returns/checks";
import { buildReportInput, renderReport } from "../../../src/core/report";
import type { ReportInput } from "../../../src/core/report/model";
import { readReturn } from "../../../src/core/returns/read-return";
import type { AuditReturn, CellValue } from "../../../src/core/model/workbook-data";
import { grid, type RowInput } from "../returns/return-fixtures";
import {
  all,
  attr,
  byId,
  byTag,
  figure,
  parseHtml,
  rawText,
  tableByCaption,
  tableRows,
  text,
  type Document,
  type Element,
} from "./dom";

/** A district return: partnerships with these roles, one representative per hours figure. */
function district(
  settings: Record<string, CellValue>,
  roles: readonly string[],
  hours: readonly CellValue[] = [],
  file = "D01.xlsx",
  members: readonly RowInput[] = [],
): AuditReturn {
  const id = (i: number): string => `P-${String(settings.district ?? "X")}-${i + 1}`;
  return readReturn(
    grid({
      settings: { hoursPerWeek: 37, weeksPerYear: 52, ...settings },
      Partnerships: roles.map((ourRole, i) => ({
        partnershipId: id(i),
        partnership: `Partnership ${i + 1}`,
        level: "Local",
        type: "Other",
        ourRole,
      })),
      Representation: hours.map((annualHours, i) => ({
        partnershipId: id(i % Math.max(1, roles.length)),
        representative: "Post",
        grade: "SEO",
        meetingsPerYear: 10,
        hoursPerMeeting: 1,
        annualHours,
      })),
      PartnerSurvey: [],
      Members: members,
    }),
    file,
  );
}

function inputOf(returns: readonly AuditReturn[], more: { previous?: AuditReturn[] } = {}): ReportInput {
  const findings = new Map(
    [...returns, ...(more.previous ?? [])].map((r) => [r, checkReturn(r, { currentYear: 2026 })]),
  );
  return buildReportInput({ returns, findings, madeOn: "2026-12-05", ...more });
}

const render = (input: ReportInput): Document => parseHtml(renderReport(input));

const glanceRow = (doc: Document, label: string): string[] =>
  tableRows(tableByCaption(byId(doc, "at-a-glance"), "Headline figures")).find((r) => r[0] === label) ?? [];

describe("the default title: Partnership audit: REGION, ROUND", () => {
  it.each<[string, [string, string][], string]>([
    ["one region and round", [["North West", "2026-Q4"]], "Partnership audit: North West, 2026-Q4"],
    [
      "two regions (first seen first) and two rounds (in order)",
      [
        ["North West", "2026-Q4"],
        ["Yorkshire", "2025-Q4"],
      ],
      "Partnership audit: North West, Yorkshire, 2025-Q4, 2026-Q4",
    ],
    [
      "the same region and round in two returns, spelt differently",
      [
        ["North West", "2026-Q4"],
        ["north west ", "2026-q4"],
      ],
      "Partnership audit: North West, 2026-Q4",
    ],
    ["a region and no round", [["North West", ""]], "Partnership audit: North West"],
    ["a round and no region", [["", "2026-Q4"]], "Partnership audit: 2026-Q4"],
    ["no region and no round", [["", ""]], "Partnership audit"],
  ])("%s", (_, settings, expected) => {
    const returns = settings.map(([region, auditRound], i) =>
      district({ region, auditRound, district: `D0${i + 1}` }, ["Key"], [], `D0${i + 1}.xlsx`),
    );
    const input = inputOf(returns);
    expect(input.title).toBe(expected);
    const doc = render(input);
    expect(text(byTag(doc, "title")[0])).toBe(expected);
    expect(text(byTag(doc, "h1")[0])).toBe(expected);
  });
});

describe("At a glance: the study's ranges, a figure outside them marked in words", () => {
  // 37 h × 52 weeks = 1,924 hours a full-time year
  it.each<[string, string[], number[], Record<string, [string, string]>]>([
    [
      "4 partnerships, 2 of them Leading or Key, 1,924 hours: all within",
      ["Leading", "Key", "Active", "Limited"],
      [1924],
      {
        "Partnerships per district": ["4.0", "Within the study's range"],
        "Leadership ratio (Leading or Key)": ["50%", "Within the study's range"],
        "Staff time per district (FTE)": ["1.00", "Within the study's range"],
      },
    ],
    [
      "3 partnerships, 1 Key, 962 hours: all below",
      ["Key", "Active", "Limited"],
      [962],
      {
        "Partnerships per district": ["3.0", "▼ Below the study's range"],
        "Leadership ratio (Leading or Key)": ["33%", "▼ Below the study's range"],
        "Staff time per district (FTE)": ["0.50", "▼ Below the study's range"],
      },
    ],
    [
      "6 partnerships, 5 Leading or Key, 2,886 hours: all above",
      ["Leading", "Key", "Key", "Leading", "Key", "Active"],
      [2886],
      {
        "Partnerships per district": ["6.0", "▲ Above the study's range"],
        "Leadership ratio (Leading or Key)": ["83%", "▲ Above the study's range"],
        "Staff time per district (FTE)": ["1.50", "▲ Above the study's range"],
      },
    ],
    [
      "5 partnerships, 3 Leading or Key (60%), 2,308 hours (1.1996 → 1.20): the bounds are within",
      ["Leading", "Key", "Key", "Active", "Limited"],
      [2308],
      {
        "Partnerships per district": ["5.0", "Within the study's range"],
        "Leadership ratio (Leading or Key)": ["60%", "Within the study's range"],
        "Staff time per district (FTE)": ["1.20", "Within the study's range"],
      },
    ],
  ])("%s", (_, roles, hours, expected) => {
    const doc = render(inputOf([district({ district: "D01" }, roles, hours)]));
    for (const [label, [shown, words]] of Object.entries(expected)) {
      const row = glanceRow(doc, label);
      expect([row[1], row[3]]).toEqual([shown, words]);
    }
    // the mark is words (with an arrow), not colour alone
    const marks = all(byId(doc, "at-a-glance"), (e) => attr(e, "data-against") !== undefined);
    for (const m of marks) expect(text(m)).toMatch(/range|Not compared/);
  });

  it.each<[string, AuditReturn[], string]>([
    [
      "all three within",
      [district({ district: "D01" }, ["Leading", "Key", "Active", "Limited"], [1924])],
      "The figures that the study gives a range for are within it.",
    ],
    [
      "one outside",
      [district({ district: "D01" }, ["Leading", "Key", "Key", "Active"], [1924])],
      "1 of the figures that the study gives a range for is outside it (marked ▼ below or ▲ above).",
    ],
    [
      "nothing recorded: none compared, never said to be within",
      [district({ district: "" }, [], [])],
      "None of the figures that the study gives a range for can be compared: none recorded.",
    ],
    [
      "hours not usable: the FTE not compared, the others within",
      [district({ district: "D01" }, ["Leading", "Key", "Active", "Limited"], ["#N/A"])],
      "The figures compared with the study's range are within it. 1 figure is not compared (no figure to compare).",
    ],
  ])("the sentence above the table: %s", (_, returns, sentence) => {
    const doc = render(inputOf(returns));
    expect(text(byTag(byId(doc, "at-a-glance"), "p")[0])).toBe(sentence);
  });

  it("a figure not computed is not compared, and says so", () => {
    const doc = render(inputOf([district({ district: "D01" }, ["Key"], ["#N/A"])]));
    expect(figure(byId(doc, "at-a-glance"), "fte-per-district")).toMatch(/^not computed: /);
    expect(glanceRow(doc, "Staff time per district (FTE)")[3]).toBe("Not compared: not computed");
  });
});

describe("no figure: none recorded or not computed, never a chart of zeros nor NaN", () => {
  const empty = district({ region: "", district: "", auditRound: "" }, [], []);
  const html = renderReport(inputOf([empty]));
  const doc = parseHtml(html);

  it.each<[string, string]>([
    ["q1", "Partnerships recorded: none recorded."],
    ["q1", "Partnerships by level: none recorded."],
    ["q1", "Partnerships by type: none recorded."],
    ["q1", "Partnerships per district: none recorded."],
    ["q1", "Partnerships: none recorded."],
    ["q2", "Staff time by district: none recorded."],
    ["q2", "Staff time by grade: none recorded."],
    ["q2", "Our role in the partnerships: none recorded."],
    ["q3", "Barriers: none recorded."],
    ["q3", "Effectiveness factors: none recorded."],
    ["q4", "Contribution to targets: none recorded."],
    ["q4", "Impact routes: none recorded."],
    ["q4", "Value for time review: none recorded."],
    ["q5", "Guidance needed: none recorded."],
  ])("%s says “%s”", (section, words) => {
    expect(text(byId(doc, section))).toContain(words);
  });

  it("draws no chart at all, and no NaN, undefined, Infinity or null anywhere", () => {
    for (const q of ["q1", "q2", "q3", "q5"]) expect(byTag(byId(doc, q), "svg")).toEqual([]);
    expect(html).not.toMatch(/NaN|undefined|Infinity|\bnull\b|\[object/);
    expect(text(byId(doc, "q1"))).not.toContain("per district.");
  });

  it("hours and meetings that cannot be summed are not computed, not none recorded", () => {
    const bad = district({ district: "D01" }, ["Key"], ["#N/A", 10]);
    const q2 = byId(render(inputOf([bad])), "q2");
    const rows = tableRows(tableByCaption(q2, "Staff time, meetings and hours"));
    expect(rows.find((r) => r[0] === "Hours a year")?.[1]).toBe(
      "not computed: a cell of Representation's Annual hours is not a usable value (see the errors)",
    );
    expect(rows.find((r) => r[0] === "Meetings attended a year")?.[1]).toBe("20");
  });
});

describe("Since the previous round: the change in leadership in points", () => {
  it.each<[string, string[], string[], string]>([
    // previous: 1 of 2 Leading or Key (50%); current as given
    ["unchanged", ["Key", "Active"], ["Key", "Active"], "0 points"],
    ["up 25 points", ["Key", "Active"], ["Key", "Key", "Key", "Active"], "+25 points"],
    ["down 17 points", ["Key", "Active"], ["Key", "Active", "Active"], "\u221217 points"],
  ])("%s", (_, before, now, change) => {
    const previous = district({ district: "D01", auditRound: "2025-Q4" }, before, [], "D01-2025.xlsx");
    const current = district({ district: "D01" }, now, [], "D01.xlsx");
    const doc = render(inputOf([current], { previous: [previous] }));
    const rows = tableRows(tableByCaption(byId(doc, "previous-round"), "Change in staff time"));
    expect(rows.find((r) => r[0] === "Leadership ratio (Leading or Key)")?.[3]).toBe(change);
  });

  it("one point is singular", () => {
    // 50 of 100 before, 51 of 100 now
    const roles = (lead: number): string[] =>
      Array.from({ length: 100 }, (_, i) => (i < lead ? "Key" : "Active"));
    const previous = district({ district: "D01", auditRound: "2025-Q4" }, roles(50), [], "D01-2025.xlsx");
    const current = district({ district: "D01" }, roles(51), [], "D01.xlsx");
    const doc = render(inputOf([current], { previous: [previous] }));
    const rows = tableRows(tableByCaption(byId(doc, "previous-round"), "Change in staff time"));
    expect(rows.find((r) => r[0] === "Leadership ratio (Leading or Key)")?.slice(1)).toEqual([
      "50%",
      "51%",
      "+1 point",
    ]);
  });
});

describe("the network picture's table carries the picture's numbers", () => {
  it("each organisation with how many partnerships it sits on, as the picture writes it", () => {
    const members = [
      { partnershipId: "P-D01-1", organisation: "City Council" },
      { partnershipId: "P-D01-2", organisation: "City Council" },
      { partnershipId: "P-D01-3", organisation: "City Council" },
      { partnershipId: "P-D01-1", organisation: "Police" },
      { partnershipId: "P-D01-2", organisation: "Police" },
    ];
    const ret = district({ district: "D01" }, ["Key", "Key", "Key"], [], "D01.xlsx", members);
    const section = byId(render(inputOf([ret])), "network");
    expect(tableRows(tableByCaption(section, "The same links as a table"))).toEqual([
      ["City Council", "3", "P-D01-1, P-D01-2, P-D01-3"],
      ["Police", "2", "P-D01-1, P-D01-2"],
    ]);
    // the label drawn (the text beside its tooltip), without its isolates
    const labels = byTag(byTag(section, "svg")[0], "text").map((t) =>
      t.childNodes
        .filter((c) => c.nodeName === "#text")
        .map((c) => rawText(c))
        .join("")
        .replace(/[\u2068\u2069]/g, ""),
    );
    expect(labels).toEqual(expect.arrayContaining(["City Council (3)", "Police (2)"]));
  });
});

describe("how it is made: one file, nothing fetched, every chart with its figures, printed on A4", () => {
  const demo = demoReturns().map((r) => appendsToReturn(r.file, r.settings, r.tables));
  const previous = district({ district: "D01", auditRound: "2025-Q4" }, ["Key"], [100], "D01-2025.xlsx");
  const html = renderReport(
    buildReportInput({ returns: demo, previous: [previous], findings: new Map(), madeOn: "2026-12-05" }),
  );
  const doc = parseHtml(html);
  const css = text(byTag(doc, "style")[0]);

  it("fetches nothing and needs no script", () => {
    expect(byTag(doc, "script")).toEqual([]);
    expect(byTag(doc, "link")).toEqual([]);
    expect(
      all(doc, (e) => e.attrs.some((a) => ["src", "href", "srcset", "action"].includes(a.name))),
    ).toEqual([]);
    expect(all(doc, (e) => e.attrs.some((a) => /^on/i.test(a.name)))).toEqual([]);
    expect(html).not.toMatch(/https?:|url\(|@import|@font-face/i);
  });

  it("every chart has a title, and the table after it carries each value the chart writes", () => {
    const everything = all(doc);
    const tables = byTag(doc, "table");
    const charts = all(doc, (e) => e.tagName === "svg");
    expect(charts.length).toBeGreaterThanOrEqual(12);
    for (const svg of charts) {
      expect(attr(svg, "role")).toBe("img");
      expect(text(byTag(svg, "title")[0])).not.toBe("");
      const after = everything.indexOf(svg);
      const next = tables.find((t) => everything.indexOf(t) > after);
      if (next === undefined) throw new Error(`no table after the chart ${text(byTag(svg, "title")[0])}`);
      const cells = byTag(next, "td").map(text);
      // the values written at the bars ("12 (45%)", "624 (Review)") and beside the organisations ("(3)")
      const own = (t: Element): string =>
        t.childNodes
          .filter((c) => c.nodeName === "#text")
          .map((c) => rawText(c))
          .join("")
          .replace(/[\u2068\u2069]/g, "")
          .trim();
      const values = byTag(svg, "text")
        .filter((t) => attr(t, "class") === "val" || /\(\d+\)$/.test(own(t)))
        .flatMap(
          (t) =>
            (attr(t, "class") === "val" ? own(t) : (/\((\d+)\)$/.exec(own(t))?.[1] ?? "")).match(
              /\d[\d,.]*%?|Review/g,
            ) ?? [],
        );
      expect(values.length).toBeGreaterThan(0);
      const tokens = new Set(cells.flatMap((c) => [c, ...c.split(/[\s()]+/)]));
      for (const v of values) expect([v, tokens.has(v)]).toEqual([v, true]);
    }
  });

  it.each<[string, RegExp]>([
    ["A4 portrait", /@page\{size:A4 portrait;/],
    ["a section starts a new page", /\.page\{break-before:page;page-break-before:always\}/],
    ["a table row is never split", /(^|[,}\s])tr,[^{]*\{break-inside:avoid;page-break-inside:avoid\}/],
    ["the table's header row repeats", /thead\{display:table-header-group\}/],
    ["the title at the top of every page", /@top-center\{content:"[^"]*"/],
    ["the page number", /@bottom-right\{content:"Page " counter\(page\) " of " counter\(pages\)/],
  ])("print CSS: %s", (_, rule) => {
    expect(css).toMatch(rule);
  });

  it("the sections from question 1 on start a new page", () => {
    for (const id of ["q1", "network", "q2", "q3", "q4", "q5", "previous-round", "data-quality"])
      expect((attr(byId(doc, id), "class") ?? "").split(" ")).toContain("page");
  });
});

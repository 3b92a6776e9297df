/**
 * Escaping, formats and charts of the report. Escaping is checked the way it matters: the output is
 * parsed with parse5 (the WHATWG parser browsers follow) and any text must come back as the same
 * text, with no element or attribute made from it.
 */
import fc from "fast-check";
import { barChart, fitLabel, niceTicks } from "../../../src/core/report/chart";
import {
  formatCost,
  formatCount,
  formatFte,
  formatOneDecimal,
  formatShare,
  formatSigned,
} from "../../../src/core/report/format";
import { cssString, escapeHtml, html, joinHtml, rawCss } from "../../../src/core/report/html";
import { against } from "../../../src/core/report/wording";
import { all, attr, byTag, parseHtml, rawText, text } from "./dom";

/** Text as a document carries it: the forbidden characters replaced by U+FFFD. */
function carried(s: string): string {
  return [...s]
    .map((ch) => {
      const c = ch.codePointAt(0) ?? 0;
      const control = (c < 0x20 && ![0x09, 0x0a, 0x0d].includes(c)) || (c >= 0x7f && c <= 0x9f);
      const surrogate = c >= 0xd800 && c <= 0xdfff;
      const nonchar = (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) === 0xfffe;
      return control || surrogate || nonchar ? "\uFFFD" : ch;
    })
    .join("");
}

describe("escapeHtml and the html template", () => {
  test.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#39;single&#39;"],
    ['=HYPERLINK("http://x","y")', "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"],
    ["a\u0000b\u0007c\u009Fd", "a\uFFFDb\uFFFDc\uFFFDd"],
    [
      "lone \uD800 high, lone \uDC00 low, pair \uD83D\uDE00",
      "lone \uFFFD high, lone \uFFFD low, pair \uD83D\uDE00",
    ],
    ["nonchar \uFFFE \uFDD0 \uD83F\uDFFF", "nonchar \uFFFD \uFDD0".replace("\uFDD0", "\uFFFD") + " \uFFFD"],
    ["tab\tline\nreturn\r", "tab\tline\nreturn\r"],
  ])("%j → %j", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  test("values are escaped, html fragments and lists are kept, nothing and false are empty", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p>${"a<b"} ${inner} ${[inner, "&"]} ${null}${undefined}${false}${0}</p>`.value).toBe(
      "<p>a&lt;b <b>&lt;i&gt;</b> <b>&lt;i&gt;</b>&amp; 0</p>",
    );
    expect(joinHtml(["<", html`<br />`]).value).toBe("&lt;<br />");
  });

  test("property: any text in element content comes back as the same text and makes no element", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const doc = parseHtml(
          html`<!DOCTYPE html>
            <html>
              <body>
                <p id="t">${s}</p>
              </body>
            </html>`.value,
        );
        const p = all(doc, (e) => attr(e, "id") === "t");
        expect(p.length).toBe(1);
        expect(all(p[0])).toEqual([]);
        // the parser turns CR and CRLF into LF, as browsers do
        expect(rawText(p[0])).toBe(carried(s).replace(/\r\n?/g, "\n"));
      }),
      { numRuns: 500 },
    );
  });

  test("property: any text in a quoted attribute stays in that attribute", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 100 }), (s) => {
        const doc = parseHtml(
          html`<!DOCTYPE html>
            <html>
              <body>
                <p id="t" title="${s}">x</p>
              </body>
            </html>`.value,
        );
        const p = all(doc, (e) => attr(e, "id") === "t");
        expect(p.length).toBe(1);
        expect(p[0].attrs.map((a) => a.name)).toEqual(["id", "title"]);
        expect(attr(p[0], "title")).toBe(carried(s).replace(/\r\n?/g, "\n"));
      }),
      { numRuns: 300 },
    );
  });

  test("property: any text as a CSS string cannot leave the string or the style element", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 100 }), (s) => {
        const quoted = cssString(s);
        expect(quoted).toMatch(/^"[A-Za-z0-9 ,.:;()_\\-]*"$/);
        expect(quoted).not.toContain("</");
        const doc = parseHtml(
          `<!DOCTYPE html><html><head>${rawCss(`@page{@top-center{content:${quoted}}}`).value}</head></html>`
            .replace("<head>", "<head><style>")
            .replace("</head>", "</style></head>"),
        );
        expect(byTag(doc, "style").length).toBe(1);
        expect(byTag(doc, "script")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test("cssString writes other characters as hex escapes", () => {
    expect(cssString('A "b" </style>')).toBe('"A \\22 b\\22  \\3c \\2f style\\3e "');
    expect(cssString("Gŵyr")).toBe('"G\\175 yr"');
  });
});

describe("numbers for people", () => {
  test.each([
    [formatCount(1234.4), "1,234"],
    [formatCount(null), "none recorded"],
    [formatCount(Number.NaN), "none recorded"],
    [formatFte(1.005), "1.01"],
    [formatFte(0.8438), "0.84"],
    [formatFte(-0.001), "0.00"],
    [formatOneDecimal(4.64), "4.6"],
    [formatOneDecimal(undefined, "no rating"), "no rating"],
    [formatShare(0.494), "49%"],
    [formatShare(0.495), "50%"],
    [formatShare(Number.POSITIVE_INFINITY), "none recorded"],
    [formatCost(61234.5), "£61,235"],
    [formatCost(null), "not costed"],
    [formatSigned(0.34, formatFte), "+0.34"],
    [formatSigned(-2, (n) => formatCount(n)), "\u22122"],
    [formatSigned(-0.001, formatFte), "0.00"],
    [formatSigned(-1200, (n) => formatCost(n)), "\u2212£1,200"],
  ])("%j is %j", (shown, expected) => {
    expect(shown).toBe(expected);
  });

  test.each([
    [4.6, { low: 4, high: 5 }, "within"],
    [4, { low: 4, high: 5 }, "within"],
    [5.1, { low: 4, high: 5 }, "above"],
    [0.79, { low: 0.8, high: 1.2 }, "below"],
    [null, { low: 0.8, high: 1.2 }, "none"],
  ] as const)("against(%j, %j) is %j", (shown, range, expected) => {
    expect(against(shown, range)).toBe(expected);
  });
});

describe("bar charts", () => {
  test.each([
    [0, [0, 1]],
    [3, [0, 1, 2, 3]],
    [42, [0, 10, 20, 30, 40, 50]],
    [0.43, [0, 0.1, 0.2, 0.3, 0.4, 0.5]],
    [1000, [0, 200, 400, 600, 800, 1000]],
  ])("niceTicks(%j) is %j", (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });

  test("fitLabel shortens long labels with an ellipsis, by code point", () => {
    expect(fitLabel("Short", 10)).toBe("Short");
    expect(fitLabel("A  very   long label", 8)).toBe("A very …");
    expect(fitLabel("😀😀😀😀", 3)).toBe("😀😀…");
  });

  const chart = barChart({
    id: "c",
    title: "Partnerships per district",
    categoryAxis: "District",
    valueAxis: "Partnerships",
    data: [
      { label: "D01", value: 5, display: "5" },
      { label: "D02", value: 0, display: "0" },
    ],
  });
  const doc = parseHtml(`<!DOCTYPE html><html><body>${chart.value}</body></html>`);

  test("an SVG image with a title and description, both axes titled, each value written", () => {
    const svg = byTag(doc, "svg")[0];
    expect(attr(svg, "role")).toBe("img");
    expect(attr(svg, "aria-labelledby")).toBe("c-title c-desc");
    expect(text(byTag(svg, "title")[0])).toBe("Partnerships per district");
    const labels = byTag(svg, "text").map(text);
    expect(labels).toEqual(expect.arrayContaining(["District", "Partnerships", "D01", "D02", "5", "0"]));
    expect(byTag(svg, "rect").map((r) => attr(r, "width"))).toEqual([expect.stringMatching(/^[1-9]/), "0"]);
  });

  test("more bars than fit: the largest, said so in the caption", () => {
    const many = barChart({
      id: "m",
      title: "t",
      categoryAxis: "District",
      valueAxis: "v",
      maxBars: 3,
      data: [1, 5, 3, 4, 2].map((v, i) => ({ label: `D${i}`, value: v, display: String(v) })),
    });
    const d = parseHtml(`<!DOCTYPE html><html><body>${many.value}</body></html>`);
    expect(text(byTag(d, "figcaption")[0])).toBe("The chart shows the 3 largest of 5; the table lists all.");
    expect(byTag(d, "g").map((g) => text(byTag(g, "title")[0]))).toEqual(["D1: 5", "D3: 4", "D2: 3"]);
  });
});

/**
 * The streaming XML scanner: the same events however the text is cut into chunks (property-based),
 * the constructs a workbook part may hold, and what it refuses.
 */
import fc from "fast-check";
import { Attributes, XmlError, XmlScanner, decodeEntities } from "../../src/xlsx/xml-scan";

type Event = [string, ...string[]];

function events(chunks: readonly string[]): Event[] {
  const out: Event[] = [];
  const scanner = new XmlScanner({
    open: (name, attributes, selfClosing) => out.push(["open", name, attributes.trim(), String(selfClosing)]),
    close: (name) => out.push(["close", name]),
    text: (t) => {
      const last = out[out.length - 1];
      // one run of text may come in pieces: join them
      if (last?.[0] === "text") last[1] += t;
      else out.push(["text", t]);
    },
  });
  for (const c of chunks) scanner.feed(c);
  scanner.end();
  return out;
}

/** The text cut at the given places. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((a) => a % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

const DOC =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <tags> and -- inside -->' +
  '<x:worksheet xmlns:x="urn:x" a=\'1\'><sheetData><row r="1" spans="1:2">' +
  '<c r="A1" t="inlineStr"><is><t xml:space="preserve"> a &amp; b &lt;c&gt; &#x41;&#66; </t></is></c>' +
  '<c r="B1" t="str" note="a > b"><v><![CDATA[<not a tag> & raw]]></v></c><c r="C1"/></row></sheetData></x:worksheet>';

describe("XmlScanner", () => {
  it("gives the events of a part: names without prefix, entities decoded, CDATA as text", () => {
    expect(events([DOC])).toEqual(
      [
        ["text", "\n"],
        ["open", "worksheet", `xmlns:x="urn:x" a='1'`, "false"],
        ["open", "sheetData", "", "false"],
        ["open", "row", 'r="1" spans="1:2"', "false"],
        ["open", "c", 'r="A1" t="inlineStr"', "false"],
        ["open", "is", "", "false"],
        ["open", "t", 'xml:space="preserve"', "false"],
        ["text", " a & b <c> AB "],
        ["close", "t"],
        ["close", "is"],
        ["close", "c"],
        ["open", "c", 'r="B1" t="str" note="a > b"', "false"],
        ["open", "v", "", "false"],
        ["text", "<not a tag> & raw"],
        ["close", "v"],
        ["close", "c"],
        ["open", "c", 'r="C1"', "true"],
        ["close", "c"],
        ["close", "row"],
        ["close", "sheetData"],
        ["close", "worksheet"],
      ].filter((e) => e[1] !== "\n"),
    );
  });

  it("gives the same events however the text is cut into chunks", () => {
    const whole = events([DOC]);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (at) => {
        expect(events(cut(DOC, at))).toEqual(whole);
      }),
    );
  });

  it("gives the same events one character at a time", () => {
    expect(events([...DOC])).toEqual(events([DOC]));
  });

  it("round-trips any text through escaping and scanning, in any chunks", () => {
    const escape = (s: string): string =>
      s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    fc.assert(
      fc.property(fc.string(), fc.array(fc.nat(), { maxLength: 10 }), (text, at) => {
        const doc = `<a><b>${escape(text)}</b></a>`;
        const got = events(cut(doc, at)).find((e) => e[0] === "text")?.[1] ?? "";
        expect(got).toBe(text);
      }),
    );
  });

  const refused: [string, string, string][] = [
    ["an unclosed element", "<a><b></a>", "</a> where </b> was expected"],
    ["an element never closed", "<a><b>", "<b> is never closed"],
    ["an end tag that closes nothing", "<a/></a>", "</a> closes nothing"],
    ["a second root", "<a/><b/>", "a second root element <b>"],
    [
      "a DOCTYPE",
      '<!DOCTYPE a [<!ENTITY x "y">]><a/>',
      "it has a DOCTYPE declaration, which Office Open XML forbids",
    ],
    [
      "an undefined entity",
      "<a>&x;</a>",
      "the entity &x; is not defined (only &lt; &gt; &amp; &quot; &apos; are)",
    ],
    ["a stray ampersand", "<a>fish & chips</a>", 'a "&" that starts no entity'],
    ["a < inside a tag", '<a b="1" <c/></a>', 'a "<" inside a tag'],
    ["a part ending inside a tag", '<a><b c="', "the part ends inside a tag"],
    ["nothing at all", "   ", "the part holds no element"],
    ["too deep", "<a>".repeat(300), "elements nested more than 256 deep"],
  ];
  it.each(refused)("refuses %s", (_what, doc, message) => {
    expect(() => events([doc])).toThrow(new XmlError(message));
  });

  it("refuses a tag longer than 1 MB, however it comes", () => {
    const doc = `<a b="${"x".repeat(1024 * 1024)}"/>`;
    const message = "a tag, comment or CDATA section longer than 1 MB";
    expect(() => events([doc])).toThrow(new XmlError(message));
    expect(() => events(cut(doc, [10, 70000, 500000]))).toThrow(new XmlError(message));
  });
});

describe("Attributes and entities", () => {
  it("reads quoted values, decoded, by name as written", () => {
    const a = new Attributes().parse(` r="A1"  t = 's' r:id="rId1" v="a&amp;b&#x3C;"`);
    expect([a.get("r"), a.get("t"), a.get("r:id"), a.get("v"), a.get("x"), a.getEndingWith(":id")]).toEqual([
      "A1",
      "s",
      "rId1",
      "a&b<",
      undefined,
      "rId1",
    ]);
  });

  it.each([
    ['r="1" r="2"', "the attribute r is given twice"],
    ["r=1", "the attribute r has no quoted value"],
    ['r="1', "the attribute r has no closing quote"],
    ["r", "an attribute with no value"],
  ])("refuses %s", (text, message) => {
    expect(() => new Attributes().parse(text)).toThrow(new XmlError(message));
  });

  it("decodes character references, a surrogate kept as it is for the reader to report", () => {
    expect(decodeEntities("&#65;&#x1F600;&#xFFFF;&#xD800;")).toBe("A\u{1F600}\uffff\ud800");
    expect(() => decodeEntities("&#x110000;")).toThrow(
      new XmlError("the character reference &#x110000; is not a character"),
    );
  });
});

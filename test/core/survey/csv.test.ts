/**
 * The CSV reader of survey responses: table-driven cases for the quirks files bring (byte-order
 * marks, line endings, quotes, separators, Excel's `sep=` hint, blank lines) and a property: any
 * table written as CSV the way spreadsheets and form tools write it reads back as the same table.
 */
import fc from "fast-check";
import { csvTable, parseCsv, rowsTable, gridTable } from "../../../src/core/survey";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("parseCsv", () => {
  it.each<[string, string, string[][]]>([
    [
      "LF",
      "a,b\n1,2\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "CRLF",
      "a,b\r\n1,2\r\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "CR only",
      "a,b\r1,2\r",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "no line break at the end",
      "a,b\n1,2",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    ["trailing blank lines", "a,b\r\n1,2\r\n\r\n\r\n", [["a", "b"], ["1", "2"], [""], [""]]],
    [
      "a comma in quotes",
      'a,b\n"x, y",2\n',
      [
        ["a", "b"],
        ["x, y", "2"],
      ],
    ],
    [
      "a line break in quotes",
      'a,b\n"x\r\ny",2\n',
      [
        ["a", "b"],
        ["x\r\ny", "2"],
      ],
    ],
    [
      "doubled quotes",
      'a,b\n"say ""hi""",2\n',
      [
        ["a", "b"],
        ['say "hi"', "2"],
      ],
    ],
    [
      "an empty quoted field",
      'a,b\n"",2\n',
      [
        ["a", "b"],
        ["", "2"],
      ],
    ],
    [
      "a quote inside an unquoted field",
      'a,b\n5" screen,2\n',
      [
        ["a", "b"],
        ['5" screen', "2"],
      ],
    ],
    [
      "semicolons (a decimal-comma locale)",
      "a;b\n3,5;x\n",
      [
        ["a", "b"],
        ["3,5", "x"],
      ],
    ],
    [
      "tabs",
      "a\tb\n1\t2\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "quoted header with separators of another kind",
      '"a,1";"b,2"\n1;2\n',
      [
        ["a,1", "b,2"],
        ["1", "2"],
      ],
    ],
    [
      "Excel's sep= hint (semicolon)",
      "sep=;\na;b,c\n1;2,3\n",
      [
        ["a", "b,c"],
        ["1", "2,3"],
      ],
    ],
    [
      "Excel's sep= hint (comma), CRLF",
      "SEP=,\r\na;x,b\r\n1;2,3\r\n",
      [
        ["a;x", "b"],
        ["1;2", "3"],
      ],
    ],
    ["short and long rows", "a,b,c\n1\n1,2,3,4\n", [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]],
    [
      "blank lines above a semicolon header: the separator is the header's",
      "\r\n\r\nID;Partnership;Value\r\n1;P-0001;3\r\n",
      [[""], [""], ["ID", "Partnership", "Value"], ["1", "P-0001", "3"]],
    ],
    [
      "a line of separators and spaces above a tab header",
      ";; \nID\tPartnership\n1\tP-0001\n",
      [[";; "], ["ID", "Partnership"], ["1", "P-0001"]],
    ],
  ])("%s", (_what, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it("names the line where a quote that is never closed starts", () => {
    expect(() => parseCsv('a,b\n1,2\n"x,3\n4,5\n')).toThrow(/starts on line 3 is never closed/);
    expect(() => parseCsv('sep=;\na;b\n"x;3\n')).toThrow(/starts on line 3 is never closed/);
  });
});

describe("the table of a file", () => {
  it.each<[string, string, { headers: string[]; rows: string[][]; headerRow?: number }]>([
    ["a byte-order mark", "\uFEFFa,b\n1,2\n", { headers: ["a", "b"], rows: [["1", "2"]] }],
    [
      "blank lines before the header keep their numbers",
      "\n,\n a,b\n1,2\n",
      { headers: [" a", "b"], rows: [["1", "2"]], headerRow: 3 },
    ],
    ["no lines at all", "", { headers: [], rows: [] }],
    ["blank lines only", "\r\n\r\n", { headers: [], rows: [] }],
  ])("%s", (_what, text, table) => {
    expect(csvTable(bytes(text))).toEqual(table);
  });

  it("reads UTF-16 with its mark and Windows-1252 when the bytes are not UTF-8", () => {
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...Array.from("a\tb\n1\t2", (c) => [c.charCodeAt(0), 0]).flat(),
    ]);
    expect(csvTable(utf16)).toEqual({ headers: ["a", "b"], rows: [["1", "2"]] });
    // Windows-1252 as older Excel saves CSV: "’" (0x92), "€" (0x80), "–" (0x96), "é" (0xE9)
    const cp1252 = new Uint8Array([
      ...bytes("Organisation"),
      0x92,
      ...bytes("s,Cost\nCaf"),
      0xe9,
      ...bytes(","),
      0x80,
      ...bytes("5 "),
      0x96,
      ...bytes(" 6\n"),
    ]);
    expect(csvTable(cp1252)).toEqual({
      headers: ["Organisation\u2019s", "Cost"],
      rows: [["Caf\u00e9", "\u20ac5 \u2013 6"]],
    });
  });

  it.each<[string, string, { maxBytes: number; maxRows: number }, RegExp | null]>([
    ["within both limits", "a\n1\n2\n", { maxBytes: 6, maxRows: 3 }, null],
    [
      "more bytes than a responses file may be",
      "a\n1\n2\n",
      { maxBytes: 5, maxRows: 3 },
      /^the file is refused: it is 1 MB of text, more than the 1 MB/,
    ],
    [
      "more rows than an Excel sheet holds",
      "a\n1\n2\n",
      { maxBytes: 6, maxRows: 2 },
      /^the file is refused: it has 3 rows, more than the 2 an Excel sheet holds; split it/,
    ],
  ])("limits: %s", (_what, text, limits, refused) => {
    if (refused === null) expect(csvTable(bytes(text), limits).rows).toHaveLength(2);
    else expect(() => csvTable(bytes(text), limits)).toThrow(refused);
  });

  it("a sheet: its first row with anything in it is the header row, at its own row number", () => {
    const rows = [[], [null, "  "], ["Partnership ID", 7], ["P-0001", 3]];
    expect(
      gridTable({
        sheets: [
          { name: "Empty", rows: [] },
          { name: "Sheet1", rows },
        ],
      }),
    ).toEqual({
      headers: ["Partnership ID", "7"],
      rows: [["P-0001", 3]],
      headerRow: 3,
    });
    expect(rowsTable([["a"], ["1"]])).toEqual({ headers: ["a"], rows: [["1"]] });
  });
});

/**
 * A field as a spreadsheet writes it: quoted when it holds the separator, a quote or a line break
 * (a header field, whose line decides the separator, also when it holds any other separator).
 */
function written(field: string, sep: string, header: boolean): string {
  const special = header ? /[,;\t"\r\n]/ : /["\r\n]/;
  return field.includes(sep) || special.test(field) || /^\s/.test(field)
    ? `"${field.replace(/"/g, '""')}"`
    : field;
}

describe("property: what is written as CSV reads back as written", () => {
  const char = fc.constantFrom("a", "Z", "1", " ", ",", ";", "\t", '"', "\n", "\r\n", "é", "’", "=");
  const field = fc.array(char, { maxLength: 8 }).map((cs) => cs.join(""));
  // a header of at least two fields that are not blank, as a form tool's export has
  const headerField = fc.array(char, { minLength: 1, maxLength: 8 }).map((cs) => `Q${cs.join("")}`);

  it("for every separator, line ending and byte-order mark", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((width) =>
          fc.record({
            header: fc.array(headerField, { minLength: width, maxLength: width }),
            rows: fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 6 }),
            sep: fc.constantFrom(",", ";", "\t"),
            eol: fc.constantFrom("\n", "\r\n"),
            bom: fc.boolean(),
            finalEol: fc.boolean(),
          }),
        ),
        ({ header, rows, sep, eol, bom, finalEol }) => {
          const lines = [header, ...rows].map((r, i) => r.map((f) => written(f, sep, i === 0)).join(sep));
          const text = `${bom ? "\uFEFF" : ""}${lines.join(eol)}${finalEol ? eol : ""}`;
          expect(csvTable(bytes(text))).toEqual({ headers: header, rows });
        },
      ),
      { numRuns: 300 },
    );
  });
});

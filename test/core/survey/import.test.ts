import fc from "fast-check";
import { PARTNER_SURVEY, type ColumnSpec } from "../../../src/core/model/blueprint";
import type { AuditReturn, TableRow } from "../../../src/core/model/workbook-data";
import {
  SurveyFileError,
  csvTable,
  headerKey,
  mapHeaders,
  mappingByName,
  parseCsv,
  planSurveyImport,
  requireResponses,
  rowsByName,
  surveyTableProblem,
  type SurveyTable,
} from "../../../src/core/survey";

const row = (excelRow: number, values: TableRow["values"]): TableRow => ({ excelRow, values });

const workbook: Pick<AuditReturn, "tables" | "lists"> = {
  tables: {
    Partnerships: {
      table: "Partnerships",
      sheet: "Partnerships",
      headerRow: 1,
      columns: {},
      rows: [
        row(2, { partnershipId: "P-0001", partnership: "Northtown LSP" }),
        row(3, { partnershipId: "P-0002", partnership: "Skills Board" }),
      ],
    },
    PartnerSurvey: {
      table: "PartnerSurvey",
      sheet: "Partner survey",
      headerRow: 1,
      columns: {},
      rows: [row(2, { partnershipId: "P-0001", respondent: "Old", responseId: "7" })],
    },
  },
};

function plan(table: SurveyTable) {
  const m = mapHeaders(table.headers);
  return planSurveyImport({ table, mapping: m.mapping, workbook });
}

describe("mapping by header", () => {
  it("compares headers as labels without a tool's numbering or punctuation", () => {
    expect(headerKey("  1. Value   of our TIME ")).toBe("value of our time");
    expect(headerKey("Q3) Trust (reliable) *")).toBe("trust (reliable");
    expect(headerKey("Question 12: Comments?")).toBe("comments");
    expect(headerKey("3.Value of our time")).toBe("value of our time");
    expect(headerKey("Q4 Comments")).toBe("comments");
    expect(mapHeaders(["Partnership", "Respondent organisation"]).missingRequired).toEqual([]);
    expect(headerKey("Trust (reliable)")).toBe(headerKey("Q3) Trust (reliable) *"));
  });

  it.each<[string, string]>([
    ["[1] Partnership ID", "partnership id"],
    ["#2 Partnership ID", "partnership id"],
    ["(3) Comments", "comments"],
    ["Q.4 Comments", "comments"],
    ["1a. Comments", "comments"],
    ["Q2 \u2013 Comments", "comments"],
    ["Q1: Your organisation\u2019s name", "your organisation's name"],
    ["\u201cComments\u201d", "comments"],
    ["Your organisation's name (required)", "your organisation's name"],
    [
      "2. Which partnership are you answering about (its ID or its name)? (Required) *",
      "which partnership are you answering about (its id or its name",
    ],
    ["Partnership\u00a0 ID", "partnership id"],
  ])("header %j compares as %j", (header, key) => {
    expect(headerKey(header)).toBe(key);
  });

  it("a form tool's numbered title, curly quotes and the questionnaire's (required) still map", () => {
    const columns: readonly ColumnSpec[] = PARTNER_SURVEY.columns;
    const q = (key: string): string => columns.find((c) => c.key === key)?.question ?? "";
    const headers = [
      `[1] ${q("partnershipId")} (required)`,
      `2) ${q("respondent").replace("'", "\u2019")} (required)`,
      `Q3 \u2014 ${q("trustReliable")}`,
    ];
    const m = mapHeaders(headers);
    expect(m.missingRequired).toEqual([]);
    expect([m.mapping.partnershipId, m.mapping.respondent, m.mapping.trustReliable]).toEqual([0, 1, 2]);
  });

  it("property: every field's name or title, numbered, cased, spaced and marked as tools do, maps to its field, in any column order", () => {
    const asked: readonly ColumnSpec[] = PARTNER_SURVEY.columns.filter(
      (c: ColumnSpec) => c.question !== undefined,
    );
    const numbering = fc.constantFrom(
      "",
      "1. ",
      "12) ",
      "Q3 ",
      "Q4. ",
      "Question 5: ",
      "[6] ",
      "#7 ",
      "8 - ",
      "2.1 ",
    );
    const around = fc.constantFrom("", " ", "*", " *", "?", ":", " (required)", "  ");
    const spaces = fc.constantFrom(" ", "  ", "\u00a0", "\t");
    const casing = fc.constantFrom<(t: string) => string>(
      (t) => t,
      (t) => t.toUpperCase(),
      (t) => t.toLowerCase(),
    );
    const header = (c: ColumnSpec) =>
      fc
        .record({
          useTitle: fc.boolean(),
          n: numbering,
          end: around,
          sp: spaces,
          cs: casing,
        })
        .map(({ useTitle, n, end, sp, cs }) => {
          const words = (useTitle ? (c.question ?? c.header) : c.header).split(" ");
          return `${n}${cs(words.join(sp))}${end}`;
        });
    fc.assert(
      fc.property(
        fc.tuple(...asked.map(header)),
        fc.array(fc.constantFrom("ID", "Start time", "Email", "Name", "Completion time"), { maxLength: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (headers, extra, seed) => {
          // the fields' columns among a tool's own, in an order drawn from the seed
          const all = [
            ...headers.map((h, i) => ({ h, key: asked[i].key })),
            ...[...new Set(extra)].map((h) => ({ h, key: "" })),
          ];
          const order = all
            .map((x, i) => ({ x, k: (i * 7919 + seed * 104729) % 1009 }))
            .sort((a, b) => a.k - b.k)
            .map((o) => o.x);
          const m = mapHeaders(order.map((o) => o.h));
          expect(m.missingRequired).toEqual([]);
          for (const c of asked) expect(order[m.mapping[c.key] ?? -1]?.key).toBe(c.key);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("matches field names, question titles and a tool's id column; leaves extra columns out", () => {
    const columns: readonly ColumnSpec[] = PARTNER_SURVEY.columns;
    const q = (key: string): string => columns.find((c) => c.key === key)?.question ?? "";
    const headers = [
      "ID",
      "Start time",
      "Email",
      `1. ${q("partnershipId")}`,
      "respondent organisation",
      `Q2 - ${q("valueTime")}`,
    ];
    const m = mapHeaders(headers);
    expect(m.missingRequired).toEqual([]);
    expect(mappingByName(m.mapping, headers)).toMatchObject({
      "Partnership ID": `1. ${q("partnershipId")}`,
      "Respondent organisation": "respondent organisation",
      "Value of our time": `Q2 - ${q("valueTime")}`,
      "Response ID": "ID",
      Comments: null,
    });
  });

  it("names a required field with no column, and a saved mapping wins over headers", () => {
    expect(mapHeaders(["Organisation", "Value of our time"]).missingRequired).toEqual([
      "Partnership ID",
      "Respondent organisation",
    ]);
    const m = mapHeaders(["Which one", "Organisation", "Value of our time"], {
      "Partnership ID": "Which one",
      "Respondent organisation": "Organisation",
      "Value of our time": null,
    });
    expect(m.missingRequired).toEqual([]);
    expect(m.mapping.valueTime).toBeNull();
    expect(() =>
      planSurveyImport({
        table: { headers: ["Value of our time"], rows: [["3"]] },
        mapping: mapHeaders(["Value of our time"]).mapping,
        workbook,
      }),
    ).toThrow(/"Partnership ID" and "Respondent organisation" \(required\)/);
  });
});

describe("answers", () => {
  const headers = [
    "Partnership ID",
    "Respondent organisation",
    "Value of our time",
    "Trust (reliable)",
    "Organisation type",
    "Effectiveness of our participation",
  ];

  it('takes numbers 1–4, numeric text and the scale\'s words; 5, "3,5" and "three" are findings at file row and column, the cell blank', () => {
    const p = plan({
      headers,
      rows: [
        ["P-0001", "A", 4, " 2 ", "local authority", "Very effective"],
        ["P-0002", "B", 5, "3,5", "Council", "three"],
        ["p-0002", "C", "Very valuable", "strongly   AGREE", "", "Valuable"],
      ],
    });
    expect(
      p.rows.map((r) => [
        r.values.valueTime,
        r.values.trustReliable,
        r.values.organisationType,
        r.values.effectiveness,
      ]),
    ).toEqual([
      [4, 2, "Local authority", 4],
      [null, null, null, null],
      [4, 4, null, null],
    ]);
    expect(p.findings.map((f) => [f.row, f.column, f.message.split(";")[0]])).toEqual([
      [3, "Organisation type", '"Council" is not in the Organisation type list'],
      [3, "Value of our time", '"5" is not a rating'],
      [3, "Trust (reliable)", '"3,5" is not a rating'],
      [3, "Effectiveness of our participation", '"three" is not a rating'],
      [4, "Effectiveness of our participation", '"Valuable" is not a rating'],
    ]);
    expect(p.rows[1].values.respondent).toBe("B");
  });

  it("names a partnership by ID or name; an unknown one is a finding and not imported", () => {
    const p = plan({
      headers,
      rows: [
        ["skills board", "A"],
        ["P-9999", "B", 3],
        ["P-0001", ""],
      ],
    });
    expect(p.rows.map((r) => r.values.partnershipId)).toEqual(["P-0002"]);
    expect(p.findings).toEqual([
      expect.objectContaining({
        row: 3,
        column: "Partnership ID",
        message: expect.stringMatching(
          /^"P-9999" is neither a Partnership ID nor a partnership's name.*not imported/,
        ),
      }),
      expect.objectContaining({
        row: 4,
        column: "Respondent organisation",
        message: expect.stringMatching(/is blank; the response is not imported/),
      }),
    ]);
    expect(p.notImported).toBe(2);
    expect(p.responses).toBe(3);
  });
});

describe("text longer than an Excel cell holds", () => {
  it.each<[string, number, number, RegExp]>([
    [
      "a comment: the cell is left blank, the response kept",
      3,
      1,
      /^the answer is 32,768 characters long, more than an Excel cell holds \(32,767\); shorten it in the file; the cell is left blank$/,
    ],
    [
      "the organisation (required): the response is not imported",
      1,
      0,
      /\(32,767\); the response is not imported/,
    ],
  ])("%s", (_what, at, rows, message) => {
    const cells: (string | number)[] = ["P-0001", "A", 3, "fine"];
    cells[at] = "x".repeat(32_768);
    const p = plan({
      headers: ["Partnership ID", "Respondent organisation", "Value of our time", "Comments"],
      rows: [cells, ["P-0001", "B", 2, "y".repeat(32_767)]],
    });
    expect(p.findings).toEqual([
      {
        row: 2,
        column: at === 3 ? "Comments" : "Respondent organisation",
        message: expect.stringMatching(message),
      },
    ]);
    expect(p.rows).toHaveLength(rows + 1);
    if (rows) expect(p.rows[0].values).toMatchObject({ comments: null, valueTime: 3 });
    expect(p.rows.at(-1)?.values.comments).toHaveLength(32_767);
  });
});

describe("naming the partnership", () => {
  const shared: Pick<AuditReturn, "tables" | "lists"> = {
    tables: {
      Partnerships: {
        table: "Partnerships",
        sheet: "Partnerships",
        headerRow: 1,
        columns: {},
        rows: [
          row(2, { partnershipId: "P-0001", partnership: "Skills Board" }),
          row(3, { partnershipId: "P-0002", partnership: " skills  BOARD " }),
          row(4, { partnershipId: "P-0003", partnership: "P-0001" }),
          row(5, { partnershipId: "P-0004", partnership: "Health Forum" }),
        ],
      },
    },
  };
  it.each<[string, string | number, string | null, RegExp | null]>([
    ["by ID, as a label", " p-0004 ", "P-0004", null],
    ["by name, as a label", "HEALTH   forum", "P-0004", null],
    ["an ID wins over a name spelled the same", "P-0001", "P-0001", null],
    [
      "a name two partnerships share is not guessed",
      "Skills board",
      null,
      /^"Skills board" is the name of 2 partnerships on the Partnerships sheet \(P-0001, P-0002\); the response is not imported/,
    ],
    ["neither", "Skills", null, /^"Skills" is neither a Partnership ID nor a partnership's name/],
  ])("%s", (_what, given, id, message) => {
    const table: SurveyTable = {
      headers: ["Partnership ID", "Respondent organisation"],
      rows: [[given, "A"]],
    };
    const p = planSurveyImport({ table, mapping: mapHeaders(table.headers).mapping, workbook: shared });
    expect(p.rows.map((r) => r.values.partnershipId)).toEqual(id === null ? [] : [id]);
    expect(p.findings.map((f) => f.message)).toEqual(
      message === null ? [] : [expect.stringMatching(message)],
    );
    expect(p.notImported).toBe(id === null ? 1 : 0);
  });
});

describe("a saved mapping", () => {
  const headers = ["Partnership ID", "Respondent organisation", "Value of our time", "Remarks"];
  const fields = ["partnershipId", "respondent", "valueTime", "effectiveness", "comments"] as const;
  it.each<[string, Record<string, string | null>, (number | null)[], RegExp[]]>([
    [
      "its choice wins over a field that would match the column by header",
      { "Effectiveness of our participation": "value of  our time", Comments: "Remarks" },
      [0, 1, null, 2, 3],
      [],
    ],
    [
      "a header the file lacks: matched by header, with a note",
      { Comments: "Notes" },
      [0, 1, 2, null, null],
      [/takes Comments from a column headed "Notes", which this file does not have/],
    ],
    [
      "one header given to two fields: the first keeps it, the other is matched by header",
      { "Value of our time": "Remarks", Comments: "REMARKS" },
      [0, 1, 3, null, null],
      [/takes Comments from the column headed "REMARKS", which it also gives another column/],
    ],
    ["null leaves a field out", { "Respondent organisation": null }, [0, null, 2, null, null], []],
  ])("%s", (_what, saved, expected, notes) => {
    const m = mapHeaders(headers, saved);
    expect(fields.map((f) => m.mapping[f])).toEqual(expected);
    expect(m.notes).toEqual(notes.map((n) => expect.stringMatching(n)));
  });

  it("naming a column the table does not have: a note, the rest used", () => {
    const m = mapHeaders(["Which", "Partnership ID", "Respondent organisation"], {
      "Partnership Id": "Which",
      "Value of tme": "Which",
    });
    expect(m.mapping.partnershipId).toBe(0);
    expect(m.notes).toEqual([
      'The saved mapping names "Value of tme", which is not a column of the Partner survey table; it is ignored.',
    ]);
  });
});

describe("file row numbers", () => {
  it.each<[string, string, [number, string][], number]>([
    [
      "a comment over two lines is one row, as a spreadsheet shows it",
      'Partnership ID,Respondent organisation,Comments,Value of our time\r\nP-0001,A,"one\r\ntwo",3\r\nP-0001,B,,7\r\n',
      [[3, "Value of our time"]],
      2,
    ],
    [
      "a blank line counts",
      "Partnership ID,Respondent organisation,Value of our time\n\nP-0001,A,x\n",
      [[3, "Value of our time"]],
      1,
    ],
    [
      "blank lines before the header keep their numbers",
      "\n\nPartnership ID,Respondent organisation,Value of our time\nP-0001,A,0\n",
      [[4, "Value of our time"]],
      1,
    ],
    [
      "Excel's sep= hint is not a row (Excel does not show it)",
      "sep=;\nPartnership ID;Respondent organisation;Value of our time\nP-0001;A;3,5\n",
      [[2, "Value of our time"]],
      1,
    ],
  ])("%s", (_what, text, expected, rows) => {
    const p = plan(csvTable(new TextEncoder().encode(text)));
    expect(p.findings.map((f) => [f.row, f.column])).toEqual(expected);
    // the cell is left blank, the rest of the response kept
    expect(p.rows).toHaveLength(rows);
  });
});

describe("twice is once", () => {
  it("keeps the file's response id; one already in the workbook or repeated in the file adds nothing", () => {
    const p = plan({
      headers: ["ID", "Partnership ID", "Respondent organisation"],
      rows: [[7, "P-0001", "Old"], [8, "P-0001", "New"], [8, "P-0001", "New"], []],
    });
    expect(p.rows.map((r) => r.values.responseId)).toEqual(["8"]);
    expect([p.alreadyImported, p.repeated, p.responses]).toEqual([1, 1, 3]);
    expect(rowsByName(p)[0]).toMatchObject({
      "Response ID": "8",
      "Partnership ID": "P-0001",
      "Respondent organisation": "New",
      District: null,
    });
  });

  it.each(["ID", "id", "Response ID", " response  id ", "Respondent ID", "ResponseId", "RespondentID"])(
    "a tool's id column headed %j is the Response ID",
    (header) => {
      const p = plan({
        headers: ["Partnership ID", header, "Respondent organisation"],
        rows: [["P-0001", 42, "A"]],
      });
      expect(p.mapping.responseId).toBe(1);
      expect(p.rows.map((r) => r.values.responseId)).toEqual(["42"]);
    },
  );

  it("without an id column, a fingerprint of the answers: the same file twice adds nothing the second time", () => {
    const table: SurveyTable = {
      headers: ["Partnership ID", "Respondent organisation", "Value of our time"],
      rows: [
        ["P-0001", "A", "3"],
        ["P-0001", "A", 3],
        ["P-0001", "B", 3],
      ],
    };
    const first = plan(table);
    expect(first.rows).toHaveLength(2);
    expect(first.repeated).toBe(1);
    const after: Pick<AuditReturn, "tables" | "lists"> = {
      tables: {
        ...workbook.tables,
        PartnerSurvey: {
          table: "PartnerSurvey",
          sheet: "Partner survey",
          headerRow: 1,
          columns: {},
          rows: first.rows.map((r, i) => row(i + 2, r.values)),
        },
      },
    };
    const again = planSurveyImport({ table, mapping: mapHeaders(table.headers).mapping, workbook: after });
    expect(again.rows).toHaveLength(0);
    expect(again.alreadyImported + again.repeated).toBe(3);
  });

  it("plans 50,000 responses, every one accounted for", () => {
    const rows: string[][] = [];
    for (let i = 0; i < 50_000; i++)
      rows.push([String(i), i % 2 ? "P-0001" : "P-0002", `Org ${i}`, String((i % 4) + 1)]);
    const p = plan({
      headers: ["Response ID", "Partnership ID", "Respondent organisation", "Value of our time"],
      rows,
    });
    expect(p.rows.length + p.alreadyImported).toBe(50_000);
    expect(p.alreadyImported).toBe(1); // "7" is in the workbook
    expect(p.findings).toEqual([]);
  });
});

describe("files", () => {
  it("reads CSV with a byte-order mark, semicolons, quotes, line breaks in quotes and CRLF", () => {
    const bytes = new TextEncoder().encode(
      '\uFEFFPartnership ID;Respondent organisation;Comments\r\nP-0001;"A; B";"one ""two""\r\nthree"\r\nP-0002;C;3,5\r\n',
    );
    expect(csvTable(bytes)).toEqual({
      headers: ["Partnership ID", "Respondent organisation", "Comments"],
      rows: [
        ["P-0001", "A; B", 'one "two"\r\nthree'],
        ["P-0002", "C", "3,5"],
      ],
    });
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a\tb\n1\t2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("refuses a quote never closed, binary bytes, an empty file and a header row only", () => {
    expect(() => parseCsv('a,b\n"1,2\n')).toThrow(/starts on line 2 is never closed/);
    expect(() => csvTable(new Uint8Array([1, 0, 2, 3]))).toThrow(SurveyFileError);
    expect(() => requireResponses({ headers: [], rows: [] })).toThrow(/the file is empty/);
    expect(() =>
      requireResponses(csvTable(new TextEncoder().encode("Partnership ID,Respondent organisation\n,\n"))),
    ).toThrow(/header row but no responses/);
  });
});

describe("surveyTableProblem: what would stop an import into the return's Partner survey table", () => {
  const at = (letter: string) => ({ header: "", letter });
  const withColumns = (keys: readonly string[]): Pick<AuditReturn, "tables"> => ({
    tables: {
      PartnerSurvey: {
        table: "PartnerSurvey",
        sheet: "Partner survey",
        headerRow: 1,
        columns: Object.fromEntries(keys.map((k, i) => [k, at(String.fromCharCode(65 + i))])),
        rows: [],
      },
    },
  });
  const mapping = { partnershipId: 0, respondent: 1, valueTime: 2 };
  test.each<[string, Pick<AuditReturn, "tables">, RegExp | undefined]>([
    [
      "every column the mapping fills, and Response ID",
      withColumns(["responseId", "partnershipId", "respondent", "valueTime"]),
      undefined,
    ],
    ["no Partner survey table", { tables: {} }, /has no Partner survey table: run Set up first/],
    [
      "no Response ID column",
      withColumns(["partnershipId", "respondent", "valueTime"]),
      /no Response ID column.*run Set up/,
    ],
    [
      "a column the mapping fills is missing",
      withColumns(["responseId", "partnershipId", "respondent"]),
      /no "[^"]+" column, which the mapping fills: run Set up .* or leave it out of the mapping/,
    ],
  ])("%s", (_what, ret, expected) => {
    const problem = surveyTableProblem(ret, mapping);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});

import {
  checkReturn,
  createReturnChecker,
  errorCountText,
  hasErrors,
} from "../../../src/core/returns/checks";
import { iterateChecks } from "../../../src/core/returns/checks/run";
import { formatFinding, type Finding } from "../../../src/core/model/findings";
import { missingTables, readReturn } from "../../../src/core/returns/read-return";
import type { CellValue } from "../../../src/core/model/workbook-data";
import { GOOD_PARTNERSHIP, GOOD_REPRESENTATION, GOOD_SURVEY, grid, type GridInput } from "./return-fixtures";

const YEAR = 2026;

function check(input: GridInput): Finding[] {
  return checkReturn(readReturn(grid(input), "D04.xlsx"), { currentYear: YEAR });
}

function partnership(values: Record<string, CellValue>): Finding[] {
  return check({ Partnerships: [{ ...GOOD_PARTNERSHIP, ...values }] });
}

describe("checkReturn", () => {
  it("a good return has no findings", () => {
    expect(check({})).toEqual([]);
  });

  it("prints like the contract's example", () => {
    const f = partnership({ ourRole: "Boss" });
    expect(f).toHaveLength(1);
    expect(f[0]).toEqual({
      file: "D04.xlsx",
      severity: "error",
      sheet: "Partnerships",
      row: 2,
      column: "Our role",
      address: "H2",
      message: '"Boss" is not a role; use Leading, Key, Active or Limited',
    });
    expect(formatFinding(f[0])).toBe(
      'D04.xlsx: Partnerships row 2, Our role: "Boss" is not a role; use Leading, Key, Active or Limited',
    );
  });

  it.each<[string, Record<string, CellValue>, "error" | "warning", string, string]>([
    ["a list value in another case and spacing", { ourRole: "  leading " }, "error", "", ""],
    [
      "a blank required cell",
      { partnership: null },
      "error",
      "Partnership",
      "Partnership is required; fill it in",
    ],
    [
      "a blank required list cell",
      { level: "" },
      "error",
      "Level",
      "Level is required; use Regional, Sub-regional or Local",
    ],
    [
      "a value outside a long list",
      { type: "Book club" },
      "error",
      "Type",
      '"Book club" is not a type; pick one from the Types list on the Lists sheet',
    ],
    [
      "one bad value of a multi-select",
      { barriers: "Pressure on key staff time; Weather" },
      "error",
      "Barriers",
      '"Weather" is not a barrier; pick from the Barriers list on the Lists sheet, several separated by ";"',
    ],
    [
      "a number stored as text",
      { meetingsPerYear: "12" },
      "warning",
      "Meetings per year",
      '"12" is stored as text; retype it as a number',
    ],
    [
      "text in a number column",
      { meetingsPerYear: "monthly" },
      "error",
      "Meetings per year",
      '"monthly" is not a number; enter a number from 0 to 365',
    ],
    [
      "a number out of bounds",
      { meetingsPerYear: 400 },
      "error",
      "Meetings per year",
      "400 is out of range; enter a number from 0 to 365",
    ],
    [
      "a year before 1990",
      { involvedSince: 1985 },
      "error",
      "Involved since",
      "1985 is not a year we accept; enter a year from 1990 to 2026",
    ],
    [
      "a year after this year",
      { involvedSince: 2031 },
      "error",
      "Involved since",
      "2031 is not a year we accept; enter a year from 1990 to 2026",
    ],
    [
      "a fraction of a year",
      { involvedSince: 2005.5 },
      "error",
      "Involved since",
      "2005.5 is not a year we accept; enter a year from 1990 to 2026",
    ],
    [
      "a date instead of a year",
      { involvedSince: "2005-03-01" },
      "error",
      "Involved since",
      '"2005-03-01" is a date; enter the year only, a year from 1990 to 2026',
    ],
    [
      "a date typed as text",
      { involvedSince: "01/03/2005" },
      "error",
      "Involved since",
      '"01/03/2005" is a date; enter the year only, a year from 1990 to 2026',
    ],
    [
      "a year stored as text",
      { involvedSince: "2005" },
      "warning",
      "Involved since",
      '"2005" is stored as text; retype it as a number',
    ],
    [
      "an error value",
      { ourRole: { error: "#N/A" } },
      "error",
      "Our role",
      "the cell shows #N/A; correct the formula or type the value",
    ],
    [
      "a boolean in a number column",
      { meetingsPerYear: true },
      "error",
      "Meetings per year",
      "TRUE is not a number; enter a number from 0 to 365",
    ],
  ])("%s", (_what, values, severity, column, message) => {
    const f = partnership(values);
    if (message === "") {
      expect(f).toEqual([]);
      return;
    }
    expect(f).toEqual([expect.objectContaining({ severity, column, message, row: 2 })]);
  });

  it("checks ratings 1–4", () => {
    const f = check({
      PartnerSurvey: [{ ...GOOD_SURVEY, trustOpen: 5, valueTime: 0, valueLmi: 3.5, effectiveness: 4 }],
    });
    expect(f.map((x) => `${x.column}: ${x.message}`)).toEqual([
      "Value of our time: 0 is not a rating; enter a whole number from 1 to 4",
      "Value of labour market information: 3.5 is not a rating; enter a whole number from 1 to 4",
      "Trust (open to discussion): 5 is not a rating; enter a whole number from 1 to 4",
    ]);
  });

  it.each<[string, CellValue, string]>([
    ["valueTime", "Very valuable", 'Value of our time: "Very valuable" is rating 4 in words; type 4'],
    [
      "valueLmi",
      " not  VALUABLE ",
      'Value of labour market information: "not  VALUABLE" is rating 1 in words; type 1',
    ],
    ["trustMission", "Agree", 'Trust (shares the mission): "Agree" is rating 3 in words; type 3'],
    [
      "effectiveness",
      "Of little effect",
      'Effectiveness of our participation: "Of little effect" is rating 2 in words; type 2',
    ],
    [
      "trustOpen",
      "Valuable",
      'Trust (open to discussion): "Valuable" is not a number; enter a whole number from 1 to 4',
    ],
    ["valueTime", "3", 'Value of our time: "3" is stored as text; retype it as a number'],
  ])("a rating typed as %s %j", (key, value, line) => {
    const f = check({ PartnerSurvey: [{ ...GOOD_SURVEY, [key]: value }] });
    expect(f.map((x) => `${x.column}: ${x.message}`)).toEqual([line]);
  });

  it("names both rows of a duplicate Partnership ID", () => {
    const f = check({ Partnerships: [GOOD_PARTNERSHIP, { ...GOOD_PARTNERSHIP, partnership: "Other" }] });
    expect(f).toEqual([
      expect.objectContaining({
        row: 3,
        column: "Partnership ID",
        address: "A3",
        message: '"P-0001" is on rows 2 and 3; give each partnership its own ID (one row per partnership)',
      }),
    ]);
  });

  it("the same ID in two districts of a regional workbook is not a duplicate", () => {
    const f = check({
      settings: { district: "" },
      Partnerships: [
        { ...GOOD_PARTNERSHIP, district: "D01" },
        { ...GOOD_PARTNERSHIP, district: "D02" },
      ],
      Representation: [{ ...GOOD_REPRESENTATION, district: "D01" }],
      PartnerSurvey: [{ ...GOOD_SURVEY, district: "D02" }],
    });
    expect(f).toEqual([]);
  });

  // A district return is one district's one round: import tags every row with them, so an ID is
  // unique within the whole return, whatever a row's own District or Audit round says.
  it.each<[string, Record<string, CellValue>, Record<string, CellValue>]>([
    ["a blank District and the Settings district", { district: null }, { district: "D01" }],
    ["a blank District and the Settings district in another case", { district: null }, { district: " d01 " }],
    ["a District that contradicts the Settings sheet", {}, { district: "D02" }],
    ["a blank Audit round and the Settings round", { auditRound: null }, { auditRound: "2026-Q4" }],
    ["an Audit round other than the Settings round", {}, { auditRound: "2025-Q4" }],
  ])("a duplicate ID in a district return is found with %s", (_, first, second) => {
    const f = check({
      Partnerships: [
        { ...GOOD_PARTNERSHIP, ...first },
        { ...GOOD_PARTNERSHIP, partnership: "Other", ...second },
      ],
    });
    expect(f.filter((x) => x.severity === "error")).toEqual([
      expect.objectContaining({
        sheet: "Partnerships",
        row: 3,
        column: "Partnership ID",
        address: "A3",
        message: '"P-0001" is on rows 2 and 3; give each partnership its own ID (one row per partnership)',
      }),
    ]);
  });

  it.each<[string, Record<string, CellValue>, string, string]>([
    [
      "a District",
      { district: "D02" },
      "District",
      '"D02" contradicts the Settings sheet\'s District "D01" (here and on 1 more row); on import the rows are the Settings District\'s, as every row of the return is: correct the row or the Settings District, whichever is wrong',
    ],
    [
      "an Audit round",
      { auditRound: "2025-Q4" },
      "Audit round",
      '"2025-Q4" contradicts the Settings sheet\'s Audit round "2026-Q4" (here and on 1 more row); on import the rows are the Settings round\'s, as every row of the return is: correct the row or the Settings Audit round, whichever is wrong',
    ],
  ])(
    "%s other than the Settings one in a district return is a warning at its first row",
    (_, values, column, message) => {
      const f = check({
        Partnerships: [
          GOOD_PARTNERSHIP,
          { ...GOOD_PARTNERSHIP, partnershipId: "P-0002", ...values },
          { ...GOOD_PARTNERSHIP, partnershipId: "P-0003", ...values },
        ],
      });
      expect(f).toEqual([
        expect.objectContaining({ severity: "warning", sheet: "Partnerships", row: 3, column, message }),
      ]);
    },
  );

  const NO_ROUND =
    "and the Settings sheet has no Audit round; fill in Audit round on the Settings sheet (for example 2026-Q4), so that every row says which round it is of";
  it.each<[string, string | null, Record<string, CellValue>[], string[]]>([
    [
      "rows and Settings with no round",
      "",
      [{}, { partnershipId: "P-0002" }],
      [`warning Partnerships row 2, Audit round: Audit round is blank (here and on 1 more row) ${NO_ROUND}`],
    ],
    [
      "a regional workbook's rows with no round",
      null,
      [{ district: "D01" }],
      [`warning Partnerships row 2, Audit round: Audit round is blank ${NO_ROUND}`],
    ],
    ["rows that name their round, Settings none", "", [{ auditRound: "2026-Q4" }], []],
    ["Settings that name the round, rows none", "2026-Q4", [{}], []],
  ])("no Audit round anywhere is a warning, once per table: %s", (_, round, rows, expected) => {
    const settings = round === null ? { district: "", auditRound: "" } : { auditRound: round };
    const g = grid({
      settings,
      Partnerships: rows.map((r) => ({ ...GOOD_PARTNERSHIP, ...r })),
      Representation: [],
      PartnerSurvey: [],
    });
    const f = checkReturn(readReturn(g), { currentYear: YEAR });
    expect(f.map((x) => `${x.severity} ${x.sheet} row ${x.row}, ${x.column}: ${x.message}`)).toEqual(
      expected,
    );
  });

  it("rows of several rounds in a regional workbook are not contradictions", () => {
    const f = check({
      settings: { district: "" },
      Partnerships: [{ ...GOOD_PARTNERSHIP, district: "D01", auditRound: "2025-Q4" }],
      Representation: [{ ...GOOD_REPRESENTATION, district: "D01", auditRound: "2025-Q4" }],
      PartnerSurvey: [{ ...GOOD_SURVEY, district: "D01" }],
    });
    expect(f).toEqual([]);
  });

  it("the same ID in two rounds of a regional workbook is not a duplicate", () => {
    const f = check({
      settings: { district: "" },
      Partnerships: [
        { ...GOOD_PARTNERSHIP, district: "D01", auditRound: "2025-Q4" },
        { ...GOOD_PARTNERSHIP, district: "D01", auditRound: "2026-Q4" },
      ],
      Representation: [{ ...GOOD_REPRESENTATION, district: "D01" }],
      PartnerSurvey: [{ ...GOOD_SURVEY, district: "D01" }],
    });
    expect(f).toEqual([]);
  });

  it.each<[string, Record<string, string | number>, string]>([
    ["Hours per meeting", { hoursPerMeeting: "3" }, '"3" is stored as text; retype it as a number'],
    [
      "Other hours per month",
      { otherHoursPerMonth: "2" },
      '"2" is stored as text, so Annual hours counts it as 0; retype it as a number',
    ],
  ])("a number stored as text in %s says what the figures make of it", (column, values, message) => {
    const f = check({ Representation: [{ ...GOOD_REPRESENTATION, ...values }] });
    expect(f).toEqual([
      expect.objectContaining({ severity: "warning", sheet: "Representation", row: 2, column, message }),
    ]);
  });

  it("flags Representation and Partner survey IDs that are not in Partnerships", () => {
    const f = check({
      Representation: [{ ...GOOD_REPRESENTATION, partnershipId: "P-0099" }],
      PartnerSurvey: [{ ...GOOD_SURVEY, partnershipId: " p-0001 " }],
    });
    expect(f).toEqual([
      expect.objectContaining({
        sheet: "Representation",
        row: 2,
        column: "Partnership ID",
        message:
          '"P-0099" is not a Partnership ID on the Partnerships sheet; correct the ID or add the partnership there',
      }),
    ]);
  });

  it("warns about a representative whose hours add up to more than a full-time post", () => {
    const rep = {
      ...GOOD_REPRESENTATION,
      representative: "Ann",
      meetingsPerYear: 100,
      hoursPerMeeting: 10,
      annualHours: 1000,
    };
    const f = check({ Representation: [rep, { ...rep }, { ...rep, representative: "Bob" }] });
    expect(f).toEqual([
      expect.objectContaining({
        severity: "warning",
        sheet: "Representation",
        row: 2,
        column: "Representative",
        message:
          "Ann's time adds up to 2000 hours a year on rows 2, 3, more than one full-time post (1924); check Meetings per year and Hours per meeting",
      }),
    ]);
  });

  it("warns about one row of impossible hours", () => {
    const f = check({
      Representation: [
        {
          ...GOOD_REPRESENTATION,
          representative: null,
          meetingsPerYear: 365,
          hoursPerMeeting: 24,
          annualHours: 8760,
        },
      ],
    });
    expect(f).toEqual([expect.objectContaining({ severity: "warning", column: "Annual hours" })]);
    expect(hasErrors(f)).toBe(false);
  });

  it("a blank District with no Settings district is an error on the row", () => {
    const f = check({ settings: { district: "" } });
    expect(f.filter((x) => x.column === "District").map((x) => x.sheet)).toEqual([
      "Partnerships",
      "Representation",
      "Partner survey",
    ]);
    expect(f[0].message).toBe(
      "District is blank and the Settings sheet has no District; fill in one or the other",
    );
  });

  it("uses the workbook's own Lists vocabulary when it has one", () => {
    const ret = readReturn(grid({ Partnerships: [{ ...GOOD_PARTNERSHIP, ourRole: "Chair" }] }));
    const own = { ...ret, lists: { roles: ["Chair", "Member"] } };
    expect(checkReturn(own, { currentYear: YEAR })).toEqual([]);
    expect(checkReturn(ret, { currentYear: YEAR })[0].message).toBe(
      '"Chair" is not a role; use Leading, Key, Active or Limited',
    );
  });

  it("includes the reader's findings (missing columns) first", () => {
    const f = check({ order: { Partnerships: ["partnershipId", "partnership", "level", "type", "region"] } });
    expect(f.slice(0, 5).map((x) => x.message)).toContain(
      'the Our role column is missing; add a column headed "Our role" to the table (it is required)',
    );
  });

  it("errorCountText says how many errors and the first", () => {
    const errors = partnership({ ourRole: "Boss", level: "x" }).filter((f) => f.severity === "error");
    expect(errorCountText(errors.length, errors[0])).toBe(
      '2 errors, first: Partnerships row 2, Level: "x" is not a level; use Regional, Sub-regional or Local',
    );
  });
});

describe("iterative checks", () => {
  const many = Array.from({ length: 5000 }, (_, i) => ({
    ...GOOD_PARTNERSHIP,
    partnershipId: `P-${i}`,
    ourRole: i % 1000 === 0 ? "Boss" : "Key",
  }));
  const ret = readReturn(grid({ Partnerships: many }));

  it("yields chunks with progress, and together they equal checkReturn", () => {
    const steps = [...iterateChecks(ret, { chunkRows: 1000, currentYear: YEAR })];
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(steps.map((s) => s.checked)).toEqual([...steps.map((s) => s.checked)].sort((a, b) => a - b));
    expect(steps[steps.length - 1].checked).toBe(steps[0].total);
    expect(steps.flatMap((s) => s.findings)).toEqual(checkReturn(ret, { currentYear: YEAR }));
  });

  it("can be driven by hand and stopped (cancelled) part-way", () => {
    const checker = createReturnChecker(ret, { chunkRows: 1000, currentYear: YEAR });
    const first = checker.checkNext();
    expect(first.done).toBe(false);
    expect(first.checked).toBe(1000);
    expect(first.findings).toHaveLength(1);
    expect(checker.total).toBe(5002);
  });

  it("checks 50,000 good rows and finds nothing (its speed is measured by npm run bench, not here)", () => {
    const big = Array.from({ length: 50000 }, (_, i) => ({
      ...GOOD_PARTNERSHIP,
      partnershipId: `P-${i}`,
      barriers: "Pressure on key staff time",
      meetingsPerYear: 12,
      involvedSince: 2001,
    }));
    const r = readReturn(
      grid({
        Partnerships: big,
        Representation: [{ ...GOOD_REPRESENTATION, partnershipId: "P-1" }],
        PartnerSurvey: [{ ...GOOD_SURVEY, partnershipId: "P-2" }],
      }),
    );
    expect(checkReturn(r, { currentYear: YEAR })).toEqual([]);
  });
});

describe("checks of the GradeCosts table and the review settings (docs/value-for-time.md)", () => {
  /** A return whose Settings sheet has GradeCosts at E1 with these rows, and these settings. */
  function withCosts(
    rows: readonly (readonly CellValue[])[],
    settings: GridInput["settings"] = {},
  ): Finding[] {
    const g = grid({ settings });
    const sheets = g.sheets.map((s) => {
      if (s.name !== "Settings") return s;
      const out = s.rows.map((r) => [...r]);
      const all = [["Grade", "Hourly cost"], ...rows];
      all.forEach((cells, i) => {
        const row = out[i] ?? (out[i] = []);
        while (row.length < 4) row.push(null);
        row[4] = cells[0];
        row[5] = cells[1];
      });
      return { ...s, rows: out };
    });
    return checkReturn(readReturn({ sheets }, "D01.xlsx"), { currentYear: 2026 });
  }

  it("costs as numbers of 0 or more, blank means not costed: no finding", () => {
    expect(
      withCosts([
        ["SEO", 41],
        ["EO", null],
        ["AO", 0],
      ]),
    ).toEqual([]);
  });

  it.each([
    [["SEO", "forty"], "error", "F2", '"forty" is not a number; enter a number of 0 or more'],
    [["SEO", -5], "error", "F2", "-5 is out of range; enter a number of 0 or more"],
    [
      ["SEO", "£41"],
      "error",
      "F2",
      '"£41" is not a number; type the number without the currency sign (a number of 0 or more)',
    ],
    [["SEO", "41"], "warning", "F2", '"41" is stored as text; retype it as a number'],
    [
      ["Band 9", 41],
      "error",
      "E2",
      '"Band 9" is not a grade; pick one from the Grades list on the Lists sheet',
    ],
    [[null, 41], "error", "E2", "Grade is required; pick one from the Grades list on the Lists sheet"],
  ] as const)("%j → a %s at %s", (row, severity, address, message) => {
    expect(withCosts([row])).toEqual([
      {
        file: "D01.xlsx",
        severity,
        sheet: "Settings",
        row: 2,
        column: address.startsWith("E") ? "Grade" : "Hourly cost",
        address,
        message,
      },
    ]);
  });

  it("a grade given twice", () => {
    expect(
      withCosts([
        ["SEO", 41],
        ["seo", 40],
      ]).map((f) => `${f.address}: ${f.message}`),
    ).toEqual(['E3: "seo" is on rows 2 and 3 of GradeCosts; keep one row per grade']);
  });

  it.each([
    ["reviewValueBelow", 5, "B7", '"5" is not a valid review value below; enter a number from 1 to 4'],
    ["reviewValueBelow", "x", "B7", '"x" is not a valid review value below; enter a number from 1 to 4'],
    ["reviewHoursFrom", -1, "B8", '"-1" is not a valid review hours from; enter a number of 0 or more'],
  ] as const)("a review threshold out of range: %s %p", (key, value, address, message) => {
    const findings = withCosts([], { [key]: value });
    expect(findings.map((f) => [f.severity, f.address, f.message])).toEqual([["error", address, message]]);
  });
});

describe("checks of the Members table (who else sits on each partnership)", () => {
  const member = (partnershipId: CellValue, organisation: CellValue, organisationType: CellValue = null) => ({
    partnershipId,
    organisation,
    organisationType,
  });

  it("good members, one organisation on one partnership only, and a one-member partnership: no finding", () => {
    expect(
      check({
        Members: [member("P-0001", "City Council", "Local authority"), member(" p-0001 ", "College")],
      }),
    ).toEqual([]);
    expect(check({ Members: [member("P-0001", "City Council")] })).toEqual([]);
  });

  it("an unknown Partnership ID, a blank organisation and a type outside its list are errors on their cells", () => {
    const f = check({
      Members: [
        member("P-0099", "City Council"),
        member("P-0001", "  "),
        member("P-0001", "College", "University"),
      ],
    });
    expect(f.map((x) => [x.severity, x.sheet, x.address])).toEqual([
      ["error", "Members", "A2"],
      ["error", "Members", "B3"],
      ["error", "Members", "C4"],
    ]);
    expect(f[0].message).toBe(
      '"P-0099" is not a Partnership ID on the Partnerships sheet; correct the ID or add the partnership there',
    );
  });

  it("the same organisation twice for one partnership is a warning naming both rows", () => {
    const f = check({
      Members: [member("P-0001", "City Council"), member("P-0001", " city  COUNCIL ")],
    });
    expect(f).toEqual([
      expect.objectContaining({
        severity: "warning",
        sheet: "Members",
        row: 3,
        column: "Organisation",
        address: "B3",
        message:
          '"city  COUNCIL" is listed for "P-0001" on rows 2 and 3; it is counted once, so delete one of the rows',
      }),
    ]);
  });

  it("names that read like formulas or HTML, or are 5,000 characters long, are text: no finding, no crash", () => {
    const long = "x".repeat(5000);
    expect(
      check({
        Members: [
          member("P-0001", '=HYPERLINK("http://x")'),
          member("P-0001", "<script>alert(1)</script>"),
          member("P-0001", long),
        ],
      }),
    ).toEqual([]);
  });

  it("ten thousand members are checked (and a duplicate among them found) without trouble", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => member("P-0001", `Organisation ${i % 9_999}`));
    const f = check({ Members: rows });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "warning", row: 10_001 });
  });

  it("a return made before the Members table existed is read without it and without a finding", () => {
    const ret = readReturn(grid({ settings: { schemaVersion: 2 }, without: ["Members"] }), "D04.xlsx");
    expect(ret.tables.Members).toBeUndefined();
    expect(checkReturn(ret, { currentYear: YEAR })).toEqual([]);
    const now = readReturn(grid({ without: ["Members"] }), "D04.xlsx");
    expect(now.findings.map((x) => x.message)).toEqual([expect.stringMatching(/^no Members table found/)]);
  });

  it.each<[string, CellValue, string[]]>([
    ["no schema version recorded (a return made by hand)", null, []],
    ["schema version 1", 1, []],
    ["schema version 2", 2, []],
    ["schema version 3", 3, ["error: no Members table found"]],
  ])("a return of the three tables without Members, %s", (_, schemaVersion, expected) => {
    const g = grid({ without: ["Members"] });
    const settings = g.sheets[0];
    const rows = settings.rows.filter((r) => schemaVersion !== null || r[0] !== "Schema version");
    const ret = readReturn(
      {
        sheets: [
          {
            ...settings,
            rows: rows.map((r) => (r[0] === "Schema version" ? [r[0], schemaVersion, r[2]] : r)),
          },
          ...g.sheets.slice(1),
        ],
      },
      "D04.xlsx",
    );
    expect(ret.settings.schemaVersion).toBe(schemaVersion ?? undefined);
    const f = checkReturn(ret, { currentYear: YEAR });
    expect(f.map((x) => `${x.severity}: ${x.message.split(":")[0]}`)).toEqual(expected);
    expect(missingTables(ret)).toEqual(expected.length > 0 ? ["Members"] : []);
  });
});

describe("checks against the regional partnership directory on the Lists sheet", () => {
  /** A return whose Lists sheet holds the directory (with a vocabulary column before it). */
  function withDirectory(rows: readonly Record<string, CellValue>[]): Finding[] {
    const g = grid({ Partnerships: rows, Representation: [], PartnerSurvey: [] });
    const lists = {
      name: "Lists",
      rows: [
        ["Levels", null, "Directory ID", "Directory partnership", "Directory level"],
        ["Regional", null, "R-01", "North West Skills Partnership", "Regional"],
        ["Sub-regional", null, "R-02", "Mersey Employment Board", "Sub-regional"],
        ["Local"],
      ],
    };
    return checkReturn(readReturn({ sheets: [...g.sheets, lists] }, "D04.xlsx"), { currentYear: YEAR });
  }
  const SHARED = {
    ...GOOD_PARTNERSHIP,
    partnershipId: "R-01",
    partnership: "North West Skills Partnership",
    level: "Regional",
  };

  it.each<[string, Record<string, CellValue>, string[]]>([
    ["a directory partnership under its ID, name and level", {}, []],
    [
      "… spelled in another case and spacing",
      { partnershipId: " r-01", partnership: "north west  skills partnership" },
      [],
    ],
    ["a district's own partnership, not in the directory", { ...GOOD_PARTNERSHIP }, []],
    [
      "a directory partnership under another ID",
      { partnershipId: "P-0007" },
      [
        'C2 warning at A2 Partnership ID: "North West Skills Partnership" is "R-01" in the partnership directory on the Lists sheet, not "P-0007"; use the directory\'s ID so that every district\'s row is the same partnership',
      ],
    ],
    [
      "a directory ID with another name",
      { partnership: "Skills North" },
      [
        'C2 warning at B2 Partnership: the partnership directory on the Lists sheet names "R-01" "North West Skills Partnership", not "Skills North"; use the directory\'s name, or give this partnership an ID of its own',
      ],
    ],
    [
      "a directory ID with another level",
      { level: "Local" },
      [
        'C2 warning at C2 Level: the partnership directory on the Lists sheet gives "R-01" the level "Regional", not "Local"; use the directory\'s level, or correct the directory',
      ],
    ],
  ])("%s", (_, values, expected) => {
    const f = withDirectory([{ ...SHARED, ...values }]);
    expect(f.map((x) => `C${x.row} ${x.severity} at ${x.address} ${x.column}: ${x.message}`)).toEqual(
      expected,
    );
    expect(hasErrors(f)).toBe(false);
  });

  it("without a directory nothing is compared", () => {
    expect(
      check({
        Partnerships: [{ ...SHARED, partnershipId: "P-0007" }],
        Representation: [],
        PartnerSurvey: [],
      }),
    ).toEqual([]);
  });

  it("the reader takes the directory's rows with an ID", () => {
    const g = grid();
    const lists = {
      name: "Lists",
      rows: [
        ["Directory ID", "Directory partnership", "Directory level"],
        [" R-01 ", "North West Skills Partnership", "Regional"],
        [null, "no ID: not an entry", "Local"],
        ["R-02"],
      ],
    };
    expect(readReturn({ sheets: [...g.sheets, lists] }).directory).toEqual([
      { id: "R-01", name: "North West Skills Partnership", level: "Regional" },
      { id: "R-02", name: "", level: "" },
    ]);
    expect(readReturn(g).directory).toBeUndefined();
  });
});

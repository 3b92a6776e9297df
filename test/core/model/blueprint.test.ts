/**
 * The default blueprint, literal: the sheets, tables, columns (headers, order, rules), vocabularies
 * and settings that docs/workbook.md describes. Written out here rather than derived, so that a
 * change to a header, a list entry or a default is a deliberate change to this test too.
 */
import {
  DIRECTORY,
  GRADE_COSTS,
  LISTS,
  MEMBERS,
  PARTNERSHIPS,
  PARTNER_SURVEY,
  REPRESENTATION,
  SCHEMA_VERSION,
  SETTINGS,
  SHEETS,
  TABLES,
  type ColumnSpec,
  type TableSpec,
} from "../../../src/core/model/blueprint";
import { annualHours } from "../../../src/core/returns/read-return";

/** A column as this test writes it: header, kind, required, list header, bounds. */
type Row = readonly [
  string,
  ColumnSpec["kind"],
  boolean,
  string?,
  (number | "currentYear")?,
  (number | "currentYear")?,
];

function rowOf(c: ColumnSpec): Row {
  const list = c.list ? LISTS.find((l) => l.key === c.list)?.header : undefined;
  const out: (string | number | boolean | undefined)[] = [c.header, c.kind, c.required, list, c.min, c.max];
  while (out.length > 3 && out[out.length - 1] === undefined) out.pop();
  return out as unknown as Row;
}

describe("tables", () => {
  it("are Partnerships, Representation, PartnerSurvey (and Members), each on its sheet", () => {
    expect(TABLES.map((t) => [t.name, t.sheet])).toEqual([
      ["Partnerships", "Partnerships"],
      ["Representation", "Representation"],
      ["PartnerSurvey", "Partner survey"],
      ["Members", "Members"],
    ]);
  });

  it.each<[string, TableSpec, readonly Row[]]>([
    [
      "Partnerships",
      PARTNERSHIPS,
      [
        ["Partnership ID", "text", true],
        ["Partnership", "text", true],
        ["Level", "list", true, "Levels"],
        ["Type", "list", true, "Types"],
        ["Region", "text", true],
        ["District", "text", false],
        ["Lead organisation", "text", false],
        ["Our role", "list", true, "Roles"],
        ["Senior representative grade", "list", false, "Grades"],
        ["Involved since", "year", false, undefined, 1990, "currentYear"],
        ["Meetings per year", "number", false, undefined, 0, 365],
        ["Motivations", "multi", false, "Motivations"],
        ["Barriers", "multi", false, "Barriers"],
        ["Contribution to targets", "list", false, "Contribution levels"],
        ["Impact routes", "multi", false, "Impact routes"],
        ["Effectiveness factors", "multi", false, "Effectiveness factors"],
        ["Guidance needed", "multi", false, "Guidance needs"],
        ["Notes", "text", false],
        ["Audit round", "text", false],
      ],
    ],
    [
      "Representation",
      REPRESENTATION,
      [
        ["Partnership ID", "text", true],
        ["Representative", "text", false],
        ["Grade", "list", true, "Grades"],
        ["Meetings per year", "number", true, undefined, 0],
        ["Hours per meeting", "number", true, undefined, 0, 24],
        ["Other hours per month", "number", false, undefined, 0, 744],
        ["Annual hours", "calculated", false, undefined, 0],
        ["District", "text", false],
        ["Audit round", "text", false],
      ],
    ],
    [
      "PartnerSurvey",
      PARTNER_SURVEY,
      [
        ["Partnership ID", "text", true],
        ["Respondent organisation", "text", true],
        ["Organisation type", "list", false, "Organisation types"],
        ["Role we play (as seen by partner)", "list", false, "Roles"],
        ["Value of our time", "rating", false, undefined, 1, 4],
        ["Value of our experience and knowledge", "rating", false, undefined, 1, 4],
        ["Value of programme knowledge", "rating", false, undefined, 1, 4],
        ["Value of labour market information", "rating", false, undefined, 1, 4],
        ["Trust (reliable)", "rating", false, undefined, 1, 4],
        ["Trust (shares the mission)", "rating", false, undefined, 1, 4],
        ["Trust (open to discussion)", "rating", false, undefined, 1, 4],
        ["Effectiveness of our participation", "rating", false, undefined, 1, 4],
        ["Comments", "text", false],
        ["District", "text", false],
        ["Audit round", "text", false],
        ["Response ID", "text", false],
      ],
    ],
    [
      "Members",
      MEMBERS,
      [
        ["Partnership ID", "text", true],
        ["Organisation", "text", true],
        ["Organisation type", "list", false, "Organisation types"],
        ["District", "text", false],
        ["Audit round", "text", false],
      ],
    ],
  ])("%s: headers in order, kinds, required, lists and bounds", (_, table, rows) => {
    expect(table.columns.map(rowOf)).toEqual(rows);
  });

  it("every table carries District and Audit round, blank meaning the Settings value", () => {
    for (const t of TABLES) {
      expect([t.name, t.columns.find((c) => c.header === "District")?.defaultsToSetting]).toEqual([
        t.name,
        "district",
      ]);
      expect([t.name, t.columns.find((c) => c.header === "Audit round")?.defaultsToSetting]).toEqual([
        t.name,
        "auditRound",
      ]);
    }
  });

  it("Partnership ID is the key of Partnerships and must exist there from the other tables", () => {
    expect(PARTNERSHIPS.uniqueKey).toBe("partnershipId");
    for (const t of [REPRESENTATION, PARTNER_SURVEY, MEMBERS]) {
      expect(t.columns.find((c) => c.key === "partnershipId")?.references).toBe("Partnerships");
    }
  });

  it("Involved since and the ratings are whole numbers; hours and meetings need not be", () => {
    const integer = (t: TableSpec): string[] => t.columns.filter((c) => c.integer).map((c) => c.header);
    expect(integer(PARTNERSHIPS)).toEqual(["Involved since"]);
    expect(integer(REPRESENTATION)).toEqual([]);
    expect(integer(PARTNER_SURVEY)).toHaveLength(8);
  });

  it.each<[string, Record<string, string | number | null>, number | null]>([
    ["meetings × hours", { meetingsPerYear: 10, hoursPerMeeting: 3 }, 30],
    ["+ 12 × other hours per month", { meetingsPerYear: 10, hoursPerMeeting: 3, otherHoursPerMonth: 2 }, 54],
    ["blank other hours count 0", { meetingsPerYear: 6, hoursPerMeeting: 2.5, otherHoursPerMonth: null }, 15],
    [
      "numbers stored as text count",
      { meetingsPerYear: "12", hoursPerMeeting: " 2 ", otherHoursPerMonth: "1" },
      36,
    ],
    ["a blank required input gives nothing", { meetingsPerYear: null, hoursPerMeeting: 2 }, null],
  ])(
    "Annual hours = Meetings per year × Hours per meeting + 12 × Other hours per month: %s",
    (_, values, hours) => {
      expect(annualHours(values)).toBe(hours);
    },
  );

  it("the Annual hours column's formula is that sum", () => {
    expect(REPRESENTATION.columns.find((c) => c.key === "annualHours")?.formula).toBe(
      "=[@[Meetings per year]]*[@[Hours per meeting]]+12*N([@[Other hours per month]])",
    );
  });
});

describe("vocabularies (Lists sheet, one column each, in this order)", () => {
  it.each<[string, readonly string[]]>([
    ["Levels", ["Regional", "Sub-regional", "Local"]],
    [
      "Types",
      [
        "Local Strategic Partnership",
        "Employment and skills partnership",
        "Learning and skills partnership",
        "Economic development / regeneration",
        "Regional development / skills partnership",
        "Neighbourhood renewal",
        "Community safety",
        "Health and wellbeing",
        "Children and young people",
        "Voluntary and community sector forum",
        "Other",
      ],
    ],
    ["Roles", ["Leading", "Key", "Active", "Limited"]],
    ["Grades", ["Senior Civil Service", "Grade 6", "Grade 7", "SEO", "HEO", "EO", "AO"]],
    [
      "Motivations",
      [
        "Achieving targets",
        "Raising profile and influence",
        "Reaching hard-to-reach groups",
        "Keeping in touch with local organisations and developments",
        "Joint funding or initiatives",
      ],
    ],
    [
      "Barriers",
      [
        "Limited history of partnership working",
        "Short-term national targets",
        "Limited local flexibility or autonomy",
        "Pressure on key staff time",
        "Limited skills or experience among staff",
        "Internal, inward-looking focus",
      ],
    ],
    ["Contribution levels", ["None", "Low", "Medium", "High", "Not known"]],
    [
      "Impact routes",
      [
        "Demand side (employers, jobs)",
        "Supply side (jobseekers, claimants)",
        "Joined-up provision (avoiding gaps, overlaps, discontinuities)",
        "Trust and communication (social capital)",
      ],
    ],
    [
      "Effectiveness factors",
      [
        "Previous history of partnership working",
        "A specific local labour market problem",
        "Skills and attitudes of key individuals",
        "Good formal and informal relations",
      ],
    ],
    [
      "Guidance needs",
      [
        "Information about partnerships and partners",
        "Communication about our strategies and programmes",
        "Confidence to take part",
        "Communication and negotiation skills",
        "Representing the organisation (ambassadorial role)",
        "Networking and information sharing",
      ],
    ],
    [
      "Organisation types",
      [
        "Local authority",
        "LSC / skills body",
        "Regional development agency",
        "Employer body",
        "Voluntary / community",
        "Health",
        "Education",
        "Other public",
      ],
    ],
  ])("%s", (header, values) => {
    expect(LISTS.find((l) => l.header === header)?.values).toEqual(values);
  });

  it("are the eleven lists in order, then the partnership directory (ID, name, level)", () => {
    expect(LISTS.map((l) => l.header)).toEqual([
      "Levels",
      "Types",
      "Roles",
      "Grades",
      "Motivations",
      "Barriers",
      "Contribution levels",
      "Impact routes",
      "Effectiveness factors",
      "Guidance needs",
      "Organisation types",
    ]);
    expect(DIRECTORY.headers).toEqual(["Directory ID", "Directory partnership", "Directory level"]);
  });
});

describe("settings (label in A, value in a named cell in B)", () => {
  it("are, in order, with their names, defaults and ranges", () => {
    expect(SETTINGS.map((s) => [s.label, s.name, s.default, s.min, s.max])).toEqual([
      ["Region", "AuditRegion", "", undefined, undefined],
      ["District", "AuditDistrict", "", undefined, undefined],
      ["Audit round", "AuditRound", "", undefined, undefined],
      ["Hours per week", "HoursPerWeek", 37, 1, 168],
      ["Weeks per year", "WeeksPerYear", 52, 1, 53],
      ["Review value below", "ReviewValueBelow", 2.5, 1, 4],
      ["Review hours from", "ReviewHoursFrom", 0, 0, undefined],
      ["Overlap from", "OverlapFrom", 0.5, 0, 1],
      ["Schema version", "SchemaVersion", SCHEMA_VERSION, undefined, undefined],
    ]);
  });

  it("beside them, the GradeCosts table (Grade, Hourly cost)", () => {
    expect([GRADE_COSTS.name, GRADE_COSTS.sheet, GRADE_COSTS.columns.map((c) => c.header)]).toEqual([
      "GradeCosts",
      "Settings",
      ["Grade", "Hourly cost"],
    ]);
  });
});

it("the sheets", () => {
  expect(Object.values(SHEETS)).toEqual([
    "Guide",
    "Settings",
    "Partnerships",
    "Representation",
    "Partner survey",
    "Members",
    "Lists",
    "Summary",
  ]);
});

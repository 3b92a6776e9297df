/** The workbook spec (src/core/workbook-spec): rules, names, the Summary's formulas and values, literal. */
import {
  BLOCKS,
  BLOCK_VALUES,
  HEADLINE_VALUES,
  COLUMN_RULES,
  HEADLINES,
  NO_DATA,
  SUMMARY,
  WORKBOOK_SPEC,
  blockAddress,
  blockRowCounts,
  chartRanges,
  highlightFormula,
  listNameFormula,
  ruleOf,
  settingNameFormula,
  settingRule,
  summaryValues,
} from "../../../src/core/workbook/spec";
import { settingSpec } from "../../../src/core/model/blueprint";
import { readReturn } from "../../../src/core/returns/read-return";
import { GOOD_PARTNERSHIP, GOOD_REPRESENTATION, grid } from "../returns/return-fixtures";

describe("column rules", () => {
  it.each([
    [
      "Partnerships",
      "ourRole",
      {
        key: "ourRole",
        header: "Our role",
        validation: { type: "list", source: "=List_Roles" },
        errorAlert: {
          title: "Our role",
          message:
            "Pick Our role from the drop-down. The choices are on the Lists sheet (Roles); a region may add entries there.",
        },
        prompt: {
          title: "Our role",
          message:
            "Leading (chairs, leads or is accountable), Key (core member shaping strategy), Active (helpful, not leading) or Limited (occasional attendance).",
        },
        highlightBlank: true,
        width: 10,
      },
    ],
    [
      "Representation",
      "hoursPerMeeting",
      {
        key: "hoursPerMeeting",
        header: "Hours per meeting",
        validation: { type: "decimal", operator: "between", formula1: "0", formula2: "24" },
        errorAlert: { title: "Hours per meeting", message: "Type a number from 0 to 24." },
        prompt: {
          title: "Hours per meeting",
          message: "Hours per meeting including preparation and travel (0 to 24).",
        },
        highlightBlank: true,
        width: 10,
      },
    ],
    [
      "Representation",
      "meetingsPerYear",
      {
        key: "meetingsPerYear",
        header: "Meetings per year",
        validation: { type: "decimal", operator: "greaterThanOrEqual", formula1: "0" },
        errorAlert: { title: "Meetings per year", message: "Type a number of 0 or more." },
        prompt: {
          title: "Meetings per year",
          message: "Meetings this representative attends in a year (0 or more).",
        },
        highlightBlank: true,
        width: 10,
      },
    ],
    [
      "Representation",
      "annualHours",
      {
        key: "annualHours",
        header: "Annual hours",
        prompt: {
          title: "Annual hours",
          message: "Calculated: Meetings per year × Hours per meeting + 12 × Other hours per month.",
        },
        numberFormat: "0.0",
        highlightBlank: false,
        width: 10,
        formula: "=[@[Meetings per year]]*[@[Hours per meeting]]+12*N([@[Other hours per month]])",
      },
    ],
    [
      "PartnerSurvey",
      "trustOpen",
      {
        key: "trustOpen",
        header: "Trust (open to discussion)",
        validation: { type: "whole", operator: "between", formula1: "1", formula2: "4" },
        errorAlert: {
          title: "Trust (open to discussion)",
          message: "Type a whole number from 1 to 4, or leave the cell blank.",
        },
        prompt: {
          title: "Trust (open to discussion)",
          message:
            "Do they find us open to discussion? 1 = not valuable/poor … 4 = very valuable/very good. Leave blank if not answered.",
        },
        numberFormat: "0",
        highlightBlank: false,
        width: 14,
      },
    ],
  ] as const)("%s %s", (table, key, expected) => {
    expect(ruleOf(table, key)).toEqual(expected);
  });

  it("multi-select and free text columns have no validation (the check does them), only an input message", () => {
    expect(ruleOf("Partnerships", "barriers").validation).toBeUndefined();
    expect(ruleOf("Partnerships", "notes").validation).toBeUndefined();
    expect(
      COLUMN_RULES.Partnerships.every((r) => r.prompt.title.length <= 32 && r.prompt.message.length <= 255),
    ).toBe(true);
  });

  it("the required-cell highlight: the row has something typed and this cell is blank", () => {
    expect(
      highlightFormula({ firstLetter: "B", lastLetter: "J", firstBodyRow: 5, calculatedColumns: 1 }, "C"),
    ).toBe("=AND(COUNTA($B5:$J5)>1,LEN(TRIM(C5))=0)");
  });
});

describe("names and settings", () => {
  it("list names stop at the last filled cell; setting names point at column B", () => {
    expect(listNameFormula("Lists", "C")).toBe(
      "=Lists!$C$2:INDEX(Lists!$C$2:$C$201,MAX(1,COUNTA(Lists!$C$2:$C$201)))",
    );
    expect(listNameFormula("My lists", "A")).toBe(
      "='My lists'!$A$2:INDEX('My lists'!$A$2:$A$201,MAX(1,COUNTA('My lists'!$A$2:$A$201)))",
    );
    expect(settingNameFormula("Settings", 5)).toBe("=Settings!$B$5");
  });

  it("number settings have bounds; the others an input message only", () => {
    expect(settingRule(settingSpec("weeksPerYear"))).toEqual({
      key: "weeksPerYear",
      validation: { type: "decimal", operator: "between", formula1: "1", formula2: "53" },
      errorAlert: { title: "Weeks per year", message: "Type a number from 1 to 53." },
      prompt: {
        title: "Weeks per year",
        message: "Working weeks in a year, used for staff-time equivalents (FTE).",
      },
    });
    expect(settingRule(settingSpec("region")).validation).toBeUndefined();
    expect(settingRule(settingSpec("schemaVersion")).validation).toBeUndefined();
  });

  it("a new workbook names every list, the directory and every setting", () => {
    expect(WORKBOOK_SPEC.names.map((n) => n.name)).toEqual([
      "List_Levels",
      "List_Types",
      "List_Roles",
      "List_Grades",
      "List_Motivations",
      "List_Barriers",
      "List_ContributionLevels",
      "List_ImpactRoutes",
      "List_EffectivenessFactors",
      "List_GuidanceNeeds",
      "List_OrganisationTypes",
      "List_PartnershipIds",
      "AuditRegion",
      "AuditDistrict",
      "AuditRound",
      "HoursPerWeek",
      "WeeksPerYear",
      "ReviewValueBelow",
      "ReviewHoursFrom",
      "OverlapFrom",
      "SchemaVersion",
    ]);
    expect(WORKBOOK_SPEC.lists.columns.map((c) => `${c.letter}:${c.header}`).slice(-3)).toEqual([
      "M:Directory ID",
      "N:Directory partnership",
      "O:Directory level",
    ]);
  });

  it("the Guide says how to fill in every sheet of the workbook", () => {
    const guide = WORKBOOK_SPEC.guide.lines;
    for (const sheet of [
      "Settings",
      "Partnerships",
      "Representation",
      "Partner survey",
      "Members",
      "Summary",
      "Lists",
    ])
      expect([sheet, guide.some((line) => new RegExp(`^(\\d\\. )?${sheet}: `).test(line))]).toEqual([
        sheet,
        true,
      ]);
  });

  it("the Guide claims no chart the file may lack, and says what #NAME? means", () => {
    const guide = WORKBOOK_SPEC.guide.lines.join("\n");
    expect(guide).not.toMatch(/charts? (recalculate|update)/i);
    expect(guide).toContain("adds charts of the figures when they are missing");
    expect(guide).toContain("#NAME?");
  });
});

describe("the Summary's formulas", () => {
  const formulas = SUMMARY.cells.flatMap((c) => (c.formula ? [c.formula] : []));

  it("use nothing Excel supports around custom functions only in recent builds", () => {
    expect(formulas.length).toBe(HEADLINES.length + BLOCKS.length + 1);
    for (const f of formulas)
      expect(f).not.toMatch(/\b(LAMBDA|MAP|BYROW|BYCOL|REDUCE|SCAN|MAKEARRAY|LET|HSTACK|VSTACK)\(/);
  });

  it('keep a blank Settings district blank (AuditDistrict&""), never 0', () => {
    const districts = SUMMARY.cells.find((c) => c.key === "districts")?.formula;
    expect(districts).toBe(
      '=AUDIT.PARTNERSHIPS(IF(Partnerships[District]="",AuditDistrict&"",Partnerships[District]))',
    );
    for (const f of formulas) expect(f).not.toMatch(/,AuditDistrict,/);
  });

  it("per-district blocks are plain spills that leave rows without a district out", () => {
    expect(SUMMARY.cells.find((c) => c.key === "byDistrict")?.formula).toBe(
      '=IF(COUNTA(Partnerships[Partnership ID])=0,"no data yet",AUDIT.LEADERSHIPBY(Partnerships[Our role],IF(IF(Partnerships[District]="",AuditDistrict&"",Partnerships[District])="","",Partnerships[Partnership ID]),IF(Partnerships[District]="",AuditDistrict&"",Partnerships[District])))',
    );
    expect(SUMMARY.cells.find((c) => c.key === "byLevel")?.formula).toBe(
      "=AUDIT.PARTNERSHIPSBY(Partnerships[Partnership ID],Partnerships[Level],List_Levels)",
    );
  });

  it("figures are found by key, and every block column with a format is formatted down its rows", () => {
    expect(blockAddress("barriers")).toBe("U6");
    expect(SUMMARY.formats.find((f) => f.address.startsWith("G6"))).toEqual({
      address: "G6:G505",
      numberFormat: "0%",
    });
    expect(SUMMARY.cells.find((c) => c.address === "B9")).toMatchObject({
      key: "leadershipRatio",
      numberFormat: "0%",
    });
  });

  it("charts read exactly the rows of their block", () => {
    const chart = SUMMARY.charts.find((c) => c.name === "LeadershipByDistrict");
    if (!chart) throw new Error("no chart");
    expect(chartRanges(chart, 11)).toEqual({ categories: "E6:E16", values: "G6:G16" });
    expect(chartRanges(chart, 0)).toEqual({ categories: "E6:E6", values: "G6:G6" });
  });
});

describe("the Summary's values (what each formula gives, by key)", () => {
  it("a district return", () => {
    const ret = readReturn(
      grid({
        Partnerships: [
          GOOD_PARTNERSHIP,
          { ...GOOD_PARTNERSHIP, partnershipId: "P-0002", ourRole: "Active", level: "Regional" },
        ],
        Representation: [
          GOOD_REPRESENTATION,
          { ...GOOD_REPRESENTATION, partnershipId: "P-0002", annualHours: 144 },
        ],
      }),
      "D01.xlsx",
    );
    const v = summaryValues([ret]);
    expect(v.figures).toMatchObject({
      partnerships: 2,
      districts: 1,
      perDistrict: 2,
      localPartnerships: 1,
      leadershipRatio: 0.5,
      trust: 4,
      subtitle: "Region: North West   District: D01   Audit round: 2026-Q4",
    });
    expect(v.figures.fte).toBeCloseTo(174 / 1924, 12);
    expect(v.blocks.byDistrict).toEqual([["D01", 2, 0.5]]);
    expect(v.blocks.byLevel).toEqual([
      ["Regional", 1],
      ["Sub-regional", 0],
      ["Local", 1],
    ]);
    expect(v.blocks.fteByGrade).toEqual([["Grade 7", 174 / 1924]]);
    expect(blockRowCounts(v).byType).toBe(11);
  });

  it("an empty workbook with a blank Settings district: no district 0, words instead of errors", () => {
    const ret = readReturn(
      grid({ settings: { district: "" }, Partnerships: [], Representation: [], PartnerSurvey: [] }),
      "blank.xlsx",
    );
    const v = summaryValues([ret]);
    expect(v.figures).toMatchObject({
      partnerships: 0,
      districts: 0,
      perDistrict: NO_DATA,
      leadershipRatio: NO_DATA,
      fte: 0,
      trust: NO_DATA,
      subtitle: "Region: North West   District: (all)   Audit round: 2026-Q4",
    });
    expect(v.blocks.byDistrict).toEqual([[NO_DATA]]);
    expect(v.blocks.fteByDistrict).toEqual([[NO_DATA]]);
  });

  it("rows with no district (and no Settings district) form no group: not 0, not (blank)", () => {
    const ret = readReturn(
      grid({
        settings: { district: "" },
        Partnerships: [
          { ...GOOD_PARTNERSHIP, district: "North" },
          { ...GOOD_PARTNERSHIP, partnershipId: "P-0002" },
        ],
        Representation: [
          { ...GOOD_REPRESENTATION, district: "North" },
          { ...GOOD_REPRESENTATION, annualHours: 99 },
        ],
      }),
      "regional.xlsx",
    );
    const v = summaryValues([ret]);
    expect(v.figures.districts).toBe(1);
    expect(v.blocks.byDistrict).toEqual([["North", 1, 1]]);
    expect(v.blocks.fteByDistrict).toEqual([["North", 30 / 1924]]);
  });
});

describe("every Summary figure has its value calculation, by key", () => {
  it("each headline and block key has one, and no calculation is left without a cell", () => {
    expect(Object.keys(HEADLINE_VALUES).sort()).toEqual(HEADLINES.map((h) => h.key).sort());
    expect(Object.keys(BLOCK_VALUES).sort()).toEqual(BLOCKS.map((b) => b.key).sort());
  });
});

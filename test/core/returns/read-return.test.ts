import fc from "fast-check";
import {
  LISTS,
  PARTNERSHIPS,
  PARTNER_SURVEY,
  REPRESENTATION,
  SETTINGS,
  TABLES,
  type TableName,
} from "../../../src/core/model/blueprint";
import {
  annualHours,
  columnIndex,
  columnLetter,
  missingTables,
  readReturn,
  readSettings,
  returnDistrict,
  returnRound,
} from "../../../src/core/returns/read-return";
import type { CellValue, WorkbookGrid } from "../../../src/core/model/workbook-data";
import { checkReturn } from "../../../src/core/returns/checks";
import { formatFinding } from "../../../src/core/model/findings";
import { GOOD_PARTNERSHIP, GOOD_SURVEY, grid, settingsSheet, tableSheet } from "./return-fixtures";

describe("readReturn", () => {
  it("reads settings by label and every table by its headers", () => {
    const ret = readReturn(grid(), "D01.xlsx");
    expect(ret.settings).toMatchObject({
      region: "North West",
      district: "D01",
      auditRound: "2026-Q4",
      hoursPerWeek: 37,
    });
    expect(missingTables(ret)).toEqual([]);
    expect(ret.findings).toEqual([]);
    const p = ret.tables.Partnerships;
    expect(p?.headerRow).toBe(1);
    expect(p?.rows).toHaveLength(1);
    expect(p?.rows[0].excelRow).toBe(2);
    expect(p?.columns.ourRole).toEqual({ header: "Our role", letter: "H" });
  });

  it("fills a blank District and Audit round from Settings, keeps a filled one", () => {
    const ret = readReturn(
      grid({
        Partnerships: [GOOD_PARTNERSHIP, { ...GOOD_PARTNERSHIP, partnershipId: "P-2", district: "D09" }],
      }),
    );
    const rows = ret.tables.Partnerships?.rows ?? [];
    expect(rows.map((r) => r.values.district)).toEqual(["D01", "D09"]);
    expect(rows.map((r) => r.values.auditRound)).toEqual(["2026-Q4", "2026-Q4"]);
  });

  it("matches renamed headers by normalised name and ignores extra columns", () => {
    const ret = readReturn(
      grid({
        headers: { Partnerships: { ourRole: "  OUR   role ", partnershipId: "partnership id" } },
        order: {
          Partnerships: [
            "notes",
            "ourRole",
            "partnershipId",
            "partnership",
            "level",
            "type",
            "region",
            "extra",
          ],
        },
      }),
    );
    const p = ret.tables.Partnerships;
    expect(p?.columns.ourRole).toEqual({ header: "OUR   role", letter: "B" });
    expect(p?.rows[0].values.ourRole).toBe("Leading");
    expect(p?.rows[0].values.extra).toBeUndefined();
    expect(ret.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("ignores inner spaces in headers (OurRole, Partnership  ID) and names a header typed on two lines on one line", () => {
    const ret = readReturn(
      grid({
        headers: {
          Partnerships: {
            ourRole: "OurRole",
            partnershipId: "Partnership  ID",
            meetingsPerYear: "Meetings\nper year",
          },
        },
        Partnerships: [{ ...GOOD_PARTNERSHIP, meetingsPerYear: "lots" }],
      }),
    );
    const p = ret.tables.Partnerships;
    expect(p?.columns.ourRole?.header).toBe("OurRole");
    expect(p?.columns.meetingsPerYear?.header).toBe("Meetings per year");
    expect(p?.rows[0].values.ourRole).toBe("Leading");
    expect(p?.rows[0].values.partnershipId).toBe("P-0001");
    expect(ret.findings.filter((f) => f.severity === "error")).toEqual([]);
    const lines = checkReturn(ret).map(formatFinding);
    expect(lines).toEqual([
      'Partnerships row 2, Meetings per year: "lots" is not a number; enter a number from 0 to 365',
    ]);
  });

  it.each<[string, TableName, string, string, CellValue]>([
    ["Trust: reliable", "PartnerSurvey", "trustReliable", "Trust: reliable", 4],
    ["Trust - shares the mission", "PartnerSurvey", "trustMission", "Trust - shares the mission", 3],
    ["Trust, open to discussion", "PartnerSurvey", "trustOpen", "Trust, open to discussion", 2],
    [
      "Role we play, as seen by partner",
      "PartnerSurvey",
      "roleSeenByPartner",
      "Role we play, as seen by partner",
      "Key",
    ],
    ["Partnership-ID", "Partnerships", "partnershipId", "Partnership-ID", "P-0001"],
    ["Our role:", "Partnerships", "ourRole", "Our role:", "Leading"],
  ])("reads a header that differs in punctuation only: %s", (header, table, key, written, value) => {
    const survey = { ...GOOD_SURVEY, trustMission: 3, trustOpen: 2, roleSeenByPartner: "Key" };
    const ret = readReturn(grid({ headers: { [table]: { [key]: header } }, PartnerSurvey: [survey] }));
    const t = ret.tables[table];
    expect(t?.columns[key]?.header).toBe(written);
    expect(t?.rows[0].values[key]).toBe(value);
    expect(ret.findings).toEqual([]);
  });

  it("a header that matches exactly wins over one that differs in punctuation; two of the latter are ambiguous", () => {
    const exact = readReturn(
      grid({
        order: { PartnerSurvey: [...PARTNER_SURVEY.columns.map((c) => c.key), "loose"] },
        headers: { PartnerSurvey: { loose: "Trust: reliable" } },
        PartnerSurvey: [{ ...GOOD_SURVEY, loose: 1 }],
      }),
    );
    expect(exact.tables.PartnerSurvey?.rows[0].values.trustReliable).toBe(4);
    expect(exact.findings).toEqual([]);
    const keys = PARTNER_SURVEY.columns.map((c) => c.key).filter((k) => k !== "trustReliable");
    const two = readReturn(
      grid({
        order: { PartnerSurvey: [...keys, "a", "b"] },
        headers: { PartnerSurvey: { a: "Trust: reliable", b: "Trust - reliable" } },
        PartnerSurvey: [{ ...GOOD_SURVEY, a: 1, b: 2 }],
      }),
    );
    expect(two.findings).toEqual([
      expect.objectContaining({
        severity: "error",
        sheet: "Partner survey",
        row: 1,
        column: "Trust - reliable",
      }),
    ]);
  });

  it("no two headers of a table differ in punctuation only", () => {
    for (const t of TABLES) {
      const keys = t.columns.map((c) => c.header.toLowerCase().replace(/[^a-z0-9]/g, ""));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it.each<[string, string]>([
    ["hoursPerWeek", "Hours per week:"],
    ["weeksPerYear", "Weeks-per-year"],
    ["reviewValueBelow", "Review value (below)"],
  ])("finds the %s setting labelled %j (punctuation ignored)", (key, label) => {
    const sheet = settingsSheet({ [key]: 3 });
    const spec = SETTINGS.find((x) => x.key === key);
    const rows = sheet.rows.map((r) => (r[0] === spec?.label ? [label, ...r.slice(1)] : r));
    const { settings, findings } = readSettings({ sheets: [{ ...sheet, rows }] });
    expect(settings[key as keyof typeof settings]).toBe(3);
    expect(findings).toEqual([]);
  });

  it("finds Settings by label with inner spaces ignored", () => {
    const sheet = settingsSheet({ hoursPerWeek: 30 });
    const rows = sheet.rows.map((r) => (r[0] === "Hours per week" ? ["HoursPerWeek", ...r.slice(1)] : r));
    const { settings } = readSettings({ sheets: [{ ...sheet, rows }] });
    expect(settings.hoursPerWeek).toBe(30);
  });

  it("reports a missing required column as an error and a missing optional one as a warning", () => {
    const order = PARTNERSHIPS.columns.map((c) => c.key).filter((k) => k !== "ourRole" && k !== "notes");
    const ret = readReturn(grid({ order: { Partnerships: order } }));
    const messages = ret.findings.map((f) => `${f.severity}: ${f.message}`);
    expect(messages).toContain(
      'error: the Our role column is missing; add a column headed "Our role" to the table (it is required)',
    );
    expect(messages).toContain(
      'warning: the Notes column is missing; add a column headed "Notes" to the table',
    );
  });

  it("reports two columns with the same normalised header as ambiguous", () => {
    const order = [...PARTNERSHIPS.columns.map((c) => c.key), "ourRole2"];
    const ret = readReturn(
      grid({
        order: { Partnerships: order },
        headers: { Partnerships: { ourRole2: "our role" } },
        Partnerships: [{ ...GOOD_PARTNERSHIP, ourRole2: "Key" }],
      }),
    );
    const f = ret.findings.find((x) => x.message.includes("both headed"));
    expect(f).toMatchObject({
      severity: "error",
      sheet: "Partnerships",
      row: 1,
      column: "our role",
      address: "T1",
    });
    expect(f?.message).toBe(
      'columns H and T are both headed "Our role"; rename or delete one so that it is clear which to read',
    );
  });

  it("reads every non-empty row below the header, skipping blank rows, past any table end", () => {
    const sheet = tableSheet("Partnerships", [GOOD_PARTNERSHIP]);
    const rows = [
      ...sheet.rows,
      [],
      [null, null],
      [...sheet.rows[1]].map((v, i) => (i === 0 ? "P-0009" : v)),
    ];
    const ret = readReturn({ sheets: [settingsSheet({ district: "D01" }), { ...sheet, rows }] });
    expect(ret.tables.Partnerships?.rows.map((r) => r.excelRow)).toEqual([2, 5]);
  });

  it("does not take a row holding only District, Audit round or Annual hours for data", () => {
    const ret = readReturn(
      grid({
        Representation: [
          { district: "D01", auditRound: "2026-Q4", annualHours: 0 },
          { ...{ partnershipId: "P-0001" } },
        ],
      }),
    );
    expect(ret.tables.Representation?.rows.map((r) => r.excelRow)).toEqual([3]);
  });

  it("finds a table on another sheet and below a title", () => {
    const sheet = tableSheet("Representation", [
      { partnershipId: "P-0001", grade: "EO", meetingsPerYear: 2, hoursPerMeeting: 1 },
    ]);
    const moved = { name: "Time", rows: [["Representation (time spent)"], [], ...sheet.rows] };
    const g: WorkbookGrid = { sheets: [...grid({ without: ["Representation"] }).sheets, moved] };
    const ret = readReturn(g);
    expect(ret.tables.Representation?.sheet).toBe("Time");
    expect(ret.tables.Representation?.headerRow).toBe(3);
    expect(ret.tables.Representation?.rows[0].excelRow).toBe(4);
  });

  it("a missing table is an error finding", () => {
    const ret = readReturn(grid({ without: ["PartnerSurvey"] }), "D01.xlsx");
    expect(missingTables(ret)).toEqual(["PartnerSurvey"]);
    expect(ret.findings).toContainEqual(
      expect.objectContaining({ severity: "error", file: "D01.xlsx", sheet: "Partner survey" }),
    );
  });

  it.each([
    // the table whose sheet is gone, and a sheet that is not where a table is looked for
    ["Partnerships", "Lists"],
    ["Partnerships", "Summary"],
    ["Partnerships", "Guide"],
    ["Representation", "Lists"],
    ["PartnerSurvey", "Lists"],
  ] as const)("%s deleted: missing, never read from the %s sheet's headers", (table, holder) => {
    // the Lists sheet's headers (its vocabularies) are also headers of Partnerships columns
    const lists = { name: holder, rows: [[...LISTS.map((l) => l.header), null, "Directory ID"], ["Local"]] };
    const g: WorkbookGrid = { sheets: [...grid({ without: [table] }).sheets, lists] };
    const ret = readReturn(g, "D01.xlsx");
    expect(missingTables(ret)).toEqual([table]);
    expect(ret.tables[table]).toBeUndefined();
  });

  it("a table moved to a sheet of another name is still found beside the Lists sheet", () => {
    const lists = { name: "Lists", rows: [LISTS.map((l) => l.header)] };
    const moved = { ...tableSheet("Partnerships", [GOOD_PARTNERSHIP]), name: "Our partnerships" };
    const g: WorkbookGrid = { sheets: [...grid({ without: ["Partnerships"] }).sheets, lists, moved] };
    const ret = readReturn(g, "D01.xlsx");
    expect(missingTables(ret)).toEqual([]);
    expect(ret.tables.Partnerships?.sheet).toBe("Our partnerships");
  });

  it("recomputes a missing cached Annual hours from its inputs", () => {
    const ret = readReturn(
      grid({
        Representation: [
          {
            partnershipId: "P-0001",
            grade: "EO",
            meetingsPerYear: "10",
            hoursPerMeeting: 2,
            otherHoursPerMonth: 1,
          },
        ],
      }),
    );
    expect(ret.tables.Representation?.rows[0].values.annualHours).toBe(32);
  });

  it("recomputes a stale cached 0 (a blank template row filled without calculating), keeps any other cached value", () => {
    const row = { partnershipId: "P-0001", grade: "EO", meetingsPerYear: 10, hoursPerMeeting: 2 };
    const read = (annualHours: number): unknown =>
      readReturn(grid({ Representation: [{ ...row, annualHours }] })).tables.Representation?.rows[0].values
        .annualHours;
    expect(read(0)).toBe(20);
    expect(read(25)).toBe(25);
  });

  it.each([
    [{ meetingsPerYear: 12, hoursPerMeeting: 2.5 }, 30],
    [{ meetingsPerYear: 12, hoursPerMeeting: 2.5, otherHoursPerMonth: 2 }, 54],
    [{ meetingsPerYear: null, hoursPerMeeting: 2 }, null],
    [{ meetingsPerYear: "x", hoursPerMeeting: 2 }, null],
  ])("annualHours(%p) = %p", (values, expected) => {
    expect(annualHours(values)).toBe(expected);
  });

  it("reads the workbook's own Lists", () => {
    const g = grid();
    const lists = {
      name: "Lists",
      rows: [
        ["Roles", "Levels"],
        ["Chair", "Local"],
        ["Member", null],
      ],
    };
    const ret = readReturn({ sheets: [...g.sheets, lists] });
    expect(ret.lists?.roles).toEqual(["Chair", "Member"]);
    expect(ret.lists?.levels).toEqual(["Local"]);
  });

  it("district and round of a return: Settings first, else the one its rows name", () => {
    const ret = readReturn(
      grid({
        settings: { district: "", auditRound: "" },
        Partnerships: [{ ...GOOD_PARTNERSHIP, district: "D07", auditRound: "R1" }],
      }),
    );
    expect(returnDistrict(ret)).toBe("D07");
    expect(returnRound(ret)).toBe("R1");
  });
});

describe("readSettings", () => {
  it("finds labels whatever their case and spacing, numbers from text, reports bad numbers", () => {
    const g: WorkbookGrid = {
      sheets: [
        {
          name: "settings",
          rows: [
            ["Setting", "Value"],
            ["  hours PER week", "36"],
            ["Weeks per year", "many"],
            ["District", 4],
          ],
        },
      ],
    };
    const { settings, findings } = readSettings(g, "x.xlsx");
    expect(settings).toEqual({ hoursPerWeek: 36, district: "4" });
    expect(findings).toEqual([
      expect.objectContaining({
        file: "x.xlsx",
        sheet: "settings",
        row: 3,
        address: "B3",
        severity: "error",
      }),
    ]);
    expect(findings[0].message).toBe('"many" is not a valid weeks per year; enter a number from 1 to 53');
  });
});

describe("column letters", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [701, "ZZ"],
    [702, "AAA"],
  ])("%i ↔ %s", (i, letter) => {
    expect(columnLetter(i)).toBe(letter);
    expect(columnIndex(letter)).toBe(i);
  });
});

describe("properties", () => {
  const headerVariant = (header: string): fc.Arbitrary<string> =>
    fc
      .tuple(
        fc.constantFrom("", " ", "  ", "\t"),
        fc.constantFrom("", " ", "   "),
        fc.array(fc.boolean(), { minLength: header.length, maxLength: header.length }),
      )
      .map(
        ([lead, trail, upper]) =>
          lead +
          header
            .split("")
            .map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase()))
            .join("")
            .replace(/ /g, "  ") +
          trail,
      );

  it("random header order, casing and spacing still match every column and read the same values", () => {
    const keys = REPRESENTATION.columns.map((c) => c.key);
    const row = {
      partnershipId: "P-0001",
      representative: "DM",
      grade: "SEO",
      meetingsPerYear: 4,
      hoursPerMeeting: 2,
      otherHoursPerMonth: 1,
      annualHours: 20,
    };
    fc.assert(
      fc.property(
        fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }),
        fc.tuple(...REPRESENTATION.columns.map((c) => headerVariant(c.header))),
        (order, variants) => {
          const headers = Object.fromEntries(REPRESENTATION.columns.map((c, i) => [c.key, variants[i]]));
          const ret = readReturn(
            grid({
              order: { Representation: order },
              headers: { Representation: headers },
              Representation: [row],
            }),
          );
          const t = ret.tables.Representation;
          expect(t).toBeDefined();
          expect(Object.keys(t?.columns ?? {}).sort()).toEqual([...keys].sort());
          for (const [k, v] of Object.entries(row)) expect(t?.rows[0].values[k]).toBe(v);
          expect(ret.findings).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("blank rows anywhere below the header never change the rows read", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 6 }), (gaps) => {
        const base = tableSheet("Partnerships", []);
        const rows: unknown[][] = [base.rows[0] as unknown[]];
        const ids: string[] = [];
        gaps.forEach((gap, i) => {
          for (let g = 0; g < gap; g++) rows.push([]);
          const id = `P-${i}`;
          ids.push(id);
          rows.push(
            PARTNERSHIPS.columns.map((c) =>
              c.key === "partnershipId" ? id : ((GOOD_PARTNERSHIP as Record<string, unknown>)[c.key] ?? null),
            ),
          );
        });
        const ret = readReturn({ sheets: [settingsSheet(), { name: "Partnerships", rows: rows as never }] });
        expect(ret.tables.Partnerships?.rows.map((r) => r.values.partnershipId)).toEqual(ids);
      }),
      { numRuns: 60 },
    );
  });
});

import fc from "fast-check";
import {
  applyPlan,
  appendsToReturn,
  directoryOf,
  existingKeys,
  looksLikeFormula,
  planConsolidation,
} from "../../../src/core/consolidation/consolidate";
import {
  decideReturns,
  isFailure,
  regionalSettings,
  settingNoteText,
} from "../../../src/core/consolidation/decisions";
import { readReturn } from "../../../src/core/returns/read-return";
import type { AuditReturn, TableAppend } from "../../../src/core/model/workbook-data";
import {
  GOOD_PARTNERSHIP,
  GOOD_REPRESENTATION,
  GOOD_SURVEY,
  grid,
  type GridInput,
} from "../returns/return-fixtures";

function ret(file: string, district: string, input: GridInput = {}, round = "2026-Q4"): AuditReturn {
  return readReturn(grid({ ...input, settings: { district, auditRound: round, ...input.settings } }), file);
}

function rowsOf(append: readonly TableAppend[], table: string, key: string): unknown[] {
  const t = append.find((a) => a.table === table);
  if (!t) return [];
  const i = t.columns.indexOf(key);
  return t.rows.map((r) => r[i]);
}

const D02 = (file = "D02.xlsx", round = "2026-Q4"): AuditReturn =>
  ret(
    file,
    "D02",
    {
      Partnerships: [
        { ...GOOD_PARTNERSHIP, partnershipId: "P-0200", ourRole: " key " },
        {
          ...GOOD_PARTNERSHIP,
          partnershipId: "P-0100",
          barriers: "pressure on KEY staff time;short-term national targets",
        },
      ],
      Representation: [{ ...GOOD_REPRESENTATION, partnershipId: "P-0200", meetingsPerYear: "6" }],
      PartnerSurvey: [{ ...GOOD_SURVEY, partnershipId: "P-0100" }],
    },
    round,
  );

describe("planConsolidation", () => {
  it("tags every row with its return's district and round and sorts by district, ID, source row", () => {
    const plan = planConsolidation([], [D02(), ret("D01.xlsx", "D01")], { currentYear: 2026 });
    expect(plan.skipped).toEqual([]);
    expect(plan.imported).toEqual([
      { file: "D01.xlsx", district: "D01", auditRound: "2026-Q4", rows: 3, replaced: false },
      { file: "D02.xlsx", district: "D02", auditRound: "2026-Q4", rows: 4, replaced: false },
    ]);
    expect(rowsOf(plan.append, "Partnerships", "partnershipId")).toEqual(["P-0001", "P-0100", "P-0200"]);
    expect(rowsOf(plan.append, "Partnerships", "district")).toEqual(["D01", "D02", "D02"]);
    expect(rowsOf(plan.append, "Partnerships", "auditRound")).toEqual(["2026-Q4", "2026-Q4", "2026-Q4"]);
  });

  it("types values: vocabulary spelling for lists, multi-selects rejoined, numeric text as numbers", () => {
    const plan = planConsolidation([], [D02()], { currentYear: 2026 });
    expect(rowsOf(plan.append, "Partnerships", "ourRole")).toEqual(["Leading", "Key"]);
    expect(rowsOf(plan.append, "Partnerships", "barriers")).toEqual([
      "Pressure on key staff time; Short-term national targets",
      null,
    ]);
    expect(rowsOf(plan.append, "Representation", "meetingsPerYear")).toEqual([6]);
    expect(rowsOf(plan.append, "Representation", "annualHours")).toEqual([30]);
  });

  it("skips a return with errors and says why", () => {
    const bad = ret("D03.xlsx", "D03", { Partnerships: [{ ...GOOD_PARTNERSHIP, ourRole: "Boss" }] });
    const plan = planConsolidation([], [bad, ret("D01.xlsx", "D01")], { currentYear: 2026 });
    expect(plan.imported.map((i) => i.file)).toEqual(["D01.xlsx"]);
    expect(plan.skipped).toEqual([
      {
        file: "D03.xlsx",
        reason: {
          kind: "errors",
          count: 1,
          first: {
            file: "D03.xlsx",
            severity: "error",
            sheet: "Partnerships",
            row: 2,
            column: "Our role",
            address: "H2",
            message: '"Boss" is not a role; use Leading, Key, Active or Limited',
          },
        },
        why: '1 error, first: Partnerships row 2, Our role: "Boss" is not a role; use Leading, Key, Active or Limited',
      },
    ]);
  });

  it("replaces a (district, round) already in the regional workbook", () => {
    const plan = planConsolidation(
      [
        { district: "d01", auditRound: "2026-q4" },
        { district: "D09", auditRound: "2026-Q4" },
      ],
      [ret("D01.xlsx", "D01")],
    );
    expect(plan.replace).toEqual([{ district: "D01", auditRound: "2026-Q4" }]);
    expect(plan.imported[0].replaced).toBe(true);
  });

  it("two returns with the same district and round: the later replaces the earlier and both are named", () => {
    const plan = planConsolidation([], [D02("D02-first.xlsx"), D02("D02-second.xlsx")]);
    expect(plan.imported.map((i) => i.file)).toEqual(["D02-second.xlsx"]);
    expect(plan.skipped).toEqual([
      {
        file: "D02-first.xlsx",
        reason: { kind: "superseded", by: "D02-second.xlsx", district: "D02", auditRound: "2026-Q4" },
        why: "replaced by D02-second.xlsx: both are district D02, round 2026-Q4; the later one is imported",
      },
    ]);
    expect(plan.warnings.map((w) => w.message)).toContain(
      "D02-second.xlsx replaces D02-first.xlsx: both are district D02, round 2026-Q4",
    );
  });

  it("the same district in two rounds is two returns", () => {
    const plan = planConsolidation([], [D02("a.xlsx", "2025-Q4"), D02("b.xlsx", "2026-Q4")]);
    expect(plan.imported.map((i) => i.file)).toEqual(["a.xlsx", "b.xlsx"]);
  });

  it("a shared ID whose name or level differ between returns is a warning naming both", () => {
    const a = ret("D01.xlsx", "D01", {
      Partnerships: [
        { ...GOOD_PARTNERSHIP, partnershipId: "P-R1", partnership: "Skills board", level: "Regional" },
      ],
      Representation: [],
      PartnerSurvey: [],
    });
    const b = ret("D02.xlsx", "D02", {
      Partnerships: [
        { ...GOOD_PARTNERSHIP, partnershipId: "P-R1", partnership: "Skills Board", level: "Sub-regional" },
      ],
      Representation: [],
      PartnerSurvey: [],
    });
    const plan = planConsolidation([], [b, a]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        file: "D02.xlsx",
        severity: "warning",
        sheet: "Partnerships",
        column: "Level",
        message:
          'Partnership ID "P-R1" is "Skills Board" (Sub-regional) here but "Skills board" (Regional) in D01.xlsx; a shared partnership keeps one name and level, so agree which is right',
      }),
    ]);
    expect(rowsOf(plan.append, "Partnerships", "partnershipId")).toEqual(["P-R1", "P-R1"]);
  });

  it("keeps text that looks like a formula as text in the plan", () => {
    const plan = planConsolidation(
      [],
      [
        ret("D01.xlsx", "D01", {
          Partnerships: [{ ...GOOD_PARTNERSHIP, notes: '=HYPERLINK("x")', leadOrganisation: "+44 123" }],
        }),
      ],
    );
    expect(rowsOf(plan.append, "Partnerships", "notes")).toEqual(['=HYPERLINK("x")']);
    expect(rowsOf(plan.append, "Partnerships", "leadOrganisation")).toEqual(["+44 123"]);
  });

  it("is deterministic: any order of the returns gives the same plan", () => {
    const returns = [
      ret("D01.xlsx", "D01"),
      D02(),
      D02("D02-old.xlsx", "2025-Q4"),
      ret("D10.xlsx", "D10", {
        Partnerships: [
          { ...GOOD_PARTNERSHIP, partnershipId: "P-0001" },
          { ...GOOD_PARTNERSHIP, partnershipId: "P-0000" },
        ],
        Representation: [],
        PartnerSurvey: [],
      }),
    ];
    const reference = planConsolidation([], returns);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(returns, { minLength: returns.length, maxLength: returns.length }),
        (order) => {
          const plan = planConsolidation([], order);
          expect(plan.append).toEqual(reference.append);
          expect(plan.imported).toEqual(reference.imported);
          expect(plan.warnings).toEqual(reference.warnings);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("applyPlan and existingKeys", () => {
  it("drops the replaced return's rows from the regional workbook and adds the new ones, sorted", () => {
    const first = planConsolidation([], [ret("D01.xlsx", "D01"), D02()]);
    const regional = appendsToReturn("regional.xlsx", { district: "" }, applyPlan(undefined, first));
    expect(existingKeys(regional)).toEqual([
      { district: "D01", auditRound: "2026-Q4" },
      { district: "D02", auditRound: "2026-Q4" },
    ]);
    const again = planConsolidation(existingKeys(regional), [
      ret("D01.xlsx", "D01", {
        Partnerships: [{ ...GOOD_PARTNERSHIP, partnershipId: "P-0009" }],
        Representation: [],
        PartnerSurvey: [],
      }),
    ]);
    const tables = applyPlan(regional, again);
    expect(rowsOf(tables, "Partnerships", "partnershipId")).toEqual(["P-0009", "P-0100", "P-0200"]);
    expect(rowsOf(tables, "Representation", "district")).toEqual(["D02"]);
  });

  it.each([
    // the District each Partnerships row of D01's return names ("" blank), its round's cells
    ["blank", ["", ""], ["", ""]],
    ["the return's own", ["D01", "d01"], ["2026-Q4", ""]],
    ["another district's", ["D01", "D09"], ["", "2025-Q4"]],
  ])(
    "rows naming %s district are tagged with the return's district and round; a re-import replaces them all",
    (_what, districts, rounds) => {
      const d01 = (): AuditReturn =>
        ret("D01.xlsx", "D01", {
          Partnerships: districts.map((district, i) => ({
            ...GOOD_PARTNERSHIP,
            partnershipId: `P-000${i + 1}`,
            district,
            auditRound: rounds[i],
          })),
          Representation: [],
          PartnerSurvey: [],
        });
      const first = planConsolidation([], [d01(), D02()]);
      expect(rowsOf(first.append, "Partnerships", "district")).toEqual(["D01", "D01", "D02", "D02"]);
      expect(rowsOf(first.append, "Partnerships", "auditRound")).toEqual(Array(4).fill("2026-Q4"));
      const regional = appendsToReturn("regional.xlsx", { district: "" }, applyPlan(undefined, first));
      const again = planConsolidation(existingKeys(regional), [d01()]);
      expect(again.replace).toEqual([{ district: "D01", auditRound: "2026-Q4" }]);
      const tables = applyPlan(regional, again);
      expect(rowsOf(tables, "Partnerships", "partnershipId")).toEqual([
        "P-0001",
        "P-0002",
        "P-0100",
        "P-0200",
      ]);
      expect(rowsOf(tables, "Partnerships", "district")).toEqual(["D01", "D01", "D02", "D02"]);
    },
  );

  it("carries Members rows with district and round filled in; a re-import replaces that district and round's members", () => {
    const member = (partnershipId: string, organisation: string) => ({ partnershipId, organisation });
    const d01 = (members: ReturnType<typeof member>[]) => ret("D01.xlsx", "D01", { Members: members });
    const first = planConsolidation(
      [],
      [d01([member("P-0001", "City Council"), member("P-0001", "College")]), D02()],
    );
    expect(rowsOf(first.append, "Members", "organisation")).toEqual(["City Council", "College"]);
    expect(rowsOf(first.append, "Members", "district")).toEqual(["D01", "D01"]);
    expect(rowsOf(first.append, "Members", "auditRound")).toEqual(["2026-Q4", "2026-Q4"]);
    const regional = appendsToReturn("regional.xlsx", { district: "" }, applyPlan(undefined, first));
    const again = planConsolidation(existingKeys(regional), [d01([member("P-0001", "Health Trust")])]);
    expect(rowsOf(applyPlan(regional, again), "Members", "organisation")).toEqual(["Health Trust"]);
  });

  it("importing the same return twice does not duplicate its rows", () => {
    const once = applyPlan(undefined, planConsolidation([], [D02()]));
    const regional = appendsToReturn("r.xlsx", {}, once);
    const twice = applyPlan(regional, planConsolidation(existingKeys(regional), [D02()]));
    expect(twice).toEqual(once);
  });
});

describe("appendsToReturn: tables held column-wise", () => {
  const REP_COLUMNS = [
    "partnershipId",
    "district",
    "auditRound",
    "grade",
    "meetingsPerYear",
    "hoursPerMeeting",
    "otherHoursPerMonth",
    "annualHours",
  ];
  const appends: TableAppend[] = [
    {
      table: "Partnerships",
      columns: ["partnershipId", "partnership", "district", "level"],
      rows: [
        ["P-1", "Skills board", "D09", "Local"],
        ["P-2", "Careers hub", null, "Regional"],
        ["P-3", "Growth forum", "", null],
      ],
    },
    {
      table: "Representation",
      columns: REP_COLUMNS,
      rows: [
        ["P-1", null, "R1", "EO", 12, 2, null, null],
        ["P-2", "D02", null, "HEO", 6, 1.5, 2, 999],
        ["P-3", "", "", "SEO", "x", 2, 0, null],
        ["P-4", "D02", "R1", "EO", null, 2, 1, null],
      ],
    },
  ];
  const settings = { district: "D01", auditRound: "2026-Q4" };

  it("reads each column as the rows give it: Settings fill blank District and Audit round, Annual hours is recomputed when missing", () => {
    const ret = appendsToReturn("r.xlsx", settings, appends);
    const rep = ret.tables.Representation;
    const reader = (key: string): unknown[] => {
      const read = rep?.columnar?.reader(key);
      return [0, 1, 2, 3].map((i) => read?.(i));
    };
    expect(rep?.columnar?.length).toBe(4);
    expect(reader("district")).toEqual(["D01", "D02", "D01", "D02"]);
    expect(reader("auditRound")).toEqual(["R1", "2026-Q4", "2026-Q4", "R1"]);
    expect(reader("annualHours")).toEqual([24, 999, null, null]);
    expect(reader("partner")).toEqual([undefined, undefined, undefined, undefined]);
    expect(ret.tables.Partnerships?.columnar?.reader("district")(1)).toBe("D01");
  });

  it("its rows (made on first use) agree with the columns, key by key", () => {
    const ret = appendsToReturn("r.xlsx", settings, appends);
    for (const data of Object.values(ret.tables)) {
      if (!data?.columnar) throw new Error("not column-wise");
      expect(data.rows).toHaveLength(data.columnar.length);
      const keys = new Set(data.rows.flatMap((r) => Object.keys(r.values)));
      keys.add("partner");
      for (const key of keys) {
        const read = data.columnar.reader(key);
        data.rows.forEach((row, i) => expect([key, i, read(i)]).toEqual([key, i, row.values[key]]));
      }
    }
    expect(ret.tables.Representation?.rows.map((r) => r.values.annualHours)).toEqual([24, 999, null, null]);
  });
});

describe("looksLikeFormula", () => {
  it.each([
    ["=1+1", true],
    ["+44 20", true],
    ["-5 days", true],
    ["@SUM(A1)", true],
    ["Northtown", false],
    ["", false],
  ])("%p → %p", (input, expected) => {
    expect(looksLikeFormula(input)).toBe(expected);
  });
});

describe("import decisions (one home for the pane's preview and the CLI)", () => {
  it("decides importability, supersession and replacement, with reasons as data", () => {
    const bad = ret("D03.xlsx", "D03", { Partnerships: [{ ...GOOD_PARTNERSHIP, ourRole: "Boss" }] });
    const noDistrict = readReturn(
      grid({ settings: { district: "" }, Partnerships: [GOOD_PARTNERSHIP] }),
      "X.xlsx",
    );
    const decisions = decideReturns(
      [{ district: "D02", auditRound: "2026-Q4" }],
      [D02("D02-first.xlsx"), bad, noDistrict, D02("D02-second.xlsx")],
      { currentYear: 2026 },
    );
    expect(
      decisions.map((d) => ({
        file: d.ret.file,
        skip: d.skip?.kind ?? null,
        supersedes: d.supersedes ?? null,
        replacesExisting: d.replacesExisting,
      })),
    ).toEqual([
      { file: "D02-first.xlsx", skip: "superseded", supersedes: null, replacesExisting: true },
      { file: "D03.xlsx", skip: "errors", supersedes: null, replacesExisting: false },
      { file: "X.xlsx", skip: "errors", supersedes: null, replacesExisting: false }, // check: District is blank
      { file: "D02-second.xlsx", skip: null, supersedes: "D02-first.xlsx", replacesExisting: true },
    ]);
    expect(decisions[2].findings[0].message).toBe(
      "no district: fill in District on the Settings sheet of the return",
    );
  });

  const good = (file: string): AuditReturn => D02(file);
  const faulty = (file: string): AuditReturn =>
    ret(file, "D02", { Partnerships: [{ ...GOOD_PARTNERSHIP, ourRole: "Boss" }] });
  it.each([
    // the returns in the order given (g: importable, f: with errors), then each one's fate
    ["a corrected return after the faulty one replaces it", "fg", ["superseded by 2", "imported"]],
    ["a faulty return after an importable one leaves it in place", "gf", ["imported", "errors"]],
    ["two faulty returns both fail", "ff", ["errors", "errors"]],
    [
      "the last importable one replaces all before it",
      "gfg",
      ["superseded by 3", "superseded by 3", "imported"],
    ],
    [
      "a faulty one after the last importable one fails",
      "gfgf",
      ["superseded by 3", "superseded by 3", "imported", "errors"],
    ],
  ])("same district and round: %s", (_what, kinds, fates) => {
    const returns = [...kinds].map((k, i) => (k === "g" ? good : faulty)(`${i + 1}.xlsx`));
    const decisions = decideReturns([], returns, { currentYear: 2026 });
    expect(
      decisions.map((d) =>
        !d.skip
          ? "imported"
          : d.skip.kind === "superseded"
            ? `superseded by ${d.skip.by.replace(".xlsx", "")}`
            : d.skip.kind,
      ),
    ).toEqual(fates);
    // a superseded return is never a failure: nothing stops the run's writing
    for (const d of decisions) if (d.skip?.kind === "superseded") expect(isFailure(d.skip)).toBe(false);
    const plan = planConsolidation([], returns, { currentYear: 2026 });
    expect(plan.imported.map((i) => i.file)).toEqual(
      fates.flatMap((f, i) => (f === "imported" ? [`${i + 1}.xlsx`] : [])),
    );
  });

  it.each([
    [
      {
        kind: "errors",
        count: 2,
        first: { severity: "error", sheet: "Partnerships", row: 3, column: "Level", message: "fix it" },
      },
      true,
    ],
    [{ kind: "no-district" }, true],
    [{ kind: "unreadable", why: "not a workbook" }, true],
    [{ kind: "superseded", by: "b.xlsx", district: "D1", auditRound: "R" }, false],
    [{ kind: "replace-not-confirmed", district: "D1", auditRound: "R" }, false],
    [{ kind: "cancelled" }, false],
  ] as const)("%j is a failure: %p", (reason, failure) => {
    expect(isFailure(reason)).toBe(failure);
  });

  it("a regional workbook's settings, with the returns that disagree noted", () => {
    const a = { ...ret("A.xlsx", "D1"), settings: { region: "NW", auditRound: "R1", hoursPerWeek: 37 } };
    const b = { ...ret("B.xlsx", "D2"), settings: { region: "NE", auditRound: "R1", hoursPerWeek: 36 } };
    const { settings, notes } = regionalSettings(undefined, [a, b]);
    expect(settings).toEqual({
      region: "NW",
      district: "",
      auditRound: "R1",
      hoursPerWeek: 37,
      weeksPerYear: 52,
    });
    expect(notes.map(settingNoteText)).toEqual([
      "Note: B.xlsx uses another Hours per week than 37; the regional workbook uses 37.",
    ]);
  });
});

describe("directoryOf: the regional workbook keeps a partnership directory", () => {
  const entry = (id: string): { id: string; name: string; level: string } => ({
    id,
    name: `Partnership ${id}`,
    level: "Regional",
  });
  const withDirectory = (file: string, ids: readonly string[]): AuditReturn => ({
    ...ret(file, "D01"),
    ...(ids.length > 0 ? { directory: ids.map(entry) } : {}),
  });
  it.each<[string, readonly (readonly string[])[], string[][]]>([
    ["none anywhere", [[], []], []],
    [
      "the regional workbook's own first",
      [["R-09"], ["R-01", "R-02"]],
      [["R-09", "Partnership R-09", "Regional"]],
    ],
    [
      "else the first return with one",
      [[], [], ["R-01", "R-02"]],
      [
        ["R-01", "Partnership R-01", "Regional"],
        ["R-02", "Partnership R-02", "Regional"],
      ],
    ],
  ])("%s", (_, directories, expected) => {
    expect(directoryOf(directories.map((ids, i) => withDirectory(`W${i}.xlsx`, ids)))).toEqual(expected);
  });
});

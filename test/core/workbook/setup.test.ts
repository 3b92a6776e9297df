import { PARTNERSHIPS, REPRESENTATION, SCHEMA_VERSION, TABLES } from "../../../src/core/model/blueprint";
import { columnIndex, columnLetter, formatA1, parseA1 } from "../../../src/core/model/a1";
import { planSetup, type DescribedTable, type WorkbookDescription } from "../../../src/core/workbook/setup";
import { resembles } from "../../../src/core/workbook/setup/matching";
import { inspectWorkbook } from "../../../src/excel/inspect";
import { applyPlan, bodyRowsOf } from "../../../src/excel/setup";
import { createClientExcel, type FakeWorkbookInit } from "../../excel-host";
import { v0Workbook } from "../../excel/fixtures";

const EMPTY: WorkbookDescription = {
  sheets: [{ name: "Sheet1", protected: false, used: null }],
  tables: [],
  names: [],
  grids: {},
};

function withTable(
  table: Partial<DescribedTable> & { headers: string[] },
  extra: Partial<WorkbookDescription> = {},
) {
  const t: DescribedTable = {
    name: "Partnerships",
    sheet: "Partnerships",
    headerRow: 0,
    firstColumn: 0,
    rowCount: 3,
    ...table,
  };
  return {
    ...EMPTY,
    sheets: [
      ...EMPTY.sheets,
      { name: t.sheet, protected: false, used: `A1:${columnLetter(t.headers.length - 1)}4` },
    ],
    tables: [t],
    ...extra,
  } satisfies WorkbookDescription;
}

const P = PARTNERSHIPS.columns.map((c) => c.header);

describe("A1 helpers", () => {
  it.each([
    ["A1", { r0: 0, c0: 0, r1: 0, c1: 0 }],
    ["$B$3", { r0: 2, c0: 1, r1: 2, c1: 1 }],
    ["Sheet1!A1:C2", { sheet: "Sheet1", r0: 0, c0: 0, r1: 1, c1: 2 }],
    ["'Partner survey'!$AA$10:$AB$12", { sheet: "Partner survey", r0: 9, c0: 26, r1: 11, c1: 27 }],
  ])("parses %s", (a, want) => {
    expect(parseA1(a)).toEqual({ sheet: undefined, ...want });
  });
  it("refuses whole columns and junk", () => {
    expect(() => parseA1("A:A")).toThrow(/Not a cell address/);
    expect(() => parseA1("hello")).toThrow();
  });
  it("round-trips letters and addresses", () => {
    for (const n of [0, 25, 26, 701, 702, 16383]) expect(columnIndex(columnLetter(n))).toBe(n);
    expect(formatA1({ r0: 0, c0: 0, r1: 1, c1: 2 }, "Partner survey", true)).toBe(
      "'Partner survey'!$A$1:$C$2",
    );
  });
});

describe("planSetup", () => {
  it("an empty workbook: every sheet, table, list, name and chart, schema version last", () => {
    const plan = planSetup(EMPTY);
    expect(plan.preview.upToDate).toBe(false);
    expect(plan.preview.fromVersion).toBe(0);
    expect(plan.preview.toVersion).toBe(SCHEMA_VERSION);
    const kinds = plan.actions.map((a) => a.kind);
    expect(kinds.filter((k) => k === "createTable")).toHaveLength(TABLES.length + 1); // and GradeCosts
    expect(kinds.filter((k) => k === "chart")).toHaveLength(4);
    expect(kinds[kinds.length - 1]).toBe("schemaVersion");
    expect(plan.preview.steps.length).toBeGreaterThan(5);
  });

  it.each([
    ["Role", "ourRole", true],
    ["Our role (choose)", "ourRole", true],
    ["partnership-id", "partnershipId", true],
    ["ID", "partnershipId", false],
    ["Comments", "ourRole", false],
  ])("header %s resembles %s: %s", (header, key, want) => {
    const col = [...PARTNERSHIPS.columns, ...REPRESENTATION.columns].find((c) => c.key === key);
    expect(col && resembles(header, col)).toBe(want);
  });

  it("a renamed header matched unambiguously is renamed to the blueprint's header", () => {
    const headers = P.map((h) => (h === "Our role" ? "Role" : h));
    const plan = planSetup(withTable({ headers }));
    expect(plan.preview.questions).toEqual([]);
    expect(plan.actions).toContainEqual({
      kind: "renameHeader",
      table: "Partnerships",
      index: 7,
      from: "Role",
      to: "Our role",
    });
    expect(plan.actions.some((a) => a.kind === "addColumns")).toBe(false);
  });

  it("two headers that could be one column → a question, not a guess; the answer settles it", () => {
    const headers = [...P.filter((h) => h !== "Our role"), "Our role (2024)", "Our role (2025)"];
    const plan = planSetup(withTable({ headers, rightUsed: null }));
    expect(plan.preview.questions).toHaveLength(1);
    const q = plan.preview.questions[0];
    expect(q.id).toBe("column:Partnerships:ourRole");
    expect(q.choices.map((c) => c.value)).toEqual(["Our role (2024)", "Our role (2025)", "new"]);
    expect(plan.actions.some((a) => a.kind === "renameHeader" || a.kind === "addColumns")).toBe(false);
    const answered = planSetup(withTable({ headers, rightUsed: null }), { [q.id]: "Our role (2025)" });
    expect(answered.preview.questions).toEqual([]);
    expect(answered.actions).toContainEqual({
      kind: "renameHeader",
      table: "Partnerships",
      index: headers.length - 1,
      from: "Our role (2025)",
      to: "Our role",
    });
    const fresh = planSetup(withTable({ headers, rightUsed: null }), { [q.id]: "new" });
    expect(fresh.actions).toContainEqual({
      kind: "addColumns",
      table: "Partnerships",
      headers: ["Our role"],
    });
  });

  it("two tables that could be Partnerships → a question", () => {
    const d: WorkbookDescription = {
      ...EMPTY,
      sheets: [{ name: "Partnerships", protected: false, used: "A1:S10" }],
      tables: [
        { name: "Table1", sheet: "Partnerships", headerRow: 0, firstColumn: 0, headers: P, rowCount: 2 },
        { name: "Table2", sheet: "Partnerships", headerRow: 0, firstColumn: 20, headers: P, rowCount: 2 },
      ],
    };
    const plan = planSetup(d);
    expect(plan.preview.questions.map((q) => q.id)).toContain("table:Partnerships");
  });

  it("typed values in Annual hours → asks before replacing them with the calculation", () => {
    const headers = REPRESENTATION.columns.map((c) => c.header);
    const columns = headers.map((h) => (h === "Annual hours" ? { firstFormula: 42 } : {}));
    const d = withTable({ name: "Representation", sheet: "Representation", headers, columns });
    const plan = planSetup(d);
    expect(plan.preview.questions.map((q) => q.id)).toContain("calculated:Representation:annualHours");
    expect(plan.actions.some((a) => a.kind === "calculatedColumn")).toBe(false);
    const replaced = planSetup(d, { "calculated:Representation:annualHours": "replace" });
    expect(replaced.actions.some((a) => a.kind === "calculatedColumn")).toBe(true);
  });

  it("the same formula with the table's name qualifying the row reference is not rewritten", () => {
    const headers = REPRESENTATION.columns.map((c) => c.header);
    const columns = headers.map((h) =>
      h === "Annual hours"
        ? {
            firstFormula:
              "=Representation[@[Meetings per year]]*Representation[@[Hours per meeting]]+12*N(Representation[@[Other hours per month]])",
          }
        : {},
    );
    const plan = planSetup(withTable({ name: "Representation", sheet: "Representation", headers, columns }));
    expect(plan.preview.questions).toEqual([]);
    expect(plan.actions.some((a) => a.kind === "calculatedColumn")).toBe(false);
  });

  it("a workbook from a newer add-in is a blocker", () => {
    const d: WorkbookDescription = {
      ...EMPTY,
      sheets: [{ name: "Settings", protected: false, used: "A1:B7" }],
      grids: {
        Settings: [
          ["Setting", "Value"],
          ["Schema version", SCHEMA_VERSION + 1],
        ],
      },
    };
    const plan = planSetup(d);
    expect(plan.preview.blockers[0].message).toMatch(/newer version of the add-in.*Update the add-in/);
    expect(plan.actions).toEqual([]);
  });

  it("an edited vocabulary is never overwritten; a missing one is added after the used columns", () => {
    const d: WorkbookDescription = {
      ...EMPTY,
      sheets: [{ name: "Lists", protected: false, used: "A1:B4" }],
      grids: {
        Lists: [
          ["Levels", "Roles"],
          ["Regional", "Boss"],
          ["Local", "Helper"],
        ],
      },
    };
    const plan = planSetup(d);
    const writes = plan.actions.filter((a) => a.kind === "writeCells" && a.sheet === "Lists");
    expect(
      writes.some((a) => a.kind === "writeCells" && (a.address.startsWith("A") || a.address.startsWith("B"))),
    ).toBe(false);
    const first = writes[0];
    expect(first.kind === "writeCells" && first.address).toBe("C1:C12");
    expect(first.kind === "writeCells" && first.values[0]).toEqual(["Types"]);
    // the edited lists keep their names pointing at their own columns
    const roles = plan.actions.find((a) => a.kind === "setName" && a.name === "List_Roles");
    expect(roles?.kind === "setName" && roles.formula).toContain("Lists!$B$2");
  });
});

describe("planSetup: merged cells where a new table goes", () => {
  it("is a blocker that names the cells and the fix", () => {
    const d: WorkbookDescription = {
      ...EMPTY,
      sheets: [{ name: "Representation", protected: false, used: null, merged: ["B1:C2"] }],
    };
    const plan = planSetup(d);
    expect(plan.preview.blockers.map((b) => b.message)).toContainEqual(
      expect.stringMatching(/Merged cells B1:C2 on the sheet Representation .*Unmerge them/),
    );
    expect(plan.actions).toEqual([]);
  });
});

describe.each([
  ["an empty workbook", (): FakeWorkbookInit => ({ sheets: [{ name: "Sheet1" }] }), 0],
  ["a version 0 workbook with user rows", v0Workbook, 0],
])("planSetup on %s (described by inspect through Microsoft's client)", (_name, init, fromVersion) => {
  it("plans changes, then plans nothing once they are applied, keeping the user's rows", async () => {
    const fake = createClientExcel(init());
    const before = fake.state.sheet("Sheet1") ? fake.grid("Sheet1") : [];
    const d = await fake.run((ctx) => inspectWorkbook(ctx));
    const plan = planSetup(d);
    expect(plan.preview).toMatchObject({
      upToDate: false,
      fromVersion,
      toVersion: SCHEMA_VERSION,
      blockers: [],
      questions: [],
    });
    expect(plan.actions.length).toBeGreaterThan(0);
    const rowsBefore = fake.state.sheet("Partnerships") ? fake.values("Partnerships", "A2:H4") : undefined;
    const result = await fake.run((ctx) => applyPlan(ctx, plan, bodyRowsOf(d, plan.actions)));
    expect(result).toMatchObject({ ok: true, notDone: [] });
    const after = planSetup(await fake.run((ctx) => inspectWorkbook(ctx)));
    expect(after.actions).toEqual([]);
    expect(after.preview).toMatchObject({ upToDate: true, fromVersion: SCHEMA_VERSION, steps: [] });
    if (rowsBefore) expect(fake.values("Partnerships", "A2:H4")).toEqual(rowsBefore);
    if (before.length > 0) expect(fake.grid("Sheet1")).toEqual(before);
  });
});

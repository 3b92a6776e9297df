/**
 * Importing into the regional tables as Excel really behaves (test/fakes/tables.ts): rows of a
 * replaced return deleted in bulk, a filtered table cleared and its filter put back (the user told),
 * the placeholder row of a fresh table filled rather than left blank.
 */
import { appendsToReturn } from "../../src/core/consolidation/consolidate";
import { demoDistrict } from "../../src/core/demo/demo-data";
import type { AuditReturn } from "../../src/core/model/workbook-data";
import { importReturns } from "../../src/excel/import";
import { createClientExcel, type ClientExcel } from "../excel-host";
import { freshTablesWorkbook } from "./fixtures";

const YEAR = 2026;

async function regional(): Promise<ClientExcel> {
  return createClientExcel(freshTablesWorkbook());
}

function district(name: string, seed = 7, local = 4): AuditReturn {
  const demo = demoDistrict({ district: name, seed, local, auditRound: "2026-Q4" });
  return appendsToReturn(`${name}.xlsx`, demo.settings, demo.tables);
}

async function importAll(fake: ClientExcel, returns: AuditReturn[], confirmReplace = true) {
  const byName = new Map(returns.map((r) => [r.file, r]));
  return fake.run((ctx) =>
    importReturns(
      ctx,
      returns.map((r) => ({ name: r.file, data: new ArrayBuffer(0) })),
      { confirmReplace },
      {
        currentYear: YEAR,
        readFile: async (f) => {
          const r = byName.get(f.name);
          if (!r) throw new Error(`no ${f.name}`);
          return r;
        },
      },
    ),
  );
}

/** The body of a table as values, row by row. */
function body(fake: ClientExcel, table: string): unknown[][] {
  const t = fake.state.table(table);
  if (!t) throw new Error(`no ${table}`);
  const out: unknown[][] = [];
  for (let r = t.r0 + 1; r <= t.r1; r++) {
    const row: unknown[] = [];
    for (let c = t.c0; c <= t.c1; c++) row.push(t.sheet.value(r, c));
    out.push(row);
  }
  return out;
}

function column(fake: ClientExcel, table: string, header: string): unknown[] {
  const t = fake.state.table(table);
  const i = t?.headers().indexOf(header) ?? -1;
  return body(fake, table).map((r) => r[i]);
}

describe("the placeholder row of a fresh table", () => {
  it("an import into a freshly set-up workbook leaves no blank row and no formula below the tables", async () => {
    const fake = await regional();
    const d01 = district("D01");
    const result = await importAll(fake, [d01]);
    expect(result.error).toBeUndefined();
    for (const table of ["Partnerships", "Representation"] as const) {
      const ids = column(fake, table, "Partnership ID");
      expect(ids).toHaveLength(d01.tables[table]?.rows.length ?? -1);
      expect(ids.every((v) => typeof v === "string" && v.startsWith("P-"))).toBe(true);
    }
    const rep = fake.state.table("Representation");
    if (!rep) throw new Error("no Representation");
    const hours = rep.headers().indexOf("Annual hours");
    for (let r = rep.r0 + 1; r <= rep.r1; r++)
      expect(String(rep.sheet.formula(r, rep.c0 + hours))).toMatch(/^=\[@\[Meetings per year\]\]/);
    // nothing written under the table
    expect(rep.sheet.formula(rep.r1 + 1, rep.c0 + hours)).toBe("");
  });
});

describe("replacing a district's rows", () => {
  it("deletes the replaced rows in bulk (one delete per contiguous block), keeps the others", async () => {
    const fake = await regional();
    const first = [district("D01", 3, 40), district("D02", 5, 40), district("D03", 9, 40)];
    expect((await importAll(fake, first)).error).toBeUndefined();
    const before = body(fake, "Partnerships");
    const di = fake.state.table("Partnerships")?.headers().indexOf("District") ?? -1;
    const others = before.filter((r) => r[di] !== "D02");
    fake.recorder.reset();
    const again = district("D02", 11, 40);
    const result = await importAll(fake, [again]);
    expect(result.error).toBeUndefined();
    expect(result.imported).toEqual([expect.objectContaining({ file: "D02.xlsx", replaced: true })]);
    const deletes = fake.recorder.syncs.flatMap((s) => s.writes).filter((w) => /^delete/.test(w.what));
    // D02's rows are one block in each table (Members too): at most one delete per table
    expect(deletes.length).toBeLessThanOrEqual(4);
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
    const after = body(fake, "Partnerships");
    expect(after.filter((r) => r[di] !== "D02")).toEqual(others);
    expect(after.filter((r) => r[di] === "D02")).toHaveLength(again.tables.Partnerships?.rows.length ?? -1);
  });

  it("a filtered table: the filter is cleared for the import, put back after, and the user is told", async () => {
    const fake = await regional();
    expect((await importAll(fake, [district("D01"), district("D02", 5)])).error).toBeUndefined();
    const t = fake.state.table("Partnerships");
    if (!t) throw new Error("no table");
    const level = t.headers().indexOf("Level");
    t.filters.set(level, { filterOn: "Values", values: ["Local"] });
    const result = await importAll(fake, [district("D01", 13)]);
    expect(result.error).toBeUndefined();
    expect(result.imported).toHaveLength(1);
    expect([...t.filters.entries()]).toEqual([[level, { filterOn: "Values", values: ["Local"] }]]);
    expect(result.warnings.map((w) => w.message).join("\n")).toMatch(
      /Partnerships table was filtered.*cleared.*put it back/,
    );
  });

  it("the filter's criteria as Excel gives them (null properties) are applied again without the nulls", async () => {
    const fake = await regional();
    expect((await importAll(fake, [district("D01")])).error).toBeUndefined();
    const t = fake.state.table("Partnerships");
    if (!t) throw new Error("no table");
    const level = t.headers().indexOf("Level");
    t.filters.set(level, { filterOn: "Values", values: ["Local"] });
    const bodies: string[] = [];
    fake.server.log = (text) => bodies.push(text);
    const result = await importAll(fake, [district("D02", 5)]);
    expect(result.error).toBeUndefined();
    // what the client sent to Excel: the criteria without a null property
    const apply = bodies.find((b) => b.includes('"Apply"'));
    expect(apply).toBeDefined();
    expect(apply).toContain('{"filterOn":"Values","values":["Local"]}');
    expect(apply).not.toMatch(/"color":null/);
    expect(t.filters.get(level)).toEqual({ filterOn: "Values", values: ["Local"] });
  });

  it("when Excel still refuses the filter, the import is complete and says how to filter again", async () => {
    const fake = await regional();
    expect((await importAll(fake, [district("D01")])).error).toBeUndefined();
    const t = fake.state.table("Partnerships");
    if (!t) throw new Error("no table");
    const level = t.headers().indexOf("Level");
    t.filters.set(level, { filterOn: "Values", values: ["Local"] });
    fake.failOnce(/apply filter/, "GeneralException", "An internal error has occurred.");
    const result = await importAll(fake, [district("D02", 5)]);
    expect(result.error).toBeUndefined();
    expect(result.imported.map((i) => i.file)).toEqual(["D02.xlsx"]);
    const di = t.headers().indexOf("District");
    const districts = new Set<unknown>();
    for (let r = t.r0 + 1; r <= t.r1; r++) districts.add(t.sheet.value(r, t.c0 + di));
    expect(districts).toEqual(new Set(["D01", "D02"]));
    expect(t.filters.size).toBe(0);
    expect(result.warnings.map((w) => w.message).join("\n")).toMatch(
      /Partnerships table was filtered.*Excel refused to put it back.*import is complete.*Data > Filter/,
    );
  });
});

/**
 * Importing into the regional tables as Excel really behaves (test/fakes/tables.ts): rows of a
 * replaced return deleted in bulk, a filtered table cleared and its filter put back in the last
 * write sync (the user told; at most 3 syncs), a refused re-apply told from a failed write, the
 * placeholder row of a fresh table filled rather than left blank.
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
    fake.recorder.reset();
    const result = await importAll(fake, [district("D01", 13)]);
    expect(result.error).toBeUndefined();
    expect(result.imported).toHaveLength(1);
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
    // cleared before the first delete, put back after the last row added, in that one sync
    const writes = fake.recorder.syncs.flatMap((s) => s.writes.map((w) => ({ sync: s.index, what: w.what })));
    const at = (re: RegExp) => writes.findIndex((w) => re.test(w.what));
    const last = (re: RegExp) => writes.map((w) => re.test(w.what)).lastIndexOf(true);
    expect(at(/clear table filters/)).toBeGreaterThanOrEqual(0);
    expect(at(/clear table filters/)).toBeLessThan(at(/^delete/));
    expect(last(/^apply filter/)).toBeGreaterThan(last(/table rows$/));
    expect(writes[at(/^apply filter/)].sync).toBe(writes[last(/table rows$/)].sync);
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
    fake.recorder.reset();
    const result = await importAll(fake, [district("D02", 5)]);
    expect(result.error).toBeUndefined();
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
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
    fake.recorder.reset();
    const d02 = district("D02", 5);
    const result = await importAll(fake, [d02]);
    expect(result.error).toBeUndefined();
    expect(result.imported.map((i) => i.file)).toEqual(["D02.xlsx"]);
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
    // the refusal came at the end of the write sync, after every row was added
    expect(fake.recorder.syncs.at(-1)?.error).toMatch(/internal error/);
    const ids = column(fake, "Partnerships", "Partnership ID");
    const di = t.headers().indexOf("District");
    const d02Rows = body(fake, "Partnerships").filter((r) => r[di] === "D02");
    expect(d02Rows).toHaveLength(d02.tables.Partnerships?.rows.length ?? -1);
    expect(ids.every((id) => typeof id === "string" && id !== "")).toBe(true);
    expect(column(fake, "Representation", "District").filter((d) => d === "D02")).toHaveLength(
      d02.tables.Representation?.rows.length ?? -1,
    );
    const districts = new Set<unknown>();
    for (let r = t.r0 + 1; r <= t.r1; r++) districts.add(t.sheet.value(r, t.c0 + di));
    expect(districts).toEqual(new Set(["D01", "D02"]));
    expect(t.filters.size).toBe(0);
    expect(result.warnings.map((w) => w.message).join("\n")).toMatch(
      /Partnerships table was filtered.*Excel refused to put it back.*import is complete.*Data > Filter/,
    );
  });
  it("a write failing before the filter goes back: the import stops, claims nothing, and says the filter is cleared", async () => {
    const fake = await regional();
    expect((await importAll(fake, [district("D01")])).error).toBeUndefined();
    const t = fake.state.table("Partnerships");
    if (!t) throw new Error("no table");
    const level = t.headers().indexOf("Level");
    t.filters.set(level, { filterOn: "Values", values: ["Local"] });
    const before = body(fake, "Representation").length;
    const d02 = district("D02", 5);
    const partnerships = d02.tables.Partnerships?.rows.length ?? -1;
    const representation = d02.tables.Representation?.rows.length ?? -1;
    // the Representation rows are added after the Partnerships rows, in the same sync: that add fails
    expect(representation).not.toBe(partnerships);
    fake.failOnce(
      new RegExp(`^add ${representation} table rows$`),
      "InvalidArgument",
      "The argument is invalid.",
    );
    fake.recorder.reset();
    const result = await importAll(fake, [d02]);
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
    expect(result.imported).toEqual([]);
    expect(result.error).toMatch(/Importing D02\.xlsx stopped/);
    expect(result.error).toMatch(/filter of Partnerships was cleared and not put back/);
    expect(result.error).toMatch(/Import D02\.xlsx again/);
    expect(result.warnings.map((w) => w.message).join("\n")).not.toMatch(/put it back afterwards/);
    // Excel stopped at the failing add: the apply queued after it never ran, what ran before it stayed
    expect(fake.recorder.syncs.flatMap((s) => s.writes).some((w) => /apply filter/.test(w.what))).toBe(false);
    expect(t.filters.size).toBe(0);
    const di = t.headers().indexOf("District");
    expect(body(fake, "Partnerships").filter((r) => r[di] === "D02")).toHaveLength(partnerships);
    expect(body(fake, "Representation")).toHaveLength(before);
  });
});

import { TABLES, listSpec } from "../../src/core/model/blueprint";
import { demoDistrict } from "../../src/core/demo/demo-data";
import { readReturn } from "../../src/core/returns/read-return";
import type { ConsolidationPlan, GradeCost, TableAppend } from "../../src/core/model/workbook-data";
import {
  MAX_SYNC_PAYLOAD,
  importReturns,
  previewImport,
  readRegional,
  writePlan,
} from "../../src/excel/import";
import { applySetup } from "../../src/excel/setup";
import { writeAuditWorkbook } from "../../src/xlsx/write";
import type { ReturnFile } from "../../src/core/model/operations";
import { createClientExcel, type ClientExcel } from "../excel-host";
import { deleteTableRows } from "../fakes/tables";
import { freshTablesWorkbook } from "./fixtures";

const YEAR = { currentYear: 2026 };

async function regional(): Promise<ClientExcel> {
  const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
  const r = await fake.run((ctx) => applySetup(ctx));
  if (!r.ok) throw new Error(r.error);
  fake.recorder.reset();
  return fake;
}

async function returnFile(
  district: string,
  options: {
    seed?: number;
    round?: string;
    edit?: (t: TableAppend[]) => TableAppend[];
    /** the return's GradeCosts rows (default: one per grade, not costed) */
    costs?: readonly GradeCost[];
    /** grades the return's own Grades list has besides the blueprint's */
    moreGrades?: readonly string[];
  } = {},
): Promise<ReturnFile> {
  const demo = demoDistrict({ district, seed: options.seed ?? 7, local: 4, auditRound: options.round });
  const tables = options.edit
    ? options.edit(demo.tables.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) })))
    : demo.tables;
  const bytes = await writeAuditWorkbook({
    settings: demo.settings,
    tables,
    ...(options.costs ? { gradeCosts: options.costs } : {}),
    ...(options.moreGrades
      ? { lists: { grades: [...listSpec("grades").values, ...options.moreGrades] } }
      : {}),
  });
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { name: `${district}.xlsx`, data };
}

function body(fake: ClientExcel, table: string): unknown[][] {
  const t = fake.state.table(table);
  if (!t) throw new Error(`no ${table}`);
  const out: unknown[][] = [];
  for (let r = t.r0 + 1; r <= t.r1; r++) {
    const row: unknown[] = [];
    for (let c = t.c0; c <= t.c1; c++) row.push(t.sheet.value(r, c));
    out.push(row);
  }
  return out.filter((row) =>
    row.some((v, j) => v !== "" && fake.state.table(table)?.headers()[j] !== "Annual hours"),
  );
}

describe("import of district returns", () => {
  it("previews (reader loaded on demand), imports in ≤ 3 syncs per file, re-import replaces without duplicates", async () => {
    const fake = await regional();
    const files = [await returnFile("D01"), await returnFile("D02", { seed: 9 })];
    const previews = await fake.run((ctx) => previewImport(ctx, files, YEAR));
    expect(previews.map((p) => [p.file, p.district, p.importable, p.replacesExisting])).toEqual([
      ["D01.xlsx", "D01", true, false],
      ["D02.xlsx", "D02", true, false],
    ]);
    expect(previews[0].rows.Partnerships).toBeGreaterThan(0);

    fake.recorder.reset();
    const result = await fake.run((ctx) => importReturns(ctx, files, { confirmReplace: false }, YEAR));
    expect(result.error).toBeUndefined();
    expect(result.imported.map((i) => i.file)).toEqual(["D01.xlsx", "D02.xlsx"]);
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3 * files.length);
    const partnerships = body(fake, "Partnerships").length;
    expect(partnerships).toBe(previews[0].rows.Partnerships + previews[1].rows.Partnerships);
    // Annual hours is the table's calculation on the new rows
    const rep = fake.state.table("Representation");
    const hoursCol = rep?.headers().indexOf("Annual hours") ?? -1;
    expect(String(rep?.sheet.formula(rep?.r1 ?? 0, (rep?.c0 ?? 0) + hoursCol))).toMatch(
      /^=\[@\[Meetings per year\]\]/,
    );

    // again: known → not without confirmation; with it → replaced, same row count
    const again = await fake.run((ctx) => previewImport(ctx, [files[0]], YEAR));
    expect(again[0].replacesExisting).toBe(true);
    const refused = await fake.run((ctx) => importReturns(ctx, [files[0]], { confirmReplace: false }, YEAR));
    expect(refused.skipped[0].why).toMatch(/already in this workbook; confirm/);
    fake.recorder.reset();
    const replaced = await fake.run((ctx) => importReturns(ctx, [files[0]], { confirmReplace: true }, YEAR));
    expect(replaced.imported).toEqual([expect.objectContaining({ file: "D01.xlsx", replaced: true })]);
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
    expect(body(fake, "Partnerships")).toHaveLength(partnerships);
  });

  it("replacing never loses or changes another district's rows (interleaved rows)", async () => {
    const fake = await regional();
    const t = fake.state.table("Partnerships");
    if (!t) throw new Error("no table");
    const headers = t.headers();
    const di = headers.indexOf("District");
    const ri = headers.indexOf("Audit round");
    const districts = ["A", "B", "A", "C", "B", "A", "C"];
    districts.forEach((d, i) => {
      t.sheet.writeValue(t.r0 + 1 + i, t.c0, `P-${i}`);
      t.sheet.writeValue(t.r0 + 1 + i, t.c0 + di, d);
      t.sheet.writeValue(t.r0 + 1 + i, t.c0 + ri, "'2026-Q4");
    });
    t.r1 = t.r0 + districts.length;
    const others = body(fake, "Partnerships").filter((r) => r[di] !== "A");
    const state = await fake.run((ctx) => readRegional(ctx));
    const plan: Pick<ConsolidationPlan, "replace" | "append"> = {
      replace: [{ district: "A", auditRound: "2026-Q4" }],
      append: [
        {
          table: "Partnerships",
          columns: ["partnershipId", "district", "auditRound"],
          rows: [["P-new", "A", "2026-Q4"]],
        },
      ],
    };
    await fake.run((ctx) => writePlan(ctx, state, plan));
    const after = body(fake, "Partnerships");
    expect(after.filter((r) => r[di] !== "A")).toEqual(others);
    expect(after.filter((r) => r[di] === "A").map((r) => r[0])).toEqual(["P-new"]);
  });

  it("text that looks like a formula, number, date or error stays inert text", async () => {
    const fake = await regional();
    const nasty = [
      '=HYPERLINK("http://x","click")',
      "+44 20 7946",
      "-1+1",
      "@SUM(A1)",
      "0012",
      "2026-10",
      "TRUE",
      "#N/A",
    ];
    const file = await returnFile("D03", {
      edit: (tables) =>
        tables.map((t) => {
          if (t.table !== "Partnerships") return t;
          const notes = t.columns.indexOf("notes");
          const rows = t.rows.map((r, i) => r.map((v, j) => (j === notes ? nasty[i % nasty.length] : v)));
          return { ...t, rows };
        }),
    });
    const result = await fake.run((ctx) => importReturns(ctx, [file], { confirmReplace: false }, YEAR));
    expect(result.error).toBeUndefined();
    const t = fake.state.table("Partnerships");
    const notes = t?.headers().indexOf("Notes") ?? -1;
    const written = body(fake, "Partnerships").map((r) => r[notes]);
    expect(written.length).toBeGreaterThan(0);
    written.forEach((v, i) => expect(v).toBe(nasty[i % nasty.length]));
    for (let r = (t?.r0 ?? 0) + 1; r <= (t?.r1 ?? 0); r++) {
      expect(t?.sheet.formulas.has(r * 16384 + (t?.c0 ?? 0) + notes)).toBe(false);
      expect(t?.sheet.errors.has(r * 16384 + (t?.c0 ?? 0) + notes)).toBe(false);
    }
  });

  it("200,000 rows are written in batches of at most 4 MB each, every row arrives", async () => {
    const fake = await regional();
    const state = await fake.run((ctx) => readRegional(ctx));
    const spec = TABLES.find((x) => x.name === "Representation");
    if (!spec) throw new Error("no spec");
    const columns = spec.columns.map((c) => c.key);
    const rows = Array.from({ length: 200_000 }, (_, i) =>
      columns.map((k) =>
        k === "partnershipId"
          ? `P-${i}`
          : k === "district"
            ? "D99"
            : k === "auditRound"
              ? "2026-Q4"
              : k === "representative"
                ? `Representative number ${i} of the district office`
                : k === "grade"
                  ? "Grade 7"
                  : 3,
      ),
    );
    fake.recorder.reset();
    const report = await fake.run((ctx) =>
      writePlan(ctx, state, {
        replace: [],
        append: [{ table: "Representation", columns, rows }],
      }),
    );
    expect(report.appended.Representation).toBe(200_000);
    const syncs = fake.recorder.syncs;
    expect(syncs.length).toBeGreaterThan(1);
    for (const s of syncs) expect(s.payload).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
    for (const s of syncs) expect(s.suspendedCalculation).toBe(true);
    const t = fake.state.table("Representation");
    // the table's blank placeholder row took the first row: no blank row left above them
    expect((t?.r1 ?? 0) - (t?.r0 ?? 0)).toBe(200_000);
    expect(t?.sheet.value((t?.r0 ?? 0) + 1, t?.c0 ?? 0)).toBe("P-0");
    expect(t?.sheet.value(t.r1, t.c0)).toBe("P-199999");
  });

  it("a failure part-way says what was and was not written", async () => {
    const fake = await regional();
    const file = await returnFile("D04");
    fake.server.refuse(
      3,
      "RequestPayloadSizeLimitExceeded",
      "The request payload size has exceeded the limit.",
    );
    const result = await fake.run(async (ctx) => {
      return importReturns(ctx, [file], { confirmReplace: false }, YEAR);
    });
    expect(result.imported).toEqual([]);
    expect(result.error).toMatch(
      /Importing D04\.xlsx stopped: .*payload.*Nothing of it was written .*Import D04\.xlsx again/,
    );
  });

  it("a failure after a first batch says which rows were written", async () => {
    const fake = await regional();
    const file = await returnFile("D08");
    fake.server.refuse(4, "GeneralException", "Excel was busy.");
    const result = await fake.run(async (ctx) => {
      return importReturns(ctx, [file], { confirmReplace: false }, { ...YEAR, maxPayload: 400 });
    });
    expect(result.error).toMatch(
      /Importing D08\.xlsx stopped: Excel was busy\..*Written so far: Partnerships: \d+ of \d+ rows written/,
    );
    expect(result.error).toMatch(/Import D08\.xlsx again to replace what was written/);
  });

  it("progress per file and cancel between files", async () => {
    const fake = await regional();
    const files = [await returnFile("D05"), await returnFile("D06", { seed: 3 })];
    const controller = new AbortController();
    const messages: string[] = [];
    const result = await fake.run((ctx) =>
      importReturns(
        ctx,
        files,
        {
          confirmReplace: false,
          signal: controller.signal,
          onProgress: (p) => {
            messages.push(p.message);
            if (p.message.startsWith("Importing D05")) controller.abort();
          },
        },
        YEAR,
      ),
    );
    expect(result.cancelled).toBe(true);
    expect(result.imported.map((i) => i.file)).toEqual(["D05.xlsx"]);
    expect(result.skipped).toEqual([
      { file: "D06.xlsx", reason: { kind: "cancelled" }, why: "cancelled before it was imported" },
    ]);
  });

  it("a file that is not a workbook is previewed as not importable, with why", async () => {
    const fake = await regional();
    const bad: ReturnFile = {
      name: "notes.txt",
      data: new TextEncoder().encode("hello").buffer as ArrayBuffer,
    };
    const [p] = await fake.run((ctx) => previewImport(ctx, [bad], YEAR));
    expect(p.importable).toBe(false);
    expect(p.findings[0].message).toMatch(/not an Excel workbook|not a workbook/);
  });

  it("returns read by the core reader can also be injected (no xlsx needed)", async () => {
    const fake = await regional();
    const ret = readReturn(
      {
        sheets: [
          {
            name: "Settings",
            rows: [
              ["Setting", "Value"],
              ["District", "D07"],
            ],
          },
        ],
      },
      "D07.xlsx",
    );
    const [p] = await fake.run((ctx) =>
      previewImport(ctx, [{ name: "D07.xlsx", data: new ArrayBuffer(0) }], {
        readFile: async () => ret,
      }),
    );
    expect(p.district).toBe("D07");
    expect(p.importable).toBe(false);
  });
});

describe("import edge cases", () => {
  it("a regional workbook without the tables: the import says to run set-up first", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    const file = await returnFile("D10");
    const result = await fake.run((ctx) => importReturns(ctx, [file], { confirmReplace: false }, YEAR));
    expect(result.error).toMatch(/no Partnerships table .*run set-up .*first/);
    expect(fake.state.tables).toEqual([]);
  });

  it("the key columns of a large regional table are read in blocks under the cell budget", async () => {
    const fake = await regional();
    const t = fake.state.table("Partnerships");
    if (!t) throw new Error("no table");
    const di = t.headers().indexOf("District");
    for (let i = 0; i < 1000; i++) {
      t.sheet.writeValue(t.r0 + 1 + i, t.c0, `P-${i}`);
      t.sheet.writeValue(t.r0 + 1 + i, t.c0 + di, `D${i % 7}`);
    }
    t.r1 = t.r0 + 1000;
    fake.recorder.reset();
    const state = await fake.run((ctx) => readRegional(ctx, 300));
    expect(state.tables.Partnerships?.keys).toHaveLength(1000);
    expect(state.tables.Partnerships?.keys[999].district).toBe("D5");
    expect(fake.recorder.syncCount).toBeGreaterThan(2);
  });
});

describe("import: the regional GradeCosts takes each grade's cost from the returns", () => {
  /** GradeCosts as [grade, cost] pairs, as the regional workbook holds it */
  function gradeCosts(fake: ClientExcel): unknown[][] {
    const t = fake.state.table("GradeCosts");
    if (!t) throw new Error("no GradeCosts");
    const rows: unknown[][] = [];
    for (let r = t.r0 + 1; r <= t.r1; r++) rows.push([t.sheet.value(r, t.c0), t.sheet.value(r, t.c0 + 1)]);
    return rows;
  }

  function setCost(fake: ClientExcel, grade: string, cost: number): void {
    const t = fake.state.table("GradeCosts");
    if (!t) throw new Error("no GradeCosts");
    for (let r = t.r0 + 1; r <= t.r1; r++)
      if (t.sheet.value(r, t.c0) === grade) t.sheet.writeValue(r, t.c0 + 1, cost);
  }

  it("fills blank costs, adds missing grades, keeps the first return in district order, warns on a difference; ≤ 3 syncs per file", async () => {
    const fake = await regional();
    // chosen D02 first: imported in district order all the same, so D01's costs are kept
    const d02 = await returnFile("D02", {
      seed: 9,
      costs: [
        { grade: "Grade 7", cost: 50 },
        { grade: "SEO", cost: null },
        { grade: "HEO", cost: 34 },
      ],
    });
    const d01 = await returnFile("D01", {
      costs: [
        { grade: "Grade 7", cost: 45 },
        { grade: "SEO", cost: 30.5 },
        { grade: "Fast Stream", cost: 38 },
      ],
      moreGrades: ["Fast Stream"],
    });
    fake.recorder.reset();
    const result = await fake.run((ctx) => importReturns(ctx, [d02, d01], { confirmReplace: false }, YEAR));
    expect(result.error).toBeUndefined();
    expect(result.imported.map((i) => i.file)).toEqual(["D01.xlsx", "D02.xlsx"]);
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3 * 2);
    expect(gradeCosts(fake)).toEqual([
      ["Senior Civil Service", ""],
      ["Grade 6", ""],
      ["Grade 7", 45],
      ["SEO", 30.5],
      ["HEO", 34],
      ["EO", ""],
      ["AO", ""],
      ["Fast Stream", 38],
    ]);
    expect(result.gradeCosts).toEqual([
      { grade: "Grade 7", cost: 45, file: "D01.xlsx", added: false },
      { grade: "SEO", cost: 30.5, file: "D01.xlsx", added: false },
      { grade: "Fast Stream", cost: 38, file: "D01.xlsx", added: true },
      { grade: "HEO", cost: 34, file: "D02.xlsx", added: false },
    ]);
    expect(result.warnings).toEqual([
      {
        file: "D02.xlsx",
        severity: "warning",
        sheet: "Settings",
        message:
          "the hourly cost of Grade 7 is 45 in D01.xlsx (taken into the regional workbook) but 50 in D02.xlsx; the regional workbook keeps 45 (an import never overwrites a cost it already has), so agree which is right and correct the Hourly cost in GradeCosts if need be",
      },
    ]);

    // importing D01 again (replacing) with the same costs: nothing to take, nothing to say
    fake.recorder.reset();
    const again = await fake.run((ctx) => importReturns(ctx, [d01], { confirmReplace: true }, YEAR));
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
    expect(again.gradeCosts).toBeUndefined();
    expect(again.warnings).toEqual([]);
    expect(gradeCosts(fake)).toHaveLength(8);
  });

  it("never overwrites a cost the regional workbook has: the return that differs is named", async () => {
    const fake = await regional();
    setCost(fake, "Grade 7", 40);
    const d01 = await returnFile("D01", { costs: [{ grade: "Grade 7", cost: 45 }] });
    const result = await fake.run((ctx) => importReturns(ctx, [d01], { confirmReplace: false }, YEAR));
    expect(result.imported).toHaveLength(1);
    expect(gradeCosts(fake)[2]).toEqual(["Grade 7", 40]);
    expect(result.gradeCosts).toBeUndefined();
    expect(result.warnings.map((w) => w.message)).toEqual([
      "the hourly cost of Grade 7 is 40 in the regional workbook but 45 in D01.xlsx; the regional workbook keeps 40 (an import never overwrites a cost it already has), so agree which is right and correct the Hourly cost in GradeCosts if need be",
    ]);
  });

  it("a grade's name that looks like a formula is added as inert text", async () => {
    const fake = await regional();
    const d01 = await returnFile("D01", {
      costs: [{ grade: '=HYPERLINK("x")', cost: 12 }],
      moreGrades: ['=HYPERLINK("x")'],
    });
    const result = await fake.run((ctx) => importReturns(ctx, [d01], { confirmReplace: false }, YEAR));
    expect(result.error).toBeUndefined();
    const t = fake.state.table("GradeCosts");
    expect(gradeCosts(fake).at(-1)).toEqual(['=HYPERLINK("x")', 12]);
    expect(t?.sheet.formulas.has((t?.r1 ?? 0) * 16384 + (t?.c0 ?? 0))).toBe(false);
  });

  it("a GradeCosts emptied to its blank row: the first grade fills that row, no blank row left", async () => {
    const fake = await regional();
    const t = fake.state.table("GradeCosts");
    if (!t) throw new Error("no GradeCosts");
    deleteTableRows(t, 0, t.r1 - t.r0);
    expect(gradeCosts(fake)).toEqual([["", ""]]);
    const d01 = await returnFile("D01", {
      costs: [
        { grade: "Grade 7", cost: 45 },
        { grade: "SEO", cost: 30 },
      ],
    });
    const result = await fake.run((ctx) => importReturns(ctx, [d01], { confirmReplace: false }, YEAR));
    expect(result.error).toBeUndefined();
    expect(gradeCosts(fake)).toEqual([
      ["Grade 7", 45],
      ["SEO", 30],
    ]);
  });

  it("a regional workbook without GradeCosts (set up before it): imported all the same, with what to do", async () => {
    const fake = createClientExcel(freshTablesWorkbook());
    const d01 = await returnFile("D01", { costs: [{ grade: "Grade 7", cost: 45 }] });
    const d02 = await returnFile("D02", { seed: 9 });
    fake.recorder.reset();
    const result = await fake.run((ctx) => importReturns(ctx, [d01, d02], { confirmReplace: false }, YEAR));
    expect(result.error).toBeUndefined();
    expect(result.imported.map((i) => i.file)).toEqual(["D01.xlsx", "D02.xlsx"]);
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3 * 2);
    expect(fake.state.table("GradeCosts")).toBeUndefined();
    expect(result.warnings).toEqual([
      {
        severity: "warning",
        sheet: "Settings",
        message:
          "This workbook has no GradeCosts table (it was set up before grade costs were added), so the hourly costs in D01.xlsx were not taken. Run Set up (it adds what is missing and never touches your rows), then import that return again or type the costs into GradeCosts.",
      },
    ]);
  });

  it("the preview reads GradeCosts in its 2 syncs", async () => {
    const fake = await regional();
    const d01 = await returnFile("D01", { costs: [{ grade: "Grade 7", cost: 45 }] });
    fake.recorder.reset();
    const state = await fake.run((ctx) => readRegional(ctx));
    expect(fake.recorder.syncCount).toBe(2);
    expect(state.gradeCosts).toMatchObject({
      sheet: "Settings",
      headers: ["Grade", "Hourly cost"],
      gradeIndex: 0,
      costIndex: 1,
      placeholder: false,
    });
    expect(state.gradeCosts?.rows).toHaveLength(7);
    fake.recorder.reset();
    await fake.run((ctx) => previewImport(ctx, [d01], YEAR));
    expect(fake.recorder.syncCount).toBe(2);
  });
});

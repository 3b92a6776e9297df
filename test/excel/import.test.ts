import { TABLES } from "../../src/core/blueprint";
import { demoDistrict } from "../../src/core/demo-data";
import { readReturn } from "../../src/core/returns";
import type { ConsolidationPlan, TableAppend } from "../../src/core/workbook-data";
import {
  MAX_SYNC_PAYLOAD,
  importReturns,
  previewImport,
  readRegional,
  writePlan,
} from "../../src/excel/import";
import { applySetup } from "../../src/excel/setup";
import { writeAuditWorkbook } from "../../src/xlsx/write";
import type { ReturnFile } from "../../src/core/operations";
import { asExcelContext, createFakeExcel, type FakeExcel } from "../fakes/excel-fake";

const YEAR = { currentYear: 2026 };

async function regional(): Promise<FakeExcel> {
  const fake = createFakeExcel({ sheets: [{ name: "Sheet1" }] });
  const r = await fake.run((ctx) => applySetup(asExcelContext(ctx)));
  if (!r.ok) throw new Error(r.error);
  fake.recorder.reset();
  return fake;
}

async function returnFile(
  district: string,
  options: { seed?: number; round?: string; edit?: (t: TableAppend[]) => TableAppend[] } = {},
): Promise<ReturnFile> {
  const demo = demoDistrict({ district, seed: options.seed ?? 7, local: 4, auditRound: options.round });
  const tables = options.edit
    ? options.edit(demo.tables.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) })))
    : demo.tables;
  const bytes = await writeAuditWorkbook({ settings: demo.settings, tables });
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { name: `${district}.xlsx`, data };
}

function body(fake: FakeExcel, table: string): unknown[][] {
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
    const previews = await fake.run((ctx) => previewImport(asExcelContext(ctx), files, YEAR));
    expect(previews.map((p) => [p.file, p.district, p.importable, p.replacesExisting])).toEqual([
      ["D01.xlsx", "D01", true, false],
      ["D02.xlsx", "D02", true, false],
    ]);
    expect(previews[0].rows.Partnerships).toBeGreaterThan(0);

    fake.recorder.reset();
    const result = await fake.run((ctx) =>
      importReturns(asExcelContext(ctx), files, { confirmReplace: false }, YEAR),
    );
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
    const again = await fake.run((ctx) => previewImport(asExcelContext(ctx), [files[0]], YEAR));
    expect(again[0].replacesExisting).toBe(true);
    const refused = await fake.run((ctx) =>
      importReturns(asExcelContext(ctx), [files[0]], { confirmReplace: false }, YEAR),
    );
    expect(refused.skipped[0].why).toMatch(/already in this workbook; confirm/);
    fake.recorder.reset();
    const replaced = await fake.run((ctx) =>
      importReturns(asExcelContext(ctx), [files[0]], { confirmReplace: true }, YEAR),
    );
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
    const state = await fake.run((ctx) => readRegional(asExcelContext(ctx)));
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
    await fake.run((ctx) => writePlan(asExcelContext(ctx), state, plan));
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
    const result = await fake.run((ctx) =>
      importReturns(asExcelContext(ctx), [file], { confirmReplace: false }, YEAR),
    );
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
    const state = await fake.run((ctx) => readRegional(asExcelContext(ctx)));
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
      writePlan(asExcelContext(ctx), state, {
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
    const result = await fake.run(async (ctx) => {
      const real = ctx.sync.bind(ctx);
      let n = 0;
      ctx.sync = async () => {
        n += 1;
        if (n === 3)
          throw Object.assign(new Error("The request payload size has exceeded the limit."), {
            code: "RequestPayloadSizeLimitExceeded",
          });
        return real();
      };
      return importReturns(asExcelContext(ctx), [file], { confirmReplace: false }, YEAR);
    });
    expect(result.imported).toEqual([]);
    expect(result.error).toMatch(
      /Importing D04\.xlsx stopped: .*payload.*Nothing of it was written .*Import D04\.xlsx again/,
    );
  });

  it("a failure after a first batch says which rows were written", async () => {
    const fake = await regional();
    const file = await returnFile("D08");
    const result = await fake.run(async (ctx) => {
      const real = ctx.sync.bind(ctx);
      let n = 0;
      ctx.sync = async () => {
        n += 1;
        if (n === 4) throw Object.assign(new Error("Excel was busy."), { code: "GeneralException" });
        return real();
      };
      return importReturns(
        asExcelContext(ctx),
        [file],
        { confirmReplace: false },
        { ...YEAR, maxPayload: 400 },
      );
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
        asExcelContext(ctx),
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
    const [p] = await fake.run((ctx) => previewImport(asExcelContext(ctx), [bad], YEAR));
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
      previewImport(asExcelContext(ctx), [{ name: "D07.xlsx", data: new ArrayBuffer(0) }], {
        readFile: async () => ret,
      }),
    );
    expect(p.district).toBe("D07");
    expect(p.importable).toBe(false);
  });
});

describe("import edge cases", () => {
  it("a regional workbook without the tables: the import says to run set-up first", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Sheet1" }] });
    const file = await returnFile("D10");
    const result = await fake.run((ctx) =>
      importReturns(asExcelContext(ctx), [file], { confirmReplace: false }, YEAR),
    );
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
    const state = await fake.run((ctx) => readRegional(asExcelContext(ctx), 300));
    expect(state.tables.Partnerships?.keys).toHaveLength(1000);
    expect(state.tables.Partnerships?.keys[999].district).toBe("D5");
    expect(fake.recorder.syncCount).toBeGreaterThan(2);
  });
});

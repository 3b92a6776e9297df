/**
 * The Excel layer on workbooks where …OrNullObject finds nothing: a workbook not set up, a sheet
 * or table missing, a column missing. Excel promises only `isNullObject` on such an object; the
 * fake refuses any other use of it (test/fakes/base.ts), so these show that every derived object
 * is checked before it is used.
 */
import { readHeadlines } from "../../src/excel/headlines";
import { checkWorkbook, clearMarks } from "../../src/excel/check";
import { previewImport, readRegional } from "../../src/excel/import";
import { readWorkbookGrid } from "../../src/excel/read-tables";
import { readSettings } from "../../src/excel/settings";
import { previewSetup } from "../../src/excel/setup";
import { createClientExcel } from "../excel-host";

const EMPTY = { sheets: [{ name: "Sheet1", rows: [["a note"]] }] };

describe("a workbook that is not set up (nothing to find)", () => {
  it("Settings: readSettings gives the defaults in one sync", async () => {
    const fake = createClientExcel(EMPTY);
    const values = await fake.run((ctx) => readSettings(ctx));
    expect(values).toEqual({
      region: "",
      district: "",
      auditRound: "",
      hoursPerWeek: 37,
      weeksPerYear: 52,
    });
    expect(fake.recorder.syncCount).toBe(1);
  });

  it("Overview: the headline figures are zero, no error", async () => {
    const fake = createClientExcel(EMPTY);
    const h = await fake.run((ctx) => readHeadlines(ctx));
    expect(h).toMatchObject({ partnerships: 0, districts: 0, perDistrict: null, fte: 0 });
  });

  it("Check: the missing tables are findings, not a crash; clearing marks is harmless", async () => {
    const fake = createClientExcel(EMPTY);
    const result = await fake.run((ctx) => checkWorkbook(ctx, { markCells: true }));
    expect(result.findings.map((f) => f.message).join("\n")).toMatch(/Partnerships/);
    await fake.run((ctx) => clearMarks(ctx));
  });

  it("Import: the regional state is empty; the preview still reads the files", async () => {
    const fake = createClientExcel(EMPTY);
    const state = await fake.run((ctx) => readRegional(ctx));
    expect(state.tables).toEqual({});
    const previews = await fake.run((ctx) =>
      previewImport(ctx, [{ name: "x.xlsx", data: new ArrayBuffer(0) }], {
        readFile: async () => {
          throw new Error("not a workbook");
        },
      }),
    );
    expect(previews[0].importable).toBe(false);
  });

  it("a sheet of ours that is empty (no used range) is read as empty", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Settings" }, { name: "Partnerships" }] });
    const grid = await fake.run((ctx) => readWorkbookGrid(ctx));
    expect(grid.sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ["Settings", 0],
      ["Partnerships", 0],
    ]);
  });
});

describe("set-up's inspection when things are missing", () => {
  it("an empty sheet and a table without our columns are described, not refused", async () => {
    const fake = createClientExcel({
      sheets: [
        { name: "Empty" },
        {
          name: "Partnerships",
          rows: [
            ["Partnership ID", "Notes"],
            ["P-1", ""],
          ],
          tables: [{ name: "Partnerships", address: "A1:B2" }],
        },
      ],
    });
    const preview = await fake.run((ctx) => previewSetup(ctx));
    expect(preview.blockers).toEqual([]);
    expect(preview.steps.map((s) => s.description).join("\n")).toMatch(/Partnerships: add the columns/);
  });
});

/**
 * GradeCosts is found only by its own table (by name) or its Grade / Hourly cost block on the
 * Settings sheet, never by another table's columns: an old Hourly cost column on Representation
 * beside its Grade column is not the GradeCosts table (it once gave five false errors that blocked
 * an import).
 */
import { checkReturn } from "../../../src/core/returns/checks";
import { readGradeCosts, readReturn } from "../../../src/core/returns/read-return";
import type { CellValue, SheetGrid, WorkbookGrid } from "../../../src/core/model/workbook-data";
import { demoDistrict } from "../../../src/core/demo/demo-data";
import { readWorkbookGrid } from "../../../src/xlsx/read";
import { writeAuditWorkbook } from "../../../src/xlsx/write";

/** A demo return's grid with Representation given an "Hourly cost" column after its last. */
async function withOldHourlyCost(): Promise<WorkbookGrid> {
  const r = demoDistrict({ district: "D01", seed: 4, local: 3 });
  const grid = await readWorkbookGrid(
    await writeAuditWorkbook({ settings: r.settings, tables: r.tables, gradeCosts: r.gradeCosts }),
  );
  const sheets = grid.sheets.map((s): SheetGrid => {
    if (s.name !== "Representation") return s;
    const width = Math.max(...s.rows.map((row) => row?.length ?? 0));
    return {
      ...s,
      rows: s.rows.map((row, i): CellValue[] => {
        const cells = [...(row ?? [])];
        while (cells.length < width) cells.push(null);
        cells.push(i === 0 ? "Hourly cost" : 42);
        return cells;
      }),
    };
  });
  return { sheets };
}

/** The same grid as a workbook set up before GradeCosts: no such table, no block on Settings. */
function withoutGradeCosts(grid: WorkbookGrid): WorkbookGrid {
  return {
    sheets: grid.sheets.map((s) => {
      if (s.name !== "Settings") return s;
      const hit = readGradeCosts({ sheets: [s] });
      const col = hit ? hit.columns.grade.letter.charCodeAt(0) - 65 : -1;
      return {
        ...s,
        tables: (s.tables ?? []).filter((t) => t.name !== "GradeCosts"),
        rows: s.rows.map((row) => (row ?? []).map((v, c) => (c >= col && col >= 0 ? null : v))),
      };
    }),
  };
}

describe("where GradeCosts is read from", () => {
  it("the GradeCosts table, not Representation's Grade and old Hourly cost columns", async () => {
    const grid = await withOldHourlyCost();
    const costs = readGradeCosts(grid);
    expect(costs?.sheet).toBe("Settings");
    const ret = readReturn(grid, "D01.xlsx");
    expect(checkReturn(ret).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("a workbook without GradeCosts: none, never Representation's columns, and no false errors", async () => {
    const grid = withoutGradeCosts(await withOldHourlyCost());
    expect(readGradeCosts(grid)).toBeUndefined();
    const ret = readReturn(grid, "D01.xlsx");
    expect(ret.gradeCosts).toBeUndefined();
    expect(checkReturn(ret).filter((f) => f.sheet === "Representation" && f.severity === "error")).toEqual(
      [],
    );
  });

  it("without table information, the block on the Settings sheet", async () => {
    const grid = await withOldHourlyCost();
    const bare: WorkbookGrid = { sheets: grid.sheets.map((s) => ({ ...s, tables: [] })) };
    expect(readGradeCosts(bare)?.sheet).toBe("Settings");
  });
});

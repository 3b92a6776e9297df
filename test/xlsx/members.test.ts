/**
 * Workbooks made by the tool carry the Members table and the Overlap from setting: a demo district
 * return and the regional workbook consolidated from the demo returns, read back by the reader.
 */
import { deflateRawSync } from "node:zlib";
import { appendsToReturn, applyPlan, planConsolidation } from "../../src/core/consolidation/consolidate";
import { demoDirectory, demoReturns } from "../../src/core/demo/demo-data";
import { checkReturn } from "../../src/core/returns/checks";
import { readAuditReturn } from "../../src/xlsx/read";
import { writeAuditWorkbook } from "../../src/xlsx/write";

const deflate = { deflateRaw: (d: Uint8Array) => deflateRawSync(d) };

describe("Members in workbooks made by the tool", () => {
  it("a demo district return holds its members and the Overlap from setting, and checks clean", async () => {
    const d = demoReturns()[0];
    const bytes = await writeAuditWorkbook({ settings: d.settings, tables: d.tables }, deflate);
    const ret = await readAuditReturn(bytes, d.file);
    expect(ret.settings.overlapFrom).toBe(0.5);
    const members = d.tables.find((t) => t.table === "Members");
    expect(ret.tables.Members?.rows.length).toBe(members?.rows.length);
    expect(ret.tables.Members?.rows[0].values.district).toBe("D01");
    expect(checkReturn(ret, { currentYear: 2026 }).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("the regional workbook consolidated from the demo returns holds every district's members", async () => {
    const returns = demoReturns().map((r) => appendsToReturn(r.file, r.settings, r.tables));
    const tables = applyPlan(undefined, planConsolidation([], returns));
    const bytes = await writeAuditWorkbook(
      {
        settings: { region: "North West", district: "", auditRound: "2026-Q4" },
        tables,
        directory: demoDirectory(),
      },
      deflate,
    );
    const ret = await readAuditReturn(bytes, "regional.xlsx");
    const expected = returns.reduce((n, r) => n + (r.tables.Members?.rows.length ?? 0), 0);
    expect(ret.tables.Members?.rows.length).toBe(expected);
    const districts = new Set(ret.tables.Members?.rows.map((r) => r.values.district));
    expect(districts.size).toBe(11);
  });
});

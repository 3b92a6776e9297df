/**
 * A district return read for its audit data leaves the Guide and Summary sheets unread (listed,
 * empty): the tool computes the Summary's figures again from the tables. What it reads of the
 * return is the same as a reading of every sheet.
 */
import { demoDistrict } from "../../src/core/demo/demo-data";
import { SHEETS } from "../../src/core/model/blueprint";
import { readReturn } from "../../src/core/returns/read-return";
import { readAuditReturn, readWorkbookGrid } from "../../src/xlsx/read";
import { writeAuditWorkbook } from "../../src/xlsx/write";

async function demoReturn(): Promise<Uint8Array> {
  const r = demoDistrict({ district: "D01", seed: 5, local: 12, hours: 37 * 52 * 2 });
  return writeAuditWorkbook({ settings: r.settings, tables: r.tables });
}

const cellsOf = (grid: Awaited<ReturnType<typeof readWorkbookGrid>>, name: string): number =>
  (grid.sheets.find((s) => s.name === name)?.rows ?? []).reduce((n, row) => n + (row?.length ?? 0), 0);

test("auditDataOnly lists the Guide and Summary sheets without reading them, and reads the rest", async () => {
  const bytes = await demoReturn();
  const all = await readWorkbookGrid(bytes);
  const audit = await readWorkbookGrid(bytes, { auditDataOnly: true });
  expect(audit.sheets.map((s) => s.name)).toEqual(all.sheets.map((s) => s.name));
  for (const name of [SHEETS.summary, SHEETS.guide]) {
    expect(cellsOf(all, name)).toBeGreaterThan(0);
    expect(cellsOf(audit, name)).toBe(0);
  }
  for (const s of all.sheets.filter((x) => x.name !== SHEETS.summary && x.name !== SHEETS.guide))
    expect(audit.sheets.find((x) => x.name === s.name)).toEqual(s);
});

test("a return read for its audit data is the return read from every sheet", async () => {
  const bytes = await demoReturn();
  const whole = readReturn(await readWorkbookGrid(bytes), "D01.xlsx");
  const lean = await readAuditReturn(bytes, "D01.xlsx");
  expect(lean.settings).toEqual(whole.settings);
  expect(lean.findings).toEqual(whole.findings);
  expect(lean.lists).toEqual(whole.lists);
  expect(lean.gradeCosts).toEqual(whole.gradeCosts);
  for (const [name, table] of Object.entries(whole.tables)) {
    const other = lean.tables[name as keyof typeof lean.tables];
    expect(other?.rows.map((r) => r.values)).toEqual(table.rows.map((r) => r.values));
  }
});

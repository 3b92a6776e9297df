/**
 * Reads the open workbook's audit sheets (Settings, Lists and the three tables' sheets, wherever
 * the tables are) into a WorkbookGrid, and from it an AuditReturn with the core's reader.
 *
 * 2 syncs: (1) which sheets and tables exist and their used ranges' addresses; (2) the used
 * ranges' values and value types (so that an error cell, whose value reads as a string like
 * "#N/A", is told from text). Whole used ranges are read, so rows typed below a table's end are
 * read too. Payload rule: a read that would bring back more than READ_CELLS_PER_SYNC cells (about
 * 4 MB) is split into row blocks over further syncs; only then does the count exceed 2.
 *
 * The grid is a snapshot: findings point at cells as they were at the read.
 */
import { SHEETS, TABLES } from "../core/blueprint";
import { readReturn } from "../core/returns";
import { parseA1 } from "../core/a1";
import type { AuditReturn, CellValue, SheetGrid, WorkbookGrid } from "../core/workbook-data";
import { localAddress, toCellValue } from "./inspect";

/** Cells read per sync: values + value types of about 25 bytes a cell stay under 4 MB. */
export const READ_CELLS_PER_SYNC = 150_000;

const READ_SHEETS = [SHEETS.settings, SHEETS.lists, ...TABLES.map((t) => t.sheet)];

export interface ReadOptions {
  /** cells per sync (tests lower it) */
  readonly cellsPerSync?: number;
  /** queue more loads into the first sync (e.g. the check's marks) */
  readonly alsoLoad?: () => void;
}

interface Block {
  readonly sheet: string;
  readonly r0: number;
  readonly c0: number;
  readonly range: Excel.Range;
}

/** Splits a used range into row blocks of at most `cells` cells. */
export function rowBlocks(
  address: string,
  cells: number,
): { r0: number; r1: number; c0: number; c1: number }[] {
  const a = parseA1(address);
  const width = a.c1 - a.c0 + 1;
  const rows = Math.max(1, Math.floor(cells / width));
  const out: { r0: number; r1: number; c0: number; c1: number }[] = [];
  for (let r = a.r0; r <= a.r1; r += rows)
    out.push({ r0: r, r1: Math.min(a.r1, r + rows - 1), c0: a.c0, c1: a.c1 });
  return out;
}

/** The audit sheets as plain cells: 2 syncs (more only past READ_CELLS_PER_SYNC cells). */
export async function readWorkbookGrid(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<WorkbookGrid> {
  const wb = context.workbook;
  const byName = READ_SHEETS.map((name) => {
    const sheet = wb.worksheets.getItemOrNullObject(name).load("name");
    return { sheet, used: sheet.getUsedRangeOrNullObject(true).load("address") };
  });
  const tables = TABLES.map((spec) => {
    const table = wb.tables.getItemOrNullObject(spec.name).load("name");
    table.worksheet.load("name");
    const range = table.getRange().load("address");
    const used = table.worksheet.getUsedRangeOrNullObject(true).load("address");
    return { table, range, used };
  });
  options.alsoLoad?.();
  await context.sync();

  // the sheets to read: ours by name, and any sheet holding one of our tables
  const used = new Map<string, string | null>();
  for (const s of byName)
    if (!s.sheet.isNullObject)
      used.set(s.sheet.name, s.used.isNullObject ? null : localAddress(s.used.address));
  const tableRanges = new Map<string, { name: string; range: string }[]>();
  for (const t of tables) {
    if (t.table.isNullObject) continue;
    const sheet = t.table.worksheet.name;
    if (!used.has(sheet)) used.set(sheet, t.used.isNullObject ? null : localAddress(t.used.address));
    const list = tableRanges.get(sheet) ?? [];
    list.push({ name: t.table.name, range: localAddress(t.range.address) });
    tableRanges.set(sheet, list);
  }

  const budget = options.cellsPerSync ?? READ_CELLS_PER_SYNC;
  const pending: { sheet: string; r0: number; r1: number; c0: number; c1: number }[] = [];
  for (const [sheet, address] of used) {
    if (address) for (const b of rowBlocks(address, budget)) pending.push({ sheet, ...b });
  }
  const blocks: Block[] = [];
  let i = 0;
  do {
    let cells = 0;
    while (i < pending.length) {
      const b = pending[i];
      const size = (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);
      if (cells > 0 && cells + size > budget) break;
      cells += size;
      const range = wb.worksheets
        .getItem(b.sheet)
        .getRangeByIndexes(b.r0, b.c0, b.r1 - b.r0 + 1, b.c1 - b.c0 + 1)
        .load("values,valueTypes");
      blocks.push({ sheet: b.sheet, r0: b.r0, c0: b.c0, range });
      i++;
    }
    await context.sync();
  } while (i < pending.length);

  const grids = new Map<string, CellValue[][]>();
  for (const name of used.keys()) grids.set(name, []);
  for (const b of blocks) {
    const rows = grids.get(b.sheet) ?? [];
    const values = b.range.values;
    const types = b.range.valueTypes;
    values.forEach((row, i) => {
      const line: CellValue[] = new Array<CellValue>(b.c0).fill(null);
      row.forEach((v, j) => line.push(toCellValue(v, types[i]?.[j])));
      rows[b.r0 + i] = line;
    });
    grids.set(b.sheet, rows);
  }
  const sheets: SheetGrid[] = [...grids].map(([name, rows]) => {
    for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
    return { name, rows, tables: tableRanges.get(name) ?? [] };
  });
  return { sheets };
}

/** The open workbook as an AuditReturn (file ""): 2 syncs. */
export async function readOpenReturn(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<AuditReturn> {
  return readReturn(await readWorkbookGrid(context, options), "");
}

/**
 * Reads the open workbook's audit sheets (Settings, Lists and the three tables' sheets, wherever
 * the tables are) into a WorkbookGrid, and from it an AuditReturn with the core's reader.
 *
 * Syncs: (1) where things are: each sheet's used range and each table's sheet and range;
 * (2 …) the used ranges' values and value types (so that an error cell, whose value reads as a
 * string like "#N/A", is told from text), in row blocks budgeted by bytes (payload.ts): a workbook
 * under about 4 MB of cell data is read in one sync, a larger one in as few as the 5 MB limit
 * allows. Whole used ranges are read, so rows typed below a table's end are read too.
 *
 * Null objects: sync 1 asks for the audit sheets and tables by name with getItem, which is valid
 * only if they all exist (a set-up workbook). If one is missing Excel fails that sync
 * (ItemNotFound) and the reader asks again the careful way: first which sheets and tables exist
 * (collections), then only those — one sync more, and only on a workbook that is not set up. Nothing
 * is ever reached through a …OrNullObject that found nothing (Excel promises only isNullObject on
 * such an object).
 *
 * The grid is a snapshot: findings point at cells as they were at the read.
 */
import { SHEETS, TABLES } from "../core/model/blueprint";
import { labelKey } from "../core/model/labels";
import { parseA1 } from "../core/model/a1";
import type { CellValue, SheetGrid, WorkbookGrid } from "../core/model/workbook-data";
import { localAddress, toCellValue } from "./inspect";
import { jsonBytes, readInBlocks, type ReadJob } from "./payload";

const READ_SHEETS = [SHEETS.settings, SHEETS.lists, ...TABLES.map((t) => t.sheet)];

export interface ReadOptions {
  /** bytes per sync (tests lower it) */
  readonly budget?: number;
  /** queue more loads into the first sync (e.g. the check's marks); called again if that sync is redone */
  readonly alsoLoad?: () => void;
  /** queue more loads into the sync after the first (e.g. things found to exist in the first) */
  readonly thenLoad?: () => void;
}

/** Where the audit data is: used range per sheet (null when empty), tables per sheet. */
interface Layout {
  readonly used: Map<string, string | null>;
  readonly tables: Map<string, { name: string; range: string }[]>;
}

function isNotFound(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "ItemNotFound";
}

/** Sync 1, the quick way: everything by name (fails with ItemNotFound if anything is missing). */
async function locateByName(context: Excel.RequestContext, options: ReadOptions): Promise<Layout> {
  const wb = context.workbook;
  const sheets = READ_SHEETS.map((name) => ({
    name,
    used: wb.worksheets.getItem(name).getUsedRangeOrNullObject(true).load("address"),
  }));
  const tables = TABLES.map((spec) => {
    const table = wb.tables.getItem(spec.name).load("name");
    table.worksheet.load("name");
    return {
      table,
      range: table.getRange().load("address"),
      used: table.worksheet.getUsedRangeOrNullObject(true).load("address"),
    };
  });
  options.alsoLoad?.();
  await context.sync();
  const used = new Map<string, string | null>();
  for (const s of sheets) used.set(s.name, s.used.isNullObject ? null : localAddress(s.used.address));
  const byTable = new Map<string, { name: string; range: string }[]>();
  for (const t of tables) {
    const sheet = t.table.worksheet.name;
    if (!used.has(sheet)) used.set(sheet, t.used.isNullObject ? null : localAddress(t.used.address));
    const list = byTable.get(sheet) ?? [];
    list.push({ name: t.table.name, range: localAddress(t.range.address) });
    byTable.set(sheet, list);
  }
  return { used, tables: byTable };
}

/** The careful way: which sheets and tables exist (1 sync), then only those (1 sync). */
async function locateCarefully(context: Excel.RequestContext, options: ReadOptions): Promise<Layout> {
  const wb = context.workbook;
  const sheetItems = wb.worksheets.load("items/name");
  const tableItems = wb.tables.load("items/name,items/worksheet/name");
  options.alsoLoad?.();
  await context.sync();
  const wanted = new Set(READ_SHEETS.map(labelKey));
  const ours = new Set(TABLES.map((t) => labelKey(t.name)));
  const tables = tableItems.items
    .filter((t) => ours.has(labelKey(t.name)))
    .map((t) => ({ name: t.name, sheet: t.worksheet.name, range: t.getRange().load("address") }));
  const sheetNames = sheetItems.items
    .map((s) => s.name)
    .filter((name) => wanted.has(labelKey(name)) || tables.some((t) => t.sheet === name));
  const used = sheetNames.map((name) => ({
    name,
    range: wb.worksheets.getItem(name).getUsedRangeOrNullObject(true).load("address"),
  }));
  await context.sync();
  const layout: Layout = { used: new Map(), tables: new Map() };
  for (const u of used) layout.used.set(u.name, u.range.isNullObject ? null : localAddress(u.range.address));
  for (const t of tables) {
    const list = layout.tables.get(t.sheet) ?? [];
    list.push({ name: t.name, range: localAddress(t.range.address) });
    layout.tables.set(t.sheet, list);
  }
  return layout;
}

interface Read {
  readonly values: unknown[][];
  readonly types: string[][];
}

/** The audit sheets as plain cells: 2 syncs on a set-up workbook under ~4 MB (see the header). */
export async function readWorkbookGrid(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<WorkbookGrid> {
  let layout: Layout;
  try {
    layout = await locateByName(context, options);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    layout = await locateCarefully(context, options);
  }

  const wb = context.workbook;
  const areas: { sheet: string; r0: number; c0: number; jobIndex: number }[] = [];
  const jobs: ReadJob<Read>[] = [];
  for (const [sheet, address] of layout.used) {
    if (!address) continue;
    const a = parseA1(address);
    const columns = a.c1 - a.c0 + 1;
    areas.push({ sheet, r0: a.r0, c0: a.c0, jobIndex: jobs.length });
    jobs.push({
      group: sheet,
      rows: a.r1 - a.r0 + 1,
      columns,
      load: (start, count) => {
        const range = wb.worksheets
          .getItem(sheet)
          .getRangeByIndexes(a.r0 + start, a.c0, count, columns)
          .load("values,valueTypes");
        return () => ({ values: range.values, types: range.valueTypes });
      },
      measure: (r) => jsonBytes(r.values) + jsonBytes(r.types),
    });
  }
  const pieces = await readInBlocks(context, jobs, { budget: options.budget, alsoLoad: options.thenLoad });

  const grids = new Map<string, CellValue[][]>();
  for (const name of layout.used.keys()) grids.set(name, []);
  for (const area of areas) {
    const rows = grids.get(area.sheet) ?? [];
    for (const piece of pieces[area.jobIndex]) {
      const { values, types } = piece.result;
      values.forEach((row, i) => {
        const line: CellValue[] = new Array<CellValue>(area.c0).fill(null);
        row.forEach((v, j) => line.push(toCellValue(v, types[i]?.[j])));
        rows[area.r0 + piece.start + i] = line;
      });
    }
    grids.set(area.sheet, rows);
  }
  const sheets: SheetGrid[] = [...grids].map(([name, rows]) => {
    for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
    return { name, rows, tables: layout.tables.get(name) ?? [] };
  });
  return { sheets };
}

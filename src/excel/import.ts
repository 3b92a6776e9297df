/**
 * The regional import: district returns (.xlsx files chosen by the user) → rows of the regional
 * workbook's three tables.
 *
 * Reading a file needs the xlsx reader (exceljs), loaded on demand with a dynamic import() so the
 * pane's initial bundle stays small. Files are never changed.
 *
 * Per file, 3 syncs: (1) the regional tables' headers and sizes; (2) their District and Audit round
 * columns; (3) delete the rows of the (district, round) being replaced and append the return's
 * rows. Payload rule: one sync carries at most MAX_SYNC_PAYLOAD bytes of cell data (JSON length of
 * the values written, plus a fixed cost per deleted row) and reads at most READ_CELLS_PER_SYNC
 * cells; a return whose rows exceed 4 MB is appended over further syncs (one per 4 MB), and a
 * regional table past ~75,000 rows takes further read syncs — the only cases with more than 3.
 *
 * Replacing: the rows of the (district, round) are found in the read of sync 1 and deleted with
 * TableRow.delete() from the bottom up (ExcelApi 1.1; indexes above a deleted row do not move), so
 * no other row is touched. Someone sorting or inserting rows in the regional tables between the
 * two syncs of one file could shift those indexes: keep the regional workbook still while
 * importing (the pane says so).
 *
 * Text stays text: every string goes through inertValue (quote prefix for text Excel would turn
 * into a formula, number, date, boolean or error). Columns the blueprint does not know receive
 * "" in new rows. A calculated column (Annual hours) gets its formula, written in the same sync
 * to the new rows only (one value for the whole block), so the return's cached values never
 * replace the calculation and rows already there are not touched.
 *
 * A failure part-way stops the import: the result says which files were imported, and for the
 * file that failed, which of its rows were written — importing that file again replaces them.
 */
import { TABLES, type TableName } from "../core/blueprint";
import { planConsolidation, type ReturnKey } from "../core/consolidate";
import { decideReturns, skipped as skip, type Skipped } from "../core/import-decisions";
import type { Finding } from "../core/findings";
import { labelKey } from "../core/labels";
import type { AuditReturn, ConsolidationPlan, TableAppend } from "../core/workbook-data";
import type { ImportOptions, ImportResult, ReturnFile, ReturnPreview } from "../core/operations";
import { describeError } from "./errors";
import { inertValue } from "./inert";
import { READ_CELLS_PER_SYNC } from "./read-tables";
import { setWhole } from "./setup";

/** Bytes of cell data per sync (Excel on the web refuses requests over 5 MB). */
export const MAX_SYNC_PAYLOAD = 4_000_000;
/** What one deleted row costs in a request (the delete instruction), for the payload estimate. */
export const DELETE_ROW_COST = 120;

export type ReturnReader = (file: ReturnFile) => Promise<AuditReturn>;

/** The default reader: loads src/xlsx/read on demand (its own chunk in the pane's bundle). */
export const readReturnFile: ReturnReader = async (file) => {
  const { readAuditReturn } = await import("../xlsx/read");
  return readAuditReturn(file.data, file.name);
};

export interface ImportDeps {
  readonly readFile?: ReturnReader;
  /** bytes per sync (tests lower it) */
  readonly maxPayload?: number;
  readonly currentYear?: number;
}

/** One regional table as read for an import. */
export interface RegionalTable {
  readonly table: TableName;
  readonly headers: readonly string[];
  /** per data row: district and round (labels as written) */
  readonly keys: readonly { readonly district: string; readonly auditRound: string }[];
}

export interface RegionalState {
  readonly tables: Readonly<Partial<Record<TableName, RegionalTable>>>;
}

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

function pairKey(district: string, round: string): string {
  return `${labelKey(district)}|${labelKey(round)}`;
}

/**
 * Reads the regional tables' headers and District / Audit round columns: 2 syncs — the tables'
 * headers and sizes, then the two key columns in row blocks of at most READ_CELLS_PER_SYNC cells
 * per sync (a regional workbook past ~75,000 rows a table takes further syncs; see the payload rule).
 */
export async function readRegional(
  context: Excel.RequestContext,
  cellsPerSync = READ_CELLS_PER_SYNC,
): Promise<RegionalState> {
  const metas = TABLES.map((spec) => {
    const table = context.workbook.tables.getItemOrNullObject(spec.name).load("name");
    const header = table.getHeaderRowRange().load("values");
    const body = table.getDataBodyRange().load("rowCount");
    const column = (key: string): Excel.TableColumn => {
      const col = spec.columns.find((c) => c.key === key);
      return table.columns.getItemOrNullObject(col?.header ?? key).load("index");
    };
    return { spec, table, header, body, district: column("district"), round: column("auditRound") };
  });
  await context.sync();

  // the key columns' cells, in blocks under the budget
  const blocks: { table: TableName; which: "district" | "round"; start: number; range: Excel.Range }[] = [];
  const pending: {
    table: TableName;
    which: "district" | "round";
    column: Excel.TableColumn;
    start: number;
    n: number;
  }[] = [];
  for (const m of metas) {
    if (m.table.isNullObject) continue;
    const rows = m.body.rowCount;
    const per = Math.max(1, Math.floor(cellsPerSync / 2));
    for (const [which, column] of [
      ["district", m.district],
      ["round", m.round],
    ] as const) {
      if (column.isNullObject) continue;
      for (let start = 0; start < rows; start += per)
        pending.push({ table: m.spec.name, which, column, start, n: Math.min(per, rows - start) });
    }
  }
  let i = 0;
  do {
    let cells = 0;
    while (i < pending.length && (cells === 0 || cells + pending[i].n <= cellsPerSync)) {
      const b = pending[i];
      const range = b.column
        .getDataBodyRange()
        .getRow(b.start)
        .getResizedRange(b.n - 1, 0)
        .load("values");
      blocks.push({ table: b.table, which: b.which, start: b.start, range });
      cells += b.n;
      i++;
    }
    await context.sync();
  } while (i < pending.length);

  const tables: Partial<Record<TableName, RegionalTable>> = {};
  for (const m of metas) {
    if (m.table.isNullObject) continue;
    const n = m.body.rowCount;
    const districts = new Array<string>(n).fill("");
    const rounds = new Array<string>(n).fill("");
    for (const b of blocks) {
      if (b.table !== m.spec.name) continue;
      const into = b.which === "district" ? districts : rounds;
      b.range.values.forEach((row, k) => {
        into[b.start + k] = text(row[0]);
      });
    }
    const keys = districts.map((district, k) => ({ district, auditRound: rounds[k] }));
    tables[m.spec.name] = { table: m.spec.name, headers: (m.header.values[0] ?? []).map(text), keys };
  }
  return { tables };
}

/** The (district, round) pairs the regional workbook holds. */
export function regionalKeys(state: RegionalState): ReturnKey[] {
  const seen = new Map<string, ReturnKey>();
  for (const t of Object.values(state.tables)) {
    for (const k of t?.keys ?? []) {
      if (k.district === "") continue;
      const id = pairKey(k.district, k.auditRound);
      if (!seen.has(id)) seen.set(id, { district: k.district, auditRound: k.auditRound });
    }
  }
  return [...seen.values()];
}

/** Rows (0-based body indexes) of a regional table that belong to the pairs being replaced. */
export function rowsToDelete(table: RegionalTable, replace: readonly ReturnKey[]): number[] {
  const drop = new Set(replace.map((r) => pairKey(r.district, r.auditRound)));
  const out: number[] = [];
  table.keys.forEach((k, i) => {
    if (k.district !== "" && drop.has(pairKey(k.district, k.auditRound))) out.push(i);
  });
  return out;
}

type OutCell = string | number | boolean;

/** Rows in the regional table's own column order, ready for rows.add (text made inert). */
export function rowsForTable(append: TableAppend, headers: readonly string[]): OutCell[][] {
  const spec = TABLES.find((t) => t.name === append.table);
  const at = new Map(append.columns.map((k, i) => [k, i]));
  const source = headers.map((h) => {
    const col = spec?.columns.find((c) => labelKey(c.header) === labelKey(h));
    if (!col || col.kind === "calculated") return -1;
    return at.get(col.key) ?? -1;
  });
  return append.rows.map((row) => source.map((i) => (i < 0 ? "" : inertValue(row[i] ?? null))));
}

/** The calculated columns of a regional table: index in its headers and formula. */
export function calculatedColumns(
  table: TableName,
  headers: readonly string[],
): { index: number; formula: string }[] {
  const spec = TABLES.find((t) => t.name === table);
  const out: { index: number; formula: string }[] = [];
  headers.forEach((h, index) => {
    const col = spec?.columns.find((c) => labelKey(c.header) === labelKey(h));
    if (col?.kind === "calculated" && col.formula) out.push({ index, formula: col.formula });
  });
  return out;
}

/** Splits rows into batches whose JSON length stays under `budget` bytes (the first batch shares its sync with `used` bytes). */
export function payloadBatches<T>(rows: readonly T[], budget: number, used = 0): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let size = used + 2;
  for (const row of rows) {
    const n = JSON.stringify(row).length + 1;
    if (batch.length > 0 && size + n > budget) {
      out.push(batch);
      batch = [];
      size = 2;
    }
    batch.push(row);
    size += n;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

export interface WriteReport {
  /** rows deleted per table */
  readonly deleted: Partial<Record<TableName, number>>;
  /** rows appended per table */
  readonly appended: Partial<Record<TableName, number>>;
  readonly syncs: number;
}

export class PartialWriteError extends Error {
  constructor(
    message: string,
    readonly report: WriteReport,
  ) {
    super(message);
    this.name = "PartialWriteError";
  }
}

/**
 * Applies one return's plan to the regional tables read in `state`: deletes the replaced rows and
 * appends the new ones — 1 sync, plus one per further 4 MB of rows.
 */
export async function writePlan(
  context: Excel.RequestContext,
  state: RegionalState,
  plan: Pick<ConsolidationPlan, "replace" | "append">,
  maxPayload = MAX_SYNC_PAYLOAD,
): Promise<WriteReport> {
  const deleted: Partial<Record<TableName, number>> = {};
  const appended: Partial<Record<TableName, number>> = {};
  let syncs = 0;
  let used = 0;
  // the deletions, all in the first sync, bottom up
  for (const spec of TABLES) {
    const table = state.tables[spec.name];
    if (!table) continue;
    const rows = rowsToDelete(table, plan.replace);
    if (rows.length === 0) continue;
    const t = context.workbook.tables.getItem(spec.name);
    for (let i = rows.length - 1; i >= 0; i--) t.rows.getItemAt(rows[i]).delete();
    deleted[spec.name] = rows.length;
    used += rows.length * DELETE_ROW_COST;
  }
  // the appends, in batches under the payload budget
  const queue: {
    table: TableName;
    rows: OutCell[][];
    start: number;
    calculated: { index: number; formula: string }[];
  }[] = [];
  for (const append of plan.append) {
    const table = state.tables[append.table];
    if (!table) {
      const sheet = TABLES.find((t) => t.name === append.table)?.sheet ?? append.table;
      throw new PartialWriteError(
        `The regional workbook has no ${append.table} table (sheet ${sheet}): run set-up (Set up the workbook) first, then import again.`,
        { deleted: {}, appended: {}, syncs },
      );
    }
    if (append.rows.length === 0) continue;
    queue.push({
      table: append.table,
      rows: rowsForTable(append, table.headers),
      start: table.keys.length - (deleted[append.table] ?? 0),
      calculated: calculatedColumns(append.table, table.headers),
    });
  }
  let pending = used > 0;
  context.application.suspendApiCalculationUntilNextSync();
  const flush = async (): Promise<void> => {
    try {
      await context.sync();
    } catch (e) {
      throw new PartialWriteError(describeError(e), { deleted: syncs === 0 ? {} : deleted, appended, syncs });
    }
    syncs++;
    used = 0;
    pending = false;
  };
  const written: Partial<Record<TableName, number>> = {};
  for (const q of queue) {
    // room for the calculated columns' formulas written with each batch
    const extra = q.calculated.reduce((n, c) => n + JSON.stringify(c.formula).length, 0);
    for (const batch of payloadBatches(q.rows, maxPayload - extra, used)) {
      const size = JSON.stringify(batch).length + extra;
      if (pending && used + size > maxPayload) {
        await flush();
        for (const [k, v] of Object.entries(written)) appended[k as TableName] = v;
        context.application.suspendApiCalculationUntilNextSync();
      }
      const t = context.workbook.tables.getItem(q.table);
      t.rows.add(undefined, batch);
      const first = q.start + (written[q.table] ?? 0);
      for (const c of q.calculated) {
        const cells = t.columns
          .getItemAt(c.index)
          .getDataBodyRange()
          .getRow(first)
          .getResizedRange(batch.length - 1, 0);
        setWhole(cells, "formulas", c.formula);
      }
      written[q.table] = (written[q.table] ?? 0) + batch.length;
      used += size;
      pending = true;
    }
  }
  if (pending || syncs === 0) await flush();
  for (const [k, v] of Object.entries(written)) appended[k as TableName] = v;
  return { deleted, appended, syncs };
}

function rowsOf(ret: AuditReturn): Record<string, number> {
  const out: Record<string, number> = {};
  for (const spec of TABLES) out[spec.name] = ret.tables[spec.name]?.rows.length ?? 0;
  return out;
}

async function readAll(files: readonly ReturnFile[], readFile: ReturnReader) {
  const out: { file: ReturnFile; ret?: AuditReturn; error?: string }[] = [];
  for (const file of files) {
    try {
      out.push({ file, ret: await readFile(file) });
    } catch (e) {
      out.push({ file, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

/** What importing would do: the files read and checked, and which returns already exist. 1 sync. */
export async function previewImport(
  context: Excel.RequestContext,
  files: readonly ReturnFile[],
  deps: ImportDeps = {},
): Promise<ReturnPreview[]> {
  const read = await readAll(files, deps.readFile ?? readReturnFile);
  const regional = await readRegional(context);
  const previews: ReturnPreview[] = [];
  const readable = read.flatMap((r) => (r.ret ? [r.ret] : []));
  // importability and which file supersedes which: decided by the core, as for the CLI
  const decisions = new Map(
    decideReturns(regionalKeys(regional), readable, { currentYear: deps.currentYear }).map((d) => [d.ret, d]),
  );
  for (const r of read) {
    const d = r.ret ? decisions.get(r.ret) : undefined;
    if (!r.ret || !d) {
      previews.push({
        file: r.file.name,
        district: "",
        auditRound: "",
        rows: {},
        findings: [
          {
            severity: "error",
            file: r.file.name,
            sheet: "",
            message: r.error ?? "the file could not be read",
          },
        ],
        importable: false,
        replacesExisting: false,
      });
      continue;
    }
    previews.push({
      file: r.file.name,
      district: d.district,
      auditRound: d.auditRound,
      rows: rowsOf(r.ret),
      findings: d.findings,
      importable: d.skip === undefined,
      replacesExisting: d.replacesExisting,
      ...(d.supersedes ? { supersedes: d.supersedes } : {}),
    });
  }
  return previews;
}

function partialMessage(
  file: string,
  report: WriteReport,
  plan: Pick<ConsolidationPlan, "append">,
  why: string,
): string {
  const parts = plan.append
    .filter((a) => a.rows.length > 0)
    .map((a) => `${a.table}: ${report.appended[a.table] ?? 0} of ${a.rows.length} rows written`);
  const deleted = Object.entries(report.deleted)
    .map(([t, n]) => `${n} earlier ${t} rows removed`)
    .join(", ");
  return (
    `Importing ${file} stopped: ${why}. ` +
    (report.syncs > 0
      ? `Written so far: ${[deleted, ...parts].filter((x) => x).join("; ")}. `
      : "Nothing of it was written (if Excel applied part of the refused request, importing again replaces it). ") +
    `Import ${file} again to replace what was written with the whole return.`
  );
}

/**
 * Imports the importable files in order: per file ≤ 3 syncs (2 unless its rows exceed 4 MB).
 * Progress after each file; cancel between files.
 */
export async function importReturns(
  context: Excel.RequestContext,
  files: readonly ReturnFile[],
  options: ImportOptions & { readonly confirmReplace: boolean },
  deps: ImportDeps = {},
): Promise<ImportResult> {
  const imported: { file: string; rows: number; replaced: boolean }[] = [];
  const skipped: Skipped[] = [];
  const warnings: Finding[] = [];
  options.onProgress?.({ fraction: 0, message: `Reading ${files.length} file(s)…` });
  const read = await readAll(files, deps.readFile ?? readReturnFile);
  const returns: AuditReturn[] = [];
  for (const r of read) {
    if (r.ret) returns.push(r.ret);
    else
      skipped.push(skip(r.file.name, { kind: "unreadable", why: r.error ?? "the file could not be read" }));
  }
  // decide over all files at once: errors, missing district, the later of two same returns
  const overall = planConsolidation([], returns, { currentYear: deps.currentYear });
  skipped.push(...overall.skipped);
  warnings.push(...overall.warnings);
  const toImport = returns.filter((ret) => overall.imported.some((i) => i.file === ret.file));
  for (let i = 0; i < toImport.length; i++) {
    const ret = toImport[i];
    if (options.signal?.aborted) {
      for (const rest of toImport.slice(i)) skipped.push(skip(rest.file, { kind: "cancelled" }));
      return { imported, skipped, warnings, cancelled: true };
    }
    options.onProgress?.({
      fraction: i / toImport.length,
      message: `Importing ${ret.file} (${i + 1} of ${toImport.length})`,
    });
    let state: RegionalState;
    try {
      state = await readRegional(context);
    } catch (e) {
      return {
        imported,
        skipped,
        warnings,
        cancelled: false,
        error: `Importing ${ret.file} stopped: ${describeError(e)}. Nothing of it was written.`,
      };
    }
    const plan = planConsolidation(regionalKeys(state), [ret], { currentYear: deps.currentYear });
    const item = plan.imported[0];
    if (!item) {
      skipped.push(...plan.skipped);
      continue;
    }
    if (item.replaced && !options.confirmReplace) {
      skipped.push(
        skip(ret.file, {
          kind: "replace-not-confirmed",
          district: item.district,
          auditRound: item.auditRound,
        }),
      );
      continue;
    }
    try {
      await writePlan(context, state, plan, deps.maxPayload);
      imported.push({ file: ret.file, rows: item.rows, replaced: item.replaced });
    } catch (e) {
      const report = e instanceof PartialWriteError ? e.report : { deleted: {}, appended: {}, syncs: 0 };
      const why = e instanceof PartialWriteError ? e.message : describeError(e);
      return {
        imported,
        skipped,
        warnings,
        cancelled: false,
        error: partialMessage(ret.file, report, plan, why),
      };
    }
  }
  options.onProgress?.({ fraction: 1, message: `Imported ${imported.length} file(s)` });
  return { imported, skipped, warnings, cancelled: false };
}

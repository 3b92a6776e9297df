/**
 * The regional import: district returns (.xlsx files chosen by the user) → rows of the regional
 * workbook's three tables.
 *
 * Reading a file needs the xlsx reader, loaded on demand with a dynamic import() so the pane's
 * initial bundle stays small. Files are never changed.
 *
 * Per file, 3 syncs, a filtered table included: (1) the regional tables' headers, sizes and whether
 * a filter hides rows, the Settings District and Audit round, and whether the GradeCosts table
 * exists; (2) their District and Audit round columns, the filter criteria of a filtered table, for
 * a table whose only body row may be blank, that row, and the GradeCosts table's cells; (3) clear a
 * filtered table's filter, delete the rows of the (district, round) being replaced, add the
 * return's rows, make its changes to GradeCosts (blank costs filled, missing grades added:
 * core/consolidation/grade-costs.ts decides; a cost already there is never overwritten, a return
 * that differs is a warning) and put the filter back. A workbook set up before GradeCosts existed
 * is imported all the same, with a warning that set-up adds the table. Payload rule (payload.ts): one sync carries at most SYNC_BUDGET_BYTES
 * of data either way, measured in UTF-8 bytes; a return whose rows exceed it is written over
 * further syncs, and key columns past it are read over further syncs — the only cases with more
 * than 3.
 *
 * As Excel really behaves (each modelled and cited in test/fakes):
 * - The tables are asked for by name (getItem): a workbook without them fails that sync and the
 *   import says which table is missing and to run set-up first; nothing is reached through a null
 *   object.
 * - Which rows are replaced is decided by the core (core/consolidation/replace-rows.ts), as the command-line
 *   consolidation decides it: a blank District or Audit round counts as the Settings value. They
 *   are deleted as contiguous blocks, bottom up (Range.delete with shift up), one command per
 *   block instead of one per row, so indexes above a deleted block do not move.
 * - Excel refuses to delete table rows while the table is filtered (office-js issue 994). A
 *   filtered table has its filter cleared before the import writes to it and the same criteria
 *   applied again at the end of the last write sync (table-filters.ts); the result says so. If
 *   Excel refuses the criteria after every write ran, the import is complete all the same and the
 *   result says that the filter was cleared and how to put it back; if a write failed, the import
 *   stopped there, as any failed write stops it.
 * - A table whose only body row is blank (Excel's placeholder row of a fresh table, or what is left
 *   after its last rows are deleted) gets the first new row written into that row, and the rest
 *   added after it: the table never keeps a blank first row, whatever Excel's rows.add does there.
 *
 * Someone sorting or inserting rows in the regional tables between the reads and the writes of one
 * file could shift those indexes: keep the regional workbook still while importing (the pane says
 * so).
 *
 * Text stays text: every string goes through inertValue (quote prefix for text Excel would turn
 * into a formula, number, date, boolean or error). Columns the blueprint does not know receive
 * "" in new rows. A calculated column (Annual hours) gets its formula in each new row, in the
 * rows handed to rows.add (a value starting with "=" is written as a formula; text from the return
 * never is, being made inert), so the return's cached values never replace the calculation, rows
 * already there are not touched, and every cell is written explicitly (no single value spread
 * over a range: office-js-docs-reference issue 578).
 *
 * A failure part-way stops the import: the result says which files were imported, and for the
 * file that failed, which of its rows were written — importing that file again replaces them.
 */
import { GRADE_COSTS, SETTINGS, TABLES, type TableName } from "../core/model/blueprint";
import { planConsolidation } from "../core/consolidation/consolidate";
import type { GradeCostChanges } from "../core/consolidation/grade-costs";
import { decideReturns, skipped as skip, type Skipped } from "../core/consolidation/decisions";
import type { Finding } from "../core/model/findings";
import { labelKey } from "../core/model/labels";
import { deletionBlocks, rowsToReplace, type RowKey } from "../core/consolidation/replace-rows";
import type { AuditReturn, ConsolidationPlan } from "../core/model/workbook-data";
import type { ImportOptions, ImportResult, ReturnFile, ReturnPreview } from "../core/model/operations";
import { describeError } from "./errors";
import {
  activeFilters,
  filterWarning,
  queueClearFilters,
  queueRestoreFilters,
  syncRestoringFilters,
  type ClearedTable,
  type SavedFilter,
} from "./table-filters";
import {
  calculatedColumns,
  GradeCostLedger,
  gradeCostRowsToAdd,
  payloadBatches,
  regionalGradeCosts,
  regionalKeys,
  rowsForTable,
  withoutGradeCosts,
  type OutCell,
  type RegionalGradeCosts,
} from "../core/consolidation/import-plan";
import { READ_BUDGET_BYTES, SYNC_BUDGET_BYTES, jsonBytes, readInBlocks, type ReadJob } from "./payload";

/** Bytes of data per sync (Excel on the web refuses requests and responses over 5 MB). */
// exported for tests
export const MAX_SYNC_PAYLOAD = SYNC_BUDGET_BYTES;
/** What one delete command costs in a request, for the payload estimate. */
const DELETE_BLOCK_COST = 120;

type ReturnReader = (file: ReturnFile) => Promise<AuditReturn>;

/** The default reader: loads src/xlsx/read on demand (its own chunk in the pane's bundle). */
export const readReturnFile: ReturnReader = async (file) => {
  const { readAuditReturn } = await import(/* webpackChunkName: "xlsx-reader" */ "../xlsx/read");
  return readAuditReturn(file.data, file.name);
};

export interface ImportDeps {
  readonly readFile?: ReturnReader;
  /** bytes per sync (tests lower it) */
  readonly maxPayload?: number;
  readonly currentYear?: number;
}

/** One regional table as read for an import. */
interface RegionalTable {
  readonly table: TableName;
  readonly sheet: string;
  readonly headers: readonly string[];
  /** per data row: district and round (labels as written; "" when blank) */
  readonly keys: readonly RowKey[];
  /** the only body row is blank in every column but the calculated ones (Excel's placeholder row) */
  readonly placeholder: boolean;
  /** the table's active column filters */
  readonly filters: readonly SavedFilter[];
}

interface RegionalState {
  readonly tables: Readonly<Partial<Record<TableName, RegionalTable>>>;
  /** the Settings District and Audit round: what a blank cell of those columns means */
  readonly defaults: Partial<RowKey>;
  /** the GradeCosts table beside the settings; null in a workbook set up before schema version 2 */
  readonly gradeCosts: RegionalGradeCosts | null;
}

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

function isNotFound(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "ItemNotFound";
}

function headerIndex(headers: readonly string[], spec: (typeof TABLES)[number], key: string): number {
  const col = spec.columns.find((c) => c.key === key);
  return col ? headers.findIndex((h) => labelKey(h) === labelKey(col.header)) : -1;
}

interface TableMeta {
  readonly spec: (typeof TABLES)[number];
  readonly table: Excel.Table;
  readonly header: Excel.Range;
  readonly body: Excel.Range;
  /** whether a column filter hides rows (ExcelApi 1.9); the criteria are read only then */
  readonly filter: Excel.AutoFilter;
}

/**
 * Sync 1: the tables that exist (by name), their headers and sizes, the Settings defaults and
 * whether the GradeCosts table exists (asked with getItemOrNullObject: a workbook set up before
 * schema version 2 has none, which is no reason to fail; only isNullObject is read from it).
 */
async function readMeta(
  context: Excel.RequestContext,
): Promise<{ metas: TableMeta[]; defaults: Partial<RowKey>; gradeCosts: boolean }> {
  const names = (key: "district" | "auditRound"): Excel.NamedItem => {
    const spec = SETTINGS.find((s) => s.key === key);
    return context.workbook.names.getItemOrNullObject(spec?.name ?? key).load("type,arrayValues");
  };
  const queue = (specs: readonly (typeof TABLES)[number][]) =>
    specs.map((spec) => {
      const table = context.workbook.tables.getItem(spec.name).load("name");
      table.worksheet.load("name");
      return {
        spec,
        table,
        header: table.getHeaderRowRange().load("values"),
        body: table.getDataBodyRange().load("rowCount"),
        filter: table.autoFilter.load("isDataFiltered"),
      };
    });
  const defaultsOf = (district: Excel.NamedItem, round: Excel.NamedItem): Partial<RowKey> => {
    const value = (n: Excel.NamedItem): string | undefined =>
      n.isNullObject || n.type !== "Range" ? undefined : text(n.arrayValues.values[0]?.[0]);
    return { district: value(district), auditRound: value(round) };
  };
  let district = names("district");
  let round = names("auditRound");
  let metas = queue(TABLES);
  const costs = context.workbook.tables.getItemOrNullObject(GRADE_COSTS.name).load("name");
  try {
    await context.sync();
    return { metas, defaults: defaultsOf(district, round), gradeCosts: !costs.isNullObject };
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  // a table is missing: which ones exist (the import refuses; the preview reads what there is)
  const items = context.workbook.tables.load("items/name");
  await context.sync();
  const present = new Set(items.items.map((t) => labelKey(t.name)));
  district = names("district");
  round = names("auditRound");
  metas = queue(TABLES.filter((t) => present.has(labelKey(t.name))));
  await context.sync();
  return {
    metas,
    defaults: defaultsOf(district, round),
    gradeCosts: present.has(labelKey(GRADE_COSTS.name)),
  };
}

/**
 * Reads the regional tables for an import: 2 syncs (see the header) — headers and sizes, then
 * the District and Audit round columns (in row blocks under the byte budget), the filters, and the
 * only body row of one-row tables.
 */
// exported for tests
export async function readRegional(
  context: Excel.RequestContext,
  budget = READ_BUDGET_BYTES,
): Promise<RegionalState> {
  const { metas, defaults, gradeCosts: hasCosts } = await readMeta(context);
  let costs: { sheet: Excel.Worksheet; header: Excel.Range; body: Excel.Range } | undefined;
  const jobs: ReadJob<unknown[][]>[] = [];
  const jobOf: { table: TableName; which: "district" | "auditRound" }[] = [];
  const extras: {
    meta: TableMeta;
    filters: { index: number; filter: Excel.Filter }[];
    only?: Excel.Range;
  }[] = [];
  for (const m of metas) {
    const headers = (m.header.values[0] ?? []).map(text);
    const rows = m.body.rowCount;
    for (const which of ["district", "auditRound"] as const) {
      const index = headerIndex(headers, m.spec, which);
      if (index < 0) continue;
      jobOf.push({ table: m.spec.name, which });
      jobs.push({
        group: `${m.spec.name}|${which}`,
        rows,
        columns: 1,
        load: (start, count) => {
          const range = context.workbook.tables
            .getItem(m.spec.name)
            .columns.getItemAt(index)
            .getDataBodyRange()
            .getRow(start)
            .getResizedRange(count - 1, 0)
            .load("values");
          return () => range.values;
        },
        measure: (values) => jsonBytes(values),
      });
    }
  }
  const pieces = await readInBlocks(context, jobs, {
    budget,
    alsoLoad: () => {
      if (hasCosts) {
        // known to exist (sync 1): asked for by name; a small table, read whole
        const t = context.workbook.tables.getItem(GRADE_COSTS.name);
        costs = {
          sheet: t.worksheet.load("name"),
          header: t.getHeaderRowRange().load("values"),
          body: t.getDataBodyRange().load("values"),
        };
      }
      for (const m of metas) {
        const table = context.workbook.tables.getItem(m.spec.name);
        const headers = m.header.values[0] ?? [];
        extras.push({
          meta: m,
          filters: m.filter.isDataFiltered
            ? headers.map((_, index) => ({
                index,
                filter: table.columns.getItemAt(index).filter.load("criteria"),
              }))
            : [],
          only: m.body.rowCount === 1 ? table.getDataBodyRange().load("values") : undefined,
        });
      }
    },
  });

  const tables: Partial<Record<TableName, RegionalTable>> = {};
  for (const x of extras) {
    const m = x.meta;
    const n = m.body.rowCount;
    const headers = (m.header.values[0] ?? []).map(text);
    const keys: { district: string; auditRound: string }[] = Array.from({ length: n }, () => ({
      district: "",
      auditRound: "",
    }));
    jobOf.forEach((j, i) => {
      if (j.table !== m.spec.name) return;
      for (const piece of pieces[i])
        piece.result.forEach((row, k) => {
          keys[piece.start + k][j.which] = text(row[0]);
        });
    });
    const calculated = new Set(calculatedColumns(m.spec.name, headers).map((c) => c.index));
    const placeholder =
      x.only !== undefined && (x.only.values[0] ?? []).every((v, j) => calculated.has(j) || text(v) === "");
    const filters = activeFilters(x.filters.map((f) => f.filter.criteria));
    tables[m.spec.name] = {
      table: m.spec.name,
      sheet: m.table.worksheet.name,
      headers,
      keys,
      placeholder,
      filters,
    };
  }
  const gradeCosts = costs
    ? regionalGradeCosts(costs.sheet.name, costs.header.values, costs.body.values)
    : null;
  return { tables, defaults, gradeCosts };
}

interface WriteReport {
  /** rows deleted per table */
  readonly deleted: Partial<Record<TableName, number>>;
  /** rows appended per table */
  readonly appended: Partial<Record<TableName, number>>;
  readonly syncs: number;
  /** tables whose filter was cleared for the import (and, when it finished, put back) */
  readonly unfiltered: readonly { readonly table: TableName; readonly sheet: string }[];
  /** set when Excel refused to put the filters back: the rows are written, the filters stay cleared */
  readonly filtersNotRestored?: string;
}

class PartialWriteError extends Error {
  constructor(
    message: string,
    readonly report: WriteReport,
  ) {
    super(message);
    this.name = "PartialWriteError";
  }
}

/**
 * Queues one return's changes to the regional GradeCosts (core/consolidation/grade-costs.ts): blank costs
 * filled cell by cell, grades the table lacks added as rows (the grade as inert text, other columns
 * blank; a blank placeholder row takes the first). Returns the bytes queued.
 */
function queueGradeCosts(
  context: Excel.RequestContext,
  table: RegionalGradeCosts,
  changes: GradeCostChanges,
): number {
  if (table.gradeIndex < 0 || table.costIndex < 0) return 0;
  const t = context.workbook.tables.getItem(GRADE_COSTS.name);
  let bytes = 0;
  for (const f of changes.fill) {
    t.getDataBodyRange().getCell(f.row, table.costIndex).values = [[f.cost]];
    bytes += jsonBytes(f.cost) + DELETE_BLOCK_COST;
  }
  if (changes.add.length > 0) {
    const rows = gradeCostRowsToAdd(table, changes.add);
    let rest = rows;
    if (table.placeholder) {
      t.getDataBodyRange().getRow(0).values = [rows[0]];
      rest = rows.slice(1);
    }
    if (rest.length > 0) t.rows.add(undefined, rest);
    bytes += jsonBytes(rows) + DELETE_BLOCK_COST;
  }
  return bytes;
}

/**
 * Applies one return's plan to the regional tables read in `state`: deletes the replaced rows and
 * adds the new ones, and makes the return's changes to GradeCosts (in the first sync) — 1 sync,
 * plus one per further SYNC_BUDGET_BYTES of rows.
 */
// exported for tests
export async function writePlan(
  context: Excel.RequestContext,
  state: RegionalState,
  plan: Pick<ConsolidationPlan, "replace" | "append">,
  maxPayload = MAX_SYNC_PAYLOAD,
  costs?: GradeCostChanges,
): Promise<WriteReport> {
  const deleted: Partial<Record<TableName, number>> = {};
  const appended: Partial<Record<TableName, number>> = {};
  const unfiltered: (ClearedTable & { table: TableName })[] = [];
  let syncs = 0;
  let used = 0;
  for (const append of plan.append) {
    if (!state.tables[append.table]) {
      const sheet = TABLES.find((t) => t.name === append.table)?.sheet ?? append.table;
      throw new PartialWriteError(
        `The regional workbook has no ${append.table} table (sheet ${sheet}): run set-up (Set up the workbook) first, then import again.`,
        { deleted: {}, appended: {}, syncs, unfiltered },
      );
    }
  }
  context.application.suspendApiCalculationUntilNextSync();
  /** per table: whether its first new row fills a blank body row (the rest are added after it) */
  const start = new Map<TableName, { fill: boolean }>();
  for (const spec of TABLES) {
    const table = state.tables[spec.name];
    if (!table) continue;
    const adding = plan.append.some((a) => a.table === spec.name && a.rows.length > 0);
    const rows = rowsToReplace(table.keys, plan.replace, state.defaults);
    if (table.filters.length > 0 && (adding || rows.length > 0)) {
      // Excel refuses to delete rows of a filtered table (office-js#994): clear, put back at the end
      queueClearFilters(context, spec.name);
      unfiltered.push({ table: spec.name, sheet: table.sheet, filters: table.filters });
    }
    // every row replaced: keep the top one to fill (a table always keeps one body row)
    const all = rows.length === table.keys.length && rows.length > 0;
    const t = context.workbook.tables.getItem(spec.name);
    for (const block of deletionBlocks(all ? rows.slice(1) : rows)) {
      t.getDataBodyRange()
        .getRow(block.start)
        .getResizedRange(block.count - 1, 0)
        .delete("Up");
      used += DELETE_BLOCK_COST;
    }
    if (rows.length > 0) deleted[spec.name] = rows.length;
    const remaining = table.keys.length - rows.length;
    const fill = all || (table.placeholder && remaining === 1);
    if (all && !adding) {
      // nothing to add: the kept top row is emptied (its calculated cells keep their formula)
      const calculated = new Set(calculatedColumns(spec.name, table.headers).map((c) => c.index));
      table.headers.forEach((_, j) => {
        if (!calculated.has(j)) t.getDataBodyRange().getCell(0, j).values = [[""]];
      });
    }
    start.set(spec.name, { fill });
  }

  const queue: {
    table: TableName;
    rows: OutCell[][];
    calculated: { index: number; formula: string }[];
  }[] = [];
  for (const append of plan.append) {
    const table = state.tables[append.table];
    if (!table || append.rows.length === 0) continue;
    const calculated = calculatedColumns(append.table, table.headers);
    // each new row carries its calculated cells' formula (a value starting with "=" is a formula)
    const rows = rowsForTable(append, table.headers);
    for (const row of rows) for (const c of calculated) row[c.index] = c.formula;
    queue.push({ table: append.table, rows, calculated });
  }
  if (costs && state.gradeCosts) used += queueGradeCosts(context, state.gradeCosts, costs);
  let pending = used > 0 || unfiltered.length > 0;
  /**
   * Syncs what is queued; the last sync carries the filters to put back (`restoring`): it resolves
   * to Excel's reason when only their re-apply was refused, every write before it done.
   */
  const flush = async (restoring: readonly ClearedTable[] = []): Promise<string | undefined> => {
    let refused: string | undefined;
    try {
      refused = await syncRestoringFilters(context, restoring);
    } catch (e) {
      throw new PartialWriteError(describeError(e), {
        deleted: syncs === 0 ? {} : deleted,
        appended,
        syncs,
        unfiltered,
      });
    }
    syncs++;
    used = 0;
    pending = false;
    return refused;
  };
  const written: Partial<Record<TableName, number>> = {};
  for (const q of queue) {
    const where = start.get(q.table) ?? { fill: false };
    for (const batch of payloadBatches(q.rows, maxPayload, used)) {
      const filling = where.fill && (written[q.table] ?? 0) === 0;
      const size = jsonBytes(batch);
      if (pending && used + size > maxPayload) {
        await flush();
        for (const [k, v] of Object.entries(written)) appended[k as TableName] = v;
        context.application.suspendApiCalculationUntilNextSync();
      }
      const t = context.workbook.tables.getItem(q.table);
      const done = written[q.table] ?? 0;
      let rows = batch;
      if (filling) {
        // the blank top row: written in place (through formulas, as its calculated cells are)
        t.getDataBodyRange().getRow(0).formulas = [batch[0]];
        rows = batch.slice(1);
      }
      if (rows.length > 0) t.rows.add(undefined, rows);
      written[q.table] = done + batch.length;
      used += size;
      pending = true;
    }
  }
  // the filters cleared above, put back as they were after the last write, in the same sync
  queueRestoreFilters(context, unfiltered);
  const refused = pending || syncs === 0 || unfiltered.length > 0 ? await flush(unfiltered) : undefined;
  for (const [k, v] of Object.entries(written)) appended[k as TableName] = v;
  return { deleted, appended, syncs, unfiltered, ...(refused ? { filtersNotRestored: refused } : {}) };
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
  const filters = report.unfiltered.length
    ? ` The filter of ${report.unfiltered.map((u) => u.table).join(", ")} was cleared and not put back: apply it again (Data > Filter).`
    : "";
  return (
    `Importing ${file} stopped: ${why}.${filters} ` +
    (report.syncs > 0
      ? `Written so far: ${[deleted, ...parts].filter((x) => x).join("; ")}. `
      : "Nothing of it was written (if Excel applied part of the refused request, importing again replaces it). ") +
    `Import ${file} again to replace what was written with the whole return.`
  );
}

/**
 * Imports the importable files in district order (as the command-line consolidation takes them):
 * per file ≤ 3 syncs (2 unless its rows exceed 4 MB). Each return's grade costs go into the
 * regional GradeCosts in the same syncs (core/consolidation/grade-costs.ts): blank costs filled, missing
 * grades added, a cost already there kept with a warning when a return differs. Progress after
 * each file; cancel between files.
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
  const costs = new GradeCostLedger();
  const result = (end: { cancelled: boolean; error?: string }): ImportResult => ({
    imported,
    skipped,
    warnings: [...warnings, ...costs.warnings()],
    ...end,
    ...(costs.taken.length > 0 ? { gradeCosts: costs.taken } : {}),
  });
  options.onProgress?.({ fraction: 0, message: `Reading ${files.length} file(s)…` });
  const read = await readAll(files, deps.readFile ?? readReturnFile);
  const returns: AuditReturn[] = [];
  for (const r of read) {
    if (r.ret) returns.push(r.ret);
    else
      skipped.push(skip(r.file.name, { kind: "unreadable", why: r.error ?? "the file could not be read" }));
  }
  // decide over all files at once: errors, missing district, the later of two same returns
  // (grade costs are left out here: each return's are compared with the regional workbook's below)
  const overall = planConsolidation([], returns.map(withoutGradeCosts), { currentYear: deps.currentYear });
  skipped.push(...overall.skipped);
  warnings.push(...overall.warnings);
  const order = new Map(overall.imported.map((i, n) => [i.file, n]));
  const toImport = returns
    .filter((ret) => order.has(ret.file))
    .sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  for (let i = 0; i < toImport.length; i++) {
    const ret = toImport[i];
    if (options.signal?.aborted) {
      for (const rest of toImport.slice(i)) skipped.push(skip(rest.file, { kind: "cancelled" }));
      return result({ cancelled: true });
    }
    options.onProgress?.({
      fraction: i / toImport.length,
      message: `Importing ${ret.file} (${i + 1} of ${toImport.length})`,
    });
    let state: RegionalState;
    try {
      state = await readRegional(context);
    } catch (e) {
      return result({
        cancelled: false,
        error: `Importing ${ret.file} stopped: ${describeError(e)}. Nothing of it was written.`,
      });
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
    const changes = costs.plan(state, ret);
    try {
      const report = await writePlan(context, state, plan, deps.maxPayload, changes);
      imported.push({ file: ret.file, rows: item.rows, replaced: item.replaced });
      costs.record(state, ret, changes);
      for (const u of report.unfiltered)
        warnings.push({
          severity: "warning",
          sheet: u.sheet,
          message: filterWarning(
            u.table,
            `importing ${ret.file} cleared its filter to replace and add rows`,
            report.filtersNotRestored,
          ),
        });
    } catch (e) {
      const report: WriteReport =
        e instanceof PartialWriteError ? e.report : { deleted: {}, appended: {}, syncs: 0, unfiltered: [] };
      // the grade costs go with the first write sync: said as taken once that sync went through
      if (report.syncs > 0) costs.record(state, ret, changes);
      const why = e instanceof PartialWriteError ? e.message : describeError(e);
      return result({ cancelled: false, error: partialMessage(ret.file, report, plan, why) });
    }
  }
  options.onProgress?.({ fraction: 1, message: `Imported ${imported.length} file(s)` });
  return result({ cancelled: false });
}

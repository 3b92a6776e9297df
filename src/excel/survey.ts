/**
 * The survey import in Excel: read the open workbook (2 syncs: where the tables are, then their
 * cells, with the Partner survey table's column filters), plan the rows in the core against the
 * workbook as it is now (so a response already there is not added twice), then add them to the
 * Partner survey table and remember the mapping on the Settings sheet in one more sync: 3 in all.
 * Rows go in batches under the request budget (Excel on the web refuses requests over 5 MB), so a
 * very large file takes one sync more per 4 MB of cells, never one per row. Text is written inert
 * (a value starting with "=" stays text).
 *
 * A filtered Partner survey table has its filter cleared before the rows are added and put back
 * at the end of the last write sync, as the import of district returns does (table-filters.ts);
 * the result's warnings say so, and say how to filter again if Excel refused to put it back.
 */
import { PARTNER_SURVEY, SHEETS, SURVEY_MAPPING } from "../core/model/blueprint";
import { columnIndex, parseA1 } from "../core/model/a1";
import { isBlank } from "../core/model/cell-rules";
import { labelKey } from "../core/model/labels";
import type {
  Progress,
  SurveyColumnMapping,
  SurveyFileTable,
  SurveyImportOptions,
  SurveyImportResult,
  SurveyTarget,
} from "../core/model/operations";
import { readReturn } from "../core/returns/read-return";
import { planSurveyImport, savedMappingText, surveyTableProblem } from "../core/survey/import";
import type { CellValue, SheetGrid, WorkbookGrid } from "../core/model/workbook-data";
import { inertValue } from "../core/consolidation/inert-text";
import { payloadBatches } from "../core/consolidation/import-plan";
import { SYNC_BUDGET_BYTES, jsonBytes } from "./payload";
import { readWorkbookGrid, type ReadOptions } from "./read-tables";
import {
  activeFilters,
  filterWarning,
  queueClearFilters,
  queueRestoreFilters,
  syncRestoringFilters,
  type ClearedTable,
} from "./table-filters";

/** Reads what the survey needs from the workbook: 2 syncs. */
export async function readSurveyTarget(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<SurveyTarget> {
  const workbook = readReturn(await readWorkbookGrid(context, options), "");
  return { workbook, ...(workbook.surveyMapping ? { savedMapping: workbook.surveyMapping } : {}) };
}

const text = (v: CellValue | undefined): string =>
  typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";

/**
 * The 1-based row of the Settings sheet where the mapping is (or goes): its labelled row, else one
 * blank row under the last setting, or further down past any cell of A:B the user has filled.
 */
function mappingRow(grid: WorkbookGrid): number {
  const sheet = grid.sheets.find((s) => labelKey(s.name) === labelKey(SHEETS.settings));
  const rows = sheet?.rows ?? [];
  let last = 0;
  for (let r = 0; r < rows.length; r++) {
    const a = text(rows[r]?.[0]);
    if (labelKey(a) === labelKey(SURVEY_MAPPING.label)) return r + 1;
    if (a.trim() !== "") last = r + 1;
  }
  let row = last + 2;
  while (!isBlank(rows[row - 1]?.[1] ?? null)) row++;
  return row;
}

function surveySheet(grid: WorkbookGrid, sheetName: string): SheetGrid | undefined {
  return grid.sheets.find((s) => s.name === sheetName);
}

function stopped(
  partial: Omit<SurveyImportResult, "error" | "cancelled" | "warnings">,
  warnings: readonly string[],
  error?: string,
): SurveyImportResult {
  return { ...partial, cancelled: error === undefined, warnings, ...(error ? { error } : {}) };
}

/** Where the reads stand on the Partner survey table's filters (loaded with the workbook's cells). */
interface FilterRead {
  probe?: Excel.Table;
  columns?: Excel.TableColumnCollection;
}

/**
 * The workbook's cells (readWorkbookGrid, 2 syncs) with, in those same syncs, whether the Partner
 * survey table exists (first sync, asked with getItemOrNullObject: only isNullObject is read) and
 * then, if it does, every column's filter criteria.
 */
async function readWithFilters(
  context: Excel.RequestContext,
  options: ReadOptions,
): Promise<{ grid: WorkbookGrid; filters: FilterRead }> {
  const filters: FilterRead = {};
  const grid = await readWorkbookGrid(context, {
    ...options,
    alsoLoad: () => {
      options.alsoLoad?.();
      filters.probe = context.workbook.tables.getItemOrNullObject(PARTNER_SURVEY.name).load("name");
    },
    thenLoad: () => {
      options.thenLoad?.();
      if (filters.probe && !filters.probe.isNullObject)
        filters.columns = context.workbook.tables
          .getItem(PARTNER_SURVEY.name)
          .columns.load("items/filter/criteria");
    },
  });
  return { grid, filters };
}

/**
 * Adds a file's responses to the Partner survey table and remembers the mapping: 3 syncs (more
 * only past 4 MB of cells), a filtered table included.
 */
export async function importSurvey(
  context: Excel.RequestContext,
  table: SurveyFileTable,
  mapping: SurveyColumnMapping,
  options: SurveyImportOptions = {},
  readOptions: ReadOptions & { readonly maxPayload?: number } = {},
): Promise<SurveyImportResult> {
  const progress = (p: Progress): void => options.onProgress?.(p);
  progress({ fraction: 0, message: "Reading the workbook…" });
  const { grid, filters: filterRead } = await readWithFilters(context, readOptions);
  let syncs = 2;
  const workbook = readReturn(grid, "");
  const data = workbook.tables.PartnerSurvey;
  // the table and its Response ID column first: without them nothing is planned
  const missingTable = surveyTableProblem(workbook, {});
  if (!data || missingTable !== undefined) throw new Error(missingTable);
  const plan = planSurveyImport({ table, mapping, workbook });
  const base = {
    planned: plan.rows.length,
    alreadyImported: plan.alreadyImported,
    repeated: plan.repeated,
    notImported: plan.notImported,
    findings: plan.findings.length,
  };
  if (options.signal?.aborted) return stopped({ ...base, added: 0, mappingSaved: false, syncs }, []);

  // the table's own column order, as its header row has it
  const sheet = surveySheet(grid, data.sheet);
  const headerCells = sheet?.rows[data.headerRow - 1] ?? [];
  // each column of the table → the Partner survey column it is, as the reader matched its header
  const keyAt = new Map<number, string>();
  for (const [key, at] of Object.entries(data.columns)) keyAt.set(columnIndex(at.letter), key);
  const firstColumn = Math.min(...keyAt.keys());
  const own = sheet?.tables?.find((t) => t.name === PARTNER_SURVEY.name);
  const area = own ? parseA1(own.range) : undefined;
  const c0 = area?.c0 ?? (Number.isFinite(firstColumn) ? firstColumn : 0);
  const c1 = area?.c1 ?? headerCells.length - 1;
  const keys: (string | undefined)[] = [];
  for (let c = c0; c <= c1; c++) keys.push(keyAt.get(c));
  // a column the mapping fills that the table lacks (deleted or renamed): its answers could not be
  // written, and importing again would not bring them (the rows would be already imported)
  const unwritten = surveyTableProblem(
    workbook,
    mapping,
    (key) => key === "responseId" || keys.includes(key),
  );
  if (unwritten !== undefined && plan.rows.length > 0) throw new Error(unwritten);
  const rows = plan.rows.map((r) =>
    keys.map((k) => (k === undefined ? "" : inertValue(r.values[k] ?? null))),
  );
  // a fresh table's one blank body row is filled rather than left blank above the new rows; a body
  // row holding anything at all (a District filled in, a value in a column of the user's own) is
  // the user's and is kept: the rows go under it
  const bodyCells = area !== undefined ? (sheet?.rows[area.r1] ?? []) : [];
  const placeholder =
    area !== undefined &&
    area.r1 - area.r0 === 1 &&
    data.rows.length === 0 &&
    bodyCells.slice(area.c0, area.c1 + 1).every((v) => isBlank(v));

  const budget = readOptions.maxPayload ?? SYNC_BUDGET_BYTES;
  const t = context.workbook.tables.getItem(PARTNER_SURVEY.name);
  // a filtered table: cleared before the first row goes in, put back after the last
  const filters = activeFilters((filterRead.columns?.items ?? []).map((c) => c.filter.criteria));
  const cleared: ClearedTable[] =
    filters.length > 0 && rows.length > 0 ? [{ table: PARTNER_SURVEY.name, sheet: data.sheet, filters }] : [];
  const warnings: string[] = [];
  const clearedBy = "importing the responses cleared its filter to add rows";
  /** the last sync: the filter goes back at its end; a refusal of that alone is a warning */
  const finalSync = async (): Promise<void> => {
    queueRestoreFilters(context, cleared);
    const refused = await syncRestoringFilters(context, cleared);
    if (cleared.length > 0) warnings.push(filterWarning(PARTNER_SURVEY.sheet, clearedBy, refused));
  };
  const failed = (e: unknown): string =>
    `${reason(e, added)}${cleared.length > 0 ? `. The ${PARTNER_SURVEY.sheet} table's filter was cleared for the import and not put back: apply it again (Data > Filter)` : ""}`;
  for (const c of cleared) queueClearFilters(context, c.table);
  const mappingText = savedMappingText(mapping, table.headers);
  const saveMapping = mappingText.length <= 32_767;
  if (saveMapping) {
    const row = mappingRow(grid);
    context.workbook.worksheets.getItem(SHEETS.settings).getRange(`A${row}:B${row}`).values = [
      [SURVEY_MAPPING.label, mappingText],
    ];
  }
  let used = saveMapping ? jsonBytes(mappingText) : 0;
  let added = 0;
  let queued = 0;
  const batches = payloadBatches(rows, budget, used);
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i];
    if (queued > 0 && used + jsonBytes(batch) > budget) {
      if (options.signal?.aborted) {
        // stopped between batches: the rows already queued are sent (Excel.run would send them
        // anyway when the batch ends, so they are counted), and a filter cleared in an earlier sync
        // goes back with them
        try {
          await finalSync();
        } catch (e) {
          return stopped({ ...base, added, mappingSaved: false, syncs: syncs + 1 }, warnings, failed(e));
        }
        syncs++;
        added += queued;
        return stopped({ ...base, added, mappingSaved: saveMapping && added > 0, syncs }, warnings);
      }
      try {
        await context.sync();
      } catch (e) {
        return stopped({ ...base, added, mappingSaved: false, syncs: syncs + 1 }, warnings, failed(e));
      }
      syncs++;
      added += queued;
      queued = 0;
      used = 0;
      progress({
        fraction: added / Math.max(1, rows.length),
        message: `Added ${added.toLocaleString("en-GB")} of ${rows.length.toLocaleString("en-GB")} rows`,
      });
    }
    context.application.suspendApiCalculationUntilNextSync();
    let rest = batch;
    if (i === 0 && placeholder) {
      t.getDataBodyRange().getRow(0).values = [batch[0]];
      rest = batch.slice(1);
    }
    if (rest.length > 0) t.rows.add(undefined, rest);
    queued += batch.length;
    used += jsonBytes(batch);
  }
  try {
    await finalSync();
  } catch (e) {
    return stopped({ ...base, added, mappingSaved: false, syncs: syncs + 1 }, warnings, failed(e));
  }
  syncs++;
  added += queued;
  progress({ fraction: 1, message: `Added ${added.toLocaleString("en-GB")} rows` });
  return { ...base, added, mappingSaved: saveMapping, cancelled: false, syncs, warnings };
}

function reason(e: unknown, added: number): string {
  const why = e instanceof Error ? e.message : String(e);
  return `Excel refused the rows (${why}). ${added.toLocaleString("en-GB")} rows were added before it; importing the same file again adds only the rest`;
}

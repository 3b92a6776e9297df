/**
 * Adding and deleting rows of a table that has an active filter, as Excel allows it: the import of
 * district returns and the survey import both go through here.
 *
 * Excel refuses to delete rows of a filtered table (office-js issue 994), and rows written under a
 * filter can land among hidden rows. So a filtered table has its filter cleared
 * (Table.clearFilters, ExcelApi 1.2) before the writes, and its criteria applied again
 * (TableColumn.filter.apply) after them, at the end of the writes' last sync, not in a sync of its
 * own. Criteria as loaded carry null properties that apply() refuses (office-js issue 1226), so
 * they are applied with the nulls removed.
 *
 * Excel may still refuse the criteria (office-js issue 3030 shows the clear → apply sequence
 * failing). Excel runs a sync's commands in order and stops at the first that fails; those before
 * it stay done. A trace marker (context.trace) is queued between the last write and the first
 * apply: the error of a failed sync lists the trace messages Excel reached before the failure
 * (OfficeExtension.Error.traceMessages). With the marker there, every write ran and only the
 * re-apply was refused: the writes are complete, the filter stays cleared, and the caller tells
 * the user how to filter again. Without it, a write failed and the error is thrown as it came.
 */
import { describeError } from "./errors";

/** A filter to put back after the writes: a column of the table (0-based) and its criteria as read. */
export interface SavedFilter {
  readonly index: number;
  readonly criteria: Excel.FilterCriteria;
}

/** A table whose filter is cleared for the writes, and the filters to put back. */
export interface ClearedTable {
  readonly table: string;
  readonly sheet: string;
  readonly filters: readonly SavedFilter[];
}

/** The trace message queued between the last write and the first re-applied filter. */
const WRITES_DONE_MARKER = "partnership-audit: rows written; filters next";

/**
 * Criteria as loaded, made fit to apply again: Excel gives every property of FilterCriteria,
 * those not set as null, and refuses null properties in apply() (office-js issue 1226).
 */
function restorableCriteria(criteria: Excel.FilterCriteria): Excel.FilterCriteria {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(criteria)) if (v !== null && v !== undefined) out[k] = v;
  return out as unknown as Excel.FilterCriteria;
}

/**
 * The active filters among criteria read column by column (position = column index): a column
 * without a filter reads null, or criteria without filterOn.
 */
export function activeFilters(criteria: readonly (Excel.FilterCriteria | null | undefined)[]): SavedFilter[] {
  const out: SavedFilter[] = [];
  criteria.forEach((c, index) => {
    if (c && typeof c.filterOn === "string") out.push({ index, criteria: c });
  });
  return out;
}

/** Queues the clearing of a table's filter, ahead of the writes to it. */
export function queueClearFilters(context: Excel.RequestContext, table: string): void {
  context.workbook.tables.getItem(table).clearFilters();
}

/**
 * Queues, after the last write of a batch, the marker and the re-apply of every cleared table's
 * filters. Nothing is queued when no table was cleared.
 */
export function queueRestoreFilters(context: Excel.RequestContext, cleared: readonly ClearedTable[]): void {
  if (cleared.length === 0) return;
  context.trace(WRITES_DONE_MARKER);
  for (const c of cleared) {
    const columns = context.workbook.tables.getItem(c.table).columns;
    for (const f of c.filters) columns.getItemAt(f.index).filter.apply(restorableCriteria(f.criteria));
  }
}

/** Whether a failed sync reached the marker: every write queued before it ran. */
function reachedMarker(e: unknown): boolean {
  const messages = (e as { traceMessages?: unknown } | null)?.traceMessages;
  return Array.isArray(messages) && messages.includes(WRITES_DONE_MARKER);
}

/**
 * Syncs a batch that ends with queueRestoreFilters. Resolves to undefined when everything ran,
 * or to Excel's reason (said for people) when only the re-apply was refused, every write before
 * it done; rethrows the error when a write failed (or the batch failed before the marker).
 */
export async function syncRestoringFilters(
  context: Excel.RequestContext,
  cleared: readonly ClearedTable[],
): Promise<string | undefined> {
  try {
    await context.sync();
    return undefined;
  } catch (e) {
    if (cleared.length > 0 && reachedMarker(e)) return describeError(e);
    throw e;
  }
}

/**
 * What the user is told about a table whose filter was cleared for the writes: `cleared` says who
 * cleared it and why (e.g. "importing D01.xlsx cleared its filter to replace and add rows").
 */
export function filterWarning(table: string, cleared: string, refused: string | undefined): string {
  return refused
    ? `The ${table} table was filtered: ${cleared}, and Excel refused to put it back (${refused}). The import is complete; to filter again, use the filter buttons in the table's header row (Data > Filter).`
    : `The ${table} table was filtered: ${cleared}, and put it back afterwards (rows it added may be hidden by the filter).`;
}

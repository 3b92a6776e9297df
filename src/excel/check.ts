/**
 * Check the open workbook: read a snapshot (2 syncs, src/excel/read-tables.ts), run the core's
 * checks in chunks of rows, yielding to the event loop between chunks so the pane stays
 * responsive (progress, cancel), then optionally mark the cells that have findings (1 sync).
 * 3 syncs in all on a set-up workbook of up to about 4 MB of cell data; a larger one is read in as
 * few more syncs as Excel's 5 MB response limit allows (read-tables.ts, payload.ts).
 *
 * Snapshot: the checks run on the values as read. If someone edits while the checks run, the
 * findings still describe the cells as they were at the read (sheet, row, column, address); a
 * row inserted meanwhile above a finding shifts the cell it meant. Check again after editing.
 *
 * Marks: a light red fill on each cell with a finding (at most MAX_MARKS), written in one batch.
 * The marked addresses are kept in the document's add-in settings (workbook.settings), so that
 * clearMarks — and the next check, which clears the previous marks first — remove exactly the
 * fills the add-in set (a fill the user had on such a cell is replaced by the mark and then
 * cleared).
 */
import { createReturnChecker, type ReturnCheckOptions } from "../core/checks";
import type { Finding } from "../core/findings";
import { readReturn } from "../core/returns";
import type { CheckOptions, CheckResult } from "../core/operations";
import { readWorkbookGrid, type ReadOptions } from "./read-tables";

export const MARK_FILL = "#F8CBAD";
/** The workbook setting holding the marked cells. */
export const MARKS_SETTING = "PartnershipAudit.marks";
/** Cells marked at most in one check (each mark is one small request element). */
export const MAX_MARKS = 5000;

export interface Mark {
  readonly sheet: string;
  readonly address: string;
}

/** Waits for a macrotask, so that the pane can repaint and handle clicks between chunks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface CheckDeps extends ReadOptions {
  readonly yieldToEventLoop?: () => Promise<void>;
  readonly checkOptions?: ReturnCheckOptions;
}

function parseMarks(value: unknown): Mark[] {
  if (typeof value !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (m): m is Mark =>
        typeof m === "object" &&
        m !== null &&
        typeof (m as Mark).sheet === "string" &&
        typeof (m as Mark).address === "string",
    );
  } catch {
    return [];
  }
}

/** The cells to mark: one per finding with an address, each cell once. */
export function marksOf(findings: readonly Finding[]): Mark[] {
  const seen = new Set<string>();
  const out: Mark[] = [];
  for (const f of findings) {
    if (!f.address || f.file) continue;
    const k = `${f.sheet}!${f.address}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ sheet: f.sheet, address: f.address });
    if (out.length >= MAX_MARKS) break;
  }
  return out;
}

function queueClear(context: Excel.RequestContext, marks: readonly Mark[]): void {
  for (const m of marks) {
    context.workbook.worksheets.getItem(m.sheet).getRange(m.address).format.fill.clear();
  }
}

/** Reads, checks in chunks, marks: ≤ 3 syncs. */
export async function checkWorkbook(
  context: Excel.RequestContext,
  options: CheckOptions = {},
  deps: CheckDeps = {},
): Promise<CheckResult> {
  const tick = deps.yieldToEventLoop ?? yieldToEventLoop;
  options.onProgress?.({ fraction: 0, message: "Reading the tables…" });
  let previous: Excel.Setting | undefined;
  const grid = await readWorkbookGrid(context, {
    ...deps,
    alsoLoad: () => {
      if (options.markCells)
        previous = context.workbook.settings.getItemOrNullObject(MARKS_SETTING).load("value");
    },
  });
  const ret = readReturn(grid, "");
  const checker = createReturnChecker(ret, deps.checkOptions);
  const findings: Finding[] = [];
  let cancelled = false;
  for (;;) {
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    const step = checker.checkNext();
    findings.push(...step.findings);
    if (step.done) break;
    options.onProgress?.({
      fraction: step.total === 0 ? 1 : step.checked / step.total,
      message: `Checked ${step.checked.toLocaleString("en-GB")} of ${step.total.toLocaleString("en-GB")} rows`,
    });
    await tick();
  }
  if (options.markCells && !cancelled) {
    // marks on a sheet that is gone (renamed or deleted) cannot be cleared and are forgotten
    const present = new Set(grid.sheets.map((g) => g.name));
    const old = (previous && !previous.isNullObject ? parseMarks(previous.value) : []).filter((m) =>
      present.has(m.sheet),
    );
    const marks = marksOf(findings);
    queueClear(context, old);
    for (const m of marks) {
      context.workbook.worksheets.getItem(m.sheet).getRange(m.address).format.fill.color = MARK_FILL;
    }
    context.workbook.settings.add(MARKS_SETTING, JSON.stringify(marks));
    await context.sync();
  }
  options.onProgress?.({
    fraction: 1,
    message: cancelled ? "Check cancelled" : `${findings.length} finding(s)`,
  });
  return { findings, rowsChecked: checker.total, cancelled };
}

/** Removes the fills of the last marking: 2 syncs (read the list and the sheets, clear). */
export async function clearMarks(context: Excel.RequestContext): Promise<void> {
  const setting = context.workbook.settings.getItemOrNullObject(MARKS_SETTING).load("value");
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  if (setting.isNullObject) return;
  const present = new Set(sheets.items.map((s) => s.name));
  queueClear(
    context,
    parseMarks(setting.value).filter((m) => present.has(m.sheet)),
  );
  setting.delete();
  await context.sync();
}

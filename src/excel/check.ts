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
 *
 * What a marking request costs: each sheet is addressed once, and its cells go as a few
 * Worksheet.getRanges calls ("A2,H7,…", ExcelApi 1.9; one fill command for many cells, as
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-multiple-ranges recommends),
 * each address at most MARK_ADDRESS_CHARS long (office-js issue 5198: getRanges refuses addresses of
 * about 8,200 characters). One command per cell, each fetching its sheet, took about 500 bytes of
 * request per mark: 5,000 marks and 5,000 earlier marks to clear went past Excel on the web's 5 MB
 * request limit. The marks and clears are bounded by MARK_BUDGET_BYTES of addresses and settings.
 *
 * A marking that fails never loses the check: the findings are returned with `marksError`. The
 * setting is written first with the old and the new marks together (so a request that stops half
 * way leaves every fill it may have set listed for clearing), and last with the new marks alone.
 */
import { createReturnChecker, type ReturnCheckOptions } from "../core/returns/checks";
import type { Finding } from "../core/model/findings";
import { readReturn } from "../core/returns/read-return";
import type { CheckOptions, CheckResult } from "../core/model/operations";
import { describeError } from "./errors";
import { readWorkbookGrid, type ReadOptions } from "./read-tables";

// exported for tests
export const MARK_FILL = "#F8CBAD";
/** The workbook setting holding the marked cells. */
// exported for tests
export const MARKS_SETTING = "PartnershipAudit.marks";
/** Cells marked at most in one check. */
// exported for tests
export const MAX_MARKS = 5000;
/** The longest address handed to one Worksheet.getRanges (see the header). */
const MARK_ADDRESS_CHARS = 2000;
/** Bytes of addresses and settings one marking request may carry (a margin under 5 MB). */
const MARK_BUDGET_BYTES = 2_000_000;

export interface Mark {
  readonly sheet: string;
  readonly address: string;
}

/** Waits for a macrotask, so that the pane can repaint and handle clicks between chunks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface CheckDeps extends ReadOptions {
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
function marksOf(findings: readonly Finding[]): Mark[] {
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

/** Each sheet's cells as addresses for Worksheet.getRanges, each at most `maxChars` long. */
function addressesBySheet(
  marks: readonly Mark[],
  maxChars = MARK_ADDRESS_CHARS,
): { sheet: string; addresses: string[] }[] {
  const bySheet = new Map<string, string[]>();
  for (const m of marks) {
    const list = bySheet.get(m.sheet) ?? [""];
    const last = list[list.length - 1];
    if (last === "") list[list.length - 1] = m.address;
    else if (last.length + 1 + m.address.length <= maxChars) list[list.length - 1] = `${last},${m.address}`;
    else list.push(m.address);
    bySheet.set(m.sheet, list);
  }
  return [...bySheet].map(([sheet, addresses]) => ({ sheet, addresses }));
}

/** The sheets of one request, each asked for once. */
type Sheets = (name: string) => Excel.Worksheet;

function sheetsOf(context: Excel.RequestContext): Sheets {
  const seen = new Map<string, Excel.Worksheet>();
  return (name) => {
    let ws = seen.get(name);
    if (!ws) {
      ws = context.workbook.worksheets.getItem(name);
      seen.set(name, ws);
    }
    return ws;
  };
}

/** Queues one fill change for many cells: each sheet addressed once, its cells in a few getRanges. */
function queueFills(sheets: Sheets, marks: readonly Mark[], color: string | null): void {
  for (const { sheet, addresses } of addressesBySheet(marks)) {
    const ws = sheets(sheet);
    for (const address of addresses) {
      const fill = ws.getRanges(address).format.fill;
      if (color === null) fill.clear();
      else fill.color = color;
    }
  }
}

/** What marking takes in a request besides the fixed commands: addresses and settings, in bytes. */
function markBytes(old: readonly Mark[], marks: readonly Mark[]): number {
  const addresses = (list: readonly Mark[]) => list.reduce((n, m) => n + m.address.length + 1, 0);
  // the setting is written twice (old and new together, then new); about 40 bytes of JSON per mark
  return addresses(old) + addresses(marks) + 40 * (old.length + 2 * marks.length);
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
  // as many findings per column as there may be marks (each marks its cell); the rest are counted
  const checker = createReturnChecker(ret, { findingsPerColumn: MAX_MARKS, ...deps.checkOptions });
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
    let marks = marksOf(findings);
    while (marks.length > 0 && markBytes(old, marks) > MARK_BUDGET_BYTES)
      marks = marks.slice(0, Math.floor(marks.length / 2));
    try {
      const both = [...old, ...marks];
      context.workbook.settings.add(MARKS_SETTING, JSON.stringify(both));
      const sheets = sheetsOf(context);
      queueFills(sheets, old, null);
      queueFills(sheets, marks, MARK_FILL);
      context.workbook.settings.add(MARKS_SETTING, JSON.stringify(marks));
      await context.sync();
    } catch (e) {
      options.onProgress?.({ fraction: 1, message: `${findings.length} finding(s); cells not marked` });
      return { findings, rowsChecked: checker.total, cancelled, marksError: describeError(e) };
    }
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
  queueFills(
    sheetsOf(context),
    parseMarks(setting.value).filter((m) => present.has(m.sheet)),
    null,
  );
  setting.delete();
  await context.sync();
}

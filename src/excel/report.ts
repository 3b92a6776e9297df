/**
 * The report's read of the open workbook: the audit sheets as the core reads a return (2 syncs,
 * read-tables.ts; more only past ~4 MB of cells), then the core's checks a chunk of rows at a time,
 * yielding to the event loop between chunks so that the pane shows progress and can cancel. Nothing
 * is written to the workbook (no marks: that is Check's job) and nothing leaves it: the pane builds
 * the report from this data with the core.
 */
import { createReturnChecker, type ReturnCheckOptions } from "../core/returns/checks";
import type { Finding } from "../core/model/findings";
import type { AuditData, AuditDataOptions } from "../core/model/operations";
import { readReturn } from "../core/returns/read-return";
import { yieldToEventLoop } from "./check";
import { readWorkbookGrid, type ReadOptions } from "./read-tables";

interface AuditDataDeps extends ReadOptions {
  readonly yieldToEventLoop?: () => Promise<void>;
  readonly checkOptions?: ReturnCheckOptions;
}

/** Reads and checks the open workbook: 2 syncs (more only for very large tables). */
export async function readAuditData(
  context: Excel.RequestContext,
  options: AuditDataOptions = {},
  deps: AuditDataDeps = {},
): Promise<AuditData> {
  const tick = deps.yieldToEventLoop ?? yieldToEventLoop;
  options.onProgress?.({ fraction: 0, message: "Reading the tables…" });
  const workbook = readReturn(await readWorkbookGrid(context, deps), "");
  const checker = createReturnChecker(workbook, deps.checkOptions);
  const findings: Finding[] = [];
  for (;;) {
    if (options.signal?.aborted) return { workbook, findings, cancelled: true };
    const step = checker.checkNext();
    for (const f of step.findings) findings.push(f);
    if (step.done) break;
    options.onProgress?.({
      fraction: step.total === 0 ? 1 : step.checked / step.total,
      message: `Checked ${step.checked.toLocaleString("en-GB")} of ${step.total.toLocaleString("en-GB")} rows`,
    });
    await tick();
  }
  options.onProgress?.({ fraction: 1, message: "Checked every row" });
  return { workbook, findings, cancelled: false };
}

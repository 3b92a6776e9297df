/**
 * One run of the checks over a return: what the reader found, every cell (cells.ts), every row
 * against the others (cross-row.ts) and the GradeCosts table (grade-costs.ts), with the findings
 * per column bounded (limiter.ts). `checkReturn` does it all at once; `createReturnChecker` a chunk
 * of rows at a time, so that a task pane can show progress and cancel.
 */
import { TABLES, type TableSpec } from "../../model/blueprint";
import { toText } from "../../model/cell-rules";
import type { Finding } from "../../model/findings";
import { fullTimeOf } from "../../model/settings";
import type { AuditReturn, TableData } from "../../model/workbook-data";
import { compileColumn, type CellCheck, type Issue } from "./cells";
import { checkRowAcross, crossTable, hoursFindings, newCrossState, otherDistrictFindings } from "./cross-row";
import { gradeCostFindings } from "./grade-costs";
import { FINDINGS_PER_COLUMN, findingLimiter } from "./limiter";
import { vocabulariesOf } from "./vocabularies";

export interface ReturnCheckOptions {
  /** the year "Involved since" may not exceed; default: this year */
  readonly currentYear?: number;
  /** rows per step of iterateChecks / createReturnChecker (default 2,000) */
  readonly chunkRows?: number;
  /** leave out the reader's findings (missing tables and columns) that AuditReturn carries */
  readonly skipReaderFindings?: boolean;
  /** findings listed per sheet, column and severity before the rest are counted (default 200) */
  readonly findingsPerColumn?: number;
}

/** One step of an iterative check. */
interface CheckStep {
  /** rows checked so far, over all tables */
  readonly checked: number;
  /** rows to check in all */
  readonly total: number;
  /** the findings of this step */
  readonly findings: readonly Finding[];
}

interface TablePlan {
  readonly spec: TableSpec;
  readonly data: TableData;
  readonly checks: readonly { key: string; header: string; letter: string; check: CellCheck }[];
}

/** The rows a return has to check, over all tables. */
function rowsToCheck(ret: AuditReturn): number {
  return TABLES.reduce((n, t) => n + (ret.tables[t.name]?.rows.length ?? 0), 0);
}

/**
 * Check a return a chunk of rows at a time: each step yields the findings of up to `chunkRows`
 * rows (plus, at the end, the findings that need every row, such as hours per representative).
 * Stop iterating to cancel. Exported for tests, which compare its steps with checkReturn.
 */
export function* iterateChecks(
  ret: AuditReturn,
  options: ReturnCheckOptions = {},
): Generator<CheckStep, void> {
  const currentYear = options.currentYear ?? new Date().getFullYear();
  const chunk = Math.max(1, options.chunkRows ?? 2000);
  const total = rowsToCheck(ret);
  const vocabularies = vocabulariesOf(ret);
  const file = ret.file ? { file: ret.file } : {};
  const settingDistrict = toText(ret.settings.district ?? null) !== null;
  // more hours a year than one full-time post (the workbook's own, else the defaults) is implausible
  const fullTime = fullTimeOf(ret.settings).hoursPerYear;

  let pending: Finding[] = [];
  // at most FINDINGS_PER_COLUMN findings per sheet, column and severity; the rest are counted
  const limiter = findingLimiter(options.findingsPerColumn ?? FINDINGS_PER_COLUMN);
  const emit = (f: Finding): void => {
    if (limiter.admit(f)) pending.push(f);
  };
  if (!options.skipReaderFindings) for (const f of ret.findings) emit(f);
  let checked = 0;

  const plans: TablePlan[] = [];
  for (const spec of TABLES) {
    const data = ret.tables[spec.name];
    if (!data) continue;
    const checks = spec.columns.map((column) => {
      const where = data.columns[column.key];
      return {
        key: column.key,
        header: where?.header ?? column.header,
        letter: where?.letter ?? "",
        check: compileColumn(column, vocabularies, currentYear, settingDistrict),
      };
    });
    plans.push({ spec, data, checks: checks.filter((c) => c.letter !== "") });
    if (
      !settingDistrict &&
      data.columns.district === undefined &&
      spec.columns.some((c) => c.key === "district")
    ) {
      emit({
        ...file,
        severity: "error",
        sheet: data.sheet,
        row: data.headerRow,
        message: `the table has no District column and the Settings sheet has no District; fill in District on the Settings sheet`,
      });
    }
  }
  const state = newCrossState(ret, fullTime);

  for (const plan of plans) {
    const { spec, data } = plan;
    const checks = plan.checks;
    const across = crossTable(spec, data);
    const issues: Issue[] = [];
    for (const row of data.rows) {
      const excelRow = row.excelRow;
      for (const c of checks) {
        c.check(row.values[c.key] ?? null, issues);
        if (issues.length === 0) continue;
        for (const issue of issues) {
          // counted without building a finding once the column's list is full
          if (!limiter.admitKey(issue.severity, data.sheet, c.header)) continue;
          pending.push({
            ...file,
            severity: issue.severity,
            sheet: data.sheet,
            row: excelRow,
            column: c.header,
            address: `${c.letter}${excelRow}`,
            message: issue.message,
          });
        }
        issues.length = 0;
      }
      checkRowAcross(state, across, row, file, emit);
      checked++;
      if (checked % chunk === 0) {
        yield { checked, total, findings: pending };
        pending = [];
      }
    }
  }
  otherDistrictFindings(state, file, emit);
  // a loop, not push(...): a GradeCosts table of a million rows must not overflow the stack
  gradeCostFindings(ret, vocabularies, currentYear, file, (f) => pending.push(f), limiter.admitKey);
  hoursFindings(state, plans.find((p) => p.spec.name === "Representation")?.data, file, emit);
  for (const f of limiter.more(file)) pending.push(f);
  yield { checked, total, findings: pending };
}

/** All findings of a return at once: what the reader found, then every cell and cross-row check. */
export function checkReturn(ret: AuditReturn, options: ReturnCheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const step of iterateChecks(ret, { ...options, chunkRows: Number.MAX_SAFE_INTEGER })) {
    for (const f of step.findings) out.push(f);
  }
  return out;
}

/** A checker to drive by hand: each `checkNext()` checks the next `chunkRows` rows (default 2,000). */
interface ReturnChecker {
  readonly total: number;
  checkNext(): CheckStep & { readonly done: boolean };
}

export function createReturnChecker(ret: AuditReturn, options: ReturnCheckOptions = {}): ReturnChecker {
  const it = iterateChecks(ret, options);
  const total = rowsToCheck(ret);
  let finished = false;
  return {
    total,
    checkNext() {
      if (finished) return { checked: total, total, findings: [], done: true };
      const next = it.next();
      if (next.done) {
        finished = true;
        return { checked: total, total, findings: [], done: true };
      }
      return { ...next.value, done: false };
    },
  };
}

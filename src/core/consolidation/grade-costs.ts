/**
 * Grade costs when the task pane imports district returns into a regional workbook
 * (docs/value-for-time.md: the regional workbook's GradeCosts takes each grade's cost from the
 * returns). The pane imports one return at a time, in district order, into a workbook that may
 * already hold costs, so:
 * - a grade whose cost is blank in the regional GradeCosts takes the return's cost;
 * - a grade the table lacks gets a row with the return's cost;
 * - a cost the regional workbook already has is never overwritten: a return that costs the grade
 *   otherwise is a warning naming the grade and the returns (as the command-line consolidation
 *   warns when returns disagree), and the regional cost stays.
 * Importing returns one by one in district order therefore keeps the first return's cost, as the
 * command-line tool does, unless the regional workbook had its own.
 */
import { GRADE_COSTS } from "../model/blueprint";
import { isBlank, toLabel, toNumber } from "../model/cell-rules";
import { columnTyper } from "../model/schemas";
import type { Finding } from "../model/findings";
import { labelKey } from "../model/labels";
import type { AuditReturn, CellValue } from "../model/workbook-data";

/** One body row of the regional GradeCosts table, as read. */
export interface RegionalGradeCostRow {
  readonly grade: CellValue;
  readonly cost: CellValue;
}

/** What one return changes in the regional GradeCosts table. */
export interface GradeCostChanges {
  /** blank costs to fill: the body row (0-based) of the grade's first row, and the cost */
  readonly fill: readonly { readonly row: number; readonly grade: string; readonly cost: number }[];
  /** grades the table lacks: rows to add */
  readonly add: readonly { readonly grade: string; readonly cost: number }[];
  /** grades the regional workbook already costs otherwise: it keeps its cost (as read) */
  readonly disagree: readonly {
    readonly grade: string;
    readonly kept: number | string;
    readonly cost: number;
  }[];
}

/** The costs a return gives: the first cost of each grade (a grade listed twice is a check finding). */
function returnCosts(ret: AuditReturn): { grade: string; cost: number }[] {
  const seen = new Set<string>();
  const out: { grade: string; cost: number }[] = [];
  for (const e of gradeCostEntries(ret)) {
    const key = labelKey(e.grade);
    if (e.cost === null || seen.has(key)) continue;
    seen.add(key);
    out.push({ grade: e.grade, cost: e.cost });
  }
  return out;
}

/** True when the return costs at least one grade. */
export function hasGradeCosts(ret: AuditReturn): boolean {
  return returnCosts(ret).length > 0;
}

/** What importing `ret` changes in the regional GradeCosts rows (see the header). */
export function gradeCostChanges(
  regional: readonly RegionalGradeCostRow[],
  ret: AuditReturn,
): GradeCostChanges {
  /** grade key → its first body row */
  const first = new Map<string, number>();
  regional.forEach((r, i) => {
    const grade = toLabel(r.grade);
    if (grade !== null && !first.has(labelKey(grade))) first.set(labelKey(grade), i);
  });
  const fill: { row: number; grade: string; cost: number }[] = [];
  const add: { grade: string; cost: number }[] = [];
  const disagree: { grade: string; kept: number | string; cost: number }[] = [];
  for (const { grade, cost } of returnCosts(ret)) {
    const row = first.get(labelKey(grade));
    if (row === undefined) {
      add.push({ grade, cost });
      continue;
    }
    const cell = regional[row].cost;
    if (isBlank(cell)) {
      fill.push({ row, grade: toLabel(regional[row].grade) ?? grade, cost });
      continue;
    }
    const kept = toNumber(cell);
    if (kept === cost) continue;
    disagree.push({
      grade: toLabel(regional[row].grade) ?? grade,
      kept: kept ?? (typeof cell === "object" && cell !== null ? cell.error : String(cell)),
      cost,
    });
  }
  return { fill, add, disagree };
}

/** A disagreement met during an import: the return, the grade, the cost kept and the return's. */
export interface GradeCostDisagreement {
  readonly file: string;
  readonly grade: string;
  readonly kept: number | string;
  readonly cost: number;
}

/**
 * One warning per grade whose cost a return gives otherwise than the regional workbook, naming
 * the grade and the returns. `takenFrom` says which return of this import gave a grade its cost
 * (by grade key); a cost not taken from one was the regional workbook's own.
 */
export function gradeCostWarnings(
  disagreements: readonly GradeCostDisagreement[],
  takenFrom: ReadonlyMap<string, string>,
  sheet: string = GRADE_COSTS.sheet,
): Finding[] {
  const byGrade = new Map<string, GradeCostDisagreement[]>();
  for (const d of disagreements) {
    const key = labelKey(d.grade);
    const list = byGrade.get(key) ?? [];
    list.push(d);
    byGrade.set(key, list);
  }
  const out: Finding[] = [];
  for (const [key, list] of byGrade) {
    const { grade, kept } = list[0];
    const from = takenFrom.get(key);
    const others = list.map((d) => `${d.cost} in ${d.file}`).join(", ");
    const keptText = typeof kept === "number" ? String(kept) : `"${kept}"`;
    const where = from ? `${from} (taken into the regional workbook)` : "the regional workbook";
    const why =
      typeof kept === "number"
        ? `the regional workbook keeps ${keptText} (an import never overwrites a cost it already has), so agree which is right and correct the Hourly cost in ${GRADE_COSTS.name} if need be`
        : `that is not a number, so ${grade} is not costed: type the right Hourly cost in ${GRADE_COSTS.name}`;
    out.push({
      file: list[0].file,
      severity: "warning",
      sheet,
      message: `the hourly cost of ${grade} is ${keptText} in ${where} but ${others}; ${why}`,
    });
  }
  return out;
}

/** A return's grade costs, typed: grade label (as written) → cost (null when blank), with the row. */
export function gradeCostEntries(
  ret: AuditReturn,
): { grade: string; cost: number | null; excelRow: number }[] {
  const data = ret.gradeCosts;
  if (!data) return [];
  const [gradeColumn, costColumn] = GRADE_COSTS.columns;
  const typeGrade = columnTyper(gradeColumn);
  const typeCost = columnTyper(costColumn);
  const out: { grade: string; cost: number | null; excelRow: number }[] = [];
  for (const row of data.rows) {
    const grade = typeGrade(row.values.grade);
    const cost = typeCost(row.values.hourlyCost);
    if (!grade.ok || typeof grade.value !== "string") continue;
    out.push({
      grade: grade.value,
      cost: cost.ok && typeof cost.value === "number" ? cost.value : null,
      excelRow: row.excelRow,
    });
  }
  return out;
}

/**
 * The regional workbook's GradeCosts after importing `returns` in the order given (district
 * order), by the one rule of the pane's import and the command-line consolidation alike: starting
 * from the regional workbook's own rows, each return fills blank costs and adds missing grades,
 * a cost already there is never overwritten, and each disagreement is one warning per grade naming
 * the grade and the returns.
 */
export function consolidatedGradeCosts(
  regional: readonly RegionalGradeCostRow[],
  returns: readonly AuditReturn[],
): { rows: RegionalGradeCostRow[]; warnings: Finding[] } {
  const rows = [...regional];
  const disagreements: GradeCostDisagreement[] = [];
  const takenFrom = new Map<string, string>();
  for (const ret of returns) {
    const changes = gradeCostChanges(rows, ret);
    for (const f of changes.fill) {
      rows[f.row] = { grade: rows[f.row].grade, cost: f.cost };
      takenFrom.set(labelKey(f.grade), ret.file);
    }
    for (const a of changes.add) {
      rows.push({ grade: a.grade, cost: a.cost });
      takenFrom.set(labelKey(a.grade), ret.file);
    }
    for (const d of changes.disagree) disagreements.push({ file: ret.file, ...d });
  }
  return { rows, warnings: gradeCostWarnings(disagreements, takenFrom) };
}

/** A workbook's own GradeCosts rows, as the import reads the regional table (none when it has none). */
export function gradeCostRows(ret: AuditReturn | undefined): RegionalGradeCostRow[] {
  return (ret?.gradeCosts?.rows ?? []).map((row) => ({
    grade: row.values.grade ?? null,
    cost: row.values.hourlyCost ?? null,
  }));
}

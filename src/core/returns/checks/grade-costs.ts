/** The checks of the GradeCosts table (each grade's hourly cost) on the Settings sheet. */
import { GRADE_COSTS, type ListKey } from "../../model/blueprint";
import { toText } from "../../model/cell-rules";
import type { Finding } from "../../model/findings";
import { labelKey } from "../../model/labels";
import type { AuditReturn } from "../../model/workbook-data";
import { compileColumn, type Issue } from "./cells";
import { show } from "./phrasing";
import type { Vocabulary } from "./vocabularies";

/**
 * Checks of the GradeCosts table: each grade from the Grades list, once; each cost a number of 0 or
 * more (blank: not costed). Each finding is at its cell.
 */
export function gradeCostFindings(
  ret: AuditReturn,
  vocabularies: Record<ListKey, Vocabulary>,
  currentYear: number,
  file: { file?: string },
  out: (f: Finding) => void,
  admit: (severity: Finding["severity"], sheet: string, column: string | undefined) => boolean,
): void {
  const data = ret.gradeCosts;
  if (!data) return;
  const checks = GRADE_COSTS.columns.map((column) => ({
    column,
    where: data.columns[column.key],
    check: compileColumn(column, vocabularies, currentYear, true),
  }));
  const seen = new Map<string, number>();
  const issues: Issue[] = [];
  for (const row of data.rows) {
    for (const { column, where, check } of checks) {
      if (!where) continue;
      check(row.values[column.key] ?? null, issues);
      for (const issue of issues)
        if (admit(issue.severity, data.sheet, where.header))
          out({
            ...file,
            severity: issue.severity,
            sheet: data.sheet,
            row: row.excelRow,
            column: where.header,
            address: `${where.letter}${row.excelRow}`,
            message: issue.message,
          });
      issues.length = 0;
    }
    const grade = toText(row.values.grade ?? null);
    const where = data.columns.grade;
    if (grade === null || !where) continue;
    const first = seen.get(labelKey(grade));
    if (first === undefined) seen.set(labelKey(grade), row.excelRow);
    else if (admit("error", data.sheet, where.header))
      out({
        ...file,
        severity: "error",
        sheet: data.sheet,
        row: row.excelRow,
        column: where.header,
        address: `${where.letter}${row.excelRow}`,
        message: `${show(grade)} is on rows ${first} and ${row.excelRow} of ${GRADE_COSTS.name}; keep one row per grade`,
      });
  }
}

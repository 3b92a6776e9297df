/** A problem found in a workbook or a return, said so that a person knows what to fix. */
type Severity = "error" | "warning";

export interface Finding {
  readonly severity: Severity;
  /** the file, when checking returns on disk (CLI, import); absent inside the open workbook */
  readonly file?: string;
  /** the sheet's name as the user sees it */
  readonly sheet: string;
  /** the row as Excel numbers it (1-based); absent for a finding about a whole sheet or table */
  readonly row?: number;
  /** the column header as written in the sheet */
  readonly column?: string;
  /** the A1 address of the cell, when there is one (for "select the cell") */
  readonly address?: string;
  /** what is wrong and what to do, e.g. `"Boss" is not a role; use Leading, Key, Active or Limited` */
  readonly message: string;
  /**
   * For a finding that stands for others not listed ("and 399,800 more like them"): how many. The
   * findings of a column are listed up to a limit and the rest counted, so that a million bad rows
   * make a readable list and a bounded amount of memory.
   */
  readonly more?: number;
}

/** How many problems the findings stand for (of one severity, or all): each one, plus those it counts. */
export function countFindings(findings: readonly Finding[], severity?: Severity): number {
  let n = 0;
  for (const f of findings) if (severity === undefined || f.severity === severity) n += f.more ?? 1;
  return n;
}

/** One line: `D04.xlsx: Partnerships row 7, Our role: "Boss" is not a role; use …`. */
export function formatFinding(f: Finding): string {
  const where: string[] = [];
  if (f.row !== undefined) where.push(`${f.sheet} row ${f.row}`);
  else where.push(f.sheet);
  const place = f.column ? `${where.join("")}, ${f.column}` : where.join("");
  const prefix = f.file ? `${f.file}: ` : "";
  const tag = f.severity === "warning" ? "warning: " : "";
  return `${prefix}${place}: ${tag}${f.message}`;
}

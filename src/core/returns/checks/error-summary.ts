/** Short summaries of a check's findings, for a reason beside a file name. */
import type { Finding } from "../../model/findings";

/** True when any finding is an error (warnings allowed). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** "3 errors, first: Partnerships row 7, Our role: …". */
export function errorCountText(count: number, f: Finding): string {
  const where = f.row !== undefined ? `${f.sheet} row ${f.row}` : f.sheet;
  const place = f.column ? `${where}, ${f.column}` : where;
  return `${count} error${count === 1 ? "" : "s"}, first: ${place}: ${f.message}`;
}

/** Findings grouped for the Check view: by sheet (in workbook order), then errors before warnings. */
import { SHEET_ORDER } from "../core/model/blueprint";
import type { Finding } from "../core/model/findings";

interface SheetFindings {
  readonly sheet: string;
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
}

function byRow(a: Finding, b: Finding): number {
  return (a.row ?? 0) - (b.row ?? 0);
}

export function groupFindings(findings: readonly Finding[]): SheetFindings[] {
  const bySheet = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = bySheet.get(f.sheet);
    if (list) list.push(f);
    else bySheet.set(f.sheet, [f]);
  }
  const rank = (sheet: string): number => {
    const i = SHEET_ORDER.indexOf(sheet);
    return i < 0 ? SHEET_ORDER.length : i;
  };
  return [...bySheet.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([sheet, list]) => ({
      sheet,
      errors: list.filter((f) => f.severity === "error").sort(byRow),
      warnings: list.filter((f) => f.severity === "warning").sort(byRow),
    }));
}

/** Where a finding is, within its sheet: "Row 7, Our role (H7)". */
export function findingPlace(f: Finding): string {
  const parts: string[] = [];
  if (f.row !== undefined) parts.push(`Row ${f.row}`);
  if (f.column) parts.push(f.column);
  const place = parts.join(", ");
  if (f.address) return place ? `${place} (${f.address})` : f.address;
  return place || "Whole sheet";
}

/** A finding in one line for lists outside the Check view: "Partnerships, Row 7, Our role (H7): …". */
export function findingLine(f: Finding): string {
  const place = findingPlace(f);
  const where = f.sheet ? (place === "Whole sheet" ? f.sheet : `${f.sheet}, ${place}`) : "";
  return where ? `${where}: ${f.message}` : f.message;
}

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
/**
 * Test helper: fill a template the way another program (or a district) would: open it with
 * exceljs, type values into the cells under each table's header row by header name (the Excel
 * table is not extended), and save. Nothing of our writer is used to fill.
 */
import ExcelJS from "exceljs";
import { TABLES, type SettingKey, type TableName } from "../../src/core/model/blueprint";

export type FillRow = Readonly<Record<string, ExcelJS.CellValue>>;

export interface Fill {
  readonly settings?: Partial<Record<SettingKey, ExcelJS.CellValue>>;
  readonly rows?: Partial<Record<TableName, readonly FillRow[]>>;
  /** rename headers as written in the sheet: table → header → new header */
  readonly rename?: Partial<Record<TableName, Readonly<Record<string, string>>>>;
  /** extra columns to add to the right of a table: table → header */
  readonly extraColumn?: Partial<Record<TableName, string>>;
  /** hourly costs to type into the GradeCosts table beside the settings: grade → cost */
  readonly gradeCosts?: Readonly<Record<string, ExcelJS.CellValue>>;
}

export async function fillWorkbook(template: Uint8Array, fill: Fill): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const settings = wb.getWorksheet("Settings");
  if (settings && fill.settings) {
    settings.eachRow((row) => {
      const label = String(row.getCell(1).value ?? "");
      for (const [key, value] of Object.entries(fill.settings ?? {})) {
        const wanted = {
          region: "Region",
          district: "District",
          auditRound: "Audit round",
          hoursPerWeek: "Hours per week",
          reviewValueBelow: "Review value below",
          reviewHoursFrom: "Review hours from",
          overlapFrom: "Overlap from",
          weeksPerYear: "Weeks per year",
          schemaVersion: "Schema version",
        }[key as SettingKey];
        if (label === wanted) row.getCell(2).value = value as ExcelJS.CellValue;
      }
    });
  }
  if (settings && fill.gradeCosts) {
    // GradeCosts: find the header row's Grade and Hourly cost columns, then each grade's row
    let gradeCol = 0;
    let costCol = 0;
    settings.getRow(1).eachCell((cell, c) => {
      if (cell.value === "Grade") gradeCol = c;
      if (cell.value === "Hourly cost") costCol = c;
    });
    settings.eachRow((row) => {
      const grade = String(row.getCell(gradeCol).value ?? "");
      if (grade in (fill.gradeCosts ?? {})) row.getCell(costCol).value = fill.gradeCosts?.[grade] ?? null;
    });
  }
  for (const table of TABLES) {
    const ws = wb.getWorksheet(table.sheet);
    if (!ws) continue;
    const header = ws.getRow(1);
    const col = new Map<string, number>();
    header.eachCell((cell, c) => col.set(String(cell.value), c));
    for (const [from, to] of Object.entries(fill.rename?.[table.name] ?? {})) {
      const c = col.get(from);
      if (c) header.getCell(c).value = to;
    }
    const extra = fill.extraColumn?.[table.name];
    if (extra) header.getCell(table.columns.length + 1).value = extra;
    (fill.rows?.[table.name] ?? []).forEach((row, i) => {
      const r = ws.getRow(2 + i);
      for (const [key, value] of Object.entries(row)) {
        const spec = table.columns.find((c) => c.key === key);
        const c = spec ? col.get(spec.header) : key === "extra" ? table.columns.length + 1 : undefined;
        if (c) r.getCell(c).value = value;
      }
      r.commit();
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const PARTNERSHIP_ROW: FillRow = {
  partnershipId: "P-0401",
  partnership: "Southtown Local Strategic Partnership",
  level: "Local",
  type: "Local Strategic Partnership",
  region: "North West",
  ourRole: "Leading",
  seniorGrade: "Grade 6",
  involvedSince: 2001,
  meetingsPerYear: 6,
  barriers: "Pressure on key staff time; Short-term national targets",
  notes: "=1+1 is not a formula here",
};

export function partnershipRows(n: number, district = ""): FillRow[] {
  const roles = ["Leading", "Key", "Active", "Limited"];
  const levels = ["Local", "Local", "Sub-regional", "Regional"];
  return Array.from({ length: n }, (_, i) => ({
    ...PARTNERSHIP_ROW,
    partnershipId: `P-${district}${String(i + 1).padStart(3, "0")}`,
    partnership: `Partnership ${i + 1}`,
    ourRole: roles[i % 4],
    level: levels[i % 4],
    barriers:
      i % 3 === 0
        ? "Pressure on key staff time"
        : "Limited local flexibility or autonomy; Pressure on key staff time",
    notes: null,
  }));
}

export function representationRows(n: number, district = ""): FillRow[] {
  return Array.from({ length: n }, (_, i) => ({
    partnershipId: `P-${district}${String(i + 1).padStart(3, "0")}`,
    representative: `Post ${i % 3}`,
    grade: "SEO",
    meetingsPerYear: 10 + i,
    hoursPerMeeting: 3,
    otherHoursPerMonth: i % 2 === 0 ? 2 : null,
  }));
}

/**
 * A formula as a file stores it, as Excel shows it (and Office.js reads it): "=" first, a
 * custom-function call `_xldudf_AUDIT_X(` as `AUDIT.X(`, a this-row reference
 * `Table[[#This Row],[Column]]` as `[@[Column]]`.
 */
export function shownFormula(stored: string): string {
  return (
    "=" +
    stored
      .replace(/_xldudf_AUDIT_([A-Z]+)\(/g, "AUDIT.$1(")
      .replace(/[A-Za-z_][\w.]*\[\[#This Row\],\[([^\]]+)\]\]/g, "[@[$1]]")
  );
}

/**
 * Writes `dir/file`: the template `dir/template.xlsx` filled with `fill`, its Settings naming the
 * North West region, `district` and round 2026-Q4 unless `fill.settings` says otherwise.
 */
export async function writeReturn(dir: string, file: string, district: string, fill: Fill): Promise<void> {
  const template = readFileSync(path.join(dir, "template.xlsx"));
  const filled = await fillWorkbook(template, {
    ...fill,
    settings: { region: "North West", district, auditRound: "2026-Q4", ...fill.settings },
  });
  writeFileSync(path.join(dir, file), filled);
}

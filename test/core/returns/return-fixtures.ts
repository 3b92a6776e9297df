/**
 * Test helpers: district returns as plain cell grids, built from the blueprint's headers, so
 * tests say only what matters (a few cells by column key).
 */
import {
  SETTINGS,
  SETTINGS_LAYOUT,
  SHEETS,
  TABLES,
  type SettingKey,
  type TableName,
} from "../../../src/core/model/blueprint";
import type { CellValue, SheetGrid, WorkbookGrid } from "../../../src/core/model/workbook-data";

export type RowInput = Readonly<Record<string, CellValue>>;

export interface GridInput {
  readonly settings?: Partial<Record<SettingKey, CellValue>>;
  readonly Partnerships?: readonly RowInput[];
  readonly Representation?: readonly RowInput[];
  readonly PartnerSurvey?: readonly RowInput[];
  /** Members rows (default: none, an empty table) */
  readonly Members?: readonly RowInput[];
  /** headers to write instead of the blueprint's, by column key (e.g. renamed or re-cased) */
  readonly headers?: Partial<Record<TableName, Readonly<Record<string, string>>>>;
  /** column keys in the order to write them (default: blueprint order) */
  readonly order?: Partial<Record<TableName, readonly string[]>>;
  /** leave these tables out */
  readonly without?: readonly TableName[];
}

export function settingsSheet(values: Partial<Record<SettingKey, CellValue>> = {}): SheetGrid {
  const rows: CellValue[][] = [[...SETTINGS_LAYOUT.headers]];
  for (const spec of SETTINGS) rows.push([spec.label, values[spec.key] ?? spec.default, spec.help]);
  return { name: SHEETS.settings, rows };
}

export function tableSheet(
  name: TableName,
  rows: readonly RowInput[],
  headers: Readonly<Record<string, string>> = {},
  order?: readonly string[],
): SheetGrid {
  const spec = TABLES.find((t) => t.name === name);
  if (!spec) throw new Error(name);
  const keys = order ?? spec.columns.map((c) => c.key);
  const header = keys.map((k) => headers[k] ?? spec.columns.find((c) => c.key === k)?.header ?? k);
  return { name: spec.sheet, rows: [header, ...rows.map((r) => keys.map((k) => r[k] ?? null))] };
}

export const GOOD_PARTNERSHIP: RowInput = {
  partnershipId: "P-0001",
  partnership: "Northtown LSP",
  level: "Local",
  type: "Local Strategic Partnership",
  region: "North West",
  ourRole: "Leading",
};

export const GOOD_REPRESENTATION: RowInput = {
  partnershipId: "P-0001",
  representative: "District Manager",
  grade: "Grade 7",
  meetingsPerYear: 10,
  hoursPerMeeting: 3,
  annualHours: 30,
};

export const GOOD_SURVEY: RowInput = {
  partnershipId: "P-0001",
  respondent: "Northtown Council",
  trustReliable: 4,
};

export function grid(input: GridInput = {}): WorkbookGrid {
  const sheets: SheetGrid[] = [
    settingsSheet({ region: "North West", district: "D01", auditRound: "2026-Q4", ...input.settings }),
  ];
  for (const name of ["Partnerships", "Representation", "PartnerSurvey"] as const) {
    if (input.without?.includes(name)) continue;
    const rows =
      input[name] ??
      (name === "Partnerships"
        ? [GOOD_PARTNERSHIP]
        : name === "Representation"
          ? [GOOD_REPRESENTATION]
          : [GOOD_SURVEY]);
    sheets.push(tableSheet(name, rows, input.headers?.[name], input.order?.[name]));
  }
  if (!input.without?.includes("Members"))
    sheets.push(tableSheet("Members", input.Members ?? [], input.headers?.Members, input.order?.Members));
  return { sheets };
}

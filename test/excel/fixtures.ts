/** Workbook fixtures for the fake: an "older schema" (version 0) district return with user rows. */
import type { FakeWorkbookInit } from "../excel-host";

/** Partnerships as an early version had it: 8 columns, no District/Audit round/etc. */
export const V0_PARTNERSHIP_HEADERS = [
  "Partnership ID",
  "Partnership",
  "Level",
  "Type",
  "Region",
  "Our role",
  "Involved since",
  "Notes",
];

export const V0_PARTNERSHIP_ROWS: (string | number)[][] = [
  ["P-0001", "Anytown LSP", "Local", "Local Strategic Partnership", "North", "Leading", 2001, "chair"],
  ["P-0002", "Skills board", "Sub-regional", "Employment and skills partnership", "North", "Key", 2005, ""],
  ["P-0003", "Safer streets", "Local", "Community safety", "North", "Limited", "", "=1+1 typed as text"],
];

/** Representation without Annual hours, District, Audit round. */
export const V0_REPRESENTATION_HEADERS = [
  "Partnership ID",
  "Representative",
  "Grade",
  "Meetings per year",
  "Hours per meeting",
  "Other hours per month",
];

export const V0_REPRESENTATION_ROWS: (string | number)[][] = [
  ["P-0001", "District Manager", "Grade 7", 10, 3, 2],
  ["P-0002", "Partnership Manager", "SEO", 6, 4, ""],
];

export function v0Workbook(): FakeWorkbookInit {
  return {
    sheets: [
      {
        name: "Settings",
        rows: [
          ["Setting", "Value"],
          ["Region", "North"],
          ["District", "Anytown"],
          ["Audit round", "2025-Q4"],
        ],
      },
      {
        name: "Partnerships",
        rows: [V0_PARTNERSHIP_HEADERS, ...V0_PARTNERSHIP_ROWS],
        tables: [{ name: "Partnerships", address: `A1:H${V0_PARTNERSHIP_ROWS.length + 1}` }],
      },
      {
        name: "Representation",
        rows: [V0_REPRESENTATION_HEADERS, ...V0_REPRESENTATION_ROWS],
        tables: [{ name: "Representation", address: `A1:F${V0_REPRESENTATION_ROWS.length + 1}` }],
      },
    ],
  };
}

import { PARTNERSHIPS, REPRESENTATION, TABLES, type TableSpec } from "../../src/core/model/blueprint";
import type { SettingsValues } from "../../src/core/model/operations";
import { writeSettings } from "../../src/excel/settings";
import { applySetup } from "../../src/excel/setup";
import { columnLetter, createClientExcel, type ClientExcel, type FakeScalar } from "../excel-host";

/** Appends rows to a table straight into the fake's state (as if typed), by blueprint key. */
export function typeRows(
  fake: ClientExcel,
  spec: TableSpec,
  rows: readonly Record<string, FakeScalar>[],
): void {
  const t = fake.state.table(spec.name);
  if (!t) throw new Error(`no table ${spec.name}`);
  const headers = t.headers();
  // a fresh table has one empty body row: fill it first
  let r = t.r1;
  const bodyEmpty =
    t.r1 === t.r0 + 1 &&
    headers.every((_, j) => t.sheet.isEmpty(t.r1, t.c0 + j) || t.sheet.formulas.has(t.r1 * 16384 + t.c0 + j));
  if (bodyEmpty) r = t.r0;
  for (const row of rows) {
    r += 1;
    spec.columns.forEach((c) => {
      const j = headers.indexOf(c.header);
      if (j < 0 || !(c.key in row)) return;
      t.sheet.writeValue(r, t.c0 + j, row[c.key]);
    });
  }
  t.r1 = Math.max(t.r1, r);
}

export function partnership(i: number, extra: Record<string, FakeScalar> = {}): Record<string, FakeScalar> {
  return {
    partnershipId: `P-${String(i).padStart(4, "0")}`,
    partnership: `Partnership ${i}`,
    level: "Local",
    type: "Community safety",
    region: "North",
    ourRole: i % 2 === 0 ? "Leading" : "Active",
    ...extra,
  };
}

export function representation(
  i: number,
  extra: Record<string, FakeScalar> = {},
): Record<string, FakeScalar> {
  return {
    partnershipId: `P-${String(i).padStart(4, "0")}`,
    representative: "District Manager",
    grade: "Grade 7",
    meetingsPerYear: 10,
    hoursPerMeeting: 3,
    annualHours: 30,
    ...extra,
  };
}

export { PARTNERSHIPS, REPRESENTATION };

/**
 * A regional workbook as set-up leaves it, made straight in the fake's state (so that a test of
 * import or reading does not depend on set-up): the three tables with the blueprint's headers, each
 * with Excel's one empty body row, and Annual hours as a formula in Representation's row.
 */
export function freshTablesWorkbook(): FakeWorkbookInit {
  return {
    sheets: [
      {
        name: "Settings",
        rows: [
          ["Setting", "Value"],
          ["Region", "North"],
        ],
      },
      { name: "Lists", rows: [["Roles"], ["Leading"]] },
      ...TABLES.map((spec) => {
        const headers = spec.columns.map((c) => c.header);
        const row: (string | { formula: string } | null)[] = spec.columns.map((c) =>
          c.kind === "calculated" && c.formula ? { formula: c.formula } : null,
        );
        return {
          name: spec.sheet,
          rows: [headers, row],
          tables: [{ name: spec.name, address: `A1:${columnLetter(headers.length - 1)}2` }],
        };
      }),
    ],
  };
}

/**
 * A workbook set up by the pane's set-up on an empty fake (one sheet), then, when given, its
 * Settings written as the Settings view writes them; the recorder reset, so a test counts only its
 * own syncs.
 */
export async function setUpWorkbook(settings?: SettingsValues): Promise<ClientExcel> {
  const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
  const r = await fake.run((ctx) => applySetup(ctx));
  if (!r.ok) throw new Error(r.error);
  if (settings) await fake.run((ctx) => writeSettings(ctx, settings));
  fake.recorder.reset();
  return fake;
}

/**
 * Survey fixtures made by the tests themselves: a district return with three partnerships, and the
 * same four partner responses in three shapes a district meets:
 * - an export shaped like Microsoft Forms' (.xlsx): ID, Start time, Completion time, Email, Name,
 *   then one column per question titled as the questionnaire asks it, ratings as words;
 * - a CSV from another tool: byte-order mark, semicolons, its own column order, numbered titles
 *   ("Q1. …"), a quoted comment holding a semicolon and a line break, ratings as numbers;
 * - a sheet typed from paper (.xlsx): the Partner survey's field names as headers, numbers.
 * The expected figures are worked out by hand beside the data.
 */
import ExcelJS from "exceljs";
import { PARTNER_SURVEY, RATING_WORDS, type ColumnSpec } from "../../src/core/model/blueprint";
import { reviewEntries, reviewThresholds } from "../../src/core/figures/value-for-time";
import type { AuditReturn, TableAppend } from "../../src/core/model/workbook-data";
import { headlineValue, summaryData } from "../../src/core/workbook/spec";
import { readAuditReturn } from "../../src/xlsx/read";
import { writeAuditWorkbook } from "../../src/xlsx/write";

export const PARTNERSHIPS = [
  ["P-0001", "Northtown Local Strategic Partnership", "Local", "Local Strategic Partnership", "Leading"],
  ["P-0002", "Employment and Skills Board", "Sub-regional", "Employment and skills partnership", "Key"],
  ["P-0003", "Community Safety Partnership", "Local", "Community safety", "Active"],
] as const;

/** The return's Partnerships and Representation rows. */
const BASE_TABLES: readonly TableAppend[] = [
  {
    table: "Partnerships",
    columns: ["partnershipId", "partnership", "level", "type", "region", "ourRole"],
    rows: PARTNERSHIPS.map(([id, name, level, type, role]) => [id, name, level, type, "North West", role]),
  },
  {
    table: "Representation",
    columns: ["partnershipId", "grade", "meetingsPerYear", "hoursPerMeeting"],
    rows: [
      ["P-0001", "SEO", 10, 3],
      ["P-0002", "Grade 7", 6, 4],
      ["P-0003", "HEO", 4, 2],
    ],
  },
];

/** The district return the responses are imported into (Settings: North West, D01, 2026-Q4). */
export async function surveyReturn(): Promise<Uint8Array> {
  return writeAuditWorkbook({
    settings: { region: "North West", district: "D01", auditRound: "2026-Q4" },
    tables: BASE_TABLES,
  });
}

/** Column keys of the answers, in table order. */
const ANSWERED: readonly ColumnSpec[] = PARTNER_SURVEY.columns.filter(
  (c: ColumnSpec) => c.question !== undefined,
);

/**
 * The four responses: partnership (by ID, or by name in any case), organisation, type, role, the
 * four value ratings, the three trust ratings, effectiveness, comments (null: not answered).
 */
export const RESPONSES: readonly (readonly (string | number | null)[])[] = [
  ["P-0001", "Northtown Council", "Local authority", "Leading", 4, 3, 3, 2, 3, 4, 3, 3, "Good chair"],
  [
    "northtown local strategic partnership",
    "Northtown College",
    "Education",
    "Key",
    3,
    3,
    2,
    2,
    3,
    3,
    2,
    2,
    null,
  ],
  [
    "P-0002",
    "Chamber of Commerce",
    "Employer body",
    "Active",
    2,
    1,
    2,
    1,
    2,
    2,
    3,
    2,
    "Too few; meetings\nmissed",
  ],
  ["P-0003", "Health Trust", "Health", "Limited", null, null, null, null, 4, 4, 4, 4, null],
];

/**
 * What the import gives, by hand. Partners' mean value per partnership (the four value ratings of
 * every response) and its review flag at the default threshold 2.5: P-0001 4+3+3+2+3+3+2+2 = 22
 * over 8 = 2.75 (Keep); P-0002 2+1+2+1 = 6 over 4 = 1.5 (Review); P-0003 no value rating. The
 * Summary's scores over all responses: trust 3+4+3 + 3+3+2 + 2+2+3 + 4+4+4 = 37 over 12; value
 * 12+10+6 = 28 over 12; effectiveness 3+2+2+4 = 11 over 4.
 */
export const EXPECTED = {
  value: { "P-0001": 2.75, "P-0002": 1.5, "P-0003": null },
  flag: { "P-0001": "Keep", "P-0002": "Review", "P-0003": "No rating" },
  trust: 37 / 12,
  valueScore: 28 / 12,
  effectiveness: 11 / 4,
} as const;

/** The return with the given Partner survey rows (keyed by column name, as `survey --json` gives them) added, read back. */
export async function returnWith(
  rows: readonly Readonly<Record<string, string | number | null>>[],
): Promise<AuditReturn> {
  const columns: readonly ColumnSpec[] = PARTNER_SURVEY.columns;
  const base = await readAuditReturn(await surveyReturn(), "D01.xlsx");
  const bytes = await writeAuditWorkbook({
    settings: base.settings,
    tables: [
      ...BASE_TABLES,
      {
        table: "PartnerSurvey",
        columns: columns.map((c) => c.key),
        rows: rows.map((r) => columns.map((c) => r[c.header] ?? null)),
      },
    ],
  });
  return readAuditReturn(bytes, "D01.xlsx");
}

/** The figures that follow from a return's Partner survey: review per partnership and the Summary's scores. */
export function surveyFigures(ret: AuditReturn): {
  value: Record<string, number | null>;
  flag: Record<string, string>;
  trust: unknown;
  valueScore: unknown;
  effectiveness: unknown;
} {
  const review = reviewEntries([ret], reviewThresholds([ret]));
  const data = summaryData([ret]);
  return {
    value: Object.fromEntries(review.map((e) => [e.id, e.value])),
    flag: Object.fromEntries(review.map((e) => [e.id, e.flag])),
    trust: headlineValue(data, "trust"),
    valueScore: headlineValue(data, "value"),
    effectiveness: headlineValue(data, "effectiveness"),
  };
}

const word = (c: ColumnSpec, v: string | number | null): string | number | null =>
  typeof v === "number" && c.kind === "rating" && c.scale ? RATING_WORDS[c.scale][v - 1] : v;

async function xlsx(
  rows: readonly (readonly (string | number | null)[])[],
  sheet = "Sheet1",
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? undefined : v)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Microsoft Forms' shape: ID, Start time, Completion time, Email, Name, one column per question; ratings as words. */
export async function formsExport(): Promise<Uint8Array> {
  const header = [
    "ID",
    "Start time",
    "Completion time",
    "Email",
    "Name",
    ...ANSWERED.map((c) => c.question ?? ""),
  ];
  const rows = RESPONSES.map((r, i) => [
    i + 1,
    `12/1/26 10:0${i}:00`,
    `12/1/26 10:1${i}:00`,
    "anonymous",
    "",
    ...ANSWERED.map((c, j) => word(c, r[j] ?? null)),
  ]);
  return xlsx([header, ...rows]);
}

/** Another tool's CSV: BOM, semicolons, its own column order, numbered titles, a Timestamp column, numbers. */
export function otherToolCsv(): Uint8Array {
  const order = [12, 4, 5, 6, 7, 0, 8, 9, 10, 11, 1, 2, 3];
  const header = ["Timestamp", ...order.map((j, n) => `Q${n + 1}. ${ANSWERED[j].question ?? ""}`)];
  const quote = (v: string | number | null): string => {
    const t = v === null ? "" : String(v);
    return /[";\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const lines = [header.map(quote).join(";")];
  RESPONSES.forEach((r, i) =>
    lines.push([`2026-12-0${i + 1} 09:00`, ...order.map((j) => r[j] ?? null)].map(quote).join(";")),
  );
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

/** A sheet typed from paper questionnaires: the Partner survey's field names as headers, numbers. */
export async function paperSheet(): Promise<Uint8Array> {
  const header = ANSWERED.map((c) => c.header);
  return xlsx([header, ...RESPONSES.map((r) => [...r])], "Typed");
}

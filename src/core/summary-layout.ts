/**
 * The Summary sheet, derived from the blueprint: formulas only (AUDIT functions over the tables
 * and Settings names), laid out as cells and charts that the Excel layer and the xlsx writer apply.
 */
import { columnIndex, columnLetter } from "./a1";
import {
  LISTS,
  PARTNER_SURVEY,
  PARTNERSHIPS,
  REPRESENTATION,
  SETTINGS,
  type ListKey,
  type SettingKey,
  type TableSpec,
} from "./blueprint";

export type SummaryStyle = "title" | "subtitle" | "heading" | "label" | "number" | "ratio" | "header";

export interface SummaryCell {
  /** A1 address on the Summary sheet */
  readonly address: string;
  /** a constant (labels, headers) */
  readonly value?: string;
  /** a formula, starting with "=" */
  readonly formula?: string;
  readonly style: SummaryStyle;
  /** number format for formula results */
  readonly numberFormat?: string;
}

export interface SummaryChart {
  readonly name: string;
  readonly title: string;
  readonly type: "ColumnClustered" | "BarClustered";
  /** category labels (one column), e.g. "E6:E45" */
  readonly categories: string;
  /** one series: its name and its values (one column) */
  readonly series: { readonly name: string; readonly values: string };
  /** top-left and bottom-right cells the chart covers */
  readonly from: string;
  readonly to: string;
}

export interface SummaryBlock {
  readonly key: string;
  readonly title: string;
  /** first column of the block (letter) */
  readonly column: string;
  readonly headers: readonly string[];
  readonly formula: string;
  /** rows reserved below the formula for its spill (charts read this many rows) */
  readonly rows: number;
  readonly numberFormats: readonly (string | undefined)[];
}

export interface SummaryLayout {
  readonly sheet: string;
  readonly cells: readonly SummaryCell[];
  readonly blocks: readonly SummaryBlock[];
  readonly charts: readonly SummaryChart[];
  /** column widths in characters, by column letter */
  readonly widths: Readonly<Record<string, number>>;
}

/** A structured reference to one column of a table: Partnerships[Our role]. */
export function columnRef(table: TableSpec, key: string): string {
  const column = table.columns.find((c) => c.key === key);
  if (!column) throw new Error(`No column ${key} in ${table.name}`);
  return `${table.name}[${escapeHeader(column.header)}]`;
}

/** A structured reference to a run of adjacent columns: PartnerSurvey[[A]:[B]]. */
export function columnSpanRef(table: TableSpec, firstKey: string, lastKey: string): string {
  const first = table.columns.find((c) => c.key === firstKey);
  const last = table.columns.find((c) => c.key === lastKey);
  if (!first || !last) throw new Error(`No column ${firstKey} or ${lastKey} in ${table.name}`);
  return `${table.name}[[${escapeHeader(first.header)}]:[${escapeHeader(last.header)}]]`;
}

/** Inside a structured reference, [ ] # and ' are escaped with a leading '. */
function escapeHeader(header: string): string {
  return header.replace(/(['#[\]])/g, "'$1");
}

function settingName(key: SettingKey): string {
  const s = SETTINGS.find((x) => x.key === key);
  if (!s) throw new Error(`No setting ${key}`);
  return s.name;
}

function listName(key: ListKey): string {
  const l = LISTS.find((x) => x.key === key);
  if (!l) throw new Error(`No list ${key}`);
  return l.rangeName;
}

/** A District column where blank means the Settings district (as in a district return). */
function districtOf(table: TableSpec): string {
  const ref = columnRef(table, "district");
  return `IF(${ref}="",${settingName("district")},${ref})`;
}

/** =IF(COUNTA(x)=0,"no data yet",f): a blank workbook shows a word, not an error. */
function whenData(dataRef: string, formula: string): string {
  return `=IF(COUNTA(${dataRef})=0,"no data yet",${formula})`;
}

export const SUMMARY_SHEET = "Summary";

const ids = columnRef(PARTNERSHIPS, "partnershipId");
const roles = columnRef(PARTNERSHIPS, "ourRole");
const hours = columnRef(REPRESENTATION, "annualHours");
const hpw = settingName("hoursPerWeek");
const wpy = settingName("weeksPerYear");
const trust = columnSpanRef(PARTNER_SURVEY, "trustReliable", "trustOpen");
const value = columnSpanRef(PARTNER_SURVEY, "valueTime", "valueLmi");
const effectiveness = columnRef(PARTNER_SURVEY, "effectiveness");

/** Headline figures: label in A, formula in B, from row 5. */
const HEADLINES: readonly { label: string; formula: string; format: string }[] = [
  { label: "Partnerships (distinct IDs)", formula: `=AUDIT.PARTNERSHIPS(${ids})`, format: "0" },
  {
    label: "Districts",
    formula: `=AUDIT.PARTNERSHIPS(${districtOf(PARTNERSHIPS)})`,
    format: "0",
  },
  {
    label: "Partnerships per district",
    formula: whenData(ids, `AUDIT.PERDISTRICT(${ids},${districtOf(PARTNERSHIPS)})`),
    format: "0.0",
  },
  {
    label: "Local partnerships",
    formula: `=AUDIT.PARTNERSHIPS(${ids},${columnRef(PARTNERSHIPS, "level")},"Local")`,
    format: "0",
  },
  {
    label: "Leadership ratio (Leading or Key)",
    formula: whenData(roles, `AUDIT.LEADERSHIPRATIO(${roles},${ids})`),
    format: "0%",
  },
  {
    label: "Staff time (FTE)",
    formula: `=AUDIT.FTE(${hours},"year",${hpw},${wpy})`,
    format: "0.00",
  },
  {
    label: "Partner trust score (1–4)",
    formula: whenData(trust, `AUDIT.SCORE(${trust})`),
    format: "0.0",
  },
  {
    label: "Value of our contribution (1–4)",
    formula: whenData(value, `AUDIT.SCORE(${value})`),
    format: "0.0",
  },
  {
    label: "Effectiveness of our participation (1–4)",
    formula: whenData(effectiveness, `AUDIT.SCORE(${effectiveness})`),
    format: "0.0",
  },
];

const HEADLINE_FIRST_ROW = 5;
const BLOCK_TITLE_ROW = 4;
const BLOCK_HEADER_ROW = 5;
const BLOCK_FIRST_ROW = 6;
const DISTRICT_ROWS = 40;

function perListBlock(key: string, title: string, column: string, list: ListKey, by: string): SummaryBlock {
  const names = listName(list);
  return {
    key,
    title,
    column,
    headers: [title.replace(/^Partnerships by /, "").replace(/^./, (c) => c.toUpperCase()), "Partnerships"],
    formula: `=HSTACK(${names},MAP(${names},LAMBDA(x,AUDIT.PARTNERSHIPS(${ids},${by},x))))`,
    rows: 30,
    numberFormats: [undefined, "0"],
  };
}

const BLOCKS: readonly SummaryBlock[] = [
  {
    key: "byDistrict",
    title: "Partnerships and leadership by district",
    column: "E",
    headers: ["District", "Partnerships", "Leadership ratio"],
    formula:
      `=LET(d,${districtOf(PARTNERSHIPS)},u,SORT(UNIQUE(FILTER(d,d<>"",""))),` +
      `HSTACK(u,MAP(u,LAMBDA(x,AUDIT.PARTNERSHIPS(${ids},d,x))),` +
      `MAP(u,LAMBDA(x,AUDIT.LEADERSHIPRATIO(FILTER(${roles},d=x),FILTER(${ids},d=x))))))`,
    rows: DISTRICT_ROWS,
    numberFormats: [undefined, "0", "0%"],
  },
  {
    key: "fteByDistrict",
    title: "Staff time (FTE) by district",
    column: "I",
    headers: ["District", "FTE"],
    formula: `=AUDIT.FTEBY(${districtOf(REPRESENTATION)},${hours},"year",${hpw},${wpy})`,
    rows: DISTRICT_ROWS,
    numberFormats: [undefined, "0.00"],
  },
  {
    key: "fteByGrade",
    title: "Staff time (FTE) by grade",
    column: "L",
    headers: ["Grade", "FTE"],
    formula: `=AUDIT.FTEBY(${columnRef(REPRESENTATION, "grade")},${hours},"year",${hpw},${wpy})`,
    rows: 20,
    numberFormats: [undefined, "0.00"],
  },
  perListBlock("byLevel", "Partnerships by level", "O", "levels", columnRef(PARTNERSHIPS, "level")),
  perListBlock("byType", "Partnerships by type", "R", "types", columnRef(PARTNERSHIPS, "type")),
  {
    key: "barriers",
    title: "Barriers",
    column: "U",
    headers: ["Barrier", "Partnerships", "Share"],
    formula: `=AUDIT.BREAKDOWN(${columnRef(PARTNERSHIPS, "barriers")},,${listName("barriers")})`,
    rows: 30,
    numberFormats: [undefined, "0", "0%"],
  },
  {
    key: "guidance",
    title: "Guidance needed",
    column: "Y",
    headers: ["Guidance", "Partnerships", "Share"],
    formula: `=AUDIT.BREAKDOWN(${columnRef(PARTNERSHIPS, "guidanceNeeded")},,${listName("guidanceNeeds")})`,
    rows: 30,
    numberFormats: [undefined, "0", "0%"],
  },
];

/** Column letter n columns to the right of a letter (A + 1 = B). */
export function shiftColumn(letter: string, by: number): string {
  return columnLetter(columnIndex(letter) + by);
}

function blockRange(block: SummaryBlock, offset: number): string {
  const col = shiftColumn(block.column, offset);
  return `${col}${BLOCK_FIRST_ROW}:${col}${BLOCK_FIRST_ROW + block.rows - 1}`;
}

function buildLayout(): SummaryLayout {
  const cells: SummaryCell[] = [
    { address: "A1", value: "Partnership audit summary", style: "title" },
    {
      address: "A2",
      formula: `="Region: "&${settingName("region")}&"   District: "&IF(${settingName("district")}="","(all)",${settingName("district")})&"   Audit round: "&${settingName("auditRound")}`,
      style: "subtitle",
    },
    {
      address: "A3",
      value: "Every figure is a formula over the tables and recalculates by itself. Do not type over it.",
      style: "subtitle",
    },
    { address: "A4", value: "Headline figures", style: "heading" },
  ];
  HEADLINES.forEach((h, i) => {
    const row = HEADLINE_FIRST_ROW + i;
    cells.push({ address: `A${row}`, value: h.label, style: "label" });
    cells.push({ address: `B${row}`, formula: h.formula, style: "number", numberFormat: h.format });
  });
  for (const block of BLOCKS) {
    cells.push({ address: `${block.column}${BLOCK_TITLE_ROW}`, value: block.title, style: "heading" });
    block.headers.forEach((header, i) => {
      cells.push({
        address: `${shiftColumn(block.column, i)}${BLOCK_HEADER_ROW}`,
        value: header,
        style: "header",
      });
    });
    cells.push({
      address: `${block.column}${BLOCK_FIRST_ROW}`,
      formula: block.formula,
      style: "number",
    });
  }
  const byDistrict = BLOCKS[0];
  const fteByDistrict = BLOCKS[1];
  const barriers = BLOCKS[5];
  const charts: SummaryChart[] = [
    {
      name: "LeadershipByDistrict",
      title: "Leadership ratio by district",
      type: "ColumnClustered",
      categories: blockRange(byDistrict, 0),
      series: { name: "Leadership ratio", values: blockRange(byDistrict, 2) },
      from: "A16",
      to: "C31",
    },
    {
      name: "FteByDistrict",
      title: "Staff time (FTE) by district",
      type: "ColumnClustered",
      categories: blockRange(fteByDistrict, 0),
      series: { name: "FTE", values: blockRange(fteByDistrict, 1) },
      from: "A33",
      to: "C48",
    },
    {
      name: "Barriers",
      title: "Barriers to partnership working",
      type: "BarClustered",
      categories: blockRange(barriers, 0),
      series: { name: "Partnerships", values: blockRange(barriers, 1) },
      from: "A50",
      to: "C70",
    },
  ];
  const widths: Record<string, number> = { A: 40, B: 14, C: 4, D: 2 };
  for (const block of BLOCKS) {
    block.headers.forEach((_, i) => {
      widths[shiftColumn(block.column, i)] = i === 0 ? 30 : 14;
    });
    widths[shiftColumn(block.column, block.headers.length)] = 2;
  }
  return { sheet: SUMMARY_SHEET, cells, blocks: BLOCKS, charts, widths };
}

/** The Summary sheet of the current blueprint. */
export const SUMMARY_LAYOUT: SummaryLayout = buildLayout();

/**
 * The Summary sheet, derived once from the blueprint: every headline and block with a stable key,
 * its formula and its number formats; ./summary-values gives, by the same key, the core calculation
 * of its value. The pane's set-up writes the formulas (Excel calculates them); the tool's writer
 * writes the same formulas with the core's values cached beside them, so an Excel without the
 * add-in still shows the figures. (Kept apart from the values so that set-up's code, which only
 * writes formulas, does not carry the calculations.)
 *
 * Works in every Excel that runs the add-in: no formula uses LAMBDA, MAP, BYROW, REDUCE, SCAN or
 * MAKEARRAY (Excel runs custom functions inside those only in recent builds); the per-district,
 * per-level and per-type blocks are the plain spills AUDIT.PARTNERSHIPSBY and AUDIT.LEADERSHIPBY.
 *
 * A blank District means the Settings district. `AuditDistrict&""` keeps a blank Settings district
 * blank (a bare reference to an empty cell is 0, which would make a false district "0"), and the
 * per-district blocks leave rows with no district out (their ids or hours are masked with ""), so a
 * blank district never becomes a group.
 */
import { columnIndex, columnLetter } from "../../model/a1";
import {
  GRADE_COSTS,
  LISTS,
  MEMBERS,
  PARTNER_SURVEY,
  PARTNERSHIPS,
  REPRESENTATION,
  SHEETS,
  settingSpec,
  type ListKey,
  type SettingKey,
  type TableSpec,
} from "../../model/blueprint";

// ---------------------------------------------------------------------------------------------
// Formula pieces

/** Inside a structured reference, [ ] # and ' are escaped with a leading '. */
function escapeHeader(header: string): string {
  return header.replace(/(['#[\]])/g, "'$1");
}

/** A structured reference to one column of a table: Partnerships[Our role]. */
function columnRef(table: TableSpec, key: string): string {
  const col = table.columns.find((c) => c.key === key);
  if (!col) throw new Error(`No column ${key} in ${table.name}`);
  return `${table.name}[${escapeHeader(col.header)}]`;
}

/** A structured reference to a run of adjacent columns: PartnerSurvey[[A]:[B]]. */
function columnSpanRef(table: TableSpec, firstKey: string, lastKey: string): string {
  const first = table.columns.find((c) => c.key === firstKey);
  const last = table.columns.find((c) => c.key === lastKey);
  if (!first || !last) throw new Error(`No column ${firstKey} or ${lastKey} in ${table.name}`);
  return `${table.name}[[${escapeHeader(first.header)}]:[${escapeHeader(last.header)}]]`;
}

function settingName(key: SettingKey): string {
  return settingSpec(key).name;
}

function listName(key: ListKey): string {
  const l = LISTS.find((x) => x.key === key);
  if (!l) throw new Error(`No list ${key}`);
  return l.rangeName;
}

/** A District column where blank means the Settings district, and a blank Settings district stays blank. */
function districtOf(table: TableSpec): string {
  const ref = columnRef(table, "district");
  return `IF(${ref}="",${settingName("district")}&"",${ref})`;
}

/** A column with the rows that have no district blanked out: `IF(district="","",column)`. */
function withDistrict(table: TableSpec, ref: string): string {
  return `IF(${districtOf(table)}="","",${ref})`;
}

/** =IF(COUNTA(x)=0,"no data yet",f): a table with no rows shows words, not an error. */
function whenData(dataRef: string, formula: string): string {
  return `=IF(COUNTA(${dataRef})=0,"${NO_DATA}",${formula})`;
}

/** What a figure shows while its table has no rows. */
export const NO_DATA = "no data yet";

const ids = columnRef(PARTNERSHIPS, "partnershipId");
const roles = columnRef(PARTNERSHIPS, "ourRole");
const repIds = columnRef(REPRESENTATION, "partnershipId");
const hours = columnRef(REPRESENTATION, "annualHours");
const surveyIds = columnRef(PARTNER_SURVEY, "partnershipId");
const hpw = settingName("hoursPerWeek");
const wpy = settingName("weeksPerYear");
const trust = columnSpanRef(PARTNER_SURVEY, "trustReliable", "trustOpen");
const value = columnSpanRef(PARTNER_SURVEY, "valueTime", "valueLmi");
const effectiveness = columnRef(PARTNER_SURVEY, "effectiveness");
const grades = columnRef(REPRESENTATION, "grade");
const rateGrades = `${GRADE_COSTS.name}[${escapeHeader(GRADE_COSTS.columns[0].header)}]`;
const rates = `${GRADE_COSTS.name}[${escapeHeader(GRADE_COSTS.columns[1].header)}]`;

const memberIds = columnRef(MEMBERS, "partnershipId");
const organisations = columnRef(MEMBERS, "organisation");

/** What a network figure shows while its table (Members, or Representation) has no rows. */
export const NONE_RECORDED = "none recorded";
/** What the shared seats show when no partnership is attended from two districts (always so in a district return). */
export const NONE_SHARED = "none: no partnership is attended from more than one district";
/** What the overlapping pairs show when no pair reaches Overlap from. */
export const NO_OVERLAPS = "none: no two partnerships share most of their organisations";

/** =IF(COUNTA(x)=0,"none recorded",f): the network's figures say so in words while a table is empty. */
function whenRecorded(dataRef: string, formula: string): string {
  return `=IF(COUNTA(${dataRef})=0,"${NONE_RECORDED}",${formula})`;
}

/** What the cost headline shows while no grade has a cost. */
export const NOT_COSTED = "not costed";

// Headlines

interface HeadlineSpec {
  readonly key: string;
  readonly label: string;
  readonly formula: string;
  readonly numberFormat: string;
}

export const HEADLINES: readonly HeadlineSpec[] = [
  {
    key: "partnerships",
    label: "Partnerships (distinct IDs)",
    formula: `=AUDIT.PARTNERSHIPS(${ids})`,
    numberFormat: "0",
  },
  {
    key: "districts",
    label: "Districts",
    formula: `=AUDIT.PARTNERSHIPS(${districtOf(PARTNERSHIPS)})`,
    numberFormat: "0",
  },
  {
    key: "perDistrict",
    label: "Partnerships per district",
    formula: whenData(ids, `AUDIT.PERDISTRICT(${ids},${districtOf(PARTNERSHIPS)})`),
    numberFormat: "0.0",
  },
  {
    key: "localPartnerships",
    label: "Local partnerships",
    formula: `=AUDIT.PARTNERSHIPS(${ids},${columnRef(PARTNERSHIPS, "level")},"Local")`,
    numberFormat: "0",
  },
  {
    key: "leadershipRatio",
    label: "Leadership ratio (Leading or Key)",
    formula: whenData(ids, `AUDIT.LEADERSHIPRATIO(${roles},${ids})`),
    numberFormat: "0%",
  },
  {
    key: "fte",
    label: "Staff time (FTE)",
    formula: `=AUDIT.FTE(${hours},"year",${hpw},${wpy})`,
    numberFormat: "0.00",
  },
  {
    key: "cost",
    label: "Annual cost of staff time",
    formula: whenData(
      repIds,
      `IF(COUNT(${rates})=0,"${NOT_COSTED}",AUDIT.COST(${hours},${grades},${rateGrades},${rates}))`,
    ),
    numberFormat: "£#,##0",
  },
  {
    key: "trust",
    label: "Partner trust score (1–4)",
    formula: whenData(surveyIds, `AUDIT.SCORE(${trust})`),
    numberFormat: "0.0",
  },
  {
    key: "value",
    label: "Value of our contribution (1–4)",
    formula: whenData(surveyIds, `AUDIT.SCORE(${value})`),
    numberFormat: "0.0",
  },
  {
    key: "effectiveness",
    label: "Effectiveness of our participation (1–4)",
    formula: whenData(surveyIds, `AUDIT.SCORE(${effectiveness})`),
    numberFormat: "0.0",
  },
  {
    key: "organisations",
    label: "Organisations we meet",
    formula: whenRecorded(memberIds, `AUDIT.PARTNERSHIPS(${organisations})`),
    numberFormat: "0",
  },
];

// ---------------------------------------------------------------------------------------------
// Blocks: spilled tables of figures

interface BlockSpec {
  readonly key: string;
  readonly title: string;
  /** first column of the block (letter) */
  readonly column: string;
  readonly headers: readonly string[];
  /** the spill formula, written in the block's first cell under its headers */
  readonly formula: string;
  /** number format of each column of the spill (undefined: General) */
  readonly numberFormats: readonly (string | undefined)[];
}

function perListBlock(
  key: string,
  title: string,
  header: string,
  col: string,
  list: ListKey,
  colKey: string,
): BlockSpec {
  return {
    key,
    title,
    column: col,
    headers: [header, "Partnerships"],
    formula: `=AUDIT.PARTNERSHIPSBY(${ids},${columnRef(PARTNERSHIPS, colKey)},${listName(list)})`,
    numberFormats: [undefined, "0"],
  };
}

function breakdownBlock(
  key: string,
  title: string,
  header: string,
  col: string,
  colKey: string,
  list: ListKey,
): BlockSpec {
  return {
    key,
    title,
    column: col,
    headers: [header, "Partnerships", "Share"],
    formula: `=AUDIT.BREAKDOWN(${columnRef(PARTNERSHIPS, colKey)},,${listName(list)})`,
    numberFormats: [undefined, "0", "0%"],
  };
}

export const BLOCKS: readonly BlockSpec[] = [
  {
    key: "byDistrict",
    title: "Partnerships and leadership by district",
    column: "E",
    headers: ["District", "Partnerships", "Leadership ratio"],
    formula: whenData(
      ids,
      `AUDIT.LEADERSHIPBY(${roles},${withDistrict(PARTNERSHIPS, ids)},${districtOf(PARTNERSHIPS)})`,
    ),
    numberFormats: [undefined, "0", "0%"],
  },
  {
    key: "fteByDistrict",
    title: "Staff time (FTE) by district",
    column: "I",
    headers: ["District", "FTE"],
    formula: whenData(
      repIds,
      `AUDIT.FTEBY(${districtOf(REPRESENTATION)},${withDistrict(REPRESENTATION, hours)},"year",${hpw},${wpy})`,
    ),
    numberFormats: [undefined, "0.00"],
  },
  {
    key: "fteByGrade",
    title: "Staff time (FTE) by grade",
    column: "L",
    headers: ["Grade", "FTE"],
    formula: whenData(
      repIds,
      `AUDIT.FTEBY(${columnRef(REPRESENTATION, "grade")},${hours},"year",${hpw},${wpy})`,
    ),
    numberFormats: [undefined, "0.00"],
  },
  perListBlock("byLevel", "Partnerships by level", "Level", "O", "levels", "level"),
  perListBlock("byType", "Partnerships by type", "Type", "R", "types", "type"),
  breakdownBlock("barriers", "Barriers", "Barrier", "U", "barriers", "barriers"),
  breakdownBlock("guidance", "Guidance needed", "Guidance", "Y", "guidanceNeeded", "guidanceNeeds"),
  {
    key: "valueForTime",
    title: "Value for time",
    column: "AC",
    headers: ["Partnership ID", "Annual hours", "Value (1–4)", "Flag"],
    formula: whenData(
      repIds,
      `AUDIT.REVIEW(${repIds},${hours},${surveyIds},${value},${settingName("reviewValueBelow")},${settingName("reviewHoursFrom")})`,
    ),
    numberFormats: [undefined, "0", "0.0", undefined],
  },
  {
    key: "sharedSeats",
    title: "Overlaps and shared seats: partnerships attended from several districts",
    column: "AH",
    headers: ["Partnership ID", "Districts", "Annual hours", "Hours beyond one"],
    formula: whenRecorded(
      repIds,
      `IFNA(AUDIT.SHAREDSEATS(${withDistrict(REPRESENTATION, repIds)},${districtOf(REPRESENTATION)},${hours}),"${NONE_SHARED}")`,
    ),
    numberFormats: [undefined, "0", "0", "0"],
  },
  {
    key: "overlaps",
    title: "Overlaps and shared seats: overlapping partnerships",
    column: "AM",
    headers: ["Partnership ID", "Partnership ID", "Shared organisations", "Share"],
    formula: whenRecorded(
      memberIds,
      `IFNA(AUDIT.OVERLAPS(${memberIds},${organisations},${settingName("overlapFrom")}),"${NO_OVERLAPS}")`,
    ),
    numberFormats: [undefined, undefined, "0", "0%"],
  },
  {
    key: "organisationsMet",
    title: "Overlaps and shared seats: organisations we meet most",
    column: "AR",
    headers: ["Organisation", "Partnerships"],
    formula: whenRecorded(memberIds, `AUDIT.PARTNERSHIPSBY(${memberIds},${organisations})`),
    numberFormats: [undefined, "0"],
  },
];

// ---------------------------------------------------------------------------------------------
// Charts: each over exactly the rows its block holds

export interface ChartSpec {
  /** the chart's name in the workbook (stable: set-up finds its charts by name) */
  readonly name: string;
  readonly title: string;
  readonly type: "ColumnClustered" | "BarClustered";
  /** the block it draws, its category column (0) and value column (offset) */
  readonly block: string;
  readonly valueColumn: number;
  readonly seriesName: string;
  /** top-left and bottom-right cells the chart covers */
  readonly from: string;
  readonly to: string;
}

// ---------------------------------------------------------------------------------------------
// Layout

const SUMMARY_SHEET = SHEETS.summary;
/** The title in A1 that marks a summary sheet as ours. */
export const SUMMARY_TITLE = "Partnership audit summary";
/** A3: what the figures are, and what #NAME? means (the same text whoever wrote the sheet). */
const SUMMARY_NOTE =
  "Every figure is an AUDIT formula over the tables. Without the Partnership audit add-in Excel shows the figures last calculated, and #NAME? after a recalculation: add the add-in (Home > Add-ins) and recalculate.";

const HEADING_ROW = 4;
const FIRST_HEADLINE_ROW = 5;
const BLOCK_HEADER_ROW = 5;
/** The first row of every block's spill. */
export const BLOCK_FIRST_ROW = 6;
/** Rows below a block's first row that carry its number formats (a spill may grow to this). */
const BLOCK_FORMAT_ROWS = 500;

export type SummaryStyle = "title" | "subtitle" | "heading" | "label" | "header" | "figure";

/** One cell the Summary writes. */
export interface SummaryCell {
  readonly address: string;
  /** a constant (labels, headers) */
  readonly value?: string;
  /** a formula, starting with "=" */
  readonly formula?: string;
  readonly style: SummaryStyle;
  readonly numberFormat?: string;
  /** the headline or block whose figure this cell holds */
  readonly key?: string;
  /** the cell spills (a block's formula) */
  readonly spills?: boolean;
}

/** A number format over a range (a block's column, over its format rows). */
export interface FormatRange {
  readonly address: string;
  readonly numberFormat: string;
}

interface SummarySpec {
  readonly sheet: string;
  readonly cells: readonly SummaryCell[];
  readonly headlines: readonly HeadlineSpec[];
  readonly blocks: readonly BlockSpec[];
  readonly charts: readonly ChartSpec[];
  readonly formats: readonly FormatRange[];
  /** column widths in characters, by letter */
  readonly widths: Readonly<Record<string, number>>;
}

/** Column letter n columns to the right of a letter (A + 1 = B). */
export function shiftColumn(letter: string, by: number): string {
  return columnLetter(columnIndex(letter) + by);
}

// exported for tests: the Overview's network cells are compared with it
/** The anchor cell of a block (its formula), by key. */
export function blockAddress(key: string): string {
  const block = BLOCKS.find((b) => b.key === key);
  if (!block) throw new Error(`No block ${key}`);
  return `${block.column}${BLOCK_FIRST_ROW}`;
}

function buildSummary(): SummarySpec {
  const district = settingName("district");
  const cells: SummaryCell[] = [
    { address: "A1", value: SUMMARY_TITLE, style: "title" },
    {
      address: "A2",
      formula: `="Region: "&${settingName("region")}&"   District: "&IF(${district}="","(all)",${district})&"   Audit round: "&${settingName("auditRound")}`,
      style: "subtitle",
      key: "subtitle",
    },
    { address: "A3", value: SUMMARY_NOTE, style: "subtitle" },
    { address: `A${HEADING_ROW}`, value: "Headline figures", style: "heading" },
  ];
  HEADLINES.forEach((h, i) => {
    const row = FIRST_HEADLINE_ROW + i;
    cells.push({ address: `A${row}`, value: h.label, style: "label" });
    cells.push({
      address: `B${row}`,
      formula: h.formula,
      style: "figure",
      numberFormat: h.numberFormat,
      key: h.key,
    });
  });
  const formats: FormatRange[] = [];
  for (const block of BLOCKS) {
    cells.push({ address: `${block.column}${HEADING_ROW}`, value: block.title, style: "heading" });
    block.headers.forEach((header, i) =>
      cells.push({
        address: `${shiftColumn(block.column, i)}${BLOCK_HEADER_ROW}`,
        value: header,
        style: "header",
      }),
    );
    cells.push({
      address: `${block.column}${BLOCK_FIRST_ROW}`,
      formula: block.formula,
      style: "figure",
      key: block.key,
      spills: true,
    });
    block.numberFormats.forEach((format, i) => {
      if (!format) return;
      const letter = shiftColumn(block.column, i);
      formats.push({
        address: `${letter}${BLOCK_FIRST_ROW}:${letter}${BLOCK_FIRST_ROW + BLOCK_FORMAT_ROWS - 1}`,
        numberFormat: format,
      });
    });
  }
  const chartTop = FIRST_HEADLINE_ROW + HEADLINES.length + 2;
  const charts: ChartSpec[] = [
    {
      name: "LeadershipByDistrict",
      title: "Leadership ratio by district",
      type: "ColumnClustered",
      block: "byDistrict",
      valueColumn: 2,
      seriesName: "Leadership ratio",
      from: `A${chartTop}`,
      to: `C${chartTop + 15}`,
    },
    {
      name: "FteByDistrict",
      title: "Staff time (FTE) by district",
      type: "ColumnClustered",
      block: "fteByDistrict",
      valueColumn: 1,
      seriesName: "FTE",
      from: `A${chartTop + 17}`,
      to: `C${chartTop + 32}`,
    },
    {
      name: "Barriers",
      title: "Barriers to partnership working",
      type: "BarClustered",
      block: "barriers",
      valueColumn: 1,
      seriesName: "Partnerships",
      from: `A${chartTop + 34}`,
      to: `C${chartTop + 54}`,
    },
    {
      name: "HoursByPartnership",
      title: "Annual hours by partnership",
      type: "BarClustered",
      block: "valueForTime",
      valueColumn: 1,
      seriesName: "Annual hours",
      from: `A${chartTop + 56}`,
      to: `C${chartTop + 76}`,
    },
  ];
  const widths: Record<string, number> = { A: 40, B: 14, C: 4, D: 2 };
  for (const block of BLOCKS) {
    block.headers.forEach((_, i) => {
      widths[shiftColumn(block.column, i)] = i === 0 ? 30 : 14;
    });
    widths[shiftColumn(block.column, block.headers.length)] = 2;
  }
  return { sheet: SUMMARY_SHEET, cells, headlines: HEADLINES, blocks: BLOCKS, charts, formats, widths };
}

/** The Summary sheet of the current blueprint. */
export const SUMMARY: SummarySpec = buildSummary();

/** The category and value ranges of a chart over `rows` rows of its block (A1, on the Summary sheet). */
export function chartRanges(chart: ChartSpec, rows: number): { categories: string; values: string } {
  const block = BLOCKS.find((b) => b.key === chart.block);
  if (!block) throw new Error(`No block ${chart.block}`);
  const last = BLOCK_FIRST_ROW + Math.max(1, rows) - 1;
  const cat = block.column;
  const val = shiftColumn(block.column, chart.valueColumn);
  return {
    categories: `${cat}${BLOCK_FIRST_ROW}:${cat}${last}`,
    values: `${val}${BLOCK_FIRST_ROW}:${val}${last}`,
  };
}

/**
 * What each Summary formula gives on some data, by the key of its headline or block
 * (./summary): computed by the same core as the AUDIT functions, with the same columns, so the
 * tool's writer can cache them beside the formulas, the pane can size the charts over the blocks,
 * and the report shows the same figures.
 */
import { type ListKey, type SettingKey } from "../../model/blueprint";
import { isBlank } from "../../model/cell-rules";
import {
  AuditError,
  breakdown,
  countDistinct,
  leadershipRatio,
  perDistrict,
  review,
  score,
  type Cells,
} from "../../calc";
import {
  column,
  columns,
  computeHeadlines,
  fteByColumn,
  listOrder,
  partnershipBlocks,
  type Computed,
  type HeadlineOptions,
  type PartnershipBlocks,
  totalFte,
  type HeadlineFigures,
} from "../../figures/headlines";
import { cellReader, tableLength } from "../../model/table-cells";
import type { AuditReturn, CellValue } from "../../model/workbook-data";
import { anyCosted, VALUE_COLUMNS, reviewThresholds } from "../../figures/value-for-time";
import { networkFigures, type NetworkFigures, type NetworkProblem } from "../../figures/network";
import { BLOCKS, HEADLINES, NOT_COSTED, NO_DATA, NONE_RECORDED, NONE_SHARED, NO_OVERLAPS } from "./summary";

/** The data the Summary's values are computed from, read once, and the figures computed once. */
export interface SummaryData {
  readonly returns: readonly AuditReturn[];
  readonly headlines: HeadlineFigures;
  readonly blocks: PartnershipBlocks;
  readonly network: NetworkFigures;
}

export function summaryData(returns: readonly AuditReturn[], options: HeadlineOptions = {}): SummaryData {
  const blocks = partnershipBlocks(returns);
  return {
    returns,
    blocks,
    headlines: computeHeadlines(returns, options, blocks),
    network: networkFigures(returns),
  };
}

/** A block computed once (../../figures/headlines), as the cells its formula spills. */
function blockCells(block: Computed<readonly (readonly (string | number)[])[]>): CellValue[][] {
  return "rows" in block ? block.rows.map((r) => [...r]) : [[{ error: block.error.code }]];
}

/**
 * A network block's rows: "none recorded" for an empty table, `none` when nothing qualifies. The
 * shared seats and overlaps formulas wrap their function in IFNA, so an #N/A in their data shows
 * `none` there too (`ifna`); any other problem is its error value.
 */
function networkRows(
  d: SummaryData,
  recorded: boolean,
  figure: NetworkProblem["figure"],
  rows: CellValue[][],
  none: string,
  ifna = false,
): CellValue[][] {
  if (!recorded) return [[NONE_RECORDED]];
  const problem = d.network.problems.find((p) => p.figure === figure);
  if (problem) return ifna && problem.code === "#N/A" ? [[none]] : [[{ error: problem.code }]];
  return rows.length > 0 ? rows : [[none]];
}

/** A calculation's value as a cell shows it: an AUDIT error becomes its error value. */
function cellOf(run: () => CellValue): CellValue {
  try {
    return run();
  } catch (e) {
    if (e instanceof AuditError) return { error: e.code };
    throw e;
  }
}

function rowsOf(run: () => CellValue[][]): CellValue[][] {
  try {
    return run();
  } catch (e) {
    if (e instanceof AuditError) return [[{ error: e.code }]];
    throw e;
  }
}

function hasData(
  returns: readonly AuditReturn[],
  table: "Partnerships" | "Representation" | "PartnerSurvey",
): boolean {
  for (const ret of returns) {
    const data = ret.tables[table];
    if (!data) continue;
    const id = cellReader(data, "partnershipId");
    for (let i = 0, n = tableLength(data); i < n; i++) if (!isBlank(id(i) ?? null)) return true;
  }
  return false;
}

/** A vocabulary as the workbook has it (its own Lists, else the blueprint's defaults), as an `order` range. */
function orderOf(data: SummaryData, list: ListKey): Cells {
  return listOrder(data.returns, list);
}

// ---------------------------------------------------------------------------------------------

function scoreOf(data: SummaryData, keys: readonly string[]): CellValue {
  if (!hasData(data.returns, "PartnerSurvey")) return NO_DATA;
  return cellOf(() => score(columns(data.returns, "PartnerSurvey", keys)));
}

function breakdownBlock(data: SummaryData, colKey: string, list: ListKey): CellValue[][] {
  return rowsOf(() => breakdown(column(data.returns, "Partnerships", colKey), null, orderOf(data, list)));
}

// exported for tests: every Summary headline has a value
/** The value of each headline's formula, by key. */
export const HEADLINE_VALUES: Readonly<Record<string, (data: SummaryData) => CellValue>> = {
  partnerships: (d) => d.headlines.partnerships,
  districts: (d) => d.headlines.districts,
  perDistrict: (d) =>
    hasData(d.returns, "Partnerships")
      ? cellOf(() =>
          perDistrict(
            column(d.returns, "Partnerships", "partnershipId"),
            column(d.returns, "Partnerships", "district"),
          ),
        )
      : NO_DATA,
  localPartnerships: (d) =>
    cellOf(() =>
      countDistinct(column(d.returns, "Partnerships", "partnershipId"), [
        column(d.returns, "Partnerships", "level"),
        "Local",
      ]),
    ),
  leadershipRatio: (d) =>
    hasData(d.returns, "Partnerships")
      ? cellOf(() =>
          leadershipRatio(
            column(d.returns, "Partnerships", "ourRole"),
            column(d.returns, "Partnerships", "partnershipId"),
          ),
        )
      : NO_DATA,
  // an unusable hours cell or hours too large to add up: the error AUDIT.FTE gives, never a 0
  fte: (d) => d.headlines.fte ?? cellOf(() => totalFte(d.returns)),
  cost: (d) => {
    if (!hasData(d.returns, "Representation")) return NO_DATA;
    if (!anyCosted(d.returns)) return NOT_COSTED;
    if (d.headlines.cost !== null) return d.headlines.cost;
    // a cell that is not a usable number, or a total too large to hold: #NUM!; a grade without a cost: #N/A
    return { error: d.headlines.notComputed.cost !== undefined ? "#NUM!" : "#N/A" };
  },
  trust: (d) => scoreOf(d, ["trustReliable", "trustMission", "trustOpen"]),
  value: (d) => scoreOf(d, ["valueTime", "valueExperience", "valueProgrammes", "valueLmi"]),
  effectiveness: (d) => scoreOf(d, ["effectiveness"]),
  organisations: (d) => {
    if (!d.network.membersRecorded) return NONE_RECORDED;
    const problem = d.network.problems.find((p) => p.figure === "organisations");
    return problem ? { error: problem.code } : d.network.organisations;
  },
};

// exported for tests: every Summary block has values
/** The rows each block's formula spills, by key. */
export const BLOCK_VALUES: Readonly<Record<string, (data: SummaryData) => CellValue[][]>> = {
  byDistrict: (d) => (hasData(d.returns, "Partnerships") ? blockCells(d.blocks.byDistrict) : [[NO_DATA]]),
  fteByDistrict: (d) =>
    hasData(d.returns, "Representation")
      ? rowsOf(() => fteByColumn(d.returns, "district", { skipBlankGroups: true }))
      : [[NO_DATA]],
  fteByGrade: (d) =>
    hasData(d.returns, "Representation") ? rowsOf(() => fteByColumn(d.returns, "grade")) : [[NO_DATA]],
  byLevel: (d) => blockCells(d.blocks.byLevel),
  byType: (d) => blockCells(d.blocks.byType),
  barriers: (d) => breakdownBlock(d, "barriers", "barriers"),
  guidance: (d) => breakdownBlock(d, "guidanceNeeded", "guidanceNeeds"),
  sharedSeats: (d) =>
    networkRows(
      d,
      d.network.representationRecorded,
      "sharedSeats",
      d.network.sharedSeats.map((s) => [s.id, s.districts, s.hours, s.hoursBeyondOne]),
      NONE_SHARED,
      true,
    ),
  overlaps: (d) =>
    networkRows(
      d,
      d.network.membersRecorded,
      "overlaps",
      d.network.overlaps.map((o) => [o.a, o.b, o.shared, o.share]),
      NO_OVERLAPS,
      true,
    ),
  organisationsMet: (d) =>
    networkRows(
      d,
      d.network.membersRecorded,
      "organisationsMet",
      d.network.organisationsMet.map((o) => [o.organisation, o.partnerships]),
      NONE_RECORDED,
    ),
  valueForTime: (d) => {
    if (!hasData(d.returns, "Representation")) return [[NO_DATA]];
    const { valueBelow, hoursFrom } = reviewThresholds(d.returns);
    return rowsOf(() =>
      review(
        column(d.returns, "Representation", "partnershipId"),
        column(d.returns, "Representation", "annualHours"),
        column(d.returns, "PartnerSurvey", "partnershipId"),
        columns(d.returns, "PartnerSurvey", VALUE_COLUMNS),
        valueBelow,
        hoursFrom,
      ),
    );
  },
};

/** A headline's value by key. */
export function headlineValue(data: SummaryData, key: string): CellValue {
  const f = HEADLINE_VALUES[key];
  if (!f) throw new Error(`No value for the headline ${key}`);
  return f(data);
}

/** A block's rows by key. */
export function blockValue(data: SummaryData, key: string): CellValue[][] {
  const f = BLOCK_VALUES[key];
  if (!f) throw new Error(`No value for the block ${key}`);
  return f(data);
}

/** The values of the Summary on some data: every figure by key (headlines, the subtitle and blocks). */
export interface SummaryValues {
  /** headline key (and "subtitle") → the value its formula gives */
  readonly figures: Readonly<Record<string, CellValue>>;
  /** block key → the rows its formula spills (at least one row) */
  readonly blocks: Readonly<Record<string, readonly (readonly CellValue[])[]>>;
}

/** What each Summary formula gives on the data of these workbooks (taken together). */
export function summaryValues(returns: readonly AuditReturn[]): SummaryValues {
  const data = summaryData(returns);
  const figures: Record<string, CellValue> = Object.create(null) as Record<string, CellValue>;
  for (const h of HEADLINES) figures[h.key] = headlineValue(data, h.key);
  const first = returns[0]?.settings ?? {};
  const text = (k: SettingKey): string => (first[k] === undefined ? "" : String(first[k]));
  figures.subtitle = `Region: ${text("region")}   District: ${text("district") === "" ? "(all)" : text("district")}   Audit round: ${text("auditRound")}`;
  const blocks: Record<string, CellValue[][]> = Object.create(null) as Record<string, CellValue[][]>;
  for (const b of BLOCKS) {
    const rows = blockValue(data, b.key);
    blocks[b.key] = rows.length > 0 ? rows : [[NO_DATA]];
  }
  return { figures, blocks };
}

/** The rows of each block, for sizing the charts over them (at least 1). */
export function blockRowCounts(values: SummaryValues): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of BLOCKS) out[b.key] = Math.max(1, values.blocks[b.key]?.length ?? 1);
  return out;
}

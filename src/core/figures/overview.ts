/**
 * The task pane's Overview (the Headlines contract of ./operations): the headline figures of the
 * open workbook, its annual cost of staff time and the partnerships flagged `Review`, each with the
 * cell that shows its row. Computed from one read of the workbook (an AuditReturn) by the same core
 * as the Summary's formulas and `summary --json` (./headlines, ./value-for-time).
 */
import { toLabel } from "../model/cell-rules";
import { computeHeadlines } from "./headlines";
import { labelKey } from "../model/labels";
import type { CellLink, CostHeadline, Headlines, NetworkHeadline, ReviewHeadline } from "../model/operations";
import { anyCosted, BLANK_GRADE, costFigures, reviewThresholds } from "./value-for-time";
import { networkFigures, problemOf, type NetworkFigures, type NetworkProblem } from "./network";
import { SHEETS } from "../model/blueprint";
import type { AuditReturn, TableData } from "../model/workbook-data";

// exported for tests: a cost of 0 is tested on its own
/**
 * The cost headline. As the Summary's cost formula, "not costed" while no grade has an hourly cost
 * (even with no hours yet); otherwise AUDIT.COST's sum, or the grades with hours and no cost.
 */
// exported for tests
export function costHeadline(ret: AuditReturn, cost: number | null): CostHeadline {
  if (!ret.gradeCosts) return { kind: "no-table" };
  const anyCost = anyCosted([ret]);
  if (anyCost && cost !== null) return { kind: "costed", annual: cost };
  const uncosted = costFigures([ret]).uncostedGrades;
  const grades = uncosted.filter((g) => g !== BLANK_GRADE);
  const blankGrade = grades.length < uncosted.length;
  if (!anyCost || uncosted.length > 0) return { kind: "not-costed", grades, blankGrade };
  return { kind: "invalid" };
}

/** Partnership ID (by label key) → the cell of its first row in a table. */
function idCells(data: TableData | undefined): Map<string, CellLink> {
  const out = new Map<string, CellLink>();
  const letter = data?.columns.partnershipId?.letter;
  if (!data || !letter) return out;
  for (const row of data.rows) {
    const id = toLabel(row.values.partnershipId);
    if (id === null) continue;
    const key = labelKey(id);
    if (!out.has(key)) out.set(key, { sheet: data.sheet, address: `${letter}${row.excelRow}` });
  }
  return out;
}

/** The Overview of one workbook (the open one), from what was read of it. */
export function overviewHeadlines(ret: AuditReturn): Headlines {
  const h = computeHeadlines([ret]);
  const network = networkFigures([ret]);
  const thresholds = reviewThresholds([ret]);
  const flagged = (h.review ?? []).filter((r) => r.flag === "Review");
  const partnerships = flagged.length > 0 ? idCells(ret.tables.Partnerships) : new Map<string, CellLink>();
  const representation =
    flagged.length > 0 ? idCells(ret.tables.Representation) : new Map<string, CellLink>();
  const review: ReviewHeadline[] = flagged.map((r) => {
    const key = labelKey(r.id);
    const at = partnerships.get(key) ?? representation.get(key);
    // a Review flag always has a value (no rating is "No rating")
    return { id: r.id, hours: r.hours, value: r.value ?? Number.NaN, ...(at ? { at } : {}) };
  });
  return {
    partnerships: h.partnerships,
    districts: h.districts,
    perDistrict: h.perDistrict,
    fte: h.fte,
    leadershipRatio: h.leadershipRatio,
    cost: costHeadline(ret, h.cost),
    review,
    reviewThresholds: thresholds,
    notComputed: { ...h.notComputed, ...networkNotComputed(network) },
    network: networkHeadline(network),
  };
}

// exported for tests: compared with the Summary spec's block addresses
/**
 * The Summary cells of the network blocks: the block Overlaps and shared seats sits at AH6 (shared
 * seats) and AM6 (overlapping pairs), the layout of the workbook spec's Summary.
 */
// exported for tests
export const NETWORK_BLOCK_CELLS = { sharedSeats: "AH6", overlaps: "AM6" } as const;

/**
 * Why the Overview's network figures are not computed (an error value or a bad number in their
 * data), by figure: "sharedSeats", "overlaps".
 */
function networkNotComputed(n: NetworkFigures): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of n.problems)
    if (p.figure === "sharedSeats" || p.figure === "overlaps") out[p.figure] = p.message;
  return out;
}

/** The Overview's two network figures of one workbook. */
function networkHeadline(n: NetworkFigures): NetworkHeadline {
  const failed = (figure: NetworkProblem["figure"]): boolean => problemOf(n, figure) !== undefined;
  return {
    hoursBeyondOne: !n.representationRecorded || failed("sharedSeats") ? null : n.hoursBeyondOne,
    sharedSeats: n.sharedSeats.length,
    overlaps: !n.membersRecorded || failed("overlaps") ? null : n.overlaps.length,
    overlapFrom: n.overlapFrom,
    sharedSeatsAt: { sheet: SHEETS.summary, address: NETWORK_BLOCK_CELLS.sharedSeats },
    overlapsAt: { sheet: SHEETS.summary, address: NETWORK_BLOCK_CELLS.overlaps },
  };
}

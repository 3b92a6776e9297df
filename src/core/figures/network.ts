/**
 * The partner network's figures, computed once from the workbooks' rows taken together: the
 * shared seats (AUDIT.SHAREDSEATS over Representation's Partnership ID, District and Annual hours),
 * the overlapping pairs (AUDIT.OVERLAPS over Members with the Overlap from setting), the
 * organisations met most (AUDIT.PARTNERSHIPSBY over Members) and how many organisations we meet
 * (AUDIT.PARTNERSHIPS over Members' Organisation). The Summary's cached values, the pane's
 * Overview, `summary --json` and the report all read them from here.
 */
import { numberDefault, type TableName } from "../model/blueprint";
import { isBlank, toNumber } from "../model/cell-rules";
import { cellReader, tableLength } from "../model/table-cells";
import type { AuditReturn } from "../model/workbook-data";
import { AuditError, countDistinct, overlaps, partnershipsBy, sharedSeats, type Cells } from "../calc";
import { column as columnOf } from "./columns";

/** The network's columns keep error values (see networkFigures). */
const ERROR_VALUES = { errorValues: true } as const;

export interface SharedSeat {
  readonly id: string;
  readonly districts: number;
  readonly hours: number;
  readonly hoursBeyondOne: number;
}

export interface Overlap {
  readonly a: string;
  readonly b: string;
  readonly shared: number;
  readonly share: number;
}

export interface OrganisationMet {
  readonly organisation: string;
  readonly partnerships: number;
}

/** A figure that could not be computed: which, the error value its formula shows, and why. */
export interface NetworkProblem {
  readonly figure: "sharedSeats" | "overlaps" | "organisationsMet" | "organisations";
  readonly code: string;
  readonly message: string;
}

/** The problem that stopped one of the network figures, if its data stopped it. */
export function problemOf(n: NetworkFigures, figure: NetworkProblem["figure"]): NetworkProblem | undefined {
  return n.problems.find((p) => p.figure === figure);
}

export interface NetworkFigures {
  /** distinct organisations in Members (0 when none is recorded) */
  readonly organisations: number;
  /** Members has at least one row with a Partnership ID */
  readonly membersRecorded: boolean;
  /** Representation has at least one row with a Partnership ID */
  readonly representationRecorded: boolean;
  /** distinct non-blank districts among Representation's rows */
  readonly districts: number;
  readonly sharedSeats: readonly SharedSeat[];
  /** the sum of hours beyond one over the shared seats */
  readonly hoursBeyondOne: number;
  readonly overlaps: readonly Overlap[];
  /** every organisation with its number of partnerships, most first (ties A→Z); a blank one is "(blank)" */
  readonly organisationsMet: readonly OrganisationMet[];
  /** the Overlap from used */
  readonly overlapFrom: number;
  /** the figures that could not be computed (an error in the data, or too many pairs) */
  readonly problems: readonly NetworkProblem[];
}

/** The Overlap from of the first workbook's Settings, else the default. */
function overlapFromOf(returns: readonly AuditReturn[]): number {
  return toNumber(returns[0]?.settings.overlapFrom) ?? numberDefault("overlapFrom");
}

function recorded(returns: readonly AuditReturn[], table: TableName): boolean {
  for (const ret of returns) {
    const data = ret.tables[table];
    if (!data) continue;
    const id = cellReader(data, "partnershipId");
    for (let i = 0, n = tableLength(data); i < n; i++) if (!isBlank(id(i) ?? null)) return true;
  }
  return false;
}

/**
 * Runs a calculation; its own #N/A (nothing to show) is an empty list, any other failure (an #N/A
 * in the data among them) a problem in words.
 */
function rowsOr<T>(run: () => T[], figure: NetworkProblem["figure"], problems: NetworkProblem[]): T[] {
  try {
    return run();
  } catch (e) {
    if (e instanceof AuditError) {
      if (e.code !== "#N/A" || e.propagated) problems.push({ figure, code: e.code, message: e.message });
      return [];
    }
    throw e;
  }
}

/**
 * The network figures of these workbooks taken together; `overlapFrom` overrides the setting. An
 * error value in a column a figure reads makes that figure a problem, as it makes its formula
 * that error.
 */
export function networkFigures(returns: readonly AuditReturn[], overlapFrom?: number): NetworkFigures {
  const from = overlapFrom ?? overlapFromOf(returns);
  const column = (table: TableName, key: string): Cells => columnOf(returns, table, key, ERROR_VALUES);
  const problems: NetworkProblem[] = [];
  const membersRecorded = recorded(returns, "Members");
  const representationRecorded = recorded(returns, "Representation");
  const memberIds = membersRecorded ? column("Members", "partnershipId") : [];
  const organisations = membersRecorded ? column("Members", "organisation") : [];
  const repDistricts = representationRecorded ? column("Representation", "district") : [];
  const seats = representationRecorded
    ? rowsOr(
        () =>
          sharedSeats(
            column("Representation", "partnershipId"),
            repDistricts,
            column("Representation", "annualHours"),
          ),
        "sharedSeats",
        problems,
      )
    : [];
  const pairs = membersRecorded
    ? rowsOr(() => overlaps(memberIds, organisations, from), "overlaps", problems)
    : [];
  const met = membersRecorded
    ? rowsOr(() => partnershipsBy(memberIds, organisations), "organisationsMet", problems)
    : [];
  let count = 0;
  if (membersRecorded) {
    try {
      count = countDistinct(organisations);
    } catch (e) {
      if (!(e instanceof AuditError)) throw e;
      problems.push({ figure: "organisations", code: e.code, message: e.message });
    }
  }
  let districts = 0;
  if (representationRecorded) {
    try {
      districts = countDistinct(repDistricts);
    } catch (e) {
      if (!(e instanceof AuditError)) throw e;
    }
  }
  const sharedSeatRows = seats.map(([id, d, hours, beyond]) => ({
    id,
    districts: d,
    hours,
    hoursBeyondOne: beyond,
  }));
  return {
    organisations: count,
    membersRecorded,
    representationRecorded,
    districts,
    sharedSeats: sharedSeatRows,
    hoursBeyondOne: sharedSeatRows.reduce((t, s) => t + s.hoursBeyondOne, 0),
    overlaps: pairs.map(([a, b, shared, share]) => ({ a, b, shared, share })),
    organisationsMet: met.map(([organisation, partnerships]) => ({ organisation, partnerships })),
    overlapFrom: from,
    problems,
  };
}

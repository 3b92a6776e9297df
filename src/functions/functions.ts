/**
 * The AUDIT custom functions: the entry that webpack and custom-functions-metadata read.
 *
 * Each function is declared once, as data, in src/core/calc/declarations.ts; the JSDoc below gives
 * the metadata generator the same ids, names and help (test/functions/metadata.test.ts holds them
 * equal). Every function hands its arguments, as Excel passed them, to the one argument runner
 * (src/core/calc/runner.ts): it sets Excel's trailing invocation object aside, unpacks repeating
 * parameters, applies defaults, reads numbers and keywords, and decides which error wins. Here a
 * failure becomes a `CustomFunctions.Error` carrying the error code and a message that says what
 * to fix; no exception of any other kind leaves a function. The ids are a public contract:
 * workbooks store formulas by id.
 *
 * The parameters are declared for the metadata generator and Excel's formula help; the runner reads
 * `arguments`, so that it sees Excel's trailing invocation object. Ranges are typed `unknown[][]`
 * (matrix of any) and single values `unknown` (any): the runner checks every value itself, so
 * Excel passes cells as they are instead of converting them first.
 */
/* eslint-disable @typescript-eslint/no-unused-vars, prefer-rest-params -- see above: the runner reads `arguments` */
import { AuditError, type ExcelErrorCode } from "../core/calc";
import { declaration } from "../core/calc/declarations";
import { callDeclared, type CallResult } from "../core/calc/runner";

const CODES: Partial<Record<ExcelErrorCode, CustomFunctions.ErrorCode>> = {
  "#VALUE!": "#VALUE!" as CustomFunctions.ErrorCode,
  "#N/A": "#N/A" as CustomFunctions.ErrorCode,
  "#DIV/0!": "#DIV/0!" as CustomFunctions.ErrorCode,
  "#NUM!": "#NUM!" as CustomFunctions.ErrorCode,
  "#NULL!": "#NULL!" as CustomFunctions.ErrorCode,
};

/**
 * The Excel error for a failure: a CustomFunctions.Error (or the AuditError itself outside Excel).
 * A custom function's result can only be #VALUE!, #N/A, #DIV/0!, #NUM! or #NULL! (Microsoft's
 * "Handle and return errors from your custom function": #NAME? and #REF! are input errors only), so
 * an input holding another error gives #VALUE!, with a message that names that cell and its error.
 */
function excelError(error: AuditError): CustomFunctions.Error | AuditError {
  if (typeof CustomFunctions === "undefined" || typeof CustomFunctions.Error !== "function") return error;
  const code = CODES[error.code];
  if (code === undefined) {
    const message = error.propagated ? error.message : `${error.code}: ${error.message}`;
    return new CustomFunctions.Error("#VALUE!" as CustomFunctions.ErrorCode, message);
  }
  return new CustomFunctions.Error(code, error.message);
}

/** Runs function `id` on its arguments as given, failures as Excel errors. */
function callAudit(id: string, args: IArguments): CallResult {
  const declared = declaration(id);
  try {
    return callDeclared(declared, args);
  } catch (e) {
    if (e instanceof AuditError) throw excelError(e);
    throw excelError(
      new AuditError("#VALUE!", `AUDIT.${declared.id} failed unexpectedly; check its arguments`),
    );
  }
}

/**
 * Counts the distinct partnership ids among the rows that meet every criterion (like COUNTIFS, but distinct ids).
 * @customfunction PARTNERSHIPS
 * @helpurl https://localhost:3000/help.html#partnerships
 * @param ids The Partnership ID column. Blank ids are not counted; each distinct id counts once.
 * @param criteria Pairs of criteria_range (same number of cells as ids) and criterion (one value or a range of values; any matches; blank filters nothing).
 * @returns The number of distinct ids in the rows that meet every criterion.
 */
export function partnerships(ids: unknown[][], ...criteria: unknown[][][]): number {
  return callAudit("PARTNERSHIPS", arguments) as number;
}

/**
 * The mean number of distinct partnerships per district, over the districts named in the range.
 * @customfunction PERDISTRICT
 * @helpurl https://localhost:3000/help.html#perdistrict
 * @param ids The Partnership ID column.
 * @param districts The District column, the same number of cells as ids. Rows with a blank district are left out.
 * @returns The mean number of distinct ids per district.
 */
export function perDistrict(ids: unknown[][], districts: unknown[][]): number {
  return callAudit("PERDISTRICT", arguments) as number;
}

/**
 * Full-time equivalents: total hours divided by the hours one full-time person works in the period.
 * @customfunction FTE
 * @helpurl https://localhost:3000/help.html#fte
 * @param hours Hours spent (e.g. the Annual hours column). Blank cells are ignored; hours cannot be negative.
 * @param [period] The period the hours cover: week, month, quarter or year. Default year.
 * @param [hours_per_week] Hours of a full-time week. Default 37.
 * @param [weeks_per_year] Working weeks in a year. Default 52.
 * @returns The number of full-time equivalents.
 */
export function fte(
  hours: unknown[][],
  period?: unknown,
  hours_per_week?: unknown,
  weeks_per_year?: unknown,
): number {
  return callAudit("FTE", arguments) as number;
}

/**
 * Full-time equivalents per group (e.g. per district or grade), spilled as rows of group and FTE, largest first.
 * @customfunction FTEBY
 * @helpurl https://localhost:3000/help.html#fteby
 * @param groups The labels to group by, the same number of cells as hours. A blank group is shown as (blank).
 * @param hours Hours spent. Rows with blank hours are skipped; hours cannot be negative.
 * @param [period] The period the hours cover: week, month, quarter or year. Default year.
 * @param [hours_per_week] Hours of a full-time week. Default 37.
 * @param [weeks_per_year] Working weeks in a year. Default 52.
 * @returns Rows of group and FTE, largest first, ties A to Z.
 */
export function fteBy(
  groups: unknown[][],
  hours: unknown[][],
  period?: unknown,
  hours_per_week?: unknown,
  weeks_per_year?: unknown,
): unknown[][] {
  return callAudit("FTEBY", arguments) as unknown[][];
}

/**
 * The share (0 to 1) of partnerships in which the organisation plays a leading role.
 * @customfunction LEADERSHIPRATIO
 * @helpurl https://localhost:3000/help.html#leadershipratio
 * @param roles The Our role column. Blank roles are ignored.
 * @param [ids] The Partnership ID column, the same number of cells as roles: each distinct id then counts once, with its strongest role.
 * @param [leading_roles] The roles that count as leading (a value or a range). Default Leading and Key.
 * @returns The leadership ratio, between 0 and 1.
 */
export function leadershipRatio(roles: unknown[][], ids?: unknown[][], leading_roles?: unknown[][]): number {
  return callAudit("LEADERSHIPRATIO", arguments) as number;
}

/**
 * How often each label occurs in a column (multi-select cells count each label), spilled as rows of label, value and share.
 * @customfunction BREAKDOWN
 * @helpurl https://localhost:3000/help.html#breakdown
 * @param categories The labels to count, e.g. the Barriers column (labels separated by ; or line breaks).
 * @param [weights] Weights, the same number of cells as categories: values become sums of weights. Rows with a blank weight are skipped.
 * @param [order] Labels to list first, in this order (shown with 0 when not mentioned).
 * @returns Rows of label, value and share of the non-blank cells, largest first.
 */
export function breakdown(categories: unknown[][], weights?: unknown[][], order?: unknown[][]): unknown[][] {
  return callAudit("BREAKDOWN", arguments) as unknown[][];
}

/**
 * Compares the partnership ids of two audit rounds: how many are new, continuing and ended.
 * @customfunction CHANGE
 * @helpurl https://localhost:3000/help.html#change
 * @param previous_ids The Partnership ID column of the previous round.
 * @param current_ids The Partnership ID column of the current round.
 * @returns Rows New, Continuing and Ended with the number of distinct ids in each.
 */
export function change(previous_ids: unknown[][], current_ids: unknown[][]): unknown[][] {
  return callAudit("CHANGE", arguments) as unknown[][];
}

/**
 * The mean of the ratings in a range of any shape (e.g. the three trust columns).
 * @customfunction SCORE
 * @helpurl https://localhost:3000/help.html#score
 * @param ratings Ratings from 1 to scale_max. Blank cells are ignored.
 * @param [scale_max] The top of the rating scale. Default 4.
 * @returns The mean rating.
 */
export function score(ratings: unknown[][], scale_max?: unknown): number {
  return callAudit("SCORE", arguments) as number;
}

/**
 * The number of distinct partnerships per group (e.g. per level, type or district), spilled as rows of group and count, largest first.
 * @customfunction PARTNERSHIPSBY
 * @helpurl https://localhost:3000/help.html#partnershipsby
 * @param ids The Partnership ID column. Rows with a blank id are skipped; each distinct id counts once per group.
 * @param groups The labels to group by, the same number of cells as ids. A blank group is shown as (blank).
 * @param [order] Groups to list first, in this order (shown with 0 when no id has them).
 * @returns Rows of group and number of distinct ids, largest first, ties A to Z.
 */
export function partnershipsBy(ids: unknown[][], groups: unknown[][], order?: unknown[][]): unknown[][] {
  return callAudit("PARTNERSHIPSBY", arguments) as unknown[][];
}

/**
 * The leadership ratio per group (e.g. per level, type or district), spilled as rows of group, partnerships and ratio.
 * @customfunction LEADERSHIPBY
 * @helpurl https://localhost:3000/help.html#leadershipby
 * @param roles The Our role column. Rows with a blank role are skipped.
 * @param ids The Partnership ID column, the same number of cells as roles. Rows with a blank id are skipped; each distinct id counts once per group, with its strongest role there.
 * @param groups The labels to group by, the same number of cells as roles. A blank group is shown as (blank).
 * @param [leading_roles] The roles that count as leading (a value or a range). Default Leading and Key.
 * @returns Rows of group, number of distinct ids and the share of them in a leading role, largest first.
 */
export function leadershipBy(
  roles: unknown[][],
  ids: unknown[][],
  groups: unknown[][],
  leading_roles?: unknown[][],
): unknown[][] {
  return callAudit("LEADERSHIPBY", arguments) as unknown[][];
}

/**
 * The annual cost of staff time: each row's hours times the hourly cost of its grade, summed.
 * @customfunction COST
 * @helpurl https://localhost:3000/help.html#cost
 * @param hours Hours spent (e.g. the Annual hours column). Rows with blank hours are skipped; hours cannot be negative.
 * @param grades The Grade column, the same number of cells as hours. A row with hours needs a grade that has a cost.
 * @param rate_grades The grades that have an hourly cost (e.g. the Grade column of GradeCosts).
 * @param rates The hourly cost of each grade in rate_grades, the same number of cells. A blank cost means not costed; a cost cannot be negative.
 * @returns The sum of hours times the hourly cost of the row's grade.
 */
export function cost(
  hours: unknown[][],
  grades: unknown[][],
  rate_grades: unknown[][],
  rates: unknown[][],
): number {
  return callAudit("COST", arguments) as number;
}

/**
 * Hours and partner-rated value per partnership, flagging those to review, spilled as rows of id, hours, value and flag, most hours first.
 * @customfunction REVIEW
 * @helpurl https://localhost:3000/help.html#review
 * @param ids The Partnership ID column of the time records (e.g. Representation). Each distinct id is one row.
 * @param hours Hours spent, the same number of cells as ids. Blank hours count 0; hours cannot be negative.
 * @param survey_ids The Partnership ID column of the Partner survey.
 * @param value_ratings The survey's value ratings (1 to 4), one row per cell of survey_ids and any number of columns.
 * @param [value_below] A partnership whose mean value is below this is flagged Review. Default 2.5.
 * @param [hours_from] Only partnerships with at least these hours are flagged Review. Default 0.
 * @returns Rows of id, hours, mean value (blank when unrated) and flag (Review, Keep or No rating), most hours first.
 */
export function review(
  ids: unknown[][],
  hours: unknown[][],
  survey_ids: unknown[][],
  value_ratings: unknown[][],
  value_below?: unknown,
  hours_from?: unknown,
): unknown[][] {
  return callAudit("REVIEW", arguments) as unknown[][];
}

/**
 * Partnerships attended from two or more districts, spilled as rows of id, districts, hours and the hours beyond the largest district's, most hours beyond first.
 * @customfunction SHAREDSEATS
 * @helpurl https://localhost:3000/help.html#sharedseats
 * @param ids The Partnership ID column (e.g. of Representation). Rows with a blank id are left out.
 * @param districts The District column, the same number of cells as ids. Rows with a blank district are left out.
 * @param hours Hours spent, the same number of cells as ids. Blank hours count 0; hours cannot be negative.
 * @returns Rows of id, number of districts, hours, and hours beyond one district's (what one representative could save, at most).
 */
export function sharedSeats(ids: unknown[][], districts: unknown[][], hours: unknown[][]): unknown[][] {
  return callAudit("SHAREDSEATS", arguments) as unknown[][];
}

/**
 * Pairs of partnerships with mostly the same organisations around the table, spilled as rows of id, id, shared organisations and share.
 * @customfunction OVERLAPS
 * @helpurl https://localhost:3000/help.html#overlaps
 * @param ids The Partnership ID column of Members. Rows with a blank id are left out.
 * @param organisations The Organisation column, the same number of cells as ids. Blank organisations are left out; one listed twice for an id counts once.
 * @param [overlap_from] Only pairs whose share is at least this (0 to 1) are listed. Default 0.5.
 * @returns Rows of the two ids, the number of organisations they share and that number as a share of the smaller one's organisations, largest share first.
 */
export function overlaps(ids: unknown[][], organisations: unknown[][], overlap_from?: unknown): unknown[][] {
  return callAudit("OVERLAPS", arguments) as unknown[][];
}

/**
 * The one registration of the AUDIT functions: each pinned id bound to its function, here and
 * nowhere else. custom-functions-metadata-plugin makes functions.json from the JSDoc above; it
 * binds nothing in this build (scripts/check-bundle-size.mjs checks that the built functions.js
 * holds this one binding and no other), so an id is never bound twice. Exported for tests, which
 * hold every declared id to one function here.
 */
export const REGISTRY = {
  PARTNERSHIPS: partnerships,
  PERDISTRICT: perDistrict,
  FTE: fte,
  FTEBY: fteBy,
  LEADERSHIPRATIO: leadershipRatio,
  BREAKDOWN: breakdown,
  CHANGE: change,
  SCORE: score,
  PARTNERSHIPSBY: partnershipsBy,
  LEADERSHIPBY: leadershipBy,
  COST: cost,
  REVIEW: review,
  SHAREDSEATS: sharedSeats,
  OVERLAPS: overlaps,
} as const;

if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.associate === "function") {
  for (const [id, fn] of Object.entries(REGISTRY)) CustomFunctions.associate(id, fn);
}

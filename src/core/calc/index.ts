/**
 * The pure core of the AUDIT custom functions, importable by the Excel shell (src/functions), the
 * command-line tool and the task pane alike. No Office, React or Node APIs.
 *
 * Arguments are ranges as Excel passes them: 2-D arrays of cells read row by row (`Cells`); a
 * single value stands for a 1×1 range. Optional arguments: null or undefined mean the default.
 * Failures throw `AuditError` ({ code: "#VALUE!" | "#NUM!" | "#DIV/0!" | "#N/A" | …, message })
 * with a message that says what to fix.
 *
 * - `countDistinct(ids, criteria?)` → number: AUDIT.PARTNERSHIPS; `criteria` is the flat list
 *   [criteria_range1, criterion1, criteria_range2, criterion2, …].
 * - `perDistrict(ids, districts)` → number: AUDIT.PERDISTRICT.
 * - `fte(hours, period?, hoursPerWeek?, weeksPerYear?)` → number: AUDIT.FTE.
 * - `fteBy(groups, hours, period?, hoursPerWeek?, weeksPerYear?)` → [group, fte][]: AUDIT.FTEBY.
 * - `leadershipRatio(roles, ids?, leadingRoles?)` → number in [0, 1]: AUDIT.LEADERSHIPRATIO.
 * - `breakdown(categories, weights?, order?)` → [label, value, share][]: AUDIT.BREAKDOWN.
 * - `change(previousIds, currentIds)` → [["New", n], ["Continuing", n], ["Ended", n]]: AUDIT.CHANGE.
 * - `score(ratings, scaleMax?)` → number: AUDIT.SCORE.
 * - `partnershipsBy(ids, groups, order?)` → [group, partnerships][]: AUDIT.PARTNERSHIPSBY.
 * - `leadershipBy(roles, ids, groups, leadingRoles?)` → [group, partnerships, ratio][]:
 *   AUDIT.LEADERSHIPBY.
 * - `cost(hours, grades, rateGrades, rates)` → number: AUDIT.COST (docs/value-for-time.md).
 * - `review(ids, hours, surveyIds, valueRatings, valueBelow?, hoursFrom?)` →
 *   [id, hours, value, flag][]: AUDIT.REVIEW (docs/value-for-time.md).
 * - `sharedSeats(ids, districts, hours)` → [id, districts, hours, hoursBeyondOne][]:
 *   AUDIT.SHAREDSEATS; `overlaps(ids, organisations, overlapFrom?)` → [idA, idB, shared, share][]:
 *   AUDIT.OVERLAPS.
 *
 * Shared rules (in ./cells): labels compare like `labelKey` (trimmed, inner spaces collapsed,
 * case ignored) and keep their first spelling; multi-select cells split on ";" and line breaks
 * (criteria ranges, criteria, categories, roles, leading_roles, order; key columns — ids,
 * districts, groups — hold one label each); blanks ignored; numbers may be numeric text; booleans
 * and other text where a number is expected are #VALUE!; negative hours #NUM!; an error value
 * (a CustomFunctions.Error-like object or its text, e.g. "#N/A") anywhere in an input range makes
 * the result that error, before any other failure; ranges that pair up must have the same number
 * of cells.
 */
export { AuditError, finiteTotal, type ExcelErrorCode } from "./errors";
export { type Cells } from "./ranges";
export { countDistinct } from "./partnerships";
export { perDistrict } from "./districts";
export { BLANK_GROUP, fte, fteBy, sumHours } from "./fte";
export { leadershipRatio } from "./leadership";
export { breakdown } from "./breakdown";
export { change } from "./change";
export { score } from "./score";
export { partnershipsBy } from "./partnerships-by";
export { leadershipBy } from "./leadership-by";
export { cost } from "./cost";
export { overlaps, sharedSeats } from "./network";
export { review } from "./review";

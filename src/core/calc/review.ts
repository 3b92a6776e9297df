import { AuditError, finiteTotal } from "./errors";
import { byValueThenLabel } from "./sorting";
import { checked, looseRange, pairWith, shaped, shapeChanged, type RangeArg, type ReadRange } from "./ranges";
import { grow } from "./growth";
import { LabelTable } from "./label-table";
import { numberArg, numberCell } from "./numbers";
import {
  DEFAULT_HOURS_FROM,
  DEFAULT_VALUE_BELOW,
  HOURS,
  HOURS_FROM,
  VALUE_BELOW,
  VALUE_RATING,
} from "./rules";

/** The flag of a partnership in AUDIT.REVIEW. */
type ReviewFlag = "Review" | "Keep" | "No rating";

/** One row of AUDIT.REVIEW: the id, its hours, its mean value rating ("" when none) and its flag. */
type ReviewRow = [id: string, hours: number, value: number | "", flag: ReviewFlag];

/**
 * The defaults of value_below and hours_from: the defaults of the Settings `Review value below`
 * and `Review hours from` (2.5 and 0).
 */

/**
 * Value ratings are on the Partner survey's scale, 1 (not valuable) … 4 (very valuable). A blank
 * rating arrives as null from current Excel builds; older desktop builds passed an empty cell of a
 * range as 0 (office-js issues #4702 and #5262, fixed since), which this rule would call #NUM!.
 */
const RATING = VALUE_RATING;

/**
 * AUDIT.REVIEW: one row per distinct non-blank id in `ids`: [id, hours, value, flag].
 * hours: the sum of the id's hours (blank hours count 0; hours the same size as ids). value: the
 * mean of the non-blank ratings in the rows of `valueRatings` whose `surveyIds` cell is that id
 * (valueRatings has one row per cell of surveyIds, any number of columns); "" when there is none.
 * flag: "No rating" when value is ""; "Review" when value < valueBelow (default 2.5) and hours ≥
 * hoursFrom (default 0); otherwise "Keep". Every hours cell and every rating is checked (ratings
 * outside 1…4 #NUM!), also in rows that do not count. Order: hours, largest first; ties by id A→Z.
 * No id: #N/A.
 */
export function review(
  ids: RangeArg,
  hours: RangeArg,
  surveyIds: RangeArg,
  valueRatings: RangeArg,
  valueBelow?: unknown,
  hoursFrom?: unknown,
): ReviewRow[] {
  const idRange = looseRange("ids", ids);
  const hourRange = looseRange("hours", hours);
  const surveyRange = looseRange("survey_ids", surveyIds);
  const ratingRange = looseRange("value_ratings", valueRatings);
  const below = numberArg(valueBelow, "value_below", DEFAULT_VALUE_BELOW, VALUE_BELOW);
  const from = numberArg(hoursFrom, "hours_from", DEFAULT_HOURS_FROM, HOURS_FROM);
  // Two 2-D arrays with as many rows as each other (a column of survey ids, as from Excel) are
  // not read in full first: `rate` checks their shape as it goes, and the rule that there is one
  // row of ratings per survey id is applied before any other error is reported, as it would be
  // on ranges read in full.
  const loose =
    surveyRange.cells < 0 && ratingRange.cells < 0 && surveyRange.rows.length === ratingRange.rows.length;
  if (!loose) oneRowPerSurveyId(surveyRange, ratingRange);
  try {
    const { table, sums } = shaped([idRange, hourRange], ([i, h]) => sumHours(i, pairWith(i, h)));
    const count = table.size;
    if (count === 0) {
      throw new AuditError(
        "#N/A",
        "ids has no non-blank id, so there is no partnership to review; fill in the ids",
      );
    }
    const ratings = shaped([surveyRange, ratingRange], ([sv, vv]) => {
      if (sv.cells >= 0) oneRowPerSurveyId(sv, vv);
      return rate(table, count, sv, vv);
    });
    const order: number[] = [];
    for (let id = 0; id < count; id++) order.push(id);
    order.sort(byValueThenLabel(sums, table));
    return order.map((id): ReviewRow => {
      const n = ratings[2 * id + 1];
      const hoursOf = sums[id];
      if (n === 0) return [table.spelling[id], hoursOf, "", "No rating"];
      const value = ratings[2 * id] / n;
      return [table.spelling[id], hoursOf, value, value < below && hoursOf >= from ? "Review" : "Keep"];
    });
  } catch (e) {
    if (loose) oneRowPerSurveyId(surveyRange, ratingRange);
    throw e;
  }
}

/** Throws #VALUE! unless value_ratings has one row per cell of survey_ids (both read in full). */
function oneRowPerSurveyId(surveyIds: ReadRange, valueRatings: ReadRange): void {
  const cells = checked(surveyIds).cells;
  const n = checked(valueRatings).rows.length;
  if (n !== cells) {
    throw new AuditError(
      "#VALUE!",
      `survey_ids has ${cells} ${cells === 1 ? "cell" : "cells"} but value_ratings has ${n} ${n === 1 ? "row" : "rows"}; select one row of value_ratings per survey id`,
    );
  }
}

/** The distinct ids (label numbers 0, 1, …) and the hours of each. */
function sumHours(
  idRange: ReadRange,
  hourRange: ReadRange,
): { table: LabelTable; sums: Float64Array<ArrayBuffer> } {
  const table = new LabelTable();
  let sums = new Float64Array(1024);
  const cache = new Map<string, number | null>();
  const iRows = idRange.rows;
  const hRows = hourRange.rows;
  for (let r = 0; r < iRows.length; r++) {
    const iRow = iRows[r];
    const hRow = hRows[r];
    if (!Array.isArray(iRow) || !Array.isArray(hRow) || hRow.length !== iRow.length) shapeChanged();
    for (let c = 0; c < iRow.length; c++) {
      const iv = iRow[c];
      const id = table.id(iv, "ids", r, c);
      if (id >= sums.length) sums = grow(sums, id + 1);
      // Hours are read after the call above and used at once on the number path: V8 then need
      // not box the number once per row. Every hours cell is checked, also beside a blank id.
      const v = hRow[c];
      if (typeof v === "number" && v >= 0 && v < Infinity) {
        if (id >= 0) sums[id] += v;
        continue;
      }
      const n = numberCell(v, HOURS, cache, "hours", r, c);
      if (n !== null && id >= 0) sums[id] += n;
    }
  }
  for (let id = 0; id < table.size; id++) finiteTotal(sums[id], "the hours of a partnership");
  return { table, sums };
}

/**
 * The sum and number of ratings of each of the `count` ids, side by side (id i at 2i and 2i + 1:
 * one cache line per survey row instead of two); other survey ids are left out.
 */
function rate(
  table: LabelTable,
  count: number,
  surveyRange: ReadRange,
  ratingRange: ReadRange,
): Float64Array {
  const acc = new Float64Array(2 * count);
  const cache = new Map<string, number | null>();
  const sRows = surveyRange.rows;
  const vRows = ratingRange.rows;
  let k = 0;
  for (let r = 0; r < sRows.length; r++) {
    const sRow = sRows[r];
    // Loose ranges (see review): rows that are not arrays, or survey rows of other than one cell
    // that leave a survey id without its row of ratings, send the call to the checked path.
    if (!Array.isArray(sRow)) shapeChanged();
    for (let c = 0; c < sRow.length; c++, k++) {
      const sv = sRow[c];
      // A survey id not in ids is -1 (and is not added to the table).
      const id = table.knownId(sv, "survey_ids", r, c);
      const row = vRows[k];
      if (!Array.isArray(row)) shapeChanged();
      let sum = 0;
      let n = 0;
      for (let j = 0; j < row.length; j++) {
        // Every rating is checked, also in a row whose id is blank or not in ids.
        const v = row[j];
        if (typeof v === "number" && v >= 1 && v <= 4) {
          sum += v;
          n++;
        } else if (v !== null && v !== "" && v !== undefined) {
          const parsed = numberCell(v, RATING, cache, "value_ratings", k, j);
          if (parsed !== null) {
            sum += parsed;
            n++;
          }
        }
      }
      if (id >= 0) {
        acc[2 * id] += sum;
        acc[2 * id + 1] += n;
      }
    }
  }
  if (k !== vRows.length) shapeChanged();
  return acc;
}

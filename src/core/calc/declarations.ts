/**
 * The AUDIT functions as data: one declaration per function gives its id, its exported name, its
 * help, its parameters (what kind of value each takes, whether it is optional, its default and
 * bounds) and the core calculation it runs. One runner (src/functions/runner.ts) turns Excel's
 * call into the calculation's call for every function from these declarations; the metadata that
 * Excel reads (generated from the JSDoc of src/functions/functions.ts), the help page and the
 * argument lists of docs/functions.md are held equal to them by tests.
 */
import { breakdown } from "./breakdown";
import type { NumberRule } from "./numbers";
import type { RangeArg } from "./ranges";
import { change } from "./change";
import { cost } from "./cost";
import { perDistrict } from "./districts";
import { fte, fteBy } from "./fte";
import { leadershipRatio } from "./leadership";
import { leadershipBy } from "./leadership-by";
import { countDistinct } from "./partnerships";
import { partnershipsBy } from "./partnerships-by";
import { RATING_SCALE } from "../model/blueprint";
import { DEFAULT_OVERLAP_FROM, OVERLAP_FROM, overlaps, sharedSeats } from "./network";
import { review } from "./review";
import {
  DEFAULT_HOURS_FROM,
  DEFAULT_HOURS_PER_WEEK,
  DEFAULT_SCALE_MAX,
  DEFAULT_VALUE_BELOW,
  DEFAULT_WEEKS_PER_YEAR,
  HOURS_FROM,
  positiveRule,
  SCALE_MAX,
  VALUE_BELOW,
} from "./rules";
import { score } from "./score";

/** A range of cells (a single value is a one-cell range), passed to the calculation as given. */
interface RangeParameter {
  readonly kind: "range";
  readonly name: string;
  readonly help: string;
  readonly optional?: boolean;
  /** the parameter whose number of cells this one must have */
  readonly sameSizeAs?: string;
}

/** One number: numeric text is a number; blank or omitted is the default; bounds give #NUM!. */
export interface NumberParameter {
  readonly kind: "number";
  readonly name: string;
  readonly help: string;
  readonly optional: true;
  readonly fallback: number;
  readonly rule: NumberRule;
}

/** One word from a fixed list, compared like labels; blank or omitted is the default. */
export interface KeywordParameter {
  readonly kind: "keyword";
  readonly name: string;
  readonly help: string;
  readonly optional: true;
  readonly fallback: string;
  readonly words: readonly string[];
}

/** Repeating pairs of a range and the value(s) to match in it, e.g. criteria_range1, criterion1. */
interface PairsParameter {
  readonly kind: "pairs";
  readonly name: string;
  readonly help: string;
  readonly optional: true;
  /** the names of one pair's two parts, numbered from 1 in messages */
  readonly parts: readonly [range: string, value: string];
  /** the parameter whose number of cells each pair's range must have */
  readonly sameSizeAs: string;
}

type Parameter = RangeParameter | NumberParameter | KeywordParameter | PairsParameter;

/** The value of each parameter as the runner hands it to a calculation. */
export type Argument = unknown;

export interface FunctionDeclaration {
  /** the id in the metadata and in workbooks' formulas (a public contract) */
  readonly id: string;
  /** the exported JavaScript name: the id in lower camel case */
  readonly name: string;
  readonly description: string;
  readonly returns: string;
  /** a number in one cell, or a spill of rows */
  readonly result: "number" | "spill";
  readonly parameters: readonly Parameter[];
  /**
   * The calculation: one argument per parameter, in order. A range as given (null when omitted);
   * a number or keyword already read and checked (its default when omitted or blank); repeating
   * pairs as one flat list [range1, value1, range2, value2, …].
   */
  readonly compute: (args: readonly Argument[]) => number | readonly (readonly (string | number)[])[];
}

const range = (name: string, help: string, sameSizeAs?: string): RangeParameter =>
  sameSizeAs === undefined ? { kind: "range", name, help } : { kind: "range", name, help, sameSizeAs };
const optionalRange = (name: string, help: string, sameSizeAs?: string): RangeParameter => ({
  ...range(name, help, sameSizeAs),
  optional: true,
});

const PERIOD: KeywordParameter = {
  kind: "keyword",
  name: "period",
  help: "The period the hours cover: week, month, quarter or year. Default year.",
  optional: true,
  fallback: "year",
  words: ["week", "month", "quarter", "year"],
};
const HOURS_PER_WEEK: NumberParameter = {
  kind: "number",
  name: "hours_per_week",
  help: `Hours of a full-time week. Default ${DEFAULT_HOURS_PER_WEEK}.`,
  optional: true,
  fallback: DEFAULT_HOURS_PER_WEEK,
  rule: positiveRule("hours_per_week"),
};
const WEEKS_PER_YEAR: NumberParameter = {
  kind: "number",
  name: "weeks_per_year",
  help: `Working weeks in a year. Default ${DEFAULT_WEEKS_PER_YEAR}.`,
  optional: true,
  fallback: DEFAULT_WEEKS_PER_YEAR,
  rule: positiveRule("weeks_per_year"),
};
const LEADING_ROLES = optionalRange(
  "leading_roles",
  "The roles that count as leading (a value or a range). Default Leading and Key.",
);

// exported for tests: the README test checks each function's syntax line against it
/** Every AUDIT function, in the order of the metadata and the help page. */
export const DECLARATIONS: readonly FunctionDeclaration[] = [
  {
    id: "PARTNERSHIPS",
    name: "partnerships",
    description:
      "Counts the distinct partnership ids among the rows that meet every criterion (like COUNTIFS, but distinct ids).",
    returns: "The number of distinct ids in the rows that meet every criterion.",
    result: "number",
    parameters: [
      range("ids", "The Partnership ID column. Blank ids are not counted; each distinct id counts once."),
      {
        kind: "pairs",
        name: "criteria",
        help: "Pairs of criteria_range (same number of cells as ids) and criterion (one value or a range of values; any matches; blank filters nothing).",
        optional: true,
        parts: ["criteria_range", "criterion"],
        sameSizeAs: "ids",
      },
    ],
    compute: ([ids, criteria]) => countDistinct(ids as RangeArg, criteria as readonly RangeArg[]),
  },
  {
    id: "PERDISTRICT",
    name: "perDistrict",
    description:
      "The mean number of distinct partnerships per district, over the districts named in the range.",
    returns: "The mean number of distinct ids per district.",
    result: "number",
    parameters: [
      range("ids", "The Partnership ID column."),
      range(
        "districts",
        "The District column, the same number of cells as ids. Rows with a blank district are left out.",
        "ids",
      ),
    ],
    compute: ([ids, districts]) => perDistrict(ids as RangeArg, districts as RangeArg),
  },
  {
    id: "FTE",
    name: "fte",
    description:
      "Full-time equivalents: total hours divided by the hours one full-time person works in the period.",
    returns: "The number of full-time equivalents.",
    result: "number",
    parameters: [
      range(
        "hours",
        "Hours spent (e.g. the Annual hours column). Blank cells are ignored; hours cannot be negative.",
      ),
      PERIOD,
      HOURS_PER_WEEK,
      WEEKS_PER_YEAR,
    ],
    compute: ([hours, period, perWeek, weeks]) => fte(hours as RangeArg, period, perWeek, weeks),
  },
  {
    id: "FTEBY",
    name: "fteBy",
    description:
      "Full-time equivalents per group (e.g. per district or grade), spilled as rows of group and FTE, largest first.",
    returns: "Rows of group and FTE, largest first, ties A to Z.",
    result: "spill",
    parameters: [
      range(
        "groups",
        "The labels to group by, the same number of cells as hours. A blank group is shown as (blank).",
        "hours",
      ),
      range("hours", "Hours spent. Rows with blank hours are skipped; hours cannot be negative."),
      PERIOD,
      HOURS_PER_WEEK,
      WEEKS_PER_YEAR,
    ],
    compute: ([groups, hours, period, perWeek, weeks]) =>
      fteBy(groups as RangeArg, hours as RangeArg, period, perWeek, weeks),
  },
  {
    id: "LEADERSHIPRATIO",
    name: "leadershipRatio",
    description: "The share (0 to 1) of partnerships in which the organisation plays a leading role.",
    returns: "The leadership ratio, between 0 and 1.",
    result: "number",
    parameters: [
      range("roles", "The Our role column. Blank roles are ignored."),
      optionalRange(
        "ids",
        "The Partnership ID column, the same number of cells as roles: each distinct id then counts once, with its strongest role.",
        "roles",
      ),
      LEADING_ROLES,
    ],
    compute: ([roles, ids, leading]) =>
      leadershipRatio(roles as RangeArg, ids as RangeArg, leading as RangeArg),
  },
  {
    id: "BREAKDOWN",
    name: "breakdown",
    description:
      "How often each label occurs in a column (multi-select cells count each label), spilled as rows of label, value and share.",
    returns: "Rows of label, value and share of the non-blank cells, largest first.",
    result: "spill",
    parameters: [
      range(
        "categories",
        "The labels to count, e.g. the Barriers column (labels separated by ; or line breaks).",
      ),
      optionalRange(
        "weights",
        "Weights, the same number of cells as categories: values become sums of weights. Rows with a blank weight are skipped.",
        "categories",
      ),
      optionalRange("order", "Labels to list first, in this order (shown with 0 when not mentioned)."),
    ],
    compute: ([categories, weights, order]) =>
      breakdown(categories as RangeArg, weights as RangeArg, order as RangeArg),
  },
  {
    id: "CHANGE",
    name: "change",
    description: "Compares the partnership ids of two audit rounds: how many are new, continuing and ended.",
    returns: "Rows New, Continuing and Ended with the number of distinct ids in each.",
    result: "spill",
    parameters: [
      range("previous_ids", "The Partnership ID column of the previous round."),
      range("current_ids", "The Partnership ID column of the current round."),
    ],
    compute: ([previous, current]) => change(previous as RangeArg, current as RangeArg),
  },
  {
    id: "SCORE",
    name: "score",
    description: "The mean of the ratings in a range of any shape (e.g. the three trust columns).",
    returns: "The mean rating.",
    result: "number",
    parameters: [
      range("ratings", "Ratings from 1 to scale_max. Blank cells are ignored."),
      {
        kind: "number",
        name: "scale_max",
        help: `The top of the rating scale. Default ${DEFAULT_SCALE_MAX}.`,
        optional: true,
        fallback: DEFAULT_SCALE_MAX,
        rule: SCALE_MAX,
      },
    ],
    compute: ([ratings, scaleMax]) => score(ratings as RangeArg, scaleMax),
  },
  {
    id: "PARTNERSHIPSBY",
    name: "partnershipsBy",
    description:
      "The number of distinct partnerships per group (e.g. per level, type or district), spilled as rows of group and count, largest first.",
    returns: "Rows of group and number of distinct ids, largest first, ties A to Z.",
    result: "spill",
    parameters: [
      range(
        "ids",
        "The Partnership ID column. Rows with a blank id are skipped; each distinct id counts once per group.",
      ),
      range(
        "groups",
        "The labels to group by, the same number of cells as ids. A blank group is shown as (blank).",
        "ids",
      ),
      optionalRange("order", "Groups to list first, in this order (shown with 0 when no id has them)."),
    ],
    compute: ([ids, groups, order]) => partnershipsBy(ids as RangeArg, groups as RangeArg, order as RangeArg),
  },
  {
    id: "LEADERSHIPBY",
    name: "leadershipBy",
    description:
      "The leadership ratio per group (e.g. per level, type or district), spilled as rows of group, partnerships and ratio.",
    returns: "Rows of group, number of distinct ids and the share of them in a leading role, largest first.",
    result: "spill",
    parameters: [
      range("roles", "The Our role column. Rows with a blank role are skipped."),
      range(
        "ids",
        "The Partnership ID column, the same number of cells as roles. Rows with a blank id are skipped; each distinct id counts once per group, with its strongest role there.",
        "roles",
      ),
      range(
        "groups",
        "The labels to group by, the same number of cells as roles. A blank group is shown as (blank).",
        "roles",
      ),
      LEADING_ROLES,
    ],
    compute: ([roles, ids, groups, leading]) =>
      leadershipBy(roles as RangeArg, ids as RangeArg, groups as RangeArg, leading as RangeArg),
  },
  {
    id: "COST",
    name: "cost",
    description:
      "The annual cost of staff time: each row's hours times the hourly cost of its grade, summed.",
    returns: "The sum of hours times the hourly cost of the row's grade.",
    result: "number",
    parameters: [
      range(
        "hours",
        "Hours spent (e.g. the Annual hours column). Rows with blank hours are skipped; hours cannot be negative.",
      ),
      range(
        "grades",
        "The Grade column, the same number of cells as hours. A row with hours needs a grade that has a cost.",
        "hours",
      ),
      range("rate_grades", "The grades that have an hourly cost (e.g. the Grade column of GradeCosts)."),
      range(
        "rates",
        "The hourly cost of each grade in rate_grades, the same number of cells. A blank cost means not costed; a cost cannot be negative.",
        "rate_grades",
      ),
    ],
    compute: ([hours, grades, rateGrades, rates]) =>
      cost(hours as RangeArg, grades as RangeArg, rateGrades as RangeArg, rates as RangeArg),
  },
  {
    id: "REVIEW",
    name: "review",
    description:
      "Hours and partner-rated value per partnership, flagging those to review, spilled as rows of id, hours, value and flag, most hours first.",
    returns:
      "Rows of id, hours, mean value (blank when unrated) and flag (Review, Keep or No rating), most hours first.",
    result: "spill",
    parameters: [
      range(
        "ids",
        "The Partnership ID column of the time records (e.g. Representation). Each distinct id is one row.",
      ),
      range(
        "hours",
        "Hours spent, the same number of cells as ids. Blank hours count 0; hours cannot be negative.",
        "ids",
      ),
      range("survey_ids", "The Partnership ID column of the Partner survey."),
      range(
        "value_ratings",
        `The survey's value ratings (${RATING_SCALE.min} to ${RATING_SCALE.max}), one row per cell of survey_ids and any number of columns.`,
      ),
      {
        kind: "number",
        name: "value_below",
        help: `A partnership whose mean value is below this is flagged Review. Default ${DEFAULT_VALUE_BELOW}.`,
        optional: true,
        fallback: DEFAULT_VALUE_BELOW,
        rule: VALUE_BELOW,
      },
      {
        kind: "number",
        name: "hours_from",
        help: `Only partnerships with at least these hours are flagged Review. Default ${DEFAULT_HOURS_FROM}.`,
        optional: true,
        fallback: DEFAULT_HOURS_FROM,
        rule: HOURS_FROM,
      },
    ],
    compute: ([ids, hours, surveyIds, ratings, below, from]) =>
      review(ids as RangeArg, hours as RangeArg, surveyIds as RangeArg, ratings as RangeArg, below, from),
  },
  {
    id: "SHAREDSEATS",
    name: "sharedSeats",
    description:
      "Partnerships attended from two or more districts, spilled as rows of id, districts, hours and the hours beyond the largest district's, most hours beyond first.",
    returns:
      "Rows of id, number of districts, hours, and hours beyond one district's (what one representative could save, at most).",
    result: "spill",
    parameters: [
      range("ids", "The Partnership ID column (e.g. of Representation). Rows with a blank id are left out."),
      range(
        "districts",
        "The District column, the same number of cells as ids. Rows with a blank district are left out.",
        "ids",
      ),
      range(
        "hours",
        "Hours spent, the same number of cells as ids. Blank hours count 0; hours cannot be negative.",
        "ids",
      ),
    ],
    compute: ([ids, districts, hours]) =>
      sharedSeats(ids as RangeArg, districts as RangeArg, hours as RangeArg),
  },
  {
    id: "OVERLAPS",
    name: "overlaps",
    description:
      "Pairs of partnerships with mostly the same organisations around the table, spilled as rows of id, id, shared organisations and share.",
    returns:
      "Rows of the two ids, the number of organisations they share and that number as a share of the smaller one's organisations, largest share first.",
    result: "spill",
    parameters: [
      range("ids", "The Partnership ID column of Members. Rows with a blank id are left out."),
      range(
        "organisations",
        "The Organisation column, the same number of cells as ids. Blank organisations are left out; one listed twice for an id counts once.",
        "ids",
      ),
      {
        kind: "number",
        name: "overlap_from",
        help: `Only pairs whose share is at least this (0 to 1) are listed. Default ${DEFAULT_OVERLAP_FROM}.`,
        optional: true,
        fallback: DEFAULT_OVERLAP_FROM,
        rule: OVERLAP_FROM,
      },
    ],
    compute: ([ids, organisations, from]) => overlaps(ids as RangeArg, organisations as RangeArg, from),
  },
];

/** The declaration of function `id`. */
export function declaration(id: string): FunctionDeclaration {
  const found = DECLARATIONS.find((d) => d.id === id);
  if (found === undefined) throw new Error(`No AUDIT function ${id}`);
  return found;
}

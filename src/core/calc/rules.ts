/**
 * The number rules and defaults of the AUDIT functions, each written once: the argument runner
 * (src/functions) and the calculations read them from here, and the help text quotes them.
 */
import { numberDefault, RATING_SCALE } from "../model/blueprint";
import type { NumberRule } from "./numbers";

/** Hours spent: any finite number from 0. */
export const HOURS: NumberRule = { min: 0, what: "hours cannot be negative; enter 0 or more" };

/** A weight of AUDIT.BREAKDOWN: any finite number from 0. */
export const WEIGHT: NumberRule = { min: 0, what: "a weight cannot be negative; enter 0 or more" };

/** An hourly cost of AUDIT.COST: any finite number from 0. */
export const RATE: NumberRule = { min: 0, what: "an hourly cost cannot be negative; enter 0 or more" };

/** A value rating of the Partner survey, on the survey's scale (1 to 4). */
export const VALUE_RATING: NumberRule = {
  min: RATING_SCALE.min,
  max: RATING_SCALE.max,
  what: `a value rating must be between ${RATING_SCALE.min} and ${RATING_SCALE.max}`,
};

/** A rating of AUDIT.SCORE on a scale from 1 to `max`. */
export function ratingRule(max: number): NumberRule {
  return { min: RATING_SCALE.min, max, what: `a rating must be between ${RATING_SCALE.min} and ${max}` };
}

/** The defaults of the optional number arguments: the Settings defaults and the survey's scale. */
export const DEFAULT_HOURS_PER_WEEK = numberDefault("hoursPerWeek");
export const DEFAULT_WEEKS_PER_YEAR = numberDefault("weeksPerYear");
export const DEFAULT_VALUE_BELOW = numberDefault("reviewValueBelow");
export const DEFAULT_HOURS_FROM = numberDefault("reviewHoursFrom");
export const DEFAULT_SCALE_MAX = RATING_SCALE.max;

/** A number that must be more than 0 (hours_per_week, weeks_per_year). */
export function positiveRule(name: string): NumberRule {
  return { above: 0, what: `${name} must be more than 0` };
}

/** scale_max: at least the bottom of the scale. */
export const SCALE_MAX: NumberRule = {
  min: RATING_SCALE.min,
  what: `scale_max must be at least ${RATING_SCALE.min}`,
};

/** value_below: any finite number. */
export const VALUE_BELOW: NumberRule = { what: "value_below must be a number" };

/** hours_from: any finite number from 0. */
export const HOURS_FROM: NumberRule = { min: 0, what: "hours_from cannot be negative; enter 0 or more" };

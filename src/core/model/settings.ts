/**
 * The workbook's settings as typed values: the defaults (which live only in the blueprint's
 * SETTINGS spec) and the full-time hours every FTE figure and check uses. The zod schema the task
 * pane's Settings form validates with (the same rules as checks of the Settings sheet) is in
 * ./settings-form, so that zod is loaded only where it is used.
 */
import { numberDefault, settingSpec, type SettingKey, type SettingSpec } from "./blueprint";

import { toNumber, withinBounds } from "./cell-rules";

/** Settings as read from a workbook (values by key; absent when not filled in). */
type SettingValues = Readonly<Partial<Record<SettingKey, string | number>>>;

/** One full-time post: the workbook's Hours per week and Weeks per year, else the defaults. */
interface FullTime {
  readonly hoursPerWeek: number;
  readonly weeksPerYear: number;
  /** hoursPerWeek × weeksPerYear: the hours of one full-time post in a year */
  readonly hoursPerYear: number;
}

/**
 * A number setting of a workbook: its own value when it is a number within the setting's bounds,
 * else undefined (blank, text, or out of range: the checks report such a value as an error).
 */
export function validNumberSetting(settings: SettingValues, key: SettingKey): number | undefined {
  const n = toNumber(settings[key]);
  return n !== undefined && withinBounds(n, settingSpec(key)) ? n : undefined;
}

/** The full-time post of a workbook: its own valid settings, else the blueprint's defaults. */
export function fullTimeOf(settings: SettingValues): FullTime {
  const pick = (key: "hoursPerWeek" | "weeksPerYear"): number =>
    validNumberSetting(settings, key) ?? numberDefault(key);
  const hoursPerWeek = pick("hoursPerWeek");
  const weeksPerYear = pick("weeksPerYear");
  return { hoursPerWeek, weeksPerYear, hoursPerYear: hoursPerWeek * weeksPerYear };
}

/** "a number from 1 to 168", "a number of 0 or more": a setting's range for messages. */
export function settingRangeText(spec: SettingSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return `a number from ${spec.min} to ${spec.max}`;
  if (spec.min !== undefined) return `a number of ${spec.min} or more`;
  if (spec.max !== undefined) return `a number up to ${spec.max}`;
  return "a number";
}

/**
 * The workbook's settings as typed values: the defaults (which live only in the blueprint's
 * SETTINGS spec), the full-time hours every FTE figure and check uses, and the zod schema the task
 * pane's Settings form validates with (the same rules as checks of the Settings sheet).
 */
import { z } from "zod";
import { numberDefault, settingSpec, type SettingKey, type SettingSpec } from "./blueprint";

export { numberDefault };
import { toNumber, withinBounds } from "./cell-rules";

/** Settings as read from a workbook (values by key; absent when not filled in). */
export type SettingValues = Readonly<Partial<Record<SettingKey, string | number>>>;

/** One full-time post: the workbook's Hours per week and Weeks per year, else the defaults. */
export interface FullTime {
  readonly hoursPerWeek: number;
  readonly weeksPerYear: number;
  /** hoursPerWeek × weeksPerYear: the hours of one full-time post in a year */
  readonly hoursPerYear: number;
}

/** The full-time post of a workbook: its own valid settings, else the blueprint's defaults. */
export function fullTimeOf(settings: SettingValues): FullTime {
  const pick = (key: "hoursPerWeek" | "weeksPerYear"): number => {
    const spec = settingSpec(key);
    const n = toNumber(settings[key]);
    return n !== undefined && withinBounds(n, spec) ? n : numberDefault(key);
  };
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

/** A text setting typed into the form: trimmed; a required one must not be blank. */
function textSetting(key: SettingKey): z.ZodType<string, string> {
  const spec = settingSpec(key);
  return z.string().transform((text, ctx) => {
    const t = text.trim();
    if (t === "" && spec.required) {
      ctx.addIssue({
        code: "custom",
        message: `Enter the ${spec.label.toLowerCase()}, for example ${spec.example ?? ""}.`,
      });
      return z.NEVER;
    }
    return t;
  });
}

/** A number setting typed into the form: a number by the cell rules, within the setting's bounds. */
function numberSetting(key: SettingKey): z.ZodType<number, string> {
  const spec = settingSpec(key);
  return z.string().transform((text, ctx) => {
    if (text.trim() === "") {
      ctx.addIssue({
        code: "custom",
        message: `Enter the ${spec.label.toLowerCase()}, for example ${String(spec.default)}.`,
      });
      return z.NEVER;
    }
    const n = toNumber(text);
    if (n === undefined || !withinBounds(n, spec)) {
      ctx.addIssue({ code: "custom", message: `Enter ${settingRangeText(spec)}.` });
      return z.NEVER;
    }
    return n;
  });
}

/**
 * The settings a user edits in the task pane, as the form's text in and typed values out. The rules
 * (required, bounds, what a number is) come from the blueprint's SETTINGS and ./cell-rules, as for
 * checks of the Settings sheet. `SettingsValues` (the pane's contract) is inferred from it.
 */
export const settingsFormSchema = z.object({
  region: textSetting("region"),
  district: textSetting("district"),
  auditRound: textSetting("auditRound"),
  hoursPerWeek: numberSetting("hoursPerWeek"),
  weeksPerYear: numberSetting("weeksPerYear"),
});

/** The settings the pane reads and writes, typed. */
export type SettingsValues = z.output<typeof settingsFormSchema>;
/** The Settings form's text fields. */
export type SettingsDraft = z.input<typeof settingsFormSchema>;

/** The Settings form: text drafts in, checked values or messages out (pure). */
import { settingSpec } from "../core/blueprint";
import type { SettingsValues } from "../core/operations";

export interface SettingsDraft {
  readonly region: string;
  readonly district: string;
  readonly auditRound: string;
  readonly hoursPerWeek: string;
  readonly weeksPerYear: string;
}

export type SettingsErrors = Partial<Record<keyof SettingsDraft, string>>;

export function draftOf(values: SettingsValues): SettingsDraft {
  return {
    region: values.region,
    district: values.district,
    auditRound: values.auditRound,
    hoursPerWeek: String(values.hoursPerWeek),
    weeksPerYear: String(values.weeksPerYear),
  };
}

function checkNumber(
  text: string,
  key: "hoursPerWeek" | "weeksPerYear",
  errors: SettingsErrors,
  example: string,
): number {
  const spec = settingSpec(key);
  const min = spec.min ?? 0;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === "") {
    errors[key] = `Enter the ${spec.label.toLowerCase()}, for example ${example}.`;
  } else if (!Number.isFinite(value)) {
    errors[key] = `Enter a number, for example ${example}.`;
  } else if (value < min || value > max) {
    errors[key] = `Enter a number from ${min} to ${max}.`;
  }
  return value;
}

/** Checks a draft; `values` is set only when there is no error. */
export function validateSettings(draft: SettingsDraft): { values?: SettingsValues; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const region = draft.region.trim();
  const auditRound = draft.auditRound.trim();
  if (region === "") errors.region = "Enter the region, for example North West.";
  if (auditRound === "") errors.auditRound = "Enter the audit round, for example 2026-Q4.";
  const hoursPerWeek = checkNumber(draft.hoursPerWeek, "hoursPerWeek", errors, "37");
  const weeksPerYear = checkNumber(draft.weeksPerYear, "weeksPerYear", errors, "52");
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    values: { region, district: draft.district.trim(), auditRound, hoursPerWeek, weeksPerYear },
  };
}

/**
 * The Settings form: text drafts in, checked values or messages out (pure). The rules are the
 * core's settings schema (src/core/model/settings-form.ts), the same as checks of the Settings sheet.
 */
// First: no eval under the page's CSP, before the schema below parses (see src/excel/zod-csp.ts).
import "../excel/zod-csp";
import { settingsFormSchema, type SettingsDraft, type SettingsValues } from "../core/model/settings-form";

export type { SettingsDraft };

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

/** Checks a draft; `values` is set only when there is no error. */
export function validateSettings(draft: SettingsDraft): { values?: SettingsValues; errors: SettingsErrors } {
  const result = settingsFormSchema.safeParse(draft);
  if (result.success) return { errors: {}, values: result.data };
  const errors: SettingsErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0] as keyof SettingsDraft;
    errors[key] ??= issue.message;
  }
  return { errors };
}

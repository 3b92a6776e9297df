/**
 * The Settings form's schema (zod), apart from ./settings so that code which needs only the plain
 * settings helpers (set-up, figures, checks) does not bring zod into the task pane's first view.
 */
import { z } from "zod";
import { settingSpec, type SettingKey } from "./blueprint";
import { toNumber, withinBounds } from "./cell-rules";
import { settingRangeText } from "./settings";

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

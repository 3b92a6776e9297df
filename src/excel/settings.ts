/**
 * The Settings values the pane shows and edits, through the workbook names set-up gives the value
 * cells (AuditRegion, HoursPerWeek, …), so a moved row does not matter. 1 sync each way.
 */
import { SETTINGS, settingSpec, type SettingKey } from "../core/model/blueprint";
import type { SettingsValues } from "../core/model/operations";
import { inertValue } from "../core/consolidation/inert-text";

type EditableKey = keyof SettingsValues & SettingKey;
const KEYS: readonly EditableKey[] = ["region", "district", "auditRound", "hoursPerWeek", "weeksPerYear"];

function asText(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

/**
 * Reads the settings; a missing name (set-up not run) gives the blueprint default. 1 sync: each
 * name is looked up with getItemOrNullObject and its cell read through `arrayValues` (ExcelApi 1.7)
 * in the same load, so nothing is reached through a name that does not exist (Excel promises only
 * isNullObject on a null object).
 */
export async function readSettings(context: Excel.RequestContext): Promise<SettingsValues> {
  const cells = KEYS.map((key) => ({
    key,
    name: context.workbook.names.getItemOrNullObject(settingSpec(key).name).load("type,arrayValues"),
  }));
  await context.sync();
  const out: Record<string, string | number> = {};
  for (const c of cells) {
    const spec = settingSpec(c.key);
    const raw =
      c.name.isNullObject || c.name.type !== "Range" ? spec.default : c.name.arrayValues.values[0]?.[0];
    if (spec.kind === "number") {
      const n = typeof raw === "number" ? raw : Number(asText(raw));
      out[c.key] = asText(raw) !== "" && Number.isFinite(n) ? n : Number(spec.default);
    } else out[c.key] = asText(raw);
  }
  return {
    region: String(out.region),
    district: String(out.district),
    auditRound: String(out.auditRound),
    hoursPerWeek: Number(out.hoursPerWeek),
    weeksPerYear: Number(out.weeksPerYear),
  };
}

/** What is wrong with the values, said for people, or [] when they can be written. */
function settingsProblems(values: SettingsValues): string[] {
  const out: string[] = [];
  for (const spec of SETTINGS) {
    if (spec.kind !== "number" || !(KEYS as readonly string[]).includes(spec.key)) continue;
    const v = values[spec.key as EditableKey];
    if (
      typeof v !== "number" ||
      !Number.isFinite(v) ||
      (spec.min !== undefined && v < spec.min) ||
      (spec.max !== undefined && v > spec.max)
    )
      out.push(
        `Settings, ${spec.label}: type a number from ${spec.min ?? 0} to ${spec.max ?? "any"} (not "${String(v)}").`,
      );
  }
  return out;
}

/** Writes the settings into their named cells; text stays text. 1 sync. */
export async function writeSettings(context: Excel.RequestContext, values: SettingsValues): Promise<void> {
  const problems = settingsProblems(values);
  if (problems.length > 0) throw new Error(problems.join(" "));
  for (const key of KEYS) {
    const v = values[key];
    const range = context.workbook.names.getItem(settingSpec(key).name).getRange();
    range.values = [[typeof v === "string" ? inertValue(v.trim()) : v]];
  }
  try {
    await context.sync();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ItemNotFound")
      throw new Error(
        "The Settings sheet's named cells are missing: run set-up (Set up the workbook) first, then save the settings again.",
      );
    throw e;
  }
}

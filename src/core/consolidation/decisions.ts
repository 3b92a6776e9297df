/**
 * Which district returns are imported, which one supersedes which, and the settings of the
 * regional workbook: decided here once, for the task pane's import and the command-line tool's
 * consolidate alike. Why a return is not imported is data (a SkipReason), put in words once by
 * `skipText` (Skipped.why); the shells decide from the data (never from the words) whether it
 * counts as a failure.
 */
import { SETTINGS, type SettingKey } from "../model/blueprint";
import { checkReturn, errorCountText, hasErrors, type ReturnCheckOptions } from "../returns/checks";
import { countFindings, type Finding } from "../model/findings";
import { labelKey } from "../model/labels";
import { returnDistrict, returnRound } from "../returns/read-return";
import type { AuditReturn, ReturnKey, SkipReason, Skipped } from "../model/workbook-data";

export type { ReturnKey, Skipped };

/** Why a return was not imported, in words a user reads (with what to do). */
function skipText(reason: SkipReason): string {
  switch (reason.kind) {
    case "errors":
      return errorCountText(reason.count, reason.first);
    case "no-district":
      return "no district: fill in District on the Settings sheet of the return";
    case "superseded":
      return `replaced by ${reason.by}: both are district ${reason.district}, round ${reason.auditRound || "(none)"}; the later one is imported`;
    case "unreadable":
      return reason.why;
    case "replace-not-confirmed":
      return `${reason.district} ${reason.auditRound} is already in this workbook; confirm replacing it to import this file`;
    case "cancelled":
      return "cancelled before it was imported";
  }
}

/** A return left out for a reason that is a failure of the return (errors, no district, unreadable). */
export function isFailure(reason: SkipReason): boolean {
  return reason.kind === "errors" || reason.kind === "no-district" || reason.kind === "unreadable";
}

export function skipped(file: string, reason: SkipReason): Skipped {
  return { file, reason, why: skipText(reason) };
}

/** What importing would do with one return. */
interface ReturnDecision {
  readonly ret: AuditReturn;
  readonly district: string;
  readonly auditRound: string;
  /** the checks' findings, and a finding when the return names no district */
  readonly findings: readonly Finding[];
  /** the regional workbook already holds this district and round: importing replaces those rows */
  readonly replacesExisting: boolean;
  /** an earlier file of this run with the same district and round, which this one replaces */
  readonly supersedes?: string;
  /** why it is not imported; absent when it is */
  readonly skip?: SkipReason;
}

function pairKey(district: string, round: string): string {
  return `${labelKey(district)}|${labelKey(round)}`;
}

export interface DecideOptions extends ReturnCheckOptions {
  /** findings already computed per return (else checkReturn runs) */
  readonly findings?: ReadonlyMap<AuditReturn, readonly Finding[]>;
}

/**
 * Decide, for returns chosen together (in the order given), which are imported: a return with
 * errors or no district is not; of two returns naming the same district and round, the later
 * importable one is imported and supersedes the earlier ones (an earlier one with errors is then
 * superseded, not a failure: the later one corrects it; a later one with errors leaves an earlier
 * importable one in place); a return whose district and round the regional workbook already holds
 * replaces those rows.
 */
export function decideReturns(
  existing: readonly ReturnKey[],
  returns: readonly AuditReturn[],
  options: DecideOptions = {},
): ReturnDecision[] {
  const held = new Set(existing.map((e) => pairKey(e.district, e.auditRound)));
  const base = returns.map((ret) => {
    const checked = options.findings?.get(ret) ?? checkReturn(ret, options);
    const district = returnDistrict(ret);
    const auditRound = returnRound(ret);
    const noDistrict: Finding[] =
      district === ""
        ? [
            {
              ...(ret.file ? { file: ret.file } : {}),
              severity: "error",
              sheet: "Settings",
              message: skipText({ kind: "no-district" }),
            },
          ]
        : [];
    const errors = checked.filter((f) => f.severity === "error");
    const skip: SkipReason | undefined = hasErrors(checked)
      ? { kind: "errors", count: countFindings(errors), first: errors[0] }
      : district === ""
        ? { kind: "no-district" }
        : undefined;
    return { ret, district, auditRound, findings: [...noDistrict, ...checked], skip };
  });
  // the later importable return with the same district and round replaces the earlier
  const later = latestOf(
    base.map((d) => ({ district: d.district, auditRound: d.auditRound })),
    (i) => !base[i].skip,
  );
  // the last importable return of each district and round: it replaces every earlier one, also
  // an earlier one with errors (a corrected return given after the faulty one), which is then
  // superseded rather than failed
  const lastImportable = new Map<string, number>();
  base.forEach((d, i) => {
    if (!d.skip && d.district !== "") lastImportable.set(pairKey(d.district, d.auditRound), i);
  });
  const previous = new Map<string, string>();
  return base.map((d, i) => {
    const k = pairKey(d.district, d.auditRound);
    const replacesExisting = d.district !== "" && held.has(k);
    if (d.skip) {
      const by = d.district === "" ? undefined : lastImportable.get(k);
      if (by === undefined || by < i) return { ...d, replacesExisting };
      previous.set(k, d.ret.file);
      return {
        ...d,
        replacesExisting,
        skip: { kind: "superseded", by: base[by].ret.file, district: d.district, auditRound: d.auditRound },
      };
    }
    const last = later[i];
    const supersedes = previous.get(k);
    previous.set(k, d.ret.file);
    const decision: ReturnDecision = { ...d, replacesExisting, ...(supersedes ? { supersedes } : {}) };
    if (last !== i) {
      return {
        ...decision,
        skip: { kind: "superseded", by: base[last].ret.file, district: d.district, auditRound: d.auditRound },
      };
    }
    return decision;
  });
}

/**
 * The rule for returns taken together, in one place: of returns naming the same district and round,
 * the last one given counts and supersedes the others (a resubmission, or the same file given
 * twice). For each return, the index of the one that counts in its place (itself when it counts).
 * A return that names no district, or is not `eligible`, counts on its own.
 */
function latestOf(keys: readonly ReturnKey[], eligible: (i: number) => boolean = () => true): number[] {
  const latest = new Map<string, number>();
  keys.forEach((k, i) => {
    if (k.district !== "" && eligible(i)) latest.set(pairKey(k.district, k.auditRound), i);
  });
  return keys.map((k, i) =>
    k.district !== "" && eligible(i) ? (latest.get(pairKey(k.district, k.auditRound)) ?? i) : i,
  );
}

/** A return left out of a count because a later one names the same district and round. */
interface SupersededReturn {
  readonly file: string;
  readonly by: string;
  readonly district: string;
  readonly auditRound: string;
}

/**
 * The returns that count when several are taken together (`summary`, `report`, `compare`), by the
 * rule consolidation imports by (latestOf): each district and round once, the last one given.
 */
export function countedReturns(returns: readonly AuditReturn[]): {
  readonly returns: AuditReturn[];
  readonly superseded: SupersededReturn[];
} {
  const keys = returns.map((ret) => ({ district: returnDistrict(ret), auditRound: returnRound(ret) }));
  const later = latestOf(keys);
  const counted: AuditReturn[] = [];
  const superseded: SupersededReturn[] = [];
  returns.forEach((ret, i) => {
    if (later[i] === i) counted.push(ret);
    else superseded.push({ file: ret.file, by: returns[later[i]].file, ...keys[i] });
  });
  return { returns: counted, superseded };
}

/** Why a return is left out of the figures, naming both files. */
export function supersededText(s: SupersededReturn): string {
  const what = `district ${s.district}, round ${s.auditRound || "(none)"}`;
  return s.by === s.file
    ? `${s.file} is given twice; it is counted once`
    : `${s.by} replaces ${s.file}: both are ${what}; only the later one is counted`;
}

/** A note about a setting the returns disagree on. */
interface SettingNote {
  readonly key: SettingKey;
  readonly label: string;
  /** the value the regional workbook uses */
  readonly value: string | number;
  /** the returns that use another value */
  readonly files: readonly string[];
}

/**
 * The settings of a regional workbook made from returns: its own values where it has them, else the
 * first return's (region, hours per week, weeks per year, defaults last); no district; the round
 * the returns share (or its own). Returns that use another hours setting are noted.
 */
export function regionalSettings(
  regional: AuditReturn | undefined,
  imported: readonly AuditReturn[],
): { settings: Partial<Record<SettingKey, string | number>>; notes: SettingNote[] } {
  const settings: Partial<Record<SettingKey, string | number>> = {};
  const notes: SettingNote[] = [];
  const first = (k: SettingKey): string | number | undefined => {
    const own = regional?.settings[k];
    if (own !== undefined && own !== "") return own;
    return imported.map((r) => r.settings[k]).find((v) => v !== undefined && v !== "");
  };
  const region = first("region");
  if (region !== undefined) settings.region = region;
  settings.district = "";
  const rounds = new Set(imported.map((r) => String(r.settings.auditRound ?? "")));
  settings.auditRound = regional?.settings.auditRound ?? (rounds.size === 1 ? [...rounds][0] : "");
  for (const k of ["hoursPerWeek", "weeksPerYear"] as const) {
    const spec = SETTINGS.find((s) => s.key === k);
    const value = first(k) ?? spec?.default ?? "";
    settings[k] = value;
    const differing = imported.filter((r) => r.settings[k] !== undefined && r.settings[k] !== value);
    if (differing.length > 0)
      notes.push({ key: k, label: spec?.label ?? k, value, files: differing.map((r) => r.file) });
  }
  return { settings, notes };
}

/** A setting note in words. */
export function settingNoteText(note: SettingNote): string {
  return `Note: ${note.files.join(", ")} ${note.files.length === 1 ? "uses" : "use"} another ${note.label} than ${note.value}; the regional workbook uses ${note.value}.`;
}

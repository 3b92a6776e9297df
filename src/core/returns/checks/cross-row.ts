/**
 * The checks across rows of a return: duplicate Partnership IDs (within a district return; within
 * a district and round of a regional workbook), Representation and Partner survey IDs that are not
 * in Partnerships, rows whose District or Audit round contradicts the Settings sheet, a
 * representative whose hours add up to more than one full-time post, totals of hours or cost too
 * large to hold, an organisation listed twice for one partnership, and a Partnerships row that
 * departs from the regional partnership directory. The state they share lives for one run of the
 * checks.
 */
import type { ColumnSpec, TableSpec } from "../../model/blueprint";
import { toNumber, toText } from "../../model/cell-rules";
import type { Finding } from "../../model/findings";
import { labelKey } from "../../model/labels";
import type { AuditReturn, CellValue, DirectoryEntry, TableData, TableRow } from "../../model/workbook-data";
import { show } from "./phrasing";

/** Cross-row state for one run of checks. */
interface CrossState {
  /** the district the Settings sheet names (a row naming another contradicts it), and its key */
  readonly settingsDistrict: string | null;
  readonly settingsKey: string;
  /** whether the return has a Partnerships table (else IDs elsewhere are not looked up) */
  readonly hasPartnerships: boolean;
  /** hours a year of one full-time post: more for one representative is implausible */
  readonly fullTime: number;
  /** scope|id key (see scopeOf) → first Excel row, per table with a unique key */
  readonly seenIds: Map<string, number>;
  /** normalised Partnership IDs of the Partnerships table */
  readonly partnershipIds: Set<string>;
  /** scope|id|organisation key (see scopeOf) → first Excel row of that Members row */
  readonly seenMembers: Map<string, number>;
  /** representative (scope|name, see scopeOf) → rows and total hours */
  readonly hours: Map<string, { name: string; rows: number[]; total: number; first: TableRow }>;
  /** the running totals of Annual hours and of their cost, to find the row where one overflows */
  readonly totals: { hours: number; cost: number; hoursOverflowed: boolean; costOverflowed: boolean };
  /** each grade's hourly cost (by normalised grade) from GradeCosts */
  readonly rates: ReadonlyMap<string, number>;
  /** the regional partnership directory (Lists sheet) by normalised ID and by normalised name */
  readonly directoryIds: ReadonlyMap<string, DirectoryEntry>;
  readonly directoryNames: ReadonlyMap<string, DirectoryEntry>;
  /** the round the Settings sheet names, and its key ("" when none) */
  readonly settingsRound: string | null;
  readonly settingsRoundKey: string;
  /** per table: the rows with no Audit round when the Settings sheet has none either */
  readonly blankRounds: Map<string, { table: TableData; first: TableRow; count: number }>;
  /**
   * per table: the rows of a district return whose District (or Audit round) is not the Settings
   * one, by that value
   */
  readonly otherDistricts: Map<
    string,
    { table: TableData; column: "district" | "auditRound"; value: string; first: TableRow; count: number }
  >;
}

/**
 * The state of the cross-row checks at the start of a run: the Settings district, the full-time
 * post, the grades' hourly costs and the Partnership IDs of the Partnerships table (all of them,
 * before any row is checked).
 */
export function newCrossState(ret: AuditReturn, fullTime: number): CrossState {
  const settingsDistrict = toText(ret.settings.district ?? null);
  const settingsRound = toText(ret.settings.auditRound ?? null);
  const partnerships = ret.tables.Partnerships;
  const partnershipIds = new Set<string>();
  for (const row of partnerships?.rows ?? []) {
    const id = keyOf(row.values.partnershipId);
    if (id) partnershipIds.add(id);
  }
  return {
    settingsDistrict,
    settingsKey: settingsDistrict === null ? "" : labelKey(settingsDistrict),
    settingsRound,
    settingsRoundKey: settingsRound === null ? "" : labelKey(settingsRound),
    hasPartnerships: partnerships !== undefined,
    fullTime,
    seenIds: new Map(),
    seenMembers: new Map(),
    partnershipIds,
    hours: new Map(),
    totals: { hours: 0, cost: 0, hoursOverflowed: false, costOverflowed: false },
    rates: gradeRates(ret),
    ...directoryMaps(ret.directory ?? []),
    otherDistricts: new Map(),
    blankRounds: new Map(),
  };
}

/** The directory by normalised ID and by normalised name (the first entry of each). */
function directoryMaps(entries: readonly DirectoryEntry[]): {
  directoryIds: Map<string, DirectoryEntry>;
  directoryNames: Map<string, DirectoryEntry>;
} {
  const directoryIds = new Map<string, DirectoryEntry>();
  const directoryNames = new Map<string, DirectoryEntry>();
  for (const e of entries) {
    const id = labelKey(e.id);
    const name = labelKey(e.name);
    if (id !== "" && !directoryIds.has(id)) directoryIds.set(id, e);
    if (name !== "" && !directoryNames.has(name)) directoryNames.set(name, e);
  }
  return { directoryIds, directoryNames };
}

/** What the cross-row checks look at in one table, worked out once before its rows. */
interface CrossTable {
  readonly spec: TableSpec;
  readonly data: TableData;
  /** the header and column letter of the table's unique key ("" when it has none) */
  readonly uniqueHeader: string;
  readonly uniqueLetter: string;
  /** the column that refers to a Partnership ID, and where it is in the sheet */
  readonly refColumn: ColumnSpec | undefined;
  readonly refWhere: TableData["columns"][string] | undefined;
}

export function crossTable(spec: TableSpec, data: TableData): CrossTable {
  const refColumn = spec.columns.find((c) => c.references === "Partnerships");
  return {
    spec,
    data,
    uniqueHeader: spec.uniqueKey ? (data.columns[spec.uniqueKey]?.header ?? spec.uniqueKey) : "",
    uniqueLetter: spec.uniqueKey ? (data.columns[spec.uniqueKey]?.letter ?? "") : "",
    refColumn,
    refWhere: refColumn ? data.columns[refColumn.key] : undefined,
  };
}

/** Where a finding points: the cell's column header and letter (none when the table lacks it). */
type At = { readonly header: string; readonly letter: string } | undefined;

/**
 * A finding at a row of a table, and at its cell when the column is known, with its properties in
 * the order `check --json` prints them: file, severity, sheet, row, column, address, message.
 */
function findingAt(
  file: { file?: string },
  severity: Finding["severity"],
  sheet: string,
  excelRow: number,
  col: At,
  message: string,
): Finding {
  return {
    ...file,
    severity,
    sheet,
    row: excelRow,
    ...(col ? { column: col.header, address: `${col.letter}${excelRow}` } : {}),
    message,
  };
}

/**
 * The checks of one row against the rows before it: a Partnership ID used twice in one district
 * and round (naming both rows), an ID that is not on the Partnerships sheet, a District that is not
 * the Settings district (gathered for otherDistrictFindings), a representative's hours (gathered
 * for hoursFindings), totals too large to hold, and an organisation listed twice for a partnership.
 */
export function checkRowAcross(
  state: CrossState,
  table: CrossTable,
  row: TableRow,
  file: { file?: string },
  emit: (f: Finding) => void,
): void {
  const { spec, data, uniqueHeader, uniqueLetter, refColumn, refWhere } = table;
  const excelRow = row.excelRow;
  if (spec.uniqueKey && uniqueLetter) {
    const idText = toText(row.values[spec.uniqueKey] ?? null);
    if (idText !== null) {
      const k = `${scopeOf(state, row)}|${labelKey(idText)}`;
      const first = state.seenIds.get(k);
      if (first === undefined) state.seenIds.set(k, excelRow);
      else {
        emit(
          findingAt(
            file,
            "error",
            data.sheet,
            excelRow,
            { header: uniqueHeader, letter: uniqueLetter },
            `${show(idText)} is on rows ${first} and ${excelRow}; give each partnership its own ID (one row per partnership)`,
          ),
        );
      }
    }
  }
  if (refColumn && refWhere && state.hasPartnerships) {
    const idText = toText(row.values[refColumn.key] ?? null);
    if (idText !== null && !state.partnershipIds.has(labelKey(idText))) {
      emit(
        findingAt(
          file,
          "error",
          data.sheet,
          excelRow,
          refWhere,
          `${show(idText)} is not a Partnership ID on the Partnerships sheet; correct the ID or add the partnership there`,
        ),
      );
    }
  }
  if (
    state.settingsRoundKey === "" &&
    data.columns.auditRound &&
    toText(row.values.auditRound ?? null) === null
  ) {
    const seen = state.blankRounds.get(spec.name);
    if (seen) seen.count++;
    else state.blankRounds.set(spec.name, { table: data, first: row, count: 1 });
  }
  // in a district return, a row naming another district or round (import makes it the return's)
  if (state.settingsKey !== "") {
    for (const [column, settingKey] of [
      ["district", state.settingsKey],
      ["auditRound", state.settingsRoundKey],
    ] as const) {
      if (settingKey === "" || !data.columns[column]) continue;
      const own = toText(row.values[column] ?? null);
      if (own === null || keyOf(row.values[column]) === settingKey) continue;
      const k = `${spec.name}|${column}|${keyOf(row.values[column])}`;
      const seen = state.otherDistricts.get(k);
      if (seen) seen.count++;
      else state.otherDistricts.set(k, { table: data, column, value: own, first: row, count: 1 });
    }
  }
  if (spec.name === "Representation") {
    trackHours(state, row, state.fullTime, data, file, emit);
    trackTotals(state, row, data, file, emit);
  }
  if (spec.name === "Members") trackMember(state, row, data, file, emit);
  if (spec.name === "Partnerships" && state.directoryIds.size > 0)
    checkDirectory(state, row, data, file, emit);
}

/**
 * A Partnerships row against the regional partnership directory on the Lists sheet, so that a
 * shared partnership keeps one ID in every district: an ID of the directory whose name or level
 * differs from the directory's, or the name of a directory partnership under another ID, is a
 * warning (a district's own partnerships need not be in the directory).
 */
function checkDirectory(
  state: CrossState,
  row: TableRow,
  data: TableData,
  file: { file?: string },
  emit: (f: Finding) => void,
): void {
  const id = toText(row.values.partnershipId ?? null);
  if (id === null) return;
  const name = toText(row.values.partnership ?? null);
  const level = toText(row.values.level ?? null);
  const entry = state.directoryIds.get(labelKey(id));
  if (entry) {
    if (name !== null && entry.name !== "" && labelKey(name) !== labelKey(entry.name)) {
      emit(
        findingAt(
          file,
          "warning",
          data.sheet,
          row.excelRow,
          data.columns.partnership,
          `the partnership directory on the Lists sheet names ${show(entry.id)} ${show(entry.name)}, not ${show(name)}; use the directory's name, or give this partnership an ID of its own`,
        ),
      );
    }
    if (level !== null && entry.level !== "" && labelKey(level) !== labelKey(entry.level)) {
      emit(
        findingAt(
          file,
          "warning",
          data.sheet,
          row.excelRow,
          data.columns.level,
          `the partnership directory on the Lists sheet gives ${show(entry.id)} the level ${show(entry.level)}, not ${show(level)}; use the directory's level, or correct the directory`,
        ),
      );
    }
    return;
  }
  const named = name === null ? undefined : state.directoryNames.get(labelKey(name));
  if (named && labelKey(named.id) !== labelKey(id)) {
    emit(
      findingAt(
        file,
        "warning",
        data.sheet,
        row.excelRow,
        data.columns.partnershipId,
        `${show(name ?? "")} is ${show(named.id)} in the partnership directory on the Lists sheet, not ${show(id)}; use the directory's ID so that every district's row is the same partnership`,
      ),
    );
  }
}

/**
 * One warning per table and district (or round) for the rows of a district return whose District
 * (or Audit round) contradicts the Settings sheet's, at the first such row, counting the others;
 * and one per table for the rows with no Audit round when the Settings sheet has none either (import
 * would tag them with no round, and a corrected return would then not replace them).
 */
export function otherDistrictFindings(
  state: CrossState,
  file: { file?: string },
  emit: (f: Finding) => void,
): void {
  for (const { table, first, count } of state.blankRounds.values()) {
    const more = count > 1 ? ` (here and on ${count - 1} more ${count === 2 ? "row" : "rows"})` : "";
    emit(
      findingAt(
        file,
        "warning",
        table.sheet,
        first.excelRow,
        table.columns.auditRound,
        `Audit round is blank${more} and the Settings sheet has no Audit round; fill in Audit round on the Settings sheet (for example 2026-Q4), so that every row says which round it is of`,
      ),
    );
  }
  for (const { table, column, value, first, count } of state.otherDistricts.values()) {
    const more = count > 1 ? ` (here and on ${count - 1} more ${count === 2 ? "row" : "rows"})` : "";
    emit(
      findingAt(
        file,
        "warning",
        table.sheet,
        first.excelRow,
        table.columns[column],
        column === "district"
          ? `${show(value)} contradicts the Settings sheet's District ${show(state.settingsDistrict ?? "")}${more}; on import the rows are the Settings District's, as every row of the return is: correct the row or the Settings District, whichever is wrong`
          : `${show(value)} contradicts the Settings sheet's Audit round ${show(state.settingsRound ?? "")}${more}; on import the rows are the Settings round's, as every row of the return is: correct the row or the Settings Audit round, whichever is wrong`,
      ),
    );
  }
}

/**
 * A warning for each representative on several rows of Representation whose hours add up to more
 * than one full-time post, at their first row.
 */
export function hoursFindings(
  state: CrossState,
  representation: TableData | undefined,
  file: { file?: string },
  emit: (f: Finding) => void,
): void {
  const fullTime = state.fullTime;
  for (const rep of state.hours.values()) {
    if (rep.rows.length > 1 && rep.total > fullTime) {
      emit(
        findingAt(
          file,
          "warning",
          representation?.sheet ?? "Representation",
          rep.first.excelRow,
          representation?.columns.representative,
          `${rep.name}'s time adds up to ${Math.round(rep.total)} hours a year on rows ${rep.rows.join(", ")}, more than one full-time post (${fullTime}); check Meetings per year and Hours per meeting`,
        ),
      );
    }
  }
}

/** The hourly cost of each grade in GradeCosts (its first row, as AUDIT.COST looks it up). */
function gradeRates(ret: AuditReturn): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of ret.gradeCosts?.rows ?? []) {
    const grade = toText(row.values.grade ?? null);
    const rate = toNumber(row.values.hourlyCost ?? null);
    if (grade === null || rate === undefined) continue;
    const k = labelKey(grade);
    if (!out.has(k)) out.set(k, rate);
  }
  return out;
}

/**
 * The error at the Annual hours cell where the total of hours, or of their cost, first becomes too
 * large to hold: every cell may be a valid number while the sum is not, and the figures would then
 * be infinite. Once per total.
 */
function trackTotals(
  state: CrossState,
  row: TableRow,
  data: TableData,
  file: { file?: string },
  emit: (f: Finding) => void,
): void {
  const hours = toNumber(row.values.annualHours ?? null);
  if (hours === undefined || !Number.isFinite(hours)) return;
  const t = state.totals;
  const col = data.columns.annualHours;
  t.hours += hours;
  if (!t.hoursOverflowed && !Number.isFinite(t.hours)) {
    t.hoursOverflowed = true;
    emit(
      findingAt(
        file,
        "error",
        data.sheet,
        row.excelRow,
        col,
        `the Annual hours up to this row add up to more than a number can hold, so staff time cannot be computed; check ${hours} here and the other large hours`,
      ),
    );
  }
  const grade = toText(row.values.grade ?? null);
  const rate = grade === null ? undefined : state.rates.get(labelKey(grade));
  if (rate === undefined || t.costOverflowed) return;
  t.cost += hours * rate;
  if (!Number.isFinite(t.cost)) {
    t.costOverflowed = true;
    emit(
      findingAt(
        file,
        "error",
        data.sheet,
        row.excelRow,
        col,
        `${hours} hours at the hourly cost of ${show(grade ?? "")} (${rate}) make the annual cost more than a number can hold, so it cannot be computed; check these hours and that grade's Hourly cost in GradeCosts`,
      ),
    );
  }
}

/**
 * The district and round a row belongs to, as a key: in a district return (its Settings sheet names
 * a district) every row is the return's, whatever its District and Audit round cells say, as import
 * tags them, so a Partnership ID is unique within the whole return; in a regional workbook, the
 * row's own District and Audit round (a blank one already took the Settings value when read).
 */
function scopeOf(state: CrossState, row: TableRow): string {
  if (state.settingsKey !== "") return "";
  return `${keyOf(row.values.district)}|${keyOf(row.values.auditRound)}`;
}

const KEY_MEMO = new Map<string, string>();

/** labelKey of a cell, remembered (IDs, districts and rounds repeat across rows and runs). */
function keyOf(value: CellValue | undefined): string {
  const text = toText(value ?? null) ?? "";
  let key = KEY_MEMO.get(text);
  if (key === undefined) {
    key = labelKey(text);
    if (KEY_MEMO.size > 100_000) KEY_MEMO.clear();
    KEY_MEMO.set(text, key);
  }
  return key;
}

/**
 * The same organisation listed twice for one partnership (in one district and round) is a warning
 * naming both rows: the figures count it once, so nothing is lost, but the second row is noise.
 */
function trackMember(
  state: CrossState,
  row: TableRow,
  data: TableData,
  file: { file?: string },
  emit: (f: Finding) => void,
): void {
  const id = toText(row.values.partnershipId ?? null);
  const organisation = toText(row.values.organisation ?? null);
  if (id === null || organisation === null) return;
  const k = `${scopeOf(state, row)}|${labelKey(id)}|${labelKey(organisation)}`;
  const first = state.seenMembers.get(k);
  if (first === undefined) {
    state.seenMembers.set(k, row.excelRow);
    return;
  }
  emit(
    findingAt(
      file,
      "warning",
      data.sheet,
      row.excelRow,
      data.columns.organisation,
      `${show(organisation)} is listed for ${show(id)} on rows ${first} and ${row.excelRow}; it is counted once, so delete one of the rows`,
    ),
  );
}

/**
 * Adds a Representation row's hours to its representative's total (per district and round); one
 * row over a full-time post is a warning at once.
 */
function trackHours(
  state: CrossState,
  row: TableRow,
  fullTime: number,
  data: TableData,
  file: { file?: string },
  emit: (f: Finding) => void,
): void {
  const hours = toNumber(row.values.annualHours ?? null);
  if (hours === undefined) return;
  const name = toText(row.values.representative ?? null);
  if (name === null) {
    if (hours > fullTime) emit(tooManyHours(data, row, file, hours, fullTime, ""));
    return;
  }
  const key = `${scopeOf(state, row)}|${labelKey(name)}`;
  const rep = state.hours.get(key);
  if (rep) {
    rep.rows.push(row.excelRow);
    rep.total += hours;
  } else {
    state.hours.set(key, { name, rows: [row.excelRow], total: hours, first: row });
    if (hours > fullTime) emit(tooManyHours(data, row, file, hours, fullTime, ` for ${name}`));
  }
}

/** The warning for one row whose annual hours exceed a full-time post. */
function tooManyHours(
  data: TableData,
  row: TableRow,
  file: { file?: string },
  hours: number,
  fullTime: number,
  forWhom: string,
): Finding {
  return findingAt(
    file,
    "warning",
    data.sheet,
    row.excelRow,
    data.columns.annualHours ?? data.columns.hoursPerMeeting,
    `${Math.round(hours)} hours a year${forWhom} is more than one full-time post (${fullTime}); check Meetings per year and Hours per meeting`,
  );
}

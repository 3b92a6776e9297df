/**
 * Checks of a district return (or of the open workbook, read into the same shape) against the
 * blueprint. Every finding names the sheet, the Excel row, the column header as written in the
 * sheet and the cell address, and says what to fix.
 *
 * What is checked, per cell: required cells; list values (after label normalisation) against the
 * workbook's own Lists vocabularies when it has them, else the blueprint defaults; each value of a
 * multi-select cell; numbers (numeric text is accepted as a number with a WARNING "stored as text;
 * retype it as a number"; other text is an error), bounds, whole years from 1990 to the current
 * year, ratings 1–4; error values (#N/A …). Across rows: duplicate Partnership IDs within a district
 * and round (naming both rows); Representation and Partner survey IDs that are not in
 * Partnerships; a representative whose hours add up to more than one full-time post (warning); a
 * blank District with no Settings district.
 *
 * `checkReturn` does it all at once; `iterateChecks` (a generator) and `createReturnChecker` do it
 * a chunk of rows at a time so that a task pane can show progress and cancel. Pure and fast: about
 * a million cells a second; 50,000 rows are no problem.
 */
import {
  GRADE_COSTS,
  LISTS,
  TABLES,
  type ColumnSpec,
  type ListKey,
  type TableSpec,
} from "../model/blueprint";
import { countFindings, type Finding } from "../model/findings";
import { fullTimeOf } from "../model/settings";
import { labelKey, splitMulti, tidyLabel } from "../model/labels";
import { isBlank, numberAdvice, toNumber, toText } from "../model/cell-rules";
import type { AuditReturn, CellValue, TableData, TableRow } from "../model/workbook-data";

export interface ReturnCheckOptions {
  /** the year "Involved since" may not exceed; default: this year */
  readonly currentYear?: number;
  /** rows per step of iterateChecks / createReturnChecker (default 2,000) */
  readonly chunkRows?: number;
  /** leave out the reader's findings (missing tables and columns) that AuditReturn carries */
  readonly skipReaderFindings?: boolean;
  /** findings listed per sheet, column and severity before the rest are counted (default 200) */
  readonly findingsPerColumn?: number;
}

/** One step of an iterative check. */
export interface CheckStep {
  /** rows checked so far, over all tables */
  readonly checked: number;
  /** rows to check in all */
  readonly total: number;
  /** the findings of this step */
  readonly findings: readonly Finding[];
}

/** Vocabulary of one list: normalised label → the spelling in the vocabulary. */
export type Vocabulary = ReadonlyMap<string, string>;

/** The vocabularies a return is checked against: its own Lists sheet first, else the blueprint. */
export function vocabulariesOf(ret: Pick<AuditReturn, "lists">): Record<ListKey, Vocabulary> {
  const out = {} as Record<ListKey, Vocabulary>;
  for (const spec of LISTS) {
    const own = ret.lists?.[spec.key];
    const values = own && own.length > 0 ? own : spec.values;
    const map = new Map<string, string>();
    for (const v of values) {
      const k = labelKey(v);
      if (k !== "" && !map.has(k)) map.set(k, tidyLabel(v));
    }
    out[spec.key] = map;
  }
  return out;
}

/** "Roles" → "role", "Organisation types" → "organisation type". */
function singular(header: string): string {
  const lower = header.toLowerCase();
  return lower.endsWith("s") ? lower.slice(0, -1) : lower;
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function orList(values: readonly string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/** Lists short enough to spell out in a message. */
const SPELL_OUT = 6;
const SPELL_OUT_CHARS = 80;

function listHint(list: ListKey, vocab: Vocabulary, multi: boolean): string {
  const spec = LISTS.find((l) => l.key === list);
  const values = [...vocab.values()];
  if (values.length <= SPELL_OUT && values.join(", ").length <= SPELL_OUT_CHARS)
    return `use ${orList(values)}${multi ? ' (several separated by ";")' : ""}`;
  const name = spec?.header ?? list;
  return multi
    ? `pick from the ${name} list on the Lists sheet, several separated by ";"`
    : `pick one from the ${name} list on the Lists sheet`;
}

function listNoun(list: ListKey): string {
  const spec = LISTS.find((l) => l.key === list);
  return withArticle(singular(spec?.header ?? list));
}

function rangeText(column: ColumnSpec, currentYear: number): string {
  const max = column.max === "currentYear" ? currentYear : column.max;
  const min = column.min;
  const what = column.kind === "year" ? "a year" : column.integer ? "a whole number" : "a number";
  if (min !== undefined && max !== undefined) return `${what} from ${min} to ${max}`;
  if (min !== undefined) return `${what} of ${min} or more`;
  if (max !== undefined) return `${what} up to ${max}`;
  return what;
}

function show(value: CellValue): string {
  if (typeof value === "string") return JSON.stringify(value.trim());
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  return value === null ? "blank" : value.error;
}

/** Excel's serial day numbers of 1990-01-01 and 9999-12-31: a whole number in between in a year column is a date. */
const SERIAL_1990 = 32874;
const SERIAL_MAX = 2958465;

function isDateSerial(n: number): boolean {
  return Number.isInteger(n) && n >= SERIAL_1990 && n <= SERIAL_MAX;
}

/** An Excel serial day number as an ISO date (day 0 is 1899-12-30 in Excel's 1900 date system). */
function serialDate(n: number): string {
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

const DATE_TEXT = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})([ T].*)?$/;

/** What is wrong with one cell (most cells: nothing). */
interface Issue {
  readonly severity: Finding["severity"];
  readonly message: string;
}

/** Checks one cell, pushing what is wrong with it onto `out`. */
type CellCheck = (value: CellValue, out: Issue[]) => void;

function emitTo(out: Issue[], severity: Finding["severity"], message: string): void {
  out.push({ severity, message });
}

/** Remember the result of a check of the same text (a column holds few distinct values). */
const MEMO_LIMIT = 5000;

/** Compile the check of one column once; it runs on every row. */
function compileColumn(
  column: ColumnSpec,
  vocabularies: Record<ListKey, Vocabulary>,
  currentYear: number,
  settingFallback: boolean,
): CellCheck {
  const vocab = column.list ? vocabularies[column.list] : undefined;
  const hintOne = column.list && vocab ? listHint(column.list, vocab, false) : "";
  const hintMulti = column.list && vocab ? listHint(column.list, vocab, true) : "";
  const noun = column.list ? listNoun(column.list) : "";
  const max = column.max === "currentYear" ? currentYear : column.max;
  const min = column.min;
  const range = rangeText(column, currentYear);
  const listMemo = new Map<string, Issue | null>();
  const multiMemo = new Map<string, Issue[]>();
  return (value, out) => {
    if (typeof value === "object" && value !== null) {
      emitTo(out, "error", `the cell shows ${value.error}; correct the formula or type the value`);
      return;
    }
    if (isBlank(value)) {
      if (column.required) {
        const how =
          column.kind === "list" ? hintOne : column.kind === "number" ? `enter ${range}` : "fill it in";
        emitTo(out, "error", `${column.header} is required; ${how}`);
      } else if (column.defaultsToSetting && !settingFallback && column.key === "district") {
        emitTo(
          out,
          "error",
          `${column.header} is blank and the Settings sheet has no ${column.header}; fill in one or the other`,
        );
      }
      return;
    }
    switch (column.kind) {
      case "text":
        return;
      case "list": {
        if (!vocab) return;
        const text = toText(value) ?? "";
        let issue = listMemo.get(text);
        if (issue === undefined) {
          issue = vocab.has(labelKey(text))
            ? null
            : { severity: "error", message: `${show(text)} is not ${noun}; ${hintOne}` };
          if (listMemo.size < MEMO_LIMIT) listMemo.set(text, issue);
        }
        if (issue) out.push(issue);
        return;
      }
      case "multi": {
        if (!vocab) return;
        const text = toText(value) ?? "";
        let issues = multiMemo.get(text);
        if (issues === undefined) {
          issues = [];
          for (const part of splitMulti(text)) {
            if (!vocab.has(labelKey(part)))
              issues.push({ severity: "error", message: `${show(part)} is not ${noun}; ${hintMulti}` });
          }
          if (multiMemo.size < MEMO_LIMIT) multiMemo.set(text, issues);
        }
        for (const issue of issues) out.push(issue);
        return;
      }
      case "number":
      case "year":
      case "rating":
      case "calculated": {
        if (typeof value === "boolean") {
          emitTo(out, "error", `${show(value)} is not a number; enter ${range}`);
          return;
        }
        const n = toNumber(value);
        if (n === undefined) {
          const text = typeof value === "string" ? value.trim() : String(value);
          if (column.kind === "year" && DATE_TEXT.test(text)) {
            emitTo(out, "error", `${show(value)} is a date; enter the year only, ${range}`);
          } else if (column.kind === "calculated") {
            const advice = typeof value === "string" ? numberAdvice(text) : undefined;
            emitTo(
              out,
              "error",
              `${show(value)} is not a number; restore the table's formula for ${column.header}${advice ? ` (or ${advice})` : ""}`,
            );
          } else if (typeof value === "string" && numberAdvice(text) !== undefined) {
            emitTo(
              out,
              "error",
              `${show(value)} is not a number; ${numberAdvice(text, { bounds: { min, max, integer: column.integer }, range })}`,
            );
          } else {
            emitTo(out, "error", `${show(value)} is not a number; enter ${range}`);
          }
          return;
        }
        if (column.kind === "calculated") {
          if (min !== undefined && n < min)
            emitTo(
              out,
              "error",
              `${show(value)} is below ${min}; restore the table's formula for ${column.header} or correct its inputs`,
            );
          return;
        }
        if (
          (column.integer && !Number.isInteger(n)) ||
          (min !== undefined && n < min) ||
          (max !== undefined && n > max)
        ) {
          if (column.kind === "year" && isDateSerial(n)) {
            emitTo(
              out,
              "error",
              `${show(value)} is a date (${serialDate(n)}) shown as a number; enter the year only, ${range}`,
            );
            return;
          }
          const what =
            column.kind === "rating"
              ? "is not a rating"
              : column.kind === "year"
                ? "is not a year we accept"
                : "is out of range";
          emitTo(out, "error", `${show(value)} ${what}; enter ${range}`);
          return;
        }
        if (typeof value === "string")
          emitTo(out, "warning", `${show(value)} is stored as text; retype it as a number`);
        return;
      }
    }
  };
}

interface TablePlan {
  readonly spec: TableSpec;
  readonly data: TableData;
  readonly checks: readonly { key: string; header: string; letter: string; check: CellCheck }[];
}

/** Cross-row state for one run of checks. */
interface CrossState {
  /** district|round|id key → first Excel row, per table with a unique key */
  readonly seenIds: Map<string, number>;
  /** normalised Partnership IDs of the Partnerships table */
  readonly partnershipIds: Set<string>;
  /** district|round|id|organisation key → first Excel row of that Members row */
  readonly seenMembers: Map<string, number>;
  /** representative (district|name) → rows and total hours */
  readonly hours: Map<string, { name: string; rows: number[]; total: number; first: TableRow }>;
  /** the running totals of Annual hours and of their cost, to find the row where one overflows */
  readonly totals: { hours: number; cost: number; hoursOverflowed: boolean; costOverflowed: boolean };
  /** each grade's hourly cost (by normalised grade) from GradeCosts */
  readonly rates: ReadonlyMap<string, number>;
  /** per table: the rows whose District is not the Settings district, by that district */
  readonly otherDistricts: Map<
    string,
    { table: TableData; district: string; first: TableRow; count: number }
  >;
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
  const at = col ? { column: col.header, address: `${col.letter}${row.excelRow}` } : {};
  t.hours += hours;
  if (!t.hoursOverflowed && !Number.isFinite(t.hours)) {
    t.hoursOverflowed = true;
    emit({
      ...file,
      severity: "error",
      sheet: data.sheet,
      row: row.excelRow,
      ...at,
      message: `the Annual hours up to this row add up to more than a number can hold, so staff time cannot be computed; check ${hours} here and the other large hours`,
    });
  }
  const grade = toText(row.values.grade ?? null);
  const rate = grade === null ? undefined : state.rates.get(labelKey(grade));
  if (rate === undefined || t.costOverflowed) return;
  t.cost += hours * rate;
  if (!Number.isFinite(t.cost)) {
    t.costOverflowed = true;
    emit({
      ...file,
      severity: "error",
      sheet: data.sheet,
      row: row.excelRow,
      ...at,
      message: `${hours} hours at the hourly cost of ${show(grade ?? "")} (${rate}) make the annual cost more than a number can hold, so it cannot be computed; check these hours and that grade's Hourly cost in GradeCosts`,
    });
  }
}

/** The rows a return has to check, over all tables. */
export function rowsToCheck(ret: AuditReturn): number {
  return TABLES.reduce((n, t) => n + (ret.tables[t.name]?.rows.length ?? 0), 0);
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
 * Check a return a chunk of rows at a time: each step yields the findings of up to `chunkRows`
 * rows (plus, at the end, the findings that need every row, such as hours per representative).
 * Stop iterating to cancel.
 */
export function* iterateChecks(
  ret: AuditReturn,
  options: ReturnCheckOptions = {},
): Generator<CheckStep, void> {
  const currentYear = options.currentYear ?? new Date().getFullYear();
  const chunk = Math.max(1, options.chunkRows ?? 2000);
  const total = rowsToCheck(ret);
  const vocabularies = vocabulariesOf(ret);
  const file = ret.file ? { file: ret.file } : {};
  const settingDistrict = toText(ret.settings.district ?? null) !== null;
  // more hours a year than one full-time post (the workbook's own, else the defaults) is implausible
  const fullTime = fullTimeOf(ret.settings).hoursPerYear;

  let pending: Finding[] = [];
  // at most FINDINGS_PER_COLUMN findings per sheet, column and severity; the rest are counted
  const limiter = findingLimiter(options.findingsPerColumn ?? FINDINGS_PER_COLUMN);
  const emit = (f: Finding): void => {
    if (limiter.admit(f)) pending.push(f);
  };
  if (!options.skipReaderFindings) for (const f of ret.findings) emit(f);
  let checked = 0;

  const plans: TablePlan[] = [];
  for (const spec of TABLES) {
    const data = ret.tables[spec.name];
    if (!data) continue;
    const checks = spec.columns.map((column) => {
      const where = data.columns[column.key];
      return {
        key: column.key,
        header: where?.header ?? column.header,
        letter: where?.letter ?? "",
        check: compileColumn(column, vocabularies, currentYear, settingDistrict),
      };
    });
    plans.push({ spec, data, checks: checks.filter((c) => c.letter !== "") });
    if (
      !settingDistrict &&
      data.columns.district === undefined &&
      spec.columns.some((c) => c.key === "district")
    ) {
      emit({
        ...file,
        severity: "error",
        sheet: data.sheet,
        row: data.headerRow,
        message: `the table has no District column and the Settings sheet has no District; fill in District on the Settings sheet`,
      });
    }
  }

  const state: CrossState = {
    seenIds: new Map(),
    seenMembers: new Map(),
    partnershipIds: new Set(),
    hours: new Map(),
    totals: { hours: 0, cost: 0, hoursOverflowed: false, costOverflowed: false },
    rates: gradeRates(ret),
    otherDistricts: new Map(),
  };
  // the district the Settings sheet names: a row naming another contradicts it
  const settingsDistrictText = toText(ret.settings.district ?? null);
  const settingsKey = settingsDistrictText === null ? "" : labelKey(settingsDistrictText);
  for (const plan of plans) {
    if (plan.spec.name === "Partnerships") {
      for (const row of plan.data.rows) {
        const id = keyOf(row.values.partnershipId);
        if (id) state.partnershipIds.add(id);
      }
    }
  }
  const hasPartnerships = plans.some((p) => p.spec.name === "Partnerships");

  for (const plan of plans) {
    const { spec, data } = plan;
    const checks = plan.checks;
    const uniqueHeader = spec.uniqueKey ? (data.columns[spec.uniqueKey]?.header ?? spec.uniqueKey) : "";
    const uniqueLetter = spec.uniqueKey ? (data.columns[spec.uniqueKey]?.letter ?? "") : "";
    const refColumn = spec.columns.find((c) => c.references === "Partnerships");
    const refWhere = refColumn ? data.columns[refColumn.key] : undefined;
    const issues: Issue[] = [];
    for (const row of data.rows) {
      const excelRow = row.excelRow;
      for (const c of checks) {
        c.check(row.values[c.key] ?? null, issues);
        if (issues.length === 0) continue;
        for (const issue of issues) {
          // counted without building a finding once the column's list is full
          if (!limiter.admitKey(issue.severity, data.sheet, c.header)) continue;
          pending.push({
            ...file,
            severity: issue.severity,
            sheet: data.sheet,
            row: excelRow,
            column: c.header,
            address: `${c.letter}${excelRow}`,
            message: issue.message,
          });
        }
        issues.length = 0;
      }
      if (spec.uniqueKey && uniqueLetter) {
        const idText = toText(row.values[spec.uniqueKey] ?? null);
        if (idText !== null) {
          const k = `${keyOf(row.values.district)}|${keyOf(row.values.auditRound)}|${labelKey(idText)}`;
          const first = state.seenIds.get(k);
          if (first === undefined) state.seenIds.set(k, excelRow);
          else {
            emit({
              ...file,
              severity: "error",
              sheet: data.sheet,
              row: excelRow,
              column: uniqueHeader,
              address: `${uniqueLetter}${excelRow}`,
              message: `${show(idText)} is on rows ${first} and ${excelRow}; give each partnership its own ID (one row per partnership)`,
            });
          }
        }
      }
      if (refColumn && refWhere && hasPartnerships) {
        const idText = toText(row.values[refColumn.key] ?? null);
        if (idText !== null && !state.partnershipIds.has(labelKey(idText))) {
          emit({
            ...file,
            severity: "error",
            sheet: data.sheet,
            row: excelRow,
            column: refWhere.header,
            address: `${refWhere.letter}${excelRow}`,
            message: `${show(idText)} is not a Partnership ID on the Partnerships sheet; correct the ID or add the partnership there`,
          });
        }
      }
      if (settingsKey !== "" && data.columns.district) {
        const own = toText(row.values.district ?? null);
        if (own !== null && keyOf(row.values.district) !== settingsKey) {
          const k = `${spec.name}|${keyOf(row.values.district)}`;
          const seen = state.otherDistricts.get(k);
          if (seen) seen.count++;
          else state.otherDistricts.set(k, { table: data, district: own, first: row, count: 1 });
        }
      }
      if (spec.name === "Representation") {
        trackHours(state, row, fullTime, data, file, emit);
        trackTotals(state, row, data, file, emit);
      }
      if (spec.name === "Members") trackMember(state, row, data, file, emit);
      checked++;
      if (checked % chunk === 0) {
        yield { checked, total, findings: pending };
        pending = [];
      }
    }
  }
  for (const { table, district, first, count } of state.otherDistricts.values()) {
    const col = table.columns.district;
    emit({
      ...file,
      severity: "warning",
      sheet: table.sheet,
      row: first.excelRow,
      ...(col ? { column: col.header, address: `${col.letter}${first.excelRow}` } : {}),
      message: `${show(district)} contradicts the Settings sheet's District ${show(settingsDistrictText ?? "")}${
        count > 1 ? ` (here and on ${count - 1} more ${count === 2 ? "row" : "rows"})` : ""
      }; the rows keep their own district when imported: correct the row or the Settings District, whichever is wrong`,
    });
  }
  // a loop, not push(...): a GradeCosts table of a million rows must not overflow the stack
  gradeCostFindings(ret, vocabularies, currentYear, file, (f) => pending.push(f), limiter.admitKey);
  for (const rep of state.hours.values()) {
    if (rep.rows.length > 1 && rep.total > fullTime) {
      const where = plans.find((p) => p.spec.name === "Representation")?.data;
      const col = where?.columns.representative;
      emit({
        ...file,
        severity: "warning",
        sheet: where?.sheet ?? "Representation",
        row: rep.first.excelRow,
        ...(col ? { column: col.header, address: `${col.letter}${rep.first.excelRow}` } : {}),
        message: `${rep.name}'s time adds up to ${Math.round(rep.total)} hours a year on rows ${rep.rows.join(", ")}, more than one full-time post (${fullTime}); check Meetings per year and Hours per meeting`,
      });
    }
  }
  for (const f of limiter.more(file)) pending.push(f);
  yield { checked, total, findings: pending };
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
  const k = `${keyOf(row.values.district)}|${keyOf(row.values.auditRound)}|${labelKey(id)}|${labelKey(organisation)}`;
  const first = state.seenMembers.get(k);
  if (first === undefined) {
    state.seenMembers.set(k, row.excelRow);
    return;
  }
  const col = data.columns.organisation;
  emit({
    ...file,
    severity: "warning",
    sheet: data.sheet,
    row: row.excelRow,
    ...(col ? { column: col.header, address: `${col.letter}${row.excelRow}` } : {}),
    message: `${show(organisation)} is listed for ${show(id)} on rows ${first} and ${row.excelRow}; it is counted once, so delete one of the rows`,
  });
}

/** Findings listed per sheet, column and severity before the rest are only counted. */
export const FINDINGS_PER_COLUMN = 200;

/**
 * Keeps the findings of a check bounded: the first `limit` of each sheet, column and severity are
 * listed, the others counted, and `more` gives one finding per overflowing column that says how many
 * more there are. A million bad rows then cost a few hundred findings, not a million.
 */
function findingLimiter(limit: number): {
  admit(f: Finding): boolean;
  admitKey(severity: Finding["severity"], sheet: string, column: string | undefined): boolean;
  more(file: { file?: string }): Finding[];
} {
  const seen = new Map<
    string,
    { severity: Finding["severity"]; sheet: string; column: string | undefined; count: number }
  >();
  const admitKey = (severity: Finding["severity"], sheet: string, column: string | undefined): boolean => {
    const key = `${severity}|${sheet}|${column ?? ""}`;
    const entry = seen.get(key);
    if (!entry) {
      seen.set(key, { severity, sheet, column, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= limit;
  };
  return {
    admit: (f) => admitKey(f.severity, f.sheet, f.column),
    admitKey,
    more(file) {
      const out: Finding[] = [];
      for (const { severity, sheet, column, count } of seen.values()) {
        if (count <= limit) continue;
        const n = count - limit;
        out.push({
          ...file,
          severity,
          sheet,
          ...(column !== undefined ? { column } : {}),
          message: `and ${n.toLocaleString("en-GB")} more like ${n === 1 ? "it" : "them"} (only the first ${limit} ${severity}s of this column are listed); fix those, then check again`,
          more: n,
        });
      }
      return out;
    },
  };
}

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
  const key = `${keyOf(row.values.district)}|${keyOf(row.values.auditRound)}|${labelKey(name)}`;
  const rep = state.hours.get(key);
  if (rep) {
    rep.rows.push(row.excelRow);
    rep.total += hours;
  } else {
    state.hours.set(key, { name, rows: [row.excelRow], total: hours, first: row });
    if (hours > fullTime) emit(tooManyHours(data, row, file, hours, fullTime, ` for ${name}`));
  }
}

/** All findings of a return at once: what the reader found, then every cell and cross-row check. */
export function checkReturn(ret: AuditReturn, options: ReturnCheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const step of iterateChecks(ret, { ...options, chunkRows: Number.MAX_SAFE_INTEGER })) {
    for (const f of step.findings) out.push(f);
  }
  return out;
}

/** A checker to drive by hand: each `checkNext()` checks the next `chunkRows` rows (default 2,000). */
export interface ReturnChecker {
  readonly total: number;
  checkNext(): CheckStep & { readonly done: boolean };
}

export function createReturnChecker(ret: AuditReturn, options: ReturnCheckOptions = {}): ReturnChecker {
  const it = iterateChecks(ret, options);
  const total = rowsToCheck(ret);
  let finished = false;
  return {
    total,
    checkNext() {
      if (finished) return { checked: total, total, findings: [], done: true };
      const next = it.next();
      if (next.done) {
        finished = true;
        return { checked: total, total, findings: [], done: true };
      }
      return { ...next.value, done: false };
    },
  };
}

/** True when any finding is an error (warnings allowed). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** The first error, as a short reason ("3 errors, e.g. Partnerships row 7, Our role: …"). */
export function errorSummary(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length === 0) return "";
  return errorCountText(countFindings(errors), errors[0]);
}

/** "3 errors, first: Partnerships row 7, Our role: …". */
export function errorCountText(count: number, f: Finding): string {
  const where = f.row !== undefined ? `${f.sheet} row ${f.row}` : f.sheet;
  const place = f.column ? `${where}, ${f.column}` : where;
  return `${count} error${count === 1 ? "" : "s"}, first: ${place}: ${f.message}`;
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
  const col = data.columns.annualHours ?? data.columns.hoursPerMeeting;
  return {
    ...file,
    severity: "warning",
    sheet: data.sheet,
    row: row.excelRow,
    ...(col ? { column: col.header, address: `${col.letter}${row.excelRow}` } : {}),
    message: `${Math.round(hours)} hours a year${forWhom} is more than one full-time post (${fullTime}); check Meetings per year and Hours per meeting`,
  };
}

/**
 * Checks of the GradeCosts table: each grade from the Grades list, once; each cost a number of 0 or
 * more (blank: not costed). Each finding is at its cell.
 */
function gradeCostFindings(
  ret: AuditReturn,
  vocabularies: Record<ListKey, Vocabulary>,
  currentYear: number,
  file: { file?: string },
  out: (f: Finding) => void,
  admit: (severity: Finding["severity"], sheet: string, column: string | undefined) => boolean,
): void {
  const data = ret.gradeCosts;
  if (!data) return;
  const checks = GRADE_COSTS.columns.map((column) => ({
    column,
    where: data.columns[column.key],
    check: compileColumn(column, vocabularies, currentYear, true),
  }));
  const seen = new Map<string, number>();
  const issues: Issue[] = [];
  for (const row of data.rows) {
    for (const { column, where, check } of checks) {
      if (!where) continue;
      check(row.values[column.key] ?? null, issues);
      for (const issue of issues)
        if (admit(issue.severity, data.sheet, where.header))
          out({
            ...file,
            severity: issue.severity,
            sheet: data.sheet,
            row: row.excelRow,
            column: where.header,
            address: `${where.letter}${row.excelRow}`,
            message: issue.message,
          });
      issues.length = 0;
    }
    const grade = toText(row.values.grade ?? null);
    const where = data.columns.grade;
    if (grade === null || !where) continue;
    const first = seen.get(labelKey(grade));
    if (first === undefined) seen.set(labelKey(grade), row.excelRow);
    else if (admit("error", data.sheet, where.header))
      out({
        ...file,
        severity: "error",
        sheet: data.sheet,
        row: row.excelRow,
        column: where.header,
        address: `${where.letter}${row.excelRow}`,
        message: `${show(grade)} is on rows ${first} and ${row.excelRow} of ${GRADE_COSTS.name}; keep one row per grade`,
      });
  }
}

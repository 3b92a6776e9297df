/**
 * Consolidation planning: district returns → the rows a regional workbook gains (and the
 * district+round pairs it loses first). The task pane (through src/excel) and the command-line
 * tool apply the same plan.
 *
 * - Every row is tagged with its return's district and round (District and Audit round columns),
 *   also a row that names another district (a warning), so that a re-import replaces all its rows.
 * - A return with errors is skipped, with why (the first error and how many).
 * - A (district, round) already in the regional workbook is replaced as a whole (`replace`).
 * - Two returns with the same district and round in one run: the later one (in the order given)
 *   replaces the earlier; the earlier is listed as skipped and a warning names both files.
 * - The same Partnership ID in several districts is one partnership; a name or level that differs
 *   between returns is a warning naming both returns.
 * - Values are typed: list labels take the vocabulary's spelling, multi-select cells are rejoined
 *   with "; ", numeric text becomes a number, text stays text. Text is kept as text in the plan;
 *   the shells must write it as text (see src/excel/inert.ts).
 * - Deterministic: rows are sorted by district, then Partnership ID, then source row (then round
 *   and file), so the same returns in any order give the same rows in the same order.
 * - Calculated columns (Annual hours) carry their value (cached or recomputed); a shell writing
 *   into a table whose column computes it may leave them out.
 */
import {
  GRADE_COSTS,
  LISTS,
  TABLES,
  type ColumnSpec,
  type ListKey,
  type TableName,
  type TableSpec,
} from "../model/blueprint";
import { vocabulariesOf, type Vocabulary } from "../returns/checks";
import type { Finding } from "../model/findings";
import { compareText } from "../figures/headlines";
import { labelKey, tidyLabel } from "../model/labels";
import { replacedBy } from "./replace-rows";
import { annualHours } from "../returns/read-return";
import { decideReturns, skipped, type DecideOptions, type ReturnKey, type Skipped } from "./decisions";
import { consolidatedGradeCosts, gradeCostEntries, type RegionalGradeCostRow } from "./grade-costs";
import { toLabel, toNumber, toText } from "../model/cell-rules";
import { columnLetter } from "../model/a1";
import { columnTyper, type TypedValue } from "../model/schemas";
import type {
  AuditReturn,
  CellValue,
  ColumnarCells,
  ConsolidationPlan,
  GradeCost,
  GradeCostsData,
  TableAppend,
  TableRow,
} from "../model/workbook-data";

interface PlanOptions extends DecideOptions {
  /**
   * The regional workbook's own GradeCosts rows, when consolidating into one: a cost it already has
   * is never overwritten by a return (the same rule as the pane's import, ./grade-costs).
   */
  readonly regionalGradeCosts?: readonly RegionalGradeCostRow[];
}

/** Characters that make Excel read typed text as a formula. */
const FORMULA_START = /^[=+\-@]/;

/** True when text would become a formula (or a sign) if typed into a cell as is. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

function key(district: string, round: string): string {
  return `${labelKey(district)}|${labelKey(round)}`;
}

/**
 * One output value of a column, from the row typed by the blueprint's schemas: list labels take the
 * vocabulary's spelling, multi-select labels are rejoined with "; ", numbers are numbers, text is
 * text; a blank or a cell that could not be typed is null (a return with such a cell has errors and
 * is not imported).
 */
function outputValue(
  column: ColumnSpec,
  value: TypedValue,
  vocab: Vocabulary | undefined,
): string | number | null {
  if (value === null) return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return value.map((l) => vocab?.get(labelKey(l)) ?? l).join("; ");
  }
  if (typeof value === "string" && column.kind === "list") return vocab?.get(labelKey(value)) ?? value;
  return value;
}

function textOf(value: string | number | null | undefined): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** A row ready to sort and write. */
interface OutRow {
  readonly district: string;
  readonly id: string;
  /** lower-case sort keys, computed once (a sort compares each row many times) */
  readonly districtKey: string;
  readonly idKey: string;
  readonly sourceRow: number;
  readonly round: string;
  readonly file: string;
  readonly cells: (string | number | null)[];
}

function tableRows(
  ret: AuditReturn,
  spec: TableSpec,
  tag: ReturnKey | undefined,
  vocabularies: Record<ListKey, Vocabulary>,
): OutRow[] {
  const data = ret.tables[spec.name];
  if (!data) return [];
  const out: OutRow[] = [];
  // Each column is typed by the blueprint's zod schema (./schemas columnTyper: each distinct value
  // parsed once, the same value object for the same text), then spelled from the vocabulary once
  // per distinct value.
  const converters = spec.columns.map((column) => {
    const type = columnTyper(column);
    const vocab = column.list ? vocabularies[column.list] : undefined;
    const memo = new Map<TypedValue, string | number | null>();
    return (raw: CellValue | undefined): string | number | null => {
      const typed = type(raw);
      if (!typed.ok) return null;
      if (!vocab) return outputValue(column, typed.value, undefined);
      const hit = memo.get(typed.value);
      if (hit !== undefined) return hit;
      const result = outputValue(column, typed.value, vocab);
      if (memo.size < 5000) memo.set(typed.value, result);
      return result;
    };
  });
  const at = (key: string): number => spec.columns.findIndex((c) => c.key === key);
  const [districtAt, roundAt, idAt] = [at("district"), at("auditRound"), at("partnershipId")];
  for (const row of data.rows) {
    const cells = spec.columns.map((column, c) => {
      // every row is tagged with its return's district and round, also a row that names another
      // district (a warning): so that importing the return again replaces all of its rows
      if (tag && column.key === "district") return tag.district;
      if (tag && column.key === "auditRound") return tag.auditRound;
      return converters[c](row.values[column.key]);
    });
    const district = textOf(cells[districtAt]);
    const round = tag ? tag.auditRound : textOf(cells[roundAt]);
    const id = textOf(cells[idAt]);
    out.push({
      district,
      id,
      districtKey: district.toLowerCase(),
      idKey: id.toLowerCase(),
      sourceRow: row.excelRow,
      round,
      file: ret.file,
      cells,
    });
  }
  return out;
}

/**
 * A warning for each district other than the return's own that its rows name (the rows are
 * imported under the return's district all the same), naming both and how many rows.
 */
function districtContradictions(ret: AuditReturn, district: string): Finding[] {
  const own = labelKey(district);
  const others = new Map<string, { label: string; rows: number; sheets: Set<string> }>();
  for (const spec of TABLES) {
    const data = ret.tables[spec.name];
    if (!data?.columns.district) continue;
    for (const row of data.rows) {
      const label = toText(row.values.district ?? null) ?? "";
      const k = labelKey(label);
      if (k === "" || k === own) continue;
      const entry = others.get(k) ?? { label, rows: 0, sheets: new Set<string>() };
      entry.rows++;
      entry.sheets.add(data.sheet);
      others.set(k, entry);
    }
  }
  return [...others.values()].map((o) => ({
    ...(ret.file ? { file: ret.file } : {}),
    severity: "warning" as const,
    sheet: "Settings",
    message: `the Settings District is ${district}, but ${o.rows} ${o.rows === 1 ? "row" : "rows"} (${[...o.sheets].join(", ")}) name ${o.label}; those rows are imported as ${district}'s, as every row of the return is: correct the rows or the Settings District, whichever is wrong, and import the return again`,
  }));
}

/** compareText on precomputed lower-case keys: the same order, without re-lowering per comparison. */
function compareKeyed(aKey: string, a: string, bKey: string, b: string): number {
  if (aKey !== bKey) return aKey < bKey ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRows(a: OutRow, b: OutRow): number {
  return (
    compareKeyed(a.districtKey, a.district, b.districtKey, b.district) ||
    compareKeyed(a.idKey, a.id, b.idKey, b.id) ||
    a.sourceRow - b.sourceRow ||
    compareText(a.round, b.round) ||
    compareText(a.file, b.file)
  );
}

/** Imported returns' vocabularies: the blueprint spelling unless the return has its own Lists. */
function vocabFor(ret: AuditReturn): Record<ListKey, Vocabulary> {
  return vocabulariesOf(ret);
}

/**
 * Plan a consolidation: which returns are imported or skipped (and why), which (district, round)
 * pairs already in the regional workbook are replaced, and the rows to append, sorted.
 */
export function planConsolidation(
  existing: readonly ReturnKey[],
  returns: readonly AuditReturn[],
  options: PlanOptions = {},
): ConsolidationPlan {
  const skippedReturns: Skipped[] = [];
  const warnings: Finding[] = [];
  const chosen: { ret: AuditReturn; district: string; round: string }[] = [];
  for (const d of decideReturns(existing, returns, options)) {
    if (!d.skip) {
      chosen.push({ ret: d.ret, district: d.district, round: d.auditRound });
      continue;
    }
    skippedReturns.push(skipped(d.ret.file, d.skip));
    if (d.skip.kind === "superseded")
      warnings.push({
        ...(d.skip.by ? { file: d.skip.by } : {}),
        severity: "warning",
        sheet: "Settings",
        message: `${d.skip.by} replaces ${d.ret.file}: both are district ${d.district}, round ${d.auditRound || "(none)"}`,
      });
  }

  const existingKeys = new Set(existing.map((e) => key(e.district, e.auditRound)));
  const replace: ReturnKey[] = [];
  const imported: ConsolidationPlan["imported"][number][] = [];
  const rowsByTable = new Map<TableName, OutRow[]>(TABLES.map((t) => [t.name, []]));
  const sortedChosen = [...chosen].sort(
    (a, b) =>
      compareText(a.district, b.district) ||
      compareText(a.round, b.round) ||
      compareText(a.ret.file, b.ret.file),
  );
  for (const { ret, district, round } of sortedChosen) {
    for (const w of districtContradictions(ret, district)) warnings.push(w);
    const tag = { district, auditRound: round };
    const replaced = existingKeys.has(key(district, round));
    if (replaced) replace.push(tag);
    const vocabularies = vocabFor(ret);
    let rows = 0;
    for (const spec of TABLES) {
      const out = tableRows(ret, spec, tag, vocabularies);
      rows += out.length;
      // a loop, not push(...out): spreading a huge return's rows into a call overflows the stack
      const into = rowsByTable.get(spec.name);
      if (into) for (const row of out) into.push(row);
    }
    imported.push({ file: ret.file, district, auditRound: round, rows, replaced });
  }
  for (const w of nameConflicts(sortedChosen.map((c) => c.ret))) warnings.push(w);

  const append: TableAppend[] = TABLES.map((spec) => ({
    table: spec.name,
    columns: spec.columns.map((c) => c.key),
    rows: (rowsByTable.get(spec.name) ?? []).sort(compareRows).map((r) => r.cells),
  }));
  const costs = consolidatedGradeCosts(
    options.regionalGradeCosts ?? [],
    sortedChosen.map((c) => c.ret),
  );
  for (const w of costs.warnings) warnings.push(w);
  const gradeCosts = costs.rows.flatMap((row): GradeCost[] => {
    const grade = toLabel(row.grade);
    const cost = toNumber(row.cost);
    return grade === null ? [] : [{ grade, cost: cost ?? null }];
  });
  return { replace, append, imported, skipped: skippedReturns, warnings, gradeCosts };
}

/** Shared Partnership IDs whose name or level differ between returns: one warning per difference. */
function nameConflicts(returns: readonly AuditReturn[]): Finding[] {
  const first = new Map<string, { file: string; name: string; level: string }>();
  const out: Finding[] = [];
  for (const ret of returns) {
    const data = ret.tables.Partnerships;
    if (!data) continue;
    const seenHere = new Set<string>();
    for (const row of data.rows) {
      const id = toText(row.values.partnershipId ?? null);
      if (id === null) continue;
      const k = labelKey(id);
      if (seenHere.has(k)) continue;
      seenHere.add(k);
      const name = toText(row.values.partnership ?? null) ?? "";
      const level = toText(row.values.level ?? null) ?? "";
      const prev = first.get(k);
      if (!prev) {
        first.set(k, { file: ret.file, name, level });
        continue;
      }
      const nameDiffers = labelKey(prev.name) !== labelKey(name);
      const levelDiffers = labelKey(prev.level) !== labelKey(level);
      if (!nameDiffers && !levelDiffers) continue;
      const header = nameDiffers ? data.columns.partnership : data.columns.level;
      out.push({
        ...(ret.file ? { file: ret.file } : {}),
        severity: "warning",
        sheet: data.sheet,
        row: row.excelRow,
        ...(header ? { column: header.header, address: `${header.letter}${row.excelRow}` } : {}),
        // tidied: a name typed with a line break must not split the one-line finding
        message: `Partnership ID "${tidyLabel(id)}" is "${tidyLabel(name)}" (${tidyLabel(level) || "no level"}) here but "${tidyLabel(prev.name)}" (${tidyLabel(prev.level) || "no level"}) in ${prev.file}; a shared partnership keeps one name and level, so agree which is right`,
      });
    }
  }
  return out;
}

/** The (district, round) pairs a regional workbook holds, from its rows. */
export function existingKeys(regional: AuditReturn | undefined): ReturnKey[] {
  if (!regional) return [];
  const seen = new Map<string, ReturnKey>();
  for (const spec of TABLES) {
    for (const row of regional.tables[spec.name]?.rows ?? []) {
      const district = toText(row.values.district ?? null) ?? "";
      const auditRound = toText(row.values.auditRound ?? null) ?? "";
      if (district === "") continue;
      const k = key(district, auditRound);
      if (!seen.has(k)) seen.set(k, { district, auditRound });
    }
  }
  return [...seen.values()];
}

/**
 * The regional tables after a plan: the regional workbook's rows (minus the replaced district and
 * round pairs) and the plan's rows, sorted as the plan sorts (stable: ties keep regional rows first).
 */
export function applyPlan(regional: AuditReturn | undefined, plan: ConsolidationPlan): TableAppend[] {
  // the same decision as the task pane's import (replace-rows.ts)
  const isReplaced = replacedBy(plan.replace);
  return TABLES.map((spec) => {
    const kept = regional
      ? tableRows(regional, spec, undefined, vocabFor(regional)).filter(
          (r) => !isReplaced(r.district, r.round),
        )
      : [];
    const added = plan.append.find((a) => a.table === spec.name);
    const columnIndex = new Map((added?.columns ?? []).map((c, i) => [c, i]));
    const at = (cells: readonly (string | number | null)[], k: string): string => {
      const i = columnIndex.get(k);
      const v = i === undefined ? null : cells[i];
      return v === null ? "" : String(v);
    };
    const addedRows: OutRow[] = (added?.rows ?? []).map((cells, i) => ({
      district: at(cells, "district"),
      id: at(cells, "partnershipId"),
      districtKey: at(cells, "district").toLowerCase(),
      idKey: at(cells, "partnershipId").toLowerCase(),
      sourceRow: i,
      round: at(cells, "auditRound"),
      file: "",
      cells: spec.columns.map((c) => {
        const j = columnIndex.get(c.key);
        return j === undefined ? null : cells[j];
      }),
    }));
    const all = [
      ...kept.map((r, i) => ({ r, order: i })),
      ...addedRows.map((r, i) => ({ r, order: kept.length + i })),
    ];
    all.sort(
      (a, b) =>
        compareKeyed(a.r.districtKey, a.r.district, b.r.districtKey, b.r.district) ||
        compareKeyed(a.r.idKey, a.r.id, b.r.idKey, b.r.id) ||
        a.order - b.order,
    );
    return { table: spec.name, columns: spec.columns.map((c) => c.key), rows: all.map((x) => x.r.cells) };
  });
}

/** A setting that fills a blank cell of its column, when it is set (not blank). */
function fillingSetting(column: ColumnSpec, settings: AuditReturn["settings"]): string | number | undefined {
  const setting = column.defaultsToSetting ? settings[column.defaultsToSetting] : undefined;
  return setting !== undefined && setting !== "" ? setting : undefined;
}

/** The rows of an append as the reader gives them (see appendsToReturn). */
function appendRows(spec: TableSpec, settings: AuditReturn["settings"], t: TableAppend): TableRow[] {
  return t.rows.map((cells, r) => {
    const values: Record<string, CellValue> = Object.fromEntries(
      t.columns.map((k, i) => [k, cells[i] ?? null]),
    );
    // as the reader does: a blank District or Audit round means the Settings value
    for (const c of spec.columns) {
      const setting = fillingSetting(c, settings);
      if (
        setting !== undefined &&
        (values[c.key] === null || values[c.key] === undefined || values[c.key] === "")
      ) {
        values[c.key] = setting;
      }
    }
    if (spec.name === "Representation" && (values.annualHours === null || values.annualHours === undefined)) {
      values.annualHours = annualHours(values);
    }
    return { excelRow: r + 2, values };
  });
}

/** The same cells column by column, read from the append in place: reader(key)(i) is appendRows(…)[i].values[key]. */
function appendColumns(spec: TableSpec, settings: AuditReturn["settings"], t: TableAppend): ColumnarCells {
  const at = new Map(t.columns.map((k, i) => [k, i]));
  const raw = (key: string): ((i: number) => CellValue | undefined) => {
    const c = at.get(key);
    if (c === undefined) return () => undefined;
    return (i) => t.rows[i][c] ?? null;
  };
  const reader = (key: string): ((i: number) => CellValue | undefined) => {
    const read = raw(key);
    const column = spec.columns.find((c) => c.key === key);
    const setting = column ? fillingSetting(column, settings) : undefined;
    if (setting !== undefined) {
      return (i) => {
        const v = read(i);
        return v === null || v === undefined || v === "" ? setting : v;
      };
    }
    if (spec.name === "Representation" && key === "annualHours") {
      const inputs = (["meetingsPerYear", "hoursPerMeeting", "otherHoursPerMonth"] as const).map(
        (k) => [k, reader(k)] as const,
      );
      return (i) => {
        const v = read(i);
        if (v !== null && v !== undefined) return v;
        const values: Record<string, CellValue | undefined> = {};
        for (const [k, r] of inputs) values[k] = r(i);
        return annualHours(values as Record<string, CellValue>);
      };
    }
    return read;
  };
  return { length: t.rows.length, reader };
}

/**
 * A workbook's tables as an AuditReturn (the regional workbook about to be written, demo data),
 * read as the reader would: blank District / Audit round from Settings, Annual hours recomputed.
 * The tables are held column-wise (TableData.columnar, reading the appends in place): the figures
 * read them without a row object per row, and `rows` is made only if something asks for it.
 */
export function appendsToReturn(
  file: string,
  settings: AuditReturn["settings"],
  tables: readonly TableAppend[],
  gradeCosts?: readonly GradeCost[],
): AuditReturn {
  const out: Partial<Record<TableName, NonNullable<AuditReturn["tables"][TableName]>>> = {};
  for (const t of tables) {
    const spec = TABLES.find((s) => s.name === t.table);
    if (!spec) continue;
    const columnar = appendColumns(spec, settings, t);
    let rows: TableRow[] | undefined;
    out[t.table] = {
      table: t.table,
      sheet: spec.sheet,
      headerRow: 1,
      columns: Object.fromEntries(
        spec.columns.map((c, i) => [c.key, { header: c.header, letter: columnLetter(i) }]),
      ),
      get rows(): readonly TableRow[] {
        rows ??= appendRows(spec, settings, t);
        return rows;
      },
      columnar,
    };
  }
  const costs: GradeCostsData | undefined = gradeCosts && {
    sheet: GRADE_COSTS.sheet,
    headerRow: 1,
    columns: Object.fromEntries(
      GRADE_COSTS.columns.map((c, i) => [c.key, { header: c.header, letter: String.fromCharCode(69 + i) }]),
    ),
    rows: gradeCosts.map((g, i) => ({ excelRow: i + 2, values: { grade: g.grade, hourlyCost: g.cost } })),
  };
  return { file, settings, tables: out, findings: [], ...(costs ? { gradeCosts: costs } : {}) };
}

/** The lists a set of returns agree on (the first return with its own Lists), for the regional workbook. */
export function listsOf(returns: readonly AuditReturn[]): Partial<Record<ListKey, readonly string[]>> {
  const out: Partial<Record<ListKey, readonly string[]>> = {};
  for (const spec of LISTS) {
    const own = returns.find((r) => (r.lists?.[spec.key]?.length ?? 0) > 0)?.lists?.[spec.key];
    if (own) out[spec.key] = own;
  }
  return out;
}

/**
 * The regional partnership directory for the regional workbook, as [ID, name, level] rows: the
 * first of the workbooks (the regional workbook first) whose Lists sheet has one, so that
 * consolidating never drops it.
 */
export function directoryOf(returns: readonly AuditReturn[]): [string, string, string][] {
  const own = returns.find((r) => (r.directory?.length ?? 0) > 0)?.directory ?? [];
  return own.map((e) => [e.id, e.name, e.level]);
}

/**
 * The GradeCosts rows of a regional workbook: one per grade of its Grades list (then any other grade
 * the returns or the workbook cost), each with the cost taken from the returns (the plan) or, when
 * they give none, the regional workbook's own.
 */
export function regionalGradeCosts(
  regional: AuditReturn | undefined,
  plan: Pick<ConsolidationPlan, "gradeCosts">,
  grades: readonly string[],
): GradeCost[] {
  const own = new Map(
    (regional ? gradeCostEntries(regional) : []).map((e) => [labelKey(e.grade), e] as const),
  );
  const fromPlan = new Map(plan.gradeCosts.map((g) => [labelKey(g.grade), g] as const));
  const out: GradeCost[] = [];
  const seen = new Set<string>();
  const add = (grade: string): void => {
    const k = labelKey(grade);
    if (k === "" || seen.has(k)) return;
    seen.add(k);
    // the plan's costs already hold the regional workbook's own (never overwritten), when given
    out.push({ grade, cost: fromPlan.get(k)?.cost ?? own.get(k)?.cost ?? null });
  };
  for (const g of grades) add(g);
  for (const g of plan.gradeCosts) add(g.grade);
  for (const e of own.values()) add(e.grade);
  return out;
}

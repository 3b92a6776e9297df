/**
 * The pane's import into a regional workbook, planned without Excel: which (district, round) pairs
 * the workbook holds, the rows each table gets in its own column order (text made inert), the
 * calculated columns, rows split into batches under a byte budget, and the grade-cost ledger that
 * gathers, file by file, what the import did with the returns' hourly costs. The Excel layer
 * (src/excel/import.ts) only reads, writes and syncs.
 */
import { GRADE_COSTS, TABLES, type TableName } from "../model/blueprint";
import type { Finding } from "../model/findings";
import type { GradeCostTaken } from "../model/operations";
import { labelKey } from "../model/labels";
import type { AuditReturn, CellValue, ReturnKey, TableAppend } from "../model/workbook-data";
import {
  gradeCostChanges,
  gradeCostWarnings,
  hasGradeCosts,
  type GradeCostChanges,
  type GradeCostDisagreement,
  type RegionalGradeCostRow,
} from "./grade-costs";
import { inertValue } from "./inert-text";
import { pairKey, type RowKey } from "./replace-rows";

/** Bytes of a value as JSON in UTF-8: what it adds to a request sent to Excel (its 5 MB limit). */
export function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  const json = JSON.stringify(v);
  let n = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

/** The regional GradeCosts table as read for an import. */
export interface RegionalGradeCosts {
  readonly sheet: string;
  readonly headers: readonly string[];
  /** index of its Grade and Hourly cost columns in `headers` (-1 when a header is missing) */
  readonly gradeIndex: number;
  readonly costIndex: number;
  /** its body rows as read (every column) */
  readonly rows: readonly (readonly CellValue[])[];
  /** the only body row is blank (Excel's placeholder row): a first new row is written into it */
  readonly placeholder: boolean;
}

/** The GradeCosts table as loaded: its columns found by header (as the core's reader finds them). */
export function regionalGradeCosts(
  sheet: string,
  header: unknown[][],
  body: unknown[][],
): RegionalGradeCosts {
  const headers = (header[0] ?? []).map(text);
  const at = (i: number): number =>
    headers.findIndex((h) => labelKey(h) === labelKey(GRADE_COSTS.columns[i].header));
  const rows = body.map((row) => row.map(cellOf));
  return {
    sheet,
    headers,
    gradeIndex: at(0),
    costIndex: at(1),
    rows,
    placeholder: rows.length === 1 && rows[0].every((v) => text(v) === ""),
  };
}

/** A cell as read through Range.values: a number, text or boolean ("" when empty). */
function cellOf(v: unknown): CellValue {
  return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : null;
}

/** The (district, round) pairs the regional workbook holds (a blank cell takes the Settings value). */
export function regionalKeys(state: {
  readonly tables: Readonly<Partial<Record<TableName, { readonly keys: readonly RowKey[] }>>>;
  readonly defaults: Partial<RowKey>;
}): ReturnKey[] {
  const seen = new Map<string, ReturnKey>();
  for (const t of Object.values(state.tables)) {
    for (const k of t?.keys ?? []) {
      const district = k.district || (state.defaults.district ?? "");
      const auditRound = k.auditRound || (state.defaults.auditRound ?? "");
      if (district === "") continue;
      const id = pairKey(district, auditRound);
      if (!seen.has(id)) seen.set(id, { district, auditRound });
    }
  }
  return [...seen.values()];
}

/** A cell value as `rows.add` takes it. */
export type OutCell = string | number | boolean;

/** Rows in the regional table's own column order, ready for rows.add (text made inert). */
export function rowsForTable(append: TableAppend, headers: readonly string[]): OutCell[][] {
  const spec = TABLES.find((t) => t.name === append.table);
  const at = new Map(append.columns.map((k, i) => [k, i]));
  const source = headers.map((h) => {
    const col = spec?.columns.find((c) => labelKey(c.header) === labelKey(h));
    if (!col || col.kind === "calculated") return -1;
    return at.get(col.key) ?? -1;
  });
  return append.rows.map((row) => source.map((i) => (i < 0 ? "" : inertValue(row[i] ?? null))));
}

/** The calculated columns of a regional table: index in its headers and formula. */
export function calculatedColumns(
  table: TableName,
  headers: readonly string[],
): { index: number; formula: string }[] {
  const spec = TABLES.find((t) => t.name === table);
  const out: { index: number; formula: string }[] = [];
  headers.forEach((h, index) => {
    const col = spec?.columns.find((c) => labelKey(c.header) === labelKey(h));
    if (col?.kind === "calculated" && col.formula) out.push({ index, formula: col.formula });
  });
  return out;
}

/** Splits rows into batches whose bytes stay under `budget` (the first batch shares its sync with `used` bytes). */
export function payloadBatches<T>(rows: readonly T[], budget: number, used = 0): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let size = used + 2;
  for (const row of rows) {
    const n = jsonBytes(row) + 1;
    if (batch.length > 0 && size + n > budget) {
      out.push(batch);
      batch = [];
      size = 2;
    }
    batch.push(row);
    size += n;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** A return without its GradeCosts (for the plan over all files: the regional workbook's costs decide). */
export function withoutGradeCosts(ret: AuditReturn): AuditReturn {
  const { gradeCosts: _costs, ...rest } = ret;
  return rest;
}

/** The regional GradeCosts rows as the core takes them (null when the table cannot take costs). */
function costRows(table: RegionalGradeCosts | null): RegionalGradeCostRow[] | null {
  if (!table || table.gradeIndex < 0 || table.costIndex < 0) return null;
  return table.rows.map((r) => ({ grade: r[table.gradeIndex] ?? null, cost: r[table.costIndex] ?? null }));
}

/** What an import did with the returns' grade costs, gathered over the files. */
export class GradeCostLedger {
  readonly taken: GradeCostTaken[] = [];
  private readonly takenFrom = new Map<string, string>();
  private readonly disagreements: GradeCostDisagreement[] = [];
  /** files whose costs could not be taken, and why */
  private readonly notTaken: string[] = [];
  private why = "";
  private sheet: string = GRADE_COSTS.sheet;

  /** the changes to make for `ret`, or undefined when the regional workbook cannot take costs */
  plan(
    state: { readonly gradeCosts: RegionalGradeCosts | null },
    ret: AuditReturn,
  ): GradeCostChanges | undefined {
    const rows = costRows(state.gradeCosts);
    if (rows === null) return undefined;
    return gradeCostChanges(rows, ret);
  }

  /** after `ret` was imported with `changes` */
  record(
    state: { readonly gradeCosts: RegionalGradeCosts | null },
    ret: AuditReturn,
    changes: GradeCostChanges | undefined,
  ): void {
    if (!changes) {
      if (!hasGradeCosts(ret)) return;
      this.notTaken.push(ret.file);
      this.why = state.gradeCosts
        ? `The ${GRADE_COSTS.name} table on ${state.gradeCosts.sheet} has no Grade or Hourly cost column`
        : `This workbook has no ${GRADE_COSTS.name} table (it was set up before grade costs were added)`;
      return;
    }
    if (state.gradeCosts) this.sheet = state.gradeCosts.sheet;
    for (const [list, added] of [
      [changes.fill, false],
      [changes.add, true],
    ] as const)
      for (const c of list) {
        this.taken.push({ grade: c.grade, cost: c.cost, file: ret.file, added });
        this.takenFrom.set(labelKey(c.grade), ret.file);
      }
    for (const d of changes.disagree) this.disagreements.push({ file: ret.file, ...d });
  }

  warnings(): Finding[] {
    const out = gradeCostWarnings(this.disagreements, this.takenFrom, this.sheet);
    if (this.notTaken.length > 0)
      out.push({
        severity: "warning",
        sheet: GRADE_COSTS.sheet,
        message: `${this.why}, so the hourly costs in ${this.notTaken.join(", ")} were not taken. Run Set up (it adds what is missing and never touches your rows), then import ${this.notTaken.length === 1 ? "that return" : "those returns"} again or type the costs into ${GRADE_COSTS.name}.`,
      });
    return out;
  }
}

/** New rows of the regional GradeCosts table, in its own column order (the grade made inert). */
export function gradeCostRowsToAdd(
  table: RegionalGradeCosts,
  add: readonly { readonly grade: string; readonly cost: number }[],
): OutCell[][] {
  return add.map((a) =>
    table.headers.map((_, j) =>
      j === table.gradeIndex ? inertValue(a.grade) : j === table.costIndex ? a.cost : "",
    ),
  );
}

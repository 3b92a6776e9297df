/**
 * zod row schemas derived from the blueprint: one `z.object` per audit table, one field per
 * blueprint column, built from the column's kind. Nothing here repeats the blueprint: add a column
 * there and its schema (and the row type inferred from it) follows.
 *
 * A schema turns the cells of one row as read (CellValue: text, numbers, booleans, blanks and
 * error values) into typed values by the cell rules of ./cell-rules: text → string, list → the label
 * as written (tidied), multi → the labels, number/year/rating/calculated → number (numeric text is
 * accepted: checks warn about it; "1,200" is not a number), blank → null. It rejects what cannot be typed (error values, text where a number belongs).
 * The people-facing messages about a row come from ./checks, which runs before rows are typed;
 * these schemas are the typed view the calculations and consolidation read.
 *
 * The row types are mapped generic types over the blueprint's column specs (RowShape / RowOf):
 * the blueprint declares its tables `as const satisfies TableSpec`, so every key and value type is
 * exact (PartnershipRow has `ourRole: string | null`, `barriers: string[]`, and no other keys).
 */
import { z } from "zod";
import {
  PARTNERSHIPS,
  PARTNER_SURVEY,
  REPRESENTATION,
  tableSpec,
  type ColumnKind,
  type ColumnSpec,
  type TableName,
  type TableSpec,
} from "./blueprint";
import { isBlank, isErrorCell, toNumber, toText } from "./cell-rules";
import { splitMulti, tidyLabel } from "./labels";
import { cellReader, tableLength } from "./table-cells";
import type { CellValue, TableData } from "./workbook-data";

/** The typed value of each column kind. */
export interface KindValue {
  text: string | null;
  list: string | null;
  multi: string[];
  number: number | null;
  year: number | null;
  rating: number | null;
  calculated: number | null;
}

type ValueSchema<K extends ColumnKind> = z.ZodType<KindValue[K]>;

/** The row shape of a table: column key → the typed value of its kind. */
export type RowShape<T extends TableSpec> = {
  [C in T["columns"][number] as C["key"]]: ValueSchema<C["kind"]>;
};

/** The row type of a table, inferred from its schema. */
export type RowOf<T extends TableSpec> = z.infer<z.ZodObject<RowShape<T>>>;

/** A cell value as it arrives from a sheet. */
const cellValue: z.ZodType<CellValue> = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.undefined(),
    z.object({ error: z.string() }).readonly(),
  ])
  .transform((v) => (v === undefined ? null : v));

/** The cell rules are ./cell-rules; re-exported here for the callers that type rows. */
export { isBlank, toNumber, toText };

function isErrorValue(value: CellValue): value is { readonly error: string } {
  return isErrorCell(value);
}

const textValue: ValueSchema<"text"> = cellValue.transform((v, ctx) => {
  if (isErrorValue(v)) {
    ctx.addIssue({ code: "custom", message: `the cell shows ${v.error}` });
    return z.NEVER;
  }
  return toText(v);
});

const listValue: ValueSchema<"list"> = textValue.transform((v) => (v === null ? null : tidyLabel(v)));

const multiValue: ValueSchema<"multi"> = textValue.transform((v) => (v === null ? [] : splitMulti(v)));

function numberValue(integer: boolean): z.ZodType<number | null> {
  return cellValue.transform((v, ctx) => {
    if (isErrorValue(v)) {
      ctx.addIssue({ code: "custom", message: `the cell shows ${v.error}` });
      return z.NEVER;
    }
    if (isBlank(v)) return null;
    const n = toNumber(v);
    if (n === undefined || (integer && !Number.isInteger(n))) {
      ctx.addIssue({ code: "custom", message: integer ? "not a whole number" : "not a number" });
      return z.NEVER;
    }
    return n;
  });
}

const VALUE_SCHEMAS: { [K in ColumnKind]: ValueSchema<K> } = {
  text: textValue,
  list: listValue,
  multi: multiValue,
  number: numberValue(false),
  year: numberValue(true),
  rating: numberValue(true),
  calculated: numberValue(false),
};

/** The schema of one column: what its cells become when typed. */
export function columnSchema<C extends ColumnSpec>(column: C): ValueSchema<C["kind"]> {
  return VALUE_SCHEMAS[column.kind as C["kind"]];
}

/** Build the row schema of a table from its blueprint columns (a typed generic builder). */
export function buildRowSchema<T extends TableSpec>(table: T): z.ZodObject<RowShape<T>> {
  const shape: Record<string, z.ZodType> = {};
  for (const column of table.columns) shape[column.key] = columnSchema(column);
  return z.object(shape) as unknown as z.ZodObject<RowShape<T>>;
}

export const partnershipRowSchema = buildRowSchema(PARTNERSHIPS);
export const representationRowSchema = buildRowSchema(REPRESENTATION);
export const partnerSurveyRowSchema = buildRowSchema(PARTNER_SURVEY);

export type PartnershipRow = z.infer<typeof partnershipRowSchema>;
export type RepresentationRow = z.infer<typeof representationRowSchema>;
export type PartnerSurveyRow = z.infer<typeof partnerSurveyRowSchema>;

/** The row schemas by table name. */
export const ROW_SCHEMAS = {
  Partnerships: partnershipRowSchema,
  Representation: representationRowSchema,
  PartnerSurvey: partnerSurveyRowSchema,
} as const satisfies Record<TableName, z.ZodObject>;

export type TypedRow<N extends TableName> = z.infer<(typeof ROW_SCHEMAS)[N]>;

/**
 * Type one row's cells (by column key; a missing column reads as blank). Returns the typed row, or
 * the columns that could not be typed (checks report those to people with what to fix).
 */
export function parseRow<N extends TableName>(
  table: N,
  values: Readonly<Record<string, CellValue>>,
): { ok: true; row: TypedRow<N> } | { ok: false; problems: { column: string; message: string }[] } {
  const schema = ROW_SCHEMAS[table];
  const input: Record<string, CellValue> = {};
  for (const key of Object.keys(schema.shape)) input[key] = values[key] ?? null;
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, row: result.data as TypedRow<N> };
  return {
    ok: false,
    problems: result.error.issues.map((i) => ({ column: String(i.path[0] ?? ""), message: i.message })),
  };
}

// ---------------------------------------------------------------------------------------------
// Typed tables: the boundary between what a workbook holds and what consolidation and figures read

/** A typed value of any column kind. */
export type TypedValue = KindValue[ColumnKind];

/** One row of a table, typed by the blueprint's schemas. */
export interface TypedTableRow {
  /** the row as Excel numbers it */
  readonly excelRow: number;
  /** column key → the typed value (blank → null, or [] for multi-select) */
  readonly values: Readonly<Record<string, TypedValue>>;
  /**
   * Cells that could not be typed (an error value, text in a number column), as read. Checks report
   * them; figures meet them as Excel's formulas would (an error value makes the figure that error).
   */
  readonly untyped: Readonly<Record<string, CellValue>>;
}

const NO_CELLS: Readonly<Record<string, CellValue>> = Object.freeze({});

/** The outcome of typing one cell: its typed value, or (when it cannot be typed) the cell as read. */
export type Typed =
  { readonly ok: true; readonly value: TypedValue } | { readonly ok: false; readonly raw: CellValue };

/**
 * A function that types the cells of one column by the blueprint's zod schema. Each distinct raw
 * value is parsed once (a column holds few distinct values), so typing a large column stays linear
 * and cheap; the same raw value always gives the same typed value object.
 */
export function columnTyper(column: ColumnSpec): (raw: CellValue | undefined) => Typed {
  const schema = columnSchema(column) as z.ZodType<TypedValue>;
  const memo = new Map<string | number | boolean | null, Typed>();
  return (input) => {
    const raw = input ?? null;
    const memoKey = typeof raw === "object" && raw !== null ? undefined : raw;
    const known = memoKey === undefined ? undefined : memo.get(memoKey);
    if (known) return known;
    const result = schema.safeParse(raw);
    const typed: Typed = result.success ? { ok: true, value: result.data } : { ok: false, raw };
    if (memoKey !== undefined && memo.size < 10_000) memo.set(memoKey, typed);
    return typed;
  };
}

/** The rows of a table typed by the blueprint's zod schemas (see columnTyper). */
export function typedRows(data: TableData): TypedTableRow[] {
  const spec = tableSpec(data.table);
  const columns = spec.columns.map((column) => ({ key: column.key, type: columnTyper(column) }));
  const out: TypedTableRow[] = [];
  for (const row of data.rows) {
    const values: Record<string, TypedValue> = {};
    let untyped: Record<string, CellValue> | undefined;
    for (const c of columns) {
      const typed = c.type(row.values[c.key]);
      if (typed.ok) values[c.key] = typed.value;
      else {
        values[c.key] = null;
        (untyped ??= {})[c.key] = typed.raw;
      }
    }
    out.push({ excelRow: row.excelRow, values, untyped: untyped ?? NO_CELLS });
  }
  return out;
}

/** One column of a table, typed cell by cell (see columnTyper). */
export function typedColumn(data: TableData, key: string): Typed[] {
  const column = tableSpec(data.table).columns.find((c) => c.key === key);
  if (!column) throw new Error(`No column ${key} in ${data.table}`);
  const type = columnTyper(column);
  const read = cellReader(data, key);
  const n = tableLength(data);
  const out: Typed[] = new Array<Typed>(n);
  for (let i = 0; i < n; i++) out[i] = type(read(i));
  return out;
}

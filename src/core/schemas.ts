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
  type ColumnKind,
  type ColumnSpec,
  type TableName,
  type TableSpec,
} from "./blueprint";
import { isBlank, isErrorCell, toNumber, toText } from "./cell-rules";
import { splitMulti, tidyLabel } from "./labels";
import type { CellValue } from "./workbook-data";

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

/**
 * zod column schemas derived from the blueprint: what the cells of a column become when typed, one
 * schema per column kind. Consolidation (the rows and GradeCosts it writes) and the figures
 * (./columns) read table cells through them, so a cell means the same everywhere; nothing here
 * repeats the blueprint.
 *
 * A schema turns a cell as read (CellValue: text, numbers, booleans, blanks and error values) into
 * a typed value by the cell rules of ./cell-rules: text → string, list → the label as written
 * (tidied), multi → the labels, number/year/rating/calculated → number (numeric text is accepted:
 * checks warn about it; "1,200" is not a number), blank → null. It rejects what cannot be typed
 * (error values, text where a number belongs); the people-facing messages about such cells come
 * from ./checks.
 */
import { z } from "zod";
import { tableSpec, type ColumnKind, type ColumnSpec } from "./blueprint";
import { isBlank, isErrorCell, toNumber, toText } from "./cell-rules";
import { splitMulti, tidyLabel } from "./labels";
import { cellReader, tableLength } from "./table-cells";
import type { CellValue, TableData } from "./workbook-data";

/** The typed value of each column kind. */
interface KindValue {
  text: string | null;
  list: string | null;
  multi: string[];
  number: number | null;
  year: number | null;
  rating: number | null;
  calculated: number | null;
}

type ValueSchema<K extends ColumnKind> = z.ZodType<KindValue[K]>;

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
function columnSchema<C extends ColumnSpec>(column: C): ValueSchema<C["kind"]> {
  return VALUE_SCHEMAS[column.kind as C["kind"]];
}

/** A typed value of any column kind. */
export type TypedValue = KindValue[ColumnKind];

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

/**
 * One column of a table, typed cell by cell (see columnTyper) as it is read: `at(i)` types row i.
 * Nothing is copied, so a million-row column costs no typed copy of itself.
 */
export function typedCells(
  data: TableData,
  key: string,
): { readonly n: number; readonly at: (i: number) => Typed } {
  const column = tableSpec(data.table).columns.find((c) => c.key === key);
  if (!column) throw new Error(`No column ${key} in ${data.table}`);
  const type = columnTyper(column);
  const read = cellReader(data, key);
  return { n: tableLength(data), at: (i) => type(read(i)) };
}

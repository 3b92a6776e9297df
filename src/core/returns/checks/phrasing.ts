/**
 * How a finding is worded: a cell's value as the message shows it, a list's noun and what to pick
 * from it, and the range of numbers a column accepts.
 */
import { LISTS, type ColumnSpec, type ListKey } from "../../model/blueprint";
import type { CellValue } from "../../model/workbook-data";
import type { Vocabulary } from "./vocabularies";

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

/** What to type in a list column: its values when few and short, else where to pick them. */
export function listHint(list: ListKey, vocab: Vocabulary, multi: boolean): string {
  const spec = LISTS.find((l) => l.key === list);
  const values = [...vocab.values()];
  if (values.length <= SPELL_OUT && values.join(", ").length <= SPELL_OUT_CHARS)
    return `use ${orList(values)}${multi ? ' (several separated by ";")' : ""}`;
  const name = spec?.header ?? list;
  return multi
    ? `pick from the ${name} list on the Lists sheet, several separated by ";"`
    : `pick one from the ${name} list on the Lists sheet`;
}

/** The list's item with its article: "a role", "an organisation type". */
export function listNoun(list: ListKey): string {
  const spec = LISTS.find((l) => l.key === list);
  return withArticle(singular(spec?.header ?? list));
}

/** The numbers a column accepts: "a whole number from 1 to 4", "a number of 0 or more". */
export function rangeText(column: ColumnSpec, currentYear: number): string {
  const max = column.max === "currentYear" ? currentYear : column.max;
  const min = column.min;
  const what = column.kind === "year" ? "a year" : column.integer ? "a whole number" : "a number";
  if (min !== undefined && max !== undefined) return `${what} from ${min} to ${max}`;
  if (min !== undefined) return `${what} of ${min} or more`;
  if (max !== undefined) return `${what} up to ${max}`;
  return what;
}

/** A cell's value as a message quotes it: text in quotes, TRUE/FALSE, "blank", an error value. */
export function show(value: CellValue): string {
  if (typeof value === "string") return JSON.stringify(value.trim());
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  return value === null ? "blank" : value.error;
}

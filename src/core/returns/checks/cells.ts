/**
 * The check of one cell: compiled once per column from its rule in the blueprint (required, list,
 * multi-select, number, year, rating, calculated) and run on every row, saying what is wrong and
 * what to type instead.
 */
import { RATING_WORDS, type ColumnSpec, type ListKey } from "../../model/blueprint";
import { isBlank, numberAdvice, toNumber, toText } from "../../model/cell-rules";
import { DATE_TEXT, isDateSerial, serialDate } from "../../model/dates";
import type { Finding } from "../../model/findings";
import { labelKey, splitMulti } from "../../model/labels";
import type { CellValue } from "../../model/workbook-data";
import { listHint, listNoun, rangeText, show } from "./phrasing";
import type { Vocabulary } from "./vocabularies";

/** What is wrong with one cell (most cells: nothing). */
export interface Issue {
  readonly severity: Finding["severity"];
  readonly message: string;
}

/** Checks one cell, pushing what is wrong with it onto `out`. */
export type CellCheck = (value: CellValue, out: Issue[]) => void;

function emitTo(out: Issue[], severity: Finding["severity"], message: string): void {
  out.push({ severity, message });
}

/** The rating (1 to 4) an answer scale's word stands for ("Very valuable" → 4), or 0. */
function ratingOfWord(scale: NonNullable<ColumnSpec["scale"]>, text: string): number {
  const key = labelKey(text);
  return RATING_WORDS[scale].findIndex((w) => labelKey(w) === key) + 1;
}

/** Remember the result of a check of the same text (a column holds few distinct values). */
const MEMO_LIMIT = 5000;

/** Compile the check of one column once; it runs on every row. */
export function compileColumn(
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
          const word = column.kind === "rating" && column.scale ? ratingOfWord(column.scale, text) : 0;
          if (word > 0) {
            emitTo(out, "error", `${show(value)} is rating ${word} in words; type ${word}`);
          } else if (column.kind === "year" && DATE_TEXT.test(text)) {
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
          emitTo(
            out,
            "warning",
            // Excel's Annual hours formula takes N() of Other hours per month, which is 0 for text
            column.key === "otherHoursPerMonth"
              ? `${show(value)} is stored as text, so Annual hours counts it as 0; retype it as a number`
              : `${show(value)} is stored as text; retype it as a number`,
          );
        return;
      }
    }
  };
}

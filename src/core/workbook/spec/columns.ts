/**
 * The cell rules of each table column as a workbook shows them: data validation, the input message,
 * the error alert, the number format, the required-cell highlight and the width. Derived once from
 * the blueprint; the pane's set-up (src/excel) and the tool's writer (src/xlsx) only render them.
 *
 * Formulas are written as Excel shows them (with "="); a renderer writing a file drops the "=".
 */
import { GRADE_COSTS, TABLES, listSpec, type ColumnSpec, type TableName } from "../../model/blueprint";

/** Excel's limits on validation messages (the same through the Excel JavaScript API and in SpreadsheetML). */
export const PROMPT_TITLE_MAX = 32;
export const PROMPT_MESSAGE_MAX = 255;
export const ERROR_MESSAGE_MAX = 225;

/** The table style of the audit tables. */
export const TABLE_STYLE = "TableStyleMedium2";
/** The fill of a blank required cell in a row that has data (the Guide says "yellow"). */
export const REQUIRED_FILL = "#FFF2CC";
/** Height of the header row of a table, in points (two lines of wrapped text). */
export const HEADER_ROW_HEIGHT = 32;

/** A data validation rule, in Excel's terms. */
export type ValidationRule =
  | {
      readonly type: "list";
      /** a formula giving the choices, e.g. "=List_Roles" */
      readonly source: string;
    }
  | {
      readonly type: "whole" | "decimal";
      readonly operator: "between" | "greaterThanOrEqual";
      /** a number as text ("1990") or a formula ("=YEAR(TODAY())") */
      readonly formula1: string;
      readonly formula2?: string;
    };

/** A title and a message (an input prompt or an error alert). */
export interface Message {
  readonly title: string;
  readonly message: string;
}

/** What a column's cells carry in every audit workbook. */
export interface ColumnRule {
  readonly key: string;
  readonly header: string;
  /** absent for free text, multi-select (Excel cannot validate several values) and calculated columns */
  readonly validation?: ValidationRule;
  /** shown when a typed value breaks the rule ("Stop" style); present exactly when validation is */
  readonly errorAlert?: Message;
  /** the input message shown when a cell is selected */
  readonly prompt: Message;
  /** the number format of the body: "0" for years and ratings, "0.0" for calculated hours */
  readonly numberFormat?: string;
  /** a blank cell in a row that has data is highlighted (the column is required) */
  readonly highlightBlank: boolean;
  /** column width in characters */
  readonly width: number;
  /** a calculated column's formula, in this-row structured references (e.g. =[@[Hours]]) */
  readonly formula?: string;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The validation rule of a column, or undefined when Excel cannot validate it. */
function validationOf(col: ColumnSpec): ValidationRule | undefined {
  if (col.kind === "list" && col.list) return { type: "list", source: `=${listSpec(col.list).rangeName}` };
  if (col.kind !== "number" && col.kind !== "year" && col.kind !== "rating") return undefined;
  const type = col.integer ? "whole" : "decimal";
  const min = String(col.min ?? 0);
  if (col.max === undefined) return { type, operator: "greaterThanOrEqual", formula1: min };
  const max = col.max === "currentYear" ? "=YEAR(TODAY())" : String(col.max);
  return { type, operator: "between", formula1: min, formula2: max };
}

/** The error alert: what is wrong and what to do. */
function alertOf(col: ColumnSpec): Message | undefined {
  let message: string;
  if (col.kind === "list" && col.list) {
    const list = listSpec(col.list);
    message = `Pick ${col.header} from the drop-down. The choices are on the Lists sheet (${list.header}); a region may add entries there.`;
  } else if (col.kind === "year") {
    message = `Type a year from ${col.min ?? 1990} to this year, e.g. 2015, or leave the cell blank.`;
  } else if (col.kind === "rating") {
    message = `Type a whole number from ${col.min ?? 1} to ${String(col.max)}, or leave the cell blank.`;
  } else if (col.kind === "number") {
    message =
      col.max === undefined
        ? `Type a number of ${col.min ?? 0} or more.`
        : `Type a number from ${col.min ?? 0} to ${String(col.max)}.`;
  } else return undefined;
  return { title: clip(col.header, PROMPT_TITLE_MAX), message: clip(message, ERROR_MESSAGE_MAX) };
}

/**
 * The number format of a column's body: years and ratings as whole numbers, the calculated hours
 * with one decimal; other columns keep Excel's General format. (Text columns are not formatted as
 * text: the pane writes imported text with Excel's quote prefix, which a text-formatted cell would
 * keep as part of the value; see src/excel/inert.ts. The tool's writer stores text as text anyway.)
 */
function formatOf(col: ColumnSpec): string | undefined {
  switch (col.kind) {
    case "year":
    case "rating":
      return "0";
    case "calculated":
      return "0.0";
    default:
      return undefined;
  }
}

/** The rule of one column. */
function columnRule(col: ColumnSpec): ColumnRule {
  const validation = validationOf(col);
  const errorAlert = validation ? alertOf(col) : undefined;
  const numberFormat = formatOf(col);
  return {
    key: col.key,
    header: col.header,
    ...(validation ? { validation } : {}),
    ...(errorAlert ? { errorAlert } : {}),
    prompt: { title: clip(col.header, PROMPT_TITLE_MAX), message: clip(col.help, PROMPT_MESSAGE_MAX) },
    ...(numberFormat ? { numberFormat } : {}),
    highlightBlank: col.required,
    width: col.width,
    ...(col.kind === "calculated" && col.formula ? { formula: col.formula } : {}),
  };
}

/** Every Excel table set-up makes: the three audit tables and the GradeCosts table on Settings. */
export type WorkbookTable = TableName | typeof GRADE_COSTS.name;

/** The rules of every column of every table, in blueprint order. */
export const COLUMN_RULES: Readonly<Record<WorkbookTable, readonly ColumnRule[]>> = Object.fromEntries([
  ...TABLES.map((t) => [t.name, t.columns.map(columnRule)]),
  [GRADE_COSTS.name, GRADE_COSTS.columns.map(columnRule)],
]) as unknown as Record<WorkbookTable, readonly ColumnRule[]>;

/** The rule of one column of a table, by key. */
export function ruleOf(table: WorkbookTable, key: string): ColumnRule {
  const rule = COLUMN_RULES[table].find((r) => r.key === key);
  if (!rule) throw new Error(`No column ${key} in ${table}`);
  return rule;
}

/** Where a table sits, for the highlight formula. */
interface TablePlace {
  /** first and last column letters of the table */
  readonly firstLetter: string;
  readonly lastLetter: string;
  /** 1-based row of the first body row */
  readonly firstBodyRow: number;
  /** calculated columns: the row test ignores their values */
  readonly calculatedColumns: number;
}

/**
 * The conditional-format formula that marks a blank required cell (relative to the column's first
 * body cell): the row holds something typed (more filled cells than calculated columns) and this
 * cell is blank or spaces. A fresh table's empty row is not marked.
 */
export function highlightFormula(place: TablePlace, letter: string): string {
  const row = place.firstBodyRow;
  return `=AND(COUNTA($${place.firstLetter}${row}:$${place.lastLetter}${row})>${place.calculatedColumns},LEN(TRIM(${letter}${row}))=0)`;
}

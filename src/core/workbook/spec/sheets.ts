/**
 * The Guide, Settings and Lists sheets of an audit workbook, and the workbook names that point into
 * them: derived once from the blueprint, rendered by the pane's set-up and by the tool's writer.
 */
import { columnIndex, columnLetter, quoteSheet } from "../../model/a1";
import {
  DIRECTORY,
  GRADE_COSTS,
  LIST_CAPACITY,
  LISTS,
  SETTINGS,
  SETTINGS_LAYOUT,
  SHEETS,
  listSpec,
  type ListKey,
  type SettingSpec,
} from "../../model/blueprint";
import { settingRangeText } from "../../model/settings";
import {
  ERROR_MESSAGE_MAX,
  PROMPT_MESSAGE_MAX,
  PROMPT_TITLE_MAX,
  type Message,
  type ValidationRule,
} from "./columns";

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// ---------------------------------------------------------------------------------------------
// Names

/**
 * The workbook name of a vocabulary column: from row 2 down to the last filled cell of the list's
 * capacity, so that a region can add entries and the drop-down follows.
 */
export function listNameFormula(sheet: string, letter: string): string {
  const q = quoteSheet(sheet);
  const all = `${q}!$${letter}$2:$${letter}$${LIST_CAPACITY + 1}`;
  return `=${q}!$${letter}$2:INDEX(${all},MAX(1,COUNTA(${all})))`;
}

/** The workbook name of a setting's value cell (column B of its row). */
export function settingNameFormula(sheet: string, row: number): string {
  return `=${quoteSheet(sheet)}!$B$${row}`;
}

// ---------------------------------------------------------------------------------------------
// Settings

/** A Settings value cell's rule: its validation (numbers), error alert and input message. */
interface SettingRule {
  readonly key: SettingSpec["key"];
  readonly validation?: ValidationRule;
  readonly errorAlert?: Message;
  readonly prompt: Message;
}

export function settingRule(spec: SettingSpec): SettingRule {
  const prompt = { title: clip(spec.label, PROMPT_TITLE_MAX), message: clip(spec.help, PROMPT_MESSAGE_MAX) };
  if (spec.kind === "text") return { key: spec.key, prompt };
  if (spec.min === undefined) return { key: spec.key, prompt };
  const validation: ValidationRule =
    spec.max === undefined
      ? { type: "decimal", operator: "greaterThanOrEqual", formula1: String(spec.min) }
      : { type: "decimal", operator: "between", formula1: String(spec.min), formula2: String(spec.max) };
  return {
    key: spec.key,
    validation,
    errorAlert: {
      title: clip(spec.label, PROMPT_TITLE_MAX),
      message: clip(`Type ${settingRangeText(spec)}.`, ERROR_MESSAGE_MAX),
    },
    prompt,
  };
}

/**
 * The GradeCosts table of a new workbook, beside the settings: its header row in row 1 from column
 * E, then one row per grade of the Grades list with a blank cost.
 */
export function gradeCostsLayout(grades: readonly string[], column: string = GRADE_COSTS.column) {
  const first = columnIndex(column);
  const last = columnLetter(first + GRADE_COSTS.columns.length - 1);
  const rows = Math.max(1, grades.length);
  return {
    table: GRADE_COSTS.name,
    headers: GRADE_COSTS.columns.map((c) => c.header),
    /** the table's range, header row included */
    address: `${column}1:${last}${rows + 1}`,
    /** the grades under the Grade header */
    gradesAddress: `${column}2:${column}${rows + 1}`,
    grades: grades.length > 0 ? grades : [""],
    widths: Object.fromEntries(GRADE_COSTS.columns.map((c, i) => [columnLetter(first + i), c.width])),
  };
}

/** The Settings sheet of a new workbook: headers in row 1, one setting a row (label, value, help). */
export const SETTINGS_SHEET = {
  sheet: SHEETS.settings,
  headers: SETTINGS_LAYOUT.headers,
  /** the row of each setting in a new workbook */
  rows: SETTINGS.map((spec, i) => ({ spec, row: SETTINGS_LAYOUT.firstRow + i, rule: settingRule(spec) })),
  /** widths of columns A, B, C in characters (and D, the gap before GradeCosts) */
  widths: { A: 22, B: 24, C: 80, D: 3 } as const,
  /** the GradeCosts table beside the settings, with the default grades */
  gradeCosts: gradeCostsLayout(listSpec("grades").values),
} as const;

// ---------------------------------------------------------------------------------------------
// Lists

/** One column of the Lists sheet in a new workbook. */
interface ListColumn {
  readonly header: string;
  readonly letter: string;
  /** the vocabulary it names, or a column of the partnership directory */
  readonly list?: ListKey;
  /** the workbook name of the column (vocabularies and the directory's IDs) */
  readonly name?: string;
  readonly values: readonly string[];
}

/**
 * The Lists sheet of a new workbook: one vocabulary a column from A, an empty column, then the
 * regional partnership directory (ID, name, level).
 */
function listColumns(): ListColumn[] {
  const out: ListColumn[] = LISTS.map((l, i) => ({
    header: l.header,
    letter: columnLetter(i),
    list: l.key,
    name: l.rangeName,
    values: l.values,
  }));
  const start = LISTS.length + 1; // one empty column between the vocabularies and the directory
  DIRECTORY.headers.forEach((header, i) =>
    out.push({
      header,
      letter: columnLetter(start + i),
      ...(i === 0 ? { name: DIRECTORY.rangeName } : {}),
      values: [],
    }),
  );
  return out;
}

export const LISTS_SHEET = {
  sheet: SHEETS.lists,
  columns: listColumns(),
} as const;

/** The width of a Lists column in characters: its longest entry, within 14 to 60. */
export function listWidth(header: string, values: readonly string[]): number {
  let longest = header.length;
  for (const v of values) longest = Math.max(longest, v.length);
  return Math.min(60, Math.max(14, longest + 2));
}

// ---------------------------------------------------------------------------------------------
// Guide

/**
 * The Guide sheet: one paragraph a row in column A. It claims nothing a file may lack (a workbook
 * written by the command-line tool has no charts until the pane's set-up runs).
 */
const GUIDE_LINES: readonly string[] = [
  "Partnership audit workbook",
  "This workbook records the partnerships this district (or region) takes part in, who represents us, how much time it takes, and what partners think.",
  "1. Settings: fill in Region, District and Audit round. Hours per week and Weeks per year set what one full-time post is.",
  "2. Partnerships: one row per partnership. Pick Level, Type and Our role from the drop-downs. A yellow cell is required and still blank.",
  "3. Representation: one row per representative per partnership, with meetings and hours. Annual hours is calculated.",
  "4. Partner survey: one row per partner organisation that answered the survey, ratings 1 (not valuable) to 4 (very valuable).",
  "5. Members: one row per partner organisation sitting on a partnership (who else is around the table). The overlaps between partnerships and the organisations we meet most come from it.",
  "6. Summary: every figure is an AUDIT formula over the tables. Open the Partnership audit add-in (Home tab) and the figures recalculate as the data changes; its Set up adds charts of the figures when they are missing.",
  "If the Summary shows #NAME? after a recalculation, this Excel does not have the Partnership audit add-in loaded: add it (Home > Add-ins), then recalculate (Formulas > Calculate Now). Until then the Summary shows the figures last calculated.",
  "Lists: the pick-lists. A region may add or rename entries; keep one entry a cell with no blank cells in between.",
  "Use the Partnership audit task pane (Home tab) to check the workbook: every problem is listed with a link to its cell.",
];

export const GUIDE_SHEET = { sheet: SHEETS.guide, lines: GUIDE_LINES, width: 120 } as const;

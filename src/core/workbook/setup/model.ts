/**
 * Set-up's model (pure): what set-up knows of the open workbook (read by src/excel/inspect.ts), the
 * actions a plan is made of (applied by src/excel/setup.ts), and the shared state and helpers of
 * the planning steps in this folder.
 */
import type { SettingKey, TableName } from "../../model/blueprint";
import type { Finding } from "../../model/findings";
import { labelKey } from "../../model/labels";
import type { SetupPreview, SetupQuestion, SetupStep } from "../../model/operations";
import type { CellValue } from "../../model/workbook-data";
import type { WorkbookTable } from "../spec/columns";
import type { ChartSpec, FormatRange, SummaryCell } from "../spec/summary";

/** What set-up knows of one column of an existing table (details are optional). */
export interface DescribedColumn {
  /** the data validation type of the column's body: "None", "List", "WholeNumber", "Inconsistent", … */
  readonly validationType?: string;
  /** an input message is set on the column's body */
  readonly hasPrompt?: boolean;
  /** conditional formats touching the column's body */
  readonly conditionalFormats?: number;
  /** the formula (or value) of the first body cell, read for calculated columns */
  readonly firstFormula?: CellValue;
}

export interface DescribedTable {
  readonly name: string;
  readonly sheet: string;
  /** 0-based row of the header row and column of the first column */
  readonly headerRow: number;
  readonly firstColumn: number;
  readonly headers: readonly string[];
  /** data rows (the body) */
  readonly rowCount: number;
  /** parallel to headers, when read */
  readonly columns?: readonly DescribedColumn[];
  /** merged areas over the table or the columns just right of it (A1 addresses) */
  readonly merged?: readonly string[];
  /** the used cells just right of the table on its rows (A1), or null/absent */
  readonly rightUsed?: string | null;
}

export interface DescribedSheet {
  readonly name: string;
  readonly protected: boolean;
  /** the used range (A1, no sheet), or null for an empty sheet */
  readonly used: string | null;
  /** row 1 from A1 (values), to recognise headers typed without a table */
  readonly firstRow?: readonly CellValue[];
  /** merged areas in the used range (A1) */
  readonly merged?: readonly string[];
  readonly charts?: readonly string[];
}

/** Everything set-up needs to know about the open workbook (read by src/excel/inspect.ts). */
export interface WorkbookDescription {
  readonly sheets: readonly DescribedSheet[];
  readonly tables: readonly DescribedTable[];
  readonly names: readonly { readonly name: string; readonly formula: string }[];
  /** formulas of the used range from A1, by sheet name: Lists, Settings and summary candidates */
  readonly grids: Readonly<Record<string, readonly (readonly CellValue[])[]>>;
  /** the workbook's structure is protected (no sheet can be added) */
  readonly workbookProtected?: boolean;
  /** answers given at an earlier set-up (kept in the document's add-in settings) */
  readonly answers?: Readonly<Record<string, string>>;
  /** rows each Summary block holds on the workbook's data, by block key, when known: charts are made that size */
  readonly blockRows?: Readonly<Record<string, number>>;
}

/** One column of a table that set-up decorates (validation, input message, highlighting, format, width). */
export interface DecoratedColumn {
  /** 0-based index in the table */
  readonly index: number;
  readonly key: string;
  /** the column letter on the sheet */
  readonly letter: string;
  /** a column set-up adds now (its width is set too) */
  readonly added: boolean;
  /** add the conditional format that marks blank required cells */
  readonly highlight: boolean;
}

export type SetupAction =
  | { readonly kind: "addSheet"; readonly sheet: string }
  | {
      readonly kind: "createTable";
      readonly table: WorkbookTable;
      readonly sheet: string;
      /** the range turned into the table (header row included) */
      readonly address: string;
      /** headers to write first; absent when the range already carries them */
      readonly headers?: readonly string[];
    }
  | { readonly kind: "renameTable"; readonly from: string; readonly to: TableName }
  | {
      readonly kind: "renameHeader";
      readonly table: TableName;
      readonly index: number;
      readonly from: string;
      readonly to: string;
    }
  | { readonly kind: "addColumns"; readonly table: TableName; readonly headers: readonly string[] }
  | {
      readonly kind: "writeCells";
      readonly sheet: string;
      readonly address: string;
      readonly values: readonly (readonly (string | number)[])[];
    }
  | { readonly kind: "setName"; readonly name: string; readonly formula: string; readonly replace: boolean }
  | {
      readonly kind: "decorateTable";
      readonly table: WorkbookTable;
      readonly sheet: string;
      /** 1-based Excel row of the first body row */
      readonly firstBodyRow: number;
      /** first and last column letters of the table after set-up */
      readonly firstLetter: string;
      readonly lastLetter: string;
      /** how many calculated columns the table has (the "row has data" test skips them) */
      readonly calculatedColumns: number;
      readonly columns: readonly DecoratedColumn[];
      /** a new table: style, frozen header row */
      readonly isNew: boolean;
      /** 1-based Excel row of the header row, for freezing */
      readonly headerRow: number;
    }
  | {
      readonly kind: "calculatedColumn";
      readonly table: TableName;
      readonly index: number;
      readonly formula: string;
    }
  | {
      /** validation, input message and format of Settings value cells, and the sheet's widths */
      readonly kind: "decorateSettings";
      readonly sheet: string;
      readonly cells: readonly { readonly address: string; readonly key: SettingKey }[];
      /** a new Settings sheet: header style and column widths too */
      readonly isNew: boolean;
    }
  | {
      /** widths and header style of a new Lists or Guide sheet */
      readonly kind: "formatSheet";
      readonly sheet: string;
      readonly widths: Readonly<Record<string, number>>;
      /** A1 ranges in bold (header rows) */
      readonly bold: readonly string[];
    }
  | {
      /** write the Summary's cells (formulas, labels), number formats and column widths */
      readonly kind: "summary";
      readonly sheet: string;
      readonly cells: readonly SummaryCell[];
      readonly formats: readonly FormatRange[];
      readonly widths: Readonly<Record<string, number>>;
    }
  | {
      /** add a chart over `rows` rows of its block */
      readonly kind: "chart";
      readonly sheet: string;
      readonly chart: ChartSpec;
      readonly rows: number;
    }
  | {
      readonly kind: "schemaVersion";
      readonly sheet: string;
      readonly address: string;
      readonly value: number;
    }
  /** keep the user's answers, so a question answered once (e.g. "keep typed values") is not asked again */
  | { readonly kind: "rememberAnswers"; readonly answers: Readonly<Record<string, string>> };

export interface SetupPlan {
  readonly preview: SetupPreview;
  /** in the order to apply; empty when the workbook is up to date */
  readonly actions: readonly SetupAction[];
}

/** The sheet our summary goes on when a sheet named "Summary" holds someone else's content. */
export const ALTERNATE_SUMMARY_SHEET = "Audit summary";
/** Columns right of a table that inspect looks at before adding columns. */
export const RIGHT_STRIP_COLUMNS = 20;

export function text(v: CellValue | undefined): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

export function blank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Two formulas are the same up to spacing, $ signs, case and a this-row table qualifier. */
export function sameFormula(a: string, b: string): boolean {
  // Excel may qualify a this-row reference with the table's name: Representation[@[x]] = [@[x]]
  const norm = (s: string): string =>
    s
      .replace(/\s+/g, "")
      .replace(/\$/g, "")
      .replace(/[A-Za-z_][\w.]*\[@/g, "[@")
      .toLowerCase();
  return norm(a) === norm(b);
}

/** The state a plan is built in; each planning step adds actions, steps, questions or blockers. */
export interface PlanContext {
  readonly d: WorkbookDescription;
  readonly answers: Readonly<Record<string, string>>;
  readonly actions: SetupAction[];
  readonly steps: SetupStep[];
  readonly questions: SetupQuestion[];
  readonly blockers: Finding[];
  /** sheets set-up writes to */
  readonly touched: Set<string>;
  /** workbook names added or repointed, shown as one step */
  readonly names: string[];
  /** tables (by their current name) adopted as one of ours */
  readonly adopted: Set<string>;
  /** where the schema version is written, last */
  schemaCell?: { readonly sheet: string; readonly address: string };
}

export function sheetOf(d: WorkbookDescription, name: string): DescribedSheet | undefined {
  const k = labelKey(name);
  return d.sheets.find((s) => labelKey(s.name) === k);
}

export function gridOf(d: WorkbookDescription, name: string): readonly (readonly CellValue[])[] {
  const k = labelKey(name);
  const hit = Object.keys(d.grids).find((n) => labelKey(n) === k);
  return hit ? d.grids[hit] : [];
}

export function step(p: PlanContext, kind: SetupStep["kind"], description: string): void {
  p.steps.push({ kind, description });
}

export function block(p: PlanContext, sheet: string, message: string, address?: string): void {
  p.blockers.push({ severity: "error", sheet, message, ...(address ? { address } : {}) });
}

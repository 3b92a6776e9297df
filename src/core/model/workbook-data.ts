/**
 * Plain data that crosses between the shells and the core: a workbook's cells as read (from
 * Excel or from an .xlsx file), a district return as understood by the core, and the rows a
 * consolidation writes. No Office, exceljs or Node types here.
 */
import type { Finding } from "./findings";
import type { ListKey, SettingKey, TableName } from "./blueprint";

import type { CellValue } from "./cell-rules";

export type { CellValue };

/**
 * Something a reader could not place or take as it is (a row number outside Excel's grid or given
 * twice, a cell reference that does not fit its row, text longer than a cell holds): the core turns
 * each into a finding naming the sheet, so that nothing is dropped or replaced without a word.
 */
export interface ReadProblem {
  /** the row as Excel numbers it, when the problem has a row that Excel can number */
  readonly row?: number;
  /** the A1 address of the cell, when the problem is about one cell Excel can address */
  readonly address?: string;
  /** what is wrong and what to do, e.g. `row "abc" is not a row number; its cells are not read …` */
  readonly message: string;
}

/**
 * One worksheet's used cells, row 1 first; rows[r][c] is the cell at Excel row r+1, column c+1.
 * An empty row or cell may be missing (a hole or past the end) rather than an empty array or null.
 */
export interface SheetGrid {
  readonly name: string;
  readonly rows: readonly (readonly CellValue[])[];
  /** Excel tables on the sheet, when the reader knows them: name and A1 range of header+body */
  readonly tables?: readonly { readonly name: string; readonly range: string }[];
  /** what the reader could not place or read as it is, in the order met */
  readonly problems?: readonly ReadProblem[];
}

/** A whole workbook as plain cells. */
export interface WorkbookGrid {
  readonly sheets: readonly SheetGrid[];
}

/** One data row of an audit table, as read from a sheet. */
export interface TableRow {
  /** the row as Excel numbers it */
  readonly excelRow: number;
  /** cell values by blueprint column key; a column missing from the sheet is absent */
  readonly values: Readonly<Record<string, CellValue>>;
}

export interface TableData {
  readonly table: TableName;
  readonly sheet: string;
  /** the Excel row of the header row */
  readonly headerRow: number;
  /** blueprint column key → the header as written and its column letter */
  readonly columns: Readonly<Record<string, { readonly header: string; readonly letter: string }>>;
  readonly rows: readonly TableRow[];
  /**
   * The same cells held column by column, for a table that is held that way (the rows a workbook is
   * about to be written with, see appendsToReturn): the figures read their columns from it, so that
   * a million rows need no object each (`rows` is then made only when something asks for it).
   * Absent for a table read from a sheet. See ./table-cells.
   */
  readonly columnar?: ColumnarCells;
}

/** A table's cells column by column: `reader(key)(i)` is `rows[i].values[key]`. */
export interface ColumnarCells {
  /** the number of rows */
  readonly length: number;
  /** the cells of one column, by row index (undefined where `values` would have no such key) */
  reader(key: string): (i: number) => CellValue | undefined;
}

/** The GradeCosts table as read: where it is, and its rows (values by column key: grade, hourlyCost). */
export interface GradeCostsData {
  readonly sheet: string;
  /** the Excel row of its header row */
  readonly headerRow: number;
  readonly columns: Readonly<Record<string, { readonly header: string; readonly letter: string }>>;
  readonly rows: readonly TableRow[];
}

/** A grade's hourly cost, as a regional workbook takes it from the returns (null: not costed). */
export interface GradeCost {
  readonly grade: string;
  readonly cost: number | null;
}

/** One partnership of the regional partnership directory on the Lists sheet (ID, name, level). */
export interface DirectoryEntry {
  readonly id: string;
  readonly name: string;
  readonly level: string;
}

/** A district return (or the open workbook) as understood by the core. */
export interface AuditReturn {
  /** file name, or "" for the open workbook */
  readonly file: string;
  readonly settings: Readonly<Partial<Record<SettingKey, string | number>>>;
  /** the audit tables found; a missing one is a finding */
  readonly tables: Readonly<Partial<Record<TableName, TableData>>>;
  /** what could not be read (missing tables or columns, ambiguous headers) */
  readonly findings: readonly Finding[];
  /**
   * The workbook's own vocabularies from its Lists sheet, when it has them (list key → values).
   * Checks use these before the blueprint defaults. Optional: absent means the defaults.
   */
  readonly lists?: Readonly<Partial<Record<ListKey, readonly string[]>>>;
  /**
   * The regional partnership directory on the Lists sheet, when it has entries: the IDs districts
   * use for a shared partnership. Checks warn about a Partnerships row that departs from it.
   */
  readonly directory?: readonly DirectoryEntry[];
  /** the GradeCosts table beside the settings, when the workbook has one (schema version 2) */
  readonly gradeCosts?: GradeCostsData;
  /** the survey mapping the workbook remembers (JSON text as saved), when it has one */
  readonly surveyMapping?: string;
}

/** Rows to append to one regional table, in blueprint column order, values ready to write as-is. */
export interface TableAppend {
  readonly table: TableName;
  /** blueprint column keys, in the order of `rows` cells */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** What a consolidation does to the regional workbook. */
export interface ConsolidationPlan {
  /** (district, round) pairs whose existing rows are removed before appending */
  readonly replace: readonly { readonly district: string; readonly auditRound: string }[];
  readonly append: readonly TableAppend[];
  /** per return: imported, or skipped and why */
  readonly imported: readonly {
    readonly file: string;
    readonly district: string;
    readonly auditRound: string;
    readonly rows: number;
    readonly replaced: boolean;
  }[];
  /** returns not imported: why as data (reason) and in words (why) */
  readonly skipped: readonly Skipped[];
  readonly warnings: readonly Finding[];
  /** the regional GradeCosts after the import: its own costs kept, blank ones filled from the returns in district order (grade-costs.ts) */
  readonly gradeCosts: readonly GradeCost[];
}

/** A (district, round) a workbook holds. */
export interface ReturnKey {
  readonly district: string;
  readonly auditRound: string;
}

/** Why a return is not imported. */
export type SkipReason =
  /** the return has errors (see checks) */
  | { readonly kind: "errors"; readonly count: number; readonly first: Finding }
  /** neither the Settings sheet nor the rows name a district */
  | { readonly kind: "no-district" }
  /** a later file in the same run names the same district and round and replaces this one */
  | {
      readonly kind: "superseded";
      readonly by: string;
      readonly district: string;
      readonly auditRound: string;
    }
  /** the file could not be read */
  | { readonly kind: "unreadable"; readonly why: string }
  /** the workbook already holds this district and round, and replacing it was not confirmed */
  | { readonly kind: "replace-not-confirmed"; readonly district: string; readonly auditRound: string }
  /** the user cancelled before it was imported */
  | { readonly kind: "cancelled" };

/** A return not imported: the file, why (as data) and why in words. */
export interface Skipped {
  readonly file: string;
  readonly reason: SkipReason;
  readonly why: string;
}

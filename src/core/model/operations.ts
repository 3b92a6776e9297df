/**
 * The contract between the task pane and the workbook: what the pane can ask of it. The pane
 * receives these operations as functions and never calls Excel itself: src/excel implements them
 * over the Excel API; the browser tests implement them over a fake of the Excel API. Plain data only
 * crosses this boundary, and it lives here in the core so that no shell depends on another.
 */
import type { Finding } from "./findings";
import type { AuditReturn, CellValue, Skipped } from "./workbook-data";
import type { SettingsValues } from "./settings-form";

export type { SettingsValues };

/** One change set-up will make, shown before anything is written. */
export interface SetupStep {
  readonly kind:
    | "add-sheet"
    | "add-table"
    | "add-column"
    | "add-list"
    | "add-name"
    | "validation"
    | "formula"
    | "format"
    | "chart"
    | "settings"
    | "upgrade";
  /** e.g. "Add the Partnerships sheet with its table" */
  readonly description: string;
}

/** A header that could not be matched for sure; the pane asks the user to pick. */
export interface SetupQuestion {
  readonly id: string;
  /** e.g. "Partnerships: which column is Our role?" */
  readonly prompt: string;
  /** the candidate headers found in the sheet, plus the choice to add a new column */
  readonly choices: readonly { readonly value: string; readonly label: string }[];
}

export interface SetupPreview {
  /** true when the workbook already has everything of the current blueprint */
  readonly upToDate: boolean;
  /** the schema version the workbook says it has (0 when none) */
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly steps: readonly SetupStep[];
  readonly questions: readonly SetupQuestion[];
  /** problems that stop set-up (e.g. a protected sheet), each saying what to do */
  readonly blockers: readonly Finding[];
}

export interface SetupResult {
  readonly ok: boolean;
  /** what was written, one line each */
  readonly done: readonly string[];
  /** on failure: what was not written, and the error, said for people */
  readonly notDone: readonly string[];
  readonly error?: string;
}

export interface Progress {
  /** 0..1 */
  readonly fraction: number;
  readonly message: string;
}

export interface CheckOptions {
  readonly onProgress?: (p: Progress) => void;
  readonly signal?: AbortSignal;
  /** colour the cells that have findings */
  readonly markCells?: boolean;
}

export interface CheckResult {
  readonly findings: readonly Finding[];
  /** rows read per table */
  readonly rowsChecked: number;
  /** true when the user cancelled; findings are those found so far */
  readonly cancelled: boolean;
  /** set when marking the cells failed: the findings are still all there, the cells unmarked */
  readonly marksError?: string;
}

export interface Headlines {
  readonly partnerships: number;
  readonly districts: number;
  /** null when there is no district */
  readonly perDistrict: number | null;
  /** null when an Annual hours cell is unusable or the hours overflow (the reason in notComputed.fte) */
  readonly fte: number | null;
  /** null when there is no partnership */
  readonly leadershipRatio: number | null;
  /** the annual cost of staff time (docs/value-for-time.md), or why there is none */
  readonly cost: CostHeadline;
  /** the partnerships flagged `Review` (as AUDIT.REVIEW flags them), largest hours first */
  readonly review: readonly ReviewHeadline[];
  /** the thresholds the review used: the workbook's Review value below / Review hours from */
  readonly reviewThresholds: { readonly valueBelow: number; readonly hoursFrom: number };
  /**
   * Why a figure is not computed (a cell it needs is unusable, or a total too large to hold), by
   * figure: "fte", "cost", "review", and the network's "sharedSeats" and "overlaps". The figure is
   * then null, or the review empty: never a 0 that reads as real.
   */
  readonly notComputed?: Readonly<Record<string, string>>;
  /** the partner network's two figures, each with the Summary cell of its block */
  readonly network: NetworkHeadline;
}

/**
 * The partner network on the Overview: the hours beyond one across the shared seats (AUDIT.SHAREDSEATS
 * over Representation) and the number of overlapping pairs (AUDIT.OVERLAPS over Members with the
 * workbook's Overlap from); null when the table has no rows (or its data has an error Check finds).
 */
export interface NetworkHeadline {
  readonly hoursBeyondOne: number | null;
  readonly sharedSeats: number;
  readonly overlaps: number | null;
  readonly overlapFrom: number;
  /** the first cell of each block on the Summary sheet */
  readonly sharedSeatsAt: CellLink;
  readonly overlapsAt: CellLink;
}

/**
 * The annual cost of staff time, as the Summary's AUDIT.COST over Representation and GradeCosts:
 * - costed: the cost (unrounded; the pane shows it to the pound);
 * - not-costed: no hourly cost is filled in, or a grade with hours has none (those grades named,
 *   as first spelled), or a row with hours has no grade;
 * - no-table: the workbook has no GradeCosts table (set up before schema version 2: set-up adds it);
 * - invalid: a cost or hours cell that is not a valid number stops the sum (Check finds it).
 */
export type CostHeadline =
  | { readonly kind: "costed"; readonly annual: number }
  | {
      readonly kind: "not-costed";
      /** grades with hours and no hourly cost in GradeCosts */
      readonly grades: readonly string[];
      /** some Representation rows have hours but no grade */
      readonly blankGrade: boolean;
    }
  | { readonly kind: "no-table" }
  | { readonly kind: "invalid" };

/** A cell the pane can select (selectCell): a sheet as the user sees it and an A1 address. */
export interface CellLink {
  readonly sheet: string;
  readonly address: string;
}

/** One partnership flagged `Review`: hours a year, partners' mean value (1–4), and where its row is. */
export interface ReviewHeadline {
  readonly id: string;
  readonly hours: number;
  readonly value: number;
  /**
   * its Partnership ID cell on the Partnerships sheet (the first row with that ID); when no
   * Partnerships row has it, its first Representation row's; absent when neither table is there
   */
  readonly at?: CellLink;
}

/** The Summary charts as sized to the workbook's data: each chart shows exactly its block's rows. */
export interface SummaryChartsFit {
  readonly charts: readonly {
    readonly chart: string;
    readonly sheet: string;
    /** rows of the chart's block the chart shows (at least 1: a block with no data shows "no data yet") */
    readonly rows: number;
  }[];
}

/** A district return chosen for import, as read from the user's disk. */
export interface ReturnFile {
  readonly name: string;
  readonly data: ArrayBuffer;
}

export interface ReturnPreview {
  readonly file: string;
  readonly district: string;
  readonly auditRound: string;
  /** rows per table, e.g. { Partnerships: 5, Representation: 7, PartnerSurvey: 3 } */
  readonly rows: Readonly<Record<string, number>>;
  readonly findings: readonly Finding[];
  /** false when the return has errors and will not be imported */
  readonly importable: boolean;
  /** the regional workbook already holds this district and round: importing replaces it */
  readonly replacesExisting: boolean;
  /** another selected file with the same district and round, which this one replaces */
  readonly supersedes?: string;
}

export interface ImportOptions {
  readonly onProgress?: (p: Progress) => void;
  readonly signal?: AbortSignal;
}

export interface ImportResult {
  readonly imported: readonly { readonly file: string; readonly rows: number; readonly replaced: boolean }[];
  /** files not imported: why as data (reason) and in words (why) */
  readonly skipped: readonly Skipped[];
  readonly warnings: readonly Finding[];
  readonly cancelled: boolean;
  readonly error?: string;
  /** hourly costs the regional GradeCosts took from the imported returns (blank ones filled, rows added) */
  readonly gradeCosts?: readonly GradeCostTaken[];
}

/** An hourly cost taken into the regional GradeCosts from an imported return. */
export interface GradeCostTaken {
  readonly grade: string;
  readonly cost: number;
  readonly file: string;
  /** true when the grade's row was added; false when its blank cost was filled */
  readonly added: boolean;
}

export interface AuditDataOptions {
  readonly onProgress?: (p: Progress) => void;
  readonly signal?: AbortSignal;
}

/** What the report needs from the open workbook; the pane hands it to the core's report builder. */
export interface AuditData {
  /** the open workbook's Settings, Lists and audit tables, as the core reads a return (file "") */
  readonly workbook: AuditReturn;
  /** what the checks found in it (the same checks as Check) */
  readonly findings: readonly Finding[];
  /** true when the user cancelled: findings are those found so far */
  readonly cancelled: boolean;
}

/**
 * A file of survey responses as cells: its header row, and the rows under it. The header row is the
 * file's first row that is not blank: file row `headerRow` (1 when absent), so the rows under it
 * are file rows `headerRow + 1` on.
 */
export interface SurveyFileTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  readonly headerRow?: number;
}

/** Which file column fills each Partner survey column: column key → the file column's index, or null. */
export type SurveyColumnMapping = Readonly<Record<string, number | null>>;

/** What the survey import needs from the open workbook. */
export interface SurveyTarget {
  /** the workbook's tables, lists and settings, as read */
  readonly workbook: AuditReturn;
  /** the mapping the workbook remembers (JSON text as saved), if any */
  readonly savedMapping?: string;
}

export interface SurveyImportOptions {
  readonly onProgress?: (p: Progress) => void;
  readonly signal?: AbortSignal;
}

/** What the survey import did. */
export interface SurveyImportResult {
  /** rows added to the Partner survey table */
  readonly added: number;
  /** rows it was about to add (added < planned when cancelled or stopped) */
  readonly planned: number;
  readonly alreadyImported: number;
  readonly repeated: number;
  readonly notImported: number;
  readonly findings: number;
  /** the mapping was saved on the Settings sheet */
  readonly mappingSaved: boolean;
  readonly cancelled: boolean;
  /** why it stopped, said for people (rows added before stay, and importing again adds only the rest) */
  readonly error?: string;
  /** round trips to Excel */
  readonly syncs: number;
  /** what the user should know besides, said for people (a filter cleared for the import); may be empty */
  readonly warnings: readonly string[];
}

export interface AuditOperations {
  previewSetup(): Promise<SetupPreview>;
  /** answers: question id → chosen value */
  applySetup(answers: Readonly<Record<string, string>>): Promise<SetupResult>;
  checkWorkbook(options?: CheckOptions): Promise<CheckResult>;
  clearMarks(): Promise<void>;
  /** select a cell on a sheet and bring it into view */
  selectCell(sheet: string, address: string): Promise<void>;
  /** the headline figures; also sizes the Summary charts to the data read */
  readHeadlines(): Promise<Headlines>;
  /** sizes the Summary charts to the workbook's data (the pane calls it after set-up and imports) */
  fitSummaryCharts(): Promise<SummaryChartsFit>;
  readSettings(): Promise<SettingsValues>;
  writeSettings(values: SettingsValues): Promise<void>;
  /** read the chosen files (the xlsx reader is loaded on demand) and say what importing would do */
  previewImport(files: readonly ReturnFile[]): Promise<readonly ReturnPreview[]>;
  /** import the importable files of the last preview; replacing needs confirm = true */
  importReturns(
    files: readonly ReturnFile[],
    options?: ImportOptions & { readonly confirmReplace: boolean },
  ): Promise<ImportResult>;
  /** read the audit data and check it, for the report (read-only; progress while checking) */
  readAuditData(options?: AuditDataOptions): Promise<AuditData>;
  /** read what the survey import and the questionnaire need from the workbook (read-only) */
  readSurveyTarget(): Promise<SurveyTarget>;
  /**
   * add the responses of a file to the Partner survey table with the given mapping (planned again
   * on the workbook as it is now, so nothing already there is added twice), and remember the mapping
   */
  importSurvey(
    table: SurveyFileTable,
    mapping: SurveyColumnMapping,
    options?: SurveyImportOptions,
  ): Promise<SurveyImportResult>;
}

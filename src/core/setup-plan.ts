/**
 * Set-up planning (pure): from a description of the open workbook to the list of changes that
 * bring it to the current blueprint, shown to the user before anything is written. The Excel
 * shell (src/excel/inspect.ts, src/excel/setup.ts) reads the description and applies the plan.
 */
import { columnLetter, formatA1, parseA1, quoteSheet } from "./a1";
import {
  DIRECTORY,
  GUIDE_LINES,
  LIST_CAPACITY,
  LISTS,
  SCHEMA_VERSION,
  SETTINGS,
  SETTINGS_LAYOUT,
  SHEETS,
  TABLES,
  type ColumnSpec,
  type SettingSpec,
  type TableName,
  type TableSpec,
} from "./blueprint";
import type { Finding } from "./findings";
import { labelKey } from "./labels";
import { SUMMARY_LAYOUT, type SummaryCell, type SummaryChart } from "./summary-layout";
import type { CellValue } from "./workbook-data";
import type { SetupPreview, SetupQuestion, SetupStep } from "./operations";

// ---------------------------------------------------------------------------------------------
// The set-up plan: what to change so that a workbook has everything of the blueprint.
//
// Rules (each has a test in test/core/setup-plan.test.ts):
// - Nothing of the user's is deleted, reordered or overwritten: rows, edited vocabularies and
//   setting values stay. Missing columns are appended at the table's end; missing vocabularies
//   and settings are added where there is room.
// - Headers are matched by normalised label (labelKey). A header that resembles exactly one
//   blueprint column (e.g. "Role" for "Our role") is taken as renamed and given the blueprint's
//   header (the Summary formulas refer to it by name). Two candidates for one column → a question.
// - A table with another name on our sheet (or elsewhere) carrying our headers is adopted
//   (renamed to ours); two such tables → a question.
// - A sheet named like ours that is not ours:
//     * an empty sheet → the table is created on it;
//     * a sheet whose row 1 carries our headers (data typed without a table) → that range is
//       turned into the table (data kept) and missing columns are appended;
//     * any other content → a blocker: rename that sheet, then run set-up again;
//     * a "Summary" sheet with other content → our summary goes on a new sheet "Audit summary"
//       (recognised next time by its title in A1).
// - A protected sheet that set-up has to write to → a blocker naming the sheet and the fix.
// - Merged cells where a table is or will be → a blocker saying which cells to unmerge.
// - Content to the right of a table that needs new columns → a blocker (adding columns would
//   move it).
// - The Summary cells are ours: rewritten whenever any differs. Cells outside the layout are
//   never written.

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
      readonly table: TableName;
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
      readonly table: TableName;
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
      readonly kind: "decorateSettings";
      readonly sheet: string;
      readonly cells: readonly { readonly address: string; readonly key: string }[];
    }
  | {
      readonly kind: "summary";
      readonly sheet: string;
      readonly cells: readonly SummaryCell[];
      readonly widths: Readonly<Record<string, number>>;
    }
  | { readonly kind: "chart"; readonly sheet: string; readonly chart: SummaryChart }
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
/** The title in A1 that marks a summary sheet as ours. */
export const SUMMARY_TITLE = "Partnership audit summary";
/** Columns right of a table that inspect looks at before adding columns. */
export const RIGHT_STRIP_COLUMNS = 20;

const NEW_TABLE_STYLE_ROW = 0;

function text(v: CellValue | undefined): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

function blank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function sameFormula(a: string, b: string): boolean {
  // Excel may qualify a this-row reference with the table's name: Representation[@[x]] = [@[x]]
  const norm = (s: string): string =>
    s
      .replace(/\s+/g, "")
      .replace(/\$/g, "")
      .replace(/[A-Za-z_][\w.]*\[@/g, "[@")
      .toLowerCase();
  return norm(a) === norm(b);
}

/** Alphanumeric key of a label: "Partnership-ID" → "partnershipid". */
function looseKey(label: string): string {
  return labelKey(label).replace(/[^a-z0-9]/g, "");
}

/** True when a header looks like a renamed blueprint column: one contains the other (≥ 4 letters). */
export function resembles(header: string, column: ColumnSpec): boolean {
  const h = looseKey(header);
  const s = looseKey(column.header);
  const k = column.key.toLowerCase();
  if (h === "" || s === "") return false;
  if (h === s || h === k) return true;
  if (h.length >= 4 && s.includes(h)) return true;
  if (s.length >= 4 && h.includes(s)) return true;
  return false;
}

/** The workbook name formula of a vocabulary column: from row 2 to the last filled cell. */
export function listNameFormula(sheet: string, letter: string): string {
  const q = quoteSheet(sheet);
  const first = `${q}!$${letter}$2`;
  const all = `${q}!$${letter}$2:$${letter}$${LIST_CAPACITY + 1}`;
  return `=${first}:INDEX(${all},MAX(1,COUNTA(${all})))`;
}

export function settingNameFormula(sheet: string, row: number): string {
  return `=${quoteSheet(sheet)}!$B$${row}`;
}

interface PlanContext {
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

function sheetOf(d: WorkbookDescription, name: string): DescribedSheet | undefined {
  const k = labelKey(name);
  return d.sheets.find((s) => labelKey(s.name) === k);
}

function gridOf(d: WorkbookDescription, name: string): readonly (readonly CellValue[])[] {
  const k = labelKey(name);
  const hit = Object.keys(d.grids).find((n) => labelKey(n) === k);
  return hit ? d.grids[hit] : [];
}

function step(p: PlanContext, kind: SetupStep["kind"], description: string): void {
  p.steps.push({ kind, description });
}

function block(p: PlanContext, sheet: string, message: string, address?: string): void {
  p.blockers.push({ severity: "error", sheet, message, ...(address ? { address } : {}) });
}

/** How many of a table's headers a row of headers carries. */
function headerMatches(headers: readonly string[], spec: TableSpec): number {
  const keys = new Set(spec.columns.map((c) => labelKey(c.header)));
  return headers.filter((h) => keys.has(labelKey(h))).length;
}

const MIN_MATCHES = 3;

/** The blueprint table a table's headers resemble most (share of the blueprint's headers found). */
function bestSpecOf(t: DescribedTable): TableSpec | undefined {
  let best: TableSpec | undefined;
  let bestShare = 0;
  for (const spec of TABLES) {
    const share = headerMatches(t.headers, spec) / spec.columns.length;
    if (share > bestShare) {
      best = spec;
      bestShare = share;
    }
  }
  return best;
}

// ---- tables ---------------------------------------------------------------------------------

interface ColumnMatch {
  /** blueprint key → index in the table's headers */
  readonly found: Map<string, number>;
  readonly renames: { index: number; from: string; to: string }[];
  readonly missing: ColumnSpec[];
}

function matchColumns(p: PlanContext, spec: TableSpec, headers: readonly string[]): ColumnMatch {
  const found = new Map<string, number>();
  const used = new Set<number>();
  const renames: { index: number; from: string; to: string }[] = [];
  const missing: ColumnSpec[] = [];
  for (const col of spec.columns) {
    const i = headers.findIndex((h, j) => !used.has(j) && labelKey(h) === labelKey(col.header));
    if (i >= 0) {
      found.set(col.key, i);
      used.add(i);
      if (headers[i] !== col.header) renames.push({ index: i, from: headers[i], to: col.header });
    }
  }
  const open = spec.columns.filter((c) => !found.has(c.key));
  const candidates = new Map<string, number[]>();
  for (const col of open) {
    const hits: number[] = [];
    headers.forEach((h, j) => {
      if (!used.has(j) && resembles(h, col)) hits.push(j);
    });
    candidates.set(col.key, hits);
  }
  for (const col of open) {
    const id = `column:${spec.name}:${col.key}`;
    const hits = candidates.get(col.key) ?? [];
    const answer = p.answers[id];
    if (answer !== undefined) {
      const j = headers.findIndex((h, k) => !used.has(k) && h === answer);
      if (answer !== "new" && j >= 0) {
        found.set(col.key, j);
        used.add(j);
        renames.push({ index: j, from: headers[j], to: col.header });
      } else missing.push(col);
      continue;
    }
    const live = hits.filter((j) => !used.has(j));
    const shared = live.some((j) => open.some((o) => o !== col && (candidates.get(o.key) ?? []).includes(j)));
    if (live.length === 1 && !shared) {
      const j = live[0];
      found.set(col.key, j);
      used.add(j);
      renames.push({ index: j, from: headers[j], to: col.header });
    } else if (live.length === 0) missing.push(col);
    else {
      p.questions.push({
        id,
        prompt: `${spec.sheet}: which column is ${col.header}?`,
        choices: [
          ...live.map((j) => ({ value: headers[j], label: `The column headed "${headers[j]}"` })),
          { value: "new", label: `None of them: add a new column "${col.header}"` },
        ],
      });
    }
  }
  return { found, renames, missing };
}

function decorationNeeded(col: ColumnSpec, described: DescribedColumn | undefined): boolean {
  if (!described || described.validationType === undefined) return true;
  const wantsRule =
    col.kind === "list" || col.kind === "number" || col.kind === "year" || col.kind === "rating";
  if (wantsRule && (described.validationType === "None" || described.validationType === "Inconsistent"))
    return true;
  if (described.hasPrompt === false) return true;
  if (col.required && described.conditionalFormats === 0) return true;
  return false;
}

function planTable(p: PlanContext, spec: TableSpec): void {
  const d = p.d;
  const ourNames = new Set(TABLES.map((t) => labelKey(t.name)));
  let table = d.tables.find((t) => labelKey(t.name) === labelKey(spec.name));
  if (!table) {
    const scored = d.tables
      .filter((t) => !ourNames.has(labelKey(t.name)) && !p.adopted.has(t.name) && bestSpecOf(t) === spec)
      .map((t) => ({
        t,
        score: headerMatches(t.headers, spec) + (labelKey(t.sheet) === labelKey(spec.sheet) ? 0.5 : 0),
      }))
      .filter((x) => x.score >= MIN_MATCHES)
      .sort((a, b) => b.score - a.score);
    const id = `table:${spec.name}`;
    const answer = p.answers[id];
    if (answer !== undefined && answer !== "new") table = scored.find((x) => x.t.name === answer)?.t;
    else if (answer === undefined && scored.length === 1) table = scored[0].t;
    else if (answer === undefined && scored.length > 1) {
      p.questions.push({
        id,
        prompt: `Which table holds the ${spec.name} data?`,
        choices: [
          ...scored.map((x) => ({ value: x.t.name, label: `Table ${x.t.name} on the sheet ${x.t.sheet}` })),
          { value: "new", label: `None: add a new ${spec.name} table` },
        ],
      });
      return;
    }
    if (table) {
      p.adopted.add(table.name);
      p.actions.push({ kind: "renameTable", from: table.name, to: spec.name });
      step(
        p,
        "add-table",
        `Use the table ${table.name} on the sheet ${table.sheet} as ${spec.name} (renamed)`,
      );
      p.touched.add(table.sheet);
    }
  }
  if (table) {
    planExistingTable(p, spec, table);
    return;
  }
  planNewTable(p, spec);
}

function planExistingTable(p: PlanContext, spec: TableSpec, table: DescribedTable): void {
  const m = matchColumns(p, spec, table.headers);
  for (const r of m.renames) {
    p.actions.push({ kind: "renameHeader", table: spec.name, index: r.index, from: r.from, to: r.to });
    step(p, "upgrade", `${spec.name}: rename the header "${r.from}" to "${r.to}"`);
    p.touched.add(table.sheet);
  }
  const added = m.missing;
  const width = table.headers.length;
  if (added.length > 0) {
    if ((table.merged ?? []).length > 0) {
      block(
        p,
        table.sheet,
        `Merged cells ${table.merged?.join(", ")} are in the way of the ${spec.name} table's new columns. Unmerge them (Home > Merge & Center > Unmerge Cells) and run set-up again.`,
        table.merged?.[0],
      );
    }
    if (table.rightUsed) {
      block(
        p,
        table.sheet,
        `The cells ${table.rightUsed} right of the ${spec.name} table hold content, and set-up needs to add ${added.length} column(s) there. Move that content further right (or to another sheet) and run set-up again.`,
        table.rightUsed,
      );
    }
    p.actions.push({ kind: "addColumns", table: spec.name, headers: added.map((c) => c.header) });
    step(
      p,
      "add-column",
      `${spec.name}: add ${added.length === 1 ? "the column" : "the columns"} ${added.map((c) => c.header).join(", ")} at the end of the table (your rows stay as they are)`,
    );
    p.touched.add(table.sheet);
  }
  // columns after set-up: existing ones (matched), then the added ones
  const indexOf = new Map<string, number>(m.found);
  added.forEach((c, i) => indexOf.set(c.key, width + i));
  const decorate: DecoratedColumn[] = [];
  for (const col of spec.columns) {
    const i = indexOf.get(col.key);
    if (i === undefined) continue;
    const isAdded = i >= width;
    const described = table.columns?.[i];
    if (isAdded || decorationNeeded(col, described))
      decorate.push({
        index: i,
        key: col.key,
        letter: columnLetter(table.firstColumn + i),
        added: isAdded,
        highlight:
          col.required &&
          (isAdded || described?.conditionalFormats === undefined || described.conditionalFormats === 0),
      });
  }
  const calcCount = spec.columns.filter((c) => c.kind === "calculated" && indexOf.has(c.key)).length;
  if (decorate.length > 0) {
    p.actions.push({
      kind: "decorateTable",
      table: spec.name,
      sheet: table.sheet,
      firstBodyRow: table.headerRow + 2,
      firstLetter: columnLetter(table.firstColumn),
      lastLetter: columnLetter(table.firstColumn + width + added.length - 1),
      calculatedColumns: calcCount,
      columns: decorate,
      isNew: false,
      headerRow: table.headerRow + 1,
    });
    step(
      p,
      "validation",
      `${spec.name}: add drop-downs, limits, input messages and required-cell highlighting to ${columnList(spec, decorate)}`,
    );
    p.touched.add(table.sheet);
  }
  for (const col of spec.columns) {
    if (col.kind !== "calculated" || !col.formula) continue;
    const i = indexOf.get(col.key);
    if (i === undefined) continue;
    const isAdded = i >= width;
    const first = table.columns?.[i]?.firstFormula;
    // unknown (no details read) is not blank: typed values are never overwritten on a guess
    let write = isAdded || (table.columns !== undefined && blank(first));
    if (!write && first !== undefined && !sameFormula(text(first), col.formula)) {
      const id = `calculated:${spec.name}:${col.key}`;
      const answer = p.answers[id];
      if (answer === "replace") write = true;
      else if (answer === undefined)
        p.questions.push({
          id,
          prompt: `${spec.sheet}: the column ${col.header} holds values typed by hand. Replace them with the calculation (${col.help.replace(/^Calculated: /, "")})?`,
          choices: [
            { value: "keep", label: "Keep the typed values" },
            { value: "replace", label: "Replace them with the calculation" },
          ],
        });
    }
    if (write) {
      p.actions.push({ kind: "calculatedColumn", table: spec.name, index: i, formula: col.formula });
      step(p, "formula", `${spec.name}: calculate ${col.header} (${col.help.replace(/^Calculated: /, "")})`);
      p.touched.add(table.sheet);
    }
  }
}

function planNewTable(p: PlanContext, spec: TableSpec): void {
  const sheet = sheetOf(p.d, spec.sheet);
  const headers = spec.columns.map((c) => c.header);
  let address: string;
  let existingHeaders: readonly string[] | undefined;
  let origin = { r: NEW_TABLE_STYLE_ROW, c: 0 };
  if (!sheet) {
    p.actions.push({ kind: "addSheet", sheet: spec.sheet });
    step(p, "add-sheet", `Add the ${spec.sheet} sheet (${spec.rowMeaning} a row)`);
    address = formatA1({ r0: 0, c0: 0, r1: 0, c1: headers.length - 1 });
  } else if (sheet.used === null) {
    address = formatA1({ r0: 0, c0: 0, r1: 0, c1: headers.length - 1 });
    const inTheWay = (sheet.merged ?? []).filter((m) => {
      const a = parseA1(m);
      return a.r0 <= 1 && a.c0 < headers.length;
    });
    if (inTheWay.length > 0) {
      block(
        p,
        spec.sheet,
        `Merged cells ${inTheWay.join(", ")} on the sheet ${spec.sheet} are where set-up puts the ${spec.name} table (A1:${columnLetter(headers.length - 1)}2). Unmerge them (Home > Merge & Center > Unmerge Cells) and run set-up again.`,
        inTheWay[0],
      );
    }
  } else {
    const used = parseA1(sheet.used);
    const row1 = (sheet.firstRow ?? []).map(text);
    if (used.r0 === 0 && used.c0 === 0 && headerMatches(row1, spec) >= MIN_MATCHES) {
      // data typed without a table: turn the range into the table, keep every cell
      let last = row1.length - 1;
      while (last > 0 && row1[last].trim() === "") last--;
      const rect = { r0: 0, c0: 0, r1: Math.max(used.r1, 1), c1: Math.max(last, 0) };
      if (row1.slice(0, last + 1).some((h) => h.trim() === "")) {
        block(
          p,
          spec.sheet,
          `Row 1 of the sheet ${spec.sheet} has blank headers between the columns. Give every column in A1:${columnLetter(last)}1 a header and run set-up again.`,
          `A1:${columnLetter(last)}1`,
        );
      }
      if ((sheet.merged ?? []).length > 0) {
        block(
          p,
          spec.sheet,
          `The sheet ${spec.sheet} has merged cells (${sheet.merged?.join(", ")}); a table can't hold merged cells. Unmerge them (Home > Merge & Center > Unmerge Cells) and run set-up again.`,
          sheet.merged?.[0],
        );
      }
      address = formatA1(rect);
      existingHeaders = row1.slice(0, last + 1);
      origin = { r: 0, c: 0 };
      step(
        p,
        "add-table",
        `Turn the data in ${spec.sheet}!${address} into the ${spec.name} table (every row kept)`,
      );
    } else {
      block(
        p,
        spec.sheet,
        `The sheet ${spec.sheet} holds other content and no ${spec.name} table, so set-up will not write on it. Rename that sheet (right-click its tab > Rename) and run set-up again: set-up then adds a new ${spec.sheet} sheet.`,
      );
      return;
    }
  }
  p.touched.add(spec.sheet);
  if (existingHeaders) {
    p.actions.push({ kind: "createTable", table: spec.name, sheet: spec.sheet, address });
    const described: DescribedTable = {
      name: spec.name,
      sheet: spec.sheet,
      headerRow: origin.r,
      firstColumn: origin.c,
      headers: existingHeaders,
      rowCount: 0,
    };
    planExistingTable(p, spec, described);
    // a converted range gets the whole decoration, its style and frozen header
    const m = p.actions.findIndex((a) => a.kind === "decorateTable" && a.table === spec.name);
    const all =
      existingHeaders.length +
      ((): number => {
        const add = p.actions.find((a) => a.kind === "addColumns" && a.table === spec.name);
        return add && add.kind === "addColumns" ? add.headers.length : 0;
      })();
    const deco = decorationFor(spec, origin, all, matchedIndexes(spec, existingHeaders, p));
    if (m >= 0) p.actions[m] = deco;
    else p.actions.push(deco);
    return;
  }
  p.actions.push({ kind: "createTable", table: spec.name, sheet: spec.sheet, address, headers });
  step(p, "add-table", `Add the ${spec.name} table on ${spec.sheet} with its ${headers.length} columns`);
  const indexes = new Map(spec.columns.map((c, i) => [c.key, i]));
  p.actions.push(decorationFor(spec, origin, headers.length, indexes));
  step(
    p,
    "validation",
    `${spec.name}: drop-downs from the Lists sheet, limits, input messages, required-cell highlighting`,
  );
  for (const col of spec.columns) {
    if (col.kind === "calculated" && col.formula) {
      p.actions.push({
        kind: "calculatedColumn",
        table: spec.name,
        index: indexes.get(col.key) ?? 0,
        formula: col.formula,
      });
      step(p, "formula", `${spec.name}: calculate ${col.header}`);
    }
  }
}

/** "Our role, Level" or, for many, "all 19 columns" / "12 columns (Partnership ID, Partnership, …)". */
function columnList(spec: TableSpec, columns: readonly DecoratedColumn[]): string {
  const headers = columns.map((c) => spec.columns.find((x) => x.key === c.key)?.header ?? c.key);
  if (headers.length <= 4) return headers.join(", ");
  if (headers.length === spec.columns.length) return `all ${headers.length} columns`;
  return `${headers.length} columns (${headers.slice(0, 3).join(", ")}, …)`;
}

/** blueprint key → index in a converted range's headers after columns are appended */
function matchedIndexes(spec: TableSpec, headers: readonly string[], p: PlanContext): Map<string, number> {
  const out = new Map<string, number>();
  const add = p.actions.find((a) => a.kind === "addColumns" && a.table === spec.name);
  const added = add && add.kind === "addColumns" ? add.headers : [];
  const renamed = new Map<number, string>();
  for (const a of p.actions)
    if (a.kind === "renameHeader" && a.table === spec.name) renamed.set(a.index, a.to);
  const final = [...headers.map((h, i) => renamed.get(i) ?? h), ...added];
  for (const col of spec.columns) {
    const i = final.findIndex((h) => labelKey(h) === labelKey(col.header));
    if (i >= 0) out.set(col.key, i);
  }
  return out;
}

function decorationFor(
  spec: TableSpec,
  origin: { r: number; c: number },
  width: number,
  indexes: ReadonlyMap<string, number>,
): SetupAction {
  const columns: DecoratedColumn[] = [];
  for (const col of spec.columns) {
    const i = indexes.get(col.key);
    if (i !== undefined)
      columns.push({
        index: i,
        key: col.key,
        letter: columnLetter(origin.c + i),
        added: true,
        highlight: col.required,
      });
  }
  return {
    kind: "decorateTable",
    table: spec.name,
    sheet: spec.sheet,
    firstBodyRow: origin.r + 2,
    firstLetter: columnLetter(origin.c),
    lastLetter: columnLetter(origin.c + width - 1),
    calculatedColumns: spec.columns.filter((c) => c.kind === "calculated" && indexes.has(c.key)).length,
    columns,
    isNew: true,
    headerRow: origin.r + 1,
  };
}

// ---- names ----------------------------------------------------------------------------------

function planName(p: PlanContext, name: string, formula: string, what: string): void {
  const existing = p.d.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (existing && sameFormula(existing.formula, formula)) return;
  p.actions.push({ kind: "setName", name, formula, replace: existing !== undefined });
  p.names.push(existing ? `${name} (${what}, pointed again)` : name);
}

// ---- lists ----------------------------------------------------------------------------------

function planLists(p: PlanContext): void {
  const sheetName = sheetOf(p.d, SHEETS.lists)?.name ?? SHEETS.lists;
  const exists = sheetOf(p.d, SHEETS.lists) !== undefined;
  if (!exists) {
    p.actions.push({ kind: "addSheet", sheet: sheetName });
    step(p, "add-sheet", `Add the ${sheetName} sheet with the pick-lists (a region may edit them)`);
  }
  const grid = exists ? gridOf(p.d, sheetName) : [];
  const row1 = (grid[0] ?? []).map(text);
  let next = row1.reduce<number>((last, h, i) => (h.trim() !== "" ? i + 1 : last), 0);
  // columns of grid below row 1 also count as used
  for (const row of grid)
    next = Math.max(
      next,
      row.reduce<number>((last, v, i) => (blank(v) ? last : i + 1), 0),
    );
  const place = (header: string): { letter: string; isNew: boolean } => {
    const i = row1.findIndex((h) => labelKey(h) === labelKey(header));
    if (i >= 0) return { letter: columnLetter(i), isNew: false };
    const letter = columnLetter(next);
    next += 1;
    return { letter, isNew: true };
  };
  const added: string[] = [];
  for (const list of LISTS) {
    const { letter, isNew } = place(list.header);
    if (isNew) {
      p.actions.push({
        kind: "writeCells",
        sheet: sheetName,
        address: `${letter}1:${letter}${list.values.length + 1}`,
        values: [[list.header], ...list.values.map((v) => [v])],
      });
      added.push(list.header);
      p.touched.add(sheetName);
    }
    planName(p, list.rangeName, listNameFormula(sheetName, letter), `the ${list.header} list`);
  }
  if (added.length > 0)
    step(
      p,
      "add-list",
      `${sheetName}: add the ${added.length === 1 ? "list" : "lists"} ${added.join(", ")} (default entries from the research; a region may edit them)`,
    );
  const dir = DIRECTORY.headers.map((h) => place(h));
  const newDir = dir.filter((x) => x.isNew);
  DIRECTORY.headers.forEach((h, i) => {
    if (!dir[i].isNew) return;
    p.actions.push({ kind: "writeCells", sheet: sheetName, address: `${dir[i].letter}1`, values: [[h]] });
  });
  if (newDir.length > 0) {
    step(
      p,
      "add-list",
      `${sheetName}: add the regional partnership directory (${DIRECTORY.headers.join(", ")})`,
    );
    p.touched.add(sheetName);
  }
  planName(
    p,
    DIRECTORY.rangeName,
    listNameFormula(sheetName, dir[0].letter),
    "the partnership directory IDs",
  );
}

// ---- settings -------------------------------------------------------------------------------

function settingValueCell(spec: SettingSpec): string | number {
  return spec.key === "schemaVersion" ? SCHEMA_VERSION : spec.default;
}

/** Reads the schema version a workbook says it has (0 when none). */
export function describedSchemaVersion(d: WorkbookDescription): number {
  const grid = gridOf(d, SHEETS.settings);
  const label = labelKey(SETTINGS.find((s) => s.key === "schemaVersion")?.label ?? "Schema version");
  for (const row of grid) {
    if (labelKey(text(row[0])) === label) {
      const v = row[1];
      const n = typeof v === "number" ? v : Number(text(v));
      return Number.isFinite(n) && text(v).trim() !== "" ? n : 0;
    }
  }
  return 0;
}

function planSettings(p: PlanContext, fromVersion: number): void {
  const existing = sheetOf(p.d, SHEETS.settings);
  const sheetName = existing?.name ?? SHEETS.settings;
  const grid = existing ? gridOf(p.d, sheetName) : [];
  if (!existing) {
    p.actions.push({ kind: "addSheet", sheet: sheetName });
    step(p, "add-sheet", `Add the ${sheetName} sheet (region, district, audit round, hours per week …)`);
  }
  if (!existing || grid.length === 0 || grid[0].every((v) => blank(v))) {
    p.actions.push({
      kind: "writeCells",
      sheet: sheetName,
      address: `A1:C1`,
      values: [SETTINGS_LAYOUT.headers.slice()],
    });
    p.touched.add(sheetName);
  }
  let nextRow = Math.max(grid.length + 1, SETTINGS_LAYOUT.firstRow);
  const decorate: { address: string; key: string }[] = [];
  let schemaRow = 0;
  const newSettings: string[] = [];
  for (const spec of SETTINGS) {
    let row = grid.findIndex((r) => labelKey(text(r[0])) === labelKey(spec.label)) + 1;
    if (row === 0) {
      row = nextRow++;
      p.actions.push({
        kind: "writeCells",
        sheet: sheetName,
        address: `A${row}:C${row}`,
        values: [
          [spec.label, spec.key === "schemaVersion" ? fromVersion : settingValueCell(spec), spec.help],
        ],
      });
      newSettings.push(
        `${spec.label}${spec.default !== "" && spec.key !== "schemaVersion" ? ` (${spec.default})` : ""}`,
      );
      p.touched.add(sheetName);
      if (spec.kind === "number" && spec.key !== "schemaVersion")
        decorate.push({ address: `B${row}`, key: spec.key });
    }
    if (spec.key === "schemaVersion") schemaRow = row;
    planName(
      p,
      spec.name,
      settingNameFormula(sheetName, row),
      `the ${spec.label} setting (${sheetName}!B${row})`,
    );
  }
  if (newSettings.length > 0)
    step(
      p,
      "settings",
      `${sheetName}: add the settings ${newSettings.join(", ")} (values you entered are kept)`,
    );
  if (decorate.length > 0) p.actions.push({ kind: "decorateSettings", sheet: sheetName, cells: decorate });
  p.schemaCell = { sheet: sheetName, address: `B${schemaRow}` };
}

// ---- guide ----------------------------------------------------------------------------------

function planGuide(p: PlanContext): void {
  if (sheetOf(p.d, SHEETS.guide)) return;
  p.actions.push({ kind: "addSheet", sheet: SHEETS.guide });
  p.actions.push({
    kind: "writeCells",
    sheet: SHEETS.guide,
    address: `A1:A${GUIDE_LINES.length}`,
    values: GUIDE_LINES.map((l) => [l]),
  });
  step(p, "add-sheet", "Add the Guide sheet (how to fill in the workbook)");
  p.touched.add(SHEETS.guide);
}

// ---- summary --------------------------------------------------------------------------------

function isOurSummary(grid: readonly (readonly CellValue[])[]): boolean {
  return labelKey(text(grid[0]?.[0])) === labelKey(SUMMARY_TITLE);
}

function planSummary(p: PlanContext): void {
  const layout = SUMMARY_LAYOUT;
  let sheetName: string | undefined;
  let isNew = false;
  const named = sheetOf(p.d, layout.sheet);
  if (named && (named.used === null || isOurSummary(gridOf(p.d, named.name)))) sheetName = named.name;
  if (!sheetName) {
    const ours = p.d.sheets.find((s) => isOurSummary(gridOf(p.d, s.name)));
    if (ours) sheetName = ours.name;
  }
  if (!sheetName) {
    sheetName = named ? ALTERNATE_SUMMARY_SHEET : layout.sheet;
    if (sheetOf(p.d, sheetName)) {
      block(
        p,
        sheetName,
        `The sheets ${layout.sheet} and ${ALTERNATE_SUMMARY_SHEET} both hold other content. Rename one of them and run set-up again.`,
      );
      return;
    }
    isNew = true;
    p.actions.push({ kind: "addSheet", sheet: sheetName });
    step(
      p,
      "add-sheet",
      named
        ? `Add the summary on a new sheet "${sheetName}": the sheet ${layout.sheet} holds your own content and is left as it is`
        : `Add the ${sheetName} sheet: headline figures and charts, all formulas`,
    );
  }
  const grid = isNew ? [] : gridOf(p.d, sheetName);
  const differs = layout.cells.some((cell) => {
    const a = parseA1(cell.address);
    const have = grid[a.r0]?.[a.c0];
    const want = cell.formula ?? cell.value ?? "";
    return cell.formula ? !sameFormula(text(have), want) : text(have) !== want;
  });
  if (differs) {
    p.actions.push({ kind: "summary", sheet: sheetName, cells: layout.cells, widths: layout.widths });
    if (!isNew)
      step(
        p,
        "formula",
        `${sheetName}: write the summary formulas again (cells outside the summary are left alone)`,
      );
    p.touched.add(sheetName);
  }
  const charts = new Set(
    (p.d.sheets.find((s) => s.name === sheetName)?.charts ?? []).map((c) => c.toLowerCase()),
  );
  for (const chart of layout.charts) {
    if (charts.has(chart.name.toLowerCase())) continue;
    p.actions.push({ kind: "chart", sheet: sheetName, chart });
    step(p, "chart", `${sheetName}: add the chart "${chart.title}"`);
    p.touched.add(sheetName);
  }
}

// ---- the plan -------------------------------------------------------------------------------

/**
 * The changes that bring a workbook to the current blueprint, in the order to apply them.
 * `answers` are the user's choices for earlier questions (question id → choice value).
 */
export function planSetup(d: WorkbookDescription, given: Readonly<Record<string, string>> = {}): SetupPlan {
  const answers = { ...(d.answers ?? {}), ...given };
  const p: PlanContext = {
    d,
    answers,
    actions: [],
    steps: [],
    questions: [],
    blockers: [],
    touched: new Set(),
    adopted: new Set(),
    names: [],
  };
  const fromVersion = describedSchemaVersion(d);
  if (fromVersion > SCHEMA_VERSION) {
    block(
      p,
      SHEETS.settings,
      `This workbook was set up by a newer version of the add-in (schema version ${fromVersion}; this one knows ${SCHEMA_VERSION}). Update the add-in and run set-up again.`,
    );
  }
  planGuide(p);
  planSettings(p, fromVersion);
  for (const spec of TABLES) planTable(p, spec);
  planSummary(p);
  planLists(p);
  if (p.names.length > 0)
    step(p, "add-name", `Add the workbook names the drop-downs and formulas use: ${p.names.join(", ")}`);
  const schemaCell = p.schemaCell;
  const changes = p.actions.length > 0;
  if (schemaCell && (fromVersion !== SCHEMA_VERSION || changes)) {
    if (fromVersion < SCHEMA_VERSION || changes) {
      p.actions.push({
        kind: "schemaVersion",
        sheet: schemaCell.sheet,
        address: schemaCell.address,
        value: SCHEMA_VERSION,
      });
      if (fromVersion < SCHEMA_VERSION)
        step(p, "upgrade", `Record schema version ${SCHEMA_VERSION} (the workbook had ${fromVersion})`);
    }
  }
  for (const s of d.sheets) {
    if (!s.protected) continue;
    if (![...p.touched].some((t) => labelKey(t) === labelKey(s.name))) continue;
    block(p, s.name, `Unprotect the sheet ${s.name} (Review > Unprotect Sheet) and run set-up again.`);
  }
  // new answers are remembered (in the document), so that e.g. "keep the typed values" is not asked again
  const fresh = Object.keys(given).some((k) => d.answers?.[k] !== given[k]);
  if (fresh) p.actions.push({ kind: "rememberAnswers", answers });
  if (d.workbookProtected && p.actions.some((a) => a.kind === "addSheet")) {
    const sheets = p.actions.flatMap((a) => (a.kind === "addSheet" ? [a.sheet] : []));
    block(
      p,
      sheets[0],
      `The workbook's structure is protected, so set-up cannot add the sheets ${sheets.join(", ")}. Unprotect it (Review > Protect Workbook) and run set-up again.`,
    );
  }
  const actions = p.blockers.length > 0 ? [] : p.actions;
  return {
    preview: {
      upToDate: p.actions.length === 0 && p.questions.length === 0 && p.blockers.length === 0,
      fromVersion,
      toVersion: SCHEMA_VERSION,
      steps: p.steps,
      questions: p.questions,
      blockers: p.blockers,
    },
    actions,
  };
}

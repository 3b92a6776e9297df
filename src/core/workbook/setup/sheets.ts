/**
 * Set-up of the Guide, Settings and Lists sheets and the workbook names pointing into them, from
 * the workbook spec. A new sheet is laid out exactly as the spec (and so as the tool's writer) lays
 * it out; an existing one keeps the user's values, edited entries and order, and gains only what is
 * missing, where there is room.
 */
import { columnIndex, columnLetter } from "../../model/a1";
import {
  DIRECTORY,
  GRADE_COSTS,
  LISTS,
  SETTINGS,
  SHEETS,
  listSpec,
  type SettingSpec,
} from "../../model/blueprint";
import type { CellValue } from "../../model/workbook-data";
import { labelKey } from "../../model/labels";
import {
  GUIDE_SHEET,
  LISTS_SHEET,
  gradeCostsLayout,
  SETTINGS_SHEET,
  listNameFormula,
  listWidth,
  settingNameFormula,
} from "../spec/sheets";
import {
  blank,
  gridOf,
  sameFormula,
  sheetOf,
  step,
  text,
  type PlanContext,
  type WorkbookDescription,
} from "./model";

// ---- names ----------------------------------------------------------------------------------

function planName(p: PlanContext, name: string, formula: string, what: string): void {
  const existing = p.d.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (existing && sameFormula(existing.formula, formula)) return;
  p.actions.push({ kind: "setName", name, formula, replace: existing !== undefined });
  p.names.push(existing ? `${name} (${what}, pointed again)` : name);
}

// ---- lists ----------------------------------------------------------------------------------

/** The Lists sheet: a new (or empty) one laid out as the spec; an existing one gains missing columns at its end. */
export function planLists(p: PlanContext): void {
  const existing = sheetOf(p.d, SHEETS.lists);
  const sheetName = existing?.name ?? SHEETS.lists;
  if (!existing) {
    p.actions.push({ kind: "addSheet", sheet: sheetName });
    step(p, "add-sheet", `Add the ${sheetName} sheet with the pick-lists (a region may edit them)`);
  }
  const grid = existing ? gridOf(p.d, sheetName) : [];
  const empty = grid.every((row) => row.every((v) => blank(v)));
  const row1 = (grid[0] ?? []).map(text);
  let next = 0;
  for (const row of grid)
    next = Math.max(
      next,
      row.reduce<number>((last, v, i) => (blank(v) ? last : i + 1), 0),
    );
  const place = (header: string, freshLetter: string): { letter: string; isNew: boolean } => {
    if (empty) return { letter: freshLetter, isNew: true };
    const i = row1.findIndex((h) => labelKey(h) === labelKey(header));
    if (i >= 0) return { letter: columnLetter(i), isNew: false };
    const letter = columnLetter(next);
    next += 1;
    return { letter, isNew: true };
  };
  const added: string[] = [];
  const widths: Record<string, number> = {};
  const bold: string[] = [];
  for (const column of LISTS_SHEET.columns) {
    const { letter, isNew } = place(column.header, column.letter);
    if (isNew) {
      p.actions.push({
        kind: "writeCells",
        sheet: sheetName,
        address: `${letter}1:${letter}${column.values.length + 1}`,
        values: [[column.header], ...column.values.map((v) => [v])],
      });
      if (column.list) added.push(column.header);
      widths[letter] = listWidth(column.header, column.values);
      bold.push(`${letter}1`);
      p.touched.add(sheetName);
    }
    if (column.name) {
      const what = column.list
        ? `the ${LISTS.find((l) => l.key === column.list)?.header ?? column.header} list`
        : "the partnership directory IDs";
      planName(p, column.name, listNameFormula(sheetName, letter), what);
    }
  }
  if (empty) {
    // the empty column between the vocabularies and the directory is narrow, as the writer makes it
    widths[columnLetter(LISTS.length)] = 3;
  }
  if (added.length > 0)
    step(
      p,
      "add-list",
      `${sheetName}: add the ${added.length === 1 ? "list" : "lists"} ${added.join(", ")} (default entries from the research; a region may edit them)`,
    );
  const directoryAdded = LISTS_SHEET.columns.some(
    (c) => !c.list && !row1.some((h) => labelKey(h) === labelKey(c.header)),
  );
  if (directoryAdded)
    step(
      p,
      "add-list",
      `${sheetName}: add the regional partnership directory (${DIRECTORY.headers.join(", ")})`,
    );
  if (Object.keys(widths).length > 0) p.actions.push({ kind: "formatSheet", sheet: sheetName, widths, bold });
}

// ---- settings -------------------------------------------------------------------------------

/** The value a new setting row gets: its default (the schema version is written last, see planSetup). */
function initialValue(spec: SettingSpec, fromVersion: number): string | number {
  return spec.key === "schemaVersion" ? fromVersion : spec.default;
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

/** The Settings sheet: rows found by their label are kept (values too); missing settings are added below. */
export function planSettings(p: PlanContext, fromVersion: number): void {
  const existing = sheetOf(p.d, SHEETS.settings);
  const sheetName = existing?.name ?? SHEETS.settings;
  const grid = existing ? gridOf(p.d, sheetName) : [];
  const isNew = !existing || grid.every((row) => row.every((v) => blank(v)));
  if (!existing) {
    p.actions.push({ kind: "addSheet", sheet: sheetName });
    step(p, "add-sheet", `Add the ${sheetName} sheet (region, district, audit round, hours per week …)`);
  }
  if (isNew) {
    p.actions.push({
      kind: "writeCells",
      sheet: sheetName,
      address: `A1:C1`,
      values: [SETTINGS_SHEET.headers.slice()],
    });
    p.touched.add(sheetName);
  }
  let nextRow = isNew ? SETTINGS_SHEET.rows[0].row : Math.max(grid.length + 1, SETTINGS_SHEET.rows[0].row);
  const decorate: { address: string; key: SettingSpec["key"] }[] = [];
  let schemaRow = 0;
  const newSettings: string[] = [];
  for (const spec of SETTINGS) {
    let row = isNew ? 0 : grid.findIndex((r) => labelKey(text(r[0])) === labelKey(spec.label)) + 1;
    if (row === 0) {
      row = nextRow++;
      p.actions.push({
        kind: "writeCells",
        sheet: sheetName,
        address: `A${row}:C${row}`,
        values: [[spec.label, initialValue(spec, fromVersion), spec.help]],
      });
      newSettings.push(
        `${spec.label}${spec.default !== "" && spec.key !== "schemaVersion" ? ` (${spec.default})` : ""}`,
      );
      p.touched.add(sheetName);
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
  if (decorate.length > 0)
    p.actions.push({ kind: "decorateSettings", sheet: sheetName, cells: decorate, isNew });
  p.schemaCell = { sheet: sheetName, address: `B${schemaRow}` };
  planGradeCosts(p, sheetName, isNew ? [] : grid);
}

/** The values of a list as the workbook's Lists sheet has them (a region may have edited them), else the defaults. */
function describedList(
  d: WorkbookDescription,
  header: string,
  defaults: readonly string[],
): readonly string[] {
  const grid = gridOf(d, SHEETS.lists);
  const c = (grid[0] ?? []).findIndex((h) => labelKey(text(h)) === labelKey(header));
  if (c < 0) return defaults;
  const values: string[] = [];
  for (let r = 1; r < grid.length; r++) {
    const v = text(grid[r]?.[c]).trim();
    if (v !== "") values.push(v);
  }
  return values.length > 0 ? values : defaults;
}

/**
 * The GradeCosts table beside the settings (schema version 2): added when missing, one row per
 * grade of the workbook's Grades list, costs blank; in a new Settings sheet at E1 as the spec lays
 * it out, else at the first free columns right of what the sheet holds (nothing is moved).
 */
function planGradeCosts(p: PlanContext, sheetName: string, grid: readonly (readonly CellValue[])[]): void {
  if (p.d.tables.some((t) => labelKey(t.name) === labelKey(GRADE_COSTS.name))) return;
  const grades = describedList(p.d, listSpec("grades").header, listSpec("grades").values);
  const first = columnIndex(GRADE_COSTS.column);
  const width = GRADE_COSTS.columns.length;
  const rows = grades.length + 1;
  /** columns c.. are free (and the one before them, a gap from the settings) */
  const free = (c: number): boolean => {
    for (let r = 0; r < Math.max(rows, grid.length); r++)
      for (let k = -1; k < width; k++) if (c + k >= 0 && !blank(grid[r]?.[c + k])) return false;
    return true;
  };
  let c = first;
  while (!free(c)) c++;
  const layout = gradeCostsLayout(grades, columnLetter(c));
  p.actions.push({
    kind: "createTable",
    table: GRADE_COSTS.name,
    sheet: sheetName,
    address: layout.address,
    headers: layout.headers,
  });
  p.actions.push({
    kind: "writeCells",
    sheet: sheetName,
    address: layout.gradesAddress,
    values: layout.grades.map((g) => [g]),
  });
  p.actions.push({
    kind: "decorateTable",
    table: GRADE_COSTS.name,
    sheet: sheetName,
    firstBodyRow: 2,
    firstLetter: columnLetter(c),
    lastLetter: columnLetter(c + width - 1),
    calculatedColumns: 0,
    columns: GRADE_COSTS.columns.map((col, i) => ({
      index: i,
      key: col.key,
      letter: columnLetter(c + i),
      added: true,
      highlight: col.required,
    })),
    isNew: false,
    headerRow: 1,
  });
  step(
    p,
    "add-table",
    `${sheetName}: add the ${GRADE_COSTS.name} table at ${layout.address} (the hourly cost of each grade, blank until you fill it in)`,
  );
  p.touched.add(sheetName);
}

// ---- guide ----------------------------------------------------------------------------------

/** The Guide sheet, added when missing (an existing Guide is the user's to keep). */
export function planGuide(p: PlanContext): void {
  if (sheetOf(p.d, GUIDE_SHEET.sheet)) return;
  p.actions.push({ kind: "addSheet", sheet: GUIDE_SHEET.sheet });
  p.actions.push({
    kind: "writeCells",
    sheet: GUIDE_SHEET.sheet,
    address: `A1:A${GUIDE_SHEET.lines.length}`,
    values: GUIDE_SHEET.lines.map((l) => [l]),
  });
  p.actions.push({
    kind: "formatSheet",
    sheet: GUIDE_SHEET.sheet,
    widths: { A: GUIDE_SHEET.width },
    bold: ["A1"],
  });
  step(p, "add-sheet", "Add the Guide sheet (how to fill in the workbook)");
  p.touched.add(GUIDE_SHEET.sheet);
}

/**
 * The return reader: a workbook's cells (WorkbookGrid, from an .xlsx file or the open workbook)
 * → an AuditReturn the core understands.
 *
 * - Settings are found by their label in column A (normalised as headers are, below), value in
 *   column B, on the Settings sheet (or, if there is none, on any sheet whose column A holds the
 *   labels).
 * - Each audit table is found by its header row: normalised header names, on the blueprint's sheet
 *   first, else on any sheet. The header row is the row (among the first 100 of a sheet) that
 *   matches the most of the table's headers, at least 3 and more than it matches any other table.
 * - Columns are matched by normalised header (trimmed; case and inner spaces ignored, so "Our role",
 *   " OUR  ROLE " and "OurRole" are one header), never by position; a column no header names so is
 *   looked for with punctuation ignored too ("Trust: reliable" for "Trust (reliable)"). Extra
 *   columns are ignored. Two columns with the same normalised header are reported (ambiguous); a
 *   missing required column is an error, a missing optional one a warning. A missing table is an
 *   error.
 * - Every non-empty row under the header row is read, down to the last row of the sheet, whether or
 *   not the Excel table was extended to it; blank rows are skipped. A row counts as non-empty when
 *   a column someone types into holds something: a row holding only District, Audit round (often
 *   filled down a whole column) or the calculated Annual hours is not a row of data.
 * - The vocabularies and the regional partnership directory are read from the Lists sheet.
 * - A blank District or Audit round takes the Settings value. A missing cached Annual hours (a
 *   formula never calculated), or a cached 0 where the inputs give hours (a stale cache), is
 *   recomputed from its inputs.
 */
import {
  DIRECTORY,
  GRADE_COSTS,
  LISTS,
  SETTINGS,
  SHEETS,
  SURVEY_MAPPING,
  TABLES,
  settingSpec,
  type ColumnSpec,
  type ListKey,
  type SettingKey,
  type SettingSpec,
  type TableName,
  type TableSpec,
} from "../model/blueprint";
import type { Finding } from "../model/findings";
import { columnIndex, columnLetter, parseA1, type CellRect } from "../model/a1";
import { labelKey } from "../model/labels";
import { isBlank, toNumber } from "../model/cell-rules";
import { settingRangeText } from "../model/settings";
import type {
  AuditReturn,
  CellValue,
  DirectoryEntry,
  GradeCostsData,
  SheetGrid,
  TableData,
  TableRow,
  WorkbookGrid,
} from "../model/workbook-data";

export { columnIndex, columnLetter };

/**
 * A sheet or table name, a column header or a setting's label, compared without case or any white
 * space ("Partner survey" = "PartnerSurvey", " OUR   ROLE " = "Our role" = "OurRole"): headers are
 * normalised as labels are, with inner spaces ignored.
 */
function nameKey(name: string): string {
  return labelKey(name).replace(/ /g, "");
}

/**
 * A header or label as written, on one line: trimmed, a line break typed into it (Alt+Enter) made a
 * space, so that a finding naming it stays one line. Other spacing is kept as written.
 */
function oneLine(text: string): string {
  return text.trim().replace(/\s*[\r\n]+\s*/g, " ");
}

function cellText(value: CellValue | undefined): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return "";
}

const HEADER_SCAN_ROWS = 100;
const MIN_HEADER_MATCHES = 3;

/** Header key → blueprint column, per table. */
const HEADER_INDEX: ReadonlyMap<TableName, ReadonlyMap<string, ColumnSpec>> = new Map(
  TABLES.map((t) => [t.name, new Map(t.columns.map((c) => [nameKey(c.header), c]))]),
);

/**
 * A header with punctuation ignored as well ("Trust: reliable" = "Trust (reliable)", "Partnership-ID"
 * = "Partnership ID"): a column no header names exactly is looked for by this key, so that a header
 * retyped with other punctuation is still read. No two blueprint headers of a table share one.
 */
function looseKey(name: string): string {
  return nameKey(name).replace(/[^\p{L}\p{N}]/gu, "");
}

function headerScore(row: readonly CellValue[], table: TableSpec): number {
  const index = HEADER_INDEX.get(table.name);
  if (!index) return 0;
  const seen = new Set<string>();
  for (const cell of row) {
    const column = index.get(nameKey(cellText(cell)));
    if (column) seen.add(column.key);
  }
  return seen.size;
}

interface HeaderHit {
  readonly sheet: SheetGrid;
  /** 0-based index of the header row in sheet.rows */
  readonly rowIndex: number;
  readonly score: number;
}

function findHeaderRow(sheet: SheetGrid, table: TableSpec): HeaderHit | undefined {
  let best: HeaderHit | undefined;
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = sheet.rows[r];
    if (!row || row.length < MIN_HEADER_MATCHES) continue;
    const score = headerScore(row, table);
    if (score < MIN_HEADER_MATCHES) continue;
    const others = TABLES.filter((t) => t.name !== table.name).map((t) => headerScore(row, t));
    if (others.some((o) => o >= score)) continue;
    if (!best || score > best.score) best = { sheet, rowIndex: r, score };
  }
  return best;
}

/**
 * The blueprint's sheets whose contents are its own, never a table's: the Guide, Lists and
 * Summary. A table is not looked for on them: the Lists sheet's headers (Motivations, Barriers,
 * Impact routes, …) are Partnerships headers too, so a return whose Partnerships sheet was deleted
 * would otherwise read its Lists as partnerships instead of saying that the table is missing.
 */
const NOT_TABLE_SHEETS: ReadonlySet<string> = new Set(
  [SHEETS.guide, SHEETS.lists, SHEETS.summary].map(nameKey),
);

/**
 * Where a table's header row is: on its blueprint sheet first, else the best match on any other
 * sheet that may hold a table (a renamed or added sheet; not the Guide, Lists or Summary).
 */
function locateTable(grid: WorkbookGrid, table: TableSpec): HeaderHit | undefined {
  const own = grid.sheets.filter(
    (s) => nameKey(s.name) === nameKey(table.sheet) || nameKey(s.name) === nameKey(table.name),
  );
  for (const sheet of own) {
    const hit = findHeaderRow(sheet, table);
    if (hit) return hit;
  }
  let best: HeaderHit | undefined;
  for (const sheet of grid.sheets) {
    if (own.includes(sheet) || NOT_TABLE_SHEETS.has(nameKey(sheet.name))) continue;
    const hit = findHeaderRow(sheet, table);
    if (hit && (!best || hit.score > best.score)) best = hit;
  }
  return best;
}

/** Columns someone types into: a row with one of these filled is a row of data. */
function isDataColumn(column: ColumnSpec): boolean {
  return column.kind !== "calculated" && column.defaultsToSetting === undefined && column.kept !== true;
}

function readTable(
  hit: HeaderHit,
  table: TableSpec,
  settings: Partial<Record<SettingKey, string | number>>,
  file: string,
  findings: Finding[],
  dropRows: boolean,
): TableData {
  const { sheet, rowIndex } = hit;
  const headerRow = sheet.rows[rowIndex];
  const index = HEADER_INDEX.get(table.name) ?? new Map<string, ColumnSpec>();
  const found = new Map<string, number[]>();
  const unmatched: number[] = [];
  headerRow.forEach((cell, c) => {
    const column = index.get(nameKey(cellText(cell)));
    if (!column) {
      unmatched.push(c);
      return;
    }
    const list = found.get(column.key) ?? [];
    list.push(c);
    found.set(column.key, list);
  });
  // a column no header names exactly: a header that differs from it in punctuation only
  for (const column of table.columns) {
    if (found.has(column.key)) continue;
    const key = looseKey(column.header);
    const at = unmatched.filter((c) => looseKey(cellText(headerRow[c])) === key);
    if (at.length > 0) found.set(column.key, at);
  }
  const excelHeaderRow = rowIndex + 1;
  const base = { ...(file ? { file } : {}), sheet: sheet.name };
  const columns: Record<string, { header: string; letter: string }> = {};
  const positions: { key: string; index: number; column: ColumnSpec }[] = [];
  for (const column of table.columns) {
    const at = found.get(column.key);
    if (!at) {
      const hasSetting = column.defaultsToSetting && !isBlank(settings[column.defaultsToSetting] ?? null);
      if (column.kind === "calculated" || column.kept === true || hasSetting) continue;
      findings.push({
        ...base,
        severity: column.required ? "error" : "warning",
        row: excelHeaderRow,
        message: column.required
          ? `the ${column.header} column is missing; add a column headed "${column.header}" to the table (it is required)`
          : `the ${column.header} column is missing; add a column headed "${column.header}" to the table`,
      });
      continue;
    }
    if (at.length > 1) {
      const letters = at.map(columnLetter);
      findings.push({
        ...base,
        severity: "error",
        row: excelHeaderRow,
        column: oneLine(cellText(headerRow[at[1]])),
        address: `${letters[1]}${excelHeaderRow}`,
        message: `columns ${letters.join(" and ")} are both headed "${column.header}"; rename or delete one so that it is clear which to read`,
      });
    }
    // as written, on one line: a header typed with a line break (Alt+Enter) must not split a finding
    columns[column.key] = { header: oneLine(cellText(headerRow[at[0]])), letter: columnLetter(at[0]) };
    positions.push({ key: column.key, index: at[0], column });
  }

  const dataPositions = positions.filter((p) => isDataColumn(p.column));
  const fill = positions.filter((p) => p.column.defaultsToSetting !== undefined);
  const missingFill = table.columns.filter(
    (c) => c.defaultsToSetting !== undefined && columns[c.key] === undefined,
  );
  const annual = table.columns.find((c) => c.kind === "calculated" && c.key === "annualHours");
  const template = valuesTemplate([
    ...positions.map((p) => p.key),
    ...missingFill.map((c) => c.key),
    ...(annual && !positions.some((p) => p.key === annual.key) ? [annual.key] : []),
  ]);
  const rows: TableRow[] = [];
  for (let r = rowIndex + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r];
    if (!cells || cells.length === 0) continue;
    if (dropRows) dropRow(sheet, r);
    let any = false;
    for (const p of dataPositions) {
      if (!isBlank(cells[p.index] ?? null)) {
        any = true;
        break;
      }
    }
    if (!any) continue;
    const values: Record<string, CellValue> = { ...template };
    for (const p of positions) {
      const v = cells[p.index];
      values[p.key] = v === undefined ? null : v;
    }
    for (const p of fill) {
      if (isBlank(values[p.key])) values[p.key] = settingValue(settings, p.column.defaultsToSetting);
    }
    for (const c of missingFill) values[c.key] = settingValue(settings, c.defaultsToSetting);
    if (annual) {
      // A missing cached value (a formula never calculated), or a cached 0 where the inputs give
      // hours (a blank template row filled by a program that does not calculate), is recomputed.
      const cached = values[annual.key] ?? null;
      if (isBlank(cached)) values[annual.key] = annualHours(values);
      else if (cached === 0) {
        const computed = annualHours(values);
        if (computed !== null && computed > 0) values[annual.key] = computed;
      }
    }
    rows.push({ excelRow: r + 1, values });
  }
  return { table: table.name, sheet: sheet.name, headerRow: excelHeaderRow, columns, rows };
}

/**
 * An object with the keys a table's rows get, each null, in the order the rows get them; each row's
 * values start as a copy of it. Made by JSON.parse, whose objects hold their properties inside
 * themselves, so that a copy does too: a row's values then take about a fifth less memory than an
 * object given its keys one by one (about 100 bytes instead of 120 for nine keys in V8), which
 * counts for a million rows. The keys and their order are the same either way.
 */
function valuesTemplate(keys: readonly string[]): Readonly<Record<string, CellValue>> {
  return JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k) => [k, null])))) as Record<
    string,
    CellValue
  >;
}

function settingValue(
  settings: Partial<Record<SettingKey, string | number>>,
  key: SettingKey | undefined,
): CellValue {
  if (!key) return null;
  const v = settings[key];
  return v === undefined || v === "" ? null : v;
}

/**
 * Annual hours from the inputs, as the calculated column computes it: Meetings per year × Hours
 * per meeting + 12 × Other hours per month (blank other hours count 0). Null when an input needed is
 * blank or not a number (checks report that).
 */
export function annualHours(values: Readonly<Record<string, CellValue>>): number | null {
  const meetings = toNumber(values.meetingsPerYear ?? null);
  const hours = toNumber(values.hoursPerMeeting ?? null);
  const otherCell = values.otherHoursPerMonth ?? null;
  const other = isBlank(otherCell) ? 0 : toNumber(otherCell);
  if (meetings === undefined || hours === undefined || other === undefined) return null;
  return meetings * hours + 12 * other;
}

/** The Settings values found by label in column A (value in B), with findings about bad values. */
export function readSettings(
  grid: WorkbookGrid,
  file = "",
): { settings: Partial<Record<SettingKey, string | number>>; findings: Finding[] } {
  // by label as headers are matched: normalised, else with punctuation ignored too ("Hours per week:")
  const byLabel = new Map(SETTINGS.map((s) => [nameKey(s.label), s]));
  const byLoose = new Map(SETTINGS.map((s) => [looseKey(s.label), s]));
  const specOf = (cell: CellValue | undefined): SettingSpec | undefined =>
    byLabel.get(nameKey(cellText(cell))) ?? byLoose.get(looseKey(cellText(cell)));
  const countLabels = (sheet: SheetGrid): number =>
    sheet.rows.reduce((n, row) => n + (row && specOf(row[0]) ? 1 : 0), 0);
  let sheet = grid.sheets.find((s) => nameKey(s.name) === nameKey(SHEETS.settings));
  if (!sheet || countLabels(sheet) === 0) {
    sheet = grid.sheets.filter((s) => countLabels(s) >= 2).sort((a, b) => countLabels(b) - countLabels(a))[0];
  }
  const settings: Partial<Record<SettingKey, string | number>> = {};
  const findings: Finding[] = [];
  if (!sheet) return { settings, findings };
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    const spec = specOf(row[0]);
    if (!spec || settings[spec.key] !== undefined) return;
    const value = row[1] ?? null;
    const where = {
      ...(file ? { file } : {}),
      sheet: sheet.name,
      row: r + 1,
      column: oneLine(cellText(row[0])),
      address: `B${r + 1}`,
    };
    if (typeof value === "object" && value !== null) {
      findings.push({
        ...where,
        severity: "error",
        message: `the cell shows ${value.error}; type the ${spec.label.toLowerCase()} in B${r + 1}`,
      });
      return;
    }
    if (spec.kind === "text") {
      const text = typeof value === "boolean" ? String(value) : cellText(value).trim();
      if (text !== "") settings[spec.key] = text;
      return;
    }
    if (isBlank(value)) return;
    const n = toNumber(value);
    const min = spec.min ?? -Infinity;
    const max = spec.max ?? Infinity;
    if (n === undefined || n < min || n > max) {
      findings.push({
        ...where,
        severity: "error",
        message: `${JSON.stringify(typeof value === "boolean" ? String(value) : cellText(value))} is not a valid ${spec.label.toLowerCase()}; enter ${settingRangeText(spec)}`,
      });
      return;
    }
    settings[spec.key] = n;
  });
  return { settings, findings };
}

/** The vocabularies on the workbook's Lists sheet (header in the first rows, values below). */
function readLists(grid: WorkbookGrid): Partial<Record<ListKey, readonly string[]>> {
  const sheet = grid.sheets.find((s) => nameKey(s.name) === nameKey(SHEETS.lists));
  const out: Partial<Record<ListKey, readonly string[]>> = {};
  if (!sheet) return out;
  const byHeader = new Map(LISTS.map((l) => [nameKey(l.header), l]));
  const scan = Math.min(sheet.rows.length, 5);
  for (let r = 0; r < scan; r++) {
    const row = sheet.rows[r] ?? [];
    row.forEach((cell, c) => {
      const spec = byHeader.get(nameKey(cellText(cell)));
      if (!spec || out[spec.key]) return;
      const values: string[] = [];
      for (let i = r + 1; i < sheet.rows.length; i++) {
        const v = cellText(sheet.rows[i]?.[c] ?? null).trim();
        if (v !== "") values.push(v);
      }
      if (values.length > 0) out[spec.key] = values;
    });
  }
  return out;
}

/**
 * The regional partnership directory on the Lists sheet: the row (among the first ones) headed
 * Directory ID, Directory partnership and Directory level (normalised as headers are), and every
 * row below it with an ID. Empty when the sheet has none.
 */
function readDirectory(grid: WorkbookGrid): DirectoryEntry[] {
  const sheet = grid.sheets.find((s) => nameKey(s.name) === nameKey(SHEETS.lists));
  if (!sheet) return [];
  const [idKey, nameKeyOf, levelKey] = DIRECTORY.headers.map(nameKey);
  const scan = Math.min(sheet.rows.length, 5);
  for (let r = 0; r < scan; r++) {
    const keys = (sheet.rows[r] ?? []).map((cell) => nameKey(cellText(cell)));
    const idAt = keys.indexOf(idKey);
    if (idAt < 0) continue;
    const nameAt = keys.indexOf(nameKeyOf);
    const levelAt = keys.indexOf(levelKey);
    const at = (row: readonly CellValue[] | undefined, c: number): string =>
      c < 0 ? "" : cellText(row?.[c] ?? null).trim();
    const out: DirectoryEntry[] = [];
    for (let i = r + 1; i < sheet.rows.length; i++) {
      const row = sheet.rows[i];
      const id = at(row, idAt);
      if (id !== "") out.push({ id, name: at(row, nameAt), level: at(row, levelAt) });
    }
    return out;
  }
  return [];
}

interface ReadReturnOptions {
  /**
   * The grid is the caller's to give up (a file reader's own grid, read for this return alone): the
   * rows of a table's sheet are dropped from it as they become table rows, so that a table of a
   * million rows is not held twice, as cells and as rows. A sheet that holds two tables keeps its
   * rows. The grid is left with holes where those rows were.
   */
  readonly consumeGrid?: boolean;
}

/** Read a district return (or a regional workbook, or the open workbook) from its cells. */
export function readReturn(grid: WorkbookGrid, file = "", options: ReadReturnOptions = {}): AuditReturn {
  const consume = options.consumeGrid === true;
  const { settings, findings } = readSettings(grid, file);
  for (const spec of SETTINGS) {
    if (spec.kind === "number" && settings[spec.key] === undefined && spec.key !== "schemaVersion") {
      settings[spec.key] = settingSpec(spec.key).default;
    }
  }
  // everything read from other rows of the grid first, so that the table rows may then be dropped
  const lists = readLists(grid);
  const directory = readDirectory(grid);
  const surveyMapping = readSurveyMappingText(grid);
  const hits = TABLES.map((table) => ({ table, hit: locateTable(grid, table) }));
  const sheetsWithTables = hits.flatMap(({ hit }) => (hit ? [hit.sheet] : []));
  const gradeCosts = readGradeCosts(grid, consume ? sheetsWithTables : undefined);
  const tables: Partial<Record<TableName, TableData>> = {};
  for (const { table, hit } of hits) {
    if (!hit && !expectsTable(settings, table)) continue;
    if (!hit) {
      findings.push({
        ...(file ? { file } : {}),
        severity: "error",
        sheet: table.sheet,
        message: missingTableMessage(table),
      });
      continue;
    }
    const alone = sheetsWithTables.filter((s) => s === hit.sheet).length === 1;
    tables[table.name] = readTable(hit, table, settings, file, findings, consume && alone);
  }
  for (const f of readProblems(grid, tables, file)) findings.push(f);
  return {
    file,
    settings,
    tables,
    findings,
    lists,
    ...(directory.length > 0 ? { directory } : {}),
    ...(gradeCosts ? { gradeCosts } : {}),
    ...(surveyMapping ? { surveyMapping } : {}),
  };
}

/**
 * Drop row `r` of a sheet whose rows the caller gave up (ReadReturnOptions.consumeGrid): a hole is
 * what SheetGrid has for an empty row, and the rows below are still read where they are.
 */
function dropRow(sheet: SheetGrid, r: number): void {
  (sheet.rows as (readonly CellValue[] | undefined)[])[r] = undefined;
}

/** The survey mapping the Settings sheet remembers: column B of the row labelled "Survey mapping". */
function readSurveyMappingText(grid: WorkbookGrid): string | undefined {
  const sheet = grid.sheets.find((s) => nameKey(s.name) === nameKey(SHEETS.settings));
  for (const row of sheet?.rows ?? []) {
    if (row && nameKey(cellText(row[0])) === nameKey(SURVEY_MAPPING.label)) {
      const text = cellText(row[1] ?? null).trim();
      return text === "" ? undefined : text;
    }
  }
  return undefined;
}

/**
 * What the file reader could not place or read as it is, as errors naming the sheet (and the row,
 * cell and column header where there are ones): Excel never writes such a file, so its data cannot
 * be trusted to be complete.
 */
function readProblems(
  grid: WorkbookGrid,
  tables: Partial<Record<TableName, TableData>>,
  file: string,
): Finding[] {
  const out: Finding[] = [];
  for (const sheet of grid.sheets) {
    if (!sheet.problems || sheet.problems.length === 0) continue;
    const headers = new Map<string, string>();
    for (const t of Object.values(tables)) {
      if (t?.sheet !== sheet.name) continue;
      for (const c of Object.values(t.columns)) headers.set(c.letter, c.header);
    }
    for (const p of sheet.problems) {
      const letters = p.address ? /^[A-Z]+/.exec(p.address)?.[0] : undefined;
      const header = letters ? headers.get(letters) : undefined;
      out.push({
        ...(file ? { file } : {}),
        severity: "error",
        sheet: sheet.name,
        ...(p.row !== undefined ? { row: p.row } : {}),
        ...(header ? { column: header } : {}),
        ...(p.address ? { address: p.address } : {}),
        message: p.message,
      });
    }
  }
  return out;
}

function missingTableMessage(table: TableSpec): string {
  const headers = table.columns
    .filter((c) => c.required)
    .map((c) => c.header)
    .join(", ");
  return `no ${table.sheet} table found: no sheet has a header row with ${headers}; add the table (the template has it) or restore its headers`;
}

/**
 * Whether a workbook should have the table: a workbook that records an older schema version than
 * the one that introduced the table (a return made before it existed) lacks it without fault, and
 * is read as having no such rows; set-up adds the table when the workbook is upgraded. A workbook
 * that records no schema version (made by hand or by another program, not by set-up or the
 * template) is held only to the first version's tables (Partnerships, Representation, Partner
 * survey): a later table it lacks was never asked of it.
 */
function expectsTable(settings: AuditReturn["settings"], table: TableSpec): boolean {
  const version = settings.schemaVersion;
  return typeof version === "number" ? version >= table.since : table.since <= 1;
}

/** The audit tables a return lacks (a return without all of them cannot be read as a return). */
export function missingTables(ret: AuditReturn): TableName[] {
  return TABLES.filter((t) => ret.tables[t.name] === undefined && expectsTable(ret.settings, t)).map(
    (t) => t.name,
  );
}

/** The return's district: the Settings district, else the one district its Partnerships rows name. */
export function returnDistrict(ret: AuditReturn): string {
  const fromSettings = ret.settings.district;
  if (fromSettings !== undefined && String(fromSettings).trim() !== "") return String(fromSettings).trim();
  const seen = new Set<string>();
  for (const row of ret.tables.Partnerships?.rows ?? []) {
    const d = cellText(row.values.district ?? null).trim();
    if (d) seen.add(d);
  }
  return seen.size === 1 ? [...seen][0] : "";
}

/**
 * The district a workbook's Settings sheet names, trimmed; undefined when it names none. A regional
 * workbook leaves it blank (the blueprint says so), so a workbook that names one is a district return.
 */
export function settingsDistrict(ret: AuditReturn): string | undefined {
  const d = ret.settings.district;
  const text = d === undefined ? "" : String(d).trim();
  return text === "" ? undefined : text;
}

/** The return's audit round: the Settings round, else the one round its rows name. */
export function returnRound(ret: AuditReturn): string {
  const fromSettings = ret.settings.auditRound;
  if (fromSettings !== undefined && String(fromSettings).trim() !== "") return String(fromSettings).trim();
  const seen = new Set<string>();
  for (const table of TABLES) {
    for (const row of ret.tables[table.name]?.rows ?? []) {
      const d = cellText(row.values.auditRound ?? null).trim();
      if (d) seen.add(d);
    }
  }
  return seen.size === 1 ? [...seen][0] : "";
}

/**
 * The GradeCosts table: the Excel table of that name where the reader knows the workbook's tables,
 * else the Grade / Hourly cost header row on the Settings sheet (where set-up puts it). Never a
 * header row on another sheet: a Representation sheet with a Grade and an old Hourly cost column is
 * not the GradeCosts table. Its rows are every non-empty row below the header row, read by header
 * name (normalised as headers are) like the audit tables. Absent in a workbook made before schema
 * version 2.
 */
// exported for tests
export function readGradeCosts(
  grid: WorkbookGrid,
  /** when given, the grid is the caller's to give up (see ReadReturnOptions.consumeGrid): the rows
   * read are dropped from it, unless the sheet is one of these (a sheet that holds an audit table) */
  keepRowsOf?: readonly SheetGrid[],
): GradeCostsData | undefined {
  const drop = (sheet: SheetGrid): boolean => keepRowsOf !== undefined && !keepRowsOf.includes(sheet);
  const keys = new Map(GRADE_COSTS.columns.map((c) => [nameKey(c.header), c.key]));
  // the table by its name, on whatever sheet it is
  for (const sheet of grid.sheets) {
    const table = (sheet.tables ?? []).find((t) => nameKey(t.name) === nameKey(GRADE_COSTS.name));
    if (!table) continue;
    let rect: CellRect;
    try {
      rect = parseA1(table.range);
    } catch {
      continue;
    }
    const found = gradeCostsAt(sheet, rect.r0, keys, rect.c0, rect.c1, drop(sheet));
    if (found) return found;
  }
  // else the header row on the Settings sheet
  for (const sheet of grid.sheets.filter((s) => nameKey(s.name) === nameKey(GRADE_COSTS.sheet))) {
    const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
    for (let r = 0; r < limit; r++) {
      const found = gradeCostsAt(sheet, r, keys, 0, Number.MAX_SAFE_INTEGER, drop(sheet));
      if (found) return found;
    }
  }
  return undefined;
}

/** The GradeCosts rows under a header row `r` whose Grade and Hourly cost are in columns c0…c1. */
function gradeCostsAt(
  sheet: SheetGrid,
  r: number,
  keys: ReadonlyMap<string, string>,
  c0: number,
  c1: number,
  dropRows: boolean,
): GradeCostsData | undefined {
  const row = sheet.rows[r] ?? [];
  const at = new Map<string, number>();
  row.forEach((cell, c) => {
    if (c < c0 || c > c1) return;
    const key = keys.get(nameKey(cellText(cell)));
    if (key && !at.has(key)) at.set(key, c);
  });
  if (at.size < keys.size) return undefined;
  const columns: Record<string, { header: string; letter: string }> = {};
  for (const [key, c] of at) columns[key] = { header: oneLine(cellText(row[c])), letter: columnLetter(c) };
  const rows: TableRow[] = [];
  for (let i = r + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i] ?? [];
    if (dropRows) dropRow(sheet, i);
    const values: Record<string, CellValue> = {};
    let any = false;
    for (const [key, c] of at) {
      const v = cells[c] ?? null;
      values[key] = v;
      if (!isBlank(v)) any = true;
    }
    if (any) rows.push({ excelRow: i + 1, values });
  }
  return { sheet: sheet.name, headerRow: r + 1, columns, rows };
}

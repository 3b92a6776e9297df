/**
 * Set-up and upgrade of the audit workbook: inspect (2 syncs) → plan (pure, src/core/setup-plan)
 * → apply in 2 syncs: structure first (sheets, tables, columns, lists, settings, names), then
 * decoration (validation, input messages, highlighting, formats, the calculated column, the
 * Summary, charts) and, last of all, the schema version. 4 syncs whatever the size of the tables:
 * set-up never writes user rows, so its payload is bounded by the blueprint (a few tens of KB),
 * and a column-wide formula or number format is sent once as a single value for the whole range.
 *
 * If a sync fails, what was written before it stays (Excel batches are not transactions): the
 * result says which part was written, and because the schema version is written last, running
 * set-up again completes the rest.
 */
import { LISTS, SETTINGS, TABLES, type ColumnSpec, type TableSpec } from "../core/blueprint";
import type { SummaryCell, SummaryStyle } from "../core/summary-layout";
import { planSetup, type SetupAction, type SetupPlan } from "../core/setup-plan";
import type { SetupPreview, SetupResult } from "../core/operations";
import { ANSWERS_SETTING, inspectWorkbook } from "./inspect";
import { queueChart } from "./charts";
import { describeError } from "./errors";

export { ANSWERS_SETTING };

/** Excel column width in points per character of the blueprint's widths. */
const POINTS_PER_CHARACTER = 5.7;
/** The fill of a blank required cell (the Guide says "yellow"). */
export const REQUIRED_FILL = "#FFF2CC";
export const TABLE_STYLE = "TableStyleMedium2";

/**
 * Sets one value for every cell of a range. Office.js accepts a single value for values,
 * formulas and numberFormat ("If the argument is a single value, it will be applied to all cells
 * in the range"; confirmed by the docs team in OfficeDev/office-js-docs-pr#2013: it works but does
 * not compile with the typings, which only declare the 2-D form) — hence this one cast. It keeps a
 * column-wide write to one small request element whatever the number of rows.
 */
export function setWhole(
  range: Excel.Range,
  prop: "values" | "formulas" | "numberFormat",
  value: string | number,
): void {
  (range as unknown as Record<typeof prop, string | number>)[prop] = value;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function tableSpec(name: string): TableSpec {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`No table ${name} in the blueprint`);
  return t;
}

/** The validation rule of a column, or undefined for free text, multi-select and calculated columns. */
export function validationRule(col: ColumnSpec): Excel.DataValidationRule | undefined {
  if (col.kind === "list" && col.list) {
    const list = LISTS.find((l) => l.key === col.list);
    return list ? { list: { inCellDropDown: true, source: `=${list.rangeName}` } } : undefined;
  }
  const max = col.max === "currentYear" ? "=YEAR(TODAY())" : col.max;
  const basic = (): Excel.BasicDataValidation =>
    max === undefined
      ? { formula1: col.min ?? 0, operator: "GreaterThanOrEqualTo" }
      : { formula1: col.min ?? 0, formula2: max, operator: "Between" };
  if (col.kind === "year" || col.kind === "rating") return { wholeNumber: basic() };
  if (col.kind === "number") return { decimal: basic() };
  return undefined;
}

/** The error alert of a column with a rule: what is wrong and what to do. */
export function errorAlert(col: ColumnSpec): Excel.DataValidationErrorAlert {
  let message: string;
  if (col.kind === "list") {
    const list = LISTS.find((l) => l.key === col.list);
    message = `Pick ${col.header} from the drop-down. The choices are on the Lists sheet (${list?.header ?? "its column"}); a region may add entries there.`;
  } else if (col.kind === "year") {
    message = `Type a year from ${col.min ?? 1990} to this year, e.g. 2015.`;
  } else if (col.kind === "rating") {
    message = `Type a whole number from ${col.min ?? 1} to ${String(col.max)}, or leave the cell blank.`;
  } else {
    message =
      col.max === undefined
        ? `Type a number of ${col.min ?? 0} or more.`
        : `Type a number from ${col.min ?? 0} to ${String(col.max)}.`;
  }
  return { showAlert: true, style: "Stop", title: clip(`${col.header}`, 32), message: clip(message, 225) };
}

export function numberFormatOf(col: ColumnSpec): string | undefined {
  if (col.kind === "year" || col.kind === "rating") return "0";
  if (col.kind === "calculated") return "0.0";
  return undefined;
}

function sheetOf(context: Excel.RequestContext, name: string): Excel.Worksheet {
  return context.workbook.worksheets.getItem(name);
}

function applyStyle(range: Excel.Range, style: SummaryStyle): void {
  const font = range.format.font;
  if (style === "title") {
    font.bold = true;
    font.size = 16;
  } else if (style === "heading") {
    font.bold = true;
    font.size = 12;
  } else if (style === "header") {
    font.bold = true;
    range.format.fill.color = "#DDEBF7";
  } else if (style === "subtitle") {
    font.italic = true;
    font.color = "#595959";
  }
}

function writeSummaryCell(sheet: Excel.Worksheet, cell: SummaryCell): void {
  const range = sheet.getRange(cell.address);
  if (cell.formula !== undefined) range.formulas = [[cell.formula]];
  else range.values = [[cell.value ?? ""]];
  if (cell.numberFormat) range.numberFormat = [[cell.numberFormat]];
  applyStyle(range, cell.style);
}

/** Queues one action (no sync). */
export function queueAction(context: Excel.RequestContext, a: SetupAction): void {
  const wb = context.workbook;
  switch (a.kind) {
    case "addSheet":
      wb.worksheets.add(a.sheet);
      return;
    case "createTable": {
      const sheet = sheetOf(context, a.sheet);
      if (a.headers) sheet.getRange(a.address).values = [a.headers.slice()];
      // a Range, not an address: a bare address could be taken on the active sheet
      const table = sheet.tables.add(sheet.getRange(a.address), true);
      table.name = a.table;
      table.style = TABLE_STYLE;
      return;
    }
    case "renameTable":
      wb.tables.getItem(a.from).name = a.to;
      return;
    case "renameHeader":
      wb.tables.getItem(a.table).getHeaderRowRange().getCell(0, a.index).values = [[a.to]];
      return;
    case "addColumns": {
      const table = wb.tables.getItem(a.table);
      for (const header of a.headers) table.columns.add(undefined, undefined, header);
      return;
    }
    case "writeCells":
      sheetOf(context, a.sheet).getRange(a.address).values = a.values.map((r) => r.slice());
      return;
    case "setName":
      if (a.replace) wb.names.getItem(a.name).delete();
      wb.names.add(a.name, a.formula);
      return;
    case "decorateTable": {
      const spec = tableSpec(a.table);
      const table = wb.tables.getItem(a.table);
      const rowSpan = `$${a.firstLetter}${a.firstBodyRow}:$${a.lastLetter}${a.firstBodyRow}`;
      for (const c of a.columns) {
        const col = spec.columns.find((x) => x.key === c.key);
        if (!col) continue;
        const body = table.columns.getItemAt(c.index).getDataBodyRange();
        const rule = validationRule(col);
        if (rule) {
          body.dataValidation.clear();
          body.dataValidation.rule = rule;
          body.dataValidation.errorAlert = errorAlert(col);
        }
        body.dataValidation.prompt = {
          showPrompt: true,
          title: clip(col.header, 32),
          message: clip(col.help, 255),
        };
        const format = numberFormatOf(col);
        if (format) setWhole(body, "numberFormat", format);
        if (c.highlight) {
          const cf = body.conditionalFormats.add("Custom");
          cf.custom.rule.formula = `=AND(COUNTA(${rowSpan})>${a.calculatedColumns},LEN(TRIM(${c.letter}${a.firstBodyRow}))=0)`;
          cf.custom.format.fill.color = REQUIRED_FILL;
        }
        if (c.added)
          table.columns.getItemAt(c.index).getRange().format.columnWidth = col.width * POINTS_PER_CHARACTER;
      }
      if (a.isNew) {
        table.getHeaderRowRange().format.wrapText = true;
        sheetOf(context, a.sheet).freezePanes.freezeRows(a.headerRow);
      }
      return;
    }
    case "calculatedColumn": {
      const body = wb.tables.getItem(a.table).columns.getItemAt(a.index).getDataBodyRange();
      setWhole(body, "formulas", a.formula);
      return;
    }
    case "decorateSettings": {
      const sheet = sheetOf(context, a.sheet);
      sheet.getRange("A1:C1").format.font.bold = true;
      sheet.getRange("A1").format.columnWidth = 18 * POINTS_PER_CHARACTER;
      sheet.getRange("B1").format.columnWidth = 16 * POINTS_PER_CHARACTER;
      sheet.getRange("C1").format.columnWidth = 70 * POINTS_PER_CHARACTER;
      for (const cell of a.cells) {
        const spec = SETTINGS.find((s) => s.key === cell.key);
        if (!spec) continue;
        const range = sheet.getRange(cell.address);
        range.dataValidation.clear();
        range.dataValidation.rule = {
          decimal: { formula1: spec.min ?? 0, formula2: spec.max ?? 1e9, operator: "Between" },
        };
        range.dataValidation.errorAlert = {
          showAlert: true,
          style: "Stop",
          title: clip(spec.label, 32),
          message: clip(`Type a number from ${spec.min ?? 0} to ${spec.max ?? "any"}.`, 225),
        };
        range.dataValidation.prompt = {
          showPrompt: true,
          title: clip(spec.label, 32),
          message: clip(spec.help, 255),
        };
      }
      return;
    }
    case "summary": {
      const sheet = sheetOf(context, a.sheet);
      for (const cell of a.cells) writeSummaryCell(sheet, cell);
      for (const [letter, width] of Object.entries(a.widths))
        sheet.getRange(`${letter}1`).format.columnWidth = width * POINTS_PER_CHARACTER;
      return;
    }
    case "chart":
      return queueChart(context, a.sheet, a.chart);
    case "schemaVersion":
      sheetOf(context, a.sheet).getRange(a.address).values = [[a.value]];
      return;
    case "rememberAnswers":
      context.workbook.settings.add(ANSWERS_SETTING, JSON.stringify(a.answers));
      return;
  }
}

const STRUCTURE: ReadonlySet<SetupAction["kind"]> = new Set([
  "addSheet",
  "createTable",
  "renameTable",
  "renameHeader",
  "addColumns",
  "writeCells",
  "setName",
]);

/** Splits a plan into the two write batches: structure (sheets first), then decoration (schema version last). */
export function batchesOf(actions: readonly SetupAction[]): [SetupAction[], SetupAction[]] {
  const sheets = actions.filter((a) => a.kind === "addSheet");
  const structure = actions.filter((a) => a.kind !== "addSheet" && STRUCTURE.has(a.kind));
  const rest = actions.filter(
    (a) => !STRUCTURE.has(a.kind) && a.kind !== "schemaVersion" && a.kind !== "rememberAnswers",
  );
  const version = actions.filter((a) => a.kind === "schemaVersion" || a.kind === "rememberAnswers");
  return [
    [...sheets, ...structure],
    [...rest, ...version],
  ];
}

/** One line per action, for SetupResult. */
export function describeAction(a: SetupAction): string {
  switch (a.kind) {
    case "addSheet":
      return `Added the ${a.sheet} sheet`;
    case "createTable":
      return `Made the ${a.table} table on ${a.sheet}`;
    case "renameTable":
      return `Renamed the table ${a.from} to ${a.to}`;
    case "renameHeader":
      return `${a.table}: renamed the header "${a.from}" to "${a.to}"`;
    case "addColumns":
      return `${a.table}: added the columns ${a.headers.join(", ")}`;
    case "writeCells":
      return `${a.sheet}: wrote headings, labels and defaults`;
    case "setName":
      return `Named ${a.name} (used by pick-lists and formulas)`;
    case "decorateTable":
      return `${a.table}: pick-lists, bounds, input messages, highlighting and formats on ${a.columns.length} column(s)`;
    case "calculatedColumn":
      return `${a.table}: formula of calculated column ${a.index + 1}`;
    case "decorateSettings":
      return `${a.sheet}: bounds on the number settings`;
    case "summary":
      return `${a.sheet}: figures as AUDIT formulas`;
    case "chart":
      return `${a.sheet}: chart "${a.chart.title}"`;
    case "schemaVersion":
      return `Recorded schema version ${a.value}`;
    case "rememberAnswers":
      return "Remembered your answers to set-up's questions";
  }
}

/** What set-up would do: 2 syncs (read only). */
export async function previewSetup(
  context: Excel.RequestContext,
  answers: Readonly<Record<string, string>> = {},
): Promise<SetupPreview> {
  return planSetup(await inspectWorkbook(context), answers).preview;
}

/** Applies an already computed plan: 2 syncs (structure, then decoration and schema version). */
export async function applyPlan(context: Excel.RequestContext, plan: SetupPlan): Promise<SetupResult> {
  const done: string[] = [];
  const [structure, decoration] = batchesOf(plan.actions);
  const batches = [structure, decoration].filter((b) => b.length > 0);
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i];
    try {
      context.application.suspendApiCalculationUntilNextSync();
      for (const a of batch) queueAction(context, a);
      await context.sync();
      for (const line of batch.map(describeAction)) if (!done.includes(line)) done.push(line);
    } catch (e) {
      const notDone = [...new Set(batches.slice(i).flat().map(describeAction))];
      return {
        ok: false,
        done,
        notDone,
        error:
          `Set-up stopped: ${describeError(e)}. ` +
          (done.length > 0
            ? "The first part was written (see the list); "
            : "Nothing was written by this step; ") +
          "your rows were not changed. Fix the problem and run set-up again: it adds only what is still missing.",
      };
    }
  }
  return { ok: true, done, notDone: [] };
}

/**
 * Set-up or upgrade: inspect again (the workbook may have changed since the preview), plan with
 * the user's answers, refuse when something blocks, else apply. 4 syncs at most.
 */
export async function applySetup(
  context: Excel.RequestContext,
  answers: Readonly<Record<string, string>> = {},
): Promise<SetupResult> {
  const plan = planSetup(await inspectWorkbook(context), answers);
  if (plan.preview.blockers.length > 0) {
    return {
      ok: false,
      done: [],
      notDone: plan.preview.steps.map((s) => s.description),
      error: plan.preview.blockers.map((b) => b.message).join(" "),
    };
  }
  const result = await applyPlan(context, plan);
  // a column with an open question is neither renamed nor added until it is answered
  const waiting = plan.preview.questions.map((q) => `Waiting for your answer: ${q.prompt}`);
  return waiting.length > 0 ? { ...result, notDone: [...result.notDone, ...waiting] } : result;
}

/**
 * Set-up and upgrade of the audit workbook, a renderer of the core's workbook spec with no rule of
 * its own (validation, messages, formats, highlight, names, Summary cells all come from
 * src/core/workbook/spec): inspect (2 syncs) → plan (pure, src/core/workbook/setup) → apply in 2 syncs: structure first (sheets, tables, columns, lists, settings, names), then
 * decoration (validation, input messages, highlighting, formats, the calculated column, the
 * Summary, charts) and, last of all, the schema version. 4 syncs on tables of up to about 100,000
 * rows: set-up never writes user rows, but a column's number format or calculated formula is
 * written as a full array, one entry per cell (write-ranges.ts), so a very large table's columns
 * may take a further sync per 4 MB of them.
 *
 * If a sync fails, what was written before it stays (Excel batches are not transactions): the
 * result says which part was written, and because the schema version is written last, running
 * set-up again completes the rest.
 */
import { settingSpec } from "../core/model/blueprint";
import type { SetupPreview, SetupResult } from "../core/model/operations";
import { parseA1 } from "../core/model/a1";
import { labelKey } from "../core/model/labels";
import {
  describeAction,
  planSetup,
  type SetupAction,
  type SetupPlan,
  type WorkbookDescription,
} from "../core/workbook/setup";
// the spec's modules one by one: set-up writes formulas and rules, never the Summary's values
import {
  REQUIRED_FILL,
  TABLE_STYLE,
  highlightFormula,
  ruleOf,
  type Message,
  type ValidationRule,
} from "../core/workbook/spec/columns";
import { SETTINGS_SHEET, settingRule } from "../core/workbook/spec/sheets";
import type { SummaryCell, SummaryStyle } from "../core/workbook/spec/summary";
import { ANSWERS_SETTING, inspectWorkbook } from "./inspect";
import { queueChart } from "./charts";
import { describeError } from "./errors";
import { RangeFiller } from "./write-ranges";

export { ANSWERS_SETTING, describeAction };

/** Excel column width in points per character of the spec's widths. */
const POINTS_PER_CHARACTER = 5.7;

/** The spec's validation rule in Office.js terms. */
function excelRule(rule: ValidationRule): Excel.DataValidationRule {
  if (rule.type === "list") return { list: { inCellDropDown: true, source: rule.source } };
  const basic: Excel.BasicDataValidation =
    rule.operator === "between"
      ? { formula1: rule.formula1, formula2: rule.formula2 ?? rule.formula1, operator: "Between" }
      : { formula1: rule.formula1, operator: "GreaterThanOrEqualTo" };
  return rule.type === "whole" ? { wholeNumber: basic } : { decimal: basic };
}

/** Validation, error alert and input message of a range, from the spec. */
function applyRules(
  range: Excel.Range,
  rules: { readonly validation?: ValidationRule; readonly errorAlert?: Message; readonly prompt: Message },
): void {
  if (rules.validation) {
    range.dataValidation.clear();
    range.dataValidation.rule = excelRule(rules.validation);
    if (rules.errorAlert)
      range.dataValidation.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: rules.errorAlert.title,
        message: rules.errorAlert.message,
      };
  }
  range.dataValidation.prompt = {
    showPrompt: true,
    title: rules.prompt.title,
    message: rules.prompt.message,
  };
}

function sheetOf(context: Excel.RequestContext, name: string): Excel.Worksheet {
  return context.workbook.worksheets.getItem(name);
}

function setWidths(sheet: Excel.Worksheet, widths: Readonly<Record<string, number>>): void {
  for (const [letter, width] of Object.entries(widths))
    sheet.getRange(`${letter}1`).format.columnWidth = width * POINTS_PER_CHARACTER;
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

/** Body rows of each table after set-up's structure batch, by table name (labelKey). */
type BodyRows = ReadonlyMap<string, number>;

/**
 * How many body rows each table has when set-up decorates it: as inspected, or as a new table is
 * made (its range's rows under the header; Excel gives a table made over its header row alone one
 * empty body row). Set-up adds columns, never rows, so this holds for the whole of set-up.
 */
// exported for tests
export function bodyRowsOf(desc: WorkbookDescription, actions: readonly SetupAction[]): BodyRows {
  const rows = new Map<string, number>(desc.tables.map((t) => [labelKey(t.name), Math.max(1, t.rowCount)]));
  for (const a of actions) {
    if (a.kind === "renameTable") rows.set(labelKey(a.to), rows.get(labelKey(a.from)) ?? 1);
    if (a.kind === "createTable") {
      const r = parseA1(a.address);
      rows.set(labelKey(a.table), Math.max(1, r.r1 - r.r0));
    }
  }
  return rows;
}

/**
 * Queues one action; the only syncs are those of `filler`, which writes full arrays (one entry
 * per cell) and syncs when a large table's column would pass the request budget.
 */
async function queueAction(
  context: Excel.RequestContext,
  a: SetupAction,
  filler: RangeFiller,
  bodyRows: BodyRows,
): Promise<void> {
  const wb = context.workbook;
  const rowsOf = (table: string): number => bodyRows.get(labelKey(table)) ?? 1;
  switch (a.kind) {
    case "addSheet":
      wb.worksheets.add(a.sheet);
      return;
    case "createTable": {
      const sheet = sheetOf(context, a.sheet);
      // the headers go in the first row of the range (which may hold the body rows too)
      if (a.headers) sheet.getRange(a.address).getRow(0).values = [a.headers.slice()];
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
      const table = wb.tables.getItem(a.table);
      for (const c of a.columns) {
        const rule = ruleOf(a.table, c.key);
        const body = table.columns.getItemAt(c.index).getDataBodyRange();
        applyRules(body, rule);
        if (rule.numberFormat) await filler.fill(body, "numberFormat", rule.numberFormat, rowsOf(a.table));
        if (c.highlight) {
          const cf = body.conditionalFormats.add("Custom");
          cf.custom.rule.formula = highlightFormula(a, c.letter);
          cf.custom.format.fill.color = REQUIRED_FILL;
        }
        if (c.added)
          table.columns.getItemAt(c.index).getRange().format.columnWidth = rule.width * POINTS_PER_CHARACTER;
      }
      if (a.isNew) {
        table.getHeaderRowRange().format.wrapText = true;
        sheetOf(context, a.sheet).freezePanes.freezeRows(a.headerRow);
      }
      return;
    }
    case "calculatedColumn": {
      const body = wb.tables.getItem(a.table).columns.getItemAt(a.index).getDataBodyRange();
      await filler.fill(body, "formulas", a.formula, rowsOf(a.table));
      return;
    }
    case "decorateSettings": {
      const sheet = sheetOf(context, a.sheet);
      if (a.isNew) {
        sheet.getRange("A1:C1").format.font.bold = true;
        setWidths(sheet, SETTINGS_SHEET.widths);
      }
      for (const cell of a.cells) {
        const rule = settingRule(settingSpec(cell.key));
        const range = sheet.getRange(cell.address);
        applyRules(range, rule);
      }
      return;
    }
    case "formatSheet": {
      const sheet = sheetOf(context, a.sheet);
      setWidths(sheet, a.widths);
      for (const address of a.bold) sheet.getRange(address).format.font.bold = true;
      return;
    }
    case "summary": {
      const sheet = sheetOf(context, a.sheet);
      for (const f of a.formats) {
        const r = parseA1(f.address);
        await filler.fill(
          sheet.getRange(f.address),
          "numberFormat",
          f.numberFormat,
          r.r1 - r.r0 + 1,
          r.c1 - r.c0 + 1,
        );
      }
      for (const cell of a.cells) writeSummaryCell(sheet, cell);
      setWidths(sheet, a.widths);
      return;
    }
    case "chart":
      return queueChart(context, a.sheet, a.chart, a.rows);
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
function batchesOf(actions: readonly SetupAction[]): [SetupAction[], SetupAction[]] {
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

/** What set-up would do: 2 syncs (read only). */
export async function previewSetup(
  context: Excel.RequestContext,
  answers: Readonly<Record<string, string>> = {},
): Promise<SetupPreview> {
  return planSetup(await inspectWorkbook(context), answers).preview;
}

/**
 * Applies an already computed plan: 2 syncs (structure, then decoration and schema version), and
 * more only when a large table's column formats pass the request budget (write-ranges.ts).
 */
export async function applyPlan(
  context: Excel.RequestContext,
  plan: SetupPlan,
  bodyRows: BodyRows,
): Promise<SetupResult> {
  const done: string[] = [];
  const [structure, decoration] = batchesOf(plan.actions);
  const batches = [structure, decoration].filter((b) => b.length > 0);
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i];
    try {
      const suspend = (): void => context.application.suspendApiCalculationUntilNextSync();
      suspend();
      const filler = new RangeFiller(context, undefined, suspend);
      for (const a of batch) await queueAction(context, a, filler, bodyRows);
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
  const desc = await inspectWorkbook(context);
  const plan = planSetup(desc, answers);
  if (plan.preview.blockers.length > 0) {
    return {
      ok: false,
      done: [],
      notDone: plan.preview.steps.map((s) => s.description),
      error: plan.preview.blockers.map((b) => b.message).join(" "),
    };
  }
  const result = await applyPlan(context, plan, bodyRowsOf(desc, plan.actions));
  // a column with an open question is neither renamed nor added until it is answered
  const waiting = plan.preview.questions.map((q) => `Waiting for your answer: ${q.prompt}`);
  return waiting.length > 0 ? { ...result, notDone: [...result.notDone, ...waiting] } : result;
}

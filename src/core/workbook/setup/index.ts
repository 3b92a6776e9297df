/**
 * Set-up planning (pure): from a description of the open workbook to the list of changes that
 * bring it to the current workbook spec, shown to the user before anything is written. The Excel
 * shell (src/excel/inspect.ts, src/excel/setup.ts) reads the description and applies the plan.
 *
 * The jobs are split by file: ./matching (headers and tables that resemble ours), ./tables (the
 * three audit tables), ./sheets (Guide, Settings, Lists and the names), ./summary (the Summary and
 * its charts), ./steps (what each action did, in words), ./model (the description, the actions and
 * the plan's state).
 *
 * Rules (each has a test in test/core/workbook/setup.test.ts):
 * - Nothing of the user's is deleted, reordered or overwritten: rows, edited vocabularies and
 *   setting values stay. Missing columns are appended at the table's end; missing vocabularies
 *   and settings are added where there is room.
 * - Headers are matched by normalised label (labelKey). A header that resembles exactly one
 *   blueprint column (e.g. "Role" for "Our role") is taken as renamed and given the blueprint's
 *   header (the Summary formulas refer to it by name). Two candidates for one column → a question.
 * - A table with another name on our sheet (or elsewhere) carrying our headers is adopted
 *   (renamed to ours); two such tables → a question.
 * - A sheet named like ours that is not ours:
 *     * an empty sheet → the table is created on it;
 *     * a sheet whose row 1 carries our headers (data typed without a table) → that range is
 *       turned into the table (data kept) and missing columns are appended;
 *     * any other content → a blocker: rename that sheet, then run set-up again;
 *     * a "Summary" sheet with other content → our summary goes on a new sheet "Audit summary"
 *       (recognised next time by its title in A1).
 * - A protected sheet that set-up has to write to → a blocker naming the sheet and the fix.
 * - Merged cells where a table is or will be → a blocker saying which cells to unmerge.
 * - Content to the right of a table that needs new columns → a blocker (adding columns would
 *   move it).
 * - The Summary cells are ours: rewritten whenever any differs. Cells outside the layout are
 *   never written.
 */
import { SCHEMA_VERSION, SHEETS, TABLES } from "../../model/blueprint";
import { labelKey } from "../../model/labels";
import { block, step, type PlanContext, type SetupPlan, type WorkbookDescription } from "./model";
import { describedSchemaVersion, planGuide, planLists, planSettings } from "./sheets";
import { planSummary } from "./summary";
import { planTable } from "./tables";

export * from "./model";
export { describeAction } from "./steps";

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

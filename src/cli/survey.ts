/**
 * The partner survey on the command line:
 * - `questionnaire OUT.html [RETURN.xlsx]` writes the questionnaire (one HTML file) for the return's
 *   partnerships, or with one blank block when no return is given;
 * - `survey RESPONSES.(xlsx|csv) --return RETURN.xlsx [--map MAP.json] [--json]` shows what importing
 *   the responses into the return would do (the mapping, the rows, the findings, the duplicates)
 *   and writes nothing: the import itself is the task pane's Survey view.
 */
import { readFile } from "node:fs/promises";
import { toText } from "../core/model/cell-rules";
import { labelKey } from "../core/model/labels";
import type { AuditReturn } from "../core/model/workbook-data";
import {
  SurveyFileError,
  mapHeaders,
  mappingByName,
  missingColumnMessage,
  surveyTableProblem,
  parseSavedMapping,
  planSummary,
  planSurveyImport,
  renderQuestionnaire,
  rowsByName,
  savedMappingSchema,
  type QuestionnairePartnership,
  type SavedMapping,
  type SurveyTable,
} from "../core/survey";
import { readSurveyFile } from "../xlsx/survey-file";
import type { ExitCode } from "./commands";
import { CliFileError, readReturnFile, writeAtomic } from "./io";
import type { Output } from "./output";
import { refuseOutput } from "./targets";

/** The partnerships of a return, each ID once, in the table's order. */
function returnPartnerships(ret: AuditReturn): QuestionnairePartnership[] {
  const out: QuestionnairePartnership[] = [];
  const seen = new Set<string>();
  for (const r of ret.tables.Partnerships?.rows ?? []) {
    const id = toText(r.values.partnershipId ?? null);
    if (id === null || seen.has(labelKey(id))) continue;
    seen.add(labelKey(id));
    out.push({ id, name: toText(r.values.partnership ?? null) ?? "" });
  }
  return out;
}

export async function questionnaire(
  out: string,
  returnFile: string | undefined,
  io: Output,
): Promise<ExitCode> {
  const refused = await refuseOutput(out, "html", returnFile ? [returnFile] : [], "questionnaire");
  if (refused) {
    io.err(refused.line());
    return 2;
  }
  let ret: AuditReturn | undefined;
  if (returnFile) {
    try {
      ret = await readReturnFile(returnFile);
    } catch (e) {
      if (!(e instanceof CliFileError)) throw e;
      io.err(e.line());
      io.err("Nothing written.");
      return 2;
    }
  }
  const partnerships = ret ? returnPartnerships(ret) : [];
  const text = renderQuestionnaire({
    region: textSetting(ret?.settings.region),
    district: textSetting(ret?.settings.district),
    auditRound: textSetting(ret?.settings.auditRound),
    partnerships,
    lists: ret?.lists,
  });
  try {
    await writeAtomic(out, new TextEncoder().encode(text));
  } catch (e) {
    if (!(e instanceof CliFileError)) throw e;
    io.err(e.line());
    return 2;
  }
  io.out(
    `Wrote ${out}: the partner survey questionnaire (${
      partnerships.length
        ? `${partnerships.length} partnership${partnerships.length === 1 ? "" : "s"}`
        : "one blank block"
    }, and an appendix to build the same survey in a form tool). Open it in a browser to print it or save it as PDF.`,
  );
  return 0;
}

const textSetting = (v: string | number | undefined): string | undefined =>
  v === undefined || v === "" ? undefined : String(v);

async function readMap(file: string): Promise<SavedMapping> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new CliFileError(file, "cannot be read; check the name of the mapping file");
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CliFileError(
      file,
      'is not JSON; write the mapping as {"Partner survey column": "file header" or null, …}',
    );
  }
  const parsed = savedMappingSchema.safeParse(data);
  if (!parsed.success)
    throw new CliFileError(
      file,
      'is not a mapping; write it as an object from each Partner survey column name to the file\'s header, or null to leave the column out, e.g. {"Comments": null}',
    );
  return parsed.data;
}

/** Rows listed in the text output; `--json` gives them all. */
const ROWS_LISTED = 100;

/** A row to add as one line: each filled column and its value, text on one line. */
function rowText(row: Readonly<Record<string, string | number | null>>): string {
  return Object.entries(row)
    .filter((e): e is [string, string | number] => e[1] !== null)
    .map(([column, v]) => `${column}: ${typeof v === "number" ? v : JSON.stringify(v.replace(/\s+/g, " "))}`)
    .join("; ");
}

interface SurveyOptions {
  readonly returnFile: string;
  readonly map?: string;
  readonly json: boolean;
}

export async function survey(responses: string, options: SurveyOptions, io: Output): Promise<ExitCode> {
  // messages name the file as the user typed it
  const name = responses;
  const say = options.json ? io.err : io.out;
  let table: SurveyTable;
  let ret: AuditReturn;
  let saved: SavedMapping | undefined;
  try {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(responses);
    } catch {
      throw new CliFileError(name, "cannot be read; check the name and the folder");
    }
    try {
      table = await readSurveyFile(bytes);
    } catch (e) {
      if (e instanceof SurveyFileError) throw new CliFileError(name, e.message);
      throw e;
    }
    ret = await readReturnFile(options.returnFile);
    saved = options.map ? await readMap(options.map) : parseSavedMapping(ret.surveyMapping);
  } catch (e) {
    if (!(e instanceof CliFileError)) throw e;
    io.err(e.line());
    io.err("Nothing imported.");
    return 2;
  }
  const mapped = mapHeaders(table.headers, saved);
  const mapping = mappingByName(mapped.mapping, table.headers);
  if (!options.json) {
    say(`Mapping of ${name} (Partner survey column <- the file's column):`);
    for (const [column, header] of Object.entries(mapping))
      say(`  ${column} <- ${header === null ? "(no column; left blank)" : `"${header}"`}`);
  }
  for (const note of mapped.notes) io.err(note);
  if (mapped.missingRequired.length) {
    io.err(
      `${name}: ${missingColumnMessage(mapped.missingRequired)}${options.map ? "" : " (or give --map MAP.json)"}`,
    );
    io.err("Nothing imported.");
    if (options.json) io.json({ mapping, rows: [], findings: [], duplicates: 0 });
    return 2;
  }
  const plan = planSurveyImport({ table, mapping: mapped.mapping, workbook: ret, notes: mapped.notes });
  // what would stop the pane's import into this return (the command line writes nothing)
  const problem = surveyTableProblem(ret, mapped.mapping);
  if (problem !== undefined) io.err(`Note: ${options.returnFile}: ${problem}.`);
  const duplicates = plan.alreadyImported + plan.repeated;
  if (options.json) {
    io.json({
      mapping,
      rows: rowsByName(plan),
      findings: plan.findings.map((f) => ({ row: f.row, column: f.column, message: f.message })),
      duplicates,
    });
  } else {
    const listed = plan.rows.slice(0, ROWS_LISTED);
    if (listed.length) say(`Rows it would add to the Partner survey table (file row: columns filled):`);
    const named = rowsByName({ ...plan, rows: listed });
    listed.forEach((r, i) => say(`  row ${r.fileRow}: ${rowText(named[i])}`));
    if (plan.rows.length > listed.length)
      say(`  … and ${plan.rows.length - listed.length} more rows (--json lists every row)`);
    for (const f of plan.findings) io.out(`${name}: row ${f.row}, ${f.column}: ${f.message}`);
  }
  say(`${name}: ${planSummary(plan)}.`);
  say(
    "Nothing written: this is a dry run. Import the file in the task pane's Survey view to add the rows to the Partner survey table.",
  );
  return plan.findings.length ? 1 : 0;
}

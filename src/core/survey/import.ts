/**
 * Importing survey responses into the Partner survey table: which file column fills each field
 * (the mapping), what each answer becomes (ratings by number or by their scale's words, list
 * answers by their list), what cannot be used (a finding at its file row and column, the cell left
 * blank), and which responses are already in the workbook (by Response ID). Pure: the shells read
 * the file into a SurveyTable and write the rows this plans.
 *
 * Nothing is dropped silently: every response row under the header is imported, or counted as a
 * duplicate, or named by a finding that says it is not imported and why.
 */
import { z } from "zod";
import { PARTNER_SURVEY, RATING_WORDS, type ColumnSpec } from "../model/blueprint";
import { isBlank, isErrorCell, toNumber, toText } from "../model/cell-rules";
import { labelKey, tidyLabel } from "../model/labels";
import type { SurveyColumnMapping } from "../model/operations";
import type { AuditReturn, CellValue } from "../model/workbook-data";
import { listValues, type SurveyLists } from "./questions";
import { SurveyFileError, type SurveyTable } from "./table";

/** The Partner survey's columns, in table order. */
const COLUMNS: readonly ColumnSpec[] = PARTNER_SURVEY.columns;

/** The most characters an Excel cell holds: a longer answer (CSV allows one) cannot be written. */
const CELL_TEXT_MAX = 32_767;

/** Headers a form tool gives its own response id column (compared as labels); Qualtrics writes them without a space. */
const RESPONSE_ID_HEADERS: readonly string[] = [
  "ID",
  "Response ID",
  "Respondent ID",
  "ResponseId",
  "RespondentId",
];

/** Typographic quotes and dashes (a word processor's or a form tool's) → their plain forms. */
const TYPOGRAPHIC: readonly (readonly [RegExp, string])[] = [
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, "-"],
];
/** Punctuation and marks at either end of a header. */
const AROUND = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
/** A tool's question numbering in front: `1.`, `1)`, `1]`, `1a.`, `2.3 `, `Q3)`, `Q.3`, `Question 4:`. */
const NUMBERING = /^(?:(?:q|question)\.?\s*)?\d+[a-z]?(?:\.\d+)*\s*(?:[.):\]-]\s*|\s+)/;
/** The questionnaire's own mark of a required question, when it is copied into a form tool's title. */
const REQUIRED_MARK = /\s*\(\s*required\s*\)[^\p{L}\p{N}]*$/u;

// exported for tests: table-driven tests of header matching
/**
 * A header as the mapping compares it: as a label (trimmed, case-insensitive, inner spaces
 * collapsed), with typographic quotes and dashes as plain ones, without a tool's question numbering
 * in front (`1.`, `[2]`, `Q3)`, `Question 4:`), without the questionnaire's "(required)" after it,
 * and without punctuation or marks around it (`*`, `?`, `:`, quotes, brackets).
 */
// exported for tests
export function headerKey(header: string): string {
  let k = labelKey(header);
  for (const [from, to] of TYPOGRAPHIC) k = k.replace(from, to);
  k = k.replace(REQUIRED_MARK, "");
  k = k.replace(AROUND, "");
  k = k.replace(NUMBERING, "");
  k = k.replace(AROUND, "");
  return k.replace(/\s+/g, " ");
}

/** A value of an imported row: text, a rating's number, or nothing. */
const surveyValue = z.union([z.string(), z.number(), z.null()]);
/** One row to add to the Partner survey table, keyed by column key (every column present). */
const surveyRowSchema = z.record(z.string(), surveyValue);
type SurveyRowValues = z.infer<typeof surveyRowSchema>;

interface SurveyRow {
  /** the response's row in the file (the header is row 1) */
  readonly fileRow: number;
  readonly values: SurveyRowValues;
}

/** Something in the file that cannot be used: at its file row and the file's header of its column. */
interface SurveyFinding {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

/** Column key → the index of the file column that fills it, or null (left out). */
export type SurveyMapping = SurveyColumnMapping;

/**
 * A mapping as it is saved and given (`--map MAP.json`, the workbook's remembered mapping): each
 * Partner survey column's name → the file header it takes, or null to leave it out. A column not
 * named is matched by header.
 */
export const savedMappingSchema = z.record(z.string(), z.string().nullable());
export type SavedMapping = z.infer<typeof savedMappingSchema>;

/** What the mapping step found. */
interface MappingResult {
  readonly mapping: SurveyMapping;
  /** required fields with no column (the import cannot go on) */
  readonly missingRequired: readonly string[];
  /** what people should know about the mapping (a saved header the file lacks, two columns for a field) */
  readonly notes: readonly string[];
}

/** The headers each field is matched by: its name, its question title, and for Response ID a tool's id column. */
function candidates(column: ColumnSpec): string[] {
  const out = [column.header];
  if (column.question) out.push(column.question);
  // a form tool's choice question often asks for the partnership by its name
  if (column.key === "partnershipId") out.push("Partnership");
  if (column.key === "responseId") out.push(...RESPONSE_ID_HEADERS);
  return out;
}

/**
 * Match each Partner survey column to a file column: by the saved mapping where it names a header
 * the file has (or null: left out), else by header (see headerKey). A file column fills at most one
 * field; when two columns match one field, the first is taken and a note says so.
 */
export function mapHeaders(headers: readonly string[], saved?: SavedMapping): MappingResult {
  const byKey = new Map<string, number[]>();
  headers.forEach((h, i) => {
    const k = headerKey(h);
    if (k === "") return;
    const list = byKey.get(k) ?? [];
    list.push(i);
    byKey.set(k, list);
  });
  const exact = new Map<string, number>();
  headers.forEach((h, i) => {
    const k = labelKey(h);
    if (k !== "" && !exact.has(k)) exact.set(k, i);
  });
  const used = new Set<number>();
  const mapping: Record<string, number | null> = {};
  const notes: string[] = [];
  const savedByKey = new Map<string, string | null>();
  for (const [name, header] of Object.entries(saved ?? {})) savedByKey.set(labelKey(name), header);

  // first what the saved mapping says (the user's choice), then the other fields by header, so a
  // field matched by header never takes a column the saved mapping gives another field
  const byHeader: ColumnSpec[] = [];
  for (const column of COLUMNS) {
    const want = savedByKey.get(labelKey(column.header));
    if (want === null) {
      mapping[column.key] = null;
      continue;
    }
    if (want === undefined) {
      byHeader.push(column);
      continue;
    }
    const at = exact.get(labelKey(want)) ?? byKey.get(headerKey(want))?.[0];
    if (at !== undefined && !used.has(at)) {
      mapping[column.key] = at;
      used.add(at);
      continue;
    }
    notes.push(
      at === undefined
        ? `The saved mapping takes ${column.header} from a column headed "${want}", which this file does not have; it is matched by its header instead.`
        : `The saved mapping takes ${column.header} from the column headed "${want}", which it also gives another column; ${column.header} is matched by its header instead.`,
    );
    byHeader.push(column);
  }
  for (const column of byHeader) {
    let found: number[] = [];
    for (const c of candidates(column)) {
      const at = (byKey.get(headerKey(c)) ?? []).filter((i) => !used.has(i));
      if (at.length) {
        found = at;
        break;
      }
    }
    if (found.length > 1)
      notes.push(
        `${found.length} columns could fill ${column.header} (${found.map((i) => `"${headers[i]}"`).join(", ")}); the first is taken. Change it in the mapping if another is meant.`,
      );
    mapping[column.key] = found[0] ?? null;
    if (found[0] !== undefined) used.add(found[0]);
  }
  const known = new Set(COLUMNS.map((c) => labelKey(c.header)));
  for (const name of Object.keys(saved ?? {}))
    if (!known.has(labelKey(name)))
      notes.push(
        `The saved mapping names "${name}", which is not a column of the Partner survey table; it is ignored.`,
      );
  const missingRequired = COLUMNS.filter((c) => c.required && mapping[c.key] === null).map((c) => c.header);
  return { mapping, missingRequired, notes };
}

/** The mapping by names, as `--json` shows it and the workbook saves it: column name → file header or null. */
export function mappingByName(mapping: SurveyMapping, headers: readonly string[]): SavedMapping {
  const out: Record<string, string | null> = {};
  for (const column of COLUMNS) {
    const at = mapping[column.key];
    out[column.header] = at === null || at === undefined ? null : (headers[at] ?? null);
  }
  return out;
}

/**
 * Why the Partner survey table of a return cannot take the rows of `mapping`, in words that say
 * what to do; undefined when it can. The pane's import stops on it before writing anything; the
 * command line, which writes nothing, says it as a note. `has` says whether the table has a column
 * (by key); absent, the columns the reader matched.
 */
export function surveyTableProblem(
  workbook: Pick<AuditReturn, "tables">,
  mapping: SurveyMapping,
  has?: (key: string) => boolean,
): string | undefined {
  const data = workbook.tables.PartnerSurvey;
  if (!data)
    return `The workbook has no ${PARTNER_SURVEY.sheet} table: run Set up first (it adds the table), then import the responses again`;
  const hasColumn = has ?? ((key: string) => data.columns[key] !== undefined);
  if (!hasColumn("responseId"))
    return `The ${PARTNER_SURVEY.sheet} table has no Response ID column, which keeps a response from being added twice: run Set up (it adds the column and keeps your rows), then import again`;
  const unwritten = PARTNER_SURVEY.columns.filter(
    (c) => c.key !== "responseId" && (mapping[c.key] ?? null) !== null && !hasColumn(c.key),
  );
  if (unwritten.length === 0) return undefined;
  const names = unwritten.map((c) => `"${c.header}"`).join(", ");
  return `The ${PARTNER_SURVEY.sheet} table has no ${names} column, which the mapping fills: run Set up (it adds the missing columns and keeps your rows), or leave ${unwritten.length === 1 ? "it" : "them"} out of the mapping, then import again`;
}

/** The message for a required field with no column: what to do. */
export function missingColumnMessage(missing: readonly string[]): string {
  const names = missing.map((m) => `"${m}"`).join(" and ");
  return `no column of the file fills ${names} (required); head a column ${names} or with the question's title, or choose its column in the mapping`;
}

// ---------------------------------------------------------------------------------------------
// Answers

/** What a rating answer is: its number 1–4, or the reason it is not one. */
function ratingAnswer(
  value: CellValue,
  column: ColumnSpec,
): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string } {
  const words = column.scale ? RATING_WORDS[column.scale] : undefined;
  const advice = `use a whole number from 1 to 4${words ? ` or one of ${words.map((w) => `"${w}"`).join(", ")}` : ""}`;
  const n = toNumber(value);
  if (n !== undefined) {
    if (Number.isInteger(n) && n >= 1 && n <= 4) return { ok: true, value: n };
    return { ok: false, message: `${shown(value)} is not a rating; ${advice}; the cell is left blank` };
  }
  const text = toText(value);
  if (text !== null && words) {
    const i = words.findIndex((w) => labelKey(w) === labelKey(text));
    if (i >= 0) return { ok: true, value: i + 1 };
  }
  return { ok: false, message: `${shown(value)} is not a rating; ${advice}; the cell is left blank` };
}

function shown(value: CellValue): string {
  if (isErrorCell(value)) return `the error value ${value.error}`;
  const t = typeof value === "string" ? value : (toText(value) ?? "");
  const one = t.replace(/\s+/g, " ").trim();
  return `"${one.length > 60 ? `${one.slice(0, 59)}…` : one}"`;
}

/** A short, stable fingerprint of a response's answers (FNV-1a, 64 bits as two 32-bit halves). */
function fingerprint(parts: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ parts.length;
  const text = parts.join("\u001f");
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  }
  return `fp-${h1.toString(16).padStart(8, "0")}${h2.toString(16).padStart(8, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// The plan

/** What importing a file would do. */
export interface SurveyPlan {
  readonly mapping: SurveyMapping;
  readonly notes: readonly string[];
  /** the rows to add, in file order */
  readonly rows: readonly SurveyRow[];
  readonly findings: readonly SurveyFinding[];
  /** responses in the file (non-blank rows under the header) */
  readonly responses: number;
  /** responses already in the workbook (same Response ID) */
  readonly alreadyImported: number;
  /** responses repeated earlier in the file (same Response ID) */
  readonly repeated: number;
  /** responses not imported because of a finding (unknown partnership, blank required answer) */
  readonly notImported: number;
}

interface SurveyPlanInput {
  readonly table: SurveyTable;
  readonly mapping: SurveyMapping;
  /** the workbook the rows go to: its Partnerships (IDs and names), lists and Partner survey's Response IDs */
  readonly workbook: Pick<AuditReturn, "tables" | "lists">;
  readonly notes?: readonly string[];
}

/**
 * Partnership IDs and names of the workbook, as labels → the ID as written, or every ID a name
 * belongs to when two partnerships share it (a response naming it is not guessed at).
 */
function partnershipIndex(workbook: SurveyPlanInput["workbook"]): Map<string, string | readonly string[]> {
  const byLabel = new Map<string, string | readonly string[]>();
  const rows = workbook.tables.Partnerships?.rows ?? [];
  for (const r of rows) {
    const id = toText(r.values.partnershipId ?? null);
    if (id === null) continue;
    const tidy = tidyLabel(id);
    if (!byLabel.has(labelKey(tidy))) byLabel.set(labelKey(tidy), tidy);
  }
  // names after every ID, so that an ID always wins over a name spelled the same
  const ids = new Set(byLabel.keys());
  for (const r of rows) {
    const id = toText(r.values.partnershipId ?? null);
    const name = toText(r.values.partnership ?? null);
    if (id === null || name === null) continue;
    const key = labelKey(name);
    if (ids.has(key)) continue;
    const tidy = tidyLabel(id);
    const known = byLabel.get(key);
    if (known === undefined) byLabel.set(key, tidy);
    else {
      const all = typeof known === "string" ? [known] : known;
      if (!all.some((k) => labelKey(k) === labelKey(tidy))) byLabel.set(key, [...all, tidy]);
    }
  }
  return byLabel;
}

function existingResponseIds(workbook: SurveyPlanInput["workbook"]): Set<string> {
  const out = new Set<string>();
  for (const r of workbook.tables.PartnerSurvey?.rows ?? []) {
    const id = toText(r.values.responseId ?? null);
    if (id !== null) out.add(labelKey(id));
  }
  return out;
}

/**
 * Plan the import of a responses table: throws SurveyFileError("no-column") when a required field
 * has no column. Each response gives a row (its unusable cells blank and a finding each), or a
 * finding saying why it is not imported, or is counted as already imported or repeated.
 */
export function planSurveyImport(input: SurveyPlanInput): SurveyPlan {
  const { table, mapping, workbook } = input;
  const missing = COLUMNS.filter((c) => c.required && (mapping[c.key] ?? null) === null).map((c) => c.header);
  if (missing.length) throw new SurveyFileError("no-column", missingColumnMessage(missing));
  const lists: SurveyLists = workbook.lists;
  const partnerships = partnershipIndex(workbook);
  const existing = existingResponseIds(workbook);
  const seen = new Set<string>();
  const listIndex = new Map<string, Map<string, string>>();
  for (const c of COLUMNS) {
    if (c.kind !== "list" || !c.list) continue;
    listIndex.set(c.key, new Map(listValues(c.list, lists).map((v) => [labelKey(v), v])));
  }
  const mapped = COLUMNS.filter((c) => (mapping[c.key] ?? null) !== null);
  const idColumn = mapping.responseId ?? null;

  const rows: SurveyRow[] = [];
  const findings: SurveyFinding[] = [];
  let responses = 0;
  let alreadyImported = 0;
  let repeated = 0;
  let notImported = 0;

  const firstRow = (table.headerRow ?? 1) + 1;
  for (let r = 0; r < table.rows.length; r++) {
    const cells = table.rows[r];
    const fileRow = firstRow + r;
    if (!mapped.some((c) => !isBlank(cells[mapping[c.key] ?? -1] ?? null))) {
      // a row with nothing in any mapped column: not a response (a blank line, or only a tool's timestamps)
      if (cells.some((v) => !isBlank(v ?? null))) {
        notImported++;
        responses++;
        findings.push({
          row: fileRow,
          column: table.headers[cells.findIndex((v) => !isBlank(v ?? null))] ?? "",
          message: "the row answers none of the survey's questions; it is not imported",
        });
      }
      continue;
    }
    responses++;
    const values: Record<string, string | number | null> = {};
    const rowFindings: SurveyFinding[] = [];
    let skip = false;
    const answers: string[] = [];
    for (const c of COLUMNS) {
      const at = mapping[c.key] ?? null;
      values[c.key] = null;
      if (at === null || c.key === "responseId") continue;
      const header = table.headers[at] ?? "";
      const raw: CellValue = cells[at] ?? null;
      if (isBlank(raw)) {
        answers.push("");
        if (c.required) {
          skip = true;
          rowFindings.push({
            row: fileRow,
            column: header,
            message: `${c.header} is blank; the response is not imported. Fill it in the file and import it again`,
          });
        }
        continue;
      }
      if (isErrorCell(raw)) {
        answers.push(raw.error);
        rowFindings.push({
          row: fileRow,
          column: header,
          message: `the cell shows ${raw.error}; type the answer in the file, or leave it${c.required ? " (required)" : ""}; the cell is left blank`,
        });
        if (c.required) skip = true;
        continue;
      }
      if (c.key === "partnershipId") {
        const text = toText(raw) ?? "";
        answers.push(labelKey(text));
        const id = partnerships.get(labelKey(text));
        if (id === undefined) {
          skip = true;
          rowFindings.push({
            row: fileRow,
            column: header,
            message: `${shown(raw)} is neither a Partnership ID nor a partnership's name on the Partnerships sheet; the response is not imported. Correct it in the file (or add the partnership), then import again`,
          });
        } else if (typeof id !== "string") {
          skip = true;
          rowFindings.push({
            row: fileRow,
            column: header,
            message: `${shown(raw)} is the name of ${id.length} partnerships on the Partnerships sheet (${id.join(", ")}); the response is not imported. Give its Partnership ID in the file, then import again`,
          });
        } else values[c.key] = id;
        continue;
      }
      if (c.kind === "rating") {
        const a = ratingAnswer(raw, c);
        answers.push(a.ok ? String(a.value) : labelKey(toText(raw) ?? ""));
        if (a.ok) values[c.key] = a.value;
        else rowFindings.push({ row: fileRow, column: header, message: a.message });
        continue;
      }
      if (c.kind === "list") {
        const text = toText(raw) ?? "";
        answers.push(labelKey(text));
        const value = listIndex.get(c.key)?.get(labelKey(text));
        if (value !== undefined) values[c.key] = value;
        else {
          const choices = c.list ? listValues(c.list, lists) : [];
          rowFindings.push({
            row: fileRow,
            column: header,
            message: `${shown(raw)} is not in the ${c.header} list; use one of ${choices.map((v) => `"${v}"`).join(", ")}; the cell is left blank`,
          });
        }
        continue;
      }
      const text = toText(raw) ?? "";
      answers.push(c.kind === "text" ? text : labelKey(text));
      if (text.length > CELL_TEXT_MAX) {
        if (c.required) skip = true;
        rowFindings.push({
          row: fileRow,
          column: header,
          message: `the answer is ${text.length.toLocaleString("en-GB")} characters long, more than an Excel cell holds (${CELL_TEXT_MAX.toLocaleString("en-GB")}); ${c.required ? "the response is not imported. Shorten it in the file, then import again" : "shorten it in the file; the cell is left blank"}`,
        });
        continue;
      }
      values[c.key] = text;
    }

    const given = idColumn === null ? null : toText(cells[idColumn] ?? null);
    const responseId = given ?? fingerprint(answers);
    values.responseId = responseId;
    const key = labelKey(responseId);
    if (existing.has(key)) {
      alreadyImported++;
      continue;
    }
    if (seen.has(key)) {
      repeated++;
      continue;
    }
    seen.add(key);
    findings.push(...rowFindings);
    if (skip) {
      notImported++;
      continue;
    }
    rows.push({ fileRow, values: surveyRowSchema.parse(values) });
  }
  return {
    mapping,
    notes: input.notes ?? [],
    rows,
    findings,
    responses,
    alreadyImported,
    repeated,
    notImported,
  };
}

/** The plan's rows keyed by the table's column names, as `survey --json` shows them. */
export function rowsByName(plan: SurveyPlan): Record<string, string | number | null>[] {
  return plan.rows.map((r) => {
    const out: Record<string, string | number | null> = {};
    for (const c of COLUMNS) out[c.header] = r.values[c.key] ?? null;
    return out;
  });
}

/** One line for people: how many rows would be added, and how many were already there. */
export function planSummary(plan: SurveyPlan): string {
  const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? "" : "s"}`;
  const parts = [`${n(plan.responses, "response")} in the file`, `${n(plan.rows.length, "row")} to add`];
  if (plan.alreadyImported) parts.push(`${plan.alreadyImported} already imported`);
  if (plan.repeated) parts.push(`${plan.repeated} repeated in the file`);
  if (plan.notImported) parts.push(`${plan.notImported} not imported (see the findings)`);
  parts.push(n(plan.findings.length, "finding"));
  return parts.join("; ");
}

/** A saved mapping from its JSON text; undefined when the text is not one (it is then ignored). */
export function parseSavedMapping(text: string | undefined): SavedMapping | undefined {
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = savedMappingSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** A mapping as the workbook saves it: JSON of column name → file header (or null). */
export function savedMappingText(mapping: SurveyMapping, headers: readonly string[]): string {
  return JSON.stringify(mappingByName(mapping, headers));
}

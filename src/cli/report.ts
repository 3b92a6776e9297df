/**
 * `partnership-audit report OUT.html WORKBOOK.xlsx… [--previous PREVIOUS.xlsx…] [--title T]
 * [--value-below V] [--hours-from H]`: the
 * printable audit report (docs/report.md), from district returns or a regional workbook taken together
 * as `summary` takes them. Exit status: 0 written; 1 written, but the data has errors (listed on
 * standard error and in the report's Data quality section); 2 an input cannot be read or OUT cannot
 * be written (nothing written). OUT is replaced atomically (a temporary file, then a rename).
 */
import { checkReturn } from "../core/returns/checks";
import { countedReturns, supersededText } from "../core/consolidation/decisions";
import { previousRoundWarnings } from "../core/returns/rounds";
import { formatFinding, type Finding } from "../core/model/findings";
import { thresholdDisagreements, type ReviewThresholds } from "../core/figures/value-for-time";
import { buildReportInput, renderReport } from "../core/report";
import type { AuditReturn } from "../core/model/workbook-data";
import type { ExitCode, Output } from "./commands";
import { uncostedWarning } from "./output";
import { CliFileError, documentNames, messageNames, readReturnFile, sameFile, writeAtomic } from "./io";
import { refuseOutput } from "./targets";

interface ReportOptions {
  readonly previous?: readonly string[];
  readonly title?: string;
  /** review thresholds given on the command line (else the first workbook's Settings, else the defaults) */
  readonly review?: Partial<ReviewThresholds>;
  /** the date the report is made on (YYYY-MM-DD); default today, or SOURCE_DATE_EPOCH when set */
  readonly madeOn?: string;
}

/** Today as YYYY-MM-DD in local time; SOURCE_DATE_EPOCH (seconds) fixes it for reproducible output. */
// exported for tests
export function reportDate(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) {
    return new Date(Number(epoch.trim()) * 1000).toISOString().slice(0, 10);
  }
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface ReportArgs {
  readonly out: string;
  readonly files: readonly string[];
  readonly previous: readonly string[];
  readonly title?: string;
  /** as typed: the caller checks them as `summary` does */
  readonly valueBelow?: string;
  readonly hoursFrom?: string;
}

/** The options that take a value, and the field of ReportArgs each fills. */
const VALUE_OPTIONS = {
  title: "title",
  "value-below": "valueBelow",
  "hours-from": "hoursFrom",
} as const;

/**
 * The command line after `report`: OUT.html, the workbooks, then optionally `--previous` followed by
 * the previous round's workbooks (every argument up to the next option; `--previous=FILE` names one
 * and may be repeated), `--title T` (or `--title=T`), and the review thresholds `--value-below V`
 * and `--hours-from H` as `summary` takes them. `--` ends the options. An error is a sentence for
 * the usage message.
 */
export function parseReportArgs(args: readonly string[]): ReportArgs | { readonly error: string } {
  const positional: string[] = [];
  const previous: string[] = [];
  const values: { title?: string; valueBelow?: string; hoursFrom?: string } = {};
  let inPrevious = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      (inPrevious ? previous : positional).push(...args.slice(i + 1));
      break;
    }
    if (arg === "--previous") {
      inPrevious = true;
      continue;
    }
    if (arg.startsWith("--previous=")) {
      previous.push(arg.slice("--previous=".length));
      inPrevious = false;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") ? arg.slice(2, eq === -1 ? undefined : eq) : "";
    if (Object.hasOwn(VALUE_OPTIONS, name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined) return { error: `--${name} needs a value` };
      values[VALUE_OPTIONS[name as keyof typeof VALUE_OPTIONS]] = value;
      inPrevious = false;
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1)
      return { error: `unknown option ${arg}; check its spelling, or leave it out` };
    (inPrevious ? previous : positional).push(arg);
  }
  if (positional.length === 0) return { error: "report needs OUT.html and at least one WORKBOOK.xlsx" };
  const [out, ...files] = positional;
  if (files.length === 0)
    return {
      error:
        "report needs at least one WORKBOOK.xlsx after OUT.html (list this round's workbooks before --previous)",
    };
  if (args.some((a) => a === "--previous") && previous.length === 0)
    return { error: "--previous needs at least one PREVIOUS.xlsx" };
  return { out, files, previous, ...values };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function report(
  out: string,
  files: readonly string[],
  options: ReportOptions,
  io: Output,
): Promise<ExitCode> {
  const previousFiles = options.previous ?? [];
  const inputs = [...files, ...previousFiles];
  const refused = await refuseOutput(out, "html", inputs, "report");
  if (refused) {
    io.err(refused.line());
    return 2;
  }
  // Messages name each file as the user typed it. The document names it by its base name (the
  // analyst's folders are not for the readers of a report), or by its path where two files share
  // one: names over both rounds together, so that 2025/D01.xlsx and 2026/D01.xlsx are told apart.
  const typed = messageNames(inputs);
  const names = documentNames(inputs);
  const inDocument = (file: string): string => names.get(file) ?? file;
  let unreadable = 0;
  const read = async (list: readonly string[]): Promise<AuditReturn[]> => {
    const returns: AuditReturn[] = [];
    for (const file of list) {
      try {
        returns.push(await readReturnFile(file, typed.get(file)));
      } catch (e) {
        if (!(e instanceof CliFileError)) throw e;
        io.err(e.line());
        unreadable++;
      }
    }
    return returns;
  };
  // each district and round counted once in each round, as consolidation imports them
  const current = countedReturns(await read(files));
  const before = countedReturns(await read(previousFiles));
  for (const s of [...current.superseded, ...before.superseded]) io.err(`Note: ${supersededText(s)}.`);
  const returns = current.returns;
  const previous = before.returns;
  // a previous round that can say little (a file of this round's, or of the same round) is a
  // warning: the report is written all the same
  if (previous.length > 0) {
    const both: string[] = [];
    for (const p of previousFiles)
      for (const c of files) if (!both.includes(p) && (await sameFile(p, c))) both.push(p);
    for (const p of both)
      io.err(
        `Warning: ${p} is given both as this round's workbook and after --previous, so its partnerships show no change; give the previous round's own workbooks after --previous.`,
      );
    // the other previous workbooks are checked as ever (their round, their region)
    const bothNames = new Set(both.map((p) => typed.get(p) ?? p));
    const others = previous.filter((r) => !bothNames.has(r.file));
    if (others.length > 0) for (const w of previousRoundWarnings(others, returns)) io.err(`Warning: ${w}.`);
  }
  if (unreadable > 0) {
    io.err(`Nothing written: ${plural(unreadable, "file")} could not be read (above).`);
    return 2;
  }

  const findings = new Map<AuditReturn, readonly Finding[]>();
  let errors = 0;
  for (const ret of [...returns, ...previous]) {
    const found = checkReturn(ret);
    findings.set(ret, found);
    for (const f of found) {
      if (f.severity !== "error") continue;
      errors += f.more ?? 1;
      io.err(formatFinding(f));
    }
  }

  // the document's own copies of the returns and findings, under the document's names
  const renamed = new Map<AuditReturn, AuditReturn>();
  const forDocument = (ret: AuditReturn): AuditReturn => {
    const copy = { ...ret, file: inDocument(ret.file) };
    renamed.set(ret, copy);
    return copy;
  };
  const documentReturns = returns.map(forDocument);
  const documentPrevious = previous.map(forDocument);
  const documentFindings = new Map<AuditReturn, readonly Finding[]>();
  for (const [ret, found] of findings)
    documentFindings.set(
      renamed.get(ret) ?? ret,
      found.map((f) => (f.file === undefined ? f : { ...f, file: inDocument(f.file) })),
    );
  const input = buildReportInput({
    returns: documentReturns,
    previous: documentPrevious,
    findings: documentFindings,
    title: options.title,
    madeOn: options.madeOn ?? reportDate(),
    review: options.review ?? {},
  });
  if (input.uncostedGrades.length > 0) io.err(uncostedWarning(input.uncostedGrades));
  for (const w of thresholdDisagreements(returns, options.review ?? {})) io.err(`Warning: ${w}.`);
  const bytes = new TextEncoder().encode(renderReport(input));
  try {
    await writeAtomic(out, bytes);
  } catch (e) {
    if (!(e instanceof CliFileError)) throw e;
    io.err(e.line());
    return 2;
  }
  const h = input.headlines;
  io.out(
    `Wrote ${out}: the audit report "${input.title}" (${plural(h.partnerships, "partnership")} in ${plural(
      h.districts,
      "district",
    )}, from ${plural(returns.length, "file")}${
      previous.length ? `; compared with ${plural(previous.length, "file")} of the previous round` : ""
    }). Open it in a browser to read or print it.`,
  );
  if (errors > 0) {
    io.err(
      `The data has ${plural(errors, "error")} (above, and in the report's Data quality section): the figures may be wrong until they are fixed.`,
    );
    return 1;
  }
  return 0;
}

/**
 * The commands of `partnership-audit`. Each returns its exit status:
 * 0 success; 1 errors in the data (or a return skipped); 2 unreadable input, output that cannot be
 * written, or a usage error. Messages for people go to standard error when --json is given, so
 * that the JSON document is the only thing on standard output.
 */
import { BLANK_GROUP } from "../core/calc";
import {
  networkFigures,
  problemOf,
  type NetworkFigures,
  type NetworkProblem,
  type OrganisationMet,
  type Overlap,
  type SharedSeat,
} from "../core/figures/network";
import path from "node:path";
import { listSpec, tableSpec, type SettingKey, type TableName } from "../core/model/blueprint";
import { checkReturn } from "../core/returns/checks";
import { compareRounds } from "../core/figures/compare";
import { previousRoundWarnings } from "../core/returns/rounds";
import {
  countedReturns,
  isFailure,
  regionalSettings,
  settingNoteText,
  supersededText,
} from "../core/consolidation/decisions";
import {
  applyPlan,
  regionalGradeCosts,
  existingKeys,
  directoryOf,
  listsOf,
  planConsolidation,
} from "../core/consolidation/consolidate";
import { gradeCostRows } from "../core/consolidation/grade-costs";
import {
  DEMO_PREVIOUS_ROUND,
  demoDirectory,
  demoPreviousReturns,
  demoReturns,
  demoReturnWithMistakes,
  demoSurveyResponses,
  type DemoReturn,
} from "../core/demo/demo-data";
import { countFindings, formatFinding, type Finding } from "../core/model/findings";
import { formatCost, formatCount, formatFte, HUGE } from "../core/report/format";
import { computeHeadlines, type HeadlineFigures } from "../core/figures/headlines";
import { settingsDistrict } from "../core/returns/read-return";
import {
  costFigures,
  reviewThresholds,
  thresholdDisagreements,
  type ReviewThresholds,
} from "../core/figures/value-for-time";
import type { AuditReturn, ConsolidationPlan } from "../core/model/workbook-data";
import { WORKBOOK_SPEC } from "../core/workbook/spec";
import { writeAuditWorkbook, type AuditWorkbookContent } from "../xlsx/write";
import { report } from "./report";
import {
  CliFileError,
  exists,
  makeFolder,
  messageNames,
  nodeDeflateStream,
  pathTaken,
  readReturnFile,
  readWorkbookFile,
  sameFile,
  writeAtomic,
} from "./io";
import { refuseOutput } from "./targets";
import { uncostedWarning, type Output } from "./output";

export type { Output };

export type ExitCode = 0 | 1 | 2;

function worst(...codes: ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>((a, b) => (b > a ? b : a), 0);
}

/**
 * Read each file, named as the user typed it; unreadable ones are reported (one line each) and
 * left out.
 */
async function readAll(
  files: readonly string[],
  io: Output,
): Promise<{ returns: AuditReturn[]; unreadable: CliFileError[] }> {
  const returns: AuditReturn[] = [];
  const unreadable: CliFileError[] = [];
  const names = messageNames(files);
  for (const file of files) {
    try {
      returns.push(await readReturnFile(file, names.get(file)));
    } catch (e) {
      if (!(e instanceof CliFileError)) throw e;
      unreadable.push(e);
      io.err(e.line());
    }
  }
  return { returns, unreadable };
}

function findingJson(f: Finding): Finding {
  return { ...f };
}

// ---------------------------------------------------------------------------------------------

export async function template(
  out: string,
  options: { region?: string; district?: string; round?: string; force?: boolean },
  io: Output,
): Promise<ExitCode> {
  const settings: Partial<Record<SettingKey, string | number>> = {};
  if (options.region !== undefined) settings.region = options.region;
  if (options.district !== undefined) settings.district = options.district;
  if (options.round !== undefined) settings.auditRound = options.round;
  const bytes = await writeAuditWorkbook({ settings }, { deflateStream: nodeDeflateStream });
  if (!(await written(out, bytes, io, options.force === true))) return 2;
  // the sheets as the writer lays them out, so that the list names every sheet the file has
  io.out(`Wrote ${out}: a blank audit workbook (${WORKBOOK_SPEC.sheetOrder.join(", ")}).`);
  return 0;
}

// ---------------------------------------------------------------------------------------------

export async function check(files: readonly string[], json: boolean, io: Output): Promise<ExitCode> {
  const report: unknown[] = [];
  let errors = 0;
  let warnings = 0;
  let code: ExitCode = 0;
  const names = messageNames(files);
  for (const file of files) {
    // every message names the file as the user typed it
    const name = names.get(file) ?? file;
    let ret: AuditReturn;
    try {
      ret = await readReturnFile(file, name);
    } catch (e) {
      if (!(e instanceof CliFileError)) throw e;
      io.err(e.line());
      report.push({ file: name, readable: false, error: e.message });
      code = worst(code, 2);
      continue;
    }
    const findings = checkReturn(ret);
    const e = countFindings(findings, "error");
    const w = countFindings(findings, "warning");
    errors += e;
    warnings += w;
    if (e > 0) code = worst(code, 1);
    if (json) {
      report.push({
        file: name,
        readable: true,
        errors: e,
        warnings: w,
        findings: findings.map(findingJson),
      });
    } else {
      for (const f of findings) io.out(formatFinding(f));
      io.out(`${name}: ${plural(e, "error")}, ${plural(w, "warning")}${e === 0 ? " — ready to import" : ""}`);
    }
  }
  if (json) io.json({ files: report, errors, warnings });
  return code;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-GB")} ${word}${n === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------------

function pct(n: number | null): string {
  return n === null ? "n/a" : `${Math.round(n * 100)}%`;
}

function fixed(n: number | null, digits: number): string {
  if (n === null) return "n/a";
  return Math.abs(n) >= HUGE ? formatFte(n) : n.toFixed(digits);
}

function printHeadlines(h: HeadlineFigures, io: Output, thresholds?: ReviewThresholds): void {
  const notComputed = (key: string): string =>
    `not computed: ${h.notComputed[key] ?? "see the errors above"}`;
  const pairs = (
    o: Record<string, number | null> | null,
    fmt: (n: number | null) => string,
    key = "",
  ): string =>
    o === null
      ? notComputed(key)
      : Object.entries(o)
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(", ") || "none";
  io.out(`Files: ${h.files}`);
  io.out(`Partnerships (distinct IDs): ${h.partnerships}`);
  io.out(`Districts: ${h.districts}`);
  io.out(`Partnerships per district: ${fixed(h.perDistrict, 2)}`);
  io.out(`Leadership ratio (Leading or Key): ${pct(h.leadershipRatio)}`);
  io.out(`Staff time (FTE): ${h.fte === null ? notComputed("fte") : fixed(h.fte, 2)}`);
  io.out(`By level: ${pairs(h.byLevel, (n) => String(n))}`);
  io.out(`By type: ${pairs(h.byType, (n) => String(n))}`);
  io.out(`Partnerships by district: ${pairs(h.perDistrictCounts, (n) => String(n))}`);
  io.out(`FTE by district: ${pairs(h.fteByDistrict, (n) => fixed(n, 2), "fteByDistrict")}`);
  io.out(`Leadership ratio by district: ${pairs(h.leadershipByDistrict, pct)}`);
  io.out(
    `Barriers: ${h.barriers.map((b) => `${b.label} ${b.count} (${pct(b.share)})`).join("; ") || "none recorded"}`,
  );
  const uncosted = h.notComputed.cost === undefined;
  io.out(
    `Annual cost of staff time: ${h.cost !== null ? pounds(h.cost) : uncosted ? "not costed (see above)" : notComputed("cost")}`,
  );
  io.out(
    `Cost by district: ${pairs(h.costByDistrict, (n) => (n !== null ? pounds(n) : h.notComputed.costByDistrict !== undefined ? "not computed" : "not costed"))}`,
  );
  const rule = thresholds
    ? ` (partners value them below ${thresholds.valueBelow}${thresholds.hoursFrom > 0 ? `, at ${thresholds.hoursFrom} hours a year or more` : ""})`
    : "";
  if (h.review === null) {
    io.out(`Partnerships to review${rule}: ${notComputed("review")}`);
    return;
  }
  const flagged = h.review.filter((r) => r.flag === "Review");
  io.out(
    `Partnerships to review${rule}: ${
      flagged.map((r) => `${r.id} (${count(r.hours)} hours a year, value ${fixed(r.value, 2)})`).join("; ") ||
      "none"
    }`,
  );
}

/** A cost to the pound: £61,235 (a number too long to read in a readable form: £5.2 × 10³⁰³). */
function pounds(n: number): string {
  return formatCost(n);
}

/** A whole number with thousands separators, or in a readable form when too long. */
function count(n: number): string {
  return formatCount(n);
}

/** The most organisations `summary --json` lists in topOrganisations. */
const TOP_ORGANISATIONS = 20;

/**
 * The network fields of `summary --json`: numbers unrounded, at most 20 organisations. A figure its
 * data stops (an error value, negative hours, too many pairs) is null, its reason in `notComputed`
 * under the field's name, as for the headline figures.
 */
function networkJson(
  n: NetworkFigures,
  notComputed: Readonly<Record<string, string>>,
): {
  organisations: number | null;
  sharedSeats: readonly SharedSeat[] | null;
  overlaps: readonly Overlap[] | null;
  topOrganisations: readonly OrganisationMet[] | null;
  notComputed: Record<string, string>;
} {
  const reasons: Record<string, string> = { ...notComputed };
  const failed = (figure: NetworkProblem["figure"], field: string): boolean => {
    const p = problemOf(n, figure);
    if (p !== undefined) reasons[field] = p.message;
    return p !== undefined;
  };
  return {
    organisations: failed("organisations", "organisations") ? null : n.organisations,
    sharedSeats: failed("sharedSeats", "sharedSeats") ? null : n.sharedSeats,
    overlaps: failed("overlaps", "overlaps") ? null : n.overlaps,
    topOrganisations: failed("organisationsMet", "topOrganisations")
      ? null
      : n.organisationsMet.filter((o) => o.organisation !== BLANK_GROUP).slice(0, TOP_ORGANISATIONS),
    notComputed: reasons,
  };
}

/**
 * The plain summary's network lines: organisations, hours beyond one, the top overlapping pairs. A
 * figure its data stops (an error value, negative hours, too many pairs) says "not computed", never
 * "none", and why goes to standard error.
 */
function printNetwork(n: NetworkFigures, io: Output): void {
  const failed = (figure: NetworkProblem["figure"]): boolean => problemOf(n, figure) !== undefined;
  const NOT_COMPUTED = "not computed (see the reason below)";
  io.out(
    `Organisations we meet: ${
      !n.membersRecorded ? "none recorded" : failed("organisations") ? NOT_COMPUTED : n.organisations
    }`,
  );
  io.out(
    `Hours beyond one on shared seats: ${
      failed("sharedSeats")
        ? NOT_COMPUTED
        : n.sharedSeats.length === 0
          ? n.representationRecorded
            ? "none (no partnership is attended from more than one district)"
            : "none recorded"
          : `${Math.round(n.hoursBeyondOne)} hours a year in all (${n.sharedSeats
              .slice(0, 5)
              .map((s) => `${s.id}: ${s.districts} districts, ${Math.round(s.hoursBeyondOne)} beyond one`)
              .join("; ")}${n.sharedSeats.length > 5 ? `; and ${n.sharedSeats.length - 5} more` : ""})`
    }`,
  );
  io.out(
    `Overlapping partnerships (sharing ${Math.round(n.overlapFrom * 100)}% or more): ${
      !n.membersRecorded
        ? "none recorded"
        : failed("overlaps")
          ? NOT_COMPUTED
          : n.overlaps.length === 0
            ? "none"
            : `${n.overlaps.length} ${n.overlaps.length === 1 ? "pair" : "pairs"}; top: ${n.overlaps
                .slice(0, 5)
                .map((o) => `${o.a} and ${o.b} (${o.shared} organisations, ${Math.round(o.share * 100)}%)`)
                .join("; ")}`
    }`,
  );
  for (const p of n.problems)
    io.err(`The ${p.figure} figure could not be worked out: ${p.code} ${p.message}`);
}

export async function summary(
  files: readonly string[],
  json: boolean,
  io: Output,
  options: Partial<ReviewThresholds> & { readonly overlapFrom?: number } = {},
): Promise<ExitCode> {
  const { overlapFrom, ...review } = options;
  const read = await readAll(files, io);
  const { unreadable } = read;
  // each district and round counted once, as consolidation imports them
  const { returns, superseded } = countedReturns(read.returns);
  for (const s of superseded) io.err(`Note: ${supersededText(s)}.`);
  if (unreadable.length > 0) {
    // with --json, standard output always holds one JSON document: the figures of the files read
    if (json) {
      io.err(`The figures leave out ${plural(unreadable.length, "file")} that could not be read (above).`);
      const headlines = computeHeadlines(returns, { review });
      io.json({ ...headlines, ...networkJson(networkFigures(returns, overlapFrom), headlines.notComputed) });
    }
    return 2;
  }
  let code: ExitCode = 0;
  for (const ret of returns) {
    const findings = checkReturn(ret).filter((f) => f.severity === "error");
    if (findings.length > 0) {
      code = 1;
      for (const f of findings) io.err(formatFinding(f));
    }
  }
  if (code === 1) io.err("The data has errors (above): the figures below may be wrong until they are fixed.");
  const h = computeHeadlines(returns, { review });
  for (const w of thresholdDisagreements(returns, review)) io.err(`Warning: ${w}.`);
  const { uncostedGrades } = costFigures(returns);
  if (uncostedGrades.length > 0) io.err(uncostedWarning(uncostedGrades));
  const network = networkFigures(returns, overlapFrom);
  if (json) io.json({ ...h, ...networkJson(network, h.notComputed) });
  else {
    printHeadlines(h, io, reviewThresholds(returns, review));
    printNetwork(network, io);
  }
  return code;
}

// ---------------------------------------------------------------------------------------------

const TABLE_NAMES: readonly TableName[] = ["Partnerships", "Representation", "PartnerSurvey", "Members"];

/** What a consolidation writes, and what it says once written. */
interface Consolidation {
  readonly content: AuditWorkbookContent;
  readonly imported: ConsolidationPlan["imported"];
  readonly skipped: ConsolidationPlan["skipped"];
  readonly warnings: ConsolidationPlan["warnings"];
  readonly unreadable: readonly CliFileError[];
  readonly failures: number;
  /** rows per table written */
  readonly counts: string;
}

/**
 * Consolidate returns into OUT (the core of `consolidate` and `demo`). An existing OUT is read and
 * its other returns kept, unless `fresh` (demo --force: OUT is replaced by the returns alone).
 */
export async function consolidate(
  out: string,
  files: readonly string[],
  skipInvalid: boolean,
  io: Output,
  fresh = false,
): Promise<ExitCode> {
  const refused = await refuseOutput(out, "workbook", files, "consolidate");
  if (refused) {
    io.err(refused.line());
    return 2;
  }
  // planned in a function of its own: the returns as read and the plan's rows are left behind
  // there, so that only the rows to write are in memory while the workbook is written (a
  // 1,000,000-row return would otherwise be held two or three times over)
  const planned = await planRegional(out, files, skipInvalid, io, fresh);
  if (typeof planned === "number") return planned;
  const { imported, skipped, warnings, unreadable, failures, counts } = planned;
  const bytes = await writeAuditWorkbook(planned.content, { deflateStream: nodeDeflateStream });
  if (!(await written(out, bytes, io))) return 2;

  for (const i of imported) {
    io.out(
      `Imported ${i.file}: district ${i.district}, round ${i.auditRound || "(none)"}, ${plural(i.rows, "row")}${
        i.replaced ? ` (replaced the rows of ${i.district} ${i.auditRound} already in ${out})` : ""
      }`,
    );
  }
  for (const s of skipped) io.out(`Skipped ${s.file}: ${s.why}`);
  for (const u of unreadable) io.out(`Skipped ${u.file}: ${u.message}`);
  for (const w of warnings) io.out(formatFinding(w));
  io.out(`Wrote ${out}: ${plural(imported.length, "return")} imported; rows: ${counts}.`);
  // only --skip-invalid gets here with failures: it writes the valid returns and exits 1, whether
  // the others had errors or could not be read at all
  return failures > 0 ? 1 : 0;
}

/** Read the returns (and OUT), check and plan: what to write, or the exit status when nothing is. */
async function planRegional(
  out: string,
  files: readonly string[],
  skipInvalid: boolean,
  io: Output,
  fresh: boolean,
): Promise<Consolidation | ExitCode> {
  // OUT first: when it is not a regional workbook, nothing else needs reading
  let regional: AuditReturn | undefined;
  if (!fresh && (await exists(out))) {
    try {
      regional = await readWorkbookFile(out);
    } catch (e) {
      if (!(e instanceof CliFileError)) throw e;
      io.err(
        `${e.line()}; it exists and is not an audit workbook, so it is not replaced: choose another output file`,
      );
      return 2;
    }
    // a district return named first by mistake (`consolidate D*.xlsx`) is never replaced
    const district = settingsDistrict(regional);
    if (district !== undefined) {
      io.err(
        `${out}: is the district return of ${district}, not a regional workbook, so it is not replaced; name the regional workbook first, before the returns (for example: partnership-audit consolidate regional.xlsx D*.xlsx)`,
      );
      return 2;
    }
  }
  const { returns, unreadable } = await readAll(files, io);
  const findings = new Map<AuditReturn, Finding[]>();
  for (const ret of returns) findings.set(ret, checkReturn(ret));
  const plan = planConsolidation(existingKeys(regional), returns, {
    findings,
    regionalGradeCosts: gradeCostRows(regional),
  });
  // a return superseded by a later one with the same district and round has not failed; every
  // other skipped return has (errors, or no district): decided from the reason, not its words
  const failed = plan.skipped.filter((s) => isFailure(s.reason));
  for (const s of failed) {
    const ret = returns.find((r) => r.file === s.file);
    for (const f of (ret ? findings.get(ret) : undefined) ?? [])
      if (f.severity === "error") io.err(formatFinding(f));
  }
  const failures = failed.length + unreadable.length;
  if (failures > 0 && !skipInvalid) {
    for (const s of failed) io.err(`${s.file}: not imported: ${s.why}`);
    io.err(
      `Nothing written: ${plural(failures, "return")} could not be imported. Fix ${failures === 1 ? "it" : "them"}, or use --skip-invalid to write the others.`,
    );
    return unreadable.length > 0 ? 2 : 1;
  }

  const tables = applyPlan(regional, plan);
  const imported = plan.imported
    .map((i) => returns.find((r) => r.file === i.file))
    .filter((r): r is AuditReturn => !!r);
  const { settings, notes } = regionalSettings(regional, imported);
  for (const note of notes) io.out(settingNoteText(note));
  const lists = listsOf(regional ? [regional, ...imported] : imported);
  const directory = directoryOf(regional ? [regional, ...imported] : imported);
  // the review thresholds (docs/value-for-time.md) and Overlap from are the regional workbook's own
  for (const k of ["reviewValueBelow", "reviewHoursFrom", "overlapFrom"] as const) {
    const own = regional?.settings[k];
    if (own !== undefined) settings[k] = own;
    else delete settings[k];
  }
  const counts = TABLE_NAMES.map((t) => {
    const n = tables.find((x) => x.table === t)?.rows.length ?? 0;
    return `${tableSpec(t).sheet} ${n}`;
  }).join(", ");
  return {
    content: {
      settings,
      tables,
      lists,
      directory,
      gradeCosts: regionalGradeCosts(regional, plan, lists.grades ?? listSpec("grades").values),
    },
    imported: plan.imported,
    skipped: plan.skipped,
    warnings: plan.warnings,
    unreadable,
    failures,
    counts,
  };
}

// ---------------------------------------------------------------------------------------------

export async function compare(
  previous: string,
  current: string,
  json: boolean,
  io: Output,
): Promise<ExitCode> {
  // both readable: the comparison is made (exit 0) whatever they are, with a warning when it can
  // say little (the same file, or the same round)
  const same = await sameFile(previous, current);
  const { returns, unreadable } = await readAll([previous, current], io);
  if (unreadable.length > 0) return 2;
  const [p, c] = returns;
  if (same)
    io.err(
      `Warning: ${previous} is given as both the previous and the current round, so nothing has changed; give the previous round's workbook first, then this round's.`,
    );
  else for (const w of previousRoundWarnings([p], [c])) io.err(`Warning: ${w}.`);
  const result = compareRounds([p], [c]);
  if (json) {
    io.json(result);
    return 0;
  }
  const signed = (n: number, digits: number): string => `${n >= 0 ? "+" : ""}${n.toFixed(digits)}`;
  io.out(`Previous: ${p.file} (${plural(result.previous.partnerships, "partnership")})`);
  io.out(`Current: ${c.file} (${plural(result.current.partnerships, "partnership")})`);
  io.out(`New: ${result.new}${result.newIds.length ? ` (${result.newIds.join(", ")})` : ""}`);
  io.out(`Continuing: ${result.continuing}`);
  io.out(`Ended: ${result.ended}${result.endedIds.length ? ` (${result.endedIds.join(", ")})` : ""}`);
  const fteText = (n: number | null): string => (n === null ? "not computed (see the errors)" : fixed(n, 2));
  io.out(
    `Staff time (FTE): ${fteText(result.previous.fte)} → ${fteText(result.current.fte)}${result.fteChange === null ? "" : ` (${signed(result.fteChange, 2)})`}`,
  );
  io.out(
    `Leadership ratio: ${pct(result.previous.leadershipRatio)} → ${pct(result.current.leadershipRatio)}${
      result.leadershipRatioChange === null
        ? ""
        : ` (${signed(result.leadershipRatioChange * 100, 0)} points)`
    }`,
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------

/** The demo's subfolders: the previous round, and the return with mistakes. */
const DEMO_PREVIOUS_FOLDER = "previous";
const DEMO_MISTAKES_FOLDER = "with-mistakes";

export async function demo(dir: string, io: Output, options: { force?: boolean } = {}): Promise<ExitCode> {
  const force = options.force === true;
  try {
    await makeFolder(dir);
  } catch (e) {
    if (!(e instanceof CliFileError)) throw e;
    io.err(e.line());
    return 2;
  }
  const returns = demoReturns();
  const previous = demoPreviousReturns();
  const withMistakes = demoReturnWithMistakes();
  const regional = path.join(dir, "regional.xlsx");
  const reportFile = path.join(dir, "report.html");
  const previousDir = path.join(dir, DEMO_PREVIOUS_FOLDER);
  const previousRegional = path.join(previousDir, "regional.xlsx");
  const mistakesFile = path.join(dir, DEMO_MISTAKES_FOLDER, withMistakes.demo.file);
  const surveyed = returns[0];
  const responsesName = `${path.parse(surveyed.file).name}-survey-responses.csv`;
  const responsesFile = path.join(dir, responsesName);
  // every file the demo writes, named as in DIR (`previous/D01.xlsx`)
  const names = [
    ...returns.map((r) => r.file),
    "regional.xlsx",
    "report.html",
    ...previous.map((r) => path.join(DEMO_PREVIOUS_FOLDER, r.file)),
    path.join(DEMO_PREVIOUS_FOLDER, "regional.xlsx"),
    path.join(DEMO_MISTAKES_FOLDER, withMistakes.demo.file),
    responsesName,
  ];
  // every target checked before anything is written: a demo never stops half-way over old files
  if (!force) {
    const taken: string[] = [];
    for (const name of names) if (await pathTaken(path.join(dir, name))) taken.push(name);
    if (taken.length > 0) {
      io.err(
        `${dir}: ${taken.join(", ")} ${taken.length === 1 ? "exists" : "exist"} already; nothing was written (use --force to replace ${taken.length === 1 ? "it" : "them"})`,
      );
      return 2;
    }
  }
  try {
    await makeFolder(previousDir);
    await makeFolder(path.dirname(mistakesFile));
  } catch (e) {
    if (!(e instanceof CliFileError)) throw e;
    io.err(`${e.line()}; nothing was written`);
    return 2;
  }
  const directory = demoDirectory();
  const writeReturns = async (list: readonly DemoReturn[], folder: string): Promise<string[] | undefined> => {
    const files: string[] = [];
    for (const r of list) {
      const file = path.join(folder, r.file);
      const bytes = await writeAuditWorkbook(
        { settings: r.settings, tables: r.tables, directory, gradeCosts: r.gradeCosts },
        { deflateStream: nodeDeflateStream },
      );
      if (!(await written(file, bytes, io, force))) return undefined;
      files.push(file);
    }
    return files;
  };
  const files = await writeReturns(returns, dir);
  if (!files) return 2;
  io.out(`Wrote ${files.length} district returns to ${dir}.`);
  const quiet: Output = { out: () => undefined, err: (line) => io.err(line), json: () => undefined };
  const code = await consolidate(regional, files, false, quiet, force);
  if (code !== 0) return code;
  io.out(`Wrote ${regional}: the consolidated regional workbook.`);
  if ((await report(reportFile, [regional], {}, quiet)) === 2) return 2;
  io.out(`Wrote ${reportFile}: the audit report; open it in a browser to read or print it.`);

  const previousFiles = await writeReturns(previous, previousDir);
  if (!previousFiles) return 2;
  const previousCode = await consolidate(previousRegional, previousFiles, false, quiet, force);
  if (previousCode !== 0) return previousCode;
  io.out(
    `Wrote ${previousFiles.length} district returns of the previous round (${DEMO_PREVIOUS_ROUND}) and their regional workbook to ${previousDir}; compare the rounds with: partnership-audit compare ${previousRegional} ${regional}`,
  );
  if (!(await writeReturns([withMistakes.demo], path.dirname(mistakesFile)))) return 2;
  io.out(
    `Wrote ${mistakesFile}: a return with ${withMistakes.mistakes.length} mistakes in it; see them with: partnership-audit check ${mistakesFile}`,
  );
  const responses = demoSurveyResponses(surveyed);
  if (!(await written(responsesFile, new TextEncoder().encode(responses.csv), io, force))) return 2;
  const surveyedFile = path.join(dir, surveyed.file);
  io.out(
    `Wrote ${responsesFile}: partner survey responses about ${surveyed.settings.district}'s partnerships, as a form tool exports them; see what importing them would add with: partnership-audit survey ${responsesFile} --return ${surveyedFile}`,
  );
  io.out("");
  return summary(files, false, io);
}

/**
 * Writes a file atomically (replacing an existing one, or only when `replace`); on a file error
 * says why in one line and returns false.
 */
async function written(file: string, bytes: Uint8Array, io: Output, replace = true): Promise<boolean> {
  try {
    await writeAtomic(file, bytes, { replace });
    return true;
  } catch (e) {
    if (e instanceof CliFileError) {
      io.err(e.line());
      return false;
    }
    throw e;
  }
}

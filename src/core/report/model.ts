/**
 * What the audit report shows, assembled by ONE core function from the core's own figures: the
 * headlines of `summary --json` (computeHeadlines, with its Value for time: cost, cost by district
 * and the review), FTE by district and grade (fteByColumn, as
 * AUDIT.FTEBY), breakdowns (AUDIT.BREAKDOWN), scores (AUDIT.SCORE), sums (as AUDIT.FTE sums
 * hours), the comparison of two rounds (compareRounds, as AUDIT.CHANGE) and the checks' findings.
 * Nothing here is a second calculation of a figure the core already makes; the renderer
 * (render.ts) only rounds and lays out.
 *
 * Pure: the shell passes in the date the report is made on (the core reads no clock) and the
 * findings of the checks it ran.
 */
import { networkLinks, type ReportNetwork } from "./network";
import { LISTS, type ListKey, type TableName } from "../model/blueprint";
import { compareRounds, type Comparison } from "../figures/compare";
import { countFindings, type Finding } from "../model/findings";
import { breakdown, sumHours, type Cells } from "../calc";
import { attempt, column, compareText, type HeadlineFigures } from "../figures/headlines";
import { labelKey, tidyLabel } from "../model/labels";
import {
  costFigures,
  reviewThresholds,
  type ReviewEntry,
  type ReviewThresholds,
} from "../figures/value-for-time";
import { isolated } from "./html";
import {
  BLOCKS,
  HEADLINES,
  blockValue,
  headlineValue,
  summaryData,
  type SummaryData,
} from "../workbook/spec";
import type { AuditReturn, CellValue, TableData } from "../model/workbook-data";

/** One row of a breakdown: label, how many, share of the base (0…1). */
export interface ReportShare {
  readonly label: string;
  readonly count: number;
  readonly share: number;
}

/** One partnership of the list in question 1 (one row per distinct Partnership ID). */
interface ReportPartnership {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  readonly type: string;
  /** our role, per district when it differs: "Key" or "Key (D01); Active (D02)" */
  readonly role: string;
  readonly districts: readonly string[];
}

/** One row of the Value for time review (`summary --json`'s `review`), with its partnership's name. */
export interface ReportReviewRow extends ReviewEntry {
  /** the name in Partnerships ("" when no Partnerships row has this ID) */
  readonly name: string;
}

/** What the checks found in one file (or the open workbook), counted per sheet. */
export interface ReportFileQuality {
  readonly file: string;
  /** "previous" for a file of the previous round */
  readonly round: "current" | "previous";
  readonly sheets: readonly { readonly sheet: string; readonly errors: number; readonly warnings: number }[];
  readonly errors: number;
  readonly warnings: number;
  readonly findings: readonly Finding[];
}

export interface ReportInput {
  readonly title: string;
  /** the date the report was made, as the shell gives it (e.g. "2026-11-29") */
  readonly madeOn: string;
  readonly regions: readonly string[];
  readonly districts: readonly string[];
  readonly rounds: readonly string[];
  /** the files (or "the open workbook") the report was made from */
  readonly sources: readonly string[];
  readonly previousSources: readonly string[];
  readonly previousRounds: readonly string[];

  readonly headlines: HeadlineFigures;
  /** FTE ÷ districts; null with no district */
  readonly ftePerDistrict: number | null;
  readonly scores: {
    readonly trust: number | null;
    readonly value: number | null;
    readonly effectiveness: number | null;
    /** Partner survey rows */
    readonly responses: number;
  };

  // 1. partnerships (by level, type and district: the Summary's blocks)
  readonly byLevel: readonly (readonly [string, number])[];
  readonly byType: readonly (readonly [string, number])[];
  readonly byDistrict: readonly {
    readonly district: string;
    readonly partnerships: number;
    readonly leadershipRatio: number | null;
  }[];
  readonly partnerships: readonly ReportPartnership[];
  /** overlaps and the partner network (after question 1) */
  readonly network: ReportNetwork;
  // 2. staff
  readonly fteByDistrict: readonly (readonly [string, number])[];
  readonly fteByGrade: readonly (readonly [string, number])[];
  readonly representation: {
    /** rows of Representation */
    readonly representatives: number;
    /** meetings attended a year (sum of Meetings per year); null when a cell is not a number */
    readonly meetings: number | null;
    /** annual hours (sum of Annual hours); null when a cell is not a number */
    readonly hours: number | null;
  };
  readonly roles: readonly ReportShare[];
  // 3. barriers
  readonly barriers: readonly ReportShare[];
  readonly effectivenessFactors: readonly ReportShare[];
  // 4. impact
  readonly contribution: readonly ReportShare[];
  readonly impactRoutes: readonly ReportShare[];
  // 5. guidance
  readonly guidance: readonly ReportShare[];

  // Value for time (docs/value-for-time.md), the figures of `summary --json`
  /** annual cost of staff time; null when a grade with hours has no hourly cost */
  readonly cost: number | null;
  /** the grades with hours but no hourly cost (first spelling), when the cost is null */
  readonly uncostedGrades: readonly string[];
  readonly costByDistrict: Readonly<Record<string, number | null>>;
  /** one row per partnership of Representation, hours largest first */
  /** null when a cell it needs is unusable (the reason in headlines.notComputed.review) */
  readonly review: readonly ReportReviewRow[] | null;
  /** the thresholds the review used */
  readonly reviewThresholds: ReviewThresholds;

  /** with a previous round only */
  readonly comparison?: Comparison & {
    /** the previous round's annual cost; null when not costed */
    readonly previousCost: number | null;
  };

  readonly dataQuality: readonly ReportFileQuality[];
}

interface ReportFiles {
  /** the returns or regional workbook(s) of the round reported on */
  readonly returns: readonly AuditReturn[];
  /** the previous round's, for "Since the previous round" */
  readonly previous?: readonly AuditReturn[];
  /** the checks' findings per return (the shell runs the checks); a return missing here has none */
  readonly findings: ReadonlyMap<AuditReturn, readonly Finding[]>;
  /** default `Partnership audit: REGION, ROUND` */
  readonly title?: string;
  /** the date the report is made, from the shell */
  readonly madeOn: string;
  /** review thresholds given by the user (the CLI's --value-below, --hours-from); else the first workbook's Settings, else the defaults */
  readonly review?: Partial<ReviewThresholds>;
}

/** Distinct labels (first spelling, tidied), in first-seen order. */
function distinct(values: Iterable<unknown>): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    const label = tidyLabel(String(v));
    const k = labelKey(label);
    if (k !== "" && !seen.has(k)) seen.set(k, label);
  }
  return [...seen.values()];
}

function* cellsOf(cells: Cells): Iterable<unknown> {
  for (const row of cells) for (const v of row) yield v;
}

/** A list's vocabulary: the first workbook's own Lists, else the blueprint's. */
function vocabulary(returns: readonly AuditReturn[], list: ListKey): readonly string[] {
  return (
    returns.find((r) => (r.lists?.[list]?.length ?? 0) > 0)?.lists?.[list] ??
    LISTS.find((l) => l.key === list)?.values ??
    []
  );
}

/** AUDIT.BREAKDOWN of a column with the list's vocabulary as order; [] when nothing is recorded. */
function shares(
  returns: readonly AuditReturn[],
  table: TableName,
  key: string,
  list: ListKey,
): ReportShare[] {
  const cells = column(returns, table, key);
  const anything = cells.some(([v]) => v !== null && v !== "");
  if (!anything) return [];
  return attempt(() => breakdown(cells, null, [[...vocabulary(returns, list)]]), []).map(
    ([label, count, share]) => ({ label, count, share }),
  );
}

/** A Summary figure as a number: "no data yet" or an error value is null. */
function num(v: CellValue | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The rows a Summary block spills, as [label, n, …] with numbers; "no data yet" and errors give none. */
function blockRows(data: SummaryData, key: string): (readonly [string, ...(number | null)[]])[] {
  if (!BLOCKS.some((b) => b.key === key)) return [];
  const out: [string, ...(number | null)[]][] = [];
  for (const row of blockValue(data, key)) {
    const [label, ...rest] = row;
    if (typeof label !== "string" && typeof label !== "number") continue;
    if (rest.length === 0 || typeof rest[0] !== "number") continue;
    out.push([String(label), ...rest.map(num)]);
  }
  return out;
}

/** A Summary headline's value by key, as a number (null for "no data yet" or an error). */
function headline(data: SummaryData, key: string): number | null {
  return HEADLINES.some((h) => h.key === key) ? num(headlineValue(data, key)) : null;
}

const pairs = (rows: readonly (readonly [string, ...(number | null)[]])[]): [string, number][] =>
  rows.map((r) => [r[0], r[1] ?? 0]);

const shareRows = (rows: readonly (readonly [string, ...(number | null)[]])[]): ReportShare[] =>
  rows.map((r) => ({ label: r[0], count: r[1] ?? 0, share: r[2] ?? 0 }));

function rows(returns: readonly AuditReturn[], table: TableName): number {
  return returns.reduce((n, r) => n + (r.tables[table]?.rows.length ?? 0), 0);
}

function partnershipList(returns: readonly AuditReturn[]): ReportPartnership[] {
  interface Acc {
    id: string;
    name: string;
    level: string;
    type: string;
    roles: Map<string, { role: string; districts: string[] }>;
    districts: Map<string, string>;
  }
  const text = (v: CellValue | undefined): string =>
    typeof v === "string" || typeof v === "number" ? tidyLabel(String(v)) : "";
  const byId = new Map<string, Acc>();
  for (const ret of returns) {
    for (const row of ret.tables.Partnerships?.rows ?? []) {
      const id = text(row.values.partnershipId);
      if (id === "") continue;
      const k = labelKey(id);
      let acc = byId.get(k);
      if (!acc) {
        acc = { id, name: "", level: "", type: "", roles: new Map(), districts: new Map() };
        byId.set(k, acc);
      }
      acc.name ||= text(row.values.partnership);
      acc.level ||= text(row.values.level);
      acc.type ||= text(row.values.type);
      const district = text(row.values.district);
      if (district !== "" && !acc.districts.has(labelKey(district)))
        acc.districts.set(labelKey(district), district);
      const role = text(row.values.ourRole);
      if (role !== "") {
        const entry = acc.roles.get(labelKey(role)) ?? { role, districts: [] };
        if (district !== "" && !entry.districts.includes(district)) entry.districts.push(district);
        acc.roles.set(labelKey(role), entry);
      }
    }
  }
  return [...byId.values()]
    .map((a) => {
      const roles = [...a.roles.values()];
      const role =
        roles.length <= 1
          ? (roles[0]?.role ?? "")
          : roles
              .map((r) =>
                r.districts.length ? `${r.role} (${[...r.districts].sort(compareText).join(", ")})` : r.role,
              )
              .join("; ");
      return {
        id: a.id,
        name: a.name,
        level: a.level,
        type: a.type,
        role,
        districts: [...a.districts.values()].sort(compareText),
      };
    })
    .sort((a, b) => compareText(a.id, b.id));
}

function quality(
  returns: readonly AuditReturn[],
  findings: ReadonlyMap<AuditReturn, readonly Finding[]>,
  round: "current" | "previous",
): ReportFileQuality[] {
  return returns.map((ret) => {
    const list = findings.get(ret) ?? [];
    const sheets = new Map<string, { sheet: string; errors: number; warnings: number }>();
    for (const f of list) {
      const s = sheets.get(f.sheet) ?? { sheet: f.sheet, errors: 0, warnings: 0 };
      // a finding that stands for more not listed counts them all
      if (f.severity === "error") s.errors += f.more ?? 1;
      else s.warnings += f.more ?? 1;
      sheets.set(f.sheet, s);
    }
    const errors = countFindings(list, "error");
    return {
      file: sourceName(ret),
      round,
      sheets: [...sheets.values()],
      errors,
      warnings: countFindings(list, "warning"),
      findings: list,
    };
  });
}

/** A return's name in the report: its file, or "the open workbook". */
function sourceName(ret: AuditReturn): string {
  return ret.file === "" ? "the open workbook" : ret.file;
}

function roundsOf(returns: readonly AuditReturn[]): string[] {
  const fromRows = (t: TableData | undefined): CellValue[] => (t?.rows ?? []).map((r) => r.values.auditRound);
  return distinct([
    ...returns.map((r) => r.settings.auditRound),
    ...returns.flatMap((r) => fromRows(r.tables.Partnerships)),
  ]).sort(compareText);
}

/** The default title: `Partnership audit: REGION, ROUND` (the parts there are). */
function defaultTitle(regions: readonly string[], rounds: readonly string[]): string {
  // each region and round kept to itself: a right-to-left override in one never reverses the rest
  const parts = [regions.map(isolated).join(", "), rounds.map(isolated).join(", ")].filter((p) => p !== "");
  return parts.length ? `Partnership audit: ${parts.join(", ")}` : "Partnership audit";
}

/** Everything the report shows, from the core's figures. */
export function buildReportInput(files: ReportFiles): ReportInput {
  const { returns } = files;
  const previous = files.previous ?? [];
  // the Summary sheet's own figures (workbook/spec/summary.ts), computed once on these returns:
  // the report shows what the Summary shows
  const summary = summaryData(returns, { review: files.review ?? {} });
  const h = summary.headlines;
  const regions = distinct([
    ...returns.map((r) => r.settings.region),
    ...cellsOf(column(returns, "Partnerships", "region")),
  ]);
  const rounds = roundsOf(returns);
  const districts = distinct([
    ...Object.keys(h.perDistrictCounts),
    ...Object.keys(h.fteByDistrict ?? {}),
    ...returns.map((r) => r.settings.district),
  ]).sort(compareText);

  const byDistrict = blockRows(summary, "byDistrict").map((r) => ({
    district: r[0],
    partnerships: r[1] ?? 0,
    leadershipRatio: r[2] ?? null,
  }));

  const partnerships = partnershipList(returns);
  const names = new Map(partnerships.map((p) => [labelKey(p.id), p.name]));
  const comparison =
    previous.length > 0
      ? { ...compareRounds(previous, returns), previousCost: costFigures(previous).cost }
      : undefined;

  return {
    title: files.title?.trim() ? files.title.trim() : defaultTitle(regions, rounds),
    madeOn: files.madeOn,
    regions,
    districts,
    rounds,
    sources: returns.map(sourceName),
    previousSources: previous.map(sourceName),
    previousRounds: roundsOf(previous),
    headlines: h,
    ftePerDistrict: h.districts > 0 && h.fte !== null ? h.fte / h.districts : null,
    scores: {
      trust: headline(summary, "trust"),
      value: headline(summary, "value"),
      effectiveness: headline(summary, "effectiveness"),
      responses: rows(returns, "PartnerSurvey"),
    },
    byLevel: pairs(blockRows(summary, "byLevel")),
    byType: pairs(blockRows(summary, "byType")),
    byDistrict,
    partnerships,
    fteByDistrict: pairs(blockRows(summary, "fteByDistrict")).sort((a, b) => compareText(a[0], b[0])),
    fteByGrade: pairs(blockRows(summary, "fteByGrade")),
    representation: {
      representatives: rows(returns, "Representation"),
      meetings: attempt(() => sumHours(column(returns, "Representation", "meetingsPerYear")), null),
      hours: attempt(() => sumHours(column(returns, "Representation", "annualHours")), null),
    },
    roles: shares(returns, "Partnerships", "ourRole", "roles"),
    barriers: shareRows(blockRows(summary, "barriers")),
    effectivenessFactors: shares(returns, "Partnerships", "effectivenessFactors", "effectivenessFactors"),
    contribution: shares(returns, "Partnerships", "contribution", "contributionLevels"),
    impactRoutes: shares(returns, "Partnerships", "impactRoutes", "impactRoutes"),
    guidance: shareRows(blockRows(summary, "guidance")),
    cost: h.cost,
    // named only when the cost is missing (summary names them on standard error)
    uncostedGrades: h.cost === null ? costFigures(returns).uncostedGrades : [],
    costByDistrict: h.costByDistrict,
    review: h.review === null ? null : h.review.map((x) => ({ ...x, name: names.get(labelKey(x.id)) ?? "" })),
    network: { figures: summary.network, links: networkLinks(returns) },
    reviewThresholds: reviewThresholds(returns, files.review),
    ...(comparison ? { comparison } : {}),
    dataQuality: [
      ...quality(returns, files.findings, "current"),
      ...quality(previous, files.findings, "previous"),
    ],
  };
}

// exported for tests: a two-round workbook is split in its own tests
/**
 * A workbook holding several audit rounds (a regional workbook after two rounds of imports), split
 * into its latest round and the one before, for "Since the previous round" in the pane. Rounds are
 * ordered as text (2025-Q4 before 2026-Q4). Null when it holds fewer than two rounds.
 */
// exported for tests
export function splitRounds(ret: AuditReturn): { previous: AuditReturn; current: AuditReturn } | null {
  const rounds = distinct(
    (["Partnerships", "Representation", "PartnerSurvey"] as const).flatMap((t) =>
      (ret.tables[t]?.rows ?? []).map((r) => r.values.auditRound),
    ),
  ).sort(compareText);
  if (rounds.length < 2) return null;
  const only = (round: string): AuditReturn => {
    const k = labelKey(round);
    const tables: Partial<Record<TableName, TableData>> = {};
    for (const [name, t] of Object.entries(ret.tables) as [TableName, TableData | undefined][]) {
      if (!t) continue;
      tables[name] = {
        ...t,
        rows: t.rows.filter((r) => {
          const v = r.values.auditRound;
          return (typeof v === "string" || typeof v === "number") && labelKey(String(v)) === k;
        }),
      };
    }
    return { ...ret, settings: { ...ret.settings, auditRound: round }, tables };
  };
  return { previous: only(rounds[rounds.length - 2]), current: only(rounds[rounds.length - 1]) };
}

/**
 * The report of the open workbook (the task pane): a workbook holding two or more audit rounds is
 * reported on its latest round, with "Since the previous round" against the round before; the
 * checks' findings (of the whole workbook) are listed once, under this round.
 */
export function buildWorkbookReport(
  workbook: AuditReturn,
  findings: readonly Finding[],
  options: Pick<ReportFiles, "madeOn" | "title" | "review">,
): ReportInput {
  const split = splitRounds(workbook);
  if (!split)
    return buildReportInput({ ...options, returns: [workbook], findings: new Map([[workbook, findings]]) });
  return buildReportInput({
    ...options,
    returns: [split.current],
    previous: [split.previous],
    findings: new Map([[split.current, findings]]),
  });
}

/**
 * A file name for the report: its title without the characters file systems refuse and without
 * invisible direction marks, then .html.
 */
export function reportFileName(title: string): string {
  const cleaned = title
    .replace(DIRECTION_MARKS, "")
    .replace(REFUSED_IN_FILE_NAMES, " ")
    .replace(/\s+/g, " ")
    .trim();
  const safe = [...cleaned]
    .slice(0, 100)
    .join("")
    .replace(/[. ]+$/, "");
  return `${safe || "Partnership audit"}.html`;
}

// eslint-disable-next-line no-control-regex -- control characters are refused in file names
const REFUSED_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001F\u007F]+/g;

/** Invisible direction marks (the title's isolates, say): they would make a file name look like another. */
const DIRECTION_MARKS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

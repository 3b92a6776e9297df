/**
 * Benchmark of the AUDIT functions on 1,000,000 generated rows (BENCH_ROWS changes it): each
 * function's median time over BENCH_RUNS runs (default 5), and the speed bars: PARTNERSHIPS with
 * two criteria pairs ≤ 12× a bare loop reading the same three columns; FTE ≤ 6× a bare sum; COST
 * ≤ 3× and REVIEW ≤ 6× a bare loop over the same columns; PARTNERSHIPSBY and LEADERSHIPBY ≤ 12× a
 * bare loop over their columns; HyperFormula's COUNTIFS / SUMIFS ≥ 20× ours on the same data; and
 * the heap growth of one call (it must follow the distinct labels, not the rows).
 *
 * HyperFormula is given the first 200,000 rows (BENCH_HF_ROWS), not all of them: loading a
 * million rows into the engine takes minutes. Its ratio is taken against our functions on exactly
 * those 200,000 rows, so both sides of the ratio have the same data; nothing is extrapolated.
 *
 * Run alone: node --expose-gc -r tsx/cjs bench/functions.ts, or `npm run bench -- functions`.
 */
import { seededRandom } from "../src/core/demo/demo-data";
import { HyperFormula } from "hyperformula";
import * as f from "../src/functions/functions";
import { median } from "./lib";

export interface BenchResult {
  /** what was measured */
  name: string;
  /** median wall time of one run, in milliseconds */
  medianMs: number;
  /** a ratio measured in the same run (e.g. ours ÷ bare loop), when the result has a bar */
  ratio?: number;
  /** the bar the ratio or figure must meet, in words (e.g. "≤ 12×") */
  bar?: string;
  /** whether the bar is met */
  pass?: boolean;
  /** anything else worth printing (heap growth, result) */
  note?: string;
}

type Column = unknown[][];

interface Data {
  rows: number;
  ids: Column;
  previousIds: Column;
  levels: Column;
  types: Column;
  roles: Column;
  districts: Column;
  hours: Column;
  barriers: Column;
  ratings: Column;
  /** the Grade column beside hours, and the GradeCosts table (grade, hourly cost) */
  grades: Column;
  rateGrades: Column;
  rates: Column;
  /** the Partner survey: Partnership ID and its four value ratings (1–4, some blank) */
  surveyIds: Column;
  valueRatings: Column;
}

const LEVELS = ["Regional", "Sub-regional", "Local"];
const TYPES = [
  "Local Strategic Partnership",
  "Employment and skills partnership",
  "Learning and skills partnership",
  "Economic development / regeneration",
  "Neighbourhood renewal",
  "Community safety",
  "Health and wellbeing",
  "Children and young people",
  "Other",
];
const ROLES = ["Leading", "Key", "Active", "Limited"];
const GRADES = ["Senior Civil Service", "Grade 6", "Grade 7", "SEO", "HEO", "EO", "AO"];
const GRADE_COSTS = [95, 72, 61, 48, 39, 32, 26];
const BARRIERS = [
  "Limited history of partnership working",
  "Short-term national targets",
  "Pressure on key staff time",
  "",
  "Short-term national targets; Pressure on key staff time",
  "Internal, inward-looking focus",
];

/** A fresh string object per cell, as Excel hands each cell over (not one shared constant). */
function fresh(text: string): string {
  return text === "" ? "" : Buffer.from(text).toString();
}

/** "P-000123" → "000123-P": the same id, with no prefix-and-digits form. */
function unserial(id: string): string {
  const dash = id.indexOf("-");
  return dash < 0 ? id : `${id.slice(dash + 1)}-${id.slice(0, dash)}`;
}

/** Deterministic pseudo-random numbers: the demo data's seeded generator. */
const random = seededRandom;

export function generate(rows: number): Data {
  const rnd = random(20261128);
  const distinctIds = Math.max(1, Math.round(rows / 20));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const data: Data = {
    rows,
    ids: [],
    previousIds: [],
    levels: [],
    types: [],
    roles: [],
    districts: [],
    hours: [],
    barriers: [],
    ratings: [],
    grades: [],
    rateGrades: GRADES.map((g) => [g]),
    rates: GRADE_COSTS.map((c) => [c]),
    surveyIds: [],
    valueRatings: [],
  };
  const rating = (): number | null => (rnd() < 0.1 ? null : 1 + Math.floor(rnd() * 4));
  for (let i = 0; i < rows; i++) {
    const id = Math.floor(rnd() * distinctIds);
    data.ids.push([`P-${String(id).padStart(6, "0")}`]);
    data.previousIds.push([`P-${String((id + 7000) % (distinctIds * 1.2)).padStart(6, "0")}`]);
    data.levels.push([fresh(pick(LEVELS))]);
    data.types.push([fresh(pick(TYPES))]);
    data.roles.push([fresh(pick(ROLES))]);
    data.districts.push([`D${String(1 + Math.floor(rnd() * 11)).padStart(2, "0")}`]);
    data.hours.push([rnd() < 0.02 ? null : Math.round(rnd() * 4000) / 10]);
    data.barriers.push([fresh(pick(BARRIERS))]);
    data.ratings.push([1 + Math.floor(rnd() * 4)]);
    data.grades.push([fresh(pick(GRADES))]);
    // The Partner survey, one row per record here (its own fresh cells): 19 rows in 20 name a
    // partnership of the records, the others one that is not in them.
    const surveyed = Math.floor(rnd() * distinctIds);
    data.surveyIds.push([rnd() < 0.95 ? `P-${String(surveyed).padStart(6, "0")}` : `S-${surveyed}`]);
    data.valueRatings.push([rating(), rating(), rating(), rating()]);
  }
  return data;
}

/** Times `run` `times` times after one warm-up; returns the median in ms. */
function time(run: () => unknown, times: number): number {
  run();
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    _sink = run();
    out.push(performance.now() - start);
  }
  return median(out);
}

let _sink: unknown;

/**
 * Times `run` and `bare` in turn, `times` times each after one warm-up of each; returns both
 * medians in ms ([run, bare]).
 */
function timePair(run: () => unknown, bare: () => unknown, times: number): [number, number] {
  run();
  bare();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < times; i++) {
    let start = performance.now();
    _sink = bare();
    b.push(performance.now() - start);
    start = performance.now();
    _sink = run();
    a.push(performance.now() - start);
  }
  return [median(a), median(b)];
}

/** What one call does to the heap, in bytes. */
interface HeapUse {
  /** heapUsed right after the call minus before (gc first): everything allocated, garbage included */
  growth: number;
  /** heapUsed after a gc with the result still alive: what the call keeps */
  retained: number;
}

/**
 * Heap use of one call: gc first, heapUsed right after the call, then again after a gc with the
 * result kept alive. It is measured after the timed runs: the first calls of a function also
 * allocate compiled code, and V8 boxes numbers while a loop runs before its optimised code is in,
 * so a call measured then would count what the function does not keep doing. One call is enough
 * then (each gc walks the million rows' cells, about a second).
 */
function heapUse(run: () => unknown): HeapUse | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  _sink = undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = run();
  const after = process.memoryUsage().heapUsed;
  gc();
  const kept = process.memoryUsage().heapUsed;
  _sink = result;
  return { growth: after - before, retained: kept - before };
}

function heapNote(use: HeapUse | undefined, rows: number): string {
  if (use === undefined) return "heap: run with node --expose-gc";
  const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;
  return `heap +${kb(use.growth)} (${(use.growth / rows).toFixed(2)} B/row), kept ${kb(Math.max(0, use.retained))}`;
}

export async function benchFunctions(): Promise<BenchResult[]> {
  const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const d = generate(rows);
  const results: BenchResult[] = [];

  // Bare loops: what the machine needs just to read the same cells.
  const bareRead = (): number => {
    let n = 0;
    const a = d.ids;
    const b = d.levels;
    const c = d.types;
    for (let r = 0; r < a.length; r++) {
      if (a[r][0] !== "" && b[r][0] !== "" && c[r][0] !== "") n++;
    }
    return n;
  };
  const bareSum = (): number => {
    let s = 0;
    const h = d.hours;
    for (let r = 0; r < h.length; r++) {
      const v = h[r][0];
      if (typeof v === "number") s += v;
    }
    return s;
  };
  // Over the columns of PARTNERSHIPSBY (ids, districts) and LEADERSHIPBY (roles, ids, levels).
  const bareTwo = (): number => {
    let n = 0;
    const a = d.ids;
    const b = d.districts;
    for (let r = 0; r < a.length; r++) {
      if (a[r][0] !== "" && b[r][0] !== "") n++;
    }
    return n;
  };
  const bareThree = (): number => {
    let n = 0;
    const a = d.roles;
    const b = d.ids;
    const c = d.levels;
    for (let r = 0; r < a.length; r++) {
      if (a[r][0] !== "" && b[r][0] !== "" && c[r][0] !== "") n++;
    }
    return n;
  };
  // Over the columns of COST: hours and grades (the GradeCosts table is 7 rows).
  const bareCost = (): number => {
    let s = 0;
    const h = d.hours;
    const g = d.grades;
    for (let r = 0; r < h.length; r++) {
      const v = h[r][0];
      if (typeof v === "number" && g[r][0] !== "") s += v;
    }
    return s;
  };
  // Over the columns of REVIEW: ids and hours, then the survey's ids and four ratings.
  const bareReview = (): number => {
    let s = 0;
    const ids = d.ids;
    const h = d.hours;
    for (let r = 0; r < ids.length; r++) {
      const v = h[r][0];
      if (typeof v === "number" && ids[r][0] !== "") s += v;
    }
    const sIds = d.surveyIds;
    const ratings = d.valueRatings;
    for (let r = 0; r < sIds.length; r++) {
      if (sIds[r][0] === "") continue;
      const row = ratings[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === "number") s += v;
      }
    }
    return s;
  };
  const bares: { name: string; run: () => unknown }[] = [
    { name: "bare loop reading ids, levels, types", run: bareRead },
    { name: "bare sum of hours", run: bareSum },
    { name: "bare loop reading ids, districts", run: bareTwo },
    { name: "bare loop reading roles, ids, levels", run: bareThree },
    { name: "bare loop over hours, grades", run: bareCost },
    { name: "bare loop over ids, hours, survey ids, 4 ratings", run: bareReview },
  ];
  for (const bare of bares) results.push({ name: bare.name, medianMs: time(bare.run, runs) });

  const unformed = {
    ids: d.ids.map(([v]) => [typeof v === "string" ? fresh(unserial(v)) : v]),
    surveyIds: d.surveyIds.map(([v]) => [typeof v === "string" ? fresh(unserial(v)) : v]),
  };
  const typeChoice = [["Community safety"], ["Health and wellbeing"]];
  const calls: { name: string; run: () => unknown; bare?: () => unknown; bar?: number }[] = [
    {
      name: "AUDIT.PARTNERSHIPS (2 criteria pairs)",
      run: () => f.partnerships(d.ids, d.levels, [["Local"]], d.types, typeChoice),
      bare: bareRead,
      bar: 12,
    },
    { name: "AUDIT.PERDISTRICT", run: () => f.perDistrict(d.ids, d.districts) },
    { name: "AUDIT.FTE", run: () => f.fte(d.hours), bare: bareSum, bar: 6 },
    { name: "AUDIT.FTEBY (by district)", run: () => f.fteBy(d.districts, d.hours) },
    { name: "AUDIT.LEADERSHIPRATIO (with ids)", run: () => f.leadershipRatio(d.roles, d.ids) },
    { name: "AUDIT.BREAKDOWN (multi-select barriers)", run: () => f.breakdown(d.barriers) },
    { name: "AUDIT.CHANGE", run: () => f.change(d.previousIds, d.ids) },
    { name: "AUDIT.SCORE", run: () => f.score(d.ratings) },
    {
      name: "AUDIT.PARTNERSHIPSBY (by district)",
      run: () => f.partnershipsBy(d.ids, d.districts),
      bare: bareTwo,
      bar: 12,
    },
    {
      name: "AUDIT.LEADERSHIPBY (by level)",
      run: () => f.leadershipBy(d.roles, d.ids, d.levels),
      bare: bareThree,
      bar: 12,
    },
    {
      name: "AUDIT.COST",
      run: () => f.cost(d.hours, d.grades, d.rateGrades, d.rates),
      bare: bareCost,
      bar: 3,
    },
    {
      name: "AUDIT.REVIEW (a survey row per record)",
      run: () => f.review(d.ids, d.hours, d.surveyIds, d.valueRatings),
      bare: bareReview,
      bar: 6,
    },
    {
      // For information, no bar: the same ids written digits first (000123-P), which have no serial
      // form (src/core/calc/serial-keys.ts), so every lookup goes through a Map.
      name: "AUDIT.REVIEW, ids without a serial form (for information)",
      run: () => f.review(unformed.ids, d.hours, unformed.surveyIds, d.valueRatings),
      bare: bareReview,
    },
  ];
  const ours = new Map<string, number>();
  for (const call of calls) {
    if (call.bare !== undefined) {
      // Timed in turn with its bare loop, so that the load of this shared machine weighs on both alike.
      const [ms, bareMs] = timePair(call.run, call.bare, runs);
      ours.set(call.name, ms);
      const ratio = ms / bareMs;
      results.push({
        name: `${call.name} vs bare loop`,
        medianMs: ms,
        ratio,
        bar: call.bar === undefined ? undefined : `≤ ${call.bar}×`,
        pass: call.bar === undefined ? undefined : ratio <= call.bar,
        note: `bare loop ${bareMs.toFixed(1)} ms; ${heapNote(heapUse(call.run), rows)}`,
      });
    } else {
      // no bar: a median of 3 runs is enough to print
      const ms = time(call.run, Math.min(runs, 3));
      ours.set(call.name, ms);
      results.push({ name: call.name, medianMs: ms, note: heapNote(heapUse(call.run), rows) });
    }
  }

  if (process.env.BENCH_SKIP_HYPERFORMULA !== "1") {
    const hfRows = Math.min(rows, Number(process.env.BENCH_HF_ROWS ?? 200_000));
    results.push(...benchHyperFormula(firstRows(d, hfRows), runs, rows));
  }
  return results;
}

/** The first `n` rows of every per-row column (the GradeCosts table whole). */
function firstRows(d: Data, n: number): Data {
  const cut = (c: Column): Column => (c.length > n ? c.slice(0, n) : c);
  return {
    ...d,
    rows: Math.min(n, d.rows),
    ids: cut(d.ids),
    previousIds: cut(d.previousIds),
    levels: cut(d.levels),
    types: cut(d.types),
    roles: cut(d.roles),
    districts: cut(d.districts),
    hours: cut(d.hours),
    barriers: cut(d.barriers),
    ratings: cut(d.ratings),
    grades: cut(d.grades),
    surveyIds: cut(d.surveyIds),
    valueRatings: cut(d.valueRatings),
  };
}

/** HyperFormula and ours on the same rows `d` (the first of `allRows` generated). */
function benchHyperFormula(d: Data, runs: number, allRows: number): BenchResult[] {
  const rowsNote =
    d.rows < allRows
      ? `both on the first ${d.rows.toLocaleString("en-GB")} of the ${allRows.toLocaleString("en-GB")} rows`
      : `both on all ${d.rows.toLocaleString("en-GB")} rows`;
  const sheet: (string | number | null)[][] = new Array(d.rows);
  for (let r = 0; r < d.rows; r++) {
    sheet[r] = [
      d.ids[r][0] as string,
      d.levels[r][0] as string,
      d.types[r][0] as string,
      d.hours[r][0] as number | null,
      d.districts[r][0] as string,
    ];
  }
  // Ours on exactly COUNTIFS's criteria (one value each), timed the same way, before the engine
  // exists (its heap would otherwise be collected during our runs).
  const oursCount = time(
    () => f.partnerships(d.ids, d.levels, [["Local"]], d.types, [["Community safety"]]),
    runs,
  );
  const oursSum = time(() => f.fteBy(d.districts, d.hours), runs);
  // The engine is timed two ways, both printed. Gated: from the same in-memory arrays our
  // functions receive to the answer (load the data into the engine, then compute the formula),
  // which is what a custom function call does from the arrays Excel hands it. For information:
  // the formula alone on an engine already holding the data (a recalculation).
  const sheetId = 0;
  const n = d.rows;
  const countifs = `=COUNTIFS(B1:B${n},"Local",C1:C${n},"Community safety")`;
  const sumifs = `=SUMIFS(D1:D${n},E1:E${n},"D01")`;
  const gc = (globalThis as { gc?: () => void }).gc;
  const builds: number[] = [];
  const countMs: number[] = [];
  const sumMs: number[] = [];
  let countValue: unknown;
  let sumValue: unknown;
  // Two loads and one formula each: the bar (≥ 20×) is far from the ratios measured (100× and more)
  const engineRuns = 2;
  for (let i = 0; i < engineRuns; i++) {
    gc?.();
    const buildStart = performance.now();
    const hf = HyperFormula.buildFromArray(sheet, {
      licenseKey: "gpl-v3",
      maxRows: Math.max(1_100_000, d.rows + 10),
    });
    builds.push(performance.now() - buildStart);
    gc?.();
    let start = performance.now();
    countValue = hf.calculateFormula(countifs, sheetId);
    countMs.push(performance.now() - start);
    gc?.();
    start = performance.now();
    sumValue = hf.calculateFormula(sumifs, sheetId);
    sumMs.push(performance.now() - start);
    hf.destroy();
  }
  const buildMs = median(builds);
  const c = median(countMs);
  const s = median(sumMs);
  const out: BenchResult[] = [];
  out.push({
    name: "HyperFormula from the arrays to COUNTIFS ÷ AUDIT.PARTNERSHIPS",
    medianMs: buildMs + c,
    ratio: (buildMs + c) / oursCount,
    bar: "≥ 20×",
    pass: (buildMs + c) / oursCount >= 20,
    note: `${rowsNote}; ours ${oursCount.toFixed(1)} ms on the same 2 criteria; load ${Math.round(buildMs)} ms + COUNTIFS ${Math.round(c)} ms = ${String(countValue)} rows (it counts no distinct ids)`,
  });
  out.push({
    name: "HyperFormula from the arrays to SUMIFS ÷ AUDIT.FTEBY",
    medianMs: buildMs + s,
    ratio: (buildMs + s) / oursSum,
    bar: "≥ 20×",
    pass: (buildMs + s) / oursSum >= 20,
    note: `${rowsNote}; ours ${oursSum.toFixed(1)} ms (every district); load ${Math.round(buildMs)} ms + SUMIFS ${Math.round(s)} ms for one district`,
  });
  out.push({
    name: "HyperFormula COUNTIFS alone, data already loaded ÷ AUDIT.PARTNERSHIPS",
    medianMs: c,
    ratio: c / oursCount,
    note: "for information: a recalculation in an engine that already holds the data",
  });
  out.push({
    name: "HyperFormula SUMIFS alone, data already loaded ÷ AUDIT.FTEBY",
    medianMs: s,
    ratio: s / oursSum,
    note: `for information; SUMIFS = ${String(sumValue)}`,
  });
  return out;
}

/** Prints results as a table. */
export function printResults(results: readonly BenchResult[]): void {
  const lines = results.map((r) => [
    r.name,
    r.medianMs.toFixed(1),
    r.ratio === undefined ? "" : `${r.ratio.toFixed(1)}×`,
    r.bar ?? "",
    r.pass === undefined ? "" : r.pass ? "ok" : "FAIL",
    r.note ?? "",
  ]);
  const head = ["what", "median ms", "ratio", "bar", "", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (l: string[]): string =>
    l
      .map((x, i) => (i === 1 || i === 2 ? x.padStart(widths[i]) : x.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(fmt(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(fmt(l));
}

if (require.main === module) {
  benchFunctions()
    .then((results) => {
      printResults(results);
      if (results.some((r) => r.pass === false)) process.exitCode = 1;
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 2;
    });
}

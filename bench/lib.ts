/**
 * What the benches share: a row of results, the median, the tool run as a child process (as people
 * run it) with its wall time and peak resident memory, and the running of one bench alone.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** One measured line of `npm run bench`. */
export interface BenchRow {
  /** what was measured */
  name: string;
  /** median wall time of one run, in milliseconds */
  medianMs?: number;
  /** a ratio measured in the same run (e.g. ours ÷ bare loop), when the result has a bar */
  ratio?: number;
  /** the bar the ratio or figure must meet, in words (e.g. "≤ 12×") */
  bar?: string;
  /** whether the bar is met */
  pass?: boolean;
  /** anything else worth printing (heap growth, peak memory, the runs) */
  note?: string;
}

export const ROOT = path.resolve(__dirname, "..");
export const BIN = path.join(ROOT, "bin", "partnership-audit.cjs");

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A run of the tool: wall time, peak resident memory (NaN when not measured), exit status, outputs. */
export interface CliRun {
  ms: number;
  maxRssMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/partnership-audit.cjs …args` as a child process. Wall time is measured around the
 * child; peak memory comes from `/usr/bin/time -v` when present, else from
 * `process.resourceUsage().maxRSS` inside the child (bench/report-rss.cjs, preloaded). With
 * `memory: false` the tool runs bare (no wrapper), for the timing alone.
 */
export function runCli(args: readonly string[], options: { memory?: boolean } = {}): CliRun {
  const memory = options.memory ?? true;
  const useTime = memory && existsSync("/usr/bin/time");
  const spawnOptions = { encoding: "utf8" as const, maxBuffer: 256 * 1024 * 1024 };
  const started = process.hrtime.bigint();
  const child = !memory
    ? spawnSync(process.execPath, [BIN, ...args], spawnOptions)
    : useTime
      ? spawnSync("/usr/bin/time", ["-v", process.execPath, BIN, ...args], spawnOptions)
      : spawnSync(
          process.execPath,
          ["-r", path.join(__dirname, "report-rss.cjs"), BIN, ...args],
          spawnOptions,
        );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const stderr = child.stderr ?? "";
  const timeLine = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const hook = /maxRSS=(\d+)/.exec(stderr);
  const kb = timeLine ? Number(timeLine[1]) : hook ? Number(hook[1]) : NaN;
  return { ms, maxRssMb: kb / 1024, status: child.status, stdout: child.stdout ?? "", stderr };
}

/**
 * A bench run alone (`node -r tsx/cjs bench/<name>.ts`): prints its rows, exits 1 when a bar is
 * missed and 2 when the bench itself failed. Times are printed in `unit`.
 */
export function runAlone(bench: () => Promise<BenchRow[]>, unit: "ms" | "s" = "ms"): void {
  bench().then(
    (rows) => {
      for (const r of rows) {
        const time =
          r.medianMs === undefined
            ? ""
            : unit === "s"
              ? `${(r.medianMs / 1000).toFixed(1)} s`
              : `${r.medianMs.toFixed(0)} ms`;
        const result = r.pass === undefined ? "" : r.pass ? "PASS" : "FAIL";
        console.log([r.name, time, r.bar ?? "", result, r.note ?? ""].join(" | "));
      }
      if (rows.some((r) => r.pass === false)) process.exitCode = 1;
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 2;
    },
  );
}

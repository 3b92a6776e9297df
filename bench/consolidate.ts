/**
 * Bench: `partnership-audit consolidate` on 100 district returns of 200 partnerships each.
 * Bars: wall time ≤ 10 s, peak resident memory ≤ 512 MB.
 *
 * The returns are generated once (exceljs, deterministic demo data) in a temporary folder; the CLI
 * then runs as a child process, as people run it (node bin/partnership-audit.cjs), several times.
 * Wall time is measured around the child; peak memory comes from `/usr/bin/time -v` when present,
 * else from `process.resourceUsage().maxRSS` inside the child (reported through an env hook).
 *
 * Standalone: `node -r tsx/cjs bench/consolidate.ts`; also part of `npm run bench`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoDistrict } from "../src/core/demo/demo-data";
import { writeAuditWorkbook } from "../src/xlsx/write";
import { type BenchRow, type CliRun, median, runAlone, runCli } from "./lib";

const RETURNS = 100;
const PARTNERSHIPS = 200;
const RUNS = 3;
const TIME_BAR_MS = 10_000;
const MEMORY_BAR_MB = 512;

async function makeReturns(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (let i = 1; i <= RETURNS; i++) {
    const district = `D${String(i).padStart(3, "0")}`;
    const r = demoDistrict({ district, seed: 1000 + i, local: PARTNERSHIPS, hours: 37 * 52 * 40 });
    const file = path.join(dir, `${district}.xlsx`);
    writeFileSync(file, await writeAuditWorkbook({ settings: r.settings, tables: r.tables }));
    files.push(file);
  }
  return files;
}

export async function benchConsolidate(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "pa-bench-"));
  try {
    const t0 = Date.now();
    const files = await makeReturns(dir);
    const genMs = Date.now() - t0;
    const out = path.join(dir, "regional.xlsx");
    const runs: CliRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(out, { force: true });
      const r = runCli(["consolidate", out, ...files]);
      if (r.status !== 0) {
        const why = r.stderr.split("\n").find((l) => l.trim() !== "") ?? `exit ${r.status}`;
        return [{ name: "consolidate 100×200 returns (CLI)", pass: false, note: `failed: ${why}` }];
      }
      runs.push(r);
    }
    const ms = median(runs.map((r) => r.ms));
    const rss = Math.max(...runs.map((r) => r.maxRssMb));
    return [
      {
        name: `consolidate ${RETURNS} returns × ${PARTNERSHIPS} partnerships (CLI, wall)`,
        medianMs: ms,
        bar: `≤ ${TIME_BAR_MS / 1000} s`,
        pass: ms <= TIME_BAR_MS,
        note: `runs ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(", ")} s; generating the returns took ${(genMs / 1000).toFixed(1)} s`,
      },
      {
        name: "consolidate peak resident memory",
        bar: `≤ ${MEMORY_BAR_MB} MB`,
        pass: Number.isFinite(rss) && rss <= MEMORY_BAR_MB,
        note: Number.isFinite(rss) ? `${rss.toFixed(0)} MB` : "not measured",
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runAlone(benchConsolidate);

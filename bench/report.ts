/**
 * Bench: `partnership-audit report` on a 100-district regional workbook. Bar: under 3 s
 * wall time, as people run it (node bin/partnership-audit.cjs, a child process: read the workbook,
 * check it, build and render the report, write it atomically).
 *
 * The workbook: 100 district returns made by the demo's seeded generator (BENCH_REPORT_PARTNERSHIPS
 * local partnerships each, default 20; a heavy regional workbook, four times the study's 4–5), with
 * the demo's hourly costs (so the report's Value for time is costed and its review has a row per
 * partnership), then consolidated by the tool itself into one regional workbook. The core alone (build + render, in
 * this process, from the rows already read) is timed beside it, for information.
 *
 * Standalone: `node -r tsx/cjs bench/report.ts`; also part of `npm run bench`.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkReturn } from "../src/core/returns/checks";
import { demoDistrict } from "../src/core/demo/demo-data";
import { buildReportInput, renderReport } from "../src/core/report";
import { readAuditReturn } from "../src/xlsx/read";
import { writeAuditWorkbook } from "../src/xlsx/write";
import { type BenchRow, median, runAlone, runCli } from "./lib";

const DISTRICTS = 100;
const PARTNERSHIPS = Number(process.env.BENCH_REPORT_PARTNERSHIPS ?? 20);
const RUNS = 5;
const BAR_MS = 3000;

export async function benchReport(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "pa-bench-report-"));
  try {
    const files: string[] = [];
    for (let i = 1; i <= DISTRICTS; i++) {
      const district = `D${String(i).padStart(3, "0")}`;
      const r = demoDistrict({ district, seed: 5000 + i, local: PARTNERSHIPS, hours: 37 * 52 });
      const file = path.join(dir, `${district}.xlsx`);
      writeFileSync(
        file,
        await writeAuditWorkbook({ settings: r.settings, tables: r.tables, gradeCosts: r.gradeCosts }),
      );
      files.push(file);
    }
    const regional = path.join(dir, "regional.xlsx");
    const made = runCli(["consolidate", regional, ...files], { memory: false });
    if (made.status !== 0)
      return [{ name: "report: 100-district regional workbook", pass: false, note: made.stderr }];

    const out = path.join(dir, "report.html");
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = runCli(["report", out, regional], { memory: false });
      if (r.status !== 0 && r.status !== 1) {
        return [
          {
            name: "report: 100-district regional workbook (CLI)",
            pass: false,
            note: r.stderr.split("\n")[0],
          },
        ];
      }
      runs.push(r.ms);
    }

    // the core alone: from the rows read to the HTML
    const ret = await readAuditReturn(readFileSync(regional), "regional.xlsx");
    const findings = new Map([[ret, checkReturn(ret)]]);
    const core: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      bytes = renderReport(buildReportInput({ returns: [ret], findings, madeOn: "2026-11-29" })).length;
      core.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const ms = median(runs);
    const rows = ret.tables.Partnerships?.rows.length ?? 0;
    return [
      {
        name: `report: ${DISTRICTS}-district regional workbook, ${rows} partnership rows (CLI, wall)`,
        medianMs: ms,
        bar: `< ${BAR_MS / 1000} s`,
        pass: ms < BAR_MS,
        note: `runs ${runs.map((r) => (r / 1000).toFixed(2)).join(", ")} s; workbook ${(statSync(regional).size / 1e6).toFixed(1)} MB, report ${(statSync(out).size / 1e6).toFixed(1)} MB`,
      },
      {
        name: "report: build + render in the core (no file I/O)",
        medianMs: median(core),
        note: `${(bytes / 1e6).toFixed(1)} MB of HTML`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runAlone(benchReport);

/**
 * `npm run bench`: every speed and memory bar, measured side by side in one run, in about 3½
 * minutes on 2 cores. Prints one table, the time each part took and the total, and exits 1 when a
 * bar is missed (2 when a bench itself failed).
 *
 * `npm run bench -- PART…` runs only the parts named: functions, consolidate, checks, report,
 * bombs (the deflate bombs), hostile (the 1,000,000-row return, several minutes on its own, most
 * of it making the file), badrows (returns with 1,000,000 bad GradeCosts or Representation rows, a
 * few minutes). `npm run bench` runs every part but hostile and badrows; `npm run bench -- all`
 * runs them all.
 */
import { benchFunctions } from "./functions";
import { benchConsolidate } from "./consolidate";
import { benchChecks } from "./checks";
import { benchReport } from "./report";
import { benchBadRows, benchBombs, benchHuge } from "./hostile";
import type { BenchRow } from "./lib";

const PARTS: Record<string, () => Promise<BenchRow[]> | BenchRow[]> = {
  functions: benchFunctions,
  consolidate: benchConsolidate,
  checks: benchChecks,
  report: benchReport,
  bombs: benchBombs,
  hostile: benchHuge,
  badrows: benchBadRows,
};
const DEFAULT_PARTS = ["functions", "consolidate", "checks", "report", "bombs"];

function fmt(n: number | undefined, digits = 1): string {
  return n === undefined ? "" : n.toFixed(digits);
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((p) => p !== "all" && !(p in PARTS));
  if (unknown.length > 0) {
    console.error(`no bench part ${unknown.join(", ")}; parts: ${Object.keys(PARTS).join(", ")}, all`);
    process.exitCode = 2;
    return;
  }
  const parts = asked.length === 0 ? DEFAULT_PARTS : asked.includes("all") ? Object.keys(PARTS) : asked;
  const rows: BenchRow[] = [];
  const took: string[] = [];
  const started = performance.now();
  for (const part of parts) {
    const t = performance.now();
    console.error(`bench: ${part}…`);
    rows.push(...(await PARTS[part]()));
    took.push(`${part} ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const total = Math.round((performance.now() - started) / 1000);
  console.log("\nAll bars:");
  console.log(["what", "median ms", "ratio", "bar", "result", "note"].join(" | "));
  for (const r of rows) {
    const result = r.pass === undefined ? "" : r.pass ? "PASS" : "FAIL";
    console.log([r.name, fmt(r.medianMs), fmt(r.ratio, 2), r.bar ?? "", result, r.note ?? ""].join(" | "));
  }
  const failed = rows.filter((r) => r.pass === false);
  console.log(`\nbench: ${rows.filter((r) => r.pass === true).length} bars met, ${failed.length} missed`);
  console.log(`bench: ${took.join(", ")}; total ${Math.floor(total / 60)} min ${total % 60} s`);
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
});

/**
 * `npm run bench`: every speed and memory bar of quality.md, measured side by side in one run.
 * Prints one table and exits non-zero when a bar is missed.
 */
import { benchFunctions } from "./functions";
import { benchConsolidate } from "./consolidate";
import { benchChecks } from "./checks";
import { benchReport } from "./report";
import { benchHostile } from "./hostile";
import type { BenchRow } from "./lib";

function fmt(n: number | undefined, digits = 1): string {
  return n === undefined ? "" : n.toFixed(digits);
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const rows: BenchRow[] = [];
  if (!only || only === "functions") rows.push(...(await benchFunctions()));
  if (!only || only === "consolidate") rows.push(...(await benchConsolidate()));
  if (!only || only === "checks") rows.push(...benchChecks());
  if (!only || only === "report") rows.push(...(await benchReport()));
  if (!only || only === "hostile") rows.push(...(await benchHostile()));
  console.log("\nAll bars (quality.md):");
  console.log(["what", "median ms", "ratio", "bar", "result", "note"].join(" | "));
  for (const r of rows) {
    const result = r.pass === undefined ? "" : r.pass ? "PASS" : "FAIL";
    console.log([r.name, fmt(r.medianMs), fmt(r.ratio, 2), r.bar ?? "", result, r.note ?? ""].join(" | "));
  }
  const failed = rows.filter((r) => r.pass === false);
  console.log(`\nbench: ${rows.filter((r) => r.pass === true).length} bars met, ${failed.length} missed`);
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
});

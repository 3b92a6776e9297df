#!/usr/bin/env node
/**
 * Bundle budget (docs: shared/spec/quality.md): the task pane's INITIAL JavaScript — every local
 * script that dist/taskpane.html loads at start (the shared runtime loads the functions, commands
 * and task pane bundles), not the on-demand chunks — must be at most 300 KB gzipped, and exceljs
 * (the xlsx reader, needed only to import returns) must not be in it.
 *
 * Run after `npm run build`. Exits 1 over budget or when exceljs is in an initial chunk.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const REPORT = join(ROOT, "test-output", "bundle-report.json");
const PAGE = "taskpane.html";
const BUDGET_BYTES = 300 * 1000;
/** Text that only the xlsx reader's code contains: a second line of defence besides the report. */
const EXCELJS_MARKERS = ["xl/workbook.xml", "xl/sharedStrings.xml"];

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const failures = [];

function fail(message) {
  failures.push(message);
  process.stderr.write(`FAIL: ${message}\n`);
}

const pagePath = join(DIST, PAGE);
if (!existsSync(pagePath)) {
  process.stderr.write(`FAIL: ${relative(ROOT, pagePath)} is missing: run npm run build first.\n`);
  process.exit(1);
}

// The scripts the page loads at start, in order; Office.js (another host) is not ours.
const html = readFileSync(pagePath, "utf8");
const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)].map((m) => m[1]);
const local = scripts.filter((src) => !/^[a-z]+:\/\//i.test(src) && !src.startsWith("//"));
const external = scripts.filter((src) => !local.includes(src));
if (local.length === 0) fail(`${PAGE} loads no local script: is the build broken?`);

// The initial chunks of the page's entries, from the webpack build's report.
let initialFiles = new Set(local.map((src) => src.replace(/^\.?\//, "")));
let report = null;
if (existsSync(REPORT)) {
  report = JSON.parse(readFileSync(REPORT, "utf8"));
  const entries = Object.entries(report.entries);
  for (const [, entry] of entries) {
    if (entry.files.some((f) => initialFiles.has(f))) for (const f of entry.files) initialFiles.add(f);
  }
  if (resolve(report.outputPath) !== DIST) fail(`${relative(ROOT, REPORT)} describes another output folder.`);
} else {
  fail(`${relative(ROOT, REPORT)} is missing: run npm run build (webpack.config.js writes it).`);
}

let total = 0;
const rows = [];
for (const file of [...initialFiles].sort()) {
  const path = join(DIST, file);
  if (!existsSync(path)) {
    fail(`${file} is loaded by ${PAGE} but missing from dist/: rebuild.`);
    continue;
  }
  const content = readFileSync(path);
  const gzipped = gzipSync(content, { level: 9 }).length;
  total += gzipped;
  rows.push([file, content.length, gzipped]);
  const text = content.toString("utf8");
  const marker = EXCELJS_MARKERS.find((m) => text.includes(m));
  if (marker)
    fail(`${file} (initial) contains "${marker}": the xlsx reader must be loaded on demand with import().`);
}

if (report) {
  for (const [name, entry] of Object.entries(report.entries)) {
    if (!entry.files.some((f) => initialFiles.has(f))) continue;
    if (entry.packages.includes("exceljs")) {
      fail(`exceljs is in the initial chunks of entry "${name}": import the xlsx reader with import() only.`);
    }
  }
}

// On-demand chunks, for information.
const onDemand = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".js") && !initialFiles.has(relative(DIST, path).split("\\").join("/")))
      onDemand.push(path);
  }
};
walk(DIST);

process.stdout.write(`Task pane initial JavaScript (${PAGE}; gzip level 9):\n`);
for (const [file, raw, gz] of rows) {
  process.stdout.write(`  ${file.padEnd(36)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzipped\n`);
}
process.stdout.write(
  `  ${"total".padEnd(36)} ${"".padStart(14)} ${kb(total).padStart(10)} gzipped (budget ${kb(BUDGET_BYTES)})\n`,
);
if (external.length > 0) process.stdout.write(`  not counted (other host): ${external.join(", ")}\n`);
if (onDemand.length > 0) {
  process.stdout.write(`On-demand chunks (not counted):\n`);
  for (const path of onDemand.sort()) {
    const content = readFileSync(path);
    process.stdout.write(
      `  ${relative(DIST, path).padEnd(36)} ${kb(content.length).padStart(10)} raw ${kb(gzipSync(content, { level: 9 }).length).padStart(10)} gzipped\n`,
    );
  }
}
if (total > BUDGET_BYTES)
  fail(`initial JavaScript is ${kb(total)} gzipped, over the budget of ${kb(BUDGET_BYTES)}.`);

if (failures.length > 0) {
  process.stderr.write(`bundle size: ${failures.length} problem(s)\n`);
  process.exit(1);
}
process.stdout.write(`bundle size: OK (${kb(total)} of ${kb(BUDGET_BYTES)})\n`);

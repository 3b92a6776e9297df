#!/usr/bin/env node
/**
 * Bundle budget (docs/development.md, Scripts): the task pane's initial JavaScript must be at most
 * 180 KB gzipped, with the xlsx reader (needed only to import returns) and the code of the views a
 * user has not opened out of it; exceljs, a test-only dependency, must never be bundled.
 *
 * Two figures, both held to the budget:
 * - initial: every local script dist/taskpane.html loads at start (the shared runtime loads the
 *   functions, commands and task pane entries) with their initial chunks;
 * - first view: the initial scripts plus what the pane loads, once Office.js is ready, to show its
 *   first view (Set up): the "pane" chunk group (React, Fluent UI, the App and the Set up view).
 * Printed too, not gated: the first view with set-up's Excel code ("excel-setup": the set-up plan,
 * the workbook spec and the core figures it needs, zod among them), which the view loads as it
 * asks the workbook for its plan, like every operation's code. The other views, their Excel code
 * and the xlsx reader are chunks of their own, loaded when first used.
 *
 * Run after `npm run build` (webpack.config.js writes test-output/bundle-report.json). Exits 1 over
 * budget, when exceljs or the xlsx reader is in either figure, or when a view's own chunk is.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const REPORT = join(ROOT, "test-output", "bundle-report.json");
const PAGE = "taskpane.html";
const BUDGET_BYTES = 180 * 1000;
/** The chunk groups the pane loads to show its first view (see the header). */
const FIRST_VIEW_GROUPS = ["pane"];
/** … and the code the first view then loads to ask the workbook for its plan (printed, not gated). */
const FIRST_DATA_GROUPS = ["zod-csp", "excel-operations", "excel-setup"];
/** Chunk groups that must never be part of the first view. */
const ON_DEMAND_ONLY = /^(view-|xlsx-reader|excel-import|excel-check|excel-survey|survey-file)/;
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
if (!existsSync(REPORT)) {
  process.stderr.write(`FAIL: ${relative(ROOT, REPORT)} is missing: run npm run build (webpack.config.js writes it).\n`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(REPORT, "utf8"));
if (resolve(report.outputPath) !== DIST) fail(`${relative(ROOT, REPORT)} describes another output folder.`);

// The scripts the page loads at start, in order; Office.js (another host) is not ours.
const html = readFileSync(pagePath, "utf8");
const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)].map((m) => m[1]);
const local = scripts.filter((src) => !/^[a-z]+:\/\//i.test(src) && !src.startsWith("//"));
const external = scripts.filter((src) => !local.includes(src));
if (local.length === 0) fail(`${PAGE} loads no local script: is the build broken?`);

const initial = new Set(local.map((src) => src.replace(/^\.?\//, "")));
const initialPackages = new Set();
for (const entry of Object.values(report.entries)) {
  if (!entry.files.some((f) => initial.has(f))) continue;
  for (const f of entry.files) initial.add(f);
  for (const p of entry.packages) initialPackages.add(p);
}
const firstView = new Set(initial);
const firstViewPackages = new Set(initialPackages);
for (const name of FIRST_VIEW_GROUPS) {
  const group = report.chunkGroups?.[name];
  if (!group) {
    fail(`the chunk group "${name}" is missing from the build: is its webpackChunkName still in the code?`);
    continue;
  }
  for (const f of group.files) firstView.add(f);
  for (const p of group.packages) firstViewPackages.add(p);
}

const withData = new Set(firstView);
for (const name of FIRST_DATA_GROUPS) for (const f of report.chunkGroups?.[name]?.files ?? []) withData.add(f);

const gzipped = new Map();
const sizeOf = (file) => {
  if (!gzipped.has(file)) {
    const path = join(DIST, file);
    if (!existsSync(path)) {
      fail(`${file} is in the build report but missing from dist/: rebuild.`);
      gzipped.set(file, { raw: 0, gz: 0 });
    } else {
      const content = readFileSync(path);
      gzipped.set(file, { raw: content.length, gz: gzipSync(content, { level: 9 }).length, content });
    }
  }
  return gzipped.get(file);
};

function measure(label, files, packages, gate = true) {
  let total = 0;
  process.stdout.write(`${label} (gzip level 9):\n`);
  for (const file of [...files].sort()) {
    const { raw, gz, content } = sizeOf(file);
    total += gz;
    process.stdout.write(`  ${file.padEnd(40)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzipped\n`);
    const marker = content && EXCELJS_MARKERS.find((m) => content.toString("utf8").includes(m));
    if (marker) fail(`${file} (${label}) contains "${marker}": the xlsx reader must be loaded on demand.`);
  }
  process.stdout.write(
    `  ${"total".padEnd(40)} ${"".padStart(14)} ${kb(total).padStart(10)} gzipped${gate ? ` (budget ${kb(BUDGET_BYTES)})` : " (not gated)"}\n`,
  );
  if (packages.has("exceljs")) fail(`exceljs is in the ${label}: import the xlsx reader with import() only.`);
  if (gate && total > BUDGET_BYTES) fail(`the ${label} is ${kb(total)} gzipped, over the budget of ${kb(BUDGET_BYTES)}.`);
  return total;
}

const initialTotal = measure("Initial JavaScript of taskpane.html", initial, initialPackages);
if (external.length > 0) process.stdout.write(`  not counted (other host): ${external.join(", ")}\n`);
const firstViewTotal = measure(
  `First view (initial + ${FIRST_VIEW_GROUPS.join(" + ")})`,
  firstView,
  firstViewPackages,
);
const withDataTotal = measure(
  `First view with set-up's code (+ ${FIRST_DATA_GROUPS.join(" + ")})`,
  withData,
  new Set(),
  false,
);

// The views' own chunks and the on-demand Excel code stay out of the first view.
for (const [name, group] of Object.entries(report.chunkGroups ?? {})) {
  if (!ON_DEMAND_ONLY.test(name)) continue;
  const own = group.files.filter((f) => f.includes(`/${name}.`));
  for (const f of own) if (withData.has(f)) fail(`${f} (chunk group ${name}) is loaded for the first view.`);
}

// On-demand chunks, for information.
const onDemand = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".js") && !withData.has(relative(DIST, path).split("\\").join("/"))) onDemand.push(path);
  }
};
walk(DIST);
if (onDemand.length > 0) {
  process.stdout.write(`Loaded when first used (not counted):\n`);
  for (const path of onDemand.sort()) {
    const content = readFileSync(path);
    process.stdout.write(
      `  ${relative(DIST, path).padEnd(40)} ${kb(content.length).padStart(10)} raw ${kb(gzipSync(content, { level: 9 }).length).padStart(10)} gzipped\n`,
    );
  }
}

// The custom functions are bound once, by src/functions/functions.ts's registration loop: the
// metadata plugin must not have added bindings of its own (an id bound twice).
{
  const functionsJs = readFileSync(join(DIST, "functions.js"), "utf8");
  const bindings = functionsJs.match(/CustomFunctions\.associate\(/g) ?? [];
  const pluginBindings = functionsJs.match(/CustomFunctions\.associate\("[A-Z]+"/g) ?? [];
  if (bindings.length !== 1 || pluginBindings.length !== 0)
    fail(
      `functions.js binds the AUDIT functions ${bindings.length} times (${pluginBindings.length} by id): keep the one registration loop in src/functions/functions.ts.`,
    );
}

if (failures.length > 0) {
  process.stderr.write(`bundle size: ${failures.length} problem(s)\n`);
  process.exit(1);
}
process.stdout.write(
  `bundle size: OK (initial ${kb(initialTotal)}, first view ${kb(firstViewTotal)}, budget ${kb(BUDGET_BYTES)} each; with set-up's code ${kb(withDataTotal)})\n`,
);

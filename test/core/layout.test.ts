/**
 * The core is laid out by what it holds, and its imports go one way: each folder imports only
 * itself and the folders below it, and no file imports itself back through a cycle. The order:
 * model (the audit model) ← calc, returns, demo ← figures ← consolidation, workbook ← report ← survey.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const CORE = resolve(__dirname, "../../src/core");

/** The folders of the core, and the folders each may import besides itself. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  model: [],
  calc: ["model"],
  returns: ["model"],
  demo: ["model"],
  figures: ["model", "calc"],
  consolidation: ["model", "calc", "returns", "figures"],
  workbook: ["model", "calc", "figures"],
  report: ["model", "calc", "figures", "workbook"],
  survey: ["model", "report"],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

const folderOf = (file: string): string => relative(CORE, file).split("/")[0];

const graph = new Map<string, string[]>();
for (const file of sources(CORE)) {
  const text = readFileSync(file, "utf8");
  const targets = [...text.matchAll(/\bfrom\s*["'](\.[^"']+)["']/g)]
    .map((m) => resolveImport(file, m[1]))
    .filter((t): t is string => t !== null);
  graph.set(file, targets);
}

test("every file of the core is in one of its folders", () => {
  const loose = [...graph.keys()].filter((f) => !relative(CORE, f).includes("/"));
  expect(loose.map((f) => relative(CORE, f))).toEqual([]);
  expect(new Set([...graph.keys()].map(folderOf))).toEqual(new Set(Object.keys(MAY_IMPORT)));
});

test("each folder imports only the folders below it", () => {
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    for (const target of targets) {
      const to = folderOf(target);
      if (to !== from && !MAY_IMPORT[from]?.includes(to))
        wrong.push(`${relative(CORE, file)} → ${relative(CORE, target)}`);
    }
  }
  expect(wrong).toEqual([]);
});

test("no import cycle", () => {
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]): void => {
    state.set(file, "open");
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") {
        cycles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(CORE, f)).join(" → "));
      } else if (!state.has(next)) visit(next, [...path, next]);
    }
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, [file]);
  expect(cycles).toEqual([]);
});

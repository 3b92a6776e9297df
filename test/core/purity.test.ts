/**
 * src/core is the functional core: every import of every file in it resolves inside src/core or
 * to zod (the schemas). The lint rule (eslint.config.mjs) says the same by name patterns; this test
 * resolves each path, so a shell reached by any spelling ("../functions/functions", "../../cli/io")
 * fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const CORE = resolve(__dirname, "../../src/core");
const PACKAGES = new Set(["zod"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The module specifiers of a file: static imports and re-exports, dynamic imports, require. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\b[^;"']*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]);
  return found;
}

describe("src/core imports nothing outside src/core", () => {
  const files = sources(CORE);

  it("finds the core's files", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(CORE, f), f] as const))("%s", (_name, file) => {
    const outside: string[] = [];
    for (const spec of specifiers(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec);
        if (target !== CORE && !target.startsWith(CORE + sep)) outside.push(spec);
      } else if (!PACKAGES.has(spec)) {
        outside.push(spec);
      }
    }
    expect(outside).toEqual([]);
  });
});

describe("the import scanner", () => {
  it.each([
    ['import { a } from "../functions/functions";', ["../functions/functions"]],
    ['import type { B } from "./calc";', ["./calc"]],
    ['export { c } from "../cli/io";', ["../cli/io"]],
    ['import {\n  d,\n  e,\n} from "node:fs";', ["node:fs"]],
    ['import "../taskpane/styles";', ["../taskpane/styles"]],
    ['const m = await import("../excel/run");', ["../excel/run"]],
    ['const fs = require("fs");', ["fs"]],
    ["const text = 'no import here';", []],
  ])("%j → %j", (text, expected) => {
    expect(specifiers(text)).toEqual(expected);
  });
});

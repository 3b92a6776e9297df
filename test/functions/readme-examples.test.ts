/**
 * @jest-environment ./test/setup/custom-functions-environment.js
 *
 * Every example of the function reference (docs/functions.md) is a test: each formula is evaluated on its sheet
 * the way Excel evaluates it, through Microsoft's custom-functions dispatcher, and the
 * doc must show exactly the sheet and result blocks of test/functions/readme-examples.ts, and no
 * formula that is not one of them.
 */
import { FUNCTION_IDS } from "./ids";
import { readFileSync } from "fs";
import path from "path";
import { callAll, shownValue } from "./excel-dispatch";
import { EXAMPLES, excelCall, renderResult, renderSheet, shown, type Cell } from "./readme-examples";

/**
 * Markdown with tables reduced to their cells, so that re-formatting the doc (prettier aligns
 * table columns) does not matter, only its content.
 */
function normalise(markdown: string): string {
  return markdown
    .split("\n")
    .map((line) => {
      const t = line.trim();
      if (!t.startsWith("|")) return t;
      const cells = t
        .slice(1, t.endsWith("|") ? -1 : undefined)
        .split("|")
        .map((c) => c.trim());
      return cells.every((c) => /^:?-+:?$/.test(c)) ? "|-|" : `|${cells.join("|")}|`;
    })
    .join("\n");
}

const doc = normalise(readFileSync(path.join(__dirname, "../../docs/functions.md"), "utf8"));

describe("README examples", () => {
  let results: unknown[] = [];
  beforeAll(async () => {
    results = (await callAll(EXAMPLES.map(excelCall))).map(shownValue);
  });
  test.each(EXAMPLES.map((e, i) => [e.formula, e, i] as const))("%s", (_formula, example, i) => {
    const got = results[i];
    if (typeof example.expected === "number") expect(shown(got as number)).toBe(shown(example.expected));
    else if (typeof example.expected === "string") expect(got).toBe(example.expected);
    else
      expect((got as Cell[][]).map((row) => row.map(shown))).toEqual(
        example.expected.map((row) => row.map(shown)),
      );
  });

  test.each(EXAMPLES.map((e) => [e.formula, e] as const))(
    "the doc shows %s with its sheet and result",
    (_formula, example) => {
      const result = normalise(renderResult(example));
      expect(doc).toContain(result);
      const at = doc.indexOf(result);
      const sheetAt = doc.lastIndexOf(normalise(renderSheet(example.sheet)), at);
      expect(sheetAt).toBeGreaterThanOrEqual(0);
    },
  );

  test("every formula in the doc is a tested example", () => {
    const inDoc = [...doc.matchAll(/^`(=AUDIT\.[^`]+)` →/gm)].map((m) => m[1]);
    expect(inDoc.length).toBeGreaterThanOrEqual(16);
    expect(inDoc.sort()).toEqual(EXAMPLES.map((e) => e.formula).sort());
  });

  test("one ### AUDIT.NAME heading per function, with at least two examples each", () => {
    const headings = [...doc.matchAll(/^### AUDIT\.([A-Z]+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([...FUNCTION_IDS]);
    for (const fn of headings) expect(EXAMPLES.filter((e) => e.fn === fn).length).toBeGreaterThanOrEqual(2);
  });
});

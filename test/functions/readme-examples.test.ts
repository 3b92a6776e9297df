/**
 * Every example of docs/functions.md is a test: each formula is evaluated on its sheet, and the
 * doc must show exactly the sheet and result blocks of test/functions/readme-examples.ts, and no
 * formula that is not one of them.
 */
import { readFileSync } from "fs";
import path from "path";
import { EXAMPLES, evaluate, renderResult, renderSheet, shown, type Cell } from "./readme-examples";

const doc = readFileSync(path.join(__dirname, "../../docs/functions.md"), "utf8");

describe("README examples", () => {
  test.each(EXAMPLES.map((e) => [e.formula, e] as const))("%s", (_formula, example) => {
    const got = evaluate(example);
    if (typeof example.expected === "number") expect(shown(got as number)).toBe(shown(example.expected));
    else if (typeof example.expected === "string") expect(got).toBe(example.expected);
    else expect((got as Cell[][]).map((row) => row.map(shown))).toEqual(example.expected.map((row) => row.map(shown)));
  });

  test.each(EXAMPLES.map((e) => [e.formula, e] as const))("the doc shows %s with its sheet and result", (_formula, example) => {
    expect(doc).toContain(renderResult(example));
    const at = doc.indexOf(renderResult(example));
    const sheetAt = doc.lastIndexOf(renderSheet(example.sheet), at);
    expect(sheetAt).toBeGreaterThanOrEqual(0);
  });

  test("every formula in the doc is a tested example", () => {
    const inDoc = [...doc.matchAll(/^`(=AUDIT\.[^`]+)` →/gm)].map((m) => m[1]);
    expect(inDoc.length).toBeGreaterThanOrEqual(16);
    expect(inDoc.sort()).toEqual(EXAMPLES.map((e) => e.formula).sort());
  });

  test("one ### AUDIT.NAME heading per function, with at least two examples each", () => {
    const headings = [...doc.matchAll(/^### AUDIT\.([A-Z]+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(["PARTNERSHIPS", "PERDISTRICT", "FTE", "FTEBY", "LEADERSHIPRATIO", "BREAKDOWN", "CHANGE", "SCORE"]);
    for (const fn of headings) expect(EXAMPLES.filter((e) => e.fn === fn).length).toBeGreaterThanOrEqual(2);
  });
});

/**
 * The add-in's own help page (dist/help.html), built from the same custom-functions metadata as
 * functions.json: one anchor per function, every helpUrl pointing at it on the build's base URL.
 */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { helpUrl, renderHelpPage, rewriteMetadata } from "../scripts/help-page.cjs";

const SOURCE = path.join(__dirname, "../src/functions/functions.ts");

let json = "";
beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata([SOURCE]);
  expect(generated.errors).toEqual([]);
  json = generated.metadataJson;
});

function ids(metadataJson: string): string[] {
  return (JSON.parse(metadataJson) as { functions: { id: string }[] }).functions.map((f) => f.id);
}

describe("help page", () => {
  test("every function's helpUrl is rewritten to the build's base URL", () => {
    const rewritten = JSON.parse(rewriteMetadata(json, "https://addins.example.org/audit/")) as {
      functions: { id: string; helpUrl: string }[];
    };
    expect(rewritten.functions.length).toBe(ids(json).length);
    for (const f of rewritten.functions)
      expect(f.helpUrl).toBe(`https://addins.example.org/audit/help.html#${f.id.toLowerCase()}`);
    expect(helpUrl("https://localhost:3000", "FTEBY")).toBe("https://localhost:3000/help.html#fteby");
  });

  test("a @helpurl that is not the help page is refused, naming the function", () => {
    const bad = json.replace('https://localhost:3000/help.html#fte"', 'https://elsewhere.example/fte"');
    expect(() => rewriteMetadata(bad, "https://localhost:3000")).toThrow(/AUDIT\.FTE: its @helpurl must be/);
  });

  test("one section per function, its anchor the id in lower case, with its arguments", () => {
    const html = renderHelpPage(json);
    for (const id of ids(json)) {
      expect(html).toContain(`<section id="${id.toLowerCase()}"`);
      expect(html).toContain(`href="#${id.toLowerCase()}"`);
    }
    expect(html).toContain("<code>=AUDIT.FTE(hours, [period], [hours_per_week], [weeks_per_year])</code>");
    expect(html).toContain("<code>=AUDIT.SHAREDSEATS(ids, districts, hours)</code>");
    expect(html).toContain("<code>=AUDIT.OVERLAPS(ids, organisations, [overlap_from])</code>");
    expect(html).toContain('<section id="load"');
    expect(html).toMatch(/only with <code>#VALUE!<\/code> and <code>#N\/A<\/code>/);
    expect(html).not.toMatch(/<script/i);
  });
});

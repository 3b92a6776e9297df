/**
 * The custom-functions metadata generated from the JSDoc of src/functions/functions.ts: no errors,
 * the pinned ids, help for every function and parameter, and an exact match with the
 * committed fixture functions.metadata.json (so a change of id or parameter is deliberate:
 * regenerate the fixture with UPDATE_METADATA=1).
 */
import { FUNCTION_IDS } from "./ids";
import { readFileSync, writeFileSync } from "fs";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as functions from "../../src/functions/functions";
import { DECLARATIONS } from "../../src/core/calc/declarations";

interface Parameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Parameter[];
  result: { type?: string; dimensionality?: string };
}

const SOURCE = path.join(__dirname, "../../src/functions/functions.ts");
const FIXTURE = path.join(__dirname, "functions.metadata.json");
const IDS: readonly string[] = FUNCTION_IDS;

let generated: { metadataJson: string; errors: string[] };
let metadata: { functions: FunctionMetadata[] };

beforeAll(async () => {
  generated = await generateCustomFunctionsMetadata([SOURCE]);
  metadata = JSON.parse(generated.metadataJson) as { functions: FunctionMetadata[] };
  if (process.env.UPDATE_METADATA === "1") writeFileSync(FIXTURE, JSON.stringify(metadata, null, 2) + "\n");
});

const byId = (id: string): FunctionMetadata =>
  metadata.functions.find((f) => f.id === id) as FunctionMetadata;

test("the generator reports no error", () => {
  expect(generated.errors).toEqual([]);
});

test("exactly the pinned ids, each exported under its lower camel case name", () => {
  expect(metadata.functions.map((f) => f.id)).toEqual(IDS);
  expect(metadata.functions.map((f) => f.name)).toEqual(IDS);
  const exported = functions as unknown as Record<string, unknown>;
  for (const id of IDS) {
    const name =
      {
        PERDISTRICT: "perDistrict",
        FTEBY: "fteBy",
        LEADERSHIPRATIO: "leadershipRatio",
        PARTNERSHIPSBY: "partnershipsBy",
        LEADERSHIPBY: "leadershipBy",
        SHAREDSEATS: "sharedSeats",
      }[id] ?? id.toLowerCase();
    expect(typeof exported[name]).toBe("function");
  }
});

test.each(IDS)(
  "%s has a description, a help URL on the add-in's own help page and help for every parameter",
  (id) => {
    const f = byId(id);
    expect(f.description?.length).toBeGreaterThan(20);
    // the dev server's address in the source; the build rewrites it to its base URL (scripts/help-page.cjs)
    expect(f.helpUrl).toBe(`https://localhost:3000/help.html#${id.toLowerCase()}`);
    expect(f.parameters.length).toBeGreaterThan(0);
    for (const p of f.parameters)
      expect({ name: p.name, described: (p.description ?? "").length > 10 }).toEqual({
        name: p.name,
        described: true,
      });
  },
);

test("ranges are matrices; PARTNERSHIPS takes repeating criteria; options are optional", () => {
  expect(byId("PARTNERSHIPS").parameters).toEqual([
    expect.objectContaining({ name: "ids", dimensionality: "matrix" }),
    expect.objectContaining({ name: "criteria", dimensionality: "matrix", repeating: true, optional: true }),
  ]);
  expect(byId("FTE").parameters.map((p) => [p.name, p.optional === true])).toEqual([
    ["hours", false],
    ["period", true],
    ["hours_per_week", true],
    ["weeks_per_year", true],
  ]);
  expect(
    byId("PARTNERSHIPSBY").parameters.map((p) => [p.name, p.dimensionality, p.optional === true]),
  ).toEqual([
    ["ids", "matrix", false],
    ["groups", "matrix", false],
    ["order", "matrix", true],
  ]);
  expect(byId("LEADERSHIPBY").parameters.map((p) => [p.name, p.dimensionality, p.optional === true])).toEqual(
    [
      ["roles", "matrix", false],
      ["ids", "matrix", false],
      ["groups", "matrix", false],
      ["leading_roles", "matrix", true],
    ],
  );
  expect(byId("COST").parameters.map((p) => [p.name, p.dimensionality, p.optional === true])).toEqual([
    ["hours", "matrix", false],
    ["grades", "matrix", false],
    ["rate_grades", "matrix", false],
    ["rates", "matrix", false],
  ]);
  expect(byId("REVIEW").parameters.map((p) => [p.name, p.dimensionality, p.optional === true])).toEqual([
    ["ids", "matrix", false],
    ["hours", "matrix", false],
    ["survey_ids", "matrix", false],
    ["value_ratings", "matrix", false],
    ["value_below", undefined, true],
    ["hours_from", undefined, true],
  ]);
  for (const id of ["FTEBY", "BREAKDOWN", "CHANGE", "PARTNERSHIPSBY", "LEADERSHIPBY", "REVIEW"])
    expect(byId(id).result.dimensionality).toBe("matrix");
  for (const id of ["PARTNERSHIPS", "PERDISTRICT", "FTE", "LEADERSHIPRATIO", "SCORE", "COST"])
    expect(byId(id).result.type).toBe("number");
});

test("the metadata matches the committed fixture exactly", () => {
  const fixture: unknown = JSON.parse(readFileSync(FIXTURE, "utf8"));
  expect(metadata).toEqual(fixture);
});

test("the metadata is the declarations (src/core/calc/declarations.ts): ids, names, help, parameters, results", () => {
  expect(DECLARATIONS.map((d) => d.id)).toEqual(IDS);
  const exported = functions as unknown as Record<string, unknown>;
  for (const d of DECLARATIONS) {
    const f = byId(d.id);
    expect(typeof exported[d.name]).toBe("function");
    expect((functions.REGISTRY as Record<string, unknown>)[d.id]).toBe(exported[d.name]);
    expect(f.description).toBe(d.description);
    expect(f.result).toEqual(d.result === "spill" ? { dimensionality: "matrix" } : { type: "number" });
    expect(
      f.parameters.map((p) => ({
        name: p.name,
        description: p.description,
        dimensionality: p.dimensionality,
        type: p.type,
        optional: p.optional === true,
        repeating: p.repeating === true,
      })),
    ).toEqual(
      d.parameters.map((p) => ({
        name: p.name,
        description: p.help,
        // ranges and repeating pairs are matrices of any; numbers and keywords one value of any,
        // read and checked by the runner
        dimensionality: p.kind === "range" || p.kind === "pairs" ? "matrix" : undefined,
        type: "any",
        optional: p.optional === true,
        repeating: p.kind === "pairs",
      })),
    );
  }
});

test("the JSDoc's @returns of each function is its declaration's", () => {
  const source = readFileSync(SOURCE, "utf8");
  for (const d of DECLARATIONS) {
    const block = source.slice(source.indexOf(`@customfunction ${d.id}\n`));
    expect(block.slice(block.indexOf("@returns ") + 9, block.indexOf("\n", block.indexOf("@returns ")))).toBe(
      d.returns,
    );
  }
});

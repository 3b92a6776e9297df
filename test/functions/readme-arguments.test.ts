/**
 * The function reference (docs/functions.md) shows each function's arguments as declared
 * (src/core/calc/declarations.ts): the syntax line lists every parameter in order, optional ones in
 * brackets and repeating pairs numbered, and the argument table gives each number or keyword its
 * declared default.
 */
import { readFileSync } from "fs";
import path from "path";
import { DECLARATIONS, type FunctionDeclaration } from "../../src/core/calc/declarations";

const README = readFileSync(path.join(__dirname, "../../docs/functions.md"), "utf8");

/** The syntax line of a declaration, as the README writes it. */
function syntax(d: FunctionDeclaration): string {
  const parts = d.parameters.map((p) => {
    if (p.kind === "pairs") {
      const [range, value] = p.parts;
      return `[${range}1, ${value}1], [${range}2, ${value}2], …`;
    }
    return p.optional ? `[${p.name}]` : p.name;
  });
  return `\`=AUDIT.${d.id}(${parts.join(", ")})\``;
}

/** The section of the README about function `id`. */
function section(id: string): string {
  const start = README.indexOf(`\n### AUDIT.${id}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = README.indexOf("\n#", start + 5);
  return README.slice(start, end < 0 ? undefined : end);
}

test.each(DECLARATIONS.map((d) => [d.id, d] as const))("%s: the syntax line is the declaration", (id, d) => {
  expect(section(id)).toContain(`\n${syntax(d)}\n`);
});

test.each(
  DECLARATIONS.flatMap((d) =>
    d.parameters.flatMap((p) =>
      p.kind === "number" || p.kind === "keyword"
        ? [[d.id, p.name, p.kind === "number" ? String(p.fallback) : `\`${p.fallback}\``] as const]
        : [],
    ),
  ),
)("%s: the argument table gives %s its declared default, %s", (id, name, shown) => {
  const row = section(id)
    .split("\n")
    .find((line) => line.startsWith(`| \`${name}\``));
  expect(row).toBeDefined();
  const cells = (row as string).split("|").map((c) => c.trim());
  expect(cells[2]).toBe(shown);
});

test("the reference and the README count the functions there are", () => {
  const words = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
  ];
  const count = words[DECLARATIONS.length];
  expect(README).toMatch(new RegExp(`adds ${count} worksheet functions`));
  const front = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  expect(front).toMatch(new RegExp(`the ${count} \`AUDIT\\.\` worksheet functions`));
});

/**
 * The argument runner (src/core/calc/runner.ts), one row per way a call can arrive: Excel's (an
 * invocation object last, repeats packed in one array, null for a skipped argument) and a
 * JavaScript caller's (repeats spread, trailing arguments left out), and which error wins.
 */
import { AuditError } from "../../../src/core/calc";
import { declaration } from "../../../src/core/calc/declarations";
import { callDeclared } from "../../../src/core/calc/runner";

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
/** An invocation object as Microsoft's runtime builds one (its own fields; no `code`). */
const invocation = { _functionName: "AUDIT.X", _address: "Sheet1!A1", setResult: undefined };
const err = (code: string): { type: string; code: string } => ({ type: "CustomFunctionError", code });

const ids = col("P1", "P2", "p1 ", "P3", "", "P4");
const levels = col("Local", "Regional", "local", "Local", "Local", " sub-REGIONAL ");

function run(id: string, args: unknown[]): unknown {
  try {
    return callDeclared(declaration(id), args);
  } catch (e) {
    if (e instanceof AuditError) return e.code;
    throw e;
  }
}

test.each<[string, string, unknown[], unknown]>([
  ["Excel: repeats packed, invocation last", "PARTNERSHIPS", [ids, [levels, [["Local"]]], invocation], 2],
  ["Excel: no repeat (an empty list)", "PARTNERSHIPS", [ids, [], invocation], 4],
  ["Excel: no repeat (null)", "PARTNERSHIPS", [ids, null, invocation], 4],
  ["Excel: skipped repeats", "PARTNERSHIPS", [ids, [null, null], invocation], 4],
  ["Excel: an odd number of repeats", "PARTNERSHIPS", [ids, [levels], invocation], "#VALUE!"],
  [
    "packed as Excel packs, a criterion as a plain value, invocation last",
    "PARTNERSHIPS",
    [ids, [levels, "Local"], invocation],
    2,
  ],
  ["JavaScript: repeats spread", "PARTNERSHIPS", [ids, levels, [["Local"]]], 2],
  [
    "JavaScript: repeats spread, then an invocation object",
    "PARTNERSHIPS",
    [ids, levels, [["Local"]], invocation],
    2,
  ],
  [
    "JavaScript: one range spread, then an invocation object (odd)",
    "PARTNERSHIPS",
    [ids, levels, invocation],
    "#VALUE!",
  ],
  ["JavaScript: repeats packed", "PARTNERSHIPS", [ids, [levels, [["Local"]]]], 2],
  ["Excel: skipped options are null", "FTE", [col(1924), null, null, null, invocation], 1],
  ["Excel: a skipped middle option", "FTE", [col(1924), null, 74, null, invocation], 0.5],
  ["JavaScript: options left out", "FTE", [col(1924)], 1],
  ["an invocation object never counts as an argument", "FTE", [col(1924), invocation], 1],
  ["a keyword compares like a label", "FTE", [col(37), " WEEK ", null, null, invocation], 1],
  ["a number option as numeric text", "FTE", [col(74), "week", " 37 ", null, invocation], 2],
  ["a blank option is the default", "FTE", [col(1924), "", "", "", invocation], 1],
  [
    "a one-cell range where one value is declared",
    "FTE",
    [col(1924), [["year"]], [[37]], null, invocation],
    1,
  ],
  [
    "a range of several cells where one value is declared",
    "FTE",
    [col(1924), col("year", "week")],
    "#VALUE!",
  ],
  ["more arguments than declared", "FTE", [col(1924), "year", 37, 52, 99], "#VALUE!"],
  ["a required argument left out", "FTE", [], "#VALUE!"],
  ["an option out of bounds", "FTE", [col(1924), null, 0, null, invocation], "#NUM!"],
  ["text that reads like an error is text", "FTE", [col(1924, "#N/A"), invocation], "#VALUE!"],
  ["text that reads like an error is a label", "PARTNERSHIPS", [col("P1", "#N/A"), [], invocation], 2],
  ["an error value in an input is the result", "FTE", [col(1924, err("#N/A")), invocation], "#N/A"],
  [
    "the first error value wins, argument by argument",
    "FTE",
    [col(1, err("#DIV/0!")), err("#N/A"), null, null, invocation],
    "#DIV/0!",
  ],
  [
    "an error value wins over a bad keyword after it",
    "FTE",
    [col(err("#NUM!")), "fortnight", null, null, invocation],
    "#NUM!",
  ],
  [
    "an error value wins over a bad keyword before it",
    "FTEBY",
    [col("A"), col(err("#N/A")), "fortnight", null, null, invocation],
    "#N/A",
  ],
  [
    "an error value in a later repeat wins over a size mismatch",
    "PARTNERSHIPS",
    [ids, [col("x"), [["x"]], levels, [[err("#N/A")]]], invocation],
    "#N/A",
  ],
  [
    "an error value in an option wins over a size mismatch of ranges",
    "REVIEW",
    [col("A", "B"), col(1), col("A"), [[1]], err("#NUM!"), null, invocation],
    "#NUM!",
  ],
  ["a result too large to show", "FTE", [col(Number.MAX_VALUE, Number.MAX_VALUE), invocation], "#NUM!"],
])("%s (%s)", (_name, id, args, expected) => {
  const got = run(id, args);
  if (typeof expected === "number") expect(got).toBeCloseTo(expected, 12);
  else expect(got).toEqual(expected);
});

test("the winning error's message names its argument and cell", () => {
  expect(() =>
    callDeclared(declaration("PARTNERSHIPS"), [
      ids,
      [col("x"), [["x"]], levels, [[null], [err("#N/A")]]],
      invocation,
    ]),
  ).toThrow("row 2, column 1 of criterion2 holds the error #N/A");
});

/** labelOrder and labelRanks: label order for all labels at once, against a plain comparison sort. */
import fc from "fast-check";
import { compareText, labelOrder, labelRanks } from "../../../src/core/calc/label-order";

/** The label numbers sorted by key with a plain comparison sort (the definition of label order). */
const plainOrder = (keys: readonly string[]): number[] =>
  keys.map((_, i) => i).sort((a, b) => compareText(keys[a], keys[b]));

describe("labelOrder", () => {
  test.each<[string, string[]]>([
    ["no labels", []],
    ["one label", ["p-0001"]],
    ["serial keys only, met out of order", ["p-0010", "p-0002", "p-0100", "p-0001"]],
    [
      "serial keys beside keys of another length and prefix",
      ["p-0002", "p-01", "alpha", "p-0010", "zeta", "p-00100"],
    ],
    ["a first key without digits: the form of the next", ["alpha", "p-0002", "p-0001", "zeta"]],
    [
      "no form among the first 16 keys: a comparison sort for all",
      [...Array.from({ length: 16 }, (_, i) => `name ${String.fromCharCode(97 + i)}`), "p-0002", "p-0001"],
    ],
    ["digits only", ["0300", "0020", "1000", "0001"]],
    ["more than 9 digits are not packed", ["p-0000000000002", "p-0000000000001", "p-0000000000010"]],
    ["keys that sort between the serial ones", ["p-0002", "p-0001x", "p-", "p-0001", "p-00015", "o", "q"]],
    ["a digit prefix of the form, other digits", ["d01", "d10", "d02", "d1", "d001", "d"]],
    ["code units beyond ASCII", ["é-01", "e-01", "é-02", "z-01", "ß"]],
  ])("%s", (_, keys) => {
    expect(Array.from(labelOrder(keys))).toEqual(plainOrder(keys));
  });

  test("any keys: the order of a plain comparison sort; ranks invert it", () => {
    const key = fc.oneof(
      fc.integer({ min: 0, max: 9999 }).map((n) => `p-${String(n).padStart(4, "0")}`),
      fc.integer({ min: 0, max: 999 }).map((n) => `p-${n}`),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 60 }), (keys) => {
        const order = Array.from(labelOrder(keys));
        expect(order).toEqual(plainOrder(keys));
        const ranks = labelRanks(keys);
        order.forEach((label, rank) => expect(ranks[label]).toBe(rank));
      }),
      { numRuns: 300 },
    );
  });
});

/** byValueDescending: largest first, ties by label, against a plain comparison sort. */
import fc from "fast-check";
import { compareText } from "../../../src/core/calc/label-order";
import { byValueDescending } from "../../../src/core/calc/value-order";

const plain = (items: number[], values: readonly number[], keys: readonly string[]): number[] =>
  [...items].sort((a, b) => values[b] - values[a] || compareText(keys[a], keys[b]));

const keysFor = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `k${((n - i) * 7919) % 1000}-${i}`);

describe("byValueDescending", () => {
  test.each<[string, number[]]>([
    ["no items", []],
    ["one item", [3]],
    ["distinct values", [1.5, 300, 0.25, 42, 7]],
    ["ties, ordered by label", [5, 5, 2, 5, 2, 9]],
    ["all equal", [4, 4, 4, 4]],
    ["zero and minus zero are one value", [0, -0, 1, 0, -0]],
    ["negative numbers below zero", [-1, 2, -0.5, 0, -1e300, 1e300]],
    ["infinities at the ends", [Infinity, 1, -Infinity, 0, Infinity]],
    ["the smallest and largest doubles", [Number.MIN_VALUE, Number.MAX_VALUE, 0, -Number.MIN_VALUE]],
    ["values equal in their high bytes", [1 + 2 ** -52, 1, 1 + 2 ** -51, 1 + 2 ** -52]],
  ])("%s", (_, values) => {
    const keys = keysFor(values.length);
    const items = values.map((_, i) => i);
    expect(Array.from(byValueDescending(Int32Array.from(items), values, keys))).toEqual(
      plain(items, values, keys),
    );
  });

  test("any values and any subset of items: the order of a plain comparison sort", () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.constantFrom(0, -0, 1, 2.5, 100),
      fc.integer({ min: -3, max: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 80 }),
        fc.array(fc.boolean(), { maxLength: 80 }),
        (values, keep) => {
          const keys = keysFor(values.length);
          const items = values.map((_, i) => i).filter((i) => keep[i] !== false);
          const got = Array.from(byValueDescending(Int32Array.from(items), values, keys));
          expect(got).toEqual(plain(items, values, keys));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * The pure core API (src/core/calc/index.ts) that the command-line tool and the task pane
 * call on plain arrays: results, AuditError codes and messages.
 */
import {
  AuditError,
  breakdown,
  change,
  cost,
  countDistinct,
  fte,
  fteBy,
  leadershipBy,
  leadershipRatio,
  partnershipsBy,
  perDistrict,
  review,
  score,
  sumHours,
} from "../../../src/core/calc";
import { fullTimeHours, parsePeriod } from "../../../src/core/calc/fte";
import { DistinctPairs } from "../../../src/core/calc/districts";
import { PairCodes } from "../../../src/core/calc/leadership-by";

const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const codeOf = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (e) {
    if (e instanceof AuditError) return e.code;
    throw e;
  }
};

type Row = [name: string, run: () => unknown, expected: unknown];

const rows: Row[] = [
  ["countDistinct without criteria", () => countDistinct(col("P1", "p1", "P2", "")), 2],
  [
    "countDistinct with a flat criteria list",
    () => countDistinct(col("P1", "P2"), [col("Local", "Regional"), "local"]),
    1,
  ],
  ["countDistinct odd criteria", () => countDistinct(col("P1"), [col("x")]), "#VALUE!"],
  ["perDistrict", () => perDistrict(col("P1", "P2", "P3"), col("A", "A", "B")), 1.5],
  ["perDistrict none", () => perDistrict(col("P1"), col(null)), "#DIV/0!"],
  ["fte", () => fte(col(1924)), 1],
  ["fte month", () => Math.round(fte(col(37 * 52), "month") * 1e9) / 1e9, 12],
  ["sumHours", () => sumHours(col(1, "2", null, 3.5)), 6.5],
  ["fullTimeHours defaults", () => fullTimeHours(), 37 * 52],
  ["fullTimeHours week", () => fullTimeHours({ period: "Week", hoursPerWeek: 35 }), 35],
  ["fullTimeHours quarter", () => fullTimeHours({ period: "quarter", weeksPerYear: 48 }), 37 * 12],
  ["parsePeriod", () => parsePeriod(" MONTH "), "month"],
  ["parsePeriod blank", () => parsePeriod(""), "year"],
  ["parsePeriod other", () => parsePeriod("day"), "#VALUE!"],
  [
    "fteBy",
    () => fteBy(col("A", "B", "A"), col(1924, 962, 962)),
    [
      ["A", 1.5],
      ["B", 0.5],
    ],
  ],
  ["leadershipRatio", () => leadershipRatio(col("Leading", "Limited")), 0.5],
  ["leadershipRatio with ids", () => leadershipRatio(col("Limited", "Key"), col("P1", "P1")), 1],
  ["leadershipRatio custom", () => leadershipRatio(col("Chair", "Member"), undefined, col("chair")), 0.5],
  [
    "leadershipRatio multi-role cell takes the strongest",
    () => leadershipRatio(col("Active; Leading", "Limited")),
    0.5,
  ],
  [
    "breakdown",
    () => breakdown(col("x", "y;x")),
    [
      ["x", 2, 1],
      ["y", 1, 0.5],
    ],
  ],
  [
    "change",
    () => change(col("P1"), col("P1", "P2")),
    [
      ["New", 1],
      ["Continuing", 1],
      ["Ended", 0],
    ],
  ],
  ["score", () => score([[1, 4]]), 2.5],
  ["score 5-point scale", () => score([[5, 4]], 5), 4.5],
  ["score non-integer scale_max", () => score([[2.5]], 2.5), 2.5],
  [
    "partnershipsBy",
    () => partnershipsBy(col("P1", "P2", "p1", ""), col("A", "B", "a", "C")),
    [
      ["A", 1],
      ["B", 1],
    ],
  ],
  [
    "partnershipsBy with order",
    () => partnershipsBy(col("P1"), col("A"), col("Z")),
    [
      ["Z", 0],
      ["A", 1],
    ],
  ],
  ["partnershipsBy nothing to show", () => partnershipsBy(col(null), col("A")), "#N/A"],
  [
    "leadershipBy",
    () => leadershipBy(col("Limited", "Key", "Active"), col("P1", "P1", "P2"), col("A", "A", "B")),
    [
      ["A", 1, 1],
      ["B", 1, 0],
    ],
  ],
  [
    "leadershipBy custom leading roles",
    () => leadershipBy(col("Chair", "Member"), col("P1", "P2"), col("G", "G"), col("chair")),
    [["G", 2, 0.5]],
  ],
  ["leadershipBy nothing to show", () => leadershipBy(col(""), col("P1"), col("A")), "#N/A"],
  ["cost", () => cost(col(2, null, "3"), col("A", "", "b"), col("a", "B"), col(10, "1.5")), 24.5],
  ["cost grade with no rate", () => cost(col(2), col("C"), col("A"), col(1)), "#N/A"],
  ["cost negative rate", () => cost(col(2), col("A"), col("A"), col(-1)), "#NUM!"],
  [
    "review",
    () =>
      review(col("P1", "P2", "P1"), col(5, 1, "2"), col("P2", "p1"), [
        [4, 4],
        [2, null],
      ]),
    [
      ["P1", 7, 2, "Review"],
      ["P2", 1, 4, "Keep"],
    ],
  ],
  ["review thresholds", () => review(col("P1"), col(5), col("P1"), [[3]], 3.5, 6), [["P1", 5, 3, "Keep"]]],
  ["review no id", () => review(col(null), col(5), col("P1"), [[3]]), "#N/A"],
];

test.each(rows)("%s", (_name, run, expected) => {
  expect(codeOf(run)).toEqual(expected);
});

describe("shapes the fast path does not assume", () => {
  test.each<Row>([
    ["rows that are not arrays", () => fte([[962], 962, [null]] as never), 1],
    ["a 1-D array", () => fte([962, 962] as never), 1],
    ["ragged rows pair cell by cell", () => perDistrict([["P1", "P2"], ["P3"]], [["A"], ["A"], ["B"]]), 1.5],
    [
      "paired row and column",
      () => fteBy([["A", "B"]], [[1924], [962]]),
      [
        ["A", 1],
        ["B", 0.5],
      ],
    ],
    [
      "paired ranges of other row lengths",
      () =>
        breakdown(
          [
            ["x", "y"],
            ["z", "x"],
          ],
          [[1], [1], [1], [1]],
        ),
      [
        ["x", 2, 0.5],
        ["y", 1, 0.25],
        ["z", 1, 0.25],
      ],
    ],
    [
      "change of two shapes",
      () => change([["P1", "P2"]], [["P2"], 3 as never]),
      [
        ["New", 1],
        ["Continuing", 1],
        ["Ended", 1],
      ],
    ],
    ["score of mixed rows", () => score([[1, 2], 3] as never), 2],
    ["leadership with ragged ranges", () => leadershipRatio([["Key", "Active"]], [["P1"], ["P2"]]), 0.5],
    [
      "partnershipsBy of ragged ranges",
      () => partnershipsBy([["P1", "P2"], ["P3"]], [["A"], ["A"], ["B"]]),
      [
        ["A", 2],
        ["B", 1],
      ],
    ],
    [
      "cost of ragged ranges",
      () => cost([[1, 2], [3]], [["A"], ["A"], ["B"]], [["A", "B"]], [[10], [100]]),
      330,
    ],
    ["cost of rows that are not arrays", () => cost([[1], 2] as never, col("A", "A"), col("A"), col(2)), 6],
    [
      "review of ragged ranges and ragged rating rows",
      () => review([["P1", "P2"], ["P1"]], [[1], [2], [3]], [["P1", "P2"]], [[4], [1, 2, 3]]),
      [
        ["P1", 4, 4, "Keep"],
        ["P2", 2, 2, "Review"],
      ],
    ],
    [
      "leadershipBy of three shapes",
      () => leadershipBy([["Key", "Active", "Key"]], [["P1"], ["P2"], ["P2"]], [["A", "A"], 5 as never]),
      [
        ["A", 2, 0.5],
        ["5", 1, 1],
      ],
    ],
  ])("%s", (_name, run, expected) => {
    expect(codeOf(run)).toEqual(expected);
  });
});

test("an AuditError says what to fix", () => {
  try {
    perDistrict(col("P1", "P2"), col("A"));
    throw new Error("expected a failure");
  } catch (e) {
    expect(e).toBeInstanceOf(AuditError);
    expect((e as AuditError).message).toBe(
      "ids has 2 cells but districts has 1; select ranges of the same size",
    );
  }
});

test("large inputs: one normalisation per distinct value, no copy of the range", () => {
  const n = 200_000;
  const ids = Array.from({ length: n }, (_, i) => [`P-${i % 1000}`]);
  const levels = Array.from({ length: n }, (_, i) => [i % 2 ? "Local" : " regional "]);
  expect(countDistinct(ids, [levels, "local"])).toBe(500);
  expect(perDistrict(ids, levels)).toBe(500);
});

test("an error value given as a one-value argument is the result", () => {
  expect(codeOf(() => fte(col(1), { code: "#N/A" }))).toBe("#N/A");
  expect(codeOf(() => fte(col(1), [[{ code: "#REF!" }]]))).toBe("#REF!");
  // text that reads like an error is text: not a number
  expect(codeOf(() => fte(col(1), [["#REF!"]]))).toBe("#VALUE!");
  expect(codeOf(() => score(col(1), { code: "#DIV/0!" }))).toBe("#DIV/0!");
});

describe("DistinctPairs (PERDISTRICT's counter)", () => {
  test("counts distinct pairs with bit sets, and the same after switching to hash sets", () => {
    const small = new DistinctPairs();
    const pairs: [number, number][] = [];
    for (let i = 0; i < 5000; i++) pairs.push([i % 7, (i * 7919) % 3001]);
    for (const [d, id] of pairs) small.add(d, id);
    const expected = new Set(pairs.map(([d, id]) => `${d}:${id}`)).size;
    expect(small.count).toBe(expected);
    // Ids far apart across many districts exceed the bit-set budget: hash sets take over.
    const big = new DistinctPairs();
    for (let d = 0; d < 300; d++) {
      big.add(d, 5);
      big.add(d, 2_000_000 + d);
      big.add(d, 5);
    }
    expect(big.count).toBe(600);
  });

  test("add says whether the pair is new, with bit sets and with hash sets", () => {
    const pairs = new DistinctPairs();
    expect([pairs.add(0, 3), pairs.add(0, 3), pairs.add(1, 3)]).toEqual([true, false, true]);
    for (let d = 2; d < 300; d++) pairs.add(d, 2_000_000 + d); // past the bit-set budget
    expect([pairs.add(0, 3), pairs.add(0, 4), pairs.add(299, 2_000_299)]).toEqual([false, true, false]);
    expect(pairs.count).toBe(301);
  });
});

describe("PairCodes (LEADERSHIPBY's strongest role per group and id)", () => {
  test("keeps the smallest code per pair and returns the one kept before (-1 when new)", () => {
    const codes = new PairCodes();
    expect([
      codes.strongest(0, 5, 4),
      codes.strongest(0, 5, 6),
      codes.strongest(0, 5, 1),
      codes.strongest(1, 5, 9),
      codes.strongest(0, 5, 3),
    ]).toEqual([-1, 4, 4, -1, 1]);
  });

  test("the same after switching to maps past the byte budget", () => {
    const codes = new PairCodes();
    expect(codes.strongest(0, 7, 2)).toBe(-1);
    // 300 groups × ids up to 2,000,300 bytes each exceed the 32 MB budget: maps take over.
    for (let g = 1; g < 300; g++) expect(codes.strongest(g, 2_000_000 + g, 5)).toBe(-1);
    expect(codes.strongest(0, 7, 3)).toBe(2);
    expect(codes.strongest(0, 7, 0)).toBe(2);
    expect(codes.strongest(0, 7, 8)).toBe(0);
    expect(codes.strongest(299, 2_000_299, 4)).toBe(5);
    expect(codes.strongest(299, 2_000_299, 9)).toBe(4);
  });
});

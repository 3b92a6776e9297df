/**
 * @jest-environment ./test/setup/custom-functions-environment.js
 *
 * AUDIT.SHAREDSEATS and AUDIT.OVERLAPS at the edges of their contract (docs/functions.md, the
 * shared rules and the network functions), one rule a row, each called the way Excel calls it:
 * through Microsoft's custom-functions dispatcher (./excel-dispatch.ts). Expected values are worked
 * by hand.
 */
import { excel } from "./excel-dispatch";
import { col, excelError, outcome, type Outcome } from "./helpers";

const { sharedSeats, overlaps } = excel;

type Row = [name: string, run: () => unknown, expected: unknown];

/** Members rows from a partnership and its organisations. */
function members(...lists: [id: unknown, organisations: unknown[]][]): [unknown[][], unknown[][]] {
  const ids: unknown[][] = [];
  const orgs: unknown[][] = [];
  for (const [id, list] of lists)
    for (const o of list) {
      ids.push([id]);
      orgs.push([o]);
    }
  return [ids, orgs];
}

// A{a,b,c,d,e} and B{a,b,x,y,z}: 2 shared of 5, share 0.4.
const [lowIds, lowOrgs] = members(["A", ["a", "b", "c", "d", "e"]], ["B", ["a", "b", "x", "y", "z"]]);
// A{a,b,c,d} and B{a,b,c,z}: 3 of 4, share 0.75.
const [q3Ids, q3Orgs] = members(["A", ["a", "b", "c", "d"]], ["B", ["a", "b", "c", "z"]]);
// A{a,b,c} and B{a,b,z}: 2 of 3.
const [t2Ids, t2Orgs] = members(["A", ["a", "b", "c"]], ["B", ["a", "b", "z"]]);

const cases: Row[] = [
  // SHAREDSEATS: what counts
  [
    "SHAREDSEATS blank hours count 0, and a district whose hours are blank or 0 still counts",
    () => sharedSeats(col("P", "P", "P", "P"), col("D1", "D2", "D3", "D4"), col(null, 0, "", " ")),
    [["P", 4, 0, 0]],
  ],
  [
    "SHAREDSEATS numeric text hours are numbers",
    () => sharedSeats(col("P", "P"), col("D1", "D2"), col(" 3.5 ", "2")),
    [["P", 2, 5.5, 2]],
  ],
  [
    "SHAREDSEATS negative hours as text",
    () => sharedSeats(col("P", "P"), col("D1", "D2"), col(1, "-2")),
    "#NUM!",
  ],
  [
    "SHAREDSEATS a boolean in hours",
    () => sharedSeats(col("P", "P"), col("D1", "D2"), col(true, 1)),
    "#VALUE!",
  ],
  [
    "SHAREDSEATS text hours in a row left out (blank district) are still #VALUE!",
    () => sharedSeats(col("P", "P", "P"), col("D1", "D2", ""), col(1, 1, "ten")),
    "#VALUE!",
  ],
  [
    "SHAREDSEATS hours of one id and district add up; hours beyond one is the rest",
    () => sharedSeats(col("P", "P", "P", "P"), col("D1", "D1", "D2", "D3"), col(30, 30, 50, 10)),
    [["P", 3, 120, 60]],
  ],
  [
    "SHAREDSEATS two districts tied for the most: hours beyond one is the other's",
    () => sharedSeats(col("P", "P"), col("D1", "D2"), col(40, 40)),
    [["P", 2, 80, 40]],
  ],
  [
    "SHAREDSEATS districts compare like labels (trimmed, inner spaces collapsed, case ignored)",
    () => sharedSeats(col("P", "P", "P"), col("North  East", " north east ", "NORTH EAST"), col(1, 2, 3)),
    "#N/A",
  ],
  [
    "SHAREDSEATS a number district equals its text",
    () => sharedSeats(col("P", "P", "P"), col(5, "5", " 5 "), col(1, 2, 3)),
    "#N/A",
  ],
  [
    "SHAREDSEATS numbers as ids: 1 and the text 1 are one id, shown as text",
    () => sharedSeats(col(1, " 1 ", "1"), col("D1", "D2", "D3"), col(10, 20, 30)),
    [["1", 3, 60, 30]],
  ],
  [
    "SHAREDSEATS ids compare like labels; the first spelling is shown, trimmed",
    () => sharedSeats(col("  p-r 001", "P-R  001", "P-R 001 "), col("D1", "D2", "D2"), col(1, 2, 3)),
    [["p-r 001", 2, 6, 1]],
  ],
  [
    "SHAREDSEATS whitespace-only ids and districts are blank: their rows are left out",
    () => sharedSeats(col("P", "P", "  ", "P"), col("D1", " ", "D2", "D1"), col(1, 100, 100, 2)),
    "#N/A",
  ],
  // SHAREDSEATS: order
  [
    "SHAREDSEATS ordered by hours beyond one, largest first",
    () =>
      sharedSeats(
        col("A", "A", "B", "B", "C", "C"),
        col("D1", "D2", "D1", "D2", "D1", "D2"),
        col(5, 1, 5, 9, 5, 5),
      ),
    [
      ["B", 2, 14, 5],
      ["C", 2, 10, 5],
      ["A", 2, 6, 1],
    ],
  ],
  [
    "SHAREDSEATS ties by id A→Z, case ignored, whatever the row order",
    () =>
      sharedSeats(
        col("beta", "BETA", "Alpha", "alpha", "gamma", "gamma"),
        col("D1", "D2", "D1", "D2", "D1", "D2"),
        col(1, 1, 1, 1, 1, 1),
      ),
    [
      ["Alpha", 2, 2, 1],
      ["beta", 2, 2, 1],
      ["gamma", 2, 2, 1],
    ],
  ],
  [
    "SHAREDSEATS ids of one prefix and digits in label order (P-10 before P-9, as text sorts)",
    () => sharedSeats(col("P-9", "P-9", "P-10", "P-10"), col("D1", "D2", "D1", "D2"), col(1, 1, 1, 1)),
    [
      ["P-10", 2, 2, 1],
      ["P-9", 2, 2, 1],
    ],
  ],
  // SHAREDSEATS: shapes and nothing to show
  [
    "SHAREDSEATS ranges of the same number of cells but other shapes are read row by row",
    () => sharedSeats([["P", "P", "Q"]], col("D1", "D2", "D1"), col(1, 2, 3)),
    [["P", 2, 3, 1]],
  ],
  [
    "SHAREDSEATS a two-column range is read row by row",
    () =>
      sharedSeats(
        [
          ["P", "P"],
          ["Q", "Q"],
        ],
        [
          ["D1", "D2"],
          ["D1", "D2"],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    [
      ["Q", 2, 7, 3],
      ["P", 2, 3, 1],
    ],
  ],
  [
    "SHAREDSEATS single cells (one district)",
    () => sharedSeats("P" as never, "D1" as never, 1 as never),
    "#N/A",
  ],
  ["SHAREDSEATS all blank", () => sharedSeats(col(null, ""), col("", null), col(null, null)), "#N/A"],
  ["SHAREDSEATS hours of another size", () => sharedSeats(col("P", "P"), col("D1", "D2"), col(1)), "#VALUE!"],

  // OVERLAPS: overlap_from
  [
    "OVERLAPS overlap_from 0 lists every pair sharing 2 or more",
    () => overlaps(lowIds, lowOrgs, 0),
    [["A", "B", 2, 0.4]],
  ],
  ["OVERLAPS the default 0.5 leaves a share of 0.4 out", () => overlaps(lowIds, lowOrgs), "#N/A"],
  ["OVERLAPS a blank overlap_from is the default", () => overlaps(lowIds, lowOrgs, ""), "#N/A"],
  ["OVERLAPS overlap_from as numeric text", () => overlaps(lowIds, lowOrgs, " 0.4 "), [["A", "B", 2, 0.4]]],
  [
    "OVERLAPS a share equal to overlap_from is listed (0.75)",
    () => overlaps(q3Ids, q3Orgs, 0.75),
    [["A", "B", 3, 0.75]],
  ],
  ["OVERLAPS a share just below overlap_from is not", () => overlaps(q3Ids, q3Orgs, 0.7500001), "#N/A"],
  [
    "OVERLAPS a share equal to overlap_from is listed (2/3)",
    () => overlaps(t2Ids, t2Orgs, 2 / 3),
    [["A", "B", 2, 2 / 3]],
  ],
  [
    "OVERLAPS overlap_from 1 lists only pairs sharing all of the smaller's",
    () => overlaps(q3Ids, q3Orgs, 1),
    "#N/A",
  ],
  [
    "OVERLAPS overlap_from 1 lists a smaller partnership inside a larger one",
    () => overlaps(...members(["A", ["a", "b", "c"]], ["B", ["a", "b"]]), 1),
    [["A", "B", 2, 1]],
  ],
  ["OVERLAPS overlap_from just above 1", () => overlaps(t2Ids, t2Orgs, 1.000001), "#NUM!"],
  ["OVERLAPS overlap_from just below 0", () => overlaps(t2Ids, t2Orgs, -0.000001), "#NUM!"],
  ["OVERLAPS overlap_from as a percentage (50)", () => overlaps(t2Ids, t2Orgs, 50), "#NUM!"],
  ["OVERLAPS overlap_from TRUE", () => overlaps(t2Ids, t2Orgs, true), "#VALUE!"],
  ["OVERLAPS overlap_from out of range even with no pair", () => overlaps(col("A"), col("a"), 2), "#NUM!"],

  // OVERLAPS: what counts
  [
    "OVERLAPS organisations compare like labels, and one listed twice for a partnership counts once",
    () =>
      overlaps(
        ...members(
          ["A", ["City Council", " city  council ", "CITY COUNCIL", "College"]],
          ["B", ["city council", "college", "Police", "Health"]],
        ),
      ),
    [["A", "B", 2, 1]],
  ],
  [
    "OVERLAPS the share is of the smaller partnership's distinct organisations",
    () => overlaps(...members(["A", ["a", "b", "a", "b", "a"]], ["B", ["a", "b", "c", "d"]])),
    [["A", "B", 2, 1]],
  ],
  [
    "OVERLAPS a pair sharing one organisation is never listed, even at overlap_from 0",
    () => overlaps(...members(["A", ["a"]], ["B", ["a", "b"]]), 0),
    "#N/A",
  ],
  [
    "OVERLAPS rows with a blank or whitespace-only id or organisation are left out",
    () => overlaps(col("A", "A", "B", " ", "B", "B"), col("a", "b", "a", "b", "  ", null)),
    "#N/A",
  ],
  [
    "OVERLAPS numbers as ids: label order of their text ('10' before '9'), shown as text",
    () => overlaps(...members([9, ["a", "b"]], [10, ["a", "b"]], ["9", ["c"]])),
    [["10", "9", 2, 1]],
  ],
  [
    "OVERLAPS a number organisation equals its text",
    () => overlaps(...members(["A", [2005, "x"]], ["B", ["2005", " X "]])),
    [["A", "B", 2, 1]],
  ],
  [
    "OVERLAPS an id spelt two ways is one partnership: no pair with itself",
    () => overlaps(...members(["P-1", ["a", "b"]], [" p-1 ", ["a", "b"]])),
    "#N/A",
  ],
  [
    "OVERLAPS id a before id b in label order, case ignored; first spellings shown",
    () =>
      overlaps(...members(["beta", ["a", "b"]], ["ALPHA", ["a", "b"]], ["Beta", ["c"]], ["alpha", ["d"]])),
    [["ALPHA", "beta", 2, 2 / 3]],
  ],
  [
    "OVERLAPS order: share largest first, then shared largest first, then id a, then id b",
    () =>
      overlaps(
        ...members(
          ["C", ["x", "y", "z"]],
          ["B", ["x", "y", "z"]],
          ["A", ["x", "y", "w", "v"]],
          ["D", ["x", "y", "w", "v"]],
        ),
        0,
      ),
    [
      ["A", "D", 4, 1],
      ["B", "C", 3, 1],
      ["A", "B", 2, 2 / 3],
      ["A", "C", 2, 2 / 3],
      ["B", "D", 2, 2 / 3],
      ["C", "D", 2, 2 / 3],
    ],
  ],
  [
    "OVERLAPS equal shares: more shared first (3 of 6 before 2 of 4)",
    () =>
      overlaps(
        ...members(
          ["A", ["a", "b", "c", "d"]],
          ["B", ["a", "b", "x", "y"]],
          ["C", ["c", "d", "e", "f", "g", "h"]],
          ["D", ["c", "d", "e", "p", "q", "r"]],
        ),
      ),
    [
      ["C", "D", 3, 0.5],
      ["A", "B", 2, 0.5],
      ["A", "C", 2, 0.5],
      ["A", "D", 2, 0.5],
    ],
  ],
  ["OVERLAPS ids and organisations of other sizes", () => overlaps(col("A", "B"), col("a")), "#VALUE!"],
];

describe("AUDIT.SHAREDSEATS and AUDIT.OVERLAPS: the contract, one rule a row", () => {
  let outcomes: Outcome[] = [];
  beforeAll(async () => {
    outcomes = await Promise.all(
      cases.map(([, run]) => outcome(run).catch((e: unknown) => ({ code: "not sent", message: String(e) }))),
    );
  });
  test.each(cases.map((c, i) => [...c, i] as const))("%s", (_name, _run, expected, i) => {
    const o = outcomes[i];
    expect("value" in o ? o.value : o.code).toEqual(closeNumbers(expected));
  });
});

/** Expected spills compare their numbers to 12 decimal places. */
function closeNumbers(expected: unknown): unknown {
  if (typeof expected === "number") return expect.closeTo(expected, 12);
  if (Array.isArray(expected)) return expected.map(closeNumbers);
  return expected;
}

describe("messages say what to fix", () => {
  const messages: [name: string, run: () => unknown, code: string, message: RegExp][] = [
    [
      "SHAREDSEATS none shared",
      () => sharedSeats(col("P1", "P2"), col("D1", "D1"), col(1, 1)),
      "#N/A",
      /no partnership is attended from more than one district/,
    ],
    [
      "SHAREDSEATS sizes name both arguments",
      () => sharedSeats(col("P1", "P2"), col("D1"), col(1, 1)),
      "#VALUE!",
      /ids .*districts/,
    ],
    [
      "SHAREDSEATS negative hours",
      () => sharedSeats(col("P1", "P1"), col("D1", "D2"), col(1, -3)),
      "#NUM!",
      /row 2, column 1 of hours is -3; hours cannot be negative/,
    ],
    [
      "OVERLAPS overlap_from outside 0…1",
      () => overlaps(col("A"), col("a"), 1.5),
      "#NUM!",
      /overlap_from .*from 0 to 1/,
    ],
    [
      "OVERLAPS no pair",
      () => overlaps(col("A", "B"), col("a", "a")),
      "#N/A",
      /no two partnerships share at least 2 organisations/,
    ],
    [
      "OVERLAPS sizes name both arguments",
      () => overlaps(col("A", "B"), col("a")),
      "#VALUE!",
      /ids .*organisations/,
    ],
  ];
  let got: Outcome[] = [];
  beforeAll(async () => {
    got = await Promise.all(messages.map(([, run]) => outcome(run)));
  });
  test.each(messages.map((m, i) => [m[0], m[2], m[3], i] as const))("%s: %s", (_name, code, message, i) => {
    expect(got[i]).toEqual({ code, message: expect.stringMatching(message) });
  });
});

describe("an error value in any input is the result, also in a row left out; text like an error is text", () => {
  const codes = ["#N/A", "#DIV/0!", "#VALUE!", "#NUM!", "#NULL!"];
  const calls: [string, (bad: unknown) => unknown][] = [
    ["SHAREDSEATS ids", (bad) => sharedSeats(col("P1", bad), col("D1", "D2"), col(1, 1))],
    ["SHAREDSEATS districts", (bad) => sharedSeats(col("P1", "P1"), col("D1", bad), col(1, 1))],
    ["SHAREDSEATS hours", (bad) => sharedSeats(col("P1", "P1"), col("D1", "D2"), col(1, bad))],
    [
      "SHAREDSEATS districts of a row with a blank id",
      (bad) => sharedSeats(col("P1", ""), col("D1", bad), col(1, 1)),
    ],
    [
      "SHAREDSEATS hours of a row with a blank id",
      (bad) => sharedSeats(col("P1", ""), col("D1", "D2"), col(1, bad)),
    ],
    [
      "SHAREDSEATS an error value beats negative hours",
      (bad) => sharedSeats(col("P1", "P1"), col("D1", bad), col(-1, 1)),
    ],
    ["OVERLAPS ids", (bad) => overlaps(col("A", bad), col("a", "b"))],
    ["OVERLAPS organisations", (bad) => overlaps(col("A", "B"), col("a", bad))],
    ["OVERLAPS organisations of a row with a blank id", (bad) => overlaps(col("A", ""), col("a", bad))],
    ["OVERLAPS overlap_from", (bad) => overlaps(col("A", "B"), col("a", "b"), bad)],
  ];
  const rows = calls.flatMap(([where, call]) => codes.map((code) => [where, code, call] as const));
  let errors: Outcome[] = [];
  beforeAll(async () => {
    errors = await Promise.all(rows.map(([, code, call]) => outcome(() => call(excelError(code)))));
  });
  test.each(rows.map((r, i) => [r[0], r[1], i] as const))("%s: error value %s", (_where, code, i) => {
    expect(errors[i]).toEqual({ code, message: expect.stringContaining(`holds the error ${code}`) });
  });

  it("the text #N/A is a label in ids, districts and organisations, and not a number in hours", async () => {
    expect(await outcome(() => sharedSeats(col("#N/A", "#n/a"), col("D1", "D2"), col(1, 2)))).toEqual({
      value: [["#N/A", 2, 3, 1]],
    });
    expect(await outcome(() => sharedSeats(col("P", "P"), col("#N/A", "#DIV/0!"), col(1, 2)))).toEqual({
      value: [["P", 2, 3, 1]],
    });
    expect(await outcome(() => overlaps(...members(["A", ["#N/A", "b"]], ["B", ["#N/A", "b"]])))).toEqual({
      value: [["A", "B", 2, 1]],
    });
    expect(await outcome(() => sharedSeats(col("P", "P"), col("D1", "D2"), col(1, "#N/A")))).toMatchObject({
      code: "#VALUE!",
    });
  });
});

/** The shared argument rules of src/core/calc (ranges, numbers, label tables, serial keys) and errors.ts, one case a row. */
import { AuditError } from "../../../src/core/calc";
import { errorValueCode } from "../../../src/core/calc/errors";
import { LabelTable } from "../../../src/core/calc/label-table";
import { readRange } from "../../../src/core/calc/ranges";
import { numberFromText } from "../../../src/core/model/cell-rules";
import fc from "fast-check";
import { looseRange, pairWith, shaped, shapeChanged } from "../../../src/core/calc/ranges";
import { scalarArg } from "../../../src/core/calc/numbers";
import { SerialKeys, UNSET } from "../../../src/core/calc/serial-keys";

const fail = (run: () => unknown): { code: string; message: string } | undefined => {
  try {
    run();
  } catch (e) {
    if (e instanceof AuditError) return { code: e.code, message: e.message };
    throw e;
  }
  return undefined;
};

describe("numberFromText", () => {
  test.each<[string, number | null | undefined]>([
    ["12", 12],
    [" 3.5 ", 3.5],
    ["-2", -2],
    ["+4", 4],
    [".5", 0.5],
    ["5.", 5],
    ["1e3", 1000],
    ["", null],
    ["   ", null],
    ["1,000", undefined],
    ["0x10", undefined],
    ["12 hours", undefined],
    ["Infinity", undefined],
    ["NaN", undefined],
    ["50%", undefined],
  ])("%j → %p", (text, expected) => {
    expect(numberFromText(text)).toBe(expected);
  });
});

describe("errorValueCode", () => {
  test.each<[unknown, string | null]>([
    [{ code: "#N/A" }, "#N/A"],
    [new AuditError("#DIV/0!", "x"), "#DIV/0!"],
    ["#N/A", null], // text is text: only an error object is an error value
    ["#VALUE!", null],
    ["#SPILL!", null],
    ["#n/a", null],
    ["#1", null],
    [" #N/A", null],
    [{ code: 42 }, null],
    [{ code: "E42" }, null],
    [null, null],
    [3, null],
  ])("%p → %p", (value, expected) => {
    expect(errorValueCode(value)).toBe(expected);
  });
});

describe("readRange", () => {
  test.each<[string, unknown, unknown[][], number]>([
    [
      "2-D array as is",
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 2],
        [3, 4],
      ],
      4,
    ],
    ["scalar is 1×1", "x", [["x"]], 1],
    ["null is one blank cell", null, [[null]], 1],
    ["1-D array is one row", [1, 2, 3], [[1, 2, 3]], 3],
    ["mixed rows wrapped", [[1], 2], [[1], [2]], 2],
    ["ragged rows counted cell by cell", [[1, 2], [3]], [[1, 2], [3]], 3],
    ["empty", [], [], 0],
    // eslint-disable-next-line no-sparse-arrays
    ["sparse: a hole is a blank row", [, [1], , [2]], [[undefined], [1], [undefined], [2]], 4],
    // eslint-disable-next-line no-sparse-arrays
    ["sparse 1-D list: holes are blank cells", [, 1, , 2], [[undefined, 1, undefined, 2]], 4],
  ])("%s", (_name, arg, rows, cells) => {
    const range = readRange("r", arg);
    expect(range.rows).toEqual(rows);
    expect(range.cells).toBe(cells);
  });

  test("does not copy a 2-D array", () => {
    const arg = [[1], [2]];
    expect(readRange("r", arg).rows).toBe(arg);
    expect(looseRange("r", arg).rows).toBe(arg);
  });
});

describe("pairWith", () => {
  test("same number of cells, other shape: re-chunked in reading order", () => {
    const a = readRange("ids", [
      ["a", "b"],
      ["c", "d"],
    ]);
    const b = readRange("roles", [[1], [2], [3], [4]]);
    expect(pairWith(a, b).rows).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  test("different sizes: #VALUE! naming both arguments", () => {
    expect(fail(() => pairWith(readRange("ids", [[1], [2]]), readRange("districts", [[1]])))).toEqual({
      code: "#VALUE!",
      message: "ids has 2 cells but districts has 1; select ranges of the same size",
    });
  });

  test("loose ranges with other row counts signal a shape change, then run checked", () => {
    const ids = looseRange("ids", [["a", "b"]]);
    const other = looseRange("x", [[1], [2]]);
    let runs = 0;
    const out = shaped([ids, other], ([a, b]) => {
      runs++;
      return pairWith(a, b).rows;
    });
    expect(out).toEqual([[1, 2]]);
    expect(runs).toBe(2);
  });

  test("a shape signal never escapes a checked range", () => {
    expect(() => shaped([readRange("r", [[1]])], () => shapeChanged())).toThrow();
  });
});

describe("scalarArg", () => {
  test.each<[unknown, unknown]>([
    [null, null],
    [undefined, undefined],
    ["", null],
    ["week", "week"],
    [[["week"]], "week"],
    [[[""]], null],
    [[], null],
  ])("%p → %p", (arg, expected) => {
    expect(scalarArg(arg, "period")).toBe(expected);
  });

  test("a range of several cells is #VALUE!", () => {
    expect(fail(() => scalarArg([[1], [2]], "period"))?.code).toBe("#VALUE!");
  });
});

describe("LabelTable", () => {
  test("labels compare trimmed, spaces collapsed, case ignored; first spelling kept", () => {
    const t = new LabelTable();
    const a = t.one("  North   East ", "x", 0, 0);
    const b = t.one("north east", "x", 1, 0);
    expect(a).toBe(b);
    expect(t.spelling[a]).toBe("North East");
    expect(t.one(" ", "x", 2, 0)).toBe(-1);
    expect(t.one(null, "x", 2, 0)).toBe(-1);
  });

  test("numbers and booleans are labels of their text", () => {
    const t = new LabelTable();
    expect(t.one(2005, "x", 0, 0)).toBe(t.one("2005", "x", 1, 0));
    expect(t.one(true, "x", 0, 0)).toBe(t.one("true", "x", 1, 0));
  });

  test("multi-select cells split on ; and line breaks, each label once", () => {
    const t = new LabelTable();
    const ids = t.many("A; b;\nB\r\nC;;", "x", 0, 0);
    expect(ids.map((i) => t.spelling[i])).toEqual(["A", "b", "C"]);
    expect(t.many("", "x", 0, 0)).toEqual([]);
  });

  test("error values and junk in a cell", () => {
    const t = new LabelTable();
    expect(fail(() => t.one({ code: "#N/A" }, "ids", 4, 0))).toEqual({
      code: "#N/A",
      message: expect.stringContaining("row 5, column 1 of ids"),
    });
    expect(fail(() => t.many({ code: "#REF!" }, "categories", 0, 0))?.code).toBe("#REF!");
    // text that reads like an error is a label like any other
    expect(fail(() => t.many("#REF!", "categories", 0, 0))).toBeUndefined();
    expect(fail(() => t.one({}, "ids", 0, 0))?.code).toBe("#VALUE!");
    expect(fail(() => t.one([1], "ids", 0, 0))?.code).toBe("#VALUE!");
  });

  test("each distinct raw value is normalised once", () => {
    const t = new LabelTable();
    for (let i = 0; i < 1000; i++) t.one(i % 2 ? "Local" : " local", "x", i, 0);
    expect(t.size).toBe(1);
  });

  test("raw text is cached under a copy of equal text, so other cells with that text hit the cache", () => {
    const t = new LabelTable();
    const cell = ["P-", "01"].join("");
    const id = t.one(cell, "ids", 0, 0);
    expect([...t.byRaw.keys()]).toEqual(["P-01"]);
    expect(t.byRaw.get(["P", "-01"].join(""))).toBe(id);
    expect(t.many("a;b", "x", 0, 0)).toBe(t.many(["a;", "b"].join(""), "x", 1, 0));
  });

  test("known: the number of a label already seen, -1 for blank or unseen, which it does not add", () => {
    const t = new LabelTable();
    const p1 = t.one("P1", "ids", 0, 0);
    expect(t.known(" p1 ", "survey_ids", 0, 0)).toBe(p1);
    expect(t.known("P9", "survey_ids", 1, 0)).toBe(-1);
    expect(t.known("P9", "survey_ids", 2, 0)).toBe(-1);
    expect(t.known("", "survey_ids", 3, 0)).toBe(-1);
    expect(t.known(null, "survey_ids", 3, 0)).toBe(-1);
    expect(t.size).toBe(1);
    // A label added later is known from then on, whatever raw value spelt it.
    expect(t.one("p9", "ids", 4, 0)).toBe(1);
    expect(t.known("P9", "survey_ids", 4, 0)).toBe(1);
    expect(t.known("#N/A", "survey_ids", 5, 0)).toBe(-1);
    expect(fail(() => t.known({ code: "#N/A" }, "survey_ids", 5, 0))).toEqual({
      code: "#N/A",
      message: expect.stringContaining("row 6, column 1 of survey_ids"),
    });
    expect(fail(() => t.known({}, "survey_ids", 0, 0))?.code).toBe("#VALUE!");
  });
});

describe("SerialKeys", () => {
  /** The slots a fresh cache gives for the cells in turn (each filled as found). */
  const slots = (cells: unknown[]): number[] => {
    const keys = new SerialKeys();
    return cells.map((cell) => {
      const k = keys.slot(cell);
      if (k >= 0 && keys.values[k] === UNSET) keys.store(k, 0);
      return k;
    });
  };

  test.each<[string, unknown[], number[]]>([
    ["the digits of the learnt form are the slot", ["P-0001", "P-0002", "P-0010", "P-0001"], [1, 2, 10, 1]],
    [
      "other case, other width, spaces, letters in the digits: no slot",
      ["P-0001", "p-0001", "P-001", "P-00001", " P-0001", "P-0001 ", "P-00a1", "Q-0001"],
      [1, -1, -1, -1, -1, -1, -1, -1],
    ],
    [
      "numbers, blanks, booleans and objects: no slot",
      ["P-0001", 1, "", null, undefined, true, {}],
      [1, -1, -1, -1, -1, -1, -1],
    ],
    [
      "learnt from the first non-blank text ending in digits",
      ["", "Leading", "D01", "D02", "P-0001"],
      [-1, -1, 1, 2, -1],
    ],
    ["digits alone are a form", ["0042", "0007", "42"], [42, 7, -1]],
    [
      "no form after 16 texts without one",
      [...Array.from({ length: 16 }, () => "Local"), "P-0001"],
      [...Array.from({ length: 16 }, () => -1), -1],
    ],
    ["more than 9 digits: no form", ["P-0000000001", "P-0000000002"], [-1, -1]],
    [
      "a prefix of more than 16 characters: no form",
      ["Partnership-number-1", "Partnership-number-2"],
      [-1, -1],
    ],
  ])("%s", (_, cells, expected) => {
    expect(slots(cells)).toEqual(expected);
  });

  test("slots grow on demand, up to 65,536 or 16 per id stored: memory follows the ids, not the rows", () => {
    const keys = new SerialKeys();
    expect(keys.slot("P-000005")).toBe(5);
    expect(keys.values.length).toBe(1024);
    expect(keys.slot("P-065535")).toBe(65_535);
    expect(keys.values.length).toBe(65_536);
    // One id far out is not given 4 MB of slots: it goes the usual way.
    expect(keys.slot("P-999999")).toBe(-1);
    for (let i = 0; i < 62_500; i++) keys.store(i, i);
    expect(keys.slot("P-999999")).toBe(999_999);
    expect(keys.values.length).toBe(1_000_000);
    expect(keys.values[5]).toBe(5);
    expect(keys.values[999_999]).toBe(UNSET);
  });

  test("forgetUnknown clears the -1s stored and nothing else", () => {
    const keys = new SerialKeys();
    keys.store(keys.slot("P1"), -1);
    keys.store(keys.slot("P2"), 4);
    keys.forgetUnknown();
    expect([keys.values[1], keys.values[2]]).toEqual([UNSET, 4]);
  });
});

describe("LabelTable.id and knownId (through SerialKeys) agree with one and known", () => {
  const cell = fc.constantFrom<unknown>(
    "P-0001",
    "P-0002",
    "P-0010",
    "p-0001",
    " P-0001",
    "P-0001 ",
    "P-001",
    "P-00001",
    "P-9999",
    "Q-0001",
    "D01",
    "0001",
    "1",
    1,
    "Leading",
    "",
    "  ",
    null,
    true,
  );
  test("any sequence of id and knownId calls gives the label numbers one and known give, and the same labels", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), cell), { maxLength: 60 }), (calls) => {
        const fast = new LabelTable();
        const plain = new LabelTable();
        calls.forEach(([add, v], i) => {
          if (add) expect(fast.id(v, "ids", i, 0)).toBe(plain.one(v, "ids", i, 0));
          else expect(fast.knownId(v, "survey_ids", i, 0)).toBe(plain.known(v, "survey_ids", i, 0));
        });
        expect(fast.keys).toEqual(plain.keys);
        expect(fast.spelling).toEqual(plain.spelling);
      }),
      { numRuns: 500 },
    );
  });

  test("an id known to be unseen (-1) is added when it later comes as an id, and then known", () => {
    const t = new LabelTable();
    t.id("P-0001", "ids", 0, 0);
    expect(t.knownId("P-0002", "survey_ids", 0, 0)).toBe(-1);
    expect(t.id("P-0002", "ids", 1, 0)).toBe(1);
    expect(t.knownId("P-0002", "survey_ids", 1, 0)).toBe(1);
    expect(t.knownId("p-0002", "survey_ids", 2, 0)).toBe(1);
    // Added under another spelling, which has no slot: the -1 kept for P-0003 is forgotten.
    expect(t.knownId("P-0003", "survey_ids", 3, 0)).toBe(-1);
    expect(t.id(" p-0003", "ids", 2, 0)).toBe(2);
    expect(t.knownId("P-0003", "survey_ids", 4, 0)).toBe(2);
  });

  test("error values still propagate from cells that look like ids", () => {
    const t = new LabelTable();
    t.id("P-0001", "ids", 0, 0);
    expect(fail(() => t.id({ code: "#N/A" }, "ids", 1, 0))?.code).toBe("#N/A");
    expect(fail(() => t.knownId({ code: "#REF!" }, "survey_ids", 2, 0))?.code).toBe("#REF!");
    // text that reads like an error is an id like any other
    expect(t.knownId("#REF!", "survey_ids", 2, 0)).toBe(-1);
  });
});

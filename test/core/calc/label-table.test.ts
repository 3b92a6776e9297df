/**
 * LabelTable: ids met through the serial cache (prefix and digits) and through their other
 * spellings are one label, whichever comes first; the lookups by text see every label.
 */
import { LabelTable } from "../../../src/core/calc/label-table";

type Step = readonly ["id" | "one" | "find" | "knownId", unknown, number];

describe("LabelTable: serial ids and their other spellings are one label", () => {
  test.each<[string, readonly Step[], readonly string[]]>([
    [
      "serial ids first, then other spellings of them",
      [
        ["id", "P-0001", 0],
        ["id", "P-0002", 1],
        ["one", " p-0001 ", 0],
        ["id", "P-0003", 2],
        ["one", "P-0003", 2],
        ["one", "p-0002", 1],
        ["id", "P-0002", 1],
      ],
      ["P-0001", "P-0002", "P-0003"],
    ],
    [
      "serial ids only, then found by text",
      [
        ["id", "P-0001", 0],
        ["id", "P-0002", 1],
        ["find", "p-0002", 1],
        ["find", " P-0001", 0],
        ["find", "P-0009", -1],
        ["knownId", "P-0009", -1],
        ["id", "P-0009", 2],
        ["knownId", "P-0009", 2],
        ["find", "p-0009", 2],
      ],
      ["P-0001", "P-0002", "P-0009"],
    ],
    [
      "another label first, then serial ids and their other spellings",
      [
        ["one", "Alpha", 0],
        ["id", "P-0001", 1],
        ["id", "P-0002", 2],
        ["one", "P-0001 ", 1],
        ["find", "ALPHA", 0],
        ["id", "alpha", 0],
      ],
      ["Alpha", "P-0001", "P-0002"],
    ],
    [
      "another spelling first, then the serial form of it",
      [
        ["id", "P-0001", 0],
        ["one", "p-0002", 1],
        ["id", "P-0002", 1],
        ["id", "P-0003", 2],
        ["one", "P-0003", 2],
      ],
      ["P-0001", "p-0002", "P-0003"],
    ],
    [
      "numbers and blanks among serial ids",
      [
        ["id", "P-0001", 0],
        ["id", 1, 1],
        ["id", "", -1],
        ["id", "  ", -1],
        ["id", null, -1],
        ["one", "1", 1],
        ["find", "p-0001", 0],
      ],
      ["P-0001", "1"],
    ],
  ])("%s", (_name, steps, spelling) => {
    const table = new LabelTable();
    steps.forEach(([call, value, expected], i) => {
      const got =
        call === "id"
          ? table.id(value, "ids", i, 0)
          : call === "one"
            ? table.one(value, "ids", i, 0)
            : call === "knownId"
              ? table.knownId(value, "ids", i, 0)
              : table.find(value as string);
      expect([i, call, value, got]).toEqual([i, call, value, expected]);
    });
    expect(table.spelling).toEqual(spelling);
    expect(table.size).toBe(spelling.length);
  });
});

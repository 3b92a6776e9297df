/** The one A1 module (src/core/model/a1.ts): column letters and the cell references a file stores. */
import { cellRef, columnIndex, columnLetter, GRID } from "../../../src/core/model/a1";

describe("column letters", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [701, "ZZ"],
    [702, "AAA"],
    [GRID.columns - 1, "XFD"],
  ])("%p ↔ %p", (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
    expect(columnIndex(letter)).toBe(index);
  });
});

describe("cellRef: a reference as a file stores it", () => {
  it.each([
    ["A1", { col: 0, row: 1 }],
    ["b7", { col: 1, row: 7 }],
    ["AA10", { col: 26, row: 10 }],
    ["XFD1048576", { col: GRID.columns - 1, row: GRID.rows }],
    ["XFE1", { col: -1, row: 1 }],
    ["A9999999999", { col: 0, row: 9999999999 }],
  ])("%p → %p", (ref, expected) => {
    expect(cellRef(ref)).toEqual(expected);
  });

  it.each(["", "A", "1", "A0", "A01", "ABCD1", "A1B", "$A$1", "A 1", "A12345678901", "Sheet1!A1"])(
    "%p is not a reference",
    (ref) => {
      expect(cellRef(ref)).toBeUndefined();
    },
  );
});

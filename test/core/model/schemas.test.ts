import { PARTNERSHIPS, REPRESENTATION, TABLES } from "../../../src/core/model/blueprint";
import { columnTyper, typedCells, type Typed } from "../../../src/core/model/schemas";
import type { CellValue, TableData } from "../../../src/core/model/workbook-data";

/** The typer of a blueprint column, by table and key. */
function typer(table: typeof PARTNERSHIPS | typeof REPRESENTATION, key: string) {
  const column = table.columns.find((c) => c.key === key);
  if (!column) throw new Error(`no column ${key}`);
  return columnTyper(column);
}

const value = (t: Typed) => (t.ok ? t.value : { untyped: t.raw });

describe("column schemas derived from the blueprint", () => {
  it.each(TABLES.flatMap((t) => t.columns.map((c) => [`${t.name}.${c.key}`, c] as const)))(
    "%s has a typer, and a blank cell types as blank",
    (_name, column) => {
      const blank = columnTyper(column)(null);
      expect(blank).toEqual({ ok: true, value: column.kind === "multi" ? [] : null });
    },
  );

  it.each([
    ["text: a number becomes its text", PARTNERSHIPS, "partnershipId", 1234, "1234"],
    ["list: the label tidied, as written", PARTNERSHIPS, "level", " local ", "local"],
    [
      "multi: the labels, once each",
      PARTNERSHIPS,
      "barriers",
      "Pressure on key staff time;  Short-term national targets\nPressure on key staff time",
      ["Pressure on key staff time", "Short-term national targets"],
    ],
    ["number: numeric text is a number", PARTNERSHIPS, "meetingsPerYear", " 12 ", 12],
    ["year: numeric text is a year", PARTNERSHIPS, "involvedSince", "2005", 2005],
    ["text: surrounding spaces go", PARTNERSHIPS, "partnership", "  Northtown LSP ", "Northtown LSP"],
  ] as const)("types %s", (_what, table, key, raw: CellValue, expected) => {
    expect(value(typer(table, key)(raw))).toEqual(expected);
  });

  it.each([
    ["an error value", PARTNERSHIPS, "meetingsPerYear", { error: "#N/A" }],
    ["text in a number column", PARTNERSHIPS, "meetingsPerYear", "twelve"],
    ["a thousands separator (not a number by the cell rules)", PARTNERSHIPS, "meetingsPerYear", "1,200"],
    ["a fraction as a year", PARTNERSHIPS, "involvedSince", 2005.5],
    ["an error value in a text column", PARTNERSHIPS, "partnership", { error: "#REF!" }],
  ] as const)("leaves %s untyped, as read", (_what, table, key, raw: CellValue) => {
    expect(typer(table, key)(raw)).toEqual({ ok: false, raw });
  });

  const all = (cells: { n: number; at: (i: number) => Typed }): Typed[] =>
    Array.from({ length: cells.n }, (_, i) => cells.at(i));
  it("typedCells types every row of one column, a missing cell as blank", () => {
    const data: TableData = {
      table: "Representation",
      sheet: "Representation",
      headerRow: 1,
      columns: {},
      rows: [
        { excelRow: 2, values: { annualHours: "12" } },
        { excelRow: 3, values: {} },
        { excelRow: 4, values: { annualHours: "lots" } },
      ],
    };
    expect(all(typedCells(data, "annualHours")).map(value)).toEqual([12, null, { untyped: "lots" }]);
    expect(() => typedCells(data, "nonsense")).toThrow("No column nonsense in Representation");
  });
});

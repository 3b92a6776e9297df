/**
 * What the reader does to hold a million rows once (see src/xlsx/read.ts): repeated texts shared
 * through a bounded pool, rows kept at their own size, and the grid's table rows given up as they
 * become table rows. None of it may change a value read.
 */
import { readAuditReturn, readWorkbookGrid, TextPool } from "../../src/xlsx/read";
import { returnParts, sheetPart, withRows, zipParts } from "./hostile-files";

/** Text as XML character data. */
function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

const LONG = "a note longer than the pool keeps, ".repeat(4);

/** The text of row i in column B: texts met once, texts met again after the pool filled up, long texts. */
function textOf(i: number): string {
  if (i % 5 === 0) return "Officer";
  if (i % 7 === 0) return `${LONG}${i % 3}`;
  return i % 2 === 0 ? `Rep ${i}` : `Rep ${i % 1000} & co`;
}

describe("TextPool", () => {
  it("gives back the text it is given, over more texts than it keeps", () => {
    const pool = new TextPool();
    const n = TextPool.MAX_TEXTS * 2 + 10;
    const texts = Array.from({ length: n }, (_, i) => textOf(i));
    expect(texts.map((t) => pool.same(t))).toEqual(texts);
    // once more, now that the pool has started again
    expect(texts.map((t) => pool.same(t))).toEqual(texts);
  });
});

describe("reading many text cells", () => {
  const ROWS = TextPool.MAX_TEXTS + 5_000;

  it.each([
    ["inline text", (r: number, t: string) => `<c r="B${r}" t="inlineStr"><is><t>${xml(t)}</t></is></c>`],
    ["formula results", (r: number, t: string) => `<c r="B${r}" t="str"><f>A${r}</f><v>${xml(t)}</v></c>`],
  ] as const)("reads every cell of %s as written", async (_what, cell) => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Representation");
    const first = 10;
    const rows: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      const r = first + i;
      rows.push(`<row r="${r}"><c r="A${r}"><v>${i}</v></c>${cell(r, textOf(i))}</row>`);
    }
    parts.set(name, withRows(parts.get(name) ?? "", rows.join("")));
    const grid = await readWorkbookGrid(zipParts(parts));
    const sheet = grid.sheets.find((s) => s.name === "Representation");
    const got = (sheet?.rows ?? []).slice(first - 1).map((row) => [row[0], row[1]]);
    expect(got).toEqual(Array.from({ length: ROWS }, (_, i) => [i, textOf(i)]));
  });
});

describe("readAuditReturn", () => {
  it("reads a table's rows as the return reader reads the grid", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Representation");
    const rows: string[] = [];
    for (let i = 0; i < 300; i++) {
      const r = 10 + i;
      rows.push(
        `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>P-${i % 4}</t></is></c>` +
          `<c r="C${r}" t="inlineStr"><is><t>${i % 3 === 0 ? "Band Z" : "Grade 7"}</t></is></c>` +
          `<c r="D${r}"><v>${i % 12}</v></c><c r="E${r}" t="inlineStr"><is><t>two</t></is></c></row>`,
      );
    }
    parts.set(name, withRows(parts.get(name) ?? "", rows.join("")));
    const bytes = zipParts(parts);
    const ret = await readAuditReturn(bytes, "D01.xlsx");
    const table = ret.tables.Representation;
    const tail = (table?.rows ?? []).filter((r) => r.excelRow >= 10);
    expect(tail).toHaveLength(300);
    expect(
      tail.map((r) => [r.excelRow, r.values.partnershipId, r.values.grade, r.values.hoursPerMeeting]),
    ).toEqual(
      Array.from({ length: 300 }, (_, i) => [
        10 + i,
        `P-${i % 4}`,
        i % 3 === 0 ? "Band Z" : "Grade 7",
        "two",
      ]),
    );
    // a grid read on its own keeps every row (only readAuditReturn gives its own grid up)
    const grid = await readWorkbookGrid(bytes);
    const sheet = grid.sheets.find((s) => s.name === "Representation");
    expect(sheet?.rows.filter((r) => r !== undefined).length).toBeGreaterThan(300);
  });
});

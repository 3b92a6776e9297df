/**
 * Hostile and huge files, the reader's rows of docs/security.md's table: hostile or unlucky files (made here, small on disk) are
 * refused with one line naming the limit, or read with a finding for what cannot be placed, never
 * read wrong. The CLI's rows are in test/cli/hostile.test.ts.
 */
import { crc32 } from "node:zlib";
import { readAuditReturn, readWorkbookGrid, WorkbookReadError } from "../../src/xlsx/read";
import { writeAuditWorkbook } from "../../src/xlsx/write";
import {
  deflateBomb,
  deflated,
  returnParts,
  sheetPart,
  stored,
  textCell,
  unzipParts,
  withRows,
  zipParts,
  type RawEntry,
} from "./hostile-files";

async function refusal(bytes: Uint8Array): Promise<WorkbookReadError> {
  const e = await readAuditReturn(bytes, "D01.xlsx").then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof WorkbookReadError)) throw new Error(`not refused: ${String(e)}`);
  expect(e.message).not.toContain("\n");
  return e;
}

/** The reader's findings (errors about what it could not place or take as it is). */
async function readerFindings(bytes: Uint8Array): Promise<unknown[]> {
  const ret = await readAuditReturn(bytes, "D01.xlsx");
  return ret.findings.map((f) => ({
    sheet: f.sheet,
    ...(f.row !== undefined ? { row: f.row } : {}),
    ...(f.address !== undefined ? { address: f.address } : {}),
    message: f.message,
  }));
}

const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${textCell("A1", "x")}</row><row r="2"><c r="A2" t="str"><v>`;
const SHEET_TAIL = `</v></c></row></sheetData></worksheet>`;

describe("deflate bombs are refused within the limits, whatever the headers claim", () => {
  it("a sheet that unpacks to 1,000 times its size (4 GB from 4 MB), its header claiming 1 KB", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    const bomb = deflateBomb(SHEET_HEAD, "xxxxxxxx", 4 * 1024 ** 3, SHEET_TAIL);
    expect(bomb.data.length).toBeLessThan(4.5 * 1024 * 1024);
    const e = await refusal(zipParts(parts, [{ name, data: bomb.data, method: 8, crc: 0, size: 1024 }]));
    expect(e.reason).toBe("over-limit");
    expect(e.message).toMatch(
      new RegExp(
        `^the workbook is refused: ${name} unpacks to more than 250 times its packed size \\([\\d.]+ MB from 64 KB\\), as a deflate bomb does; the parts of a workbook unpack to far less$`,
      ),
    );
  });

  it("a sheet whose header tells its true size (4 GB) is refused before it is unpacked", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    const bomb = deflateBomb(SHEET_HEAD, "xxxxxxxx", 4 * 1024 ** 3 - 1, SHEET_TAIL);
    const e = await refusal(zipParts(parts, [{ name, data: bomb.data, method: 8, crc: 0, size: bomb.size }]));
    expect(e.reason).toBe("over-limit");
    expect(e.message).toMatch(
      new RegExp(
        `^the workbook is refused: ${name} unpacks to more than \\d+ MB, the limit for a file of [\\d.]+ MB \\(100 times its size, at least 64 MB, at most 1 GB a part and 2 GB in all\\)$`,
      ),
    );
  });

  it("a sheet that unpacks to about 190 times its packed size stops at the limit for the file's size", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    // a letter every 500 characters: about 190:1, under the bomb ratio, over 100 times the file
    let seed = 1;
    const pieces: string[] = [];
    for (let i = 0; i < 160_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      pieces.push("x".repeat(500) + String.fromCharCode(65 + (seed % 26)));
    }
    const xml = SHEET_HEAD + pieces.join("") + SHEET_TAIL;
    const bytes = zipParts(parts, [deflated(name, xml)]);
    expect(bytes.length).toBeLessThan(640 * 1024);
    const e = await refusal(bytes);
    expect(e.reason).toBe("over-limit");
    expect(e.message).toMatch(
      new RegExp(
        `^the workbook is refused: ${name} unpacks to more than 64 MB, the limit for a file of \\d+ KB \\(100 times its size, at least 64 MB, at most 1 GB a part and 2 GB in all\\)$`,
      ),
    );
  });

  it("shared strings that unpack to 1.1 GB from 1.1 MB", async () => {
    const parts = await returnParts();
    const sst = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;
    const bomb = deflateBomb(sst, "<si><t>Pressure on key staff time</t></si>", 1.1 * 1024 ** 3, "</sst>");
    const e = await refusal(
      zipParts(parts, [{ name: "xl/sharedStrings.xml", data: bomb.data, method: 8, crc: 0, size: 2048 }]),
    );
    expect(e.reason).toBe("over-limit");
    expect(e.message).toMatch(
      /^the workbook is refused: xl\/sharedStrings\.xml unpacks to more than 250 times its packed size/,
    );
  });

  it("more than 10,000 parts", async () => {
    const parts = await returnParts();
    const extra = Array.from({ length: 10_001 }, (_, i) => stored(`customXml/item${i}.xml`, "<a/>"));
    const e = await refusal(zipParts(parts, extra));
    expect(e.message).toBe(
      `the workbook is refused: it has ${(parts.size + 10_001).toLocaleString("en-GB")} parts, more than the limit of 10,000`,
    );
  });
});

describe("rows and cells that cannot be placed are findings naming the sheet, never dropped silently", () => {
  const cases: [string, string, unknown[]][] = [
    [
      "a row numbered 1,000,000,000 (a 20 KB return)",
      `<row r="1000000000">${textCell("A1000000000", "P-9")}</row>`,
      [
        {
          sheet: "Partnerships",
          message:
            "a row is numbered 1,000,000,000, outside Excel's grid (rows 1 to 1,048,576); its cells are not read: save the file again from Excel",
        },
      ],
    ],
    [
      "a row numbered -5",
      `<row r="-5">${textCell("A5", "P-9")}</row>`,
      [
        {
          sheet: "Partnerships",
          message:
            'a row is numbered "-5", which is not a row number (Excel numbers rows 1 to 1,048,576); its cells are not read: save the file again from Excel',
        },
      ],
    ],
    [
      "a row numbered 0",
      `<row r="0">${textCell("A1", "P-9")}</row>`,
      [
        {
          sheet: "Partnerships",
          message:
            'a row is numbered "0", which is not a row number (Excel numbers rows 1 to 1,048,576); its cells are not read: save the file again from Excel',
        },
      ],
    ],
    [
      "a row numbered abc",
      `<row r="abc">${textCell("A9", "P-9")}</row>`,
      [
        {
          sheet: "Partnerships",
          message:
            'a row is numbered "abc", which is not a row number (Excel numbers rows 1 to 1,048,576); its cells are not read: save the file again from Excel',
        },
      ],
    ],
    [
      "a row given twice",
      `<row r="2">${textCell("A2", "P-9")}</row>`,
      [
        {
          sheet: "Partnerships",
          row: 2,
          message: "row 2 is given twice in the file; the second is not read: save the file again from Excel",
        },
      ],
    ],
    [
      "a cell given twice",
      `<row r="9">${textCell("A9", "P-9")}${textCell("A9", "P-10")}</row>`,
      [
        {
          sheet: "Partnerships",
          row: 9,
          address: "A9",
          message:
            "the cell A9 is given twice in the file; the second is not read: save the file again from Excel",
        },
      ],
    ],
    [
      "a cell whose reference is in another row",
      `<row r="9">${textCell("A3", "P-9")}</row>`,
      [
        {
          sheet: "Partnerships",
          row: 9,
          message:
            "the cell A3 is given inside row 9, so where it belongs is unclear; it is not read: save the file again from Excel",
        },
      ],
    ],
    [
      "a cell past column XFD",
      `<row r="9">${textCell("XFE9", "P-9")}</row>`,
      [
        {
          sheet: "Partnerships",
          message:
            "a cell is given the reference XFE9, outside Excel's grid (A1 to XFD1048576); it is not read: save the file again from Excel",
        },
      ],
    ],
  ];
  it.each(cases)("%s", async (_what, rows, expected) => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    parts.set(name, withRows(parts.get(name) ?? "", rows));
    const bytes = zipParts(parts);
    expect(await readerFindings(bytes)).toEqual(expected);
  });

  it("the cell at XFD1048576 costs one cell, not a million rows of sixteen thousand", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    parts.set(
      name,
      withRows(parts.get(name) ?? "", `<row r="1048576">${textCell("XFD1048576", "far")}</row>`),
    );
    const grid = await readWorkbookGrid(zipParts(parts));
    const sheet = grid.sheets.find((s) => s.name === "Partnerships");
    expect(sheet?.rows.length).toBe(1_048_576);
    expect(sheet?.rows[1_048_575]?.[16_383]).toBe("far");
    expect(sheet?.rows.filter(() => true).length).toBe(5); // header, 3 rows, the far one
  });
});

describe("markup that never closes is refused at once, in linear time", () => {
  it("200,000 unclosed <c> tags in a sheet (28 KB)", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    parts.set(name, withRows(parts.get(name) ?? "", `<row r="9">${'<c r="A9">'.repeat(200_000)}</row>`));
    const e = await refusal(zipParts(parts));
    expect(e.reason).toBe("corrupt");
    expect(e.message).toBe(
      `the workbook is corrupt: ${name} is not well-formed XML (elements nested more than 256 deep); save it again from Excel`,
    );
  });

  it("200,000 unclosed <si> tags in the shared strings", async () => {
    const parts = await returnParts();
    const sst = parts.get("xl/sharedStrings.xml") ?? "";
    parts.set("xl/sharedStrings.xml", sst.replace("</sst>", "<si><t>x</t>".repeat(200_000) + "</sst>"));
    const e = await refusal(zipParts(parts));
    expect(e.reason).toBe("corrupt");
    expect(e.message).toBe(
      "the workbook is corrupt: xl/sharedStrings.xml is not well-formed XML (elements nested more than 256 deep); save it again from Excel",
    );
  });

  it("an unclosed element at the end of a part", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    parts.set(name, (parts.get(name) ?? "").replace("</worksheet>", ""));
    const e = await refusal(zipParts(parts));
    expect(e.message).toBe(
      `the workbook is corrupt: ${name} is not well-formed XML (<worksheet> is never closed); save it again from Excel`,
    );
  });
});

describe("a part whose data does not match its CRC-32 is refused, never read as if intact", () => {
  it("an edited sheet (same size, CRC of the original)", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    const original = parts.get(name) ?? "";
    const honest = stored(name, original);
    // the first number in a cell, one digit changed: the same size, other data
    const edited = new TextEncoder().encode(
      original.replace(
        /<v>(\d*)(\d)<\/v>/,
        (_m, a: string, d: string) => `<v>${a}${(Number(d) + 1) % 10}</v>`,
      ),
    );
    expect(crc32(edited)).not.toBe(honest.crc);
    const entry: RawEntry = { ...honest, data: edited };
    const e = await refusal(zipParts(parts, [entry]));
    expect(e.reason).toBe("corrupt");
    expect(e.message).toBe(
      `the workbook is corrupt: ${name} is damaged (its data does not match its CRC-32 checksum); save it again from Excel`,
    );
  });
});

describe("text longer than a cell holds is a finding, not read whole", () => {
  it.each([
    [40_000, "40,000"],
    [10_000_000, "10,000,000"],
  ])("a %s-character cell", async (n) => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    parts.set(name, withRows(parts.get(name) ?? "", `<row r="9">${textCell("R9", "n".repeat(n))}</row>`));
    const bytes = zipParts(parts);
    expect(bytes.length).toBeLessThan(60_000);
    const ret = await readAuditReturn(bytes, "D01.xlsx");
    expect(ret.findings).toEqual([
      {
        file: "D01.xlsx",
        severity: "error",
        sheet: "Partnerships",
        row: 9,
        column: "Notes",
        address: "R9",
        message:
          "the cell holds more than 32,767 characters, the most an Excel cell holds; shorten it (only the first 32,767 are read)",
      },
    ]);
    const row = ret.tables.Partnerships?.rows.find((r) => r.excelRow === 9);
    expect(row?.values.notes).toBe("n".repeat(32_767));
  });
});

describe("characters a workbook cannot store", () => {
  const bad: [string, string][] = [
    ["U+FFFE", "\ufffe"],
    ["U+FFFF", "\uffff"],
    ["a lone surrogate U+D800", "\ud800"],
  ];
  it.each(bad)(
    "%s in written text becomes U+FFFD, and every written part is well-formed XML 1.0",
    async (_w, ch) => {
      const text = `a${ch}b\u0001c`;
      const bytes = await writeAuditWorkbook({
        settings: { region: `R${ch}`, district: "D01" },
        tables: [{ table: "Partnerships", columns: ["partnershipId", "notes"], rows: [["P-1", text]] }],
      });
      // XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
      const notXml = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
      for (const [part, xml] of unzipParts(bytes)) {
        expect([part, notXml.exec(xml)?.[0]]).toEqual([part, undefined]);
      }
      const grid = await readWorkbookGrid(bytes);
      const notes = grid.sheets.find((s) => s.name === "Partnerships")?.rows[1]?.[17];
      expect(notes).toBe("a\ufffdb\u0001c");
    },
  );

  it("a cell holding U+FFFF (raw, by reference or escaped) is read as U+FFFD, with a finding", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    const rows = `<row r="9">${textCell("A9", "P-9")}${textCell("B9", "a\uffffb")}${textCell("C9", "a&#xFFFE;b")}${textCell("R9", "a_xFFFF_b")}</row>`;
    parts.set(name, withRows(parts.get(name) ?? "", rows));
    const ret = await readAuditReturn(zipParts(parts), "D01.xlsx");
    const message = (c: string): string =>
      `the cell holds the character ${c}, which a workbook cannot store; delete it (it is read as "\ufffd")`;
    expect(ret.findings.map((f) => [f.address, f.message])).toEqual([
      ["B9", message("U+FFFF")],
      ["C9", message("U+FFFE")],
      ["R9", message("U+FFFF")],
    ]);
    const row = ret.tables.Partnerships?.rows.find((r) => r.excelRow === 9);
    expect([row?.values.partnership, row?.values.level, row?.values.notes]).toEqual([
      "a\ufffdb",
      "a\ufffdb",
      "a\ufffdb",
    ]);
  });
});

describe("what Office Open XML forbids is refused", () => {
  it("a DOCTYPE (no entity is ever expanded)", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    parts.set(
      name,
      (parts.get(name) ?? "").replace(
        "<worksheet",
        '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><worksheet',
      ),
    );
    const e = await refusal(zipParts(parts));
    expect(e.message).toBe(
      `the workbook is corrupt: ${name} is not well-formed XML (it has a DOCTYPE declaration, which Office Open XML forbids); save it again from Excel`,
    );
  });
});

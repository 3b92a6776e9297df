/**
 * The forms other writers give a package, read like ours: a valid return written by our writer is
 * taken apart and rewritten the way Strict Open XML, prefixed-namespace writers (the .NET Open XML
 * SDK's `x:`), openpyxl (absolute part names), and writers with odd part names store it. Each must
 * read as the same return. The files saved by LibreOffice and openpyxl themselves are in
 * test/fixtures (xlsx.test.ts).
 */
import ExcelJS from "exceljs";
import type { AuditReturn } from "../../src/core/model/workbook-data";
import { readAuditReturn, readWorkbookGrid, serialToIso } from "../../src/xlsx/read";
import { returnParts, zipParts } from "./hostile-files";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

type Parts = Map<string, string>;

/** Every part's text changed by `edit` (XML parts only). */
function mapParts(parts: Parts, edit: (text: string, name: string) => string): Parts {
  return new Map(
    [...parts].map(([name, text]) => [name, /\.(xml|rels)$/.test(name) ? edit(text, name) : text]),
  );
}

/** The return a set of parts reads as, with the tables' rows and the settings. */
async function read(parts: Parts): Promise<Pick<AuditReturn, "settings" | "tables">> {
  const r = await readAuditReturn(zipParts(parts), "D01.xlsx");
  return { settings: r.settings, tables: r.tables };
}

const FORMS: [string, (parts: Parts) => Parts][] = [
  [
    "Strict Open XML namespaces",
    (parts) =>
      mapParts(parts, (t) =>
        t
          .replaceAll(MAIN, "http://purl.oclc.org/ooxml/spreadsheetml/main")
          .replaceAll(REL, "http://purl.oclc.org/ooxml/officeDocument/relationships"),
      ),
  ],
  [
    "elements with a namespace prefix (x:)",
    (parts) =>
      mapParts(parts, (t, name) =>
        name.endsWith(".rels") || name === "[Content_Types].xml" || !t.includes(`xmlns="${MAIN}"`)
          ? t
          : t
              .replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`)
              .replace(/<(\/?)([A-Za-z][\w]*)(?=[\s>/])/g, "<$1x:$2"),
      ),
  ],
  [
    "absolute relationship targets",
    (parts) =>
      mapParts(parts, (t, name) =>
        name === "xl/_rels/workbook.xml.rels" ? t.replace(/Target="(?!\/)([^"]+)"/g, 'Target="/xl/$1"') : t,
      ),
  ],
  [
    "part names in another case, and targets percent-encoded",
    (parts) =>
      new Map(
        [
          ...mapParts(parts, (t, name) =>
            name.endsWith(".rels") ? t.replace(/Target="([^"]*?)s(heet\d+\.xml)"/g, 'Target="$1%73$2"') : t,
          ),
        ].map(([name, text]) => [name.startsWith("xl/worksheets/") ? name.toUpperCase() : name, text]),
      ),
  ],
  [
    "zip entry names with backslashes",
    (parts) => new Map([...parts].map(([name, text]) => [name.replaceAll("/", "\\"), text])),
  ],
];

describe("package forms of other writers", () => {
  let parts: Parts;
  let expected: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    parts = await returnParts();
    expected = await read(parts);
    expect(expected.tables.Partnerships?.rows.length).toBeGreaterThan(0);
  });

  it.each(FORMS)("%s: the same return", async (_form, rewrite) => {
    const changed = rewrite(new Map(parts));
    const same = JSON.stringify([...changed]) === JSON.stringify([...parts]);
    expect(same).toBe(false); // the form did change the package
    expect(await read(changed)).toEqual(expected);
  });
});

describe("the 1904 date system", () => {
  it("reads a date cell of a 1904 workbook as the same date", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet("S").getCell("A1").value = new Date(Date.UTC(2026, 2, 31));
    const grid = await readWorkbookGrid(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(grid.sheets[0].rows[0]).toEqual(["2026-03-31"]);
  });

  it("serial numbers of the two systems", () => {
    expect(serialToIso(46112)).toBe("2026-03-31");
    expect(serialToIso(46112 - 1462, true)).toBe("2026-03-31");
  });
});

/**
 * Workbooks written by the tool are honest in any Excel: every AUDIT call is stored as Excel stores
 * a custom function (`_xldudf_AUDIT_NAME(…)`), as a dynamic-array formula, with the value the core
 * computed cached beside it; and the file does not ask for a full recalculation on load.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { appendsToReturn, applyPlan, planConsolidation } from "../../src/core/consolidation/consolidate";
import { demoDirectory, demoReturns } from "../../src/core/demo/demo-data";
import { SHEETS, SHEET_ORDER } from "../../src/core/model/blueprint";
import { summaryValues } from "../../src/core/workbook/spec";
import { readWorkbookGrid } from "../../src/xlsx/read";
import { writeAuditWorkbook } from "../../src/xlsx/write";
import { zipEntries, zipRead } from "../../src/xlsx/zip";

async function part(bytes: Uint8Array, name: string): Promise<string> {
  const entry = zipEntries(bytes).get(name);
  if (!entry) throw new Error(`no part ${name}`);
  return new TextDecoder().decode(await zipRead(bytes, entry, (d) => inflateRawSync(d)));
}

/** Every formula cell of a sheet part: its attributes, formula and cached value. */
function formulaCells(
  xml: string,
): { ref: string; attrs: string; formula: string; cached: string | undefined }[] {
  return [...xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)><f([^>]*)>([^<]*)<\/f>(?:<v>([^<]*)<\/v>)?<\/c>/g)].map(
    (m) => ({
      ref: m[1],
      attrs: `${m[2]} f:${m[3]}`,
      formula: m[4],
      cached: m[5],
    }),
  );
}

describe("a regional workbook written by the tool", () => {
  let bytes: Uint8Array;
  let summaryXml: string;
  beforeAll(async () => {
    const returns = demoReturns().map((r) => appendsToReturn(r.file, r.settings, r.tables));
    const plan = planConsolidation([], returns);
    const tables = applyPlan(undefined, plan);
    bytes = await writeAuditWorkbook(
      {
        settings: { region: "North West", district: "", auditRound: "2026-Q4" },
        tables,
        directory: demoDirectory(),
      },
      { deflateRaw: (d) => deflateRawSync(d) },
    );
    // the sheets are written in the blueprint's order
    summaryXml = await part(bytes, `xl/worksheets/sheet${SHEET_ORDER.indexOf(SHEETS.summary) + 1}.xml`);
  });

  it("stores every AUDIT call in _xldudf_ form, as a dynamic array, with a cached value", () => {
    const cells = formulaCells(summaryXml).filter((c) => c.formula.includes("AUDIT"));
    expect(cells.length).toBe(22); // 11 headlines and 11 blocks
    for (const c of cells) {
      expect(c.formula).not.toMatch(/AUDIT\./);
      expect(c.formula).toMatch(/_xldudf_AUDIT_[A-Z]+\(/);
      expect(c.attrs).toContain('cm="1"');
      expect(c.attrs).toMatch(/t="array" ref="[A-Z]+\d+(:[A-Z]+\d+)?"/);
      expect(c.cached).toBeDefined();
    }
    expect(cells.find((c) => c.ref === "B5")?.cached).toBe("46");
    expect(cells.find((c) => c.ref === "E6")?.attrs).toContain('ref="E6:G16"');
  });

  it("declares the dynamic-array metadata and asks for no recalculation on load", async () => {
    const workbook = await part(bytes, "xl/workbook.xml");
    expect(workbook).toContain('<calcPr calcId="191029"/>');
    expect(workbook).not.toContain("fullCalcOnLoad");
    expect(await part(bytes, "xl/metadata.xml")).toContain(
      '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>',
    );
    expect(await part(bytes, "[Content_Types].xml")).toContain('PartName="/xl/metadata.xml"');
    expect(await part(bytes, "xl/_rels/workbook.xml.rels")).toContain('Target="metadata.xml"');
  });

  it("the cached figures are the core's: a reader that does not calculate sees them", async () => {
    const returns = demoReturns().map((r) => appendsToReturn(r.file, r.settings, r.tables));
    const expected = summaryValues(returns);
    const grid = await readWorkbookGrid(bytes);
    const summary = grid.sheets.find((s) => s.name === "Summary");
    expect(summary?.rows[4]?.[1]).toBe(expected.figures.partnerships);
    expect(summary?.rows[5]?.[1]).toBe(11);
    const byDistrict = (summary?.rows ?? []).slice(5, 16).map((r) => r.slice(4, 7));
    expect(byDistrict).toEqual(expected.blocks.byDistrict);
    expect(byDistrict.map((r) => r[0])).not.toContain("0");
  });
});

describe("every formula cell of a written workbook carries its cached value", () => {
  async function formulaCellsOf(
    bytes: Uint8Array,
  ): Promise<{ sheet: string; ref: string; cached?: string }[]> {
    const out: { sheet: string; ref: string; cached?: string }[] = [];
    for (const name of zipEntries(bytes).keys()) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
      for (const c of formulaCells(await part(bytes, name)))
        out.push({ sheet: name, ref: c.ref, cached: c.cached });
    }
    return out;
  }

  it("in the blank template: the Annual hours of its empty table row is 0, as Excel computes it", async () => {
    const bytes = await writeAuditWorkbook(
      { settings: { region: "North West", district: "D01", auditRound: "2026-Q4" }, tables: [] },
      { deflateRaw: (d) => deflateRawSync(d) },
    );
    const cells = await formulaCellsOf(bytes);
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.filter((c) => c.cached === undefined)).toEqual([]);
    const representation = await part(bytes, "xl/worksheets/sheet4.xml");
    expect(representation).toMatch(/<c r="[A-Z]+2"[^>]*><f>[^<]*Meetings per year[^<]*<\/f><v>0<\/v><\/c>/);
  });

  it("in a regional workbook", async () => {
    const returns = demoReturns().map((r) => appendsToReturn(r.file, r.settings, r.tables));
    const tables = applyPlan(undefined, planConsolidation([], returns));
    const bytes = await writeAuditWorkbook(
      {
        settings: { region: "North West", district: "", auditRound: "2026-Q4" },
        tables,
        directory: demoDirectory(),
      },
      { deflateRaw: (d) => deflateRawSync(d) },
    );
    expect((await formulaCellsOf(bytes)).filter((c) => c.cached === undefined)).toEqual([]);
  });
});

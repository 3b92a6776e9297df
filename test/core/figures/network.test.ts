/**
 * The partner network's figures (src/core/figures/network.ts) and the Summary's block and headline
 * built on them: on the demo region, in a district return, on empty tables and on bad data.
 */
import { appendsToReturn } from "../../../src/core/consolidation/consolidate";
import { demoReturns } from "../../../src/core/demo/demo-data";
import { networkFigures } from "../../../src/core/figures/network";
import { readReturn } from "../../../src/core/returns/read-return";
import { summaryValues } from "../../../src/core/workbook/spec";
import { NONE_RECORDED, NONE_SHARED, NO_OVERLAPS, SUMMARY } from "../../../src/core/workbook/spec/summary";
import type { CellValue } from "../../../src/core/model/workbook-data";
import { GOOD_PARTNERSHIP, GOOD_REPRESENTATION, grid, type RowInput } from "../returns/return-fixtures";

const demo = demoReturns().map((r) => appendsToReturn(r.file, r.settings, r.tables));

describe("network figures of the demo region", () => {
  const n = networkFigures(demo);

  it("finds the shared regional and sub-regional partnerships, the regional one from three districts", () => {
    expect(n.sharedSeats.map((s) => s.id).sort()).toEqual(["P-R001", "P-S001", "P-S002", "P-S003"]);
    const regional = n.sharedSeats.find((s) => s.id === "P-R001");
    expect(regional?.districts).toBe(3);
    for (const s of n.sharedSeats) expect(s.hoursBeyondOne).toBeLessThan(s.hours);
    expect(n.hoursBeyondOne).toBeCloseTo(
      n.sharedSeats.reduce((t, s) => t + s.hoursBeyondOne, 0),
      9,
    );
  });

  it("finds overlapping local partnerships (a district's council, college, health body and voluntary sector)", () => {
    expect(n.overlaps.length).toBeGreaterThan(10);
    for (const o of n.overlaps) {
      expect(o.shared).toBeGreaterThanOrEqual(2);
      expect(o.share).toBeGreaterThanOrEqual(0.5);
    }
    expect(n.organisations).toBeGreaterThan(40);
    expect(n.organisationsMet[0].partnerships).toBeGreaterThanOrEqual(n.organisationsMet[1].partnerships);
  });

  it("--overlap-from's override is used instead of the setting", () => {
    expect(networkFigures(demo, 1).overlaps.every((o) => o.share === 1)).toBe(true);
  });
});

describe("the Summary's block Overlaps and shared seats and the headline Organisations we meet", () => {
  it("has the headline and three blocks with their formulas", () => {
    expect(SUMMARY.headlines.find((h) => h.key === "organisations")?.label).toBe("Organisations we meet");
    const formulas = Object.fromEntries(SUMMARY.blocks.map((b) => [b.key, b.formula]));
    expect(formulas.sharedSeats).toMatch(/AUDIT\.SHAREDSEATS\(.*Representation\[Partnership ID\]/);
    expect(formulas.overlaps).toContain(
      "AUDIT.OVERLAPS(Members[Partnership ID],Members[Organisation],OverlapFrom)",
    );
    expect(formulas.organisationsMet).toContain(
      "AUDIT.PARTNERSHIPSBY(Members[Partnership ID],Members[Organisation])",
    );
    expect(SUMMARY.blocks.find((b) => b.key === "sharedSeats")?.title).toMatch(/^Overlaps and shared seats/);
  });

  it("the regional workbook's cached values are the figures", () => {
    const v = summaryValues(demo);
    const n = networkFigures(demo);
    expect(v.figures.organisations).toBe(n.organisations);
    expect(v.blocks.sharedSeats).toEqual(
      n.sharedSeats.map((s) => [s.id, s.districts, s.hours, s.hoursBeyondOne]),
    );
    expect(v.blocks.overlaps[0]).toEqual([
      n.overlaps[0].a,
      n.overlaps[0].b,
      n.overlaps[0].shared,
      n.overlaps[0].share,
    ]);
  });

  it("a district return says in words that it shares no seat", () => {
    const v = summaryValues([demo[0]]);
    expect(v.blocks.sharedSeats).toEqual([[NONE_SHARED]]);
    expect(v.blocks.overlaps.length).toBeGreaterThan(0);
  });

  it("empty tables read none recorded, not an error", () => {
    const ret = readReturn(grid({ Representation: [] }), "D01.xlsx");
    const v = summaryValues([ret]);
    expect(v.figures.organisations).toBe(NONE_RECORDED);
    expect(v.blocks.sharedSeats).toEqual([[NONE_RECORDED]]);
    expect(v.blocks.overlaps).toEqual([[NONE_RECORDED]]);
    expect(v.blocks.organisationsMet).toEqual([[NONE_RECORDED]]);
  });

  it("members that overlap nowhere say so in words", () => {
    const ret = readReturn(
      grid({
        Partnerships: [GOOD_PARTNERSHIP, { ...GOOD_PARTNERSHIP, partnershipId: "P-0002" }],
        Representation: [GOOD_REPRESENTATION],
        Members: [
          { partnershipId: "P-0001", organisation: "Council" },
          { partnershipId: "P-0002", organisation: "College" },
        ],
      }),
      "D01.xlsx",
    );
    const v = summaryValues([ret]);
    expect(v.blocks.overlaps).toEqual([[NO_OVERLAPS]]);
    expect(v.figures.organisations).toBe(2);
    expect(v.blocks.organisationsMet).toEqual([
      ["College", 1],
      ["Council", 1],
    ]);
  });
});

describe("an error value in the data stops a network figure, as it stops its formula", () => {
  const P = (id: string) => ({ ...GOOD_PARTNERSHIP, partnershipId: id });
  const withMembers = (organisation: CellValue, rep: RowInput[] = [GOOD_REPRESENTATION]) =>
    readReturn(
      grid({
        Partnerships: [P("P-0001"), P("P-0002")],
        Representation: rep,
        Members: [
          { partnershipId: "P-0001", organisation: "Council" },
          { partnershipId: "P-0001", organisation: "College" },
          { partnershipId: "P-0002", organisation: "Council" },
          { partnershipId: "P-0002", organisation },
        ],
      }),
      "D01.xlsx",
    );

  it.each(["#N/A", "#DIV/0!"])(
    "an organisation cell showing %s: the overlaps, the organisations met and their count fail",
    (code) => {
      const n = networkFigures([withMembers({ error: code })]);
      expect(n.problems.map((p) => [p.figure, p.code]).sort()).toEqual(
        [
          ["organisations", code],
          ["organisationsMet", code],
          ["overlaps", code],
        ].sort(),
      );
      expect(n.overlaps).toEqual([]);
      // the text "#N/A" is an organisation like any other
      const text = networkFigures([withMembers(code)]);
      expect(text.problems).toEqual([]);
      expect(text.organisations).toBe(3);
    },
  );

  it("the Summary's cached values are what its formulas give: IFNA shows the words, the others the error", () => {
    const na = summaryValues([withMembers({ error: "#N/A" })]);
    expect(na.figures.organisations).toEqual({ error: "#N/A" });
    expect(na.blocks.overlaps).toEqual([[NO_OVERLAPS]]);
    expect(na.blocks.organisationsMet).toEqual([[{ error: "#N/A" }]]);
    const div = summaryValues([withMembers({ error: "#DIV/0!" })]);
    expect(div.blocks.overlaps).toEqual([[{ error: "#DIV/0!" }]]);
  });

  it("an Annual hours cell showing an error stops the shared seats", () => {
    const ret = withMembers("Police", [
      GOOD_REPRESENTATION,
      { ...GOOD_REPRESENTATION, district: "D02", annualHours: { error: "#VALUE!" } },
    ]);
    const n = networkFigures([ret]);
    expect(n.problems.map((p) => [p.figure, p.code])).toEqual([["sharedSeats", "#VALUE!"]]);
    expect(summaryValues([ret]).blocks.sharedSeats).toEqual([[{ error: "#VALUE!" }]]);
  });
});

import { HyperFormula } from "hyperformula";
import { compareRounds } from "../../../src/core/figures/compare";
import { appendsToReturn } from "../../../src/core/consolidation/consolidate";
import { demoDirectory, demoReturns, seededRandom } from "../../../src/core/demo/demo-data";
import { breakdown, countDistinct, fte, fteBy, leadershipRatio, perDistrict } from "../../../src/core/calc";
import { column, computeHeadlines, totalFte } from "../../../src/core/figures/headlines";
import { readReturn } from "../../../src/core/returns/read-return";
import type { AuditReturn } from "../../../src/core/model/workbook-data";
import { GOOD_PARTNERSHIP, GOOD_REPRESENTATION, grid } from "../returns/return-fixtures";

const demo: AuditReturn[] = demoReturns().map((r) => appendsToReturn(r.file, r.settings, r.tables));

describe("computeHeadlines equals the AUDIT function core on the same columns", () => {
  const h = computeHeadlines(demo);
  const ids = column(demo, "Partnerships", "partnershipId");
  const districts = column(demo, "Partnerships", "district");
  const roles = column(demo, "Partnerships", "ourRole");

  it("headline numbers (the demo's, literal; the study's figures: 4–5 per district, about half leading, ≈1 FTE each)", () => {
    expect(h.files).toBe(11);
    expect(h.partnerships).toBe(46);
    expect(h.districts).toBe(11);
    expect(h.perDistrict).toBe(51 / 11);
    expect(h.leadershipRatio).toBe(12 / 23);
    expect(h.fte).toBeCloseTo(11.152286902286901, 10);
    // and the same as the AUDIT function core on the same columns
    expect(h.partnerships).toBe(countDistinct(ids));
    expect(h.perDistrict).toBe(perDistrict(ids, districts));
    expect(h.leadershipRatio).toBe(leadershipRatio(roles, ids));
    expect(h.fte).toBeCloseTo(fte(column(demo, "Representation", "annualHours"), "year", 37, 52), 10);
  });

  it("by level and type: distinct IDs per label, every label of the list", () => {
    const levels = column(demo, "Partnerships", "level");
    expect(h.byLevel).toEqual({ Regional: 1, "Sub-regional": 3, Local: 42 });
    for (const [label, n] of Object.entries(h.byLevel)) expect(n).toBe(countDistinct(ids, [levels, label]));
    expect(Object.keys(h.byType)).toHaveLength(11);
  });

  it("per district", () => {
    expect(h.perDistrictCounts).toEqual({
      D01: 5,
      D02: 5,
      D03: 5,
      D04: 5,
      D05: 5,
      D06: 5,
      D07: 5,
      D08: 5,
      D09: 4,
      D10: 4,
      D11: 3,
    });
    expect(h.leadershipByDistrict.D03).toBe(0.2);
    expect(h.fteByDistrict?.D09).toBeCloseTo(0.9054054054054054, 12);
    for (const [d, n] of Object.entries(h.perDistrictCounts))
      expect(n).toBe(countDistinct(ids, [districts, d]));
    const fteRows = fteBy(
      column(demo, "Representation", "district"),
      column(demo, "Representation", "annualHours"),
      "year",
      37,
      52,
    );
    for (const [d, v] of fteRows) expect(h.fteByDistrict?.[d]).toBeCloseTo(v, 10);
    const d01 = demo.filter((r) => r.file === "D01.xlsx");
    expect(h.leadershipByDistrict.D01).toBe(
      leadershipRatio(column(d01, "Partnerships", "ourRole"), column(d01, "Partnerships", "partnershipId")),
    );
  });

  it("barriers as AUDIT.BREAKDOWN", () => {
    expect(h.barriers[0]).toEqual({ label: "Pressure on key staff time", count: 28, share: 28 / 37 });
    expect(h.barriers).toEqual(
      breakdown(column(demo, "Partnerships", "barriers")).map(([label, count, share]) => ({
        label,
        count,
        share,
      })),
    );
  });

  it("the demo data is shaped like the study", () => {
    expect(h.districts).toBe(11);
    expect(h.perDistrict).toBeCloseTo(51 / 11, 5);
    expect(h.leadershipRatio).toBeGreaterThan(0.4);
    expect(h.leadershipRatio).toBeLessThan(0.6);
    expect((h.fte ?? NaN) / 11).toBeGreaterThan(0.85);
    expect((h.fte ?? NaN) / 11).toBeLessThan(1.15);
    expect(h.byLevel["Sub-regional"]).toBe(3);
    expect(demoDirectory()).toHaveLength(4);
  });

  it("is deterministic (seeded, no Math.random)", () => {
    expect(demoReturns()).toEqual(demoReturns());
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it("FTE uses each workbook's own hours per week and weeks per year", () => {
    const a = readReturn(grid({ settings: { hoursPerWeek: 37, weeksPerYear: 52 } }), "a");
    const b = readReturn(
      grid({
        settings: { district: "D02", hoursPerWeek: 30, weeksPerYear: 40 },
        Representation: [{ ...GOOD_REPRESENTATION, annualHours: 1200 }],
      }),
      "b",
    );
    expect(totalFte([a, b])).toBeCloseTo(30 / 1924 + 1200 / 1200, 12);
  });

  it("no data: nulls where the functions say #DIV/0!, zeros elsewhere", () => {
    const empty = readReturn(grid({ Partnerships: [], Representation: [], PartnerSurvey: [] }));
    const e = computeHeadlines([empty]);
    expect(e).toMatchObject({
      files: 1,
      partnerships: 0,
      districts: 0,
      perDistrict: null,
      leadershipRatio: null,
      fte: 0,
      barriers: [],
    });
  });
});

describe("oracle: HyperFormula COUNTIFS / SUMIFS on the same rows", () => {
  it("per-district counts and hour sums equal ours", () => {
    const h = computeHeadlines(demo);
    const ids = column(demo, "Partnerships", "partnershipId");
    const districts = column(demo, "Partnerships", "district");
    const repDistricts = column(demo, "Representation", "district");
    const hours = column(demo, "Representation", "annualHours");
    const names = Object.keys(h.perDistrictCounts);
    const sheet: (string | number | null)[][] = [];
    const n = Math.max(ids.length, hours.length, names.length);
    for (let i = 0; i < n; i++) {
      sheet.push([
        (ids[i]?.[0] as string) ?? null,
        (districts[i]?.[0] as string) ?? null,
        (repDistricts[i]?.[0] as string) ?? null,
        (hours[i]?.[0] as number) ?? null,
        names[i] ?? null,
        names[i] ? `=COUNTIFS(B1:B${n},E${i + 1})` : null,
        names[i] ? `=SUMIFS(D1:D${n},C1:C${n},E${i + 1})/(37*52)` : null,
      ]);
    }
    const hf = HyperFormula.buildFromArray(sheet, { licenseKey: "gpl-v3" });
    names.forEach((d, i) => {
      // within one district return every ID is one partnership: a row count is the distinct count
      expect(hf.getCellValue({ sheet: 0, row: i, col: 5 })).toBe(h.perDistrictCounts[d]);
      expect(hf.getCellValue({ sheet: 0, row: i, col: 6 }) as number).toBeCloseTo(
        h.fteByDistrict?.[d] ?? NaN,
        10,
      );
    });
    hf.destroy();
  });
});

describe("compareRounds", () => {
  it("new, continuing and ended by distinct ID, and the change in FTE and leadership ratio", () => {
    const prev = readReturn(
      grid({
        Partnerships: [GOOD_PARTNERSHIP, { ...GOOD_PARTNERSHIP, partnershipId: "P-0002", ourRole: "Active" }],
      }),
      "prev.xlsx",
    );
    const cur = readReturn(
      grid({
        Partnerships: [
          { ...GOOD_PARTNERSHIP, partnershipId: " p-0001" },
          { ...GOOD_PARTNERSHIP, partnershipId: "P-0003", ourRole: "Key" },
        ],
        Representation: [{ ...GOOD_REPRESENTATION, annualHours: 60, meetingsPerYear: 20 }],
      }),
      "cur.xlsx",
    );
    const c = compareRounds([prev], [cur]);
    expect(c).toMatchObject({
      new: 1,
      continuing: 1,
      ended: 1,
      newIds: ["P-0003"],
      continuingIds: ["p-0001"],
      endedIds: ["P-0002"],
    });
    expect(c.fteChange).toBeCloseTo(30 / 1924, 12);
    expect(c.leadershipRatioChange).toBeCloseTo(0.5, 12);
    expect(c.previous.partnerships).toBe(2);
  });
});

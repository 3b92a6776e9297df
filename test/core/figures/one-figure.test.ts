/**
 * Each figure is computed once: on the demo region, `summary --json` (computeHeadlines), the
 * Summary sheet's cached values (summaryValues) and the report (buildReportInput) give the same
 * numbers for every figure they share.
 */
import { appendsToReturn, applyPlan, planConsolidation } from "../../../src/core/consolidation/consolidate";
import { demoReturns } from "../../../src/core/demo/demo-data";
import { computeHeadlines } from "../../../src/core/figures/headlines";
import { buildReportInput } from "../../../src/core/report/model";
import { summaryValues } from "../../../src/core/workbook/spec";
import type { AuditReturn, CellValue } from "../../../src/core/model/workbook-data";

const returns: AuditReturn[] = demoReturns().map((r) =>
  appendsToReturn(r.file, r.settings, r.tables, r.gradeCosts),
);
const json = computeHeadlines(returns);
const summary = summaryValues(returns);
const report = buildReportInput({ returns, findings: new Map(), madeOn: "2026-12-05" });

/** A block's rows as [label, numbers…]. */
const rows = (key: string): (readonly CellValue[])[] => [...(summary.blocks[key] ?? [])];
const asRecord = (key: string, at = 1): Record<string, CellValue> =>
  Object.fromEntries(rows(key).map((r) => [String(r[0]), r[at]]));
const nonZero = (r: Record<string, number | null>): Record<string, number | null> =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));

test("the demo region has data in every block compared", () => {
  expect(json.partnerships).toBeGreaterThan(20);
  expect(json.cost).toBeGreaterThan(0);
  for (const key of ["byDistrict", "byLevel", "byType", "fteByDistrict"])
    expect(rows(key).length).toBeGreaterThan(1);
});

test("headlines: partnerships, districts, per district, leadership ratio, FTE, cost", () => {
  for (const key of ["partnerships", "districts", "perDistrict", "leadershipRatio", "fte", "cost"] as const) {
    expect({ key, summary: summary.figures[key] }).toEqual({ key, summary: json[key] });
    expect({ key, report: report.headlines[key] }).toEqual({ key, report: json[key] });
  }
});

test("by district: partnerships and leadership ratio", () => {
  expect(asRecord("byDistrict", 1)).toEqual(json.perDistrictCounts);
  expect(asRecord("byDistrict", 2)).toEqual(json.leadershipByDistrict);
  expect(Object.fromEntries(report.byDistrict.map((d) => [d.district, d.partnerships]))).toEqual(
    json.perDistrictCounts,
  );
  expect(Object.fromEntries(report.byDistrict.map((d) => [d.district, d.leadershipRatio]))).toEqual(
    json.leadershipByDistrict,
  );
});

test("by level and by type (the Summary lists every label of the list, with 0 where none)", () => {
  expect(nonZero(asRecord("byLevel") as Record<string, number>)).toEqual(nonZero(json.byLevel));
  expect(nonZero(asRecord("byType") as Record<string, number>)).toEqual(nonZero(json.byType));
  expect(nonZero(Object.fromEntries(report.byLevel))).toEqual(nonZero(json.byLevel));
  expect(nonZero(Object.fromEntries(report.byType))).toEqual(nonZero(json.byType));
});

test("FTE by district", () => {
  expect(asRecord("fteByDistrict")).toEqual(json.fteByDistrict);
  expect(Object.fromEntries(report.fteByDistrict)).toEqual(json.fteByDistrict);
});

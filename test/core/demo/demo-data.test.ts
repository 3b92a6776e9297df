/**
 * The demo's previous round and its return with mistakes (src/core/demo/demo-data.ts): the
 * previous round differs from this one in the ways a region's rounds do and compares with it, and
 * the return with mistakes has exactly the findings it is made for.
 */
import { appendsToReturn } from "../../../src/core/consolidation/consolidate";
import {
  DEMO_MISTAKES_DISTRICT,
  DEMO_PREVIOUS_ROUND,
  DEMO_REGION,
  DEMO_ROUND,
  demoDistrict,
  demoPreviousReturns,
  demoReturns,
  demoReturnWithMistakes,
  demoSurveyResponses,
  type DemoReturn,
} from "../../../src/core/demo/demo-data";
import { mapHeaders, parseCsv, planSurveyImport } from "../../../src/core/survey";
import { compareRounds } from "../../../src/core/figures/compare";
import { checkReturn } from "../../../src/core/returns/checks";
import type { AuditReturn } from "../../../src/core/model/workbook-data";

const asReturn = (r: DemoReturn): AuditReturn => appendsToReturn(r.file, r.settings, r.tables);

/** Each Partnerships row of a return as an object by column key. */
function partnerships(r: DemoReturn): Record<string, unknown>[] {
  const t = r.tables.find((x) => x.table === "Partnerships");
  if (!t) return [];
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i]])));
}

const ids = (list: readonly DemoReturn[]): Set<string> =>
  new Set(list.flatMap((r) => partnerships(r).map((p) => String(p.partnershipId))));

const current = demoReturns();
const previous = demoPreviousReturns();

describe("the demo's previous round", () => {
  it("is the same region's 11 districts, one round earlier", () => {
    expect(previous.map((r) => r.file)).toEqual(current.map((r) => r.file));
    for (const [i, r] of previous.entries()) {
      expect(r.settings).toEqual({ ...current[i].settings, auditRound: DEMO_PREVIOUS_ROUND });
      expect(r.settings.region).toBe(DEMO_REGION);
    }
    expect(DEMO_PREVIOUS_ROUND < DEMO_ROUND).toBe(true);
  });

  it("checks clean, as the demo's returns of this round do", () => {
    for (const r of previous)
      expect(checkReturn(asReturn(r)).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("differs: some partnerships joined since, some ended, roles and hours changed; compare says so", () => {
    const before = ids(previous);
    const now = ids(current);
    const joined = [...now].filter((id) => !before.has(id)).sort();
    const ended = [...before].filter((id) => !now.has(id)).sort();
    expect(joined.length).toBeGreaterThanOrEqual(2);
    expect(ended.length).toBeGreaterThanOrEqual(2);
    const c = compareRounds(previous.map(asReturn), current.map(asReturn));
    expect(c.newIds).toEqual(joined);
    expect(c.endedIds).toEqual(ended);
    expect(c.continuing).toBe(now.size - joined.length);
    expect(c.continuing).toBeGreaterThan(joined.length + ended.length);
    expect(c.fteChange).not.toBe(0);
    expect(c.fteChange).not.toBeNull();
    const roles = (list: readonly DemoReturn[]): Map<string, unknown> =>
      new Map(
        list.flatMap((r) => partnerships(r).map((p) => [`${r.file} ${String(p.partnershipId)}`, p.ourRole])),
      );
    const rolesBefore = roles(previous);
    const changed = [...roles(current)].filter(([k, v]) => rolesBefore.has(k) && rolesBefore.get(k) !== v);
    expect(changed.length).toBeGreaterThan(0);
  });

  it("a continuing partnership keeps its name, level, type and year of joining", () => {
    const key = (r: DemoReturn, p: Record<string, unknown>): string => `${r.file} ${String(p.partnershipId)}`;
    const now = new Map(current.flatMap((r) => partnerships(r).map((p) => [key(r, p), p])));
    let continuing = 0;
    for (const r of previous)
      for (const p of partnerships(r)) {
        const c = now.get(key(r, p));
        if (!c) continue;
        continuing++;
        for (const k of ["partnership", "level", "type", "involvedSince", "leadOrganisation"])
          expect([k, p[k]]).toEqual([k, c[k]]);
      }
    expect(continuing).toBeGreaterThan(0);
  });

  it("leaves this round's returns as they are, and is the same every time", () => {
    expect(demoPreviousReturns()).toEqual(previous);
    expect(demoReturns()).toEqual(current);
    expect(demoPreviousReturns(7)).not.toEqual(previous);
  });
});

describe("the demo's return with mistakes", () => {
  const { demo, mistakes } = demoReturnWithMistakes();

  it("is this round's return of a twelfth district, so that it never passes for one of the 11", () => {
    expect(demo.settings).toMatchObject({
      region: DEMO_REGION,
      district: DEMO_MISTAKES_DISTRICT,
      auditRound: DEMO_ROUND,
    });
    expect(current.map((r) => r.settings.district)).not.toContain(DEMO_MISTAKES_DISTRICT);
    expect(ids(current).has("P-1201")).toBe(false);
  });

  it("has exactly the intended findings, all errors, each where its mistake is", () => {
    const findings = checkReturn(asReturn(demo));
    expect(findings.map((f) => [f.severity, f.sheet, f.row, f.column])).toEqual(
      mistakes.map((m) => ["error", m.sheet, m.row, m.column]),
    );
  });

  it.each([
    // what the finding at each mistake says
    ["Our role", /^"(Leadng|Acitve)" is not a role; use Leading, Key, Active or Limited$/],
    ["Partnership ID", /^"P-1202" is on rows 3 and 6; give each partnership its own ID/],
    [
      "Other hours per month",
      /^"1,200" is not a number; 1,200 is more than 744; type a number from 0 to 744$/,
    ],
    ["Partnership ID", /^"P-1205" is not a Partnership ID on the Partnerships sheet/],
  ])("a finding in %s: %p", (column, message) => {
    const found = checkReturn(asReturn(demo)).filter((f) => f.column === column && message.test(f.message));
    expect(found).toHaveLength(1);
  });

  it("without its mistakes the same district checks clean", () => {
    const clean = demoDistrict({ district: DEMO_MISTAKES_DISTRICT, seed: 2026 * 100 + 12, local: 4 });
    expect(checkReturn(asReturn(clean))).toEqual([]);
  });
});

describe("the demo's partner survey responses", () => {
  const ret = current[0];
  const { csv, outOfScale } = demoSurveyResponses(ret);
  const [headers, ...rows] = parseCsv(csv);

  it("map to the Partner survey by the questionnaire's questions, every required field found", () => {
    const mapped = mapHeaders(headers);
    expect(mapped.missingRequired).toEqual([]);
    expect(mapped.notes).toEqual([]);
  });

  it("add one row a partnership of the return, with exactly the one answer out of scale as a finding", () => {
    const mapped = mapHeaders(headers);
    const plan = planSurveyImport({
      table: { headers, rows },
      mapping: mapped.mapping,
      workbook: asReturn(ret),
    });
    const ids = [...new Set(partnerships(ret).map((p) => String(p.partnershipId)))];
    expect(plan.responses).toBe(ids.length);
    expect(plan.rows.map((r) => r.values.partnershipId)).toEqual(ids);
    expect(plan.notImported).toBe(0);
    expect(outOfScale).toBeDefined();
    expect(plan.findings.map((f) => [f.row, f.column])).toEqual([[outOfScale?.row, outOfScale?.header]]);
  });
});

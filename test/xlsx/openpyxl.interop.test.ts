/**
 * An independent reader of what the tool writes: Python's openpyxl (Debian python3-openpyxl, which
 * .ci/run installs). It opens the regional workbook the tool writes from the demo returns (so every
 * part is well-formed XML it accepts), reads the Summary's cached values (what an Excel without the
 * add-in shows) and its formulas (stored in Excel's `_xldudf_` form), and the GradeCosts table.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { appendsToReturn, applyPlan, planConsolidation } from "../../src/core/consolidation/consolidate";
import { DEMO_GRADE_COSTS, demoDirectory, demoReturns } from "../../src/core/demo/demo-data";
import { writeAuditWorkbook } from "../../src/xlsx/write";

const PYTHON = "/usr/bin/python3";

const SCRIPT = `
import json, sys, openpyxl
path = sys.argv[1]
values = openpyxl.load_workbook(path, data_only=True)
formulas = openpyxl.load_workbook(path)
s = values["Summary"]
f = formulas["Summary"]
out = {
  "sheets": values.sheetnames,
  "labels": [s.cell(r, 1).value for r in range(5, 15)],
  "figures": [s.cell(r, 2).value for r in range(5, 15)],
  "byDistrictFirst": [s.cell(6, c).value for c in range(5, 8)],
  "formulaB5": f["B5"].value,
  "tables": sorted(k for ws in formulas.worksheets for k in ws.tables.keys()),
  "costs": [[formulas["Settings"].cell(r, 5).value, formulas["Settings"].cell(r, 6).value] for r in range(2, 9)],
}
print(json.dumps(out))
`;

describe("openpyxl reads the regional workbook the tool writes", () => {
  it("well-formed, with the Summary's cached figures and Excel's stored form of AUDIT calls", async () => {
    const probe = spawnSync(PYTHON, ["-c", "import openpyxl"], { encoding: "utf8" });
    if (probe.status !== 0)
      throw new Error(
        "python3-openpyxl is needed for this test (.ci/run installs it: apt-get install python3-openpyxl)",
      );
    const demo = demoReturns();
    const returns = demo.map((r) => appendsToReturn(r.file, r.settings, r.tables, r.gradeCosts));
    const plan = planConsolidation([], returns);
    const bytes = await writeAuditWorkbook(
      {
        settings: { region: "North West", district: "", auditRound: "2026-Q4" },
        tables: applyPlan(undefined, plan),
        directory: demoDirectory(),
        gradeCosts: plan.gradeCosts,
      },
      { deflateRaw: (d) => deflateRawSync(d) },
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pa-openpyxl-")), "regional.xlsx");
    writeFileSync(file, bytes);
    const r = spawnSync(PYTHON, ["-c", SCRIPT, file], { encoding: "utf8", timeout: 60000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.sheets).toEqual([
      "Guide",
      "Settings",
      "Partnerships",
      "Representation",
      "Partner survey",
      "Members",
      "Summary",
      "Lists",
    ]);
    expect(out.labels[0]).toBe("Partnerships (distinct IDs)");
    expect(out.figures.slice(0, 2)).toEqual([46, 11]);
    expect(out.figures[2]).toBeCloseTo(51 / 11, 12);
    expect(out.figures[4]).toBeCloseTo(12 / 23, 12);
    expect(out.figures[6]).toBe(816878);
    expect(out.byDistrictFirst).toEqual(["D01", 5, 0.6]);
    expect(out.formulaB5).toBe("=_xldudf_AUDIT_PARTNERSHIPS(Partnerships[Partnership ID])");
    expect(out.tables).toEqual(["GradeCosts", "Members", "PartnerSurvey", "Partnerships", "Representation"]);
    expect(out.costs).toEqual(DEMO_GRADE_COSTS.map((g) => [g.grade, g.cost]));
  });
});

/**
 * The pane's import, planned without Excel (src/core/consolidation/import-plan.ts): keys, rows in
 * a table's own column order, payload batches, GradeCosts as read and the rows it gets.
 */
import {
  calculatedColumns,
  gradeCostRowsToAdd,
  jsonBytes,
  payloadBatches,
  regionalGradeCosts,
  regionalKeys,
  rowsForTable,
} from "../../../src/core/consolidation/import-plan";

test("regionalKeys: blank District or round cells take the Settings values; rows with no district hold no return", () => {
  const keys = regionalKeys({
    tables: {
      Partnerships: {
        keys: [
          { district: "", auditRound: "" },
          { district: "D02", auditRound: "2026-Q4" },
        ],
      },
      Representation: { keys: [{ district: "D01", auditRound: "" }] },
    },
    defaults: { district: "D01", auditRound: "2026-Q4" },
  });
  expect(keys).toEqual([
    { district: "D01", auditRound: "2026-Q4" },
    { district: "D02", auditRound: "2026-Q4" },
  ]);
  expect(
    regionalKeys({ tables: { Partnerships: { keys: [{ district: "", auditRound: "R" }] } }, defaults: {} }),
  ).toEqual([]);
});

test("rowsForTable: the table's own column order, calculated columns left empty, text that Excel would convert made inert", () => {
  const rows = rowsForTable(
    {
      table: "Representation",
      columns: ["partnershipId", "meetingsPerYear", "grade"],
      rows: [["P-1", 12, "=1+1"]],
    },
    ["Grade", "Annual hours", "Partnership ID", "Meetings per year"],
  );
  expect(rows).toEqual([["'=1+1", "", "P-1", 12]]);
  expect(calculatedColumns("Representation", ["Grade", "Annual hours"])).toEqual([
    { index: 1, formula: expect.stringContaining("Meetings per year") },
  ]);
});

test("payloadBatches keeps every batch under the budget, the first sharing its sync with bytes already used", () => {
  const rows = Array.from({ length: 100 }, (_, i) => ["x".repeat(50), i]);
  const budget = 1000;
  const batches = payloadBatches(rows, budget, 400);
  expect(batches.flat()).toEqual(rows);
  expect(jsonBytes(batches[0])).toBeLessThanOrEqual(budget - 400);
  for (const b of batches.slice(1)) expect(jsonBytes(b)).toBeLessThanOrEqual(budget);
  expect(jsonBytes("é€😀")).toBe(2 + 2 + 3 + 4);
});

test("GradeCosts as read: its columns found by header, the placeholder row recognised; new rows in its column order", () => {
  const table = regionalGradeCosts("Settings", [["Hourly cost", " grade "]], [["", ""]]);
  expect(table).toMatchObject({ gradeIndex: 1, costIndex: 0, placeholder: true });
  expect(gradeCostRowsToAdd(table, [{ grade: "+Grade 7", cost: 45 }])).toEqual([[45, "'+Grade 7"]]);
  expect(regionalGradeCosts("Settings", [["Grade"]], [])).toMatchObject({ gradeIndex: 0, costIndex: -1 });
});

import { appendsToReturn } from "../../src/core/consolidate";
import { blockOfChart, summaryChartSizes } from "../../src/core/summary-charts";
import { SUMMARY_LAYOUT } from "../../src/core/summary-layout";

const chart = (name: string) => {
  const c = SUMMARY_LAYOUT.charts.find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c;
};

describe("the Summary charts and their blocks", () => {
  test.each([
    ["LeadershipByDistrict", "byDistrict"],
    ["FteByDistrict", "fteByDistrict"],
    ["Barriers", "barriers"],
  ])("%s draws the %s block", (name, block) => {
    expect(blockOfChart(chart(name)).key).toBe(block);
  });

  test("no data: one row for the district charts, the six listed barriers; then exactly the data's rows", () => {
    const none = appendsToReturn("", {}, []);
    expect(summaryChartSizes([none]).map((s) => [s.chart.name, s.rows, s.categories, s.values])).toEqual([
      ["LeadershipByDistrict", 0, "E6", "G6"],
      ["FteByDistrict", 0, "I6", "J6"],
      // AUDIT.BREAKDOWN with the Lists order shows every listed barrier, even with 0
      ["Barriers", 6, "U6:U11", "V6:V11"],
    ]);
    const three = appendsToReturn("", { hoursPerWeek: 37, weeksPerYear: 52 }, [
      {
        table: "Partnerships",
        columns: ["partnershipId", "district", "barriers"],
        rows: [
          ["P-1", "D02", "Lack of clarity on roles"],
          ["P-2", "D01", null],
          ["P-3", "D03", null],
          ["P-4", "D01", "My own barrier"],
        ],
      },
      {
        table: "Representation",
        columns: ["partnershipId", "district", "annualHours"],
        rows: [
          ["P-1", "D02", 10],
          ["P-2", "D01", 20],
        ],
      },
    ]);
    const sizes = summaryChartSizes([three]);
    expect(sizes.map((s) => [s.chart.name, s.categories, s.values])).toEqual([
      ["LeadershipByDistrict", "E6:E8", "G6:G8"],
      ["FteByDistrict", "I6:I7", "J6:J7"],
      // the six listed barriers, then the two typed outside the list
      ["Barriers", "U6:U13", "V6:V13"],
    ]);
  });
});

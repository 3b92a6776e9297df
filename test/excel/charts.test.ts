/**
 * The Summary charts against Excel's real behaviour (test/fakes/charts.ts): a chart made over blank
 * or uncalculated cells has no series. Set-up must not fail on that, must never add a chart twice,
 * and an interrupted set-up is completed by the next run; after set-up, an Overview refresh or an
 * import, each chart shows exactly the rows its block holds.
 */
import { LISTS } from "../../src/core/model/blueprint";
import { createExcelOperations } from "../../src/excel/operations";
import { applySetup } from "../../src/excel/setup";
import { createClientExcel, type ClientExcel } from "../excel-host";
import { PARTNERSHIPS, REPRESENTATION, partnership, representation, typeRows } from "./fixtures";

const CHARTS = ["LeadershipByDistrict", "FteByDistrict", "Barriers", "HoursByPartnership"];

function charts(fake: ClientExcel) {
  return fake.state.sheet("Summary")?.charts ?? [];
}

function series(fake: ClientExcel, name: string) {
  const c = charts(fake).find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c.series.map((s) => ({ name: s.name, values: s.values, xValues: s.xValues }));
}

describe("set-up and the Summary charts", () => {
  it("adds each chart once over blank sources, without failing", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    const result = await fake.run((ctx) => applySetup(ctx));
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(charts(fake).map((c) => c.name)).toEqual(CHARTS);
    const again = await fake.run((ctx) => applySetup(ctx));
    expect(again.ok).toBe(true);
    expect(charts(fake).map((c) => c.name)).toEqual(CHARTS);
  });

  it("a set-up interrupted half way is completed by the next run, no chart twice", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    fake.failOnce(/chart title Staff time/, "GeneralException", "Excel was busy.");
    const first = await fake.run((ctx) => applySetup(ctx));
    expect(first.ok).toBe(false);
    expect(first.error).toMatch(/Excel was busy/);
    const second = await fake.run((ctx) => applySetup(ctx));
    expect(second.error).toBeUndefined();
    expect(second.ok).toBe(true);
    expect(charts(fake).map((c) => c.name)).toEqual(CHARTS);
    expect(fake.state.names.some((n) => n.name === "SchemaVersion")).toBe(true);
    // the chart whose title was not written gets it when the charts are sized after set-up
    await createExcelOperations(fake.excelRun).fitSummaryCharts();
    expect(charts(fake).map((c) => c.title)).toEqual([
      "Leadership ratio by district",
      "Staff time (FTE) by district",
      "Barriers to partnership working",
      "Annual hours by partnership",
    ]);
  });
});

describe("charts sized to their blocks", () => {
  async function setUp(): Promise<ClientExcel> {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    const ops = createExcelOperations(fake.excelRun);
    expect((await ops.applySetup({})).ok).toBe(true);
    return fake;
  }

  it("after set-up on an empty workbook: one series each, over one row", async () => {
    const fake = await setUp();
    await createExcelOperations(fake.excelRun).fitSummaryCharts();
    expect(series(fake, "LeadershipByDistrict")).toEqual([
      { name: "Leadership ratio", values: "Summary!G6", xValues: "Summary!E6" },
    ]);
    expect(series(fake, "FteByDistrict")).toEqual([
      { name: "FTE", values: "Summary!J6", xValues: "Summary!I6" },
    ]);
  });

  it("after an Overview refresh: exactly the rows of each block, in 3 syncs; refreshing again adds nothing", async () => {
    const fake = await setUp();
    typeRows(fake, PARTNERSHIPS, [
      partnership(1, { district: "D01", barriers: "Pressure on key staff time" }),
      partnership(2, { district: "D02" }),
      partnership(3, { district: "D03" }),
      partnership(4, { district: "D01" }),
    ]);
    typeRows(fake, REPRESENTATION, [
      representation(1, { district: "D01" }),
      representation(2, { district: "D02" }),
    ]);
    const ops = createExcelOperations(fake.excelRun);
    const before = fake.recorder.syncCount;
    await ops.readHeadlines();
    expect(fake.recorder.syncCount - before).toBeLessThanOrEqual(3);
    expect(series(fake, "LeadershipByDistrict")).toEqual([
      { name: "Leadership ratio", values: "Summary!G6:G8", xValues: "Summary!E6:E8" },
    ]);
    expect(series(fake, "FteByDistrict")).toEqual([
      { name: "FTE", values: "Summary!J6:J7", xValues: "Summary!I6:I7" },
    ]);
    const barriers = LISTS.find((l) => l.key === "barriers")?.values.length ?? 0;
    expect(series(fake, "Barriers")).toEqual([
      { name: "Partnerships", values: `Summary!V6:V${5 + barriers}`, xValues: `Summary!U6:U${5 + barriers}` },
    ]);
    await ops.readHeadlines();
    expect(charts(fake).map((c) => c.series.length)).toEqual([1, 1, 1, 1]);
  });

  it("a chart left with two series (an older set-up) is mended to one", async () => {
    const fake = await setUp();
    const chart = charts(fake).find((c) => c.name === "FteByDistrict");
    if (!chart) throw new Error("no chart");
    chart.series = [
      { name: "Series1", values: "Summary!J6:J45", xValues: "" },
      { name: "Series2", values: "Summary!J6:J45", xValues: "" },
    ];
    await createExcelOperations(fake.excelRun).fitSummaryCharts();
    expect(series(fake, "FteByDistrict")).toEqual([
      { name: "FTE", values: "Summary!J6", xValues: "Summary!I6" },
    ]);
  });

  it("a workbook without a Summary sheet: nothing to size, no error", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    await expect(createExcelOperations(fake.excelRun).fitSummaryCharts()).resolves.toBeDefined();
  });
});

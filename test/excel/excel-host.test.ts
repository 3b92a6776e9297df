import { checkWorkbook } from "../../src/excel/check";
import { readRegional } from "../../src/excel/import";
import { applySetup } from "../../src/excel/setup";
import { createClientExcel } from "../excel-host";

describe("the in-memory Excel, through Microsoft's client, behaves like Excel where the tests rely on it", () => {
  it("queues writes until sync, counts syncs and measures each sync's payload", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Data" }] });
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B2");
      r.values = [
        ["a", 1],
        ["b", 2],
      ];
      expect(fake.values("Data", "A1")).toEqual([[""]]);
      await ctx.sync();
      expect(fake.values("Data", "A1:B2")).toEqual([
        ["a", 1],
        ["b", 2],
      ]);
    });
    expect(fake.recorder.syncCount).toBe(1);
    expect(fake.recorder.syncs[0].payload).toBe(
      JSON.stringify([
        ["a", 1],
        ["b", 2],
      ]).length,
    );
  });

  it("refuses a property that was not loaded, and isNullObject before a sync", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Data", rows: [[1]] }] });
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1").load("values");
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([[1]]);
      expect(() => r.formulas).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      missing.load("name");
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
    });
  });

  it("fails a sync on getItem of something missing and on a write to a protected sheet", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Locked", protected: true }] });
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Nope").getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Locked").getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it("reads back what was written; = makes a formula, an apostrophe keeps text", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Data" }] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A1:E1").values = [
        ["=1+1", "'=1+1", "0012", "'0012", "TRUE"],
      ];
      const r = ctx.workbook.worksheets
        .getItem("Data")
        .getRange("Data!$A$1:$E$1")
        .load("values,formulas,address");
      await ctx.sync();
      expect(r.values).toEqual([["", "=1+1", 12, "0012", true]]);
      expect(r.formulas).toEqual([["=1+1", "=1+1", 12, "0012", true]]);
      expect(r.address).toBe("Data!A1:E1");
    });
  });

  it("tables: a header-only range gets one body row, which rows.add fills first; cells below move down", async () => {
    const fake = createClientExcel({
      sheets: [{ name: "T", rows: [["H1", "H2"], [], [], ["below", "too"]] }],
    });
    await fake.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("T").tables.add("A1:B1", true);
      t.name = "Things";
      await ctx.sync();
      const body = ctx.workbook.tables.getItem("Things").getDataBodyRange().load("address");
      await ctx.sync();
      expect(body.address).toBe("T!A2:B2");
      ctx.workbook.tables.getItem("Things").rows.add(undefined, [
        ["x", 1],
        ["y", 2],
        ["z", 3],
      ]);
      await ctx.sync();
    });
    // Microsoft's sample: a table over A1:D1 plus seven rows.add rows has seven rows of data
    expect(fake.grid("T")).toEqual([
      ["H1", "H2"],
      ["x", 1],
      ["y", 2],
      ["z", 3],
      ["", ""],
      ["below", "too"],
    ]);
    expect(fake.state.table("Things")?.r1).toBe(3);
  });

  it("Excel's limits on input messages are enforced", async () => {
    const fake = createClientExcel({ sheets: [{ name: "D" }] });
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("D").getRange("A1").dataValidation.prompt = {
          showPrompt: true,
          title: "x".repeat(33),
          message: "m",
        };
        await ctx.sync();
      }),
    ).rejects.toThrow(/longer than 32/);
  });

  it("a null object can be loaded; anything reached through it fails the sync", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Data" }] });
    await fake.run(async (ctx) => {
      const table = ctx.workbook.tables.getItemOrNullObject("Nope").load("name");
      await ctx.sync();
      expect(table.isNullObject).toBe(true);
      table.getHeaderRowRange().load("values");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidObjectPath" });
      const name = ctx.workbook.names.getItemOrNullObject("Nope");
      name.getRange().load("values");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidObjectPath" });
      const used = ctx.workbook.worksheets.getItem("Data").getUsedRangeOrNullObject(true);
      used.getMergedAreasOrNullObject().load("address");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidObjectPath" });
    });
  });

  it("a response over 5 MB (bytes, strings measured) fails and loads nothing; a request over 5 MB is refused", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Data" }] });
    const big = "é".repeat(1_300_000); // 2.6 MB of UTF-8 per cell
    fake.state.sheet("Data")?.setRaw(0, 0, big);
    fake.state.sheet("Data")?.setRaw(1, 0, big);
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:A2").load("values");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
      expect(() => r.values).toThrow(/not available/);
      const one = ctx.workbook.worksheets.getItem("Data").getRange("A1").load("values");
      await ctx.sync();
      expect(one.values[0][0]).toBe(big);
      ctx.workbook.worksheets.getItem("Data").getRange("B1:B2").values = [[big], [big]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(fake.values("Data", "B1")).toEqual([[""]]);
    expect(fake.recorder.syncs.map((s) => s.responseBytes > 5_000_000)).toEqual([true, false, false]);
  });

  it("a filtered table refuses row deletion (office-js issue 994) until its filter is cleared", async () => {
    const fake = createClientExcel({
      sheets: [
        {
          name: "T",
          rows: [
            ["Name", "Level"],
            ["a", "Local"],
            ["b", "Regional"],
          ],
          tables: [{ name: "Things", address: "A1:B3", filter: { 1: ["Local"] } }],
        },
      ],
    });
    await fake.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("Things");
      t.rows.getItemAt(1).delete();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InsertDeleteConflict" });
      t.getDataBodyRange().getRow(0).delete("Up");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InsertDeleteConflict" });
      const criteria = t.columns.getItemAt(1).filter.load("criteria");
      await ctx.sync();
      // every property of FilterCriteria, those not set null (office-js issue 1226) …
      expect(criteria.criteria).toEqual({
        color: null,
        criterion1: null,
        criterion2: null,
        dynamicCriteria: null,
        filterOn: "Values",
        icon: null,
        operator: null,
        subField: null,
        values: ["Local"],
      });
      // … which apply() refuses as they are
      t.columns.getItemAt(1).filter.apply(criteria.criteria);
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      t.clearFilters();
      t.getDataBodyRange().getRow(0).delete("Up");
      t.columns.getItemAt(1).filter.apply({ filterOn: "Values", values: ["Local"] });
      await ctx.sync();
    });
    expect(fake.grid("T")).toEqual([
      ["Name", "Level"],
      ["b", "Regional"],
    ]);
    expect(fake.state.table("Things")?.filters.get(1)).toEqual({ filterOn: "Values", values: ["Local"] });
  });

  it("a chart over blank cells has no series; series.add gives one explicitly", async () => {
    const fake = createClientExcel({
      sheets: [
        {
          name: "S",
          rows: [
            [null, null],
            ["a", 1],
          ],
        },
      ],
    });
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("S");
      const empty = sheet.charts.add("ColumnClustered", sheet.getRange("D1:D5"), "Columns");
      empty.name = "Empty";
      empty.series.getItemAt(0).name = "x";
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      // the object a method made is valid in its own request only (Microsoft's client refuses it
      // after the sync): the chart is found again by name, as src/excel/charts.ts does
      expect(() => empty.series.add("Made")).toThrow(/isn't working/);
      const s = sheet.charts.getItem("Empty").series.add("Made");
      s.setValues(sheet.getRange("B2"));
      s.setXAxisValues(sheet.getRange("A2"));
      sheet.charts.add("ColumnClustered", sheet.getRange("B1:B2"), "Columns");
      await ctx.sync();
    });
    const charts = fake.state.sheet("S")?.charts ?? [];
    // the first batch failed after adding the chart: it stayed, with no series until one was added
    expect(charts.map((c) => c.series)).toEqual([
      [{ name: "Made", values: "S!B2", xValues: "S!A2" }],
      [{ name: "Series1", values: "S!B1:B2", xValues: "" }],
    ]);
  });

  it("an Excel without a requirement set refuses its members with ApiNotFound", async () => {
    const fake = createClientExcel({ sheets: [{ name: "S" }], requirementSets: { ExcelApi: "1.12" } });
    expect(fake.isSetSupported("ExcelApi", "1.12")).toBe(true);
    expect(fake.isSetSupported("ExcelApi", "1.13")).toBe(false);
    expect(fake.isSetSupported("CustomFunctionsRuntime", "1.3")).toBe(true);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:B2").getMergedAreasOrNullObject().load("address");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    });
  });

  it("speaks the client's protocol: one request per sync, kept references across syncs, the clean-up not counted", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Data", rows: [[1, 2]] }] });
    const bodies: string[] = [];
    fake.server.log = (text) => bodies.push(text);
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B1").load("values");
      await ctx.sync();
      // the same Range object in a later request: sent as the reference Excel gave it
      r.values = [[r.values[0][1], r.values[0][0]]];
      await ctx.sync();
    });
    expect(fake.values("Data", "A1:B1")).toEqual([[2, 1]]);
    expect(fake.requests()).toHaveLength(2);
    expect(fake.recorder.syncCount).toBe(2);
    // the third request is the client's own: it drops the references at the end of Excel.run
    expect(bodies).toHaveLength(3);
    expect(bodies[1]).toMatch(/"ObjectPathType":6/);
    expect(bodies[2]).toMatch(/_RemoveReference/);
    for (const [i, r] of fake.requests().entries())
      expect(r.requestBytes).toBe(new TextEncoder().encode(bodies[i]).length);
  });

  it("Excel for Windows' client (excel-win32-16.01.debug.js) speaks the same protocol: set-up, check and import's read pass", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] }, "win32");
    const setUp = await fake.run((ctx) => applySetup(ctx));
    expect(setUp.error).toBeUndefined();
    expect(fake.requests().length).toBeLessThanOrEqual(4);
    const checked = await fake.run((ctx) =>
      checkWorkbook(ctx, { markCells: true }, { yieldToEventLoop: () => Promise.resolve() }),
    );
    expect(checked.marksError).toBeUndefined();
    const regional = await fake.run((ctx) => readRegional(ctx));
    expect(Object.keys(regional.tables).sort()).toEqual(
      ["PartnerSurvey", "Partnerships", "Representation"].sort(),
    );
  });
});

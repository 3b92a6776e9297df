import { asExcelContext, createFakeExcel } from "../fakes/excel-fake";

describe("the recording fake behaves like Office.js where the tests rely on it", () => {
  it("queues writes until sync, counts syncs and measures each sync's payload", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Data" }] });
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
    const fake = createFakeExcel({ sheets: [{ name: "Data", rows: [[1]] }] });
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1").load("values");
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([[1]]);
      expect(() => r.formulas).toThrow(/'formulas' of Range is not available/);
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      missing.load("name");
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
    });
  });

  it("fails a sync on getItem of something missing and on a write to a protected sheet", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Locked", protected: true }] });
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
    const fake = createFakeExcel({ sheets: [{ name: "Data" }] });
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

  it("tables: a header-only range gets one body row; rows.add moves cells below the table down", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "T", rows: [["H1", "H2"], [], [], ["below", "too"]] }] });
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
    expect(fake.grid("T")).toEqual([
      ["H1", "H2"],
      ["", ""],
      ["x", 1],
      ["y", 2],
      ["z", 3],
      ["", ""],
      ["below", "too"],
    ]);
  });

  it("Excel's limits on input messages are enforced", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "D" }] });
    await expect(
      fake.run(async (ctx) => {
        asExcelContext(ctx).workbook.worksheets.getItem("D").getRange("A1").dataValidation.prompt = {
          showPrompt: true,
          title: "x".repeat(33),
          message: "m",
        };
        await ctx.sync();
      }),
    ).rejects.toThrow(/longer than 32/);
  });
});

import { SHEETS } from "../../src/core/model/blueprint";
import { MARK_FILL, MARKS_SETTING, MAX_MARKS, checkWorkbook, clearMarks } from "../../src/excel/check";
import { readHeadlines } from "../../src/excel/headlines";
import { readWorkbookGrid } from "../../src/excel/read-tables";
import { selectCell } from "../../src/excel/select";
import { readSettings, writeSettings } from "../../src/excel/settings";
import { PAYLOAD_LIMIT_BYTES, createClientExcel } from "../excel-host";
import {
  PARTNERSHIPS,
  REPRESENTATION,
  partnership,
  representation,
  setUpWorkbook,
  typeRows,
} from "./fixtures";

const noWait = () => Promise.resolve();

/** A district's return: its Settings filled in. */
const SETTINGS = {
  region: "North",
  district: "Anytown",
  auditRound: "2026-Q4",
  hoursPerWeek: 37,
  weeksPerYear: 52,
};

describe("check", () => {
  it("finds a value outside a list, marks its cell, within 3 syncs", async () => {
    const fake = await setUpWorkbook(SETTINGS);
    typeRows(fake, PARTNERSHIPS, [partnership(1), partnership(2, { ourRole: "Boss" }), partnership(3)]);
    typeRows(fake, REPRESENTATION, [representation(1)]);
    const progress: number[] = [];
    const result = await fake.run((ctx) =>
      checkWorkbook(
        ctx,
        { markCells: true, onProgress: (p) => progress.push(p.fraction) },
        { yieldToEventLoop: noWait },
      ),
    );
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
    const role = result.findings.find((f) => f.column === "Our role");
    expect(role).toMatchObject({ sheet: "Partnerships", row: 3, address: "H3" });
    expect(role?.message).toContain("Boss");
    expect(result.cancelled).toBe(false);
    expect(progress[progress.length - 1]).toBe(1);
    expect(fake.state.sheet("Partnerships")?.fills.get(2 * 16384 + 7)).toBe(MARK_FILL);
    expect(typeof fake.state.settings.get(MARKS_SETTING)).toBe("string");
    await fake.run((ctx) => clearMarks(ctx));
    expect(fake.state.sheet("Partnerships")?.fills.size).toBe(0);
    expect(fake.state.settings.has(MARKS_SETTING)).toBe(false);
  });

  it("reads the partnership directory on the Lists sheet: a directory partnership under another ID is a warning", async () => {
    const fake = await setUpWorkbook(SETTINGS);
    const lists = fake.state.sheet(SHEETS.lists);
    if (!lists) throw new Error("no Lists sheet");
    // the directory's columns M:O (row 1 holds its headers), one shared partnership
    ["R-01", "Partnership 1", "Local"].forEach((v, j) => lists.writeValue(1, 12 + j, v));
    typeRows(fake, PARTNERSHIPS, [partnership(1), partnership(2)]);
    typeRows(fake, REPRESENTATION, [representation(1)]);
    const result = await fake.run((ctx) => checkWorkbook(ctx, {}, { yieldToEventLoop: noWait }));
    expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
    expect(result.findings).toEqual([
      expect.objectContaining({
        severity: "warning",
        sheet: "Partnerships",
        row: 2,
        column: "Partnership ID",
        message:
          '"Partnership 1" is "R-01" in the partnership directory on the Lists sheet, not "P-0001"; use the directory\'s ID so that every district\'s row is the same partnership',
      }),
    ]);
  });

  it("no sync in a loop: the syncs grow with the bytes read (about one per 4 MB), not with the rows", async () => {
    for (const n of [5, 50_000]) {
      const fake = await setUpWorkbook(SETTINGS);
      typeRows(
        fake,
        PARTNERSHIPS,
        Array.from({ length: n }, (_, i) => partnership(i + 1)),
      );
      const result = await fake.run((ctx) =>
        checkWorkbook(ctx, { markCells: true }, { yieldToEventLoop: noWait }),
      );
      expect(result.rowsChecked).toBeGreaterThanOrEqual(n);
      const read = fake.recorder.syncs.reduce((sum, s) => sum + s.responseBytes, 0);
      // where the data is, the data (one sync per 4 MB, with the reader's 10% margin), the marks
      expect(fake.recorder.syncCount).toBeLessThanOrEqual(2 + Math.ceil((read * 1.1) / 4_000_000));
      if (n === 5) expect(fake.recorder.syncCount).toBeLessThanOrEqual(3);
    }
  });

  it("a read past the payload limit is split into row blocks, each response under 5 MB", async () => {
    const fake = await setUpWorkbook(SETTINGS);
    typeRows(
      fake,
      PARTNERSHIPS,
      Array.from({ length: 30_000 }, (_, i) => partnership(i + 1)),
    );
    const grid = await fake.run((ctx) => readWorkbookGrid(ctx));
    const sheet = grid.sheets.find((s) => s.name === SHEETS.partnerships);
    expect(sheet?.rows.length).toBe(30_001);
    expect(sheet?.rows[30_000][0]).toBe("P-30000");
    expect(fake.recorder.syncCount).toBeGreaterThanOrEqual(3);
    for (const s of fake.recorder.syncs) expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });

  it("cancel stops between chunks and reports what was found so far", async () => {
    const fake = await setUpWorkbook(SETTINGS);
    typeRows(
      fake,
      PARTNERSHIPS,
      Array.from({ length: 5000 }, (_, i) => partnership(i + 1, { ourRole: "Boss" })),
    );
    const controller = new AbortController();
    const result = await fake.run((ctx) =>
      checkWorkbook(
        ctx,
        { signal: controller.signal, onProgress: (p) => (p.fraction > 0 ? controller.abort() : undefined) },
        { yieldToEventLoop: noWait, checkOptions: { chunkRows: 500 } },
      ),
    );
    expect(result.cancelled).toBe(true);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.length).toBeLessThan(5000);
  });

  it("the check reads a snapshot: edits during the check do not move its findings", async () => {
    const fake = await setUpWorkbook(SETTINGS);
    typeRows(
      fake,
      PARTNERSHIPS,
      Array.from({ length: 3000 }, (_, i) => partnership(i + 1, i === 2500 ? { ourRole: "Boss" } : {})),
    );
    const sheet = fake.state.sheet("Partnerships");
    let edited = false;
    const result = await fake.run((ctx) =>
      checkWorkbook(
        ctx,
        {
          onProgress: (p) => {
            if (edited || p.fraction === 0) return;
            edited = true;
            sheet?.writeValue(2501, 7, "Leading"); // the user fixes the cell meanwhile
            sheet?.writeValue(5, 7, "Nonsense"); // and breaks another
          },
        },
        { yieldToEventLoop: noWait, checkOptions: { chunkRows: 500 } },
      ),
    );
    const roles = result.findings.filter((f) => f.column === "Our role");
    expect(roles.map((f) => f.address)).toEqual(["H2502"]);
  });

  it("an unloaded property is refused by Microsoft's client (a missing load would fail the tests)", async () => {
    const fake = createClientExcel({ sheets: [{ name: "A", rows: [[1]] }] });
    await expect(
      fake.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("A").getRange("A1");
        r.load("address");
        await ctx.sync();
        return r.values;
      }),
    ).rejects.toMatchObject({
      code: "PropertyNotLoaded",
      message: expect.stringMatching(/'values' is not available/),
    });
    await expect(
      fake.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItemOrNullObject("B");
        return s.isNullObject;
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });
});

describe("check's cell marks", () => {
  /** A workbook with `n` rows whose Our role is not in its list: one finding (and mark) per row. */
  async function manyFindings(n: number) {
    const fake = await setUpWorkbook(SETTINGS);
    typeRows(
      fake,
      PARTNERSHIPS,
      Array.from({ length: n }, (_, i) => partnership(i + 1, { ourRole: "Boss" })),
    );
    return fake;
  }
  const check = (fake: Awaited<ReturnType<typeof manyFindings>>) =>
    fake.run((ctx) => checkWorkbook(ctx, { markCells: true }, { yieldToEventLoop: noWait }));
  const fills = (fake: Awaited<ReturnType<typeof manyFindings>>) =>
    fake.state.sheet("Partnerships")?.fills.size ?? 0;

  it("5,000 marks and 5,000 earlier marks to clear go in one request far under 5 MB, the sheet addressed once", async () => {
    const fake = await manyFindings(6000);
    const first = await check(fake);
    expect(first.marksError).toBeUndefined();
    expect(fills(fake)).toBe(MAX_MARKS);
    const bodies: string[] = [];
    fake.server.log = (text) => bodies.push(text);
    // the user fixes the first 1,000 rows: the next check clears 5,000 marks and sets 5,000 others
    const sheet = fake.state.sheet("Partnerships");
    for (let r = 1; r <= 1000; r++) sheet?.writeValue(r, 7, "Leading");
    const before = fake.requests().length;
    const second = await check(fake);
    expect(second.marksError).toBeUndefined();
    const marking = fake.requests()[fake.requests().length - 1];
    expect(fake.requests().length - before).toBeLessThanOrEqual(3);
    expect(marking.requestBytes).toBeLessThan(1_000_000);
    const body = JSON.parse(bodies.filter((b) => b.includes('"GetRanges"')).pop() ?? "{}") as {
      ObjectPaths: Record<
        string,
        { ObjectPathType: number; Name: string; ArgumentInfo?: { Arguments?: unknown[] } }
      >;
    };
    const paths = Object.values(body.ObjectPaths);
    // Partnerships asked for once; its cells in a few getRanges calls, not one command per cell
    expect(paths.filter((p) => p.ArgumentInfo?.Arguments?.[0] === "Partnerships")).toHaveLength(1);
    expect(paths.filter((p) => p.Name === "GetRanges").length).toBeLessThan(100);
    expect(paths.filter((p) => p.Name === "GetRange")).toHaveLength(0);
    // rows 1,002 to 6,001 are marked now (H1002 … H6001), the fixed rows are not
    expect(sheet?.fills.get(1001 * 16384 + 7)).toBe(MARK_FILL);
    expect(sheet?.fills.get(2 * 16384 + 7)).toBeUndefined();
    expect(fills(fake)).toBe(MAX_MARKS);
    await fake.run((ctx) => clearMarks(ctx));
    expect(fills(fake)).toBe(0);
  });

  it("a marking Excel refuses still returns every finding, and says the cells were not marked", async () => {
    const fake = await manyFindings(50);
    // the third request of the check is the marking
    fake.server.refuse(3, "AccessDenied", "The sheet is protected.");
    const result = await check(fake);
    expect(result.findings.filter((f) => f.column === "Our role")).toHaveLength(50);
    expect(result.marksError).toMatch(/protected/);
    expect(fills(fake)).toBe(0);
  });

  it("a marking that stops half way leaves every fill it may have set listed, so clearing removes them", async () => {
    const fake = await manyFindings(50);
    await check(fake);
    expect(fills(fake)).toBe(50);
    fake.state.sheet("Partnerships")?.writeValue(1, 7, "Leading");
    // the request stops after clearing the earlier marks, at the first new fill
    fake.failOnce(/areas fill #/, "GeneralException", "Excel was busy.");
    const result = await check(fake);
    expect(result.marksError).toMatch(/busy/);
    expect(result.findings.filter((f) => f.column === "Our role")).toHaveLength(49);
    await fake.run((ctx) => clearMarks(ctx));
    expect(fills(fake)).toBe(0);
    expect(fake.state.settings.has(MARKS_SETTING)).toBe(false);
  });
});

describe("select, settings, headlines", () => {
  it("selects a cell in one sync", async () => {
    const fake = await setUpWorkbook(SETTINGS);
    await fake.run((ctx) => selectCell(ctx, "Partnerships", "H3"));
    expect(fake.recorder.syncCount).toBe(1);
    expect(fake.state.selection).toEqual({ sheet: "Partnerships", address: "H3" });
    expect(fake.state.activeSheet).toBe("Partnerships");
  });

  it("reads and writes settings through their names; text stays text", async () => {
    const fake = await setUpWorkbook(SETTINGS);
    const s = await fake.run((ctx) => readSettings(ctx));
    expect(s).toEqual({
      region: "North",
      district: "Anytown",
      auditRound: "2026-Q4",
      hoursPerWeek: 37,
      weeksPerYear: 52,
    });
    await fake.run((ctx) =>
      writeSettings(ctx, {
        ...s,
        region: '=HYPERLINK("x")',
        auditRound: "2026-10",
        hoursPerWeek: 36,
      }),
    );
    const again = await fake.run((ctx) => readSettings(ctx));
    expect(again).toMatchObject({ region: '=HYPERLINK("x")', auditRound: "2026-10", hoursPerWeek: 36 });
    await expect(fake.run((ctx) => writeSettings(ctx, { ...s, hoursPerWeek: 500 }))).rejects.toThrow(
      /Hours per week: type a number from 1 to 168/,
    );
  });

  it("headlines come from the core over the read tables", async () => {
    const fake = await setUpWorkbook(SETTINGS);
    typeRows(fake, PARTNERSHIPS, [partnership(1), partnership(2), partnership(3), partnership(4)]);
    typeRows(fake, REPRESENTATION, [representation(1), representation(2)]);
    const h = await fake.run((ctx) => readHeadlines(ctx));
    // where the data is, the data, the Summary charts sized to it
    expect(fake.recorder.syncCount).toBe(3);
    expect(h.partnerships).toBe(4);
    expect(h.districts).toBe(1);
    expect(h.leadershipRatio).toBeCloseTo(0.5);
    expect(h.fte).toBeCloseTo(60 / (37 * 52));
  });
});

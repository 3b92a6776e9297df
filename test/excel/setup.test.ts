import { PARTNERSHIPS, REPRESENTATION, SCHEMA_VERSION, TABLES } from "../../src/core/model/blueprint";
import { SUMMARY as SUMMARY_LAYOUT } from "../../src/core/workbook/spec";
import { RangeFiller } from "../../src/excel/write-ranges";
import { applySetup, previewSetup } from "../../src/excel/setup";
import { PAYLOAD_LIMIT_BYTES, createClientExcel, type ClientExcel } from "../excel-host";

async function setUp(fake: ClientExcel, answers: Record<string, string> = {}) {
  const before = fake.recorder.syncCount;
  const result = await fake.run((ctx) => applySetup(ctx, answers));
  return { result, syncs: fake.recorder.syncCount - before };
}

describe("set-up on an empty workbook", () => {
  it("creates every sheet, table, list, name and the Summary in at most 4 syncs", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    const { result, syncs } = await setUp(fake);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(syncs).toBeLessThanOrEqual(4);
    for (const t of TABLES) {
      const table = fake.state.table(t.name);
      expect(table?.sheet.name).toBe(t.sheet);
      expect(table?.headers()).toEqual(t.columns.map((c) => c.header));
    }
    expect(fake.state.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "Guide",
        "Settings",
        "Partnerships",
        "Representation",
        "Partner survey",
        "Summary",
        "Lists",
      ]),
    );
    expect(fake.state.names.map((n) => n.name)).toEqual(
      expect.arrayContaining(["List_Roles", "HoursPerWeek", "SchemaVersion"]),
    );
    expect(fake.values("Settings", "A1:B10")).toContainEqual(["Schema version", SCHEMA_VERSION]);
    expect(fake.values("Settings", "A1:B10")).toContainEqual(["Overlap from", 0.5]);
    expect(fake.state.table("Members")?.headers()).toEqual([
      "Partnership ID",
      "Organisation",
      "Organisation type",
      "District",
      "Audit round",
    ]);
    const summary = fake.state.sheet("Summary");
    expect(summary?.charts.map((c) => c.name)).toEqual(SUMMARY_LAYOUT.charts.map((c) => c.name));
    // validation from the Lists names on the data body of Our role
    const roleCol = PARTNERSHIPS.columns.findIndex((c) => c.key === "ourRole");
    const sheet = fake.state.sheet("Partnerships");
    const v = sheet?.validations.find((x) => x.rect.c0 === roleCol && x.rect.r0 === 1);
    expect(v?.type).toBe("List");
    expect(v?.rule).toEqual({ list: { inCellDropDown: true, source: "=List_Roles" } });
    // Annual hours is a formula over the row
    const hoursCol = REPRESENTATION.columns.findIndex((c) => c.key === "annualHours");
    expect(fake.formulas("Representation", `${String.fromCharCode(65 + hoursCol)}2`)[0][0]).toMatch(
      /^=\[@\[Meetings per year\]\]/,
    );
  });

  it("previews, then is up to date after set-up", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    const preview = await fake.run((ctx) => previewSetup(ctx));
    expect(preview.upToDate).toBe(false);
    expect(preview.fromVersion).toBe(0);
    await setUp(fake);
    const again = await fake.run((ctx) => previewSetup(ctx));
    expect(again.steps).toEqual([]);
    expect(again.upToDate).toBe(true);
  });
});

describe("upgrade of an older (version 0) workbook", () => {
  it("keeps every user row, appends missing columns at the end, adds lists, settings and Summary", async () => {
    const { v0Workbook, V0_PARTNERSHIP_ROWS, V0_REPRESENTATION_ROWS, V0_PARTNERSHIP_HEADERS } =
      await import("./fixtures");
    const fake = createClientExcel(v0Workbook());
    const preview = await fake.run((ctx) => previewSetup(ctx));
    expect(preview.fromVersion).toBe(0);
    expect(preview.blockers).toEqual([]);
    expect(preview.questions).toEqual([]);
    expect(preview.steps.map((s) => s.description).join("\n")).toMatch(
      /Partnerships: add the columns District/,
    );
    const { result, syncs } = await setUp(fake);
    expect(result.ok).toBe(true);
    expect(syncs).toBeLessThanOrEqual(4);
    const n = V0_PARTNERSHIP_ROWS.length;
    const table = fake.state.table("Partnerships");
    expect(table?.headers().slice(0, 8)).toEqual(V0_PARTNERSHIP_HEADERS);
    expect(table?.headers()).toHaveLength(PARTNERSHIPS.columns.length);
    // user rows identical (the "=1+1" stays a formula as typed: set-up writes no user cell)
    const rows = fake.values("Partnerships", `A2:H${n + 1}`);
    V0_PARTNERSHIP_ROWS.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v === "string" && v.startsWith("=")) return;
        expect(rows[i][j]).toEqual(v);
      }),
    );
    expect(
      fake
        .values("Partnerships", `I2:S${n + 1}`)
        .flat()
        .every((v) => v === ""),
    ).toBe(true);
    expect(table?.r1).toBe(n);
    const rep = fake.values("Representation", `A2:F${V0_REPRESENTATION_ROWS.length + 1}`);
    expect(rep).toEqual(V0_REPRESENTATION_ROWS);
    // Annual hours appended at the end, as a formula
    expect(fake.state.table("Representation")?.headers().slice(6)).toEqual([
      "Annual hours",
      "District",
      "Audit round",
    ]);
    expect(String(fake.formulas("Representation", "G2")[0][0])).toMatch(/^=\[@\[Meetings per year\]\]/);
    // settings values kept, missing settings appended, schema version written last
    expect(fake.values("Settings", "A2:B4")).toEqual([
      ["Region", "North"],
      ["District", "Anytown"],
      ["Audit round", "2025-Q4"],
    ]);
    expect(fake.values("Settings", "A5:B10")).toEqual([
      ["Hours per week", 37],
      ["Weeks per year", 52],
      ["Review value below", 2.5],
      ["Review hours from", 0],
      ["Overlap from", 0.5],
      ["Schema version", SCHEMA_VERSION],
    ]);
    // the GradeCosts table beside the settings, one row per grade, costs blank
    expect(fake.state.table("GradeCosts")?.headers()).toEqual(["Grade", "Hourly cost"]);
    expect(fake.values("Settings", "E1:F3")).toEqual([
      ["Grade", "Hourly cost"],
      ["Senior Civil Service", ""],
      ["Grade 6", ""],
    ]);
    const again = await fake.run((ctx) => previewSetup(ctx));
    expect(again.steps).toEqual([]);
    expect(again.upToDate).toBe(true);
  });
});

const P_HEADERS = PARTNERSHIPS.columns.map((c) => c.header);

function userRows(n: number): (string | number)[][] {
  return Array.from({ length: n }, (_, i) =>
    P_HEADERS.map((h, j) =>
      j === 0
        ? `P-${String(i + 1).padStart(5, "0")}`
        : h === "Involved since"
          ? 2000 + (i % 20)
          : `v${i}-${j}`,
    ),
  );
}

describe("set-up on awkward workbooks", () => {
  it("a protected sheet stops set-up with the fix, nothing written", async () => {
    const { v0Workbook } = await import("./fixtures");
    const init = v0Workbook();
    const fake = createClientExcel({
      sheets: init.sheets?.map((s) => (s.name === "Partnerships" ? { ...s, protected: true } : s)),
    });
    const { result, syncs } = await setUp(fake);
    expect(result.ok).toBe(false);
    expect(result.error).toContain(
      "Unprotect the sheet Partnerships (Review > Unprotect Sheet) and run set-up again",
    );
    expect(syncs).toBe(2);
    expect(fake.state.sheet("Lists")).toBeUndefined();
  });

  it("merged cells right of a table that needs columns are a blocker naming the cells", async () => {
    const { v0Workbook } = await import("./fixtures");
    const init = v0Workbook();
    const fake = createClientExcel({
      sheets: init.sheets?.map((s) => (s.name === "Partnerships" ? { ...s, merged: ["J2:K3"] } : s)),
    });
    const preview = await fake.run((ctx) => previewSetup(ctx));
    expect(preview.blockers.map((b) => b.message).join(" ")).toMatch(/Merged cells .*J2:K3.*Unmerge/);
  });

  it("a renamed table on our sheet carrying our headers is adopted (renamed back)", async () => {
    const rows = userRows(3);
    const fake = createClientExcel({
      sheets: [
        { name: "Partnerships", rows: [P_HEADERS, ...rows], tables: [{ name: "Table7", address: "A1:S4" }] },
      ],
    });
    const preview = await fake.run((ctx) => previewSetup(ctx));
    expect(preview.steps[0]).toBeDefined();
    expect(preview.steps.map((s) => s.description)).toContain(
      "Use the table Table7 on the sheet Partnerships as Partnerships (renamed)",
    );
    const { result } = await setUp(fake);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(fake.state.table("Partnerships")?.r1).toBe(3);
    expect(fake.values("Partnerships", "A2:S4")).toEqual(rows);
  });

  it("a table whose header row is not on row 1 (moved) is used where it is", async () => {
    const rows = userRows(2);
    const fake = createClientExcel({
      sheets: [
        {
          name: "Partnerships",
          at: "C5",
          rows: [P_HEADERS.slice(0, 10), ...rows.map((r) => r.slice(0, 10))],
          tables: [{ name: "Partnerships", address: "C5:L7" }],
        },
      ],
    });
    const { result } = await setUp(fake);
    expect(result.ok).toBe(true);
    const t = fake.state.table("Partnerships");
    expect(t?.headers()).toEqual(P_HEADERS);
    expect(t?.c0).toBe(2);
    expect(t?.r0).toBe(4);
    expect(fake.values("Partnerships", "C6:L7")).toEqual(rows.map((r) => r.slice(0, 10)));
    // the highlight formula refers to the moved cells
    const cf = fake.state.sheet("Partnerships")?.conditionalFormats.find((f) => f.rect.c0 === 2);
    expect(cf?.formula).toBe("=AND(COUNTA($C6:$U6)>0,LEN(TRIM(C6))=0)");
  });

  it("a Partnerships sheet with other content and no table is never written: blocker", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Partnerships", rows: [["My notes"], ["keep me"]] }] });
    const { result } = await setUp(fake);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(
      /The sheet Partnerships holds other content and no Partnerships table.*Rename that sheet/,
    );
    expect(fake.grid("Partnerships")).toEqual([["My notes"], ["keep me"]]);
  });

  it("a Partnerships sheet with our headers typed in row 1 (no table) becomes the table, rows kept", async () => {
    const rows = userRows(4).map((r) => r.slice(0, 6));
    const fake = createClientExcel({
      sheets: [{ name: "Partnerships", rows: [P_HEADERS.slice(0, 6), ...rows] }],
    });
    const { result } = await setUp(fake);
    expect(result.ok).toBe(true);
    const t = fake.state.table("Partnerships");
    expect(t?.r1).toBe(4);
    expect(t?.headers()).toEqual(P_HEADERS);
    expect(fake.values("Partnerships", "A2:F5")).toEqual(rows);
  });

  it("a Summary sheet with the user's content is left alone; ours goes on 'Audit summary'", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Summary", rows: [["My own summary"], [42]] }] });
    const { result } = await setUp(fake);
    expect(result.ok).toBe(true);
    expect(fake.grid("Summary")).toEqual([["My own summary"], [42]]);
    expect(fake.values("Audit summary", "A1")).toEqual([["Partnership audit summary"]]);
    const again = await fake.run((ctx) => previewSetup(ctx));
    expect(again.upToDate).toBe(true);
  });

  it("Summary formulas are rewritten when changed; the user's cells outside the layout stay", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    await setUp(fake);
    const summary = fake.state.sheet("Summary");
    summary?.writeValue(4, 1, 999); // typed over B5 (a headline formula)
    summary?.writeValue(99, 0, "my note"); // A100, outside the layout
    const preview = await fake.run((ctx) => previewSetup(ctx));
    expect(preview.steps.map((s) => s.kind)).toEqual(["formula"]);
    await setUp(fake);
    expect(String(fake.formulas("Summary", "B5")[0][0])).toMatch(/^=AUDIT\.PARTNERSHIPS/);
    expect(fake.values("Summary", "A100")).toEqual([["my note"]]);
  });

  it("the same number of syncs for 5 rows and for 50,000 rows (no sync in a loop)", async () => {
    const counts: number[] = [];
    for (const n of [5, 50_000]) {
      const rows = userRows(n).map((r) => r.slice(0, 8));
      const fake = createClientExcel({
        sheets: [
          {
            name: "Partnerships",
            rows: [P_HEADERS.slice(0, 8), ...rows],
            tables: [{ name: "Partnerships", address: `A1:H${n + 1}` }],
          },
        ],
      });
      const { result, syncs } = await setUp(fake);
      expect(result.error).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(fake.state.table("Partnerships")?.r1).toBe(n);
      expect(fake.values("Partnerships", `A${n + 1}:B${n + 1}`)).toEqual([rows[n - 1].slice(0, 2)]);
      // the formats and formulas of decorated columns go as full arrays: real bytes, under 5 MB
      for (const s of fake.recorder.syncs) expect(s.requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      counts.push(syncs);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[1]).toBeLessThanOrEqual(4);
  });

  it("one value for every cell goes as a full array, in row blocks synced under the byte budget", async () => {
    const fake = createClientExcel({ sheets: [{ name: "S" }] });
    const bodies: string[] = [];
    fake.server.log = (text) => bodies.push(text);
    const filler = await fake.run(async (ctx) => {
      const f = new RangeFiller(ctx, 20_000);
      await f.fill(
        ctx.workbook.worksheets.getItem("S").getRange("B1:C5000"),
        "numberFormat",
        "0.00",
        5000,
        2,
      );
      await ctx.sync();
      return f;
    });
    expect(filler.syncs).toBeGreaterThan(1);
    expect(fake.recorder.syncCount).toBe(filler.syncs + 1);
    const formats = fake.state.sheet("S")?.formats;
    expect(formats?.size).toBe(10_000);
    expect(formats?.get(4999 * 16384 + 2)).toBe("0.00");
    // no single value spread over a range: every NumberFormat written is an array
    for (const b of bodies)
      for (const a of (
        JSON.parse(b) as { Actions: { Name: string; ArgumentInfo?: { Arguments?: unknown[] } }[] }
      ).Actions)
        if (a.Name === "NumberFormat") expect(Array.isArray(a.ArgumentInfo?.Arguments?.[0])).toBe(true);
  });

  it("a failure part-way is reported with what was and was not written", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    fake.server.refuse(4, "AccessDenied", "The workbook is read-only.");
    const result = await fake.run(async (ctx) => {
      return applySetup(ctx);
    });
    expect(result.ok).toBe(false);
    expect(result.done).toContain("Made the Partnerships table on Partnerships");
    expect(result.notDone).toContain(`Recorded schema version ${SCHEMA_VERSION}`);
    expect(result.error).toMatch(/Set-up stopped: The workbook is read-only\..*run set-up again/);
  });
});

describe("set-up with an open question", () => {
  it("applies everything else, leaves the ambiguous column alone and says so; the answer completes it", async () => {
    const headers = [...P_HEADERS.filter((h) => h !== "Our role"), "Our role (2024)", "Our role (2025)"];
    const fake = createClientExcel({
      sheets: [
        { name: "Partnerships", rows: [headers], tables: [{ name: "Partnerships", address: "A1:T2" }] },
      ],
    });
    const { result } = await setUp(fake);
    expect(result.ok).toBe(true);
    expect(result.notDone).toEqual(["Waiting for your answer: Partnerships: which column is Our role?"]);
    expect(fake.state.table("Partnerships")?.headers()).toEqual(headers);
    const preview = await fake.run((ctx) => previewSetup(ctx));
    expect(preview.upToDate).toBe(false);
    expect(preview.questions).toHaveLength(1);
    const { result: answered } = await setUp(fake, { "column:Partnerships:ourRole": "Our role (2025)" });
    expect(answered.notDone).toEqual([]);
    expect(fake.state.table("Partnerships")?.headers()).toContain("Our role");
    expect(fake.state.table("Partnerships")?.headers()).toContain("Our role (2024)");
    expect((await fake.run((ctx) => previewSetup(ctx))).upToDate).toBe(true);
  });
});

describe("answers are remembered", () => {
  it("'keep the typed values' in Annual hours is asked once, then set-up is up to date", async () => {
    const { REPRESENTATION } = await import("../../src/core/model/blueprint");
    const headers = REPRESENTATION.columns.map((c) => c.header);
    const row = ["P-1", "Manager", "SEO", 4, 2, 0, 99, "D1", "2026-Q4"];
    const fake = createClientExcel({
      sheets: [
        {
          name: "Representation",
          rows: [headers, row],
          tables: [{ name: "Representation", address: "A1:I2" }],
        },
      ],
    });
    await setUp(fake);
    const asked = await fake.run((ctx) => previewSetup(ctx));
    expect(asked.questions.map((q) => q.id)).toEqual(["calculated:Representation:annualHours"]);
    await setUp(fake, { "calculated:Representation:annualHours": "keep" });
    expect(fake.values("Representation", "A2:I2")).toEqual([row]);
    const after = await fake.run((ctx) => previewSetup(ctx));
    expect(after.questions).toEqual([]);
    expect(after.upToDate).toBe(true);
  });
});

describe("set-up on a workbook whose structure is protected", () => {
  it("is a blocker naming the fix; nothing written", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }], structureProtected: true });
    const { result, syncs } = await setUp(fake);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/structure is protected.*Unprotect it \(Review > Protect Workbook\)/);
    expect(syncs).toBe(2);
    expect(fake.state.sheets).toHaveLength(1);
  });

  it("a summary kept under another name is recognised by its title and not rewritten", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    await setUp(fake);
    const summary = fake.state.sheet("Summary");
    if (summary) summary.name = "Overview";
    const preview = await fake.run((ctx) => previewSetup(ctx));
    expect(preview.upToDate).toBe(true);
  });
});

/**
 * Reads under Excel on the web's 5 MB response limit, measured in bytes (test/fakes/context.ts):
 * long free text (Notes) and text outside ASCII make a response far bigger than a count of cells
 * suggests. Every read is budgeted by bytes and split into as few syncs as the limit allows.
 */
import { checkWorkbook } from "../../src/excel/check";
import { readAndFitCharts } from "../../src/excel/headlines";
import { readWorkbookGrid } from "../../src/excel/read-tables";
import { PAYLOAD_LIMIT_BYTES, createClientExcel, type ClientExcel } from "../excel-host";
import { PARTNERSHIPS, freshTablesWorkbook, partnership, setUpWorkbook, typeRows } from "./fixtures";

async function regional(): Promise<ClientExcel> {
  return createClientExcel(freshTablesWorkbook());
}

/** The response bytes of the syncs Excel answered (a sync it refused for its size is not among them). */
function responses(fake: ClientExcel): number[] {
  return fake.recorder.syncs.filter((s) => s.error === undefined).map((s) => s.responseBytes);
}

/** Syncs Excel refused for their size: the reader learns the texts' length and reads smaller blocks. */
function refused(fake: ClientExcel): number {
  return fake.recorder.syncs.filter((s) => s.error !== undefined).length;
}

describe("reads budgeted by bytes", () => {
  it("8,000 rows with 1,000-character notes (about 8 MB) are read in a few syncs, each under 5 MB", async () => {
    const fake = await regional();
    const note = "n".repeat(1000);
    typeRows(
      fake,
      PARTNERSHIPS,
      Array.from({ length: 8000 }, (_, i) => partnership(i + 1, { notes: note })),
    );
    fake.recorder.reset();
    const result = await fake.run((ctx) => checkWorkbook(ctx));
    expect(result.rowsChecked).toBeGreaterThanOrEqual(8000);
    const sizes = responses(fake);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(8_000_000);
    // as few syncs as the limit allows: where the data is, about one per 4 MB read (with the
    // reader's 10% margin), and at most two refused while it learns how long the notes are
    expect(refused(fake)).toBeLessThanOrEqual(2);
    expect(fake.recorder.syncCount - refused(fake)).toBeLessThanOrEqual(
      2 + Math.ceil((total * 1.1) / 4_000_000),
    );
  });

  it("text outside ASCII is measured in bytes, not characters", async () => {
    const fake = await regional();
    // 2,500 rows × 600 "é" = 1.5 million characters but 3 MB of UTF-8, plus the ASCII notes
    typeRows(
      fake,
      PARTNERSHIPS,
      Array.from({ length: 2500 }, (_, i) =>
        partnership(i + 1, { notes: "é".repeat(600), partnership: "€".repeat(400) }),
      ),
    );
    fake.recorder.reset();
    const grid = await fake.run((ctx) => readWorkbookGrid(ctx));
    const sheet = grid.sheets.find((s) => s.name === "Partnerships");
    expect(sheet?.rows.length).toBe(2501);
    expect(sheet?.rows[2500][1]).toBe("€".repeat(400));
    for (const s of responses(fake)) expect(s).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(refused(fake)).toBeLessThanOrEqual(1);
  });

  it("loads queued with the first read (the Overview's charts) are queued again when Excel refuses that read", async () => {
    const fake = await setUpWorkbook({
      region: "North",
      district: "D01",
      auditRound: "2026-Q4",
      hoursPerWeek: 37,
      weeksPerYear: 52,
    });
    typeRows(
      fake,
      PARTNERSHIPS,
      Array.from({ length: 8000 }, (_, i) => partnership(i + 1, { notes: "n".repeat(1000) })),
    );
    fake.recorder.reset();
    const { ret, fit } = await fake.run((ctx) => readAndFitCharts(ctx));
    expect(refused(fake)).toBeGreaterThanOrEqual(1);
    expect(ret.tables.Partnerships?.rows.length).toBe(8000);
    expect(fit.charts.length).toBeGreaterThan(0);
  });

  it("a read the limit refuses is split and read again, nothing lost", async () => {
    const fake = await regional();
    // 20 rows of 300,000 characters: any block of more than 16 rows is over 5 MB
    typeRows(
      fake,
      PARTNERSHIPS,
      Array.from({ length: 20 }, (_, i) => partnership(i + 1, { notes: "x".repeat(300_000) })),
    );
    const grid = await fake.run((ctx) => readWorkbookGrid(ctx));
    const rows = grid.sheets.find((s) => s.name === "Partnerships")?.rows ?? [];
    expect(rows.length).toBe(21);
    expect(rows.slice(1).every((r) => r.some((v) => typeof v === "string" && v.length === 300_000))).toBe(
      true,
    );
  });
});

/**
 * The real size of what each Excel operation sends and receives, at the sizes the quality bars
 * name (200,000 rows imported), measured on the requests Microsoft's client builds and the responses
 * the in-memory Excel gives (test/excel-host): every one stays under Excel on the web's 5 MB limit
 * ("payload size limit for requests and responses of 5MB",
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * The largest request and response of each operation are printed as a table, with the reads Excel
 * refused for their size (the reader then reads smaller blocks: src/excel/payload.ts).
 */
import { TABLES } from "../../src/core/model/blueprint";
import { checkWorkbook, clearMarks } from "../../src/excel/check";
import { readHeadlines } from "../../src/excel/headlines";
import { readRegional, writePlan } from "../../src/excel/import";
import { readSettings, writeSettings } from "../../src/excel/settings";
import { applySetup, previewSetup } from "../../src/excel/setup";
import { selectCell } from "../../src/excel/select";
import { PAYLOAD_LIMIT_BYTES, createClientExcel, type ClientExcel } from "../excel-host";

jest.setTimeout(600_000);

const ROWS = 200_000;
const noWait = (): Promise<void> => Promise.resolve();

interface Measured {
  readonly operation: string;
  readonly syncs: number;
  readonly largestRequest: number;
  readonly largestResponse: number;
  /** reads Excel refused for their size, read again in smaller blocks (payload.ts) */
  readonly refusedReads: number;
}

const RESPONSE_REFUSED = /response payload size/;

const measured: Measured[] = [];

async function measure<T>(fake: ClientExcel, operation: string, run: () => Promise<T>): Promise<T> {
  const before = fake.requests().length;
  const out = await run();
  const requests = fake.requests().slice(before);
  // a read refused for its size is part of the design (the reader learns the texts' length and
  // reads smaller blocks); anything else refused is a failure
  const answered = requests.filter((r) => r.error === undefined);
  const refused = requests.filter((r) => r.error !== undefined);
  measured.push({
    operation,
    syncs: requests.length,
    largestRequest: Math.max(0, ...requests.map((r) => r.requestBytes)),
    largestResponse: Math.max(0, ...answered.map((r) => r.responseBytes)),
    refusedReads: refused.length,
  });
  for (const r of refused) expect(r.error).toMatch(RESPONSE_REFUSED);
  expect(refused.length).toBeLessThanOrEqual(2);
  for (const r of requests) expect(r.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  for (const r of answered) expect(r.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  return out;
}

describe(`request and response sizes with ${ROWS.toLocaleString("en-GB")} rows imported`, () => {
  const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });

  afterAll(() => {
    const mb = (n: number): string => (n / 1_000_000).toFixed(2);
    const lines = measured.map(
      (m) =>
        `${m.operation.padEnd(34)} ${String(m.syncs).padStart(5)}  ${mb(m.largestRequest).padStart(8)}  ${mb(m.largestResponse).padStart(8)}  ${String(m.refusedReads).padStart(7)}`,
    );
    console.log(
      [
        `Largest request and response per operation (MB; limit ${mb(PAYLOAD_LIMIT_BYTES)})`,
        `${"operation".padEnd(34)} syncs   request  response  refused`,
        ...lines,
      ].join("\n"),
    );
  });

  it("set-up, then 200,000 Representation rows imported", async () => {
    const done = await measure(fake, "set up (empty workbook)", () => fake.run((ctx) => applySetup(ctx)));
    expect(done.ok).toBe(true);
    await measure(fake, "write settings", () =>
      fake.run((ctx) =>
        writeSettings(ctx, {
          region: "North",
          district: "D99",
          auditRound: "2026-Q4",
          hoursPerWeek: 37,
          weeksPerYear: 52,
        }),
      ),
    );
    const spec = TABLES.find((x) => x.name === "Representation");
    if (!spec) throw new Error("no spec");
    const columns = spec.columns.map((c) => c.key);
    const rows = Array.from({ length: ROWS }, (_, i) =>
      columns.map((k) =>
        k === "partnershipId"
          ? `P-${i}`
          : k === "district"
            ? "D99"
            : k === "auditRound"
              ? "2026-Q4"
              : k === "representative"
                ? `Representative number ${i} of the district office`
                : k === "grade"
                  ? "Grade 7"
                  : 3,
      ),
    );
    const state = await measure(fake, "import: read the regional tables", () =>
      fake.run((ctx) => readRegional(ctx)),
    );
    const report = await measure(fake, `import: write ${ROWS} rows`, () =>
      fake.run((ctx) =>
        writePlan(ctx, state, { replace: [], append: [{ table: "Representation", columns, rows }] }),
      ),
    );
    expect(report.appended.Representation).toBe(ROWS);
    const again = await measure(fake, `import: read keys of ${ROWS} rows`, () =>
      fake.run((ctx) => readRegional(ctx)),
    );
    expect(again.tables.Representation?.keys.length).toBe(ROWS);
  });

  it("every other operation on the large workbook", async () => {
    await measure(fake, "read settings", () => fake.run((ctx) => readSettings(ctx)));
    await measure(fake, "set-up preview (upgrade check)", () => fake.run((ctx) => previewSetup(ctx)));
    await measure(fake, "set-up again (nothing to add)", () => fake.run((ctx) => applySetup(ctx)));
    const checked = await measure(fake, "check, marking cells", () =>
      fake.run((ctx) => checkWorkbook(ctx, { markCells: true }, { yieldToEventLoop: noWait })),
    );
    expect(checked.findings.length).toBeGreaterThan(0);
    await measure(fake, "check again (clears earlier marks)", () =>
      fake.run((ctx) => checkWorkbook(ctx, { markCells: true }, { yieldToEventLoop: noWait })),
    );
    await measure(fake, "clear marks", () => fake.run((ctx) => clearMarks(ctx)));
    await measure(fake, "overview (headlines, charts sized)", () => fake.run((ctx) => readHeadlines(ctx)));
    // the report's read (readAuditData) is the same read as the check's, without the marks
    await measure(fake, "select a cell", () => fake.run((ctx) => selectCell(ctx, "Representation", "A2")));
  });
});

/**
 * The Report view's read of the open workbook (src/excel/report.ts) on the recording fake of the
 * Excel API: the audit data and the checks' findings in 2 syncs whatever the size, progress while
 * checking, cancel, nothing written; and the pane's report of it (core buildWorkbookReport), with a
 * workbook of two rounds reported on the latest against the one before.
 */
import { buildWorkbookReport, renderReport, reportFileName } from "../../src/core/report";
import { readAuditData } from "../../src/excel/report";
import { byId, figure, parseHtml, tableByCaption, tableRows, text } from "../core/report/dom";
import { PARTNERSHIPS, partnership, setUpWorkbook, typeRows } from "./fixtures";

const noWait = (): Promise<void> => Promise.resolve();

/** A regional workbook: a region, no district, no round. */
const REGIONAL = { region: "North", district: "", auditRound: "", hoursPerWeek: 37, weeksPerYear: 52 };

describe("readAuditData", () => {
  it("reads and checks in 2 syncs (whatever the rows, under the 4 MB read), with progress, and writes nothing", async () => {
    const counts: number[] = [];
    for (const n of [3, 5_000]) {
      const fake = await setUpWorkbook(REGIONAL);
      typeRows(
        fake,
        PARTNERSHIPS,
        Array.from({ length: n }, (_, i) =>
          partnership(i + 1, { district: "D01", auditRound: "2026-Q4", ourRole: i === 1 ? "Boss" : "Key" }),
        ),
      );
      const progress: number[] = [];
      const data = await fake.run((ctx) =>
        readAuditData(ctx, { onProgress: (p) => progress.push(p.fraction) }, { yieldToEventLoop: noWait }),
      );
      counts.push(fake.recorder.syncCount);
      expect(data.cancelled).toBe(false);
      expect(data.workbook.file).toBe("");
      expect(data.workbook.tables.Partnerships?.rows.length).toBe(n);
      expect(data.findings.filter((f) => f.column === "Our role").map((f) => f.row)).toEqual([3]);
      expect(progress[0]).toBe(0);
      expect(progress[progress.length - 1]).toBe(1);
      expect(fake.recorder.syncs.flatMap((sync) => sync.writes)).toEqual([]);
    }
    expect(counts).toEqual([2, 2]);
  });

  it("stops when cancelled, saying so", async () => {
    const fake = await setUpWorkbook(REGIONAL);
    typeRows(
      fake,
      PARTNERSHIPS,
      Array.from({ length: 10_000 }, (_, i) => partnership(i + 1)),
    );
    const abort = new AbortController();
    const data = await fake.run((ctx) =>
      readAuditData(
        ctx,
        { signal: abort.signal, onProgress: (p) => (p.fraction > 0 ? abort.abort() : undefined) },
        { yieldToEventLoop: noWait, checkOptions: { chunkRows: 1000 } },
      ),
    );
    expect(data.cancelled).toBe(true);
  });
});

describe("the pane's report of the open workbook", () => {
  it("one round: the report of it; two rounds: the latest, against the one before", async () => {
    const fake = await setUpWorkbook(REGIONAL);
    typeRows(fake, PARTNERSHIPS, [
      partnership(1, { district: "D01", auditRound: "2025-Q4" }),
      partnership(2, { district: "D01", auditRound: "2025-Q4" }),
      partnership(1, { district: "D01", auditRound: "2026-Q4" }),
      partnership(3, { district: "D02", auditRound: "2026-Q4" }),
    ]);
    const data = await fake.run((ctx) => readAuditData(ctx, {}, { yieldToEventLoop: noWait }));
    const input = buildWorkbookReport(data.workbook, data.findings, { madeOn: "2026-11-29" });
    expect(input.title).toBe("Partnership audit: North, 2026-Q4");
    expect(input.previousRounds).toEqual(["2025-Q4"]);
    const doc = parseHtml(renderReport(input));
    expect(figure(doc, "partnerships")).toBe("2");
    const change = tableRows(
      tableByCaption(byId(doc, "previous-round"), "Partnerships new, continuing and ended"),
    );
    expect(change).toEqual([
      ["New", "1", "P-0003"],
      ["Continuing", "1", "P-0001"],
      ["Ended", "1", "P-0002"],
    ]);
    expect(text(byId(doc, "data-quality"))).toContain("the open workbook");
  });

  it.each([
    ["Partnership audit: North West, 2026-Q4", "Partnership audit North West, 2026-Q4.html"],
    ['a/b\\c*?"<>|d', "a b c d.html"],
    ["  ...  ", "Partnership audit.html"],
    ["x".repeat(300), `${"x".repeat(100)}.html`],
    // the default title isolates a right-to-left region: the isolates are not kept in the name
    ["Partnership audit: \u2068שותפות\u2069, 2026-Q4", "Partnership audit שותפות, 2026-Q4.html"],
    ["a\u202Egpj.html", "agpj.html.html"],
  ])("reportFileName(%j) is %j", (title, name) => {
    expect(reportFileName(title)).toBe(name);
  });
});

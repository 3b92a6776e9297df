/**
 * A failing command in a batch, as the in-memory Excel answers it through Microsoft's client:
 * the commands before it stay done, the ones after it never run, and the error says where it
 * stopped (debugInfo.statement from the Error's ActionIndex, traceMessages from the TraceIds of
 * the trace actions reached). Excel refuses criteria with a null property (office-js issue 1226),
 * so such an apply is the failing command here.
 */
import { createClientExcel, type ClientExcel } from "./index";

interface BatchError {
  readonly code?: string;
  readonly traceMessages?: string[];
  readonly debugInfo?: { readonly statement?: string; readonly errorLocation?: string };
}

function workbook(): ClientExcel {
  return createClientExcel({
    sheets: [
      {
        name: "Data",
        rows: [
          ["Name", "Level"],
          ["a", "Local"],
          ["b", "Regional"],
        ],
        tables: [{ name: "Items", address: "A1:B3" }],
      },
    ],
  });
}

const REFUSED = { filterOn: "Values", values: ["Local"], color: null } as unknown as Excel.FilterCriteria;
const FINE = { filterOn: "Values", values: ["Local"] } as unknown as Excel.FilterCriteria;

/** Runs one batch: D1 written, a trace, the filter applied with `criteria`, a trace, E1 written. */
async function batch(fake: ClientExcel, criteria: Excel.FilterCriteria): Promise<BatchError | undefined> {
  return fake.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Data");
    sheet.getRange("D1").values = [["before"]];
    context.trace("D1 written");
    context.workbook.tables.getItem("Items").columns.getItemAt(1).filter.apply(criteria);
    context.trace("filter applied");
    sheet.getRange("E1").values = [["after"]];
    try {
      await context.sync();
      return undefined;
    } catch (e) {
      return e as BatchError;
    }
  });
}

describe("a batch that fails part-way", () => {
  it.each([
    ["the apply refused", REFUSED, "InvalidArgument", ["D1 written"], [["before"]], [[""]], 0],
    ["everything runs", FINE, undefined, undefined, [["before"]], [["after"]], 1],
  ] as const)(
    "%s: what ran before stays, nothing after runs, the error says where",
    async (_what, criteria, code, traces, d1, e1, filters) => {
      const fake = workbook();
      const error = await batch(fake, criteria);
      expect(error?.code).toBe(code);
      expect(error?.traceMessages).toEqual(traces);
      expect(fake.values("Data", "D1")).toEqual(d1);
      expect(fake.values("Data", "E1")).toEqual(e1);
      expect(fake.state.table("Items")?.filters.size).toBe(filters);
      expect(fake.recorder.syncCount).toBe(1);
      if (error) expect(error.debugInfo?.statement).toMatch(/\.apply\(/);
    },
  );

  it("a failure before any trace: no trace message, the statement names the failing command", async () => {
    const fake = workbook();
    const error = await fake.run(async (context) => {
      context.workbook.tables.getItem("Items").columns.getItemAt(0).filter.apply(REFUSED);
      context.trace("after the apply");
      try {
        await context.sync();
        return undefined;
      } catch (e) {
        return e as BatchError;
      }
    });
    expect(error?.code).toBe("InvalidArgument");
    expect(error?.traceMessages ?? []).toEqual([]);
    expect(error?.debugInfo?.statement).toMatch(/\.apply\(/);
  });
});

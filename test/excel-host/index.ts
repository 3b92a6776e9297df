/**
 * The Excel layer's test host: Microsoft's Excel client (client.ts) over an in-memory Excel
 * (server.ts) holding a workbook made from the same `FakeWorkbookInit` fixtures as before.
 *
 * `createClientExcel(init)` gives what the tests use: `run` (Microsoft's `Excel.run`, a real
 * `Excel.RequestContext` per batch), `excelRun` (the same, for createExcelOperations), the
 * workbook's `state` and `values` / `formulas` / `grid` to look at cells, the `recorder` whose
 * syncs are the requests that really crossed the bridge (with their real bytes), and `requests`
 * (every request, with its request and response size).
 */
import { createFakeExcel, type FakeExcel, type FakeWorkbookInit } from "../fakes/excel-fake";
import { loadExcelClient, type ClientKind, type ExcelClient } from "./client";
import { InMemoryExcel, type HostRequest } from "./server";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ClientExcel extends FakeExcel {
  /** Microsoft's Excel.run over the in-memory Excel */
  readonly run: ExcelRun;
  readonly excelRun: ExcelRun;
  /** a request context outside Excel.run (its pending commands go with its next sync) */
  context(): Excel.RequestContext;
  readonly server: InMemoryExcel;
  readonly client: ExcelClient;
  /** the add-in's requests (the client's own reference clean-up left out) */
  readonly requests: () => HostRequest[];
}

/** `client`: Excel on the web's client (the default) or Excel for Windows'. */
export function createClientExcel(init?: FakeWorkbookInit, client: ClientKind = "web"): ClientExcel {
  const fake = createFakeExcel(init);
  const server = new InMemoryExcel(fake.state, fake.recorder);
  const loaded = loadExcelClient(server, client);
  const run: ExcelRun = (batch) => loaded.Excel.run(batch);
  return {
    state: fake.state,
    recorder: fake.recorder,
    values: fake.values,
    formulas: fake.formulas,
    grid: fake.grid,
    isSetSupported: fake.isSetSupported,
    failOnce: fake.failOnce,
    run,
    excelRun: run,
    context: () => new loaded.Excel.RequestContext(),
    server,
    client: loaded,
    requests: () => server.requests.filter((r) => r.sync > 0),
  };
}

export type { FakeScalar, FakeWorkbookInit } from "../fakes/excel-fake";
export { PAYLOAD_LIMIT_BYTES, columnLetter } from "../fakes/excel-fake";

/**
 * Stands in for Office.js in the browser tests: served in place of
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js, it defines `Office` (ready in Excel)
 * and loads Microsoft's own Excel client (`excel-web-16.00.debug.js` from @microsoft/office-js,
 * served by the test at Microsoft's CDN address) with a host bridge that answers its requests from
 * the in-memory Excel of test/excel-host/server.ts. So the pane's Excel operations go through
 * Microsoft's client, as in Excel on the web. For the test driver, `window.__fakeExcel` edits
 * cells and reads the selection.
 * No Node APIs: bundled by test/browser/webpack.fake.config.js into dist-test/fake-office.js.
 */
import { parseA1 } from "../../src/core/model/a1";
import { createFakeExcel, type FakeScalar, type FakeWorkbookState } from "../fakes/excel-fake";
import { InMemoryExcel, type HostRequest, type RequestBody } from "../excel-host/server";

export interface FakeExcelDriver {
  /** writes a value as a user typing it would; a table whose last row is just above grows to include it */
  setCell(sheet: string, address: string, value: FakeScalar | null): void;
  /** writes a row of values from `address` to the right */
  setRow(sheet: string, address: string, values: readonly (FakeScalar | null)[]): void;
  /** the selected cell or range, as selectCell left it */
  selection(): { sheet: string; address: string } | null;
  sheetNames(): string[];
  /** the used range of a sheet as values */
  grid(sheet: string): FakeScalar[][];
  /** how many context.sync calls the pane has made so far */
  syncs(): number;
  /** the requests Microsoft's client sent (the client's own reference clean-up left out) */
  requests(): HostRequest[];
  /** the ribbon command ids associated with Office.actions.associate */
  commands(): string[];
  /** runs a ribbon command as Excel would; resolves when it calls event.completed() */
  runCommand(id: string): Promise<void>;
  readonly state: FakeWorkbookState;
}

declare global {
  interface Window {
    __fakeExcel: FakeExcelDriver;
  }
}

/** A test may make this "Excel" lack requirement sets: `window.__fakeRequirementSets` before the page loads. */
const fake = createFakeExcel({
  requirementSets: (window as unknown as { __fakeRequirementSets?: Record<string, string> })
    .__fakeRequirementSets,
});
const actions = new Map<string, (event: { completed(): void }) => unknown>();
const server = new InMemoryExcel(fake.state, fake.recorder);

/**
 * The host bridge Microsoft's client looks for (a global `_richApiNativeBridge`): each request
 * goes to the in-memory Excel, its answer comes back through `onMessageFromHost`, as test/excel-host
 * does in Node.
 */
interface NativeBridge {
  sendMessageToHost(text: string): void;
  onMessageFromHost?: (text: string) => void;
}
const bridge: NativeBridge = {
  sendMessageToHost(text: string) {
    const m = JSON.parse(text) as { id: number; type: number; message: { body: RequestBody | string } };
    if (m.type !== 1) return;
    const body =
      typeof m.message.body === "string" ? (JSON.parse(m.message.body) as RequestBody) : m.message.body;
    const bodyText = typeof m.message.body === "string" ? m.message.body : JSON.stringify(m.message.body);
    void server.process(body, bodyText).then((answer) => {
      bridge.onMessageFromHost?.(
        JSON.stringify({ id: m.id, type: 2, message: { statusCode: 200, body: answer } }),
      );
    });
  },
};
(window as unknown as { _richApiNativeBridge: NativeBridge })._richApiNativeBridge = bridge;

/** Microsoft's Excel client, loaded after this script (its file also defines an Office of its own). */
const CLIENT_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/excel-web-16.00.debug.js";
const clientLoaded = new Promise<typeof Excel>((resolve, reject) => {
  const script = document.createElement("script");
  script.src = CLIENT_URL;
  script.onload = () => {
    const g = window as unknown as { Excel: typeof Excel; Office: unknown };
    const client = g.Excel;
    // the client's file replaces window.Office with its own; this page's Office stays the stand-in
    g.Office = office;
    resolve(client);
  };
  script.onerror = () => reject(new Error(`Microsoft's Excel client did not load from ${CLIENT_URL}`));
  document.head.appendChild(script);
});

function sheetOf(name: string) {
  const sheet = fake.state.sheet(name);
  if (!sheet)
    throw new Error(`The fake workbook has no sheet "${name}"; sheets: ${driver.sheetNames().join(", ")}`);
  return sheet;
}

function growTables(sheetName: string, row: number, column: number): void {
  for (const t of fake.state.tables) {
    if (t.sheet.name.toLowerCase() !== sheetName.toLowerCase()) continue;
    if (column < t.c0 || column > t.c1) continue;
    if (row === t.r1 + 1) t.r1 = row;
  }
}

const driver: FakeExcelDriver = {
  setCell(sheet, address, value) {
    const s = sheetOf(sheet);
    const { r0, c0 } = parseA1(address);
    s.writeValue(r0, c0, value);
    growTables(s.name, r0, c0);
  },
  setRow(sheet, address, values) {
    const s = sheetOf(sheet);
    const { r0, c0 } = parseA1(address);
    values.forEach((v, i) => s.writeValue(r0, c0 + i, v));
    growTables(s.name, r0, c0);
  },
  selection: () => (fake.state.selection ? { ...fake.state.selection } : null),
  sheetNames: () => fake.state.sheets.map((s) => s.name),
  grid: (sheet) => fake.grid(sheet),
  syncs: () => fake.recorder.syncs.length,
  requests: () => server.requests.filter((r) => r.sync > 0),
  commands: () => [...actions.keys()],
  runCommand(id) {
    const action = actions.get(id);
    if (!action) return Promise.reject(new Error(`No command "${id}" was associated`));
    return new Promise<void>((resolve) => {
      void action({ completed: resolve });
    });
  },
  state: fake.state,
};

/** Until the client has loaded, Excel.run waits for it (a ribbon command may come first). */
const excel = {
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    clientLoaded.then((client) => client.run(batch)),
};

const ready = { host: "Excel", platform: "OfficeOnline" };
/**
 * A test may make Office.js slow to get ready (a cold start of Excel on the web), by setting
 * `window.__officeReadyDelayMs` before the page loads: every onReady then resolves that much later.
 */
const readyDelay = Number((window as unknown as { __officeReadyDelayMs?: number }).__officeReadyDelayMs ?? 0);
const readyAt = Date.now() + readyDelay;
const whenReady = (): Promise<typeof ready> =>
  clientLoaded.then(
    () => new Promise((resolve) => setTimeout(() => resolve(ready), Math.max(0, readyAt - Date.now()))),
  );
const office = {
  HostType: { Excel: "Excel" },
  PlatformType: { OfficeOnline: "OfficeOnline" },
  onReady(callback?: (info: typeof ready) => void): Promise<typeof ready> {
    return whenReady().then((info) => {
      if (callback) callback(info);
      return info;
    });
  },
  context: {
    host: "Excel",
    platform: "OfficeOnline",
    displayLanguage: "en-GB",
    contentLanguage: "en-GB",
    // what the fake workbook supports (all sets unless a test switches some off)
    requirements: { isSetSupported: (name: string, version?: string) => fake.isSetSupported(name, version) },
  },
  actions: {
    associate: (id: string, action: (event: { completed(): void }) => unknown): void => {
      actions.set(id, action);
    },
  },
  addin: {
    showAsTaskpane: (): Promise<void> => Promise.resolve(),
    hide: (): Promise<void> => Promise.resolve(),
  },
};

const globals = window as unknown as Record<string, unknown>;
globals.Office = office;
globals.Excel = excel;
window.__fakeExcel = driver;
void clientLoaded.then((client) => {
  globals.Excel = client;
});

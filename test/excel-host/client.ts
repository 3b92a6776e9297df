/**
 * Microsoft's own Excel JavaScript client, loaded unmodified from @microsoft/office-js
 * (`dist/excel-web-16.00.debug.js`: OfficeExtension, OfficeCore and Excel as Excel on the web loads
 * them; or Excel for Windows' `excel-win32-16.01.debug.js`) into a fresh vm context, with a host bridge that hands each request to an in-memory Excel
 * (server.ts) instead of a real one.
 *
 * The client talks to its host through a global `_richApiNativeBridge` when one exists: it sets
 * `bridge.onMessageFromHost` and sends each `context.sync()` as one JSON message through
 * `bridge.sendMessageToHost(text)` — `{id, type: 1, flags, message: {url: "ProcessQuery", method:
 * "POST", headers, body}}` — and waits for `{id, type: 2, message: {statusCode, body}}`. Everything
 * the add-in does therefore passes through Microsoft's code: its object paths, its request
 * building, its PropertyNotLoaded checks before anything is sent, its error objects.
 *
 * Node only (vm, fs); one context per call, so each test file gets a client of its own.
 */
import { readFileSync } from "node:fs";
import { createContext, Script } from "node:vm";
import type { InMemoryExcel, RequestBody } from "./server";

/** Excel on the web's client (the one whose requests the 5 MB limit applies to), or Windows'. */
export const CLIENT_FILES = {
  web: "excel-web-16.00.debug.js",
  win32: "excel-win32-16.01.debug.js",
} as const;
export type ClientKind = keyof typeof CLIENT_FILES;

const scripts = new Map<ClientKind, Script>();

function clientScript(kind: ClientKind): Script {
  let script = scripts.get(kind);
  if (!script) {
    const path = require.resolve(`@microsoft/office-js/dist/${CLIENT_FILES[kind]}`);
    script = new Script(readFileSync(path, "utf8"), { filename: path });
    scripts.set(kind, script);
  }
  return script;
}

interface BridgeMessage {
  readonly id: number;
  readonly type: number;
  readonly message: { readonly body: RequestBody | string };
}

interface NativeBridge {
  sendMessageToHost(text: string): void;
  onMessageFromHost?: (text: string) => void;
}

/** The client's globals after loading: `Excel` and `OfficeExtension` as Office.js defines them. */
export interface ExcelClient {
  readonly Excel: typeof Excel;
  readonly OfficeExtension: typeof OfficeExtension;
}

/** Timer callbacks of the loader that look for Office.js's own loader (absent here) throw this. */
const LOADER_NOISE = /MicrosoftAjax\.js is not loaded/;

function quietTimer(set: typeof setTimeout) {
  return (f: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) =>
    set(
      (...a: unknown[]) => {
        try {
          f(...a);
        } catch (e) {
          if (!(e instanceof Error && LOADER_NOISE.test(e.message)) && !LOADER_NOISE.test(String(e))) throw e;
        }
      },
      ms,
      ...rest,
    );
}

/** Loads the client in a fresh context whose requests `server` answers. */
export function loadExcelClient(server: InMemoryExcel, kind: ClientKind = "web"): ExcelClient {
  const file = CLIENT_FILES[kind];
  const bridge: NativeBridge = {
    sendMessageToHost(text: string) {
      const m = JSON.parse(text) as BridgeMessage;
      if (m.type !== 1) return;
      const body =
        typeof m.message.body === "string" ? (JSON.parse(m.message.body) as RequestBody) : m.message.body;
      // the request's size is that of its body, as the client would POST it to Excel on the web
      const bodyText = typeof m.message.body === "string" ? m.message.body : JSON.stringify(m.message.body);
      void server.process(body, bodyText).then((responseBody) => {
        bridge.onMessageFromHost?.(
          JSON.stringify({ id: m.id, type: 2, message: { statusCode: 200, body: responseBody } }),
        );
      });
    },
  };
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout: quietTimer(setTimeout),
    clearTimeout,
    setInterval,
    clearInterval,
    navigator: { userAgent: "Node.js" },
    location: { href: `https://localhost/${file}`, search: "", hash: "", protocol: "https:" },
    history: {},
    document: {
      getElementsByTagName: () => [{ src: `https://localhost/${file}` }],
      addEventListener: () => undefined,
      createElement: () => ({}),
    },
    _richApiNativeBridge: bridge,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  const context = createContext(sandbox);
  clientScript(kind).runInContext(context);
  if (process.env.EXCEL_HOST_LOG) server.log = (text) => console.log(text);
  return {
    Excel: sandbox.Excel as typeof Excel,
    OfficeExtension: sandbox.OfficeExtension as typeof OfficeExtension,
  };
}

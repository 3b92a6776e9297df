/**
 * A jest environment that runs Microsoft's own custom-functions runtime
 * (@microsoft/office-js, dist/custom-functions-runtime.js, unmodified) in the test's global scope,
 * so that tests can call the AUDIT functions exactly as Excel does: through the runtime's
 * dispatcher, which receives Excel's invocation messages, calls the function bound with
 * `CustomFunctions.associate` and reports each result back to Excel.
 *
 * The runtime expects a browser page and a native bridge to Excel. This environment gives it the
 * few browser globals it reads while loading (window, navigator, location, history, and a document
 * whose script element names the runtime's own file) and a bridge object,
 * `_richApiNativeBridge`, whose `sendMessageToHost(text)` hands every message the runtime sends to
 * Excel to `globalThis.__toExcel(text)` (set by test/functions/excel-dispatch.ts). The runtime sets
 * `_richApiNativeBridge.onMessageFromHost`, through which the tests send Excel's messages.
 *
 * Use it with the docblock `@jest-environment ./test/setup/custom-functions-environment.js`.
 */
const { readFileSync } = require("node:fs");
const vm = require("node:vm");
const { TestEnvironment } = require("jest-environment-node");

const RUNTIME = require.resolve("@microsoft/office-js/dist/custom-functions-runtime.js");

/** A do-nothing DOM element: the runtime's loader appends script elements and sets attributes. */
function element(extra = {}) {
  return {
    setAttribute() {},
    getAttribute() {
      return null;
    },
    appendChild() {},
    removeChild() {},
    addEventListener() {},
    removeEventListener() {},
    style: {},
    parentNode: { removeChild() {} },
    ...extra,
  };
}

/**
 * The one error the runtime's loader throws by design outside Office: with no Office host it waits
 * for Microsoft Ajax, which it never gets, and throws this string from a timer. Nothing in the
 * custom-functions dispatcher depends on it.
 */
const LOADER_ERROR = "MicrosoftAjax.js is not loaded successfully.";

class CustomFunctionsEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const g = this.global;
    // The runtime's timers (result batches, the loader's waits) run through these wrappers: they
    // are cleared when the test file ends, and the loader's one expected error is dropped.
    const timers = new Set();
    this.timers = timers;
    const realSetTimeout = g.setTimeout;
    const realClearTimeout = g.clearTimeout;
    g.setTimeout = (callback, delay, ...args) => {
      const handle = realSetTimeout(
        (...a) => {
          timers.delete(handle);
          try {
            if (typeof callback === "function") callback(...a);
          } catch (e) {
            if (e !== LOADER_ERROR) throw e;
          }
        },
        delay,
        ...args,
      );
      timers.add(handle);
      return handle;
    };
    g.clearTimeout = (handle) => {
      timers.delete(handle);
      realClearTimeout(handle);
    };
    this.clearTimers = () => {
      for (const handle of timers) realClearTimeout(handle);
      timers.clear();
    };
    g.window = g;
    g.navigator = { userAgent: "Node.js (jest)", language: "en-GB" };
    g.location = {
      href: "https://localhost:3000/taskpane.html",
      protocol: "https:",
      host: "localhost:3000",
      hostname: "localhost",
      port: "3000",
      pathname: "/taskpane.html",
      search: "",
      hash: "",
      origin: "https://localhost:3000",
    };
    g.history = { replaceState() {}, pushState() {} };
    const runtimeScript = element({ src: "https://localhost:3000/custom-functions-runtime.js" });
    g.document = {
      readyState: "complete",
      getElementsByTagName: () => [runtimeScript],
      createElement: () => element(),
      head: element(),
      body: element(),
      documentElement: element(),
      addEventListener() {},
      removeEventListener() {},
    };
    g._richApiNativeBridge = {
      sendMessageToHost(text) {
        if (typeof g.__toExcel === "function") g.__toExcel(text);
      },
    };
    vm.runInContext(readFileSync(RUNTIME, "utf8"), this.getVmContext(), { filename: RUNTIME });
  }

  async teardown() {
    if (this.clearTimers) this.clearTimers();
    await super.teardown();
  }
}

module.exports = CustomFunctionsEnvironment;

/**
 * What the two browser tests share (run.mjs: the task pane; report.mjs: the printed report): the
 * paths, a tiny test harness (ok / not ok lines and a closing count), Chromium launched headless
 * from the Debian package, webpack builds, and a static server over dist/ with axe-core at a
 * test-only path.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = join(ROOT, "dist");
export const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
export const AXE_PATH = "/__test__/axe.min.js";
export const SCREENSHOTS = join(ROOT, "docs", "screenshots");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const require = createRequire(import.meta.url);

export const log = (line) => process.stdout.write(`${line}\n`);

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * A run of named tests: `test(name, fn)` prints `ok - name (ms)` or `not ok - name` with the first
 * lines of the error; `finish()` prints `<label>: N passed, M failed` and sets the exit code;
 * `crashed(error)` does the same when the run itself failed (counted as one more failure).
 */
export function harness(label) {
  const results = [];
  const count = () => results.filter(Boolean).length;
  return {
    async test(name, fn) {
      const started = Date.now();
      try {
        await fn();
        results.push(true);
        log(`ok - ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        results.push(false);
        log(
          `not ok - ${name}\n    ${String(error instanceof Error ? (error.stack ?? error.message) : error)
            .split("\n")
            .slice(0, 6)
            .join("\n    ")}`,
        );
      }
    },
    finish() {
      const passed = count();
      log(`${label}: ${passed} passed, ${results.length - passed} failed`);
      process.exitCode = results.length === passed ? 0 : 1;
    },
    crashed(error) {
      log(`${label} test run failed: ${error instanceof Error ? error.stack : error}`);
      log(`${label}: ${count()} passed, ${results.length - count() + 1} failed`);
      process.exitCode = 1;
    },
  };
}

/** Debian's Chromium, headless, with a fresh temporary profile (Playwright makes one per launch). */
export function launchChromium(extraArgs = []) {
  assert(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
    timeout: 60000,
  });
}

export function runWebpack(config) {
  const webpack = require("webpack");
  return new Promise((done, fail) =>
    webpack(config, (error, stats) => {
      if (error) return fail(error);
      if (stats.hasErrors()) return fail(new Error(stats.toString({ all: false, errors: true })));
      done();
    }),
  );
}

/** Builds the add-in (as npm run build does) when dist/taskpane.html is missing. */
export async function buildAddInIfMissing() {
  if (existsSync(join(DIST, "taskpane.html"))) return;
  log("dist/taskpane.html is missing: building the add-in (npm run build does the same)…");
  await runWebpack(require(join(ROOT, "webpack.config.js"))({}, { mode: "production" }));
}

/** Builds dist-test/fake-office.js, the fake Office.js over the recording fake of Excel. */
export function buildFakeOffice() {
  return runWebpack(require(join(ROOT, "test", "browser", "webpack.fake.config.js")));
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
};

/**
 * A static server over dist/ on a free port of 127.0.0.1 (a folder serves its taskpane.html),
 * with axe-core at AXE_PATH; nothing outside dist/ (403).
 */
export function serveDist() {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = url.pathname === AXE_PATH ? AXE : normalize(join(DIST, decodeURIComponent(url.pathname)));
    if (path !== AXE && !path.startsWith(DIST + sep)) return res.writeHead(403).end();
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "taskpane.html");
    if (!existsSync(path)) return res.writeHead(404).end("not found");
    res.writeHead(200, { "Content-Type": TYPES[extname(path)] ?? "application/octet-stream" });
    createReadStream(path).pipe(res);
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

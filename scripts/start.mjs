#!/usr/bin/env node
/**
 * npm start: build the add-in, then serve dist/ on https://localhost:3000 with the Office add-in
 * developer certificates, and say how to sideload it.
 *
 *   node scripts/start.mjs [--prod] [--watch] [--no-build] [--port 3000]
 *
 * --prod      production build (default: development build)
 * --watch     keep webpack watching src/ and rebuilding dist/ (reload the pane to see changes)
 * --no-build  serve dist/ as it is
 * --port N    another port; the manifest in dist/ then points at https://localhost:N
 *
 * The port is tried before the build: when another program (often an earlier `npm start` still
 * running in another terminal) holds it, this says so in plain words and what to do, at once.
 *
 * Certificates: office-addin-dev-certs creates ~/.office-addin-dev-certs/{ca.crt,localhost.crt,
 * localhost.key}. Trusting its CA needs administrator rights (sudo); when that fails the server
 * still starts, and the browser or Excel must be told to trust ca.crt by hand (see the message).
 * Stop with Ctrl+C (SIGINT) or SIGTERM.
 */
import { spawn } from "node:child_process";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:https";
import { createServer as createTcpServer } from "node:net";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const WEBPACK = join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "webpack.cmd" : "webpack");
const CERT_DIR = join(homedir(), ".office-addin-dev-certs");
const require = createRequire(import.meta.url);

const say = (text) => process.stdout.write(`${text}\n`);
const warn = (text) => process.stderr.write(`${text}\n`);

function parseArgs(argv) {
  const options = { prod: false, watch: false, build: true, port: 3000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--prod") options.prod = true;
    else if (a === "--watch") options.watch = true;
    else if (a === "--no-build") options.build = false;
    else if (a === "--port") options.port = Number(argv[++i]);
    else if (a.startsWith("--port=")) options.port = Number(a.slice("--port=".length));
    else {
      warn(
        `Unknown option ${a}. Usage: node scripts/start.mjs [--prod] [--watch] [--no-build] [--port 3000]`,
      );
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    warn("--port needs a whole number from 1 to 65535, e.g. --port 3000");
    process.exit(2);
  }
  return options;
}

/** true when the localhost certificate exists, matches its key and is valid for at least a day. */
function certificateUsable(certFile, keyFile) {
  try {
    const cert = new X509Certificate(readFileSync(certFile));
    const key = createPrivateKey(readFileSync(keyFile));
    return cert.checkPrivateKey(key) && Date.parse(cert.validTo) > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/** Makes sure the developer certificates exist; installing the CA is attempted but may fail. */
async function ensureCertificates() {
  const certs = require("office-addin-dev-certs");
  const files = ["ca.crt", "localhost.crt", "localhost.key"].map((f) => join(CERT_DIR, f));
  // Installing the CA runs `sudo`, which would wait for a password: only try when someone can answer.
  if (process.stdin.isTTY) {
    try {
      await certs.ensureCertificatesAreInstalled();
    } catch (error) {
      warn(
        `Note: the developer CA could not be trusted automatically (${error instanceof Error ? error.message : error}).`,
      );
    }
  }
  // (office-addin-dev-certs' verifyCertificates() also demands a trusted CA, which would make a new
  // CA on every start here; check the files themselves instead.)
  const valid = existsSync(files[0]) && certificateUsable(files[1], files[2]);
  if (!valid) await certs.generateCertificates();
  if (!files.every((f) => existsSync(f))) {
    throw new Error(
      `Developer certificates are missing from ${CERT_DIR}: run npx office-addin-dev-certs install`,
    );
  }
  let trusted = false;
  try {
    trusted = certs.isCaCertificateInstalled();
  } catch {
    trusted = false;
  }
  if (!trusted) {
    warn(
      [
        `The developer CA ${join(CERT_DIR, "ca.crt")} is not trusted by this system yet.`,
        "  Trust it once: npx office-addin-dev-certs install (asks for an administrator password),",
        "  or import ca.crt as a trusted root in your browser. Until then browsers warn about the certificate.",
      ].join("\n"),
    );
  }
  const [ca, cert, key] = files.map((f) => readFileSync(f));
  return { ca, cert, key };
}

/** Why the port cannot be served on, in words that say what to do; null when it is free. */
function portProblem(port, code) {
  const next = port === 65535 ? port - 1 : port + 1;
  if (code === "EADDRINUSE")
    return [
      `Port ${port} is already in use, so the add-in cannot be served there.`,
      "  Another npm start may still be running: stop it with Ctrl+C in its terminal (or close that terminal),",
      `  or serve on another port: npm start -- --port ${next}`,
      `  (the manifest in dist/ then points at https://localhost:${next}: upload dist/manifest.xml to Excel again).`,
    ].join("\n");
  if (code === "EACCES")
    return `Port ${port} needs administrator rights on this system; choose one above 1023: npm start -- --port 3000`;
  return null;
}

/** Resolves with null when `port` on localhost can be listened on, else with what to do. */
function checkPort(port) {
  return new Promise((resolveCheck) => {
    const probe = createTcpServer();
    probe.once("error", (error) => resolveCheck(portProblem(port, error.code) ?? error.message));
    probe.listen(port, "localhost", () => probe.close(() => resolveCheck(null)));
  });
}

let watcher = null;

function build(prod, port, watch) {
  const args = ["--mode", prod ? "production" : "development"];
  if (port !== 3000) args.push("--env", `baseUrl=https://localhost:${port}`);
  if (watch) args.push("--watch");
  say(`> webpack ${args.join(" ")}`);
  const child = spawn(WEBPACK, args, { cwd: ROOT, stdio: "inherit" });
  if (watch) {
    watcher = child;
    return Promise.resolve();
  }
  return new Promise((resolveBuild, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0
        ? resolveBuild()
        : reject(new Error(`webpack stopped (${signal ?? `exit code ${code}`}): fix the errors above`)),
    );
  });
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".css": "text/css; charset=utf-8",
};

function serve(tls, port) {
  const server = createServer(tls, (req, res) => {
    const url = new URL(req.url ?? "/", "https://localhost");
    let path;
    try {
      path = normalize(join(DIST, decodeURIComponent(url.pathname)));
    } catch {
      res.writeHead(400).end("Bad request");
      return;
    }
    if (path !== DIST && !path.startsWith(DIST + sep)) {
      res.writeHead(403).end("Forbidden");
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "taskpane.html");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    if (!existsSync(path)) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${url.pathname}`);
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      // Office on the web fetches functions.json and the manifest's icons from its own origin.
      "Access-Control-Allow-Origin": "*",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(path).pipe(res);
  });
  return new Promise((resolveServer, reject) => {
    server.once("error", (error) => {
      const problem = portProblem(port, error.code);
      reject(problem ? new PortError(problem) : error);
    });
    server.listen(port, "localhost", () => resolveServer(server));
  });
}

function instructions(port) {
  const base = `https://localhost:${port}`;
  return [
    "",
    `Partnership Audit is served at ${base}/taskpane.html (manifest: dist/manifest.xml).`,
    "",
    "Sideload in Excel on the web:",
    "  1. Open a workbook at office.com (same computer, so that localhost resolves here).",
    "  2. Insert (or Home) > Add-ins > More add-ins > My add-ins > Upload My Add-in.",
    `  3. Choose ${join(ROOT, "dist", "manifest.xml")} and Upload. "Partnership audit" appears on the Home tab.`,
    "",
    "Sideload in Excel on Windows or Mac:",
    "  Windows or Mac: npx office-addin-debugging start manifest.xml desktop (fetched on demand; not a dependency).",
    "  Windows, by hand: share a folder holding dist/manifest.xml, add it under File > Options > Trust Center >",
    "    Trust Center Settings > Trusted Add-in Catalogs (Show in Menu), restart Excel, then Home > Add-ins >",
    "    Advanced > Shared Folder > Partnership Audit.",
    "",
    "Press Ctrl+C to stop.",
  ].join("\n");
}

/** The port cannot be used: the message says what to do. */
class PortError extends Error {}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const problem = await checkPort(options.port);
  if (problem) throw new PortError(problem);
  const tls = await ensureCertificates();
  if (options.build) await build(options.prod, options.port, false);
  if (!existsSync(join(DIST, "taskpane.html"))) {
    throw new Error("dist/taskpane.html is missing: run without --no-build, or npm run build");
  }
  const server = await serve(tls, options.port);
  if (options.watch) await build(options.prod, options.port, true);
  say(instructions(options.port));

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping the server.`);
    if (watcher && watcher.exitCode === null) watcher.kill("SIGTERM");
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error) => {
  if (error instanceof PortError) warn(error.message);
  else warn(`npm start failed: ${error instanceof Error ? error.message : error}`);
  if (watcher && watcher.exitCode === null) watcher.kill("SIGTERM");
  process.exit(1);
});

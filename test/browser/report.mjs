#!/usr/bin/env node
/**
 * Browser test of the audit report in headless Chromium.
 *
 * The report is made by the command-line tool, as people make it: `demo` writes 11 district returns
 * and their regional workbook, then `report` makes the report of this round with a previous round
 * (so that every section is there) and a hostile title. Then:
 * - JavaScript switched off: the page loads with no request but itself, no console error and no page
 *   error, and shows its sections (it needs no script).
 * - axe-core scans it (a second context with JavaScript on, only so axe itself can run; the report
 *   has no script, so it is the same page): no serious or critical violation.
 * - Laid out for print at the width of an A4 page's text, nothing is wider than the page.
 * - It is printed to PDF (A4): the page size is A4, the page count is in the expected range, every
 *   question section and "Since the previous round" and "Data quality" start a page (read back with
 *   pdftotext from Debian's poppler-utils), every page shows the title and "Page N of M".
 * - The first pages, as printed, are saved to docs/screenshots/report-page-N.png (pdftoppm), and the
 *   page with Value for time's chart of hours per partnership to report-value-for-time.png.
 * - The task pane's Report view (the built pane over the stand-in Office.js of the pane's own browser
 *   tests, with Microsoft's Excel client over the in-memory Excel): its code loads only when the view is first shown; Make report reads the workbook and
 *   offers a Blob URL download of the same HTML and a dialog with the report to print; no request to
 *   another host, no console error, no serious axe violation; photographed to
 *   docs/screenshots/report-view.png.
 *
 * The two printing tests (PDF and the screenshots of printed pages) need poppler-utils and run only
 * with `--print` (`npm run test:interop`); everything else needs only /usr/bin/chromium. Prints
 * `report browser: N passed, M failed` and exits 1 on any failure.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  AXE,
  AXE_PATH,
  CHROMIUM,
  ROOT,
  SCREENSHOTS,
  assert,
  buildAddInIfMissing,
  buildFakeOffice,
  harness,
  launchChromium,
  log,
  serveDist,
} from "./harness.mjs";

const BIN = join(ROOT, "bin", "partnership-audit.cjs");
const OUTPUT = join(ROOT, "test-output");
const FAKE_OFFICE = join(ROOT, "dist-test", "fake-office.js");
const EXCEL_CLIENT = createRequire(import.meta.url).resolve(
  "@microsoft/office-js/dist/excel-web-16.00.debug.js",
);
const TITLE = "North West audit </style><script>alert(1)</script> — Gŵyr";
// each heading's text is exactly the study's question; the style sheet draws "Question N. " before it
const QUESTIONS = [
  "With which strategic partnerships are we engaged at local and regional levels?",
  "Which staff are involved, and in what ways?",
  "What are the main barriers?",
  "What is the impact of our involvement?",
  "What support or guidance would help?",
];
/** The headings as printed, with the number the style sheet draws. */
const PRINTED_QUESTIONS = QUESTIONS.map((q, i) => `Question ${i + 1}. ${q}`);

const { test, finish, crashed } = harness("report browser");
/** `--print`: also print the report to PDF and read it back with poppler-utils */
const PRINT = process.argv.includes("--print");
const printTest = PRINT ? test : async () => {};

/** A copy of a demo return as the round before: its round (in Settings and every row) one year earlier. */
function earlierRound(from, to) {
  const parts = unzipSync(readFileSync(from));
  for (const [name, data] of Object.entries(parts))
    if (name.endsWith(".xml")) parts[name] = strToU8(strFromU8(data).replaceAll("2026-Q4", "2025-Q4"));
  writeFileSync(to, zipSync(parts));
}

function cli(cwd, ...args) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, SOURCE_DATE_EPOCH: "1798416000" },
  });
  assert(r.status === 0, `partnership-audit ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r;
}

function tool(name) {
  const r = spawnSync(name, ["-v"], { encoding: "utf8" });
  return r.error === undefined;
}

/** Normalises a PDF text line: pdftotext writes a heading wrapped over lines; join on spaces. */
const squash = (s) => s.replace(/\s+/g, " ").trim();

async function main() {
  assert(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  assert(
    !PRINT || (tool("pdftotext") && tool("pdfinfo")),
    "pdftotext/pdfinfo are missing: apt-get install -y poppler-utils",
  );
  const work = mkdtempSync(join(tmpdir(), "pa-report-browser-"));
  mkdirSync(OUTPUT, { recursive: true });
  const browser = await launchChromium();
  try {
    cli(work, "demo", "demo");
    const current = Array.from({ length: 11 }, (_, i) =>
      join("demo", `D${String(i + 1).padStart(2, "0")}.xlsx`),
    );
    // this round: all 11 districts; previous round: the first 8 as they were a year before (a
    // comparison with new partnerships; a previous round must be an earlier one)
    mkdirSync(join(work, "previous"));
    const previous = current.slice(0, 8).map((file, i) => {
      const to = join("previous", `D${String(i + 1).padStart(2, "0")}.xlsx`);
      earlierRound(join(work, file), join(work, to));
      return to;
    });
    cli(work, "report", "report.html", ...current, "--previous", ...previous, "--title", TITLE);
    const file = join(work, "report.html");
    const url = pathToFileURL(file).href;

    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1000, height: 1300 },
    });
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    // Anything but the report itself would be a request to somewhere: refuse it (and count it).
    await context.route(
      (u) => u.href !== url,
      (route) => route.abort("blockedbyclient"),
    );

    await test("opens with JavaScript off: no request but itself, no console error, every section shown", async () => {
      await page.goto(url, { waitUntil: "load" });
      assert(requests.length === 1 && requests[0] === url, `requests: ${requests.join(", ")}`);
      assert(problems.length === 0, problems.join("\n"));
      assert((await page.title()) === TITLE, `title is ${await page.title()}`);
      for (const [i, q] of QUESTIONS.entries()) {
        const h = squash(await page.locator(`#q${i + 1}-h`).innerText());
        assert(h === q, `question ${i + 1} heading is "${h}"`);
      }
      for (const id of ["at-a-glance", "previous-round", "data-quality"]) {
        assert(await page.locator(`#${id}`).isVisible(), `#${id} is not shown`);
      }
      assert((await page.locator("script").count()) === 0, "the page has a script element");
      const svgs = await page.locator("svg[role=img]").count();
      assert(svgs >= 10, `expected at least 10 charts, found ${svgs}`);
      // the hostile title is text in the heading, not markup
      assert(
        (await page.locator("h1").innerText()).includes("<script>alert(1)</script>"),
        "title not shown as text",
      );
      await page.screenshot({ path: join(OUTPUT, "report-screen.png") });
    });

    await test("axe finds no serious or critical violation", async () => {
      const axeContext = await browser.newContext({ viewport: { width: 1000, height: 1300 } });
      await axeContext.route(
        (u) => u.href !== url,
        (route) => route.abort("blockedbyclient"),
      );
      const axePage = await axeContext.newPage();
      await axePage.goto(url);
      await axePage.addScriptTag({ content: readFileSync(AXE, "utf8") });
      const violations = await axePage.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
        }));
      });
      await axeContext.close();
      const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      const minor = violations.filter((v) => !bad.includes(v));
      if (minor.length) log(`    axe (not failing): ${minor.map((v) => `${v.id} [${v.impact}]`).join(", ")}`);
      assert(bad.length === 0, bad.map((v) => `${v.id} [${v.impact}]: ${v.nodes.join(", ")}`).join("\n"));
    });

    await test("every table, chart and paragraph fits the width of an A4 page's text (180 mm)", async () => {
      // A4 is 210 mm wide and the page's margins are 15 mm each side: 180 mm of text, 680 CSS pixels
      const printContext = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 680, height: 1000 },
      });
      await printContext.route(
        (u) => u.href !== url,
        (route) => route.abort("blockedbyclient"),
      );
      const printPage = await printContext.newPage();
      await printPage.emulateMedia({ media: "print" });
      await printPage.goto(url);
      const wide = await printPage.evaluate(() => {
        const right = document.body.getBoundingClientRect().right;
        return [...document.querySelectorAll("table, figure, svg, p, h1, h2, h3, dl, ul")]
          .filter((e) => e.getBoundingClientRect().right > right + 0.5)
          .map(
            (e) =>
              `${e.tagName} ${(e.querySelector("caption")?.textContent ?? e.textContent ?? "").trim().slice(0, 60)}`,
          );
      });
      await printContext.close();
      assert(wide.length === 0, `wider than the page: ${wide.join("; ")}`);
    });

    const pdf = join(OUTPUT, "report.pdf");
    await printTest("prints on A4 portrait; each question, the comparison and data quality start a page", async () => {
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true, printBackground: true });
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
      assert(
        size && Math.abs(Number(size[1]) - 595.28) < 1 && Math.abs(Number(size[2]) - 841.89) < 1,
        `page size: ${size?.[0]}`,
      );
      // title page + 5 questions + comparison + data quality, each at least a page; the demo's
      // partnership list and findings make a few more, and no chart or table runs wild
      assert(pages >= 8 && pages <= 30, `expected 8 to 30 pages, got ${pages}`);
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
      const pageTexts = text.split("\f").slice(0, pages);
      assert(pageTexts.length === pages, `pdftotext gave ${pageTexts.length} pages of ${pages}`);
      const body = (p) =>
        p
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== "" && !/^Page \d+ of \d+$/.test(l) && !l.startsWith("North West audit"));
      for (const [i, p] of pageTexts.entries()) {
        assert(p.includes(`Page ${i + 1} of ${pages}`), `page ${i + 1} has no "Page ${i + 1} of ${pages}"`);
        assert(
          p.includes("North West audit </style><script>alert(1)</script>"),
          `page ${i + 1} does not show the title`,
        );
      }
      const starts = [...PRINTED_QUESTIONS, "Since the previous round", "Data quality"];
      let last = 0;
      for (const heading of starts) {
        const at = pageTexts.findIndex((p) => squash(body(p).slice(0, 3).join(" ")).startsWith(heading));
        assert(at >= 0, `no page starts with "${heading}"`);
        assert(at > last, `"${heading}" starts page ${at + 1}, not after the previous section`);
        last = at;
      }
      log(`    ${pages} A4 pages`);
    });

    await printTest("screenshots of the first printed pages of the demo's report.html in docs/screenshots", async () => {
      assert(tool("pdftoppm"), "pdftoppm is missing: apt-get install -y poppler-utils");
      mkdirSync(SCREENSHOTS, { recursive: true });
      const demoUrl = pathToFileURL(join(work, "demo", "report.html")).href;
      const demoContext = await browser.newContext({ javaScriptEnabled: false });
      await demoContext.route(
        (u) => u.href !== demoUrl,
        (route) => route.abort("blockedbyclient"),
      );
      const demoPage = await demoContext.newPage();
      await demoPage.goto(demoUrl);
      await demoPage.emulateMedia({ media: "print" });
      const demoPdf = join(work, "demo-report.pdf");
      await demoPage.pdf({ path: demoPdf, format: "A4", preferCSSPageSize: true, printBackground: true });
      await demoContext.close();
      const prefix = join(work, "page");
      execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", demoPdf, prefix]);
      for (let n = 1; n <= 3; n++) {
        const made = [`${prefix}-${n}.png`, `${prefix}-0${n}.png`, `${prefix}-00${n}.png`].find(existsSync);
        assert(made, `pdftoppm wrote no image of page ${n}`);
        renameSync(made, join(SCREENSHOTS, `report-page-${n}.png`));
      }
      // Value for time (question 4): the printed page that draws the chart of hours per partnership
      const demoPages = execFileSync("pdftotext", ["-layout", demoPdf, "-"], { encoding: "utf8" }).split(
        "\f",
      );
      const vft = demoPages.findIndex((p) => p.includes("Hours a year per partnership"));
      assert(vft >= 0, "no printed page shows the chart of hours per partnership");
      assert(
        demoPages
          .slice(vft - 1, vft + 2)
          .some((p) => /flagged Review: low value for the time/.test(squash(p))),
        "the partnerships flagged Review are not said in words beside the chart",
      );
      const vftPrefix = join(work, "vft");
      execFileSync("pdftoppm", [
        "-png",
        "-r",
        "60",
        "-f",
        String(vft + 1),
        "-l",
        String(vft + 1),
        demoPdf,
        vftPrefix,
      ]);
      const vftMade = readdirSync(work).find((f) => f.startsWith("vft") && f.endsWith(".png"));
      assert(vftMade, `pdftoppm wrote no image of page ${vft + 1}`);
      renameSync(join(work, vftMade), join(SCREENSHOTS, "report-value-for-time.png"));
    });
    await context.close();

    await test("the task pane's Report view makes the report, offers it to save and to print", async () => {
      await paneReport(browser);
    });
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
  finish();
}

// ---------------------------------------------------------------------------------------------
// The task pane's Report view, over the fake Office.js that test/browser/run.mjs builds

async function paneReport(browser) {
  await buildAddInIfMissing();
  if (!existsSync(FAKE_OFFICE)) await buildFakeOffice();
  const server = await serveDist();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const context = await browser.newContext({
    viewport: { width: 360, height: 700 },
    locale: "en-GB",
    reducedMotion: "reduce",
    acceptDownloads: true,
  });
  try {
    const fakeOffice = readFileSync(FAKE_OFFICE, "utf8");
    // the stand-in Office.js loads Microsoft's Excel client from Microsoft's CDN address: served
    // from @microsoft/office-js, so the pane reads the workbook through Microsoft's client
    const excelClient = readFileSync(EXCEL_CLIENT, "utf8");
    await context.route("https://appsforoffice.microsoft.com/**", (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/javascript; charset=utf-8",
        body: route.request().url().endsWith("/excel-web-16.00.debug.js") ? excelClient : fakeOffice,
      }),
    );
    const problems = [];
    const requests = [];
    await context.route(
      (u) =>
        u.protocol !== "blob:" &&
        u.protocol !== "data:" &&
        u.hostname !== "127.0.0.1" &&
        u.hostname !== "appsforoffice.microsoft.com",
      (route) => {
        problems.push(`request to another host: ${route.request().url()}`);
        return route.abort("blockedbyclient");
      },
    );
    const page = await context.newPage();
    page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${origin}/taskpane.html`);
    await page.getByRole("heading", { name: "Partnership Audit", level: 1 }).waitFor({ timeout: 20000 });
    await page.getByRole("button", { name: "Set up workbook" }).click();
    await page.getByText("Workbook set up").waitFor({ timeout: 30000 });
    await page.evaluate(() => {
      const fake = window.__fakeExcel;
      const headers = fake.grid("Partnerships")[0].map(String);
      const row = {
        "Partnership ID": "P-0001",
        Partnership: "Anytown <b>Skills</b> Board",
        Level: "Local",
        Type: "Employment and skills partnership",
        Region: "North West",
        District: "D01",
        "Our role": "Key",
        Barriers: "Pressure on key staff time",
        "Audit round": "2026-Q4",
      };
      fake.setRow(
        "Partnerships",
        "A2",
        headers.map((h) => row[h] ?? null),
      );
    });
    const chunksBefore = requests.filter((u) => u.includes("/chunks/")).length;
    await page.getByRole("tab", { name: "Report" }).click();
    const panel = page.getByRole("tabpanel", { name: "Report" });
    await panel.getByRole("button", { name: "Make report" }).waitFor({ timeout: 20000 });
    assert(
      requests.filter((u) => u.includes("/chunks/")).length > chunksBefore,
      "the Report view did not load its code on demand (no new chunk requested)",
    );
    await panel.getByRole("button", { name: "Make report" }).click();
    await panel.getByText("Report ready").waitFor({ timeout: 30000 });
    const save = panel.getByRole("link", { name: /^Save report/ });
    const href = (await save.getAttribute("href")) ?? "";
    const download = (await save.getAttribute("download")) ?? "";
    assert(href.startsWith("blob:"), `the Save link is not a Blob URL: ${href}`);
    assert(download.endsWith(".html"), `the Save link's file name: ${download}`);
    // what the user gets by clicking the link: a download of the report
    const [file] = await Promise.all([page.waitForEvent("download"), save.click()]);
    assert(file.suggestedFilename() === download, `downloaded as ${file.suggestedFilename()}`);
    const saved = readFileSync(await file.path(), "utf8");
    assert(saved.startsWith("<!DOCTYPE html>"), "the saved file is not the report");
    assert(
      saved.includes("Anytown &lt;b&gt;Skills&lt;/b&gt; Board"),
      "the saved report lacks the typed partnership (as text)",
    );
    assert(saved.includes(QUESTIONS[4]), "the saved report lacks question 5");
    await panel.getByRole("button", { name: "Open to print" }).click();
    const dialog = page.getByRole("dialog", { name: "Audit report" });
    await dialog.waitFor();
    const frame = page.frameLocator("iframe[title='Audit report']");
    await frame.getByRole("heading", { level: 1 }).waitFor({ timeout: 10000 });
    const h1 = await frame.getByRole("heading", { level: 1 }).innerText();
    assert(h1 === "Partnership audit: North West, 2026-Q4", `the dialog's report is titled "${h1}"`);
    assert((await dialog.getByRole("button", { name: "Print" }).count()) === 1, "no Print button");
    await page.evaluate(() =>
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
    );
    await page.addScriptTag({ url: AXE_PATH });
    const bad = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      const dummy = (n) =>
        n.html.includes("data-tabster-dummy") || n.html.includes('data-is-focus-trap-zone-bumper="true"');
      return r.violations
        .map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: (v.id === "aria-hidden-focus" ? v.nodes.filter((n) => !dummy(n)) : v.nodes).map((n) =>
            n.target.join(" "),
          ),
        }))
        .filter((v) => v.nodes.length > 0 && (v.impact === "serious" || v.impact === "critical"));
    });
    assert(
      bad.length === 0,
      `axe: ${bad.map((v) => `${v.id} [${v.impact}] ${v.nodes.slice(0, 3).join(", ")}`).join("; ")}`,
    );
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "hidden" });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "report-view.png"), animations: "disabled" });
    assert(problems.length === 0, problems.join("\n"));
  } finally {
    await context.close();
    server.close();
  }
}

main().catch(crashed);

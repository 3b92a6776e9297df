#!/usr/bin/env node
/**
 * Browser tests of the BUILT task pane (dist/taskpane.html) in headless Chromium.
 *
 * - Inside "Excel": Office.js is replaced (page.route) by dist-test/fake-office.js, which loads
 *   Microsoft's own Excel client (excel-web-16.00.debug.js from @microsoft/office-js) and answers its
 *   requests from the in-memory Excel of test/excel-host/server.ts: the pane's real Excel
 *   operations go through Microsoft's client. The test sets
 *   up a workbook, types a bad row, runs the check, clicks the finding and checks the selected cell;
 *   it also goes through Overview, Settings and Import returns.
 * - Loading: Office.js ready only after 8 s still opens the pane and its views (the pane waits as
 *   long as Excel takes, saying it is loading); the ribbon's Check command fired before the pane has
 *   mounted still shows its findings once it does; the views a user has not opened are not loaded.
 * - Outside Excel: Office.js missing (404) or ready with no host: the page explains what it is and
 *   how to sideload it; never ready: it keeps waiting, says so, and offers the help page.
 * - The help page (dist/help.html): one anchor per function, no serious accessibility violation.
 * Every wait is for a condition (an element, a request, a value), never a fixed time.
 * - Every view is scanned with axe-core (no serious or critical violation) and photographed into
 *   docs/screenshots/<view>.png at task-pane size.
 * - The page's Content-Security-Policy stays in force: axe is served from the page's own origin, and
 *   any CSP violation, page error, console error or request to another host fails the run.
 *
 * Needs /usr/bin/chromium (Debian package chromium) and a build (npm run build). Prints
 * `browser: N passed, M failed` and exits 1 on any failure.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  AXE,
  AXE_PATH,
  CHROMIUM,
  DIST,
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

const FAKE_BUNDLE = join(ROOT, "dist-test", "fake-office.js");
const EXCEL_CLIENT = createRequire(import.meta.url).resolve(
  "@microsoft/office-js/dist/excel-web-16.00.debug.js",
);
const OFFICE_JS = "https://appsforoffice.microsoft.com/**";
const VIEWPORT = { width: 360, height: 700 };
const { test, finish, crashed } = harness("browser");
const require = createRequire(import.meta.url);

/** Watches a page for errors, console errors (CSP violations among them) and requests to other hosts. */
async function watch(page, origin) {
  const problems = [];
  const requests = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // CSP violations (eval, inline script, another host) are reported to the page as events too.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      );
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("request", (request) => {
    const url = request.url();
    requests.push(url);
    if (
      !url.startsWith(origin) &&
      !url.startsWith("https://appsforoffice.microsoft.com/") &&
      !url.startsWith("data:")
    ) {
      problems.push(`request to another host: ${url}`);
    }
  });
  return {
    requests,
    check(allow = () => false) {
      const left = problems.filter((p) => !allow(p));
      assert(left.length === 0, left.join("\n"));
    },
  };
}

async function newContext(browser, officeJs) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: "en-GB",
    reducedMotion: "reduce",
  });
  // Office.js: the fake, a stub, or 404. Nothing else leaves the machine.
  await context.route(OFFICE_JS, officeJs);
  await context.route(
    (url) =>
      url.protocol !== "data:" &&
      url.hostname !== "127.0.0.1" &&
      url.hostname !== "appsforoffice.microsoft.com",
    (route) => route.abort("blockedbyclient"),
  );
  return context;
}

async function axeScan(page, view) {
  // Scan the settled page: a dialog fading in has not reached its real colours yet.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
  );
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.addScriptTag({ url: AXE_PATH });
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    // Fluent UI's focus manager (Tabster) puts focusable aria-hidden "dummy" elements around focus
    // groups; on focus they pass it on at once. Known false positive of aria-hidden-focus
    // (microsoft/tabster#288; Accessibility Insights suppresses it: accessibility-insights-web#7605).
    // Only those nodes are left out: any other aria-hidden-focus node still counts.
    const tabsterDummy = (node) =>
      node.html.includes("data-tabster-dummy") || node.html.includes('data-is-focus-trap-zone-bumper="true"');
    return result.violations
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        all: v.nodes.length,
        nodes: (v.id === "aria-hidden-focus" ? v.nodes.filter((n) => !tabsterDummy(n)) : v.nodes).map((n) =>
          n.target.join(" "),
        ),
      }))
      .filter((v) => v.nodes.length > 0);
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const minor = violations.filter((v) => !bad.includes(v));
  if (minor.length > 0)
    log(`    axe (${view}, not failing): ${minor.map((v) => `${v.id} [${v.impact}]`).join(", ")}`);
  assert(
    bad.length === 0,
    `axe found ${bad.length} serious or critical violation(s) in ${view}:\n` +
      bad.map((v) => `  ${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 5).join(", ")}`).join("\n"),
  );
}

async function screenshot(page, view) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${view}.png`), animations: "disabled" });
}

async function showView(page, label) {
  await page.getByRole("tab", { name: label }).click();
  await page.getByRole("tabpanel", { name: label }).waitFor({ state: "visible" });
}

/**
 * A district return to import: the project's fixture written by the command-line tool's template
 * (test/fixtures/exceljs-return.xlsx) when present, else a small one made here with exceljs.
 */
async function districtReturn() {
  const fixture = join(ROOT, "test", "fixtures", "exceljs-return.xlsx");
  if (existsSync(fixture)) return { name: "exceljs-return.xlsx", buffer: readFileSync(fixture), full: true };
  const ExcelJS = require("exceljs");
  const workbook = new ExcelJS.Workbook();
  const settings = workbook.addWorksheet("Settings");
  settings.addRows([
    ["Setting", "Value", "What it is"],
    ["Region", "North West", ""],
    ["District", "D01", ""],
    ["Audit round", "2026-Q4", ""],
  ]);
  const sheet = workbook.addWorksheet("Partnerships");
  sheet.addTable({
    name: "Partnerships",
    ref: "A1",
    columns: ["Partnership ID", "Partnership", "Level", "Type", "Region", "Our role"].map((name) => ({
      name,
    })),
    rows: [
      [
        "P-0001",
        "Anytown Employment and Skills Board",
        "Local",
        "Employment and skills partnership",
        "North West",
        "Key",
      ],
    ],
  });
  return { name: "D01-2026-Q4.xlsx", buffer: Buffer.from(await workbook.xlsx.writeBuffer()), full: false };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  assert(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  await buildAddInIfMissing();
  await buildFakeOffice();
  const fakeOffice = readFileSync(FAKE_BUNDLE, "utf8");
  const excelClient = readFileSync(EXCEL_CLIENT, "utf8");
  /**
   * Office.js answered by the stand-in, and Microsoft's Excel client (which the stand-in loads from
   * Microsoft's CDN address) answered from @microsoft/office-js: the pane's Excel calls go through
   * Microsoft's client to the in-memory Excel.
   */
  const serveFake = (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/javascript; charset=utf-8",
      body: route.request().url().endsWith("/excel-web-16.00.debug.js") ? excelClient : fakeOffice,
    });
  const server = await serveDist();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const chrome = await launchChromium(["--disable-quic"]);

  try {
    // ---------------- inside Excel (the fake) ----------------
    const context = await newContext(chrome, serveFake);
    const page = await context.newPage();
    const watcher = await watch(page, origin);
    let badCell = "";

    await test("the pane opens inside Excel with its seven views", async () => {
      await page.goto(`${origin}/taskpane.html`);
      await page.getByRole("heading", { name: "Partnership Audit", level: 1 }).waitFor();
      for (const label of ["Set up", "Check", "Overview", "Settings", "Import", "Survey", "Report"]) {
        assert(await page.getByRole("tab", { name: label }).isVisible(), `no ${label} tab`);
      }
      // the first view comes with the pane; the others are loaded only when first opened
      const views = watcher.requests.filter((u) => /\/chunks\/view-/.test(u));
      assert(views.length === 0, `views loaded before they were opened: ${views.join(", ")}`);
      watcher.check();
    });

    await test("Set up: previews the plan and sets up an empty workbook", async () => {
      const button = page.getByRole("button", { name: "Set up workbook" });
      await page.getByRole("list", { name: "Planned changes" }).waitFor();
      await button.click();
      await page.getByText("Workbook set up").waitFor({ timeout: 20000 });
      const sheets = await page.evaluate(() => window.__fakeExcel.sheetNames());
      for (const s of ["Settings", "Partnerships", "Representation", "Lists"]) {
        assert(sheets.includes(s), `set-up did not add the ${s} sheet (sheets: ${sheets.join(", ")})`);
      }
      // set-up went through Microsoft's client: its requests reached the in-memory Excel
      const client = await page.evaluate(() => ({
        microsoft: typeof window.OfficeExtension?.ClientRequestContext === "function",
        requests: window.__fakeExcel.requests().length,
        largest: Math.max(0, ...window.__fakeExcel.requests().map((r) => r.requestBytes)),
      }));
      assert(client.microsoft, "Excel is not Microsoft's client");
      assert(client.requests >= 3, `only ${client.requests} requests reached the in-memory Excel`);
      assert(client.largest < 5_000_000, `a request of ${client.largest} bytes`);
      // after set-up the pane sizes the Summary charts (four, the value-for-time chart among them): each gets exactly one series
      await page.waitForFunction(
        () => {
          const charts = window.__fakeExcel.state.sheet("Summary")?.charts ?? [];
          return (
            charts.length === 4 && charts.every((c) => c.series.length === 1 && c.series[0].xValues !== "")
          );
        },
        null,
        { timeout: 30000 },
      );
      await axeScan(page, "setup");
      await screenshot(page, "setup");
      watcher.check();
    });

    await test("Check: a bad role is found, and clicking it selects its cell", async () => {
      badCell = await page.evaluate(() => {
        const fake = window.__fakeExcel;
        const headers = fake.grid("Partnerships")[0].map(String);
        const row = {
          "Partnership ID": "P-0001",
          Partnership: "Anytown Employment and Skills Board",
          Level: "Local",
          Type: "Employment and skills partnership",
          Region: "North West",
          District: "D01",
          "Our role": "Boss",
          "Audit round": "2026-Q4",
        };
        const values = headers.map((h) => row[h] ?? null);
        fake.setRow("Partnerships", "A2", values);
        const col = headers.indexOf("Our role");
        if (col < 0) throw new Error(`no Our role header in ${headers.join(", ")}`);
        return `${String.fromCharCode(65 + col)}2`;
      });
      await showView(page, "Check");
      await page.getByRole("switch", { name: "Mark cells" }).check();
      await page.getByRole("button", { name: "Run check" }).click();
      const finding = page.getByRole("button", { name: new RegExp(`\\(${badCell}\\)`) });
      await finding.waitFor({ timeout: 20000 });
      const label = (await finding.getAttribute("aria-label")) ?? "";
      assert(/Boss/.test(label), `the finding for ${badCell} does not mention "Boss": ${label}`);
      await finding.click();
      await page.waitForFunction(() => window.__fakeExcel.selection() !== null, null, { timeout: 30000 });
      const selection = await page.evaluate(() => window.__fakeExcel.selection());
      const address = selection.address.replace(/^.*!/, "").replace(/\$/g, "");
      assert(
        selection.sheet === "Partnerships" && address === badCell,
        `expected Partnerships!${badCell} selected, got ${selection.sheet}!${selection.address}`,
      );
      await axeScan(page, "check");
      await screenshot(page, "check");
      watcher.check();
    });

    await test("Ribbon: the Check workbook command checks and shows its findings in the pane", async () => {
      const commands = await page.evaluate(() => window.__fakeExcel.commands());
      assert(
        commands.includes("checkWorkbook"),
        `checkWorkbook is not associated (commands: ${commands.join(", ")})`,
      );
      // A second mistake that only a new check can find.
      const levelCell = await page.evaluate(() => {
        const fake = window.__fakeExcel;
        const col = fake.grid("Partnerships")[0].map(String).indexOf("Level");
        const cell = `${String.fromCharCode(65 + col)}2`;
        fake.setCell("Partnerships", cell, "Galactic");
        return cell;
      });
      await showView(page, "Overview");
      await page.evaluate(() => window.__fakeExcel.runCommand("checkWorkbook"));
      await page.getByRole("tabpanel", { name: "Check" }).waitFor({ state: "visible", timeout: 30000 });
      const finding = page.getByRole("button", { name: new RegExp(`\\(${levelCell}\\).*Galactic`) });
      await finding.waitFor({ timeout: 30000 });
      await page.evaluate((cell) => window.__fakeExcel.setCell("Partnerships", cell, "Local"), levelCell);
      watcher.check();
    });

    await test("Cancel: a check and a report stopped while Excel answers say so, and can run again", async () => {
      // Each sync now takes 1.5 s (the fake's round trip to Excel), so the work is still reading
      // when Cancel is pressed.
      await page.evaluate(() => {
        window.__fakeExcel.state.syncDelayMs = 1500;
      });
      try {
        for (const [view, start, panel, cancelled] of [
          ["Check", "Run check", "Checking", "Check cancelled"],
          ["Report", "Make report", "Making the report", "Report cancelled"],
        ]) {
          await showView(page, view);
          const tab = page.getByRole("tabpanel", { name: view });
          const syncsBefore = await page.evaluate(() => window.__fakeExcel.syncs());
          await tab.getByRole("button", { name: start }).click();
          await tab.getByText(panel).first().waitFor({ timeout: 10000 });
          const cancel = tab.getByRole("button", { name: "Cancel", exact: true });
          await cancel.click();
          await tab.getByRole("button", { name: "Cancelling…" }).waitFor({ timeout: 5000 });
          assert(
            await tab.getByRole("button", { name: "Cancelling…" }).isDisabled(),
            `${view}: Cancelling… can be pressed again`,
          );
          await tab.getByText(cancelled).waitFor({ timeout: 20000 });
          assert(
            await tab.getByRole("button", { name: start }).isEnabled(),
            `${view}: ${start} is not enabled again`,
          );
          assert(
            !(await cancel.isVisible()),
            `${view}: the progress and its Cancel stay after the work stopped`,
          );
          const syncs = await page.evaluate(() => window.__fakeExcel.syncs());
          assert(
            syncs > syncsBefore,
            `${view}: no sync happened, so nothing was cancelled while Excel answered`,
          );
        }
        // a cancelled check runs again to the end
        await page.evaluate(() => {
          window.__fakeExcel.state.syncDelayMs = 0;
        });
        await showView(page, "Check");
        const check = page.getByRole("tabpanel", { name: "Check" });
        await check.getByRole("button", { name: "Run check" }).click();
        await check.getByRole("button", { name: new RegExp(`\\(${badCell}\\)`) }).waitFor({ timeout: 20000 });
      } finally {
        await page.evaluate(() => {
          window.__fakeExcel.state.syncDelayMs = 0;
        });
      }
      watcher.check();
    });

    await test("Overview: headline figures, formatted", async () => {
      await showView(page, "Overview");
      const figures = page.getByRole("definition");
      await page.locator("dl[aria-label='Headline figures']").waitFor({ timeout: 20000 });
      const texts = await figures.allInnerTexts();
      // seven headline figures, then the network's two (hours beyond one, overlapping pairs)
      assert(texts.length === 9, `expected 9 figures, got ${texts.length}: ${texts.join(" | ")}`);
      assert(/^\d+$/.test(texts[0]), `partnerships should be a whole number: ${texts[0]}`);
      assert(/^(\d+\.\d|–)$/.test(texts[2]), `per district should have 1 decimal: ${texts[2]}`);
      assert(/^\d+\.\d\d$/.test(texts[3]), `FTE should have 2 decimals: ${texts[3]}`);
      assert(/^(\d+%|–)$/.test(texts[4]), `leadership should be a percentage: ${texts[4]}`);
      assert(/^(£[\d,]+|not costed|–)$/.test(texts[5]), `cost should be pounds or "not costed": ${texts[5]}`);
      assert(/^\d+$/.test(texts[6]), `partnerships to review should be a whole number: ${texts[6]}`);
      watcher.check();
    });

    await test("Overview: the annual cost and the partnerships to review, each a link to its row", async () => {
      // P-0001 (row 2, typed by the Check step) and P-0002: hours on Representation, partners' ratings
      await page.evaluate(() => {
        const fake = window.__fakeExcel;
        const put = (sheet, rowNumber, cells) => {
          const headers = fake.grid(sheet)[0].map(String);
          for (const h of Object.keys(cells))
            if (!headers.includes(h)) throw new Error(`no ${h} header on ${sheet}: ${headers.join(", ")}`);
          fake.setRow(
            sheet,
            `A${rowNumber}`,
            headers.map((h) => cells[h] ?? null),
          );
        };
        put("Partnerships", 3, {
          "Partnership ID": "P-0002",
          Partnership: "Anytown Health and Wellbeing Board",
          Level: "Local",
          Type: "Health and wellbeing",
          Region: "North West",
          "Our role": "Active",
        });
        const rep = { Representative: "District Manager", "Meetings per year": 10, "Hours per meeting": 3 };
        put("Representation", 2, {
          ...rep,
          "Partnership ID": "P-0001",
          Grade: "Grade 7",
          "Annual hours": 120,
        });
        put("Representation", 3, { ...rep, "Partnership ID": "P-0002", Grade: "SEO", "Annual hours": 60 });
        const survey = (id, value) => ({
          "Partnership ID": id,
          "Respondent organisation": "Anytown Council",
          "Value of our time": value,
          "Value of our experience and knowledge": value,
        });
        put("Partner survey", 2, survey("P-0001", 2));
        put("Partner survey", 3, survey("P-0002", 4));
      });
      const panel = page.getByRole("tabpanel", { name: "Overview" });
      const figure = async (term) =>
        (
          await panel
            .locator("dl[aria-label='Headline figures'] dt", { hasText: term })
            .locator("xpath=following-sibling::dd[1]")
            .innerText()
        ).trim();
      await panel.getByRole("button", { name: "Refresh" }).click();
      // no hourly cost yet: "not costed", and what to fill in
      await panel
        .getByText(/Not costed: fill in the hourly cost of Grade 7 and SEO in the GradeCosts table/)
        .waitFor({ timeout: 20000 });
      assert(
        (await figure("Annual cost of staff time")) === "not costed",
        "the cost is shown before any cost is filled in",
      );
      // the costs typed into GradeCosts beside the settings, as a user would
      await page.evaluate(() => {
        const fake = window.__fakeExcel;
        const grid = fake.grid("Settings");
        const header = grid.findIndex((row) => row.includes("Hourly cost"));
        if (header < 0) throw new Error("no GradeCosts header on Settings");
        const g = grid[header].indexOf("Grade");
        const c = grid[header].indexOf("Hourly cost");
        const costs = { "Grade 7": 48.5, SEO: 36 };
        grid.forEach((row, r) => {
          if (r > header && row[g] in costs)
            fake.setCell("Settings", `${String.fromCharCode(65 + c)}${r + 1}`, costs[row[g]]);
        });
      });
      await panel.getByRole("button", { name: "Refresh" }).click();
      // 120 h × £48.50 + 60 h × £36
      await page.waitForFunction(() => document.body.innerText.includes("£7,980"), null, { timeout: 20000 });
      assert((await figure("Annual cost of staff time")) === "£7,980", "the cost is not £7,980");
      assert((await figure("Partnerships to review")) === "1", "one partnership should be flagged Review");
      const list = panel.getByRole("list", { name: "Partnerships flagged Review" });
      const items = await list.getByRole("listitem").allInnerTexts();
      assert(
        items.length === 1 && items[0] === "P-0001: 120 hours a year, value 2",
        `the review list: ${items.join(" | ")}`,
      );
      const link = list.getByRole("button", {
        name: /^P-0001: 120 hours a year, value 2\. Go to its row on Partnerships$/,
      });
      await link.click();
      await page.waitForFunction(
        () => {
          const s = window.__fakeExcel.selection();
          return (
            s !== null &&
            s.sheet === "Partnerships" &&
            s.address.replace(/^.*!/, "").replace(/\$/g, "") === "A2"
          );
        },
        null,
        { timeout: 20000 },
      );
      await axeScan(page, "overview");
      await screenshot(page, "overview");
      watcher.check();
    });

    await test("Settings: a bad number is refused with a message, a good one is saved", async () => {
      await showView(page, "Settings");
      const panel = page.getByRole("tabpanel", { name: "Settings" });
      const hours = panel.getByRole("textbox", { name: /Hours per week/ });
      await hours.waitFor();
      await panel.getByRole("textbox", { name: /^Region/ }).fill("North West");
      await panel.getByRole("textbox", { name: /^Audit round/ }).fill("2026-Q4");
      await hours.fill("abc");
      await panel.getByRole("button", { name: "Save" }).click();
      // the core's settings rule (src/core/model/settings-form.ts): what to type, with the bounds
      await panel.getByText("Enter a number from 1 to 168.").waitFor();
      await axeScan(page, "settings (with a validation message)");
      await hours.fill("36");
      await panel.getByRole("button", { name: "Save" }).click();
      await panel.getByText("Settings saved to the Settings sheet.").waitFor({ timeout: 20000 });
      await axeScan(page, "settings");
      await screenshot(page, "settings");
      watcher.check();
    });

    await test("Import returns: the xlsx reader loads only on demand and the file is previewed", async () => {
      const chunkRequests = () => watcher.requests.filter((u) => /\/chunks\/xlsx-reader\..+\.js$/.test(u));
      assert(
        chunkRequests().length === 0,
        `on-demand chunks loaded before any import: ${chunkRequests().join(", ")}`,
      );
      await showView(page, "Import");
      const panel = page.getByRole("tabpanel", { name: "Import" });
      await axeScan(page, "import (empty)");
      const file = await districtReturn();
      const input = panel.getByLabel("District returns (.xlsx)");
      const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      await input.setInputFiles({ name: file.name, mimeType: xlsx, buffer: file.buffer });
      // Either a preview card for the file or a message saying what to do.
      await panel
        .locator(`section[aria-label='${file.name}'], [role='status'] .fui-MessageBar`)
        .first()
        .waitFor({ timeout: 30000 });
      assert(chunkRequests().length > 0, "choosing a file did not load the on-demand xlsx reader chunk");
      await axeScan(page, "import (preview)");
      await screenshot(page, "import");
      if (file.full) {
        // The fixture is a good return: import it, then import it again, which asks before replacing.
        const importButton = panel.getByRole("button", { name: /^Import 1 return$/ });
        // Slow syncs hold the import open after its rows are written, while the Summary charts are
        // sized: until the previews are cleared it must not be possible to import them again.
        await page.evaluate(() => {
          window.__fakeExcel.state.syncDelayMs = 400;
        });
        try {
          await importButton.click();
          await panel.getByText("Import finished").waitFor({ timeout: 30000 });
          assert(
            (await importButton.count()) === 0 || (await importButton.isDisabled()),
            "Import can be pressed again while the charts are sized, on previews already imported",
          );
        } finally {
          await page.evaluate(() => {
            window.__fakeExcel.state.syncDelayMs = 0;
          });
        }
        await importButton.waitFor({ state: "detached", timeout: 30000 });
        await input.setInputFiles({ name: file.name, mimeType: xlsx, buffer: file.buffer });
        await panel.getByRole("cell", { name: /^Yes: the rows of/ }).waitFor({ timeout: 30000 });
        await importButton.click();
        const dialog = page.getByRole("dialog", { name: "Replace existing rows?" });
        await dialog.waitFor();
        await axeScan(page, "import (confirm replace)");
        await dialog.getByRole("button", { name: "Replace and import" }).click();
        await panel.getByText(/replacing the rows imported before/).waitFor({ timeout: 30000 });
      }
      watcher.check();
    });

    await test("Every view is reachable from the keyboard", async () => {
      await page.getByRole("tab", { name: "Import" }).focus();
      await page.keyboard.press("Home");
      assert(
        await page.getByRole("tab", { name: "Set up" }).evaluate((el) => el === document.activeElement),
        "Home did not move focus to the first tab",
      );
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      await page.getByRole("tabpanel", { name: "Check" }).waitFor({ state: "visible" });
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
      assert(/Run check/.test(focused), `Tab after the tabs should reach Run check, reached "${focused}"`);
      watcher.check();
    });
    await context.close();

    // ---------------- the partner survey, on a workbook of its own per responses file ----------------
    // The fixtures and the figures come from the tests' own TypeScript (test/survey/fixtures.ts).
    const { tsImport } = await import("tsx/esm/api");
    const fixtures = await tsImport("../survey/fixtures.ts", import.meta.url);
    const { readReturn } = await tsImport("../../src/core/returns/read-return.ts", import.meta.url);
    const shapes = [
      ["a Microsoft Forms export", "forms.xlsx", () => fixtures.formsExport()],
      ["another tool's CSV", "other.csv", async () => fixtures.otherToolCsv()],
      ["a sheet typed from paper", "paper.xlsx", () => fixtures.paperSheet()],
    ];
    await test("Questionnaire: reads with JavaScript off, passes axe, prints on A4 with a page per partnership", async () => {
      const { renderQuestionnaire } = await tsImport(
        "../../src/core/survey/questionnaire.ts",
        import.meta.url,
      );
      const page = renderQuestionnaire({
        region: "North West",
        district: "D01",
        auditRound: "2026-Q4",
        partnerships: fixtures.PARTNERSHIPS.map(([id, name]) => ({ id, name })),
      });
      for (const javaScriptEnabled of [false, true]) {
        const ctx = await chrome.newContext({ javaScriptEnabled, viewport: { width: 800, height: 1000 } });
        const requests = [];
        await ctx.route("**/*", (route) => {
          requests.push(route.request().url());
          return route.abort("blockedbyclient");
        });
        const p = await ctx.newPage();
        await p.setContent(page);
        assert(requests.length === 0, `the questionnaire asked for ${requests.join(", ")}`);
        await p.getByRole("heading", { name: "To run this survey online" }).waitFor();
        await p.getByRole("heading", { name: /Partnership P-0003/ }).waitFor();
        if (javaScriptEnabled) {
          // axe is put in from disk: the page stands alone, with no server to fetch it from
          await p.addScriptTag({ content: readFileSync(AXE, "utf8") });
          await axeScan(p, "questionnaire");
        } else {
          const pdf = Buffer.from(await p.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
          const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          assert(
            pages >= 4,
            `the printed questionnaire has ${pages} pages, not one per partnership and the appendix`,
          );
          const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
          assert(
            box && Math.abs(Number(box[1]) - 595.3) < 2 && Math.abs(Number(box[2]) - 841.9) < 2,
            `not A4: ${box?.[0]}`,
          );
        }
        await ctx.close();
      }
    });

    for (const [what, name, make] of shapes) {
      await test(`Survey: ${what} imported in the pane, the scores follow, the same file again adds nothing`, async () => {
        const ctx = await newContext(chrome, serveFake);
        const p = await ctx.newPage();
        const w = await watch(p, origin);
        await p.goto(`${origin}/taskpane.html`);
        await p.getByRole("button", { name: "Set up workbook" }).click();
        await p.getByText("Workbook set up").waitFor({ timeout: 30000 });
        // the return with the three partnerships, through the Import view
        await showView(p, "Import");
        const importPanel = p.getByRole("tabpanel", { name: "Import" });
        const ret = Buffer.from(await fixtures.surveyReturn());
        await importPanel
          .getByLabel("District returns (.xlsx)")
          .setInputFiles({ name: "D01.xlsx", mimeType: "application/octet-stream", buffer: ret });
        await importPanel.getByRole("button", { name: /^Import 1 return$/ }).click();
        await importPanel.getByText("Import finished").waitFor({ timeout: 30000 });

        await showView(p, "Survey");
        const panel = p.getByRole("tabpanel", { name: "Survey" });
        const first = name === "forms.xlsx";
        if (first) await axeScan(p, "survey (empty)");
        await panel.getByRole("button", { name: "Make the questionnaire" }).click();
        await panel.getByRole("link", { name: /^Save questionnaire/ }).waitFor({ timeout: 30000 });
        await panel.getByText(/3 partnerships/).waitFor();

        const bytes = Buffer.from(await make());
        const input = panel.getByLabel("Responses (.xlsx or .csv)");
        await input.setInputFiles({ name, mimeType: "application/octet-stream", buffer: bytes });
        const preview = panel.locator(`section[aria-label='Preview of ${name}']`);
        await preview.waitFor({ timeout: 30000 });
        const count = async (label) =>
          (
            await preview
              .getByRole("row", { name: new RegExp(`^${label}`) })
              .getByRole("cell")
              .nth(1)
              .textContent()
          )?.trim();
        assert((await count("Responses in the file")) === "4", "the preview does not count 4 responses");
        assert((await count("Rows to add")) === "4", "the preview does not plan 4 rows");
        assert((await count("Findings")) === "0", "the preview has findings");
        if (first) {
          await axeScan(p, "survey (preview)");
          await screenshot(p, "survey");
        }
        await panel.getByRole("button", { name: "Import 4 responses" }).click();
        await panel.getByText("Responses imported").waitFor({ timeout: 30000 });
        await panel
          .getByText(/4 rows added/)
          .first()
          .waitFor();

        // the workbook as the fake holds it, read by the core: the scores by value
        const sheets = await p.evaluate(() =>
          window.__fakeExcel.sheetNames().map((n) => ({ name: n, rows: window.__fakeExcel.grid(n) })),
        );
        const figures = fixtures.surveyFigures(readReturn({ sheets }, ""));
        assert(
          JSON.stringify(figures.value) === JSON.stringify(fixtures.EXPECTED.value),
          `value per partnership ${JSON.stringify(figures.value)}`,
        );
        assert(
          JSON.stringify(figures.flag) === JSON.stringify(fixtures.EXPECTED.flag),
          `review flags ${JSON.stringify(figures.flag)}`,
        );
        for (const k of ["trust", "valueScore", "effectiveness"])
          assert(
            Math.abs(figures[k] - fixtures.EXPECTED[k]) < 1e-12,
            `${k} is ${figures[k]}, not ${fixtures.EXPECTED[k]}`,
          );
        const surveyRows = sheets
          .find((s) => s.name === "Partner survey")
          .rows.slice(1)
          .filter((r) => r.some((v) => v !== ""));
        assert(surveyRows.length === 4, `the Partner survey holds ${surveyRows.length} rows, not 4`);

        // the same file again: nothing to add, 4 already imported
        await input.setInputFiles({ name, mimeType: "application/octet-stream", buffer: bytes });
        await panel.getByRole("button", { name: "Nothing to import" }).waitFor({ timeout: 30000 });
        assert((await count("Already imported")) === "4", "the preview does not say 4 already imported");
        w.check();
        await ctx.close();
      });
    }

    // ---------------- outside Excel ----------------
    const outside = [
      ["no Office.js (404)", (route) => route.fulfill({ status: 404, body: "not found" })],
      [
        "Office.js ready without a host",
        (route) =>
          route.fulfill({
            contentType: "text/javascript",
            body: "window.Office={onReady:function(cb){var i={host:null,platform:null};if(cb)cb(i);return Promise.resolve(i);}};",
          }),
      ],
    ];
    for (const [name, handler] of outside) {
      await test(`outside Excel (${name}): says what this is and how to sideload it`, async () => {
        const ctx = await newContext(chrome, handler);
        const p = await ctx.newPage();
        const w = await watch(p, origin);
        await p.goto(`${origin}/taskpane.html`);
        await p.getByRole("heading", { name: "Partnership Audit for Excel" }).waitFor({ timeout: 30000 });
        await p.getByText(/Upload My Add-in/).waitFor();
        assert(
          (await p.getByRole("link", { name: "manifest.xml" }).getAttribute("href"))?.endsWith(
            "/manifest.xml",
          ),
          "no link to the manifest",
        );
        await axeScan(p, `outside Excel (${name})`);
        if (name.startsWith("no Office.js")) await screenshot(p, "outside-excel");
        // The 404 of Office.js itself is the browser's console error, not the page's.
        w.check((problem) => name.startsWith("no Office.js") && /Failed to load resource.*404/.test(problem));
        await ctx.close();
      });
    }

    await test("Office.js never ready: the pane keeps waiting, says it is loading, and offers the help page", async () => {
      const ctx = await newContext(chrome, (route) =>
        route.fulfill({
          contentType: "text/javascript",
          body: "window.Office={onReady:function(){return new Promise(function(){});}};",
        }),
      );
      const p = await ctx.newPage();
      const w = await watch(p, origin);
      await p.goto(`${origin}/taskpane.html`);
      await p
        .getByRole("status")
        .filter({ hasText: /Loading Partnership Audit/ })
        .waitFor();
      const link = p.getByRole("link", { name: "How to load Partnership Audit in Excel" });
      await link.waitFor({ timeout: 30000 });
      assert(
        (await link.getAttribute("href"))?.endsWith("/help.html#load"),
        "the hint does not link to the help page",
      );
      assert(
        await p
          .getByRole("status")
          .filter({ hasText: /Still loading/ })
          .isVisible(),
        "the pane no longer says it is loading",
      );
      w.check();
      await ctx.close();
    });

    await test("Office.js ready only after 8 seconds: the pane says it is loading, then opens its views", async () => {
      const ctx = await newContext(chrome, serveFake);
      await ctx.addInitScript(() => {
        window.__officeReadyDelayMs = 8000;
      });
      const p = await ctx.newPage();
      const w = await watch(p, origin);
      await p.goto(`${origin}/taskpane.html`);
      await p
        .getByRole("status")
        .filter({ hasText: /Loading Partnership Audit/ })
        .waitFor();
      assert(
        !(await p.getByRole("heading", { name: "Partnership Audit for Excel" }).isVisible()),
        "the outside-Excel page was shown while Office.js was still starting",
      );
      await p.getByRole("heading", { name: "Partnership Audit", level: 1 }).waitFor({ timeout: 40000 });
      for (const label of ["Set up", "Check", "Overview", "Settings", "Import"]) {
        await showView(p, label);
      }
      await p.getByRole("tabpanel", { name: "Import" }).getByLabel("District returns (.xlsx)").waitFor();
      w.check();
      await ctx.close();
    });

    await test("Ribbon: Check workbook fired before the pane mounts still shows its findings", async () => {
      const ctx = await newContext(chrome, serveFake);
      // hold the pane's code until the command has finished: the pane cannot have mounted before
      let release = () => undefined;
      const released = new Promise((resolve) => {
        release = resolve;
      });
      let held = false;
      await ctx.route(/\/chunks\/pane\.[^/]*\.js$/, async (route) => {
        held = true;
        await released;
        await route.continue();
      });
      const p = await ctx.newPage();
      const w = await watch(p, origin);
      // not "load": a script the page inserts before its load event (the held pane chunk, requested
      // as soon as Office.js is ready) delays that event until it arrives, which is after release()
      await p.goto(`${origin}/taskpane.html`, { waitUntil: "domcontentloaded" });
      await p.waitForFunction(() => window.__fakeExcel?.commands().includes("checkWorkbook"), null, {
        timeout: 20000,
      });
      // an empty workbook: the check finds that the audit tables are missing
      await p.evaluate(() => window.__fakeExcel.runCommand("checkWorkbook"));
      assert(
        !(await p.getByRole("heading", { name: "Partnership Audit", level: 1 }).isVisible()),
        "the pane had already mounted",
      );
      release();
      assert(held, "the pane's chunk was never requested");
      const panel = p.getByRole("tabpanel", { name: "Check" });
      await panel.waitFor({ state: "visible", timeout: 20000 });
      await panel
        .getByText(/Partnerships/)
        .first()
        .waitFor({ timeout: 20000 });
      w.check();
      await ctx.close();
    });

    await test("an Excel without ExcelApi 1.13: the pane says what it lacks instead of its views", async () => {
      const ctx = await newContext(chrome, serveFake);
      await ctx.addInitScript(() => {
        window.__fakeRequirementSets = { ExcelApi: "1.12" };
      });
      const p = await ctx.newPage();
      const w = await watch(p, origin);
      await p.goto(`${origin}/taskpane.html`);
      await p.getByText("This Excel is too old for the add-in").waitFor({ timeout: 30000 });
      await p.getByText(/ExcelApi 1\.13/).waitFor();
      assert((await p.getByRole("tab").count()) === 0, "the views were shown on an Excel that lacks a set");
      await axeScan(p, "unsupported Excel");
      w.check();
      await ctx.close();
    });

    await test("the help page: one anchor per function, readable, no script", async () => {
      const ctx = await newContext(chrome, (route) => route.fulfill({ status: 404, body: "not found" }));
      const p = await ctx.newPage();
      const w = await watch(p, origin);
      const metadata = JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8"));
      await p.goto(`${origin}/help.html`);
      await p.getByRole("heading", { name: "Partnership Audit for Excel", level: 1 }).waitFor();
      for (const f of metadata.functions) {
        const url = new URL(f.helpUrl);
        assert(url.pathname.endsWith("/help.html"), `${f.id}: helpUrl ${f.helpUrl} is not the help page`);
        assert((await p.locator(`section${url.hash}`).count()) === 1, `no section ${url.hash} for ${f.id}`);
      }
      assert((await p.locator("script").count()) === 0, "the help page has a script");
      // the page's CSP allows no script at all: axe is evaluated by the test driver, not loaded by the page
      await p.evaluate(readFileSync(AXE, "utf8"));
      await axeScan(p, "help page");
      w.check();
      await ctx.close();
    });
  } finally {
    await chrome.close();
    server.close();
  }

  finish();
}

main().catch(crashed);

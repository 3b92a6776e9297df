/**
 * The add-in's own help page, dist/help.html, built from the same custom-functions metadata as
 * dist/functions.json (webpack.config.js runs this after custom-functions-metadata-plugin):
 * one section per AUDIT function, its anchor the function id in lower case (#partnerships), with
 * its description, arguments and result; how to load the add-in (#load); which errors show a
 * message (#errors). Every function's helpUrl is written in src/functions/functions.ts for the dev
 * server (https://localhost:3000/help.html#id) and rewritten here to the build's base URL, so the
 * links work wherever the add-in is hosted. The manifest's SupportUrl points at the same page.
 *
 * The page is static: no script, its own Content-Security-Policy, styles inline in one <style>.
 */
"use strict";

const { DEV_BASE_URL, normaliseBaseUrl } = require("./manifest-url.cjs");

const HELP_FILE = "help.html";

function escapeHtml(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** The anchor of a function on the help page: its id in lower case ("PARTNERSHIPS" → "partnerships"). */
function anchorOf(id) {
  return String(id).toLowerCase();
}

/** The help URL of a function on a base URL. */
function helpUrl(baseUrl, id) {
  return `${normaliseBaseUrl(baseUrl)}/${HELP_FILE}#${anchorOf(id)}`;
}

/**
 * functions.json with every helpUrl on the build's base URL. Throws when a function has no
 * helpUrl or one that is not this help page (the JSDoc @helpurl must follow the pattern).
 * @param {string} json functions.json as generated
 * @param {string} baseUrl
 */
function rewriteMetadata(json, baseUrl) {
  const metadata = JSON.parse(json);
  for (const f of metadata.functions) {
    const expected = helpUrl(DEV_BASE_URL, f.id);
    if (f.helpUrl !== expected)
      throw new Error(
        `AUDIT.${f.id}: its @helpurl must be ${expected} (the add-in's own help page; the build rewrites it to the base URL), not ${f.helpUrl}`,
      );
    f.helpUrl = helpUrl(baseUrl, f.id);
  }
  return JSON.stringify(metadata, null, 2);
}

function argumentLine(p) {
  const notes = [];
  if (p.optional) notes.push("optional");
  if (p.repeating) notes.push("repeating");
  if (p.dimensionality === "matrix") notes.push("a range or value");
  const note = notes.length ? ` <span class="note">(${escapeHtml(notes.join(", "))})</span>` : "";
  return `<li><code>${escapeHtml(p.name)}</code>${note}: ${escapeHtml(p.description ?? "")}</li>`;
}

function signature(f) {
  const args = (f.parameters ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `=AUDIT.${f.name}(${args.join(", ")})`;
}

/**
 * The help page.
 * @param {string} json functions.json (as generated or rewritten)
 */
function renderHelpPage(json) {
  const metadata = JSON.parse(json);
  const functions = metadata.functions ?? [];
  const toc = functions
    .map((f) => `<li><a href="#${anchorOf(f.id)}">AUDIT.${escapeHtml(f.name)}</a></li>`)
    .join("");
  const sections = functions
    .map((f) => {
      const result =
        f.result?.dimensionality === "matrix" ? "a table of rows that spills below the cell" : "one number";
      return [
        `<section id="${anchorOf(f.id)}" aria-labelledby="h-${anchorOf(f.id)}">`,
        `<h3 id="h-${anchorOf(f.id)}">AUDIT.${escapeHtml(f.name)}</h3>`,
        `<p><code>${escapeHtml(signature(f))}</code></p>`,
        `<p>${escapeHtml(f.description ?? "")}</p>`,
        `<h4>Arguments</h4><ul>${(f.parameters ?? []).map(argumentLine).join("")}</ul>`,
        `<p><strong>Result:</strong> ${escapeHtml(result)}.</p>`,
        `</section>`,
      ].join("\n");
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partnership Audit for Excel: help</title>
<style>
body { font-family: "Segoe UI", system-ui, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem; line-height: 1.5; color: #1b1b1b; }
code { font-family: Consolas, monospace; background: #f3f3f3; padding: 0 0.2em; }
.note { color: #505050; }
section { border-top: 1px solid #d0d0d0; margin-top: 1.5rem; }
a { color: #0f5aa8; }
</style>
</head>
<body>
<main>
<h1>Partnership Audit for Excel</h1>
<p>An Excel add-in for auditing local and regional partnership work: a task pane that sets up an audit workbook, checks it and imports district returns, and the AUDIT functions. Audit data stays in your workbook: the add-in sends nothing anywhere.</p>
<nav aria-label="Contents"><ul>
<li><a href="#load">Load the add-in in Excel</a></li>
<li><a href="#pane">The task pane</a></li>
<li><a href="#errors">What the error values mean</a></li>
<li><a href="#functions">The AUDIT functions</a><ul>${toc}</ul></li>
</ul></nav>

<section id="load" aria-labelledby="h-load">
<h2 id="h-load">Load the add-in in Excel</h2>
<ol>
<li>Excel on the web: open a workbook, choose Home &gt; Add-ins &gt; More add-ins &gt; My add-ins &gt; Upload My Add-in, and upload the add-in's <code>manifest.xml</code> (from the same address as this page).</li>
<li>Excel on Windows: put <code>manifest.xml</code> in a shared network folder, add the folder as a trusted catalog (File &gt; Options &gt; Trust Center &gt; Trusted Add-in Catalogs), restart Excel and choose it under Add-ins &gt; Shared Folder.</li>
<li>Partnership audit then appears on the Home tab; type <code>=AUDIT.</code> in a cell for the functions.</li>
</ol>
<p>The add-in needs Excel with ExcelApi 1.13, the shared runtime and CustomFunctionsRuntime 1.3 (a current Microsoft 365 Excel or Excel on the web). An older Excel does not offer it; if one opens it anyway, the pane says what is missing.</p>
</section>

<section id="pane" aria-labelledby="h-pane">
<h2 id="h-pane">The task pane</h2>
<p>Set up adds the audit sheets, tables, lists and the Summary; Check lists what to fix and selects each cell; Overview shows the headline figures and sizes the Summary charts to the data; Settings edits the Settings sheet; Import adds district returns to a regional workbook (a return imported again replaces its earlier rows). The ribbon's Check workbook button runs the check and shows the findings in the pane.</p>
</section>

<section id="errors" aria-labelledby="h-errors">
<h2 id="h-errors">What the error values mean</h2>
<p>Excel shows a custom function's own message (hover over the cell's error flag) only with <code>#VALUE!</code> and <code>#N/A</code>. The AUDIT functions give those two with a message that says what to fix. Other errors show only their code:</p>
<ul>
<li><code>#DIV/0!</code>: nothing to divide by (no district, no partnership, no rating).</li>
<li><code>#NUM!</code>: a number out of range (negative hours, a rating above the scale, hours per week of 0).</li>
<li>An error value in an input range (for example <code>#N/A</code> from a lookup): Excel does not run the function and shows that error itself, without a message. Fix the cell the error comes from.</li>
</ul>
<p>Text that only looks like an error (<code>#N/A</code> typed as text) is text: a label like any other, or "not a number" where a number is expected.</p>
<p>Some older Excel builds on Windows pass an empty cell of a range as 0. There a blank rating in the Partner survey counts as 0, outside the scale, and the partner scores show <code>#NUM!</code>: update Excel, or delete the empty table rows.</p>
<p>The Summary sheet shows "no data yet" instead of <code>#DIV/0!</code> while a table is empty.</p>
</section>

<section id="functions" aria-labelledby="h-functions">
<h2 id="h-functions">The AUDIT functions</h2>
${sections}
</section>
</main>
</body>
</html>
`;
}

module.exports = { HELP_FILE, anchorOf, helpUrl, rewriteMetadata, renderHelpPage };

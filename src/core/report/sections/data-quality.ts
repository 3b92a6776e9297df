/**
 * Data quality: whether every check passed, the errors and warnings per file and sheet, and each
 * file's findings with what to fix.
 */
import { table, u, type Row } from "../blocks";
import { formatCount } from "../format";
import { html, type SafeHtml } from "../html";
import type { Finding } from "../../model/findings";
import type { ReportFileQuality, ReportInput } from "../model";

function findingRow(f: Finding): Row {
  return [
    { value: f.severity === "error" ? html`<strong>Error</strong>` : "Warning" },
    { value: u(f.sheet) },
    { value: f.row === undefined ? "" : formatCount(f.row), num: true },
    { value: f.column ? u(f.column) : "" },
    { value: u(f.message) },
  ];
}

export function dataQuality(r: ReportInput): SafeHtml {
  const files = r.dataQuality;
  const errors = files.reduce((n, f) => n + f.errors, 0);
  const warnings = files.reduce((n, f) => n + f.warnings, 0);
  const name = (f: ReportFileQuality): string =>
    f.round === "previous" ? `${f.file} (previous round)` : f.file;
  const plural = (n: number, one: string): string => `${formatCount(n)} ${one}${n === 1 ? "" : "s"}`;
  const summary =
    errors + warnings === 0
      ? html`<p class="all-passed" data-quality="passed">
          Every check passed: no errors and no warnings in ${plural(files.length, "file")}.
        </p>`
      : html`<p data-quality="${errors > 0 ? "errors" : "warnings"}">
          The checks found ${plural(errors, "error")} and
          ${plural(
            warnings,
            "warning",
          )}.${errors > 0 ? " Figures that use the rows with errors may be wrong until they are fixed." : ""}
        </p>`;
  const perSheet = table(
    "Errors and warnings per file and sheet",
    [{ text: "File" }, { text: "Sheet" }, { text: "Errors", num: true }, { text: "Warnings", num: true }],
    files.flatMap((f): Row[] =>
      f.sheets.length === 0
        ? [
            [
              { value: u(name(f)) },
              { value: "all sheets" },
              { value: "0", num: true },
              { value: "0", num: true },
            ],
          ]
        : f.sheets.map((s) => [
            { value: u(name(f)) },
            { value: u(s.sheet) },
            { value: formatCount(s.errors), num: true },
            { value: formatCount(s.warnings), num: true },
          ]),
    ),
    "quality",
  );
  const details = files
    .filter((f) => f.findings.length > 0)
    .map((f) =>
      table(
        `${name(f)}: ${plural(f.errors, "error")}, ${plural(f.warnings, "warning")}`,
        [
          { text: "Severity" },
          { text: "Sheet" },
          { text: "Row", num: true },
          { text: "Column" },
          { text: "What to fix" },
        ],
        f.findings.map(findingRow),
        "findings",
      ),
    );
  return html`<section class="page" id="data-quality" aria-labelledby="data-quality-h">
    <h2 id="data-quality-h">Data quality</h2>
    ${summary}${perSheet}${details}
  </section>`;
}

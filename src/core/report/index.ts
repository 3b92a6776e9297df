/**
 * The audit report (docs/report.md): `buildReportInput` assembles the core's figures into a
 * `ReportInput`, `renderReport` turns it into one self-contained HTML document. Used alike by the
 * command-line tool (`partnership-audit report`) and the task pane's Report view.
 */
export { buildReportInput, buildWorkbookReport, reportFileName } from "./model";
export { renderReport } from "./render";

/**
 * The audit report (docs/report.md): `buildReportInput` assembles the core's figures into a
 * `ReportInput`, `renderReport` turns it into one self-contained HTML document. Used alike by the
 * command-line tool (`partnership-audit report`) and the task pane's Report view.
 */
export {
  buildReportInput,
  buildWorkbookReport,
  reportFileName,
  defaultTitle,
  sourceName,
  splitRounds,
  type ReportFiles,
  type ReportFileQuality,
  type ReportInput,
  type ReportPartnership,
  type ReportReviewRow,
  type ReportShare,
} from "./model";
export { renderReport } from "./render";
export { against, BENCHMARKS, QUESTIONS, type Against } from "./wording";
export { escapeHtml, html, type SafeHtml } from "./html";

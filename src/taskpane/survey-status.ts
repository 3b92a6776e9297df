/** What the pane says when the survey's responses have been imported, cancelled or stopped. */
import type { SurveyImportResult } from "../core/model/operations";
import { formatCount, plural } from "./format";
import type { StatusMessage } from "./Status";

export function resultStatus(r: SurveyImportResult): StatusMessage {
  const counts = `${plural(r.added, "row")} added${r.alreadyImported ? `; ${formatCount(r.alreadyImported)} already imported` : ""}${
    r.repeated ? `; ${formatCount(r.repeated)} repeated in the file` : ""
  }${r.notImported ? `; ${formatCount(r.notImported)} not imported (see the findings)` : ""}.`;
  const besides = r.warnings.length > 0 ? ` ${r.warnings.join(" ")}` : "";
  if (r.error) return { intent: "error", title: "Import stopped", text: `${r.error}. ${counts}${besides}` };
  if (r.cancelled)
    return {
      intent: "warning",
      title: "Import cancelled",
      text: `${counts} Import the same file again to add the rest: nothing is added twice.${besides}`,
    };
  return {
    intent: r.findings || besides ? "warning" : "success",
    title: "Responses imported",
    text: `${counts}${r.mappingSaved ? " The mapping is remembered on the Settings sheet for the next round." : ""}${
      r.findings
        ? ` ${plural(r.findings, "cell")} could not be used and ${r.findings === 1 ? "was" : "were"} left blank or not imported: see the findings above.`
        : ""
    }${besides}`,
  };
}

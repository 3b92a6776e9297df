import type { SurveyImportResult } from "../../src/core/model/operations";
import { resultStatus } from "../../src/taskpane/survey-status";

const base: SurveyImportResult = {
  added: 4,
  planned: 4,
  alreadyImported: 0,
  repeated: 0,
  notImported: 0,
  findings: 0,
  mappingSaved: true,
  cancelled: false,
  syncs: 3,
  warnings: [],
};
const FILTER =
  "The Partner survey table was filtered: the filter was cleared for the import and put back after it.";

describe("what the Survey view says after an import", () => {
  test.each<[string, Partial<SurveyImportResult>, string, RegExp, RegExp | null]>([
    ["imported, nothing else to tell", {}, "success", /^4 rows added\. The mapping is remembered/, null],
    [
      "imported into a filtered table",
      { warnings: [FILTER] },
      "warning",
      /^4 rows added\..*was filtered/,
      /filtered/,
    ],
    [
      "imported with findings",
      { findings: 2, notImported: 1 },
      "warning",
      /1 not imported.*2 cells could not be used/,
      null,
    ],
    [
      "cancelled, filter put back",
      { cancelled: true, added: 2, warnings: [FILTER] },
      "warning",
      /^2 rows added\. Import the same file again.*filtered/,
      /filtered/,
    ],
    [
      "stopped, filter not put back",
      {
        error: "Excel refused the rows",
        added: 0,
        warnings: ["The filter was cleared and not put back: use Data > Filter to filter again."],
      },
      "error",
      /^Excel refused the rows\. 0 rows added\..*Data > Filter/,
      /Data > Filter/,
    ],
  ])("%s", (_what, change, intent, text, warning) => {
    const status = resultStatus({ ...base, ...change });
    expect(status.intent).toBe(intent);
    expect(status.text).toMatch(text);
    if (warning === null) expect(status.text).not.toMatch(/filter/i);
  });
});

/**
 * The requirement sets the add-in needs, and what to tell someone whose Excel lacks one.
 *
 * manifest.xml declares the same sets (Requirements/Sets), so an Excel without them does not offer
 * the add-in at all; the pane checks them again at start with Office's isSetSupported
 * (https://learn.microsoft.com/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements)
 * and says clearly what is missing instead of failing half way through an operation.
 *
 * Why each set (the "[ API set: … ]" line of each member's reference page):
 * - ExcelApi 1.13: Range.getMergedAreasOrNullObject (set-up looks for merged cells); below it,
 *   ExcelApi 1.9 (RangeAreas, Table.autoFilter), 1.8 (data validation), 1.7 (chart series add/setValues,
 *   NamedItem.arrayValues, getResizedRange, freeze panes, workbook protection), 1.6 (conditional
 *   formats, suspendApiCalculationUntilNextSync), 1.4 (…OrNullObject, settings), 1.2 (filters).
 * - SharedRuntime 1.1: the pane, the functions and the ribbon command share one runtime.
 * - CustomFunctionsRuntime 1.3: the AUDIT functions' error codes besides #VALUE! and #N/A
 *   (#DIV/0!, #NUM!, #NULL!, …) in CustomFunctions.Error ("1.3 adds … new ErrorCode options",
 *   https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets).
 */

interface RequiredSet {
  readonly name: string;
  readonly version: string;
  /** what it is needed for, for people */
  readonly why: string;
}

// exported for tests: the manifest and the pane require the same sets
export const REQUIRED_SETS: readonly RequiredSet[] = [
  { name: "ExcelApi", version: "1.13", why: "set-up, checks, import and the Summary charts" },
  {
    name: "SharedRuntime",
    version: "1.1",
    why: "the task pane, the AUDIT functions and the ribbon working together",
  },
  { name: "CustomFunctionsRuntime", version: "1.3", why: "the AUDIT functions and their error codes" },
];

/** The sets this Excel lacks (isSetSupported is Office.context.requirements.isSetSupported). */
export function missingSets(isSetSupported: (name: string, version: string) => boolean): RequiredSet[] {
  return REQUIRED_SETS.filter((s) => {
    try {
      return !isSetSupported(s.name, s.version);
    } catch {
      // an Office that cannot say is treated as lacking it: the message says what to update
      return true;
    }
  });
}

/** What to tell the user, or "" when nothing is missing. */
export function unsupportedMessage(missing: readonly RequiredSet[]): string {
  if (missing.length === 0) return "";
  const list = missing.map((s) => `${s.name} ${s.version} (${s.why})`).join("; ");
  return (
    `This version of Excel lacks what Partnership Audit needs: ${list}. ` +
    "Please update Excel to a current Microsoft 365 version, or open the workbook in Excel on the web."
  );
}

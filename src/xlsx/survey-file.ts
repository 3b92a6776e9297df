/**
 * A file of survey responses → its table of cells, for the command line and the pane alike: an
 * .xlsx workbook through the one bounded reader (./read), anything else as CSV text. A file that is
 * neither gets one clear message (SurveyFileError), and so does an empty file, a file with a header
 * row only, a password-protected or corrupt workbook, and one over the reader's limits.
 */
import { csvTable } from "../core/survey/csv";
import { SurveyFileError, gridTable, requireResponses, type SurveyTable } from "../core/survey/table";
import { WorkbookReadError, readWorkbookGrid } from "./read";

const ZIP = [0x50, 0x4b];
const CFB = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** Read a responses file (the name decides nothing: the bytes do). */
export async function readSurveyFile(data: ArrayBuffer | Uint8Array): Promise<SurveyTable> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length === 0)
    throw new SurveyFileError("empty", "the file is empty; export the responses again as .xlsx or .csv");
  let table: SurveyTable;
  if (startsWith(bytes, ZIP) || startsWith(bytes, CFB)) {
    try {
      table = gridTable(await readWorkbookGrid(bytes));
    } catch (e) {
      if (e instanceof WorkbookReadError) {
        const reason =
          e.reason === "password-protected"
            ? "password-protected"
            : e.reason === "over-limit"
              ? "over-limit"
              : e.reason === "corrupt"
                ? "corrupt"
                : "not-a-spreadsheet";
        throw new SurveyFileError(reason, e.message);
      }
      throw e;
    }
  } else table = csvTable(bytes);
  requireResponses(table);
  return table;
}

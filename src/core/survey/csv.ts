/**
 * Comma-separated responses as a form tool or a spreadsheet exports them: text in UTF-8 (a byte-order
 * mark is dropped) or UTF-16 with its mark, or, when the bytes are not UTF-8, Windows-1252 as older
 * Excel writes it; fields separated by commas, semicolons (Excel in locales with a decimal comma)
 * or tabs, whichever the header line uses most, or the one a first line `sep=;` names (Excel's hint,
 * which Excel does not show as a row, so the header after it is row 1); fields in double quotes may
 * hold separators, line breaks and doubled quotes. Every value is text: the import decides what a
 * rating is.
 */
import { GRID } from "../model/a1";
import { SurveyFileError, rowsTable, type SurveyTable } from "./table";

/** Decode the bytes of a text file; throws SurveyFileError for bytes that are not text. */
function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  // a NUL byte is never in a text file: this is a binary file of some other kind
  if (body.includes(0))
    throw new SurveyFileError(
      "not-a-spreadsheet",
      "the file is not a spreadsheet: it is neither an Excel workbook (.xlsx) nor comma-separated text (.csv); export the responses as .xlsx or .csv",
    );
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return windows1252(body);
  }
}

/** Windows-1252's characters for the bytes 0x80 to 0x9F (the five it leaves undefined kept as their byte). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
] as const;

/**
 * Windows-1252 bytes → text, decoded here: some runtimes' TextDecoder("windows-1252") reads the
 * bytes 0x80 to 0x9F as Latin-1 control characters, so "’" (0x92) would come out as an invisible one.
 */
function windows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join("");
}

const SEPARATORS = [",", ";", "\t"] as const;

/**
 * The separator the header line (the first line with anything but separators and spaces) uses
 * most, outside quotes; a comma when it uses none.
 */
function separatorOf(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      quoted = !quoted;
      content = true;
    } else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (content) break;
      // a blank line above the header: count again from the next line
      for (const s of SEPARATORS) counts.set(s, 0);
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    else if (ch !== " ") content = true;
  }
  let best = ",";
  for (const s of SEPARATORS) if ((counts.get(s) ?? 0) > (counts.get(best) ?? 0)) best = s;
  return best;
}

// exported for tests: table-driven tests of the CSV parser
/**
 * CSV text → rows of text fields. Throws SurveyFileError when a quoted field is never closed (the
 * rest of the file would be read as one value, so nothing is read).
 */
// exported for tests
export function parseCsv(text: string): string[][] {
  const hint = /^sep=([^\r\n"])[ \t]*(?:\r\n|\r|\n|$)/i.exec(text);
  const sep = hint ? hint[1] : separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let quoteRow = 0;
  let line = hint ? 2 : 1;
  let i = hint ? hint[0].length : 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === "\n") line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      quoted = true;
      quoteRow = line;
      field = "";
      i++;
      continue;
    }
    if (ch === sep) {
      row.push(field);
      field = "";
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    i++;
  }
  if (quoted)
    throw new SurveyFileError(
      "corrupt",
      `a quoted value that starts on line ${quoteRow} is never closed (a " is missing); fix the file or export it again`,
    );
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * What a responses CSV may hold: no more rows than an Excel sheet has (its rows go into one), and
 * no more bytes than can be read as one text (a runtime's strings stop short of 512 MB).
 */
const CSV_LIMITS = { maxBytes: 256 * 1024 * 1024, maxRows: GRID.rows } as const;

/**
 * CSV bytes → the responses table (the first line that is not blank is the header row). Throws
 * SurveyFileError ("over-limit") past the limits above.
 */
export function csvTable(
  bytes: Uint8Array,
  limits: { readonly maxBytes: number; readonly maxRows: number } = CSV_LIMITS,
): SurveyTable {
  const mb = (n: number): string => `${Math.ceil(n / (1024 * 1024)).toLocaleString("en-GB")} MB`;
  if (bytes.length > limits.maxBytes)
    throw new SurveyFileError(
      "over-limit",
      `the file is refused: it is ${mb(bytes.length)} of text, more than the ${mb(limits.maxBytes)} a responses file may be; split it into smaller files and import each`,
    );
  const rows = parseCsv(decodeText(bytes));
  if (rows.length > limits.maxRows)
    throw new SurveyFileError(
      "over-limit",
      `the file is refused: it has ${rows.length.toLocaleString("en-GB")} rows, more than the ${limits.maxRows.toLocaleString("en-GB")} an Excel sheet holds; split it into smaller files and import each`,
    );
  // a CSV header is kept as written (the mapping shows the file's own header)
  return rowsTable(rows, (v) => (typeof v === "string" ? v : ""));
}

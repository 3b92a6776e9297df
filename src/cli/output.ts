/**
 * What the commands print, and the one place where everything printed is made safe for a terminal.
 *
 * File names, sheet names, district names and cell values in messages come from files that anyone
 * may have written. A control character in them would reach the analyst's terminal raw: ESC starts
 * an escape sequence (clear the screen, recolour, retitle the window), BEL rings, and a line break
 * starts a fake line of output such as "D05.xlsx: 0 errors — ready to import". So every line the
 * commands print goes through `safeOutput`, which shows such characters as visible escapes:
 * `\e` (ESC), `\n`, `\r`, `\t`, `\a` (BEL), `\b`, `\f`, `\v`, `\0`, `\xHH` for the other C0
 * characters and DEL, `\uHHHH` for the C1 controls (U+0080…U+009F; U+009B acts as ESC [ in some
 * terminals), the line and paragraph separators, the bidirectional overrides and isolates (which
 * reorder what is shown) and a lone surrogate. A command prints one line per call: a line break it
 * means is a second call. A JSON document (`--json`) goes through `json()`, which escapes the same
 * characters as JSON `\uHHHH` escapes, so that the document stays valid and means the same.
 */

/** Where the commands write: every call is one line, made safe for a terminal. */
export interface Output {
  /** one line to standard output */
  out(line: string): void;
  /** one line to standard error */
  err(line: string): void;
  /** a JSON document (the only thing on standard output with --json), pretty-printed */
  json(document: unknown): void;
}

/** The raw streams: text as given, a line break added (main.ts writes to process.stdout/stderr). */
export interface Sink {
  out(line: string): void;
  err(line: string): void;
}

// Built from code points so that the source holds no control characters.
const UNSAFE_SOURCE =
  "[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]" +
  "|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
const UNSAFE = new RegExp(UNSAFE_SOURCE);
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, "g");
/** In JSON text: what JSON.stringify leaves as it is (it escapes C0 and lone surrogates itself). */
const JSON_UNSAFE_ALL = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<number, string>> = {
  0x00: "\\0",
  0x07: "\\a",
  0x08: "\\b",
  0x09: "\\t",
  0x0a: "\\n",
  0x0b: "\\v",
  0x0c: "\\f",
  0x0d: "\\r",
  0x1b: "\\e",
};

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, "0");
}

/** One line as it may be shown on a terminal: control characters as visible escapes. */
export function terminalText(line: string): string {
  if (!UNSAFE.test(line)) return line;
  return line.replace(UNSAFE_ALL, (c) => {
    const code = c.charCodeAt(0);
    const named = Object.prototype.hasOwnProperty.call(NAMED, code) ? NAMED[code] : undefined;
    if (named !== undefined) return named;
    if (code < 0x20 || code === 0x7f) return `\\x${hex(code, 2)}`;
    return `\\u${hex(code, 4)}`;
  });
}

/** A JSON document as text a terminal shows as it is, with the same meaning. */
function jsonText(document: unknown): string {
  return JSON.stringify(document, null, 2).replace(JSON_UNSAFE_ALL, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
}

/** The Output the commands get: each line made safe, then written to the sink. */
export function safeOutput(sink: Sink): Output {
  return {
    out: (line) => sink.out(terminalText(line)),
    err: (line) => sink.err(terminalText(line)),
    json: (document) => sink.out(jsonText(document)),
  };
}

/**
 * The warning of `summary` and `report` when the annual cost cannot be computed: the grades with
 * hours but no hourly cost (docs/value-for-time.md: a warning on stderr names the grades).
 */
export function uncostedWarning(grades: readonly string[]): string {
  const one = grades.length === 1;
  return `No annual cost: ${one ? "the grade" : "the grades"} ${grades.join(", ")} ${one ? "has" : "have"} hours but no hourly cost; fill in the GradeCosts table on the Settings sheet (set-up adds it to an older workbook).`;
}

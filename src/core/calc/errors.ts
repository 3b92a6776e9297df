/**
 * Failures of the AUDIT calculations, as a core error type the Excel shell turns into
 * `CustomFunctions.Error` (src/functions) and the command-line tool prints.
 */

/** The Excel error values a calculation can produce or meet in its input. */
export type ExcelErrorCode =
  | "#VALUE!"
  | "#NUM!"
  | "#DIV/0!"
  | "#N/A"
  | "#NULL!"
  | "#NAME?"
  | "#REF!"
  | "#SPILL!"
  | "#CALC!"
  | "#GETTING_DATA"
  | "#BUSY!"
  | "#CONNECT!"
  | "#FIELD!"
  | "#BLOCKED!"
  | "#UNKNOWN!";

const ERROR_CODES: ReadonlySet<string> = new Set<ExcelErrorCode>([
  "#VALUE!",
  "#NUM!",
  "#DIV/0!",
  "#N/A",
  "#NULL!",
  "#NAME?",
  "#REF!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#BUSY!",
  "#CONNECT!",
  "#FIELD!",
  "#BLOCKED!",
  "#UNKNOWN!",
]);

/**
 * A calculation failure: an Excel error code and a message that says what to fix.
 * `propagated` is true when the code was copied from an error value found in an input range.
 */
export class AuditError extends Error {
  readonly code: ExcelErrorCode;
  readonly propagated: boolean;
  constructor(code: ExcelErrorCode, message: string, propagated = false) {
    super(message);
    this.name = "AuditError";
    this.code = code;
    this.propagated = propagated;
  }
}

/**
 * The Excel error code an input cell holds, or null: a `CustomFunctions.Error`-like object
 * (anything with a `code` naming an Excel error), as Excel hands an error cell to a function that
 * accepts errors. Text is text: a cell holding the text "#N/A" is not an error value.
 */
export function errorValueCode(value: unknown): ExcelErrorCode | null {
  if (typeof value === "object" && value !== null) {
    const code = (value as { code?: unknown }).code;
    if (typeof code === "string" && ERROR_CODES.has(code)) return code as ExcelErrorCode;
  }
  return null;
}

/**
 * A total as a result: finite, or #NUM! saying that it overflows. Each cell may be a finite
 * number while their sum (or a product) is beyond the largest number a cell holds (about 1.8e308);
 * such a total is never shown as infinity or as a wrong number.
 */
export function finiteTotal(total: number, what: string): number {
  if (Number.isFinite(total)) return total;
  throw new AuditError(
    "#NUM!",
    `${what} add up to more than a number can hold; check the largest values, one of them is far too big`,
  );
}

/** Where a cell is, for messages: "row 3, column 1 of hours". */
export function cellPlace(arg: string, row: number, col: number): string {
  return `row ${row + 1}, column ${col + 1} of ${arg}`;
}

/** The error for an error value met in an input range: the result is that error. */
export function propagatedError(code: ExcelErrorCode, arg: string, row: number, col: number): AuditError {
  return new AuditError(
    code,
    `${cellPlace(arg, row, col)} holds the error ${code}; fix that cell (or the formula feeding it) and the result follows`,
    true,
  );
}

/** The error for a cell that is neither blank, text, number nor boolean (nested arrays, objects). */
export function unsupportedCell(arg: string, row: number, col: number): AuditError {
  return new AuditError(
    "#VALUE!",
    `${cellPlace(arg, row, col)} holds something that is not a cell value; select a plain range`,
  );
}

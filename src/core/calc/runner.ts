/**
 * The one argument runner of the AUDIT functions: it turns a call, as Excel or a JavaScript caller
 * makes it, into the declared calculation's call (./declarations), for every function alike.
 *
 * - Excel appends an invocation object as the last argument of every call, and passes a repeating
 *   parameter as one array holding every repeat. The runner sets the invocation object aside (a
 *   trailing object that is neither an array nor an error value) and then unpacks the repeats from
 *   that one array. A JavaScript caller may instead spread the repeats one argument each, or pack
 *   them in one array as Excel does.
 * - An omitted optional argument (null or undefined, as Excel passes a skipped one) means the
 *   default; so does a blank cell given for a number or a keyword.
 * - Numbers and keywords are read and checked here, by kind; ranges go to the calculation as they
 *   are (a single value is a one-cell range).
 * - Which error wins is decided here, once: when anything fails, every input is scanned in the
 *   order of the declaration (each range row by row) and the first error value found is the
 *   result; otherwise the failure itself is. Error values are objects (CustomFunctions.Error, as
 *   Excel hands an error cell to a function that accepts errors); text such as "#N/A" is text.
 * - A result is finite: a number too large to show is #NUM!.
 */
import { AuditError, errorValueCode, propagatedError } from "./errors";
import { clip, labelText } from "./label-table";
import { isOmitted } from "./ranges";
import { numberCell, scalarArg } from "./numbers";
import type { Argument, FunctionDeclaration, KeywordParameter, NumberParameter } from "./declarations";
import { labelKey } from "../model/labels";

/** What a calculation returns: a number, or the rows of a spill. */
export type CallResult = number | readonly (readonly (string | number)[])[];

/** One named input, for the error scan. */
interface Input {
  readonly name: string;
  readonly value: unknown;
}

/** True for Excel's invocation object: a trailing object that is not an array or an error value. */
function isInvocation(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && errorValueCode(value) === null
  );
}

/** The arguments without Excel's invocation object, and whether Excel made the call. */
function withoutInvocation(given: ArrayLike<unknown>): { args: unknown[]; fromExcel: boolean } {
  const args = Array.from(given);
  if (args.length > 0 && isInvocation(args[args.length - 1])) {
    args.pop();
    return { args, fromExcel: true };
  }
  return { args, fromExcel: false };
}

/** True when `value` is an array holding at least one 2-D array (repeats packed as Excel packs them). */
function holdsRanges(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (Array.isArray(item) && item.some((row: unknown) => Array.isArray(row))) return true;
  }
  return false;
}

/** True when every item is omitted or a 2-D array: repeats packed as Excel packs them. */
function allRanges(value: readonly unknown[]): boolean {
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (isOmitted(item)) continue;
    if (!Array.isArray(item) || !item.every((row: unknown) => Array.isArray(row))) return false;
  }
  return true;
}

/**
 * The repeats of a repeating parameter that starts at `at`. From Excel: the one array there, each
 * repeat a 2-D array (or null when skipped; a plain value is taken too, as from JavaScript). From JavaScript: the arguments from there on, or one
 * packed array like Excel's (an item of it is a 2-D array; the rows of a single spread range hold
 * cells, never ranges). A JavaScript caller that spreads its repeats and adds an invocation object
 * of its own is read as spread.
 */
function repeats(args: readonly unknown[], at: number, fromExcel: boolean): unknown[] {
  const rest = args.slice(at);
  if (rest.length === 1) {
    const only = rest[0];
    if (isOmitted(only)) return [];
    if (Array.isArray(only)) {
      if (only.length === 0) return [];
      // From Excel every repeat is a 2-D array or null ([null, null] for skipped ones); a caller
      // that packs as Excel does but gives a criterion as a plain value still packs (a 2-D array
      // is never a cell of a spread range).
      if (fromExcel ? allRanges(only) || holdsRanges(only) : holdsRanges(only)) {
        return Array.from(only as unknown[]);
      }
    } else if (fromExcel) return [only];
  }
  return rest;
}

/** A number argument read by its declaration: the default when omitted or blank. */
function numberValue(value: unknown, parameter: NumberParameter): number {
  const v = scalarArg(value, parameter.name);
  if (isOmitted(v)) return parameter.fallback;
  const n = numberCell(v, parameter.rule, new Map(), parameter.name, 0, 0);
  return n === null ? parameter.fallback : n;
}

/** A keyword argument read by its declaration: one of its words, compared like labels. */
function keywordValue(value: unknown, parameter: KeywordParameter): string {
  const v = scalarArg(value, parameter.name);
  if (isOmitted(v)) return parameter.fallback;
  const words = parameter.words.join(", ").replace(/, ([^,]*)$/, " or $1");
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
    const key = labelKey(labelText(v));
    if (key === "") return parameter.fallback;
    if (parameter.words.includes(key)) return key;
    throw new AuditError(
      "#VALUE!",
      `${parameter.name} "${clip(labelText(v))}" is not a ${parameter.name}; use ${words}`,
    );
  }
  throw new AuditError("#VALUE!", `${parameter.name} must be one of ${words}`);
}

/** The arguments of a call, read by the declaration, in the order the calculation takes them. */
function bind(declaration: FunctionDeclaration, args: readonly unknown[], fromExcel: boolean): Argument[] {
  const parameters = declaration.parameters;
  const last = parameters[parameters.length - 1];
  if (last.kind !== "pairs" && args.length > parameters.length) {
    throw new AuditError(
      "#VALUE!",
      `AUDIT.${declaration.id} takes at most ${parameters.length} arguments (${parameters
        .map((p) => p.name)
        .join(", ")}) but was given ${args.length}; remove the extra ones`,
    );
  }
  return parameters.map((parameter, i): Argument => {
    switch (parameter.kind) {
      case "pairs":
        return repeats(args, i, fromExcel);
      case "number":
        return numberValue(args[i], parameter);
      case "keyword":
        return keywordValue(args[i], parameter);
      case "range": {
        const value = args[i];
        if (isOmitted(value)) {
          if (parameter.optional) return null;
          throw new AuditError(
            "#VALUE!",
            `AUDIT.${declaration.id} needs ${parameter.name}; select the range or give the value`,
          );
        }
        return value;
      }
    }
  });
}

/** Every input of a call, named as messages name them, in the order of the declaration. */
function inputs(declaration: FunctionDeclaration, args: readonly unknown[], fromExcel: boolean): Input[] {
  const out: Input[] = [];
  declaration.parameters.forEach((parameter, i) => {
    if (parameter.kind !== "pairs") {
      if (!isOmitted(args[i])) out.push({ name: parameter.name, value: args[i] });
      return;
    }
    repeats(args, i, fromExcel).forEach((value, k) => {
      const part = parameter.parts[k % 2];
      out.push({ name: `${part}${Math.floor(k / 2) + 1}`, value });
    });
  });
  return out;
}

/** The first error value among the inputs (each range row by row), as the error to report. */
function firstErrorValue(list: readonly Input[]): AuditError | null {
  for (const { name, value } of list) {
    if (!Array.isArray(value)) {
      const code = errorValueCode(value);
      if (code !== null) return propagatedError(code, name, 0, 0);
      continue;
    }
    const rows = value as unknown[];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!Array.isArray(row)) {
        const code = errorValueCode(row);
        if (code !== null) return propagatedError(code, name, 0, r);
        continue;
      }
      for (let c = 0; c < row.length; c++) {
        const code = errorValueCode(row[c]);
        if (code !== null) return propagatedError(code, name, r, c);
      }
    }
  }
  return null;
}

function tooLarge(declaration: FunctionDeclaration): AuditError {
  return new AuditError(
    "#NUM!",
    `AUDIT.${declaration.id} gives a number too large to show; check the input for huge values`,
  );
}

/** The result, checked finite. */
function finite(declaration: FunctionDeclaration, result: CallResult): CallResult {
  if (typeof result === "number") {
    if (!Number.isFinite(result)) throw tooLarge(declaration);
    return result;
  }
  for (const row of result) {
    for (const cell of row)
      if (typeof cell === "number" && !Number.isFinite(cell)) throw tooLarge(declaration);
  }
  return result;
}

/**
 * Calls a declared function with the arguments as given (Excel's, with its invocation object last,
 * or a JavaScript caller's). Returns its result or throws an AuditError saying what to fix.
 */
export function callDeclared(declaration: FunctionDeclaration, given: ArrayLike<unknown>): CallResult {
  const { args, fromExcel } = withoutInvocation(given);
  try {
    return finite(declaration, declaration.compute(bind(declaration, args, fromExcel)));
  } catch (e) {
    let found: AuditError | null = null;
    try {
      found = firstErrorValue(inputs(declaration, args, fromExcel));
    } catch {
      found = null;
    }
    if (found !== null) throw found;
    if (e instanceof AuditError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw new AuditError(
      "#VALUE!",
      `AUDIT.${declaration.id} could not use its arguments (${detail}); check that each argument is a range or a value`,
    );
  }
}

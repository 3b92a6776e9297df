/**
 * Text in the XML parts of a workbook, both ways.
 *
 * XML 1.0 allows tab, line feed, carriage return and U+0020 upwards, except the surrogates and
 * U+FFFE/U+FFFF (W3C XML 1.0, §2.2 "Characters"). Office Open XML carries the C0 control
 * characters in text as `_xHHHH_` (a literal "_xHHHH_" as `_x005F_xHHHH_`; ECMA-376 Part 1,
 * §22.9.2.19 ST_Xstring), so they round-trip. U+FFFE, U+FFFF and a lone surrogate cannot be carried
 * at all: writing them raw makes a part that is not well-formed (other readers refuse the whole
 * file), so they are written as U+FFFD "�", visibly. The reader reports a cell holding one (see
 * read.ts), so the replacement is never silent.
 */

/** What replaces a character no workbook can store. */
const REPLACEMENT_CHARACTER = "\uFFFD";

// Built from code points so that the source holds no control characters.
const CONTROL = `\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f`;
const NEEDS_ESCAPE = new RegExp(`[&<>"_${CONTROL}\\ud800-\\udfff\\ufffe\\uffff]`);
const CONTROL_OR_ESCAPE = new RegExp(`[${CONTROL}]|_x[0-9A-Fa-f]{4}_`);
const CONTROL_CHARS = new RegExp(`[${CONTROL}]`, "g");
/** U+FFFE, U+FFFF, or a surrogate that is not half of a pair */
const UNSTORABLE = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

/** Any surrogate, U+FFFE or U+FFFF: a fast first look before the exact test. */
const MAYBE_UNSTORABLE = /[\ud800-\udfff\ufffe\uffff]/;

/** True when the text holds a character no workbook can store (U+FFFE, U+FFFF, a lone surrogate). */
function hasUnstorable(text: string): boolean {
  return MAYBE_UNSTORABLE.test(text) && UNSTORABLE.test(text);
}

/** The text with each character no workbook can store replaced by U+FFFD. */
export function replaceUnstorable(text: string): string {
  return hasUnstorable(text) ? text.replace(UNSTORABLE_ALL, REPLACEMENT_CHARACTER) : text;
}

/** The first character no workbook can store, as "U+FFFF", for a message; undefined when none. */
export function firstUnstorable(text: string): string | undefined {
  const m = MAYBE_UNSTORABLE.test(text) ? UNSTORABLE.exec(text) : null;
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : undefined;
}

/** Text for an XML element or attribute value: well-formed whatever the input. */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  let s = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  if (CONTROL_OR_ESCAPE.test(s)) {
    s = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
    s = s.replace(CONTROL_CHARS, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`);
  }
  return replaceUnstorable(s);
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** OOXML's `_xHHHH_` escapes → the characters (text whose entities are already decoded). */
export function unescapeOoxml(text: string): string {
  return text.includes("_x")
    ? text.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

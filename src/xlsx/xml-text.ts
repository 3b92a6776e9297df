/** Text for XML parts: escaping of markup characters and of characters XML 1.0 cannot carry. */

// Control characters are not allowed in XML 1.0: OOXML writes them as _xHHHH_ (and a literal
// "_xHHHH_" as _x005F_xHHHH_). Built from code points so that the source holds no control characters.
const CONTROL = `\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f`;
const NEEDS_ESCAPE = new RegExp(`[&<>"_${CONTROL}]`);
const CONTROL_OR_ESCAPE = new RegExp(`[${CONTROL}]|_x[0-9A-Fa-f]{4}_`);
const CONTROL_CHARS = new RegExp(`[${CONTROL}]`, "g");

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  let s = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  if (CONTROL_OR_ESCAPE.test(s)) {
    s = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
    s = s.replace(CONTROL_CHARS, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`);
  }
  return s;
}

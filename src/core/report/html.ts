/**
 * HTML made safe by construction. `html` is a tagged template: every value put into it is escaped
 * as text, unless it is itself the result of `html` (a `SafeHtml`), so markup can only come from the
 * project's own template literals and never from data. A partnership named
 * `<script>alert(1)</script>` comes out as `&lt;script&gt;alert(1)&lt;/script&gt;` and is shown as
 * text.
 *
 * Why no library: escaping text for HTML is five characters (`&`, `<`, `>`, `"`, `'`), and the
 * escaping libraries on npm (escape-html, he, html-escaper) do exactly that and no more; none of
 * them also replaces the characters that an HTML document must not carry (C0/C1 controls, lone
 * surrogates, noncharacters), which `escapeHtml` below does, visibly (U+FFFD). The templating
 * libraries that escape by default bring a runtime and a syntax for a job this small module does;
 * this code is also loaded by the task pane, where every byte counts. The property tests in
 * test/core/report/html.test.ts parse the output with parse5 (the WHATWG parser browsers follow)
 * and check that any text comes back as the same text.
 */

/** A fragment of trusted markup (made only by `html`, `joinHtml` or `rawCss`). */
export class SafeHtml {
  readonly value: string;
  /** @internal use `html` */
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What can go into a template: text (escaped), numbers, nothing, markup, or lists of these. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

/**
 * Characters an HTML document must not carry as text: C0 controls other than tab, line feed and
 * carriage return; DEL and the C1 controls; lone surrogates; the noncharacters U+FDD0–U+FDEF and
 * U+xFFFE/U+xFFFF. Each is shown as U+FFFD (the replacement character), never dropped silently.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;

/** Any character that escapeHtml may change (surrogates too, which are fine in pairs): a fast first test. */
const MAYBE =
  /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/;
/* eslint-enable no-control-regex */

const ENTITY: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

// exported for tests: table-driven tests of the escaping
/** Text as HTML text or as a quoted attribute value: `& < > " '` escaped, forbidden characters U+FFFD. */
export function escapeHtml(text: string): string {
  // most text needs nothing: one simple scan before building new strings (a report has many thousands)
  if (!MAYBE.test(text)) return text;
  return text.replace(FORBIDDEN, "\uFFFD").replace(/[&<>"']/g, (c) => ENTITY[c]);
}

function append(out: string[], value: HtmlValue): void {
  if (value === null || value === undefined || value === false) return;
  if (value instanceof SafeHtml) out.push(value.value);
  else if (typeof value === "string") out.push(escapeHtml(value));
  else if (typeof value === "number") out.push(escapeHtml(String(value)));
  else for (const v of value) append(out, v);
}

/** The tagged template: `html\`<td>${name}</td>\`` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  const out: string[] = [strings[0]];
  for (let i = 0; i < values.length; i++) {
    append(out, values[i]);
    out.push(strings[i + 1]);
  }
  return new SafeHtml(out.join(""));
}

/** Fragments one after another (a list of rows, say). */
export function joinHtml(parts: readonly HtmlValue[]): SafeHtml {
  const out: string[] = [];
  append(out, parts);
  return new SafeHtml(out.join(""));
}

/**
 * Text as a CSS string literal (for `content:` in the page's margin boxes): every character other
 * than letters, digits, space and a few safe marks is written as a CSS hex escape, so that no text
 * can end the string, the rule or the `<style>` element (`</style>` becomes `\3c /style\3e `).
 */
export function cssString(text: string): string {
  const safe = text.replace(FORBIDDEN, "\uFFFD");
  let out = '"';
  for (const ch of safe) {
    if (/^[A-Za-z0-9 ,.:;()_-]$/.test(ch)) out += ch;
    else out += `\\${(ch.codePointAt(0) ?? 0xfffd).toString(16)} `;
  }
  return `${out}"`;
}

/** A style sheet the project wrote (constant text plus `cssString` values). */
export function rawCss(css: string): SafeHtml {
  return new SafeHtml(css.replace(/<\//g, "<\\/"));
}

/**
 * Text that may change the direction of what follows it: a bidirectional control (an embedding,
 * override or isolate, or a mark) or a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, NKo …).
 */
const BIDI =
  /[\u0590-\u08FF\u200E\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFF]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]|\uD83B[\uDC00-\uDFFF]/;

/**
 * Text kept to itself where markup cannot do it (a page title, an SVG label or tooltip, a title put
 * together from parts): wrapped in the Unicode isolates FSI … PDI when it holds anything that could
 * reorder its neighbours, so that a right-to-left override in a region's name never reaches past
 * the name (PDI ends every embedding and override opened inside). Plain text is left as it is.
 */
export function isolated(text: string): string {
  return BIDI.test(text) ? `\u2068${text}\u2069` : text;
}

/**
 * Label rules shared by the AUDIT functions, checks, imports and header matching.
 * Labels compare after trimming, collapsing inner white space and ignoring case.
 */

const SPACE_RUN = /\s+/g;

/** The comparison key of a label: trimmed, inner white space collapsed to one space, lower case. */
export function labelKey(text: string): string {
  return text.replace(SPACE_RUN, " ").trim().toLowerCase();
}

/** A label as people should see it: trimmed, inner white space collapsed, case kept. */
export function tidyLabel(text: string): string {
  return text.replace(SPACE_RUN, " ").trim();
}

const MULTI_SEPARATOR = /[;\r\n]+/;

/**
 * The labels in a multi-select cell (separated by ";" or line breaks), tidied, blanks dropped.
 * Duplicates (after normalisation) are kept once, in first-seen order and spelling.
 */
export function splitMulti(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(MULTI_SEPARATOR)) {
    const label = tidyLabel(part);
    if (label === "") continue;
    const key = label.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(label);
  }
  return out;
}

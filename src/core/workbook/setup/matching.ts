/**
 * Matching what a workbook has to the blueprint: a header resembling one blueprint column (e.g.
 * "Role" for "Our role") is taken as renamed; two candidates for one column become a question.
 */
import type { ColumnSpec, TableSpec } from "../../model/blueprint";
import { TABLES } from "../../model/blueprint";
import { labelKey } from "../../model/labels";
import type { DescribedTable, PlanContext } from "./model";

/** Alphanumeric key of a label: "Partnership-ID" → "partnershipid". */
function looseKey(label: string): string {
  return labelKey(label).replace(/[^a-z0-9]/g, "");
}

// exported for tests: table-driven tests of header resemblance
/** True when a header looks like a renamed blueprint column: one contains the other (≥ 4 letters). */
export function resembles(header: string, column: ColumnSpec): boolean {
  const h = looseKey(header);
  const s = looseKey(column.header);
  const k = column.key.toLowerCase();
  if (h === "" || s === "") return false;
  if (h === s || h === k) return true;
  if (h.length >= 4 && s.includes(h)) return true;
  if (s.length >= 4 && h.includes(s)) return true;
  return false;
}

/** How many of a table's headers a row of headers carries. */
export function headerMatches(headers: readonly string[], spec: TableSpec): number {
  const keys = new Set(spec.columns.map((c) => labelKey(c.header)));
  return headers.filter((h) => keys.has(labelKey(h))).length;
}

/** At least this many of a table's headers make a row or table "ours". */
export const MIN_MATCHES = 3;

/** The blueprint table a table's headers resemble most (share of the blueprint's headers found). */
export function bestSpecOf(t: DescribedTable): TableSpec | undefined {
  let best: TableSpec | undefined;
  let bestShare = 0;
  for (const spec of TABLES) {
    const share = headerMatches(t.headers, spec) / spec.columns.length;
    if (share > bestShare) {
      best = spec;
      bestShare = share;
    }
  }
  return best;
}

interface ColumnMatch {
  /** blueprint key → index in the table's headers */
  readonly found: Map<string, number>;
  readonly renames: { index: number; from: string; to: string }[];
  readonly missing: ColumnSpec[];
}

export function matchColumns(p: PlanContext, spec: TableSpec, headers: readonly string[]): ColumnMatch {
  const found = new Map<string, number>();
  const used = new Set<number>();
  const renames: { index: number; from: string; to: string }[] = [];
  const missing: ColumnSpec[] = [];
  for (const col of spec.columns) {
    const i = headers.findIndex((h, j) => !used.has(j) && labelKey(h) === labelKey(col.header));
    if (i >= 0) {
      found.set(col.key, i);
      used.add(i);
      if (headers[i] !== col.header) renames.push({ index: i, from: headers[i], to: col.header });
    }
  }
  const open = spec.columns.filter((c) => !found.has(c.key));
  const candidates = new Map<string, number[]>();
  for (const col of open) {
    const hits: number[] = [];
    headers.forEach((h, j) => {
      if (!used.has(j) && resembles(h, col)) hits.push(j);
    });
    candidates.set(col.key, hits);
  }
  for (const col of open) {
    const id = `column:${spec.name}:${col.key}`;
    const hits = candidates.get(col.key) ?? [];
    const answer = p.answers[id];
    if (answer !== undefined) {
      const j = headers.findIndex((h, k) => !used.has(k) && h === answer);
      if (answer !== "new" && j >= 0) {
        found.set(col.key, j);
        used.add(j);
        renames.push({ index: j, from: headers[j], to: col.header });
      } else missing.push(col);
      continue;
    }
    const live = hits.filter((j) => !used.has(j));
    const shared = live.some((j) => open.some((o) => o !== col && (candidates.get(o.key) ?? []).includes(j)));
    if (live.length === 1 && !shared) {
      const j = live[0];
      found.set(col.key, j);
      used.add(j);
      renames.push({ index: j, from: headers[j], to: col.header });
    } else if (live.length === 0) missing.push(col);
    else {
      p.questions.push({
        id,
        prompt: `${spec.sheet}: which column is ${col.header}?`,
        choices: [
          ...live.map((j) => ({ value: headers[j], label: `The column headed "${headers[j]}"` })),
          { value: "new", label: `None of them: add a new column "${col.header}"` },
        ],
      });
    }
  }
  return { found, renames, missing };
}

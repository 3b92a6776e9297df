/**
 * Which rows of a regional table an import replaces, and how to delete them in bulk. One decision
 * for the task pane's import (src/excel/import.ts) and the command-line consolidation
 * (consolidate.ts, applyPlan): a row belongs to a replaced return when its District and Audit
 * round, read as the reader reads them (a blank cell takes the workbook's Settings value), are
 * those of the return — labels compared as everywhere else (labelKey).
 *
 * Deleting: the rows come as contiguous blocks, deleted from the bottom up, so that a block's
 * position is not moved by an earlier deletion and a district's rows imported together go in one
 * command instead of one per row.
 */
import { labelKey } from "../model/labels";

/** A (district, audit round) pair: one return. */
interface ReturnPair {
  readonly district: string;
  readonly auditRound: string;
}

/** A row's District and Audit round as read (text; "" when blank). */
export interface RowKey {
  readonly district: string;
  readonly auditRound: string;
}

/** The comparison key of a pair (normalised labels). */
export function pairKey(district: string, auditRound: string): string {
  return `${labelKey(district)}|${labelKey(auditRound)}`;
}

/** A predicate: does a row with this district and round belong to one of the replaced returns? */
export function replacedBy(
  replace: readonly ReturnPair[],
): (district: string, auditRound: string) => boolean {
  const drop = new Set(replace.map((r) => pairKey(r.district, r.auditRound)));
  return (district, auditRound) => district.trim() !== "" && drop.has(pairKey(district, auditRound));
}

/**
 * The body rows (0-based, ascending) of a table that belong to the replaced returns. A blank
 * District or Audit round takes `defaults` (the workbook's Settings values), as the reader does.
 */
export function rowsToReplace(
  keys: readonly RowKey[],
  replace: readonly ReturnPair[],
  defaults: Partial<RowKey> = {},
): number[] {
  if (replace.length === 0) return [];
  const isReplaced = replacedBy(replace);
  const out: number[] = [];
  keys.forEach((k, i) => {
    const district = k.district.trim() === "" ? (defaults.district ?? "") : k.district;
    const auditRound = k.auditRound.trim() === "" ? (defaults.auditRound ?? "") : k.auditRound;
    if (isReplaced(district, auditRound)) out.push(i);
  });
  return out;
}

/** A run of adjacent body rows: the first (0-based) and how many. */
interface RowBlock {
  readonly start: number;
  readonly count: number;
}

/** Rows grouped into contiguous blocks, the lowest block last (delete in this order). */
export function deletionBlocks(rows: readonly number[]): RowBlock[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const blocks: RowBlock[] = [];
  for (const r of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last.start + last.count === r)
      blocks[blocks.length - 1] = { start: last.start, count: last.count + 1 };
    else blocks.push({ start: r, count: 1 });
  }
  return blocks.reverse();
}

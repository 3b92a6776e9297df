/** The list vocabularies a return's cells are checked against. */
import { LISTS, type ListKey } from "../../model/blueprint";
import { labelKey, tidyLabel } from "../../model/labels";
import type { AuditReturn } from "../../model/workbook-data";

/** Vocabulary of one list: normalised label → the spelling in the vocabulary. */
export type Vocabulary = ReadonlyMap<string, string>;

/** The vocabularies a return is checked against: its own Lists sheet first, else the blueprint. */
export function vocabulariesOf(ret: Pick<AuditReturn, "lists">): Record<ListKey, Vocabulary> {
  const out = {} as Record<ListKey, Vocabulary>;
  for (const spec of LISTS) {
    const own = ret.lists?.[spec.key];
    const values = own && own.length > 0 ? own : spec.values;
    const map = new Map<string, string>();
    for (const v of values) {
      const k = labelKey(v);
      if (k !== "" && !map.has(k)) map.set(k, tidyLabel(v));
    }
    out[spec.key] = map;
  }
  return out;
}

import { LEADING_ROLES, ROLE_STRENGTH } from "../model/blueprint";
import { labelKey } from "../model/labels";
import { AuditError } from "./errors";
import {
  isOmitted,
  looseRange,
  pairWith,
  readRange,
  shaped,
  shapeChanged,
  type RangeArg,
  type ReadRange,
} from "./ranges";
import { LabelTable, labelList } from "./label-table";

const RANK = new Map(ROLE_STRENGTH.map((role, i) => [labelKey(role), i] as const));
const OTHER_RANK = ROLE_STRENGTH.length;

/** A role cell's code: rank × 2, plus 1 when not leading (smallest = strongest; at equal strength a leading role wins); -1 blank. */
export type CodeOf = (value: unknown, r: number, c: number) => number;

/** True when a role code (see `CodeOf`) is a leading role. */
export function isLeadingCode(code: number): boolean {
  return (code & 1) === 0;
}

/**
 * The role coder of one call: leading roles from `leadRange` (blank or omitted: Leading, Key); a
 * cell listing several roles takes the strongest. Codes are cached per raw cell value.
 */
export function roleCoder(leadRange: ReadRange | null): CodeOf {
  const table = new LabelTable();
  let leading = leadRange ? labelList(leadRange, table) : [];
  if (leading.length === 0) leading = LEADING_ROLES.map((role) => table.intern(role));
  const isLeading = new Set(leading);
  const codes = new Map<unknown, number>();
  return (value, r, c) => {
    let code = codes.get(value);
    if (code !== undefined) return code;
    code = -1;
    for (const role of table.many(value, "roles", r, c)) {
      const rank = RANK.get(table.keys[role]) ?? OTHER_RANK;
      const roleCode = rank * 2 + (isLeading.has(role) ? 0 : 1);
      if (code < 0 || roleCode < code) code = roleCode;
    }
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      codes.set(value, code);
    return code;
  };
}

/**
 * AUDIT.LEADERSHIPRATIO: the share (0–1) of partnerships whose role is in `leadingRoles`
 * (default Leading, Key). With `ids`, each distinct id counts once and takes its strongest role
 * across rows (Leading > Key > Active > Limited > any other label); without, each non-blank role
 * cell is one partnership. Blank roles (and, with ids, rows with a blank id) are ignored. A cell
 * listing several roles takes the strongest. A blank leading_roles means the default.
 * No partnership: #DIV/0!.
 */
export function leadershipRatio(roles: RangeArg, ids?: RangeArg, leadingRoles?: RangeArg): number {
  const looseRoles = looseRange("roles", roles);
  const looseIds = isOmitted(ids) ? null : looseRange("ids", ids);
  const leadRange = isOmitted(leadingRoles) ? null : readRange("leading_roles", leadingRoles);
  const codeOf = roleCoder(leadRange);
  const [lead, total] = looseIds
    ? shaped([looseIds, looseRoles], ([i, r]) => countById(i, pairWith(i, r), codeOf))
    : shaped([looseRoles], ([r]) => countCells(r, codeOf));
  if (total === 0) {
    throw new AuditError(
      "#DIV/0!",
      looseIds
        ? "no row has both a role in roles and an id in ids, so there is no partnership to count; fill in the roles and ids"
        : "roles has no non-blank role, so there is no partnership to count; fill in the roles",
    );
  }
  return lead / total;
}

/** [leading, total] when each non-blank role cell is one partnership. */
function countCells(roleRange: ReadRange, codeOf: CodeOf): [number, number] {
  let total = 0;
  let lead = 0;
  const rows = roleRange.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) shapeChanged();
    for (let c = 0; c < row.length; c++) {
      const code = codeOf(row[c], r, c);
      if (code < 0) continue;
      total++;
      if ((code & 1) === 0) lead++;
    }
  }
  return [lead, total];
}

/** [leading, total] over distinct ids, each with its strongest role. */
function countById(idRange: ReadRange, roleRange: ReadRange, codeOf: CodeOf): [number, number] {
  const ids = new LabelTable(false);
  let best = new Int32Array(1024).fill(-1);
  const iRows = idRange.rows;
  const rRows = roleRange.rows;
  for (let r = 0; r < iRows.length; r++) {
    const iRow = iRows[r];
    const rRow = rRows[r];
    if (!Array.isArray(iRow) || !Array.isArray(rRow) || rRow.length !== iRow.length) shapeChanged();
    for (let c = 0; c < iRow.length; c++) {
      const iv = iRow[c];
      const id = ids.id(iv, "ids", r, c);
      const code = codeOf(rRow[c], r, c);
      if (id < 0 || code < 0) continue;
      if (id >= best.length) {
        const next = new Int32Array(Math.max(best.length * 2, id + 1)).fill(-1);
        next.set(best);
        best = next;
      }
      const prev = best[id];
      if (prev < 0 || code < prev) best[id] = code;
    }
  }
  let total = 0;
  let lead = 0;
  for (let id = 0; id < ids.size; id++) {
    const code = best[id];
    if (code < 0) continue;
    total++;
    if ((code & 1) === 0) lead++;
  }
  return [lead, total];
}

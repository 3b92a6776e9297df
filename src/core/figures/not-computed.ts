/**
 * A figure that cannot be computed is absent, with the reason, never a number that reads as real:
 * the AUDIT error that stopped its calculation becomes a sentence for people (the checks name the
 * cell itself).
 */
import { AuditError } from "../calc";

/** Why a figure is not computed, from the AUDIT error that stopped it (the checks name the cell). */
export function notComputedReason(e: AuditError, needs: string): string {
  if (/add up to more than a number can hold/.test(e.message))
    return `the total is too large to compute: a value in ${needs} is far too big (see the errors)`;
  if (e.code === "#N/A") return `${needs} has no data to compute it from`;
  return `a cell of ${needs} is not a usable value (see the errors)`;
}

/** Run a calculation; an AUDIT error gives null and its reason. */
export function tryFigure<T>(run: () => T, needs: string): { value: T | null; reason?: string } {
  try {
    return { value: run() };
  } catch (e) {
    if (e instanceof AuditError) return { value: null, reason: notComputedReason(e, needs) };
    throw e;
  }
}

/**
 * The ribbon's Check workbook command runs in the same shared runtime as the task pane; it hands
 * its result to the pane with a window event (the bundles are separate entries, so they share no
 * module state).
 */
import type { CheckResult } from "../core/operations";

export const CHECK_COMMAND_EVENT = "partnership-audit:check";

export interface CheckCommandDetail {
  readonly result?: CheckResult;
  readonly error?: unknown;
}

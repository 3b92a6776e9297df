/**
 * The ribbon's Check workbook command runs in the same shared runtime (the same window) as the
 * task pane, but the two start independently: the command may finish before the pane has mounted
 * (the pane's code is still loading, or Office has not shown it yet), or after. So the command
 * leaves its result in a mailbox on the window and also announces it with an event: a pane that is
 * already listening takes it from the event, a pane that mounts later takes it from the mailbox.
 * Either way it is taken once.
 */
import type { CheckResult } from "../core/model/operations";

export const CHECK_COMMAND_EVENT = "partnership-audit:check";

export interface CheckCommandDetail {
  readonly result?: CheckResult;
  readonly error?: unknown;
}

const MAILBOX = "__partnershipAuditCheck";

type WithMailbox = Window & { [MAILBOX]?: CheckCommandDetail };

/** The command's side: leave the result and announce it. */
export function postCheckResult(detail: CheckCommandDetail): void {
  (window as WithMailbox)[MAILBOX] = detail;
  window.dispatchEvent(new CustomEvent<CheckCommandDetail>(CHECK_COMMAND_EVENT, { detail }));
}

/** The pane's side: the result waiting in the mailbox, if any (taken: a second call gives none). */
export function takeCheckResult(): CheckCommandDetail | undefined {
  const w = window as WithMailbox;
  const detail = w[MAILBOX];
  delete w[MAILBOX];
  return detail;
}

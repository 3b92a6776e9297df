/**
 * The ribbon command's mailbox (src/commands/events.ts): its result reaches the pane whether the
 * pane mounts before or after the command finishes, and only once.
 */
import { CHECK_COMMAND_EVENT, postCheckResult, takeCheckResult } from "../../src/commands/events";

const result = { findings: [], rowsChecked: 3, cancelled: false };

beforeAll(() => {
  // the jest environment is node: a window with events is all the mailbox needs
  (globalThis as unknown as { window: EventTarget }).window = new EventTarget();
  (globalThis as unknown as { CustomEvent: typeof CustomEvent }).CustomEvent ??= class<T> extends Event {
    readonly detail: T;
    constructor(type: string, init?: { detail: T }) {
      super(type);
      this.detail = init?.detail as T;
    }
  } as unknown as typeof CustomEvent;
});

describe("the check command's mailbox", () => {
  test("posted before the pane mounts: the pane takes it once", () => {
    postCheckResult({ result });
    expect(takeCheckResult()).toEqual({ result });
    expect(takeCheckResult()).toBeUndefined();
  });

  test("posted while the pane listens: the event says so and the mailbox gives it", () => {
    const seen: unknown[] = [];
    const listener = (): void => {
      seen.push(takeCheckResult());
    };
    window.addEventListener(CHECK_COMMAND_EVENT, listener);
    postCheckResult({ error: "boom" });
    window.removeEventListener(CHECK_COMMAND_EVENT, listener);
    expect(seen).toEqual([{ error: "boom" }]);
    expect(takeCheckResult()).toBeUndefined();
  });
});

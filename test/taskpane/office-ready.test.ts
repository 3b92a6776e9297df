/**
 * Where the pane runs, as Office.js says (src/taskpane/office-ready.ts): never decided by a timer.
 * Timers are jest's fake timers here: nothing waits for real time.
 */
import { SLOW_MS, whereAmI } from "../../src/taskpane/office-ready";

afterEach(() => jest.useRealTimers());

const never = (): Promise<{ host?: unknown }> => new Promise(() => undefined);

describe("whereAmI", () => {
  test.each([
    ["no Office.js", undefined, true, { kind: "outside", reason: "no-office-js" }],
    [
      "ready with no host (a plain browser)",
      { onReady: async () => ({ host: null }) },
      true,
      { kind: "outside", reason: "no-host" },
    ],
    [
      "ready in Word",
      { onReady: async () => ({ host: "Word" }) },
      false,
      { kind: "outside", reason: "other-host", host: "Word" },
    ],
    ["ready in Excel", { onReady: async () => ({ host: "Excel" }) }, true, { kind: "excel" }],
    [
      "Excel without the Excel API",
      { onReady: async () => ({ host: "Excel" }) },
      false,
      { kind: "outside", reason: "other-host", host: "Excel" },
    ],
  ])("%s", async (_, office, hasExcel, expected) => {
    await expect(
      whereAmI(
        office,
        () => hasExcel,
        () => undefined,
      ),
    ).resolves.toEqual(expected);
  });

  test("a slow start only adds a hint, once, and still opens the pane when Office is ready", async () => {
    jest.useFakeTimers();
    let ready: (info: { host: string }) => void = () => undefined;
    const office = { onReady: () => new Promise<{ host?: unknown }>((resolve) => (ready = resolve)) };
    const slow = jest.fn();
    const where = whereAmI(office, () => true, slow);
    jest.advanceTimersByTime(SLOW_MS - 1);
    expect(slow).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(slow).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(10 * SLOW_MS);
    expect(slow).toHaveBeenCalledTimes(1);
    ready({ host: "Excel" });
    await expect(where).resolves.toEqual({ kind: "excel" });
  });

  test("never ready: it never decides on its own that this is outside Excel", async () => {
    jest.useFakeTimers();
    let settled = false;
    void whereAmI(
      { onReady: never },
      () => true,
      () => undefined,
    ).then(() => (settled = true));
    jest.advanceTimersByTime(60 * SLOW_MS);
    await Promise.resolve();
    expect(settled).toBe(false);
  });
});

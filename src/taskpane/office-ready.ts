/**
 * Where the pane is running, decided without guessing from time: Office.js says so itself.
 *
 * - Office.js missing (the script did not load): outside Office.
 * - `Office.onReady` resolves with the host it runs in
 *   (https://learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in): "Excel" is inside
 *   Excel; any other host is outside Excel, and so is none (Office.js loaded in a plain browser
 *   resolves with `host: null`, as seen when the page is opened in a plain browser).
 * - Until it resolves, the pane keeps waiting, however long a cold start of Excel takes: it never
 *   decides "outside" on a timer. After SLOW_MS it only adds a hint (for someone who opened the
 *   page in a browser) and goes on waiting.
 */

// exported for tests: they advance fake timers past it
/** When the "still loading" hint appears (the pane keeps waiting after it). */
export const SLOW_MS = 10_000;

export type Where =
  | { readonly kind: "excel" }
  | {
      readonly kind: "outside";
      readonly reason: "no-office-js" | "no-host" | "other-host";
      readonly host?: string;
    };

interface OfficeLike {
  readonly onReady?: () => Promise<{ readonly host?: unknown }>;
}

/**
 * Waits for Office.js and says where the pane is. `office` is the global `Office` (or undefined),
 * `hasExcel` whether the Excel API is there; `onSlow` is called once if Office takes longer than
 * `slowMs`.
 */
export function whereAmI(
  office: OfficeLike | undefined,
  hasExcel: () => boolean,
  onSlow: () => void,
  slowMs = SLOW_MS,
): Promise<Where> {
  if (!office || typeof office.onReady !== "function")
    return Promise.resolve({ kind: "outside", reason: "no-office-js" });
  const timer = setTimeout(onSlow, slowMs);
  const done = (w: Where): Where => {
    clearTimeout(timer);
    return w;
  };
  let ready: Promise<{ readonly host?: unknown }>;
  try {
    ready = office.onReady();
  } catch {
    return Promise.resolve(done({ kind: "outside", reason: "no-office-js" }));
  }
  return ready.then(
    (info) => {
      const host = info?.host;
      if (host === null || host === undefined) return done({ kind: "outside", reason: "no-host" });
      if (String(host) !== "Excel" || !hasExcel())
        return done({ kind: "outside", reason: "other-host", host: String(host) });
      return done({ kind: "excel" });
    },
    () => done({ kind: "outside", reason: "no-office-js" }),
  );
}

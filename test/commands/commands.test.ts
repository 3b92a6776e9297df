/**
 * The ribbon's Check workbook (src/commands/commands.ts) on its first click: the handler is
 * associated as the script loads, before Office.onReady resolves, and the check it runs goes through
 * Microsoft's Excel client (test/excel-host) to the workbook, marks the cells and leaves the result
 * for the pane.
 */
import type { CheckCommandDetail } from "../../src/commands/events";
import { takeCheckResult } from "../../src/commands/events";
import { MARK_FILL } from "../../src/excel/check";
import { PARTNERSHIPS, partnership, setUpWorkbook, typeRows } from "../excel/fixtures";

type Handler = (event: { completed(): void }) => unknown;

const associated = new Map<string, Handler>();
let shown = 0;

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
  // an Office whose start-up never finishes: only what the script does as it loads can count
  (globalThis as unknown as { Office: unknown }).Office = {
    onReady: () => new Promise(() => undefined),
    actions: { associate: (id: string, f: Handler) => associated.set(id, f) },
    addin: {
      showAsTaskpane: async () => {
        shown++;
      },
    },
  };
});

afterAll(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
  delete (globalThis as unknown as { Excel?: unknown }).Excel;
});

describe("the ribbon's Check workbook", () => {
  it("is associated as soon as the script loads, before Office.onReady resolves", async () => {
    await jest.isolateModulesAsync(async () => {
      await import("../../src/commands/commands");
    });
    expect([...associated.keys()]).toEqual(["checkWorkbook"]);
  });

  it("its first click checks the workbook through Microsoft's client, marks the cells, opens the pane", async () => {
    const fake = await setUpWorkbook({
      region: "North",
      district: "Anytown",
      auditRound: "2026-Q4",
      hoursPerWeek: 37,
      weeksPerYear: 52,
    });
    typeRows(fake, PARTNERSHIPS, [partnership(1), partnership(2, { ourRole: "Boss" })]);
    (globalThis as unknown as { Excel: typeof Excel }).Excel = fake.client.Excel;
    const before = fake.requests().length;
    const handler = associated.get("checkWorkbook");
    if (!handler) throw new Error("not associated");
    await new Promise<void>((done) => {
      void handler({ completed: done });
    });
    const detail: CheckCommandDetail | undefined = takeCheckResult();
    expect(detail?.error).toBeUndefined();
    expect(detail?.result?.findings.some((f) => f.address === "H3")).toBe(true);
    expect(fake.state.sheet("Partnerships")?.fills.get(2 * 16384 + 7)).toBe(MARK_FILL);
    expect(fake.requests().length - before).toBeGreaterThanOrEqual(2);
    expect(fake.requests().length - before).toBeLessThanOrEqual(3);
    expect(shown).toBe(1);
  });
});

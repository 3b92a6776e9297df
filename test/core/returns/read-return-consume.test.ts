/**
 * readReturn with consumeGrid: the same return as without it, whatever shares a sheet with what,
 * and the rows of a table that has its sheet to itself are dropped from the grid as they are read.
 */
import { REPRESENTATION } from "../../../src/core/model/blueprint";
import { readReturn } from "../../../src/core/returns/read-return";
import type { CellValue, SheetGrid, WorkbookGrid } from "../../../src/core/model/workbook-data";
import { GOOD_PARTNERSHIP, GOOD_REPRESENTATION, grid, tableSheet } from "./return-fixtures";

/** The Settings sheet of `g` with a GradeCosts header in E1:F1 and `costs` below it. */
function withGradeCosts(g: WorkbookGrid, costs: readonly (readonly [CellValue, CellValue])[]): WorkbookGrid {
  const [settings, ...rest] = g.sheets;
  const rows = settings.rows.map((r) => [...r]);
  const at = (r: number): CellValue[] => (rows[r] ??= []);
  const header = at(0);
  while (header.length < 4) header.push(null);
  header.push("Grade", "Hourly cost");
  costs.forEach(([grade, cost], i) => {
    const row = at(i + 1);
    while (row.length < 4) row.push(null);
    row[4] = grade;
    row[5] = cost;
  });
  return { sheets: [{ ...settings, rows }, ...rest] };
}

/** Two tables on one sheet: Partnerships at the top, Representation's header row lower down. */
function sharedSheet(): WorkbookGrid {
  const g = grid({ without: ["Partnerships", "Representation"] });
  const p = tableSheet("Partnerships", [GOOD_PARTNERSHIP, { ...GOOD_PARTNERSHIP, partnershipId: "P-2" }]);
  const r = tableSheet("Representation", [GOOD_REPRESENTATION, GOOD_REPRESENTATION]);
  const shared: SheetGrid = { name: "Data", rows: [...p.rows, [], [], ...r.rows] };
  return { sheets: [...g.sheets, shared] };
}

const REPRESENTATION_KEYS: readonly string[] = REPRESENTATION.columns.map((c) => c.key);

const REPS = Array.from({ length: 50 }, (_, i) => ({ ...GOOD_REPRESENTATION, meetingsPerYear: i + 1 }));

const CASES: readonly {
  readonly name: string;
  readonly grid: () => WorkbookGrid;
  /** sheet → the rows it has left after the read, from the rows it had */
  readonly left: Readonly<Record<string, (before: number) => number>>;
}[] = [
  {
    name: "every table on its own sheet, GradeCosts beside the settings",
    grid: () =>
      withGradeCosts(grid({ Representation: REPS }), [
        ["Grade 7", 30],
        ["Band Z", "lots"],
      ]),
    // the header rows stay; GradeCosts reads every row under its header row on Settings
    left: { Representation: () => 1, Partnerships: () => 1, Settings: () => 1 },
  },
  {
    name: "two tables on one sheet",
    grid: sharedSheet,
    left: { Data: (before) => before },
  },
  {
    name: "a table found on the Settings sheet, beside GradeCosts",
    grid: () => {
      const g = withGradeCosts(grid({ without: ["Members"] }), [["Grade 7", 30]]);
      const members = tableSheet("Members", [{ partnershipId: "P-0001", organisation: "Council" }]);
      const [settings, ...rest] = g.sheets;
      const rows = [...settings.rows, [], ...members.rows];
      return { sheets: [{ ...settings, rows }, ...rest] };
    },
    // GradeCosts keeps the rows of a sheet with a table; the table, read last, drops its own row
    left: { Settings: (before) => before - 1 },
  },
];

describe("readReturn with consumeGrid", () => {
  it.each(CASES)("reads the same return as without it: $name", ({ grid: make }) => {
    const kept = readReturn(make(), "D01.xlsx");
    const consumed = readReturn(make(), "D01.xlsx", { consumeGrid: true });
    expect(consumed).toEqual(kept);
    expect(kept.findings.length + Object.keys(kept.tables).length).toBeGreaterThan(0);
  });

  it.each(CASES)("drops the rows of a table only from a sheet no other table reads: $name", (c) => {
    const g = c.grid();
    const before = new Map(g.sheets.map((s) => [s.name, s.rows.filter((r) => r !== undefined).length]));
    readReturn(g, "D01.xlsx", { consumeGrid: true });
    for (const [sheet, left] of Object.entries(c.left)) {
      const s = g.sheets.find((x) => x.name === sheet);
      if (!s) throw new Error(`no sheet ${sheet}`);
      expect(s.rows.filter((r) => r !== undefined).length).toBe(left(before.get(sheet) ?? 0));
    }
  });

  it("leaves the grid whole without it", () => {
    const g = grid({ Representation: REPS });
    const copy = structuredClone(g);
    readReturn(g, "D01.xlsx");
    expect(g).toEqual(copy);
  });
});

describe("a row's values", () => {
  it.each([
    ["every column on the sheet", undefined, REPRESENTATION_KEYS],
    [
      "District and Annual hours not on the sheet",
      REPRESENTATION_KEYS.filter((k) => k !== "district" && k !== "annualHours"),
      [
        ...REPRESENTATION_KEYS.filter((k) => k !== "district" && k !== "annualHours"),
        "district",
        "annualHours",
      ],
    ],
    ["columns in another order", [...REPRESENTATION_KEYS].reverse(), REPRESENTATION_KEYS],
  ] as const)("has the columns found, then those filled in, in blueprint order: %s", (_what, order, keys) => {
    const g = grid({ Representation: REPS, ...(order ? { order: { Representation: order } } : {}) });
    const rows = readReturn(g, "D01.xlsx", { consumeGrid: true }).tables.Representation?.rows ?? [];
    expect(rows).toHaveLength(REPS.length);
    for (const row of rows) expect(Object.keys(row.values)).toEqual(keys);
    expect(rows.map((r) => r.values.meetingsPerYear)).toEqual(REPS.map((r) => r.meetingsPerYear));
  });
});

/**
 * The examples of the function reference (docs/functions.md) as data. Each example is a small sheet (first row: headers, in
 * row 1; data from row 2), a formula as a user types it, and the result the doc shows. The test
 * readme-examples.test.ts evaluates every formula on its sheet through Microsoft's custom-functions
 * dispatcher, as Excel calls the functions,
 * and checks that the function reference shows exactly these blocks (rendered by `renderExample`), so
 * the doc and the tests cannot drift.
 */
import type { FUNCTION_IDS } from "./ids";

export type Cell = string | number | null;

export interface ReadmeExample {
  /** the function, e.g. "FTE" */
  fn: (typeof FUNCTION_IDS)[number];
  /** header row then data rows; columns A, B, … */
  sheet: Cell[][];
  /** the formula text, e.g. `=AUDIT.FTE(A2:A5)` */
  formula: string;
  /** the result as shown: a number (rounded to 4 decimals in the doc), an error code, or spilled rows */
  expected: number | string | Cell[][];
}

const partnershipSheet: Cell[][] = [
  ["Partnership ID", "Level", "Type"],
  ["P-01", "Local", "Community safety"],
  ["P-02", "Regional", "Employment and skills partnership"],
  ["P-01", "local", "Community safety"],
  ["P-03", "Local", "Health and wellbeing"],
  [null, "Local", "Community safety"],
  ["P-04", "Sub-regional", "Health and wellbeing"],
];

const districtSheet: Cell[][] = [
  ["Partnership ID", "District"],
  ["P-01", "North"],
  ["P-02", "North"],
  ["P-01", "north"],
  ["R-01", "North"],
  ["R-01", "South"],
  ["P-07", "South"],
  ["P-08", null],
];

const hoursSheet: Cell[][] = [
  ["District", "Annual hours"],
  ["North", 962],
  ["South", 1924],
  ["North", null],
  ["North", 481],
  [null, 185],
];

const roleSheet: Cell[][] = [
  ["Partnership ID", "Our role"],
  ["P-01", "Active"],
  ["P-01", "Leading"],
  ["P-02", "Key"],
  ["P-03", "Limited"],
  ["P-04", "Active"],
  ["P-05", null],
];

const barrierSheet: Cell[][] = [
  ["Barriers", "Annual hours"],
  ["Pressure on key staff time; Short-term national targets", 200],
  ["Pressure on key staff time", 100],
  [null, 50],
  ["Limited local flexibility or autonomy", 100],
  ["short-term national targets", 100],
];

const roundSheet: Cell[][] = [
  ["Previous round", "Current round"],
  ["P-01", "P-02"],
  ["P-02", "p-03"],
  ["P-03", "P-05"],
  ["P-04", "P-06"],
  ["P-02", null],
];

const trustSheet: Cell[][] = [
  ["Reliable", "Shares the mission", "Open to discussion"],
  [4, 3, 4],
  [3, null, 2],
  [2, 3, 4],
];

const levelRoleSheet: Cell[][] = [
  ["Partnership ID", "Our role", "Level"],
  ["P-01", "Active", "Local"],
  ["P-01", "Leading", "Local"],
  ["P-02", "Key", "Regional"],
  ["P-03", "Limited", "Local"],
  ["P-04", "Active", "Local"],
  ["P-05", null, "Regional"],
  ["P-06", "Key", "Regional"],
];

const costSheet: Cell[][] = [
  ["Grade", "Annual hours", "Cost grade", "Hourly cost"],
  ["Senior manager", 120, "Senior manager", 45],
  ["Manager", 300, "Manager", 38],
  ["senior manager", 60, "Officer", 29.5],
  ["Officer", null, "Director", null],
  ["Officer", 200, null, null],
  ["Director", null, null, null],
];

const reviewSheet: Cell[][] = [
  ["Partnership ID", "Annual hours", "Survey: Partnership ID", "Value to us", "Value to partner"],
  ["P-01", 300, "P-01", 2, 3],
  ["P-02", 120, "P-03", 4, 4],
  ["P-03", 410, "p-01", 2, null],
  ["P-01", 100, "P-03", 1, 2],
  ["P-04", null, null, null, null],
];

export const EXAMPLES: ReadmeExample[] = [
  { fn: "PARTNERSHIPS", sheet: partnershipSheet, formula: "=AUDIT.PARTNERSHIPS(A2:A7)", expected: 4 },
  {
    fn: "PARTNERSHIPS",
    sheet: partnershipSheet,
    formula: '=AUDIT.PARTNERSHIPS(A2:A7, B2:B7, "Local")',
    expected: 2,
  },
  {
    fn: "PARTNERSHIPS",
    sheet: partnershipSheet,
    formula: '=AUDIT.PARTNERSHIPS(A2:A7, B2:B7, {"Local","Sub-regional"}, C2:C7, "Health and wellbeing")',
    expected: 2,
  },
  {
    fn: "PARTNERSHIPS",
    sheet: partnershipSheet,
    formula: '=AUDIT.PARTNERSHIPS(A2:A7, B2:B6, "Local")',
    expected: "#VALUE!",
  },
  { fn: "PERDISTRICT", sheet: districtSheet, formula: "=AUDIT.PERDISTRICT(A2:A8, B2:B8)", expected: 2.5 },
  { fn: "PERDISTRICT", sheet: districtSheet, formula: "=AUDIT.PERDISTRICT(A8, B8)", expected: "#DIV/0!" },
  { fn: "FTE", sheet: hoursSheet, formula: "=AUDIT.FTE(B2:B6)", expected: 1.8462 },
  { fn: "FTE", sheet: hoursSheet, formula: '=AUDIT.FTE(B2:B6, "month")', expected: 22.1538 },
  { fn: "FTE", sheet: hoursSheet, formula: "=AUDIT.FTE(B2:B6, , 36, 45)", expected: 2.1926 },
  { fn: "FTE", sheet: hoursSheet, formula: '=AUDIT.FTE(B2:B6, "fortnight")', expected: "#VALUE!" },
  {
    fn: "FTEBY",
    sheet: hoursSheet,
    formula: "=AUDIT.FTEBY(A2:A6, B2:B6)",
    expected: [
      ["South", 1],
      ["North", 0.75],
      ["(blank)", 0.0962],
    ],
  },
  {
    fn: "FTEBY",
    sheet: hoursSheet,
    formula: '=AUDIT.FTEBY(A2:A6, B2:B6, "quarter")',
    expected: [
      ["South", 4],
      ["North", 3],
      ["(blank)", 0.3846],
    ],
  },
  { fn: "LEADERSHIPRATIO", sheet: roleSheet, formula: "=AUDIT.LEADERSHIPRATIO(B2:B7)", expected: 0.4 },
  { fn: "LEADERSHIPRATIO", sheet: roleSheet, formula: "=AUDIT.LEADERSHIPRATIO(B2:B7, A2:A7)", expected: 0.5 },
  {
    fn: "LEADERSHIPRATIO",
    sheet: roleSheet,
    formula: '=AUDIT.LEADERSHIPRATIO(B2:B7, A2:A7, "Leading")',
    expected: 0.25,
  },
  {
    fn: "BREAKDOWN",
    sheet: barrierSheet,
    formula: "=AUDIT.BREAKDOWN(A2:A6)",
    expected: [
      ["Pressure on key staff time", 2, 0.5],
      ["Short-term national targets", 2, 0.5],
      ["Limited local flexibility or autonomy", 1, 0.25],
    ],
  },
  {
    fn: "BREAKDOWN",
    sheet: barrierSheet,
    formula: "=AUDIT.BREAKDOWN(A2:A6, B2:B6)",
    expected: [
      ["Pressure on key staff time", 300, 0.6],
      ["Short-term national targets", 300, 0.6],
      ["Limited local flexibility or autonomy", 100, 0.2],
    ],
  },
  {
    fn: "BREAKDOWN",
    sheet: barrierSheet,
    formula:
      '=AUDIT.BREAKDOWN(A2:A6, , {"Limited history of partnership working";"Limited local flexibility or autonomy"})',
    expected: [
      ["Limited history of partnership working", 0, 0],
      ["Limited local flexibility or autonomy", 1, 0.25],
      ["Pressure on key staff time", 2, 0.5],
      ["Short-term national targets", 2, 0.5],
    ],
  },
  {
    fn: "CHANGE",
    sheet: roundSheet,
    formula: "=AUDIT.CHANGE(A2:A6, B2:B6)",
    expected: [
      ["New", 2],
      ["Continuing", 2],
      ["Ended", 2],
    ],
  },
  {
    fn: "CHANGE",
    sheet: roundSheet,
    formula: "=AUDIT.CHANGE(A2:A6, A2:A6)",
    expected: [
      ["New", 0],
      ["Continuing", 4],
      ["Ended", 0],
    ],
  },
  { fn: "SCORE", sheet: trustSheet, formula: "=AUDIT.SCORE(A2:C4)", expected: 3.125 },
  { fn: "SCORE", sheet: trustSheet, formula: "=AUDIT.SCORE(A2:C4, 3)", expected: "#NUM!" },
  { fn: "SCORE", sheet: trustSheet, formula: "=AUDIT.SCORE(B3)", expected: "#DIV/0!" },
  {
    fn: "PARTNERSHIPSBY",
    sheet: partnershipSheet,
    formula: "=AUDIT.PARTNERSHIPSBY(A2:A7, B2:B7)",
    expected: [
      ["Local", 2],
      ["Regional", 1],
      ["Sub-regional", 1],
    ],
  },
  {
    fn: "PARTNERSHIPSBY",
    sheet: partnershipSheet,
    formula: '=AUDIT.PARTNERSHIPSBY(A2:A7, B2:B7, {"National";"Regional";"Local"})',
    expected: [
      ["National", 0],
      ["Regional", 1],
      ["Local", 2],
      ["Sub-regional", 1],
    ],
  },
  {
    fn: "PARTNERSHIPSBY",
    sheet: partnershipSheet,
    formula: "=AUDIT.PARTNERSHIPSBY(A6, B6)",
    expected: "#N/A",
  },
  {
    fn: "LEADERSHIPBY",
    sheet: levelRoleSheet,
    formula: "=AUDIT.LEADERSHIPBY(B2:B8, A2:A8, C2:C8)",
    expected: [
      ["Local", 3, 1 / 3],
      ["Regional", 2, 1],
    ],
  },
  {
    fn: "LEADERSHIPBY",
    sheet: levelRoleSheet,
    formula: '=AUDIT.LEADERSHIPBY(B2:B8, A2:A8, C2:C8, "Leading")',
    expected: [
      ["Local", 3, 1 / 3],
      ["Regional", 2, 0],
    ],
  },
  { fn: "COST", sheet: costSheet, formula: "=AUDIT.COST(B2:B7, A2:A7, C2:C5, D2:D5)", expected: 25400 },
  { fn: "COST", sheet: costSheet, formula: "=AUDIT.COST(B2:B7, A2:A7, C2:C3, D2:D3)", expected: "#N/A" },
  { fn: "COST", sheet: costSheet, formula: "=AUDIT.COST(B2:B7, A2:A7, C2:C5, D2:D4)", expected: "#VALUE!" },
  {
    fn: "REVIEW",
    sheet: reviewSheet,
    formula: "=AUDIT.REVIEW(A2:A6, B2:B6, C2:C6, D2:E6)",
    expected: [
      ["P-03", 410, 2.75, "Keep"],
      ["P-01", 400, 7 / 3, "Review"],
      ["P-02", 120, "", "No rating"],
      ["P-04", 0, "", "No rating"],
    ],
  },
  {
    fn: "REVIEW",
    sheet: reviewSheet,
    formula: "=AUDIT.REVIEW(A2:A6, B2:B6, C2:C6, D2:E6, 3, 405)",
    expected: [
      ["P-03", 410, 2.75, "Review"],
      ["P-01", 400, 7 / 3, "Keep"],
      ["P-02", 120, "", "No rating"],
      ["P-04", 0, "", "No rating"],
    ],
  },
  {
    fn: "REVIEW",
    sheet: reviewSheet,
    formula: "=AUDIT.REVIEW(A2:A6, B2:B6, C2:C6, D2:E5)",
    expected: "#VALUE!",
  },
];

// ------------------------------------------------------------------------------------------------
// Evaluating a formula on its sheet

/** Column letters to a 0-based index: A → 0, B → 1, AA → 26. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The cells of a reference such as `A2:B7` or `B3` as a 2-D array (sheet row 1 is the header row). */
export function cellsOf(sheet: Cell[][], ref: string): Cell[][] {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not a reference: ${ref}`);
  const c1 = columnIndex(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? columnIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const out: Cell[][] = [];
  for (let r = r1; r <= r2; r++) {
    const row: Cell[] = [];
    for (let c = c1; c <= c2; c++) row.push(sheet[r]?.[c] ?? null);
    out.push(row);
  }
  return out;
}

/** Splits text at top-level commas (not inside quotes or braces). */
function splitArgs(text: string, separator = ","): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "{") depth++;
    else if (!quoted && ch === "}") depth--;
    if (!quoted && depth === 0 && ch === separator) {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

function literal(text: string): Cell {
  if (/^".*"$/.test(text)) return text.slice(1, -1).replace(/""/g, '"');
  if (text === "") return null;
  const n = Number(text);
  if (Number.isNaN(n)) throw new Error(`not a literal: ${text}`);
  return n;
}

/** An argument as Excel passes it: a reference → its cells; an array constant → rows; a literal; empty → null. */
export function argument(sheet: Cell[][], text: string): unknown {
  if (text === "") return null;
  if (text.startsWith("{")) {
    return text
      .slice(1, -1)
      .split(";")
      .map((row) => splitArgs(row).map(literal));
  }
  if (/^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(text)) return cellsOf(sheet, text);
  return literal(text);
}

/** An example's formula as a call: the function's id and its arguments as Excel reads them. */
export function excelCall(example: ReadmeExample): readonly [string, unknown[]] {
  const m = /^=AUDIT\.([A-Z]+)\((.*)\)$/.exec(example.formula);
  if (!m || m[1] !== example.fn)
    throw new Error(`formula does not call AUDIT.${example.fn}: ${example.formula}`);
  return [example.fn, splitArgs(m[2]).map((a) => argument(example.sheet, a))];
}

// ------------------------------------------------------------------------------------------------
// Rendering an example for the doc

/** A number as the doc shows it: at most 4 decimals. */
export function shown(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(Math.round(value * 10000) / 10000);
  return value;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The sheet of an example as a markdown table with Excel row numbers and column letters. */
export function renderSheet(sheet: Cell[][]): string {
  const width = Math.max(...sheet.map((r) => r.length));
  const letters = Array.from({ length: width }, (_, i) => String.fromCharCode(65 + i));
  return table(
    ["", ...letters],
    sheet.map((row, r) => [
      String(r + 1),
      ...letters.map((_, c) => (r === 0 ? `**${row[c] ?? ""}**` : shown(row[c] ?? null))),
    ]),
  );
}

/** Column names shown above spilled results in the doc (the spill itself has no header row). */
const SPILL_COLUMNS: Partial<Record<ReadmeExample["fn"], string[]>> = {
  FTEBY: ["group", "FTE"],
  BREAKDOWN: ["label", "value", "share"],
  CHANGE: ["change", "ids"],
  PARTNERSHIPSBY: ["group", "partnerships"],
  LEADERSHIPBY: ["group", "partnerships", "ratio"],
  REVIEW: ["id", "hours", "value", "flag"],
};

/** The formula line of an example: `` `=AUDIT.FTE(B2:B6)` → `1.8462` ``, or the spilled rows as a table. */
export function renderResult(example: ReadmeExample): string {
  const e = example.expected;
  if (!Array.isArray(e)) return `\`${example.formula}\` → \`${shown(e)}\``;
  return `\`${example.formula}\` → spills (no header row):\n\n${table(
    SPILL_COLUMNS[example.fn] ?? [],
    e.map((row) => row.map(shown)),
  )}`;
}

/**
 * Bench: huge and hostile files through the CLI, as people run it (node bin/partnership-audit.cjs,
 * a child process), each timed and its peak resident memory read with `/usr/bin/time -v` (or,
 * without it, `process.resourceUsage().maxRSS` inside the child).
 *
 * - `benchHuge` (`npm run bench -- hostile`, several minutes, so not in the default run): a
 *   1,000,000-row return, 1,000,000 Partnerships rows (the demo's seeded generator, cycled with
 *   fresh IDs) with the Representation and Partner survey rows of the first partnerships. `check`,
 *   `summary` and `consolidate` must complete within 3 GB. BENCH_HOSTILE_ROWS sets the row count.
 * - `benchBombs` (`npm run bench -- bombs`, and in the default run): a 4 MB-class return whose
 *   Partnerships sheet unpacks to 4 GB, and one whose shared strings unpack to 1.1 GB. `check` must
 *   refuse them (exit 2) within 512 MB.
 * - `benchBadRows` (`npm run bench -- badrows`, a few minutes, so not in the default run): a return
 *   whose GradeCosts table has 1,000,000 bad rows (inline text, as some writers store it), and one
 *   whose Representation table has 1,000,000 bad rows (shared strings, as Excel stores them).
 *   `check`, `summary`, `report` and `consolidate` must complete within 512 MB each.
 *   BENCH_BAD_ROWS sets the row count.
 *
 * Standalone: `node -r tsx/cjs bench/hostile.ts` runs all three.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { demoDistrict } from "../src/core/demo/demo-data";
import type { TableAppend } from "../src/core/model/workbook-data";
import { writeAuditWorkbook } from "../src/xlsx/write";
import { deflateBomb, returnParts, sheetPart, zipParts, type RawEntry } from "../test/xlsx/hostile-files";
import { type BenchRow, type CliRun, runAlone, runCli } from "./lib";

const ROWS = Number(process.env.BENCH_HOSTILE_ROWS ?? 1_000_000);
const HUGE_BAR_MB = 3 * 1024;
const BOMB_BAR_MB = 512;
const BAD_ROWS = Number(process.env.BENCH_BAD_ROWS ?? 1_000_000);
const BAD_ROWS_BAR_MB = 512;

/** A run of the tool and the first line it printed (its verdict or its error). */
function run(args: readonly string[]): CliRun & { firstLine: string } {
  const r = runCli(args);
  return { ...r, firstLine: r.stdout.split("\n")[0] || r.stderr.split("\n")[0] || "" };
}

/** The demo's rows, cycled with fresh Partnership IDs up to `rows` Partnerships rows. */
function hugeReturn(rows: number): { settings: Record<string, string | number>; tables: TableAppend[] } {
  const base = demoDistrict({ district: "D01", seed: 11, local: 1000, hours: 37 * 52 * 200 });
  const p = base.tables.find((t) => t.table === "Partnerships");
  if (!p) throw new Error("no Partnerships");
  const id = p.columns.indexOf("partnershipId");
  const out: (string | number | null)[][] = new Array<(string | number | null)[]>(rows);
  for (let i = 0; i < rows; i++) {
    const row = [...p.rows[i % p.rows.length]];
    // the first cycle keeps its IDs (the Representation and survey rows refer to them)
    if (i >= p.rows.length) row[id] = `P-X${i}`;
    out[i] = row;
  }
  return {
    settings: { ...base.settings },
    tables: base.tables.map((t) => (t.table === "Partnerships" ? { ...t, rows: out } : t)),
  };
}

function mb(n: number): string {
  return Number.isFinite(n) ? `${n.toFixed(0)} MB` : "not measured";
}

/** The 1,000,000-row return: check, summary and consolidate complete within 3 GB. */
export async function benchHuge(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "pa-bench-huge-"));
  try {
    const rows: BenchRow[] = [];
    const t0 = Date.now();
    const huge = path.join(dir, "huge.xlsx");
    const content = hugeReturn(ROWS);
    writeFileSync(
      huge,
      await writeAuditWorkbook(content, { deflateRaw: (d) => deflateRawSync(d, { level: 1 }) }),
    );
    const genNote = `a ${(statSync(huge).size / 1024 / 1024).toFixed(0)} MB file made in ${((Date.now() - t0) / 1000).toFixed(0)} s`;
    for (const [what, args] of [
      ["check", ["check", huge]],
      ["summary", ["summary", huge]],
      ["consolidate", ["consolidate", path.join(dir, "regional.xlsx"), huge]],
    ] as const) {
      const r = run(args);
      const done = r.status === 0 || r.status === 1;
      rows.push({
        name: `${what} of a ${ROWS.toLocaleString("en-GB")}-row return (CLI, wall; peak memory)`,
        medianMs: r.ms,
        bar: `completes, ≤ ${HUGE_BAR_MB / 1024} GB`,
        pass: done && Number.isFinite(r.maxRssMb) && r.maxRssMb <= HUGE_BAR_MB,
        note: `${mb(r.maxRssMb)} peak; exit ${r.status}${done ? "" : `: ${r.firstLine.slice(0, 160)}`}; ${genNote}`,
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deflate bombs: check refuses them (exit 2) within 512 MB. */
export async function benchBombs(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "pa-bench-bombs-"));
  try {
    const rows: BenchRow[] = [];
    const parts = await returnParts();
    const sheet = sheetPart(parts, "Partnerships");
    const sheetBomb = deflateBomb(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="A2" t="str"><v>',
      "xxxxxxxx",
      4 * 1024 ** 3,
      "</v></c></row></sheetData></worksheet>",
    );
    const sst = deflateBomb(
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      "<si><t>Pressure on key staff time</t></si>",
      1.1 * 1024 ** 3,
      "</sst>",
    );
    const bombs: [string, Uint8Array][] = [
      [
        "a sheet unpacking to 4 GB",
        zipParts(parts, [{ name: sheet, data: sheetBomb.data, method: 8, crc: 0, size: 1000 }]),
      ],
      [
        "shared strings unpacking to 1.1 GB",
        zipParts(parts, [{ name: "xl/sharedStrings.xml", data: sst.data, method: 8, crc: 0, size: 1000 }]),
      ],
    ];
    for (const [what, bytes] of bombs) {
      const file = path.join(dir, "bomb.xlsx");
      writeFileSync(file, bytes);
      const r = run(["check", file]);
      rows.push({
        name: `refuse a deflate bomb: ${what} from ${(bytes.length / 1024 / 1024).toFixed(1)} MB (CLI, wall; peak memory)`,
        medianMs: r.ms,
        bar: `exit 2, ≤ ${BOMB_BAR_MB} MB`,
        pass: r.status === 2 && Number.isFinite(r.maxRssMb) && r.maxRssMb <= BOMB_BAR_MB,
        note: `${mb(r.maxRssMb)} peak; exit ${r.status}: ${r.firstLine.replace(/^[^:]*: /, "").slice(0, 120)}`,
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// A million bad rows

const utf8 = new TextEncoder();

/** Text for XML character data or an attribute value. */
function xmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A part whose XML is `head`, then the rows `row(i)` makes for i = 0…count-1, then `tail`: encoded
 * a block of rows at a time (never one huge string), deflated at level 1 as the CLI writes.
 */
function generatedPart(
  name: string,
  head: string,
  count: number,
  row: (i: number) => string,
  tail: string,
): RawEntry {
  const blocks: Uint8Array[] = [utf8.encode(head)];
  for (let i = 0; i < count;) {
    const block: string[] = [];
    for (const end = Math.min(count, i + 10_000); i < end; i++) block.push(row(i));
    blocks.push(utf8.encode(block.join("")));
  }
  blocks.push(utf8.encode(tail));
  const bytes = Buffer.concat(blocks);
  return {
    name,
    data: deflateRawSync(bytes, { level: 1 }),
    method: 8,
    crc: crc32(bytes),
    size: bytes.length,
  };
}

/** The sheet's XML split around the end of its rows (new rows go before `</sheetData>`). */
function splitAtRowsEnd(sheetXml: string): { head: string; tail: string; lastRow: number } {
  const end = sheetXml.indexOf("</sheetData>");
  if (end < 0) throw new Error("no sheetData");
  const rows = [...sheetXml.slice(0, end).matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
  return { head: sheetXml.slice(0, end), tail: sheetXml.slice(end), lastRow: Math.max(0, ...rows) };
}

/** An inline-text cell. */
function inlineCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${xmlText(text)}</t></is></c>`;
}

/**
 * A return (the demo's district D01) whose GradeCosts table (columns E and F of the Settings sheet)
 * goes on for `count` more rows, each bad in its own way: an unknown grade (each row its own, so the
 * text does not repeat), a blank grade, a cost that is text or negative. Text is inline.
 */
export async function badGradeCostsReturn(count: number): Promise<Uint8Array> {
  const parts = await returnParts();
  const name = sheetPart(parts, "Settings");
  const { head, tail, lastRow } = splitAtRowsEnd(parts.get(name) ?? "");
  const part = generatedPart(
    name,
    head,
    count,
    (i) => {
      const r = lastRow + 1 + i;
      const grade = i % 4 === 1 ? "" : inlineCell(`E${r}`, i % 4 === 0 ? `Grade Z${i}` : "Band 9");
      const cost =
        i % 3 === 0
          ? inlineCell(`F${r}`, i % 2 === 0 ? "about forty" : `£${i}`)
          : `<c r="F${r}"><v>${-(i % 97) - 1}</v></c>`;
      return `<row r="${r}">${grade}${cost}</row>`;
    },
    tail,
  );
  return zipParts(parts, [part]);
}

/**
 * A return (the demo's district D01) whose Representation table goes on for `count` more rows, each
 * bad: a Partnership ID that is not in Partnerships (each row its own), an unknown or blank grade,
 * meetings that are text or negative, hours per meeting over 24, other hours negative. Text is in
 * shared strings, as Excel stores it: the file's shared strings gain one per distinct text.
 */
export async function badRepresentationReturn(count: number): Promise<Uint8Array> {
  const parts = await returnParts();
  const name = sheetPart(parts, "Representation");
  const { head, tail, lastRow } = splitAtRowsEnd(parts.get(name) ?? "");
  const sst = parts.get("xl/sharedStrings.xml") ?? "";
  const sstEnd = sst.lastIndexOf("</sst>");
  const known = (sst.match(/<si>/g) ?? []).length;
  // the repeated texts first, then one ID per row
  const repeated = ["Grade Q", "Officer", "lots", "twice a month", "Head of Service"];
  const fixed = new Map(repeated.map((t, k) => [t, known + k]));
  const idIndex = (i: number): number => known + repeated.length + i;
  const s = (ref: string, text: string): string => `<c r="${ref}" t="s"><v>${fixed.get(text)}</v></c>`;
  const sheet = generatedPart(
    name,
    head,
    count,
    (i) => {
      const r = lastRow + 1 + i;
      const grade = i % 3 === 0 ? "" : s(`C${r}`, "Grade Q");
      const meetings =
        i % 2 === 0
          ? s(`D${r}`, i % 4 === 0 ? "lots" : "twice a month")
          : `<c r="D${r}"><v>-${(i % 9) + 1}</v></c>`;
      return (
        `<row r="${r}"><c r="A${r}" t="s"><v>${idIndex(i)}</v></c>` +
        s(`B${r}`, i % 2 === 0 ? "Officer" : "Head of Service") +
        grade +
        meetings +
        `<c r="E${r}"><v>${25 + (i % 50)}</v></c><c r="F${r}"><v>-${(i % 7) + 1}</v></c></row>`
      );
    },
    tail,
  );
  const strings = generatedPart(
    "xl/sharedStrings.xml",
    sst.slice(0, sstEnd).replace(/ count="\d+" uniqueCount="\d+"/, "") +
      repeated.map((t) => `<si><t>${xmlText(t)}</t></si>`).join(""),
    count,
    (i) => `<si><t>P-NONE-${i}</t></si>`,
    sst.slice(sstEnd),
  );
  return zipParts(parts, [sheet, strings]);
}

/** `check`, `summary`, `report` and `consolidate` of returns with a million bad rows, each within 512 MB. */
export async function benchBadRows(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "pa-bench-badrows-"));
  try {
    const rows: BenchRow[] = [];
    const returns: [string, () => Promise<Uint8Array>][] = [
      ["GradeCosts", () => badGradeCostsReturn(BAD_ROWS)],
      ["Representation", () => badRepresentationReturn(BAD_ROWS)],
    ];
    for (const [table, make] of returns) {
      const t0 = Date.now();
      const file = path.join(dir, `D01-${table}.xlsx`);
      writeFileSync(file, await make());
      const genNote = `a ${(statSync(file).size / 1024 / 1024).toFixed(0)} MB file made in ${((Date.now() - t0) / 1000).toFixed(0)} s`;
      for (const [what, args] of [
        ["check", ["check", file]],
        ["summary", ["summary", file]],
        ["report", ["report", path.join(dir, "report.html"), file]],
        ["consolidate", ["consolidate", path.join(dir, "regional.xlsx"), file]],
      ] as const) {
        const r = run(args);
        // every command finds the errors (exit 1); 0 would mean the bad rows were not read
        const done = r.status === 1;
        rows.push({
          name: `${what} of a return with ${BAD_ROWS.toLocaleString("en-GB")} bad ${table} rows (CLI, wall; peak memory)`,
          medianMs: r.ms,
          bar: `exit 1, ≤ ${BAD_ROWS_BAR_MB} MB`,
          pass: done && Number.isFinite(r.maxRssMb) && r.maxRssMb <= BAD_ROWS_BAR_MB,
          note: `${mb(r.maxRssMb)} peak; exit ${r.status}${done ? "" : `: ${r.firstLine.slice(0, 160)}`}; ${genNote}`,
        });
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module)
  runAlone(async () => [...(await benchBombs()), ...(await benchBadRows()), ...(await benchHuge())], "s");

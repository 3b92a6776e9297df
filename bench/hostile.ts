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
 *
 * Standalone: `node -r tsx/cjs bench/hostile.ts` runs both.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { demoDistrict } from "../src/core/demo/demo-data";
import type { TableAppend } from "../src/core/model/workbook-data";
import { writeAuditWorkbook } from "../src/xlsx/write";
import { deflateBomb, returnParts, sheetPart, zipParts } from "../test/xlsx/hostile-files";
import { type BenchRow, type CliRun, runAlone, runCli } from "./lib";

const ROWS = Number(process.env.BENCH_HOSTILE_ROWS ?? 1_000_000);
const HUGE_BAR_MB = 3 * 1024;
const BOMB_BAR_MB = 512;

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

if (require.main === module) runAlone(async () => [...(await benchBombs()), ...(await benchHuge())], "s");

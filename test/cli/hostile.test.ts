/**
 * Hostile and huge files, the command-line rows of docs/security.md's table: the tool run as people run it (node
 * bin/partnership-audit.cjs) on hostile files made here (small on disk), and on outputs that must
 * not be replaced, broken or littered. The reader's own rows are in test/xlsx/hostile.test.ts.
 */
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoDistrict } from "../../src/core/demo/demo-data";
import { EXIT_STATUS } from "../../src/cli/run";
import { readWorkbookGrid } from "../../src/xlsx/read";
import { writeAuditWorkbook } from "../../src/xlsx/write";
import {
  deflateBomb,
  returnParts,
  sheetPart,
  textCell,
  unzipParts,
  withRows,
  zipParts,
} from "../xlsx/hostile-files";
import { ROOT, runCli, type Run } from "./run-cli";

let dir: string;

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

function at(file: string): string {
  return path.join(dir, file);
}

/** Nothing a terminal would act on: no C0 control (but the line breaks between lines), no C1, no
 * bidirectional override or line separator. Built from code points (lint: no control characters
 * in a regular expression literal). */
const UNSAFE_CHARACTERS =
  "[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]";
const UNSAFE = new RegExp(UNSAFE_CHARACTERS);

function terminalSafe(r: Run): void {
  for (const text of [r.stdout, r.stderr]) expect(UNSAFE.exec(text)?.[0] ?? null).toBeNull();
}

/** A valid return for a district, written by our writer (the demo's seeded generator). */
async function validReturn(file: string, district: string, local = 3): Promise<void> {
  const r = demoDistrict({ district, seed: district.length * 7 + 1, local });
  writeFileSync(at(file), await writeAuditWorkbook({ settings: r.settings, tables: r.tables }));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-hostile-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("a return over a limit: one line naming the file and the limit, exit 2", () => {
  let bomb: string;
  beforeAll(async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    const b = deflateBomb(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="A2" t="str"><v>',
      "0123456789abcdef",
      4 * 1024 ** 3,
      "</v></c></row></sheetData></worksheet>",
    );
    writeFileSync(at("bomb.xlsx"), zipParts(parts, [{ name, data: b.data, method: 8, crc: 0, size: 1000 }]));
    bomb = name;
    await validReturn("D02.xlsx", "D02");
  });

  it("check: exit 2, one line", () => {
    const r = cli("check", "bomb.xlsx");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      new RegExp(
        `^bomb\\.xlsx: the workbook is refused: ${bomb.replace(/\./g, "\\.")} unpacks to more than 250 times its packed size \\([\\d.]+ MB from 64 KB\\), as a deflate bomb does; the parts of a workbook unpack to far less\\n$`,
      ),
    );
  });

  it("consolidate --skip-invalid: the bomb is skipped and the valid returns are written, exit 1", async () => {
    const r = cli("consolidate", "regional.xlsx", "bomb.xlsx", "D02.xlsx", "--skip-invalid");
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")[0]).toMatch(/^bomb\.xlsx: the workbook is refused: /);
    expect(r.stdout).toMatch(/^Imported D02\.xlsx: district D02, round 2026-Q4, \d+ rows$/m);
    expect(r.stdout).toMatch(/^Skipped bomb\.xlsx: the workbook is refused: /m);
    const grid = await readWorkbookGrid(readFileSync(at("regional.xlsx")));
    const partnerships = grid.sheets.find((s) => s.name === "Partnerships");
    expect(partnerships?.rows.slice(1).map((row) => row[5])).toEqual(["D02", "D02", "D02"]);
  });
});

describe("text longer than a cell holds", () => {
  beforeAll(async () => {
    const labels = Array.from({ length: 200_000 }, (_, i) =>
      i % 2 ? "Pressure on key staff time" : `Label ${i}`,
    );
    const r = demoDistrict({ district: "D03", seed: 3, local: 3 });
    const tables = r.tables.map((t) => {
      if (t.table !== "Partnerships") return t;
      const b = t.columns.indexOf("barriers");
      return {
        ...t,
        rows: t.rows.map((row, i) => (i === 0 ? row.map((v, c) => (c === b ? labels.join("; ") : v)) : row)),
      };
    });
    writeFileSync(at("D03.xlsx"), await writeAuditWorkbook({ settings: r.settings, tables }));
  });

  it("one Barriers cell with 200,000 labels: check says so at once, not ready to import (exit 1)", () => {
    const r = cli("check", "D03.xlsx");
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe(
      "D03.xlsx: Partnerships row 2, Barriers: the cell holds more than 32,767 characters, the most an Excel cell holds; shorten it (only the first 32,767 are read)",
    );
    expect(r.stdout).not.toContain("ready to import");
  });

  it("consolidate does not copy it into the regional workbook: nothing written, exit 1", () => {
    const r = cli("consolidate", "long.xlsx", "D03.xlsx");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Nothing written: 1 return could not be imported.");
    expect(() => statSync(at("long.xlsx"))).toThrow();
  });
});

describe("control characters from workbooks reach the terminal as visible escapes", () => {
  const evil = "D9\u001b[2J\u0007\u009b1m\u202e\nD9.xlsx: 0 errors, 0 warnings \u2014 ready to import";
  // as the core tidies a label: a line break is a space
  const district = evil.replace("\n", " ");
  beforeAll(async () => {
    const r = demoDistrict({ district: "D09", seed: 9, local: 2 });
    const settings = { ...r.settings, district: evil };
    const tables = r.tables.map((t) =>
      t.table === "Partnerships"
        ? {
            ...t,
            // a role that is not a role: a finding that names the sheet
            rows: t.rows.map((row, i) =>
              i === 0
                ? row.map((v, c) => (t.columns[c] === "ourRole" ? "Boss\u001b]0;pwned\u0007" : v))
                : row,
            ),
          }
        : t,
    );
    const bytes = await writeAuditWorkbook({ settings, tables });
    // the sheet holding the table renamed with an escape sequence and a line break
    const parts = unzipParts(bytes);
    parts.set(
      "xl/workbook.xml",
      (parts.get("xl/workbook.xml") ?? "").replace(
        'name="Partnerships"',
        'name="Partner_x001B_[31mships&#10;X"',
      ),
    );
    writeFileSync(at("D9\u001b[1m.xlsx"), zipParts(parts));
  });

  it("in file names, sheet names and finding messages (check)", () => {
    const r = cli("check", "D9\u001b[1m.xlsx");
    expect(r.status).toBe(1);
    terminalSafe(r);
    expect(r.stdout.split("\n")[0]).toBe(
      'D9\\e[1m.xlsx: Partner\\e[31mships\\nX row 2, Our role: "Boss\\u001b]0;pwned\\u0007" is not a role; use Leading, Key, Active or Limited',
    );
    expect(r.stdout).not.toMatch(/^D9\.xlsx: 0 errors/m);
  });

  it("in district names (summary)", () => {
    const r = cli("summary", "D9\u001b[1m.xlsx");
    terminalSafe(r);
    expect(r.stdout).toContain(
      "Partnerships by district: D9\\e[2J\\a\\u009b1m\\u202e D9.xlsx: 0 errors, 0 warnings \u2014 ready to import 2",
    );
  });

  it("with --json the document stays valid JSON and means the same", () => {
    const r = cli("summary", "--json", "D9\u001b[1m.xlsx");
    const doc = JSON.parse(r.stdout) as { perDistrictCounts: Record<string, number> };
    expect(Object.keys(doc.perDistrictCounts)).toEqual([district]);
    terminalSafe({ ...r, stderr: "" });
  });
});

describe("a district named __proto__ is a district like any other", () => {
  beforeAll(async () => {
    for (const [file, d] of [
      ["P1.xlsx", "__proto__"],
      ["P2.xlsx", "constructor"],
      ["P3.xlsx", "toString"],
    ] as const) {
      const r = demoDistrict({ district: d, seed: 5, local: 2 });
      writeFileSync(
        at(file),
        await writeAuditWorkbook({ settings: { ...r.settings, district: d }, tables: r.tables }),
      );
    }
  });

  it("in summary --json", () => {
    const r = cli("summary", "--json", "P1.xlsx", "P2.xlsx", "P3.xlsx");
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc.districts).toBe(3);
    for (const key of ["perDistrictCounts", "fteByDistrict", "leadershipByDistrict", "costByDistrict"])
      expect(Object.keys(doc[key] as object).sort()).toEqual(["__proto__", "constructor", "toString"]);
  });

  it("in the text output", () => {
    const r = cli("summary", "P1.xlsx", "P2.xlsx", "P3.xlsx");
    expect(r.stdout).toMatch(/^Partnerships by district: __proto__ 2, constructor 2, toString 2$/m);
  });

  it("in the Summary's by-district block of the regional workbook", async () => {
    expect(cli("consolidate", "protos.xlsx", "P1.xlsx", "P2.xlsx", "P3.xlsx").status).toBe(0);
    const grid = await readWorkbookGrid(readFileSync(at("protos.xlsx")));
    const summary = grid.sheets.find((s) => s.name === "Summary");
    // the block under its header row "District | Partnerships | Leadership ratio"
    const rows = (summary?.rows ?? []).map((row) => row ?? []);
    const top = rows.findIndex((row) => row.includes("Leadership ratio") && row.includes("District"));
    const col = rows[top]?.indexOf("District") ?? -1;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(rows.slice(top + 1, top + 4).map((row) => row.slice(col, col + 2))).toEqual([
      ["__proto__", 2],
      ["constructor", 2],
      ["toString", 2],
    ]);
  });
});

describe("outputs are never replaced by surprise", () => {
  it("template OUT.xlsx where a file exists: refused without --force, replaced with it", () => {
    writeFileSync(at("mine.xlsx"), "my own work");
    const r = cli("template", "mine.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("mine.xlsx: already exists; use --force to replace it\n");
    expect(readFileSync(at("mine.xlsx"), "utf8")).toBe("my own work");
    const f = cli("template", "mine.xlsx", "--force");
    expect(f.status).toBe(0);
    expect(readFileSync(at("mine.xlsx")).subarray(0, 2).toString()).toBe("PK");
  });

  it("demo DIR where one file exists: refused before writing any, replaced with --force", () => {
    rmSync(at("demo"), { recursive: true, force: true });
    const r0 = cli("demo", "demo");
    expect(r0.status).toBe(0);
    const everything = (): string[] => readdirSync(at("demo"), { recursive: true }).map(String).sort();
    const before = everything();
    for (const f of readdirSync(at("demo"))) rmSync(at(path.join("demo", f)), { recursive: true });
    writeFileSync(at("demo/D02.xlsx"), "keep me");
    const r = cli("demo", "demo");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("demo: D02.xlsx exists already; nothing was written (use --force to replace it)\n");
    expect(everything()).toEqual(["D02.xlsx"]);
    expect(readFileSync(at("demo/D02.xlsx"), "utf8")).toBe("keep me");
    const f = cli("demo", "demo", "--force");
    expect(f.status).toBe(0);
    expect(everything()).toEqual(before);
  });

  it("demo DIR where a file of its previous round or its return with mistakes exists: refused, each named in DIR", () => {
    rmSync(at("demo-sub"), { recursive: true, force: true });
    mkdirSync(at("demo-sub/previous"), { recursive: true });
    mkdirSync(at("demo-sub/with-mistakes"), { recursive: true });
    writeFileSync(at("demo-sub/previous/D03.xlsx"), "keep me");
    writeFileSync(at("demo-sub/with-mistakes/D12.xlsx"), "keep me too");
    const r = cli("demo", "demo-sub");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `demo-sub: ${path.join("previous", "D03.xlsx")}, ${path.join("with-mistakes", "D12.xlsx")} exist already; nothing was written (use --force to replace them)\n`,
    );
    expect(readdirSync(at("demo-sub"), { recursive: true }).map(String).sort()).toEqual([
      "previous",
      path.join("previous", "D03.xlsx"),
      "with-mistakes",
      path.join("with-mistakes", "D12.xlsx"),
    ]);
    expect(readFileSync(at("demo-sub/previous/D03.xlsx"), "utf8")).toBe("keep me");
  });
});

describe("consolidate keeps what it replaces as it was", () => {
  beforeAll(async () => {
    await validReturn("D04.xlsx", "D04");
  });

  it("a file with mode 600 stays 600", () => {
    expect(cli("consolidate", "private.xlsx", "D04.xlsx").status).toBe(0);
    chmodSync(at("private.xlsx"), 0o600);
    expect(cli("consolidate", "private.xlsx", "D04.xlsx").status).toBe(0);
    expect(statSync(at("private.xlsx")).mode & 0o777).toBe(0o600);
  });

  (process.getuid?.() === 0 ? it : it.skip)(
    "a file owned by another user keeps its owner (run as root)",
    () => {
      expect(cli("consolidate", "theirs.xlsx", "D04.xlsx").status).toBe(0);
      chownSync(at("theirs.xlsx"), 4321, 4321);
      expect(cli("consolidate", "theirs.xlsx", "D04.xlsx").status).toBe(0);
      expect([statSync(at("theirs.xlsx")).uid, statSync(at("theirs.xlsx")).gid]).toEqual([4321, 4321]);
    },
  );

  it("a symbolic link stays a link, and its target is the file written", async () => {
    expect(cli("consolidate", "target.xlsx", "D04.xlsx").status).toBe(0);
    symlinkSync("target.xlsx", at("link.xlsx"));
    await validReturn("D05.xlsx", "D05");
    expect(cli("consolidate", "link.xlsx", "D05.xlsx").status).toBe(0);
    expect(lstatSync(at("link.xlsx")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(at("link.xlsx"))).toBe("target.xlsx");
    const grid = await readWorkbookGrid(readFileSync(at("target.xlsx")));
    const districts = new Set(
      grid.sheets
        .find((s) => s.name === "Partnerships")
        ?.rows.slice(1)
        .map((row) => row[5]),
    );
    expect([...districts].sort()).toEqual(["D04", "D05"]);
  });

  it("leaves no temporary file in the folder", () => {
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("exit statuses agree in docs/command-line.md, --help and the code, for every command", () => {
  const readme = readFileSync(path.join(ROOT, "docs", "command-line.md"), "utf8");
  let help = "";
  beforeAll(() => {
    help = cli("--help").stdout;
  });

  it.each(Object.entries(EXIT_STATUS))("%s", (command, statuses) => {
    const row = readme.split("\n").find((l) => l.startsWith(`| \`${command} `));
    expect(row?.split("|").map((c) => c.trim())[3]).toBe(statuses);
    expect(help).toContain(`        exit: ${statuses}\n`);
  });

  it("compare with an unreadable file exits 2, as both say (and prints no JSON)", async () => {
    await validReturn("D06.xlsx", "D06");
    writeFileSync(at("broken.xlsx"), "not a workbook");
    const r = cli("compare", "--json", "broken.xlsx", "D06.xlsx");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "broken.xlsx: the file is not an Excel workbook (.xlsx); save it from Excel as an Excel Workbook\n",
    );
    expect(EXIT_STATUS.compare).toBe("0; 2 a file cannot be read");
  });
});

describe("rows that cannot be placed, through the tool", () => {
  it("a 20 KB return with one row numbered 1,000,000,000: a finding, exit 1", async () => {
    const parts = await returnParts();
    const name = sheetPart(parts, "Partnerships");
    parts.set(
      name,
      withRows(parts.get(name) ?? "", `<row r="1000000000">${textCell("A1000000000", "P-9")}</row>`),
    );
    const bytes = zipParts(parts);
    // a small file: the template's sheets (the Members sheet among them) and one far row
    expect(bytes.length).toBeLessThan(50_000);
    writeFileSync(at("far.xlsx"), bytes);
    const r = cli("check", "far.xlsx");
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe(
      "far.xlsx: Partnerships: a row is numbered 1,000,000,000, outside Excel's grid (rows 1 to 1,048,576); its cells are not read: save the file again from Excel",
    );
  });
});

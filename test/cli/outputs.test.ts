/**
 * Outputs never destroy inputs: every command refuses, before writing anything, an output that is
 * one of its inputs, an existing workbook where HTML would be written, a district return where a
 * regional workbook would be written, and anything that is not a regular file. A legal long name
 * works, and no message shows a temporary path or a raw system error.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoDistrict } from "../../src/core/demo/demo-data";
import { readWorkbookGrid } from "../../src/xlsx/read";
import { writeAuditWorkbook } from "../../src/xlsx/write";
import { runCli, type Run } from "./run-cli";

let dir: string;

function cli(...args: string[]): Run {
  // a command that blocked on a named pipe would hang: a short timeout fails the test instead
  return runCli(dir, args, { timeout: 60000 });
}

function at(file: string): string {
  return path.join(dir, file);
}

function hash(file: string): string {
  return createHash("sha256")
    .update(readFileSync(at(file)))
    .digest("hex");
}

/** No temporary path, no raw system error, no stack trace in what the tool says. */
function plainWords(r: Run): void {
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toMatch(/\.tmp\b|partnership-audit-[0-9a-f]{8}/);
    expect(text).not.toMatch(/\bE[A-Z]{3,}\b|errno|syscall|\n\s+at /);
  }
}

/** A valid district return (the demo's seeded generator). */
async function validReturn(file: string, district: string): Promise<void> {
  const r = demoDistrict({ district, seed: district.length * 7 + 3, local: 2 });
  writeFileSync(at(file), await writeAuditWorkbook({ settings: r.settings, tables: r.tables }));
}

function noTemporaryFiles(): void {
  expect(readdirSync(dir).filter((f) => f.endsWith(".tmp") || f.startsWith(".partnership-audit"))).toEqual(
    [],
  );
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-outputs-"));
  for (const d of ["D01", "D02", "D03"]) await validReturn(`${d}.xlsx`, d);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("a forgotten output name never replaces a return", () => {
  it("report D*.xlsx: the first return is not an .html name; refused, unchanged, exit 2", () => {
    const before = hash("D01.xlsx");
    const r = cli("report", "D01.xlsx", "D02.xlsx", "D03.xlsx");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "D01.xlsx: the report is written as an HTML file, so its name must end in .html; give it first, before the workbooks (for example: partnership-audit report report.html D*.xlsx)\n",
    );
    expect(hash("D01.xlsx")).toBe(before);
    plainWords(r);
  });

  it("consolidate D*.xlsx: the first return is a district return; refused, unchanged, exit 2", () => {
    const before = hash("D01.xlsx");
    const r = cli("consolidate", "D01.xlsx", "D02.xlsx", "D03.xlsx");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "D01.xlsx: is the district return of D01, not a regional workbook, so it is not replaced; name the regional workbook first, before the returns (for example: partnership-audit consolidate regional.xlsx D*.xlsx)\n",
    );
    expect(hash("D01.xlsx")).toBe(before);
    noTemporaryFiles();
  });

  it("consolidating into an existing regional workbook stays allowed", async () => {
    expect(cli("consolidate", "regional.xlsx", "D01.xlsx", "D02.xlsx").status).toBe(0);
    const r = cli("consolidate", "regional.xlsx", "D03.xlsx");
    expect(r.status).toBe(0);
    const grid = await readWorkbookGrid(readFileSync(at("regional.xlsx")));
    const rows = grid.sheets.find((s) => s.name === "Partnerships")?.rows.slice(1) ?? [];
    expect([...new Set(rows.map((row) => row[5]))].sort()).toEqual(["D01", "D02", "D03"]);
  });

  it("an output that is an input, through a hard link or a symbolic link: refused", () => {
    linkSync(at("D02.xlsx"), at("hard.xlsx"));
    symlinkSync("D02.xlsx", at("soft.html"));
    const before = hash("D02.xlsx");
    const c = cli("consolidate", "hard.xlsx", "D02.xlsx");
    expect(c.status).toBe(2);
    expect(c.stderr).toBe(
      "hard.xlsx: is also one of the returns read; write the regional workbook to another file\n",
    );
    const r = cli("report", "soft.html", "D02.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("soft.html: is also one of the workbooks read; write the report to another file\n");
    expect(hash("D02.xlsx")).toBe(before);
  });
});

describe("HTML is never written over a workbook", () => {
  it("an existing file named .html that is a workbook (a zip): refused, unchanged", () => {
    writeFileSync(at("book.html"), readFileSync(at("D03.xlsx")));
    const before = hash("book.html");
    const r = cli("report", "book.html", "D01.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "book.html: is an existing workbook, and a report never replaces a workbook; give a new file name ending in .html\n",
    );
    expect(hash("book.html")).toBe(before);
  });

  it("a link named .html leading to a workbook that is not an input: refused, unchanged", () => {
    symlinkSync("D03.xlsx", at("to-book.html"));
    const before = hash("D03.xlsx");
    const r = cli("report", "to-book.html", "D01.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^to-book\.html: is an existing workbook, /);
    expect(hash("D03.xlsx")).toBe(before);
  });

  it("an old report is replaced as before", () => {
    writeFileSync(at("old.html"), "<!doctype html><p>last year</p>");
    const r = cli("report", "old.html", "D01.xlsx");
    expect(r.status).toBe(0);
    expect(readFileSync(at("old.html"), "utf8")).toContain("Partnership audit");
  });
});

describe("an output that is not a regular file is never replaced nor written into", () => {
  const cases: [string, string[]][] = [
    ["report", ["report", "OUT", "D01.xlsx"]],
    ["consolidate", ["consolidate", "OUT", "D01.xlsx"]],
    ["template --force", ["template", "OUT", "--force"]],
  ];
  let server: Server | undefined;

  beforeAll(async () => {
    execFileSync("mkfifo", [at("fifo.html"), at("fifo.xlsx")]);
    mkdirSync(at("folder.html"));
    mkdirSync(at("folder.xlsx"));
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(at("sock.html"), resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it.each(cases)("a named pipe (%s): refused at once, still a pipe, exit 2", (_, args) => {
    for (const ext of [".html", ".xlsx"]) {
      if (args[0] === "report" && ext === ".xlsx") continue;
      const out = `fifo${ext}`;
      const r = cli(...args.map((a) => (a === "OUT" ? out : a)));
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `${out}: is a named pipe (FIFO), not a file; name a file for the output (an existing file is replaced, anything else is never written over)\n`,
      );
      expect(lstatSync(at(out)).isFIFO()).toBe(true);
    }
    noTemporaryFiles();
  });

  it.each(cases)("a folder (%s): refused, still a folder", (_, args) => {
    const out = args[0] === "report" ? "folder.html" : "folder.xlsx";
    const r = cli(...args.map((a) => (a === "OUT" ? out : a)));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${out}: is a folder, not a file; name a file for the output (an existing file is replaced, anything else is never written over)\n`,
    );
    expect(statSync(at(out)).isDirectory()).toBe(true);
  });

  it("a socket: refused, still a socket", () => {
    const r = cli("report", "sock.html", "D01.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sock\.html: is a socket, not a file; /);
    expect(lstatSync(at("sock.html")).isSocket()).toBe(true);
  });

  it("a device (a link to /dev/null, and a device node where one can be made): refused, unchanged", () => {
    symlinkSync("/dev/null", at("null.html"));
    symlinkSync("/dev/null", at("null.xlsx"));
    for (const args of [
      ["report", "null.html", "D01.xlsx"],
      ["consolidate", "null.xlsx", "D01.xlsx"],
      ["template", "null.xlsx", "--force"],
    ]) {
      const r = cli(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^null\.(html|xlsx): is a device, not a file; /);
    }
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(lstatSync(at("null.html")).isSymbolicLink()).toBe(true);
    let made = false;
    try {
      execFileSync("mknod", [at("dev.html"), "c", "1", "3"], { stdio: "ignore" });
      made = true;
    } catch {
      // not allowed here (not root, or a container without the capability)
    }
    if (made) {
      const r = cli("report", "dev.html", "D01.xlsx");
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^dev\.html: is a device, not a file; /);
      expect(lstatSync(at("dev.html")).isCharacterDevice()).toBe(true);
    }
  });
});

describe("names and messages", () => {
  it("a legal 245-byte output name works for report and consolidate, and leaves no temporary file", () => {
    const html = `${"r".repeat(240)}.html`;
    const xlsx = `${"c".repeat(240)}.xlsx`;
    expect(Buffer.byteLength(html)).toBe(245);
    const r = cli("report", html, "D01.xlsx");
    expect(r.status).toBe(0);
    plainWords(r);
    const c = cli("consolidate", xlsx, "D01.xlsx");
    expect(c.status).toBe(0);
    plainWords(c);
    expect(statSync(at(html)).isFile()).toBe(true);
    expect(statSync(at(xlsx)).isFile()).toBe(true);
    noTemporaryFiles();
  });

  it("a name too long for the file system: a sentence, not the system's error", () => {
    const r = cli("report", `${"n".repeat(300)}.html`, "D01.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/: the name is too long for the file system; choose a shorter name\n$/);
    plainWords(r);
  });

  it("a folder that does not exist: says what to do, no raw error, exit 2", () => {
    const r = cli("consolidate", path.join("missing", "out.xlsx"), "D01.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${path.join("missing", "out.xlsx")}: its folder does not exist; create the folder or choose another path\n`,
    );
    plainWords(r);
  });
});

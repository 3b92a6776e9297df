/**
 * Writing an output leaves nothing behind when it fails (a full disk) or is stopped
 * (SIGTERM, SIGINT), and the old output survives whole. The streaming deflate the CLI writes with
 * gives the bytes of deflating each part whole.
 */
import fc from "fast-check";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { CliFileError, nodeDeflate, nodeDeflateStream, writeAtomic } from "../../src/cli/io";
import { demoReturns } from "../../src/core/demo/demo-data";
import { writeAuditWorkbook } from "../../src/xlsx/write";

let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-io-"));
});

afterEach(() => {
  // a writer that never held (or never ended) is not left running
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const ROOT = path.resolve(__dirname, "..", "..");

describe("writeAtomic", () => {
  it("a full disk: says so in one line, the old file survives, no temporary file is left", async () => {
    const out = path.join(dir, "regional.xlsx");
    writeFileSync(out, "old");
    const full = async (): Promise<void> => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    };
    const e = await writeAtomic(out, new Uint8Array(10), { beforeRename: full }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CliFileError);
    expect((e as CliFileError).line()).toBe(
      `${out}: cannot be written: the disk is full; free some space and run it again`,
    );
    expect(readdirSync(dir)).toEqual(["regional.xlsx"]);
    expect(readFileSync(out, "utf8")).toBe("old");
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s during a write: the temporary file is removed, the old file survives, the signal ends the process",
    async (signal) => {
      const out = path.join(dir, "regional.xlsx");
      writeFileSync(out, "old");
      // a writer held just before its rename, as a long write would be when the signal comes
      const script = path.join(dir, "hold.ts");
      writeFileSync(
        script,
        `import { writeAtomic } from ${JSON.stringify(path.join(ROOT, "src", "cli", "io"))};
setInterval(() => undefined, 1000);
void writeAtomic(${JSON.stringify(out)}, new Uint8Array(100000), {
  beforeRename: () => { process.stdout.write("holding\\n"); return new Promise(() => undefined); },
});
`,
      );
      const child = spawn(process.execPath, ["-r", "tsx/cjs", script], { cwd: ROOT });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          if (d.toString().includes("holding")) resolve();
        });
        child.on("exit", () => reject(new Error("the writer ended before it held")));
      });
      expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toHaveLength(1);
      const ended = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_code, s) => resolve(s)),
      );
      child.kill(signal);
      expect(await ended).toBe(signal);
      expect(readdirSync(dir).sort()).toEqual(["hold.ts", "regional.xlsx"]);
      expect(readFileSync(out, "utf8")).toBe("old");
    },
  );
});

describe("nodeDeflateStream (the CLI's writer deflates each part as it is made)", () => {
  const inflate = (chunks: readonly Uint8Array[]): Buffer => inflateRawSync(Buffer.concat(chunks));

  it("gives the bytes of deflating the part whole (nodeDeflate), however the part is split", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme", maxLength: 3000 }),
        fc.array(fc.nat({ max: 3000 }), { maxLength: 6 }),
        async (text, cuts) => {
          const bytes = new TextEncoder().encode(text.repeat(3));
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const stream = nodeDeflateStream();
          let from = 0;
          for (const to of [...at, bytes.length]) {
            await stream.write(bytes.slice(from, to));
            from = to;
          }
          const packed = await stream.end();
          expect(Buffer.concat(packed).equals(Buffer.from(nodeDeflate(bytes)))).toBe(true);
          expect(inflate(packed).equals(Buffer.from(bytes))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("waits when its queue is full and still gives every byte, in order (a part of several MB)", async () => {
    const piece = new TextEncoder().encode('<row r="2"><c r="A2" t="s"><v>17</v></c></row>'.repeat(30_000));
    const stream = nodeDeflateStream();
    let waited = 0;
    for (let i = 0; i < 8; i++) {
      const pending = stream.write(piece.slice());
      if (pending) {
        waited++;
        await pending;
      }
    }
    const out = inflate(await stream.end());
    expect(waited).toBeGreaterThan(0);
    expect(out.length).toBe(8 * piece.length);
    expect(out.subarray(7 * piece.length).equals(Buffer.from(piece))).toBe(true);
  });

  it("a workbook written with it is byte for byte the one written with nodeDeflate", async () => {
    const [r] = demoReturns();
    const content = { settings: r.settings, tables: r.tables, gradeCosts: r.gradeCosts };
    const whole = await writeAuditWorkbook(content, { deflateRaw: nodeDeflate });
    const streamed = await writeAuditWorkbook(content, { deflateStream: nodeDeflateStream });
    expect(Buffer.from(streamed).equals(Buffer.from(whole))).toBe(true);
  });
});

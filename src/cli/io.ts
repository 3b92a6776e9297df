/**
 * File input and output for the command-line tool: reading a workbook into a return (one line
 * saying why when it cannot be), and writing a file atomically (a temporary file in the same
 * folder, then a rename), so that an existing file is replaced whole or not at all.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import type { AuditReturn } from "../core/workbook-data";
import { readAuditReturn, readWorkbookGrid, WorkbookReadError } from "../xlsx/read";
import { readReturn } from "../core/returns";

/** Node's zlib deflate: about 5 times faster than fflate's at level 1 (measured on a 12 MB sheet). */
export const nodeDeflate = (data: Uint8Array): Uint8Array => deflateRawSync(data, { level: 1 });

/** A file the tool could not use, and why (one line, for people). */
export class CliFileError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(message);
    this.name = "CliFileError";
    this.file = file;
  }
  /** `D04.xlsx: the workbook is password-protected …` */
  line(): string {
    return `${this.file}: ${this.message}`;
  }
}

/** The name a file is reported under: its base name, as in `D04.xlsx: Partnerships row 7, …`. */
export function displayName(file: string): string {
  return path.basename(file);
}

/**
 * The names a run's files are reported under: each file's base name, unless two different files
 * share it (`r1/D01.xlsx` and `r2/D01.xlsx`), when those files keep the path as given, so that a
 * report naming both ("r2/D01.xlsx replaces r1/D01.xlsx") still says which is which.
 */
export function displayNames(files: readonly string[]): Map<string, string> {
  const byBase = new Map<string, Set<string>>();
  for (const file of files) {
    const base = displayName(file);
    const paths = byBase.get(base) ?? new Set<string>();
    paths.add(path.resolve(file));
    byBase.set(base, paths);
  }
  const out = new Map<string, string>();
  for (const file of files) {
    const base = displayName(file);
    out.set(file, (byBase.get(base)?.size ?? 0) > 1 ? file : base);
  }
  return out;
}

function ioReason(e: unknown, verb: "read" | "written"): string {
  const code = (e as { code?: string } | null)?.code;
  switch (code) {
    case "ENOENT":
      return verb === "read"
        ? "no such file; check the name and the folder"
        : "its folder does not exist; create the folder or choose another path";
    case "EISDIR":
      return `is a folder, not a workbook; give the path of an .xlsx file`;
    case "EACCES":
    case "EPERM":
      return `cannot be ${verb}: permission denied; choose a file or folder you can ${verb === "read" ? "read" : "write to"}`;
    case "EROFS":
      return `cannot be ${verb}: the disk is read-only; choose another folder`;
    case "ENOSPC":
      return `cannot be ${verb}: the disk is full; free some space and run it again`;
    case "ENOTDIR":
      return "part of the path is not a folder; check the path";
    default:
      return `cannot be ${verb}${e instanceof Error && e.message ? ` (${e.message.split("\n")[0]})` : ""}`;
  }
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new CliFileError(displayName(file), ioReason(e, "read"));
  }
}

/**
 * Read a district return (or any audit workbook), reported under `name` (default: its base name).
 * Throws CliFileError when it cannot be read.
 */
export async function readReturnFile(file: string, name = displayName(file)): Promise<AuditReturn> {
  let bytes: Buffer;
  try {
    bytes = await readBytes(file);
  } catch (e) {
    if (e instanceof CliFileError) throw new CliFileError(name, e.message);
    throw e;
  }
  try {
    return await readAuditReturn(bytes, name);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new CliFileError(name, e.message);
    throw new CliFileError(name, "the workbook cannot be read");
  }
}

/** Read an existing workbook loosely (a regional workbook about to be updated); no audit tables is allowed. */
export async function readWorkbookFile(file: string): Promise<AuditReturn> {
  const bytes = await readBytes(file);
  try {
    return readReturn(await readWorkbookGrid(bytes), displayName(file));
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new CliFileError(displayName(file), e.message);
    throw new CliFileError(displayName(file), "the workbook cannot be read");
  }
}

/** True when the file exists and holds something (an empty placeholder file counts as absent). */
export async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}

/** Write bytes to `file` atomically: a temporary file beside it, then a rename over it. */
export async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: "wx" });
  } catch (e) {
    throw new CliFileError(displayName(file), ioReason(e, "written"));
  }
  try {
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new CliFileError(displayName(file), ioReason(e, "written"));
  }
}

/**
 * Make a folder and its missing parents. Each level is made on its own (not with
 * `mkdir({ recursive: true })`, which spins forever on some file systems such as /proc), so a
 * folder that cannot be made is a CliFileError saying why.
 */
export async function makeFolder(dir: string): Promise<void> {
  const target = path.resolve(dir);
  const missing: string[] = [];
  for (let at = target; ; at = path.dirname(at)) {
    let kind: "dir" | "other" | "none";
    try {
      kind = (await stat(at)).isDirectory() ? "dir" : "other";
    } catch {
      kind = "none";
    }
    if (kind === "dir") break;
    if (kind === "other")
      throw new CliFileError(
        dir,
        `${at === target ? "is" : "part of the path is"} a file, not a folder; choose another folder`,
      );
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const at of missing) {
    try {
      await mkdir(at);
    } catch (e) {
      const code = (e as { code?: string } | null)?.code;
      if (code === "EEXIST") continue;
      throw new CliFileError(
        dir,
        code === "ENOENT"
          ? "the folder cannot be made there; choose another folder"
          : `the folder ${ioReason(e, "written")}`,
      );
    }
  }
}

/** True when two paths name the same file (resolved; the same inode when both exist). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

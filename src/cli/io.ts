/**
 * File input and output for the command-line tool: reading a workbook into a return (one line
 * saying why when it cannot be), and writing a file safely:
 * - atomically: a temporary file in the target's folder, flushed to disk (fsync), then renamed over
 *   the target, so that an existing file is replaced whole or not at all;
 * - never over an existing file unless asked (template, demo: `--force`), checked again at the last
 *   moment by linking the new file in place, which fails if a file appeared meanwhile;
 * - through a symbolic link to its target (the link stays a link and the target is updated);
 * - keeping the replaced file's permissions and, where the system allows it, its owner;
 * - leaving no temporary file behind: it is removed on every failure, and on SIGINT or SIGTERM
 *   while it exists (then the signal's usual end follows).
 */
import { randomBytes } from "node:crypto";
import { unlinkSync, type Stats } from "node:fs";
import {
  chmod,
  chown,
  link,
  lstat,
  mkdir,
  open,
  readFile,
  readlink,
  rename,
  stat,
  unlink,
  type FileHandle,
} from "node:fs/promises";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { createDeflateRaw, deflateRawSync, type ZlibOptions } from "node:zlib";
import type { AuditReturn } from "../core/model/workbook-data";
import type { StreamCodec } from "../xlsx/zip";
import { readAuditReturn, readWorkbookGrid, WorkbookReadError } from "../xlsx/read";
import { readReturn } from "../core/returns/read-return";

/** Node's zlib deflate: about 5 times faster than fflate's at level 1 (measured on a 12 MB sheet). */
// exported for tests
export const nodeDeflate = (data: Uint8Array): Uint8Array => deflateRawSync(data, { level: 1 });

/** Raw bytes the zlib stream may hold before the writer waits for it (the writer makes ~1 MB pieces). */
const DEFLATE_QUEUE = 4 * 1024 * 1024;

/**
 * Node's zlib deflate as a stream (level 1, as nodeDeflate): each part is deflated as the writer
 * makes it, on zlib's own thread, so a big sheet is never held raw. zlib's output does not depend
 * on how its input is split, so the bytes are nodeDeflate's (test/cli/io.test.ts).
 */
export const nodeDeflateStream: StreamCodec = () => {
  // zlib streams are Transform streams: the stream options pass through (Node's lib/zlib.js)
  const options: ZlibOptions & { writableHighWaterMark: number } = {
    level: 1,
    chunkSize: 64 * 1024,
    writableHighWaterMark: DEFLATE_QUEUE,
  };
  const zlib = createDeflateRaw(options);
  const out: Uint8Array[] = [];
  let failure: Error | undefined;
  zlib.on("data", (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    zlib.on("end", resolve);
    zlib.on("error", (e: Error) => {
      failure = e;
      reject(e);
    });
  });
  ended.catch(() => undefined); // reported by write() or end(), whichever comes next
  return {
    write(raw) {
      if (failure) throw failure;
      if (zlib.write(raw)) return;
      return new Promise<void>((resolve, reject) => {
        const done = (): void => {
          zlib.off("error", fail);
          resolve();
        };
        const fail = (e: Error): void => {
          zlib.off("drain", done);
          reject(e);
        };
        zlib.once("drain", done);
        zlib.once("error", fail);
      });
    },
    async end() {
      zlib.end();
      await ended;
      return out;
    },
  };
};

/** A file the tool could not use, and why (one line, for people). */
export class CliFileError extends Error {
  /** the file as the user typed it (`returns/D04.xlsx`, `/tmp/x/D04.xlsx`) */
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

/**
 * The names a run's files go by in messages: each as the user typed it, except that one file typed
 * in two spellings (`D01.xlsx` and `./D01.xlsx`) goes by its first, so that it is seen as the same
 * file given twice.
 */
export function messageNames(files: readonly string[]): Map<string, string> {
  const first = new Map<string, string>();
  const out = new Map<string, string>();
  for (const file of files) {
    const resolved = path.resolve(file);
    const name = first.get(resolved) ?? file;
    first.set(resolved, name);
    out.set(file, name);
  }
  return out;
}

/**
 * The names the files of a report document go by: each file's base name, unless two different
 * files share it (`r1/D01.xlsx` and `r2/D01.xlsx`), when those files keep the path as given, so
 * that the document still says which is which without showing the analyst's folders. Messages on
 * the terminal name every file by its path as the user typed it, never by these.
 */
export function documentNames(files: readonly string[]): Map<string, string> {
  const byBase = new Map<string, Set<string>>();
  for (const file of files) {
    const base = path.basename(file);
    const paths = byBase.get(base) ?? new Set<string>();
    paths.add(path.resolve(file));
    byBase.set(base, paths);
  }
  const out = new Map<string, string>();
  for (const file of files) {
    const base = path.basename(file);
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
    case "ENAMETOOLONG":
      return "the name is too long for the file system; choose a shorter name";
    case "ELOOP":
      return "the path goes round in a loop of symbolic links; check the links or choose another path";
    default:
      // the system's own message names paths (a temporary file's too) and codes: not for people
      return verb === "read"
        ? "cannot be read; check that it is a file you can open, then run it again"
        : "cannot be written; check that the folder exists and that you can write to it, or choose another path";
  }
}

/**
 * How far the heap may grow past what the last full collection left alive, in percent. V8's own
 * choice on a machine with much memory is up to 4 times what is alive: with a return of a million
 * rows alive (a few hundred MB) and the short-lived objects of its checks and figures, the tool
 * would reach well over 1 GB before collecting. 10 % keeps the peak near what is alive, at the cost
 * of more frequent collections (the bar is 512 MB peak resident; see docs/benchmark.md).
 */
const HEAP_GROWING_PERCENT = 10;
let heapBounded = false;

/**
 * A workbook file at least this large (a return of some hundred thousand rows) bounds the heap's
 * growth before it is read. Returns of an ordinary size leave V8's own choice, which collects
 * less often: consolidating a hundred of them is then faster.
 */
const BOUND_HEAP_FROM_BYTES = 8 * 1024 * 1024;

/** Bound the heap's growth (above) before a large workbook is read; the tool is one process per run. */
function boundHeapGrowth(): void {
  if (heapBounded) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  heapBounded = true;
}

async function readBytes(file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new CliFileError(file, ioReason(e, "read"));
  }
  // the file's bytes lie outside the heap: bounding its growth before they are parsed is in time
  if (bytes.length >= BOUND_HEAP_FROM_BYTES) boundHeapGrowth();
  return bytes;
}

/**
 * Read a district return (or any audit workbook), reported under `name` (default: its path as
 * given). Throws CliFileError when it cannot be read.
 */
export async function readReturnFile(file: string, name = file): Promise<AuditReturn> {
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
    return readReturn(await readWorkbookGrid(bytes, { auditDataOnly: true }), file, { consumeGrid: true });
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new CliFileError(file, e.message);
    throw new CliFileError(file, "the workbook cannot be read");
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

// ---------------------------------------------------------------------------------------------
// Temporary files: removed on every failure, and on SIGINT/SIGTERM while one exists

const liveTemps = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

function removeTempsNow(): void {
  for (const temp of liveTemps) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone: nothing to remove
    }
  }
  liveTemps.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeTempsNow();
  stopWatching();
  // the signal's usual end (the shell reports 130 or 143), now that nothing is left behind
  process.kill(process.pid, signal);
}

function watch(temp: string): void {
  if (liveTemps.size === 0) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on("exit", removeTempsNow);
  }
  liveTemps.add(temp);
}

function stopWatching(): void {
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.removeListener("exit", removeTempsNow);
}

async function forget(temp: string, remove: boolean): Promise<void> {
  if (remove) await unlink(temp).catch(() => undefined);
  liveTemps.delete(temp);
  if (liveTemps.size === 0) stopWatching();
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The file a path names, symbolic links followed (the path itself when nothing is there yet). */
async function linkTarget(file: string): Promise<string> {
  let at = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let isLink: boolean;
    try {
      isLink = (await lstat(at)).isSymbolicLink();
    } catch {
      return at;
    }
    if (!isLink) return at;
    at = path.resolve(path.dirname(at), await readlink(at));
  }
  throw Object.assign(new Error("too many symbolic links"), { code: "ELOOP" });
}

export interface WriteOptions {
  /** replace an existing file (default true); false: a file already there is an error */
  readonly replace?: boolean;
  /** for tests: runs after the temporary file is written and flushed, before it takes its place */
  readonly beforeRename?: (temp: string) => Promise<void>;
}

/** The kind of a thing that is not a regular file, as a user would name it; undefined for a file. */
export function notRegularFile(s: Stats): string | undefined {
  if (s.isFile()) return undefined;
  if (s.isDirectory()) return "a folder";
  if (s.isFIFO()) return "a named pipe (FIFO)";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  if (s.isSocket()) return "a socket";
  return "not a regular file";
}

/** The refusal of an output that is not a regular file (`/dev/null: is a device, …`). */
export function notRegularError(file: string, what: string): CliFileError {
  return new CliFileError(
    file,
    `is ${what}, not a file; name a file for the output (an existing file is replaced, anything else is never written over)`,
  );
}

/** `OUT.xlsx: already exists; use --force to replace it` (for commands with --force). */
function existsError(file: string): CliFileError {
  return new CliFileError(file, "already exists; use --force to replace it");
}

/**
 * Write bytes to `file` safely (see the header): a temporary file beside the target, flushed to
 * disk, given the replaced file's mode and owner, then renamed over it (or linked in place when
 * `replace` is false). Throws CliFileError saying why; no temporary file is ever left behind.
 */
export async function writeAtomic(
  file: string,
  bytes: Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const replace = options.replace ?? true;
  const fail = (e: unknown): CliFileError =>
    e instanceof CliFileError ? e : new CliFileError(file, ioReason(e, "written"));
  // a folder, named pipe, device or socket is never replaced by a file (nor written into), even
  // with --force: said first, so that --force is not suggested for it
  const first = await stat(file).catch(() => undefined);
  const notFile = first ? notRegularFile(first) : undefined;
  if (notFile) throw notRegularError(file, notFile);
  if (!replace && (await pathTaken(file))) throw existsError(file);
  let target: string;
  try {
    target = await linkTarget(file);
  } catch (e) {
    throw fail(e);
  }
  const existing = await stat(target).catch(() => undefined);
  const notFileNow = existing ? notRegularFile(existing) : undefined;
  if (notFileNow) throw notRegularError(file, notFileNow);
  // a short name of its own, whatever the target's length: a name the file system allows for the
  // target (up to 255 bytes) must not fail because of the temporary name
  const temp = path.join(path.dirname(target), `.partnership-audit-${randomBytes(8).toString("hex")}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, "wx", existing ? existing.mode & 0o777 : 0o666);
  } catch (e) {
    throw fail(e);
  }
  watch(temp);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existing) {
      // open() applies the umask: set the replaced file's mode exactly, and its owner where the
      // system lets us (only root may give a file to another user; others keep their own)
      await chmod(temp, existing.mode & 0o7777);
      await chown(temp, existing.uid, existing.gid).catch((e: unknown) => {
        const code = (e as { code?: string } | null)?.code;
        if (code !== "EPERM" && code !== "EINVAL") throw e;
      });
    }
    if (options.beforeRename) await options.beforeRename(temp);
    if (replace) await rename(temp, target);
    else {
      // a link fails if a file appeared at the target since the check above: never replaced
      try {
        await link(temp, target);
      } catch (e) {
        if ((e as { code?: string } | null)?.code === "EEXIST") throw existsError(file);
        // a file system without hard links: check once more, then rename
        if (await pathTaken(target)) throw existsError(file);
        await rename(temp, target);
      }
    }
  } catch (e) {
    await forget(temp, true);
    throw fail(e);
  }
  await forget(temp, !replace);
  await syncFolder(path.dirname(target));
}

/** Flush a folder's entries (the rename) to disk; some file systems cannot, which loses nothing. */
async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // a folder that cannot be opened or flushed: the file itself is written and flushed already
  } finally {
    await handle?.close();
  }
}

/** True when a path names something (a file, a folder, a link even if it leads nowhere). */
export async function pathTaken(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
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

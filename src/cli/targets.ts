/**
 * What a command may write to, decided before it writes anything. An output name is often a slip:
 * a forgotten output name with a glob in its place (`report D*.xlsx`) makes the first return the
 * output. So a command refuses, with a sentence saying what to do:
 * - an output that is also one of its inputs (the same path, or the same file through a link);
 * - anything that is not a regular file (a folder, a named pipe, a device, a socket): a write
 *   would replace it with a file, or block on it;
 * - for an HTML output (the report): a name not ending in `.html`, and an existing workbook (a
 *   name ending in `.xlsx`, `.xlsm` or `.xls`, or a file whose bytes are a zip, as an .xlsx is, or
 *   an OLE compound file, as an old or password-protected workbook is).
 * Whether an existing workbook is a district return (which `consolidate` never replaces) is told
 * from its contents, by the command that reads it.
 */
import { open, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { CliFileError, notRegularError, notRegularFile, sameFile } from "./io";

/** What a command writes: an HTML document, or a workbook. */
type OutputKind = "html" | "workbook";

const WORKBOOK_NAME = /\.(xlsx|xlsm|xltx|xltm|xls)$/i;

/** True when the first bytes are a zip (an .xlsx) or an OLE compound file (an .xls or encrypted workbook). */
function looksLikeWorkbook(head: Uint8Array): boolean {
  const zip =
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 3 || head[2] === 5) &&
    (head[3] === 4 || head[3] === 6);
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => head[i] === b);
  return zip || ole;
}

async function firstBytes(file: string): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Why `out` must not be written by a command that reads `inputs` and writes `kind`; undefined when
 * it may be. `command` names the command in the advice (`report`, `consolidate`).
 */
export async function refuseOutput(
  out: string,
  kind: OutputKind,
  inputs: readonly string[],
  command: string,
): Promise<CliFileError | undefined> {
  const name = out;
  if (kind === "html" && !/\.html$/i.test(out))
    return new CliFileError(
      name,
      `the ${command} is written as an HTML file, so its name must end in .html; give it first, before the workbooks (for example: partnership-audit ${command} ${command}.html D*.xlsx)`,
    );
  for (const input of inputs) {
    if (await sameFile(out, input))
      return new CliFileError(
        name,
        `is also one of the ${kind === "html" ? "workbooks" : "returns"} read; write the ${command === "consolidate" ? "regional workbook" : command} to another file`,
      );
  }
  // the thing the name leads to, symbolic links followed
  const existing = await stat(out).catch(() => undefined);
  if (!existing) return undefined;
  const what = notRegularFile(existing);
  if (what) return notRegularError(out, what);
  if (kind === "html") {
    const head = await firstBytes(out).catch(() => new Uint8Array(0));
    const target = await realName(out);
    if (WORKBOOK_NAME.test(target) || looksLikeWorkbook(head))
      return new CliFileError(
        name,
        `is an existing workbook, and a ${command} never replaces a workbook; give a new file name ending in .html`,
      );
  }
  return undefined;
}

/** The file name a path finally leads to (through symbolic links), or the path itself. */
async function realName(file: string): Promise<string> {
  return realpath(file).then(
    (p) => path.basename(p),
    () => path.basename(file),
  );
}

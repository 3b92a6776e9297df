/**
 * Entry of the `partnership-audit` command (bin/partnership-audit.cjs registers tsx and requires
 * this file). Output goes through process.stdout / process.stderr; the exit status is set, not
 * forced, so that everything written is flushed.
 */
import { terminalText } from "./output";
import { run } from "./run";

// A reader that stops early (`partnership-audit summary … | head`) closes the pipe: stop writing
// quietly instead of dying with a stack trace about EPIPE.
const closed = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    closed.add(stream);
  });
}

const io = {
  out: (line: string): void => {
    if (!closed.has(process.stdout)) process.stdout.write(`${line}\n`);
  },
  err: (line: string): void => {
    if (!closed.has(process.stderr)) process.stderr.write(`${line}\n`);
  },
};

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(
      `partnership-audit: ${terminalText(e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e))}\n`,
    );
    process.exitCode = 2;
  },
);

/**
 * Entry of the `partnership-audit` command (bin/partnership-audit.cjs registers tsx and requires
 * this file). Output goes through process.stdout / process.stderr; the exit status is set, not
 * forced, so that everything written is flushed.
 */
import { run } from "./run";

const io = {
  out: (line: string): void => {
    process.stdout.write(`${line}\n`);
  },
  err: (line: string): void => {
    process.stderr.write(`${line}\n`);
  },
};

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`partnership-audit: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
    process.exitCode = 2;
  },
);

/**
 * The command-line tool run as people run it: `node bin/partnership-audit.cjs …` in a folder, its
 * exit status and both outputs as text. Shared by the CLI tests.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const BIN = path.join(ROOT, "bin", "partnership-audit.cjs");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** give up after this many milliseconds (default 120 s: the test machine is shared) */
  timeout?: number;
  /** variables added to the environment */
  env?: Record<string, string>;
}

/** Runs the tool with `args` in `cwd`. */
export function runCli(cwd: string, args: readonly string[], options: RunOptions = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    timeout: options.timeout ?? 120000,
    env: options.env ? { ...process.env, ...options.env } : process.env,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

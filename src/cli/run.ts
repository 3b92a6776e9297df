/**
 * Argument parsing and dispatch for `partnership-audit`. `run` never throws: an unexpected failure
 * is one line on standard error (no stack trace) and exit status 2.
 */
import * as commands from "./commands";
import type { ExitCode, Output } from "./commands";
import { parseReportArgs, report } from "./report";

export const USAGE = `Usage: partnership-audit <command> [options]

Commands:
  template OUT.xlsx [--region R] [--district D] [--round R]
        write a blank audit workbook (the same sheets, tables, pick-lists and Summary as the add-in)
  check FILE.xlsx... [--json]
        check district returns; print each finding with file, sheet, row, column and what to fix
  summary FILE.xlsx... [--json]
        headline figures over all the given workbooks taken together
  consolidate OUT.xlsx RETURN.xlsx... [--skip-invalid]
        write a regional workbook from district returns (OUT is replaced atomically)
  compare PREVIOUS.xlsx CURRENT.xlsx [--json]
        partnerships new, continuing and ended; change in FTE and leadership ratio
  report OUT.html WORKBOOK.xlsx... [--previous PREVIOUS.xlsx...] [--title T]
        the printable audit report: one HTML file that any browser opens and prints
  demo DIR
        write 11 made-up district returns and their regional workbook, then print the summary

Exit status: 0 done; 1 errors in the data (or a return skipped); 2 a file cannot be read or
written, or the command line is wrong.`;

class UsageError extends Error {}

interface Parsed {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly values: Map<string, string>;
}

const VALUE_OPTIONS = new Set(["region", "district", "round"]);

function parse(
  args: readonly string[],
  allowedFlags: readonly string[],
  allowedValues: readonly string[],
): Parsed {
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      if (VALUE_OPTIONS.has(name) && allowedValues.includes(name)) {
        const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        values.set(name, value);
        continue;
      }
      if (eq === -1 && allowedFlags.includes(name)) {
        flags.add(name);
        continue;
      }
      throw new UsageError(`unknown option ${arg}`);
    }
    if (arg.startsWith("-") && arg.length > 1) throw new UsageError(`unknown option ${arg}`);
    positional.push(arg);
  }
  return { positional, flags, values };
}

function stringifyError(e: unknown): string {
  if (e instanceof Error) return e.message.split("\n")[0] || e.name;
  return String(e);
}

async function dispatch(argv: readonly string[], io: Output): Promise<ExitCode> {
  const [command, ...rest] = argv;
  switch (command) {
    case "template": {
      const p = parse(rest, [], ["region", "district", "round"]);
      if (p.positional.length !== 1) throw new UsageError("template needs one OUT.xlsx");
      return commands.template(
        p.positional[0],
        { region: p.values.get("region"), district: p.values.get("district"), round: p.values.get("round") },
        io,
      );
    }
    case "check": {
      const p = parse(rest, ["json"], []);
      if (p.positional.length === 0) throw new UsageError("check needs at least one FILE.xlsx");
      return commands.check(p.positional, p.flags.has("json"), io);
    }
    case "summary": {
      const p = parse(rest, ["json"], []);
      if (p.positional.length === 0) throw new UsageError("summary needs at least one FILE.xlsx");
      return commands.summary(p.positional, p.flags.has("json"), io);
    }
    case "consolidate": {
      const p = parse(rest, ["skip-invalid"], []);
      if (p.positional.length < 2)
        throw new UsageError("consolidate needs OUT.xlsx and at least one RETURN.xlsx");
      return commands.consolidate(p.positional[0], p.positional.slice(1), p.flags.has("skip-invalid"), io);
    }
    case "compare": {
      const p = parse(rest, ["json"], []);
      if (p.positional.length !== 2) throw new UsageError("compare needs PREVIOUS.xlsx and CURRENT.xlsx");
      return commands.compare(p.positional[0], p.positional[1], p.flags.has("json"), io);
    }
    case "report": {
      const p = parseReportArgs(rest);
      if ("error" in p) throw new UsageError(p.error);
      return report(p.out, p.files, { previous: p.previous, title: p.title }, io);
    }
    case "demo": {
      const p = parse(rest, [], []);
      if (p.positional.length !== 1) throw new UsageError("demo needs one DIR");
      return commands.demo(p.positional[0], io);
    }
    case undefined:
      throw new UsageError("no command given");
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** Run the tool with the arguments after the program name; resolves to the exit status. */
export async function run(argv: readonly string[], io: Output): Promise<ExitCode> {
  if (argv.includes("--help") || argv.includes("-h") || argv[0] === "help") {
    io.out(USAGE);
    return 0;
  }
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`partnership-audit: ${e.message}`);
      io.err(USAGE);
      return 2;
    }
    io.err(`partnership-audit: ${stringifyError(e)}`);
    return 2;
  }
}

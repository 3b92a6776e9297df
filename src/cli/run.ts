/**
 * Argument parsing and dispatch for `partnership-audit`. `run` never throws: an unexpected failure
 * is one line on standard error (no stack trace) and exit status 2.
 */
import { settingSpec } from "../core/model/blueprint";
import { toNumber, withinBounds } from "../core/model/cell-rules";
import { settingRangeText } from "../core/model/settings";
import * as commands from "./commands";
import type { ExitCode } from "./commands";
import { safeOutput, type Output, type Sink } from "./output";
import { parseReportArgs, report } from "./report";
import * as survey from "./survey";

/**
 * Each command's exit statuses, as --help and docs/command-line.md's table say them (a test holds
 * the three together: this list, that table and what the commands do).
 */
// exported for tests
export const EXIT_STATUS: Readonly<Record<string, string>> = {
  template: "0 written; 2 OUT exists (without --force) or cannot be written",
  check: "0 no errors (warnings allowed); 1 errors found; 2 a file cannot be read",
  summary: "0; 1 errors in the data; 2 a file cannot be read",
  consolidate:
    "0 written; 1 a return failed (OUT written only with --skip-invalid); 2 a file cannot be read, or OUT cannot be written",
  compare: "0; 2 a file cannot be read",
  report:
    "0 written; 1 errors in the data (still written); 2 a file cannot be read, or OUT cannot be written",
  demo: "0 written; 2 a file it would write exists (without --force) or cannot be written",
  questionnaire: "0 written; 2 RETURN cannot be read, or OUT cannot be written",
  survey: "0 no findings; 1 findings; 2 a file cannot be read, or a required field has no column",
};

const COMMANDS: readonly (readonly [string, string, string])[] = [
  [
    "template",
    "template OUT.xlsx [--region R] [--district D] [--round R] [--force]",
    "write a blank audit workbook (the same sheets, tables, pick-lists and Summary as the add-in);\n" +
      "an existing OUT is replaced only with --force",
  ],
  [
    "check",
    "check FILE.xlsx... [--json]",
    "check district returns; print each finding with file, sheet, row, column and what to fix",
  ],
  [
    "summary",
    "summary FILE.xlsx... [--json] [--value-below V] [--hours-from H] [--overlap-from S]",
    "headline figures over all the given workbooks taken together, with the annual cost and the\n" +
      "partnerships to review (value below V, 1-4, and at least H hours a year; else the first\n" +
      "workbook's Settings, with a warning when the others' differ; else 2.5 and 0); a district and\n" +
      "round given twice (or resubmitted) counts once, the last one given; shared seats,\n" +
      "overlapping partnerships (sharing at least S of the smaller one's organisations, 0-1; else\n" +
      "the Settings' Overlap from, else 0.5) and the organisations met most",
  ],
  [
    "consolidate",
    "consolidate OUT.xlsx RETURN.xlsx... [--skip-invalid]",
    "write a regional workbook from district returns (OUT is replaced atomically, keeping its\n" +
      "permissions; a symbolic link is written through)",
  ],
  [
    "compare",
    "compare PREVIOUS.xlsx CURRENT.xlsx [--json]",
    "partnerships new, continuing and ended; change in FTE and leadership ratio (a warning when\n" +
      "PREVIOUS is the same file or round as CURRENT, or of another region)",
  ],
  [
    "report",
    "report OUT.html WORKBOOK.xlsx... [--previous PREVIOUS.xlsx...] [--title T] [--value-below V] [--hours-from H]",
    "the printable audit report: one HTML file (OUT must end in .html) that any browser opens and\n" +
      "prints; its Value for time review flags partnerships as summary does (--value-below,\n" +
      "--hours-from, else the first workbook's Settings); PREVIOUS should be an earlier round (a\n" +
      "warning says when it is not)",
  ],
  [
    "questionnaire",
    "questionnaire OUT.html [RETURN.xlsx]",
    "the partner survey to send: one HTML file to print or publish, with the return's partnerships\n" +
      "(or one blank block) and an appendix to build the same survey in a form tool",
  ],
  [
    "survey",
    "survey RESPONSES.(xlsx|csv) --return RETURN.xlsx [--map MAP.json] [--json]",
    "what importing survey responses into RETURN would add: the mapping, the rows, the findings\n" +
      "and the duplicates (a dry run: nothing is written)",
  ],
  [
    "demo",
    "demo DIR [--force]",
    "write 11 made-up district returns, their regional workbook and report, the previous round\n" +
      "(DIR/previous: its returns and regional workbook), a return with mistakes for check to find\n" +
      "(DIR/with-mistakes/D12.xlsx) and partner survey responses, then print the summary; refuses\n" +
      "before writing anything if one of those files exists (unless --force)",
  ],
];

const USAGE = [
  "Usage: partnership-audit <command> [options]",
  "",
  "Commands (exit status after each):",
  ...COMMANDS.flatMap(([name, synopsis, what]) => [
    `  ${synopsis}`,
    ...what.split("\n").map((l) => `        ${l}`),
    `        exit: ${EXIT_STATUS[name]}`,
  ]),
  "",
  "Every command exits 2 when the command line is wrong. Text from workbooks is printed with",
  "control characters shown as escapes (\\e, \\n, …).",
].join("\n");

/** The usage of one command (`partnership-audit check --help`); the whole usage for any other name. */
function commandUsage(name: string | undefined): string {
  const found = COMMANDS.find(([n]) => n === name);
  if (!found) return USAGE;
  const [command, synopsis, what] = found;
  return [
    `Usage: partnership-audit ${synopsis}`,
    "",
    ...what.split("\n").map((l) => `  ${l}`),
    `  exit: ${EXIT_STATUS[command]}`,
    "  (and 2 when the command line is wrong)",
    "",
    "Run `partnership-audit --help` for every command.",
  ].join("\n");
}

/** The line after a usage error: where to read how the command (or the tool) is used. */
function helpHint(command: string | undefined): string {
  const known = COMMANDS.some(([n]) => n === command) ? command : undefined;
  return `Run \`partnership-audit --help\` (or \`partnership-audit ${known ?? "COMMAND"} --help\`) for the commands, their options and exit statuses.`;
}

/** The names of the commands, for the line saying a command is unknown. */
const COMMAND_NAMES = COMMANDS.map(([n]) => n).join(", ");

class UsageError extends Error {}

interface Parsed {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly values: Map<string, string>;
}

const VALUE_OPTIONS = new Set([
  "region",
  "district",
  "round",
  "value-below",
  "hours-from",
  "overlap-from",
  "return",
  "map",
]);

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
      for (const a of args.slice(i + 1)) positional.push(a);
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
      throw new UsageError(`unknown option ${arg}; check its spelling, or leave it out`);
    }
    if (arg.startsWith("-") && arg.length > 1)
      throw new UsageError(`unknown option ${arg}; check its spelling, or leave it out`);
    positional.push(arg);
  }
  return { positional, flags, values };
}

/**
 * A review threshold given on the command line (`summary`, `report`): a number within the
 * setting's bounds; undefined when not given.
 */
function threshold(
  text: string | undefined,
  option: "value-below" | "hours-from" | "overlap-from",
  key: "reviewValueBelow" | "reviewHoursFrom" | "overlapFrom",
): number | undefined {
  if (text === undefined) return undefined;
  const spec = settingSpec(key);
  const n = toNumber(text);
  if (n === undefined || !withinBounds(n, spec))
    throw new UsageError(`--${option} ${text} is not ${settingRangeText(spec)}`);
  return n;
}

function stringifyError(e: unknown): string {
  if (e instanceof Error) return e.message.split("\n")[0] || e.name;
  return String(e);
}

async function dispatch(argv: readonly string[], io: Output): Promise<ExitCode> {
  const [command, ...rest] = argv;
  switch (command) {
    case "template": {
      const p = parse(rest, ["force"], ["region", "district", "round"]);
      if (p.positional.length !== 1) throw new UsageError("template needs one OUT.xlsx");
      return commands.template(
        p.positional[0],
        {
          region: p.values.get("region"),
          district: p.values.get("district"),
          round: p.values.get("round"),
          force: p.flags.has("force"),
        },
        io,
      );
    }
    case "check": {
      const p = parse(rest, ["json"], []);
      if (p.positional.length === 0) throw new UsageError("check needs at least one FILE.xlsx");
      return commands.check(p.positional, p.flags.has("json"), io);
    }
    case "summary": {
      const p = parse(rest, ["json"], ["value-below", "hours-from", "overlap-from"]);
      if (p.positional.length === 0) throw new UsageError("summary needs at least one FILE.xlsx");
      const overlapFrom = threshold(p.values.get("overlap-from"), "overlap-from", "overlapFrom");
      return commands.summary(p.positional, p.flags.has("json"), io, {
        valueBelow: threshold(p.values.get("value-below"), "value-below", "reviewValueBelow"),
        hoursFrom: threshold(p.values.get("hours-from"), "hours-from", "reviewHoursFrom"),
        ...(overlapFrom === undefined ? {} : { overlapFrom }),
      });
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
      const review = {
        valueBelow: threshold(p.valueBelow, "value-below", "reviewValueBelow"),
        hoursFrom: threshold(p.hoursFrom, "hours-from", "reviewHoursFrom"),
      };
      return report(p.out, p.files, { previous: p.previous, title: p.title, review }, io);
    }
    case "questionnaire": {
      const p = parse(rest, [], []);
      if (p.positional.length < 1 || p.positional.length > 2)
        throw new UsageError("questionnaire needs OUT.html and at most one RETURN.xlsx");
      return survey.questionnaire(p.positional[0], p.positional[1], io);
    }
    case "survey": {
      const p = parse(rest, ["json"], ["return", "map"]);
      const returnFile = p.values.get("return");
      if (p.positional.length !== 1 || returnFile === undefined)
        throw new UsageError("survey needs one RESPONSES.xlsx or .csv and --return RETURN.xlsx");
      return survey.survey(
        p.positional[0],
        { returnFile, map: p.values.get("map"), json: p.flags.has("json") },
        io,
      );
    }
    case "demo": {
      const p = parse(rest, ["force"], []);
      if (p.positional.length !== 1) throw new UsageError("demo needs one DIR");
      return commands.demo(p.positional[0], io, { force: p.flags.has("force") });
    }
    case undefined:
      throw new UsageError(`no command given; give one of ${COMMAND_NAMES}`);
    default:
      throw new UsageError(`unknown command ${command}; give one of ${COMMAND_NAMES}`);
  }
}

/**
 * Run the tool with the arguments after the program name; resolves to the exit status. Everything
 * printed goes through safeOutput (one place for terminal-safe text, see ./output).
 */
export async function run(argv: readonly string[], sink: Sink): Promise<ExitCode> {
  const io = safeOutput(sink);
  if (argv.includes("--help") || argv.includes("-h") || argv[0] === "help") {
    const named = argv[0] === "help" ? argv[1] : argv[0];
    for (const line of commandUsage(named).split("\n")) io.out(line);
    return 0;
  }
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      // what is wrong, and where the help is: the whole help would bury the one line that matters
      io.err(`partnership-audit: ${e.message}`);
      io.err(helpHint(argv[0]));
      return 2;
    }
    io.err(`partnership-audit: ${stringifyError(e)}`);
    return 2;
  }
}

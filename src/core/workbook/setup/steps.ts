/** What each set-up action did, in words a user reads (the result list of the Set up view). */
import type { SetupAction } from "./model";

/** One line per action, for SetupResult. */
export function describeAction(a: SetupAction): string {
  switch (a.kind) {
    case "addSheet":
      return `Added the ${a.sheet} sheet`;
    case "createTable":
      return `Made the ${a.table} table on ${a.sheet}`;
    case "renameTable":
      return `Renamed the table ${a.from} to ${a.to}`;
    case "renameHeader":
      return `${a.table}: renamed the header "${a.from}" to "${a.to}"`;
    case "addColumns":
      return `${a.table}: added the columns ${a.headers.join(", ")}`;
    case "writeCells":
      return `${a.sheet}: wrote headings, labels and defaults`;
    case "setName":
      return `Named ${a.name} (used by pick-lists and formulas)`;
    case "decorateTable":
      return `${a.table}: pick-lists, bounds, input messages, highlighting and formats on ${a.columns.length} column(s)`;
    case "calculatedColumn":
      return `${a.table}: formula of calculated column ${a.index + 1}`;
    case "decorateSettings":
      return `${a.sheet}: input messages and bounds on the settings`;
    case "formatSheet":
      return `${a.sheet}: column widths and headings`;
    case "summary":
      return `${a.sheet}: figures as AUDIT formulas, with their number formats`;
    case "chart":
      return `${a.sheet}: chart "${a.chart.title}"`;
    case "schemaVersion":
      return `Recorded schema version ${a.value}`;
    case "rememberAnswers":
      return "Remembered your answers to set-up's questions";
  }
}

import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Link,
  Switch,
  Text,
} from "@fluentui/react-components";
import { countFindings, type Finding } from "../core/model/findings";
import type { CheckCommandDetail } from "../commands/events";
import { describeError, formatCount, isAbort, plural } from "./format";
import { findingPlace, groupFindings } from "./group-findings";
import type { AuditOperations, CheckResult } from "../core/model/operations";
import { useLongWork } from "./long-work";
import { ProgressPanel } from "./ProgressPanel";
import { Status, type StatusMessage } from "./Status";
import { useViewStyles } from "./styles";

function summary(result: CheckResult): StatusMessage {
  const errors = countFindings(result.findings, "error");
  const warnings = result.findings.length - errors;
  const rows = plural(result.rowsChecked, "row");
  if (result.cancelled) {
    return {
      intent: "warning",
      title: "Check cancelled",
      text: `Showing ${plural(result.findings.length, "finding")} from the ${rows} checked so far. Run the check again to check everything.`,
    };
  }
  if (result.findings.length === 0) {
    return { intent: "success", title: "No problems found", text: `${rows} checked. Nothing needs fixing.` };
  }
  const marks = result.marksError
    ? ` The cells could not be marked (${result.marksError}); the list below is complete.`
    : "";
  return {
    intent: errors > 0 ? "error" : "warning",
    title: `${plural(errors, "error")}, ${plural(warnings, "warning")}`,
    text: `${rows} checked. Select a finding to go to its cell, fix it, then run the check again.${marks}`,
  };
}

function FindingItem({
  finding,
  onSelect,
}: {
  readonly finding: Finding;
  readonly onSelect: (f: Finding) => void;
}): React.JSX.Element {
  const place = findingPlace(finding);
  return (
    <li>
      {finding.address ? (
        <Link
          as="button"
          onClick={() => onSelect(finding)}
          aria-label={`${place}: ${finding.message}. Go to cell`}
        >
          {place}
        </Link>
      ) : (
        <Text weight="semibold">{place}</Text>
      )}
      <Text>: {finding.message}</Text>
    </li>
  );
}

export function CheckView({
  operations,
  commandCheck = null,
}: {
  readonly operations: AuditOperations;
  /** the result of the ribbon's Check workbook command, passed on by the App */
  readonly commandCheck?: CheckCommandDetail | null;
}): React.JSX.Element {
  const styles = useViewStyles();
  const work = useLongWork();
  const [result, setResult] = React.useState<CheckResult | null>(null);
  const [status, setStatus] = React.useState<StatusMessage | null>(null);
  const [markCells, setMarkCells] = React.useState(false);

  const [runs, setRuns] = React.useState(0);

  const show = React.useCallback((r: CheckResult) => {
    setResult(r);
    setRuns((n) => n + 1);
    setStatus(summary(r));
  }, []);

  // The ribbon's Check workbook command runs the check in the same runtime and reports here.
  React.useEffect(() => {
    if (!commandCheck) return;
    if (commandCheck.result) show(commandCheck.result);
    else setStatus({ intent: "error", text: describeError(commandCheck.error, "check the workbook") });
  }, [commandCheck, show]);

  const run = async (): Promise<void> => {
    setStatus(null);
    try {
      const r = await work.run("Reading the tables…", (signal) =>
        operations.checkWorkbook({ onProgress: work.setProgress, signal, markCells }),
      );
      show(r);
    } catch (error) {
      if (isAbort(error)) {
        setStatus({
          intent: "warning",
          title: "Check cancelled",
          text: "Run the check again to check everything.",
        });
      } else {
        setStatus({ intent: "error", text: describeError(error, "check the workbook") });
      }
    }
  };

  const clearMarks = async (): Promise<void> => {
    try {
      await operations.clearMarks();
      setStatus({
        intent: "success",
        text: "Marks cleared. Run the check with Mark cells on to mark them again.",
      });
    } catch (error) {
      setStatus({ intent: "error", text: describeError(error, "clear the marks") });
    }
  };

  const select = async (f: Finding): Promise<void> => {
    if (!f.address) return;
    try {
      await operations.selectCell(f.sheet, f.address);
    } catch (error) {
      setStatus({
        intent: "error",
        text: describeError(
          error,
          `go to ${f.sheet}!${f.address} (the sheet may have been renamed or deleted)`,
        ),
      });
    }
  };

  const groups = result ? groupFindings(result.findings) : [];
  return (
    <div className={styles.view}>
      <h2 className={styles.heading}>Check the audit tables</h2>
      <Text>
        Checks every row of Partnerships, Representation and Partner survey against the lists and rules, and
        says what to fix.
      </Text>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void run()} disabled={work.running}>
          Run check
        </Button>
        <Switch
          checked={markCells}
          onChange={(_, data) => setMarkCells(data.checked)}
          label="Mark cells"
          disabled={work.running}
        />
        <Button onClick={() => void clearMarks()} disabled={work.running}>
          Clear marks
        </Button>
      </div>
      <div aria-live="polite">{work.running && <ProgressPanel label="Checking" work={work} />}</div>
      <Status status={status} />
      {groups.length > 0 && (
        <Accordion key={runs} multiple collapsible defaultOpenItems={groups.map((g) => g.sheet)}>
          {groups.map((g) => (
            <AccordionItem key={g.sheet} value={g.sheet}>
              <AccordionHeader as="h3">
                {g.sheet} ({plural(g.errors.length, "error")}, {plural(g.warnings.length, "warning")})
              </AccordionHeader>
              <AccordionPanel>
                {g.errors.length > 0 && (
                  <>
                    <h4 className={styles.subheading}>Errors ({formatCount(g.errors.length)})</h4>
                    <ul className={styles.list}>
                      {g.errors.map((f, i) => (
                        <FindingItem key={i} finding={f} onSelect={(x) => void select(x)} />
                      ))}
                    </ul>
                  </>
                )}
                {g.warnings.length > 0 && (
                  <>
                    <h4 className={styles.subheading}>Warnings ({formatCount(g.warnings.length)})</h4>
                    <ul className={styles.list}>
                      {g.warnings.map((f, i) => (
                        <FindingItem key={i} finding={f} onSelect={(x) => void select(x)} />
                      ))}
                    </ul>
                  </>
                )}
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      )}
    </div>
  );
}

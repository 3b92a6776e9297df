/**
 * The Report view: builds the audit report (docs/report.md) from the open workbook's tables, here in the
 * pane with the core (no request to any server), and offers it to save (a download of a Blob URL)
 * or to open in a dialog the user can print from. Loaded on demand (React.lazy in App.tsx), so the
 * report code is not in the pane's first load.
 *
 * Excel behaviour this relies on, and what the view says about it:
 * - A download link to a Blob URL works in Excel on Windows and on the web; in Excel on Mac, a
 *   download link and window.print() in an add-in may do nothing (office-js issue #3385; the
 *   desktop download shows in the task pane, office-js issue #1793). The view says so and points at
 *   the command-line tool, which writes the same report.
 * - An iframe in the task pane cannot load a Blob URL in Excel on Windows (office-js issue #4421),
 *   so the dialog shows the report through `srcDoc`. The frame is sandboxed with no script allowed
 *   (the report needs none); allow-same-origin lets the Print button reach its window, and
 *   allow-modals lets it open the print dialog.
 */
import { countFindings } from "../core/model/findings";
import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  Text,
  makeStyles,
} from "@fluentui/react-components";
import type { AuditOperations } from "../core/model/operations";
import { buildWorkbookReport, renderReport, reportFileName } from "../core/report";
import { describeError, isAbort, plural } from "./format";
import { useLongWork } from "./long-work";
import { ProgressPanel } from "./ProgressPanel";
import { Status, type StatusMessage } from "./Status";
import { useViewStyles } from "./styles";

const useStyles = makeStyles({
  surface: { width: "calc(100vw - 24px)", maxWidth: "calc(100vw - 24px)", height: "calc(100vh - 48px)" },
  body: { height: "100%" },
  frame: {
    width: "100%",
    height: "100%",
    minHeight: "50vh",
    border: "1px solid #8c8c8c",
    backgroundColor: "#fff",
  },
});

interface Made {
  readonly url: string;
  readonly html: string;
  readonly fileName: string;
}

/** Today as YYYY-MM-DD in the user's time zone (the core reads no clock). */
function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function ReportView({ operations }: { readonly operations: AuditOperations }): React.JSX.Element {
  const styles = useViewStyles();
  const own = useStyles();
  const work = useLongWork();
  const [status, setStatus] = React.useState<StatusMessage | null>(null);
  const [made, setMade] = React.useState<Made | null>(null);
  const [open, setOpen] = React.useState(false);
  const frame = React.useRef<HTMLIFrameElement | null>(null);

  // A Blob URL lives until revoked: revoke the old one when a new report is made or the view goes.
  React.useEffect(() => () => (made ? URL.revokeObjectURL(made.url) : undefined), [made]);

  const make = async (): Promise<void> => {
    setStatus(null);
    try {
      const data = await work.run("Reading the tables…", (signal) =>
        operations.readAuditData({ onProgress: work.setProgress, signal }),
      );
      if (data.cancelled) {
        setStatus({ intent: "warning", title: "Report cancelled", text: "Make the report again to see it." });
        return;
      }
      const input = buildWorkbookReport(data.workbook, data.findings, { madeOn: today() });
      const html = renderReport(input);
      const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
      setMade({ url, html, fileName: reportFileName(input.title) });
      const errors = countFindings(data.findings, "error");
      const h = input.headlines;
      setStatus({
        intent: errors > 0 ? "warning" : "success",
        title: "Report ready",
        text: `${input.title}: ${plural(h.partnerships, "partnership")} in ${plural(h.districts, "district")}${
          input.comparison ? `, compared with ${input.previousRounds.join(", ")}` : ""
        }.${errors > 0 ? ` The checks found ${plural(errors, "error")}: the report lists them under Data quality.` : ""}`,
      });
    } catch (error) {
      if (isAbort(error))
        setStatus({ intent: "warning", title: "Report cancelled", text: "Make the report again to see it." });
      else setStatus({ intent: "error", text: describeError(error, "make the report") });
    }
  };

  const print = (): void => {
    const win = frame.current?.contentWindow;
    if (!win) {
      setStatus({ intent: "error", text: "The report is not open yet. Open it again, then print." });
      return;
    }
    win.focus();
    win.print();
  };

  return (
    <div className={styles.view}>
      <h2 className={styles.heading}>Audit report</h2>
      <Text>
        One page per question of the study, with the headline figures beside its findings, charts and tables,
        and the data-quality findings: a file that any browser opens and prints, for readers without the
        add-in. It is made here from this workbook; nothing is sent anywhere.
      </Text>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void make()} disabled={work.running}>
          Make report
        </Button>
      </div>
      <div aria-live="polite">{work.running && <ProgressPanel label="Making the report" work={work} />}</div>
      <Status status={status} />
      {made && !work.running && (
        <div className={styles.row}>
          <Link href={made.url} download={made.fileName}>
            Save report ({made.fileName})
          </Link>
          <Button onClick={() => setOpen(true)}>Open to print</Button>
        </div>
      )}
      {made && (
        <Text className={styles.muted}>
          In Excel on Mac, saving or printing from an add-in may do nothing: there, make the report with the
          command-line tool (partnership-audit report).
        </Text>
      )}
      <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
        <DialogSurface className={own.surface}>
          <DialogBody className={own.body}>
            <DialogTitle>Audit report</DialogTitle>
            <DialogContent>
              {made && (
                <iframe
                  ref={frame}
                  className={own.frame}
                  title="Audit report"
                  srcDoc={made.html}
                  sandbox="allow-same-origin allow-modals"
                />
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={print}>
                Print
              </Button>
              <Button onClick={() => setOpen(false)}>Close</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

export default ReportView;

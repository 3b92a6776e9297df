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
  Label,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  useId,
} from "@fluentui/react-components";
import { describeError, formatCount, formatHourlyCost, isAbort, plural } from "./format";
import { findingLine } from "./group-findings";
import type { AuditOperations, ImportResult, ReturnFile, ReturnPreview } from "../core/model/operations";
import { useLongWork } from "./long-work";
import { ProgressPanel } from "./ProgressPanel";
import { Status, type StatusMessage } from "./Status";
import { useViewStyles } from "./styles";

/** Findings shown per file; the rest are counted. */
const FINDINGS_SHOWN = 20;

function PreviewCard({ preview }: { readonly preview: ReturnPreview }): React.JSX.Element {
  const styles = useViewStyles();
  const errors = countFindings(preview.findings, "error");
  const warnings = preview.findings.length - errors;
  const shown = preview.findings.slice(0, FINDINGS_SHOWN);
  return (
    <section className={styles.card} aria-label={preview.file}>
      <h3 className={styles.subheading}>{preview.file}</h3>
      <Table size="small" aria-label={`What ${preview.file} holds`}>
        <TableBody>
          <TableRow>
            <TableCell>District</TableCell>
            <TableCell>{preview.district || "(not given)"}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Audit round</TableCell>
            <TableCell>{preview.auditRound || "(not given)"}</TableCell>
          </TableRow>
          {Object.entries(preview.rows).map(([table, rows]) => (
            <TableRow key={table}>
              <TableCell>{table} rows</TableCell>
              <TableCell>{formatCount(rows)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell>Findings</TableCell>
            <TableCell>
              {plural(errors, "error")}, {plural(warnings, "warning")}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Importable</TableCell>
            <TableCell>
              {preview.importable ? "Yes" : "No: fix the errors in the return and choose it again"}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Replaces existing rows</TableCell>
            <TableCell>
              {preview.replacesExisting
                ? `Yes: the rows of ${preview.district} ${preview.auditRound} already here will be replaced`
                : "No"}
            </TableCell>
          </TableRow>
          {preview.supersedes && (
            <TableRow>
              <TableCell>Supersedes</TableCell>
              <TableCell>{preview.supersedes} (same district and round; this file is used)</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {shown.length > 0 && (
        <ul className={styles.list} aria-label={`Findings in ${preview.file}`}>
          {shown.map((f, i) => (
            <li key={i}>{findingLine(f)}</li>
          ))}
          {preview.findings.length > shown.length && (
            <li>and {plural(preview.findings.length - shown.length, "more finding")}</li>
          )}
        </ul>
      )}
    </section>
  );
}

function resultStatus(result: ImportResult): StatusMessage {
  const rows = result.imported.reduce((n, f) => n + f.rows, 0);
  const done = `${plural(result.imported.length, "return")} imported (${plural(rows, "row")}).`;
  if (result.error) {
    return {
      intent: "error",
      title: "Import stopped",
      text: `${result.error}. ${done} The returns listed as imported are complete; choose the others and import again.`,
    };
  }
  if (result.cancelled) {
    return {
      intent: "warning",
      title: "Import cancelled",
      text: `${done} Returns not listed as imported were not changed; choose them and import again.`,
    };
  }
  return {
    intent: result.skipped.length > 0 ? "warning" : "success",
    title: "Import finished",
    text:
      result.skipped.length > 0
        ? `${done} ${plural(result.skipped.length, "file")} skipped: see why below, fix them and import them again.`
        : `${done} Run Check to look at the consolidated data.`,
  };
}

export function ImportView({ operations }: { readonly operations: AuditOperations }): React.JSX.Element {
  const styles = useViewStyles();
  const inputId = useId("returns");
  const hintId = useId("returns-hint");
  const [files, setFiles] = React.useState<readonly ReturnFile[]>([]);
  const [previews, setPreviews] = React.useState<readonly ReturnPreview[]>([]);
  const [reading, setReading] = React.useState(false);
  const work = useLongWork();
  const importing = work.running;
  const [confirming, setConfirming] = React.useState(false);
  const [result, setResult] = React.useState<ImportResult | null>(null);
  const [status, setStatus] = React.useState<StatusMessage | null>(null);
  const inputRef = React.useRef<HTMLInputElement>(null);

  const choose = async (event: React.ChangeEvent<HTMLInputElement>): Promise<void> => {
    const chosen = [...(event.target.files ?? [])];
    setPreviews([]);
    setResult(null);
    setStatus(null);
    if (chosen.length === 0) return;
    setReading(true);
    try {
      const read = await Promise.all(
        chosen.map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })),
      );
      setFiles(read);
      const p = await operations.previewImport(read);
      setPreviews(p);
      if (!p.some((x) => x.importable)) {
        setStatus({
          intent: "error",
          text: "None of the chosen files can be imported: fix the errors listed in each return, then choose the files again.",
        });
      }
    } catch (error) {
      setStatus({ intent: "error", text: describeError(error, "read the chosen files") });
    } finally {
      setReading(false);
    }
  };

  const importable = previews.filter((p) => p.importable);
  const replacing = importable.filter((p) => p.replacesExisting);

  const runImport = async (): Promise<void> => {
    setConfirming(false);
    setStatus(null);
    setResult(null);
    try {
      // The import is running (its button disabled) until the charts are sized and the stale
      // previews cleared, so it cannot be started twice on the same previews.
      await work.run("Starting…", async (signal) => {
        const r = await operations.importReturns(files, {
          onProgress: work.setProgress,
          signal,
          confirmReplace: replacing.length > 0,
        });
        setResult(r);
        setStatus(resultStatus(r));
        if (r.imported.length === 0) return;
        // the Summary charts follow the data: sized to the rows their blocks now hold
        await operations.fitSummaryCharts().catch((error: unknown) =>
          setStatus({
            ...resultStatus(r),
            text: `${resultStatus(r).text} The Summary charts were not resized (${describeError(error, "size the Summary charts")}): open Overview and press Refresh.`,
          }),
        );
        // The previews are out of date now (what was imported would be replaced next time):
        // choosing files again previews them afresh.
        setPreviews([]);
        setFiles([]);
        if (inputRef.current) inputRef.current.value = "";
      });
    } catch (error) {
      setStatus(
        isAbort(error)
          ? {
              intent: "warning",
              title: "Import cancelled",
              text: "Choose the returns and import them again.",
            }
          : { intent: "error", text: describeError(error, "import the returns") },
      );
    }
  };

  const startImport = (): void => {
    if (replacing.length > 0) setConfirming(true);
    else void runImport();
  };

  return (
    <div className={styles.view}>
      <h2 className={styles.heading}>Import district returns</h2>
      <Text id={hintId}>
        Choose one or more district returns (.xlsx). Nothing is written until you press Import; the returns
        themselves are never changed.
      </Text>
      <div className={styles.row}>
        <Label htmlFor={inputId}>District returns (.xlsx)</Label>
        <input
          id={inputId}
          ref={inputRef}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple
          aria-describedby={hintId}
          onChange={(e) => void choose(e)}
          disabled={reading || importing}
        />
      </div>
      {reading && <Spinner size="tiny" label="Reading the returns…" />}
      {previews.map((p) => (
        <PreviewCard key={p.file} preview={p} />
      ))}
      {previews.length > 0 && (
        <div className={styles.row}>
          <Button appearance="primary" onClick={startImport} disabled={importable.length === 0 || importing}>
            {importable.length > 0 ? `Import ${plural(importable.length, "return")}` : "Import"}
          </Button>
        </div>
      )}
      <div aria-live="polite">{importing && <ProgressPanel label="Importing" work={work} />}</div>
      <Status status={status} />
      {result && (result.imported.length > 0 || result.skipped.length > 0 || result.warnings.length > 0) && (
        <div>
          {result.imported.length > 0 && (
            <>
              <h3 className={styles.subheading}>Imported</h3>
              <ul className={styles.list}>
                {result.imported.map((f) => (
                  <li key={f.file}>
                    {f.file}: {plural(f.rows, "row")}
                    {f.replaced ? ", replacing the rows imported before" : ""}
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.gradeCosts && result.gradeCosts.length > 0 && (
            <>
              <h3 className={styles.subheading}>Hourly costs taken into GradeCosts</h3>
              <ul className={styles.list}>
                {result.gradeCosts.map((c) => (
                  <li key={`${c.grade}|${c.file}`}>
                    {c.grade}: {formatHourlyCost(c.cost)} an hour, from {c.file}
                    {c.added ? " (row added)" : ""}
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.skipped.length > 0 && (
            <>
              <h3 className={styles.subheading}>Skipped</h3>
              <ul className={styles.list}>
                {result.skipped.map((f) => (
                  <li key={f.file}>
                    {f.file}: {f.why}
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.warnings.length > 0 && (
            <>
              <h3 className={styles.subheading}>Warnings</h3>
              <ul className={styles.list}>
                {result.warnings.map((w, i) => (
                  <li key={i}>{w.file ? `${w.file}: ${findingLine(w)}` : findingLine(w)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <Dialog open={confirming} onOpenChange={(_, data) => setConfirming(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Replace existing rows?</DialogTitle>
            <DialogContent>
              <Text as="p">
                This workbook already holds rows for the returns below. Importing replaces those rows with the
                rows of the chosen files; other districts and rounds are not touched.
              </Text>
              <ul className={styles.list}>
                {replacing.map((p) => (
                  <li key={p.file}>
                    {p.district} {p.auditRound} ({p.file})
                  </li>
                ))}
              </ul>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void runImport()}>
                Replace and import
              </Button>
              <Button onClick={() => setConfirming(false)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

/**
 * The Survey view: the questionnaire to send, and the import of its responses. Loaded only when
 * the view is first opened (its own chunk, with the survey core); the file reader (the xlsx reader
 * and CSV) is loaded when a file is chosen. Nothing is sent anywhere: the questionnaire is made
 * here and offered as a download, and a responses file is read in the pane.
 *
 * The import: choose a file; the view reads the workbook (its Partnerships, its lists, the rows
 * already imported and the mapping it remembers) and shows the mapping, which the user may change,
 * and a preview (responses, rows to add, already imported, findings). Import plans again on the
 * workbook as it is then and adds the rows, with progress and Cancel.
 */
import * as React from "react";
import {
  Button,
  Label,
  Link,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  useId,
} from "@fluentui/react-components";
import { PARTNER_SURVEY, type ColumnSpec } from "../core/model/blueprint";
import type { AuditOperations, SurveyTarget } from "../core/model/operations";
import {
  SurveyFileError,
  mapHeaders,
  missingColumnMessage,
  parseSavedMapping,
  planSurveyImport,
  renderQuestionnaire,
  type SurveyMapping,
  type SurveyPlan,
  type SurveyTable,
} from "../core/survey";
import { toText } from "../core/model/cell-rules";
import { labelKey } from "../core/model/labels";
import { describeError, formatCount, isAbort, plural } from "./format";
import { resultStatus } from "./survey-status";
import { useLongWork } from "./long-work";
import { ProgressPanel } from "./ProgressPanel";
import { Status, type StatusMessage } from "./Status";
import { useViewStyles } from "./styles";

const FINDINGS_SHOWN = 20;
const COLUMNS: readonly ColumnSpec[] = PARTNER_SURVEY.columns;
const LEAVE_OUT = "-1";

function partnershipsOf(target: SurveyTarget): { id: string; name: string }[] {
  const seen = new Set<string>();
  const out: { id: string; name: string }[] = [];
  for (const r of target.workbook.tables.Partnerships?.rows ?? []) {
    const id = toText(r.values.partnershipId ?? null);
    if (id === null || seen.has(labelKey(id))) continue;
    seen.add(labelKey(id));
    out.push({ id, name: toText(r.values.partnership ?? null) ?? "" });
  }
  return out;
}

function textSetting(v: string | number | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : String(v);
}

function Questionnaire({ operations }: { readonly operations: AuditOperations }): React.JSX.Element {
  const styles = useViewStyles();
  const [made, setMade] = React.useState<{ url: string; fileName: string; partnerships: number } | null>(
    null,
  );
  const [busy, setBusy] = React.useState(false);
  const [status, setStatus] = React.useState<StatusMessage | null>(null);
  React.useEffect(() => () => (made ? URL.revokeObjectURL(made.url) : undefined), [made]);
  const make = async (): Promise<void> => {
    setBusy(true);
    setStatus(null);
    try {
      const target = await operations.readSurveyTarget();
      const s = target.workbook.settings;
      const partnerships = partnershipsOf(target);
      const html = renderQuestionnaire({
        region: textSetting(s.region),
        district: textSetting(s.district),
        auditRound: textSetting(s.auditRound),
        partnerships,
        lists: target.workbook.lists,
      });
      const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
      const name = [textSetting(s.district), textSetting(s.auditRound)].filter(Boolean).join("-");
      setMade({
        url,
        fileName: `partner-survey${name ? `-${name}` : ""}.html`,
        partnerships: partnerships.length,
      });
    } catch (error) {
      setStatus({ intent: "error", text: describeError(error, "make the questionnaire") });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.section} aria-labelledby="survey-questionnaire">
      <h3 id="survey-questionnaire" className={styles.subheading}>
        Questionnaire
      </h3>
      <Text>
        The questions of the Partner survey, for each partnership on the Partnerships sheet, to print or send;
        its appendix says how to build the same survey in a form tool. Made here, nothing is sent.
      </Text>
      <div className={styles.row}>
        <Button onClick={() => void make()} disabled={busy}>
          Make the questionnaire
        </Button>
        {busy && <Spinner size="tiny" label="Reading the partnerships…" />}
      </div>
      {made && (
        <Text>
          <Link href={made.url} download={made.fileName}>
            Save questionnaire ({made.fileName})
          </Link>{" "}
          —{" "}
          {made.partnerships
            ? plural(made.partnerships, "partnership")
            : "one blank block (no partnership yet)"}
          . Open it in a browser to print it (A4).
        </Text>
      )}
      <Status status={status} />
    </section>
  );
}

function PlanPreview({
  plan,
  file,
}: {
  readonly plan: SurveyPlan;
  readonly file: string;
}): React.JSX.Element {
  const styles = useViewStyles();
  const shown = plan.findings.slice(0, FINDINGS_SHOWN);
  return (
    <section className={styles.card} aria-label={`Preview of ${file}`}>
      <Table size="small" aria-label={`What importing ${file} would do`}>
        <TableBody>
          <TableRow>
            <TableCell>Responses in the file</TableCell>
            <TableCell>{formatCount(plan.responses)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Rows to add</TableCell>
            <TableCell>{formatCount(plan.rows.length)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Already imported</TableCell>
            <TableCell>{formatCount(plan.alreadyImported)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Repeated in the file</TableCell>
            <TableCell>{formatCount(plan.repeated)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Not imported</TableCell>
            <TableCell>{formatCount(plan.notImported)}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Findings</TableCell>
            <TableCell>{formatCount(plan.findings.length)}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {shown.length > 0 && (
        <ul className={styles.list} aria-label={`Findings in ${file}`}>
          {shown.map((f, i) => (
            <li key={i}>
              Row {f.row}, {f.column}: {f.message}
            </li>
          ))}
          {plan.findings.length > shown.length && (
            <li>and {plural(plan.findings.length - shown.length, "more finding")}</li>
          )}
        </ul>
      )}
    </section>
  );
}

export function SurveyView({ operations }: { readonly operations: AuditOperations }): React.JSX.Element {
  const styles = useViewStyles();
  const inputId = useId("responses");
  const hintId = useId("responses-hint");
  const inputRef = React.useRef<HTMLInputElement>(null);
  const [file, setFile] = React.useState<{ name: string; table: SurveyTable } | null>(null);
  const [target, setTarget] = React.useState<SurveyTarget | null>(null);
  const [mapping, setMapping] = React.useState<SurveyMapping>({});
  const [notes, setNotes] = React.useState<readonly string[]>([]);
  const [reading, setReading] = React.useState(false);
  const [status, setStatus] = React.useState<StatusMessage | null>(null);
  const work = useLongWork();

  const choose = async (event: React.ChangeEvent<HTMLInputElement>): Promise<void> => {
    const chosen = event.target.files?.[0];
    setFile(null);
    setStatus(null);
    if (!chosen) return;
    setReading(true);
    try {
      const { readSurveyFile } = await import(/* webpackChunkName: "survey-file" */ "../xlsx/survey-file");
      const table = await readSurveyFile(await chosen.arrayBuffer());
      const t = await operations.readSurveyTarget();
      const mapped = mapHeaders(table.headers, parseSavedMapping(t.savedMapping));
      setTarget(t);
      setMapping(mapped.mapping);
      setNotes(mapped.notes);
      setFile({ name: chosen.name, table });
    } catch (error) {
      setStatus({
        intent: "error",
        text:
          error instanceof SurveyFileError
            ? `${chosen.name}: ${error.message}. Nothing was written.`
            : describeError(error, "read the responses"),
      });
    } finally {
      setReading(false);
    }
  };

  const missing = COLUMNS.filter((c) => c.required && (mapping[c.key] ?? null) === null).map((c) => c.header);
  const plan = React.useMemo((): SurveyPlan | null => {
    if (!file || !target || COLUMNS.some((c) => c.required && (mapping[c.key] ?? null) === null)) return null;
    return planSurveyImport({ table: file.table, mapping, workbook: target.workbook });
  }, [file, target, mapping]);

  const runImport = async (): Promise<void> => {
    if (!file) return;
    setStatus(null);
    try {
      await work.run("Starting…", async (signal) => {
        const r = await operations.importSurvey(file.table, mapping, {
          onProgress: work.setProgress,
          signal,
        });
        setStatus(resultStatus(r));
        if (r.added === 0) return;
        await operations.fitSummaryCharts().catch(() => undefined);
        // the preview is out of date: read the workbook again for the counts as they are now
        const t = await operations.readSurveyTarget();
        setTarget(t);
      });
    } catch (error) {
      setStatus(
        isAbort(error)
          ? {
              intent: "warning",
              title: "Import cancelled",
              text: "Import the file again: nothing is added twice.",
            }
          : {
              intent: "error",
              text: `${describeError(error, "import the responses")}. Nothing more was written.`,
            },
      );
    }
  };

  const headers = file?.table.headers ?? [];
  return (
    <div className={styles.view}>
      <h2 className={styles.heading}>Partner survey</h2>
      <Questionnaire operations={operations} />
      <section className={styles.section} aria-labelledby="survey-import">
        <h3 id="survey-import" className={styles.subheading}>
          Import responses
        </h3>
        <Text id={hintId}>
          Choose the responses exported from a form tool, or typed from paper: an .xlsx or .csv file with one
          header row and one response per row. Nothing is written until you press Import.
        </Text>
        <div className={styles.row}>
          <Label htmlFor={inputId}>Responses (.xlsx or .csv)</Label>
          <input
            id={inputId}
            ref={inputRef}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={hintId}
            onChange={(e) => void choose(e)}
            disabled={reading || work.running}
          />
        </div>
        {reading && <Spinner size="tiny" label="Reading the responses…" />}
        {file && (
          <section className={styles.card} aria-label="Mapping">
            <h4 className={styles.subheading}>Which column fills each Partner survey column</h4>
            {COLUMNS.map((c) => {
              const id = `survey-map-${c.key}`;
              return (
                <div key={c.key} className={styles.row}>
                  <Label htmlFor={id} required={c.required}>
                    {c.header}
                  </Label>
                  <Select
                    id={id}
                    value={String(mapping[c.key] ?? LEAVE_OUT)}
                    disabled={work.running}
                    onChange={(_, data) =>
                      setMapping({
                        ...mapping,
                        [c.key]: data.value === LEAVE_OUT ? null : Number(data.value),
                      })
                    }
                  >
                    <option value={LEAVE_OUT}>{c.required ? "(choose a column)" : "(leave out)"}</option>
                    {headers.map((h, i) => (
                      <option key={i} value={String(i)}>
                        {h || `(column ${i + 1}, no header)`}
                      </option>
                    ))}
                  </Select>
                </div>
              );
            })}
            {notes.length > 0 && (
              <ul className={styles.list} aria-label="About the mapping">
                {notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            )}
          </section>
        )}
        {file && missing.length > 0 && (
          <Status status={{ intent: "error", text: `${file.name}: ${missingColumnMessage(missing)}.` }} />
        )}
        {file && plan && <PlanPreview plan={plan} file={file.name} />}
        {file && plan && (
          <div className={styles.row}>
            <Button
              appearance="primary"
              onClick={() => void runImport()}
              disabled={plan.rows.length === 0 || work.running}
            >
              {plan.rows.length > 0 ? `Import ${plural(plan.rows.length, "response")}` : "Nothing to import"}
            </Button>
          </div>
        )}
        <div aria-live="polite">
          {work.running && <ProgressPanel label="Importing responses" work={work} />}
        </div>
        <Status status={status} />
      </section>
    </div>
  );
}

export default SurveyView;

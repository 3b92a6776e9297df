import * as React from "react";
import { Button, Field, Radio, RadioGroup, Select, Spinner, Text } from "@fluentui/react-components";
import { formatFinding } from "../core/model/findings";
import { describeError } from "./format";
import type { AuditOperations, SetupPreview, SetupQuestion, SetupResult } from "../core/model/operations";
import { Status, type StatusMessage } from "./Status";
import { useViewStyles } from "./styles";

/** Questions with more choices than this are asked with a drop-down instead of radio buttons. */
const MAX_RADIO_CHOICES = 4;

function Question({
  question,
  value,
  onChange,
  missing,
}: {
  readonly question: SetupQuestion;
  readonly value: string | undefined;
  readonly onChange: (value: string) => void;
  readonly missing: boolean;
}): React.JSX.Element {
  const validation = missing ? "Choose an answer." : undefined;
  if (question.choices.length <= MAX_RADIO_CHOICES) {
    return (
      <Field label={question.prompt} required validationMessage={validation}>
        <RadioGroup value={value ?? ""} onChange={(_, data) => onChange(data.value)}>
          {question.choices.map((c) => (
            <Radio key={c.value} value={c.value} label={c.label} />
          ))}
        </RadioGroup>
      </Field>
    );
  }
  // a native select (Fluent's Select): light, and every platform's own keyboard and screen-reader support
  return (
    <Field label={question.prompt} required validationMessage={validation}>
      <Select value={value ?? ""} onChange={(_, data) => data.value !== "" && onChange(data.value)}>
        <option value="" disabled>
          Choose a column
        </option>
        {question.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function resultStatus(result: SetupResult): StatusMessage {
  if (result.ok) {
    return {
      intent: "success",
      title: "Workbook set up",
      text: "The audit sheets are ready. Fill in Settings, then enter partnerships on the Partnerships sheet.",
    };
  }
  return {
    intent: "error",
    title: "Set-up stopped part-way",
    text: `${result.error ?? "Excel refused a change"}. Nothing listed under "Not done" was written: fix the problem and press Set up workbook again; your rows are kept.`,
  };
}

export function SetupView({ operations }: { readonly operations: AuditOperations }): React.JSX.Element {
  const styles = useViewStyles();
  const [preview, setPreview] = React.useState<SetupPreview | null>(null);
  const [loading, setLoading] = React.useState(false);
  const [applying, setApplying] = React.useState(false);
  const [answers, setAnswers] = React.useState<Record<string, string>>({});
  const [showMissing, setShowMissing] = React.useState(false);
  const [result, setResult] = React.useState<SetupResult | null>(null);
  const [status, setStatus] = React.useState<StatusMessage | null>(null);

  const loadPreview = React.useCallback(async () => {
    setLoading(true);
    try {
      const p = await operations.previewSetup();
      setPreview(p);
      setAnswers({});
      setShowMissing(false);
      return p;
    } catch (error) {
      setStatus({ intent: "error", text: describeError(error, "read the workbook to plan set-up") });
      return null;
    } finally {
      setLoading(false);
    }
  }, [operations]);

  React.useEffect(() => {
    void loadPreview();
  }, [loadPreview]);

  /** The Summary charts, sized to the data (set-up makes them; their series come from this). */
  const fitCharts = async (): Promise<void> => {
    try {
      await operations.fitSummaryCharts();
    } catch (error) {
      setStatus({
        intent: "warning",
        title: "Workbook set up; the Summary charts were not sized",
        text: `${describeError(error, "size the Summary charts")}. Open Overview and press Refresh to size them.`,
      });
    }
  };

  const apply = async (): Promise<void> => {
    if (!preview) return;
    const unanswered = preview.questions.filter((q) => !answers[q.id]);
    if (unanswered.length > 0) {
      setShowMissing(true);
      setStatus({
        intent: "warning",
        text: `Answer ${unanswered.length === 1 ? "the question" : "every question"} above, then press Set up workbook again.`,
      });
      return;
    }
    setApplying(true);
    setStatus(null);
    setResult(null);
    try {
      const r = await operations.applySetup(answers);
      setResult(r);
      setStatus(resultStatus(r));
      if (r.ok) {
        await fitCharts();
        await loadPreview();
      }
    } catch (error) {
      setStatus({ intent: "error", text: describeError(error, "set up the workbook") });
    } finally {
      setApplying(false);
    }
  };

  const blocked = (preview?.blockers.length ?? 0) > 0;
  return (
    <div className={styles.view}>
      <h2 className={styles.heading}>Set up the audit workbook</h2>
      <Text>
        Adds the audit sheets, tables, lists and Summary to this workbook. Your own rows are never deleted,
        reordered or overwritten.
      </Text>
      {loading && <Spinner size="tiny" label="Reading the workbook…" />}
      {preview && !loading && (
        <>
          {preview.upToDate ? (
            <Text>
              This workbook is up to date (version {preview.toVersion}). Nothing needs setting up: go to Check
              to look for problems in the data.
            </Text>
          ) : (
            <>
              <Text>
                {preview.fromVersion === 0
                  ? "Set-up will make these changes:"
                  : `This workbook is at version ${preview.fromVersion}; set-up will upgrade it to version ${preview.toVersion}:`}
              </Text>
              <ul className={styles.list} aria-label="Planned changes">
                {preview.steps.map((step, i) => (
                  <li key={`${step.kind}-${i}`}>{step.description}</li>
                ))}
              </ul>
            </>
          )}
          {blocked && (
            <div role="alert">
              <h3 className={styles.subheading}>Fix these first</h3>
              <ul className={styles.list}>
                {preview.blockers.map((b, i) => (
                  <li key={i}>{formatFinding(b)}</li>
                ))}
              </ul>
            </div>
          )}
          {preview.questions.length > 0 && (
            <>
              <h3 className={styles.subheading}>Some headers could not be matched for sure</h3>
              {preview.questions.map((q) => (
                <Question
                  key={q.id}
                  question={q}
                  value={answers[q.id]}
                  missing={showMissing && !answers[q.id]}
                  onChange={(value) => setAnswers((a) => ({ ...a, [q.id]: value }))}
                />
              ))}
            </>
          )}
        </>
      )}
      <div className={styles.row}>
        <Button
          appearance="primary"
          onClick={() => void apply()}
          disabled={!preview || loading || applying || blocked || preview.upToDate}
        >
          {applying ? "Setting up…" : "Set up workbook"}
        </Button>
        <Button onClick={() => void loadPreview()} disabled={loading || applying}>
          Preview again
        </Button>
      </div>
      <Status status={status} />
      {result && (result.done.length > 0 || result.notDone.length > 0) && (
        <div aria-live="polite">
          {result.done.length > 0 && (
            <>
              <h3 className={styles.subheading}>Done</h3>
              <ul className={styles.list}>
                {result.done.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </>
          )}
          {result.notDone.length > 0 && (
            <>
              <h3 className={styles.subheading}>Not done</h3>
              <ul className={styles.list}>
                {result.notDone.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

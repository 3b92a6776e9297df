import * as React from "react";
import { Button, Field, ProgressBar } from "@fluentui/react-components";
import type { LongWork } from "./long-work";
import { useViewStyles } from "./styles";

/** Progress of long work with its fraction and message, and a Cancel button. */
export function ProgressPanel({
  label,
  work,
}: {
  readonly label: string;
  readonly work: LongWork;
}): React.JSX.Element {
  const styles = useViewStyles();
  const { progress, cancelling } = work;
  const percent = Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100);
  return (
    <div className={styles.row}>
      <Field
        label={label}
        validationMessage={`${percent}% – ${progress.message}`}
        validationState="none"
        style={{ flexGrow: 1 }}
      >
        <ProgressBar value={progress.fraction} max={1} thickness="large" />
      </Field>
      <Button onClick={work.cancel} disabled={cancelling}>
        {cancelling ? "Cancelling…" : "Cancel"}
      </Button>
    </div>
  );
}

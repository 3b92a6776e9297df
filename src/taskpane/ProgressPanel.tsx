import * as React from "react";
import { Button, Field, ProgressBar } from "@fluentui/react-components";
import type { Progress } from "../core/operations";
import { useViewStyles } from "./styles";

/** Progress of long work with its fraction and message, and a Cancel button. */
export function ProgressPanel({
  label,
  progress,
  onCancel,
  cancelling,
}: {
  readonly label: string;
  readonly progress: Progress;
  readonly onCancel: () => void;
  readonly cancelling: boolean;
}): React.JSX.Element {
  const styles = useViewStyles();
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
      <Button onClick={onCancel} disabled={cancelling}>
        {cancelling ? "Cancelling…" : "Cancel"}
      </Button>
    </div>
  );
}

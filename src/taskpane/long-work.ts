import * as React from "react";
import type { Progress } from "../core/model/operations";

/**
 * Long work the user may cancel (a check, an import, a report): whether it runs, its progress,
 * and the Cancel that ProgressPanel offers. One home for what the views would each repeat.
 */
export interface LongWork {
  readonly running: boolean;
  /** Cancel was pressed and the work has not stopped yet */
  readonly cancelling: boolean;
  readonly progress: Progress;
  readonly setProgress: (progress: Progress) => void;
  /**
   * Runs `work` with a fresh AbortSignal, its progress starting at `first`. The work's result or
   * error (an abort included) is the caller's to show.
   */
  run<T>(first: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Asks the running work to stop: it stops at its next look at the signal. */
  cancel(): void;
}

export function useLongWork(): LongWork {
  const [running, setRunning] = React.useState(false);
  const [cancelling, setCancelling] = React.useState(false);
  const [progress, setProgress] = React.useState<Progress>({ fraction: 0, message: "Starting…" });
  const controller = React.useRef<AbortController | null>(null);

  const run = React.useCallback(
    async <T>(first: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
      const abort = new AbortController();
      controller.current = abort;
      setRunning(true);
      setCancelling(false);
      setProgress({ fraction: 0, message: first });
      try {
        return await work(abort.signal);
      } finally {
        controller.current = null;
        setRunning(false);
      }
    },
    [],
  );

  const cancel = React.useCallback((): void => {
    setCancelling(true);
    controller.current?.abort();
  }, []);

  return { running, cancelling, progress, setProgress, run, cancel };
}

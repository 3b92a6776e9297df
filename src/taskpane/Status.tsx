import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

type StatusIntent = "success" | "error" | "warning" | "info";

export interface StatusMessage {
  readonly intent: StatusIntent;
  readonly title?: string;
  readonly text: string;
}

/** A message in a polite live region, so that screen readers announce results and errors. */
export function Status({ status }: { readonly status: StatusMessage | null }): React.JSX.Element {
  return (
    <div aria-live="polite" role="status">
      {status && (
        <MessageBar intent={status.intent} layout="multiline">
          <MessageBarBody>
            {status.title && <MessageBarTitle>{status.title}</MessageBarTitle>}
            {status.text}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

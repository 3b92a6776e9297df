import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL },
});

/** Shown instead of the pane when this Excel lacks a requirement set the add-in needs. */
export function Unsupported({ message }: { readonly message: string }): React.JSX.Element {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <h1>Partnership Audit</h1>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>This Excel is too old for the add-in</MessageBarTitle>
          {message}
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}

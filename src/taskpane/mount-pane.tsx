/** The pane inside Excel: React, Fluent UI and the views (loaded by index.tsx once Office is ready). */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createHostOperations } from "../excel/operations";
import { App } from "./App";
import { Unsupported } from "./Unsupported";

/** Renders the pane, or what this Excel lacks when `unsupported` says so. */
export function mountPane(container: HTMLElement, unsupported: string): void {
  const root = createRoot(container);
  root.render(
    <FluentProvider theme={webLightTheme}>
      {unsupported ? <Unsupported message={unsupported} /> : <App operations={createHostOperations()} />}
    </FluentProvider>,
  );
}

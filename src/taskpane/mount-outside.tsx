/** The page shown outside Excel (loaded by index.tsx only then). */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Where } from "./office-ready";
import { OutsideExcel } from "./OutsideExcel";

export function mountOutside(container: HTMLElement, where: Where): void {
  const root = createRoot(container);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <OutsideExcel
        manifestUrl={new URL("manifest.xml", document.baseURI).href}
        otherHost={where.kind === "outside" && where.reason === "other-host" ? where.host : undefined}
      />
    </FluentProvider>,
  );
}

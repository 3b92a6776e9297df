/**
 * Task pane entry. Inside Excel it renders the pane with the Excel operations; opened anywhere
 * else (a plain browser, Office.js missing or never ready) it explains what this is and how to load
 * it in Excel, and throws nothing.
 */
// First: no eval under the page's CSP (see zod-csp.ts).
import "./zod-csp";
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createHostOperations } from "../excel/operations";
import { App } from "./App";
import { OutsideExcel } from "./OutsideExcel";

/** How long to wait for Office.onReady before deciding that this page is not inside Office. */
const OFFICE_READY_TIMEOUT_MS = 3000;

/** Resolves true when the page runs inside Excel with the Excel API available. */
export function waitForExcel(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<boolean> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const settle = (inExcel: boolean): void => {
      clearTimeout(timer);
      resolve(inExcel);
    };
    try {
      Office.onReady().then(
        (info) => settle(String(info.host) === "Excel" && typeof Excel !== "undefined"),
        () => settle(false),
      );
    } catch {
      settle(false);
    }
  });
}

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) return;
  const inExcel = await waitForExcel();
  const root = createRoot(container);
  root.render(
    <FluentProvider theme={webLightTheme}>
      {inExcel ? (
        <App operations={createHostOperations()} />
      ) : (
        <OutsideExcel manifestUrl={new URL("manifest.xml", document.baseURI).href} />
      )}
    </FluentProvider>,
  );
}

void start();

/**
 * Task pane entry: small on purpose. It shows "Loading…" (plain DOM, already in the page), waits
 * for Office.js as long as Excel takes (office-ready.ts), checks that this Excel has the API sets
 * the add-in needs, then loads the pane (its own chunk: React, Fluent UI, the first view) or, when
 * really outside Excel, the page that explains how to load the add-in. Nothing here throws.
 */
import { missingSets, unsupportedMessage } from "../excel/requirements";
import { whereAmI } from "./office-ready";

function status(container: HTMLElement, text: string, help = false): void {
  const p = document.getElementById("loading") ?? container.appendChild(document.createElement("p"));
  p.id = "loading";
  p.setAttribute("role", "status");
  p.textContent = text;
  if (help) {
    const link = document.createElement("a");
    link.href = new URL("help.html#load", document.baseURI).href;
    link.textContent = "How to load Partnership Audit in Excel";
    const hint = document.createElement("p");
    hint.id = "loading-hint";
    hint.append(
      "Excel is taking a while to start the add-in; the pane opens by itself when it is ready. If you opened this page in a web browser rather than in Excel, it does nothing on its own: ",
      link,
      ".",
    );
    if (!document.getElementById("loading-hint")) container.appendChild(hint);
  }
}

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) return;
  status(container, "Loading Partnership Audit…");
  const office = typeof Office === "undefined" ? undefined : Office;
  const where = await whereAmI(
    office,
    () => typeof Excel !== "undefined",
    () => status(container, "Still loading Partnership Audit…", true),
  );
  if (where.kind === "excel") {
    const missing = missingSets((name, version) => Office.context.requirements.isSetSupported(name, version));
    const { mountPane } = await import(/* webpackChunkName: "pane" */ "./mount-pane");
    mountPane(container, unsupportedMessage(missing));
    return;
  }
  const { mountOutside } = await import(/* webpackChunkName: "outside" */ "./mount-outside");
  mountOutside(container, where);
}

void start().catch((error: unknown) => {
  console.error("Partnership Audit: the pane could not start", error);
  const container = document.getElementById("container");
  if (container)
    status(
      container,
      "Partnership Audit could not start. Close the pane and open it again (Home > Partnership audit); if it keeps failing, reload Excel.",
    );
});

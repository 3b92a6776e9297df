/**
 * Ribbon commands. In the shared runtime this bundle runs in the task pane's page: the Check
 * workbook button (manifest: ExecuteFunction checkWorkbook) checks every audit table, marks the
 * cells with findings, hands the result to the pane (events.ts: whether the pane is already there
 * or mounts later) and opens it. No Excel API call here: the check is the pane's own operation from
 * src/excel/operations.ts, loaded on demand so that the page's first load stays small.
 */
import { postCheckResult, type CheckCommandDetail } from "./events";

async function checkWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  let detail: CheckCommandDetail;
  try {
    const { createHostOperations } = await import(
      /* webpackChunkName: "excel-operations" */ "../excel/operations"
    );
    const result = await createHostOperations().checkWorkbook({ markCells: true });
    detail = { result };
  } catch (error) {
    detail = { error };
  }
  postCheckResult(detail);
  try {
    await Office.addin.showAsTaskpane();
  } catch (error) {
    console.error("Partnership Audit: could not open the task pane", error);
  } finally {
    event.completed();
  }
}

/**
 * Associated as soon as this script runs, not once Office.onReady resolves: Microsoft's
 * function-command samples register the handler with Office.actions.associate at the top level of
 * the function file (https://learn.microsoft.com/office/dev/add-ins/develop/create-addin-commands),
 * so a click that arrives while the runtime is still starting finds it. Excel may still lose the
 * first click of a command in a shared runtime (office-js issue 5176, open); docs/task-pane.md says what
 * the user sees then.
 */
if (typeof Office !== "undefined" && Office.actions && typeof Office.actions.associate === "function") {
  Office.actions.associate("checkWorkbook", checkWorkbook);
}

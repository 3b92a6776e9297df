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

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady(() => {
    if (Office.actions && typeof Office.actions.associate === "function") {
      Office.actions.associate("checkWorkbook", checkWorkbook);
    }
  });
}

/**
 * Ribbon commands. In the shared runtime this bundle runs in the task pane's page: the Check
 * workbook button (manifest: ExecuteFunction checkWorkbook) checks every audit table, marks the
 * cells with findings, reports the result to the pane and opens it. No Excel API call here: the check
 * is the pane's own operation from src/excel/operations.ts.
 */
import { createHostOperations } from "../excel/operations";
import { CHECK_COMMAND_EVENT, type CheckCommandDetail } from "./events";

async function checkWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  let detail: CheckCommandDetail;
  try {
    const result = await createHostOperations().checkWorkbook({ markCells: true });
    detail = { result };
  } catch (error) {
    detail = { error };
  }
  window.dispatchEvent(new CustomEvent<CheckCommandDetail>(CHECK_COMMAND_EVENT, { detail }));
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

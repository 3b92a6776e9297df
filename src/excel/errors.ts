/**
 * Office errors said for people. An OfficeExtension.Error carries a code and, in debugInfo, where
 * it happened; a plain Error its message.
 */

interface OfficeLikeError {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly debugInfo?: { readonly errorLocation?: unknown };
}

const HINTS: Readonly<Record<string, string>> = {
  AccessDenied: "a sheet is protected or the workbook is read-only (Review > Unprotect Sheet)",
  InvalidOperation: "Excel refused the change (merged cells, a filter or another table in the way)",
  ItemNotFound: "a sheet, table or name was renamed or deleted meanwhile",
  ItemAlreadyExists: "a sheet, table or name with that name already exists",
  RequestPayloadSizeLimitExceeded: "too much data in one request",
  ResponsePayloadSizeLimitExceeded: "too much data in one response",
  ApiNotFound: "this feature needs a newer Excel (update Excel, or use Excel on the web)",
  InsertDeleteConflict:
    "a filter or another table is in the way of adding or deleting rows (clear the filter)",
  FilteredRangeConflict: "a filter is in the way (clear the filter)",
  InvalidObjectPath: "a sheet, table or name was missing",
  InvalidArgument: "Excel refused a value",
  GeneralException: "Excel reported an internal error",
};

/** "AccessDenied: the sheet Partnerships is protected … (at Partnerships)". */
export function describeError(e: unknown): string {
  if (typeof e === "object" && e !== null) {
    const o = e as OfficeLikeError;
    const code = typeof o.code === "string" ? o.code : undefined;
    const message = typeof o.message === "string" ? o.message : String(e);
    const where = typeof o.debugInfo?.errorLocation === "string" ? ` (at ${o.debugInfo.errorLocation})` : "";
    const hint = code && HINTS[code] ? ` — ${HINTS[code]}` : "";
    return `${message}${where}${hint}`;
  }
  return String(e);
}

/**
 * Checks of a district return (or of the open workbook, read into the same shape) against the
 * blueprint. Every finding names the sheet, the Excel row, the column header as written in the
 * sheet and the cell address, and says what to fix.
 *
 * What is checked, per cell: required cells; list values (after label normalisation) against the
 * workbook's own Lists vocabularies when it has them, else the blueprint defaults; each value of a
 * multi-select cell; numbers (numeric text is accepted as a number with a WARNING "stored as text;
 * retype it as a number"; other text is an error), bounds, whole years from 1990 to the current
 * year, ratings 1–4; error values (#N/A …). Across rows: duplicate Partnership IDs within a district
 * return, or within a district and round of a regional workbook (naming both rows); Representation
 * and Partner survey IDs that are not in Partnerships; a representative whose hours add up to more
 * than one full-time post (warning); a blank District with no Settings district; a blank Audit
 * round with no Settings round, and a District or Audit round other than the Settings one in a
 * district return (warnings); a partnership of the regional directory (Lists sheet) under another
 * ID, name or level (warning).
 *
 * `checkReturn` does it all at once; `createReturnChecker` does it a chunk of rows at a time so
 * that a task pane can show progress and cancel. Pure and fast: about a million cells a second;
 * 50,000 rows are no problem.
 *
 * Where each part is: run.ts runs the checks over a return, cells.ts checks one cell,
 * cross-row.ts checks rows against each other, grade-costs.ts the GradeCosts table, phrasing.ts
 * words the findings, vocabularies.ts gives the lists' values, limiter.ts bounds the findings per
 * column, and error-summary.ts sums them up in a line.
 */
export { checkReturn, createReturnChecker, type ReturnCheckOptions } from "./run";
export { errorCountText, hasErrors } from "./error-summary";
export { vocabulariesOf, type Vocabulary } from "./vocabularies";

/**
 * Set-up of the Summary sheet from the workbook spec: ours is found by its title in A1; a user's own
 * "Summary" is left alone and ours goes on "Audit summary". The Summary's cells are ours: rewritten
 * whenever any differs (cells outside the layout are never written). Charts are added when missing,
 * over the rows their blocks hold.
 */
import { parseA1 } from "../../model/a1";
import { labelKey } from "../../model/labels";
import type { CellValue } from "../../model/workbook-data";
import { SUMMARY, SUMMARY_TITLE } from "../spec/summary";
import {
  ALTERNATE_SUMMARY_SHEET,
  block,
  gridOf,
  sameFormula,
  sheetOf,
  step,
  text,
  type PlanContext,
} from "./model";

/** True when a sheet's A1 holds our Summary's title. */
function isOurSummary(grid: readonly (readonly CellValue[])[]): boolean {
  return labelKey(text(grid[0]?.[0])) === labelKey(SUMMARY_TITLE);
}

export function planSummary(p: PlanContext): void {
  const layout = SUMMARY;
  let sheetName: string | undefined;
  let isNew = false;
  const named = sheetOf(p.d, layout.sheet);
  if (named && (named.used === null || isOurSummary(gridOf(p.d, named.name)))) sheetName = named.name;
  if (!sheetName) {
    const ours = p.d.sheets.find((s) => isOurSummary(gridOf(p.d, s.name)));
    if (ours) sheetName = ours.name;
  }
  if (!sheetName) {
    sheetName = named ? ALTERNATE_SUMMARY_SHEET : layout.sheet;
    if (sheetOf(p.d, sheetName)) {
      block(
        p,
        sheetName,
        `The sheets ${layout.sheet} and ${ALTERNATE_SUMMARY_SHEET} both hold other content. Rename one of them and run set-up again.`,
      );
      return;
    }
    isNew = true;
    p.actions.push({ kind: "addSheet", sheet: sheetName });
    step(
      p,
      "add-sheet",
      named
        ? `Add the summary on a new sheet "${sheetName}": the sheet ${layout.sheet} holds your own content and is left as it is`
        : `Add the ${sheetName} sheet: headline figures and charts, all formulas`,
    );
  }
  const grid = isNew ? [] : gridOf(p.d, sheetName);
  const differs = layout.cells.some((cell) => {
    const a = parseA1(cell.address);
    const have = grid[a.r0]?.[a.c0];
    const want = cell.formula ?? cell.value ?? "";
    return cell.formula ? !sameFormula(text(have), want) : text(have) !== want;
  });
  if (differs) {
    p.actions.push({
      kind: "summary",
      sheet: sheetName,
      cells: layout.cells,
      formats: layout.formats,
      widths: layout.widths,
    });
    if (!isNew)
      step(
        p,
        "formula",
        `${sheetName}: write the summary formulas again (cells outside the summary are left alone)`,
      );
    p.touched.add(sheetName);
  }
  const charts = new Set(
    (p.d.sheets.find((s) => s.name === sheetName)?.charts ?? []).map((c) => c.toLowerCase()),
  );
  for (const chart of layout.charts) {
    if (charts.has(chart.name.toLowerCase())) continue;
    p.actions.push({ kind: "chart", sheet: sheetName, chart, rows: p.d.blockRows?.[chart.block] ?? 1 });
    step(p, "chart", `${sheetName}: add the chart "${chart.title}"`);
    p.touched.add(sheetName);
  }
}

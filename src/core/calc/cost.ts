import { tidyLabel } from "../model/labels";
import { AuditError, cellPlace, finiteTotal } from "./errors";
import { clip, LabelTable, labelText } from "./label-table";
import {
  looseRange,
  pairWith,
  readRange,
  shaped,
  shapeChanged,
  type RangeArg,
  type ReadRange,
} from "./ranges";
import { numberCell } from "./numbers";
import { HOURS, RATE } from "./rules";

/** The hourly cost of each grade listed in rate_grades, by label number; NaN when its rate is blank. */
interface Rates {
  readonly table: LabelTable;
  /** by label number; labels numbered from rate_grades.length on are not listed */
  readonly rate: Float64Array<ArrayBuffer>;
  /** where each listed grade's (blank) rate is, for messages */
  readonly place: readonly string[];
}

/**
 * AUDIT.COST: the sum over rows of hours × the hourly cost of the row's grade, looked up by label
 * in rate_grades / rates (the same size as each other; hours and grades the same size as each
 * other). A grade listed twice takes its first listing, as a lookup does. Rows with blank hours are
 * skipped. A row with hours whose grade is blank, not in rate_grades, or listed with a blank rate:
 * #N/A naming the grade. A negative rate or negative hours: #NUM!; text or TRUE/FALSE where a number
 * is expected: #VALUE!.
 */
export function cost(hours: RangeArg, grades: RangeArg, rateGrades: RangeArg, rates: RangeArg): number {
  const hourRange = looseRange("hours", hours);
  const gradeRange = looseRange("grades", grades);
  const rateGradeRange = readRange("rate_grades", rateGrades);
  const rateRange = readRange("rates", rates);
  const table = readRates(rateGradeRange, pairWith(rateGradeRange, rateRange));
  return shaped([hourRange, gradeRange], ([h, g]) => sumCost(h, pairWith(h, g), table));
}

function readRates(gradeRange: ReadRange, rateRange: ReadRange): Rates {
  const table = new LabelTable();
  const values: number[] = [];
  const place: string[] = [];
  const cache = new Map<string, number | null>();
  const gRows = gradeRange.rows;
  for (let r = 0; r < gRows.length; r++) {
    const gRow = gRows[r];
    const rRow = rateRange.rows[r];
    for (let c = 0; c < gRow.length; c++) {
      // Every rate is checked, also one beside a blank grade or a grade listed before.
      const n = numberCell(rRow[c], RATE, cache, "rates", r, c);
      const g = table.one(gRow[c], "rate_grades", r, c);
      if (g < 0 || g < values.length) continue;
      values.push(n === null ? NaN : n);
      place.push(cellPlace("rates", r, c));
    }
  }
  return { table, rate: Float64Array.from(values), place };
}

function sumCost(hourRange: ReadRange, gradeRange: ReadRange, rates: Rates): number {
  const { table, rate } = rates;
  const byRaw = table.byRaw;
  const listed = rate.length;
  const cache = new Map<string, number | null>();
  const hRows = hourRange.rows;
  const gRows = gradeRange.rows;
  let sum = 0;
  for (let r = 0; r < hRows.length; r++) {
    const hRow = hRows[r];
    const gRow = gRows[r];
    if (!Array.isArray(hRow) || !Array.isArray(gRow) || gRow.length !== hRow.length) shapeChanged();
    for (let c = 0; c < hRow.length; c++) {
      const gv = gRow[c];
      const g = byRaw.get(gv as string) ?? table.one(gv, "grades", r, c);
      // Hours are read after the call above and used at once on the number path: V8 then need
      // not box the number once per row.
      const hv = hRow[c];
      if (typeof hv === "number" && hv >= 0 && hv < Infinity && g >= 0 && g < listed) {
        const v = rate[g];
        if (v === v) {
          sum += hv * v;
          continue;
        }
      }
      // Blank or text hours, or a grade without a cost: the slow path reads the cell again.
      sum += slowRow(rates, hRow, g, gv, cache, r, c);
    }
  }
  return finiteTotal(sum, "the hours × hourly costs");
}

/**
 * The cost of a row off the fast path: 0 for blank hours (a row that is skipped; its grade was read
 * all the same, so an error value in it propagates), else the hours (numeric text; #NUM! when
 * negative, #VALUE! for other text) × the grade's cost, or the #N/A of a grade without one.
 */
function slowRow(
  rates: Rates,
  hRow: readonly unknown[],
  g: number,
  gv: unknown,
  cache: Map<string, number | null>,
  r: number,
  c: number,
): number {
  const n = numberCell(hRow[c], HOURS, cache, "hours", r, c);
  if (n === null) return 0;
  const v = g >= 0 && g < rates.rate.length ? rates.rate[g] : NaN;
  if (v !== v) noRate(rates, g, gv, n, r, c);
  return n * v;
}

/** The #N/A of a row with hours whose grade has no hourly cost, naming the grade as the row spells it. */
function noRate(rates: Rates, g: number, cell: unknown, hours: number, r: number, c: number): never {
  const where = cellPlace("grades", r, c);
  if (g < 0) {
    throw new AuditError(
      "#N/A",
      `${where} is blank but the row has ${hours} hours; enter its grade (one listed in rate_grades)`,
    );
  }
  const grade = clip(tidyLabel(labelText(cell as string | number | boolean)));
  if (g >= rates.rate.length) {
    throw new AuditError(
      "#N/A",
      `grade "${grade}" (${where}) is not in rate_grades; add it to rate_grades with its hourly cost in rates`,
    );
  }
  throw new AuditError(
    "#N/A",
    `grade "${grade}" (${where}) has no hourly cost: ${rates.place[g]} is blank; enter its hourly cost`,
  );
}

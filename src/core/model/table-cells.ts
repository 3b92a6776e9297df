/**
 * Reading a table's cells column by column, whether the table holds rows (as read from a sheet) or
 * columns (TableData.columnar: the rows a workbook is about to be written with). The figures read
 * through these, so that a table held column-wise is never turned into a row object per row.
 */
import type { CellValue, TableData } from "./workbook-data";

/** The number of rows of a table. */
export function tableLength(data: TableData): number {
  return data.columnar ? data.columnar.length : data.rows.length;
}

/** The cells of one column of a table, by row index: `rows[i].values[key]`. */
export function cellReader(data: TableData, key: string): (i: number) => CellValue | undefined {
  if (data.columnar) return data.columnar.reader(key);
  const rows = data.rows;
  return (i) => rows[i].values[key];
}

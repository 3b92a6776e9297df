/**
 * Dates as they reach a cell: Excel's serial day numbers (1900 date system) and text that looks
 * like a date. A year column holding either was given a date where a year belongs.
 */

/** Excel's serial day numbers of 1990-01-01 and 9999-12-31: a whole number in between in a year column is a date. */
const SERIAL_1990 = 32874;
const SERIAL_MAX = 2958465;

/** Whether a number is a whole serial day from 1990-01-01 to 9999-12-31. */
export function isDateSerial(n: number): boolean {
  return Number.isInteger(n) && n >= SERIAL_1990 && n <= SERIAL_MAX;
}

/** An Excel serial day number as an ISO date (day 0 is 1899-12-30 in Excel's 1900 date system). */
export function serialDate(n: number): string {
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Text that looks like a date: 2024-03-01, 1/3/2024, 01.03.24 (a time may follow). */
export const DATE_TEXT = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})([ T].*)?$/;

/**
 * Sets one value for every cell of a range. Office.js accepts a single value for values,
 * formulas and numberFormat ("If the argument is a single value, it will be applied to all cells
 * in the range"; confirmed by the docs team in OfficeDev/office-js-docs-pr#2013: it works but does
 * not compile with the typings, which only declare the 2-D form) — hence this one cast. It keeps a
 * column-wide write to one small request element whatever the number of rows.
 */
export function setWhole(
  range: Excel.Range,
  prop: "values" | "formulas" | "numberFormat",
  value: string | number,
): void {
  (range as unknown as Record<typeof prop, string | number>)[prop] = value;
}

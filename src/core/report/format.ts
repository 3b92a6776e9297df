/**
 * Numbers for people, as the report shows them (the core's unrounded figures stay underneath):
 * counts whole with thousands separators, FTE to 2 places, partnerships per district and scores to
 * 1 place (as the Summary sheet), shares as whole percentages, costs to the pound. A figure that
 * is missing or not finite is never shown as NaN: the caller's words for it are ("none recorded",
 * "not costed").
 */
const WHOLE = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const ONE = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const TWO = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const UP_TO_TWO = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const POUNDS = new Intl.NumberFormat("en-GB", {
  style: "currency",
  currency: "GBP",
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

export const NONE_RECORDED = "none recorded";
export const NOT_COSTED = "not costed";

const finite = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);

/** From here on a number is shown as a power of ten: 20 digits or 300 are not read, only counted. */
export const HUGE = 1e12;

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** A number too long to read, as "5.2 × 10³⁰³" (with the prefix, such as "£", before it). */
function powerOfTen(n: number, prefix = ""): string {
  const [mantissa, exponent] = Math.abs(n).toExponential(1).split("e");
  const power = String(Number(exponent)).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);
  // no-break spaces: a number is never split over two lines
  return `${n < 0 ? "\u2212" : ""}${prefix}${mantissa}\u00a0×\u00a010${power}`;
}

/** A format that shows numbers of HUGE or more as powers of ten. */
function readable(format: (n: number) => string, prefix = ""): (n: number) => string {
  return (n) => (Math.abs(n) >= HUGE ? powerOfTen(n, prefix) : format(n));
}

/** −0 (e.g. −0.004 rounded) is shown as 0. */
const noNegativeZero = (text: string): string => (/^-[0£.,%]*$/.test(text) ? text.slice(1) : text);

export function formatCount(n: number | null | undefined, missing = NONE_RECORDED): string {
  return finite(n) ? readable((x) => noNegativeZero(WHOLE.format(x)))(n) : missing;
}

export function formatFte(n: number | null | undefined, missing = NONE_RECORDED): string {
  return finite(n) ? readable((x) => noNegativeZero(TWO.format(x)))(n) : missing;
}

export function formatOneDecimal(n: number | null | undefined, missing = NONE_RECORDED): string {
  return finite(n) ? readable((x) => noNegativeZero(ONE.format(x)))(n) : missing;
}

/** A setting as the user gave it, up to 2 places without trailing zeros: 2.5 → "2.5", 40 → "40". */
export function formatNumber(n: number | null | undefined, missing = NONE_RECORDED): string {
  return finite(n) ? readable((x) => noNegativeZero(UP_TO_TWO.format(x)))(n) : missing;
}

/** A share 0…1 as a whole percentage: 0.494 → "49%". */
export function formatShare(n: number | null | undefined, missing = NONE_RECORDED): string {
  return finite(n) ? readable((x) => `${noNegativeZero(WHOLE.format(x * 100))}%`)(n) : missing;
}

/** Pounds, to the pound: 61234.5 → "£61,235". */
export function formatCost(n: number | null | undefined, missing = NOT_COSTED): string {
  return finite(n) ? readable((x) => noNegativeZero(POUNDS.format(x)), "£")(n) : missing;
}

/** A change with its sign: +0.25, −3 (a real minus sign), 0. */
export function formatSigned(n: number, format: (n: number) => string): string {
  // a missing or infinite change is the format's words for it, never a signed word
  if (!finite(n)) return format(n);
  const text = format(Math.abs(n));
  if (/^[0£.,%]*$/.test(text.replace(/£/g, ""))) return text;
  return `${n > 0 ? "+" : "\u2212"}${text}`;
}

/**
 * The building blocks the report's sections are made of: user text isolated for right-to-left
 * scripts, lists, tables with a caption, "none recorded", and the chart-and-table blocks of a
 * breakdown or of a figure per label.
 */
import { barChart, type BarDatum } from "./chart";
import { formatCount, formatNumber, formatShare, NONE_RECORDED } from "./format";
import { html, joinHtml, type HtmlValue, type SafeHtml } from "./html";
import type { ReportShare } from "./model";

/** User text, isolated for right-to-left scripts. */
export const u = (text: string): SafeHtml => html`<bdi>${text}</bdi>`;

/** Items separated by commas, each as user text; `none` when there are none. */
export const list = (items: readonly string[], none = NONE_RECORDED): SafeHtml =>
  items.length === 0
    ? html`<span class="none">${none}</span>`
    : joinHtml(items.map((t, i) => html`${i > 0 ? ", " : ""}${u(t)}`));

/** A table cell, right-aligned when `num`; a row is a list of them. */
type Cell = { readonly value: HtmlValue; readonly num?: boolean };
export type Row = readonly Cell[];

/** A table with its caption, a header row and the rows. */
export function table(
  caption: string,
  headers: readonly { text: string; num?: boolean }[],
  rows: readonly Row[],
  className = "",
): SafeHtml {
  return html`<table class="${className}">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${headers.map((h) => html`<th scope="col" class="${h.num ? "num" : ""}">${h.text}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            ${r.map((c) => html`<td class="${c.num ? "num" : ""}">${c.value}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** "<what>: none recorded." */
export const none = (what: string): SafeHtml => html`<p class="none">${what}: ${NONE_RECORDED}.</p>`;

/** A breakdown: chart, then the table of the same numbers; "none recorded" when empty. */
export function breakdownBlock(
  id: string,
  title: string,
  category: string,
  base: string,
  rows: readonly ReportShare[],
): SafeHtml {
  if (rows.length === 0 || rows.every((r) => r.count === 0))
    return html`<h3>${title}</h3>
      ${none(title)}`;
  const data: BarDatum[] = rows.map((r) => ({
    label: r.label,
    value: r.count,
    display: `${formatCount(r.count)} (${formatShare(r.share)})`,
  }));
  return html`<h3>${title}</h3>
    ${barChart({
      id,
      title,
      categoryAxis: category,
      valueAxis: "Partnerships (rows of Partnerships)",
      data,
    })}${table(
      `${title}: the figures of the chart`,
      [{ text: category }, { text: "Partnerships", num: true }, { text: base, num: true }],
      rows.map((r) => [
        { value: u(r.label) },
        { value: formatCount(r.count), num: true },
        { value: formatShare(r.share), num: true },
      ]),
    )}`;
}

/** A figure per label (FTE, counts): chart and table; "none recorded" when every figure is 0. */
export function figureBlock(
  id: string,
  title: string,
  category: string,
  valueAxis: string,
  rows: readonly (readonly [string, number])[],
  format: (n: number) => string,
  extra?: { header: string; values: readonly string[] },
  /** what to say when there are no rows because the figures are not computed */
  notComputed?: string,
): SafeHtml {
  // a chart of nothing but zeros (no partnership of any level, say) is an empty category
  if (rows.length === 0 || rows.every(([, value]) => value === 0))
    return html`<h3>${title}</h3>
      ${notComputed === undefined ? none(title) : html`<p class="none">${title}: ${notComputed}.</p>`}`;
  return html`<h3>${title}</h3>
    ${barChart({
      id,
      title,
      categoryAxis: category,
      valueAxis,
      data: rows.map(([label, value]) => ({ label, value, display: format(value) })),
      tick: (n) => formatNumber(n),
    })}${table(
      `${title}: the figures of the chart`,
      [
        { text: category },
        { text: valueAxis, num: true },
        ...(extra ? [{ text: extra.header, num: true }] : []),
      ],
      rows.map(([label, value], i) => [
        { value: u(label) },
        { value: format(value), num: true },
        ...(extra ? [{ value: extra.values[i], num: true }] : []),
      ]),
    )}`;
}

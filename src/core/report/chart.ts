/**
 * Horizontal bar charts as inline SVG, drawn by the project: a category axis (left, with its
 * title), a value axis (bottom, with ticks and its title), each bar's value written at its end.
 * Nothing is fetched and no script runs. The chart is an image with a title for assistive
 * technology; the report puts a table with the same numbers beside every chart, so a screen reader
 * and a printed page both carry the figures. Colours: dark blue bars (#1f5f8b, 6.8:1 on white) and
 * near-black text; the values are written, so colour carries no meaning of its own.
 */
import { html, isolated, joinHtml, type SafeHtml } from "./html";

export interface BarDatum {
  readonly label: string;
  readonly value: number;
  /** the value as shown (rounded for people), with any word that marks the bar, e.g. "624 (Review)" */
  readonly display: string;
  /** drawn in the second colour; its display must say why in words (colour never carries meaning alone) */
  readonly emphasis?: boolean;
}

interface BarChartSpec {
  /** unique in the document: ids of the title and description derive from it */
  readonly id: string;
  readonly title: string;
  /** title of the category axis, e.g. "District" */
  readonly categoryAxis: string;
  /** title of the value axis, e.g. "Partnerships (distinct IDs)" */
  readonly valueAxis: string;
  readonly data: readonly BarDatum[];
  /** at most this many bars (the largest); the table lists them all. Default 20. */
  readonly maxBars?: number;
  /** format of the value axis' tick labels */
  readonly tick?: (n: number) => string;
  /** which bars the chart shows, when the caller chose them (its own caption, shown first) */
  readonly caption?: string;
  /** what the emphasised bars are, in words: the figure's caption and in the description, when a bar drawn is emphasised */
  readonly legend?: string;
}

const WIDTH = 680;
const ROW = 22;
const BAR = 14;
const TOP = 8;
const CHAR = 6.4; // average width of a 12px sans-serif character
const AXIS_GAP = 8;
const VALUE_ROOM = 64;

// exported for tests: table-driven tests of the axis ticks
/** A "nice" axis: 0 … max in 1, 2 or 5 × 10ⁿ steps, 2 to 6 ticks. */
export function niceTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => max / s <= 5) ?? 10 * power;
  const ticks: number[] = [];
  for (let i = 0; i * step < max + step * 1e-9; i++) ticks.push(round(i * step));
  if (ticks[ticks.length - 1] < max) ticks.push(round(ticks.length * step));
  // near the largest number a step past max overflows: the axis then ends at max itself
  const finite = ticks.filter((t) => Number.isFinite(t));
  if (finite[finite.length - 1] < max) finite.push(max);
  return finite;
}

/** A tick without the float noise of i × step (0.30000000000000004); large ticks have none to remove. */
function round(n: number): number {
  if (Math.abs(n) >= 1e6) return n;
  return Math.round(n * 1e9) / 1e9;
}

// exported for tests: label shortening is tested on its own
/** Label text shortened to fit `chars` characters, with an ellipsis (the table has it whole). */
export function fitLabel(label: string, chars: number): string {
  const points = [...label.replace(/\s+/g, " ").trim()];
  if (points.length <= chars) return points.join("");
  return `${points.slice(0, Math.max(1, chars - 1)).join("")}…`;
}

/** A coordinate for SVG: never NaN or Infinity (a figure that is not finite is not drawn at all). */
const fmt = (n: number): string => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : "0");

/** The chart as a <figure>; the caller puts the table of the same numbers after it. */
export function barChart(spec: BarChartSpec): SafeHtml {
  const maxBars = spec.maxBars ?? 20;
  const all = spec.data.filter((d) => Number.isFinite(d.value));
  const capped = all.length > maxBars;
  const data = capped
    ? [...all].sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1)).slice(0, maxBars)
    : all;
  const longest = Math.max(4, ...data.map((d) => [...d.label].length));
  const labelChars = Math.min(40, longest);
  const labelWidth = Math.ceil(labelChars * CHAR);
  const x0 = 30 + labelWidth + AXIS_GAP;
  // room for the longest written value after the longest bar
  const valueRoom = Math.min(
    WIDTH / 3,
    Math.max(VALUE_ROOM, Math.ceil(Math.max(0, ...data.map((d) => [...d.display].length)) * CHAR + 8)),
  );
  const x1 = WIDTH - valueRoom;
  const max = Math.max(0, ...data.map((d) => d.value));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  // the share of the axis first: (x1 − x0) × v would overflow for v near the largest number
  const scale = (v: number): number => x0 + (x1 - x0) * (Math.max(0, v) / top);
  // at least four rows high, so that the rotated category axis title fits beside the bars
  const plotBottom = TOP + Math.max(4, data.length) * ROW;
  const height = plotBottom + 44;
  const tick = spec.tick ?? ((n: number) => String(n));
  // the legend says what the emphasised bars are: only when the chart draws one
  const legend = spec.legend && data.some((d) => d.emphasis) ? spec.legend : undefined;
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  const description = `Bar chart of ${data.length} ${data.length === 1 ? "bar" : "bars"}${
    capped ? `, the ${maxBars} largest of ${all.length}` : ""
  }: ${spec.valueAxis} by ${spec.categoryAxis.toLowerCase()}.${
    legend ? ` ${legend}` : ""
  } The same figures are in the table that follows.`;

  const bars = data.map((d, i) => {
    const y = TOP + i * ROW;
    const w = scale(d.value) - x0;
    return html`<g class="${d.emphasis ? "bar emphasis" : "bar"}"
      ><title>${isolated(d.label)}: ${d.display}</title
      ><text class="cat" x="${x0 - AXIS_GAP}" y="${fmt(y + ROW / 2 + 4)}" text-anchor="end"
        >${isolated(fitLabel(d.label, labelChars))}</text
      ><rect
        x="${x0}"
        y="${fmt(y + (ROW - BAR) / 2)}"
        width="${fmt(Math.max(w, d.value > 0 ? 1 : 0))}"
        height="${BAR}"
      ></rect
      ><text class="val" x="${fmt(x0 + w + 4)}" y="${fmt(y + ROW / 2 + 4)}">${d.display}</text></g
    >`;
  });
  const grid = ticks.map(
    (t) =>
      html`<line
          class="grid"
          x1="${fmt(scale(t))}"
          x2="${fmt(scale(t))}"
          y1="${TOP}"
          y2="${plotBottom}"
        ></line
        ><text class="tick" x="${fmt(scale(t))}" y="${plotBottom + 16}" text-anchor="middle"
          >${tick(t)}</text
        >`,
  );
  const svg = html`<svg
    class="chart"
    role="img"
    aria-labelledby="${titleId} ${descId}"
    viewBox="0 0 ${WIDTH} ${height}"
    width="100%"
    preserveAspectRatio="xMinYMin meet"
  >
    <title id="${titleId}">${spec.title}</title>
    <desc id="${descId}">${description}</desc>
    ${joinHtml(grid)}
    <line class="axis" x1="${x0}" x2="${x0}" y1="${TOP}" y2="${plotBottom}"></line>
    <line class="axis" x1="${x0}" x2="${x1}" y1="${plotBottom}" y2="${plotBottom}"></line>
    ${joinHtml(bars)}
    <text class="axis-title" x="${fmt((x0 + x1) / 2)}" y="${height - 6}" text-anchor="middle">
      ${spec.valueAxis}
    </text>
    <text
      class="axis-title"
      transform="translate(14 ${fmt((TOP + plotBottom) / 2)}) rotate(-90)"
      text-anchor="middle"
    >
      ${spec.categoryAxis}
    </text>
  </svg>`;
  // The heading above the figure names the chart; the SVG carries the title for assistive
  // technology. A caption is added only to say that the chart shows the largest values alone, and
  // what an emphasised bar is.
  const captions = [
    ...(spec.caption ? [spec.caption] : []),
    ...(capped ? [`The chart shows the ${maxBars} largest of ${all.length}; the table lists all.`] : []),
    ...(legend ? [legend] : []),
  ];
  return html`<figure class="chart-figure">
    ${captions.length > 0 ? html`<figcaption>${captions.join(" ")}</figcaption>` : ""}${svg}
  </figure>`;
}

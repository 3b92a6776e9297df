/**
 * The report's section "Overlaps and the partner network": the shared seats, the overlapping pairs,
 * the organisations met most, and a network picture (inline SVG, no script) with a table of the
 * same links for readers who cannot see it.
 *
 * The picture puts partnerships in a column on the left and the organisations that sit on two or
 * more of them on the right, a line for each membership. At most MAX_DRAWN organisations are drawn
 * (those on the most partnerships); the rest are counted in words. The order is fixed by the data
 * alone, so the same input draws the same picture: organisations by partnerships (most first) then
 * name; each partnership at the mean position of its organisations; then each organisation at the
 * mean position of its partnerships, which keeps most lines short.
 */
import { labelKey, tidyLabel } from "../model/labels";
import { isBlank, toText } from "../model/cell-rules";
import type { AuditReturn } from "../model/workbook-data";
import { cellReader, tableLength } from "../model/table-cells";
import { problemOf, type NetworkFigures, type NetworkProblem } from "../figures/network";
import { BLANK_GROUP } from "../calc";
import { formatCount, formatNumber, formatShare } from "./format";
import { html, joinHtml, type SafeHtml } from "./html";

// exported for tests: they count what the picture draws
/** The most organisations the picture draws. */
export const MAX_DRAWN = 40;
/** The most overlapping pairs and organisations the section's tables list (the rest counted). */
const MAX_ROWS = 50;

/** One organisation sitting on two or more partnerships, with them (first spellings, label order). */
interface NetworkNode {
  readonly organisation: string;
  readonly partnerships: readonly string[];
}

/** The report's network: the figures and the organisations on two or more partnerships. */
export interface ReportNetwork {
  readonly figures: NetworkFigures;
  /** organisations on two or more partnerships, most partnerships first, ties by name */
  readonly links: readonly NetworkNode[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The distinct memberships of the Members rows, organisations on two or more partnerships only. */
export function networkLinks(returns: readonly AuditReturn[]): NetworkNode[] {
  const orgs = new Map<string, { name: string; ids: Map<string, string> }>();
  for (const ret of returns) {
    const data = ret.tables.Members;
    if (!data) continue;
    const id = cellReader(data, "partnershipId");
    const org = cellReader(data, "organisation");
    for (let i = 0, n = tableLength(data); i < n; i++) {
      const idCell = id(i) ?? null;
      const orgCell = org(i) ?? null;
      if (isBlank(idCell) || isBlank(orgCell)) continue;
      const idText = toText(idCell);
      const orgText = toText(orgCell);
      if (idText === null || orgText === null) continue;
      const key = labelKey(orgText);
      let entry = orgs.get(key);
      if (!entry) orgs.set(key, (entry = { name: tidyLabel(orgText), ids: new Map() }));
      const idKey = labelKey(idText);
      if (!entry.ids.has(idKey)) entry.ids.set(idKey, tidyLabel(idText));
    }
  }
  const out: NetworkNode[] = [];
  for (const { name, ids } of orgs.values()) {
    if (ids.size < 2) continue;
    const partnerships = [...ids.entries()].sort((a, b) => compare(a[0], b[0])).map(([, v]) => v);
    out.push({ organisation: name, partnerships });
  }
  out.sort(
    (a, b) =>
      b.partnerships.length - a.partnerships.length ||
      compare(labelKey(a.organisation), labelKey(b.organisation)) ||
      compare(a.organisation, b.organisation),
  );
  return out;
}

// exported for tests: the layout's bounds are tested on their own
/** The drawn picture's order: partnerships and organisations, each in its column from the top. */
export function networkLayout(links: readonly NetworkNode[]): {
  partnerships: string[];
  organisations: NetworkNode[];
} {
  const drawn = links.slice(0, MAX_DRAWN);
  // partnerships at the mean position of their organisations (ties by id)
  const where = new Map<string, { name: string; sum: number; n: number }>();
  drawn.forEach((node, i) => {
    for (const p of node.partnerships) {
      const key = labelKey(p);
      const at = where.get(key) ?? { name: p, sum: 0, n: 0 };
      at.sum += i;
      at.n++;
      where.set(key, at);
    }
  });
  const partnerships = [...where.entries()]
    .sort((a, b) => a[1].sum / a[1].n - b[1].sum / b[1].n || compare(a[0], b[0]))
    .map(([key, v]) => ({ key, name: v.name }));
  const row = new Map(partnerships.map((p, i) => [p.key, i]));
  // organisations at the mean position of their partnerships (ties by their first order)
  const organisations = drawn
    .map((node, i) => {
      const rows = node.partnerships.map((p) => row.get(labelKey(p)) ?? 0);
      return { node, i, at: rows.reduce((t, r) => t + r, 0) / rows.length };
    })
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.node);
  return { partnerships: partnerships.map((p) => p.name), organisations };
}

/** A label for the picture: bidi-isolated (first-strong isolate), cut to 40 characters (not within one). */
function svgLabel(text: string): string {
  const points = [...text];
  const cut = points.length > 40 ? `${points.slice(0, 39).join("")}…` : text;
  return `\u2068${cut}\u2069`;
}

const ROW = 20;
const TOP = 28;
const WIDTH = 640;
const LEFT_X = 230;
const RIGHT_X = 410;

/** The network picture as inline SVG (no script), with a title and description for screen readers. */
function networkPicture(links: readonly NetworkNode[]): SafeHtml {
  const { partnerships, organisations } = networkLayout(links);
  const rows = Math.max(partnerships.length, organisations.length);
  const height = TOP + rows * ROW + 8;
  const yOf = (i: number, n: number): number => TOP + (i + 0.5) * ROW + ((rows - n) * ROW) / 2;
  const pRow = new Map(partnerships.map((p, i) => [labelKey(p), i]));
  const lines: SafeHtml[] = [];
  organisations.forEach((node, oi) => {
    const y2 = yOf(oi, organisations.length);
    for (const p of node.partnerships) {
      const pi = pRow.get(labelKey(p));
      if (pi === undefined) continue;
      const y1 = yOf(pi, partnerships.length);
      lines.push(html`<line x1="${LEFT_X}" y1="${y1.toFixed(1)}" x2="${RIGHT_X}" y2="${y2.toFixed(1)}" />`);
    }
  });
  const left = partnerships.map(
    (p, i) =>
      html`<text x="${LEFT_X - 6}" y="${(yOf(i, partnerships.length) + 4).toFixed(1)}" text-anchor="end"
        ><title>${p}</title>${svgLabel(p)}</text
      >`,
  );
  const right = organisations.map(
    (node, i) =>
      html`<text x="${RIGHT_X + 6}" y="${(yOf(i, organisations.length) + 4).toFixed(1)}"
        ><title>${node.organisation}</title
        >${`${svgLabel(node.organisation)} (${formatCount(node.partnerships.length)})`}</text
      >`,
  );
  return html`<svg
    class="network"
    role="img"
    aria-labelledby="network-title network-desc"
    viewBox="0 0 ${WIDTH} ${height}"
    width="${WIDTH}"
    height="${height}"
  >
    <title id="network-title">Partnerships and the organisations that sit on two or more of them</title>
    <desc id="network-desc">
      ${`${formatCount(partnerships.length)} partnerships on the left, ${formatCount(organisations.length)} organisations on the right, a line for each membership; the table below lists the same links.`}
    </desc>
    <text x="${LEFT_X - 6}" y="16" text-anchor="end" class="head">Partnerships</text>
    <text x="${RIGHT_X + 6}" y="16" class="head">Organisations (partnerships)</text>
    <g class="links">${lines}</g>
    <g class="labels">${left}${right}</g>
  </svg>`;
}

/** User text in HTML, isolated for right-to-left scripts. */
const u = (text: string): SafeHtml => html`<bdi>${text}</bdi>`;

function simpleTable(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly (SafeHtml | string)[])[],
  nums: readonly boolean[],
): SafeHtml {
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${headers.map((h, i) => html`<th scope="col" class="${nums[i] ? "num" : ""}">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            ${r.map((c, i) => html`<td class="${nums[i] ? "num" : ""}">${c}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** "and 12 more" below a cut list, or nothing. */
function more(total: number, shown: number, what: string): SafeHtml | string {
  return total > shown
    ? html`<p class="note">…and ${formatCount(total - shown)} more ${what}, not listed.</p>`
    : "";
}

/** "Not computed: <why>" for a figure its data stops (an error value, negative hours, too many pairs). */
function notComputed(f: NetworkFigures, figure: NetworkProblem["figure"], what: string): SafeHtml | null {
  const problem = problemOf(f, figure);
  return problem === undefined
    ? null
    : html`<p class="none">${what}: not computed (${problem.code}): ${problem.message}.</p>`;
}

/** The section "Overlaps and the partner network". */
export function networkSection(n: ReportNetwork): SafeHtml {
  const f = n.figures;
  const seats =
    notComputed(f, "sharedSeats", "Shared seats") ??
    (f.sharedSeats.length === 0
      ? html`<p class="none">
          ${f.representationRecorded ? "No partnership is attended from more than one district." : "Shared seats: none recorded."}
        </p>`
      : html`<p>
            ${formatCount(f.sharedSeats.length)}
            ${f.sharedSeats.length === 1 ? "partnership is" : "partnerships are"} attended from more than one
            district: one representative covering each could save up to
            ${formatNumber(Math.round(f.hoursBeyondOne))} hours a year.
          </p>
          ${simpleTable(
            "Shared seats: partnerships attended from several districts",
            ["Partnership ID", "Districts", "Annual hours", "Hours beyond one"],
            f.sharedSeats.map((s) => [
              u(s.id),
              formatCount(s.districts),
              formatNumber(Math.round(s.hours)),
              formatNumber(Math.round(s.hoursBeyondOne)),
            ]),
            [false, true, true, true],
          )}`);
  const pairs = !f.membersRecorded
    ? html`<p class="none">Overlapping partnerships: none recorded (the Members table is empty).</p>`
    : (notComputed(f, "overlaps", "Overlapping partnerships") ??
      (f.overlaps.length === 0
        ? html`<p class="none">
            No two partnerships share ${formatShare(f.overlapFrom)} or more of their organisations.
          </p>`
        : html`${simpleTable(
            `Overlapping partnerships: sharing at least 2 organisations and ${formatShare(f.overlapFrom)} or more of the smaller one's`,
            ["Partnership", "Partnership", "Shared organisations", "Share"],
            f.overlaps
              .slice(0, MAX_ROWS)
              .map((o) => [u(o.a), u(o.b), formatCount(o.shared), formatShare(o.share)]),
            [false, false, true, true],
          )}${more(f.overlaps.length, MAX_ROWS, "pairs")}`));
  // Members rows with a blank Organisation are no organisation met (Check reports them)
  const listed = f.organisationsMet.filter((o) => o.organisation !== BLANK_GROUP);
  const met = listed.slice(0, 20);
  const organisations = !f.membersRecorded
    ? ""
    : (notComputed(f, "organisationsMet", "Organisations we meet most") ??
      html`${simpleTable(
        `Organisations we meet most (${
          problemOf(f, "organisations") !== undefined ? "not computed" : formatCount(f.organisations)
        } in all)`,
        ["Organisation", "Partnerships"],
        met.map((o) => [u(o.organisation), formatCount(o.partnerships)]),
        [false, true],
      )}${more(listed.length, met.length, "organisations")}`);
  const drawn = Math.min(n.links.length, MAX_DRAWN);
  const picture =
    n.links.length === 0
      ? html`<p class="none">
          No organisation sits on two or more partnerships, so there is no network to draw.
        </p>`
      : html`<figure class="keep-together">
            <figcaption>The partner network: organisations on two or more partnerships</figcaption>
            ${networkPicture(n.links)}
          </figure>
          ${
            n.links.length > drawn
              ? html`<p class="note">
                  The picture draws the ${formatCount(drawn)} organisations on the most partnerships;
                  ${formatCount(n.links.length - drawn)} more sit on two or more and are listed below.
                </p>`
              : ""
          }
          ${simpleTable(
            "The same links as a table",
            ["Organisation", "Partnerships", "Partnerships it sits on"],
            n.links.map((node) => [
              u(node.organisation),
              formatCount(node.partnerships.length),
              joinHtml(node.partnerships.map((p, i) => html`${i > 0 ? ", " : ""}${u(p)}`)),
            ]),
            [false, true, false],
          )}`;
  return html`<section class="page" id="network" aria-labelledby="network-h">
    <h2 id="network-h">Overlaps and the partner network</h2>
    <h3>Shared seats</h3>
    ${seats}
    <h3>Overlapping partnerships</h3>
    ${pairs}
    <h3>Organisations we meet most</h3>
    ${organisations || html`<p class="none">Organisations: none recorded (the Members table is empty).</p>`}
    <h3>The partner network</h3>
    ${picture}
  </section>`;
}

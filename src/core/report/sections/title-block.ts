/** The title block: the report's title, and the region, districts, rounds and files it is made from. */
import { list, u } from "../blocks";
import { html, type SafeHtml } from "../html";
import type { ReportInput } from "../model";

export function titleBlock(r: ReportInput): SafeHtml {
  const sources = r.previousSources.length
    ? html`${list(r.sources)}; previous round: ${list(r.previousSources)}`
    : list(r.sources);
  return html`<header class="title-block">
    <p class="kicker">Partnership audit report</p>
    <h1>${u(r.title)}</h1>
    <dl class="facts">
      <dt>Region</dt>
      <dd>${list(r.regions)}</dd>
      <dt>${r.districts.length === 1 ? "District" : "Districts"}</dt>
      <dd>${list(r.districts)}</dd>
      <dt>${r.rounds.length === 1 ? "Audit round" : "Audit rounds"}</dt>
      <dd>${list(r.rounds)}</dd>
      <dt>Made from</dt>
      <dd>${sources}</dd>
      <dt>Made on</dt>
      <dd>${r.madeOn}</dd>
    </dl>
  </header>`;
}

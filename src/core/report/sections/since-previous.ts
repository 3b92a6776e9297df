/**
 * Since the previous round (only when there is one): partnerships new, continuing and ended, and
 * the change in partnerships, staff time, leadership and cost.
 */
import { list, table, type Row } from "../blocks";
import {
  formatCost,
  formatCount,
  formatFte,
  formatShare,
  formatSigned,
  NONE_RECORDED,
  NOT_COSTED,
} from "../format";
import { html, type SafeHtml } from "../html";
import type { ReportInput } from "../model";

export function sincePrevious(r: ReportInput): SafeHtml {
  const c = r.comparison;
  if (!c) return html``;
  const ids = (items: readonly string[]): SafeHtml => list(items, "none");
  // a change of percentage points, in the whole points the shares are shown in: "+1 point", "−3 points"
  const pctPoints = (n: number): string => {
    const shown = formatSigned(n * 100, (x) => formatCount(x));
    return `${shown} ${/^[+\u2212]?1$/.test(shown) ? "point" : "points"}`;
  };
  const cost: Row = [
    { value: "Annual cost of staff time" },
    { value: formatCost(c.previousCost), num: true },
    { value: formatCost(r.cost), num: true },
    {
      value:
        c.previousCost !== null && r.cost !== null
          ? formatSigned(r.cost - c.previousCost, (x) => formatCost(x))
          : NOT_COSTED,
      num: true,
    },
  ];
  return html`<section class="page" id="previous-round" aria-labelledby="previous-round-h">
    <h2 id="previous-round-h">Since the previous round</h2>
    <p>
      Previous round: ${list(r.previousRounds)} (${list(r.previousSources)}). This round: ${list(r.rounds)}.
    </p>
    ${table(
      "Partnerships new, continuing and ended (by Partnership ID)",
      [{ text: "Partnerships" }, { text: "How many", num: true }, { text: "IDs" }],
      [
        [{ value: "New" }, { value: formatCount(c.new), num: true }, { value: ids(c.newIds) }],
        [
          { value: "Continuing" },
          { value: formatCount(c.continuing), num: true },
          { value: ids(c.continuingIds) },
        ],
        [{ value: "Ended" }, { value: formatCount(c.ended), num: true }, { value: ids(c.endedIds) }],
      ],
      "change",
    )}${table(
      "Change in staff time, leadership and cost",
      [
        { text: "Figure" },
        { text: "Previous", num: true },
        { text: "This round", num: true },
        { text: "Change", num: true },
      ],
      [
        [
          { value: "Partnerships (distinct IDs)" },
          { value: formatCount(c.previous.partnerships), num: true },
          { value: formatCount(c.current.partnerships), num: true },
          {
            value: formatSigned(c.current.partnerships - c.previous.partnerships, (x) => formatCount(x)),
            num: true,
          },
        ],
        [
          { value: "Staff time (FTE)" },
          { value: formatFte(c.previous.fte, "not computed"), num: true },
          { value: formatFte(c.current.fte, "not computed"), num: true },
          {
            value: c.fteChange === null ? "not computed" : formatSigned(c.fteChange, (x) => formatFte(x)),
            num: true,
          },
        ],
        [
          { value: "Leadership ratio (Leading or Key)" },
          { value: formatShare(c.previous.leadershipRatio), num: true },
          { value: formatShare(c.current.leadershipRatio), num: true },
          {
            value: c.leadershipRatioChange === null ? NONE_RECORDED : pctPoints(c.leadershipRatioChange),
            num: true,
          },
        ],
        cost,
      ],
      "round-change",
    )}
  </section>`;
}

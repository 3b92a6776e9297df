/**
 * The report's CSS, inline in its head: screen and A4 print, the charts' and the network's SVG, and
 * the page's margin boxes (the title and "Page N of M").
 */
import { cssString, isolated, rawCss, type SafeHtml } from "./html";

/** The title as the page's margin box shows it: one line, at most 90 characters. */
function marginTitle(title: string): string {
  const points = [...title.replace(/\s+/g, " ").trim()];
  return points.length <= 90 ? points.join("") : `${points.slice(0, 89).join("")}…`;
}

export function css(title: string): SafeHtml {
  return rawCss(`
:root{color:#1b1b1b;background:#fff;font:10.5pt/1.45 "Segoe UI",system-ui,-apple-system,Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
body{margin:0 auto;max-width:190mm;padding:10mm 8mm}
h1{font-size:20pt;line-height:1.2;margin:.2em 0 .6em;overflow-wrap:anywhere}
h2{font-size:15pt;line-height:1.25;margin:0 0 .6em;padding-bottom:.2em;border-bottom:2px solid #1f5f8b;break-after:avoid}
h3{font-size:12pt;margin:1.2em 0 .3em;break-after:avoid}
.kicker{margin:0;color:#4a4a4a;font-weight:600;text-transform:uppercase;letter-spacing:.06em;font-size:9pt}
h2[data-question]::before{content:"Question " attr(data-question) ". ";color:#1f5f8b}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0 0 1.5em}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.3em 0 1.2em}
caption{caption-side:top;text-align:left;font-weight:600;padding:.2em 0 .3em}
th,td{border:1px solid #8c8c8c;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#e6edf3}
.num{text-align:right;font-variant-numeric:tabular-nums;overflow-wrap:normal}
thead{display:table-header-group}
tr,figure,.keep{break-inside:avoid;page-break-inside:avoid}
.none{color:#4a4a4a;font-style:italic}
.note{display:block;white-space:normal;font-size:9pt;color:#4a4a4a}
h4{font-size:10.5pt;margin:1em 0 .2em;break-after:avoid}
ul.flagged{margin:.2em 0 .8em;padding-left:1.4em}
ul.flagged li{break-inside:avoid}
.against-within{color:#1d5e2b}
.against-below,.against-above{color:#8a1c1c;font-weight:700}
.against-none{color:#4a4a4a}
figure{margin:.3em 0 .4em}
figcaption{font-weight:600;margin-bottom:.2em}
svg.chart{display:block;max-width:100%;height:auto}
svg.chart text{font-family:inherit;font-size:12px;fill:#1b1b1b}
svg.chart .axis-title{font-weight:600}
svg.chart rect{fill:#1f5f8b}
svg.chart .emphasis rect{fill:#d06000}
svg.chart .grid{stroke:#d4d4d4;stroke-width:1}
svg.chart .axis{stroke:#1b1b1b;stroke-width:1}
svg.network{display:block;max-width:100%;height:auto}
svg.network text{font-family:inherit;font-size:11px;fill:#1b1b1b}
svg.network .head{font-weight:600}
svg.network line{stroke:#1f5f8b;stroke-width:1;stroke-opacity:.7}
.page{break-before:page;page-break-before:always}
@media screen{.page{margin-top:2.5em;padding-top:1em;border-top:1px solid #c8c8c8}}
@media print{body{max-width:none;padding:0}}
@page{size:A4 portrait;margin:18mm 15mm 18mm 15mm;
@top-center{content:${cssString(isolated(marginTitle(title)))};font-size:8.5pt;color:#4a4a4a}
@bottom-right{content:"Page " counter(page) " of " counter(pages);font-size:8.5pt;color:#4a4a4a}}
`);
}

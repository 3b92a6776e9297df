/**
 * The audit report as one self-contained HTML document (docs/report.md): title block, At a glance
 * beside the study's findings, the study's five questions, Since the previous round, Data
 * quality. CSS is inline, charts are inline SVG (chart.ts), and no script is needed: it reads the
 * same with JavaScript switched off. Every text from the data goes through `html` (html.ts) and
 * is shown as text. Printed on A4 portrait: each section from question 1 on starts a new page,
 * table rows do not split, and the page's margin boxes carry the title and "Page N of M".
 *
 * This file puts the document together. Each section is in sections/ (the network's in
 * network.ts), the blocks they are made of in blocks.ts, the fixed wording in wording.ts and the
 * CSS in style.ts.
 */
import { html, isolated } from "./html";
import type { ReportInput } from "./model";
import { networkSection } from "./network";
import { atAGlance } from "./sections/at-a-glance";
import { dataQuality } from "./sections/data-quality";
import {
  impactOfInvolvement,
  mainBarriers,
  partnershipsEngaged,
  staffInvolved,
  supportWanted,
} from "./sections/questions";
import { sincePrevious } from "./sections/since-previous";
import { titleBlock } from "./sections/title-block";
import { css } from "./style";

/** The report as one HTML document. */
export function renderReport(r: ReportInput): string {
  return `<!DOCTYPE html>\n${
    html`<html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="Partnership Audit for Excel" />
        <title>${isolated(r.title)}</title>
        <style>
          ${css(r.title)}
        </style>
      </head>
      <body>
        <main>
          ${titleBlock(r)}${atAGlance(r)}${partnershipsEngaged(r)}${networkSection(r.network)}${staffInvolved(r)}${mainBarriers(r)}${impactOfInvolvement(r)}${supportWanted(r)}${sincePrevious(
            r,
          )}${dataQuality(r)}
        </main>
      </body>
    </html>`.value
  }\n`;
}

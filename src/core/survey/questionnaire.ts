/**
 * The partner survey's questionnaire as one self-contained HTML document: an introduction saying
 * who asks and why, one block of questions per partnership of the return (or one blank block), each
 * question with its answer scale written out and tick boxes, and an appendix "To run this survey
 * online" with each question's exact title and its choices in order, so that a form tool's export
 * maps itself on import. CSS is inline and no script is needed (it reads the same with JavaScript
 * off); every text from the workbook goes through the report's `html` template and is shown as text.
 * Printed on A4 portrait: each partnership's block starts a new page and no question is split.
 */
import { cssString, html, joinHtml, rawCss, type SafeHtml } from "../report/html";
import { labelKey } from "../model/labels";
import { surveyQuestions, type SurveyLists, type SurveyQuestion } from "./questions";

/** A partnership the questionnaire asks about. */
export interface QuestionnairePartnership {
  readonly id: string;
  readonly name: string;
}

interface QuestionnaireInput {
  readonly region?: string;
  readonly district?: string;
  readonly auditRound?: string;
  /** the partnerships of the return; none gives one blank block to fill in */
  readonly partnerships: readonly QuestionnairePartnership[];
  /** the workbook's own lists (absent: the defaults) */
  readonly lists?: SurveyLists;
}

/** The questionnaire's title: `Partner survey: DISTRICT, ROUND` with what is known. */
function questionnaireTitle(input: QuestionnaireInput): string {
  const where = [input.district || input.region, input.auditRound].filter((t): t is string => !!t);
  return where.length ? `Partner survey: ${where.join(", ")}` : "Partner survey";
}

const u = (text: string): SafeHtml => html`<bdi>${text}</bdi>`;

/** Tick boxes: one per choice, with the rating's number where the answer is a rating. */
function choices(q: SurveyQuestion): SafeHtml {
  if (q.kind === "text")
    return html`<p class="how">Write your answer in the box.</p>
      <div class="write"></div>`;
  const multiple = q.kind === "rating" ? "Tick one box" : "Tick one";
  return html`<p class="how">${multiple}.</p>
    <ul class="boxes">
      ${q.choices.map(
        (c, i) =>
          html`<li>
            <span class="box" aria-hidden="true">☐</span> ${q.kind === "rating" ? `${i + 1} ` : ""}${u(c)}
          </li>`,
      )}
    </ul>`;
}

function questionBlock(q: SurveyQuestion, n: number, partnership?: QuestionnairePartnership): SafeHtml {
  const answer =
    q.key === "partnershipId" && partnership
      ? html`<p class="given">${u(partnership.id)}: ${u(partnership.name)}</p>`
      : choices(q);
  return html`<section class="question">
    <h3>
      <span class="qn">${n}.</span> ${q.title}${q.required ? html` <span class="req">(required)</span>` : ""}
    </h3>
    ${answer}
  </section>`;
}

function partnershipBlock(
  questions: readonly SurveyQuestion[],
  partnership: QuestionnairePartnership | undefined,
  index: number,
): SafeHtml {
  const heading = partnership
    ? html`Partnership ${u(partnership.id)}: ${u(partnership.name)}`
    : html`The partnership you are answering about`;
  return html`<section class="partnership${index > 0 ? " page" : ""}">
    <h2>${heading}</h2>
    ${questions.map((q, i) => questionBlock(q, i + 1, partnership))}
  </section>`;
}

/**
 * The partnership question's choices in a form tool: each partnership of the return by its name
 * (by its ID when it has no name, shares it with another, or is named as another's ID), so the
 * export names it as the import reads it. None without a return: the question is then answered in words.
 */
function partnershipChoices(partnerships: readonly QuestionnairePartnership[]): string[] {
  const names = new Map<string, number>();
  for (const p of partnerships) {
    const k = labelKey(p.name);
    names.set(k, (names.get(k) ?? 0) + 1);
  }
  const ids = new Set(partnerships.map((p) => labelKey(p.id)));
  const byName = (p: QuestionnairePartnership): boolean => {
    const k = labelKey(p.name);
    return k !== "" && names.get(k) === 1 && !ids.has(k);
  };
  return partnerships.map((p) => (byName(p) ? p.name : p.id));
}

function appendix(
  questions: readonly SurveyQuestion[],
  partnerships: readonly QuestionnairePartnership[],
): SafeHtml {
  const asked = questions.map((q): SurveyQuestion =>
    q.key === "partnershipId" && partnerships.length > 0
      ? { ...q, kind: "list", choices: partnershipChoices(partnerships) }
      : q,
  );
  return html`<section class="page appendix">
    <h2>To run this survey online</h2>
    <p>
      In a form tool (Microsoft Forms or another), add these questions in this order, with each title exactly
      as written and the choices in the order given. A title the tool numbers (<q>1. …</q>) still maps. Export
      the responses as .xlsx or .csv and import them in the add-in's Survey view (or check them with
      <code>partnership-audit survey</code>): each answer lands in its column of the Partner survey table.
    </p>
    <ol class="spec">
      ${asked.map(
        (q) =>
          html`<li>
            <p><strong>${q.title}</strong>${q.required ? " (required)" : ""}</p>
            <p class="how">
              ${
                q.kind === "text"
                  ? "Text answer"
                  : q.kind === "rating"
                    ? "Choice (one answer), in this order:"
                    : "Choice (one answer):"
              }
              <span class="field">Fills the column ${q.field}.</span>
            </p>
            ${
              q.choices.length
                ? html`<ol class="choices">
                    ${q.choices.map((c) => html`<li>${u(c)}</li>`)}
                  </ol>`
                : ""
            }
          </li>`,
      )}
    </ol>
  </section>`;
}

function css(title: string): SafeHtml {
  return rawCss(`
:root{color:#1b1b1b;background:#fff;font:11pt/1.45 "Segoe UI",system-ui,-apple-system,Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
body{margin:0 auto;max-width:190mm;padding:10mm 8mm}
h1{font-size:20pt;line-height:1.2;margin:.2em 0 .6em;overflow-wrap:anywhere}
h2{font-size:14pt;margin:0 0 .6em;padding-bottom:.2em;border-bottom:2px solid #1f5f8b;break-after:avoid;overflow-wrap:anywhere}
h3{font-size:11pt;margin:.9em 0 .3em;break-after:avoid}
.qn{color:#1f5f8b}
.req,.how,.field{color:#4a4a4a;font-size:9.5pt}
.field{display:block}
.question,.spec>li{break-inside:avoid;page-break-inside:avoid}
ul.boxes{list-style:none;margin:.2em 0 .6em;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1.4em}
.box{font-size:14pt;line-height:1}
.write{border:1px solid #8c8c8c;min-height:2.2em;margin:.3em 0 .8em}
.given{font-weight:600;margin:.2em 0 .6em;overflow-wrap:anywhere}
.page{break-before:page;page-break-before:always}
@media screen{.page{margin-top:2.5em;padding-top:1em;border-top:1px solid #c8c8c8}}
@media print{body{max-width:none;padding:0}}
@page{size:A4 portrait;margin:18mm 15mm 18mm 15mm;
@top-center{content:${cssString(title)};font-size:8.5pt;color:#4a4a4a}
@bottom-right{content:"Page " counter(page) " of " counter(pages);font-size:8.5pt;color:#4a4a4a}}
`);
}

/** The questionnaire as one HTML document. */
export function renderQuestionnaire(input: QuestionnaireInput): string {
  const questions = surveyQuestions(input.lists);
  const title = questionnaireTitle(input);
  const who = input.district
    ? html`the ${u(input.district)} district${input.region ? html` (${u(input.region)})` : ""}`
    : input.region
      ? html`the ${u(input.region)} region`
      : html`our district`;
  const blocks: readonly (QuestionnairePartnership | undefined)[] = input.partnerships.length
    ? input.partnerships
    : [undefined];
  return `<!DOCTYPE html>\n${
    html`<html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="Partnership Audit for Excel" />
        <title>${title}</title>
        <style>
          ${css(title)}
        </style>
      </head>
      <body>
        <main>
          <header>
            <h1>${u(title)}</h1>
            <p>
              This survey is sent by ${who} of the public employment service, as part of its audit of
              partnership working${input.auditRound ? html` (round ${u(input.auditRound)})` : ""}. We ask the
              organisations we work with in each partnership how they see our part in it: the value of the
              time, knowledge and information we bring, whether we are a partner they trust, and how effective
              our participation is. Your answers tell us where our time is well spent and which partnerships
              we should review.
            </p>
            <p>
              Please answer once for each partnership below. Tick one box for each question; leave a question
              blank if you cannot answer it. Ratings run from 1 (the lowest) to 4 (the highest).
            </p>
          </header>
          ${joinHtml(blocks.map((p, i) => partnershipBlock(questions, p, i)))}${appendix(questions, input.partnerships)}
        </main>
      </body>
    </html>`.value
  }\n`;
}

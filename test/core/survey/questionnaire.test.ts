import { parse } from "parse5";
import { PARTNER_SURVEY, RATING_WORDS } from "../../../src/core/model/blueprint";
import type { AuditReturn, TableRow } from "../../../src/core/model/workbook-data";
import { mapHeaders, planSurveyImport, renderQuestionnaire, surveyQuestions } from "../../../src/core/survey";

/** The text a browser shows (parse5 parses as browsers do), with white space collapsed. */
function textOf(doc: string): string {
  const out: string[] = [];
  type Node = { nodeName: string; value?: string; childNodes?: Node[] };
  const walk = (n: Node): void => {
    if (n.nodeName === "#text" && n.value) out.push(n.value);
    if (n.nodeName === "style" || n.nodeName === "head") return;
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parse(doc) as unknown as Node);
  return out.join("").replace(/\s+/g, " ");
}

describe("the questionnaire", () => {
  const partnerships = [
    { id: "P-0001", name: "Northtown Local Strategic Partnership" },
    { id: "P-0002", name: "<script>alert(1)</script>" },
  ];
  const page = renderQuestionnaire({
    district: "D01",
    region: "North West",
    auditRound: "2026-Q4",
    partnerships,
  });
  const text = textOf(page);

  it("asks each question in the workbook's own wording, with every scale's words", () => {
    for (const q of surveyQuestions()) expect(text).toContain(q.title);
    for (const words of Object.values(RATING_WORDS)) for (const w of words) expect(text).toContain(w);
    expect(text).toContain("1 Not valuable");
    expect(text).toContain("4 Strongly agree");
    expect(text).toContain("3 Effective");
  });

  it("has one block per partnership, each on a new printed page, and one blank block without a return", () => {
    expect(text).toContain("Partnership P-0001: Northtown Local Strategic Partnership");
    expect(page.match(/class="partnership/g)).toHaveLength(2);
    expect(page).toContain("@page{size:A4 portrait");
    const blank = renderQuestionnaire({ partnerships: [] });
    expect(blank.match(/class="partnership/g)).toHaveLength(1);
    expect(textOf(blank)).toContain("The partnership you are answering about");
  });

  it("shows text from the workbook as text, and needs no script", () => {
    expect(page).not.toContain("<script>");
    expect(text).toContain("<script>alert(1)</script>");
    expect(page).not.toMatch(/<script|\son\w+=|javascript:/i);
  });

  it("ends with the appendix for a form tool: every title and its choices in order", () => {
    const at = text.indexOf("To run this survey online");
    expect(at).toBeGreaterThan(0);
    const appendix = text.slice(at);
    let from = 0;
    for (const q of surveyQuestions()) {
      const i = appendix.indexOf(q.title, from);
      expect(i).toBeGreaterThanOrEqual(from);
      from = i;
      for (const c of q.choices) expect(appendix.indexOf(c, i)).toBeGreaterThan(i);
    }
  });

  it("takes the workbook's own lists (one source)", () => {
    const edited = renderQuestionnaire({
      partnerships: [],
      lists: { organisationTypes: ["Parish council", "Housing association"] },
    });
    expect(textOf(edited)).toContain("Housing association");
    expect(textOf(edited)).not.toContain("Regional development agency");
    // every asked column of the Partner survey is a question
    expect(surveyQuestions().map((q) => q.field)).toEqual(
      PARTNER_SURVEY.columns.filter((c) => "question" in c).map((c) => c.header),
    );
  });

  it("with a return, the appendix offers its partnerships as the partnership question's choices, each one the import reads back", () => {
    const ps = [
      { id: "P-0001", name: "Skills Board" },
      { id: "P-0002", name: "skills  board" },
      { id: "P-0003", name: "" },
      { id: "P-0004", name: "P-0001" },
      { id: "P-0005", name: "Health & Wellbeing <Forum>" },
    ];
    const appendix = textOf(renderQuestionnaire({ partnerships: ps })).split("To run this survey online")[1];
    const title = surveyQuestions()[0].title;
    const after = appendix.slice(appendix.indexOf(title));
    const choices = ["P-0001", "P-0002", "P-0003", "P-0004", "Health & Wellbeing <Forum>"];
    let from = 0;
    for (const c of choices) {
      const i = after.indexOf(c, from);
      expect(i).toBeGreaterThanOrEqual(from);
      from = i;
    }
    // each choice, as a form tool's export gives it, names its own partnership
    const row = (excelRow: number, values: TableRow["values"]): TableRow => ({ excelRow, values });
    const workbook: Pick<AuditReturn, "tables" | "lists"> = {
      tables: {
        Partnerships: {
          table: "Partnerships",
          sheet: "Partnerships",
          headerRow: 1,
          columns: {},
          rows: ps.map((p, i) => row(i + 2, { partnershipId: p.id, partnership: p.name })),
        },
      },
    };
    const table = { headers: [title, "Your organisation's name"], rows: choices.map((c) => [c, "A"]) };
    const plan = planSurveyImport({ table, mapping: mapHeaders(table.headers).mapping, workbook });
    expect(plan.findings).toEqual([]);
    expect(plan.rows.map((r) => r.values.partnershipId)).toEqual(ps.map((p) => p.id));
    // without a return, the partnership is a text answer
    expect(textOf(renderQuestionnaire({ partnerships: [] })).split("To run this survey online")[1]).toMatch(
      /\(its ID or its name\)\? \(required\) Text answer/,
    );
  });
});

/**
 * The partner survey's questions, taken from the workbook spec: the Partner survey table's columns
 * (their question wording and answer scales in the blueprint) and the workbook's own lists, so a
 * region that edits its Lists sheet gets its lists in the questionnaire and in the import.
 */
import {
  PARTNER_SURVEY,
  RATING_WORDS,
  listSpec,
  type ColumnSpec,
  type ListKey,
  type RatingScaleKey,
} from "../model/blueprint";
import type { AuditReturn } from "../model/workbook-data";

/** The workbook's vocabularies, when it has its own (list key → values); absent keys take the defaults. */
export type SurveyLists = AuditReturn["lists"];

/** One question of the survey: a Partner survey column and how it is asked and answered. */
export interface SurveyQuestion {
  /** the column's key in the blueprint */
  readonly key: string;
  /** the column's header in the Partner survey table (the field's name) */
  readonly field: string;
  /** the question as the questionnaire and a form tool ask it */
  readonly title: string;
  readonly kind: "text" | "list" | "rating";
  readonly required: boolean;
  /** a rating's scale */
  readonly scale?: RatingScaleKey;
  /** the answers to choose from: a list's values, or a rating's words for 1 to 4 in order */
  readonly choices: readonly string[];
}

/** The columns a partner answers (District, Audit round and Response ID, which the importer keeps, are not asked). */
function askedColumns(): readonly ColumnSpec[] {
  return PARTNER_SURVEY.columns.filter((c: ColumnSpec) => c.question !== undefined);
}

/** The values of a list: the workbook's own when it has them, else the blueprint's defaults. */
export function listValues(key: ListKey, lists?: SurveyLists): readonly string[] {
  const own = lists?.[key];
  return own && own.length > 0 ? own : listSpec(key).values;
}

/** The survey's questions, in the table's column order. */
export function surveyQuestions(lists?: SurveyLists): SurveyQuestion[] {
  return askedColumns().map((c): SurveyQuestion => {
    const base = { key: c.key, field: c.header, title: c.question ?? c.header, required: c.required };
    if (c.kind === "rating" && c.scale) {
      return { ...base, kind: "rating", scale: c.scale, choices: RATING_WORDS[c.scale] };
    }
    if (c.kind === "list" && c.list) return { ...base, kind: "list", choices: listValues(c.list, lists) };
    return { ...base, kind: "text", choices: [] };
  });
}

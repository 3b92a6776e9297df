/**
 * The survey import in Excel (on Microsoft's client over the in-memory Excel): each fixture the
 * tests make (a Forms-shaped export, another tool's CSV, a sheet typed from paper) imported into a
 * workbook set up by the pane and holding the fixture return, in at most 3 syncs; the scores that
 * follow checked by value; the same file again adds nothing; the mapping is remembered.
 */
import { PARTNER_SURVEY, SURVEY_MAPPING } from "../../src/core/model/blueprint";
import type { ReturnFile } from "../../src/core/model/operations";
import { mapHeaders, parseSavedMapping } from "../../src/core/survey";
import { importReturns } from "../../src/excel/import";
import { applySetup } from "../../src/excel/setup";
import { importSurvey, readSurveyTarget } from "../../src/excel/survey";
import { readSurveyFile } from "../../src/xlsx/survey-file";
import { createClientExcel, type ClientExcel } from "../excel-host";
import {
  EXPECTED,
  formsExport,
  otherToolCsv,
  paperSheet,
  surveyFigures,
  surveyReturn,
} from "../survey/fixtures";

async function workbookWithReturn(): Promise<ClientExcel> {
  const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
  const r = await fake.run((ctx) => applySetup(ctx));
  if (!r.ok) throw new Error(r.error);
  const bytes = await surveyReturn();
  const file: ReturnFile = {
    name: "D01.xlsx",
    data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
  const imported = await fake.run((ctx) =>
    importReturns(ctx, [file], { confirmReplace: false }, { currentYear: 2026 }),
  );
  if (imported.imported.length !== 1) throw new Error(JSON.stringify(imported.skipped));
  fake.recorder.reset();
  return fake;
}

describe("survey import into the open workbook", () => {
  it.each([
    ["a Microsoft Forms export", formsExport],
    ["another tool's CSV", async () => otherToolCsv()],
    ["a sheet typed from paper", paperSheet],
  ])(
    "%s: 4 rows in ≤ 3 syncs, the scores by value, the same file again adds nothing",
    async (_what, make) => {
      const fake = await workbookWithReturn();
      const table = await readSurveyFile(await make());
      const target = await fake.run((ctx) => readSurveyTarget(ctx));
      expect(target.savedMapping).toBeUndefined();
      const { mapping, missingRequired } = mapHeaders(table.headers);
      expect(missingRequired).toEqual([]);
      fake.recorder.reset();
      const progress: number[] = [];
      const r = await fake.run((ctx) =>
        importSurvey(ctx, table, mapping, { onProgress: (p) => progress.push(p.fraction) }),
      );
      expect(r).toMatchObject({
        added: 4,
        planned: 4,
        alreadyImported: 0,
        findings: 0,
        mappingSaved: true,
        cancelled: false,
      });
      expect(r.syncs).toBeLessThanOrEqual(3);
      expect(fake.recorder.syncs.length).toBe(r.syncs);
      expect(progress.at(-1)).toBe(1);

      const after = await fake.run((ctx) => readSurveyTarget(ctx));
      const rows = after.workbook.tables.PartnerSurvey?.rows ?? [];
      expect(rows).toHaveLength(4);
      expect(
        rows.every((row) => typeof row.values.responseId === "string" && row.values.responseId !== ""),
      ).toBe(true);
      const figures = surveyFigures(after.workbook);
      expect(figures.value).toEqual(EXPECTED.value);
      expect(figures.flag).toEqual(EXPECTED.flag);
      expect(figures.trust).toBeCloseTo(EXPECTED.trust, 12);
      expect(figures.valueScore).toBeCloseTo(EXPECTED.valueScore, 12);
      expect(figures.effectiveness).toBeCloseTo(EXPECTED.effectiveness, 12);

      // remembered beside the Settings, and used next time
      const saved = parseSavedMapping(after.savedMapping);
      expect(saved?.[PARTNER_SURVEY.columns[0].header]).toBe(table.headers[mapping.partnershipId ?? -1]);
      // the row after the last setting (its place moves as settings are added)
      const settings = fake.state.sheet("Settings");
      const labels = Array.from({ length: 30 }, (_, r) => settings?.value(r, 0));
      expect(labels).toContain(SURVEY_MAPPING.label);

      const again = await fake.run((ctx) =>
        importSurvey(ctx, table, mapHeaders(table.headers, saved).mapping),
      );
      expect(again).toMatchObject({ added: 0, alreadyImported: 4 });
      expect(
        (await fake.run((ctx) => readSurveyTarget(ctx))).workbook.tables.PartnerSurvey?.rows,
      ).toHaveLength(4);
    },
  );

  it("cancelled before writing: nothing written; a workbook without the Response ID column is told to run Set up", async () => {
    const fake = await workbookWithReturn();
    const table = await readSurveyFile(otherToolCsv());
    const { mapping } = mapHeaders(table.headers);
    const abort = new AbortController();
    abort.abort();
    const r = await fake.run((ctx) => importSurvey(ctx, table, mapping, { signal: abort.signal }));
    expect(r).toMatchObject({ added: 0, cancelled: true });
    expect((await fake.run((ctx) => readSurveyTarget(ctx))).workbook.tables.PartnerSurvey?.rows).toHaveLength(
      0,
    );

    // the Response ID header renamed away (as a workbook set up before the column reads)
    const letter = String.fromCharCode(65 + PARTNER_SURVEY.columns.findIndex((c) => c.key === "responseId"));
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(PARTNER_SURVEY.sheet).getRange(`${letter}1`).values = [["Kept"]];
      await ctx.sync();
    });
    await expect(fake.run((ctx) => importSurvey(ctx, table, mapping))).rejects.toThrow(
      /has no Response ID column.*run Set up/,
    );
  });
});

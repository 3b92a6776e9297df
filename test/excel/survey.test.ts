/**
 * The survey import in Excel (on Microsoft's client over the in-memory Excel): each fixture the
 * tests make (a Forms-shaped export, another tool's CSV, a sheet typed from paper) imported into a
 * workbook set up by the pane and holding the fixture return, in at most 3 syncs; the scores that
 * follow checked by value; the same file again adds nothing; the mapping is remembered. A filtered
 * Partner survey table is cleared for the rows and its filter put back in the same 3 syncs; a
 * refused re-apply is a warning, a failed write an error.
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
      expect(r.warnings).toEqual([]);

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

describe("the user's cells in the Partner survey table are kept", () => {
  it.each<[string, string, string | number]>([
    ["a District typed in the one body row of a fresh table", "District", "D01"],
    ["a value in a column of the user's own", "Checked by", "AB"],
  ])("%s: the rows go under it, nothing overwritten", async (_what, header, value) => {
    const fake = await workbookWithReturn();
    const t = fake.state.table(PARTNER_SURVEY.name);
    if (!t) throw new Error("no Partner survey table");
    expect(t.r1).toBe(t.r0 + 1);
    let c = t.headers().indexOf(header);
    if (c < 0) {
      // a column of the user's own, added at the table's right
      c = t.c1 - t.c0 + 1;
      await fake.run(async (ctx) => {
        ctx.workbook.tables.getItem(PARTNER_SURVEY.name).columns.add(undefined, undefined, header);
        await ctx.sync();
      });
    }
    const at = { r: t.r0 + 1, c: t.c0 + c };
    t.sheet.writeValue(at.r, at.c, value);
    const table = await readSurveyFile(await formsExport());
    const r = await fake.run((ctx) => importSurvey(ctx, table, mapHeaders(table.headers).mapping));
    expect(r).toMatchObject({ added: 4, cancelled: false });
    expect(t.sheet.value(at.r, at.c)).toBe(value);
    expect(t.r1 - t.r0).toBe(5);
    const rows = (await fake.run((ctx) => readSurveyTarget(ctx))).workbook.tables.PartnerSurvey?.rows ?? [];
    expect(rows.map((row) => row.values.respondent)).toEqual([
      "Northtown Council",
      "Northtown College",
      "Chamber of Commerce",
      "Health Trust",
    ]);
  });
});

describe("the Partner survey table's own headers", () => {
  const letterOf = (key: string): string =>
    String.fromCharCode(65 + PARTNER_SURVEY.columns.findIndex((c) => c.key === key));
  async function renamed(key: string, header: string): Promise<ClientExcel> {
    const fake = await workbookWithReturn();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(PARTNER_SURVEY.sheet).getRange(`${letterOf(key)}1`).values = [[header]];
      await ctx.sync();
    });
    return fake;
  }

  it("a header written without its spaces (as the reader allows) still gets its answers", async () => {
    const fake = await renamed("respondent", "RespondentOrganisation");
    const table = await readSurveyFile(await formsExport());
    const r = await fake.run((ctx) => importSurvey(ctx, table, mapHeaders(table.headers).mapping));
    expect(r).toMatchObject({ added: 4 });
    const rows = (await fake.run((ctx) => readSurveyTarget(ctx))).workbook.tables.PartnerSurvey?.rows ?? [];
    expect(rows.map((row) => row.values.respondent)).toEqual([
      "Northtown Council",
      "Northtown College",
      "Chamber of Commerce",
      "Health Trust",
    ]);
  });

  it("a column the mapping fills but the table lacks: refused before anything is written, saying what to do", async () => {
    const fake = await renamed("comments", "My notes");
    const table = await readSurveyFile(await formsExport());
    const { mapping } = mapHeaders(table.headers);
    fake.recorder.reset();
    await expect(fake.run((ctx) => importSurvey(ctx, table, mapping))).rejects.toThrow(
      /has no "Comments" column, which the mapping fills: run Set up .* or leave it out of the mapping, then import again$/,
    );
    expect(fake.recorder.syncs.flatMap((x) => x.writes)).toEqual([]);
    // left out of the mapping, the rest goes in
    const r = await fake.run((ctx) => importSurvey(ctx, table, { ...mapping, comments: null }));
    expect(r).toMatchObject({ added: 4 });
  });
});

describe("the mapping is remembered without overwriting the Settings sheet", () => {
  it("a note the user typed in column B under the settings stays; the mapping goes below it and is read back", async () => {
    const fake = await workbookWithReturn();
    const settings = fake.state.sheet("Settings");
    if (!settings) throw new Error("no Settings sheet");
    let last = 0;
    for (let r = 0; r < 60; r++) if (String(settings.value(r, 0)).trim() !== "") last = r;
    // the row the mapping would take (one blank row under the last setting), and the one under it
    settings.writeValue(last + 2, 1, "my note");
    settings.writeValue(last + 3, 1, "another");
    const table = await readSurveyFile(await formsExport());
    const { mapping } = mapHeaders(table.headers);
    const r = await fake.run((ctx) => importSurvey(ctx, table, mapping));
    expect(r).toMatchObject({ added: 4, mappingSaved: true });
    expect([settings.value(last + 2, 1), settings.value(last + 3, 1)]).toEqual(["my note", "another"]);
    expect(settings.value(last + 4, 0)).toBe(SURVEY_MAPPING.label);
    const saved = parseSavedMapping((await fake.run((ctx) => readSurveyTarget(ctx))).savedMapping);
    expect(saved?.["Partnership ID"]).toBe(table.headers[mapping.partnershipId ?? -1]);
  });
});

describe("survey import into a filtered Partner survey table", () => {
  const FILTER = { filterOn: "Values", values: ["P-0001"] };

  async function filtered(): Promise<{ fake: ClientExcel; column: number }> {
    const fake = await workbookWithReturn();
    const t = fake.state.table(PARTNER_SURVEY.name);
    if (!t) throw new Error("no Partner survey table");
    const column = t.headers().indexOf(PARTNER_SURVEY.columns[0].header);
    expect(column).toBeGreaterThanOrEqual(0);
    t.filters.set(column, FILTER);
    fake.recorder.reset();
    return { fake, column };
  }

  /** The forms export imported one row per write sync (a budget of a few bytes), cancelled once the first has gone through. */
  async function importCancelledAfterFirstSync(fake: ClientExcel) {
    const table = await readSurveyFile(await formsExport());
    const abort = new AbortController();
    return fake.run((ctx) =>
      importSurvey(
        ctx,
        table,
        mapHeaders(table.headers).mapping,
        { signal: abort.signal, onProgress: (p) => (p.fraction > 0 ? abort.abort() : undefined) },
        { maxPayload: 10 },
      ),
    );
  }

  async function importForms(fake: ClientExcel) {
    const table = await readSurveyFile(await formsExport());
    return fake.run((ctx) => importSurvey(ctx, table, mapHeaders(table.headers).mapping));
  }

  /** The writes of every sync, in order, with the sync each was in. */
  function writes(fake: ClientExcel): { sync: number; what: string }[] {
    return fake.recorder.syncs.flatMap((s) => s.writes.map((w) => ({ sync: s.index, what: w.what })));
  }

  it("the filter is cleared before the rows go in and put back after them in the same sync, ≤ 3 syncs, the user told", async () => {
    const { fake, column } = await filtered();
    const r = await importForms(fake);
    expect(r).toMatchObject({ added: 4, cancelled: false });
    expect(r.error).toBeUndefined();
    expect(r.syncs).toBeLessThanOrEqual(3);
    expect(fake.recorder.syncCount).toBe(r.syncs);
    // one write sync: the filter cleared first, the rows added, the filter put back last
    const what = (fake.recorder.syncs.at(-1)?.writes ?? []).map((x) => x.what);
    expect(what[0]).toBe("clear table filters");
    expect(what.some((x) => /table rows$/.test(x))).toBe(true);
    expect(what.at(-1)).toBe("apply filter");
    expect(writes(fake).filter((x) => /filter/.test(x.what))).toHaveLength(2);
    expect([...(fake.state.table(PARTNER_SURVEY.name)?.filters.entries() ?? [])]).toEqual([[column, FILTER]]);
    expect(r.warnings.join("\n")).toMatch(
      /Partner survey table was filtered.*cleared its filter.*put it back afterwards/,
    );
    const rows = (await fake.run((ctx) => readSurveyTarget(ctx))).workbook.tables.PartnerSurvey?.rows ?? [];
    expect(rows).toHaveLength(4);
  });

  it("Excel refuses to put the filter back: the rows are all in, the filter stays cleared, the user told how to filter again", async () => {
    const { fake } = await filtered();
    fake.failOnce(/apply filter/, "GeneralException", "An internal error has occurred.");
    const r = await importForms(fake);
    expect(r).toMatchObject({ added: 4, cancelled: false, mappingSaved: true });
    expect(r.error).toBeUndefined();
    expect(r.syncs).toBeLessThanOrEqual(3);
    expect(fake.recorder.syncs.at(-1)?.error).toMatch(/internal error/);
    expect(fake.state.table(PARTNER_SURVEY.name)?.filters.size).toBe(0);
    expect(r.warnings.join("\n")).toMatch(/Excel refused to put it back.*import is complete.*Data > Filter/);
    const rows = (await fake.run((ctx) => readSurveyTarget(ctx))).workbook.tables.PartnerSurvey?.rows ?? [];
    expect(rows).toHaveLength(4);
  });

  it("a write failing before the filter goes back: an error, nothing claimed added, the filter said to be cleared", async () => {
    const { fake } = await filtered();
    fake.failOnce(/table rows$/, "InvalidArgument", "The argument is invalid.");
    const r = await importForms(fake);
    expect(r.added).toBe(0);
    expect(r.error).toMatch(/Excel refused the rows/);
    expect(r.error).toMatch(/filter was cleared for the import and not put back.*Data > Filter/);
    expect(r.warnings.join("\n")).not.toMatch(/put it back afterwards/);
    expect(writes(fake).some((x) => /apply filter/.test(x.what))).toBe(false);
    expect(fake.state.table(PARTNER_SURVEY.name)?.filters.size).toBe(0);
  });

  it("cancelled between write syncs: the rows queued go in and the filter goes back with them", async () => {
    const { fake, column } = await filtered();
    const r = await importCancelledAfterFirstSync(fake);
    expect(r.cancelled).toBe(true);
    expect(r.error).toBeUndefined();
    const rows = (await fake.run((ctx) => readSurveyTarget(ctx))).workbook.tables.PartnerSurvey?.rows ?? [];
    expect(r.added).toBe(2);
    expect(rows).toHaveLength(r.added);
    expect([...(fake.state.table(PARTNER_SURVEY.name)?.filters.entries() ?? [])]).toEqual([[column, FILTER]]);
    expect(r.warnings.join("\n")).toMatch(/put it back afterwards/);
  });

  it("cancelled between write syncs on a table without a filter: the rows queued go in and are counted", async () => {
    const fake = await workbookWithReturn();
    const r = await importCancelledAfterFirstSync(fake);
    expect(r.cancelled).toBe(true);
    expect(r.warnings).toEqual([]);
    const rows = (await fake.run((ctx) => readSurveyTarget(ctx))).workbook.tables.PartnerSurvey?.rows ?? [];
    expect(r.added).toBe(2);
    expect(rows).toHaveLength(r.added);
  });
});

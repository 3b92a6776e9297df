/**
 * Requirement sets: the add-in says what an older Excel lacks instead of failing half way. The fake
 * can switch sets off (test/fakes/context.ts); members of a missing set fail with ApiNotFound.
 */
import { describeError } from "../../src/excel/errors";
import { REQUIRED_SETS, missingSets, unsupportedMessage } from "../../src/excel/requirements";
import { previewSetup } from "../../src/excel/setup";
import { createClientExcel } from "../excel-host";

describe("requirement sets", () => {
  it("every Excel API set the code needs is listed, ExcelApi 1.13 the highest", () => {
    expect(REQUIRED_SETS.map((s) => `${s.name} ${s.version}`)).toEqual([
      "ExcelApi 1.13",
      "SharedRuntime 1.1",
      "CustomFunctionsRuntime 1.3",
    ]);
  });

  it("an Excel without ExcelApi 1.13 is told what it lacks, in words", () => {
    const fake = createClientExcel({ requirementSets: { ExcelApi: "1.12" } });
    const missing = missingSets((name, version) => fake.isSetSupported(name, version));
    expect(missing.map((s) => s.name)).toEqual(["ExcelApi"]);
    expect(unsupportedMessage(missing)).toMatch(/ExcelApi 1\.13.*update Excel/);
    expect(missingSets(() => true)).toEqual([]);
  });

  it("a member of a missing set fails with ApiNotFound, said for people", async () => {
    // set-up looks for merged cells on the tables' sheets (Range.getMergedAreasOrNullObject, 1.13)
    const fake = createClientExcel({
      sheets: [{ name: "Partnerships" }],
      requirementSets: { ExcelApi: "1.12" },
    });
    const error = await fake.run((ctx) => previewSetup(ctx)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ApiNotFound" });
    expect(describeError(error)).toMatch(/needs a newer Excel/);
  });
});

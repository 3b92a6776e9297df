import { createExcelOperations } from "../../src/excel/operations";
import { appendsToReturn } from "../../src/core/consolidation/consolidate";
import { demoDistrict } from "../../src/core/demo/demo-data";
import { createClientExcel } from "../excel-host";
import { PARTNERSHIPS, partnership, typeRows } from "./fixtures";

describe("createExcelOperations over the fake's Excel.run", () => {
  it("set-up, settings, check, select, headlines, import: every operation works and stays in budget", async () => {
    const fake = createClientExcel({ sheets: [{ name: "Sheet1" }] });
    const demo = demoDistrict({ district: "D01", seed: 5, local: 3 });
    const district = appendsToReturn("D01.xlsx", demo.settings, demo.tables);
    const ops = createExcelOperations(fake.excelRun, {
      importDeps: { readFile: async () => district, currentYear: 2026 },
    });
    const count = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
      const before = fake.recorder.syncCount;
      const out = await f();
      return [out, fake.recorder.syncCount - before];
    };

    const [preview, s1] = await count(() => ops.previewSetup());
    expect(preview.upToDate).toBe(false);
    expect(s1).toBe(2);
    const [result, s2] = await count(() => ops.applySetup({}));
    expect(result.ok).toBe(true);
    expect(s2).toBeLessThanOrEqual(4);
    expect((await ops.previewSetup()).upToDate).toBe(true);

    const [, s3] = await count(() =>
      ops.writeSettings({
        region: "North",
        district: "",
        auditRound: "2026-Q4",
        hoursPerWeek: 37,
        weeksPerYear: 52,
      }),
    );
    expect(s3).toBe(1);
    expect((await ops.readSettings()).region).toBe("North");

    typeRows(fake, PARTNERSHIPS, [partnership(1, { district: "D09", ourRole: "Boss" })]);
    const [check, s4] = await count(() => ops.checkWorkbook({ markCells: true }));
    expect(s4).toBeLessThanOrEqual(3);
    const finding = check.findings.find((f) => f.column === "Our role");
    expect(finding?.address).toBe("H2");
    const [, s5] = await count(() => ops.selectCell(finding?.sheet ?? "", finding?.address ?? ""));
    expect(s5).toBe(1);
    await ops.clearMarks();

    const [previews, s6] = await count(() =>
      ops.previewImport([{ name: "D01.xlsx", data: new ArrayBuffer(0) }]),
    );
    expect(s6).toBe(2);
    expect(previews[0]).toMatchObject({ district: "D01", importable: true, replacesExisting: false });
    const [imported, s7] = await count(() =>
      ops.importReturns([{ name: "D01.xlsx", data: new ArrayBuffer(0) }], { confirmReplace: false }),
    );
    expect(imported.error).toBeUndefined();
    expect(imported.imported).toHaveLength(1);
    expect(s7).toBeLessThanOrEqual(3);
    const h = await ops.readHeadlines();
    expect(h.partnerships).toBeGreaterThanOrEqual(1);
  });
});

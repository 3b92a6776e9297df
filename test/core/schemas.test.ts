import { PARTNERSHIPS, REPRESENTATION, TABLES } from "../../src/core/blueprint";
import {
  buildRowSchema,
  parseRow,
  partnershipRowSchema,
  ROW_SCHEMAS,
  type PartnershipRow,
} from "../../src/core/schemas";

describe("row schemas derived from the blueprint", () => {
  it.each(TABLES.map((t) => [t.name, t] as const))("%s has one field per blueprint column", (name, table) => {
    expect(Object.keys(ROW_SCHEMAS[name].shape)).toEqual(table.columns.map((c) => c.key));
  });

  it("builds the same schema from the blueprint again (derived, not written by hand)", () => {
    expect(Object.keys(buildRowSchema(REPRESENTATION).shape)).toEqual(
      REPRESENTATION.columns.map((c) => c.key),
    );
  });

  it("types a row: text, list, multi, numbers from numeric text, blanks as null", () => {
    const r = parseRow("Partnerships", {
      partnershipId: 1234,
      partnership: "  Northtown LSP ",
      level: " local ",
      barriers: "Pressure on key staff time;  Short-term national targets\nPressure on key staff time",
      meetingsPerYear: " 12 ",
      involvedSince: "2005",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const row: PartnershipRow = r.row;
    expect(row.partnershipId).toBe("1234");
    expect(row.partnership).toBe("Northtown LSP");
    expect(row.level).toBe("local");
    expect(row.barriers).toEqual(["Pressure on key staff time", "Short-term national targets"]);
    expect(row.meetingsPerYear).toBe(12);
    expect(row.involvedSince).toBe(2005);
    expect(row.notes).toBeNull();
  });

  it.each([
    ["an error value", { meetingsPerYear: { error: "#N/A" } }, "meetingsPerYear"],
    ["text in a number column", { meetingsPerYear: "twelve" }, "meetingsPerYear"],
    [
      "a thousands separator (not a number by the cell rules)",
      { meetingsPerYear: "1,200" },
      "meetingsPerYear",
    ],
    ["a fraction as a year", { involvedSince: 2005.5 }, "involvedSince"],
  ])("rejects %s", (_what, values, column) => {
    const r = parseRow("Partnerships", values);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.column)).toContain(column);
  });

  it("parses a row with every column missing as blanks", () => {
    const r = parseRow("Partnerships", {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const c of PARTNERSHIPS.columns) expect(r.row[c.key]).toEqual(c.kind === "multi" ? [] : null);
    expect(partnershipRowSchema.safeParse({ partnershipId: null }).success).toBe(false);
  });
});

describe("row types are exact (checked by tsc --noEmit, which covers test/)", () => {
  it("PartnershipRow and RepresentationRow have the blueprint's keys and value types", () => {
    const r = parseRow("Partnerships", { ourRole: "Key", barriers: "Pressure on key staff time" });
    const q = parseRow("Representation", { meetingsPerYear: 2, hoursPerMeeting: 1 });
    if (!r.ok || !q.ok) throw new Error("parse failed");
    const role: string | null = r.row.ourRole;
    const barriers: string[] = r.row.barriers;
    const hours: number | null = q.row.annualHours;
    // @ts-expect-error no such column
    expect(r.row.nonsense).toBeUndefined();
    expect([role, barriers, hours]).toEqual(["Key", ["Pressure on key staff time"], null]);
  });
});

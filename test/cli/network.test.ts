/**
 * The partner network in the command-line tool: `summary --json` has organisations, sharedSeats,
 * overlaps and topOrganisations over all the workbooks' rows together (a blank District is the
 * workbook's Settings district); `--overlap-from` overrides the setting and a value outside 0…1 is
 * a usage error naming the flag; the plain summary prints the organisations count, the hours beyond
 * one and the top overlapping pairs. Hand-worked numbers, literal.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeReturn, PARTNERSHIP_ROW, type Fill } from "../xlsx/fill";
import { runCli, type Run } from "./run-cli";

let dir: string;

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

function makeReturn(file: string, district: string, fill: Fill): Promise<void> {
  return writeReturn(dir, file, district, fill);
}

const rep = (partnershipId: string, meetingsPerYear: number) => ({
  partnershipId,
  grade: "SEO",
  meetingsPerYear,
  hoursPerMeeting: 10,
  annualHours: meetingsPerYear * 10,
});
const member = (partnershipId: string, organisation: string) => ({ partnershipId, organisation });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-net-"));
  expect(cli("template", "template.xlsx").status).toBe(0);
  // D01 and D02 both attend P-R001 (100 and 60 hours: 60 beyond one). In D01, P-1 and P-2 share
  // Council and College (2 of P-1's 2: share 1); P-2 and P-3 share only Council.
  await makeReturn("D01.xlsx", "D01", {
    rows: {
      Partnerships: ["P-R001", "P-1", "P-2", "P-3"].map((id) => ({ ...PARTNERSHIP_ROW, partnershipId: id })),
      Representation: [rep("P-R001", 10), rep("P-1", 2)],
      Members: [
        member("P-1", "Council"),
        member("P-1", "College"),
        member("P-2", "council"),
        member("P-2", "College"),
        member("P-2", "Health Trust"),
        member("P-2", "<b>Chamber</b>"),
        member("P-3", "Council"),
      ],
    },
  });
  await makeReturn("D02.xlsx", "D02", {
    rows: {
      Partnerships: [{ ...PARTNERSHIP_ROW, partnershipId: "P-R001" }],
      Representation: [rep("P-R001", 6)],
      Members: [member("P-R001", "Council")],
    },
  });
});

describe("summary and the partner network", () => {
  it("--json adds organisations, sharedSeats, overlaps and topOrganisations, unrounded", () => {
    const run = cli("summary", "D01.xlsx", "D02.xlsx", "--json");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out.organisations).toBe(4);
    expect(out.sharedSeats).toEqual([{ id: "P-R001", districts: 2, hours: 160, hoursBeyondOne: 60 }]);
    expect(out.overlaps).toEqual([{ a: "P-1", b: "P-2", shared: 2, share: 1 }]);
    expect(out.topOrganisations).toEqual([
      { organisation: "Council", partnerships: 4 },
      { organisation: "College", partnerships: 2 },
      { organisation: "<b>Chamber</b>", partnerships: 1 },
      { organisation: "Health Trust", partnerships: 1 },
    ]);
  });

  it("a district return alone shares no seat", () => {
    const out = JSON.parse(cli("summary", "D01.xlsx", "--json").stdout) as Record<string, unknown>;
    expect(out.sharedSeats).toEqual([]);
  });

  it("--overlap-from overrides the setting; outside 0…1 is a usage error naming the flag", () => {
    const low = JSON.parse(cli("summary", "D01.xlsx", "--json", "--overlap-from", "0.2").stdout) as {
      overlaps: unknown[];
    };
    expect(low.overlaps).toEqual([{ a: "P-1", b: "P-2", shared: 2, share: 1 }]);
    for (const bad of ["1.5", "-0.1", "half"]) {
      const run = cli("summary", "D01.xlsx", "--overlap-from", bad);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`--overlap-from ${bad}`);
    }
  });

  it("the plain summary prints the organisations, the hours beyond one and the top overlapping pairs", () => {
    const run = cli("summary", "D01.xlsx", "D02.xlsx");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Organisations we meet: 4");
    expect(run.stdout).toContain(
      "Hours beyond one on shared seats: 60 hours a year in all (P-R001: 2 districts, 60 beyond one)",
    );
    expect(run.stdout).toContain(
      "Overlapping partnerships (sharing 50% or more): 1 pair; top: P-1 and P-2 (2 organisations, 100%)",
    );
  });
});

describe("summary at the edges of the network contract", () => {
  beforeAll(async () => {
    // P-A{x,y,z} and P-B{x,y,w}: 2 of 3, share 2/3 (unrounded in JSON). 25 organisations on one,
    // two or three of P-0, P-1, P-2 (Org 00 on one, Org 01 on two, Org 02 on three, …), a row with
    // a blank Organisation; Overlap from 0.6 in Settings.
    const orgs: ReturnType<typeof member>[] = [];
    for (let o = 0; o < 25; o++)
      for (let p = 0; p <= o % 3; p++) orgs.push(member(`P-${p}`, `Org ${String(o).padStart(2, "0")}`));
    await makeReturn("E01.xlsx", "E01", {
      settings: { overlapFrom: 0.6 },
      rows: {
        Partnerships: ["P-0", "P-1", "P-2", "P-A", "P-B"].map((id) => ({
          ...PARTNERSHIP_ROW,
          partnershipId: id,
        })),
        Representation: [rep("P-0", 1)],
        Members: [
          ...orgs,
          ...["x", "y", "z", "X"].map((o) => member("P-A", o)),
          ...["x", "y", "w"].map((o) => member("P-B", o)),
          member("P-A", ""),
        ],
      },
    });
    // an error value in an Organisation cell stops the overlaps and the organisations
    await makeReturn("E02.xlsx", "E02", {
      rows: {
        Partnerships: [{ ...PARTNERSHIP_ROW, partnershipId: "P-1" }],
        Representation: [rep("P-1", 1)],
        Members: [member("P-1", "Council"), { partnershipId: "P-1", organisation: { error: "#N/A" } }],
      },
    });
  });

  const json = (...args: string[]): Record<string, unknown> => {
    const run = cli("summary", ...args, "--json");
    expect(run.stdout).not.toBe("");
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };

  it("share is unrounded; the Settings' Overlap from applies; topOrganisations lists 20, no (blank), ties A→Z", () => {
    const out = json("E01.xlsx");
    expect(out.organisations).toBe(29);
    expect(out.overlaps).toEqual([
      { a: "P-0", b: "P-1", shared: 16, share: 1 },
      { a: "P-0", b: "P-2", shared: 8, share: 1 },
      { a: "P-1", b: "P-2", shared: 8, share: 1 },
      { a: "P-A", b: "P-B", shared: 2, share: 2 / 3 },
    ]);
    const top = out.topOrganisations as { organisation: string; partnerships: number }[];
    expect(top).toHaveLength(20);
    expect(top.slice(0, 8).map((o) => o.organisation)).toEqual(
      ["02", "05", "08", "11", "14", "17", "20", "23"].map((n) => `Org ${n}`),
    );
    expect(top.slice(8).map((o) => [o.organisation, o.partnerships])).toEqual([
      ...["01", "04", "07", "10", "13", "16", "19", "22"].map((n) => [`Org ${n}`, 2]),
      ["x", 2],
      ["y", 2],
      ["Org 00", 1],
      ["Org 03", 1],
    ]);
    expect(out.sharedSeats).toEqual([]);
  });

  it("--overlap-from 0 and 1 are in range, also as --overlap-from=S", () => {
    expect(json("E01.xlsx", "--overlap-from", "0").overlaps).toHaveLength(4);
    expect(json("E01.xlsx", "--overlap-from=1").overlaps).toHaveLength(3);
    expect(json("E01.xlsx", "--overlap-from", "0.7").overlaps).toHaveLength(3);
    expect(json("E01.xlsx", "--overlap-from", " 2e-1 ").overlaps).toHaveLength(4);
  });

  it("--overlap-from without a value, blank, a percentage or not finite: exit 2 naming the flag", () => {
    for (const args of [
      ["--overlap-from"],
      ["--overlap-from", ""],
      ["--overlap-from", "60%"],
      ["--overlap-from=Infinity"],
    ]) {
      const run = cli("summary", "E01.xlsx", ...args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("--overlap-from");
    }
  });

  it("a figure stopped by an error value says not computed, with the reason, never none", () => {
    const run = cli("summary", "E02.xlsx");
    expect(run.stdout).toContain("Organisations we meet: not computed");
    expect(run.stdout).toContain("Overlapping partnerships (sharing 50% or more): not computed");
    expect(run.stdout).toContain(
      "Hours beyond one on shared seats: none (no partnership is attended from more than one district)",
    );
    expect(run.stderr).toContain("The overlaps figure could not be worked out: #N/A");
  });

  it("--json: a figure stopped by an error value is null, its reason in notComputed; the others stand", () => {
    const out = json("E02.xlsx");
    expect(out.organisations).toBeNull();
    expect(out.overlaps).toBeNull();
    expect(out.topOrganisations).toBeNull();
    expect(out.sharedSeats).toEqual([]);
    expect(out.notComputed).toEqual({
      organisations: expect.stringContaining("holds the error #N/A"),
      overlaps: expect.stringContaining("holds the error #N/A"),
      topOrganisations: expect.stringContaining("holds the error #N/A"),
    });
  });
});

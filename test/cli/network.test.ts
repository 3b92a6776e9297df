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
      "Overlapping partnerships (sharing 50% or more): 1 pairs; top: P-1 and P-2 (2 organisations, 100%)",
    );
  });
});

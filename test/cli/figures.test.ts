/**
 * A figure is finite or absent, never wrong: a cost that overflows is an error at the cell that
 * causes it and "not computed" everywhere it would show (JSON null with the reason, the text
 * summary, the report); one unusable cell makes the figure it would falsify "not computed", not 0;
 * huge hours never put NaN or Infinity into the report's charts, and long numbers are shown in a
 * readable form. The files are made here, as a district would fill them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeReturn, PARTNERSHIP_ROW, type Fill } from "../xlsx/fill";
import { unzipParts, zipParts } from "../xlsx/hostile-files";
import { runCli, type Run } from "./run-cli";

let dir: string;

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

const at = (file: string): string => path.join(dir, file);

function makeReturn(file: string, district: string, fill: Fill): Promise<void> {
  return writeReturn(dir, file, district, fill);
}

const partnership = (id: string): Fill["rows"] => ({
  Partnerships: [{ ...PARTNERSHIP_ROW, partnershipId: id, notes: null }],
});

interface Summary {
  fte: number | null;
  cost: number | null;
  costByDistrict: Record<string, number | null>;
  review: unknown[] | null;
  notComputed: Record<string, string>;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-figures-"));
  expect(cli("template", "template.xlsx").status).toBe(0);
  // an hourly cost of 1e308: 100 hours of it overflow the cost
  await makeReturn("over.xlsx", "D01", {
    gradeCosts: { SEO: 1e308 },
    rows: {
      ...partnership("P-1"),
      Representation: [
        { partnershipId: "P-1", grade: "SEO", meetingsPerYear: 10, hoursPerMeeting: 10, annualHours: 100 },
      ],
    },
  });
  // huge hours: each a number, their cost beyond any number
  await makeReturn("huge.xlsx", "D02", {
    gradeCosts: { SEO: 30 },
    rows: {
      Partnerships: [
        { ...PARTNERSHIP_ROW, partnershipId: "P-1", notes: null },
        { ...PARTNERSHIP_ROW, partnershipId: "P-2", notes: null },
      ],
      Representation: [
        { partnershipId: "P-1", grade: "SEO", meetingsPerYear: 10, hoursPerMeeting: 2, annualHours: 1e300 },
        { partnershipId: "P-2", grade: "SEO", meetingsPerYear: 10, hoursPerMeeting: 2, annualHours: 1e307 },
      ],
    },
  });
  // one rating of 9: the review cannot be made
  await makeReturn("rating9.xlsx", "D03", {
    gradeCosts: { SEO: 30 },
    rows: {
      ...partnership("P-1"),
      Representation: [
        { partnershipId: "P-1", grade: "SEO", meetingsPerYear: 10, hoursPerMeeting: 3, annualHours: 30 },
      ],
      PartnerSurvey: [{ partnershipId: "P-1", respondent: "Council", valueTime: 9, valueExperience: 2 }],
    },
  });
  // an infinite Annual hours: 1e999 in the sheet reads as Infinity
  await makeReturn("infinite.xlsx", "D04", {
    gradeCosts: { SEO: 30 },
    rows: {
      ...partnership("P-1"),
      Representation: [
        {
          partnershipId: "P-1",
          grade: "SEO",
          meetingsPerYear: 10,
          hoursPerMeeting: 3,
          annualHours: 12345.678,
        },
      ],
    },
  });
  const parts = unzipParts(readFileSync(at("infinite.xlsx")));
  const sheet = [...parts.keys()].find((k) => parts.get(k)?.includes("<v>12345.678</v>")) ?? "";
  expect(sheet).toMatch(/^xl\/worksheets\//);
  parts.set(sheet, (parts.get(sheet) ?? "").replace("<v>12345.678</v>", "<v>1e999</v>"));
  writeFileSync(at("infinite.xlsx"), zipParts(parts));
}, 60000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("a cost that overflows", () => {
  it("is an error at the Annual hours cell that makes it, and exit 1", () => {
    const r = cli("check", "over.xlsx");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'over.xlsx: Representation row 2, Annual hours: 100 hours at the hourly cost of "SEO" (1e+308) make the annual cost more than a number can hold, so it cannot be computed; check these hours and that grade\'s Hourly cost in GradeCosts',
    );
  });

  it("summary --json: null with the reason, exit 1", () => {
    const r = cli("summary", "--json", "over.xlsx");
    expect(r.status).toBe(1);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.cost).toBeNull();
    expect(s.costByDistrict).toEqual({ D01: null });
    expect(s.notComputed.cost).toMatch(/too large to compute/);
    expect(r.stderr).toMatch(/over\.xlsx: Representation row 2, Annual hours: /);
  });

  it("the text summary says not computed and why, never £∞", () => {
    const r = cli("summary", "over.xlsx");
    expect(r.stdout).not.toContain("∞");
    expect(r.stdout).toMatch(/^Annual cost of staff time: not computed: the total is too large to compute/m);
    expect(r.stdout).toMatch(/^Cost by district: D01 not computed$/m);
  });

  it("the report says not computed, and its previous-round change is no signed word", async () => {
    // the previous round: the same costs, a round earlier
    await makeReturn("over-prev.xlsx", "D01", {
      settings: { auditRound: "2025-Q4" },
      gradeCosts: { SEO: 1e308 },
      rows: {
        ...partnership("P-1"),
        Representation: [
          { partnershipId: "P-1", grade: "SEO", meetingsPerYear: 10, hoursPerMeeting: 10, annualHours: 100 },
        ],
      },
    });
    const ok = cli("report", "over.html", "over.xlsx", "--previous", "over-prev.xlsx");
    expect(ok.status).toBe(1);
    const html = readFileSync(at("over.html"), "utf8");
    expect(html).not.toMatch(/∞|Infinity|NaN|−not/);
    expect(html).toContain("not computed: the total is too large to compute");
  });
});

describe("one unusable cell makes its figure not computed, never 0", () => {
  it("an infinite Annual hours: FTE is null with the reason, not 0", () => {
    const r = cli("summary", "--json", "infinite.xlsx");
    expect(r.status).toBe(1);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.fte).toBeNull();
    expect(s.notComputed.fte).toMatch(/Annual hours/);
    const t = cli("summary", "infinite.xlsx");
    expect(t.stdout).toMatch(/^Staff time \(FTE\): not computed: .*Annual hours/m);
    expect(t.stdout).not.toMatch(/^Staff time \(FTE\): 0\.00$/m);
  });

  it("an infinite Annual hours: the report does not say 0.00 below the study's range", () => {
    expect(cli("report", "infinite.html", "infinite.xlsx").status).toBe(1);
    const html = readFileSync(at("infinite.html"), "utf8");
    expect(html).toMatch(/not computed: a cell of Representation&#39;s Annual hours/);
    expect(html).not.toMatch(/data-figure="fte"[^>]*>0\.00/);
    expect(html).toContain("Staff time by district: not computed: ");
    expect(html).not.toContain("Staff time by district: none recorded");
  });

  it("a rating of 9: the review is not computed, not 'none'", () => {
    const s = JSON.parse(cli("summary", "--json", "rating9.xlsx").stdout) as Summary;
    expect(s.review).toBeNull();
    expect(s.notComputed.review).toMatch(/value ratings/);
    const t = cli("summary", "rating9.xlsx");
    expect(t.stdout).toMatch(/^Partnerships to review.*: not computed: /m);
    expect(cli("report", "rating9.html", "rating9.xlsx").status).toBe(1);
    const html = readFileSync(at("rating9.html"), "utf8");
    expect(html).toContain('data-review="not-computed"');
    expect(html).not.toContain('data-review="none"');
  });
});

describe("huge hours", () => {
  it("no NaN or Infinity in the report, its charts and ticks; long numbers in a readable form", () => {
    expect(cli("report", "huge.html", "huge.xlsx").status).toBe(1);
    const html = readFileSync(at("huge.html"), "utf8");
    expect(html).not.toMatch(/NaN|Infinity|∞/);
    expect(html).not.toMatch(/\d{16,}/);
    expect(html).toContain("5.2\u00a0×\u00a010³⁰³");
  });

  it("the text summary shows them readably too", () => {
    const r = cli("summary", "huge.xlsx");
    expect(r.stdout).toMatch(/^Staff time \(FTE\): 5\.2\u00a0×\u00a010³⁰³$/m);
    expect(r.stdout).not.toMatch(/e\+\d|\d{16,}/);
  });
});

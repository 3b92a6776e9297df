/**
 * `partnership-audit report` as people run it (node bin/partnership-audit.cjs) on workbooks in a
 * temp folder: district returns, a regional workbook and the demo's output. Exit status 0 / 1
 * (errors in the data: still written, listed in Data quality) / 2 (unreadable: nothing written);
 * OUT is replaced atomically. The report's figures are read back from the HTML with parse5.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { reportDate, parseReportArgs } from "../../src/cli/report";
import {
  all,
  byClass,
  byId,
  byTag,
  figure,
  parseHtml,
  tableByCaption,
  tableRows,
  text,
} from "../core/report/dom";
import { fillWorkbook, partnershipRows, representationRows, type FillRow } from "../xlsx/fill";
import { runCli, type Run } from "./run-cli";

let dir: string;

/** Markup as users may type it, in a file's name, the settings and the rows. */
const HOSTILE = {
  file: `D14 <b>&amp;'q".xlsx`,
  region: "<script>alert(1)</script>",
  district: '<img src=x onerror="alert(2)">',
  name: "<svg onload=alert(3)><a href='https://example.invalid/'>x</a>",
  id: "P-<i>1</i>",
  role: "<iframe src=//example.invalid>",
};

function cli(...args: string[]): Run {
  return runCli(dir, args, { env: { SOURCE_DATE_EPOCH: "1798416000" } }); // 2026-12-28;
}

const read = (file: string): string => readFileSync(path.join(dir, file), "utf8");
const demo = (name: string): string => path.join("demo", name);
const returns = Array.from({ length: 11 }, (_, i) => demo(`D${String(i + 1).padStart(2, "0")}.xlsx`));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-report-"));
  expect(cli("demo", "demo").status).toBe(0);
  expect(cli("template", "template.xlsx", "--region", "North West").status).toBe(0);
  const template = readFileSync(path.join(dir, "template.xlsx"));
  const boss = partnershipRows(3, "D12");
  boss[2] = { ...boss[2], ourRole: "Boss" };
  writeFileSync(
    path.join(dir, "D12.xlsx"),
    await fillWorkbook(template, {
      settings: { region: "North West", district: "D12", auditRound: "2026-Q4" },
      rows: { Partnerships: boss, Representation: representationRows(3, "D12") },
    }),
  );
  // the previous round (2025-Q4) of D06 and D07: the first two of their partnerships
  mkdirSync(path.join(dir, "prev"));
  for (const d of ["D06", "D07"]) {
    writeFileSync(
      path.join(dir, "prev", `${d}.xlsx`),
      await fillWorkbook(template, {
        settings: { region: "North West", district: d, auditRound: "2025-Q4" },
        rows: { Partnerships: partnershipRows(2, d), Representation: representationRows(2, d) },
      }),
    );
  }
  // D13: 30 + 24 hours of an SEO and a Grade 7 and no hourly costs: not costed
  writeFileSync(
    path.join(dir, "D13.xlsx"),
    await fillWorkbook(template, {
      settings: { region: "North West", district: "D13", auditRound: "2026-Q4" },
      rows: {
        Partnerships: partnershipRows(1, "D13"),
        Representation: [
          {
            partnershipId: "P-D13001",
            grade: "SEO",
            meetingsPerYear: 10,
            hoursPerMeeting: 3,
            annualHours: 30,
          },
          {
            partnershipId: "P-D13001",
            grade: "Grade 7",
            meetingsPerYear: 12,
            hoursPerMeeting: 2,
            annualHours: 24,
          },
        ],
      },
    }),
  );
  writeFileSync(path.join(dir, "not-a-workbook.xlsx"), "this is text, not a workbook");
  // markup everywhere a user types text: the file's name, the settings, a partnership, a wrong role
  const hostile: FillRow[] = partnershipRows(2, "D14").map((row) => ({ ...row, region: HOSTILE.region }));
  hostile[0] = { ...hostile[0], partnership: HOSTILE.name, partnershipId: HOSTILE.id };
  hostile[1] = { ...hostile[1], ourRole: HOSTILE.role };
  writeFileSync(
    path.join(dir, HOSTILE.file),
    await fillWorkbook(template, {
      settings: { region: HOSTILE.region, district: HOSTILE.district, auditRound: "2026-Q4" },
      rows: { Partnerships: hostile, Representation: representationRows(1, "D14") },
    }),
  );
}, 180000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("partnership-audit report", () => {
  it("demo DIR writes report.html beside the regional workbook, made from it", () => {
    const doc = parseHtml(read(demo("report.html")));
    expect(text(byTag(doc, "h1")[0])).toBe("Partnership audit: North West, 2026-Q4");
    const facts = tableRowsOfFacts(doc);
    expect(facts["Made from"]).toBe("regional.xlsx");
    expect(figure(doc, "partnerships")).toBe("46");
    expect(figure(doc, "districts")).toBe("11");
  });

  it("the demo's report.html: its annual cost and the partnerships flagged Review, in words and in the table", () => {
    const q4 = byId(parseHtml(read(demo("report.html"))), "q4");
    // the seeded demo (summary prints "Annual cost of staff time: £816,878" and these five to review)
    expect(figure(q4, "cost-q4")).toBe("£816,878");
    const flagged = byTag(byClass(q4, "flagged")[0], "li").map((li) => text(li).split(" ")[0]);
    expect(flagged).toEqual(["P-0501", "P-0701", "P-1004", "P-0704", "P-0403"]);
    expect(text(byTag(byClass(q4, "flagged")[0], "li")[0])).toBe(
      "P-0501 D05 Local Strategic Partnership: 576 hours a year, value 1.6.",
    );
    const rows = tableRows(tableByCaption(q4, "Value for time review"));
    expect(rows.length).toBe(46);
    expect(rows.filter((r) => r[3] === "Review").map((r) => r[0])).toEqual(flagged);
    expect(rows.find((r) => r[0] === "P-0501")).toEqual(["P-0501", "576", "1.6", "Review"]);
    // the same review as summary --json gives for the regional workbook
    const summary = JSON.parse(cli("summary", "--json", demo("regional.xlsx")).stdout) as {
      cost: number;
      review: { id: string; hours: number; flag: string }[];
    };
    expect(summary.cost).toBeCloseTo(816878, -1);
    expect(rows.map((r) => [r[0], r[3]])).toEqual(summary.review.map((x) => [x.id, x.flag]));
  });

  it("--value-below and --hours-from set the review as in summary; a value out of range is a usage error", () => {
    const r = cli("report", "strict.html", demo("regional.xlsx"), "--value-below", "2", "--hours-from=300");
    expect(r.status).toBe(0);
    const q4 = byId(parseHtml(read("strict.html")), "q4");
    // of the five below 2.5, P-0501 (1.63, 576 h), P-0701 (1.50, 366 h) and P-1004 (1.63, 318 h)
    // are below 2 with at least 300 hours; P-0704 (266 h) and P-0403 (256 h) are not
    expect(byTag(byClass(q4, "flagged")[0], "li").map((li) => text(li).split(" ")[0])).toEqual([
      "P-0501",
      "P-0701",
      "P-1004",
    ]);
    expect(text(byClass(q4, "rule")[0])).toContain(
      "is below 2 (on the scale 1 to 4) and we give it at least 300 hours a year",
    );
    const bad = cli("report", "bad-threshold.html", demo("regional.xlsx"), "--value-below", "5");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--value-below 5 is not");
    expect(existsSync(path.join(dir, "bad-threshold.html"))).toBe(false);
  });

  it("a grade with hours but no cost: not costed, the grades named on standard error and in the report", () => {
    const r = cli("report", "uncosted.html", "D13.xlsx");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      "No annual cost: the grades SEO, Grade 7 have hours but no hourly cost; fill in the GradeCosts table on the Settings sheet",
    );
    const doc = parseHtml(read("uncosted.html"));
    expect(figure(doc, "cost")).toBe("not costed");
    expect(text(byId(doc, "q4"))).toContain(
      "not costed: no hourly cost for the grades SEO, Grade 7, which have hours",
    );
  });

  it("district returns: exit 0; the figures are summary's, rounded for people", () => {
    const r = cli("report", "r.html", ...returns);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Wrote r.html: the audit report "Partnership audit: North West, 2026-Q4"');
    const summary = JSON.parse(cli("summary", "--json", ...returns).stdout) as {
      partnerships: number;
      perDistrict: number;
      leadershipRatio: number;
      fte: number;
    };
    const doc = parseHtml(read("r.html"));
    expect(figure(doc, "partnerships")).toBe(String(summary.partnerships));
    expect(figure(doc, "per-district")).toBe(summary.perDistrict.toFixed(1));
    expect(figure(doc, "leadership")).toBe(`${Math.round(summary.leadershipRatio * 100)}%`);
    expect(figure(doc, "fte")).toBe(summary.fte.toFixed(2));
    // literal figures of the seeded demo data (summary prints "Partnerships per district: 4.64")
    expect(figure(doc, "per-district")).toBe("4.6");
    expect(tableRowsOfFacts(doc)["Made on"]).toBe("2026-12-28");
    expect(text(byId(doc, "data-quality"))).toContain("Every check passed");
  });

  it("a regional workbook gives the same figures as its returns", () => {
    expect(cli("report", "regional.html", demo("regional.xlsx")).status).toBe(0);
    const fromRegional = parseHtml(read("regional.html"));
    const fromReturns = parseHtml(read("r.html"));
    for (const key of ["partnerships", "districts", "per-district", "leadership", "fte", "trust", "value"]) {
      expect(figure(fromRegional, key)).toBe(figure(fromReturns, key));
    }
  });

  it("--previous and --title: the comparison section and the given title", () => {
    const r = cli(
      "report",
      "cmp.html",
      ...returns.slice(0, 6),
      "--previous",
      path.join("prev", "D06.xlsx"),
      path.join("prev", "D07.xlsx"),
      "--title",
      "Board paper <draft>",
    );
    expect(r.status).toBe(0);
    const doc = parseHtml(read("cmp.html"));
    expect(text(byTag(doc, "h1")[0])).toBe("Board paper <draft>");
    const change = tableRows(
      tableByCaption(byId(doc, "previous-round"), "Partnerships new, continuing and ended"),
    );
    expect(change.map((row) => row[0])).toEqual(["New", "Continuing", "Ended"]);
    expect(text(byId(doc, "previous-round"))).toContain("prev/D06.xlsx, D07.xlsx");
  });

  it("errors in the data: exit 1, the report still written, its Data quality lists them", () => {
    const r = cli("report", "bad.html", returns[0], "D12.xlsx");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/D12\.xlsx: Partnerships row 4, Our role: "Boss"/);
    const dq = byId(parseHtml(read("bad.html")), "data-quality");
    expect(tableRows(tableByCaption(dq, "Errors and warnings per file and sheet"))).toContainEqual([
      "D12.xlsx",
      "Partnerships",
      "1",
      "0",
    ]);
    expect(text(dq)).toContain('"Boss" is not');
  });

  it("markup in a file's name, the settings, a name, an ID, a finding and the title is text: no element, no attribute, nothing fetched", () => {
    const title = `</style><script>alert(4)</script> "Board" & 'paper'`;
    const r = cli("report", "hostile.html", HOSTILE.file, "--title", title);
    expect(r.status).toBe(1); // the role is not one of the list
    const html = read("hostile.html");
    const doc = parseHtml(html);
    // no element or attribute from the data: the document's own elements only
    expect(byTag(doc, "script")).toEqual([]);
    expect(byTag(doc, "img")).toEqual([]);
    expect(byTag(doc, "iframe")).toEqual([]);
    expect(byTag(doc, "a")).toEqual([]);
    expect(byTag(doc, "i")).toEqual([]);
    expect(byTag(doc, "b")).toEqual([]);
    expect(byTag(doc, "style")).toHaveLength(1);
    expect(
      all(doc, (e) => e.attrs.some((a) => /^on/i.test(a.name) || a.name === "src" || a.name === "href")),
    ).toEqual([]);
    // every text reads back as typed
    expect(text(byTag(doc, "title")[0])).toBe(title);
    expect(text(byTag(doc, "h1")[0])).toBe(title);
    const facts = tableRowsOfFacts(doc);
    expect(facts.Region).toBe(HOSTILE.region);
    expect(facts.District).toBe(HOSTILE.district);
    expect(facts["Made from"]).toBe(HOSTILE.file);
    const list = tableRows(tableByCaption(byId(doc, "q1"), "The 2 partnerships"));
    expect(list.map((row) => [row[0], row[1]])).toContainEqual([HOSTILE.id, HOSTILE.name]);
    const dq = byId(doc, "data-quality");
    expect(tableRows(tableByCaption(dq, "Errors and warnings per file and sheet"))[0][0]).toBe(HOSTILE.file);
    expect(text(dq)).toContain(`"${HOSTILE.role}" is not`);
    // in the charts too: the chart of roles labels the wrong role as text
    expect(byTag(byId(doc, "q2"), "text").map(text)).toContainEqual(expect.stringContaining("<iframe"));
  });

  it("an unreadable input: exit 2, nothing written, an existing report left as it was", () => {
    writeFileSync(path.join(dir, "keep.html"), "old report");
    const r = cli("report", "keep.html", returns[0], "not-a-workbook.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("not-a-workbook.xlsx:");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(read("keep.html")).toBe("old report");
    const missing = cli("report", "new.html", returns[0], "--previous", "missing.xlsx");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("missing.xlsx: no such file");
    expect(existsSync(path.join(dir, "new.html"))).toBe(false);
  });

  it("OUT is replaced atomically: no temporary file is left beside it", () => {
    writeFileSync(path.join(dir, "again.html"), "old");
    expect(cli("report", "again.html", returns[0]).status).toBe(0);
    expect(read("again.html")).toMatch(/^<!DOCTYPE html>/);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it.each([
    [["report"], "report needs OUT.html"],
    [["report", "only.html"], "at least one WORKBOOK.xlsx"],
    [["report", "x.html", "a.xlsx", "--previous"], "--previous needs"],
    [["report", "x.html", "a.xlsx", "--title"], "--title needs a value"],
    [["report", "x.html", "a.xlsx", "--bogus"], "unknown option --bogus"],
  ])("%p: exit 2, the one line saying what is wrong and where the help is", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(message);
    expect(lines[1]).toContain("`partnership-audit report --help`");
    expect(r.stdout).toBe("");
  });

  it("OUT that is one of the inputs, or in a missing folder: exit 2, the input untouched", () => {
    const before = readFileSync(path.join(dir, returns[0]));
    expect(cli("report", returns[0], returns[0]).status).toBe(2);
    expect(readFileSync(path.join(dir, returns[0]))).toEqual(before);
    const r = cli("report", path.join("no-such-folder", "r.html"), returns[0]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("r.html: its folder does not exist");
  });
});

describe("argument parsing and the date", () => {
  it.each([
    [["o.html", "a", "b"], { out: "o.html", files: ["a", "b"], previous: [] }],
    [["o.html", "a", "--previous", "p", "q"], { out: "o.html", files: ["a"], previous: ["p", "q"] }],
    [
      ["o.html", "a", "--previous", "p", "--title", "T", "b"],
      { out: "o.html", files: ["a", "b"], previous: ["p"], title: "T" },
    ],
    [
      ["o.html", "--previous=p", "a", "--title=T=1"],
      { out: "o.html", files: ["a"], previous: ["p"], title: "T=1" },
    ],
    [
      ["o.html", "a", "--value-below", "2", "--previous", "p", "--hours-from=40"],
      { out: "o.html", files: ["a"], previous: ["p"], valueBelow: "2", hoursFrom: "40" },
    ],
    [
      ["o.html", "a", "--previous", "p", "--", "-odd.xlsx"],
      { out: "o.html", files: ["a"], previous: ["p", "-odd.xlsx"] },
    ],
  ])("%p", (args, expected) => {
    expect(parseReportArgs(args)).toEqual(expected);
  });

  it("SOURCE_DATE_EPOCH fixes the date; otherwise today in local time", () => {
    expect(reportDate({ SOURCE_DATE_EPOCH: "0" })).toBe("1970-01-01");
    expect(reportDate({}, new Date(2026, 10, 29, 23, 59))).toBe("2026-11-29");
    expect(reportDate({ SOURCE_DATE_EPOCH: "soon" }, new Date(2026, 0, 2))).toBe("2026-01-02");
  });
});

function tableRowsOfFacts(doc: ReturnType<typeof parseHtml>): Record<string, string> {
  const facts = byTag(doc, "dl")[0];
  const dd = byTag(facts, "dd");
  return Object.fromEntries(byTag(facts, "dt").map((dt, i) => [text(dt), text(dd[i])]));
}

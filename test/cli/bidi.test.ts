/**
 * Bidirectional text is isolated: a right-to-left override in a region, a partnership ID or a name
 * never reaches outside its own text, in the report (title, cells, chart labels and tooltips) and
 * on the terminal. The return is made here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fillWorkbook, PARTNERSHIP_ROW } from "../xlsx/fill";
import { runCli, type Run } from "./run-cli";

let dir: string;
const RLO = "\u202e";
const FSI = "\u2068";
const PDI = "\u2069";

function cli(...args: string[]): Run {
  return runCli(dir, args);
}

const at = (file: string): string => path.join(dir, file);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa-bidi-"));
  expect(cli("template", "template.xlsx").status).toBe(0);
  writeFileSync(
    at("D01.xlsx"),
    await fillWorkbook(readFileSync(at("template.xlsx")), {
      settings: { region: `${RLO}West`, district: "D01", auditRound: "2026-Q4" },
      rows: {
        Partnerships: [
          {
            ...PARTNERSHIP_ROW,
            region: `${RLO}West`,
            partnershipId: `P-1${RLO}x`,
            partnership: `${RLO}Board`,
            notes: null,
          },
        ],
        Representation: [
          {
            partnershipId: `P-1${RLO}x`,
            grade: "SEO",
            meetingsPerYear: 10,
            hoursPerMeeting: 3,
            annualHours: 30,
          },
        ],
      },
    }),
  );
}, 60000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every text node holding an override: its text isolated (FSI … PDI), or the whole node in a <bdi>. */
function overridesIsolated(html: string): string[] {
  const loose: string[] = [];
  const node = />([^<]*)</g;
  for (let m = node.exec(html); m; m = node.exec(html)) {
    const text = m[1];
    if (!text.includes(RLO)) continue;
    const before = html.slice(0, m.index + 1);
    const inBdi = /<bdi>$/.test(before);
    const isolatedText = text.split(RLO).every((part, i, all) => {
      if (i === all.length - 1) return true;
      // an override after an FSI that is closed after it
      const open = part.lastIndexOf(FSI);
      return (
        open >= 0 &&
        all
          .slice(i + 1)
          .join(RLO)
          .includes(PDI)
      );
    });
    if (!inBdi && !isolatedText) loose.push(text);
  }
  return loose;
}

describe("a right-to-left override", () => {
  it("in the region: the report's title keeps the rest of the title in order", () => {
    const r = cli("report", "r.html", "D01.xlsx");
    expect(r.status).toBe(0);
    const html = readFileSync(at("r.html"), "utf8");
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
    expect(title).toBe(`${FSI}Partnership audit: ${FSI}${RLO}West${PDI}, 2026-Q4${PDI}`);
    expect(html).toContain(`<h1><bdi>Partnership audit: ${FSI}${RLO}West${PDI}, 2026-Q4</bdi></h1>`);
  });

  it("in cells, chart labels and tooltips: every one isolated", () => {
    const html = readFileSync(at("r.html"), "utf8");
    expect(html.split(RLO).length).toBeGreaterThan(5);
    expect(overridesIsolated(html)).toEqual([]);
    expect(html).toContain(`<title>${FSI}P-1${RLO}x${PDI}: 30</title`);
  });

  it("on the terminal: shown as an escape, never raw", () => {
    const r = cli("report", "r2.html", "D01.xlsx");
    expect(r.stdout).not.toContain(RLO);
    expect(r.stdout).toContain("\\u202eWest");
    const s = cli("summary", "D01.xlsx");
    expect(s.stdout + s.stderr).not.toContain(RLO);
  });
});

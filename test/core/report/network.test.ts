/**
 * The report's section "Overlaps and the partner network": after question 1, the shared seats, the
 * overlapping pairs, the organisations met most, and a deterministic inline SVG picture (at most 40
 * organisations drawn, the rest counted in words) with a table of the same links; every label
 * escaped and isolated; hostile input neither breaks the page nor hangs.
 */
import { appendsToReturn } from "../../../src/core/consolidation/consolidate";
import { demoReturns } from "../../../src/core/demo/demo-data";
import { buildReportInput, renderReport } from "../../../src/core/report";
import { MAX_DRAWN, networkLayout, networkLinks } from "../../../src/core/report/network";
import { readReturn } from "../../../src/core/returns/read-return";
import { all, attr, byId, byTag, parseHtml, tableByCaption, tableRows, text } from "./dom";
import { GOOD_PARTNERSHIP, GOOD_REPRESENTATION, grid, type RowInput } from "../returns/return-fixtures";

const demo = demoReturns().map((r) => appendsToReturn(r.file, r.settings, r.tables));
const report = (returns = demo): string =>
  renderReport(buildReportInput({ returns, findings: new Map(), madeOn: "2026-12-05" }));

describe("the network section on the demo region", () => {
  const page = report();
  const doc = parseHtml(page);
  const section = byId(doc, "network");

  it("follows question 1 with the three tables", () => {
    expect(text(byTag(section, "h2")[0])).toBe("Overlaps and the partner network");
    const seats = tableRows(
      tableByCaption(section, "Shared seats: partnerships attended from several districts"),
    );
    expect(seats.map((r) => r[0])).toEqual(expect.arrayContaining(["P-R001", "P-S001", "P-S002", "P-S003"]));
    expect(seats.find((r) => r[0] === "P-R001")?.[1]).toBe("3");
    expect(text(section)).toContain("Overlapping partnerships: sharing at least 2 organisations");
    expect(text(section)).toContain("Organisations we meet most");
  });

  it("draws an inline SVG without script, the same on every run, with a table of the same links", () => {
    const svg = all(section, (e) => e.tagName === "svg");
    expect(svg).toHaveLength(1);
    expect(attr(svg[0], "role")).toBe("img");
    expect(page).not.toMatch(/<script/i);
    expect(report()).toBe(page);
    const links = networkLinks(demo);
    const lines = all(svg[0], (e) => e.tagName === "line");
    const drawn = links.slice(0, MAX_DRAWN).reduce((t, n) => t + n.partnerships.length, 0);
    expect(lines).toHaveLength(drawn);
    const table = tableRows(tableByCaption(section, "The same links as a table"));
    expect(table).toHaveLength(links.length);
  });
});

describe("the network section on hostile and empty input", () => {
  const P = (id: string) => ({ ...GOOD_PARTNERSHIP, partnershipId: id });

  it("more than 40 organisations: 40 drawn, the rest counted in words; labels escaped and isolated", () => {
    const ids = ["P-1", "P-2", "P-3"];
    const members = [];
    for (let o = 0; o < 45; o++)
      for (const id of ids.slice(0, o % 2 === 0 ? 3 : 2))
        members.push({
          partnershipId: id,
          organisation:
            o === 0
              ? `<img src=x onerror=alert(1)>${"w".repeat(5000)}`
              : o === 1
                ? '=HYPERLINK("x")'
                : `Org ${o}`,
        });
    const ret = readReturn(grid({ Partnerships: ids.map(P), Members: members }), "D01.xlsx");
    const page = report([ret]);
    const doc = parseHtml(page);
    const section = byId(doc, "network");
    expect(page).not.toContain("<img");
    expect(text(section)).toContain(
      "The picture draws the 40 organisations on the most partnerships; 5 more",
    );
    const labels = all(section, (e) => e.tagName === "text");
    expect(labels.length).toBeGreaterThan(40);
    // the drawn label is cut to 40 characters; its <title> (a tooltip) holds the whole name
    for (const l of labels) {
      const title = all(l, (e) => e.tagName === "title")[0];
      expect(text(l).length - (title ? text(title).length : 0)).toBeLessThan(60);
    }
    expect(all(section, (e) => e.tagName === "bdi").length).toBeGreaterThan(45);
    expect(networkLayout(networkLinks([ret])).organisations).toHaveLength(40);
  });

  it("empty Members and Representation say none recorded, with no picture", () => {
    const ret = readReturn(grid({ Representation: [] }), "D01.xlsx");
    const section = byId(parseHtml(report([ret])), "network");
    expect(all(section, (e) => e.tagName === "svg")).toHaveLength(0);
    expect(text(section)).toContain("none recorded");
  });

  it("ten thousand members render in reasonable time", () => {
    const members = Array.from({ length: 10_000 }, (_, i) => ({
      partnershipId: `P-${i % 100}`,
      organisation: `Org ${i % 400}`,
    }));
    const ret = readReturn(
      grid({ Partnerships: Array.from({ length: 100 }, (_, i) => P(`P-${i}`)), Members: members }),
      "D01.xlsx",
    );
    const start = Date.now();
    const page = report([ret]);
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(page).toContain('id="network"');
  });
});

describe("the network section on data that stops a figure", () => {
  const P = (id: string) => ({ ...GOOD_PARTNERSHIP, partnershipId: id });
  const section = (members: RowInput[], representation?: RowInput[]) =>
    byId(
      parseHtml(
        report([
          readReturn(
            grid({
              Partnerships: [P("P-1"), P("P-2")],
              Members: members,
              ...(representation ? { Representation: representation } : {}),
            }),
            "D01.xlsx",
          ),
        ]),
      ),
      "network",
    );
  const m = (partnershipId: string, organisation: RowInput[string]): RowInput => ({
    partnershipId,
    organisation,
  });

  it.each([
    [
      [m("P-1", "Council"), m("P-2", "Council"), m("P-2", { error: "#N/A" })],
      "Overlapping partnerships: not computed (#N/A)",
    ],
    [
      [m("P-1", "Council"), m("P-2", { error: "#DIV/0!" })],
      "Organisations we meet most: not computed (#DIV/0!)",
    ],
  ])("an error value in Members says not computed and why, never none", (members, words) => {
    const s = text(section(members));
    expect(s).toContain(words);
    expect(s).toContain("holds the error");
    expect(s).not.toContain("No two partnerships share");
  });

  it("an Annual hours cell showing an error: the shared seats are not computed", () => {
    const rep = { ...GOOD_REPRESENTATION, partnershipId: "P-1" };
    const s = text(section([], [rep, { ...rep, district: "D02", annualHours: { error: "#VALUE!" } }]));
    expect(s).toContain("Shared seats: not computed (#VALUE!)");
    expect(s).not.toContain("No partnership is attended from more than one district");
  });

  it("a Members row with a blank Organisation is not an organisation met", () => {
    const s = section([m("P-1", "Council"), m("P-2", "Council"), m("P-2", null)]);
    const rows = tableRows(tableByCaption(s, "Organisations we meet most (1 in all)"));
    expect(rows).toEqual([["Council", "2"]]);
  });
});

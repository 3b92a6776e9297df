import fc from "fast-check";
import { deletionBlocks, replacedBy, rowsToReplace } from "../../../src/core/consolidation/replace-rows";

const k = (district: string, auditRound = "2026-Q4") => ({ district, auditRound });

describe("rowsToReplace: the rows an import replaces (pane and command line alike)", () => {
  test.each([
    ["the replaced district's rows only", [k("D01"), k("D02"), k("D01")], [k("D01")], {}, [0, 2]],
    ["labels compare trimmed, case-blind", [k(" d01 "), k("D01", "2026-q4 ")], [k("D01")], {}, [0, 1]],
    ["another round of the same district stays", [k("D01", "2025-Q4"), k("D01")], [k("D01")], {}, [1]],
    ["a blank district takes the Settings district", [k(""), k("D02")], [k("D01")], { district: "D01" }, [0]],
    ["a blank round takes the Settings round", [k("D01", "")], [k("D01")], { auditRound: "2026-Q4" }, [0]],
    ["a blank district without a Settings district is never replaced", [k("")], [k("")], {}, []],
    ["nothing replaced", [k("D01")], [], {}, []],
  ])("%s", (_, keys, replace, defaults, expected) => {
    expect(rowsToReplace(keys, replace, defaults)).toEqual(expected);
  });

  test("replacedBy is the predicate the command line's applyPlan uses", () => {
    const is = replacedBy([k("North East"), k("D07", "2025-Q2")]);
    expect([is("north  east", "2026-Q4"), is("D07", "2025-q2"), is("D07", "2026-Q4"), is("", "")]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("deletionBlocks: contiguous runs, lowest last", () => {
  test.each([
    [[], []],
    [[4], [{ start: 4, count: 1 }]],
    [
      [0, 1, 2, 5, 6, 9],
      [
        { start: 9, count: 1 },
        { start: 5, count: 2 },
        { start: 0, count: 3 },
      ],
    ],
    [
      [7, 3, 4, 3],
      [
        { start: 7, count: 1 },
        { start: 3, count: 2 },
      ],
    ],
  ])("%j", (rows, expected) => {
    expect(deletionBlocks(rows)).toEqual(expected);
  });

  test("deleting the blocks in order from a list removes exactly the rows and keeps the others in order", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 200 }), (drop) => {
        const rows = drop.map((d, i) => (d ? i : -1)).filter((i) => i >= 0);
        const list = drop.map((_, i) => i);
        for (const b of deletionBlocks(rows)) list.splice(b.start, b.count);
        expect(list).toEqual(drop.map((d, i) => (d ? -1 : i)).filter((i) => i >= 0));
        // blocks never touch: each is separated from the next by a kept row
        const blocks = deletionBlocks(rows);
        for (let i = 1; i < blocks.length; i++)
          expect(blocks[i].start + blocks[i].count).toBeLessThan(blocks[i - 1].start);
      }),
    );
  });
});

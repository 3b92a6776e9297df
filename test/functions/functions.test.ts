/**
 * @jest-environment ./test/setup/custom-functions-environment.js
 *
 * The contract of the AUDIT functions (docs/functions.md), one table row per rule, each called the way Excel calls it:
 * through Microsoft's custom-functions dispatcher (./excel-dispatch.ts). The few calls Excel cannot
 * make (junk values, 1-D arrays, arguments packed as a JavaScript caller may pack them) call the
 * exported functions directly, and say so.
 */
import { FUNCTION_IDS } from "./ids";
import * as direct from "../../src/functions/functions";
import { excel } from "./excel-dispatch";
import { col, excelError, outcome, outcomeNow, result, resultNow, type Outcome } from "./helpers";

const {
  breakdown,
  change,
  cost,
  fte,
  fteBy,
  leadershipBy,
  leadershipRatio,
  partnerships,
  partnershipsBy,
  perDistrict,
  review,
  score,
  sharedSeats,
  overlaps,
} = excel;

type Row = [name: string, run: () => unknown, expected: unknown];

const ids = col("P1", "P2", "p1 ", "P3", "", "P4");
const levels = col("Local", "Regional", "local", "Local", "Local", " sub-REGIONAL ");
const types = col("LSP", "LSP", "Health", "Health; Other", "LSP", "Other");

const cases: Row[] = [
  // PARTNERSHIPS
  ["PARTNERSHIPS distinct non-blank ids, no criteria", () => partnerships(ids), 4],
  ["PARTNERSHIPS ids compare like labels (p1 = P1)", () => partnerships(col("P1", " p1", "P  1", "p 1")), 2],
  ["PARTNERSHIPS one criterion", () => partnerships(ids, levels, [["Local"]]), 2],
  ["PARTNERSHIPS criterion as a plain value", () => partnerships(ids, levels, "local" as never), 2],
  ["PARTNERSHIPS criterion compares like labels", () => partnerships(ids, levels, [["  LOCAL "]]), 2],
  ["PARTNERSHIPS two criteria pairs", () => partnerships(ids, levels, [["Local"]], types, [["Health"]]), 2],
  [
    "PARTNERSHIPS criterion range: any value matches",
    () => partnerships(ids, levels, [["Regional"], ["Sub-regional"]]),
    2,
  ],
  [
    "PARTNERSHIPS multi-select cell matches any of its labels",
    () => partnerships(ids, types, [["Other"]]),
    2,
  ],
  [
    "PARTNERSHIPS criterion cell holding several labels",
    () => partnerships(ids, types, [["Health;Other"]]),
    3,
  ],
  ["PARTNERSHIPS blank criterion filters nothing", () => partnerships(ids, levels, [[""]]), 4],
  ["PARTNERSHIPS null criterion filters nothing", () => partnerships(ids, levels, [[null]]), 4],
  ["PARTNERSHIPS no row matches", () => partnerships(ids, levels, [["National"]]), 0],
  [
    "PARTNERSHIPS number criterion matches numeric text",
    () => partnerships(col("P1", "P2"), col("2005", 2006), [[2005]]),
    1,
  ],
  ["PARTNERSHIPS numeric ids and text ids are the same label", () => partnerships(col(1, "1", " 1 ", 2)), 2],
  ["PARTNERSHIPS an omitted repeating argument (null)", () => partnerships(ids, null as never), 4],
  [
    "PARTNERSHIPS an omitted trailing pair (null, null) filters nothing",
    () => partnerships(ids, levels, [["Local"]], null as never, null as never),
    2,
  ],
  [
    "PARTNERSHIPS an omitted last criteria_range filters nothing",
    () => partnerships(ids, levels, [["Local"]], undefined as never),
    2,
  ],
  [
    "PARTNERSHIPS a range with an omitted criterion still pairs with ids",
    () => partnerships(ids, col("Local"), null as never),
    "#VALUE!",
  ],
  ["PARTNERSHIPS odd number of criteria arguments", () => partnerships(ids, levels), "#VALUE!"],
  [
    "PARTNERSHIPS criteria range of another size",
    () => partnerships(ids, col("Local"), [["Local"]]),
    "#VALUE!",
  ],
  [
    "PARTNERSHIPS same cell count, other shape: walked row by row",
    () => partnerships([["A", "B", "C"]], col("x", "y", "x"), [["x"]]),
    2,
  ],
  ["PARTNERSHIPS error value in ids", () => partnerships(col("P1", excelError("#N/A"))), "#N/A"],
  [
    "PARTNERSHIPS text that reads like an error in a criteria range is a label",
    () => partnerships(col("P1", "P2"), col("#DIV/0!", "x"), [["x"]]),
    1,
  ],
  [
    "PARTNERSHIPS error value in a criterion",
    () => partnerships(ids, levels, [[excelError("#REF!")]]),
    // A custom function's result cannot be #REF!: Microsoft's runtime reports it as #VALUE!.
    "#VALUE!",
  ],
  [
    "PARTNERSHIPS error value beats a size mismatch",
    () => partnerships(col(excelError("#N/A"), "P2"), col("x"), [["x"]]),
    "#N/A",
  ],
  ["PARTNERSHIPS single cell ids as a scalar", () => partnerships("P1" as never), 1],
  ["PARTNERSHIPS boolean ids are labels", () => partnerships(col(true, "TRUE", false)), 2],
  ["PARTNERSHIPS whitespace-only id is blank", () => partnerships(col("  ", "P1")), 1],

  // PERDISTRICT
  [
    "PERDISTRICT mean distinct ids per district",
    () => perDistrict(col("P1", "P2", "P1", "P3"), col("D1", "D1", "D2", "D2")),
    2,
  ],
  [
    "PERDISTRICT same id counts once per district",
    () => perDistrict(col("P1", "p1", "P2"), col("D1", "d1", "D2")),
    1,
  ],
  [
    "PERDISTRICT blank district rows left out",
    () => perDistrict(col("P1", "P2", "P3"), col("D1", "", null)),
    1,
  ],
  [
    "PERDISTRICT a regional id counts in each district",
    () => perDistrict(col("R1", "R1", "P2"), col("D1", "D2", "D2")),
    1.5,
  ],
  ["PERDISTRICT no district", () => perDistrict(col("P1"), col("")), "#DIV/0!"],
  ["PERDISTRICT sizes differ", () => perDistrict(col("P1", "P2"), col("D1")), "#VALUE!"],
  ["PERDISTRICT error in districts", () => perDistrict(col("P1"), col(excelError("#N/A"))), "#N/A"],
  [
    "PERDISTRICT a sparse range reads its holes as blank cells",
    // eslint-disable-next-line no-sparse-arrays
    () => perDistrict([, ["P1"], ["P2"]] as never, col("D1", "D1", "D2")),
    1,
  ],

  // FTE
  ["FTE a year by default (37 × 52)", () => fte(col(1924, 1924)), 2],
  ["FTE blank cells ignored", () => fte(col(1924, null, "", undefined)), 1],
  ["FTE numeric text accepted", () => fte(col("1924", " 962 ", "962.0")), 2],
  ["FTE period week", () => fte(col(37), "week"), 1],
  ["FTE period month (52/12 weeks)", () => fte(col((37 * 52) / 12), "Month"), 1],
  ["FTE period quarter (52/4 weeks)", () => fte(col(37 * 13), " QUARTER "), 1],
  ["FTE period year", () => fte(col(1924), "year"), 1],
  ["FTE omitted middle argument (null) means the default", () => fte(col(36 * 52), null as never, 36), 1],
  ["FTE hours_per_week and weeks_per_year", () => fte(col(35 * 45), undefined, 35, 45), 1],
  ["FTE numeric text options", () => fte(col(35 * 45), "year", "35" as never, " 45 " as never), 1],
  ["FTE blank options mean the default", () => fte(col(1924), "", "" as never, "" as never), 1],
  ["FTE another period", () => fte(col(1), "fortnight"), "#VALUE!"],
  ["FTE a number as period", () => fte(col(1), 7 as never), "#VALUE!"],
  ["FTE hours_per_week 0", () => fte(col(1), null as never, 0), "#NUM!"],
  ["FTE weeks_per_year negative", () => fte(col(1), null as never, 37, -52), "#NUM!"],
  ["FTE hours_per_week text", () => fte(col(1), null as never, "full" as never), "#VALUE!"],
  ["FTE hours_per_week boolean", () => fte(col(1), null as never, true as never), "#VALUE!"],
  ["FTE negative hours", () => fte(col(10, -1)), "#NUM!"],
  ["FTE negative hours as text", () => fte(col("-1")), "#NUM!"],
  ["FTE text hours", () => fte(col(10, "ten")), "#VALUE!"],
  ["FTE boolean hours", () => fte(col(true)), "#VALUE!"],
  ["FTE thousands separators are text", () => fte(col("1,000")), "#VALUE!"],
  ["FTE error value in hours", () => fte(col(10, excelError("#N/A"))), "#N/A"],
  ["FTE text that reads like an error in hours is text, not a number", () => fte(col(10, "#N/A")), "#VALUE!"],
  ["FTE error value wins over bad text earlier", () => fte(col("ten", excelError("#NUM!"))), "#NUM!"],
  ["FTE no hours at all is 0", () => fte(col(null, "")), 0],
  [
    "FTE any shape",
    () =>
      fte([
        [962, 481],
        [481, null],
      ]),
    1,
  ],
  ["FTE scalar hours", () => fte(1924 as never), 1],
  // eslint-disable-next-line no-sparse-arrays
  ["FTE a sparse range reads its holes as blank cells", () => fte([, [1924], , [1924]] as never), 2],
  [
    "FTE error value in an option beats bad hours",
    () => fte(col("ten"), null as never, excelError("#DIV/0!") as never),
    "#DIV/0!",
  ],
  ["FTE options as 1×1 ranges", () => fte(col(37), [["week"]] as never, [[37]] as never), 1],

  // FTEBY
  [
    "FTEBY rows [group, fte], largest first, ties A→Z",
    () => fteBy(col("b", "A", "C", "a"), col(1924, 962, 1924, 962)),
    [
      ["A", 1],
      ["b", 1],
      ["C", 1],
    ],
  ],
  [
    "FTEBY blank hours skipped, blank group is (blank)",
    () => fteBy(col("D1", "", "D2", null), col(1924, 3848, null, "")),
    [
      ["(blank)", 2],
      ["D1", 1],
    ],
  ],
  ["FTEBY zero hours keep their group", () => fteBy(col("D1"), col(0)), [["D1", 0]]],
  [
    "FTEBY first spelling kept",
    () => fteBy(col(" north  east", "North East"), col(37, 37), "week"),
    [["north east", 2]],
  ],
  ["FTEBY period and options", () => fteBy(col("G"), col(70), "week", 35), [["G", 2]]],
  ["FTEBY sizes differ", () => fteBy(col("A", "B"), col(1)), "#VALUE!"],
  ["FTEBY negative hours", () => fteBy(col("A"), col(-3)), "#NUM!"],
  ["FTEBY bad period", () => fteBy(col("A"), col(3), "day"), "#VALUE!"],
  ["FTEBY nothing to show", () => fteBy(col("A"), col(null)), "#N/A"],
  ["FTEBY error in groups of a skipped row", () => fteBy(col("A", excelError("#N/A")), col(1, null)), "#N/A"],
  [
    "FTEBY a skipped row (blank hours) does not give the label's spelling",
    () => fteBy(col("north", "North", "(Blank)"), col(null, 1924, "")),
    [["North", 1]],
  ],
  [
    "FTEBY ties ignore case and spaces",
    () => fteBy(col("beta", "Alpha", " ALPHA2"), col(37, 37, 37), "week"),
    [
      ["Alpha", 1],
      ["ALPHA2", 1],
      ["beta", 1],
    ],
  ],
  [
    "FTEBY error value in period beats a size mismatch",
    () => fteBy(col("A", "B"), col(1), excelError("#N/A") as never),
    "#N/A",
  ],
  [
    "FTEBY omitted middle arguments (null) mean the defaults",
    () => fteBy(col("G"), col(36 * 48), null as never, null as never, 48),
    [["G", 36 / 37]],
  ],
  [
    "FTEBY a sparse range reads its holes as blank cells",
    // eslint-disable-next-line no-sparse-arrays
    () => fteBy([, ["A"]] as never, [[1924], [1924]]),
    [
      ["(blank)", 1],
      ["A", 1],
    ],
  ],

  // LEADERSHIPRATIO
  [
    "LEADERSHIPRATIO default Leading and Key",
    () => leadershipRatio(col("Leading", "Key", "Active", "Limited")),
    0.5,
  ],
  [
    "LEADERSHIPRATIO labels compare like labels",
    () => leadershipRatio(col(" leading ", "KEY", "active", "Active")),
    0.5,
  ],
  ["LEADERSHIPRATIO blank roles ignored", () => leadershipRatio(col("Leading", "", null, "Active")), 0.5],
  [
    "LEADERSHIPRATIO custom leading_roles",
    () => leadershipRatio(col("Leading", "Key", "Active"), null as never, col("Leading")),
    1 / 3,
  ],
  [
    "LEADERSHIPRATIO leading_roles as one value",
    () => leadershipRatio(col("Leading", "Key", "Active"), null as never, "active" as never),
    1 / 3,
  ],
  [
    "LEADERSHIPRATIO blank leading_roles mean the default",
    () => leadershipRatio(col("Leading", "Active"), null as never, col("")),
    0.5,
  ],
  [
    "LEADERSHIPRATIO with ids: strongest role per id",
    () => leadershipRatio(col("Active", "Leading", "Limited", "Limited"), col("P1", "p1", "P2", "P2")),
    0.5,
  ],
  [
    "LEADERSHIPRATIO with ids: other labels rank last",
    () => leadershipRatio(col("Observer", "Limited"), col("P1", "P1"), col("Limited")),
    1,
  ],
  [
    "LEADERSHIPRATIO with ids: Key beats Active",
    () => leadershipRatio(col("Active", "Key"), col("P1", "P1"), col("Active")),
    0,
  ],
  [
    "LEADERSHIPRATIO with ids: blank ids skipped",
    () => leadershipRatio(col("Leading", "Active"), col("", "P2")),
    0,
  ],
  ["LEADERSHIPRATIO no partnership", () => leadershipRatio(col("", null)), "#DIV/0!"],
  ["LEADERSHIPRATIO sizes differ", () => leadershipRatio(col("Key", "Key"), col("P1")), "#VALUE!"],
  ["LEADERSHIPRATIO error value", () => leadershipRatio(col("Key", excelError("#N/A"))), "#N/A"],
  [
    "LEADERSHIPRATIO with ids, no row with both an id and a role",
    () => leadershipRatio(col("Key", ""), col("", "P2")),
    "#DIV/0!",
  ],

  // BREAKDOWN
  [
    "BREAKDOWN counts and shares, largest first, ties A→Z",
    () => breakdown(col("b", "A", "a", "C", "B", "")),
    [
      ["A", 2, 0.4],
      ["b", 2, 0.4],
      ["C", 1, 0.2],
    ],
  ],
  [
    "BREAKDOWN multi-select: each distinct label once per cell; shares over non-blank cells",
    () => breakdown(col("X; Y", "x;X", "Y\nZ", "")),
    [
      ["X", 2, 2 / 3],
      ["Y", 2, 2 / 3],
      ["Z", 1, 1 / 3],
    ],
  ],
  [
    "BREAKDOWN with weights",
    () => breakdown(col("A", "B;A", "C"), col(2, 3, "5")),
    [
      ["A", 5, 0.5],
      ["C", 5, 0.5],
      ["B", 3, 0.3],
    ],
  ],
  ["BREAKDOWN blank weights skip their row", () => breakdown(col("A", "B"), col(2, null)), [["A", 2, 1]]],
  [
    "BREAKDOWN zero base: shares 0",
    () => breakdown(col("A", "B"), col(0, 0)),
    [
      ["A", 0, 0],
      ["B", 0, 0],
    ],
  ],
  [
    "BREAKDOWN order: its labels first, unmentioned with 0, the rest sorted",
    () => breakdown(col("Q", "R", "P", "R"), null as never, col("low", "P", "", "Q")),
    [
      ["low", 0, 0],
      ["P", 1, 0.25],
      ["Q", 1, 0.25],
      ["R", 2, 0.5],
    ],
  ],
  [
    "BREAKDOWN order with no data",
    () => breakdown(col("", null), null as never, col("A", "B")),
    [
      ["A", 0, 0],
      ["B", 0, 0],
    ],
  ],
  ["BREAKDOWN nothing to show", () => breakdown(col("", null)), "#N/A"],
  ["BREAKDOWN weights of another size", () => breakdown(col("A", "B"), col(1)), "#VALUE!"],
  ["BREAKDOWN text weight", () => breakdown(col("A"), col("heavy")), "#VALUE!"],
  ["BREAKDOWN negative weight", () => breakdown(col("A"), col(-1)), "#NUM!"],
  [
    "BREAKDOWN weights adding up beyond the largest number: #NUM!, not shares of 0",
    () => breakdown(col("A", "B"), col(1e308, 1e308)),
    "#NUM!",
  ],
  ["BREAKDOWN numbers are labels", () => breakdown(col(2005, "2005")), [["2005", 2, 1]]],
  [
    "BREAKDOWN a row with a blank weight does not give the label's spelling",
    () => breakdown(col("apple", "Apple"), col(null, 2)),
    [["Apple", 2, 1]],
  ],
  ["BREAKDOWN weights but no weighted row", () => breakdown(col("A", "B"), col(null, "")), "#N/A"],
  [
    "BREAKDOWN error value in order",
    () => breakdown(col("A"), null as never, col(excelError("#N/A"))),
    "#N/A",
  ],

  // CHANGE
  [
    "CHANGE new, continuing, ended by distinct id",
    () => change(col("P1", "P2", "P2", "P3"), col("p2", "P3 ", "P4", "P5", "")),
    [
      ["New", 2],
      ["Continuing", 2],
      ["Ended", 1],
    ],
  ],
  [
    "CHANGE empty rounds",
    () => change(col(""), col(null)),
    [
      ["New", 0],
      ["Continuing", 0],
      ["Ended", 0],
    ],
  ],
  ["CHANGE error value", () => change(col("P1"), col(excelError("#N/A"))), "#N/A"],

  // SCORE
  [
    "SCORE mean of non-blank ratings, any shape",
    () =>
      score([
        [1, 2, null],
        ["3", "", 4],
      ]),
    2.5,
  ],
  ["SCORE scale_max", () => score(col(5, 10), 10), 7.5],
  ["SCORE scale_max as text", () => score(col(5), "5" as never), 5],
  ["SCORE rating above scale_max", () => score(col(1, 5)), "#NUM!"],
  [
    "SCORE ratings on a huge scale whose sum is beyond the largest number: the mean, unrounded",
    () => score(col(1e308, 1e308), 1e308),
    1e308,
  ],
  ["SCORE rating below 1", () => score(col(0)), "#NUM!"],
  ["SCORE text rating", () => score(col("good")), "#VALUE!"],
  ["SCORE boolean rating", () => score(col(false)), "#VALUE!"],
  ["SCORE no rating", () => score(col("", null)), "#DIV/0!"],
  ["SCORE scale_max below 1", () => score(col(1), 0), "#NUM!"],
  ["SCORE error value", () => score(col(1, excelError("#N/A"))), "#N/A"],

  // PARTNERSHIPSBY
  [
    "PARTNERSHIPSBY distinct ids per group, largest first, ties A→Z",
    () => partnershipsBy(col("P1", "P2", "p1", "P3", "P4", "P5"), col("b", "A", "B ", "a", "C", "b")),
    [
      ["A", 2],
      ["b", 2],
      ["C", 1],
    ],
  ],
  [
    "PARTNERSHIPSBY a blank group is (blank)",
    () => partnershipsBy(col("P1", "P2"), col("", null)),
    [["(blank)", 2]],
  ],
  [
    "PARTNERSHIPSBY rows with a blank id are skipped: their group is not listed",
    () => partnershipsBy(col("P1", "", null, "  "), col("A", "B", "C", "D")),
    [["A", 1]],
  ],
  [
    "PARTNERSHIPSBY a row with a blank id does not give the group's spelling",
    () => partnershipsBy(col("", "P1"), col("north", "North")),
    [["North", 1]],
  ],
  [
    "PARTNERSHIPSBY an id in two groups counts in each",
    () => partnershipsBy(col("R1", "R1", "P2"), col("D1", "D2", "D2")),
    [
      ["D2", 2],
      ["D1", 1],
    ],
  ],
  [
    "PARTNERSHIPSBY ids compare like labels; numbers and text are one label",
    () => partnershipsBy(col(1, "1", " p 1", "P  1"), col("G", "g", "G", "G")),
    [["G", 2]],
  ],
  [
    "PARTNERSHIPSBY groups are key cells: a cell with ; is one label",
    () => partnershipsBy(col("P1", "P2", "P3"), col("A;B", "a;b", "A")),
    [
      ["A;B", 2],
      ["A", 1],
    ],
  ],
  [
    "PARTNERSHIPSBY numbers as groups",
    () => partnershipsBy(col("P1", "P2"), col(2005, "2005")),
    [["2005", 2]],
  ],
  [
    "PARTNERSHIPSBY order: its labels first, unmatched with 0, the rest sorted",
    () => partnershipsBy(col("P1", "P2", "P3", "P4"), col("Q", "R", "P", "R"), col("low", "P", "", "Q")),
    [
      ["low", 0],
      ["P", 1],
      ["Q", 1],
      ["R", 2],
    ],
  ],
  [
    "PARTNERSHIPSBY order compares like labels; a listed group keeps the data's spelling",
    () => partnershipsBy(col("P1", "P2"), col("North", "South"), col(" SOUTH ")),
    [
      ["South", 1],
      ["North", 1],
    ],
  ],
  [
    "PARTNERSHIPSBY order as one value",
    () => partnershipsBy(col("P1", "P2", "P3"), col("A", "A", "B"), "b" as never),
    [
      ["B", 1],
      ["A", 2],
    ],
  ],
  [
    "PARTNERSHIPSBY order names a group whose rows have blank ids: 0",
    () => partnershipsBy(col("P1", ""), col("A", "B"), col("B")),
    [
      ["B", 0],
      ["A", 1],
    ],
  ],
  [
    "PARTNERSHIPSBY order lists groups even with no id at all",
    () => partnershipsBy(col("", null), col("A", "B"), col("X", "Y")),
    [
      ["X", 0],
      ["Y", 0],
    ],
  ],
  [
    "PARTNERSHIPSBY order of blank cells is no order",
    () => partnershipsBy(col(""), col("A"), col("")),
    "#N/A",
  ],
  [
    "PARTNERSHIPSBY omitted order (null)",
    () => partnershipsBy(col("P1"), col("A"), null as never),
    [["A", 1]],
  ],
  ["PARTNERSHIPSBY no non-blank id and no order", () => partnershipsBy(col("", null), col("A", "B")), "#N/A"],
  ["PARTNERSHIPSBY sizes differ", () => partnershipsBy(col("P1", "P2"), col("A")), "#VALUE!"],
  [
    "PARTNERSHIPSBY same cell count, other shape: walked row by row",
    () => partnershipsBy([["P1", "P2", "P3"]], col("A", "B", "A")),
    [
      ["A", 2],
      ["B", 1],
    ],
  ],
  [
    "PARTNERSHIPSBY error value in the group of a skipped row",
    () => partnershipsBy(col("P1", ""), col("A", excelError("#N/A"))),
    "#N/A",
  ],
  [
    "PARTNERSHIPSBY error value beats a size mismatch",
    () => partnershipsBy(col("P1", "P2"), col(excelError("#REF!"))),
    // A custom function's result cannot be #REF!: Microsoft's runtime reports it as #VALUE!.
    "#VALUE!",
  ],
  ["PARTNERSHIPSBY single cells as scalars", () => partnershipsBy("P1" as never, "A" as never), [["A", 1]]],

  // LEADERSHIPBY
  [
    "LEADERSHIPBY distinct ids per group and the share with a leading strongest role",
    () =>
      leadershipBy(
        col("Active", "Leading", "Key", "Limited"),
        col("P1", "p1", "P2", "P3"),
        col("N", "N", "N", "S"),
      ),
    [
      ["N", 2, 1],
      ["S", 1, 0],
    ],
  ],
  [
    "LEADERSHIPBY an id in two groups counts in each, with its strongest role there",
    () => leadershipBy(col("Active", "Leading"), col("P1", "P1"), col("N", "S")),
    [
      ["N", 1, 0],
      ["S", 1, 1],
    ],
  ],
  [
    "LEADERSHIPBY rows need a non-blank id and a non-blank role",
    () => leadershipBy(col("Key", "", "Key", null), col("P1", "P2", "", "P4"), col("A", "B", "C", "D")),
    [["A", 1, 1]],
  ],
  [
    "LEADERSHIPBY a blank group is (blank)",
    () => leadershipBy(col("Key", "Active"), col("P1", "P2"), col(null, "")),
    [["(blank)", 2, 0.5]],
  ],
  [
    "LEADERSHIPBY sorted by partnerships, largest first, ties A→Z",
    () =>
      leadershipBy(col("Key", "Key", "Active", "Key"), col("P1", "P2", "P3", "P4"), col("b", "a", "c", "c")),
    [
      ["c", 2, 0.5],
      ["a", 1, 1],
      ["b", 1, 1],
    ],
  ],
  [
    "LEADERSHIPBY custom leading_roles",
    () =>
      leadershipBy(
        col("Leading", "Key", "Active"),
        col("P1", "P2", "P3"),
        col("G", "G", "G"),
        col("Leading"),
      ),
    [["G", 3, 1 / 3]],
  ],
  [
    "LEADERSHIPBY leading_roles as one value",
    () =>
      leadershipBy(
        col("Leading", "Key", "Active"),
        col("P1", "P2", "P3"),
        col("G", "G", "G"),
        "active" as never,
      ),
    [["G", 3, 1 / 3]],
  ],
  [
    "LEADERSHIPBY blank leading_roles mean the default",
    () => leadershipBy(col("Leading", "Key", "Active"), col("P1", "P2", "P3"), col("G", "G", "G"), col("")),
    [["G", 3, 2 / 3]],
  ],
  [
    "LEADERSHIPBY a cell listing several roles takes the strongest",
    () => leadershipBy(col("Active; Leading", "Limited"), col("P1", "P2"), col("G", "G")),
    [["G", 2, 0.5]],
  ],
  [
    "LEADERSHIPBY other labels rank last",
    () => leadershipBy(col("Observer", "Limited"), col("P1", "P1"), col("G", "G"), col("Limited")),
    [["G", 1, 1]],
  ],
  [
    "LEADERSHIPBY a skipped row does not give the group's spelling",
    () => leadershipBy(col("", "Key"), col("P1", "P2"), col("north", "North")),
    [["North", 1, 1]],
  ],
  ["LEADERSHIPBY nothing to show", () => leadershipBy(col("Key", ""), col("", "P2"), col("A", "B")), "#N/A"],
  [
    "LEADERSHIPBY ids of another size",
    () => leadershipBy(col("Key", "Key"), col("P1"), col("A", "B")),
    "#VALUE!",
  ],
  [
    "LEADERSHIPBY groups of another size",
    () => leadershipBy(col("Key", "Key"), col("P1", "P2"), col("A")),
    "#VALUE!",
  ],
  [
    "LEADERSHIPBY error value in the group of a skipped row",
    () => leadershipBy(col("Key", ""), col("P1", "P2"), col("A", excelError("#N/A"))),
    "#N/A",
  ],
  [
    "LEADERSHIPBY same cell count, other shape: walked row by row",
    () => leadershipBy([["Key", "Active"]], col("P1", "P2"), col("A", "A")),
    [["A", 2, 0.5]],
  ],

  // COST
  [
    "COST hours × the hourly cost of the row's grade, grades compared like labels",
    () => cost(col(10, 5, "2"), col("Senior", "junior", " JUNIOR "), col("Senior", "Junior"), col(20, 30)),
    410,
  ],
  [
    "COST rows with blank hours are skipped, whatever their grade",
    () => cost(col(10, null, "", " ", undefined), col("A", "", "X", null, "Y"), col("A"), col(3)),
    30,
  ],
  ["COST no hours at all is 0", () => cost(col(null, ""), col("A", "B"), col("A"), col(3)), 0],
  ["COST rates as numeric text", () => cost(col(4), col("A"), col("A"), col(" 2.5 ")), 10],
  ["COST a rate of 0 is a cost", () => cost(col(4), col("A"), col("A"), col(0)), 0],
  ["COST numbers as grades compare as text", () => cost(col(2), col(7), col("7"), col(3)), 6],
  [
    "COST a grade listed twice takes its first listing",
    () => cost(col(1), col("A"), col("A", " a"), col(5, 7)),
    5,
  ],
  ["COST a rate beside a blank grade is ignored", () => cost(col(1), col("A"), col("", "A"), col(100, 5)), 5],
  ["COST any shape, read row by row", () => cost([[1, 2]], col("A", "B"), [["A", "B"]], col(10, 100)), 210],
  ["COST single cells as scalars", () => cost(4 as never, "A" as never, "a" as never, 2.5 as never), 10],
  ["COST a row with hours and a blank grade", () => cost(col(1, 2), col("A", ""), col("A"), col(1)), "#N/A"],
  ["COST a row with 0 hours still needs a grade", () => cost(col(0), col(null), col("A"), col(1)), "#N/A"],
  ["COST a grade not in rate_grades", () => cost(col(1), col("Director"), col("A"), col(1)), "#N/A"],
  ["COST a grade with a blank rate", () => cost(col(1), col("A"), col("A"), col(null)), "#N/A"],
  [
    "COST a blank rate of a grade no row uses is fine",
    () => cost(col(1), col("A"), col("A", "B"), col(2, "")),
    2,
  ],
  [
    "COST a negative rate, even of a grade no row uses",
    () => cost(col(1), col("A"), col("A", "B"), col(2, -1)),
    "#NUM!",
  ],
  ["COST a negative rate as text", () => cost(col(1), col("A"), col("A"), col("-3")), "#NUM!"],
  ["COST a text rate", () => cost(col(1), col("A"), col("A"), col("cheap")), "#VALUE!"],
  ["COST a boolean rate", () => cost(col(1), col("A"), col("A"), col(true)), "#VALUE!"],
  ["COST negative hours", () => cost(col(-1), col("A"), col("A"), col(1)), "#NUM!"],
  ["COST negative hours as text", () => cost(col("-1"), col("A"), col("A"), col(1)), "#NUM!"],
  ["COST text hours", () => cost(col("ten"), col("A"), col("A"), col(1)), "#VALUE!"],
  ["COST boolean hours", () => cost(col(false), col("A"), col("A"), col(1)), "#VALUE!"],
  ["COST hours and grades of other sizes", () => cost(col(1, 2), col("A"), col("A"), col(1)), "#VALUE!"],
  [
    "COST rate_grades and rates of other sizes",
    () => cost(col(1), col("A"), col("A", "B"), col(1)),
    "#VALUE!",
  ],
  [
    "COST an error value in the grade of a skipped row",
    () => cost(col(1, null), col("A", excelError("#N/A")), col("A"), col(1)),
    "#N/A",
  ],
  [
    "COST an error value beats a grade with no cost",
    () => cost(col(1, 1), col("Z", excelError("#DIV/0!")), col("A"), col(1)),
    "#DIV/0!",
  ],

  // REVIEW
  [
    "REVIEW [id, hours, value, flag], hours largest first; value pooled over the id's survey rows",
    () =>
      review(col("P1", "P2", "p1", "P3", ""), col(10, 20, 5, null, 7), col("P1", "P2", " p1 ", "X"), [
        [4, 3, null, null],
        [1, 1, 2, 2],
        [2, "3", "", ""],
        [4, 4, 4, 4],
      ]),
    [
      ["P2", 20, 1.5, "Review"],
      ["P1", 15, 3, "Keep"],
      ["P3", 0, "", "No rating"],
    ],
  ],
  [
    "REVIEW value equal to value_below is Keep; below is Review",
    () => review(col("A", "B"), col(2, 1), col("A", "B"), [[2.5], ["2.4"]]),
    [
      ["A", 2, 2.5, "Keep"],
      ["B", 1, 2.4, "Review"],
    ],
  ],
  [
    "REVIEW hours_from: only partnerships with at least that many hours are flagged",
    () =>
      review(col("A", "B", "C"), col(100, 99, 5), col("A", "B", "C"), [[1], [1], [4]], null as never, 100),
    [
      ["A", 100, 1, "Review"],
      ["B", 99, 1, "Keep"],
      ["C", 5, 4, "Keep"],
    ],
  ],
  [
    "REVIEW value_below",
    () => review(col("A", "B"), col(1, 1), col("A", "B"), [[3], [3.5]], 3.5),
    [
      ["A", 1, 3, "Review"],
      ["B", 1, 3.5, "Keep"],
    ],
  ],
  [
    "REVIEW options as numeric text; blank options mean the defaults",
    () => review(col("A", "B"), col(10, 1), col("A", "B"), [[3], [2]], " 3.5 " as never, "" as never),
    [
      ["A", 10, 3, "Review"],
      ["B", 1, 2, "Review"],
    ],
  ],
  [
    "REVIEW ties by id A→Z, case ignored; first spelling of the id",
    () => review(col("b", "A", "c", "B"), col(1, 2, 2, 1), col(""), [[null]]),
    [
      ["A", 2, "", "No rating"],
      ["b", 2, "", "No rating"],
      ["c", 2, "", "No rating"],
    ],
  ],
  [
    "REVIEW survey rows whose ratings are all blank give no value",
    () =>
      review(col("A"), col(3), col("A", "A"), [
        [null, ""],
        ["", " "],
      ]),
    [["A", 3, "", "No rating"]],
  ],
  [
    "REVIEW survey ids not in ids, and blank survey ids, are left out",
    () => review(col("A"), col(3), col("Z", "", "A"), [[1], [1], [4]]),
    [["A", 3, 4, "Keep"]],
  ],
  [
    "REVIEW numeric ids and text survey ids are one label",
    () => review(col(101), col(3), col("101"), [[2]]),
    [["101", 3, 2, "Review"]],
  ],
  [
    "REVIEW survey_ids as a row: one row of value_ratings per cell, in reading order",
    () =>
      review(
        col("A", "B"),
        col(1, 2),
        [["A", "B"]],
        [
          [4, 4],
          [1, 2],
        ],
      ),
    [
      ["B", 2, 1.5, "Review"],
      ["A", 1, 4, "Keep"],
    ],
  ],
  ["REVIEW a rating outside 1…4", () => review(col("A"), col(1), col("A"), [[5]]), "#NUM!"],
  [
    "REVIEW a rating below 1, in a survey row of an id not in ids",
    () => review(col("A"), col(1), col("A", "Z"), [[3], [0]]),
    "#NUM!",
  ],
  ["REVIEW a text rating", () => review(col("A"), col(1), col("A"), [["good"]]), "#VALUE!"],
  ["REVIEW a boolean rating", () => review(col("A"), col(1), col("A"), [[true]]), "#VALUE!"],
  ["REVIEW text hours", () => review(col("A"), col("many"), col("A"), [[1]]), "#VALUE!"],
  ["REVIEW negative hours", () => review(col("A"), col(-2), col("A"), [[1]]), "#NUM!"],
  [
    "REVIEW negative hours beside a blank id",
    () => review(col("A", ""), col(1, -2), col("A"), [[1]]),
    "#NUM!",
  ],
  ["REVIEW hours_from negative", () => review(col("A"), col(1), col("A"), [[1]], null as never, -1), "#NUM!"],
  ["REVIEW value_below text", () => review(col("A"), col(1), col("A"), [[1]], "low" as never), "#VALUE!"],
  ["REVIEW ids and hours of other sizes", () => review(col("A", "B"), col(1), col("A"), [[1]]), "#VALUE!"],
  [
    "REVIEW value_ratings with another number of rows than survey_ids has cells",
    () => review(col("A"), col(1), col("A", "B"), [[1, 2, 3, 4]]),
    "#VALUE!",
  ],
  ["REVIEW no id", () => review(col("", null), col(1, 2), col("A"), [[1]]), "#N/A"],
  [
    "REVIEW an error value in value_ratings beats a size mismatch",
    () => review(col("A", "B"), col(1), col("A"), [[excelError("#N/A")]]),
    "#N/A",
  ],

  // SHAREDSEATS
  [
    "SHAREDSEATS [id, districts, hours, hours beyond one], most hours beyond one first",
    () =>
      sharedSeats(
        col("P-R001", "P-R001", "p-r001 ", "P-S001", "P-S001", "P-0101", "P-0101"),
        col("D07", "D08", "D09", "D01", "d01", "D01", "D02"),
        col(100, 110, 80, 40, 30, 20, null),
      ),
    [
      ["P-R001", 3, 290, 180],
      ["P-0101", 2, 20, 0],
    ],
  ],
  [
    "SHAREDSEATS ties by id A→Z, case ignored; first spelling; numeric text hours",
    () => sharedSeats(col("b", "B", "a", "A"), col("X", "Y", "X", "Y"), col("5", 5, 5, 5)),
    [
      ["a", 2, 10, 5],
      ["b", 2, 10, 5],
    ],
  ],
  [
    "SHAREDSEATS rows with a blank id or district are left out",
    () => sharedSeats(col("P1", "P1", "", "P1"), col("D1", "", "D2", "D3"), col(1, 50, 50, 2)),
    [["P1", 2, 3, 1]],
  ],
  ["SHAREDSEATS none shared", () => sharedSeats(col("P1", "P2"), col("D1", "D2"), col(1, 2)), "#N/A"],
  ["SHAREDSEATS negative hours", () => sharedSeats(col("P1", "P1"), col("D1", "D2"), col(1, -1)), "#NUM!"],
  [
    "SHAREDSEATS negative hours in a row left out",
    () => sharedSeats(col("P1", "P1", ""), col("D1", "D2", "D3"), col(1, 1, -1)),
    "#NUM!",
  ],
  ["SHAREDSEATS text hours", () => sharedSeats(col("P1", "P1"), col("D1", "D2"), col(1, "x")), "#VALUE!"],
  ["SHAREDSEATS ranges of other sizes", () => sharedSeats(col("P1", "P1"), col("D1"), col(1, 1)), "#VALUE!"],
  [
    "SHAREDSEATS an error value in districts",
    () => sharedSeats(col("P1", "P1"), col("D1", excelError("#DIV/0!")), col(1, 1)),
    "#DIV/0!",
  ],

  // OVERLAPS
  [
    "OVERLAPS [a, b, shared, share]: share of the smaller; share, then shared, largest first",
    () =>
      overlaps(
        col("P3", "P3", "P3", "P1", "P1", "P1", "P1", "P2", "P2", "P2", "P2"),
        col(
          "Council",
          "College",
          "Health",
          "council",
          "College",
          "Health",
          "CVS",
          "Council",
          "College",
          "X",
          "Y",
        ),
      ),
    [
      ["P1", "P3", 3, 1],
      ["P1", "P2", 2, 0.5],
      ["P2", "P3", 2, 2 / 3],
    ].sort((x, y) => (y[3] as number) - (x[3] as number)),
  ],
  [
    "OVERLAPS overlap_from filters; a pair sharing one organisation is never listed",
    () => overlaps(col("A", "A", "B", "B", "C"), col("o1", "o2", "o1", "o2", "o1"), 1),
    [["A", "B", 2, 1]],
  ],
  [
    "OVERLAPS an organisation listed twice for one id counts once; blanks left out",
    () => overlaps(col("A", "A", "A", "B", "B", "", "B"), col("o1", " O1 ", "o2", "o1", "o2", "o3", "")),
    [["A", "B", 2, 1]],
  ],
  [
    "OVERLAPS id a before id b in label order, whatever the row order; first spelling shown",
    () => overlaps(col("zeta", "Alpha", "ZETA", "alpha"), col("o1", "o1", "o2", "o2")),
    [["Alpha", "zeta", 2, 1]],
  ],
  ["OVERLAPS no pair", () => overlaps(col("A", "B"), col("o1", "o1")), "#N/A"],
  ["OVERLAPS one partnership only", () => overlaps(col("A", "A"), col("o1", "o2")), "#N/A"],
  ["OVERLAPS overlap_from above 1", () => overlaps(col("A"), col("o1"), 1.5), "#NUM!"],
  ["OVERLAPS overlap_from below 0", () => overlaps(col("A"), col("o1"), -0.1), "#NUM!"],
  ["OVERLAPS overlap_from text", () => overlaps(col("A"), col("o1"), "half" as never), "#VALUE!"],
  ["OVERLAPS ranges of other sizes", () => overlaps(col("A", "B"), col("o1")), "#VALUE!"],
  [
    "OVERLAPS an error value in organisations",
    () => overlaps(col("A", "B"), col("o1", excelError("#N/A"))),
    "#N/A",
  ],
];

/**
 * Calls only a JavaScript caller can make: repeats packed in one array as Excel packs them, values
 * Excel cannot send (NaN, a range where one value is declared). They call the exported functions
 * directly.
 */
const jsCases: Row[] = [
  [
    "PARTNERSHIPS Excel's packed repeating argument",
    () => direct.partnerships(ids, [levels, [["Local"]], types, [["Health"]]] as never),
    2,
  ],
  ["PARTNERSHIPS an empty repeating argument", () => direct.partnerships(ids, [] as never), 4],
  [
    "PARTNERSHIPS packed pairs with a blank criterion",
    () => direct.partnerships(ids, [levels, [[null]]] as never),
    4,
  ],
  [
    "PARTNERSHIPS packed pairs with a criterion as a plain value",
    () => direct.partnerships(ids, [levels, "Local", types, "health"] as never),
    2,
  ],
  [
    "PARTNERSHIPS packed pairs with an omitted criterion (null)",
    () => direct.partnerships(ids, [levels, null] as never),
    4,
  ],
  [
    "PARTNERSHIPS packed pairs with a criterion as a list of values",
    () => direct.partnerships(ids, [levels, ["Regional", "Sub-regional"]] as never),
    2,
  ],
  [
    "PARTNERSHIPS packed as Excel packs, a criterion as a plain value, then an invocation object",
    () =>
      direct.partnerships(
        ids,
        [levels, "Local"] as never,
        { _address: "Sheet1!A1", _functionName: "X" } as never,
      ),
    2,
  ],
  [
    "PARTNERSHIPS packed odd number of criteria",
    () => direct.partnerships(ids, [levels, "Local", types] as never),
    "#VALUE!",
  ],
  ["FTE NaN hours", () => direct.fte(col(NaN)), "#NUM!"],
  [
    "FTE period given as a range of two cells",
    () => direct.fte(col(37), [["week"], ["year"]] as never),
    "#VALUE!",
  ],
];

/** Expected spills compare their numbers to 12 decimal places (0.1 + 0.2 matches 0.3). */
function closeNumbers(expected: unknown): unknown {
  if (typeof expected === "number") return expect.closeTo(expected, 12);
  if (Array.isArray(expected)) return expected.map(closeNumbers);
  return expected;
}

describe("AUDIT functions called directly by JavaScript", () => {
  test.each(jsCases)("%s", (_name, run, expected) => {
    const got = resultNow(run);
    if (typeof expected === "number") expect(got).toBeCloseTo(expected, 12);
    else expect(got).toEqual(closeNumbers(expected));
  });
});

describe("AUDIT functions: the contract, one rule a row", () => {
  // Every case travels in one invocation message, as Excel batches the calls of a recalculation.
  let outcomes: Outcome[] = [];
  beforeAll(async () => {
    outcomes = await Promise.all(
      cases.map(([, run]) => outcome(run).catch((e: unknown) => ({ code: "not sent", message: String(e) }))),
    );
  });
  test.each(cases.map((c, i) => [...c, i] as const))("%s", (_name, _run, expected, i) => {
    const o = outcomes[i];
    const got = "value" in o ? o.value : o.code;
    if (typeof expected === "number") expect(got).toBeCloseTo(expected, 12);
    else expect(got).toEqual(closeNumbers(expected));
  });
});

describe("errors", () => {
  test("failures are CustomFunctions.Error thrown, with a message saying what to fix", async () => {
    await expect(fte(col("ten"))).rejects.toBeInstanceOf(CustomFunctions.Error);
    expect(await outcome(() => fte(col("ten")))).toEqual({
      code: "#VALUE!",
      message: expect.stringMatching(/hours.*"ten".*not a number/),
    });
  });

  test("the size message names both arguments", async () => {
    const o = await outcome(() =>
      partnerships(col(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), col(1, 2, 3, 4, 5, 6, 7, 8, 9), [["x"]]),
    );
    expect(o).toEqual({
      code: "#VALUE!",
      message: "ids has 10 cells but criteria_range1 has 9; select ranges of the same size",
    });
    const o2 = await outcome(() => partnerships(col(1, 2), col(1, 2), [["x"]], col(1), [["y"]]));
    expect(o2).toMatchObject({ message: expect.stringContaining("criteria_range2") });
    expect(await outcome(() => fteBy(col(1), col(1, 2)))).toMatchObject({
      message: expect.stringMatching(/groups.*hours/),
    });
    expect(await outcome(() => partnershipsBy(col(1, 2), col(1)))).toEqual({
      code: "#VALUE!",
      message: "ids has 2 cells but groups has 1; select ranges of the same size",
    });
    expect(await outcome(() => leadershipBy(col("Key", "Key"), col(1, 2), col(1)))).toEqual({
      code: "#VALUE!",
      message: "roles has 2 cells but groups has 1; select ranges of the same size",
    });
    expect(await outcome(() => leadershipBy(col("Key"), col(1, 2), col(1)))).toEqual({
      code: "#VALUE!",
      message: "roles has 1 cell but ids has 2; select ranges of the same size",
    });
    expect(await outcome(() => cost(col(1), col("A", "B"), col("A"), col(1)))).toEqual({
      code: "#VALUE!",
      message: "hours has 1 cell but grades has 2; select ranges of the same size",
    });
    expect(await outcome(() => cost(col(1), col("A"), col("A", "B"), col(1)))).toEqual({
      code: "#VALUE!",
      message: "rate_grades has 2 cells but rates has 1; select ranges of the same size",
    });
    expect(await outcome(() => review(col("A", "B"), col(1), col("A"), [[1]]))).toEqual({
      code: "#VALUE!",
      message: "ids has 2 cells but hours has 1; select ranges of the same size",
    });
    expect(await outcome(() => review(col("A"), col(1), col("A", "B", "C"), [[1], [2]]))).toEqual({
      code: "#VALUE!",
      message:
        "survey_ids has 3 cells but value_ratings has 2 rows; select one row of value_ratings per survey id",
    });
    // A column of survey ids is read as it is used (REVIEW's fast path); the rule on its size still
    // comes first, before errors found in ids and hours, as on ranges read in full.
    expect(await outcome(() => review(col("A"), col(1), [["A"], [], ["B"]], [[1], [2], [3]]))).toEqual({
      code: "#VALUE!",
      message:
        "survey_ids has 2 cells but value_ratings has 3 rows; select one row of value_ratings per survey id",
    });
    expect(await outcome(() => review(col("A"), col(-1), [["A", "B"], ["C"]], [[1], [2]]))).toEqual({
      code: "#VALUE!",
      message:
        "survey_ids has 3 cells but value_ratings has 2 rows; select one row of value_ratings per survey id",
    });
    expect(await outcome(() => review(col("A"), col(1), [["A", "B"], ["C"]], [[1], [2], [3]]))).toEqual({
      value: [["A", 1, 1, "Review"]],
    });
    expect(await outcome(() => change(col("P1"), col(excelError("#N/A"))))).toMatchObject({
      message: expect.stringContaining("current_ids"),
    });
  });

  test("an odd number of criteria says which pair is incomplete", async () => {
    expect(await outcome(() => partnerships(col(1), col(1), [[1]], col(1)))).toMatchObject({
      code: "#VALUE!",
      message: expect.stringContaining("criteria_range2 has no criterion2"),
    });
  });

  test("COST's #N/A names the grade, or the row when the grade is blank", async () => {
    expect(await outcome(() => cost(col(3, 4), col("Senior", " director "), col("Senior"), col(50)))).toEqual(
      {
        code: "#N/A",
        message:
          'grade "director" (row 2, column 1 of grades) is not in rate_grades; add it to rate_grades with its hourly cost in rates',
      },
    );
    expect(await outcome(() => cost(col(3), col("Senior"), col("Junior", "senior"), col(40, null)))).toEqual({
      code: "#N/A",
      message:
        'grade "Senior" (row 1, column 1 of grades) has no hourly cost: row 2, column 1 of rates is blank; enter its hourly cost',
    });
    expect(await outcome(() => cost(col(null, 7), col("", ""), col("Senior"), col(50)))).toEqual({
      code: "#N/A",
      message:
        "row 2, column 1 of grades is blank but the row has 7 hours; enter its grade (one listed in rate_grades)",
    });
    expect(await outcome(() => cost(col(1), col("A"), col("A"), col(-5)))).toEqual({
      code: "#NUM!",
      message: "row 1, column 1 of rates is -5; an hourly cost cannot be negative; enter 0 or more",
    });
  });

  test("REVIEW's rating and threshold messages say where and what", async () => {
    expect(
      await outcome(() =>
        review(col("A"), col(1), col("A", "A"), [
          [1, 2],
          [3, 7],
        ]),
      ),
    ).toEqual({
      code: "#NUM!",
      message: "row 2, column 2 of value_ratings is 7; a value rating must be between 1 and 4",
    });
    expect(await outcome(() => review(col("A"), col(1), col("A"), [[1]], null as never, -3))).toEqual({
      code: "#NUM!",
      message: "row 1, column 1 of hours_from is -3; hours_from cannot be negative; enter 0 or more",
    });
    expect(await outcome(() => review(col(""), col(1), col("A"), [[1]]))).toEqual({
      code: "#N/A",
      message: "ids has no non-blank id, so there is no partnership to review; fill in the ids",
    });
  });

  test("every failure carries a message", async () => {
    const failing = cases.filter(([, , expected]) => typeof expected === "string");
    const outcomes = await Promise.all(failing.map(([, run]) => outcome(run)));
    failing.forEach(([name], i) => {
      const o = outcomes[i];
      expect({ name, ok: "code" in o && o.message.length > 10 }).toEqual({ name, ok: true });
    });
  });

  test("the error of an input range names the cell", async () => {
    expect(
      await outcome(() =>
        score([
          [1, 2],
          [3, excelError("#N/A")],
        ]),
      ),
    ).toMatchObject({ code: "#N/A", message: expect.stringContaining("row 2, column 2 of ratings") });
  });

  test("unexpected junk from a JavaScript caller becomes #VALUE!, never another exception", async () => {
    // Excel cannot send these values: the exported functions are called directly.
    expect(resultNow(() => direct.fte([[{}]]))).toBe("#VALUE!");
    expect(resultNow(() => direct.partnerships([[[1, 2]]] as never))).toBe("#VALUE!");
    expect(resultNow(() => direct.breakdown([[Symbol("x")]] as never))).toBe("#VALUE!");
    expect(resultNow(() => direct.score([[10n]] as never))).toBe("#VALUE!");
  });

  test("a result too large to show is #NUM!", async () => {
    expect(await result(() => fte(col(Number.MAX_VALUE, Number.MAX_VALUE)))).toBe("#NUM!");
  });
});

describe("an error value in an input range is the result; text that reads like an error is text", () => {
  const codes = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"];
  const calls: [string, (bad: unknown) => unknown][] = [
    ["PARTNERSHIPS ids", (bad) => partnerships(col("P1", bad))],
    ["PARTNERSHIPS criteria_range", (bad) => partnerships(col("P1", "P2"), col("x", bad), [["x"]])],
    ["PARTNERSHIPS criterion", (bad) => partnerships(col("P1"), col("x"), [["x"], [bad]])],
    ["PERDISTRICT ids", (bad) => perDistrict(col("P1", bad), col("D1", "D2"))],
    ["PERDISTRICT districts", (bad) => perDistrict(col("P1", "P2"), col("D1", bad))],
    ["FTE hours", (bad) => fte(col(1924, bad))],
    ["FTE period", (bad) => fte(col(1924), bad as never)],
    ["FTE weeks_per_year", (bad) => fte(col(1924), null as never, null as never, bad as never)],
    ["FTEBY groups", (bad) => fteBy(col("A", bad), col(1, 2))],
    ["FTEBY hours", (bad) => fteBy(col("A", "B"), col(1, bad))],
    ["FTEBY hours_per_week", (bad) => fteBy(col("A"), col(1), null as never, bad as never)],
    ["LEADERSHIPRATIO roles", (bad) => leadershipRatio(col("Key", bad))],
    ["LEADERSHIPRATIO ids", (bad) => leadershipRatio(col("Key", "Key"), col("P1", bad))],
    ["LEADERSHIPRATIO leading_roles", (bad) => leadershipRatio(col("Key"), null as never, col("Key", bad))],
    ["BREAKDOWN categories", (bad) => breakdown(col("A", bad))],
    ["BREAKDOWN weights", (bad) => breakdown(col("A", "B"), col(1, bad))],
    ["BREAKDOWN order", (bad) => breakdown(col("A"), null as never, col(bad))],
    ["CHANGE previous_ids", (bad) => change(col("P1", bad), col("P1"))],
    ["CHANGE current_ids", (bad) => change(col("P1"), col(bad, "P1"))],
    ["SCORE ratings", (bad) => score(col(1, bad))],
    ["SCORE scale_max", (bad) => score(col(1), bad as never)],
    ["PARTNERSHIPSBY ids", (bad) => partnershipsBy(col("P1", bad), col("A", "B"))],
    ["PARTNERSHIPSBY groups", (bad) => partnershipsBy(col("P1", "P2"), col("A", bad))],
    ["PARTNERSHIPSBY order", (bad) => partnershipsBy(col("P1"), col("A"), col("A", bad))],
    ["LEADERSHIPBY roles", (bad) => leadershipBy(col("Key", bad), col("P1", "P2"), col("A", "B"))],
    ["LEADERSHIPBY ids", (bad) => leadershipBy(col("Key", "Key"), col("P1", bad), col("A", "B"))],
    ["LEADERSHIPBY groups", (bad) => leadershipBy(col("Key", "Key"), col("P1", "P2"), col(bad, "B"))],
    ["COST hours", (bad) => cost(col(1, bad), col("A", "A"), col("A"), col(1))],
    ["COST grades", (bad) => cost(col(1, 1), col("A", bad), col("A"), col(1))],
    ["COST rate_grades", (bad) => cost(col(1), col("A"), col("A", bad), col(1, 1))],
    ["COST rates", (bad) => cost(col(1), col("A"), col("A", "B"), col(1, bad))],
    ["REVIEW ids", (bad) => review(col("A", bad), col(1, 1), col("A"), [[1]])],
    ["REVIEW hours", (bad) => review(col("A", "B"), col(1, bad), col("A"), [[1]])],
    ["REVIEW survey_ids", (bad) => review(col("A"), col(1), col("A", bad), [[1], [1]])],
    ["REVIEW value_ratings", (bad) => review(col("A"), col(1), col("A", "A"), [[1], [1, bad]])],
    ["REVIEW value_below", (bad) => review(col("A"), col(1), col("A"), [[1]], bad as never)],
    ["REVIEW hours_from", (bad) => review(col("A"), col(1), col("A"), [[1]], null as never, bad as never)],
    ["LEADERSHIPBY leading_roles", (bad) => leadershipBy(col("Key"), col("P1"), col("A"), col("Key", bad))],
  ];
  // Through Microsoft's dispatcher with flag 4 (allowErrorForDataTypeAny), as Excel hands an error
  // cell to a function that accepts errors. A custom function's result can only be #N/A, #DIV/0!,
  // #NUM!, #NULL! or #VALUE! (the runtime reports any other code as #VALUE!), so an input holding
  // #REF! or #NAME? gives #VALUE! with a message naming that cell and its error.
  const shown = (code: string): string => (code === "#REF!" || code === "#NAME?" ? "#VALUE!" : code);
  const errorRows = calls.flatMap(([where, call]) =>
    codes.map((code): [string, string, () => unknown] => [where, code, () => call(excelError(code))]),
  );
  let errorOutcomes: Outcome[] = [];
  const textRows = calls.flatMap(([where, call]) =>
    codes.map((code): [string, string, () => unknown, () => unknown] => [
      where,
      code,
      () => call(code),
      () => call("#TEXT"),
    ]),
  );
  let textOutcomes: [Outcome, Outcome][] = [];
  beforeAll(async () => {
    errorOutcomes = await Promise.all(errorRows.map(([, , run]) => outcome(run)));
    textOutcomes = await Promise.all(
      textRows.map(async ([, , run, plain]): Promise<[Outcome, Outcome]> => [
        await outcome(run),
        await outcome(plain),
      ]),
    );
  });
  test.each(errorRows.map((r, i) => [r[0], r[1], i] as const))("%s: error value %s", (_where, code, i) => {
    expect(errorOutcomes[i]).toEqual({
      code: shown(code),
      message: expect.stringContaining(`holds the error ${code}`),
    });
  });
  test.each(textRows.map((r, i) => [r[0], r[1], i] as const))(
    "%s: the text %s is text, as any other text",
    (_where, code, i) => {
      const [got, plain] = textOutcomes[i];
      // The same outcome as the text "#TEXT" in its place (labels and messages quoting the text given).
      const swap = (x: unknown): unknown =>
        typeof x === "string" ? x.split("#TEXT").join(code) : Array.isArray(x) ? x.map(swap) : x;
      const expected =
        "value" in plain ? { value: swap(plain.value) } : { code: plain.code, message: swap(plain.message) };
      expect(got).toEqual(expected);
      expect("message" in got ? got.message : "").not.toContain("holds the error");
    },
  );
  test("a JavaScript caller's error-like object (anything with an error code) is an error value", () => {
    // Excel cannot send a plain object: the exported functions are called directly.
    expect(outcomeNow(() => direct.fte(col(1924, { code: "#N/A" })))).toEqual({
      code: "#N/A",
      message:
        "row 2, column 1 of hours holds the error #N/A; fix that cell (or the formula feeding it) and the result follows",
    });
    expect(
      outcomeNow(() => direct.partnerships(col("P1"), col("x"), [["x"], [{ code: "#DIV/0!" }]])),
    ).toMatchObject({
      code: "#DIV/0!",
      message: expect.stringContaining("row 2, column 1 of criterion1"),
    });
  });
});

describe("registration", () => {
  test("each function is associated with its id when CustomFunctions exists", async () => {
    const associate = jest.fn();
    const saved = CustomFunctions.associate;
    (CustomFunctions as { associate: unknown }).associate = associate;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("../../src/functions/functions");
    });
    (CustomFunctions as { associate: unknown }).associate = saved;
    expect(associate.mock.calls.map((c) => c[0])).toEqual([...FUNCTION_IDS]);
    expect(associate.mock.calls.every((c) => typeof c[1] === "function")).toBe(true);
  });

  test("the module loads without the CustomFunctions global (task pane page)", async () => {
    const g = globalThis as { CustomFunctions?: unknown };
    const saved = g.CustomFunctions;
    delete g.CustomFunctions;
    try {
      jest.isolateModules(() => {
        const mod =
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          require("../../src/functions/functions") as typeof import("../../src/functions/functions");
        expect(mod.fte([[1924]])).toBe(1);
      });
    } finally {
      g.CustomFunctions = saved;
    }
  });
});

/** Headline figures of the open workbook, computed by the core from a read of the tables: 2 syncs. */
import { computeHeadlines } from "../core/headlines";
import type { Headlines } from "../core/operations";
import { readOpenReturn, type ReadOptions } from "./read-tables";

export async function readHeadlines(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<Headlines> {
  const ret = await readOpenReturn(context, options);
  const h = computeHeadlines([ret]);
  return {
    partnerships: h.partnerships,
    districts: h.districts,
    perDistrict: h.perDistrict,
    fte: h.fte,
    leadershipRatio: h.leadershipRatio,
  };
}

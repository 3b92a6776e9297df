/**
 * The check of a large district return, timed here rather than in the unit tests (a wall-clock
 * assertion there fails whenever the machine is busy): checkReturn over 50,000 good Partnerships
 * rows. Median of several runs; bar: under 5 s (it takes well under 1 s).
 */
import { checkReturn } from "../src/core/returns/checks";
import { readReturn } from "../src/core/returns/read-return";
import {
  GOOD_PARTNERSHIP,
  GOOD_REPRESENTATION,
  GOOD_SURVEY,
  grid,
} from "../test/core/returns/return-fixtures";
import type { BenchRow } from "./lib";

const ROWS = 50_000;
const RUNS = 5;
const BAR_MS = 5000;

export function benchChecks(): BenchRow[] {
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    ...GOOD_PARTNERSHIP,
    partnershipId: `P-${i}`,
    barriers: "Pressure on key staff time",
    meetingsPerYear: 12,
    involvedSince: 2001,
  }));
  const ret = readReturn(
    grid({
      Partnerships: rows,
      Representation: [{ ...GOOD_REPRESENTATION, partnershipId: "P-1" }],
      PartnerSurvey: [{ ...GOOD_SURVEY, partnershipId: "P-2" }],
    }),
  );
  const times: number[] = [];
  let findings = -1;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    findings = checkReturn(ret, { currentYear: 2026 }).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return [
    {
      name: `check ${ROWS.toLocaleString("en-GB")} rows`,
      medianMs: median,
      bar: `< ${BAR_MS} ms`,
      pass: median < BAR_MS && findings === 0,
      note: findings === 0 ? "no findings, as expected" : `${findings} findings on good rows`,
    },
  ];
}

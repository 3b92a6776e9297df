/**
 * What a sync may carry. Excel on the web refuses a request or a response over 5 MB
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded; "Excel on the web has a
 * payload size limit for requests and responses of 5MB",
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * Every write and read here is budgeted by bytes (UTF-8 bytes of the JSON that carries the cells,
 * strings measured), with a margin under the limit.
 *
 * Reads: nobody knows how long a text column's cells are before reading them, so `readInBlocks`
 * learns it: it reads row blocks sized by the bytes per row measured so far (a first guess of
 * GUESS_BYTES_PER_CELL before anything is read), and a block the limit refuses is split in two and
 * read again (a read changes nothing, so reading it again is safe). Long free text (Notes,
 * Comments) therefore costs syncs in proportion to its size, never a refusal the user sees.
 */

import { jsonBytes } from "../core/consolidation/import-plan";

export { jsonBytes };

/** Excel on the web's limit for one request and one response. */
const PAYLOAD_LIMIT_BYTES = 5_000_000;
/** Bytes of cell data one sync may write: a margin under PAYLOAD_LIMIT_BYTES. */
export const SYNC_BUDGET_BYTES = 4_000_000;
/**
 * Bytes a read sync is planned to bring back. Closer to the limit than writes: a read Excel refuses
 * for its size is simply read again in smaller blocks (a refused write would leave the user waiting
 * for nothing), and the planned size already carries the reader's margin.
 */
export const READ_BUDGET_BYTES = 4_500_000;
/** First guess of the bytes one cell's value and value type take in a response, before any read. */
const GUESS_BYTES_PER_CELL = 16;
/** Safety factor on the measured bytes per row: later rows may be longer than those read so far. */
const MARGIN = 1.1;

/** True when Excel refused a response (or a request) for its size. */
function isPayloadLimit(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

/** Rows of one range to read in blocks. */
export interface ReadJob<T> {
  /** jobs of one group share what is learnt about the bytes per cell (e.g. one sheet's columns) */
  readonly group: string;
  readonly rows: number;
  readonly columns: number;
  /** queues the read of rows [start, start + count) and returns the result, valid after the sync */
  load(start: number, count: number): () => T;
  /** bytes of a result as read */
  measure(result: T): number;
}

/** A block as read. */
interface ReadPiece<T> {
  readonly job: number;
  readonly start: number;
  readonly count: number;
  readonly result: T;
}

interface ReadOptions {
  /** bytes per sync (tests lower it) */
  readonly budget?: number;
  /** first guess of bytes per cell */
  readonly bytesPerCell?: number;
  /** queued into the first read sync (e.g. other small loads); queued again if Excel refuses that sync */
  readonly alsoLoad?: () => void;
}

/**
 * Reads every job's rows in as few syncs as the byte budget allows (see the header). The pieces
 * come back in job order, each job's rows in order.
 */
export async function readInBlocks<T>(
  context: Excel.RequestContext,
  jobs: readonly ReadJob<T>[],
  options: ReadOptions = {},
): Promise<ReadPiece<T>[][]> {
  const budget = options.budget ?? READ_BUDGET_BYTES;
  const guess = options.bytesPerCell ?? GUESS_BYTES_PER_CELL;
  /** bytes per cell per group: the largest measured so far (with a margin) */
  const seen = new Map<string, number>();
  /** how many times a group's estimate is doubled after refusals since its last measurement */
  const doubled = new Map<string, number>();
  /** bytes per cell per group at least, learnt from a refusal */
  const floor = new Map<string, number>();
  const estimate = (job: ReadJob<T>): number =>
    Math.max((seen.get(job.group) ?? guess) * 2 ** (doubled.get(job.group) ?? 0), floor.get(job.group) ?? 0) *
      job.columns +
    8;
  const out: ReadPiece<T>[][] = jobs.map(() => []);
  // what is left to read, in order
  let pending: { job: number; start: number; count: number }[] = jobs
    .map((j, i) => ({ job: i, start: 0, count: j.rows }))
    .filter((p) => p.count > 0);
  // the other loads go with the first read sync, and again with the next one if Excel refused it
  // for its size (a refused sync answers none of its loads)
  let first = true;
  while (pending.length > 0 || (first && options.alsoLoad)) {
    if (first) options.alsoLoad?.();
    const batch: { job: number; start: number; count: number; get: () => T }[] = [];
    let room = budget;
    while (pending.length > 0) {
      const p = pending[0];
      const perRow = estimate(jobs[p.job]);
      const fit = Math.floor(room / perRow);
      if (fit < 1 && batch.length > 0) break;
      const count = Math.max(1, Math.min(p.count, fit));
      batch.push({ ...p, count, get: jobs[p.job].load(p.start, count) });
      room -= count * perRow;
      if (count < p.count) {
        pending[0] = { job: p.job, start: p.start + count, count: p.count - count };
        break;
      }
      pending.shift();
    }
    try {
      await context.sync();
    } catch (e) {
      if (!isPayloadLimit(e)) throw e;
      // refused for its size: split every block of this sync in two and read them again
      if (batch.length === 1 && batch[0].count === 1)
        throw new Error(
          `A single row is too large for Excel to send in one response (over 5 MB): shorten the longest texts in that row. (${describe(e)})`,
        );
      const again: typeof pending = [];
      for (const b of batch) {
        const half = Math.ceil(b.count / 2);
        again.push({ job: b.job, start: b.start, count: half });
        if (b.count > half) again.push({ job: b.job, start: b.start + half, count: b.count - half });
      }
      // the cells of this sync took more than the limit: at least that much each, from now on
      const cells = batch.reduce((n, b) => n + b.count * jobs[b.job].columns, 0);
      const atLeast = (PAYLOAD_LIMIT_BYTES / Math.max(cells, 1)) * 1.25;
      for (const group of new Set(batch.map((b) => jobs[b.job].group))) {
        doubled.set(group, (doubled.get(group) ?? 0) + 1);
        floor.set(group, Math.max(floor.get(group) ?? 0, atLeast));
      }
      pending = [...again, ...pending];
      continue;
    }
    first = false;
    for (const b of batch) {
      const job = jobs[b.job];
      const result = b.get();
      out[b.job].push({ job: b.job, start: b.start, count: b.count, result });
      const bytes = job.measure(result);
      const cells = Math.max(1, b.count * job.columns);
      seen.set(job.group, Math.max(seen.get(job.group) ?? 0, (bytes / cells) * MARGIN, 1));
      doubled.delete(job.group);
      floor.delete(job.group);
    }
  }
  for (const pieces of out) pieces.sort((a, b) => a.start - b.start);
  return out;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

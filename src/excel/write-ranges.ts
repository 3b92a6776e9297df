/**
 * Writing one value to every cell of a range, as full arrays. The Range reference no longer says
 * that a single value is spread over a multi-cell range (the sentence was removed after
 * office-js-docs-reference issue 578, where a single value set to `formulas` or `values` stopped the
 * add-in), and its setters take two-dimensional arrays the size of the range: so every cell gets
 * its own entry. A column of a large table makes a large request, so the writer cuts the range
 * into row blocks and syncs whenever the bytes queued reach the budget (Excel on the web refuses
 * requests over 5 MB; payload.ts).
 */
import { SYNC_BUDGET_BYTES, jsonBytes } from "./payload";

type FillProp = "values" | "formulas" | "numberFormat";

export class RangeFiller {
  /** bytes queued since the last sync */
  used = 0;
  /** syncs this writer made to stay under the budget */
  syncs = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget = SYNC_BUDGET_BYTES,
    /** called after each of its syncs (e.g. to suspend calculation again) */
    private readonly afterSync: () => void = () => undefined,
  ) {}

  /** Counts bytes queued by other writes of the same sync. */
  add(bytes: number): void {
    this.used += bytes;
  }

  /** Queues `value` for every cell of `range` (`rows` × `columns` cells), syncing when the budget is reached. */
  async fill(
    range: Excel.Range,
    prop: FillProp,
    value: string | number,
    rows: number,
    columns = 1,
  ): Promise<void> {
    const rowBytes = (jsonBytes(value) + 1) * columns + 2;
    const perBlock = Math.max(1, Math.floor(this.budget / rowBytes));
    for (let start = 0; start < rows; start += perBlock) {
      const n = Math.min(perBlock, rows - start);
      if (this.used > 0 && this.used + n * rowBytes > this.budget) await this.flush();
      const block = n === rows ? range : range.getRow(start).getResizedRange(n - 1, 0);
      block[prop] = Array.from({ length: n }, () => new Array<string | number>(columns).fill(value));
      this.used += n * rowBytes;
    }
  }

  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.used = 0;
    this.afterSync();
  }
}

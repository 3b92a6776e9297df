/**
 * Charts: ChartCollection, Chart, ChartSeriesCollection, ChartSeries.
 *
 * Excel builds a new chart's series from the data of its source range ("creates a chart … based
 * upon data in the range", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-charts#create-a-chart).
 * Over cells that are all blank — among them formulas not calculated yet (calculation suspended,
 * custom functions still running) — it has no data to make a series from: the chart is created
 * with no series (the finding; Excel.ErrorCodes lists EmptyChartSeries for such charts,
 * https://learn.microsoft.com/javascript/api/excel/excel.errorcodes). The fake models that:
 * `series.getItemAt(0)` of such a chart fails the sync (ItemNotFound). A series can always be
 * added with explicit ranges: `series.add(name)` then `setValues` / `setXAxisValues` (ExcelApi 1.7;
 * "Add a data series to a chart" in the same article).
 */
import { formatA1 } from "../../src/core/model/a1";
import { FakeCollection, FakeObject, FakeOfficeError, NullObjectUse, fromParent, notFound } from "./base";
import type { FakeRequestContext } from "./context";
import type { FakeRange, Located } from "./ranges";
import type { FakeChartState, FakeSeriesState, FakeSheetState } from "./state";
import { guard } from "./workbook";

function addressOf(r: FakeRange): string {
  const l = r.need();
  return formatA1(l.rect, l.sheet.name);
}

/** The series Excel makes from a source range: one per column (or row) holding any value. */
function seriesFromSource(l: Located, seriesBy: string): FakeSeriesState[] {
  const rows = l.rect.r1 - l.rect.r0 + 1;
  const cols = l.rect.c1 - l.rect.c0 + 1;
  const byRows = seriesBy === "Rows" || (seriesBy !== "Columns" && cols > rows);
  const out: FakeSeriesState[] = [];
  const lines = byRows ? rows : cols;
  for (let i = 0; i < lines; i++) {
    const rect = byRows
      ? { r0: l.rect.r0 + i, r1: l.rect.r0 + i, c0: l.rect.c0, c1: l.rect.c1 }
      : { r0: l.rect.r0, r1: l.rect.r1, c0: l.rect.c0 + i, c1: l.rect.c0 + i };
    let any = false;
    for (let r = rect.r0; r <= rect.r1 && !any; r++)
      for (let c = rect.c0; c <= rect.c1 && !any; c++) any = l.sheet.value(r, c) !== "";
    if (any) out.push({ name: `Series${out.length + 1}`, values: formatA1(rect, l.sheet.name), xValues: "" });
  }
  return out;
}

export class FakeChartCollection extends FakeCollection<FakeChart> {
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: () => FakeSheetState,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "ChartCollection";
  }
  protected list(): FakeChart[] {
    return this.sheet().charts.map((c) => new FakeChart(this.ctx, () => c));
  }
  add(type: string, sourceData: FakeRange, seriesBy = "Auto"): FakeChart {
    let created: FakeChartState | undefined;
    this.write(`add chart ${type}`, 0, () => {
      const s = this.sheet();
      guard(s, "adding a chart");
      const l = sourceData.need();
      created = {
        name: `Chart ${s.charts.length + 1}`,
        type,
        title: "",
        source: formatA1(l.rect, l.sheet.name),
        series: seriesFromSource(l, seriesBy),
        from: "",
        to: "",
      };
      s.charts.push(created);
    });
    return new FakeChart(this.ctx, () => {
      if (!created) throw notFound("the chart that was to be added");
      return created;
    });
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(name: string): FakeChart {
    this.ctx.requireApi("ExcelApi", "1.4", "ChartCollection.getItemOrNullObject");
    return new FakeChart(this.ctx, () => this.sheet().charts.find((c) => c.name === name) ?? null);
  }
  getItem(name: string): FakeChart {
    return new FakeChart(this.ctx, () => {
      const c = this.sheet().charts.find((x) => x.name === name);
      if (!c) throw notFound(`chart ${name}`);
      return c;
    });
  }
}

export class FakeChart extends FakeObject {
  readonly title: { text: string };
  readonly series: FakeChartSeriesCollection;
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: () => FakeChartState | null,
  ) {
    super(ctx);
    const need = fromParent(resolve, "Chart", (c) => c);
    const enqueue = (what: string, run: () => void): void => ctx.enqueue({ what, payload: what.length, run });
    this.title = {
      set text(v: string) {
        enqueue(`chart title ${v}`, () => {
          need().title = v;
        });
      },
      get text(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "chart title is write-only in this fake");
      },
    };
    this.series = new FakeChartSeriesCollection(ctx, need);
  }
  protected kind(): string {
    return "Chart";
  }
  protected override exists(): boolean {
    return this.resolve() !== null;
  }
  protected override child(prop: string): FakeObject | undefined {
    if (prop === "series") return this.series;
    return undefined;
  }
  private need(what: string): FakeChartState {
    const c = this.resolve();
    if (!c) throw new NullObjectUse(what);
    return c;
  }
  protected readProp(prop: string): unknown {
    const c = this.need("Chart");
    if (prop === "name") return c.name;
    throw new FakeOfficeError("InvalidArgument", `Chart has no property ${prop}`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.write(`chart name ${v}`, v.length, () => {
      this.need("Chart.name").name = v;
    });
  }
  setPosition(startCell: string, endCell?: string): void {
    this.write(`chart position ${startCell}:${endCell ?? ""}`, 0, () => {
      const c = this.need("Chart.setPosition");
      c.from = startCell;
      c.to = endCell ?? "";
    });
  }
  delete(): void {
    this.write("delete chart", 0, () => {
      const c = this.need("Chart.delete");
      for (const s of this.ctx.state.sheets) s.charts = s.charts.filter((x) => x !== c);
    });
  }
}

export class FakeChartSeriesCollection extends FakeCollection<FakeChartSeries> {
  constructor(
    ctx: FakeRequestContext,
    private readonly chart: () => FakeChartState,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "ChartSeriesCollection";
  }
  protected override readProp(prop: string): unknown {
    if (prop === "count") return this.chart().series.length;
    return super.readProp(prop);
  }
  get count(): number {
    return this.got("count");
  }
  protected list(): FakeChartSeries[] {
    return this.chart().series.map((s) => new FakeChartSeries(this.ctx, () => s, this.chart));
  }
  /** The series at `index`: fails at sync when the chart has no such series. */
  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(
      this.ctx,
      () => {
        const s = this.chart().series[index];
        if (!s)
          throw notFound(
            `series ${index} of chart ${this.chart().name} (it has ${this.chart().series.length})`,
          );
        return s;
      },
      this.chart,
    );
  }
  /** ExcelApi 1.7: a new series, with no data until setValues. */
  add(name?: string): FakeChartSeries {
    this.ctx.requireApi("ExcelApi", "1.7", "ChartSeriesCollection.add");
    let created: FakeSeriesState | undefined;
    this.ctx.enqueue({
      what: `add series ${name ?? ""}`,
      payload: (name ?? "").length,
      run: () => {
        created = { name: name ?? `Series${this.chart().series.length + 1}`, values: "", xValues: "" };
        this.chart().series.push(created);
      },
    });
    return new FakeChartSeries(
      this.ctx,
      () => {
        if (!created) throw notFound("the series that was to be added");
        return created;
      },
      this.chart,
    );
  }
}

export class FakeChartSeries extends FakeObject {
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: () => FakeSeriesState,
    private readonly chart: () => FakeChartState,
  ) {
    super(ctx);
  }
  protected kind(): string {
    return "ChartSeries";
  }
  protected readProp(prop: string): unknown {
    const s = this.resolve();
    if (prop === "name") return s.name;
    throw new FakeOfficeError("InvalidArgument", `ChartSeries has no property ${prop}`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.write(`series name ${v}`, v.length, () => {
      this.resolve().name = v;
    });
  }
  /** ExcelApi 1.7. */
  setValues(source: FakeRange): void {
    this.ctx.requireApi("ExcelApi", "1.7", "ChartSeries.setValues");
    this.write("series values", 0, () => {
      this.resolve().values = addressOf(source);
    });
  }
  /** ExcelApi 1.7. */
  setXAxisValues(source: FakeRange): void {
    this.ctx.requireApi("ExcelApi", "1.7", "ChartSeries.setXAxisValues");
    this.write("series x values", 0, () => {
      this.resolve().xValues = addressOf(source);
    });
  }
  /** ExcelApi 1.7. */
  delete(): void {
    this.ctx.requireApi("ExcelApi", "1.7", "ChartSeries.delete");
    this.write("delete series", 0, () => {
      const s = this.resolve();
      const c = this.chart();
      c.series = c.series.filter((x) => x !== s);
    });
  }
}

/**
 * A typed RECORDING FAKE of the Excel JavaScript API subset that src/excel uses, as strict as
 * Excel where it matters. Split by object family; each behaviour is cited beside its code:
 *   base.ts      proxies, loads, unloaded reads (PropertyNotLoaded), null objects
 *   context.ts   the request context: sync counting, payload limits (5 MB, bytes), requirement sets
 *   state.ts     the workbook's cells, tables, names, charts (what tests inspect)
 *   workbook.ts  workbook, sheets, protection, freeze panes
 *   ranges.ts    ranges: values, formulas, navigation, used ranges, merged areas, delete
 *   formats.ts   formats, data validation, conditional formats
 *   tables.ts    tables, columns, rows (placeholder row), filters (no row deletion under a filter)
 *   names.ts     workbook names
 *   charts.ts    charts and series (no series over blank sources)
 *   settings.ts  the document's add-in settings
 *
 * No Node APIs: it is also bundled for the browser tests. `createFakeExcel(init?)` gives `run`
 * (Excel.run over the fake), `excelRun` (the same, typed as Excel.run for createExcelOperations),
 * `context()`, the `state` (sheets, tables, names, selection, settings), `recorder` (syncs, each
 * with its writes and payload) and `values` / `formulas` / `grid` to look at cells.
 * Formulas are stored, not calculated: a formula cell reads back as "" unless the test sets a value.
 */
import { columnLetter, parseA1 } from "../../src/core/model/a1";
import { FakeRecorder, FakeRequestContext, versionAtLeast } from "./context";
import { mapRect } from "./ranges";
import {
  initState,
  type FakeScalar,
  type FakeSheetState,
  type FakeWorkbookInit,
  type FakeWorkbookState,
} from "./state";

export { FakeOfficeError, jsonBytes } from "./base";
export { FakeRecorder, FakeRequestContext, PAYLOAD_LIMIT_BYTES } from "./context";
export type { FakeSyncRecord, FakeWrite } from "./context";
export { FakeSheetState, FakeTableState, FakeWorkbookState } from "./state";
export type {
  FakeChartState,
  FakeFilterCriteria,
  FakeInitCell,
  FakeScalar,
  FakeSeriesState,
  FakeSheetInit,
  FakeWorkbookInit,
} from "./state";

/** Excel.run's shape, over the fake. */
export type FakeRun = <T>(batch: (context: FakeRequestContext) => Promise<T>) => Promise<T>;

export interface FakeExcel {
  readonly state: FakeWorkbookState;
  readonly recorder: FakeRecorder;
  /** like Excel.run: a new request context per batch; pending writes are synced at the end */
  readonly run: FakeRun;
  /** the same run, typed as Excel.run's single-batch form (for createExcelOperations) */
  readonly excelRun: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** a context outside run (tests call helpers with it directly) */
  context(): FakeRequestContext;
  /** values of a range, e.g. values("Partnerships", "A1:C3") */
  values(sheet: string, address: string): FakeScalar[][];
  formulas(sheet: string, address: string): FakeScalar[][];
  /** the used range of a sheet as values, from A1 (empty sheet → []) */
  grid(sheet: string): FakeScalar[][];
  /** Office.context.requirements.isSetSupported of this "Excel" (see FakeWorkbookInit.requirementSets) */
  isSetSupported(set: string, version?: string): boolean;
  /** makes the next command whose description matches fail with `code` (once), e.g. /add chart/ */
  failOnce(match: RegExp, code?: string, message?: string): void;
}

export function createFakeExcel(init?: FakeWorkbookInit): FakeExcel {
  const state = initState(init);
  const recorder = new FakeRecorder();
  const context = (): FakeRequestContext => new FakeRequestContext(state, recorder);
  const read = (
    sheet: string,
    address: string,
    f: (s: FakeSheetState, r: number, c: number) => FakeScalar,
  ) => {
    const s = state.sheet(sheet);
    if (!s) throw new Error(`No sheet ${sheet}`);
    return mapRect({ sheet: s, rect: parseA1(address) }, (r, c) => f(s, r, c));
  };
  const run = async <T>(batch: (ctx: FakeRequestContext) => Promise<T>): Promise<T> => {
    const ctx = context();
    const out = await batch(ctx);
    if (ctx.pending > 0) await ctx.sync();
    return out;
  };
  return {
    state,
    recorder,
    context,
    run,
    // the one cast between the fake and Office's types: the fake implements the subset structurally
    excelRun: <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
      run((ctx) => batch(ctx as unknown as Excel.RequestContext)),
    values: (sheet, address) => read(sheet, address, (s, r, c) => s.value(r, c)),
    formulas: (sheet, address) => read(sheet, address, (s, r, c) => s.formula(r, c)),
    grid: (sheet) => {
      const s = state.sheet(sheet);
      if (!s) throw new Error(`No sheet ${sheet}`);
      const used = s.usedRect();
      if (!used) return [];
      return mapRect({ sheet: s, rect: { r0: 0, c0: 0, r1: used.r1, c1: used.c1 } }, (r, c) => s.value(r, c));
    },
    isSetSupported: (set, version = "1.1") => {
      const have = state.requirementSets[set];
      return have === undefined || versionAtLeast(have, version);
    },
    failOnce: (match, code = "GeneralException", message) => {
      recorder.failures.push({ match, code, message });
    },
  };
}

/** The one cast between the fake and Office's types: the fake implements the subset structurally. */
export function asExcelContext(ctx: FakeRequestContext): Excel.RequestContext {
  return ctx as unknown as Excel.RequestContext;
}

/** Column letter helper re-exported for tests. */
export { columnLetter };

/**
 * The workbook model behind the in-memory Excel of test/excel-host: a typed model of the Excel
 * JavaScript API subset that src/excel uses, as strict as Excel where it matters. src/excel never
 * talks to it directly: Microsoft's own Excel client sends each sync as a request, and
 * test/excel-host/server.ts turns the request into calls on these objects, in order, one fake sync
 * per request. Split by object family; each behaviour is cited beside its code:
 *   base.ts      proxies, loads, unloaded reads, null objects
 *   context.ts   the queue and sync accounting (the server measures the real request bytes)
 *   state.ts     the workbook's cells, tables, names, charts (what tests inspect)
 *   workbook.ts  workbook, sheets (getRanges), protection, freeze panes
 *   ranges.ts    ranges: values, formulas (full arrays only), navigation, used ranges, merged areas,
 *                RangeAreas fills, delete
 *   formats.ts   formats, data validation, conditional formats
 *   tables.ts    tables, columns, rows (placeholder row), filters (criteria with nulls, refused by
 *                apply; no row deletion under a filter)
 *   names.ts     workbook names
 *   charts.ts    charts and series (no series over blank sources)
 *   settings.ts  the document's add-in settings
 *
 * No Node APIs: it is also bundled for the browser tests. `createFakeExcel(init?)` gives the
 * `state` (sheets, tables, names, selection, settings), the `recorder` (syncs, each with its writes
 * and payload) and `values` / `formulas` / `grid` to look at cells.
 * Formulas are stored, not calculated: a formula cell reads back as "" unless the test sets a value.
 */
import { columnLetter, parseA1 } from "../../src/core/model/a1";
import { FakeRecorder, versionAtLeast } from "./context";
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

export interface FakeExcel {
  readonly state: FakeWorkbookState;
  readonly recorder: FakeRecorder;
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
  const read = (
    sheet: string,
    address: string,
    f: (s: FakeSheetState, r: number, c: number) => FakeScalar,
  ) => {
    const s = state.sheet(sheet);
    if (!s) throw new Error(`No sheet ${sheet}`);
    return mapRect({ sheet: s, rect: parseA1(address) }, (r, c) => f(s, r, c));
  };
  return {
    state,
    recorder,
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

/** Column letter helper re-exported for tests. */
export { columnLetter };

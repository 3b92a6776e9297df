/**
 * The request context, its queue and sync accounting: what every `context.sync()` carries and
 * what Excel refuses.
 *
 * - Every sync is counted and recorded with its writes, its payload (JSON bytes of the cell data
 *   written) and its response (JSON bytes of what the loads bring back).
 * - Payload limits. "Excel on the web has a payload size limit for requests and responses of
 *   5MB" (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins);
 *   Excel reports RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded (both in
 *   Excel.ErrorCodes, https://learn.microsoft.com/javascript/api/excel/excel.errorcodes). The fake
 *   enforces the limit everywhere (strict: Windows and Mac have no such limit), measured in UTF-8
 *   bytes of JSON, strings measured: a request over the limit fails before anything is applied; a
 *   response over it fails the sync and nothing it loaded is available.
 * - Requirement sets. Each API member the Excel layer uses that is newer than ExcelApi 1.1 checks
 *   its set (the "[ API set: ExcelApi 1.x ]" line of its reference page; the list of sets is at
 *   https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets).
 *   A test can switch sets off (`requirementSets: { ExcelApi: "1.12" }`); the member then fails
 *   the sync with ApiNotFound, as an Excel that lacks it does (Excel.ErrorCodes.apiNotFound).
 * - Writes are queued and applied at sync, in order; a failing command fails the sync with its
 *   error code (the error handling article,
 *   https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 *   The fake keeps what ran before the failure (it does not roll back): the Excel layer is written
 *   so that either way the user is told what was written and a re-run completes the rest.
 * - A test can inject a failure at a chosen command (`failOnce`), e.g. to interrupt set-up.
 */
import { FakeOfficeError, jsonBytes } from "./base";
import type { FakeWorkbookState } from "./state";
import { FakeApplication, FakeWorkbook } from "./workbook";

/** Excel on the web's limit for one request and one response (5 MB). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1000 * 1000;
/** What one queued command costs in a request besides its cell data (its JSON envelope). */
export const COMMAND_BYTES = 64;

export interface FakeWrite {
  /** what was written, e.g. "Partnerships!A1:S1 values" */
  readonly what: string;
  /** JSON bytes of the cell data carried */
  readonly payload: number;
}

export interface FakeSyncRecord {
  readonly index: number;
  readonly writes: FakeWrite[];
  /** JSON bytes of the cell data written in this sync */
  payload: number;
  /** bytes of the request: payload plus COMMAND_BYTES per command */
  requestBytes: number;
  /** JSON bytes of what the loads of this sync brought back */
  responseBytes: number;
  suspendedCalculation: boolean;
  loads: number;
  error?: string;
  /** undoes the loads of this sync when the response is refused (internal) */
  readonly undo: (() => void)[];
}

export interface Op {
  readonly what: string;
  readonly payload: number;
  readonly load?: boolean;
  run(record: FakeSyncRecord): void;
}

/** A failure to inject: the first command whose description matches fails with `code`. */
export interface FakeFailure {
  readonly match: RegExp;
  readonly code: string;
  readonly message?: string;
}

export class FakeRecorder {
  syncs: FakeSyncRecord[] = [];
  /** failures to inject, each used once (see FakeExcel.failOnce) */
  failures: FakeFailure[] = [];
  get syncCount(): number {
    return this.syncs.length;
  }
  reset(): void {
    this.syncs = [];
  }
}

/** True when `have` (e.g. "1.12") is at least `need` (e.g. "1.13"). */
export function versionAtLeast(have: string, need: string): boolean {
  const a = have.split(".").map(Number);
  const b = need.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  /**
   * Whether this context applies its own payload estimate. The in-memory Excel behind Microsoft's
   * client (test/excel-host) turns it off: it measures the real request and response instead.
   */
  estimatesPayload = true;
  private queue: Op[] = [];
  constructor(
    readonly state: FakeWorkbookState,
    readonly recorder: FakeRecorder,
  ) {
    this.workbook = new FakeWorkbook(this);
    this.application = new FakeApplication(this);
  }
  enqueue(op: Op): void {
    this.queue.push(op);
  }
  takeFrom(index: number): Op[] {
    return this.queue.splice(index);
  }
  get pending(): number {
    return this.queue.length;
  }
  /** True when this Excel supports the set at that version (see the header). */
  supports(set: string, version: string): boolean {
    const have = this.state.requirementSets[set];
    return have === undefined || versionAtLeast(have, version);
  }
  /** Queues the check of a member's requirement set: the sync fails with ApiNotFound without it. */
  requireApi(set: string, version: string, member: string): void {
    if (this.supports(set, version)) return;
    this.enqueue({
      what: `requires ${set} ${version}`,
      payload: 0,
      load: true,
      run: () => {
        throw new FakeOfficeError(
          "ApiNotFound",
          `${member} needs ${set} ${version}, which this Excel does not support.`,
          member,
        );
      },
    });
  }
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    if (this.state.syncDelayMs > 0) await new Promise((done) => setTimeout(done, this.state.syncDelayMs));
    const record: FakeSyncRecord = {
      index: this.recorder.syncs.length + 1,
      writes: [],
      payload: 0,
      requestBytes: 0,
      responseBytes: 0,
      suspendedCalculation: false,
      loads: 0,
      undo: [],
    };
    this.recorder.syncs.push(record);
    for (const op of ops) record.requestBytes += op.payload + COMMAND_BYTES;
    if (this.estimatesPayload && record.requestBytes > PAYLOAD_LIMIT_BYTES) {
      record.error = `request of ${record.requestBytes} bytes`;
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${record.requestBytes} bytes) has exceeded the limit of ${PAYLOAD_LIMIT_BYTES} bytes.`,
      );
    }
    for (const op of ops) {
      if (op.what === "suspendApiCalculationUntilNextSync") record.suspendedCalculation = true;
      try {
        const failure = this.recorder.failures.findIndex((f) => f.match.test(op.what));
        if (failure >= 0) {
          const f = this.recorder.failures[failure];
          this.recorder.failures.splice(failure, 1);
          throw new FakeOfficeError(f.code, f.message ?? `Injected failure at "${op.what}".`, op.what);
        }
        op.run(record);
      } catch (e) {
        record.error = e instanceof Error ? e.message : String(e);
        for (const undo of record.undo) undo();
        throw e instanceof FakeOfficeError ? e : new FakeOfficeError("GeneralException", String(e), op.what);
      }
      if (op.load) record.loads++;
      else {
        record.writes.push({ what: op.what, payload: op.payload });
        record.payload += op.payload;
      }
    }
    if (this.estimatesPayload && record.responseBytes > PAYLOAD_LIMIT_BYTES) {
      record.error = `response of ${record.responseBytes} bytes`;
      for (const undo of record.undo) undo();
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${record.responseBytes} bytes) has exceeded the limit of ${PAYLOAD_LIMIT_BYTES} bytes.`,
      );
    }
    await Promise.resolve();
  }
}

export { jsonBytes };

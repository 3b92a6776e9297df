/**
 * Test helper: hostile .xlsx files, made by the tests themselves and small on disk. A valid return
 * is written by our writer and taken apart; parts are then replaced or edited and zipped again by
 * a raw zip builder here (Node's zlib for deflate and CRC-32), so that a test can say exactly what
 * a part holds, what its header claims and what its CRC is.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";
import { demoDistrict } from "../../src/core/demo/demo-data";
import { writeAuditWorkbook } from "../../src/xlsx/write";

/** One zip entry as written: its data as stored (deflated or not) and what the headers claim. */
export interface RawEntry {
  readonly name: string;
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  readonly crc: number;
  readonly size: number;
}

const utf8 = new TextEncoder();

/** An honest deflated entry. */
export function deflated(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === "string" ? utf8.encode(content) : content;
  return { name, data: deflateRawSync(bytes), method: 8, crc: crc32(bytes), size: bytes.length };
}

/** An honest stored (uncompressed) entry. */
export function stored(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === "string" ? utf8.encode(content) : content;
  return { name, data: bytes, method: 0, crc: crc32(bytes), size: bytes.length };
}

/** A zip archive of the entries, headers as given (sizes and CRCs may lie). */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = utf8.encode(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint16(8, e.method, true);
    lv.setUint16(12, 0x21, true);
    lv.setUint32(14, e.crc >>> 0, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size >>> 0, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const dir = new Uint8Array(46 + name.length);
    const cv = new DataView(dir.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, e.crc >>> 0, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.size >>> 0, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    dir.set(name, 46);
    chunks.push(local, e.data);
    central.push(dir);
    offset += local.length + e.data.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The parts of a zip archive (read with zlib, independently of the reader under test). */
export function unzipParts(bytes: Uint8Array): Map<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { inflateRawSync } = require("node:zlib") as typeof import("node:zlib");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = view.getUint16(at + 10, true);
    const csize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + csize);
    out.set(name, new TextDecoder().decode(method === 8 ? inflateRawSync(raw) : raw));
    at += 46 + skip;
  }
  return out;
}

let base: Map<string, string> | undefined;

/** The parts of a valid return (district D01, 3 partnerships), as text. */
export async function returnParts(): Promise<Map<string, string>> {
  if (!base) {
    const r = demoDistrict({ district: "D01", seed: 7, local: 3 });
    base = unzipParts(await writeAuditWorkbook({ settings: r.settings, tables: r.tables }));
  }
  return new Map(base);
}

/** The part of a sheet, by its name (through the workbook and its relationships). */
export function sheetPart(parts: ReadonlyMap<string, string>, sheet: string): string {
  const workbook = parts.get("xl/workbook.xml") ?? "";
  const id = new RegExp(`<sheet name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = parts.get("xl/_rels/workbook.xml.rels") ?? "";
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!id || !target) throw new Error(`no sheet ${sheet}`);
  return `xl/${target}`;
}

/** A zip of the parts, each deflated honestly, with some entries given as they are. */
export function zipParts(parts: ReadonlyMap<string, string>, raw: readonly RawEntry[] = []): Uint8Array {
  const entries: RawEntry[] = [];
  for (const [name, text] of parts) {
    const given = raw.find((r) => r.name === name);
    entries.push(given ?? deflated(name, text));
  }
  for (const r of raw) if (!parts.has(r.name)) entries.push(r);
  return rawZip(entries);
}

/** Rows (XML) added at the end of a sheet's data. */
export function withRows(sheetXml: string, rowsXml: string): string {
  if (!sheetXml.includes("</sheetData>")) throw new Error("no sheetData");
  return sheetXml.replace("</sheetData>", `${rowsXml}</sheetData>`);
}

/** A cell with inline text, at `ref`. */
export function textCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/**
 * A deflate bomb: `prefix`, then `unit` repeated until about `bytes` bytes, then `suffix`, in a raw
 * deflate stream made of independently compressed segments (each ends on a byte boundary, so the
 * segments join into one stream): a few kilobytes per megabyte. Its true size is returned; its CRC
 * is not computed (the reader must refuse it before it could check one).
 */
export function deflateBomb(
  prefix: string,
  unit: string,
  bytes: number,
  suffix: string,
): { data: Uint8Array; size: number } {
  const sync = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const block = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
  const head = deflateRawSync(utf8.encode(prefix), sync);
  const body = deflateRawSync(utf8.encode(block), sync);
  const tail = deflateRawSync(utf8.encode(suffix));
  const copies = Math.max(1, Math.floor(bytes / block.length));
  const data = new Uint8Array(head.length + body.length * copies + tail.length);
  data.set(head, 0);
  for (let i = 0; i < copies; i++) data.set(body, head.length + i * body.length);
  data.set(tail, head.length + body.length * copies);
  return { data, size: utf8.encode(prefix).length + block.length * copies + utf8.encode(suffix).length };
}

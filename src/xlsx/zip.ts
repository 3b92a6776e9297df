/**
 * Zip for .xlsx files, for Node and the browser (no Node APIs), on fflate.
 *
 * Reading is bounded before it spends memory: the central directory is checked (number of parts,
 * every entry inside the file, no two parts of one name), and a part is inflated in small steps
 * with fflate's streaming Inflate, so that the reader stops as soon as a part, or all the parts
 * read together, unpack to more than the limits allow (in proportion to the file's size, with a
 * ceiling). Every part read is checked against its CRC-32 and its declared size: a part whose
 * data was edited or damaged is refused, never read as if intact.
 *
 * Writing puts the parts in a zip with fflate's Zip; each part is deflated by the codec given
 * (default fflate's deflate; the CLI passes Node's zlib, measured about 5 times faster at level 1
 * on a 12 MB sheet), whole or, with a stream codec, piece by piece as the part is made (PartWriter),
 * so that the writer never holds a big part raw.
 */
import { Inflate, Zip, ZipPassThrough, deflateSync } from "fflate";

export type Codec = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** The archive is damaged or is not a zip this reader follows. */
export class ZipFormatError extends Error {
  /** the part found damaged, when the damage is in one part */
  readonly part: string | undefined;
  constructor(message: string, part?: string) {
    super(message);
    this.name = "ZipFormatError";
    this.part = part;
  }
}

/** The archive goes over a limit; the message names the limit. */
export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipLimitError";
  }
}

const MB = 1024 * 1024;

/**
 * The limits, chosen well above any real return: a regional workbook of 100 districts × 200
 * partnerships unpacks to about 40 MB (about 8 times its size), a 1,000,000-row return to about
 * 600 MB. A deflate bomb unpacks to about 1,000 times its size.
 */
export const ZIP_LIMITS = {
  /** parts in the archive (a workbook has a few dozen) */
  maxParts: 10_000,
  /** unpacked bytes allowed per byte of the file, for one part and for all parts read */
  ratio: 100,
  /** unpacked bytes always allowed, however small the file */
  floorBytes: 64 * MB,
  /** ceiling for one part */
  partCeilingBytes: 1024 * MB,
  /** ceiling for all the parts read from one file */
  totalCeilingBytes: 2048 * MB,
  /**
   * A part that has unpacked more than `bombAfterBytes` at more than `bombRatio` times the packed
   * bytes it came from is a deflate bomb (deflate reaches about 1,000:1 on repeated data; the XML
   * of a real workbook about 5 to 50:1): refused there, long before the limits above.
   */
  bombRatio: 250,
  bombAfterBytes: 16 * MB,
} as const;

interface ZipLimits {
  readonly maxParts: number;
  readonly maxPartBytes: number;
  readonly maxTotalBytes: number;
  /** how the byte limits were set, for the message when one is reached */
  readonly why: string;
}

/** "2 GB", "400 MB", "1.5 MB", "120 KB", "800 bytes". */
function sizeText(bytes: number): string {
  const show = (v: number, unit: string): string =>
    `${Number.isInteger(v) ? v : v.toFixed(v >= 100 ? 0 : 1)} ${unit}`;
  if (bytes >= 1024 * MB) return show(bytes / (1024 * MB), "GB");
  if (bytes >= MB) return show(bytes / MB, "MB");
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The limits for a file of `fileSize` bytes. */
export function limitsFor(fileSize: number): ZipLimits {
  const L = ZIP_LIMITS;
  const proportional = Math.max(L.floorBytes, L.ratio * fileSize);
  return {
    maxParts: L.maxParts,
    maxPartBytes: Math.min(L.partCeilingBytes, proportional),
    maxTotalBytes: Math.min(L.totalCeilingBytes, proportional),
    why:
      `the limit for a file of ${sizeText(fileSize)} (${L.ratio} times its size, at least ` +
      `${sizeText(L.floorBytes)}, at most ${sizeText(L.partCeilingBytes)} a part and ` +
      `${sizeText(L.totalCeilingBytes)} in all)`,
  };
}

// ---------------------------------------------------------------------------------------------
// CRC-32 (fflate checks no CRC when it unzips; this one is checked on every part read)

/** Four tables: the CRC is taken four bytes at a time ("slicing by 4"), about 3 times faster. */
const CRC_TABLES = (() => {
  const t = new Int32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 4; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/** Continue a CRC-32 (start with 0) over more data. */
function crc32Update(crc: number, data: Uint8Array): number {
  const t = CRC_TABLES;
  let c = ~crc;
  const n = data.length;
  let i = 0;
  for (const end = n - 3; i < end; i += 4) {
    c ^= data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    c = t[768 + (c & 0xff)] ^ t[512 + ((c >>> 8) & 0xff)] ^ t[256 + ((c >>> 16) & 0xff)] ^ t[c >>> 24];
  }
  for (; i < n; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// exported for tests and the bench
export function crc32(data: Uint8Array): number {
  return crc32Update(0, data);
}

// ---------------------------------------------------------------------------------------------
// Reading

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

const utf8 = new TextDecoder("utf-8");

/** Compressed bytes given to the inflater at a time: a deflate bomb (about 1,000:1) then unpacks
 * at most about 64 MB before the limits are checked again. */
const INFLATE_STEP = 64 * 1024;

/** A zip archive's directory, and its parts read within limits. */
export class ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  readonly limits: ZipLimits;
  private readonly bytes: Uint8Array;
  private readonly directoryStart: number;
  private total = 0;

  constructor(bytes: Uint8Array, limits: ZipLimits = limitsFor(bytes.length)) {
    this.bytes = bytes;
    this.limits = limits;
    let eocd = -1;
    const stop = Math.max(0, bytes.length - 22 - 65535);
    for (let i = bytes.length - 22; i >= stop; i--) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError("no end of central directory: the file is truncated");
    const count = u16(bytes, eocd + 10);
    const size = u32(bytes, eocd + 12);
    const start = u32(bytes, eocd + 16);
    if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0 || u16(bytes, eocd + 8) !== count)
      throw new ZipFormatError("a zip split over several files");
    if (count === 0xffff || start === 0xffffffff || start + size > eocd)
      throw new ZipFormatError("central directory out of range");
    if (count > limits.maxParts)
      throw new ZipLimitError(
        `it has ${count.toLocaleString("en-GB")} parts, more than the limit of ${limits.maxParts.toLocaleString("en-GB")}`,
      );
    this.directoryStart = start;
    const out = new Map<string, ZipEntry>();
    let at = start;
    for (let i = 0; i < count; i++) {
      if (at + 46 > eocd || u32(bytes, at) !== 0x02014b50)
        throw new ZipFormatError("bad central directory entry");
      const flags = u16(bytes, at + 8);
      if (flags & 1) throw new ZipFormatError("encrypted entry");
      const nameLength = u16(bytes, at + 28);
      const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
      if (next > eocd) throw new ZipFormatError("bad central directory entry");
      const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      if (out.has(name)) throw new ZipFormatError(`two parts are named ${name}`);
      out.set(name, {
        name,
        method: u16(bytes, at + 10),
        crc: u32(bytes, at + 16),
        compressedSize: u32(bytes, at + 20),
        size: u32(bytes, at + 24),
        localOffset: u32(bytes, at + 42),
      });
      at = next;
    }
    this.entries = out;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * Stream one part's bytes to `onChunk`, in order. Throws ZipLimitError as soon as the part, or
   * all the parts read so far, unpack to more than the limits allow; ZipFormatError when the part
   * is damaged (bad data, wrong size, CRC-32 not matching).
   */
  read(name: string, onChunk: (chunk: Uint8Array) => void): void {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipFormatError(`no part ${name}`);
    const { bytes, limits } = this;
    const overPart = (): ZipLimitError =>
      new ZipLimitError(`${name} unpacks to more than ${sizeText(limits.maxPartBytes)}, ${limits.why}`);
    const overTotal = (): ZipLimitError =>
      new ZipLimitError(
        `its parts unpack to more than ${sizeText(limits.maxTotalBytes)} in all (with ${name}), ${limits.why}`,
      );
    if (entry.size > limits.maxPartBytes) throw overPart();
    if (this.total + entry.size > limits.maxTotalBytes) throw overTotal();
    const at = entry.localOffset;
    if (at + 30 > this.directoryStart || u32(bytes, at) !== 0x04034b50)
      throw new ZipFormatError(`bad local header for ${name}`);
    const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
    const end = start + entry.compressedSize;
    if (end > this.directoryStart) throw new ZipFormatError(`${name} runs past its end: truncated`);
    let size = 0;
    let crc = 0;
    let packed = 0;
    const take = (chunk: Uint8Array): void => {
      size += chunk.length;
      if (size > limits.maxPartBytes) throw overPart();
      if (this.total + size > limits.maxTotalBytes) throw overTotal();
      if (size > ZIP_LIMITS.bombAfterBytes && size > ZIP_LIMITS.bombRatio * packed)
        throw new ZipLimitError(
          `${name} unpacks to more than ${ZIP_LIMITS.bombRatio} times its packed size (${sizeText(size)} from ${sizeText(packed)}), as a deflate bomb does; the parts of a workbook unpack to far less`,
        );
      crc = crc32Update(crc, chunk);
      if (chunk.length > 0) onChunk(chunk);
    };
    if (entry.method === 0) {
      for (let i = start; i < end; i += INFLATE_STEP) {
        packed = Math.min(end, i + INFLATE_STEP) - start;
        take(bytes.subarray(i, Math.min(end, i + INFLATE_STEP)));
      }
    } else if (entry.method === 8) {
      const inflater = new Inflate((chunk) => take(chunk));
      try {
        if (start === end) inflater.push(new Uint8Array(0), true);
        for (let i = start; i < end; i += INFLATE_STEP) {
          packed = Math.min(end, i + INFLATE_STEP) - start;
          inflater.push(bytes.subarray(i, Math.min(end, i + INFLATE_STEP)), i + INFLATE_STEP >= end);
        }
      } catch (e) {
        if (e instanceof ZipLimitError) throw e;
        if (e instanceof Error && !("code" in e)) throw e;
        throw new ZipFormatError(`${name} is damaged (its compressed data is invalid)`, name);
      }
    } else {
      throw new ZipFormatError(`unsupported compression method ${entry.method} for ${name}`);
    }
    this.total += size;
    if (size !== entry.size)
      throw new ZipFormatError(`${name} is damaged (its size is not the size recorded)`, name);
    if (crc !== entry.crc)
      throw new ZipFormatError(`${name} is damaged (its data does not match its CRC-32 checksum)`, name);
  }

  /** One part's bytes, whole (within the limits). */
  bytesOf(name: string): Uint8Array {
    const chunks: Uint8Array[] = [];
    this.read(name, (c) => chunks.push(c.slice()));
    return concat(chunks);
  }

  /** Read every part (and drop the bytes): true when all are intact and within the limits. */
  verifyAll(): void {
    for (const name of this.entries.keys()) this.read(name, () => undefined);
  }
}

/** The entries of a zip archive, by name (from its central directory). */
// exported for tests
export function zipEntries(bytes: Uint8Array): ReadonlyMap<string, ZipEntry> {
  return new ZipArchive(bytes).entries;
}

/**
 * One entry's bytes, read within the limits for the archive and CRC-checked (the older API; the
 * codec argument is not needed any more and is ignored).
 */
// exported for tests
export function zipRead(bytes: Uint8Array, entry: ZipEntry, _inflate?: Codec): Promise<Uint8Array> {
  return Promise.resolve(new ZipArchive(bytes).bytesOf(entry.name));
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** fflate's deflate (level 6): the default where no faster codec is given. */
const fflateDeflate: Codec = (data) => deflateSync(data, { level: 6 });
/** The default deflate of the writer (the name is kept for the callers that pass it). */
export const platformDeflate: Codec = fflateDeflate;

/**
 * A deflater fed one part in pieces (the CLI's is Node's zlib stream): raw bytes go in as they are
 * made, and the part's deflated bytes come out at the end, so a big sheet is never held raw.
 * Its output must be the one raw deflate stream of all the pieces (the same bytes as deflating the
 * part whole, for a codec whose output does not depend on how its input is split, as zlib's).
 */
interface DeflateStream {
  /** more raw bytes; a promise when the deflater wants the caller to wait (backpressure) */
  write(raw: Uint8Array): void | Promise<void>;
  /** the part is complete: its deflated bytes, in order */
  end(): Promise<readonly Uint8Array[]>;
}

/** Makes a fresh DeflateStream for each part. */
export type StreamCodec = () => DeflateStream;

/** A part whose bytes are deflated already: the deflated chunks, and the CRC-32 and size of the raw bytes. */
export interface PackedPart {
  readonly name: string;
  readonly packed: readonly Uint8Array[];
  readonly crc: number;
  readonly size: number;
}

/**
 * Deflates one part written in pieces: with a stream codec the pieces are deflated as they come;
 * with a whole-part codec they are kept and deflated together at the end. The CRC-32 and size of
 * the raw bytes are taken on the way.
 */
export class PartWriter {
  private crc = 0;
  private size = 0;
  private readonly raw: Uint8Array[] = [];
  private readonly stream: DeflateStream | undefined;

  constructor(
    readonly name: string,
    private readonly codec: { readonly stream?: StreamCodec; readonly whole?: Codec },
  ) {
    this.stream = codec.stream?.();
  }

  /** More raw bytes of the part (the caller must not change them afterwards). */
  write(raw: Uint8Array): void | Promise<void> {
    if (raw.length === 0) return;
    this.crc = crc32Update(this.crc, raw);
    this.size += raw.length;
    if (this.stream) return this.stream.write(raw);
    this.raw.push(raw);
  }

  async end(): Promise<PackedPart> {
    const packed = this.stream
      ? await this.stream.end()
      : [await (this.codec.whole ?? fflateDeflate)(concat(this.raw))];
    this.raw.length = 0;
    return { name: this.name, packed, crc: this.crc, size: this.size };
  }
}

/**
 * A part whose deflated bytes are ready, with the CRC-32 and size of its raw bytes: emitted in
 * place of fflate's own compression (fflate's documented way to add a part compressed by another
 * codec is a ZipPassThrough subclass; the CRC and size it would compute from the raw bytes are
 * given instead, since the raw bytes are not kept).
 */
class DeflatedPart extends ZipPassThrough {
  constructor(private readonly part: PackedPart) {
    super(part.name);
    this.compression = 8;
    // a fixed date keeps the output byte-for-byte deterministic
    this.mtime = new Date(1980, 0, 1);
  }
  /** Hand the deflated bytes to the archive (after zip.add). */
  emit(): void {
    this.crc = this.part.crc;
    this.size = this.part.size;
    const chunks = this.part.packed.length > 0 ? this.part.packed : [new Uint8Array(0)];
    chunks.forEach((chunk, i) =>
      this.ondata(null, chunk as Uint8Array<ArrayBuffer>, i === chunks.length - 1),
    );
  }
}

/** Build a zip archive (deflated entries) from parts already deflated, in the order given. */
export function zipPacked(parts: readonly PackedPart[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  for (const part of parts) {
    const entry = new DeflatedPart(part);
    zip.add(entry);
    entry.emit();
  }
  zip.end();
  if (failure) throw failure;
  return concat(chunks);
}

/** Build a zip archive (deflated entries) from named files. */
// exported for tests
export async function zipWrite(
  files: readonly { readonly name: string; readonly data: Uint8Array }[],
  deflate: Codec = fflateDeflate,
): Promise<Uint8Array> {
  const parts: PackedPart[] = [];
  for (const file of files) {
    const part = new PartWriter(file.name, { whole: deflate });
    await part.write(file.data);
    parts.push(await part.end());
  }
  return zipPacked(parts);
}

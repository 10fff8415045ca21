import { inflateRawSync } from 'node:zlib';
import { formatBytes, ResumeInputError } from './errors.ts';

// A DOCX is a ZIP. Before mammoth (JSZip) inflates anything we read the central directory ourselves,
// refuse archives that declare too much, and then inflate each entry with a hard output cap so an
// archive that lies about its sizes cannot blow up memory either.

export interface ZipLimits {
  maxEntries: number;
  maxTotalUncompressed: number;
  maxRatio: number;
  /** Entries smaller than this are not judged by ratio (tiny XML files compress wildly). */
  ratioFloor: number;
}

export const defaultZipLimits: ZipLimits = {
  maxEntries: 1000,
  maxTotalUncompressed: 50 * 1024 * 1024,
  maxRatio: 100,
  ratioFloor: 256 * 1024,
};

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

const bomb = (reason: string) =>
  new ResumeInputError(
    'zip_bomb',
    `this DOCX was refused because ${reason}; it is not a normal Word document`,
  );
const corrupt = (reason: string) => new ResumeInputError('corrupt', `could not read this DOCX: ${reason}`);

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  throw corrupt('it is not a valid ZIP archive (no end-of-central-directory record)');
}

function readCentralDirectory(buf: Buffer): CentralEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw bomb('it uses ZIP64, which only huge archives need');
  if (cdOffset + cdSize > buf.length)
    throw corrupt('the ZIP central directory points past the end of the file');
  const entries: CentralEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_SIG)
      throw corrupt('the ZIP central directory is damaged');
    const nameLength = buf.readUInt16LE(p + 28);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

function checkDeclaredSizes(entries: CentralEntry[], limits: ZipLimits): void {
  if (entries.length > limits.maxEntries) {
    throw bomb(`it holds ${entries.length} files (limit ${limits.maxEntries})`);
  }
  let total = 0;
  let totalCompressed = 0;
  for (const e of entries) {
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw bomb(`"${e.name}" uses ZIP64 sizes`);
    total += e.size;
    totalCompressed += e.compressedSize;
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (e.size >= limits.ratioFloor && ratio > limits.maxRatio) {
      throw bomb(
        `"${e.name}" expands ${Math.round(ratio)}x (${formatBytes(e.size)}); the limit is ${limits.maxRatio}x`,
      );
    }
  }
  if (total > limits.maxTotalUncompressed) {
    throw bomb(
      `it would expand to ${formatBytes(total)} (limit ${formatBytes(limits.maxTotalUncompressed)})`,
    );
  }
  if (total >= limits.ratioFloor && total / Math.max(1, totalCompressed) > limits.maxRatio) {
    throw bomb(
      `it expands ${Math.round(total / Math.max(1, totalCompressed))}x overall (limit ${limits.maxRatio}x)`,
    );
  }
}

function inflateEntry(buf: Buffer, e: CentralEntry): Buffer {
  if (e.flags & 1) throw corrupt('it is password-protected');
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIG)
    throw corrupt(`the entry "${e.name}" is damaged`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return raw;
  if (e.method !== 8)
    throw corrupt(`the entry "${e.name}" uses an unsupported compression method (${e.method})`);
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
  } catch (error) {
    if (error instanceof RangeError)
      throw bomb(`"${e.name}" inflates to more than the ${formatBytes(e.size)} it declares`);
    throw corrupt(`the entry "${e.name}" could not be decompressed`);
  }
}

/** Checks a ZIP's declared and real sizes, returning every entry inflated; throws ResumeInputError. */
export function readZipSafely(data: Uint8Array, limits: ZipLimits = defaultZipLimits): Map<string, Buffer> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 22) throw corrupt('the file is too short to be a ZIP archive');
  const entries = readCentralDirectory(buf);
  checkDeclaredSizes(entries, limits);
  const out = new Map<string, Buffer>();
  for (const e of entries) {
    if (!e.name.endsWith('/')) out.set(e.name, inflateEntry(buf, e));
  }
  return out;
}

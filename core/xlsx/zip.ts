/**
 * A zip reader that trusts nothing: the central directory is parsed and checked against
 * the limits before a single byte is inflated (two entries of one name are refused: which
 * one a reader takes would decide what is read), inflation counts real bytes so that a
 * central directory lying about sizes cannot get past, and every part read must match its
 * CRC-32, so that a changed byte is never read as a figure.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { XlsxError } from './errors.js';
import type { XlsxLimits } from './model.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  /** CRC-32 of the uncompressed data, as the central directory declares it. */
  crc32: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entries: Map<string, ZipEntry>;
  /** Where the central directory starts: entry data must end before it. */
  cdOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;

function findEocd(bytes: Uint8Array, view: DataView): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && view.getUint32(i, true) === SIG_EOCD) return i;
  }
  return -1;
}

function unsafeName(name: string): boolean {
  if (name.includes('\0')) return true;
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[/\\]/).some((part) => part === '..');
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** Parse and check the central directory. Throws {@link XlsxError}. */
export function readZipDirectory(bytes: Uint8Array, limits: XlsxLimits): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length >= 22 ? findEocd(bytes, view) : -1;
  if (eocd < 0) throw new XlsxError('TRUNCATED', 'no end-of-central-directory record');
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === SIG_ZIP64_LOCATOR) {
    throw new XlsxError('ZIP64', 'ZIP64 archive');
  }
  const total = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new XlsxError('ZIP64', 'ZIP64 markers in the end-of-central-directory record');
  }
  if (total > limits.maxEntries) throw new XlsxError('TOO_MANY_ENTRIES', `${total} entries`);
  if (cdOffset + cdSize > eocd) throw new XlsxError('TRUNCATED', 'central directory outside the file');

  const entries = new Map<string, ZipEntry>();
  // Part names are compared without regard to case (Open Packaging Conventions, §9.1.1.2).
  const seen = new Set<string>();
  let declaredTotal = 0;
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== SIG_CENTRAL) {
      throw new XlsxError('TRUNCATED', `central directory entry ${i} missing`);
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen > eocd) throw new XlsxError('TRUNCATED', `central directory entry ${i} cut`);
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = (flags & 0x800 ? utf8 : latin1).decode(rawName);
    p += 46 + nameLen + extraLen + commentLen;

    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new XlsxError('ZIP64', `ZIP64 sizes in entry ${name}`, name);
    }
    if (unsafeName(name)) throw new XlsxError('BAD_ENTRY_NAME', `unsafe entry name ${JSON.stringify(name)}`, name);
    const folded = name.toLowerCase();
    if (seen.has(folded)) throw new XlsxError('DUPLICATE_ENTRY', `two entries named ${JSON.stringify(name)}`, name);
    seen.add(folded);
    if (flags & 0x1) throw new XlsxError('ZIP_ENCRYPTED', `entry ${name} is encrypted`, name);
    declaredTotal += uncompressedSize;
    if (declaredTotal > limits.maxUncompressedBytes) {
      throw new XlsxError('TOO_BIG_UNCOMPRESSED', `declared uncompressed total above ${limits.maxUncompressedBytes}`);
    }
    if (
      uncompressedSize >= limits.ratioMinBytes &&
      uncompressedSize / Math.max(compressedSize, 1) > limits.maxCompressionRatio
    ) {
      throw new XlsxError(
        'COMPRESSION_RATIO',
        `entry ${name}: ${uncompressedSize} bytes from ${compressedSize} compressed`,
        name,
      );
    }
    if (!name.endsWith('/'))
      entries.set(name, { name, method, flags, compressedSize, uncompressedSize, crc32: crc, localHeaderOffset });
  }
  return { entries, cdOffset };
}

/** zlib's smallest output chunk, and the largest one allocated ahead for a part. */
const MIN_CHUNK = 64;
const MAX_CHUNK = 1024 * 1024;

/** Counts inflated bytes across the entries of one workbook. */
export class InflateBudget {
  used = 0;
  constructor(readonly limits: XlsxLimits) {}
}

/** The entry's data, whose CRC-32 must be the one the directory declares. */
function checked(entry: ZipEntry, data: Uint8Array): Uint8Array {
  if (crc32(data) !== entry.crc32) {
    throw new XlsxError('CRC_MISMATCH', `entry ${entry.name}: CRC-32 does not match its data`, entry.name);
  }
  return data;
}

/**
 * The compressed data of one entry, after checking its local header: present, naming the
 * same entry, its data ending before the central directory. Throws {@link XlsxError}.
 */
export function entryData(bytes: Uint8Array, dir: ZipDirectory, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lh = entry.localHeaderOffset;
  if (lh + 30 > bytes.length || view.getUint32(lh, true) !== SIG_LOCAL) {
    throw new XlsxError('CORRUPT', `local header of ${entry.name} missing`, entry.name);
  }
  const localNameLength = view.getUint16(lh + 26, true);
  const start = lh + 30 + localNameLength + view.getUint16(lh + 28, true);
  if (!sameName(bytes.subarray(lh + 30, lh + 30 + localNameLength), entry)) {
    throw new XlsxError('CORRUPT', `local header of ${entry.name} names another entry`, entry.name);
  }
  const end = start + entry.compressedSize;
  if (end > dir.cdOffset) throw new XlsxError('CORRUPT', `data of ${entry.name} overlaps the directory`, entry.name);
  return bytes.subarray(start, end);
}

/** Whether the budget still allows the entry's declared size (what a checked read adds to it). */
export function budgetAllows(entry: ZipEntry, budget: InflateBudget): boolean {
  return entry.uncompressedSize <= budget.limits.maxUncompressedBytes - budget.used;
}

/**
 * Inflate one entry, refusing more bytes than it declared or than the budget allows, and
 * data whose CRC-32 is not the declared one. Throws {@link XlsxError}.
 */
export function readZipEntry(bytes: Uint8Array, dir: ZipDirectory, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  return inflateEntry(entryData(bytes, dir, entry), entry, budget);
}

/** {@link readZipEntry} of data already found by {@link entryData}. */
export function inflateEntry(data: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const allowed = Math.min(entry.uncompressedSize, budget.limits.maxUncompressedBytes - budget.used);

  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) {
      throw new XlsxError('CORRUPT', `stored entry ${entry.name} with two sizes`, entry.name);
    }
    if (data.length > allowed) throw new XlsxError('TOO_BIG_UNCOMPRESSED', `entry ${entry.name}`, entry.name);
    budget.used += data.length;
    return checked(entry, data);
  }
  if (entry.method !== 8) {
    throw new XlsxError('CORRUPT', `entry ${entry.name} uses compression method ${entry.method}`, entry.name);
  }

  let out: Uint8Array;
  try {
    // Native zlib, stopped one byte past what may come out: the declared size, or what is
    // left of the budget. An overflow shows as a RangeError as soon as it happens, so the
    // work is bounded by the limit, never by what a bomb would inflate to. The output buffer
    // is sized for the declared size (within bounds), so that a part comes out in one piece
    // rather than in 16 KiB pieces joined at the end (~40 % of the time of a return's parts).
    out = inflateRawSync(data, {
      maxOutputLength: allowed + 1,
      chunkSize: Math.min(Math.max(allowed + 1, MIN_CHUNK), MAX_CHUNK),
    });
  } catch (e) {
    if (!(e instanceof RangeError)) {
      throw new XlsxError('CORRUPT', `entry ${entry.name}: ${(e as Error).message}`, entry.name);
    }
    const code = allowed < entry.uncompressedSize ? 'TOO_BIG_UNCOMPRESSED' : 'SIZE_MISMATCH';
    throw new XlsxError(code, `entry ${entry.name} inflates beyond ${allowed} bytes`, entry.name);
  }
  if (out.length !== entry.uncompressedSize) {
    throw new XlsxError(
      'SIZE_MISMATCH',
      `entry ${entry.name} inflated to ${out.length} bytes, declared ${entry.uncompressedSize}`,
      entry.name,
    );
  }
  budget.used += out.length;
  return checked(entry, out);
}

/** Whether a local header's raw name is the central directory's (both decoded the same way). */
function sameName(raw: Uint8Array, entry: ZipEntry): boolean {
  return (entry.flags & 0x800 ? utf8 : latin1).decode(raw) === entry.name;
}

/**
 * Parts of workbooks read before in this thread, kept by their exact compressed bytes.
 *
 * Returns made from one template share most of their parts byte for byte — the relationships,
 * the workbook part, the styles, the instruction sheets — and reading such a part again
 * (inflating it, checking its CRC-32, decoding and scanning it) can only give the same result:
 * every step is a function of those bytes alone. A batch of 40 generated returns reads nine
 * parts of each file, seven of them the same in every file.
 *
 * A part is taken from here only when its compression method, declared sizes and CRC-32 are
 * the ones it was read with and its compressed bytes are equal, byte for byte, to the ones it
 * was read from; only what was read without an error is kept. The caller still checks the
 * entry's local header and counts its size against the workbook's inflate budget. Values are
 * shared by every workbook that has the part: they are never changed after they are stored.
 */
import { Buffer } from 'node:buffer';
import type { ZipEntry } from './zip.js';

/** What a part is read as: the same bytes read as two kinds give two values. */
export type PartKind = 'rels' | 'workbook' | 'styles' | 'sharedStrings' | 'worksheet';

interface Kept {
  /** The compressed bytes the value was read from (a copy). */
  data: Uint8Array;
  value: unknown;
  /** What the entry counts for against {@link PartCacheLimits.maxBytes}. */
  cost: number;
}

export interface PartCacheLimits {
  /** Parts kept at most; the oldest goes first. */
  maxParts: number;
  /** Compressed plus uncompressed bytes of the parts kept, at most. */
  maxBytes: number;
  /** A part larger than this (uncompressed) is never kept. */
  maxPartBytes: number;
}

export const DEFAULT_PART_CACHE_LIMITS: PartCacheLimits = {
  maxParts: 256,
  maxBytes: 16 * 1024 * 1024,
  maxPartBytes: 1024 * 1024,
};

export class PartCache {
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;
  /** Parts found here since the cache was made (for tests and measurements). */
  hits = 0;

  constructor(readonly limits: PartCacheLimits = DEFAULT_PART_CACHE_LIMITS) {}

  /** How many parts are kept. */
  get size(): number {
    return this.kept.size;
  }

  /** The value read before from exactly these compressed bytes as this kind, if kept. */
  get<T>(kind: PartKind, entry: ZipEntry, data: Uint8Array): T | undefined {
    const key = keyOf(kind, entry);
    const kept = this.kept.get(key);
    if (!kept || !sameBytes(kept.data, data)) return undefined;
    // Most recently used last: the oldest is the first to go.
    this.kept.delete(key);
    this.kept.set(key, kept);
    this.hits++;
    return kept.value as T;
  }

  /** Keep `value`, read from the compressed bytes `data` of `entry` as `kind`. */
  set(kind: PartKind, entry: ZipEntry, data: Uint8Array, value: unknown): void {
    if (entry.uncompressedSize > this.limits.maxPartBytes || data.length !== entry.compressedSize) return;
    const cost = data.length + entry.uncompressedSize;
    if (cost > this.limits.maxBytes) return;
    const key = keyOf(kind, entry);
    const old = this.kept.get(key);
    if (old) {
      this.kept.delete(key);
      this.bytes -= old.cost;
    }
    while (this.kept.size > 0 && (this.kept.size >= this.limits.maxParts || this.bytes + cost > this.limits.maxBytes)) {
      const [oldest, first] = this.kept.entries().next().value as [string, Kept];
      this.kept.delete(oldest);
      this.bytes -= first.cost;
    }
    this.kept.set(key, { data: data.slice(), value, cost });
    this.bytes += cost;
  }

  clear(): void {
    this.kept.clear();
    this.bytes = 0;
  }
}

function keyOf(kind: PartKind, entry: ZipEntry): string {
  return `${kind}:${entry.method}:${entry.crc32}:${entry.compressedSize}:${entry.uncompressedSize}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/** The cache every {@link readWorkbook} of this thread uses unless it is given another. */
export const threadPartCache = new PartCache();

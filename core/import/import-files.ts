import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ParsedReturn } from '../model/index.js';
import { REJECTIONS } from './checks.js';
import { rejectedReturn, toImportContext, type SerializableContext } from './context.js';
import { DEFAULT_IMPORT_LIMITS, parseReturn } from './parse-return.js';
import type { ImportPool } from './pool.js';

/** A file given by path, or already in memory. */
export type ImportInput = string | { name: string; bytes: Uint8Array };

export interface ImportFilesOptions {
  /** Parse in these workers; without a pool, files are parsed on the calling thread. */
  pool?: ImportPool;
  /** Called after each file, in completion order. */
  onProgress?: (done: number, total: number, result: ParsedReturn) => void;
  /** Files read and parsed at once. Default: twice the pool size, or 2 without a pool. */
  concurrency?: number;
}

/**
 * Import many returns with bounded concurrency: at most `concurrency` files' bytes and
 * workbook models are alive at any time. Results come back in input order. A file that
 * cannot be read from disk (or is over the size limit, checked before reading) is a
 * `rejected` result, never an exception.
 */
export async function importFiles(
  inputs: ImportInput[],
  ctx: SerializableContext,
  opts: ImportFilesOptions = {},
): Promise<ParsedReturn[]> {
  const { pool, onProgress } = opts;
  const concurrency = Math.max(1, opts.concurrency ?? (pool ? pool.size * 2 : 2));
  const local = pool ? undefined : toImportContext(ctx);
  const maxFileBytes = ctx.limits?.maxFileBytes ?? DEFAULT_IMPORT_LIMITS.maxFileBytes;
  const results: ParsedReturn[] = new Array<ParsedReturn>(inputs.length);
  let next = 0;
  let done = 0;

  const one = async (input: ImportInput): Promise<ParsedReturn> => {
    let name: string;
    let bytes: Uint8Array;
    if (typeof input === 'string') {
      name = basename(input);
      try {
        const size = (await stat(input)).size;
        if (size > maxFileBytes) {
          return rejectedReturn(
            name,
            '',
            size,
            'IMPORT_FILE_TOO_LARGE',
            REJECTIONS.IMPORT_FILE_TOO_LARGE(name, size, maxFileBytes),
          );
        }
        const buf = await readFile(input);
        bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      } catch {
        return rejectedReturn(name, '', 0, 'IMPORT_READ_FAILED', REJECTIONS.IMPORT_READ_FAILED(name));
      }
    } else {
      name = input.name;
      bytes = input.bytes;
    }
    if (pool) return pool.parse(bytes, name, ctx);
    return parseReturn(bytes, { ...local!, fileName: name });
  };

  const lane = async (): Promise<void> => {
    while (next < inputs.length) {
      const i = next++;
      const result = await one(inputs[i]!);
      results[i] = result;
      onProgress?.(++done, inputs.length, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, lane));
  return results;
}

/**
 * Parsing a job on the calling thread (the pool's `shareMainThread`): the same parse as the
 * worker's, giving the same result — encoded and decoded as a worker's result is, so that a
 * return reads the same whichever thread parsed it. Loaded only when used.
 */
import { encodeParsedReturn, rememberEncoding } from '../model/derived-codec.js';
import type { ParsedReturn } from '../model/index.js';
import { decodeDerived } from '../workspace/derived.js';
import { DEFAULT_XLSX_LIMITS } from '../xlsx/model.js';
import { readZipDirectory } from '../xlsx/zip.js';
import { REJECTIONS } from './checks.js';
import { toImportContext, type SerializableContext } from './context.js';
import { parseReturn, type ImportContext } from './parse-return.js';
import { rejectedReturn } from './rejected.js';

interface InlineJob {
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
  size: number;
  ctx: SerializableContext;
}

/**
 * The most a file parsed on the calling thread may inflate to, as its zip directory declares
 * (the reader never inflates a part past its declared size): a return of the form is
 * 120–150 KB. Parsing stays a few milliseconds of linear work, whatever the file holds.
 */
export const MAIN_THREAD_MAX_INFLATED = 4 * 1024 * 1024;

/** Whether the zip directory of `bytes` declares little enough to parse here; false for anything odd. */
function smallEnough(bytes: Uint8Array): boolean {
  try {
    let total = 0;
    for (const e of readZipDirectory(bytes, DEFAULT_XLSX_LIMITS).entries.values()) total += e.uncompressedSize;
    return total <= MAIN_THREAD_MAX_INFLATED;
  } catch {
    // Not a zip the reader accepts: a worker refuses it with the reader's own message.
    return false;
  }
}

/**
 * A parse function for pool jobs; contexts are prepared once each. Undefined for a job that
 * must go to a worker (it would inflate to more than {@link MAIN_THREAD_MAX_INFLATED}).
 */
export function inlineParser(): (job: InlineJob) => ParsedReturn | undefined {
  const contexts = new WeakMap<SerializableContext, Omit<ImportContext, 'fileName'>>();
  return (job) => {
    if (!smallEnough(job.bytes)) return undefined;
    try {
      let ctx = contexts.get(job.ctx);
      if (!ctx) {
        const c = job.ctx;
        ctx = c.form
          ? { form: c.form, units: c.units, period: c.period, ...(c.limits ? { limits: c.limits } : {}) }
          : toImportContext(c);
        contexts.set(job.ctx, ctx);
      }
      const encoded = encodeParsedReturn(parseReturn(job.bytes, { ...ctx, fileName: job.fileName }));
      const decoded = decodeDerived(encoded);
      if (decoded) return rememberEncoding(decoded, encoded);
    } catch {
      // As a worker's failure: the file is refused, the batch goes on.
    }
    return rejectedReturn(
      job.fileName,
      job.sha256,
      job.size,
      'IMPORT_WORKER_CRASHED',
      REJECTIONS.IMPORT_WORKER_CRASHED(job.fileName),
    );
  };
}

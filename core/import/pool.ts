/**
 * A pool of worker threads that parse returns with memory and time limits, so that one
 * hostile file can neither freeze nor crash the app or the CLI.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { rememberEncoding } from '../model/derived-codec.js';
import type { ParsedReturn } from '../model/index.js';
import { decodeDerived } from '../workspace/derived.js';
import { workerEntry } from '../workers/entry.js';
import { REJECTIONS } from './checks.js';
import { takePrestartedWorker } from './prestart.js';
import type { SerializableContext } from './context.js';
import { rejectedReturn } from './rejected.js';
import type { WorkerRequest, WorkerResponse } from './worker.js';

/**
 * How many workers suit a batch of `files` returns. Each worker costs a Node isolate and a
 * cold start (~50–70 ms of CPU before its first file runs at full speed); a batch of a few
 * dozen returns is done sooner by one warm worker than by two cold ones on a 2-core office PC
 * (measured: 40 returns, whole `consolidate` process, 0.36 s with one worker, 0.44 s with two).
 */
export function poolSizeFor(files: number): number {
  return files <= SMALL_BATCH ? 1 : Math.min(4, availableParallelism());
}

/** Up to this many files, one worker. */
const SMALL_BATCH = 80;

/**
 * The limits of an import worker by default. bin/tonghop.js starts `consolidate`'s worker
 * with the same, so that the pool can take it over (see prestart.ts).
 */
export const IMPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };

export interface ImportPoolOptions {
  /** Worker threads. Default: the number of CPUs, at most 4. */
  size?: number;
  /** V8 old-generation limit of each worker. Default 192 MB. */
  maxOldGenerationSizeMb?: number;
  /** Time allowed for one file. Default 30 s. */
  timeoutMs?: number;
}

export interface ImportPool {
  readonly size: number;
  /**
   * Parse one file in a worker. The bytes are transferred, not copied, when possible: the
   * caller's `bytes` is detached afterwards. Never rejects for a bad file: a crash, an
   * out-of-memory or a timeout gives a `rejected` result and the worker is replaced.
   */
  parse(bytes: Uint8Array, fileName: string, ctx: SerializableContext, sha256?: string): Promise<ParsedReturn>;
  /** Stop every worker; parses still waiting are rejected. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  /** The caller's bytes; detached once sent to an idle worker. */
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
  size: number;
  ctxId: number;
  ctx: SerializableContext;
  resolve: (r: ParsedReturn) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent, in the order the worker runs them: the first is running. */
  jobs: Job[];
  /** The running job's time limit. */
  timer?: NodeJS.Timeout;
  contexts: Set<number>;
  dead: boolean;
}

/**
 * Jobs sent to a worker at once. The second waits in the worker's queue, so that the
 * worker starts it as soon as the first is done instead of waiting for the main thread
 * (busy storing results) to hand it the next one. It is sent as a copy, not transferred,
 * so that it can go to another worker if this one dies on the first.
 */
const JOBS_PER_WORKER = 2;

/** Detach a buffer whose job was sent as a copy, as the caller was promised. */
function detach(bytes: Uint8Array): void {
  if (bytes.byteLength > 0) structuredClone(bytes.buffer, { transfer: [bytes.buffer as ArrayBuffer] });
}

/** Start a pool of import workers. Call `close()` when done. */
export function createImportPool(opts: ImportPoolOptions = {}): ImportPool {
  const size = Math.max(1, opts.size ?? Math.min(4, availableParallelism()));
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const entry = workerEntry(import.meta.url, 'worker', 'worker');
  const contextIds = new WeakMap<SerializableContext, number>();
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextJob = 1;
  let nextCtx = 1;
  let closed = false;
  let startupFailures = 0;

  const startTimer = (slot: Slot): void => {
    clearTimeout(slot.timer);
    slot.timer = slot.jobs.length > 0 ? setTimeout(() => fail(slot, 'IMPORT_WORKER_TIMEOUT'), timeoutMs) : undefined;
  };

  /** The slot's running job is done: the next one, already in the worker's queue, starts now. */
  const advance = (slot: Slot): Job | undefined => {
    const job = slot.jobs.shift();
    if (!job) return undefined;
    startTimer(slot);
    if (slot.jobs.length === 0) slot.worker.unref();
    detach(job.bytes);
    return job;
  };

  const fail = (slot: Slot, code: 'IMPORT_WORKER_TIMEOUT' | 'IMPORT_WORKER_MEMORY' | 'IMPORT_WORKER_CRASHED'): void => {
    if (slot.dead) return;
    slot.dead = true;
    const [job, ...waiting] = slot.jobs;
    clearTimeout(slot.timer);
    slot.jobs = [];
    void slot.worker.terminate();
    slots.splice(slots.indexOf(slot), 1);
    // Jobs queued behind the failing one never started: they go to another worker.
    queue.unshift(...waiting);
    if (job) {
      startupFailures = 0;
      const message =
        code === 'IMPORT_WORKER_TIMEOUT'
          ? REJECTIONS.IMPORT_WORKER_TIMEOUT(job.fileName, Math.round(timeoutMs / 1000))
          : REJECTIONS[code](job.fileName);
      job.resolve(rejectedReturn(job.fileName, job.sha256, job.size, code, message));
    } else if (++startupFailures > 3) {
      for (const q of queue.splice(0)) q.reject(new Error('import workers cannot start'));
      return;
    }
    if (!closed) {
      slots.push(spawn());
      pump();
    }
  };

  const resourceLimits = {
    ...IMPORT_WORKER_LIMITS,
    ...(opts.maxOldGenerationSizeMb !== undefined ? { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb } : {}),
  };

  function spawn(): Slot {
    const prestarted = entry.eval ? undefined : takePrestartedWorker(String(entry.script), resourceLimits);
    const worker = prestarted ?? new Worker(entry.script, { eval: entry.eval, resourceLimits });
    const slot: Slot = { worker, jobs: [], contexts: new Set(), dead: false };
    worker.on('message', (msg: WorkerResponse) => {
      const job = slot.jobs[0];
      if (!job || msg.job !== job.id) return;
      startupFailures = 0;
      advance(slot);
      // The worker gets its next job before this result is decoded and handed on, so that it
      // never waits for that work.
      pump();
      const decoded = msg.type === 'result' ? decodeDerived(msg.encoded) : undefined;
      job.resolve(
        decoded && msg.type === 'result'
          ? rememberEncoding(decoded, msg.encoded)
          : rejectedReturn(
              job.fileName,
              job.sha256,
              job.size,
              'IMPORT_WORKER_CRASHED',
              REJECTIONS.IMPORT_WORKER_CRASHED(job.fileName),
            ),
      );
    });
    worker.on('error', (err: Error & { code?: string }) =>
      fail(slot, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'IMPORT_WORKER_MEMORY' : 'IMPORT_WORKER_CRASHED'),
    );
    worker.on('exit', () => fail(slot, 'IMPORT_WORKER_CRASHED'));
    // An idle worker must not keep the process alive. Only after the listeners: adding the
    // first 'message' listener refs the worker's port again.
    worker.unref();
    return slot;
  }

  function send(slot: Slot, job: Job): void {
    const first = slot.jobs.length === 0;
    slot.jobs.push(job);
    if (!slot.contexts.has(job.ctxId)) {
      slot.contexts.add(job.ctxId);
      const msg: WorkerRequest = { type: 'context', id: job.ctxId, ctx: job.ctx };
      slot.worker.postMessage(msg);
    }
    const msg: WorkerRequest = {
      type: 'parse',
      job: job.id,
      ctxId: job.ctxId,
      fileName: job.fileName,
      bytes: job.bytes,
      sha256: job.sha256,
    };
    if (first) {
      slot.worker.ref();
      startTimer(slot);
      slot.worker.postMessage(msg, [job.bytes.buffer as ArrayBuffer]);
    } else {
      slot.worker.postMessage(msg);
    }
  }

  /** Idle workers get a job first; then each gets a second one to queue. */
  function pump(): void {
    for (let depth = 1; depth <= JOBS_PER_WORKER; depth++) {
      for (const slot of slots) {
        if (slot.dead || slot.jobs.length >= depth) continue;
        const job = queue.shift();
        if (!job) return;
        send(slot, job);
      }
    }
  }

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    parse(bytes, fileName, ctx, known) {
      if (closed) return Promise.reject(new Error('import pool is closed'));
      let ctxId = contextIds.get(ctx);
      if (ctxId === undefined) {
        ctxId = nextCtx++;
        contextIds.set(ctx, ctxId);
      }
      // Only a whole, non-shared ArrayBuffer can be transferred; anything else is copied once.
      const own =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
          ? bytes
          : bytes.slice();
      // The caller's hash of these bytes when it has one (the workspace hashes every file it takes in).
      const sha256 = known ?? createHash('sha256').update(own).digest('hex');
      return new Promise<ParsedReturn>((resolve, reject) => {
        queue.push({ id: nextJob++, bytes: own, fileName, sha256, size: own.byteLength, ctxId, ctx, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const q of queue.splice(0)) q.reject(new Error('import pool is closed'));
      const all = slots.splice(0);
      for (const s of all) {
        s.dead = true;
        clearTimeout(s.timer);
        for (const job of s.jobs.splice(0)) job.reject(new Error('import pool is closed'));
      }
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

/**
 * The import worker: parses returns off the main thread, under the memory limits the
 * pool gives it. Protocol: see {@link WorkerRequest} and {@link WorkerResponse}.
 */
import { parentPort } from 'node:worker_threads';
import type { SerializableContext } from './context.js';
import { parseReturn, type ImportContext } from './parse-return.js';
import { encodeParsedReturn } from '../model/derived-codec.js';

export type WorkerRequest =
  | { type: 'context'; id: number; ctx: SerializableContext }
  | { type: 'parse'; job: number; ctxId: number; fileName: string; bytes: Uint8Array; sha256: string };

/**
 * A result travels as the text of the derived cache (encoded here, off the main thread): the
 * main thread stores that text as is and decodes it with one JSON.parse, which is cheaper than
 * structured-cloning the return's object graph both ways and serialising it again for the cache.
 */
export type WorkerResponse =
  { type: 'result'; job: number; encoded: string } | { type: 'failure'; job: number; message: string };

type Ctx = Omit<ImportContext, 'fileName'>;
const contexts = new Map<number, Ctx | Promise<Ctx>>();
const port = parentPort;

/** A context with its form already parsed is used as is; otherwise the loader is loaded once, lazily. */
function prepare(ctx: SerializableContext): Ctx | Promise<Ctx> {
  if (ctx.form)
    return { form: ctx.form, units: ctx.units, period: ctx.period, ...(ctx.limits ? { limits: ctx.limits } : {}) };
  return import('./context.js').then((m) => m.toImportContext(ctx));
}

function parse(msg: Extract<WorkerRequest, { type: 'parse' }>, ctx: Ctx | undefined): WorkerResponse {
  try {
    if (!ctx) throw new Error(`unknown context ${msg.ctxId}`);
    const result = parseReturn(msg.bytes, { ...ctx, fileName: msg.fileName, sha256: msg.sha256 });
    return { type: 'result', job: msg.job, encoded: encodeParsedReturn(result) };
  } catch (e) {
    return { type: 'failure', job: msg.job, message: (e as Error).message };
  }
}

/**
 * Handle one request from the pool; `reply` gets the response of a parse. Exported for the
 * build's warm-up run that makes the worker bundle's code cache (scripts/code-cache.mjs).
 */
export function onRequest(msg: WorkerRequest, reply: (r: WorkerResponse) => void): void {
  if (msg.type === 'context') {
    const ready = prepare(msg.ctx);
    contexts.set(msg.id, ready);
    if (ready instanceof Promise) void ready.then((c) => contexts.set(msg.id, c));
    return;
  }
  const ctx = contexts.get(msg.ctxId);
  if (ctx instanceof Promise) {
    ctx.then(
      (c) => reply(parse(msg, c)),
      (e: unknown) => reply({ type: 'failure', job: msg.job, message: (e as Error).message }),
    );
    return;
  }
  reply(parse(msg, ctx));
}

port?.on('message', (msg: WorkerRequest) => onRequest(msg, (r) => port.postMessage(r)));

/**
 * The import worker: parses returns off the main thread, under the memory limits the
 * pool gives it. Protocol: see {@link WorkerRequest} and {@link WorkerResponse}.
 */
import { parentPort } from 'node:worker_threads';
import { toImportContext, type SerializableContext } from './context.js';
import { parseReturn, type ImportContext } from './parse-return.js';
import type { ParsedReturn } from '../model/index.js';

export type WorkerRequest =
  | { type: 'context'; id: number; ctx: SerializableContext }
  | { type: 'parse'; job: number; ctxId: number; fileName: string; bytes: Uint8Array };

export type WorkerResponse =
  { type: 'result'; job: number; result: ParsedReturn } | { type: 'failure'; job: number; message: string };

const contexts = new Map<number, Omit<ImportContext, 'fileName'>>();
const port = parentPort;

port?.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'context') {
    contexts.set(msg.id, toImportContext(msg.ctx));
    return;
  }
  let response: WorkerResponse;
  try {
    const ctx = contexts.get(msg.ctxId);
    if (!ctx) throw new Error(`unknown context ${msg.ctxId}`);
    response = { type: 'result', job: msg.job, result: parseReturn(msg.bytes, { ...ctx, fileName: msg.fileName }) };
  } catch (e) {
    response = { type: 'failure', job: msg.job, message: (e as Error).message };
  }
  port.postMessage(response);
});

/**
 * A checklist worker: renders units' checklists to PDF off the main thread. Protocol: see
 * {@link ChecklistWorkerRequest} and {@link ChecklistWorkerResponse}. The PDF bytes are
 * transferred back, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { unitChecklistPdf, type ChecklistJobContext } from './document.js';
import type { UnitChecklist } from './model.js';

export type ChecklistWorkerRequest =
  { type: 'context'; ctx: ChecklistJobContext } | { type: 'render'; job: number; model: UnitChecklist };

export type ChecklistWorkerResponse =
  { type: 'result'; job: number; pdf: Uint8Array } | { type: 'failure'; job: number; message: string };

const port = parentPort;
let context: ChecklistJobContext | undefined;
/** Jobs run one after the other, in the order they came. */
let chain: Promise<void> = Promise.resolve();

async function render(msg: Extract<ChecklistWorkerRequest, { type: 'render' }>): Promise<ChecklistWorkerResponse> {
  try {
    if (!context) throw new Error('no checklist context');
    const pdf = await unitChecklistPdf(context, msg.model);
    return { type: 'result', job: msg.job, pdf };
  } catch (e) {
    return { type: 'failure', job: msg.job, message: e instanceof Error ? e.message : String(e) };
  }
}

port?.on('message', (msg: ChecklistWorkerRequest) => {
  if (msg.type === 'context') {
    context = msg.ctx;
    return;
  }
  chain = chain.then(async () => {
    const res = await render(msg);
    if (res.type === 'result') {
      const { buffer, byteOffset, byteLength } = res.pdf;
      // A whole, non-shared buffer is transferred; a slice of a pooled one is copied once.
      const whole = byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer;
      const pdf = whole ? res.pdf : res.pdf.slice();
      port.postMessage({ ...res, pdf } satisfies ChecklistWorkerResponse, [pdf.buffer as ArrayBuffer]);
    } else {
      port.postMessage(res);
    }
  });
});

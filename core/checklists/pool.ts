/**
 * Renders many units' checklists in parallel worker threads: one PDF per unit, handed out
 * one unit at a time to whichever thread is free, so that short and long checklists
 * balance out. The calling thread, whose pdfkit, fonts and compiled code are usually warm
 * already, renders too: a new worker needs about a second of CPU before its first PDF.
 * The workers live for one batch only. Used when `renderChecklists` is given `threads`: by
 * default separate files are cut from one combined document instead, which is faster on
 * two cores (render.ts).
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../workers/entry.js';
import type { ChecklistJobContext } from './document.js';
import type { UnitChecklist } from './model.js';
import { ChecklistError } from './settings.js';
import type { ChecklistWorkerRequest, ChecklistWorkerResponse } from './worker.js';

/**
 * Units sent to a worker at once: the second waits in the worker, which starts it as soon
 * as the first is done instead of waiting for the main thread to hand it the next one.
 */
const JOBS_PER_WORKER = 2;

interface Slot {
  worker: Worker;
  /** Indexes of the units sent, in the order the worker renders them. */
  jobs: number[];
}

/**
 * Render the PDF of every model in `threads` workers, and with `local` on the calling
 * thread too. `onDone` is called on the calling thread as each unit is finished (in the
 * order they finish). Resolves with the PDFs in the order of `models`; rejects with a
 * {@link ChecklistError} when a unit cannot be rendered or a worker fails. Every worker is
 * stopped before the promise settles.
 */
export async function renderInWorkers(
  ctx: ChecklistJobContext,
  models: UnitChecklist[],
  threads: number,
  onDone?: (index: number) => void,
  local?: (model: UnitChecklist) => Promise<Buffer>,
): Promise<Buffer[]> {
  const entry = workerEntry(import.meta.url, 'worker', 'checklists-worker');
  const pdfs: (Buffer | undefined)[] = models.map(() => undefined);
  const slots: Slot[] = [];
  let next = 0;
  let done = 0;
  let settled = false;

  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: string | unknown): void => {
        if (settled) return;
        settled = true;
        reject(typeof error === 'string' ? new ChecklistError(error) : error);
      };

      const post = (slot: Slot, msg: ChecklistWorkerRequest): void => {
        try {
          slot.worker.postMessage(msg);
        } catch (e) {
          fail(
            `Không in được phiếu kiểm tra: không gửi được dữ liệu cho luồng xử lý (${e instanceof Error ? e.message : String(e)}).`,
          );
        }
      };

      const send = (slot: Slot): void => {
        while (!settled && slot.jobs.length < JOBS_PER_WORKER && next < models.length) {
          const index = next++;
          slot.jobs.push(index);
          const msg: ChecklistWorkerRequest = { type: 'render', job: index, model: models[index] as UnitChecklist };
          post(slot, msg);
        }
      };

      const finished = (index: number, pdf: Buffer): boolean => {
        pdfs[index] = pdf;
        done += 1;
        try {
          onDone?.(index);
        } catch (e) {
          fail(e);
          return false;
        }
        if (done === models.length) {
          settled = true;
          resolve();
          return false;
        }
        return true;
      };

      const unitOf = (index: number | undefined): string =>
        index === undefined ? '' : ` của đơn vị ${models[index]?.unit.code ?? ''}`;

      const count = Math.max(1, Math.min(threads, models.length));
      for (let i = 0; i < count; i++) {
        let worker: Worker;
        try {
          worker = new Worker(entry.script, { eval: entry.eval });
        } catch (e) {
          fail(
            `Không in được phiếu kiểm tra: không khởi động được luồng xử lý (${e instanceof Error ? e.message : String(e)}).`,
          );
          break;
        }
        const slot: Slot = { worker, jobs: [] };
        slots.push(slot);
        worker.on('message', (msg: ChecklistWorkerResponse) => {
          if (settled) return;
          const index = slot.jobs.shift();
          if (index === undefined || index !== msg.job) {
            fail('Không in được phiếu kiểm tra: luồng xử lý trả về kết quả không mong đợi.');
            return;
          }
          if (msg.type === 'failure') {
            fail(`Không in được phiếu kiểm tra${unitOf(index)}: ${msg.message}`);
            return;
          }
          if (finished(index, Buffer.from(msg.pdf.buffer, msg.pdf.byteOffset, msg.pdf.byteLength))) send(slot);
        });
        worker.on('error', (err: Error) =>
          fail(`Không in được phiếu kiểm tra${unitOf(slot.jobs[0])}: luồng xử lý gặp lỗi (${err.message}).`),
        );
        worker.on('exit', (code) =>
          fail(`Không in được phiếu kiểm tra${unitOf(slot.jobs[0])}: luồng xử lý dừng bất thường (mã ${code}).`),
        );
        post(slot, { type: 'context', ctx });
        send(slot);
      }

      // The calling thread, already warmed up, renders too while the workers start.
      if (local) {
        void (async () => {
          while (!settled && next < models.length) {
            const index = next++;
            let pdf: Buffer;
            try {
              pdf = await local(models[index] as UnitChecklist);
            } catch (e) {
              fail(`Không in được phiếu kiểm tra${unitOf(index)}: ${e instanceof Error ? e.message : String(e)}`);
              return;
            }
            if (!finished(index, pdf)) return;
            // Let the workers' results in before the next unit.
            await new Promise((r) => setImmediate(r));
          }
        })();
      }
    });
  } finally {
    settled = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
  return pdfs as Buffer[];
}

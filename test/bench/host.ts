/**
 * What the machine a bench runs on can do, printed beside the figures, so that runs on
 * different machines can be told apart. The side-by-side ratios move with the machine more than
 * with our code: our `consolidate` runs on several threads (the main thread, the import worker,
 * V8's compiler threads), the openpyxl script on one, so a machine whose two virtual CPUs do not
 * give two cores' worth of work (two hyper-threads of one core, or a busy host) favours the script.
 *
 * - `singleMBps`: SHA-256 over 64 MB on one thread (native code, no JIT warm-up): the speed of one core.
 * - `parallelSpeedup`: the same work on two threads at once, against one: 2.0 is two free cores,
 *   ~1.2–1.3 two hyper-threads of one core, 1.0 one core.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism, cpus } from 'node:os';
import { median } from './stats.js';

export interface HostFacts {
  cpu: string;
  cores: number;
  singleMBps: number;
  parallelSpeedup: number;
}

const WORK_MB = 64;

/** Hash WORK_MB megabytes in a worker thread; resolves with its own elapsed milliseconds. */
function hashInWorker(): Promise<number> {
  const code = `
    const { createHash } = require('node:crypto');
    const { parentPort } = require('node:worker_threads');
    const block = Buffer.alloc(1 << 20, 7);
    const t0 = performance.now();
    const h = createHash('sha256');
    for (let i = 0; i < ${WORK_MB}; i++) h.update(block);
    h.digest();
    parentPort.postMessage(performance.now() - t0);`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', (ms: number) => {
      resolve(ms);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

export async function measureHost(rounds = 3): Promise<HostFacts> {
  const alone: number[] = [];
  const together: number[] = [];
  for (let i = 0; i < rounds; i++) {
    alone.push(await hashInWorker());
    const both = await Promise.all([hashInWorker(), hashInWorker()]);
    together.push(Math.max(...both));
  }
  const one = median(alone);
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    singleMBps: Math.round((WORK_MB * 1000) / one),
    // Two threads did twice the work in `together` ms; one thread did it once in `one` ms.
    parallelSpeedup: Math.round(((2 * one) / median(together)) * 100) / 100,
  };
}

export function describeHost(h: HostFacts): string {
  return `${h.cpu}, ${h.cores} CPUs; one thread hashes ${h.singleMBps} MB/s; two threads at once do ${h.parallelSpeedup.toFixed(2)}× the work of one`;
}

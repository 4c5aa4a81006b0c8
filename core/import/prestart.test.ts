import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESTARTED, takePrestartedWorker, type PrestartedWorker } from './prestart.js';

const SCRIPT = 'file:///opt/tonghop/build/cli/worker.cjs';
const LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
const holder = globalThis as { [PRESTARTED]?: PrestartedWorker };

/** A launcher's record, as bin/tonghop.js leaves it, around a worker that just waits. */
function prestart(over: Partial<PrestartedWorker> = {}): PrestartedWorker {
  const worker = new Worker("require('node:worker_threads').parentPort.on('message', () => {});", {
    eval: true,
    resourceLimits: LIMITS,
  });
  const record: PrestartedWorker = { worker, script: SCRIPT, resourceLimits: { ...LIMITS }, failed: false, ...over };
  holder[PRESTARTED] = record;
  return record;
}

afterEach(() => {
  delete holder[PRESTARTED];
});

describe('takePrestartedWorker', () => {
  it('hands over the launcher’s worker once, when it runs the pool’s script with the pool’s limits', async () => {
    const { worker } = prestart();
    expect(takePrestartedWorker(SCRIPT, { ...LIMITS })).toBe(worker);
    expect(takePrestartedWorker(SCRIPT, { ...LIMITS })).toBeUndefined();
    expect(holder[PRESTARTED]).toBeUndefined();
    await worker.terminate();
  });

  it.each([
    ['another script', { script: 'file:///elsewhere/worker.cjs' }],
    ['other limits', { resourceLimits: { ...LIMITS, maxOldGenerationSizeMb: 24 } }],
    ['a limit the pool does not set', { resourceLimits: { ...LIMITS, codeRangeSizeMb: 8 } }],
    ['a worker that already failed', { failed: true }],
  ] as const)('stops, and does not hand over, a worker started with %s', async (_what, over) => {
    const { worker } = prestart(over);
    const exited = once(worker, 'exit');
    expect(takePrestartedWorker(SCRIPT, { ...LIMITS })).toBeUndefined();
    await exited;
    expect(holder[PRESTARTED]).toBeUndefined();
  });

  it('knows the script however its URL was written', async () => {
    const { worker } = prestart({ script: 'file:///opt/tonghop/build/cli/../cli/worker%2Ecjs' });
    expect(takePrestartedWorker(SCRIPT, { ...LIMITS })).toBe(worker);
    await worker.terminate();
  });

  it('gives nothing when the launcher started no worker', () => {
    expect(takePrestartedWorker(SCRIPT, { ...LIMITS })).toBeUndefined();
  });
});

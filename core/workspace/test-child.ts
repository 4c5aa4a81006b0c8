/**
 * Child process of the workspace tests, run as `node --import tsx test-child.ts MODE DIR …`.
 * - `crash DIR`: loads, waits for a line on stdin (so the test can start it ahead of time),
 *   then performs the crash-test operations forever (from the manifest's `seq` on) until it
 *   is killed; prints "ready" once the workspace is open.
 * - `ingest DIR PREFIX N`: ingests N distinct returns one by one (for the concurrency test).
 */
import { readManifest } from './store.js';
import { openWorkspace } from './store.js';
import { ingestFiles } from './ingest.js';
import { TEST_PERIOD, crashOp, fakeBytes, fakeParse } from './test-helpers.js';

const [mode, dir, prefix, count] = process.argv.slice(2);

function waitForGo(): Promise<void> {
  return new Promise((resolve) => process.stdin.once('data', () => resolve()));
}

async function main(): Promise<void> {
  if (!dir) throw new Error('usage: test-child.ts MODE DIR');
  if (mode === 'crash') await waitForGo();
  const ws = await openWorkspace(dir, { period: TEST_PERIOD, create: true, by: 'kiểm-thử' });
  if (mode === 'crash') {
    process.stdout.write('ready\n');
    for (let n = 0; n < 100_000; n++) await crashOp(ws, readManifest(dir).seq + 1);
    return;
  }
  if (mode === 'ingest') {
    for (let i = 0; i < Number(count); i++) {
      const unit = `${prefix}${i}`;
      await ingestFiles(
        ws,
        [{ name: `${unit}.xlsx`, bytes: fakeBytes({ unit, period: TEST_PERIOD.code, values: { KL01: i } }) }],
        fakeParse,
        { by: `tiến-trình-${prefix}` },
      );
    }
    process.stdout.write('done\n');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(String((e as Error).stack ?? e) + '\n');
  process.exit(3);
});

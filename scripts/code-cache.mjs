// Makes the V8 code caches of the command line's bundles (build/cli/<name>.bundle.cjs.cache,
// read by build/cli/boot.cjs): each bundle is loaded in this process and run as `tonghop
// consolidate` runs it — 40 sample returns into a fresh workspace — so that the cache holds
// the bytecode of every function such a run compiles, not only the top level. Run by
// scripts/build-cli.mjs after bundling, with the tsc build (build/core) already made.
// A cache that V8 rejects later (another Node version, other flags) is simply not used.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'build', 'cli');
const { load } = createRequire(import.meta.url)(join(cli, 'boot.cjs'));
const dir = mkdtempSync(join(tmpdir(), 'tonghop-code-cache-'));
const PERIOD = 'NQ08-SK2023';

try {
  const returns = join(dir, 'in');
  const sample = spawnSync(
    process.execPath,
    [join(root, 'bin', 'tonghop.js'), 'sample', '--period', PERIOD, '--out', returns],
    {
      encoding: 'utf8',
    },
  );
  if (sample.status !== 0) throw new Error(`tonghop sample: ${sample.stderr}`);

  // The command: parses part of the batch on its own thread, stores, reconciles, writes the JSON.
  const main = load(join(cli, 'main.bundle.cjs'), true);
  const silent = { out() {}, err: (t) => process.stderr.write(t), env: {}, cwd: dir };
  const status = await main.exports.main(
    [
      'consolidate',
      returns,
      '--period',
      PERIOD,
      '--workspace',
      join(dir, 'ws'),
      '--json',
      join(dir, 'out.json'),
      '--quiet',
    ],
    silent,
  );
  if (status !== 0 && status !== 1) throw new Error(`tonghop consolidate exited ${status}`);
  main.save();

  // The import worker: the same requests as the pool sends, the form already parsed.
  const { loadDefaultForm } = await import(join(root, 'build', 'core', 'form', 'load.js'));
  const { findPeriod } = await import(join(root, 'build', 'core', 'period', 'index.js'));
  const { loadDefaultUnits } = await import(join(root, 'build', 'core', 'units', 'index.js'));
  const period = findPeriod(PERIOD);
  const ctx = {
    form: loadDefaultForm(),
    units: loadDefaultUnits().filter((u) => period.tiers.includes(u.tier)),
    period,
  };
  const worker = load(join(cli, 'worker.bundle.cjs'), true);
  worker.exports.onRequest({ type: 'context', id: 1, ctx }, () => {});
  let job = 0;
  for (const fileName of readdirSync(returns).sort()) {
    const bytes = new Uint8Array(readFileSync(join(returns, fileName)));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    worker.exports.onRequest({ type: 'parse', job: ++job, ctxId: 1, fileName, bytes, sha256 }, (r) => {
      if (r.type !== 'result') throw new Error(`warm-up parse of ${fileName} failed: ${r.message}`);
    });
  }
  worker.save();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

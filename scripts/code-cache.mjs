// Makes the V8 code caches of the command line's bundles and of the libraries its commands
// load (read by build/cli/boot.cjs): each cache is made in a fresh process that runs a command
// as a user runs it, so that the cache holds the bytecode of every function such a run
// compiles, not only the top level:
// - consolidate: 40 sample returns into a fresh workspace → build/cli/main.bundle.cjs.cache
//   (every command but those below), and the import worker's requests → worker.bundle.cjs.cache;
// - report, checklists: on that workspace → main.bundle.cjs.<command>.cache, and the caches of
//   the libraries they load (pdfkit, fontkit, qrcode…) → build/cli/modules/.
// Run by scripts/build-cli.mjs after bundling, with the tsc build (build/core) already made.
// A cache that V8 rejects later (another Node version, other flags) is simply not used.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'build', 'cli');
const PERIOD = 'NQ08-SK2023';
const SCENARIOS = ['consolidate', 'report', 'checklists'];

/** Run one command in this process, through the main bundle loaded to produce its cache. */
async function produce(scenario, dir) {
  const boot = createRequire(import.meta.url)(join(cli, 'boot.cjs'));
  const returns = join(dir, 'in');
  const ws = join(dir, 'ws');
  let said = '';
  const silent = { out() {}, err: (t) => (said += t), env: {}, cwd: dir };
  const common = [returns, '--period', PERIOD, '--workspace', ws, '--quiet'];
  if (scenario !== 'consolidate') boot.cacheModules({ produce: true });
  const main = boot.load(join(cli, 'main.bundle.cjs'), {
    produce: true,
    ...(scenario !== 'consolidate' ? { variant: scenario } : {}),
  });
  const args = {
    consolidate: ['consolidate', ...common, '--json', join(dir, 'out.json')],
    report: ['report', ...common, '--out', join(dir, 'report.pdf')],
    checklists: ['checklists', ...common, '--out', join(dir, 'checklists')],
  }[scenario];
  const status = await main.exports.main(args, silent);
  if (status !== 0 && status !== 1) throw new Error(`tonghop ${scenario} exited ${status}: ${said}`);
  main.save();
  if (scenario !== 'consolidate') {
    boot.saveModules();
    return;
  }

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
  const worker = boot.load(join(cli, 'worker.bundle.cjs'), { produce: true });
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
}

const [flag, scenario, dir] = process.argv.slice(2);
if (flag === '--scenario') {
  if (!SCENARIOS.includes(scenario) || !dir) throw new Error(`code-cache: unknown scenario ${scenario}`);
  await produce(scenario, dir);
} else {
  rmSync(join(cli, 'modules'), { recursive: true, force: true });
  const work = mkdtempSync(join(tmpdir(), 'tonghop-code-cache-'));
  try {
    const sample = spawnSync(
      process.execPath,
      [join(root, 'bin', 'tonghop.js'), 'sample', '--period', PERIOD, '--out', join(work, 'in')],
      { encoding: 'utf8' },
    );
    if (sample.status !== 0) throw new Error(`tonghop sample: ${sample.stderr}`);
    // One fresh process each: a bundle compiled twice in one process would share its functions.
    for (const s of SCENARIOS) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--scenario', s, work], {
        encoding: 'utf8',
        stdio: ['ignore', 'inherit', 'pipe'],
      });
      if (r.status !== 0) throw new Error(`code cache (${s}): ${r.stderr}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

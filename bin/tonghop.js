#!/usr/bin/env node
// Entry point of the `tonghop` command: runs the bundled engine CLI (built by `npm ci` / `npm run build:cli`)
// through build/cli/boot.cjs, which compiles it from V8's code cache when it can.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const entry = fileURLToPath(new URL('../build/cli/main.bundle.cjs', import.meta.url));
const boot = fileURLToPath(new URL('../build/cli/boot.cjs', import.meta.url));
if (!existsSync(entry) || !existsSync(boot)) {
  process.stderr.write(
    'tonghop: chưa biên dịch. Hãy chạy "npm ci" hoặc "npm run build:node && npm run build:cli" trong thư mục dự án.\n',
  );
  process.exit(2);
}
const argv = process.argv.slice(2);
if (argv[0] === 'consolidate' && !argv.includes('--help') && !argv.includes('-h')) prestartImportWorker();
const loader = createRequire(import.meta.url)(boot);
// The libraries a command loads (pdfkit, fontkit…) compile from the caches the build made.
loader.cacheModules();
// The report and the checklists have a cache of their own: the one made by consolidating holds
// none of the code that draws documents, and one for every command would slow them all.
const variant = argv[0] === 'report' || argv[0] === 'checklists' ? { variant: argv[0] } : {};
const { main } = loader.load(entry, variant).exports;
process.exitCode = await main(argv);

/**
 * `consolidate` parses its returns in an import worker: start it now, so that its start-up
 * overlaps the loading of the engine; the engine's import pool takes it over when it was
 * started with the pool's own script and limits (core/import/prestart.ts), else stops it.
 */
function prestartImportWorker() {
  const script = new URL('../build/cli/worker.cjs', import.meta.url);
  const resourceLimits = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
  const worker = new Worker(script, { resourceLimits });
  const record = { worker, script: script.href, resourceLimits, failed: false };
  const failed = () => (record.failed = true);
  worker.on('error', failed);
  worker.on('exit', failed);
  // Never keeps the process alive by itself (a command that ends before taking it).
  worker.unref();
  globalThis[Symbol.for('tonghop.prestartedImportWorker')] = record;
}

/**
 * Where the entry module of a worker thread is, for the pools of the engine (import,
 * checklists), whichever way the engine is run:
 * - built by tsc (`build/`): `<file>.js` next to the calling module;
 * - bundled for the command line (`build/cli/`, see scripts/build-cli.mjs): the engine is one
 *   CommonJS bundle (`<name>.bundle.cjs`, so the calling module's extension is `.cjs`) and the
 *   worker's entry is `<bundled>.cjs` beside it, which loads the worker's own bundle;
 * - from sources (vitest, tsx): `<file>.ts` next to the calling module, loaded through tsx.
 *   On Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's entry module
 *   (ERR_UNKNOWN_FILE_EXTENSION), so a two-line bootstrap registers tsx in the worker first.
 */
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What to give `new Worker(script, { eval })`. */
export interface WorkerEntry {
  script: string | URL;
  eval: boolean;
}

/**
 * The worker entry `file` (a name without extension, beside `moduleUrl`, the caller's
 * `import.meta.url`), or `bundled` in the command-line bundle.
 */
export function workerEntry(moduleUrl: string, file: string, bundled: string): WorkerEntry {
  const here = fileURLToPath(moduleUrl);
  const ext = extname(here);
  const name = ext === '.cjs' ? bundled : file;
  const entry = pathToFileURL(join(dirname(here), `${name}${ext}`));
  if (ext !== '.ts') return { script: entry, eval: false };
  // require.resolve gives the CommonJS build of tsx's API; its ESM twin sits beside it.
  const tsxApiCjs = createRequire(moduleUrl).resolve('tsx/esm/api');
  const tsxApi = pathToFileURL(tsxApiCjs.replace(/\.cjs$/, '.mjs')).href;
  const script = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return { script, eval: true };
}

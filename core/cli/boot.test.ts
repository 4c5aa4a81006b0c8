/**
 * The command line's bundles are compiled from V8's code cache (build/cli/boot.cjs, made by
 * scripts/build-cli.mjs and scripts/code-cache.mjs): the cache is taken when it matches, a
 * stale or damaged one is ignored without a word, and the bundles still import their
 * external libraries (which a script compiled through vm cannot do by itself).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_WORKER_LIMITS } from '../import/pool.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'build', 'cli');
const BOOT = join(CLI, 'boot.cjs');
const BIN = join(ROOT, 'bin', 'tonghop.js');
const tmp = mkdtempSync(join(tmpdir(), 'tonghop-boot-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Load `bundle` through boot.cjs in a fresh Node process; what it reports, and its stderr. */
function loadInChild(bundle: string): { cached: boolean; exports: string[]; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `const m = require(${JSON.stringify(BOOT)}).load(${JSON.stringify(bundle)});
       process.stdout.write(JSON.stringify({ cached: m.cached, exports: Object.keys(m.exports) }));`,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  return { ...(JSON.parse(r.stdout) as { cached: boolean; exports: string[] }), stderr: r.stderr };
}

describe('the bundles load from their code cache', () => {
  it('takes the cache the build made for the command and for the import worker', () => {
    expect(loadInChild(join(CLI, 'main.bundle.cjs'))).toEqual({ cached: true, exports: ['main'], stderr: '' });
    expect(loadInChild(join(CLI, 'worker.bundle.cjs'))).toEqual({ cached: true, exports: ['onRequest'], stderr: '' });
  });

  it('takes the caches made by a run of the report and of the checklists, and those of the libraries they load', () => {
    for (const variant of ['report', 'checklists']) {
      const r = spawnSync(
        process.execPath,
        [
          '-e',
          `const m = require(${JSON.stringify(BOOT)}).load(${JSON.stringify(join(CLI, 'main.bundle.cjs'))}, { variant: ${JSON.stringify(variant)} });
           process.stdout.write(String(m.cached));`,
        ],
        { encoding: 'utf8' },
      );
      expect(r.stdout, r.stderr).toBe('true');
    }
    // pdfkit and fontkit, as the report loads them (pdfkit from the app, fontkit from pdfkit).
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `const boot = require(${JSON.stringify(BOOT)});
         boot.cacheModules();
         const { createRequire } = require('node:module');
         const pdfkit = require.resolve('pdfkit', { paths: [${JSON.stringify(ROOT)}] });
         createRequire(pdfkit)('fontkit');
         const PDFDocument = require(pdfkit);
         new PDFDocument({ font: null });
         process.stdout.write(JSON.stringify(boot.modulesTaken()));`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const taken = JSON.parse(r.stdout) as string[];
    expect(taken).toContain('node_modules/pdfkit/js/pdfkit.js');
    expect(taken).toContain('node_modules/fontkit/dist/main.cjs');
    expect(taken).toContain('node_modules/restructure/dist/main.cjs');
  });

  it('starts the import worker without node:crypto (its start is on consolidate’s critical path)', () => {
    // As build/cli/worker.cjs starts it, in a worker thread: the files come hashed by the pool.
    const script = `const boot = require(${JSON.stringify(BOOT)});
      boot.cacheModules();
      boot.load(${JSON.stringify(join(CLI, 'worker.bundle.cjs'))});
      require('node:worker_threads').parentPort.postMessage(process.moduleLoadList.filter((m) => /crypto/.test(m)));`;
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `const { Worker } = require('node:worker_threads');
         const w = new Worker(${JSON.stringify(script)}, { eval: true });
         w.on('message', (m) => { process.stdout.write(JSON.stringify(m)); w.terminate(); });`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('ignores, silently, a cache made for another source or a damaged one', () => {
    const bundle = join(tmp, 'main.bundle.cjs');
    // The same bundle changed by one comment: the cache no longer matches its source.
    writeFileSync(bundle, readFileSync(join(CLI, 'main.bundle.cjs'), 'utf8') + '\n// rebuilt\n');
    copyFileSync(join(CLI, 'main.bundle.cjs.cache'), `${bundle}.cache`);
    expect(loadInChild(bundle)).toEqual({ cached: false, exports: ['main'], stderr: '' });
    writeFileSync(`${bundle}.cache`, Buffer.from('not a code cache at all'));
    expect(loadInChild(bundle)).toEqual({ cached: false, exports: ['main'], stderr: '' });
    rmSync(`${bundle}.cache`);
    expect(loadInChild(bundle)).toEqual({ cached: false, exports: ['main'], stderr: '' });
  });

  it('makes every bundle pure ASCII, so that Node reads it as a one-byte string', () => {
    for (const name of ['main', 'worker', 'checklists-worker']) {
      const code = readFileSync(join(CLI, `${name}.bundle.cjs`), 'utf8');
      expect(code.match(/[\u0080-\uffff]/g) ?? [], name).toEqual([]);
    }
    // Vietnamese in a regular expression, escaped (core/textcheck/check-data.ts matches "cấp sở").
    expect(readFileSync(join(CLI, 'main.bundle.cjs'), 'utf8')).toContain('c\\u1EA5p s\\u1EDF');
  });

  it('leaves no import() in a bundle that boot.cjs does not serve', () => {
    for (const name of ['main', 'worker', 'checklists-worker']) {
      const code = readFileSync(join(CLI, `${name}.bundle.cjs`), 'utf8');
      expect(code.match(/(?<![\w$.])import\("/g) ?? []).toEqual([]);
    }
    expect(readFileSync(join(CLI, 'main.bundle.cjs'), 'utf8')).toContain('__import("exceljs")');
  });

  it('starts the import worker of consolidate with the pool’s own limits, so that the pool takes it over', () => {
    const bin = readFileSync(BIN, 'utf8');
    const m = /const resourceLimits = (\{[^}]*\});/.exec(bin);
    expect(m).not.toBeNull();
    const launcher = JSON.parse(m![1]!.replace(/(\w+):/g, '"$1":')) as unknown;
    expect(launcher).toEqual(IMPORT_WORKER_LIMITS);
    expect(bin).toContain("new URL('../build/cli/worker.cjs', import.meta.url)");
  });

  it('runs a command that imports an external library (exceljs for --xlsx), with nothing on stderr', () => {
    const returns = join(tmp, 'returns');
    const sample = spawnSync(process.execPath, [BIN, 'sample', '--period', 'NQ08-SK2023', '--out', returns], {
      encoding: 'utf8',
    });
    expect(sample.status, sample.stderr).toBe(0);
    const xlsx = join(tmp, 'tong-hop.xlsx');
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'consolidate',
        returns,
        '--period',
        'NQ08-SK2023',
        '--workspace',
        join(tmp, 'ws'),
        '--xlsx',
        xlsx,
        '--quiet',
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    // A workbook: a zip whose first entry is written by exceljs.
    expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 60_000);
});

/**
 * The libraries' code caches, on a small app of its own: boot.cjs in build/cli, a library in
 * node_modules. V8 would take a cache for any source of the same length and run the bytecode
 * of the old one; boot.cjs gives a cache only to the very source it was made from.
 */
describe('the libraries load from their code cache', () => {
  const app = join(tmp, 'app');
  const boot = join(app, 'build', 'cli', 'boot.cjs');
  const lib = join(app, 'node_modules', 'lib');
  const modules = join(app, 'build', 'cli', 'modules');

  function write(helperValue: string): void {
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(lib, 'package.json'), '{ "name": "lib", "main": "index.js" }\n');
    writeFileSync(join(lib, 'helper.js'), `'use strict';\nexports.value = () => '${helperValue}';\n`);
    writeFileSync(
      join(lib, 'index.js'),
      [
        "'use strict';",
        "const helper = require('./helper.js');",
        "const dynamic = require('./dynamic.js');",
        'exports.run = async () => ({',
        '  value: helper.value(),',
        '  file: __filename,',
        '  dir: __dirname,',
        "  resolved: require.resolve('./helper.js'),",
        '  sep: await dynamic.sep(),',
        '  self: module.exports === exports,',
        '});',
        '',
      ].join('\n'),
    );
    // A module with an import() is left to Node (vm would need an experimental loader).
    writeFileSync(
      join(lib, 'dynamic.js'),
      "'use strict';\nexports.sep = async () => (await import('node:path')).sep;\n",
    );
  }

  /** Require the library in a fresh process (producing its caches, or with them) and run it. */
  function run(produce: boolean): {
    value: string;
    file: string;
    dir: string;
    resolved: string;
    sep: string;
    self: boolean;
    taken: string[];
  } {
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `const boot = require(${JSON.stringify(boot)});
         boot.cacheModules({ produce: ${String(produce)} });
         require(${JSON.stringify(lib)}).run().then((out) => {
           ${produce ? 'boot.saveModules();' : ''}
           process.stdout.write(JSON.stringify({ ...out, taken: boot.modulesTaken() }));
         });`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as ReturnType<typeof run>;
  }

  it('compiles a library from the cache made from its very source, and runs it as Node would', () => {
    rmSync(app, { recursive: true, force: true });
    mkdirSync(join(app, 'build', 'cli'), { recursive: true });
    copyFileSync(BOOT, boot);
    write('AAAA');
    const made = run(true);
    expect(made.taken).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(modules, 'manifest.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(manifest)).toEqual(['node_modules/lib/helper.js', 'node_modules/lib/index.js']);
    expect(made.sep).toBe(sep);

    const cached = run(false);
    expect(cached).toEqual({
      value: 'AAAA',
      file: join(lib, 'index.js'),
      dir: lib,
      resolved: join(lib, 'helper.js'),
      sep: sep,
      self: true,
      taken: ['node_modules/lib/index.js', 'node_modules/lib/helper.js'],
    });

    // The helper changed, to a source of the same length: its old bytecode must not run.
    write('BBBB');
    const changed = run(false);
    expect(changed.value).toBe('BBBB');
    expect(changed.taken).toEqual(['node_modules/lib/index.js']);

    // A damaged cache is not taken; a missing list of caches means none is.
    write('AAAA');
    writeFileSync(join(modules, `${manifest['node_modules/lib/index.js']}.cache`), 'not a code cache');
    const damaged = run(false);
    expect(damaged.value).toBe('AAAA');
    expect(damaged.taken).toEqual(['node_modules/lib/helper.js']);
    writeFileSync(join(modules, 'manifest.json'), 'null');
    const listless = run(false);
    expect(listless.value).toBe('AAAA');
    expect(listless.taken).toEqual([]);
    rmSync(join(modules, 'manifest.json'));
    const none = run(false);
    expect(none.value).toBe('AAAA');
    expect(none.taken).toEqual([]);
  });
});

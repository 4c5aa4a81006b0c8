/**
 * The command line's bundles are compiled from V8's code cache (build/cli/boot.cjs, made by
 * scripts/build-cli.mjs and scripts/code-cache.mjs): the cache is taken when it matches, a
 * stale or damaged one is ignored without a word, and the bundles still import their
 * external libraries (which a script compiled through vm cannot do by itself).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

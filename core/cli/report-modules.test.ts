/**
 * `tonghop report` draws the report with pdfkit through core/pdf/flow: pdfmake is not even
 * loaded (its module and fonts cost ~0.1 s a process). `--internal-annex` (the data warnings,
 * still a pdfmake document) does load it: the check sees a module that is loaded. The report
 * does not read the metrics of pdfkit's standard fonts either (it embeds Tinos only).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tonghop.js');
const PERIOD = 'NQ08-SK2023';
const root = mkdtempSync(join(tmpdir(), 'tonghop-report-modules-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * A preload that writes, at exit, every CommonJS module the process loaded and every font
 * metrics file (`.afm`, pdfkit's standard fonts) it read.
 */
const HOOK = join(root, 'modules.cjs');
writeFileSync(
  HOOK,
  [
    "const fs = require('node:fs');",
    'const read = fs.readFileSync;',
    'const afm = [];',
    'fs.readFileSync = function (p, ...rest) {',
    "  if (String(p).endsWith('.afm')) afm.push('afm:' + String(p));",
    '  return read.call(this, p, ...rest);',
    '};',
    "process.on('exit', () => fs.writeFileSync(process.env.MODULES_OUT, " +
      "[...Object.keys(require('node:module')._cache), ...afm].join('\\n')));",
    '',
  ].join('\n'),
);

function cli(args: string[], modulesOut?: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [...(modulesOut ? ['--require', HOOK] : []), BIN, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...(modulesOut ? { MODULES_OUT: modulesOut } : {}) },
  });
  return { status: r.status, stderr: r.stderr };
}

describe('tonghop report and pdfmake', () => {
  it('writes the report without loading pdfmake; the internal annex still does', () => {
    const returns = join(root, 'returns');
    const ws = join(root, 'ws');
    expect(cli(['sample', '--period', PERIOD, '--out', returns]).status).toBe(0);
    expect(cli(['consolidate', returns, '--period', PERIOD, '--workspace', ws, '--quiet']).status).toBeLessThan(2);
    const common = [returns, '--period', PERIOD, '--workspace', ws, '--quiet'];

    const report = join(root, 'report.txt');
    const r = cli(['report', ...common, '--out', join(root, 'baocao.pdf')], report);
    expect(r.status, r.stderr).toBe(0);
    const loaded = readFileSync(report, 'utf8').split('\n');
    expect(loaded.some((m) => m.includes('/node_modules/pdfkit/'))).toBe(true);
    expect(loaded.filter((m) => m.includes('/node_modules/pdfmake/'))).toEqual([]);
    // Nor any of pdfkit's standard fonts (the report embeds Tinos only): ~10 ms a process.
    expect(loaded.filter((m) => m.startsWith('afm:'))).toEqual([]);

    const both = join(root, 'both.txt');
    const w = cli(
      ['report', ...common, '--out', join(root, 'baocao2.pdf'), '--internal-annex', join(root, 'canhbao.pdf')],
      both,
    );
    expect(w.status, w.stderr).toBe(0);
    expect(
      readFileSync(both, 'utf8')
        .split('\n')
        .some((m) => m.includes('/node_modules/pdfmake/')),
    ).toBe(true);
  });
});

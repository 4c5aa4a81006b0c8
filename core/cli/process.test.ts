/**
 * The `tonghop` command as a real process (the installed `bin/`, the bundled CLI): how it
 * ends. In-process tests of `main` cannot see a process that never exits.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFloodedReturns } from '../../test/fixtures/hostile.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tonghop.js');
/** Preload that records the process's peak RSS (test/fixtures/peak-rss.mjs). */
const PEAK_RSS = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'peak-rss.mjs');
const PERIOD = 'NQ08-SK2023';
const root = mkdtempSync(join(tmpdir(), 'tonghop-process-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Exit {
  status: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stderr: string;
  stdout: string;
}

/** Run the CLI; a process still alive after `limitMs` is killed (status null, signal SIGKILL). */
export function runCli(
  args: string[],
  limitMs = 15_000,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Exit> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, ms: performance.now() - t0, stderr, stdout });
    });
  });
}

describe('usage errors end the process at once, with status 2', () => {
  const folder = join(root, 'returns');
  mkdirSync(folder);
  const badUnits = join(root, 'units.json');
  writeFileSync(badUnits, '[{"code": "S01", name: "x"}]');
  const cases: [string, string[], RegExp][] = [
    ['a wrong --period', [folder, '--period', 'NOPE'], /Không có kỳ báo cáo NOPE/],
    ['a missing folder', [join(root, 'nowhere'), '--period', PERIOD], /Không có thư mục .*nowhere/],
    ['a bad --units', [folder, '--period', PERIOD, '--units', badUnits], /danh sách đơn vị .*units\.json/],
    ['an unknown option', [folder, '--period', PERIOD, '--bogus'], /Tùy chọn không hợp lệ: --bogus/],
  ];
  const required: Record<string, string[]> = {
    consolidate: [],
    report: ['--out', join(root, 'baocao.pdf')],
    checklists: ['--out', join(root, 'phieu')],
    packet: ['--unit', 'X03', '--out', join(root, 'X03.xlsx')],
  };
  for (const [command, more] of Object.entries(required)) {
    it(`${command}: every usage error exits 2 within seconds`, async () => {
      const runs = await Promise.all(cases.map(([, args]) => runCli([command, ...args, ...more])));
      runs.forEach((r, i) => {
        const [what, , message] = cases[i]!;
        expect(r.signal, `${command} with ${what} was still running: killed`).toBeNull();
        expect(r.status, what).toBe(2);
        expect(r.stderr, what).toMatch(message);
        expect(r.stderr, what).not.toMatch(/\b(Error|Unexpected|Expected|at position)\b/);
      });
    });
  }
});

describe('the import pool', () => {
  it('never keeps a process alive once its work is done, even when nobody closes it', () => {
    const script = `
      import { createImportPool } from ${JSON.stringify(new URL('../import/pool.ts', import.meta.url).href)};
      const pool = createImportPool({ size: 2 });
      const r = await pool.parse(new Uint8Array([1, 2, 3]), 'x.xlsx', { units: [], period: { code: 'P', title: '', shortTitle: '', resolution: '', cutoff: '2023-06-30', deadline: '2023-07-15', tiers: ['so'] } });
      console.log(r.rejection.code);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    expect(r.signal, 'the process did not exit by itself').toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('IMPORT_NOT_XLSX');
  });
});

describe('a flood of rows in small files', () => {
  it(
    'five returns of 100,000 rows "TT01 | 1": one finding each, small outputs, peak memory under 400 MB',
    { timeout: 240_000 },
    async () => {
      const dir = join(root, 'flood');
      mkdirSync(dir);
      const names = await writeFloodedReturns(dir, 5);
      const rssFile = join(root, 'flood.rss');
      const json = join(root, 'flood.json');
      const ws = join(root, 'ws-flood');
      const r = await runCli(
        ['consolidate', dir, '--period', PERIOD, '--workspace', ws, '--json', json, '--quiet'],
        180_000,
        { TONGHOP_PEAK_RSS_FILE: rssFile },
        ['--import', PEAK_RSS],
      );
      expect(r.signal).toBeNull();
      expect(r.status, r.stderr).toBe(1);
      const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
      expect(peakMb).toBeGreaterThan(20);
      expect(peakMb).toBeLessThan(400);
      expect(statSync(json).size).toBeLessThan(1_000_000);
      expect(statSync(join(ws, 'manifest.json')).size).toBeLessThan(100_000);
      const j = JSON.parse(readFileSync(json, 'utf8')) as {
        files: { name: string; status: string }[];
        findings: { check: string; unit?: string; message: string }[];
      };
      expect(j.files.map((f) => [f.name, f.status])).toEqual(names.map((n) => [n, 'imported']));
      for (const unit of ['X01', 'X02', 'X03', 'X04', 'X05']) {
        const dup = j.findings.filter((f) => f.unit === unit && f.check === 'IMPORT_DUPLICATE_CODE');
        expect(dup, unit).toHaveLength(1);
        expect(dup[0]!.message).toContain('lặp lại ở 100.001 dòng');
      }
    },
  );
});

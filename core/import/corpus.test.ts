import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBadCorpus, CORPUS_PERIOD, type CorpusCase } from '../../test/fixtures/bad-corpus.js';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { parseReturn } from './index.js';

let dir = '';
let cases: CorpusCase[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bad-corpus-'));
  cases = await buildBadCorpus(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const form = loadDefaultForm();
const units = loadDefaultUnits();
const period = findPeriod(CORPUS_PERIOD)!;

describe('the bad-input corpus', () => {
  it('has at least 25 cases, every one with a distinct name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('gives every case its expected outcome, check, cell and message', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const bytes = new Uint8Array(await readFile(c.file));
      const fileName = basename(c.file);
      const r = parseReturn(bytes, { fileName, form, units, period });
      const e = c.expect;
      const fail = (why: string): void => {
        failures.push(`${c.name}: ${why}`);
      };
      expect(r.file).toBe(fileName);
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
      if (r.status !== e.status) {
        fail(`status ${r.status} (${r.rejection?.code ?? ''} ${r.rejection?.message ?? ''})`);
        continue;
      }
      if (e.status === 'rejected') {
        if (r.rejection?.code !== e.check) fail(`rejection ${r.rejection?.code}`);
        if (!r.rejection?.message.includes(e.messageIncludes)) fail(`message ${r.rejection?.message}`);
        if (!r.rejection?.message.includes(fileName)) fail(`message does not name the file`);
        expect(r.values).toEqual({});
        continue;
      }
      if (e.check) {
        const f = r.findings.find((x) => x.check === e.check);
        if (!f) {
          fail(`no ${e.check} among ${r.findings.map((x) => x.check).join(',')}`);
          continue;
        }
        if (!f.message.includes(e.messageIncludes)) fail(`message ${f.message}`);
        if (!f.message.includes(fileName)) fail('message does not name the file');
        if (e.cell && !f.cells.includes(`${fileName}!${e.cell}`)) fail(`cells ${f.cells.join(',')}`);
        if (f.values[0]?.source?.file !== fileName) fail('finding value without provenance');
        if (f.severity === 'error' && e.code && e.value === undefined && r.values[e.code]) {
          fail(`bad value of ${e.code} was kept`);
        }
      } else {
        const errors = r.findings.filter((x) => x.severity === 'error');
        if (errors.length) fail(`unexpected findings ${errors.map((x) => x.message).join(' | ')}`);
      }
      if (e.code && e.value !== undefined) {
        const v = r.values[e.code];
        if (v?.value !== e.value) fail(`value of ${e.code} ${v?.value}`);
        if (!e.check && e.cell && `${v?.source.sheet}!${v?.source.cell}` !== e.cell) {
          fail(`cell of ${e.code} ${v?.source.sheet}!${v?.source.cell}`);
        }
        if (v && (v.source.file !== fileName || v.source.sha256 !== r.sha256)) fail('provenance');
      }
      for (const [code, value] of Object.entries(e.values ?? {})) {
        if (r.values[code]?.value !== value) fail(`value of ${code} ${r.values[code]?.value}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses the hostile zips before inflating anything large', async () => {
    const c = cases.find((x) => x.name === 'zip-bomb-ratio')!;
    const bytes = new Uint8Array(await readFile(c.file));
    expect(bytes.length).toBeLessThan(200_000);
    const r = parseReturn(bytes, { fileName: 'bomb.xlsx', form, units, period });
    expect(r.rejection?.message).toBe(
      'Tệp bomb.xlsx có phần xl/media/padding.bin nén với tỉ lệ bất thường (trên 100 lần), dấu hiệu của tệp độc hại, nên không được mở.',
    );
  });
});

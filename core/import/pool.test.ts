import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReturn, DATA_PART, mutateZip, type BuiltReturn } from '../../test/fixtures/return-workbook.js';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { createImportPool, importFiles, parseReturn, type SerializableContext } from './index.js';

const form = loadDefaultForm();
const units = loadDefaultUnits();
const period = findPeriod('NQ08-SK2023')!;
const ctx: SerializableContext = { units, period };
const x03 = units.find((u) => u.code === 'X03')!;
const s01 = units.find((u) => u.code === 'S01')!;

let good: BuiltReturn;
let goodS01: BuiltReturn;
let dir = '';

/** A return whose data sheet holds 240,000 cells: small zipped, heavy once modelled. */
function memoryHog(base: Uint8Array): Uint8Array {
  const rows: string[] = [];
  for (let r = 200; r < 40_200; r++) {
    rows.push(
      `<row r="${r}"><c r="G${r}"><v>${r}</v></c><c r="H${r}"><v>${r}</v></c><c r="I${r}"><v>${r}</v></c><c r="J${r}"><v>${r}</v></c><c r="K${r}"><v>${r}</v></c><c r="L${r}"><v>${r}</v></c></row>`,
    );
  }
  return mutateZip(base, (f) => {
    const xml = new TextDecoder().decode(f[DATA_PART]);
    f[DATA_PART] = strToU8(xml.replace('</sheetData>', `${rows.join('')}</sheetData>`));
  });
}

beforeAll(async () => {
  good = await buildReturn({ form, unit: x03, period, values: { KL01: '1.668' } });
  goodS01 = await buildReturn({ form, unit: s01, period });
  dir = await mkdtemp(join(tmpdir(), 'import-pool-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createImportPool', () => {
  it("hashes each file once: the caller's hash when it has one, its own otherwise", async () => {
    const pool = createImportPool({ size: 1 });
    try {
      const { createHash } = await import('node:crypto');
      const own = await pool.parse(good.bytes.slice(), 'X03.xlsx', ctx);
      expect(own.sha256).toBe(createHash('sha256').update(good.bytes).digest('hex'));
      const given = 'cd'.repeat(32);
      const r = await pool.parse(good.bytes.slice(), 'X03.xlsx', ctx, given);
      expect(r.sha256).toBe(given);
      expect(r.values.KL01?.source.sha256).toBe(given);
    } finally {
      await pool.close();
    }
  });

  it('parses in a worker exactly as in-process, transferring the bytes', async () => {
    const pool = createImportPool({ size: 1 });
    try {
      const expected = parseReturn(good.bytes, { fileName: 'X03.xlsx', form, units, period });
      const bytes = good.bytes.slice();
      const r = await pool.parse(bytes, 'X03.xlsx', ctx);
      expect(bytes.byteLength).toBe(0); // transferred, not copied
      expect(r).toEqual(expected);
      expect(r.values.KL01).toMatchObject({ value: 1668, source: { sheet: 'Số liệu', cell: 'E61', raw: '1.668' } });
    } finally {
      await pool.close();
    }
  });

  it('turns a worker running out of memory into a rejected file and replaces the worker', async () => {
    const pool = createImportPool({ size: 1, maxOldGenerationSizeMb: 24 });
    try {
      const hog = memoryHog(good.bytes);
      expect(hog.length).toBeLessThan(20 * 1024 * 1024);
      const [bad, after] = await Promise.all([
        pool.parse(hog, 'hog.xlsx', ctx),
        pool.parse(goodS01.bytes.slice(), 'S01.xlsx', ctx),
      ]);
      expect(bad.status).toBe('rejected');
      expect(bad.rejection?.code).toBe('IMPORT_WORKER_MEMORY');
      expect(bad.rejection?.message).toBe(
        'Tệp hog.xlsx cần quá nhiều bộ nhớ để đọc nên đã dừng; tệp có thể bị hỏng hoặc độc hại. Hãy mở bằng Excel, lưu lại rồi gửi lại.',
      );
      expect(bad.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(after.status).toBe('parsed');
      expect(after.identity.unitCode).toBe('S01');
    } finally {
      await pool.close();
    }
  });

  it('queues a second file in a busy worker and still detaches every caller buffer', async () => {
    const pool = createImportPool({ size: 1 });
    try {
      const inputs = [good.bytes.slice(), goodS01.bytes.slice(), good.bytes.slice()];
      const results = await Promise.all(inputs.map((b, i) => pool.parse(b, `f${i}.xlsx`, ctx)));
      expect(results.map((r) => r.identity.unitCode)).toEqual(['X03', 'S01', 'X03']);
      expect(results[2]).toEqual(parseReturn(good.bytes, { fileName: 'f2.xlsx', form, units, period }));
      expect(inputs.map((b) => b.byteLength)).toEqual([0, 0, 0]);
    } finally {
      await pool.close();
    }
  });

  it('gives a timed-out file a rejected result naming the file', async () => {
    const pool = createImportPool({ size: 1, timeoutMs: 1 });
    try {
      const r = await pool.parse(good.bytes.slice(), 'slow.xlsx', ctx);
      expect(r.rejection?.code).toBe('IMPORT_WORKER_TIMEOUT');
      expect(r.rejection?.message).toContain('Tệp slow.xlsx đọc quá 0 giây nên đã dừng');
      expect(r.size).toBe(good.bytes.length);
    } finally {
      await pool.close();
    }
  });
});

describe('importFiles', () => {
  it('reads paths and in-memory files in input order, in-process and through a pool', async () => {
    const p1 = join(dir, 'BC_X03.xlsx');
    await writeFile(p1, good.bytes);
    const inputs = [p1, join(dir, 'missing.xlsx'), { name: 'S01.xlsx', bytes: goodS01.bytes.slice() }];
    const progress: number[] = [];
    const direct = await importFiles(inputs, ctx, { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([1, 2, 3]);
    expect(direct.map((r) => [r.file, r.status, r.identity.unitCode])).toEqual([
      ['BC_X03.xlsx', 'parsed', 'X03'],
      ['missing.xlsx', 'rejected', undefined],
      ['S01.xlsx', 'parsed', 'S01'],
    ]);
    expect(direct[1]!.rejection).toEqual({
      code: 'IMPORT_READ_FAILED',
      message: 'Không mở được tệp missing.xlsx trên máy (tệp bị xoá, bị khoá hoặc không có quyền đọc).',
    });
    const pool = createImportPool({ size: 2 });
    try {
      const pooled = await importFiles(
        [p1, join(dir, 'missing.xlsx'), { name: 'S01.xlsx', bytes: goodS01.bytes.slice() }],
        ctx,
        { pool },
      );
      expect(pooled).toEqual(direct);
    } finally {
      await pool.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod, type Period } from '../period/index.js';
import type { Finding } from '../model/index.js';
import type { Unit } from '../units/index.js';
import { consolidationToJson, datasetHash, reconcile } from './index.js';
import { consistentDataset, makeDataset, makeUnits, rowOf } from './testing.js';

const form = loadDefaultForm();
const SK = findPeriod('NQ08-SK2023') as Period;
const TK = findPeriod('NQ08-TK2025') as Period;
const so = (i: number): Unit => ({ code: `S${String(i).padStart(2, '0')}`, name: `Sở số ${i}`, tier: 'so' });
const only = (fs: Finding[], check: string): Finding[] => fs.filter((f) => f.check === check);

describe('province inputs', () => {
  it('a held total that differs from the sum of units is a finding showing both numbers and the source', () => {
    const c = reconcile(
      makeDataset({
        units: [so(1), so(2)],
        values: { S01: { KL01: 100 }, S02: { KL01: 18 } },
        provinceInputs: [
          { key: 'KL01', value: 120, note: 'Hệ thống quản lý CBCCVC của tỉnh', by: 'cv', at: '2023-07-02' },
          { key: 'KL02', value: 3, note: 'Sổ theo dõi', by: 'cv', at: '2023-07-02' },
          { key: 'XYZ', value: 1, note: '?', by: 'cv', at: '2023-07-02' },
        ],
      }),
    );
    const held = only(c.findings, 'HELD_TOTAL_MISMATCH');
    expect(held.map((f) => f.values)).toEqual([
      [
        { code: 'KL01 (số liệu của Sở)', value: 120 },
        { code: 'KL01 (tổng các đơn vị)', value: 118 },
      ],
      [
        { code: 'KL02 (số liệu của Sở)', value: 3 },
        { code: 'KL02 (tổng các đơn vị)', value: null },
      ],
    ]);
    expect(held[0]?.message).toBe(
      'Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật (KL01) toàn tỉnh theo số liệu Sở nắm giữ là 120 ' +
        '(nguồn: Hệ thống quản lý CBCCVC của tỉnh), nhưng tổng cộng từ báo cáo của các đơn vị là 118 (từ 2/2 đơn vị).',
    );
    expect(held[1]?.message).toContain('chưa có đơn vị nào báo cáo chỉ tiêu này');
    expect(only(c.findings, 'UNKNOWN_PROVINCE_INPUT')).toHaveLength(1);
  });

  it('a held total equal to the sum raises nothing', () => {
    const c = reconcile(
      makeDataset({
        units: [so(1), so(2)],
        values: { S01: { KL01: 100 }, S02: { KL01: 18 } },
        provinceInputs: [{ key: 'KL01', value: 118, note: 'x', by: 'cv', at: '2023-07-02' }],
      }),
    );
    expect(only(c.findings, 'HELD_TOTAL_MISMATCH')).toEqual([]);
  });
});

describe('outliers among units of one tier', () => {
  const units = Array.from({ length: 8 }, (_, i) => so(i + 1));
  const onTime = [90, 92, 88, 91, 89, 93, 90, 20];
  const values = Object.fromEntries(
    units.map((u, i) => [u.code, { TTHC08: onTime[i] as number, TTHC09: 100 - (onTime[i] as number) }]),
  );

  it('a ratio far outside its peers (robust z > 3.5) is a warning with the cells', () => {
    const c = reconcile(makeDataset({ units, values }));
    const out = only(c.findings, 'OUTLIER');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ unit: 'S08', severity: 'warning', scope: 'unit' });
    expect(out[0]?.values[0]).toEqual({ code: 'R_DUNGHAN', value: 20 });
    expect(out[0]?.cells).toEqual([
      `S08.xlsx!Số liệu!E${rowOf(form, 'TTHC08')}`,
      `S08.xlsx!Số liệu!E${rowOf(form, 'TTHC09')}`,
    ]);
    expect(out[0]?.message).toContain(
      'Tỷ lệ hồ sơ giải quyết trước và đúng hạn là 20,00% (tính từ TTHC08 / (TTHC08 + TTHC09)',
    );
    expect(out[0]?.message).toContain('khác xa các đơn vị cùng cấp sở (trung vị của 8 đơn vị là 90,00%)');
    // No internal statistics a reader cannot use.
    expect(out[0]?.message).not.toMatch(/chỉ số lệch|z-score/);
  });

  it('no judgement for a unit close to a tight cluster, however large its z-score', () => {
    const tight = [96.5, 96.6, 96.7, 96.6, 96.8, 96.5, 96.7, 99.4];
    const v = Object.fromEntries(
      units.map((u, i) => [u.code, { TTHC08: (tight[i] as number) * 10, TTHC09: 1000 - (tight[i] as number) * 10 }]),
    );
    expect(only(reconcile(makeDataset({ units, values: v })).findings, 'OUTLIER')).toEqual([]);
    const strict = reconcile(makeDataset({ units, values: v }), { outlierMinGap: 0 });
    expect(only(strict.findings, 'OUTLIER').map((f) => f.unit)).toEqual(['S08']);
  });

  it('no judgement when the median absolute deviation is zero', () => {
    const flat = [90, 90, 90, 90, 90, 91, 90, 20];
    const v = Object.fromEntries(
      units.map((u, i) => [u.code, { TTHC08: flat[i] as number, TTHC09: 100 - (flat[i] as number) }]),
    );
    expect(only(reconcile(makeDataset({ units, values: v })).findings, 'OUTLIER')).toEqual([]);
  });
});

describe('previous period', () => {
  it('flags moves by more than a factor of 3 and falls of cumulative figures', () => {
    const c = reconcile(
      makeDataset({
        period: TK,
        units: [so(1)],
        values: { S01: { KL01: 40, BC03: 15, TT01: 30, KL02: 8, CV10: 500 } },
        previous: { period: SK, values: { S01: { KL01: 10, BC03: 20, TT01: 0, KL02: 2, CV10: 450 } } },
      }),
    );
    const jumps = only(c.findings, 'PREV_JUMP');
    expect(jumps.map((f) => f.values[0]?.code)).toEqual(['KL01']);
    expect(jumps[0]?.message).toContain('thay đổi hơn 3 lần so với kỳ trước: từ 10 (kỳ NQ08-SK2023, tệp S01.xlsx ô');
    expect(jumps[0]?.cells).toEqual([`S01.xlsx!Số liệu!E${rowOf(form, 'KL01')}`]);
    const falls = only(c.findings, 'PREV_DECREASE');
    expect(falls.map((f) => [f.values[0]?.code, f.values[0]?.value, f.values[1]?.value])).toEqual([['BC03', 15, 20]]);
    expect(falls[0]?.message).toContain('là số cộng dồn từ đầu thời kỳ nhưng giảm từ 20');
  });
});

describe('findings: ids, status, order', () => {
  const units = [so(1), so(2)];
  const values = { S01: { TT03: 10, TT04: 20 }, S02: { KL01: 5, KL02: 4 } };
  const importFinding: Finding = {
    id: 'IMPORT_BAD_NUMBER|S02|S02.xlsx!Số liệu!E70',
    check: 'IMPORT_BAD_NUMBER',
    severity: 'error',
    scope: 'file',
    unit: 'S02',
    file: 'S02.xlsx',
    values: [],
    cells: ['S02.xlsx!Số liệu!E70'],
    message: 'Tệp S02.xlsx, trang Số liệu, ô E70: "1,5" không phải là số nguyên.',
    status: 'open',
  };

  it('are sorted errors first, then by unit, and carry stable ids', () => {
    const ds = makeDataset({ units, values });
    ds.importFindings = [importFinding];
    const c = reconcile(ds);
    const errors = c.findings.filter((f) => f.severity === 'error').map((f) => `${f.unit}:${f.check}`);
    expect(errors).toEqual(['S01:R06', 'S02:IMPORT_BAD_NUMBER']);
    expect(c.findings.findIndex((f) => f.severity === 'warning')).toBe(2);
    const r06 = c.findings[0] as Finding;
    expect(r06.id).toBe(`R06|S01|S01.xlsx!Số liệu!E${rowOf(form, 'TT04')}|S01.xlsx!Số liệu!E${rowOf(form, 'TT03')}`);
    expect(reconcile(ds).findings.map((f) => f.id)).toEqual(c.findings.map((f) => f.id));
  });

  it('take the status the user set; "explained" needs a note', () => {
    const first = reconcile(makeDataset({ units, values }));
    const r06 = first.findings.find((f) => f.check === 'R06') as Finding;
    const missing = first.findings.find((f) => f.check === 'MISSING_VALUE') as Finding;
    const at = '2023-07-03T09:00:00+07:00';
    const c = reconcile(
      makeDataset({
        units,
        values,
        resolutions: {
          [r06.id]: { status: 'explained', note: 'Tính cả người ngoài biên chế', by: 'cv', at },
          [missing.id]: { status: 'explained', note: '  ', by: 'cv', at },
        },
      }),
    );
    expect(c.findings.find((f) => f.id === r06.id)).toMatchObject({
      status: 'explained',
      note: 'Tính cả người ngoài biên chế',
    });
    expect(c.findings.find((f) => f.id === missing.id)?.status).toBe('open');
  });
});

describe('dataset hash', () => {
  it('is the same for the same data in any order, different when one figure changes', () => {
    const units = makeUnits(6);
    const a = consistentDataset(units, 8);
    const b = consistentDataset([...units].reverse(), 8);
    // Same figures, keys inserted in another order.
    b.values = Object.fromEntries(
      Object.entries(a.values)
        .reverse()
        .map(([u, v]) => [u, Object.fromEntries(Object.entries(v).reverse())]),
    );
    expect(datasetHash(b)).toBe(datasetHash(a));
    expect(datasetHash(a)).toMatch(/^[0-9a-f]{64}$/);
    const kl = b.values[units[0]!.code]!.KL01!;
    b.values[units[0]!.code]!.KL01 = { ...kl, value: kl.value + 1 };
    expect(datasetHash(b)).not.toBe(datasetHash(a));
    expect(reconcile(a).datasetHash).toBe(datasetHash(a));
  });
});

describe('JSON of the consolidation (cli.md)', () => {
  it('gives totals, unrounded ratios, targets and findings', () => {
    const units = [so(1), so(2)];
    const c = reconcile(
      makeDataset({
        units,
        values: { S01: { KL01: 100, BC01: 1316, BC03: 30 }, S02: { KL01: 18, BC01: 1316, BC03: 30, TT03: 1, TT04: 2 } },
      }),
    );
    const j = consolidationToJson(c);
    expect(j.totals.province.KL01).toBe(118);
    expect(j.totals.so.KL01).toBe(118);
    expect(j.totals.xa).toEqual({});
    expect(j.ratios.province.R_GIAM_CC).toBeCloseTo((100 * 60) / 2632, 12);
    expect(j.targets).toHaveLength(9);
    expect(j.targets[0]).toMatchObject({ id: 'MT1', status: 'thieu-so-lieu', value: null });
    const f = j.findings.find((x) => x.check === 'R06');
    expect(f).toEqual({
      id: expect.stringMatching(/^R06\|S02\|/),
      check: 'R06',
      severity: 'error',
      scope: 'unit',
      unit: 'S02',
      tier: 'so',
      file: 'S02.xlsx',
      cells: [`S02.xlsx!Số liệu!E${rowOf(form, 'TT04')}`, `S02.xlsx!Số liệu!E${rowOf(form, 'TT03')}`],
      message: expect.stringContaining('là 2, lớn hơn'),
      status: 'open',
    });
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});

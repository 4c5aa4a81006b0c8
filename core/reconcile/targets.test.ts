import { describe, expect, it } from 'vitest';
import { findPeriod, type Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import { judgeTarget, reconcile } from './index.js';
import { makeDataset } from './testing.js';

describe('a value against a threshold', () => {
  it.each([
    [35, '>=', 30, 'vuot'],
    [33, '>=', 30, 'vuot'],
    [32.99, '>=', 30, 'dat'],
    [30, '>=', 30, 'dat'],
    [29.99, '>=', 30, 'chua-dat'],
    [null, '>=', 30, 'thieu-so-lieu'],
    [45, '<=', 50, 'vuot'],
    [46, '<=', 50, 'dat'],
    [50, '<=', 50, 'dat'],
    [51, '<=', 50, 'chua-dat'],
  ] as const)('%s %s %s → %s', (value, op, threshold, status) => {
    expect(judgeTarget(value, op, threshold, 0.1)).toBe(status);
  });
});

describe('targets of the resolution', () => {
  const S: Unit = { code: 'S01', name: 'Sở Nội vụ', tier: 'so' };
  const H: Unit = { code: 'H01', name: 'UBND huyện Tam Đường', tier: 'huyen' };
  const X: Unit = { code: 'X01', name: 'UBND xã Bản Lang', tier: 'xa' };
  const mt6 = (so: number, huyen: number, xa: number, period?: Period) =>
    reconcile(
      makeDataset({
        units: [S, H, X],
        values: { S01: { CQS03: 100, CQS04: so }, H01: { CQS03: 100, CQS04: huyen }, X01: { CQS03: 100, CQS04: xa } },
        ...(period ? { period } : {}),
      }),
    ).targets.find((t) => t.id === 'MT6');

  it('MT6 fails when one tier misses its own threshold, naming the tier', () => {
    const t = mt6(95, 85, 50);
    expect(t).toMatchObject({ status: 'chua-dat', failingTiers: ['xa'], threshold: null });
    expect(t?.byTier).toEqual({
      so: { value: 95, threshold: 90, met: true },
      huyen: { value: 85, threshold: 80, met: true },
      xa: { value: 50, threshold: 60, met: false },
    });
    expect(t?.value).toBeCloseTo(230 / 3, 10);
  });

  it('MT6 is met when every tier meets its own, exceeded only when every tier beats it by the margin', () => {
    expect(mt6(95, 85, 70)?.status).toBe('dat');
    expect(mt6(99, 88, 66)?.status).toBe('vuot');
    expect(mt6(99, 87, 66)?.status).toBe('dat');
  });

  it('MT6 ignores the district tier in a period without districts', () => {
    const t = mt6(95, 10, 70, findPeriod('NQ08-TK2025') as Period);
    expect(t?.status).toBe('dat');
    expect(Object.keys(t?.byTier ?? {})).toEqual(['so', 'xa']);
  });

  it('MT6 without data for a tier is not judged, unless another tier already fails', () => {
    const base = { S01: { CQS03: 100, CQS04: 95 }, H01: { CQS03: 100, CQS04: 85 } };
    const noXa = reconcile(makeDataset({ units: [S, H, X], values: base })).targets.find((t) => t.id === 'MT6');
    expect(noXa).toMatchObject({ status: 'thieu-so-lieu', failingTiers: [] });
    expect(noXa?.byTier?.xa).toEqual({ value: null, threshold: 60, met: null });
    const failing = reconcile(
      makeDataset({ units: [S, H, X], values: { ...base, H01: { CQS03: 100, CQS04: 50 } } }),
    ).targets.find((t) => t.id === 'MT6');
    expect(failing).toMatchObject({ status: 'chua-dat', failingTiers: ['huyen'] });
  });

  it('judges ratio and province-input targets and counts "x/9 chỉ tiêu đạt và vượt"', () => {
    const c = reconcile(
      makeDataset({
        units: [S, H, X],
        values: {
          S01: { TTHC03: 1000, TTHC04: 600, DVC03: 80, DVC04: 100, CQS03: 100, CQS04: 95, CQS05: 10, CQS06: 7 },
          H01: { TTHC03: 1000, TTHC04: 650, CQS03: 100, CQS04: 85 },
          X01: { CQS03: 100, CQS04: 70 },
        },
        provinceInputs: [
          { key: 'MT3', value: 85, note: 'Cổng DVC quốc gia', by: 'cv', at: '2023-07-01' },
          { key: 'MT5', value: 40, note: 'Sở TT&TT', by: 'cv', at: '2023-07-01' },
          { key: 'MT8', value: 40, note: 'Quyết định công bố PAR INDEX 2022', by: 'cv', at: '2023-07-01' },
        ],
      }),
    );
    const status = Object.fromEntries(c.targets.map((t) => [t.id, t.status]));
    expect(status).toEqual({
      MT1: 'vuot', // 750/2000 = 37,5 % ≥ 33
      MT2: 'dat', // 80 %
      MT3: 'dat',
      MT4: 'thieu-so-lieu',
      MT5: 'chua-dat',
      MT6: 'dat',
      MT7: 'chua-dat', // 70 %
      MT8: 'vuot', // rank 40 ≤ 45
      MT9: 'thieu-so-lieu',
    });
    expect(c.targets.find((t) => t.id === 'MT1')).toMatchObject({
      value: 37.5,
      threshold: 30,
      unit: '%',
      source: 'ratio',
    });
    expect(c.targets.find((t) => t.id === 'MT8')).toMatchObject({
      value: 40,
      threshold: 50,
      unit: 'hạng',
      source: 'input',
      op: '<=',
    });
    expect(c.targetsMet).toBe(5);
  });
});

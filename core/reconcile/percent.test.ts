import { describe, expect, it } from 'vitest';
import { reconcile } from './index.js';
import { judgeStatedPercent } from './percent.js';
import { makeDataset, rowOf } from './testing.js';
import { loadDefaultForm } from '../form/index.js';

const C = (100 * 60) / 2632; // 2.27963…

describe('stated percentages: the decision table of percent.ts', () => {
  it.each([
    ['2,28 vs 60/2632 holds (rounded to the two decimals shown)', 2.28, 2, C, 'holds'],
    ['2,2796 vs 60/2632 holds (more decimals, within ±0.005 of 2,28)', 2.2796, 4, C, 'holds'],
    ['25 vs exactly 25 holds (nothing lost by showing no decimals)', 25, 0, 25, 'holds'],
    ['2,3 vs 60/2632 is imprecise (right at one decimal, the report needs two)', 2.3, 1, C, 'imprecise'],
    ['96 vs 95,6 is imprecise ("96%" within ±0.5)', 96, 0, 95.6, 'imprecise'],
    ['2,27 vs 60/2632 is truncation (2,2796 cut, not rounded)', 2.27, 2, C, 'truncated'],
    ['2,2 vs 60/2632 is truncation at one decimal', 2.2, 1, C, 'truncated'],
    ['2,5 vs 60/2632 is wrong', 2.5, 2, C, 'wrong'],
    ['96 vs 95,4 is wrong (outside ±0.5)', 96, 0, 95.4, 'wrong'],
    ['2,29 vs 60/2632 is wrong (rounded up too far)', 2.29, 2, C, 'wrong'],
  ] as const)('%s', (_name, stated, decimals, computed, verdict) => {
    expect(judgeStatedPercent(stated, decimals, computed)).toBe(verdict);
  });
});

describe('R11 on a unit return', () => {
  const form = loadDefaultForm();
  const units = [{ code: 'S01', name: 'Sở Nội vụ', tier: 'so' as const }];
  const run = (tthc05: { value: number; decimals: number }) =>
    reconcile(makeDataset({ units, values: { S01: { TTHC03: 2632, TTHC04: 2572, TTHC05: tthc05 } } })).findings.filter(
      (f) => f.check !== 'MISSING_VALUE',
    );
  const cells = ['TTHC05', 'TTHC03', 'TTHC04'].map((c) => `S01.xlsx!Số liệu!E${rowOf(form, c)}`);

  it('2,28% for 60 days cut from 2.632 raises nothing, and R11 counts as passed', () => {
    const c = reconcile(
      makeDataset({ units, values: { S01: { TTHC03: 2632, TTHC04: 2572, TTHC05: { value: 2.28, decimals: 2 } } } }),
    );
    expect(c.findings.filter((f) => f.check !== 'MISSING_VALUE')).toEqual([]);
    expect(c.ruleStats.find((s) => s.id === 'R11')).toMatchObject({ evaluated: 1, passed: 1, failed: 0, skipped: 0 });
  });

  it('2,3% is a PERCENT_IMPRECISE warning quoting both values and the cells', () => {
    const [f] = run({ value: 2.3, decimals: 1 });
    expect(f).toMatchObject({ check: 'PERCENT_IMPRECISE', severity: 'warning', unit: 'S01', cells });
    expect(f?.message).toContain(
      `(ô E${rowOf(form, 'TTHC05')}) ghi 2,3% nhưng tính từ 100 * (TTHC03 - TTHC04) / TTHC03`,
    );
    expect(f?.message).toContain('được 2,28%');
  });

  it('2,27% is a PERCENT_TRUNCATED warning', () => {
    const [f] = run({ value: 2.27, decimals: 2 });
    expect(f).toMatchObject({ check: 'PERCENT_TRUNCATED', severity: 'warning', cells });
    expect(f?.message).toContain('làm tròn đúng là 2,28%');
  });

  it('2,5% fails R11 with its own severity', () => {
    const [f] = run({ value: 2.5, decimals: 2 });
    expect(f).toMatchObject({ check: 'R11', severity: 'warning', cells });
    expect(f?.values.map((v) => [v.code, v.value])).toEqual([
      ['TTHC05', 2.5],
      ['TTHC03', 2632],
      ['TTHC04', 2572],
    ]);
  });

  it('a zero denominator skips R11 (never 0, never passed)', () => {
    const c = reconcile(makeDataset({ units, values: { S01: { TTHC03: 0, TTHC04: 0, TTHC05: 0 } } }));
    expect(c.findings.filter((f) => f.check !== 'MISSING_VALUE')).toEqual([]);
    expect(c.ruleStats.find((s) => s.id === 'R11')).toMatchObject({ passed: 0, skipped: 1, skippedAt: ['S01'] });
    expect(c.ratios.so.R_CATGIAM_TG).toMatchObject({ value: null, den: 0, contributing: 1 });
  });
});

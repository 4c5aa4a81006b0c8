import { describe, expect, it, vi } from 'vitest';
import { reconcile } from './index.js';
import { consistentDataset, cv, makeUnits, rowOf } from './testing.js';
import { loadDefaultForm } from '../form/index.js';

const form = loadDefaultForm();

// One unit's stated percentage makes the percent judgement throw (a stand-in for any bug a
// unit's odd figure could trigger): the other units must still be checked and totalled.
vi.mock('./percent.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./percent.js')>();
  return {
    ...real,
    judgeStatedPercent: (stated: number, decimals: number, computed: number) => {
      if (stated === 13.37) throw new RangeError('planted failure');
      return real.judgeStatedPercent(stated, decimals, computed);
    },
  };
});

describe('one unit cannot stop the others', () => {
  it('a value kept with 151 decimals (an old cache) is left out with a finding on its cell', () => {
    const units = makeUnits(12);
    const ds = consistentDataset(units, 7);
    const unit = units.find((u) => ds.values[u.code]?.TTHC05)!;
    const good = reconcile(consistentDataset(units, 7));
    ds.values[unit.code]!.TTHC05 = cv(form, unit.code, 'TTHC05', 1e-151, 151);
    ds.values[unit.code]!.KL01 = { ...cv(form, unit.code, 'KL01', Number.NaN), value: Number.NaN };

    const c = reconcile(ds);
    const unusable = c.findings.filter((f) => f.check === 'UNUSABLE_VALUE');
    expect(unusable.map((f) => [f.unit, f.severity, f.cells])).toEqual([
      [unit.code, 'error', [`${unit.code}.xlsx!Số liệu!E${rowOf(form, 'KL01')}`]],
      [unit.code, 'error', [`${unit.code}.xlsx!Số liệu!E${rowOf(form, 'TTHC05')}`]],
    ]);
    expect(unusable[1]!.message).toContain('số liệu TTHC05 ở ô E');
    expect(unusable[1]!.message).toContain('có quá nhiều chữ số thập phân (tối đa 20) nên không được tổng hợp');
    // Everyone else's totals are as before, the bad unit's KL01 simply missing.
    const kl01 = ds.values[unit.code] && good.values[unit.code]!.KL01!.value;
    expect(c.totals.province.KL01!.value).toBe(good.totals.province.KL01!.value - kl01!);
    expect(c.totals.province.KL01!.contributing).toBe(good.totals.province.KL01!.contributing - 1);
    expect(c.values[unit.code]!.TTHC05).toBeUndefined();
  });

  it('a check that fails on one unit is an error finding for that unit; the rest are checked', () => {
    const units = makeUnits(12);
    const ds = consistentDataset(units, 3);
    const withPercent = units.filter((u) => ds.values[u.code]?.TTHC05);
    const [victim, other] = withPercent;
    ds.values[victim!.code]!.TTHC05 = cv(form, victim!.code, 'TTHC05', 13.37, 2);
    ds.values[other!.code]!.TTHC05 = cv(form, other!.code, 'TTHC05', 99.99, 2);

    const c = reconcile(ds);
    const failed = c.findings.filter((f) => f.check === 'CHECK_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ unit: victim!.code, severity: 'error', status: 'open' });
    expect(failed[0]!.message).toContain('không thực hiện được phép kiểm tra quy tắc R11');
    // The other unit's wrong percentage is still found, and R11 ran on everyone else.
    expect(c.findings.some((f) => f.check === 'R11' && f.unit === other!.code)).toBe(true);
    const r11 = c.ruleStats.find((s) => s.id === 'R11')!;
    expect(r11).toMatchObject({ evaluated: withPercent.length, skippedAt: [victim!.code] });
    expect(r11.failed).toBeGreaterThanOrEqual(1);
  });

  it('a total beyond 2^53 is an error finding, not a silently rounded figure', () => {
    const units = makeUnits(40);
    const ds = consistentDataset(units, 11);
    for (const u of units) {
      const v = ds.values[u.code];
      if (v?.KL01) v.KL01 = cv(form, u.code, 'KL01', 999_999_999_999_999);
    }
    const c = reconcile(ds);
    const unsafe = c.findings.filter((f) => f.check === 'TOTAL_UNSAFE' && f.values[0]?.code === 'KL01');
    expect(unsafe.map((f) => f.scope).sort()).toEqual(['huyen', 'province', 'so', 'xa']);
    const province = unsafe.find((f) => f.scope === 'province')!;
    expect(province.severity).toBe('error');
    expect(province.message).toMatch(
      /^Số liệu tổng hợp của chỉ tiêu Tổng số cán bộ, [^(]* \(KL01\) toàn tỉnh là [\d.]+, vượt 9\.007\.199\.254\.740\.991 — giới hạn mà máy tính cộng chính xác/,
    );
    expect(province.message).toContain('= 999.999.999.999.999');
  });
});

/**
 * Each per-unit check runs under guardUnit: when it throws on one unit's odd data, that unit's
 * error finding names the check, and the other units are still checked.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../model/consolidation.js';
import { checkCompleteness, checkOutliers, checkPrevious } from './checks.js';
import { makeContext, type NewFinding } from './context.js';
import { makeDataset, makeUnits } from './testing.js';

const failed = (out: NewFinding[]) => out.filter((f) => f.check === 'CHECK_FAILED').map((f) => [f.id, f.message]);
const sentence = (code: string, what: string) =>
  `Đơn vị ${code} (${code}): không thực hiện được phép kiểm tra ${what} trên số liệu của đơn vị ` +
  '(số liệu bất thường). Số liệu của các đơn vị khác vẫn được tổng hợp; hãy kiểm tra lại tệp của đơn vị ' +
  'và báo cho người quản trị ứng dụng.';
/** `record[key]` throws when read (a stand-in for any odd data a check could trip on). */
function plant(record: object, key: string): void {
  Object.defineProperty(record, key, {
    enumerable: true,
    get() {
      throw new TypeError('planted');
    },
  });
}

describe("a check that throws on one unit names itself in that unit's finding", () => {
  const units = makeUnits(2, ['so']); // S0001 S0002

  it('blanks (completeness)', () => {
    const ds: Dataset = makeDataset({ units, values: { S0001: { KL01: 1 }, S0002: { KL01: 2 } } });
    ds.blanks = { S0002: {} };
    plant(ds.blanks, 'S0001');
    const out: NewFinding[] = [];
    checkCompleteness(makeContext(ds), out);
    expect(failed(out)).toEqual([['CHECK_FAILED|S0001|số liệu bỏ trống', sentence('S0001', 'số liệu bỏ trống')]]);
    // S0002 is still checked: its blanks are found.
    expect(out.some((f) => f.unit === 'S0002' && f.check !== 'CHECK_FAILED')).toBe(true);
  });

  it('the previous period', () => {
    const ds: Dataset = makeDataset({
      units,
      values: { S0001: { KL01: 100 }, S0002: { KL01: 100 } },
      previous: { period: makeDataset({ units, values: {} }).period, values: { S0002: { KL01: 10 } } },
    });
    plant(ds.previous!.values, 'S0001');
    const out: NewFinding[] = [];
    checkPrevious(makeContext(ds), 3, 10, new Set(), out);
    expect(failed(out)).toEqual([
      ['CHECK_FAILED|S0001|so sánh với kỳ trước', sentence('S0001', 'so sánh với kỳ trước')],
    ]);
    expect(out.filter((f) => f.check === 'PREV_JUMP').map((f) => f.unit)).toEqual(['S0002']);
  });

  it('outliers among peers', () => {
    const peers = makeUnits(6, ['so']);
    // Every unit's ratio is known, but S0002's figures are missing from the dataset: its outlier
    // finding cannot name their cells.
    const ds: Dataset = makeDataset({ units: peers, values: {} });
    const ctx = makeContext(ds);
    const xs: Record<string, number> = { S0001: 92, S0002: 20, S0003: 90, S0004: 88, S0005: 91, S0006: 89 };
    const out: NewFinding[] = [];
    checkOutliers(
      { ...ctx, ratioParts: (r, u) => (r.code === 'R_DUNGHAN' ? { num: xs[u.code]!, den: 100 } : null) },
      3.5,
      5,
      out,
    );
    expect(failed(out)).toEqual([
      [
        'CHECK_FAILED|S0002|so sánh R_DUNGHAN với các đơn vị cùng cấp',
        sentence('S0002', 'so sánh R_DUNGHAN với các đơn vị cùng cấp'),
      ],
    ]);
  });
});

/**
 * The guard's findings to the letter: which values are unusable and why, the finding of a
 * check that failed on one unit, and the totals beyond 2^53 − 1 with their biggest figures.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultForm } from '../form/index.js';
import type { CellValue } from '../model/index.js';
import type { RatioValue, ScopeMap, Total } from '../model/consolidation.js';
import { makeContext, type NewFinding } from './context.js';
import { checkUnsafeSums, guardUnit, screenValues } from './guard.js';
import { cv, makeDataset, makeUnits, rowOf } from './testing.js';

const form = loadDefaultForm();
const E = (code: string) => `E${rowOf(form, code)}`;
const SAFE = Number.MAX_SAFE_INTEGER;
const HINT = 'Hãy dựng lại dữ liệu từ tệp gốc (lệnh rebuild) hoặc đề nghị đơn vị sửa lại.';

describe('screenValues: a value reconcile cannot use is left out, with an error finding on its cell', () => {
  const units = makeUnits(3); // S0001 (so), H0002 (huyen), X0003 (xa)
  const screen = (code: string, v: CellValue, unitCode = 'S0001') => {
    const ds = makeDataset({ units, values: { S0001: { TT03: 10 }, H0002: { TT03: 20 } } });
    ds.values[unitCode] = { ...ds.values[unitCode], [code]: v };
    const out: NewFinding[] = [];
    const screened = screenValues(ds, out);
    return { ds, screened, out };
  };
  /** The finding for S0001's figure `code`, kept in its own file S0001-b.xlsx. */
  const expected = (code: string, reason: string) => ({
    id: `UNUSABLE_VALUE|S0001|${code}|S0001-b.xlsx!Số liệu!${E(code)}`,
    check: 'UNUSABLE_VALUE',
    severity: 'error',
    scope: 'unit',
    unit: 'S0001',
    tier: 'so',
    file: 'S0001-b.xlsx',
    values: [{ code, value: null, source: { ...bad(code, 0).source } }],
    cells: [`S0001-b.xlsx!Số liệu!${E(code)}`],
    message:
      `Đơn vị S0001 (S0001), tệp S0001-b.xlsx, trang Số liệu: số liệu ${code} ở ô ${E(code)} ${reason} ` +
      `nên không được tổng hợp. ${HINT}`,
  });
  // Not the file of the unit's other figures: the message must name the file of this one.
  const bad = (code: string, value: unknown, decimals = 0): CellValue => {
    const c = cv(form, 'S0001', code, 0, decimals);
    return { ...c, value: value as number, source: { ...c.source, file: 'S0001-b.xlsx', raw: 'x' } };
  };

  it.each([
    ['KL01', Number.NaN, 0, 'không phải là một số'],
    ['KL01', Number.POSITIVE_INFINITY, 0, 'không phải là một số'],
    ['KL01', '12', 0, 'không phải là một số'],
    ['KL01', null, 0, 'không phải là một số'],
    ['TTHC06', 1e15, 0, 'có hơn 15 chữ số nên không chính xác'],
    ['TTHC06', -1e15, 0, 'có hơn 15 chữ số nên không chính xác'],
    ['KL01', 2.5, 0, 'có phần lẻ trong chỉ tiêu đếm số lượng'],
    ['KL01', 2, 1, 'có quá nhiều chữ số thập phân (tối đa 0)'],
    ['TTHC06', 2.5, -1, 'có quá nhiều chữ số thập phân (tối đa 20)'],
    ['TTHC06', 2.5, 1.5, 'có quá nhiều chữ số thập phân (tối đa 20)'],
    ['TTHC06', 2.5, Number.NaN, 'có quá nhiều chữ số thập phân (tối đa 20)'],
    ['TTHC05', 1e-21, 21, 'có quá nhiều chữ số thập phân (tối đa 20)'],
  ])('%s = %s with %s decimals: %s', (code, value, decimals, reason) => {
    const { ds, screened, out } = screen(code, bad(code, value, decimals));
    expect(out).toEqual([expected(code, reason)]);
    expect(screened.values.S0001).toEqual({ TT03: ds.values.S0001!.TT03 });
    expect(screened.values.H0002).toEqual(ds.values.H0002);
    // The dataset given is left as it was.
    expect(ds.values.S0001![code]).toBeDefined();
  });

  it('the largest figures each kind allows are used', () => {
    for (const v of [
      cv(form, 'S0001', 'TTHC06', 999_999_999_999_999),
      cv(form, 'S0001', 'TTHC06', -999_999_999_999_999),
      cv(form, 'S0001', 'TTHC06', 0.5, 20),
      cv(form, 'S0001', 'TTHC05', 37.36, 20),
      cv(form, 'S0001', 'KL01', 7, 0),
    ]) {
      const { ds, screened, out } = screen(v.code, v);
      expect(out).toEqual([]);
      expect(screened).toBe(ds);
    }
  });

  it('a value that cannot even be read', () => {
    const v = bad('KL01', 1);
    Object.defineProperty(v, 'value', {
      get() {
        throw new TypeError('planted');
      },
    });
    expect(screen('KL01', v).out).toEqual([expected('KL01', 'không đọc được')]);
  });

  it('a unit missing from the register, and a value without its cell', () => {
    const { source: _, ...noSource } = cv(form, 'Z9999', 'KL01', 2.5);
    const { out } = screen('KL01', noSource as CellValue, 'Z9999');
    expect(out).toEqual([
      {
        id: 'UNUSABLE_VALUE|Z9999|KL01',
        check: 'UNUSABLE_VALUE',
        severity: 'error',
        scope: 'unit',
        unit: 'Z9999',
        values: [{ code: 'KL01', value: null }],
        cells: [],
        message: `Z9999: số liệu KL01 có phần lẻ trong chỉ tiêu đếm số lượng nên không được tổng hợp. ${HINT}`,
      },
    ]);
  });
});

describe('guardUnit', () => {
  const [unit] = makeUnits(2, ['huyen']);

  it('a check that throws is an error finding for the unit, and the fallback is used', () => {
    const out: NewFinding[] = [];
    const got = guardUnit(unit!, 'thử nghiệm', 42, out, () => {
      throw new RangeError('planted');
    });
    expect(got).toBe(42);
    expect(out).toEqual([
      {
        id: 'CHECK_FAILED|H0001|thử nghiệm',
        check: 'CHECK_FAILED',
        severity: 'error',
        scope: 'unit',
        unit: 'H0001',
        tier: 'huyen',
        values: [],
        cells: [],
        message:
          'Đơn vị H0001 (H0001): không thực hiện được phép kiểm tra thử nghiệm trên số liệu của đơn vị ' +
          '(số liệu bất thường). Số liệu của các đơn vị khác vẫn được tổng hợp; hãy kiểm tra lại tệp của đơn vị ' +
          'và báo cho người quản trị ứng dụng.',
      },
    ]);
  });

  it('a check that works gives its result and no finding', () => {
    const out: NewFinding[] = [];
    expect(guardUnit(unit!, 'thử nghiệm', 42, out, () => 7)).toBe(7);
    expect(out).toEqual([]);
  });
});

describe('checkUnsafeSums: sums beyond 2^53 − 1, exactly, with the three biggest figures of the scope', () => {
  const units = makeUnits(6); // S0001 H0002 X0003 S0004 H0005 X0006
  const ds = makeDataset({
    units,
    values: {
      S0001: { KL01: 5, TT03: 100, TT04: 1 },
      H0002: { KL01: 900, TT03: 7 },
      X0003: { KL01: 70, TT04: 8_000 },
      S0004: { KL01: 3_000, TT03: 40 },
      H0005: { KL01: 1 },
      X0006: { KL01: 20, TT04: 2 },
    },
  });
  const ctx = makeContext(ds);
  const total = (value: number): Total => ({ value, contributing: 1, of: 1 });
  const ratio = (num: number, den: number): RatioValue => ({ value: null, num, den, contributing: 1, of: 1 });
  const kl01 = form.indicatorByCode.get('KL01')!.label;
  const label = form.ratioByCode.get('R_QUANTRIET')!.label;
  const TAIL = 'giới hạn mà máy tính cộng chính xác đến từng đơn vị — nên tổng này không đáng tin cậy. ';

  it('finds the sums beyond the limit, and only those', () => {
    const totals: ScopeMap<Total> = {
      so: { KL01: total(SAFE + 1) },
      huyen: { KL01: total(SAFE) },
      xa: { KL01: total(-(SAFE + 1)) },
      province: { KL01: total(SAFE) },
    };
    const ratios: ScopeMap<RatioValue> = {
      so: { R_QUANTRIET: ratio(SAFE, SAFE + 1) },
      huyen: { R_QUANTRIET: ratio(SAFE, SAFE) },
      xa: { R_QUANTRIET: ratio(1, 1) },
      province: { R_QUANTRIET: ratio(SAFE + 1, SAFE + 3) },
    };
    const out: NewFinding[] = [];
    checkUnsafeSums(ctx, totals, ratios, out);
    expect(out.map((f) => f.message)).toEqual([
      `Số liệu tổng hợp của chỉ tiêu ${kl01} (KL01) cấp sở là 9.007.199.254.740.992, vượt 9.007.199.254.740.991 — ${TAIL}` +
        `Số liệu lớn nhất: S0004 KL01 ô ${E('KL01')} = 3.000; S0001 KL01 ô ${E('KL01')} = 5. ` +
        'Hãy kiểm tra lại số liệu của các đơn vị.',
      `Tổng tử số hoặc mẫu số của ${label} (R_QUANTRIET) cấp sở là 9.007.199.254.740.992, vượt 9.007.199.254.740.991 — ${TAIL}` +
        `Số liệu lớn nhất: S0001 TT03 ô ${E('TT03')} = 100; S0004 TT03 ô ${E('TT03')} = 40; S0001 TT04 ô ${E('TT04')} = 1. ` +
        'Hãy kiểm tra lại số liệu của các đơn vị.',
      `Số liệu tổng hợp của chỉ tiêu ${kl01} (KL01) cấp xã là -9.007.199.254.740.992, vượt 9.007.199.254.740.991 — ${TAIL}` +
        `Số liệu lớn nhất: X0003 KL01 ô ${E('KL01')} = 70; X0006 KL01 ô ${E('KL01')} = 20. ` +
        'Hãy kiểm tra lại số liệu của các đơn vị.',
      `Tổng tử số hoặc mẫu số của ${label} (R_QUANTRIET) toàn tỉnh là 9.007.199.254.740.992, vượt 9.007.199.254.740.991 — ${TAIL}` +
        `Số liệu lớn nhất: X0003 TT04 ô ${E('TT04')} = 8.000; S0001 TT03 ô ${E('TT03')} = 100; S0004 TT03 ô ${E('TT03')} = 40. ` +
        'Hãy kiểm tra lại số liệu của các đơn vị.',
    ]);
    expect(out.map(({ message: _, ...f }) => f)).toEqual([
      {
        id: 'TOTAL_UNSAFE|tier:so|KL01',
        check: 'TOTAL_UNSAFE',
        severity: 'error',
        scope: 'so',
        tier: 'so',
        values: [{ code: 'KL01', value: SAFE + 1 }],
        cells: [],
      },
      {
        id: 'TOTAL_UNSAFE|tier:so|R_QUANTRIET',
        check: 'TOTAL_UNSAFE',
        severity: 'error',
        scope: 'so',
        tier: 'so',
        values: [{ code: 'R_QUANTRIET', value: SAFE + 1 }],
        cells: [],
      },
      {
        id: 'TOTAL_UNSAFE|tier:xa|KL01',
        check: 'TOTAL_UNSAFE',
        severity: 'error',
        scope: 'xa',
        tier: 'xa',
        values: [{ code: 'KL01', value: -(SAFE + 1) }],
        cells: [],
      },
      {
        id: 'TOTAL_UNSAFE|province|R_QUANTRIET',
        check: 'TOTAL_UNSAFE',
        severity: 'error',
        scope: 'province',
        values: [{ code: 'R_QUANTRIET', value: SAFE + 1 }],
        cells: [],
      },
    ]);
  });

  it('a ratio whose denominator alone is beyond the limit', () => {
    const empty = { so: {}, huyen: {}, xa: {}, province: {} };
    const out: NewFinding[] = [];
    checkUnsafeSums(ctx, empty, { ...empty, huyen: { R_QUANTRIET: ratio(-5, -(SAFE + 1)) } }, out);
    expect(out.map((f) => [f.id, f.values])).toEqual([
      ['TOTAL_UNSAFE|tier:huyen|R_QUANTRIET', [{ code: 'R_QUANTRIET', value: -(SAFE + 1) }]],
    ]);
    expect(out[0]!.message).toContain(`Số liệu lớn nhất: H0002 TT03 ô ${E('TT03')} = 7. `);
  });
});

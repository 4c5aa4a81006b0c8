/** Province inputs are judged exactly as a cell of their measure, and named by their key. */
import { describe, expect, it } from 'vitest';
import { loadDefaultForm } from '../form/index.js';
import { IMPORT_CHECKS } from './checks.js';
import { provinceInputSlots, readProvinceInput } from './province-input.js';
import { PROVINCES_RANKED } from './values.js';

const form = loadDefaultForm();
const label = (key: string): string =>
  form.targets.find((t) => t.id === key)?.label ?? form.indicatorByCode.get(key)?.label ?? '';

describe('provinceInputSlots', () => {
  it('lists the input targets (percent or rank) first, then every additive indicator', () => {
    const slots = provinceInputSlots(form);
    expect(slots.filter((s) => s.source === 'target').map((s) => [s.key, s.unit, s.measure.kind])).toEqual([
      ['MT3', '%', 'percent'],
      ['MT5', '%', 'percent'],
      ['MT8', 'hạng', 'rank'],
      ['MT9', 'hạng', 'rank'],
    ]);
    const indicators = slots.filter((s) => s.source === 'indicator');
    expect(indicators.map((s) => s.key)).toEqual(
      form.indicators.filter((i) => i.aggregate === 'sum').map((i) => i.code),
    );
    expect(indicators.find((s) => s.key === 'TTHC06')).toMatchObject({
      label: 'Chi phí tuân thủ tiết kiệm được sau cắt giảm',
      unit: 'đồng',
      measure: { kind: 'money', unit: 'đồng' },
    });
    expect(slots.map((s) => s.key)).not.toContain('TTHC05'); // a percentage stated per unit is never summed
  });
});

describe('readProvinceInput', () => {
  it('reads what a cell of the same measure would keep', () => {
    expect(readProvinceInput(form, 'MT8', '35')).toEqual({ ok: true, key: 'MT8', value: 35, decimals: 0 });
    expect(readProvinceInput(form, ' mt9 ', 1)).toEqual({ ok: true, key: 'MT9', value: 1, decimals: 0 });
    expect(readProvinceInput(form, 'MT9', String(PROVINCES_RANKED))).toMatchObject({ ok: true, value: 63 });
    expect(readProvinceInput(form, 'MT3', '85,5%')).toEqual({ ok: true, key: 'MT3', value: 85.5, decimals: 1 });
    expect(readProvinceInput(form, 'MT5', '0')).toMatchObject({ ok: true, value: 0 });
    expect(readProvinceInput(form, 'MT5', 100)).toMatchObject({ ok: true, value: 100 });
    expect(readProvinceInput(form, 'KL01', '1.668')).toEqual({ ok: true, key: 'KL01', value: 1668, decimals: 0 });
    expect(readProvinceInput(form, 'TTHC06', '10.741.056.503')).toMatchObject({ ok: true, value: 10741056503 });
    expect(readProvinceInput(form, 'TTHC03', '12,5')).toMatchObject({ ok: true, value: 12.5, decimals: 1 });
    expect(readProvinceInput(form, 'TCC01', 1234.5)).toMatchObject({ ok: true, value: 1234.5, decimals: 1 });
  });

  it('refuses what a cell of the same measure would refuse, with the same sentence naming the input', () => {
    const at = (key: string) => ({ input: key, label: label(key) });
    const cases: [string, string | number, keyof typeof IMPORT_CHECKS, string][] = [
      [
        'KL01',
        '1,668',
        'IMPORT_AMBIGUOUS_NUMBER',
        IMPORT_CHECKS.IMPORT_AMBIGUOUS_NUMBER.message(
          at('KL01'),
          '1,668',
          'dấu phẩy trước đúng ba chữ số có thể là dấu phân nhóm hàng nghìn kiểu tiếng Anh (tức 1.668) hoặc dấu thập phân (tức 1,668)',
          'Hãy ghi 1.668 hoặc 1668 (không dùng dấu phẩy).',
        ),
      ],
      ['KL01', '-5', 'IMPORT_NEGATIVE', IMPORT_CHECKS.IMPORT_NEGATIVE.message(at('KL01'), '-5')],
      ['KL01', -5, 'IMPORT_NEGATIVE', IMPORT_CHECKS.IMPORT_NEGATIVE.message(at('KL01'), '-5')],
      [
        'KL01',
        '37%',
        'IMPORT_NOT_A_NUMBER',
        IMPORT_CHECKS.IMPORT_NOT_A_NUMBER.message(at('KL01'), '37%', 'chỉ tiêu này không tính bằng %'),
      ],
      [
        'KL01',
        2.5,
        'IMPORT_NOT_WHOLE',
        IMPORT_CHECKS.IMPORT_NOT_WHOLE.message(at('KL01'), '2,5', 'chỉ tiêu đếm số lượng phải là số nguyên'),
      ],
      [
        'TTHC06',
        '741.056,5',
        'IMPORT_NOT_WHOLE',
        IMPORT_CHECKS.IMPORT_NOT_WHOLE.message(at('TTHC06'), '741.056,5', 'số tiền tính bằng đồng phải là số nguyên'),
      ],
      ['MT3', '120', 'IMPORT_PERCENT_RANGE', IMPORT_CHECKS.IMPORT_PERCENT_RANGE.message(at('MT3'), '120', '120,00%')],
      ['MT3', -1, 'IMPORT_PERCENT_RANGE', IMPORT_CHECKS.IMPORT_PERCENT_RANGE.message(at('MT3'), '-1', '-1,00%')],
      ['MT8', '64', 'IMPORT_RANK_RANGE', IMPORT_CHECKS.IMPORT_RANK_RANGE.message(at('MT8'), '64', 63)],
      ['MT8', 0, 'IMPORT_RANK_RANGE', IMPORT_CHECKS.IMPORT_RANK_RANGE.message(at('MT8'), '0', 63)],
      [
        'MT9',
        '12,5',
        'IMPORT_NOT_WHOLE',
        IMPORT_CHECKS.IMPORT_NOT_WHOLE.message(at('MT9'), '12,5', 'thứ hạng phải là số nguyên'),
      ],
      ['MT9', '-3', 'IMPORT_NEGATIVE', IMPORT_CHECKS.IMPORT_NEGATIVE.message(at('MT9'), '-3')],
      ['MT9', 'hạng 3', 'IMPORT_NOT_A_NUMBER', IMPORT_CHECKS.IMPORT_NOT_A_NUMBER.message(at('MT9'), 'hạng 3', '')],
      ['MT5', Number.NaN, 'IMPORT_NOT_A_NUMBER', IMPORT_CHECKS.IMPORT_NOT_A_NUMBER.message(at('MT5'), '—', '')],
    ];
    for (const [key, value, check, message] of cases) {
      expect([key, value, readProvinceInput(form, key, value)]).toEqual([
        key,
        value,
        { ok: false, key, check, message },
      ]);
    }
    expect(cases[0]![3]).toBe(
      'Số liệu cấp tỉnh KL01 (Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật): giá trị "1,668" không đọc được chắc chắn: dấu phẩy trước đúng ba chữ số có thể là dấu phân nhóm hàng nghìn kiểu tiếng Anh (tức 1.668) hoặc dấu thập phân (tức 1,668). Hãy ghi 1.668 hoặc 1668 (không dùng dấu phẩy).',
    );
  });

  it('quotes a number given by a program in Vietnamese notation with all its decimals', () => {
    expect(readProvinceInput(form, 'KL01', -0.125)).toMatchObject({
      ok: false,
      check: 'IMPORT_NEGATIVE',
      message: IMPORT_CHECKS.IMPORT_NEGATIVE.message({ input: 'KL01', label: label('KL01') }, '-0,125'),
    });
    expect(readProvinceInput(form, 'MT3', 100.125)).toMatchObject({
      message: IMPORT_CHECKS.IMPORT_PERCENT_RANGE.message({ input: 'MT3', label: label('MT3') }, '100,125', '100,13%'),
    });
  });

  it('refuses an empty value and a key that takes no province input', () => {
    expect(readProvinceInput(form, 'MT8', '  ')).toEqual({
      ok: false,
      key: 'MT8',
      check: 'INPUT_EMPTY',
      message: `Số liệu cấp tỉnh MT8 (${label('MT8')}): chưa nhập giá trị. Hãy nhập một số.`,
    });
    const unknown = (key: string) => readProvinceInput(form, key, 1);
    expect(unknown('mt4')).toEqual({
      ok: false,
      key: 'MT4',
      check: 'INPUT_UNKNOWN_KEY',
      message:
        'Mã "MT4" không nhận số liệu cấp tỉnh: hãy dùng MT3, MT5, MT8, MT9 hoặc mã một chỉ tiêu cộng dồn (ví dụ KL01).',
    });
    expect(unknown('TTHC05')).toMatchObject({ ok: false, check: 'INPUT_UNKNOWN_KEY' });
    expect(unknown(' ')).toMatchObject({
      ok: false,
      key: '',
      message:
        'Mã trống không nhận số liệu cấp tỉnh: hãy dùng MT3, MT5, MT8, MT9 hoặc mã một chỉ tiêu cộng dồn (ví dụ KL01).',
    });
  });
});

/** One cell (or one typed province input) → a figure or a named problem, for every kind of measure. */
import { describe, expect, it } from 'vitest';
import type { XlsxCell } from '../xlsx/index.js';
import {
  PROVINCES_RANKED,
  readFigure,
  readStoredNumber,
  readTypedText,
  valueProblemMessage,
  type Measure,
  type ValueProblem,
} from './values.js';

const COUNT: Measure = { kind: 'count', unit: 'người' };
const MONEY: Measure = { kind: 'money', unit: 'đồng' };
const MILLIONS: Measure = { kind: 'money', unit: 'triệu đồng' };
const DAYS: Measure = { kind: 'days', unit: 'ngày' };
const PERCENT: Measure = { kind: 'percent', unit: '%' };
const RANK: Measure = { kind: 'rank', unit: 'hạng' };

function cell(over: Partial<XlsxCell>): XlsxCell {
  return {
    ref: 'E61',
    row: 61,
    col: 5,
    type: 'number',
    value: 0,
    raw: '0',
    formula: false,
    numFmtId: 0,
    isPercent: false,
    isDate: false,
    ...over,
  };
}
const num = (value: number, over: Partial<XlsxCell> = {}) => cell({ value, raw: String(value), ...over });
const text = (value: string) => cell({ type: 'inline-string', value, raw: value });

describe('readFigure: what is kept', () => {
  it.each([
    ['a count', COUNT, num(118), 118, 0],
    ['zero', COUNT, num(0), 0, 0],
    ['minus zero, as zero', COUNT, num(-0), 0, 0],
    ['whole đồng', MONEY, num(10741056503), 10741056503, 0],
    ['millions with decimals', MILLIONS, num(1234.5), 1234.5, 1],
    ['days with decimals', DAYS, num(2.5), 2.5, 1],
    ['a percent, 0', PERCENT, num(0), 0, 0],
    ['a percent, 100', PERCENT, num(100), 100, 0],
    ['a percent-formatted fraction', PERCENT, num(0.3736, { isPercent: true }), 37.36, 2],
    ['a percent-formatted fraction with float noise', PERCENT, num(0.07, { isPercent: true }), 7, 0],
    ['float noise dropped', DAYS, num(0.30000000000000004), 0.3, 1],
    ['a percent-formatted count is not scaled', COUNT, num(12, { isPercent: true }), 12, 0],
    ['a date-formatted percent cell is read as a percent', PERCENT, num(0.5, { isPercent: true, isDate: true }), 50, 0],
    ['text in Vietnamese notation', MONEY, text('10.741.056.503'), 10741056503, 0],
    ['a decimal comma in days', DAYS, text('2,5'), 2.5, 1],
    ['a percent sign on a percent', PERCENT, text('37,36%'), 37.36, 2],
    ['a rank', RANK, num(1), 1, 0],
    ['the last rank', RANK, num(PROVINCES_RANKED), 63, 0],
    ['a rank typed', RANK, text('37'), 37, 0],
    ['the largest figure held exactly (15 digits)', MONEY, num(999_999_999_999_999), 999_999_999_999_999, 0],
    ['a figure with 20 decimals', DAYS, num(0.1234567890123), 0.1234567890123, 13],
  ])('%s', (_name, m, c, value, decimals) => {
    const r = readFigure(c, m);
    expect(r).toEqual({ kind: 'value', value, decimals, raw: c.raw });
    expect(Object.is((r as { value: number }).value, value)).toBe(true);
  });

  it('a missing cell or blank text is no figure (never zero)', () => {
    expect(readFigure(undefined, COUNT)).toEqual({ kind: 'blank' });
    expect(readFigure(text('   '), COUNT)).toEqual({ kind: 'blank' });
    expect(readFigure(text('\u00a0'), COUNT)).toEqual({ kind: 'blank' });
    expect(readTypedText('', RANK)).toEqual({ kind: 'blank' });
  });
});

describe('readFigure: what is refused, and why', () => {
  const refused = (c: XlsxCell, m: Measure): Omit<ValueProblem, 'kind'> => {
    const r = readFigure(c, m);
    expect(r.kind).toBe('problem');
    const { check, raw, detail, hint } = r as ValueProblem;
    return { check, raw, detail, hint };
  };

  it('negative figures, except percentages which are out of range instead', () => {
    for (const m of [COUNT, MONEY, MILLIONS, DAYS, RANK]) {
      expect(refused(num(-1), m)).toEqual({ check: 'IMPORT_NEGATIVE', raw: '-1', detail: '', hint: '' });
    }
    expect(refused(num(-0.5), DAYS).check).toBe('IMPORT_NEGATIVE');
    expect(refused(text('-5'), COUNT).check).toBe('IMPORT_NEGATIVE');
    expect(refused(num(-1), PERCENT)).toEqual({ check: 'IMPORT_PERCENT_RANGE', raw: '-1', detail: '-1,00%', hint: '' });
  });

  it('percentages outside 0–100, stated as the percentage read', () => {
    expect(refused(num(100.01), PERCENT)).toEqual({
      check: 'IMPORT_PERCENT_RANGE',
      raw: '100.01',
      detail: '100,01%',
      hint: '',
    });
    expect(refused(num(1.125, { isPercent: true }), PERCENT).detail).toBe('112,50%');
    expect(refused(text('112,5%'), PERCENT).detail).toBe('112,50%');
  });

  it('fractions where the measure is whole: counts, đồng, ranks — each says why', () => {
    expect(refused(num(2.5), COUNT)).toEqual({
      check: 'IMPORT_NOT_WHOLE',
      raw: '2.5',
      detail: 'chỉ tiêu đếm số lượng phải là số nguyên',
      hint: '',
    });
    expect(refused(text('2,5'), COUNT).check).toBe('IMPORT_NOT_WHOLE');
    expect(refused(text('1.234,5'), COUNT).check).toBe('IMPORT_NOT_WHOLE');
    expect(refused(num(0.5), MONEY).detail).toBe('số tiền tính bằng đồng phải là số nguyên');
    expect(refused(text('741,5'), MONEY).detail).toBe('số tiền tính bằng đồng phải là số nguyên');
    // The unit as written in NFD still means đồng.
    expect(refused(num(0.5), { kind: 'money', unit: 'đồng'.normalize('NFD') }).check).toBe('IMPORT_NOT_WHOLE');
    expect(refused(num(3.5), RANK).detail).toBe('thứ hạng phải là số nguyên');
  });

  it('ranks outside 1…63', () => {
    expect(PROVINCES_RANKED).toBe(63);
    for (const v of [0, 64, 100]) {
      expect(refused(num(v), RANK)).toEqual({ check: 'IMPORT_RANK_RANGE', raw: String(v), detail: '', hint: '' });
    }
  });

  it('numbers too large or too long to be exact (precision.ts), and what is no number at all', () => {
    for (const v of [1e15, Number.MAX_SAFE_INTEGER + 2, -(Number.MAX_SAFE_INTEGER + 2), 1e300, 1e15 + 0.5]) {
      expect(refused(num(v), MONEY), String(v)).toEqual({
        check: 'IMPORT_UNRELIABLE_NUMBER',
        raw: String(v),
        detail: '',
        hint: '',
      });
    }
    expect(refused(num(1e15 + 0.5), COUNT).check).toBe('IMPORT_UNRELIABLE_NUMBER');
    expect(refused(text('9.007.199.254.740.993'), MONEY).check).toBe('IMPORT_UNRELIABLE_NUMBER');
    expect(refused(text('1.234.567.890.123,456'), MILLIONS).check).toBe('IMPORT_UNRELIABLE_NUMBER');
    expect(refused(text('99.999.999.999.999.999'), MONEY).check).toBe('IMPORT_UNRELIABLE_NUMBER');
    expect(readFigure(text('999.999.999.999.999'), MONEY)).toMatchObject({ value: 999_999_999_999_999 });
    // Stored: the largest whole figure kept is kept exactly; -0 is 0.
    expect(readFigure(num(999_999_999_999_999), MONEY)).toMatchObject({ value: 999_999_999_999_999, decimals: 0 });
    expect(Object.is((readFigure(num(-0), COUNT) as { value: number }).value, 0)).toBe(true);
    expect(refused(num(Number.POSITIVE_INFINITY), MONEY).detail).toBe('số quá lớn');
  });

  it('more decimals than the measure allows', () => {
    const tooPrecise = (raw: string, detail: string, limit: number) => ({
      kind: 'problem',
      check: 'IMPORT_TOO_PRECISE',
      raw,
      detail,
      hint: '',
      limit,
    });
    expect(readFigure(text('12,0'), COUNT)).toEqual(tooPrecise('12,0', '1', 0));
    expect(readFigure(text('3,0'), RANK)).toEqual(tooPrecise('3,0', '1', 0));
    expect(readFigure(num(1e-21), DAYS)).toEqual(tooPrecise('1e-21', '21', 20));
  });

  it('dates, booleans, formulas without a result, cached errors', () => {
    expect(refused(num(45107, { isDate: true }), COUNT)).toEqual({
      check: 'IMPORT_NOT_A_NUMBER',
      raw: '45107',
      detail: 'ô định dạng ngày tháng',
      hint: '',
    });
    expect(refused(cell({ type: 'bool', value: true, raw: '1' }), COUNT)).toEqual({
      check: 'IMPORT_NOT_A_NUMBER',
      raw: 'TRUE',
      detail: 'giá trị đúng/sai',
      hint: '',
    });
    expect(refused(cell({ type: 'bool', value: false, raw: '0' }), COUNT).raw).toBe('FALSE');
    expect(refused(cell({ type: 'formula-without-cache', value: null, raw: '' }), COUNT)).toEqual({
      check: 'IMPORT_FORMULA_NO_CACHE',
      raw: '',
      detail: '',
      hint: '',
    });
    expect(refused(cell({ type: 'error', value: '#REF!', raw: '#REF!' }), COUNT)).toEqual({
      check: 'IMPORT_CACHED_ERROR',
      raw: '#REF!',
      detail: '',
      hint: '',
    });
  });

  it('a % sign on what is not a percentage', () => {
    for (const m of [COUNT, MONEY, DAYS, RANK]) {
      expect(refused(text('37%'), m)).toEqual({
        check: 'IMPORT_NOT_A_NUMBER',
        raw: '37%',
        detail: 'chỉ tiêu này không tính bằng %',
        hint: '',
      });
    }
  });

  it('a comma before three digits, in every kind, with both readings and what to type', () => {
    const detail = (g: string, d: string) =>
      `dấu phẩy trước đúng ba chữ số có thể là dấu phân nhóm hàng nghìn kiểu tiếng Anh (tức ${g}) hoặc dấu thập phân (tức ${d})`;
    for (const m of [COUNT, MONEY, RANK]) {
      expect(refused(text('741,056'), m)).toEqual({
        check: 'IMPORT_AMBIGUOUS_NUMBER',
        raw: '741,056',
        detail: detail('741.056', '741,056'),
        hint: 'Hãy ghi 741.056 hoặc 741056 (không dùng dấu phẩy).',
      });
    }
    for (const m of [DAYS, MILLIONS, PERCENT]) {
      expect(refused(text('1,668'), m)).toEqual({
        check: 'IMPORT_AMBIGUOUS_NUMBER',
        raw: '1,668',
        detail: detail('1.668', '1,668'),
        hint: 'Nếu là 1.668 thì ghi 1.668 hoặc 1668; nếu là số thập phân 1,668 thì ghi 1,6680.',
      });
    }
  });

  it('hints read the text as typed: spaces and full-width digits folded, the whole text matched', () => {
    expect(refused(text(' 37.36 '), PERCENT).hint).toBe('Số thập phân phải dùng dấu phẩy, ví dụ 37,36.');
    expect(refused(text('３７.３６'), PERCENT).hint).toBe('Số thập phân phải dùng dấu phẩy, ví dụ 37,36.');
    expect(refused(text('1.5x'), DAYS).hint).toBe(
      'Hãy ghi theo cách viết Việt Nam: dấu chấm phân nhóm hàng nghìn, dấu phẩy trước phần thập phân.',
    );
    expect(refused(text('12,345,678'), COUNT).hint).toBe('Hãy ghi số nguyên, ví dụ 12345678.');
    expect(refused(text(' 1,234,567 '), COUNT).hint).toBe('Hãy ghi số nguyên, ví dụ 1234567.');
    expect(refused(text('x1,234,567'), COUNT).hint).toBe('Hãy ghi số nguyên.');
    expect(refused(text('1,234,567x'), COUNT).hint).toBe('Hãy ghi số nguyên.');
    expect(refused(text('1234,567,890'), COUNT).hint).toBe('Hãy ghi số nguyên.');
  });

  it('only money in đồng must be whole', () => {
    expect(readFigure(num(2.5), { kind: 'days', unit: 'đồng' })).toMatchObject({ kind: 'value', value: 2.5 });
    expect(readFigure(num(2.5), MILLIONS)).toMatchObject({ kind: 'value', value: 2.5 });
  });

  it('other ambiguous text, with a hint fitting the measure', () => {
    expect(refused(text('1.5'), COUNT).hint).toBe('Hãy ghi số nguyên.');
    expect(refused(text('1,234,567'), COUNT).hint).toBe('Hãy ghi số nguyên, ví dụ 1234567.');
    expect(refused(text('1,234,567'), MONEY).hint).toBe('Hãy ghi số nguyên, ví dụ 1234567.');
    expect(refused(text('37.36'), PERCENT).hint).toBe('Số thập phân phải dùng dấu phẩy, ví dụ 37,36.');
    expect(refused(text('1,234.5'), DAYS).hint).toBe(
      'Hãy ghi theo cách viết Việt Nam: dấu chấm phân nhóm hàng nghìn, dấu phẩy trước phần thập phân.',
    );
    expect(refused(text('mười'), COUNT)).toEqual({
      check: 'IMPORT_NOT_A_NUMBER',
      raw: 'mười',
      detail: '',
      hint: 'Hãy ghi số nguyên.',
    });
  });
});

describe('readStoredNumber and readTypedText, as the province inputs use them', () => {
  it('read a number given by a program like a number cell', () => {
    expect(readStoredNumber(37.5, PERCENT, '37.5')).toEqual({ kind: 'value', value: 37.5, decimals: 1, raw: '37.5' });
    expect(readStoredNumber(0.375, PERCENT, '0.375', true)).toMatchObject({ value: 37.5 });
    expect(readStoredNumber(0.375, PERCENT, '0.375')).toMatchObject({ value: 0.375 });
    expect(readStoredNumber(Number.NaN, COUNT, 'NaN')).toMatchObject({
      check: 'IMPORT_NOT_A_NUMBER',
      detail: '',
    });
    expect(readStoredNumber(Number.POSITIVE_INFINITY, DAYS, 'Infinity')).toMatchObject({
      check: 'IMPORT_NOT_A_NUMBER',
      detail: 'số quá lớn',
    });
    expect(readStoredNumber(Number.NEGATIVE_INFINITY, PERCENT, '-Infinity')).toMatchObject({ detail: 'số quá lớn' });
  });
});

describe('valueProblemMessage', () => {
  const cellPlace = { file: 'X03.xlsx', sheet: 'Số liệu', cell: 'E61', code: 'KL01', label: 'Kỷ luật' };
  const inputPlace = { input: 'MT8', label: 'Thứ hạng PAR INDEX' };
  const msg = (
    c: XlsxCell | string,
    m: Measure,
    shown: string,
    p: Parameters<typeof valueProblemMessage>[0] = cellPlace,
  ) => {
    const r = typeof c === 'string' ? readTypedText(c, m) : readFigure(c, m);
    return valueProblemMessage(p, r as ValueProblem, shown);
  };

  it('names the cell, or the province input, and says what is wrong', () => {
    expect(msg('1,668', COUNT, '1,668')).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E61 (KL01 – Kỷ luật): giá trị "1,668" không đọc được chắc chắn: dấu phẩy trước đúng ba chữ số có thể là dấu phân nhóm hàng nghìn kiểu tiếng Anh (tức 1.668) hoặc dấu thập phân (tức 1,668). Hãy ghi 1.668 hoặc 1668 (không dùng dấu phẩy).',
    );
    expect(msg('mười', COUNT, 'mười')).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E61 (KL01 – Kỷ luật): giá trị "mười" không phải là số. Hãy ghi số, hoặc để trống nếu không có số liệu.',
    );
    expect(msg(num(-5), COUNT, '-5')).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E61 (KL01 – Kỷ luật): giá trị "-5" là số âm; chỉ tiêu này không thể âm. Hãy kiểm tra lại số liệu.',
    );
    expect(msg(num(2.5), COUNT, '2,5')).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E61 (KL01 – Kỷ luật): giá trị "2,5" có phần lẻ; chỉ tiêu đếm số lượng phải là số nguyên. Hãy kiểm tra lại số liệu.',
    );
    expect(msg(num(120), PERCENT, '120')).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E61 (KL01 – Kỷ luật): giá trị "120" (tức 120,00%) nằm ngoài khoảng 0–100%. Hãy kiểm tra lại số liệu.',
    );
    expect(msg(cell({ type: 'formula-without-cache', value: null, raw: '' }), COUNT, '')).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E61 (KL01 – Kỷ luật): ô có công thức nhưng chưa có kết quả được lưu. Hãy mở tệp bằng Excel để tính lại, lưu rồi gửi lại, hoặc ghi số trực tiếp.',
    );
    expect(msg(cell({ type: 'error', value: '#REF!', raw: '#REF!' }), COUNT, '#REF!')).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E61 (KL01 – Kỷ luật): công thức cho kết quả lỗi "#REF!". Hãy sửa công thức hoặc ghi số trực tiếp.',
    );
    expect(msg('12,0', COUNT, '12,0')).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E61 (KL01 – Kỷ luật): giá trị "12,0" có 1 chữ số thập phân, quá mức 0 chữ số mà chỉ tiêu này cho phép. Hãy ghi số đã làm tròn.',
    );
    expect(msg(num(1e15), MONEY, '1.000.000.000.000.000')).toBe(
      'Tệp X03.xlsx, trang Số liệu, ô E61 (KL01 – Kỷ luật): giá trị "1.000.000.000.000.000" có hơn 15 chữ số có nghĩa; Excel và ứng dụng chỉ giữ chính xác 15 chữ số nên số này không đọc được chắc chắn. Hãy kiểm tra lại số liệu.',
    );
    expect(msg('64', RANK, '64', inputPlace)).toBe(
      'Số liệu cấp tỉnh MT8 (Thứ hạng PAR INDEX): giá trị "64" không phải là một thứ hạng từ 1 đến 63 (số tỉnh, thành phố được xếp hạng). Hãy kiểm tra lại số liệu.',
    );
    expect(msg('-5', RANK, '-5', { input: 'KL01' })).toBe(
      'Số liệu cấp tỉnh KL01: giá trị "-5" là số âm; chỉ tiêu này không thể âm. Hãy kiểm tra lại số liệu.',
    );
  });
});

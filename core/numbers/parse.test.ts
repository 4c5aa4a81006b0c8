/**
 * The text-number grammar, case by case. Each row pins the value, the decimals and the
 * percent sign (or the reason and the Vietnamese detail of a refusal), so that a bug in any
 * branch — a dropped sign, a decimal miscounted, a group of the wrong width accepted — fails here.
 */
import { describe, expect, it } from 'vitest';
import { decimalsOf, parseVietnameseNumber } from './index.js';

const read = (t: string) => parseVietnameseNumber(t);

describe('parseVietnameseNumber: what it reads', () => {
  it.each([
    // plain digits
    ['0', 0, 0, false],
    ['7', 7, 0, false],
    ['1668', 1668, 0, false],
    ['007', 7, 0, false],
    // dot groups
    ['1.668', 1668, 0, false],
    ['10.741.056.503', 10741056503, 0, false],
    ['999.999', 999999, 0, false],
    // decimal comma, with and without groups; decimals counted exactly
    ['37,36', 37.36, 2, false],
    ['0,5', 0.5, 1, false],
    ['2,2796', 2.2796, 4, false],
    ['1.234,5', 1234.5, 1, false],
    ['1.234,567', 1234.567, 3, false],
    ['1234,567', 1234.567, 3, false],
    ['0,500', 0.5, 3, false],
    ['12,3456', 12.3456, 4, false],
    // space groups: space, NBSP, narrow NBSP, figure space, thin space
    ['1 668', 1668, 0, false],
    ['1\u00a0668', 1668, 0, false],
    ['1\u202f668', 1668, 0, false],
    ['1\u2007668', 1668, 0, false],
    ['1\u2009668', 1668, 0, false],
    ['10 741 056 503', 10741056503, 0, false],
    ['1 234,5', 1234.5, 1, false],
    ['1 234,56', 1234.56, 2, false],
    ['12 345,678', 12345.678, 3, false],
    // signs: minus, Unicode minus, en dash, plus; in every branch
    ['-5', -5, 0, false],
    ['+5', 5, 0, false],
    ['- 5', -5, 0, false],
    ['\u22125', -5, 0, false],
    ['\u20135', -5, 0, false],
    ['-1.668', -1668, 0, false],
    ['-1 668', -1668, 0, false],
    ['-37,36', -37.36, 2, false],
    ['-1.234,5', -1234.5, 1, false],
    // percent sign, with or without a space before it
    ['37,36%', 37.36, 2, true],
    ['37,36 %', 37.36, 2, true],
    ['100%', 100, 0, true],
    ['-2,5%', -2.5, 1, true],
    // full-width digits and surrounding spaces
    ['１２３', 123, 0, false],
    [' 1 668 ', 1668, 0, false],
    ['\t42\n', 42, 0, false],
  ] as const)('%j → %d (%d decimals, percent sign %s)', (text, value, decimals, percentSign) => {
    const r = read(text);
    expect(r).toEqual({ ok: true, value, decimals, percentSign });
    expect(Object.is((r as { value: number }).value, value)).toBe(true);
  });
});

describe('parseVietnameseNumber: what it refuses', () => {
  const ENGLISH_COMMA = (g: string, d: string) =>
    `dấu phẩy trước đúng ba chữ số có thể là dấu phân nhóm hàng nghìn kiểu tiếng Anh (tức ${g}) hoặc dấu thập phân (tức ${d})`;
  const DOT = 'dấu chấm không phân nhóm đủ ba chữ số; số thập phân phải dùng dấu phẩy';
  const ENGLISH = 'số viết theo kiểu tiếng Anh (dấu phẩy phân nhóm)';
  const SPACE = 'khoảng trắng không đúng chỗ phân nhóm hàng nghìn';
  const NAN = ''; // nothing to add to "không phải là số"

  it('a comma before exactly three digits, in any cell: both readings are given', () => {
    for (const [text, grouped, decimal] of [
      ['741,056', '741.056', '741,056'],
      ['1,668', '1.668', '1,668'],
      ['12,345', '12.345', '12,345'],
      ['-1,668', '-1.668', '-1,668'],
      ['1,668%', '1.668', '1,668'],
      ['９,９９９', '9.999', '9,999'],
    ]) {
      expect(read(text as string), text).toEqual({
        ok: false,
        reason: 'ambiguous',
        detail: ENGLISH_COMMA(grouped as string, decimal as string),
        readings: { grouped, decimal },
      });
    }
  });

  it.each([
    ['1.5', 'ambiguous', DOT],
    ['37.36', 'ambiguous', DOT],
    ['1668.000', 'ambiguous', DOT], // a leading group of four digits is no thousands group
    ['1.66', 'ambiguous', DOT],
    ['1.6680', 'ambiguous', DOT],
    ['1.668.0', 'ambiguous', DOT],
    ['1,234,567', 'ambiguous', ENGLISH],
    ['12,345,678', 'ambiguous', ENGLISH],
    ['123,456,789', 'ambiguous', ENGLISH],
    ['1,234.5', 'ambiguous', ENGLISH],
    ['1,234.56', 'ambiguous', ENGLISH],
    ['1234,567,890', 'not-a-number', NAN],
    ['1,234,567x', 'not-a-number', NAN],
    ['1,234,56', 'not-a-number', NAN],
    ['12 34', 'not-a-number', SPACE],
    ['1668 000', 'not-a-number', SPACE],
    ['12\t345', 'not-a-number', SPACE], // a tab is no group separator
    ['12\n345', 'not-a-number', SPACE],
    ['1  668', 'not-a-number', SPACE],
    ['1 668.5', 'not-a-number', SPACE],
    ['mười', 'not-a-number', NAN],
    ['1e5', 'not-a-number', NAN],
    ['0x1A', 'not-a-number', NAN],
    ['Infinity', 'not-a-number', NAN],
    ['12,', 'not-a-number', NAN],
    [',5', 'not-a-number', NAN],
    ['1.', 'not-a-number', NAN],
    ['.668', 'not-a-number', NAN],
    ['1.668,', 'not-a-number', NAN],
    ['1.2345', 'ambiguous', DOT],
    ['1.23.456', 'ambiguous', DOT],
    ['1.668,5,5', 'not-a-number', NAN],
    ['--5', 'not-a-number', NAN],
    ['+-5', 'not-a-number', NAN],
    ['5-', 'not-a-number', NAN],
    ['%', 'not-a-number', NAN],
    ['-', 'not-a-number', NAN],
    ['5%%', 'not-a-number', NAN],
    ['1.668 đồng', 'not-a-number', NAN],
    ['hạng 3', 'not-a-number', NAN],
    ['1 668 x', 'not-a-number', NAN],
    ['1 6,68', 'not-a-number', SPACE],
  ] as const)('%j is refused (%s)', (text, reason, detail) => {
    expect(read(text)).toEqual({ ok: false, reason, detail });
  });

  it('says "ô trống" for empty text', () => {
    for (const t of ['', '   ', '\u00a0', '\t'])
      expect(read(t)).toEqual({ ok: false, reason: 'empty', detail: 'ô trống' });
  });
});

describe('decimalsOf', () => {
  it.each([
    [0, 0],
    [12, 0],
    [0.5, 1],
    [37.36, 2],
    [0.3736, 4],
    [-2.25, 2],
    [1e-7, 7],
    [1.5e-7, 8],
    [1.25e-7, 9],
    [-1.5e-7, 8],
    [1.5e25, 0],
    [1e21, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('%d shows %d decimals', (n, d) => {
    expect(decimalsOf(n)).toBe(d);
  });
});

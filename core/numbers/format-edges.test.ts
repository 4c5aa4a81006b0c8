/** The formatter at the edges the mutation run found unguarded. */
import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber, formatValue } from './index.js';

describe('formatNumber at its edges', () => {
  it('prints a large whole number or an exact decimal as it is, never nudged to another figure', () => {
    expect(formatNumber(4e13)).toBe('40.000.000.000.000');
    expect(formatNumber(2 ** 46)).toBe('70.368.744.177.664');
    expect(formatNumber(70368744177664.25)).toBe('70.368.744.177.664,25');
    expect(formatNumber(999_999_999_999_999)).toBe('999.999.999.999.999');
    expect(formatNumber(1.5, { decimals: 1 })).toBe('1,5');
  });

  it('stops rounding where a double has no digits left (2^53 and beyond), printing every digit asked', () => {
    expect(formatNumber(2 ** 53, { decimals: 0 })).toBe('9.007.199.254.740.992');
    expect(formatNumber(1e21, { decimals: 2 })).toBe('1.000.000.000.000.000.000.000,00');
  });

  it('treats an infinite or absent digit count as none', () => {
    expect(formatNumber(1.5, { decimals: Infinity })).toBe('2');
    expect(formatNumber(1.5, { decimals: -Infinity })).toBe('2');
    expect(formatNumber(7, { minDigits: Infinity })).toBe('7');
  });

  it('money is whole đồng; an indicator value in its notation', () => {
    expect(formatMoney(1234.5)).toBe('1.235 đồng');
    expect(formatMoney(-1234.5, 'triệu đồng')).toBe('-1.235 triệu đồng');
    expect(formatValue(37.3649, 'percent')).toBe('37,36%');
    expect(formatValue(2.5, 'days')).toBe('2,5');
    expect(formatValue(1668, 'count')).toBe('1.668');
    expect(formatValue(10741056503, 'money')).toBe('10.741.056.503');
  });
});

import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from './index.js';

describe('the formatter writes exact digits', () => {
  it('writes what the number is: huge numbers in full, tiny ones to the decimals asked, no more than 100', () => {
    expect(formatNumber(1e21)).toBe('1.000.000.000.000.000.000.000');
    expect(formatNumber(2 ** 53 + 2, { decimals: 0 })).toBe('9.007.199.254.740.994');
    expect(formatNumber(1e21, { decimals: 0 })).toBe('1.000.000.000.000.000.000.000');
    expect(formatNumber(-1e21, { decimals: 2 })).toBe('-1.000.000.000.000.000.000.000,00');
    // Scaled by 10^10 it overflows to Infinity: nothing to round, the digits stay.
    expect(formatNumber(1e300, { decimals: 10 })).toBe(`${formatNumber(1e300, { decimals: 0 })},${'0'.repeat(10)}`);
    expect(formatPercent(2e21)).toBe('2.000.000.000.000.000.000.000,00%');
    expect(formatNumber(5e-324, { decimals: 324 })).toBe(`0,${'0'.repeat(100)}`);
    expect(formatNumber(1e-151)).toBe('0');
    expect(formatPercent(1e-151, 151)).toBe(`0,${'0'.repeat(100)}%`);
    expect(formatNumber(-1e-151)).toBe('0');
    expect(formatNumber(0.000123, { decimals: 6 })).toBe('0,000123');
    expect(formatNumber(7, { minDigits: 1e9 }).replace(/\./g, '')).toHaveLength(100);
  });

  it('keeps rounding half away from zero, including binary near-halves', () => {
    expect(formatPercent(2.285)).toBe('2,29%');
    expect(formatPercent(-2.285)).toBe('-2,29%');
    expect(formatNumber(1.005, { decimals: 2 })).toBe('1,01');
    expect(formatNumber(0.125, { decimals: 2 })).toBe('0,13');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(10741056503.505, { decimals: 2 })).toBe('10.741.056.503,51');
    expect(formatNumber(2.2796, { decimals: 2 })).toBe('2,28');
  });
});

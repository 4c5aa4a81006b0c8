import { describe, expect, it } from 'vitest';
import { Rng } from '../sample/random.js';
import { formatCount, formatMoney, formatNumber, formatPercent, formatValue } from './index.js';

/** What the formatter may print: Vietnamese digits only, never an exponent or "NaN". */
const VIETNAMESE = /^-?\d{1,3}(\.\d{3})*(,\d+)?$/;

/** A double from 64 random bits: every exponent, subnormals included. */
function anyDouble(rng: Rng): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, Math.floor(rng.next() * 2 ** 32));
  view.setUint32(4, Math.floor(rng.next() * 2 ** 32));
  return view.getFloat64(0);
}

describe('formatting is total', () => {
  it('never throws and always prints digits, for any finite number and any options', () => {
    const rng = new Rng(20261201);
    const specials = [
      5e-324,
      -5e-324,
      1e-151,
      Number.MIN_VALUE,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      2 ** 53 + 2,
      1e21,
      1.2345678901234568e29,
      0,
      -0,
    ];
    const options = [undefined, 0, 1, 2, 15, 20, 99, 100, 101, 151, 324, 1e9, -3, 2.7, Number.NaN, Infinity];
    let checked = 0;
    for (let i = 0; i < 1500; i++) {
      const n = i < specials.length ? specials[i]! : anyDouble(rng);
      if (!Number.isFinite(n)) continue;
      for (const decimals of options) {
        const text = formatNumber(n, decimals === undefined ? {} : { decimals, minDigits: decimals });
        expect(text, `${n} with ${decimals}`).toMatch(VIETNAMESE);
        checked++;
      }
      for (const kind of ['count', 'money', 'days', 'percent'] as const) {
        expect(formatValue(n, kind)).toMatch(/^-?\d/);
      }
      expect(formatPercent(n, 151)).toMatch(/%$/);
      expect(formatMoney(n)).toMatch(/ đồng$/);
      expect(formatCount(n, { leadingZero: true })).toMatch(VIETNAMESE);
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('writes what the number is: huge numbers in full, tiny ones to the decimals asked, no more than 100', () => {
    expect(formatNumber(1e21)).toBe('1.000.000.000.000.000.000.000');
    expect(formatNumber(2 ** 53 + 2, { decimals: 0 })).toBe('9.007.199.254.740.994');
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

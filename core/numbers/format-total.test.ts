/**
 * The formatter is total: any finite double, with any options, prints Vietnamese digits. A
 * property test over 1,500 random doubles, kept apart from the exact expectations of
 * format.test.ts so that the fast mutation run of npm test (vitest.mutation-fast.config.ts)
 * need not repeat it for every mutant; the full run (npm run mutation) includes it.
 */
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
});

import { describe, expect, it } from 'vitest';
import { formatCount, formatMoney, formatNumber, formatPercent, parseVietnameseNumber } from './index.js';

describe('formatting', () => {
  it('uses Vietnamese notation', () => {
    expect(formatNumber(1668)).toBe('1.668');
    expect(formatMoney(10741056503)).toBe('10.741.056.503 đồng');
    expect(formatPercent(37.3649)).toBe('37,36%');
    expect(formatPercent(2.2796)).toBe('2,28%');
    expect(formatPercent(2.285)).toBe('2,29%');
    expect(formatCount(7, { leadingZero: true })).toBe('07');
    expect(formatCount(118, { leadingZero: true })).toBe('118');
    expect(formatNumber(-1234.5)).toBe('-1.234,5');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});

describe('parsing text numbers', () => {
  const ok = (t: string) => parseVietnameseNumber(t);
  it('reads Vietnamese notation', () => {
    expect(ok('1.668')).toMatchObject({ ok: true, value: 1668, decimals: 0 });
    expect(ok('10.741.056.503')).toMatchObject({ ok: true, value: 10741056503 });
    expect(ok('37,36')).toMatchObject({ ok: true, value: 37.36, decimals: 2 });
    expect(ok('37,36 %')).toMatchObject({ ok: true, value: 37.36, percentSign: true });
    expect(ok('1\u00a0668')).toMatchObject({ ok: true, value: 1668 });
    expect(ok(' 1 668 ')).toMatchObject({ ok: true, value: 1668 });
    expect(ok('１２３')).toMatchObject({ ok: true, value: 123 });
    expect(ok('-5')).toMatchObject({ ok: true, value: -5 });
  });
  it('refuses what it cannot read safely', () => {
    expect(ok('1,668')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(ok('1.5')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(ok('37.36')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(ok('1,234,567')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(ok('12 34')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(ok('mười')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(ok('   ')).toMatchObject({ ok: false, reason: 'empty' });
  });
});

/**
 * The edges of the stated-percentage judgement: rounding half up (away from zero), the
 * ±0.005 tolerance taken inclusively, truncation on the decimal grid despite binary noise.
 */
import { describe, expect, it } from 'vitest';
import { judgeStatedPercent, roundTo, truncateTo } from './percent.js';

describe('roundTo: half away from zero, exact on the decimal grid', () => {
  it.each([
    [2.285, 2, 2.29], // a half rounds up, not down
    [-2.285, 2, -2.29],
    [0.125, 2, 0.13],
    [1.005, 2, 1.01], // 100.49999999999999 in binary: still a half
    [2.2796, 2, 2.28],
    [2.2749, 2, 2.27],
    [95.5, 0, 96],
    [95.49, 0, 95],
    [37.36, 2, 37.36],
    [0, 2, 0],
  ])('roundTo(%d, %d) = %d', (n, d, r) => {
    expect(roundTo(n, d)).toBe(r);
  });
});

describe('truncateTo: toward zero, exact on the decimal grid', () => {
  it.each([
    [2.2796, 2, 2.27],
    [-2.2796, 2, -2.27],
    [0.29, 2, 0.29], // 28.999999999999996 in binary: still 0,29
    [2.28, 2, 2.28],
    [95.99, 0, 95],
    [2.2, 1, 2.2],
  ])('truncateTo(%d, %d) = %d', (n, d, r) => {
    expect(truncateTo(n, d)).toBe(r);
  });
});

describe('judgeStatedPercent at the edges', () => {
  it('holds within ±0.005 of the computed value rounded to two decimals, the edge included', () => {
    expect(judgeStatedPercent(2.285, 3, 2.28)).toBe('holds');
    expect(judgeStatedPercent(2.275, 3, 2.28)).toBe('holds');
    expect(judgeStatedPercent(0.025, 3, 0.02)).toBe('holds');
    expect(judgeStatedPercent(0.015, 3, 0.01)).toBe('holds');
    expect(judgeStatedPercent(0.005, 3, 0)).toBe('holds');
    expect(judgeStatedPercent(2.2851, 4, 2.28)).toBe('wrong');
    expect(judgeStatedPercent(2.2749, 4, 2.28)).toBe('wrong');
  });

  it('compares with the computed value rounded half up', () => {
    // 2.285 rounds to 2,29: stating 2,29 holds; 2,28 is the digits cut off.
    expect(judgeStatedPercent(2.29, 2, 2.285)).toBe('holds');
    expect(judgeStatedPercent(2.28, 2, 2.285)).toBe('truncated');
    expect(judgeStatedPercent(96, 0, 95.5)).toBe('imprecise');
    expect(judgeStatedPercent(95, 0, 95.5)).toBe('truncated');
  });

  it('reads the decimals shown as a whole number of decimals, never negative', () => {
    expect(judgeStatedPercent(96, -1, 95.6)).toBe('imprecise');
    expect(judgeStatedPercent(2.3, 1.7, 2.2796)).toBe('imprecise');
    expect(judgeStatedPercent(2.2, 1.2, 2.2796)).toBe('truncated');
  });

  it('a truncation is only a truncation when rounding would have given another figure', () => {
    // 2,21 vs 2,2104: truncated and rounded are both 2,21 — it holds, it is no truncation.
    expect(judgeStatedPercent(2.21, 2, 2.2104)).toBe('holds');
    expect(judgeStatedPercent(2.2, 1, 2.2104)).toBe('imprecise');
    // 2,1 vs 2,2796 is neither the rounding nor the truncation.
    expect(judgeStatedPercent(2.1, 1, 2.2796)).toBe('wrong');
  });
});

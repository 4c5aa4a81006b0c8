/**
 * A stated figure against a computed one, at the precision it is written with: "64,2%" is
 * right for anything in [64,15; 64,25); "64,1%" for 64,19 is a truncation (a warning), "64,5%"
 * is wrong (an error).
 */
import { formatNumber } from '../numbers/index.js';
import type { Approx, NumberValue } from './tokens.js';

export type Agreement = 'ok' | 'truncated' | 'wrong';

const EPS = 1e-9;
/**
 * Floating-point slack relative to the figure: far below a unit of any figure a report writes
 * (7.894.678.705 đồng is not 7.894.678.702 — a slack of 1e-9 × 7,9 tỷ was 8 đồng).
 */
const RELATIVE_EPS = 1e-12;

/** Half a unit of the last printed digit. */
export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/** Compare a stated figure (with its written precision and any "trên/gần/khoảng") to an exact value. */
export function agree(stated: NumberValue, exact: number, approx?: Approx): Agreement {
  const d = stated.decimals;
  const c = stated.value;
  if (approx === 'over') return exact >= c - EPS ? 'ok' : 'wrong';
  if (approx === 'under') return exact <= c + EPS ? 'ok' : 'wrong';
  if (approx === 'about') return Math.abs(exact - c) <= 10 ** -d + EPS ? 'ok' : 'wrong';
  if (Math.abs(exact - c) <= halfUnit(d) + RELATIVE_EPS * Math.max(1, Math.abs(exact))) return 'ok';
  const f = 10 ** d;
  const truncated = Math.trunc(exact * f + EPS) / f;
  if (Math.abs(truncated - c) < EPS) return 'truncated';
  return 'wrong';
}

/** "64,20%": a computed rate with at least two decimals (finer than a one-decimal statement). */
export function showComputedPercent(v: number, statedDecimals: number): string {
  return `${formatNumber(v, { decimals: Math.max(2, statedDecimals) })}%`;
}

/** "64,2%": the correction at the stated precision. */
export function suggestPercent(v: number, statedDecimals: number): string {
  return `${formatNumber(v, { decimals: statedDecimals })}%`;
}

/** "1.668" / "2,5": a count or amount in Vietnamese notation with the decimals it needs. */
export function showNumber(v: number, decimals?: number): string {
  return formatNumber(v, { decimals: decimals ?? (Number.isInteger(v) ? 0 : 2) });
}

/**
 * How precise a figure may be. A double — and Excel, which stores one — keeps 15 significant
 * digits: a longer figure is not the number the unit typed (9007199254740993 is read as
 * …992), so it is refused rather than silently changed. A figure with more decimals than its
 * indicator allows is refused too: 151 decimals in a percentage is a slip or a hostile file,
 * and nothing downstream should have to carry it.
 */
import type { IndicatorKind } from '../form/types.js';

/** Significant digits a figure may have. */
export const MAX_SIGNIFICANT_DIGITS = 15;

/** A figure whose integer part needs more than 15 digits cannot be held exactly. */
export const MAX_MAGNITUDE = 1e15;

/**
 * Decimals a figure of each kind may show. Counts are whole (their own check); for the
 * others 20 leaves room for every value Excel can hold in a cell of this form — a stored
 * formula result such as 0,0333333333333333 % shows 16 — and nothing beyond.
 */
export const MAX_DECIMALS: Readonly<Record<IndicatorKind, number>> = { count: 0, money: 20, days: 20, percent: 20 };

/**
 * Significant digits of a number typed as text: from the first non-zero digit to the last
 * digit of the integer part, or to the last non-zero decimal ("0,0370" → 2, "1.668" → 4).
 * Everything but digits and the decimal comma (group marks, spaces, a sign, "%") is ignored.
 */
export function significantDigits(text: string): number {
  const t = text.normalize('NFKC').replace(/[^0-9,]/g, '');
  const comma = t.lastIndexOf(',');
  const int = comma < 0 ? t : t.slice(0, comma).replace(/,/g, '');
  const frac = comma < 0 ? '' : t.slice(comma + 1).replace(/0+$/, '');
  return (int + frac).replace(/^0+/, '').length;
}

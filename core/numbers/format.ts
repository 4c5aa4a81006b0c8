/**
 * The one Vietnamese number formatter of the product: "." groups thousands, ","
 * is the decimal mark ("1.668", "10.741.056.503", "37,36").
 */

export interface FormatOptions {
  /** Exact number of decimals to show (rounded half away from zero), at most 100. Default: as many as needed, up to 2. */
  decimals?: number;
  /** Pad the integer part with leading zeros to this many digits ("07"), at most 100. */
  minDigits?: number;
}

/** The most decimals (and leading zeros) ever written: `toFixed`'s own limit. */
const MAX_DIGITS = 100;

/** A digit count asked for, made safe: a whole number from 0 to {@link MAX_DIGITS}. */
function digits(n: number | undefined, fallback: number): number {
  const asked = n ?? Number.NaN;
  if (!Number.isFinite(asked)) return fallback;
  return Math.min(MAX_DIGITS, Math.max(0, Math.floor(asked)));
}

/**
 * Round half away from zero. The nudge of one unit in the last place lifts a binary
 * near-half (2.285 is stored as 2.28499…) to the half it was typed as. Where the number has
 * no digits left to round (scaled past 2^53) it is returned as it is.
 */
function roundTo(n: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Math.abs(n) * f;
  if (!Number.isFinite(scaled)) return n;
  // Already on the grid (a whole number of đồng, 1,5 to one decimal): nothing to round, and
  // the nudge — up to two units in the last place — must not move it (4e13 is no 40.000.000.000.000,01).
  // Every double from 2^53 up is a whole number, so this also returns those as they are.
  if (Number.isInteger(scaled)) return n;
  return (Math.sign(n) * Math.round(scaled + Number.EPSILON * Math.max(scaled, 1))) / f;
}

/**
 * Plain decimal digits of a non-negative number, never an exponent: 1e21 → "1000000000000000000000.".
 * May end with a lone "." (no decimals asked of a huge number); formatNumber shows no comma then.
 */
function plain(n: number, decimals: number): string {
  if (n < 1e21) return n.toFixed(decimals);
  // From 2^53 on every double is a whole number: BigInt writes its exact digits.
  return `${BigInt(n).toString()}.${'0'.repeat(decimals)}`;
}

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * Format a number in Vietnamese notation. Total: any finite number, with any options, gives
 * digits (never an exponent, never an exception); NaN and ±Infinity give "—".
 */
export function formatNumber(n: number, opts: FormatOptions = {}): string {
  if (!Number.isFinite(n)) return '—';
  let text: string;
  if (opts.decimals !== undefined) {
    const d = digits(opts.decimals, 0);
    text = plain(Math.abs(roundTo(n, d)), d);
  } else {
    text = plain(Math.abs(roundTo(n, 2)), 2).replace(/\.?0+$/, '');
  }
  const parts = text.split('.');
  // Stryker disable next-line StringLiteral: plain() never starts with "."
  let int = parts[0] || '0';
  const frac = parts[1];
  // Without minDigits: padding to no digits, which changes nothing.
  int = int.padStart(digits(opts.minDigits, 0), '0');
  const body = group(int) + (frac !== undefined && frac.length > 0 ? `,${frac}` : '');
  // Stryker disable next-line EqualityOperator: zero has no digit 1–9, so n ≤ 0 and n < 0 agree
  return n < 0 && /[1-9]/.test(text) ? `-${body}` : body;
}

/** "37,36%" — a percentage in percent units, two decimals by default. */
export function formatPercent(n: number, decimals = 2): string {
  return `${formatNumber(n, { decimals })}%`;
}

/** "10.741.056.503 đồng" */
export function formatMoney(n: number, unit = 'đồng'): string {
  return `${formatNumber(n, { decimals: 0 })} ${unit}`;
}

/** Administrative style for small counts: two digits with a leading zero ("07 kết nối"). */
export function formatCount(n: number, opts: { leadingZero?: boolean } = {}): string {
  return formatNumber(n, { decimals: 0, ...(opts.leadingZero ? { minDigits: 2 } : {}) });
}

/** Format a value of an indicator of the given kind, with its unit where that reads naturally. */
export function formatValue(n: number, kind: 'count' | 'money' | 'days' | 'percent'): string {
  switch (kind) {
    case 'percent':
      return formatPercent(n);
    case 'money':
    case 'days':
    case 'count':
      // Stryker disable next-line ObjectLiteral: a whole number prints the same with the default options
      return formatNumber(n, Number.isInteger(n) ? { decimals: 0 } : {});
  }
}

/**
 * The one Vietnamese number formatter of the product: "." groups thousands, ","
 * is the decimal mark ("1.668", "10.741.056.503", "37,36").
 */

export interface FormatOptions {
  /** Exact number of decimals to show (rounded half away from zero). Default: as many as needed, up to 2. */
  decimals?: number;
  /** Pad the integer part with leading zeros to this many digits ("07"). */
  minDigits?: number;
}

function roundTo(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(n) * Math.round(Math.abs(n) * f + Number.EPSILON * f)) / f;
}

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Format a number in Vietnamese notation. */
export function formatNumber(n: number, opts: FormatOptions = {}): string {
  if (!Number.isFinite(n)) return '—';
  let text: string;
  if (opts.decimals !== undefined) {
    text = roundTo(n, opts.decimals).toFixed(opts.decimals);
  } else {
    text = String(roundTo(n, 2));
    if (/e/i.test(text))
      text = roundTo(n, 2)
        .toFixed(2)
        .replace(/\.?0+$/, '');
  }
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  const parts = text.split('.');
  let int = parts[0] ?? '0';
  const frac = parts[1];
  if (opts.minDigits !== undefined) int = int.padStart(opts.minDigits, '0');
  const body = group(int) + (frac !== undefined && frac.length > 0 ? `,${frac}` : '');
  return negative && Number(text) !== 0 ? `-${body}` : body;
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
      return formatNumber(n, Number.isInteger(n) ? { decimals: 0 } : {});
  }
}

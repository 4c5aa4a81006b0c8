/**
 * Parse numbers typed as text by units into exact values, in Vietnamese notation:
 * "1.668", "10.741.056.503", "37,36", "1 668" (space or NBSP groups), "37,36%".
 * Ambiguous text is refused, never guessed.
 */

export type ParsedNumber =
  | { ok: true; value: number; decimals: number; percentSign: boolean }
  | { ok: false; reason: 'empty' | 'not-a-number' | 'ambiguous'; detail: string };

const SPACES = /[\s\u00a0\u202f\u2007\u2009]/g;

/** Full-width and other Unicode digits/punctuation to ASCII (NFKC), and trims. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2212\u2013]/g, '-')
    .trim();
}

/**
 * Parse text in Vietnamese notation. `integerOnly` is for counts, where a lone
 * "," or a "." not followed by exactly three digits cannot be read safely.
 */
export function parseVietnameseNumber(text: string, opts: { integerOnly?: boolean } = {}): ParsedNumber {
  let s = normalise(text);
  if (s === '') return { ok: false, reason: 'empty', detail: 'ô trống' };
  let percentSign = false;
  if (s.endsWith('%')) {
    percentSign = true;
    s = s.slice(0, -1).trim();
  }
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1).trim();
  }
  // Space groups: "1 668", "10 741 056 503" (any kind of space, groups of three).
  if (/[\s\u00a0\u202f\u2007\u2009]/.test(s)) {
    if (!/^\d{1,3}([\s\u00a0\u202f\u2007\u2009]\d{3})+(,\d+)?$/.test(s)) {
      return { ok: false, reason: 'not-a-number', detail: 'khoảng trắng không đúng chỗ phân nhóm hàng nghìn' };
    }
    s = s.replace(SPACES, '.');
  }
  if (/^\d+$/.test(s)) return { ok: true, value: sign * Number(s), decimals: 0, percentSign };
  // "1.668", "10.741.056.503", optionally with a decimal part "1.234,5".
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) {
    const [int = '', frac = ''] = s.split(',');
    if (frac && opts.integerOnly) {
      return { ok: false, reason: 'not-a-number', detail: 'số lẻ thập phân trong ô chỉ nhận số nguyên' };
    }
    const value = Number(int.replace(/\./g, '') + (frac ? `.${frac}` : ''));
    return { ok: true, value: sign * value, decimals: frac.length, percentSign };
  }
  // "37,36": a decimal comma.
  if (/^\d+,\d+$/.test(s)) {
    if (opts.integerOnly) {
      return {
        ok: false,
        reason: 'ambiguous',
        detail: 'dấu phẩy có thể là dấu thập phân hoặc dấu phân nhóm hàng nghìn',
      };
    }
    const [int = '', frac = ''] = s.split(',');
    return { ok: true, value: sign * Number(`${int}.${frac}`), decimals: frac.length, percentSign };
  }
  // "1.5", "37.36": a dot that is not a thousands group.
  if (/^\d+\.\d+$/.test(s)) {
    return {
      ok: false,
      reason: 'ambiguous',
      detail: 'dấu chấm không phân nhóm đủ ba chữ số; số thập phân phải dùng dấu phẩy',
    };
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    return { ok: false, reason: 'ambiguous', detail: 'số viết theo kiểu tiếng Anh (dấu phẩy phân nhóm)' };
  }
  return { ok: false, reason: 'not-a-number', detail: 'không phải là số' };
}

/** Decimals shown by a number as written (0.3736 → 4). */
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return 0;
  const s = String(n);
  if (/e-/i.test(s)) {
    const [mant = '', exp = '0'] = s.split(/e-/i);
    return (mant.split('.')[1]?.length ?? 0) + Number(exp);
  }
  return s.split('.')[1]?.length ?? 0;
}

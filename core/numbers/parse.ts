/**
 * Parse numbers typed as text by units into exact values, in Vietnamese notation:
 * "1.668", "10.741.056.503", "37,36", "1 668" (space or NBSP groups), "37,36%".
 * Ambiguous text is refused, never guessed.
 *
 * The grammar, after Unicode compatibility folding (full-width digits, NBSP and thin spaces
 * become ASCII) and trimming:
 *
 *     number   = [sign] integer ["," digits] ["%"]
 *     integer  = digits | group ("." group3)+ | group (" " group3)+
 *     group    = 1–3 digits;  group3 = exactly 3 digits
 *
 * Refused as ambiguous: a comma before exactly three digits after a 1–3 digit integer
 * ("741,056": 741.056 in English notation, 741,056 in Vietnamese), a dot that does not
 * group thousands ("1.5", "1668.000"), English grouping ("1,234,567", "1,234.5").
 * A tab or line break between digits is not a group separator.
 */

export type ParsedNumber =
  | { ok: true; value: number; decimals: number; percentSign: boolean }
  | {
      ok: false;
      reason: 'empty' | 'not-a-number' | 'ambiguous';
      /**
       * Why, in Vietnamese (a clause, no final full stop); empty for text that is simply not a
       * number (words, "mười hai"), where the reason would only repeat "không phải là số".
       */
      detail: string;
      /**
       * For a comma before exactly three digits: the text as each notation reads it, in
       * Vietnamese notation ("741.056" grouped, "741,056" decimal).
       */
      readings?: { grouped: string; decimal: string };
    };

/** Full-width and other Unicode digits, spaces and punctuation to ASCII (NFKC); minus signs; trimmed. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2212\u2013]/g, '-')
    .trim();
}

/** Vietnamese notation with dot groups or no groups, optionally a decimal comma. */
const VIETNAMESE = /^(\d+|\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
/** Space groups: "1 668", "10 741 056 503", optionally a decimal comma. */
const SPACE_GROUPED = /^\d{1,3}(?: \d{3})+(?:,\d+)?$/;
/** An integer that could be the leading group of an English-grouped number. */
const LEADING_GROUP = /^[1-9]\d{0,2}$/;

const refuse = (
  reason: 'empty' | 'not-a-number' | 'ambiguous',
  detail: string,
): Extract<ParsedNumber, { ok: false }> => ({ ok: false, reason, detail });

/** Parse text in Vietnamese notation (see the grammar above). */
export function parseVietnameseNumber(text: string): ParsedNumber {
  let s = normalise(text);
  if (s === '') return refuse('empty', 'ô trống');
  const percentSign = s.endsWith('%');
  if (percentSign) s = s.slice(0, -1).trimEnd();
  const sign = s.startsWith('-') ? '-' : '';
  if (sign || s.startsWith('+')) s = s.slice(1).trimStart();

  if (/\s/.test(s)) {
    if (!SPACE_GROUPED.test(s)) {
      // Digits broken by spaces, or words: say which.
      // (Words: nothing more to say than that it is not a number.)
      const detail = /^[\d\s.,]+$/.test(s) ? 'khoảng trắng không đúng chỗ phân nhóm hàng nghìn' : '';
      return refuse('not-a-number', detail);
    }
    s = s.replace(/ /g, '');
  }

  const m = VIETNAMESE.exec(s);
  if (m) {
    const int = m[1] as string;
    const frac = m[2] ?? '';
    if (frac.length === 3 && LEADING_GROUP.test(int)) {
      const grouped = `${sign}${int}.${frac}`;
      const decimal = `${sign}${int},${frac}`;
      return {
        ok: false,
        reason: 'ambiguous',
        detail: `dấu phẩy trước đúng ba chữ số có thể là dấu phân nhóm hàng nghìn kiểu tiếng Anh (tức ${grouped}) hoặc dấu thập phân (tức ${decimal})`,
        readings: { grouped, decimal },
      };
    }
    const digits = int.replace(/\./g, '');
    const value = Number(frac ? `${sign}${digits}.${frac}` : `${sign}${digits}`);
    return { ok: true, value, decimals: frac.length, percentSign };
  }
  if (/^\d+(?:\.\d+)+$/.test(s)) {
    return refuse('ambiguous', 'dấu chấm không phân nhóm đủ ba chữ số; số thập phân phải dùng dấu phẩy');
  }
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) {
    return refuse('ambiguous', 'số viết theo kiểu tiếng Anh (dấu phẩy phân nhóm)');
  }
  return refuse('not-a-number', '');
}

/** Decimals shown by a number as written (0.3736 → 4, 1.5e-7 → 8). */
export function decimalsOf(n: number): number {
  // Whole numbers (also 1.5e25, which String() writes with a dot) and non-numbers show none.
  if (!Number.isFinite(n) || Number.isInteger(n)) return 0;
  const [mantissa, exponent] = String(n).split('e-') as [string, string?];
  return (mantissa.split('.')[1]?.length ?? 0) + Number(exponent ?? 0);
}

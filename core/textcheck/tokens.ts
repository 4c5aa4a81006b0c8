/**
 * Figures in running Vietnamese text: every run of digits is classified once, here, with its
 * offsets. Vietnamese notation: "." groups thousands, "," marks decimals. What is *not* a
 * quantity (check 6) is decided here too: dates and periods ("tháng 9/2024", "15/3/2022",
 * "2021 - 2025"), document numbers ("05-NQ/TU", "1020/QĐ-UBND", "số 07/CT-UBND"), ranks
 * ("30/63 tỉnh, thành phố"), counts of targets ("6/9 chỉ tiêu"), scores ("85,68/100 điểm").
 */

/** How a number was written. */
export type NumberStyle =
  /** "412", "1586" — no separators. */
  | 'plain'
  /** "1.586", "10.741.056.503", "2.125,5" */
  | 'grouped'
  /** "98,48" */
  | 'decimal-comma'
  /** "99.5", "0.75" — a decimal point (English notation). */
  | 'decimal-point'
  /** "1,234,567" or "1,234.5" — English grouping. */
  | 'english';

export interface NumberValue {
  value: number;
  /** Digits after the decimal mark as written ("64,50" → 2). */
  decimals: number;
  style: NumberStyle;
  raw: string;
}

export type TokenKind =
  /** A quantity: "412", "1.668", "2,5". */
  | 'num'
  /** A percentage: "98,48%", "100 %". */
  | 'pct'
  /** A fraction "a/b" read as part of a whole. */
  | 'frac'
  /** Not quantities: */
  | 'date'
  | 'year'
  | 'code'
  | 'rank'
  | 'targets'
  | 'score'
  | 'time';

/** Words before a percentage that make it a bound or an estimate, not an exact figure. */
export type Approx = 'over' | 'under' | 'about';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  raw: string;
  /** num, pct: the value. */
  num?: NumberValue;
  /** frac, rank, targets, score: the two sides. */
  a?: NumberValue;
  b?: NumberValue;
  /** pct: "trên 95%", "gần 100%", "khoảng 64%". */
  approx?: Approx;
}

const CHUNK = /\d[\d.,/]*\d|\d/g;
const LETTER = /[\p{L}]/u;
const PERCENT = /^[ \u00a0\u202f]?[%％]/;

/** Parse one run of digits and separators in Vietnamese notation (English forms flagged, not refused). */
export function parseNumberText(raw: string): NumberValue | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(raw))) {
    const int = Number((m[1] as string).replace(/\./g, ''));
    const frac = m[2] ?? '';
    return { value: frac ? Number(`${int}.${frac}`) : int, decimals: frac.length, style: 'grouped', raw };
  }
  if ((m = /^(\d+)(?:,(\d+))?$/.exec(raw))) {
    const frac = m[2] ?? '';
    return {
      value: Number(`${m[1]}${frac ? `.${frac}` : ''}`),
      decimals: frac.length,
      style: frac ? 'decimal-comma' : 'plain',
      raw,
    };
  }
  if ((m = /^(\d+)\.(\d+)$/.exec(raw))) {
    // One dot: thousands when exactly three digits follow a 1–3 digit head without a leading zero.
    const head = m[1] as string;
    const tail = m[2] as string;
    if (tail.length === 3 && head.length <= 3 && !head.startsWith('0'))
      return { value: Number(head + tail), decimals: 0, style: 'grouped', raw };
    return { value: Number(`${head}.${tail}`), decimals: tail.length, style: 'decimal-point', raw };
  }
  if ((m = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(raw)) && (raw.split(',').length > 2 || m[2] !== undefined)) {
    const int = Number((m[1] as string).replace(/,/g, ''));
    const frac = m[2] ?? '';
    return { value: frac ? Number(`${int}.${frac}`) : int, decimals: frac.length, style: 'english', raw };
  }
  return null;
}

/** The lower-cased text just before `i` (up to `n` characters). */
function before(text: string, i: number, n = 24): string {
  return text.slice(Math.max(0, i - n), i).toLowerCase();
}

/** The lower-cased text just after `i` (up to `n` characters). */
function after(text: string, i: number, n = 32): string {
  return text.slice(i, i + n).toLowerCase();
}

const isYear = (v: NumberValue): boolean =>
  v.style === 'plain' && v.raw.length === 4 && v.value >= 1900 && v.value <= 2100;

/** Words for counted things: a four-digit "year" followed by one of these is a count ("2023 hồ sơ"). */
const COUNT_NOUN =
  /^\s+(hồ sơ|người|văn bản|thủ tục|lượt|cuộc|đơn vị|hội nghị|tin|bài|biên chế|giao dịch|dịch vụ|phản ánh|kiến nghị|cán bộ|công chức|viên chức|tổ chức|chứng thư|hòm thư|lớp|xã|hộ|trường hợp)\b/u;

function classifyFraction(text: string, start: number, end: number, a: NumberValue, b: NumberValue): TokenKind {
  const pre = before(text, start, 28);
  const post = after(text, end, 40);
  // "năm học 2023/2024", "niên độ 2023/2024"
  if (isYear(a) && isYear(b)) return 'year';
  // "tháng 9/2024", "quý 3/2024", "9/2024"
  if (isYear(b) && a.style === 'plain' && a.value >= 1 && a.value <= 12) return 'date';
  if (/(tháng|quý|kỳ|đợt)\s*$/u.test(pre) && a.style === 'plain') return 'date';
  // "ngày 15/3", "(15/3)" with a day and a month
  if (/(ngày|hôm|sáng|chiều|từ|đến)\s*$/u.test(pre) && a.value <= 31 && b.value <= 12 && a.style === 'plain')
    return 'date';
  if (a.value === 24 && b.value === 7 && a.style === 'plain') return 'time';
  // "số 25/2022", "số: 07/2023" — the number of a document
  if (/(^|[^\p{L}])số:?\s*$/u.test(pre)) return 'code';
  // "xếp thứ 30/63", "hạng 30/63", "đứng thứ 12/63 tỉnh, thành phố"
  if (/(thứ|hạng|vị trí|thứ hạng)\s*$/u.test(pre)) return 'rank';
  if (/^\s*(tỉnh|địa phương|bộ, ngành|bộ ngành)/u.test(post) && b.value === 63) return 'rank';
  // "6/9 chỉ tiêu", "7/9 mục tiêu"
  if (/^\s*(chỉ tiêu|mục tiêu|nhóm chỉ tiêu|tiêu chí)/u.test(post)) return 'targets';
  // "85,68/100 điểm"
  if (/^\s*điểm/u.test(post)) return 'score';
  return 'frac';
}

/** Classify every figure of a paragraph. Tokens are in text order and never overlap. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  CHUNK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CHUNK.exec(text))) {
    const raw = m[0];
    const start = m.index;
    let end = start + raw.length;
    const prev = start > 0 ? (text[start - 1] as string) : '';
    const prev2 = start > 1 ? (text[start - 2] as string) : '';
    const next = text[end] ?? '';
    const next2 = text[end + 1] ?? '';
    const push = (t: Omit<Token, 'raw'>): void => {
      tokens.push({ ...t, raw: text.slice(t.start, t.end) });
    };
    // Codes: "KL01", "COVID-19", "05-NQ/TU", "1020/QĐ-UBND", "30/2020/NĐ-CP", "ISO 9001:2015".
    const glued =
      LETTER.test(prev) ||
      prev === '_' ||
      ((prev === '-' || prev === '/' || prev === '.') && LETTER.test(prev2)) ||
      (prev === ':' && /\d/.test(prev2));
    const gluedAfter =
      LETTER.test(next) ||
      next === '_' ||
      ((next === '-' || next === '/' || next === '.') && LETTER.test(next2)) ||
      (next === ':' && /\d/.test(next2));
    if (glued || gluedAfter) {
      push({ kind: 'code', start, end });
      continue;
    }
    const parts = raw.split('/');
    if (parts.length >= 3) {
      const [d, mo, y] = parts.map(Number) as [number, number, number];
      const isDate = parts.length === 3 && d >= 1 && d <= 31 && mo >= 1 && mo <= 12 && (y >= 1900 || y < 100);
      push({ kind: isDate ? 'date' : 'code', start, end });
      continue;
    }
    if (parts.length === 2) {
      const a = parseNumberText(parts[0] as string);
      const b = parseNumberText(parts[1] as string);
      if (!a || !b) {
        push({ kind: 'code', start, end });
        continue;
      }
      push({ kind: classifyFraction(text, start, end, a, b), start, end, a, b });
      continue;
    }
    const num = parseNumberText(raw);
    if (!num) {
      push({ kind: 'code', start, end });
      continue;
    }
    const pct = PERCENT.exec(text.slice(end, end + 2));
    if (pct) {
      end += pct[0].length;
      const pre = before(text, start, 16);
      const approx: Approx | undefined = /(trên|hơn|ngoài|vượt|từ)\s*$/u.test(pre)
        ? 'over'
        : /(dưới|chưa đến|chưa tới|không quá|tối đa)\s*$/u.test(pre)
          ? 'under'
          : /(gần|khoảng|xấp xỉ|ước|ước đạt|gần như|chừng|độ)\s*$/u.test(pre)
            ? 'about'
            : undefined;
      push({ kind: 'pct', start, end, num, ...(approx ? { approx } : {}) });
      continue;
    }
    if (isYear(num) && !COUNT_NOUN.test(text.slice(end, end + 20).toLowerCase())) {
      push({ kind: 'year', start, end, num });
      continue;
    }
    push({ kind: 'num', start, end, num });
  }
  return tokens;
}

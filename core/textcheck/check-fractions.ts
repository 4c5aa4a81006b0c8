/**
 * Checks 1 and 2: a fraction and the rate printed with it ("2.125/3.310 hồ sơ, đạt 64,2%",
 * "a/b (c%)", "a trên tổng số b … chiếm c%", "đạt 100% (8/8 huyện)"), and numerators above
 * their denominators where a share or a completion is claimed.
 */
import { formatNumber } from '../numbers/index.js';
import { significant, tokensIn, type ParagraphContext } from './context.js';
import { agree, showComputedPercent, suggestPercent } from './precision.js';
import type { Range } from './segment.js';
import type { NumberValue, Token } from './tokens.js';

/** Words right before a percentage that make it a change, not a share ("tăng 5,2%"). */
const CHANGE_BEFORE =
  /(tăng|giảm|cao hơn|thấp hơn|vượt|nhiều hơn|ít hơn|chênh lệch|chậm)\s*(thêm|khoảng|gần|hơn|trên)?\s*$/u;
/** Words right after a percentage that make it a change ("5,2% so với năm 2022"). */
const CHANGE_AFTER = /^\s*(so với|so cùng kỳ|so với cùng kỳ|so năm)/u;
/** Words that claim a share of the whole: with them even a rate above 100 % cannot be right. */
const SHARE_WORDS = /(chiếm|trong đó|trên tổng số|trong tổng số|đúng hạn|trước hạn)/u;

export function isChangeRate(ctx: ParagraphContext, t: Token): boolean {
  return (
    CHANGE_BEFORE.test(ctx.lower.slice(Math.max(0, t.start - 24), t.start)) ||
    CHANGE_AFTER.test(ctx.lower.slice(t.end, t.end + 24))
  );
}

/** A gap that names another rate ("…, tỷ lệ số hóa đạt 62,9%"): the percentage is not the fraction's. */
function namesAnotherRate(gap: string): boolean {
  const m = /tỷ lệ(.*)$/u.exec(gap);
  if (!m) return false;
  const words = (m[1] as string)
    .replace(/\b(đạt|là|bằng|chiếm|khoảng|gần|trên)\b/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return words.length >= 2;
}

interface Pair {
  a: NumberValue;
  b: NumberValue;
  /** The span to quote: fraction and rate. */
  span: Range;
  rate?: Token;
  /**
   * `after`: "a/b …, đạt c%", "a/b (c%)"; `adjacent`: "c% (a/b)"; `before`: the rate was
   * stated earlier in the clause ("hoàn thành 100% kế hoạch … (a/b)").
   */
  link: 'after' | 'adjacent' | 'before' | 'none';
  clause: Range;
}

function fmt(v: NumberValue): string {
  return formatNumber(v.value, { decimals: v.decimals });
}

function evaluate(ctx: ParagraphContext, p: Pair): void {
  const { a, b, rate } = p;
  if (b.value === 0) return;
  const exact = (a.value / b.value) * 100;
  const frac = `${fmt(a)}/${fmt(b)}`;
  const clauseText = ctx.lower.slice(p.clause.start, p.clause.end);
  if (a.value > b.value && (!rate || rate.num!.value <= 100 || SHARE_WORDS.test(clauseText))) {
    // "35.420/31.484 hồ sơ, tăng 12,5%": this year over last year, not a part of a whole.
    if (!rate && /(tăng|giảm|so với|gấp)/u.test(clauseText)) return;
    ctx.emit({
      kind: 'impossible-rate',
      severity: 'error',
      start: p.span.start,
      end: p.span.end,
      stated: rate ? rate.raw : frac,
      computed: showComputedPercent(exact, rate?.num?.decimals ?? 0),
      suggestion: null,
      message:
        `Tử số ${fmt(a)} lớn hơn mẫu số ${fmt(b)}: phần không thể lớn hơn tổng` +
        (rate ? ` (${frac} = ${showComputedPercent(exact, rate.num!.decimals)}, không phải ${rate.raw})` : '') +
        '. Đề nghị kiểm tra lại hai số.',
    });
    return;
  }
  if (!rate || !rate.num) return;
  const stated = rate.num;
  const result = agree(stated, exact, rate.approx);
  const computed = showComputedPercent(exact, stated.decimals);
  const suggestion = suggestPercent(exact, stated.decimals);
  if (result === 'ok') {
    if (stated.value === 100 && a.value < b.value && !rate.approx) {
      ctx.emit({
        kind: 'fraction-rate',
        severity: 'warning',
        start: p.span.start,
        end: p.span.end,
        stated: rate.raw,
        computed,
        suggestion: showComputedPercent(exact, stated.decimals),
        message: `Ghi ${rate.raw} nhưng ${frac} chưa đủ (= ${computed}); người đọc hiểu là tất cả. Nên ghi ${showComputedPercent(exact, stated.decimals)}.`,
      });
    }
    return;
  }
  const kind = p.link === 'before' ? 'impossible-rate' : 'fraction-rate';
  if (result === 'truncated') {
    ctx.emit({
      kind,
      severity: 'warning',
      start: p.span.start,
      end: p.span.end,
      stated: rate.raw,
      computed,
      suggestion,
      message: `Tỷ lệ ${rate.raw} bị cắt bớt chữ số thay vì làm tròn: ${frac} = ${computed}, làm tròn là ${suggestion}.`,
    });
    return;
  }
  ctx.emit({
    kind,
    severity: rate.approx === 'about' ? 'warning' : 'error',
    start: p.span.start,
    end: p.span.end,
    stated: rate.raw,
    computed,
    suggestion: rate.approx ? null : suggestion,
    message:
      p.link === 'before'
        ? `Văn bản ghi ${rate.raw} nhưng chính số liệu kèm theo là ${frac} = ${computed}. Đề nghị sửa tỷ lệ thành ${suggestion} hoặc kiểm tra lại ${frac}.`
        : `Tỷ lệ ghi ${rate.raw} không khớp với ${frac} = ${computed}; đúng là ${suggestion}.`,
  });
}

/** The clause around a position: between ";" (outside brackets) or the sentence bounds. */
function clauseAround(ctx: ParagraphContext, sentence: Range, at: number): Range {
  let s = at;
  while (s > sentence.start && ctx.text[s - 1] !== ';') s--;
  let e = at;
  while (e < sentence.end && ctx.text[e] !== ';') e++;
  return { start: s, end: e };
}

/** The first significant token after `i` (skipping dates, years, codes). */
function nextSig(toks: Token[], i: number): number {
  for (let j = i + 1; j < toks.length; j++) if (significant(toks[j] as Token)) return j;
  return -1;
}

function prevSig(toks: Token[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (significant(toks[j] as Token)) return j;
  return -1;
}

/** A bound before a rate ("trên 90%", "từ 90%"), or after it ("90% trở lên"). */
const BOUND_BEFORE = /(trên|dưới|từ|hơn|không quá|không dưới|tối thiểu|tối đa|ít nhất|≥|≤|>|<)\s*$/u;
const BOUND_AFTER = /^\s*(trở lên|trở xuống)/u;

/**
 * "15/21 sở, ngành có tỷ lệ trên 90%", "… đạt tỷ lệ từ 90% trở lên": a bound on a rate of each
 * of the units counted, not the fraction's own share (a share is "chiếm", "đạt" without a bound).
 */
function isThreshold(ctx: ParagraphContext, gap: string, u: Token): boolean {
  const before = ctx.lower.slice(Math.max(0, u.start - 16), u.start);
  const after = ctx.lower.slice(u.end, u.end + 12);
  if (/chiếm\s*(\S+\s*)?$/u.test(before)) return false;
  return (BOUND_BEFORE.test(before) && gap.includes('tỷ lệ')) || BOUND_AFTER.test(after);
}

/** The rate printed after the fraction (end of the fraction phrase at `from`), if it belongs to it. */
function rateAfter(ctx: ParagraphContext, toks: Token[], i: number, from: number): Token | undefined {
  let j = nextSig(toks, i);
  if (j < 0) return undefined;
  let u = toks[j] as Token;
  if (u.kind !== 'pct' || ctx.used.has(u.start)) return undefined;
  if (isThreshold(ctx, ctx.lower.slice(from, u.start), u)) {
    // The share may follow the bound: "15/21 sở, ngành có tỷ lệ trên 90%, chiếm 71,4%".
    const k = nextSig(toks, j);
    const v = k >= 0 ? (toks[k] as Token) : undefined;
    if (!v || v.kind !== 'pct' || ctx.used.has(v.start)) return undefined;
    if (!/^\s*(trở lên|trở xuống)?\s*,\s*(chiếm|đạt|bằng)\s*$/u.test(ctx.lower.slice(u.end, v.start))) return undefined;
    j = k;
    u = v;
  }
  const gap = ctx.lower.slice(from, u.start);
  if (gap.includes(';') || gap.length > 140 || namesAnotherRate(gap) || isChangeRate(ctx, u)) return undefined;
  // "… hồ sơ. Tỷ lệ …" cannot happen inside a sentence; a closing bracket before an opening one
  // means the rate is outside the fraction's own brackets ("(2.125/3.310) và 64%") — still its rate.
  return u;
}

/** Check 1 and 2 over one sentence. */
export function checkFractions(ctx: ParagraphContext, sentence: Range): void {
  const toks = tokensIn(ctx, sentence);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.kind === 'frac' && t.a && t.b) {
      const clause = clauseAround(ctx, sentence, t.start);
      let rate = rateAfter(ctx, toks, i, t.end);
      let link: Pair['link'] = rate ? 'after' : 'none';
      if (!rate) {
        // "đạt 100% (8/8 huyện)", "hoàn thành 100% kế hoạch (12/14 cuộc)"
        const p = prevSig(toks, i);
        const u = p >= 0 ? (toks[p] as Token) : undefined;
        if (u && u.kind === 'pct' && !ctx.used.has(u.start)) {
          const gap = ctx.text.slice(u.end, t.start);
          if (
            gap.includes('(') &&
            !gap.includes(')') &&
            !gap.includes(';') &&
            gap.length <= 100 &&
            !isChangeRate(ctx, u)
          ) {
            rate = u;
            link = /^\s*\(\s*$/.test(gap) ? 'adjacent' : 'before';
          }
        }
      }
      if (rate) ctx.used.add(rate.start);
      const span = rate
        ? { start: Math.min(t.start, rate.start), end: Math.max(t.end, rate.end) }
        : { start: t.start, end: t.end };
      evaluate(ctx, { a: t.a, b: t.b, span, link, clause, ...(rate ? { rate } : {}) });
      continue;
    }
    // "a [hồ sơ] trên tổng số b [hồ sơ] …, chiếm c%"
    if (t.kind === 'num' && t.num) {
      const j = nextSig(toks, i);
      const u = j >= 0 ? (toks[j] as Token) : undefined;
      if (!u || (u.kind !== 'num' && u.kind !== 'pct') || !u.num) continue;
      const gap = ctx.lower.slice(t.end, u.start);
      if (
        u.kind === 'num' &&
        (/^[^\d;]{0,60}?(trên|trong)\s+tổng\s+số[^\d;]{0,40}$/u.test(gap) || /^\s*\/\s*tổng\s+số\s*$/u.test(gap))
      ) {
        const clause = clauseAround(ctx, sentence, t.start);
        const rate = rateAfter(ctx, toks, j, u.end);
        if (rate) ctx.used.add(rate.start);
        const span = { start: t.start, end: rate ? rate.end : u.end };
        evaluate(ctx, { a: t.num, b: u.num, span, link: rate ? 'after' : 'none', clause, ...(rate ? { rate } : {}) });
        continue;
      }
      // "a hồ sơ, chiếm c% tổng số hồ sơ tiếp nhận (b hồ sơ)": the whole named after the rate.
      if (u.kind === 'pct' && u.num && !ctx.used.has(u.start) && !isChangeRate(ctx, u)) {
        const k = nextSig(toks, j);
        const w = k >= 0 ? (toks[k] as Token) : undefined;
        if (
          w &&
          w.kind === 'num' &&
          w.num &&
          /^[^\d;]{0,60}?,?\s*chiếm\s*$/u.test(gap) &&
          /^\s*(trên\s+|trong\s+|so với\s+)?tổng\s+số(?!\p{L})[^\d;(),]{0,60}?(\(\s*|là\s+|:\s*)?$/u.test(
            ctx.lower.slice(u.end, w.start),
          )
        ) {
          const clause = clauseAround(ctx, sentence, t.start);
          ctx.used.add(u.start);
          evaluate(ctx, { a: t.num, b: w.num, span: { start: t.start, end: w.end }, link: 'after', clause, rate: u });
          continue;
        }
      }
      if (u.kind !== 'num') continue;
      // "Trong tổng số b hồ sơ đến hạn, có a hồ sơ giải quyết đúng hạn, chiếm c%"
      const pre = ctx.lower.slice(Math.max(sentence.start, t.start - 20), t.start);
      if (/trong\s+tổng\s+số\s*$/u.test(pre) && /^[^\d;]{0,80}?(,\s*)?(có|thì có|đã có)\s+$/u.test(gap)) {
        const clause = clauseAround(ctx, sentence, u.start);
        const rate = rateAfter(ctx, toks, j, u.end);
        if (rate) ctx.used.add(rate.start);
        const span = { start: t.start, end: rate ? rate.end : u.end };
        evaluate(ctx, { a: u.num, b: t.num, span, link: rate ? 'after' : 'none', clause, ...(rate ? { rate } : {}) });
      }
    }
  }
}

/**
 * Check 8: a change stated with the two figures it lies between — "tăng 12,5% (từ 1.600 lên
 * 1.800 hồ sơ)", "từ 93,1% lên 95,2%, tăng 2,1 điểm phần trăm", "1.041 chứng thư, tăng 141 chứng
 * thư so với năm 2024 (900 chứng thư)". The change must have the direction the words give it
 * (a rise is not a fall) and the size the two figures give: their difference for a count or for
 * percentage points, the difference over the earlier figure for a rate of change.
 *
 * Left alone, as the reader could take them either way: a rate of change between two rates
 * ("tăng 2%" from 93% to 95%: points or relative?), figures in points of a score ("điểm"), and
 * figures in different money units ("500 triệu … 2,5 tỷ").
 */
import { scaleWordAfter, significant, tokensIn, wordsAfter, type ParagraphContext } from './context.js';
import { agree, showComputedPercent, showNumber, suggestPercent } from './precision.js';
import { splitTopLevel, type Range } from './segment.js';
import type { Token } from './tokens.js';

/** The words before a change's figure: "tăng", "giảm thêm", "tăng được". */
const CHANGE_BEFORE = /(?<!\p{L})(tăng|giảm|gấp)\s+(?:thêm\s+|được\s+|khoảng\s+)?$/u;
/** "gấp 1,16 lần": a multiple, not a difference. */
const TIMES_AFTER = /^\s*lần(?!\p{L})/u;
/** "từ A … lên B", "từ A xuống B", "từ A còn B". */
const FROM_BEFORE = /(?<!\p{L})từ\s+(?:mức\s+)?$/u;
const TO_BETWEEN = /^[^;\d]{0,40}?(?<!\p{L})(lên|xuống|còn)\s+(?:mức\s+)?$/u;
/** After a change: "… so với năm 2024 (", "so với cùng kỳ (". */
const COMPARED_THEN_PAREN = /^[^;()]{0,60}?(?<!\p{L})so với(?!\p{L})[^;()]{0,50}\(\s*$/u;
const POINTS_AFTER = /^\s*điểm\s*(phần trăm|%)/u;
const SCORE_AFTER = /^\s*điểm(?!\s*(phần trăm|%))/u;

interface Change {
  delta: Token;
  rise: boolean;
  /** "gấp k lần": the later figure over the earlier one. */
  times: boolean;
  /** The earlier figure and the later one. */
  from: Token;
  to: Token;
}

/** The change statements of one clause, each with the two figures it is between. */
function changesIn(ctx: ParagraphContext, clause: Range): Change[] {
  const toks = tokensIn(ctx, clause).filter(significant);
  const out: Change[] = [];
  // "từ A … lên B" pairs in the clause.
  const pairs: [Token, Token][] = [];
  for (let k = 0; k + 1 < toks.length; k++) {
    const a = toks[k] as Token;
    const b = toks[k + 1] as Token;
    if (a.kind === 'frac' || b.kind === 'frac') continue;
    if (!FROM_BEFORE.test(ctx.lower.slice(Math.max(clause.start, a.start - 12), a.start))) continue;
    if (!TO_BETWEEN.test(ctx.lower.slice(a.end, b.start))) continue;
    pairs.push([a, b]);
  }
  for (let k = 0; k < toks.length; k++) {
    const d = toks[k] as Token;
    if (d.kind === 'frac' || !d.num) continue;
    const m = CHANGE_BEFORE.exec(ctx.lower.slice(Math.max(clause.start, d.start - 16), d.start));
    if (!m) continue;
    const times = m[1] === 'gấp';
    if (times !== TIMES_AFTER.test(ctx.lower.slice(d.end, d.end + 8)) || (times && d.kind !== 'num')) continue;
    const rise = m[1] !== 'giảm';
    // The pair nearest the change, before or after it, that is not the change itself.
    const pair = pairs
      .filter(([a, b]) => a !== d && b !== d)
      .sort((p, q) => Math.abs(p[0].start - d.start) - Math.abs(q[0].start - d.start))[0];
    if (pair) {
      out.push({ delta: d, rise, times, from: pair[0], to: pair[1] });
      continue;
    }
    // "B …, tăng d … so với năm 2024 (A …)".
    const next = toks[k + 1];
    const prev = toks[k - 1];
    if (!next || !prev || next.kind === 'frac' || prev.kind === 'frac') continue;
    if (!COMPARED_THEN_PAREN.test(ctx.lower.slice(d.end, next.start))) continue;
    const wordAt = d.start - m[0].length;
    const gap = ctx.lower.slice(prev.end, wordAt);
    if (gap.length > 60 || gap.includes(';') || (ctx.depth[prev.start] ?? 0) !== (ctx.depth[d.start] ?? 0)) continue;
    if (prev.kind !== next.kind) continue;
    out.push({ delta: d, rise, times, from: next, to: prev });
  }
  return out;
}

function evaluate(ctx: ParagraphContext, c: Change): void {
  const { delta: d, from: a, to: b } = c;
  // A change of counts names what it counts like the figures do: "tăng 500 hồ sơ" is no change
  // "từ 20 lên 25 người".
  if (d.kind === 'num') {
    const counted = wordsAfter(ctx, d, 1);
    const of = wordsAfter(ctx, b, 1) || wordsAfter(ctx, a, 1);
    if (counted && of && counted !== of && !/^(điểm|lần)$/u.test(counted)) return;
  }
  const A = a.num!.value;
  const B = b.num!.value;
  const lower = (t: Token): string => ctx.lower.slice(t.end, t.end + 16);
  if ([a, b, d].some((t) => SCORE_AFTER.test(lower(t)))) return;
  const scales = new Set([a, b, d].filter((t) => t.kind === 'num').map((t) => scaleWordAfter(ctx, t) ?? ''));
  if (scales.size > 1) return;
  const points = d.kind === 'num' && POINTS_AFTER.test(lower(d));
  if (c.times) {
    // "gấp 1,16 lần so với năm 2024 (900 chứng thư)": 1.041/900.
    if (a.kind !== b.kind || A <= 0) return;
    const ratio = B / A;
    if (agree(d.num!, ratio) === 'ok') return;
    const decimals = Math.max(2, d.num!.decimals);
    ctx.emit({
      kind: 'change',
      severity: 'error',
      start: Math.min(a.start, b.start, d.start),
      end: Math.max(a.end, b.end, d.end),
      stated: d.raw,
      computed: showNumber(ratio, decimals),
      suggestion: showNumber(ratio, d.num!.decimals),
      message: `Văn bản ghi gấp ${d.raw} lần nhưng ${b.raw}/${a.raw} = ${showNumber(ratio, decimals)} lần. Đề nghị sửa thành ${showNumber(ratio, d.num!.decimals)} lần.`,
    });
    return;
  }
  let exact: number;
  let shown: (v: number) => string;
  let suggestion: string;
  if (a.kind === 'pct' && b.kind === 'pct') {
    // Between two rates only a change in points is unambiguous.
    if (!points) return;
    exact = Math.abs(B - A);
    shown = (v) => `${showNumber(v, Math.max(d.num!.decimals, 1))} điểm phần trăm`;
    suggestion = showNumber(exact, d.num!.decimals);
  } else if (a.kind === 'num' && b.kind === 'num') {
    if (points) return;
    if (d.kind === 'pct') {
      if (A === 0) return;
      exact = (Math.abs(B - A) / A) * 100;
      shown = (v) => showComputedPercent(v, d.num!.decimals);
      suggestion = suggestPercent(exact, d.num!.decimals);
    } else {
      // At the precision the figures are written with: "giảm 1,5 ngày" from 7 to 5,5.
      const decimals = Math.max(a.num!.decimals, b.num!.decimals, d.num!.decimals);
      exact = Math.abs(B - A);
      shown = (v) => showNumber(v, decimals);
      suggestion = showNumber(exact, decimals);
    }
  } else return;
  const span = {
    start: Math.min(a.start, b.start, d.start),
    end: Math.max(a.end, b.end, d.end),
  };
  const word = c.rise ? 'tăng' : 'giảm';
  const fromTo = `từ ${a.raw} ${B >= A ? 'lên' : 'xuống'} ${b.raw}`;
  if (B !== A && B > A !== c.rise) {
    ctx.emit({
      kind: 'change',
      severity: 'error',
      start: span.start,
      end: span.end,
      stated: `${word} ${d.raw}${points ? ' điểm phần trăm' : ''}`,
      computed: `${B > A ? 'tăng' : 'giảm'} ${shown(exact)}`,
      suggestion: null,
      message: `Văn bản ghi ${word} ${d.raw}${points ? ' điểm phần trăm' : ''} nhưng ${fromTo} là ${B > A ? 'tăng' : 'giảm'} ${shown(exact)}. Đề nghị kiểm tra lại.`,
    });
    return;
  }
  const result = d.kind === 'pct' ? agree(d.num!, exact, d.approx) : agree(d.num!, exact);
  if (result === 'ok') return;
  const unit = points ? ' điểm phần trăm' : '';
  ctx.emit({
    kind: 'change',
    severity: result === 'truncated' || d.approx === 'about' ? 'warning' : 'error',
    start: span.start,
    end: span.end,
    stated: d.raw,
    computed: shown(exact),
    suggestion: d.approx ? null : suggestion,
    message: `Mức ${word} ghi ${d.raw}${unit} nhưng ${fromTo} là ${word} ${shown(exact)}. Đề nghị sửa thành ${suggestion}${unit}.`,
  });
}

/** Check 8 over one sentence. */
export function checkChanges(ctx: ParagraphContext, sentence: Range): void {
  for (const clause of splitTopLevel(ctx.text, sentence.start, sentence.end, ';'))
    for (const c of changesIn(ctx, clause)) evaluate(ctx, c);
}

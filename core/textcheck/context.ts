/**
 * One paragraph prepared for the checks: its text, figures, sentences, and a way to record a
 * finding about a span of it.
 */
import { depths, sentences, type Range } from './segment.js';
import { tokenize, type Token } from './tokens.js';
import type { Severity, TextFinding, TextFindingKind } from './types.js';

export interface ParagraphContext {
  /** 1-based. */
  index: number;
  text: string;
  lower: string;
  tokens: Token[];
  sentences: Range[];
  /** Bracket depth before each character. */
  depth: Int16Array;
  /** Tokens already explained by a check (a rate paired with its fraction…), by start offset. */
  used: Set<number>;
  emit(f: Omit<TextFinding, 'paragraph' | 'text' | 'sentence'>): void;
}

export function paragraphContext(index: number, text: string, out: TextFinding[]): ParagraphContext {
  const sents = sentences(text);
  return {
    index,
    text,
    lower: text.toLowerCase(),
    tokens: tokenize(text),
    sentences: sents,
    depth: depths(text),
    used: new Set(),
    emit(f) {
      // A span that opens a bracket takes its closing one too: "1.234 người (chiếm 47,6%)".
      let end = f.end;
      const opened = (text.slice(f.start, end).match(/\(/g) ?? []).length;
      const closed = (text.slice(f.start, end).match(/\)/g) ?? []).length;
      if (opened > closed) {
        const close = text.indexOf(')', end);
        if (close >= 0 && close - end <= 40 && !text.slice(end, close).includes('(')) end = close + 1;
      }
      f = { ...f, end };
      const s = sents.find((r) => r.start <= f.start && f.start < r.end) ?? { start: 0, end: text.length };
      out.push({
        kind: f.kind,
        severity: f.severity,
        paragraph: index,
        start: f.start,
        end: f.end,
        text: text.slice(f.start, f.end),
        sentence: text.slice(s.start, Math.max(s.end, f.end)),
        stated: f.stated,
        computed: f.computed,
        suggestion: f.suggestion,
        message: f.message,
        ...(f.indicator ? { indicator: f.indicator } : {}),
        ...(f.original ? { original: f.original } : {}),
      });
    },
  };
}

/** Tokens inside a range. */
export function tokensIn(ctx: ParagraphContext, r: Range): Token[] {
  return ctx.tokens.filter((t) => t.start >= r.start && t.end <= r.end);
}

/** Money scale words and their factors: "1,2 tỷ đồng" is 1,2 × 10⁹ đồng. */
export const MONEY_SCALES: Readonly<Record<string, number>> = { nghìn: 1e3, ngàn: 1e3, triệu: 1e6, tỷ: 1e9 };

/** The money scale word written right after a figure ("1,2 tỷ đồng" → "tỷ"), if one is. */
export function scaleWordAfter(ctx: ParagraphContext, t: Token): string | undefined {
  return /^\s*(nghìn|ngàn|triệu|tỷ)(?!\p{L})/u.exec(ctx.lower.slice(t.end, t.end + 10))?.[1];
}

/**
 * Up to `n` words right after a figure ("1.854 hồ sơ." → "hồ sơ": letters only, never the full
 * stop), lower-case unless `raw`; '' when a mark or another figure comes first.
 */
export function wordsAfter(ctx: ParagraphContext, t: Token, n = 2, raw = false): string {
  const m = /^\s*(\p{L}+(?:\s+\p{L}+)*)/u.exec((raw ? ctx.text : ctx.lower).slice(t.end, t.end + 40));
  return m ? (m[1] as string).split(/\s+/u).slice(0, n).join(' ') : '';
}

/** Kinds that are figures of the text's argument (not dates, years, codes). */
export function significant(t: Token): boolean {
  return t.kind === 'num' || t.kind === 'pct' || t.kind === 'frac';
}

/**
 * The figures before a footnote's mark at offset `at`, outside brackets the mark is outside of
 * ("… 93 cán bộ … (… buộc thôi việc 11)⁵" gives 93, not 11); with `sentence`, only those of the
 * sentence the mark is in.
 */
export function figuresBeforeMark(ctx: ParagraphContext, at: number, sentence = false): Token[] {
  const depth = ctx.depth[Math.min(at, ctx.text.length - 1)] ?? 0;
  const from = sentence ? (ctx.sentences.filter((r) => r.start <= Math.max(0, at - 1)).pop()?.start ?? 0) : 0;
  return ctx.tokens.filter(
    (t) => significant(t) && t.start >= from && t.end <= at && (ctx.depth[t.start] ?? 0) === depth,
  );
}

export type { Severity, TextFindingKind };

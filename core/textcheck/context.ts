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
      });
    },
  };
}

/** Tokens inside a range. */
export function tokensIn(ctx: ParagraphContext, r: Range): Token[] {
  return ctx.tokens.filter((t) => t.start >= r.start && t.end <= r.end);
}

/** Kinds that are figures of the text's argument (not dates, years, codes). */
export function significant(t: Token): boolean {
  return t.kind === 'num' || t.kind === 'pct' || t.kind === 'frac';
}

export type { Severity, TextFindingKind };

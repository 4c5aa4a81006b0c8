/**
 * Paragraphs set the way pdfmake sets them, for documents that were laid out with pdfmake and
 * must look exactly as before (the report): words split at Unicode line-break opportunities
 * (UAX #14, the `linebreak` package pdfmake and pdfkit use: after spaces, after a hyphen or a
 * slash…), each word with its trailing spaces one inline; a line takes inlines while they fit
 * (a word glued to the next inline — a footnote mark after its word — moves with it); a word
 * wider than the line is cut between characters; a first-line indent; left, centre, right or
 * justified lines (the slack of a justified line goes to the spaces between words only, never
 * inside "08-NQ/TU"); superscripts at 58 % of the size, raised by 75 % of it.
 *
 * Widths come from the flow engine's per-process word measurements (core/pdf/flow/text.ts);
 * lines are plain flow `Line`s whose pieces are already positioned, drawn by `drawLine`.
 */
import { createRequire } from 'node:module';
import {
  ascenderOf,
  cachedLines,
  lineHeightOf,
  measureShaped as measure,
  type FontStyle,
  type Line,
  type Piece,
} from './text.js';

/** A run of paragraph text. */
export interface InlineRun {
  text: string;
  style: FontStyle;
  size: number;
  color?: string;
  /** Superscript (a footnote mark). */
  sup?: boolean;
  /** A link to a named destination in the document (a footnote mark to its footnote). */
  goTo?: string;
  /** A tag reported with the lines the run lands on (see `SetLine.tags`). */
  tag?: string;
}

export type ParaAlign = 'left' | 'center' | 'right' | 'justify';

export interface ParaOptions {
  align?: ParaAlign;
  /** Factor of each font's line height. */
  lineHeight?: number;
  /** Indent of the first line. */
  leadingIndent?: number;
  /** Justify by widening the spaces between words only (default true). */
  wordJustify?: boolean;
}

/** A link area of a line, relative to the line's left and top. */
export interface LineLink {
  x: number;
  y: number;
  width: number;
  height: number;
  goTo: string;
}

/** A set line: a flow `Line` with pieces at their final x, plus what the layout reports. */
export interface SetLine extends Line {
  /** Offset of the line's text from the box's left edge (alignment), as pdfmake's `line.x`. */
  offset: number;
  links: LineLink[];
  /** `goTo` targets of the line's runs, in order. */
  destinations: string[];
  tags: string[];
  text: string;
}

/** One inline as pdfmake makes it: a word with its trailing spaces. */
interface Inline {
  text: string;
  run: InlineRun;
  size: number;
  width: number;
  height: number;
  ascent: number;
  leadingCut: number;
  trailingCut: number;
  lineEnd: boolean;
  noNewLine: boolean;
  x: number;
}

interface Breaker {
  nextBreak(): { position: number; required: boolean } | null;
}
let LineBreaker: (new (text: string) => Breaker) | undefined;

/** Words of a text at its line-break opportunities (see `splitWords`), cached per process. */
const wordCache = new Map<string, { text: string; lineEnd: boolean }[]>();
const WORD_CACHE_LIMIT = 50_000;

/** Texts with only letters, digits, spaces and these marks break only after spaces (UAX #14). */
const PLAIN = /^[\p{L}\p{M}\p{Nd} ,.;:()%"]*$/u;

/**
 * A text cut at its line-break opportunities (UAX #14), each word with the spaces after it;
 * a forced break ends its word (`lineEnd`).
 */
export function splitWords(text: string): { text: string; lineEnd: boolean }[] {
  let words = wordCache.get(text);
  if (words) return words;
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  words = [];
  if (text.length === 0) words.push({ text: '', lineEnd: false });
  else if (PLAIN.test(text)) {
    // The same breaks as UAX #14 gives such a text: after each run of spaces.
    const re = / +/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = m.index + m[0].length;
      words.push({ text: text.slice(last, end), lineEnd: false });
      last = end;
    }
    if (last < text.length) words.push({ text: text.slice(last), lineEnd: false });
  } else {
    LineBreaker ??= createRequire(createRequire(import.meta.url).resolve('pdfkit'))('linebreak') as new (
      text: string,
    ) => Breaker;
    const breaker = new LineBreaker(text);
    let last = 0;
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      let word = text.slice(last, bk.position);
      if (bk.required || /\r?\n$|\r$/.test(word)) {
        word = word.replace(/\r?\n$|\r$/, '');
        words.push({ text: word, lineEnd: true });
      } else words.push({ text: word, lineEnd: false });
      last = bk.position;
    }
  }
  wordCache.set(text, words);
  return words;
}

const LEADING = /^\s+/;
const TRAILING = /\s+$/;
const SPACE = /^\s$/;

function inlines(runs: readonly InlineRun[], lineHeight: number, leadingIndent: number): Inline[] {
  const out: Inline[] = [];
  let lastWord: string | null = null;
  runs.forEach((run, r) => {
    const words = splitWords(run.text);
    if (lastWord !== null && words.length > 0) {
      const first = (words[0] as { text: string }).text;
      if (splitWords(lastWord + first).length === 1) (out[out.length - 1] as Inline).noNewLine = true;
    }
    const size = run.sup ? run.size * 0.58 : run.size;
    for (const w of words) {
      const lead = SPACE.test(w.text.charAt(0)) ? LEADING.exec(w.text) : null;
      const trail = SPACE.test(w.text.charAt(w.text.length - 1)) ? TRAILING.exec(w.text) : null;
      out.push({
        text: w.text,
        run,
        size,
        width: measure(w.text, run.style, size),
        height: lineHeightOf(run.style, size) * lineHeight,
        ascent: ascenderOf(run.style, size),
        leadingCut: lead ? measure(lead[0], run.style, size) : 0,
        trailingCut: trail ? measure(trail[0], run.style, size) : 0,
        lineEnd: w.lineEnd,
        noNewLine: false,
        x: 0,
      });
    }
    const lastOfRun = words[words.length - 1];
    lastWord = r + 1 < runs.length && lastOfRun && !lastOfRun.lineEnd ? lastOfRun.text : null;
  });
  const first = out[0];
  if (first && leadingIndent) {
    const lead = LEADING.exec(first.text);
    first.leadingCut = -leadingIndent + (lead ? measure(lead[0], first.run.style, first.size) : 0);
  }
  return out;
}

/** pdfmake's `Line`: inlines placed one after another, leading and trailing spaces cut. */
class RawLine {
  leadingCut = 0;
  trailingCut = 0;
  inlineWidths = 0;
  inlines: Inline[] = [];
  newLineForced = false;
  lastLineInParagraph = false;

  constructor(readonly maxWidth: number) {}

  add(inline: Inline): void {
    if (this.inlines.length === 0) this.leadingCut = inline.leadingCut;
    this.trailingCut = inline.trailingCut;
    inline.x = this.inlineWidths - this.leadingCut;
    this.inlines.push(inline);
    this.inlineWidths += inline.width;
    if (inline.lineEnd) this.newLineForced = true;
  }

  get width(): number {
    return this.inlineWidths - this.leadingCut - this.trailingCut;
  }

  fits(inline: Inline, next: Inline[], from: number): boolean {
    if (this.inlines.length === 0) return true;
    if (this.newLineForced) return false;
    let w = inline.width;
    let cut = inline.trailingCut;
    if (inline.noNewLine) {
      for (let i = from; i < next.length; i++) {
        const n = next[i] as Inline;
        w += n.width;
        cut += n.trailingCut;
        if (!n.noNewLine) break;
      }
    }
    return this.inlineWidths + w - this.leadingCut - cut <= this.maxWidth;
  }
}

/** The longest prefix (in UTF-16 units, at least 1) of `text` no wider than `max`. */
function maxFit(text: string, max: number, width: (t: string) => number): number {
  let low = 1;
  let high = text.length;
  let best = 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (width(text.substring(0, mid)) <= max) {
      best = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return best;
}

function rawLines(all: Inline[], width: number): RawLine[] {
  const lines: RawLine[] = [];
  const queue = all.slice();
  let i = 0;
  while (i < queue.length) {
    const line = new RawLine(width);
    let force = false;
    while (i < queue.length && (line.fits(queue[i] as Inline, queue, i + 1) || force)) {
      let hard = false;
      const inline = queue[i] as Inline;
      i++;
      const available = line.maxWidth - line.width;
      if (inline.text.length > 1 && inline.width > available) {
        const m = (t: string): number => measure(t, inline.run.style, inline.size);
        const n = maxFit(inline.text, available, m);
        if (n < inline.text.length) {
          const rest: Inline = { ...inline, text: inline.text.substr(n) };
          rest.width = m(rest.text);
          inline.text = inline.text.substr(0, n);
          inline.width = m(inline.text);
          queue.splice(i, 0, rest);
          hard = true;
        }
      }
      line.add(inline);
      force = inline.noNewLine && !hard;
    }
    line.lastLineInParagraph = i >= queue.length;
    lines.push(line);
  }
  return lines;
}

/** Move the slack spread over every inline of a justified line onto the word spaces only. */
function rejustify(inl: Inline[], shift: number): void {
  const gaps = inl.map((_, i) => i > 0 && /\s$/.test(inl[i - 1]?.text ?? ''));
  const k = gaps.filter(Boolean).length;
  if (k === 0) return;
  const per = (shift * (inl.length - 1)) / k;
  let opened = 0;
  inl.forEach((x, i) => {
    if (i === 0) return;
    if (gaps[i]) opened++;
    x.x += opened * per - i * shift;
  });
}

function setLine(line: RawLine, width: number, align: ParaAlign, wordJustify: boolean): SetLine {
  const inl = line.inlines;
  const lineWidth = line.width;
  let offset = 0;
  if (align === 'right') offset = width - lineWidth;
  else if (align === 'center') offset = (width - lineWidth) / 2;
  if (align === 'justify' && !line.newLineForced && !line.lastLineInParagraph && inl.length > 1) {
    const extra = (width - lineWidth) / (inl.length - 1);
    for (let i = 1; i < inl.length; i++) inl[i]!.x += i * extra;
    if (wordJustify) rejustify(inl, extra);
  }
  let height = 0;
  let ascent = 0;
  for (const x of inl) {
    height = Math.max(height, x.height);
    ascent = Math.max(ascent, x.ascent);
  }
  const pieces: Piece[] = [];
  const links: LineLink[] = [];
  const destinations: string[] = [];
  const tags: string[] = [];
  let text = '';
  for (const x of inl) {
    const rise = x.run.sup ? x.size * 0.75 : 0;
    pieces.push({
      text: x.text,
      style: x.run.style,
      size: x.size,
      color: x.run.color,
      x: x.x,
      width: x.width,
      ...(rise ? { rise } : {}),
      kernSpaces: true,
    });
    if (x.run.goTo) {
      destinations.push(x.run.goTo);
      links.push({
        x: offset + x.x,
        y: ascent - x.ascent - rise,
        width: x.width,
        height: lineHeightOf(x.run.style, x.size),
        goTo: x.run.goTo,
      });
    }
    if (x.run.tag) tags.push(x.run.tag);
    text += x.text;
  }
  // Pieces carry the alignment offset; the line is drawn left-aligned.
  for (const p of pieces) p.x += offset;
  return { pieces, width: lineWidth, height, ascent, offset, links, destinations, tags, text };
}

/** Set paragraphs by their runs, width and options: the same texts are set again and again
 * (every pass of a layout, every document); set lines are never changed once made. */
const paraCache = new Map<string, SetLine[]>();

/**
 * Set `runs` as a paragraph `width` points wide. Each line's pieces are at their final x
 * (alignment, indent and justification included): draw them with `drawLine(…, 'left')`.
 * The lines returned are shared: do not change them.
 */
export function setParagraph(runs: readonly InlineRun[], width: number, opts: ParaOptions = {}): SetLine[] {
  let key = `${width}|${opts.align ?? ''}|${opts.lineHeight ?? ''}|${opts.leadingIndent ?? ''}|${opts.wordJustify ?? ''}`;
  for (const r of runs)
    key += `\u0001${r.style}|${r.size}|${r.color ?? ''}|${r.sup ? 1 : 0}|${r.goTo ?? ''}|${r.tag ?? ''}|${r.text}`;
  return cachedLines(paraCache, key, () => setUncached(runs, width, opts));
}

function setUncached(runs: readonly InlineRun[], width: number, opts: ParaOptions): SetLine[] {
  const lineHeight = opts.lineHeight ?? 1;
  const all = inlines(
    runs.map((r) => ({ ...r, text: r.text.normalize('NFC') })),
    lineHeight,
    opts.leadingIndent ?? 0,
  );
  if (all.length === 0) return [];
  return rawLines(all, width).map((l) => setLine(l, width, opts.align ?? 'left', opts.wordJustify ?? true));
}

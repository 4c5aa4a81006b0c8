/**
 * A small text engine for documents drawn straight with pdfkit (no pdfmake): the embedded
 * Tinos fonts parsed once per process, word widths measured once per process, greedy line
 * breaking at spaces (a word wider than the line is cut between characters, a `noWrap` run
 * is never cut), and lines drawn as pdfkit text fragments.
 *
 * Metrics follow pdfmake's, so that text set here looks as it did: a line is as high as its
 * tallest run (`font.lineHeight(size) × lineHeight`), its baseline sits at the largest
 * ascender of its runs.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { cachedFontFile, prepareFontkit } from '../font-cache.js';
import { installPdfkitSpeedups } from '../pdfkit-speedups.js';
import { Shaper, type FontkitFont } from './glyphs.js';

export type FontStyle = 'normal' | 'bold' | 'italics' | 'bolditalics';
export const FONT_STYLES: readonly FontStyle[] = ['normal', 'bold', 'italics', 'bolditalics'];

const FONT_FILES: Record<FontStyle, string> = {
  normal: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italics: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalics: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

/** A run of text in one style. */
export interface Run {
  text: string;
  style: FontStyle;
  size: number;
  /** `#rrggbb`; default black. */
  color?: string;
  /** Never broken across lines (file names). */
  noWrap?: boolean;
}

/** A piece of a laid-out line: text of one style, at `x` from the line's start. */
export interface Piece {
  text: string;
  style: FontStyle;
  size: number;
  color: string | undefined;
  x: number;
  width: number;
  /** Baseline raised by this much (a superscript); 0 when absent. */
  rise?: number;
  /** Kerned next to spaces too (as fontkit shapes a whole text), not within words only. */
  kernSpaces?: boolean;
}

export interface Line {
  pieces: Piece[];
  /** Width of the text (trailing spaces not counted). */
  width: number;
  height: number;
  /** From the line's top to its baseline. */
  ascent: number;
}

/** The parts of pdfkit's embedded font used to write text. */
interface EmbeddedFont {
  id: string;
  font: FontkitFont;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
  ref(): unknown;
}

/** The minimal pdfkit document surface used here. */
export interface PdfDoc {
  registerFont(name: string, src: Buffer): PdfDoc;
  font(name: string): PdfDoc;
  fontSize(size: number): PdfDoc;
  fillColor(color: string): PdfDoc;
  _font: EmbeddedFont;
  page: { fonts: Record<string, unknown> };
  addContent(op: string): PdfDoc;
  [key: string]: unknown;
}

interface Metrics {
  /** Per point of font size. */
  ascender: number;
  /** lineHeight(size) / size, as pdfkit computes it. */
  lineHeight: number;
  widths: Map<string, number>;
  shaper: Shaper;
  space: number;
}

/** Stand-in font files (see font-cache.ts) and metrics, per style, made on first use. */
const standIns: Partial<Record<FontStyle, Buffer>> = {};
const metrics: Partial<Record<FontStyle, Metrics>> = {};
/** Distinct words measured per style before the cache is cleared (bounds memory). */
const WIDTH_CACHE_LIMIT = 100_000;

function fontFile(style: FontStyle): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`@expo-google-fonts/tinos/${FONT_FILES[style]}`);
}

/** The stand-in file of a style: each font read and parsed once per process, when first used. */
function standIn(style: FontStyle): Buffer {
  let file = standIns[style];
  if (!file) {
    prepareFontkit();
    installPdfkitSpeedups();
    // The same keys as the pdfmake documents use: one parse per process for both.
    file = cachedFontFile(`tinos-${style}.ttf`, () => readFileSync(fontFile(style)));
    standIns[style] = file;
  }
  return file;
}

let PDFDocumentClass: (new (options: object) => PdfDoc) | undefined;
let fontkit: { create(b: Buffer): FontkitFont } | undefined;

/**
 * A new pdfkit document. The Tinos styles are registered in it under their style names as
 * text uses them (a style no text uses is neither read nor embedded).
 */
export function newDocument(options: object): PdfDoc {
  if (!PDFDocumentClass) {
    prepareFontkit();
    installPdfkitSpeedups();
    const require = createRequire(import.meta.url);
    PDFDocumentClass = require('pdfkit') as new (options: object) => PdfDoc;
  }
  return new PDFDocumentClass(options);
}

function fontMetrics(style: FontStyle): Metrics {
  let m = metrics[style];
  if (!m) {
    // fontkit's speed-ups are in place before fontkit first loads (text may be measured
    // before any document is made).
    prepareFontkit();
    // The fontkit instance pdfkit uses, where the stand-in files are known.
    fontkit ??= createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as {
      create(b: Buffer): FontkitFont;
    };
    const font = fontkit.create(standIn(style));
    const scale = 1 / font.unitsPerEm;
    const shaper = new Shaper(font);
    m = {
      ascender: font.ascent * scale,
      lineHeight: (font.ascent - font.descent) * scale,
      widths: new Map(),
      shaper,
      space: shaper.advance(' ') * scale,
    };
    metrics[style] = m;
  }
  return m;
}

/** Width of `word` at size 1 (cached per process). */
function unitWidth(m: Metrics, word: string): number {
  let w = m.widths.get(word);
  if (w === undefined) {
    if (m.widths.size >= WIDTH_CACHE_LIMIT) m.widths.clear();
    w = m.shaper.advance(word) / m.shaper.unitsPerEm;
    m.widths.set(word, w);
  }
  return w;
}

/**
 * Width in points of `text` shaped as one piece, pairs next to spaces kerned too (as
 * fontkit's layout measures a text, and pdfmake measured each word with its spaces).
 */
export function measureShaped(text: string, style: FontStyle, size: number): number {
  const m = fontMetrics(style);
  const key = `\u0002${text}`;
  let w = m.widths.get(key);
  if (w === undefined) {
    if (m.widths.size >= WIDTH_CACHE_LIMIT) m.widths.clear();
    w = m.shaper.advance(text) / m.shaper.unitsPerEm;
    m.widths.set(key, w);
  }
  return w * size;
}

/** Width in points of `text` (spaces included) in `style` at `size`. */
export function measure(text: string, style: FontStyle, size: number): number {
  const m = fontMetrics(style);
  let w = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 32) {
      if (i > start) w += unitWidth(m, text.slice(start, i));
      if (i < text.length) w += m.space;
      start = i + 1;
    }
  }
  return w * size;
}

/** pdfkit's `lineHeight(size)` of `style`. */
export function lineHeightOf(style: FontStyle, size: number): number {
  return fontMetrics(style).lineHeight * size;
}

export function ascenderOf(style: FontStyle, size: number): number {
  return fontMetrics(style).ascender * size;
}

/** A word (or part of one) as the line breaker sees it. */
interface Token {
  text: string;
  run: Run;
  width: number;
  /** Width of the space that follows (0 when none). */
  space: number;
  /** The next token continues the same word (no break possible between them). */
  glued: boolean;
  /** A line break follows. */
  newline: boolean;
}

function tokens(runs: readonly Run[]): Token[] {
  const out: Token[] = [];
  for (const run of runs) {
    const m = fontMetrics(run.style);
    const last = out[out.length - 1];
    if (run.noWrap) {
      // One unbreakable token; its spaces are kept.
      const parts = run.text.split('\n');
      parts.forEach((part, i) => {
        out.push({
          text: part,
          run,
          width: measure(part, run.style, run.size),
          space: 0,
          glued: i === parts.length - 1,
          newline: i < parts.length - 1,
        });
      });
      continue;
    }
    let word = '';
    let start = true;
    const flush = (space: boolean, newline: boolean): void => {
      if (word !== '' || space || newline) {
        out.push({
          text: word,
          run,
          width: word === '' ? 0 : unitWidth(m, word) * run.size,
          space: space ? m.space * run.size : 0,
          glued: !space && !newline,
          newline,
        });
      }
      word = '';
    };
    for (let i = 0; i < run.text.length; i++) {
      const c = run.text.charCodeAt(i);
      if (c === 32) {
        if (start && word === '' && last && !last.newline && last.space === 0) {
          // A run starting with a space ends the previous word.
          last.space = m.space * run.size;
          last.glued = false;
          start = false;
          continue;
        }
        flush(true, false);
      } else if (c === 10) {
        flush(false, true);
      } else {
        word += run.text[i];
      }
      start = false;
    }
    flush(false, false);
  }
  // The last token glues to nothing.
  const tail = out[out.length - 1];
  if (tail) tail.glued = false;
  return out;
}

/** Cut a token wider than `max` into pieces that fit, between characters. */
function cut(token: Token, max: number): Token[] {
  const out: Token[] = [];
  const chars = Array.from(token.text);
  let part = '';
  for (const ch of chars) {
    const next = part + ch;
    if (part !== '' && measure(next, token.run.style, token.run.size) > max) {
      out.push({
        ...token,
        text: part,
        width: measure(part, token.run.style, token.run.size),
        space: 0,
        glued: false,
        newline: false,
      });
      part = ch;
    } else {
      part = next;
    }
  }
  out.push({ ...token, text: part, width: measure(part, token.run.style, token.run.size) });
  return out;
}

function lineOf(toks: Token[], lineHeight: number): Line {
  const pieces: Piece[] = [];
  let x = 0;
  let width = 0;
  let height = 0;
  let ascent = 0;
  toks.forEach((t, i) => {
    const last = pieces[pieces.length - 1];
    const isLast = i === toks.length - 1;
    const text = isLast || t.space === 0 ? t.text : `${t.text} `;
    const w = t.width + (isLast ? 0 : t.space);
    const color = t.run.color;
    if (last && last.style === t.run.style && last.size === t.run.size && last.color === color) {
      last.text += text;
      last.width += w;
    } else if (text !== '' || pieces.length === 0) {
      pieces.push({ text, style: t.run.style, size: t.run.size, color, x, width: w });
    }
    x += w;
    if (t.text !== '') width = x - (isLast ? 0 : t.space);
    height = Math.max(height, lineHeightOf(t.run.style, t.run.size) * lineHeight);
    ascent = Math.max(ascent, ascenderOf(t.run.style, t.run.size));
  });
  return { pieces, width, height, ascent };
}

/**
 * Break `runs` into lines no wider than `max` points: at spaces and line feeds; a word (a run
 * of non-space text, across styles) wider than the line is cut between characters, unless it
 * is `noWrap`, which overflows. `lineHeight`: a factor of each font's line height. An empty
 * text is one empty line, as high as its font's line.
 */
export function breakLines(runs: readonly Run[], max: number, lineHeight = 1): Line[] {
  // The same texts come back unit after unit (labels, items, headers): lines are immutable.
  let key = `${max}|${lineHeight}`;
  for (const r of runs) key += `\u0001${r.style}|${r.size}|${r.color ?? ''}|${r.noWrap ? 1 : 0}|${r.text}`;
  return cachedLines(lineCache, key, () => breakUncached(runs, max, lineHeight));
}

/**
 * The lines laid out for `key` (text, fonts, width…) in `cache`, laid out by `make` the first
 * time. Laid-out lines are never changed, so they are shared; the cache is emptied when full.
 */
export function cachedLines<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let lines = cache.get(key);
  if (lines === undefined) {
    if (cache.size >= LINE_CACHE_LIMIT) cache.clear();
    lines = make();
    cache.set(key, lines);
  }
  return lines;
}

const lineCache = new Map<string, Line[]>();
const LINE_CACHE_LIMIT = 20_000;

function breakUncached(runs: readonly Run[], max: number, lineHeight: number): Line[] {
  const all = tokens(runs);
  const first = runs[0];
  if (all.length === 0) {
    if (!first) return [];
    return [
      {
        pieces: [],
        width: 0,
        height: lineHeightOf(first.style, first.size) * lineHeight,
        ascent: ascenderOf(first.style, first.size),
      },
    ];
  }
  const lines: Line[] = [];
  let current: Token[] = [];
  /** Width of `current`, with the space after its last token. */
  let used = 0;
  const end = (): void => {
    lines.push(lineOf(current, lineHeight));
    current = [];
    used = 0;
  };
  for (let i = 0; i < all.length;) {
    // A word: tokens glued to each other.
    let j = i;
    let width = 0;
    while (true) {
      const t = all[j] as Token;
      width += t.width + (t.glued ? 0 : 0);
      if (!t.glued || j === all.length - 1) break;
      width += t.space;
      j++;
    }
    const word = all.slice(i, j + 1);
    const lastOfWord = word[word.length - 1] as Token;
    if (current.length > 0 && used + width > max + 0.01) end();
    if (current.length === 0 && width > max + 0.01 && !word.some((t) => t.run.noWrap)) {
      // Cut the word: its tokens one by one, each cut if it must be.
      for (const t of word) {
        const parts = t.width > max - used ? cut(t, max) : [t];
        for (const p of parts) {
          if (current.length > 0 && used + p.width > max + 0.01) end();
          current.push(p);
          used += p.width + p.space;
        }
      }
    } else {
      current.push(...word);
      used += width + lastOfWord.space;
    }
    if (lastOfWord.newline) end();
    i = j + 1;
  }
  if (current.length > 0 || lines.length === 0 || (all[all.length - 1] as Token).newline) {
    if (current.length === 0) {
      const t = all[all.length - 1] as Token;
      current.push({ ...t, text: '', width: 0, space: 0, newline: false });
    }
    end();
  }
  return lines;
}

export type Align = 'left' | 'center' | 'right';

const num = (n: number): string => String(Math.round(n * 1000) / 1000);

function rgb(color: string | undefined): string {
  const hex = color ?? '#000000';
  const v = (i: number): string => num(parseInt(hex.slice(i, i + 2), 16) / 255);
  return `${v(1)} ${v(3)} ${v(5)} rg`;
}
const rgbCache = new Map<string | undefined, string>();

/** The TJ array of `text` in `font`: subset glyph ids in hex, kerning between them. */
function encode(ef: EmbeddedFont, shaper: Shaper, text: string, kernSpaces = false): string {
  let out = '[<';
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) cp = text.codePointAt(i++) as number;
    const g = shaper.glyph(cp);
    // Kerned within words only, as text is measured (and as pdfkit measures it).
    if (prev >= 0 && (kernSpaces || cp !== 32)) {
      const k = shaper.kern(prev, g.id);
      if (k !== 0) out += `> ${num((-k * 1000) / shaper.unitsPerEm)} <`;
    }
    const gid = ef.subset.includeGlyph(g.id);
    if (ef.widths[gid] === undefined) ef.widths[gid] = g.advance * ef.scale;
    if (ef.unicode[gid] === undefined) ef.unicode[gid] = g.codePoints;
    out += (gid < 0x10 ? '000' : gid < 0x100 ? '00' : gid < 0x1000 ? '0' : '') + gid.toString(16);
    prev = cp === 32 && !kernSpaces ? -1 : g.id;
  }
  return `${out}>] TJ`;
}

/** A document's fonts, encoded texts, and what its current page's graphics state holds. */
interface DocState {
  /** The styles used so far, registered in the document. */
  fonts: Partial<Record<FontStyle, EmbeddedFont>>;
  /** Encoded texts per style (glyph ids are the document's subset's). */
  encoded: Record<FontStyle, Map<string, string>>;
  page: unknown;
  fill: string | undefined | null;
  font: string;
  stroke: string;
}

const states = new WeakMap<PdfDoc, DocState>();

/**
 * The document's drawing state, on its current page: what was last set there (fill colour,
 * font and size, stroke) so that it is not written again. Every page starts afresh.
 */
function stateOf(doc: PdfDoc): DocState {
  let st = states.get(doc);
  if (!st) {
    const encoded = {} as Record<FontStyle, Map<string, string>>;
    for (const style of FONT_STYLES) encoded[style] = new Map();
    st = { fonts: {}, encoded, page: undefined, fill: null, font: '', stroke: '' };
    states.set(doc, st);
  }
  if (st.page !== doc.page) {
    st.page = doc.page;
    st.fill = null;
    st.font = '';
    st.stroke = '';
  }
  return st;
}

function fillOp(st: DocState, color: string | undefined): string {
  if (st.fill === color) return '';
  st.fill = color;
  let op = rgbCache.get(color);
  if (!op) rgbCache.set(color, (op = rgb(color)));
  return `${op}\n`;
}

/**
 * Draw `line` with its top at `y`, aligned in a box of `width` starting at `x`: one text
 * object, each piece in its font, size and colour (the page is in pdfkit's y-down space).
 */
export function drawLine(doc: PdfDoc, line: Line, x: number, y: number, width: number, align: Align = 'left'): void {
  if (line.pieces.length === 0) return;
  const dx = align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0;
  const st = stateOf(doc);
  const pageFonts = doc.page.fonts;
  const baseline = num(y + line.ascent);
  let ops = 'BT\n';
  for (const p of line.pieces) {
    if (p.text === '') continue;
    let ef = st.fonts[p.style];
    if (!ef) {
      doc.registerFont(p.style, standIn(p.style));
      ef = doc.font(p.style)._font;
      st.fonts[p.style] = ef;
    }
    if (pageFonts[ef.id] === undefined) pageFonts[ef.id] = ef.ref();
    ops += fillOp(st, p.color);
    const font = `/${ef.id} ${num(p.size)} Tf`;
    if (font !== st.font) {
      ops += `${font}\n`;
      st.font = font;
    }
    const cache = st.encoded[p.style];
    const key = p.kernSpaces ? `\u0002${p.text}` : p.text;
    let tj = cache.get(key);
    if (tj === undefined) {
      tj = encode(ef, fontMetrics(p.style).shaper, p.text, p.kernSpaces);
      cache.set(key, tj);
    }
    ops += `1 0 0 -1 ${num(x + dx + p.x)} ${p.rise ? num(y + line.ascent - p.rise) : baseline} Tm\n${tj}\n`;
  }
  doc.addContent(`${ops}ET`);
}

/** Fill rectangles (`[x, y, w, h]`, y-down) in one colour. */
export function fillRects(
  doc: PdfDoc,
  color: string,
  rects: readonly (readonly [number, number, number, number])[],
): void {
  if (rects.length === 0) return;
  const st = stateOf(doc);
  let ops = fillOp(st, color);
  for (const [x, y, w, h] of rects) ops += `${num(x)} ${num(y)} ${num(w)} ${num(h)} re\n`;
  doc.addContent(`${ops}f`);
}

/** Stroke line segments (`[x1, y1, x2, y2]`) in black, `width` points wide. */
export function strokeLines(
  doc: PdfDoc,
  width: number,
  lines: readonly (readonly [number, number, number, number])[],
): void {
  if (lines.length === 0) return;
  const st = stateOf(doc);
  let ops = '';
  const stroke = `0 0 0 RG ${num(width)} w`;
  if (st.stroke !== stroke) {
    ops += `${stroke}\n`;
    st.stroke = stroke;
  }
  for (const [x1, y1, x2, y2] of lines) ops += `${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l\n`;
  doc.addContent(`${ops}S`);
}

/** Total height of `lines`. */
export function heightOf(lines: readonly Line[]): number {
  let h = 0;
  for (const l of lines) h += l.height;
  return h;
}

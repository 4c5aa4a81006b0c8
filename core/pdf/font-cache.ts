/**
 * Parse each embedded font once per process instead of once per document.
 *
 * pdfkit parses a font file anew for every document (fontkit.create), which costs about
 * 50 ms per font style per document and dominates batches of small PDFs (forty
 * checklists). fontkit lets us register extra font formats: pdfmake is handed a tiny
 * stand-in file whose format resolves to the font object parsed once here. A fontkit font
 * is read-only after parsing (each document still makes its own subset), and pdfkit uses
 * it synchronously, so sharing it between documents is safe.
 *
 * Shaping results (fontkit `layout`, the costliest step of measuring text) are memoised on
 * the shared font too. pdfkit scales the positions of a run it receives in place, so every
 * call gets its own copy of the positions.
 */
import { createRequire } from 'node:module';
import {
  deferBrotli,
  deferGlyphNames,
  deferMarkTables,
  deferUnusedModules,
  memoiseLookups,
  nativeInflate,
} from './fontkit-speedups.js';
import { fastGlyphSubsets, memoiseGlyphDecoding } from './pdfkit-speedups.js';

const MAGIC = Buffer.from('TONGHOP-CACHED-FONT:');

interface Fontkit {
  create(buffer: Uint8Array): object;
  registerFormat(format: unknown): void;
}

interface GlyphRun {
  glyphs: unknown[];
  positions: object[];
}
interface ShapingFont {
  layout(text: string, features?: unknown, ...rest: unknown[]): GlyphRun;
}

const parsed = new Map<string, object>();
/** How to read each registered font not parsed yet (parsed when a document first uses it). */
const pending = new Map<string, () => Uint8Array>();
/** Distinct texts shaped per font before the memo is cleared (bounds memory). */
const MEMO_LIMIT = 50_000;

function copyRun(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p) =>
    Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p),
  );
  return copy;
}

function memoiseShaping(font: ShapingFont): void {
  const layout = font.layout.bind(font);
  let memo = new Map<string, GlyphRun>();
  font.layout = (text: string, features?: unknown, ...rest: unknown[]): GlyphRun => {
    if (features !== undefined || rest.length > 0) return layout(text, features, ...rest);
    let run = memo.get(text);
    if (!run) {
      if (memo.size >= MEMO_LIMIT) memo = new Map();
      run = layout(text);
      memo.set(text, run);
    }
    return copyRun(run);
  };
}
interface SharedGlyph {
  codePoints: number[];
}
interface GlyphSource {
  getGlyph(id: number, codePoints?: number[]): SharedGlyph | null;
}

/**
 * fontkit keeps the first glyph object it makes for an id, with the characters it was made
 * for. A document's subsetting asks for the components of composite glyphs ("ả" is "a" and
 * a hook) without characters; with the font shared, a later document that writes a plain
 * "a" would get that character-less glyph, and pdfkit would map it to no text in the PDF's
 * ToUnicode table ("kiểm tr , giám sát" when copied or searched). A glyph made without
 * characters takes those of the first text that uses it.
 */
function keepGlyphCharacters(font: GlyphSource): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints?: number[]): SharedGlyph | null => {
    const glyph = codePoints === undefined ? getGlyph(id) : getGlyph(id, codePoints);
    if (glyph && codePoints && codePoints.length > 0 && glyph.codePoints.length === 0) glyph.codePoints = codePoints;
    return glyph;
  };
}

let fontkit: Fontkit | undefined;

function keyOf(buffer: Uint8Array): string | undefined {
  if (buffer.length <= MAGIC.length) return undefined;
  if (!Buffer.from(buffer.buffer, buffer.byteOffset, MAGIC.length).equals(MAGIC)) return undefined;
  return Buffer.from(buffer.buffer, buffer.byteOffset + MAGIC.length, buffer.length - MAGIC.length).toString('utf8');
}

/** A font "format" recognised by its magic prefix; constructing it yields the cached font. */
class CachedFontFormat {
  static probe(buffer: Uint8Array): boolean {
    const key = keyOf(buffer);
    return key !== undefined && (parsed.has(key) || pending.has(key));
  }

  constructor(stream: { buffer: Uint8Array }) {
    const key = keyOf(stream.buffer);
    const font = key === undefined ? undefined : parseFont(key);
    if (!font) throw new Error('cached font missing');
    // Returning an object from a constructor makes `new` yield it: the shared fontkit font.
    return font as CachedFontFormat;
  }
}

/** Where pdfkit is: fontkit is the one it resolves. */
const pdfkitMain = (): string => createRequire(import.meta.url).resolve('pdfkit');

/**
 * Call before pdfkit (or pdfmake) is first loaded: lets fontkit load without the parts a
 * TrueType font never needs (see fontkit-speedups.ts).
 */
export function prepareFontkit(): void {
  deferBrotli(pdfkitMain());
  nativeInflate(pdfkitMain());
  deferUnusedModules(import.meta.url);
}

function loadFontkit(): Fontkit {
  if (!fontkit) {
    prepareFontkit();
    // The fontkit instance pdfkit itself uses.
    fontkit = createRequire(pdfkitMain())('fontkit') as Fontkit;
    fontkit.registerFormat(CachedFontFormat);
  }
  return fontkit;
}

/** The shared font registered under `key`, parsed on first use. */
function parseFont(key: string): object | undefined {
  let font = parsed.get(key);
  const load = pending.get(key);
  if (!font && load) {
    font = loadFontkit().create(load());
    deferMarkTables(font as Parameters<typeof deferMarkTables>[0]);
    deferGlyphNames(font as Parameters<typeof deferGlyphNames>[0]);
    memoiseLookups(font);
    memoiseShaping(font as ShapingFont);
    memoiseGlyphDecoding(font as Parameters<typeof memoiseGlyphDecoding>[0]);
    fastGlyphSubsets(font as Parameters<typeof fastGlyphSubsets>[0]);
    keepGlyphCharacters(font as GlyphSource);
    parsed.set(key, font);
    pending.delete(key);
  }
  return font;
}

/**
 * Register a TTF under `key` and return the stand-in file to give pdfmake or pdfkit in its
 * place. The font is read (`bytes`, called once) and parsed once per process, when a document
 * first uses it: a document that sets no italic text never parses the italic font.
 */
export function cachedFontFile(key: string, bytes: () => Uint8Array): Buffer {
  loadFontkit();
  if (!parsed.has(key) && !pending.has(key)) pending.set(key, bytes);
  return Buffer.concat([MAGIC, Buffer.from(key, 'utf8')]);
}

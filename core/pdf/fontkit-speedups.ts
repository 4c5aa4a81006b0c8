/**
 * Changes to when fontkit (and the rest of pdfkit and pdfmake, last section) do their work.
 *
 * Five changes to when fontkit (2.0.4, see patched-versions.ts) decodes parts of a font, not
 * to what it decodes: every value read is the one fontkit would have read, so the glyphs,
 * positions and PDF bytes are the same. They matter for one-off documents (a report made by
 * `tonghop report`), where a process parses each font once and decoding is most of the cost
 * of the first text measured in each style.
 *
 * - Mark positioning (GPOS lookups 4–6, how a combining accent sits on its letter): Tinos has
 *   about twenty such lookups per style, whose anchor tables fontkit decodes in full the first
 *   time any text is measured (~40 ms a style, and much garbage). Vietnamese text in NFC (as
 *   the app writes it) has no combining marks, so those tables are never read: their offsets
 *   become lazy pointers, decoded on first read — only when a combining mark meets a letter.
 * - The `post` table: pdfkit reads its italic angle and fixed-pitch flag when it embeds a font;
 *   fontkit then decodes all 3,000 glyph names with them. The header is read at once, the
 *   names only if something asks for them.
 * - fontkit loads a Brotli decompressor (for WOFF2 fonts, ~25 ms to compile) when it is
 *   itself loaded; the app embeds TrueType files only. It is loaded on its first use instead.
 * - Shaping a text, fontkit lists the lookups of the features to apply (a few dozen objects,
 *   sorted) anew for every text; they depend only on the font and the script and language
 *   chosen. They are listed once per processor, script, language and feature list.
 * - Loading fontkit and pdfkit builds their Unicode property tables (unicode-trie), inflating
 *   about 100 kB with tiny-inflate, a DEFLATE decoder in JavaScript (~30 ms). Node's zlib
 *   gives the same bytes natively.
 */
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';

interface PointerType {
  options: { lazy?: boolean };
}
interface LookupStruct {
  fields: { subTables: { type: { type: { versions: Record<number, Record<string, PointerType>> } } } };
}
interface FontkitFont {
  type?: string;
  GPOS?: { lookupList: { type: { type: LookupStruct } } };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream: { buffer: Uint8Array };
  _tables: Record<string, unknown>;
  _decodeTable(entry: unknown): Record<string, unknown>;
}

/** The pointers of GPOS lookup types 4, 5, 6 read only once a mark has been found in its coverage. */
const LAZY_MARK_FIELDS: Record<number, string[]> = {
  4: ['baseCoverage', 'markArray', 'baseArray'],
  5: ['ligatureCoverage', 'markArray', 'ligatureArray'],
  6: ['mark2Coverage', 'mark1Array', 'mark2Array'],
};

let marksDeferred = false;

/**
 * Make the mark-positioning tables of every font lazy. fontkit's table definitions are shared
 * by all fonts; they are reached through a font's GPOS lookup list (before any lookup is read).
 */
export function deferMarkTables(font: FontkitFont): void {
  if (marksDeferred || !font.GPOS) return;
  const versions = font.GPOS.lookupList.type.type.fields.subTables.type.type.versions;
  for (const [type, fields] of Object.entries(LAZY_MARK_FIELDS)) {
    for (const field of fields) {
      const pointer = versions[Number(type)]?.[field];
      if (!pointer?.options) throw new Error(`fontkit: GPOS lookup ${type} has no pointer ${field}`);
      pointer.options.lazy = true;
    }
  }
  marksDeferred = true;
}

/** The header fields of the `post` table, in order, with their sizes (OpenType spec). */
function readPostHeader(bytes: Uint8Array, offset: number): Record<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 32);
  // fixed32 as restructure reads it: a signed 16.16 number.
  const fixed = (at: number): number => view.getInt32(at) / 65536;
  return {
    version: fixed(0),
    italicAngle: fixed(4),
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
}

/** Give `font` a `post` table whose header is read now and whose glyph names are decoded on first read. */
export function deferGlyphNames(font: FontkitFont): void {
  const entry = font.directory.tables.post;
  // A plain TrueType/OpenType file: table offsets are offsets in the stream's buffer.
  if (font.type !== 'TTF' || !entry || 'post' in font._tables || entry.length < 32) return;
  const post: Record<string, unknown> = readPostHeader(font.stream.buffer, entry.offset);
  let full: Record<string, unknown> | undefined;
  for (const key of ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map']) {
    Object.defineProperty(post, key, {
      enumerable: true,
      get: () => (full ??= font._decodeTable(entry))[key],
    });
  }
  font._tables.post = post;
}

interface OTProcessor {
  scriptTag: string | null;
  languageTag: string | null;
  lookupsForFeatures(userFeatures?: string[], exclude?: number[]): unknown[];
}

let lookupsMemoised = false;

/**
 * List the lookups of a feature list once per GSUB/GPOS processor (one per font), script and
 * language: fontkit's OpenType processor class is reached through `font`'s layout engine.
 */
export function memoiseLookups(font: object): void {
  if (lookupsMemoised) return;
  const engine = (font as { _layoutEngine?: { engine?: Record<string, OTProcessor | undefined> } })._layoutEngine
    ?.engine;
  const processor = engine?.GSUBProcessor ?? engine?.GPOSProcessor;
  if (!processor) return;
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(processor)) as OTProcessor;
  if (!Object.prototype.hasOwnProperty.call(proto, 'lookupsForFeatures'))
    throw new Error('fontkit: OTProcessor.lookupsForFeatures not found');
  const list = proto.lookupsForFeatures;
  const memo = new WeakMap<OTProcessor, Map<string, unknown[]>>();
  proto.lookupsForFeatures = function (this: OTProcessor, userFeatures: string[] = [], exclude?: number[]): unknown[] {
    let byKey = memo.get(this);
    if (!byKey) memo.set(this, (byKey = new Map()));
    const key = `${this.scriptTag}|${this.languageTag}|${userFeatures.join(',')}|${exclude?.join(',') ?? ''}`;
    let lookups = byKey.get(key);
    if (!lookups) {
      lookups = list.call(this, userFeatures, exclude);
      byKey.set(key, lookups);
    }
    return lookups;
  };
  lookupsMemoised = true;
}

let brotliDeferred = false;

/**
 * Before fontkit is first loaded (from `fontkitFrom`, a module path that resolves it): stand in
 * for its Brotli decompressor with a function that loads the real one on its first call.
 */
export function deferBrotli(fontkitFrom: string): void {
  if (brotliDeferred) return;
  brotliDeferred = true;
  const fontkitMain = createRequire(fontkitFrom).resolve('fontkit');
  const require = createRequire(fontkitMain);
  const path = require.resolve('brotli/decompress.js');
  if (require.cache[path]) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const decompress = (...args: unknown[]): unknown => {
    if (!real) {
      delete require.cache[path];
      real = require('brotli/decompress.js') as (...args: unknown[]) => unknown;
    }
    return real(...args);
  };
  // A loaded module whose exports are the stand-in: fontkit's require returns it.
  require.cache[path] = {
    id: path,
    filename: path,
    loaded: true,
    exports: decompress,
    children: [],
    paths: [],
  } as never;
}

type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;

/**
 * tiny-inflate's contract (`inflate(source, dest)`: decode the raw DEFLATE stream `source` into
 * `dest`, returning `dest`, or a copy of its start when the output is shorter) on zlib. Any
 * case zlib would treat differently (an error, an output longer than `dest`) goes to the
 * JavaScript decoder, which then gives exactly its own answer.
 */
function zlibInflate(fallback: () => Inflate): Inflate {
  return (source, dest) => {
    let out: Buffer;
    try {
      out = inflateRawSync(source);
    } catch {
      return fallback()(source, dest);
    }
    if (out.length > dest.length) return fallback()(source, dest);
    dest.set(out);
    return out.length < dest.length ? dest.slice(0, out.length) : dest;
  };
}

let inflateReplaced = false;

/**
 * Before pdfkit is first loaded (from `pdfkitFrom`): serve tiny-inflate, as the Unicode tables
 * of fontkit and pdfkit's line breaker resolve it, from zlib.
 */
export function nativeInflate(pdfkitFrom: string): void {
  if (inflateReplaced) return;
  inflateReplaced = true;
  const pdfkitMain = createRequire(pdfkitFrom).resolve('pdfkit');
  const fontkitMain = createRequire(pdfkitMain).resolve('fontkit');
  const users = [
    createRequire(createRequire(fontkitMain).resolve('unicode-properties')).resolve('unicode-trie'),
    createRequire(createRequire(pdfkitMain).resolve('linebreak')).resolve('unicode-trie'),
    fontkitMain,
  ];
  for (const user of users) {
    const require = createRequire(user);
    const path = require.resolve('tiny-inflate');
    if (require.cache[path]) continue;
    let real: Inflate | undefined;
    const fallback = (): Inflate => {
      if (!real) {
        const stub = require.cache[path];
        delete require.cache[path];
        real = require('tiny-inflate') as Inflate;
        if (stub) require.cache[path] = stub;
      }
      return real;
    };
    require.cache[path] = {
      id: path,
      filename: path,
      loaded: true,
      exports: zlibInflate(fallback),
      children: [],
      paths: [],
    } as never;
  }
}

/**
 * Modules pdfkit and pdfmake load with themselves but use only for features the app does not
 * use: AES for encrypted PDFs (its tables take ~10 ms to build), an XML parser for SVG
 * images. Each is replaced, before pdfkit and pdfmake are loaded, by a stand-in that loads
 * the module at its first use (both only read properties of the module when they use it).
 */
const DEFERRED_MODULES: { from: 'pdfkit' | 'pdfmake'; name: string }[] = [
  { from: 'pdfkit', name: '@noble/ciphers/aes' },
  { from: 'pdfmake', name: 'xmldoc' },
];

let modulesDeferred = false;

/** Replace the unused modules of {@link DEFERRED_MODULES} by load-on-use stand-ins (from `pdfmakeFrom`). */
export function deferUnusedModules(pdfmakeFrom: string): void {
  if (modulesDeferred) return;
  modulesDeferred = true;
  const pdfmakeMain = createRequire(pdfmakeFrom).resolve('pdfmake');
  const mains = { pdfmake: pdfmakeMain, pdfkit: createRequire(pdfmakeMain).resolve('pdfkit') };
  for (const { from, name } of DEFERRED_MODULES) {
    const require = createRequire(mains[from]);
    const path = require.resolve(name);
    if (require.cache[path]) continue;
    let real: Record<string | symbol, unknown> | undefined;
    const load = (): Record<string | symbol, unknown> => {
      if (!real) {
        const stub = require.cache[path];
        delete require.cache[path];
        real = require(name) as Record<string | symbol, unknown>;
        if (require.cache[path] === undefined && stub) require.cache[path] = stub;
      }
      return real;
    };
    const exports = new Proxy({} as Record<string | symbol, unknown>, {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d ? { ...d, configurable: true } : undefined;
      },
    });
    require.cache[path] = { id: path, filename: path, loaded: true, exports, children: [], paths: [] } as never;
  }
}

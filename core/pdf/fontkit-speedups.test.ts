/**
 * fontkit-speedups.ts changes when fontkit decodes parts of a font, never what it finds: the
 * shaping of every style, with and without combining marks, equals untouched fontkit's (run
 * in a separate process), and the deferred parts are really deferred.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { types } from 'node:util';
import {
  deferBrotli,
  deferGlyphNames,
  deferMarkTables,
  deferUnusedModules,
  memoiseLookups,
  nativeInflate,
} from './fontkit-speedups.js';
import { fontPath } from './index.js';

const STYLES = ['normal', 'bold', 'italics', 'bolditalics'] as const;
const TEXTS = [
  'Ủy ban nhân dân tỉnh',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'AV To Wa Yo 1.668 tỷ',
  // Combining marks (NFD): the deferred mark-positioning tables are read.
  'Quảng Ngãi'.normalize('NFD'),
  'Tiếng Việt có dấu: ắ ặ ẩ ỗ ự'.normalize('NFD'),
  'x\u0301\u0323 fi fl',
  // Other scripts between Latin texts: the lookups listed per script stay apart.
  'Ελληνικά AV',
  'Кириллица To',
  'Tổng hợp AV',
];

interface Run {
  glyphs: { id: number; codePoints: number[] }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}
const summary = (run: Run): unknown => ({
  glyphs: run.glyphs.map((g) => [g.id, g.codePoints]),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
});

const pdfkitMain = createRequire(import.meta.url).resolve('pdfkit');

/** What untouched fontkit finds, in a fresh process. */
function pristine(): unknown {
  const script = `
    const fontkit = require(require('module').createRequire(${JSON.stringify(pdfkitMain)}).resolve('fontkit'));
    const fs = require('fs');
    const out = {};
    for (const [style, path] of ${JSON.stringify(STYLES.map((s) => [s, fontPath(s)]))}) {
      const font = fontkit.create(fs.readFileSync(path));
      out[style] = {
        runs: ${JSON.stringify(TEXTS)}.map((t) => {
          const run = font.layout(t);
          return { glyphs: run.glyphs.map((g) => [g.id, g.codePoints]),
                   positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]) };
        }),
        post: { italicAngle: font.italicAngle, isFixedPitch: font.post.isFixedPitch, version: font.post.version,
                underlinePosition: font.underlinePosition, underlineThickness: font.underlineThickness,
                names: [3, 100, 1000].map((id) => font.getGlyph(id).name) },
      };
    }
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as unknown;
}

describe('fontkit speed-ups', () => {
  it('shape every style exactly as untouched fontkit does, marks included, and read the same post table', () => {
    // Before fontkit loads: its Unicode tables are then inflated by zlib.
    nativeInflate(pdfkitMain);
    deferBrotli(pdfkitMain);
    deferUnusedModules(import.meta.url);
    const fontkit = createRequire(pdfkitMain)('fontkit') as { create(b: Uint8Array): Record<string, never> };
    const ours: Record<string, unknown> = {};
    for (const style of STYLES) {
      const font = fontkit.create(readFileSync(fontPath(style))) as unknown as Parameters<typeof deferMarkTables>[0] &
        Parameters<typeof deferGlyphNames>[0] & {
          layout(t: string): Run;
          italicAngle: number;
          underlinePosition: number;
          underlineThickness: number;
          post: Record<string, unknown>;
          getGlyph(id: number): { name: string };
        };
      deferMarkTables(font);
      deferGlyphNames(font);
      memoiseLookups(font);
      // The header is there at once; the 3,000 glyph names are not decoded yet.
      expect(font._tables.post).toBeDefined();
      expect(Object.getOwnPropertyDescriptor(font._tables.post, 'names')?.get).toBeTypeOf('function');
      const post = {
        italicAngle: font.italicAngle,
        isFixedPitch: font.post.isFixedPitch,
        version: font.post.version,
        underlinePosition: font.underlinePosition,
        underlineThickness: font.underlineThickness,
      };
      const runs = TEXTS.map((t) => summary(font.layout(t)));
      // The lookups of a feature list are listed once.
      const gpos = (
        font as unknown as {
          _layoutEngine: { engine: { GPOSProcessor: { lookupsForFeatures(f: string[]): unknown } } };
        }
      )._layoutEngine.engine.GPOSProcessor;
      expect(gpos.lookupsForFeatures(['kern'])).toBe(gpos.lookupsForFeatures(['kern']));
      ours[style] = { runs, post: { ...post, names: [3, 100, 1000].map((id) => font.getGlyph(id).name) } };
    }
    const expected = pristine() as Record<string, { post: { italicAngle: number } }>;
    expect(ours).toEqual(expected);
    // Sanity: the italic styles lean, and the NFD texts did move their marks.
    expect(expected.italics?.post.italicAngle).toBeLessThan(0);
  });

  it('leave the mark tables undecoded until a combining mark is shaped', () => {
    const fontkit = createRequire(pdfkitMain)('fontkit') as { create(b: Uint8Array): unknown };
    const font = fontkit.create(readFileSync(fontPath('bold'))) as Parameters<typeof deferMarkTables>[0] & {
      layout(t: string): Run;
      GPOS: { lookupList: { get(i: number): { lookupType: number; subTables: object[] } } & { length: number } };
    };
    deferMarkTables(font);
    font.layout('Ủy ban nhân dân tỉnh Quảng Ngãi');
    const markLookups = Array.from({ length: font.GPOS.lookupList.length }, (_, i) => font.GPOS.lookupList.get(i))
      .filter((l) => l.lookupType === 4)
      .flatMap((l) => l.subTables);
    expect(markLookups.length).toBeGreaterThan(10);
    // Lazy: a getter, not a decoded array, on every mark-to-base subtable.
    for (const t of markLookups) expect(Object.getOwnPropertyDescriptor(t, 'baseArray')?.get).toBeTypeOf('function');
    const nfd = font.layout('Quảng Ngãi'.normalize('NFD'));
    expect(nfd.positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0)).toBe(true);
  });

  it('load the Brotli decompressor only when a WOFF2 font needs it, and it still works', () => {
    deferBrotli(pdfkitMain);
    const fontkitMain = createRequire(pdfkitMain).resolve('fontkit');
    const require = createRequire(fontkitMain);
    const path = require.resolve('brotli/decompress.js');
    const decompress = require('brotli/decompress.js') as (b: Uint8Array, size?: number) => Uint8Array;
    const text = Buffer.from('Tổng hợp báo cáo cải cách hành chính '.repeat(20));
    expect(Buffer.from(decompress(brotliCompressSync(text), text.length))).toEqual(text);
    // Once used, the real module is loaded and cached.
    expect(require.cache[path]?.exports).not.toBe(decompress);
  });

  it("inflate the Unicode tables with zlib, giving exactly tiny-inflate's bytes", () => {
    nativeInflate(pdfkitMain);
    const fontkitMain = createRequire(pdfkitMain).resolve('fontkit');
    const trie = createRequire(createRequire(fontkitMain).resolve('unicode-properties')).resolve('unicode-trie');
    const require = createRequire(trie);
    const path = require.resolve('tiny-inflate');
    type Inflate = (s: Uint8Array, d: Uint8Array) => Uint8Array;
    const ours = require('tiny-inflate') as Inflate;
    const stub = require.cache[path];
    delete require.cache[path];
    const real = require('tiny-inflate') as Inflate;
    require.cache[path] = stub;
    expect(ours).not.toBe(real);
    const data = Buffer.from('Tổng hợp 1.668 thủ tục; '.repeat(500));
    const once = deflateRawSync(data);
    const twice = deflateRawSync(once);
    for (const [source, size] of [
      [once, data.length],
      [once, data.length + 100],
      [twice, data.length],
    ] as const) {
      expect(Buffer.from(ours(source, new Uint8Array(size)))).toEqual(Buffer.from(real(source, new Uint8Array(size))));
    }
    // Broken input fails as tiny-inflate fails.
    const broken = new Uint8Array([0xff, 0xff, 0xff]);
    expect(() => real(broken, new Uint8Array(10))).toThrow();
    expect(() => ours(broken, new Uint8Array(10))).toThrow();
  });

  it('load the modules of unused features (AES, SVG) on first use, and they still work', () => {
    deferUnusedModules(import.meta.url);
    const pdfmakeMain = createRequire(import.meta.url).resolve('pdfmake');
    const xmldoc = createRequire(pdfmakeMain)('xmldoc') as { XmlDocument: new (s: string) => { attr: object } };
    const aes = createRequire(pdfkitMain)('@noble/ciphers/aes') as {
      cbc(key: Uint8Array, iv: Uint8Array): { encrypt(d: Uint8Array): Uint8Array; decrypt(d: Uint8Array): Uint8Array };
    };
    expect(types.isProxy(xmldoc)).toBe(true);
    expect(types.isProxy(aes)).toBe(true);
    expect(new xmldoc.XmlDocument('<svg width="10" height="20"/>').attr).toEqual({ width: '10', height: '20' });
    const key = new Uint8Array(16).fill(7);
    const iv = new Uint8Array(16).fill(1);
    const text = new TextEncoder().encode('Tổng hợp CCHC');
    expect(aes.cbc(key, iv).decrypt(aes.cbc(key, iv).encrypt(text))).toEqual(text);
  });
});

/**
 * fastGlyphSubsets changes how a TrueType subset is made, not its bytes: every style's subset
 * of the Vietnamese letters (composite glyphs among them) equals untouched fontkit's, made in a
 * separate process.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fontPath } from './index.js';
import { fastGlyphSubsets } from './pdfkit-speedups.js';

const STYLES = ['normal', 'bold', 'italics', 'bolditalics'] as const;
const TEXT =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ' +
  'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐEÈÉẺẼẸÊỀẾỂỄỆOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰ 0123456789 .,;:()%/-–';

const pdfkitMain = createRequire(import.meta.url).resolve('pdfkit');

/** The glyph ids of TEXT and the SHA-256 of each style's subset, by untouched fontkit in a fresh process. */
function pristine(): Record<string, { ids: number[]; sha: string }> {
  const script = `
    const fontkit = require(require('module').createRequire(${JSON.stringify(pdfkitMain)}).resolve('fontkit'));
    const fs = require('fs');
    const out = {};
    for (const [style, path] of ${JSON.stringify(STYLES.map((s) => [s, fontPath(s)]))}) {
      const font = fontkit.create(fs.readFileSync(path));
      const ids = [...new Set(Array.from(${JSON.stringify(TEXT)}).map((c) => font.glyphForCodePoint(c.codePointAt(0)).id))];
      const subset = font.createSubset();
      for (const id of ids) subset.includeGlyph(id);
      out[style] = { ids, sha: require('crypto').createHash('sha256').update(subset.encode()).digest('hex') };
    }
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Record<
    string,
    { ids: number[]; sha: string }
  >;
}

interface Font {
  glyphForCodePoint(cp: number): { id: number };
  getGlyph(id: number): { _decode(): { numberOfContours: number } | null };
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
}

describe('fastGlyphSubsets', () => {
  it('writes the same subset bytes as untouched fontkit, composite glyphs included', () => {
    const want = pristine();
    const fontkit = createRequire(pdfkitMain)('fontkit') as { create(b: Buffer): Font };
    let composites = 0;
    for (const style of STYLES) {
      const font = fontkit.create(readFileSync(fontPath(style)));
      fastGlyphSubsets(font as unknown as Parameters<typeof fastGlyphSubsets>[0]);
      const ids = [...new Set(Array.from(TEXT).map((c) => font.glyphForCodePoint(c.codePointAt(0) as number).id))];
      expect(ids).toEqual(want[style]?.ids);
      composites += ids.filter((id) => (font.getGlyph(id)._decode()?.numberOfContours ?? 0) < 0).length;
      const subset = font.createSubset();
      for (const id of ids) subset.includeGlyph(id);
      expect(createHash('sha256').update(subset.encode()).digest('hex'), style).toBe(want[style]?.sha);
    }
    expect(composites).toBeGreaterThan(0);
  });
});

/**
 * scripts/ascii-bundle.mjs writes the non-ASCII letters esbuild leaves in the command line's
 * bundles (in regular expressions and comments) as escapes: the program must mean the same,
 * and where an escape would change it the build must stop.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const { asciiBundle } = (await import(pathToFileURL(join(ROOT, 'scripts', 'ascii-bundle.mjs')).href)) as {
  asciiBundle(code: string, name?: string): string;
};

/** Run a CommonJS-like script and return what it puts in module.exports. */
function run(code: string): unknown {
  const module = { exports: {} as unknown };
  (runInThisContext(`(function (module) {\n${code}\n})`) as (m: typeof module) => void)(module);
  return module.exports;
}

describe('asciiBundle', () => {
  it('escapes letters in regular expressions (with and without u, in classes, past U+FFFF), strings, names and comments, keeping what they mean', () => {
    const source = [
      '// Tiêu chí — giữ nguyên',
      '/** “Đề nghị” */',
      'const tỷLệ = 1;',
      'const big = (s) => /giáo dục|y tế/i.test(s);',
      'const tier = /(cấp sở|cấp huyện|cấp xã)/u;',
      "const d = (s) => s.replace(/[đĐ]/g, 'd');",
      'const face = /^😀+$/u;',
      'const range = /^[à-ỹ]+$/;',
      "const plain = 'Sở Nội vụ';",
      'module.exports = [',
      "  big('Sở GIÁO DỤC và Đào tạo'), big('Sở Tài chính'),",
      "  tier.exec('UBND cấp huyện Ba Vì')[1], d('Đồng Đăng'),",
      "  face.test('😀😀'), face.test('😀x'), range.test('ỹà'), plain, tỷLệ,",
      '];',
    ].join('\n');
    const ascii = asciiBundle(source);
    expect(ascii).not.toMatch(/[\u0080-\uffff]/);
    expect(ascii.split('\n')).toHaveLength(source.split('\n').length);
    expect(ascii).toContain('/gi\\u00E1o d\\u1EE5c|y t\\u1EBF/i');
    expect(ascii).toContain('/^\\uD83D\\uDE00+$/u');
    const expected = [true, false, 'cấp huyện', 'dồng dăng', true, false, true, 'Sở Nội vụ', 1];
    expect(run(source)).toEqual(expected);
    expect(run(ascii)).toEqual(expected);
  });

  it('returns a pure ASCII bundle unchanged', () => {
    const code = "const a = /x/;\nmodule.exports = 'a\\u00e9';\n";
    expect(asciiBundle(code)).toBe(code);
  });

  it('stops the build where an escape would change the program, naming the file and line', () => {
    expect(() => asciiBundle('const a = 1;\nconst t = String.raw`Sở`;', 'main.bundle.cjs')).toThrow(
      /^main\.bundle\.cjs:2: cannot write a non-ASCII character as an escape inside a template literal$/,
    );
    expect(() => asciiBundle("const s = '\\é';", 'x.cjs')).toThrow(/^x\.cjs:1: .* after a backslash$/);
    expect(() => asciiBundle('const r = /a\\é/;', 'x.cjs')).toThrow(/after a backslash/);
    // An escaped backslash before the letter is not an escape of the letter.
    expect(run(asciiBundle("module.exports = '\\\\é';"))).toBe('\\é');
    expect(() => asciiBundle('const 𝑥 = 1;', 'x.cjs')).toThrow(/in a name past U\+FFFF/);
  });
});

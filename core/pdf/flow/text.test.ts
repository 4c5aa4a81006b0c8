import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { breakLines, measure, type Run } from './text.js';

const run = (text: string, extra: Partial<Run> = {}): Run => ({ text, style: 'normal', size: 12, ...extra });
const lineText = (l: { pieces: { text: string }[] }): string => l.pieces.map((p) => p.text).join('');

describe('measure', () => {
  it('gives the advance fontkit gives for each word, kerning included; words and spaces add up', () => {
    const require = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
    const fontkit = require('fontkit') as {
      create(b: Buffer): { layout(t: string): { advanceWidth: number }; unitsPerEm: number };
    };
    const path = createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf');
    const font = fontkit.create(readFileSync(path));
    for (const text of ['AVATAR', 'Tỷ', 'PHIẾU', 'KIỂM', 'TRƯỞNG', '1/5', 'liệu!E24', 'Ô', 'nguồn', '“Đúng”']) {
      const expected = (font.layout(text).advanceWidth / font.unitsPerEm) * 12;
      expect(measure(text, 'bold', 12)).toBeCloseTo(expected, 6);
    }
    const space = measure(' ', 'bold', 12);
    expect(measure('Tỷ lệ AVATAR', 'bold', 12)).toBeCloseTo(
      measure('Tỷ', 'bold', 12) + measure('lệ', 'bold', 12) + measure('AVATAR', 'bold', 12) + 2 * space,
      6,
    );
    // "AV" is kerned: narrower than its letters apart.
    expect(measure('AV', 'bold', 12)).toBeLessThan(measure('A', 'bold', 12) + measure('V', 'bold', 12) - 0.5);
  });
});

describe('breakLines', () => {
  const text =
    'Thủ tục hành chính thuộc thẩm quyền được công khai đầy đủ, đúng quy định tại Bộ phận Một cửa và trên cổng thông tin điện tử của tỉnh';

  it('wraps Vietnamese text at spaces, every line within the width, nothing lost', () => {
    const lines = breakLines([run(text)], 180);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) {
      expect(l.width).toBeLessThanOrEqual(180);
      expect(measure(lineText(l).trimEnd(), 'normal', 12)).toBeCloseTo(l.width, 3);
    }
    expect(lines.map((l) => lineText(l).trim()).join(' ')).toBe(text);
    // Greedy: the next word would not have fitted on any line.
    for (let i = 0; i + 1 < lines.length; i++) {
      const next = lineText(lines[i + 1]!).split(' ')[0] ?? '';
      expect(measure(`${lineText(lines[i]!).trimEnd()} ${next}`, 'normal', 12)).toBeGreaterThan(180);
    }
  });

  it('cuts a word wider than the line between letters, and never a no-wrap run', () => {
    const word = 'Nghịquyếtsố08-NQ/TUvềcảicáchhànhchínhgiaiđoạn2021-2025';
    const cut = breakLines([run(word)], 100);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.map(lineText).join('')).toBe(word);
    for (const l of cut) expect(l.width).toBeLessThanOrEqual(100);
    const file = 'BC_CCHC_X05_NQ08-SK2023.xlsx';
    const kept = breakLines([run('Tệp '), run(file, { noWrap: true }), run('.')], 100);
    expect(kept.map((l) => lineText(l).trim())).toEqual(['Tệp', `${file}.`]);
  });

  it('keeps styles apart, a bold word with the punctuation after it, line feeds as breaks', () => {
    const lines = breakLines(
      [run('Đơn vị: '), run('Sở Tư pháp', { style: 'bold' }), run('. Lỗi: III.1\nCảnh báo: III.2')],
      1000,
    );
    expect(lines.map(lineText)).toEqual(['Đơn vị: Sở Tư pháp. Lỗi: III.1', 'Cảnh báo: III.2']);
    expect(lines[0]?.pieces.map((p) => [p.text, p.style])).toEqual([
      ['Đơn vị: ', 'normal'],
      ['Sở Tư pháp', 'bold'],
      ['. Lỗi: III.1', 'normal'],
    ]);
    // Pieces follow each other.
    const [a, b] = lines[0]?.pieces ?? [];
    expect(b?.x).toBeCloseTo((a?.x ?? 0) + (a?.width ?? 0), 6);
  });

  it('makes an empty text one line as high as its font, scaled by the line height', () => {
    const [line] = breakLines([run('', { size: 10 })], 100, 1.1);
    expect(breakLines([run('', { size: 10 })], 100, 1.1)).toHaveLength(1);
    expect(line?.height).toBeCloseTo(breakLines([run('x', { size: 10 })], 100, 1.1)[0]?.height ?? 0, 6);
  });
});

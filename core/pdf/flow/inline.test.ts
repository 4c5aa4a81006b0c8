import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { makeConsolidation } from '../../../test/fixtures/consolidation-fixture.js';
import { defaultReportTemplate } from '../../report/default-template.js';
import { resolveReportBody } from '../../report/render.js';
import { setParagraph, splitWords, type InlineRun } from './inline.js';
import { measureShaped } from './text.js';

/** The words UAX #14 gives, from the `linebreak` package itself. */
function uax14(text: string): string[] {
  const require = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
  const LineBreaker = require('linebreak') as new (t: string) => { nextBreak(): { position: number } | null };
  const b = new LineBreaker(text);
  const out: string[] = [];
  let last = 0;
  for (let bk = b.nextBreak(); bk; bk = b.nextBreak()) {
    out.push(text.slice(last, bk.position));
    last = bk.position;
  }
  return out;
}

const run = (text: string, extra: Partial<InlineRun> = {}): InlineRun => ({
  text,
  style: 'normal',
  size: 14,
  ...extra,
});

describe('words at line-break opportunities', () => {
  it('cuts every text of the report where UAX #14 does (the space-only path included)', () => {
    const c = makeConsolidation();
    const { blocks, footnotes } = resolveReportBody(c, defaultReportTemplate(c.period));
    const texts = [...blocks.flatMap((b) => b.inlines), ...footnotes.flatMap((f) => f.inlines)].flatMap((i) =>
      'text' in i ? [i.text] : [],
    );
    expect(texts.length).toBeGreaterThan(50);
    for (const t of texts) expect(splitWords(t).map((w) => w.text)).toEqual(uax14(t));
  });

  it('breaks after a hyphen and a slash, never inside a figure or before a closing mark', () => {
    expect(splitWords('số 08-NQ/TU ngày 1.668 (2,28%).').map((w) => w.text)).toEqual([
      'số ',
      '08-',
      'NQ/',
      'TU ',
      'ngày ',
      '1.668 ',
      '(2,28%).',
    ]);
    expect(splitWords('a\nb')).toEqual([
      { text: 'a', lineEnd: true },
      { text: 'b', lineEnd: false },
    ]);
  });
});

describe('paragraphs set as pdfmake set them', () => {
  it('justifies by widening only the spaces between words: "08-NQ/TU" stays whole', () => {
    const text =
      'Sơ kết ba năm thực hiện Nghị quyết số 08-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về cải cách hành chính.';
    const width = measureShaped('Sơ kết ba năm thực hiện Nghị quyết số 08-NQ/TU của ', 'normal', 14) + 20;
    const [first, last] = setParagraph([run(text)], width, { align: 'justify' });
    expect(first?.text).toBe('Sơ kết ba năm thực hiện Nghị quyết số 08-NQ/TU của ');
    const p = first!.pieces;
    // Right edge of the last word on the box's edge; equal gaps between words; none inside "08-NQ/TU".
    const end = p[p.length - 1]!;
    expect(end.x + measureShaped(end.text.trimEnd(), 'normal', 14)).toBeCloseTo(width, 6);
    const gaps = p.slice(1).map((x, i) => x.x - (p[i]!.x + p[i]!.width));
    const inside = p.findIndex((x) => x.text === 'NQ/');
    expect(gaps[inside - 1]).toBeCloseTo(0, 9);
    expect(gaps[inside]).toBeCloseTo(0, 9);
    const spaces = gaps.filter((_, i) => i !== inside - 1 && i !== inside);
    for (const g of spaces) expect(g).toBeCloseTo(spaces[0]!, 9);
    expect(spaces[0]).toBeGreaterThan(0.5);
    // The last line is not justified.
    const q = last!.pieces;
    expect(q.slice(1).every((x, i) => Math.abs(x.x - (q[i]!.x + q[i]!.width)) < 1e-9)).toBe(true);
  });

  it('keeps a footnote mark with its word: both go to the next line, the mark raised and smaller', () => {
    const words = 'một hai ba bốn năm sáu bảy';
    const width = measureShaped(words, 'normal', 14) + 1;
    const lines = setParagraph([run(words), run('9', { sup: true, goTo: 'fn-9' }), run(' tám.')], width);
    expect(lines.map((l) => l.text)).toEqual(['một hai ba bốn năm sáu ', 'bảy9 tám.']);
    const mark = lines[1]!.pieces.find((x) => x.text === '9')!;
    expect(mark.size).toBeCloseTo(14 * 0.58, 9);
    expect(mark.rise).toBeCloseTo(14 * 0.58 * 0.75, 9);
    expect(lines[1]!.destinations).toEqual(['fn-9']);
    expect(lines[1]!.links[0]!.x).toBeCloseTo(mark.x, 9);
  });

  it('indents the first line and centres by the width without trailing spaces', () => {
    const [a, b] = setParagraph([run('một hai ba bốn năm sáu bảy tám')], 100, { leadingIndent: 20 });
    expect(a!.pieces[0]!.x).toBe(20);
    expect(b!.pieces[0]!.x).toBe(0);
    const [c] = setParagraph([run('một hai ')], 100, { align: 'center' });
    expect(c!.offset).toBeCloseTo((100 - measureShaped('một hai', 'normal', 14)) / 2, 9);
  });
});

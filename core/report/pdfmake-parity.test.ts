/**
 * The report drawn with core/pdf/flow is the document pdfmake made before: for each variant
 * (the default report with annexes, the Party layout, both stamps, a footnote pushed across a
 * page end, an unusable cell, long settings), `pdftotext -layout` gives exactly the text the
 * pdfmake layout gave (test/fixtures/report-pdfmake/*.layout.txt, written from it), and every
 * body line, footnote line and the signer's line lands where it landed (to 0.02 pt).
 * One deliberate difference: a row of the units' annex is never cut between pages (pdfmake
 * left "dân tỉnh" of row 18 alone on the next page); default, marked and long move that row
 * whole to the next page, and their text fixtures say so.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consolidationWithUnreadableCell, makeConsolidation } from '../../test/fixtures/consolidation-fixture.js';
import type { LaidOutPage } from '../pdf/index.js';
import { renderReport, type RenderReportInput } from './index.js';
import {
  pageText,
  partySettings,
  pushedFootnote,
  savePdf,
  stampWithImages,
  signedSettings,
  TEXT_STAMP,
} from './pdf-tools.test-helpers.js';

const FIXTURES = new URL('../../test/fixtures/report-pdfmake/', import.meta.url);

interface Expected {
  pages: number;
  signatureBox: unknown;
  footnotes: unknown;
  /** [page, x, y, width, height, id, destinations, tags, text] of lines with a tag, an id or a link. */
  lines: [number, number, number, number, number, string, string, string, string][];
}
const expected = JSON.parse(readFileSync(new URL('layout.json', FIXTURES), 'utf8')) as Record<string, Expected>;

const c = makeConsolidation();
const settings = signedSettings(c.period);

const variants: Record<string, () => Promise<RenderReportInput>> = {
  default: async () => ({ consolidation: c, settings }),
  party: async () => ({
    consolidation: c,
    settings: partySettings(settings),
    annexes: false,
  }),
  'stamp-text': async () => ({
    consolidation: c,
    settings,
    annexes: false,
    stamp: TEXT_STAMP,
  }),
  'stamp-images': async () => ({
    consolidation: c,
    settings,
    annexes: false,
    stamp: await stampWithImages(),
  }),
  'fn-20': async () => ({ consolidation: c, settings, template: pushedFootnote(20), annexes: false }),
  'fn-21': async () => ({ consolidation: c, settings, template: pushedFootnote(21), annexes: false }),
  marked: async () => ({ consolidation: consolidationWithUnreadableCell(), settings }),
  long: async () => ({
    consolidation: c,
    settings: {
      ...settings,
      number: '/BC-SNV',
      summary:
        'Sơ kết 03 năm thực hiện Nghị quyết số 08-NQ/TU ngày 20/10/2021 của Ban Chấp hành Đảng bộ tỉnh về đẩy mạnh ' +
        'cải cách hành chính giai đoạn 2021-2025, định hướng đến năm 2030',
      governingBody: '',
      recipients: [
        ...settings.recipients,
        'Ủy ban nhân dân các huyện, thành phố và các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh (để biết, thực hiện)',
      ],
      signerTitle: 'Phó Giám đốc Sở Nội vụ',
    },
  }),
};

const round = (v: number): number => Math.round(v * 100) / 100;

describe('the report drawn with core/pdf/flow is the document pdfmake made', () => {
  for (const [name, input] of Object.entries(variants)) {
    it(`${name}: the same text in the same places, page by page`, async () => {
      let pages: LaidOutPage[] = [];
      const r = await renderReport({ ...(await input()), onLayout: (p) => (pages = p) });
      const want = expected[name]!;
      expect(r.pages).toBe(want.pages);
      expect(r.signatureBox).toEqual(want.signatureBox);
      expect(r.footnotes).toEqual(want.footnotes);
      const file = savePdf(r.pdf, `${name}.pdf`);
      expect(pageText(file, undefined, true)).toBe(readFileSync(new URL(`${name}.layout.txt`, FIXTURES), 'utf8'));
      const lines = pages.flatMap((p) =>
        p.lines
          .filter((l) => l.tags.length > 0 || l.id || l.destinations.length > 0)
          .map((l) => [
            p.number,
            round(l.x),
            round(l.y),
            round(l.width),
            round(l.height),
            l.id ?? '',
            l.destinations.join(','),
            [...new Set(l.tags)].join(','),
            l.text,
          ]),
      );
      expect(lines).toHaveLength(want.lines.length);
      lines.forEach((line, i) => {
        const w = want.lines[i]!;
        expect([line[0], ...line.slice(5)], `line ${i}`).toEqual([w[0], ...w.slice(5)]);
        for (let k = 1; k <= 4; k++)
          expect(Math.abs((line[k] as number) - (w[k] as number)), `line ${i} "${w[8]}"`).toBeLessThan(0.021);
      });
    });
  }
});

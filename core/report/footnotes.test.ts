import { describe, expect, it } from 'vitest';
import { makeConsolidation } from '../../test/fixtures/consolidation-fixture.js';
import { defaultReportSettings, renderReport } from './index.js';
import { pageText, pushedFootnote, savePdf, words } from './pdf-tools.test-helpers.js';

const c = makeConsolidation();
const settings = { ...defaultReportSettings(c.period), number: '123/BC-SNV', date: '2023-09-05' };

describe('page-bottom footnotes', () => {
  it('keeps each footnote on the page of its mark while the mark crosses a page end', async () => {
    const markPages = new Set<number>();
    for (let n = 20; n <= 23; n++) {
      const r = await renderReport({ consolidation: c, settings, template: pushedFootnote(n), annexes: false });
      const file = savePdf(r.pdf, `fn-${n}.pdf`);
      const pages = Array.from({ length: r.pages }, (_, i) => pageText(file, i + 1));
      const markPage = pages.findIndex((t) => t.includes('MỐCTHỬ')) + 1;
      const textPage =
        pages.findIndex((t) => t.includes('CHÚTHÍCHTHỬ cấp sở 41 người; cấp huyện 49 người; cấp xã 28 người.')) + 1;
      expect(markPage, `n=${n}`).toBeGreaterThan(0);
      expect(textPage, `n=${n}: footnote on the mark's page`).toBe(markPage);
      expect(r.footnotes).toEqual([{ n: 1, page: markPage }]);
      // Nothing of the body runs into the footnote area.
      const w = words(file, markPage);
      const fnTop = w.find((x) => x.text === 'CHÚTHÍCHTHỬ')?.yMin ?? 0;
      const bodyBottom = Math.max(...w.filter((x) => x.yMin < fnTop - 1).map((x) => x.yMax));
      expect(bodyBottom).toBeLessThan(fnTop);
      expect(fnTop).toBeGreaterThan(841.89 - 56.7 - 60);
      markPages.add(markPage);
    }
    // The sweep pushed the mark from the end of page 1 onto page 2.
    expect([...markPages].sort()).toEqual([1, 2]);
  });
});

/**
 * A blank return as it prints, opened by LibreOffice as a unit would: every sheet on A4 with
 * "Trang x/y", the figures sheet at a readable size, the instructions inside the page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutPages, pageSizes, pageWords, xlsxToPdf } from '../../test/fixtures/soffice.js';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { buildTemplate } from './write.js';

const root = mkdtempSync(join(tmpdir(), 'tonghop-template-print-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a blank return in LibreOffice', () => {
  let pdf = '';
  let pages: string[] = [];

  beforeAll(async () => {
    const unit = loadDefaultUnits().find((u) => u.code === 'S01')!;
    const xlsx = join(root, 'BC_CCHC_S01_NQ08-SK2023.xlsx');
    writeFileSync(xlsx, await buildTemplate(loadDefaultForm(), findPeriod('NQ08-SK2023')!, unit));
    pdf = xlsxToPdf(xlsx, root);
    pages = layoutPages(pdf);
  }, 240_000);

  it('prints every sheet on A4 portrait with a page-number footer', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.length).toBeLessThanOrEqual(10);
    for (const s of pageSizes(pdf)) {
      expect(s.width).toBeCloseTo(595.3, 0);
      expect(s.height).toBeCloseTo(841.9, 0);
    }
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`Trang ${i + 1}/${pages.length}`));
  });

  it('prints the figures sheet at a readable size, its header on every page', () => {
    const data = pages.map((p, i) => ({ p, n: i + 1 })).filter(({ p }) => /Số liệu\s*$/m.test(p));
    expect(data.length).toBeGreaterThanOrEqual(2);
    for (const { p, n } of data) {
      expect(p).toContain('Mã chỉ');
      const codes = pageWords(pdf, n).filter((w) => /^(TT|KT|TC|TTHC|DVC|BC|CV|KL|CQS)\d\d$/.test(w.text));
      expect(codes.length).toBeGreaterThan(5);
      // At least 10 pt tall once printed: the sheet is not shrunk to 6 pt.
      for (const w of codes) expect(w.yMax - w.yMin, w.text).toBeGreaterThan(10);
    }
  });

  it('keeps the instructions on the page, each paragraph whole', () => {
    const n = pages.findIndex((p) => p.includes('HƯỚNG DẪN ĐIỀN VÀ GỬI BIỂU MẪU')) + 1;
    expect(n).toBeGreaterThan(0);
    const words = pageWords(pdf, n);
    const { width } = pageSizes(pdf)[n - 1]!;
    for (const w of words) {
      expect(w.xMin, w.text).toBeGreaterThan(20);
      expect(w.xMax, w.text).toBeLessThan(width - 20);
    }
    const text = pages
      .slice(n - 1)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('giữ nguyên tên tệp BC_CCHC_S01_NQ08-SK2023.xlsx');
    expect(text).toContain('Ô để trống nghĩa là đơn vị không có số liệu cho chỉ tiêu đó, không phải là số 0.');
    // Rows as tall as their text: on every page of the instructions, no two lines of text
    // drawn over each other (a wrapped rule such as "… CV24 + CV25 <= CV10." once ran into the next).
    const guidePages = pages.map((p, i) => ({ p, n: i + 1 })).filter(({ p }) => /Hướng dẫn\s*$/m.test(p));
    expect(guidePages.length).toBeGreaterThanOrEqual(2);
    for (const { n: page } of guidePages) {
      const ws = pageWords(pdf, page);
      const baselines = ws.map((w) => w.yMax).sort((a, b) => a - b);
      const lines: number[] = [];
      for (const y of baselines) if (lines.length === 0 || y - lines[lines.length - 1]! > 3) lines.push(y);
      for (let i = 1; i < lines.length; i++)
        expect(lines[i]! - lines[i - 1]!, `page ${page}, line at ${lines[i]}`).toBeGreaterThanOrEqual(10);
      for (const a of ws)
        for (const b of ws) {
          // Boxes of consecutive lines touch (ascent and descent); a word drawn over another shares most of its height.
          const vertical = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
          if (a === b || vertical < 0.5 * Math.min(a.yMax - a.yMin, b.yMax - b.yMin)) continue;
          const overlap = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
          expect(overlap, `page ${page}: "${a.text}" drawn over "${b.text}"`).toBeLessThan(1);
        }
    }
  });
});

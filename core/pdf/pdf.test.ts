import { afterAll, describe, expect, it } from 'vitest';
import { pageTexts, pdfScratch } from '../../test/fixtures/pdf-check.js';
import { renderPdf } from './index.js';

const scratch = pdfScratch('pdf-test-');
afterAll(() => scratch.cleanup());

describe('renderPdf', () => {
  it('embeds a font with the Vietnamese letters and writes an A4 page', async () => {
    const pdf = await renderPdf({
      pageSize: 'A4',
      content: [{ text: 'Cộng hòa xã hội chủ nghĩa Việt Nam — Nguyễn Thị Hồng Nhung' }],
    });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    expect(text).toMatch(/\/FontFile2/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos/);
  });

  it('keeps the text layer of a document whatever documents came before (fonts are shared)', async () => {
    // "ả" and "ị" are composites of "a" and "i": subsetting them before any plain "a" or "i"
    // was written used to leave those glyphs mapped to no character in later documents.
    await renderPdf({ content: [{ text: 'Cảnh báo: Đơn vị', bold: true }] });
    const pdf = await renderPdf({ content: [{ text: 'kiểm tra, giám sát giai đoạn', bold: true }] });
    expect(pageTexts(scratch.save(pdf))[0]?.trim()).toBe('kiểm tra, giám sát giai đoạn');
  });
});

import { describe, expect, it } from 'vitest';
import { renderPdf } from './index.js';

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
});

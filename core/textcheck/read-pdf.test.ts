/**
 * Paragraphs of a PDF at page breaks: a paragraph ends with its page unless the text clearly
 * goes on (no sentence punctuation at the end of the page, a lower-case word or a figure
 * at the top of the next).
 */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../pdf/index.js';
import { readDocument } from './index.js';

/** A small page, so that a long sentence flows over a page break. */
const PAGE = {
  pageSize: { width: 320, height: 180 },
  pageMargins: [30, 30, 30, 30] as [number, number, number, number],
};

/** A long sentence of lower-case clauses, without a full stop until its end. */
const LONG =
  'các cơ quan, đơn vị đã rà soát, đơn giản hóa thủ tục hành chính, công khai đầy đủ trên cổng dịch vụ công, ' +
  'tiếp nhận và giải quyết hồ sơ trực tuyến, số hóa kết quả giải quyết, ' +
  'tổ chức đối thoại với người dân và doanh nghiệp, kiểm tra việc thực hiện quy chế một cửa ở cấp huyện và cấp xã, ' +
  'đôn đốc xử lý hồ sơ quá hạn, cập nhật cơ sở dữ liệu về cán bộ, công chức, viên chức, ' +
  'đánh giá mức độ hài lòng của người dân và tổng hợp kết quả báo cáo định kỳ';

async function read(content: unknown[]): Promise<{ page: number | undefined; text: string }[]> {
  const pdf = await renderPdf({ ...PAGE, content } as Parameters<typeof renderPdf>[0]);
  const doc = await readDocument(new Uint8Array(pdf));
  expect(doc.format).toBe('pdf');
  return doc.paragraphs.map((p) => ({ page: p.page, text: p.text }));
}

describe('PDF paragraphs across page breaks', () => {
  it('a paragraph alone on its page is not joined with the first paragraph of the next page', async () => {
    expect(
      await read([
        { text: 'Năm 2023, tỉnh ban hành 412 văn bản chỉ đạo.' },
        { text: 'Tổ chức 1.668 hội nghị tuyên truyền về cải cách hành chính.', pageBreak: 'before' },
        { text: 'I. NHIỆM VỤ NĂM 2024', pageBreak: 'before' },
        { text: 'Tiếp tục đẩy mạnh cải cách hành chính.', pageBreak: 'before' },
        { text: 'Đã giải quyết đúng hạn', pageBreak: 'before' },
        { text: '2. Kết quả cụ thể', pageBreak: 'before' },
      ]),
    ).toEqual([
      { page: 1, text: 'Năm 2023, tỉnh ban hành 412 văn bản chỉ đạo.' },
      { page: 2, text: 'Tổ chức 1.668 hội nghị tuyên truyền về cải cách hành chính.' },
      { page: 3, text: 'I. NHIỆM VỤ NĂM 2024' },
      { page: 4, text: 'Tiếp tục đẩy mạnh cải cách hành chính.' },
      { page: 5, text: 'Đã giải quyết đúng hạn' },
      { page: 6, text: '2. Kết quả cụ thể' },
    ]);
  });

  it('a sentence that goes on at the top of the next page (lower-case, no full stop before) stays one paragraph', async () => {
    // Paragraphs with a first-line indent, as a report is set.
    const paragraphs = await read([
      { text: 'Kết quả thực hiện năm 2023.', leadingIndent: 20 },
      { text: `Trong năm, ${LONG}.`, leadingIndent: 20 },
      { text: 'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.', leadingIndent: 20 },
    ]);
    expect(paragraphs.map((p) => p.text)).toEqual([
      'Kết quả thực hiện năm 2023.',
      `Trong năm, ${LONG}.`,
      'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.',
    ]);
    // (It does run over a page break.)
    expect(paragraphs[1]!.page).toBe(1);
    expect(paragraphs[2]!.page).toBe(2);
    expect(paragraphs).toHaveLength(3);
  });
});

describe('PDF paragraphs set ragged (left-aligned, as a plain Word draft prints)', () => {
  it('a line ending short of the margin goes on when the next starts mid-sentence; a heading or a full stop ends it', async () => {
    const pdf = await renderPdf({
      pageSize: { width: 320, height: 400 },
      pageMargins: [30, 30, 30, 30],
      content: [
        // A justified paragraph sets the page's right margin.
        {
          text: 'Tỷ lệ văn bản đi, đến dưới dạng điện tử của các cơ quan hành chính nhà nước đạt 88,31%.',
          alignment: 'justify',
        },
        { text: 'a) Cải cách thủ tục hành chính' },
        // Its first line ends ~47 pt short of the margin, the next starts with a figure.
        { text: 'Các cơ quan, đơn vị đã giải quyết trực tuyến 45.210/101.742 hồ sơ, đạt 44,4%.', alignment: 'left' },
        {
          text: 'Số hồ sơ trực tuyến là 45.210 hồ sơ, chiếm 45,4% tổng số hồ sơ tiếp nhận (101.742 hồ sơ).',
          alignment: 'left',
        },
        { text: 'Các mục tiêu cụ thể đạt được' },
        { text: '(1) Tỷ lệ hồ sơ đúng hạn đạt 98,5%.' },
        { text: 'b) Cải cách tổ chức bộ máy' },
        { text: 'Đã sắp xếp xong.', alignment: 'left' },
        { text: 'giảm 20 tổ chức.', alignment: 'left' },
      ],
    } as Parameters<typeof renderPdf>[0]);
    const doc = await readDocument(new Uint8Array(pdf));
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      'Tỷ lệ văn bản đi, đến dưới dạng điện tử của các cơ quan hành chính nhà nước đạt 88,31%.',
      'a) Cải cách thủ tục hành chính',
      'Các cơ quan, đơn vị đã giải quyết trực tuyến 45.210/101.742 hồ sơ, đạt 44,4%.',
      'Số hồ sơ trực tuyến là 45.210 hồ sơ, chiếm 45,4% tổng số hồ sơ tiếp nhận (101.742 hồ sơ).',
      'Các mục tiêu cụ thể đạt được',
      '(1) Tỷ lệ hồ sơ đúng hạn đạt 98,5%.',
      'b) Cải cách tổ chức bộ máy',
      'Đã sắp xếp xong.',
      'giảm 20 tổ chức.',
    ]);
  });
});

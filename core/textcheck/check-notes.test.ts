/**
 * Check 3 across a footnote's mark: a figure split by tier in its note (the app's own reports give
 * breakdowns so).
 */
import { describe, expect, it } from 'vitest';
import { checkDocument, type TextDocument } from './index.js';

/** A body paragraph with a note marked right after `marked` (its first occurrence). */
function noted(body: string, marked: string, note: string): TextDocument {
  const at = body.indexOf(marked) + marked.length;
  return {
    format: 'docx',
    paragraphs: [
      { text: body, where: 'body' },
      { text: note, where: 'footnote', mark: { paragraph: 1, at } },
    ],
    notes: [],
  };
}

const parts = (doc: TextDocument): [string, string, string, string | null, string][] =>
  checkDocument(doc)
    .findings.filter((f) => f.kind === 'whole-parts')
    .map((f) => [f.severity, f.text, f.stated ?? '', f.computed, f.message]);

describe('check 3: a figure split by tier in its footnote', () => {
  const body = 'Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp là 1.668 thủ tục.';

  it('adds up the three tiers to the figure the mark follows', () => {
    expect(
      parts(noted(body, '1.668 thủ tục', 'Cấp sở 1.245 thủ tục; cấp huyện 287 thủ tục; cấp xã 136 thủ tục.')),
    ).toEqual([]);
    // The figure edited in the text, not in its note.
    expect(
      parts(
        noted(
          body.replace('1.668', '1.686'),
          '1.686 thủ tục',
          'Cấp sở 1.245 thủ tục; cấp huyện 287 thủ tục; cấp xã 136 thủ tục.',
        ),
      ),
    ).toEqual([
      [
        'error',
        '1.245 thủ tục; cấp huyện 287 thủ tục; cấp xã 136',
        '1.686',
        '1.668',
        'Các số theo cấp ở chú thích (đủ các cấp) cộng lại không bằng số ở câu có dấu chú thích: cấp sở 1.245 + cấp huyện 287 + cấp xã 136 = 1.668, không phải 1.686.',
      ],
    ]);
  });

  it('two tiers may be all the period has: only more than the figure is sure without the data', () => {
    const note = 'Cấp sở 2.035 thủ tục; cấp xã 1.394 thủ tục.';
    expect(parts(noted(body.replace('1.668', '3.429'), '3.429 thủ tục', note))).toEqual([]);
    expect(parts(noted(body.replace('1.668', '3.500'), '3.500 thủ tục', note))).toEqual([]);
    expect(parts(noted(body.replace('1.668', '3.249'), '3.249 thủ tục', note)).map((f) => f.slice(0, 4))).toEqual([
      ['error', '2.035 thủ tục; cấp xã 1.394', '3.249', '3.429'],
    ]);
  });

  it('a change, people counted as "người", a fraction of units: each side of it', () => {
    expect(
      parts(
        noted(
          'So với năm 2021, toàn tỉnh đã giảm 722 biên chế (công chức giảm 60 biên chế; viên chức giảm 662 người).',
          '662 người)',
          'Cấp sở giảm 274 biên chế; cấp huyện giảm 448 biên chế.',
        ),
      ),
    ).toEqual([]);
    const kl =
      'Toàn tỉnh đã xử lý kỷ luật 118 cán bộ, công chức, viên chức (khiển trách 84, cảnh cáo 14, cách chức 07, buộc thôi việc 13).';
    expect(parts(noted(kl, 'thôi việc 13)', 'Cấp sở 41 người; cấp huyện 49 người; cấp xã 28 người.'))).toEqual([]);
    expect(
      parts(noted(kl, 'thôi việc 13)', 'Cấp sở 41 người; cấp huyện 49 người; cấp xã 82 người.')).map((f) =>
        f.slice(2, 4),
      ),
    ).toEqual([['118', '172']]);
    const units = 'Sở Nội vụ tổng hợp trên cơ sở báo cáo của 37/40 cơ quan, đơn vị.';
    const note = 'Cấp sở 21/21 cơ quan, đơn vị; cấp huyện 7/7 đơn vị; cấp xã 9/12 đơn vị.';
    expect(parts(noted(units, '37/40 cơ quan, đơn vị', note))).toEqual([]);
    expect(
      parts(noted(units, '37/40 cơ quan, đơn vị', note.replace('9/12', '9/14'))).map((f) => [f[2], f[3], f[4]]),
    ).toEqual([
      [
        '40',
        '42',
        'Các số theo cấp ở chú thích cộng lại nhiều hơn mẫu số ở câu có dấu chú thích: cấp sở 21 + cấp huyện 7 + cấp xã 14 = 42, lớn hơn 40.',
      ],
    ]);
  });

  it('a note of lists that say what they count: each against the figure counted in those words', () => {
    // The app's own report: "… 127 cuộc kiểm tra, tự kiểm tra tại 40 cơ quan, đơn vị¹".
    const body2 = 'Năm 2023 đã tổ chức 127 cuộc kiểm tra, tự kiểm tra tại 40 cơ quan, đơn vị.';
    const note =
      'Số cuộc kiểm tra, tự kiểm tra: cấp sở 64, cấp huyện 38, cấp xã 25; số cơ quan, đơn vị được kiểm tra: cấp sở 21, cấp huyện 7, cấp xã 12.';
    expect(parts(noted(body2, '40 cơ quan, đơn vị', note))).toEqual([]);
    expect(parts(noted(body2.replace('127', '172'), '40 cơ quan, đơn vị', note)).map((f) => f.slice(1))).toEqual([
      [
        '64, cấp huyện 38, cấp xã 25',
        '172',
        '127',
        'Các số theo cấp ở chú thích (đủ các cấp) cộng lại không bằng số ở câu có dấu chú thích: cấp sở 64 + cấp huyện 38 + cấp xã 25 = 127, không phải 172.',
      ],
    ]);
    expect(
      parts(noted(body2, '40 cơ quan, đơn vị', note.replace('cấp xã 12', 'cấp xã 21'))).map((f) => f.slice(2, 4)),
    ).toEqual([['40', '49']]);
  });

  it('leaves alone a list no figure is counted in the words of, a note about another noun, and a change split for a figure that is none', () => {
    const body2 = 'Năm 2023 đã tổ chức 127 cuộc kiểm tra, tự kiểm tra tại 40 cơ quan, đơn vị.';
    expect(
      parts(
        noted(
          body2,
          '40 cơ quan, đơn vị',
          'Số hội nghị: cấp sở 64, cấp huyện 38, cấp xã 125; số lớp: cấp sở 1, cấp xã 2.',
        ),
      ),
    ).toEqual([]);
    expect(parts(noted(body2, '40 cơ quan, đơn vị', 'Cấp sở 64 cuộc; cấp huyện 38 cuộc; cấp xã 25 cuộc.'))).toEqual([]);
    expect(
      parts(noted(body, '1.668 thủ tục', 'Cấp sở giảm 45 thủ tục; cấp huyện giảm 20 thủ tục; cấp xã giảm 3 thủ tục.')),
    ).toEqual([]);
  });
});

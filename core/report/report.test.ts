import { beforeAll, describe, expect, it } from 'vitest';
import { consolidationWithUnreadableCell, makeConsolidation } from '../../test/fixtures/consolidation-fixture.js';
import {
  assertGapsAccepted,
  defaultReportTemplate,
  renderDataWarnings,
  renderReport,
  reportGaps,
  ReportGapsError,
  type RenderReportResult,
  type ReportTemplate,
} from './index.js';
import { execFileSync } from 'node:child_process';
import type { LaidOutPage } from '../pdf/index.js';
import {
  pageText,
  partySettings,
  pdffonts,
  pdfinfo,
  savePdf,
  stampWithImages,
  signedSettings,
  TEXT_STAMP,
  words,
} from './pdf-tools.test-helpers.js';

const c = makeConsolidation();
const settings = signedSettings(c.period);

let result: RenderReportResult;
let file: string;
let text: string;
const stages: string[] = [];

beforeAll(async () => {
  result = await renderReport({ consolidation: c, settings, onProgress: (s) => stages.push(s) });
  file = savePdf(result.pdf);
  text = pageText(file);
});

describe('renderReport — the default report', () => {
  it('writes A4 pages with every font embedded', () => {
    const info = pdfinfo(file);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toContain(`Pages:           ${result.pages}`);
    expect(info).toMatch(/Creator:\s+Tổng hợp CCHC\n/);
    expect(info).toMatch(/Producer:\s+Tổng hợp CCHC\n/);
    const fonts = pdffonts(file);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) {
      expect(f[0]).toMatch(/^[A-Z]{6}\+Tinos/);
      expect(f.slice(-5, -4)).toEqual(['yes']); // emb column
    }
    expect(stages).toEqual([
      'Đang điền số liệu vào mẫu báo cáo',
      'Đang dàn trang và đặt chú thích cuối trang',
      'Đang tạo tệp PDF',
    ]);
  });

  it('has the header, title, every section, "Nơi nhận" and the signature', () => {
    for (const s of [
      'UBND TỈNH LAI CHÂU',
      'SỞ NỘI VỤ',
      'Số: 123/BC-SNV',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Lai Châu, ngày 05 tháng 9 năm 2023',
      'BÁO CÁO Sơ kết 03 năm thực hiện Nghị quyết số 08-NQ/TU',
      'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO THỰC HIỆN',
      'II. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, NHIỆM VỤ, GIẢI PHÁP',
      'III. ĐÁNH GIÁ CHUNG',
      'IV. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI',
      'Nơi nhận: - Bộ Nội vụ (b/c);',
      '- Lưu: VT, CCHC.',
      'KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC',
      'Nguyễn Thị Hồng Nhung',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('quotes the figures in Vietnamese notation and the computed target line', () => {
    expect(text).toContain(
      '118 cán bộ, công chức, viên chức bị xử lý kỷ luật (khiển trách 84, cảnh cáo 14, cách chức 07, buộc thôi việc 13)',
    );
    expect(text).toContain(
      'giảm 722 biên chế (công chức giảm 60 biên chế, tương ứng 2,28%; viên chức giảm 662 người, tương ứng 4,25%)',
    );
    expect(text).toContain(
      '(2) Tỷ lệ TTHC đủ điều kiện được cung cấp dịch vụ công trực tuyến: đạt 86,00% (Nghị quyết số 08-NQ/TU là 80%); vượt chỉ tiêu.',
    );
    expect(text).toContain(
      '(4) Tỷ lệ đơn vị sự nghiệp công lập tự bảo đảm từ 10% chi thường xuyên trở lên: mới đạt 15,56% (Nghị quyết số 08-NQ/TU là 17%); chưa đạt.',
    );
    expect(text).toContain(
      'cấp xã mới đạt 58,00% (Nghị quyết số 08-NQ/TU là cấp sở 90%, cấp huyện 80%, cấp xã 60%); chưa đạt ở cấp xã.',
    );
    expect(text).toContain('Đánh giá: 6/9 chỉ tiêu đạt và vượt');
    expect(text).toMatch(/tiết kiệm chi phí tuân thủ (.* )?10\.741\.056\.503 đồng/);
    expect(text).toContain('1.668 thủ tục');
    expect(result.findings).toEqual([]);
  });

  it('numbers pages centred at the top from page 2, not on page 1', () => {
    const first = (p: number): string =>
      pageText(file, p, true)
        .split('\n')
        .find((l) => l.trim()) ?? '';
    expect(first(1).trim()).toMatch(/^UBND TỈNH LAI CHÂU\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    expect(first(2).trim()).toBe('2');
    expect(words(file, 1).some((w) => w.text === '1' && w.yMin < 57)).toBe(false);
    for (const p of [2, 3]) {
      const num = words(file, p).find((w) => w.text === String(p) && w.yMax < 57);
      expect(num, `page number on page ${p}`).toBeDefined();
      // Centred over the text block (left margin 30 mm, right 15 mm).
      const centre = ((num?.xMin ?? 0) + (num?.xMax ?? 0)) / 2;
      expect(Math.abs(centre - (85.04 + (595.28 - 42.52)) / 2)).toBeLessThan(2);
    }
  });

  it('prints each footnote at the bottom of the page of its mark', () => {
    expect(result.footnotes.length).toBe(9);
    const expected: Record<number, string> = {
      1: 'Cấp sở 21/21 cơ quan, đơn vị; cấp huyện 7/7 đơn vị; cấp xã 9/12 đơn vị.',
      2: 'Số cuộc kiểm tra, tự kiểm tra: cấp sở 64, cấp huyện 38, cấp xã 25;',
      7: 'Cấp sở 1.245 thủ tục; cấp huyện 287 thủ tục; cấp xã 136 thủ tục.',
      8: 'Cấp sở giảm 274 biên chế; cấp huyện giảm 448 biên chế.',
      9: 'Cấp sở 41 người; cấp huyện 49 người; cấp xã 28 người.',
    };
    const pages = Array.from({ length: result.pages }, (_, i) => pageText(file, i + 1));
    const tops = new Map<number, { page: number; top: number }>();
    for (const { n, page } of result.footnotes) {
      expect(page).toBeGreaterThan(0);
      if (expected[n]) {
        expect(pages.filter((t) => t.includes(expected[n] ?? '')).length).toBe(1);
        expect(pages[page - 1]).toContain(expected[n]);
      }
      // The footnote sits below every body line of its page (body text is set at 14 pt, its
      // words ≥ 14 pt tall; footnote numbers are small superscripts), above the bottom margin,
      // its number at the left margin on the first line of its text.
      const w = words(file, page);
      // The footnote's own number starts at the left margin (30 mm); its mark in the body does not.
      const mark = w.filter((x) => x.text === String(n) && x.yMax - x.yMin < 10 && Math.abs(x.xMin - 85.04) < 1);
      expect(mark, `footnote ${n} on page ${page}`).toHaveLength(1);
      const fnTop = mark[0]!.yMin;
      const bodyBottom = Math.max(...w.filter((x) => x.yMax - x.yMin >= 14).map((x) => x.yMax));
      expect(bodyBottom, `footnote ${n} below the body of page ${page}`).toBeLessThan(fnTop);
      expect(fnTop).toBeLessThan(841.89 - 56.69); // above the 20 mm bottom margin
      const first = (expected[n] ?? '').split(' ')[0];
      if (first) {
        const after = w.find((x) => x.text === first && Math.abs(x.yMin - fnTop) < 4 && x.xMin > mark[0]!.xMax);
        expect(after, `footnote ${n} text beside its number`).toBeDefined();
      }
      tops.set(n, { page, top: fnTop });
    }
    // Footnotes of one page stack in their order.
    for (const [n, at] of tops) {
      const next = tops.get(n + 1);
      if (next?.page === at.page) expect(next.top).toBeGreaterThan(at.top);
    }
    const disciplinePage = result.footnotes.find((f) => f.n === 9)?.page ?? 0;
    expect(pageText(file, disciplinePage)).toContain('buộc thôi việc 13)');
  });

  it('reports the signature space under the authority lines and above the signer', () => {
    const box = result.signatureBox;
    expect(box.width).toBeGreaterThan(200);
    expect(box.height).toBe(84);
    const w = words(file, box.page);
    const name = w.find((x) => x.text === 'Nguyễn');
    const authority = w.filter((x) => x.text === 'ĐỐC').sort((a, b) => b.yMax - a.yMax)[0];
    expect(name && authority).toBeTruthy();
    const top = 841.89 - (box.y + box.height);
    const bottom = 841.89 - box.y;
    expect(authority?.yMax ?? 0).toBeLessThanOrEqual(top + 1);
    expect(Math.abs((name?.yMin ?? 0) - bottom)).toBeLessThan(6);
    expect((name?.xMin ?? 0) > box.x && (name?.xMax ?? 0) < box.x + box.width).toBe(true);
  });

  it('adds the annexes: per-unit tables in landscape, then the units without figures and why', () => {
    const annexStart = result.footnotes.length ? result.signatureBox.page + 1 : 0;
    expect(pdfinfo(file, '-f', String(annexStart), '-l', String(annexStart))).toMatch(
      /Page\s+\d+ size:\s+841\.89 x 595\.28/,
    );
    const annex1 = pageText(file, annexStart);
    expect(annex1).toContain(
      'Phụ lục I SỐ LIỆU CHỦ YẾU CỦA CÁC CƠ QUAN, ĐƠN VỊ (Kèm theo Báo cáo số 123/BC-SNV ngày 05/09/2023)',
    );
    expect(annex1).toContain('1. Các cơ quan, đơn vị cấp sở');
    // The table of 21 departments runs onto a second page, its header row repeated there.
    const annex1b = pageText(file, annexStart + 1);
    expect(annex1b).toMatch(/^\d+ STT Cơ quan, đơn vị CBCCVC/);
    expect(annex1b).toContain('6.790 21 96 1.245 98.400');
    expect(annex1b).toContain('Cộng cấp sở');
    // A unit's row is never cut between the pages: its whole name is on one page.
    expect(annex1).not.toContain('Văn phòng Ủy ban nhân');
    expect(annex1b).toContain('18 Văn phòng Ủy ban nhân dân tỉnh 196');
    // An empty row says why it is empty.
    expect(text).toContain('UBND xã Bình Lư (chưa gửi báo cáo)');
    expect(text).toContain('UBND xã Pa Tần (tệp gửi không sử dụng được)');
    expect(text).toContain('UBND thị trấn Nậm Nhùn (gửi nhiều tệp, chưa chọn tệp)');
    // The data warnings are internal work: not an annex of the report.
    expect(text).not.toContain('CẢNH BÁO');
    expect(text).not.toContain('Chưa có giải trình');
    expect(text).not.toContain('Phụ lục III');
    expect(pageText(file, result.pages)).toContain('Phụ lục II CÁC CƠ QUAN, ĐƠN VỊ CHƯA CÓ SỐ LIỆU TỔNG HỢP');
    const rows = pageText(file, result.pages, true)
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '));
    expect(rows).toContain('1 UBND xã Bình Lư Cấp xã Chưa gửi báo cáo');
    expect(rows).toContain('2 UBND xã Pa Tần Cấp xã Đã gửi báo cáo nhưng tệp không sử dụng');
    expect(pageText(file, result.pages)).toContain('tệp định dạng Excel 97-2003 (.xls); cần gửi lại');
    expect(rows.find((r) => r.startsWith('3 UBND thị trấn Nậm'))).toContain('Gửi 2 tệp báo cáo khác nhau');
    expect(pdfinfo(file, '-f', String(result.pages), '-l', String(result.pages))).toMatch(/size:\s+595\.28 x 841\.89/);
  });

  it('marks a cell the unit filled but that could not be read, rather than calling it not reported', async () => {
    expect(text).not.toContain('(*)');
    const marked = consolidationWithUnreadableCell();
    const r = await renderReport({ consolidation: marked, settings });
    const t = pageText(savePdf(r.pdf, 'unusable-cell.pdf'), undefined, true);
    const row = t
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .find((l) => l.startsWith('3 Sở Kế hoạch và Đầu tư'));
    expect(row).toContain('(*)');
    expect(t.replace(/\s+/g, ' ')).toContain(
      'Ô ghi (*): đơn vị có ghi số liệu nhưng số liệu không hợp lệ, phải bổ sung, chỉnh sửa; chưa tính vào tổng cộng.',
    );
  });

  it('leaves out the annex of units without figures when every unit reported', async () => {
    const all = makeConsolidation({ missing: [] });
    const r = await renderReport({ consolidation: all, settings });
    const t = pageText(savePdf(r.pdf, 'all-reported.pdf'));
    expect(t).toContain('Phụ lục I SỐ LIỆU CHỦ YẾU');
    expect(t).not.toContain('Phụ lục II');
    expect(t).not.toContain('CHƯA CÓ SỐ LIỆU');
  });
});

describe('the internal list of data warnings', () => {
  it('is a document of its own: every finding not fixed, with its cells and explanation', async () => {
    const w = await renderDataWarnings({ consolidation: c, settings, date: '2023-09-05' });
    const f = savePdf(w.pdf, 'warnings.pdf');
    const t = pageText(f);
    expect(t).toContain('SỞ NỘI VỤ TÀI LIỆU NỘI BỘ');
    expect(t).toContain('DANH SÁCH CẢNH BÁO VỀ SỐ LIỆU CÁC ĐƠN VỊ BÁO CÁO');
    expect(t).toContain('lập ngày 05/09/2023');
    expect(t).toContain('Số công chức vượt là 02');
    expect(t).toContain('Chưa có giải trình');
    expect(t).toContain('Tệp S14.xlsx, trang Số liệu: E58, E56');
    expect(t).toContain('Cảnh báo: UBND huyện Phong Thổ: số hồ sơ quá hạn (212, ô E40)');
    expect(t).not.toContain('Đơn vị đã gửi lại báo cáo.'); // a fixed finding is not listed
    expect(t).not.toContain('Kèm theo Báo cáo');
    expect(w.pages).toBeGreaterThanOrEqual(1);
  });
});

describe('headings keep with their text', () => {
  /** The default outline with `n` filler lines after its opening paragraph, pushing every heading down. */
  const pushed = (n: number): ReportTemplate => {
    const base = defaultReportTemplate(c.period);
    const filler = Array.from({ length: n }, (_, i) => ({ type: 'paragraph' as const, text: `Dòng đệm ${i + 1}.` }));
    return { version: 1, blocks: [base.blocks[0]!, ...filler, ...base.blocks.slice(1)] };
  };

  it('never leaves a heading as the last line of a page', async () => {
    let checked = 0;
    let pushedOver = 0;
    for (let n = 0; n < 12; n++) {
      let pages: LaidOutPage[] = [];
      const r = await renderReport({
        consolidation: c,
        settings,
        template: pushed(n),
        annexes: false,
        onLayout: (p) => (pages = p),
      });
      expect(pages).toHaveLength(r.pages);
      for (const page of pages.slice(0, -1)) {
        const body = page.lines.filter((l) => l.tags.includes('heading') || l.tags.includes('paragraph'));
        const last = body.reduce((a, b) => (b.y > a.y ? b : a));
        expect(last.tags.includes('heading'), `n=${n}, page ${page.number} ends with the heading "${last.text}"`).toBe(
          false,
        );
        // A page that ends early (a heading moved on) still holds text, never nothing.
        if (last.y < page.height - 200) pushedOver++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(pushedOver).toBeGreaterThan(0);
  });
});

describe('a heading last in the text', () => {
  it('goes with the closing block to the next page rather than end a page', async () => {
    const base = defaultReportTemplate(c.period);
    let moved = 0;
    for (let n = 8; n <= 18; n++) {
      const filler = Array.from({ length: n }, (_, i) => ({ type: 'paragraph' as const, text: `Dòng đệm ${i + 1}.` }));
      const template: ReportTemplate = {
        version: 1,
        blocks: [...base.blocks.slice(0, 3), ...filler, { type: 'heading', level: 2, text: 'Z. MỤC CUỐI' }],
      };
      let pages: LaidOutPage[] = [];
      const r = await renderReport({
        consolidation: c,
        settings,
        template,
        annexes: false,
        onLayout: (p) => (pages = p),
      });
      const heading = pages.find((p) => p.lines.some((l) => l.text.startsWith('Z. MỤC CUỐI')));
      const signer = pages.find((p) => p.lines.some((l) => l.id === 'sig-name'));
      expect(heading?.number, `n=${n}`).toBe(signer?.number);
      expect(r.signatureBox.page).toBe(signer?.number);
      if (heading?.number === 2) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });
});

describe('gaps before signing', () => {
  it('lists the visible gaps and refuses to sign them unless confirmed', () => {
    expect(reportGaps(c)).toEqual([]);
    expect(() => assertGapsAccepted([], false)).not.toThrow();
    const blank = makeConsolidation({ blank: ['KL01'] });
    const gaps = reportGaps(blank);
    expect(gaps.map((g) => g.values[0]?.code)).toEqual(['KL01', 'so:KL01', 'huyen:KL01', 'xa:KL01']);
    expect(() => assertGapsAccepted(gaps, false)).toThrow(ReportGapsError);
    expect(() => assertGapsAccepted(gaps, false)).toThrow('Báo cáo còn 4 chỗ thiếu số liệu');
    expect(() => assertGapsAccepted(gaps, true)).not.toThrow();
  });
});

describe('renderReport — variants', () => {
  it('lays out the Party variant: "ĐẢNG CỘNG SẢN VIỆT NAM", "*" and "Số 15-BC/TU" without a colon', async () => {
    const party = partySettings(settings);
    const r = await renderReport({ consolidation: c, settings: party, annexes: false });
    const f = savePdf(r.pdf, 'party.pdf');
    const p1 = pageText(f, 1);
    expect(p1).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(p1).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(p1).toContain('ĐẢNG BỘ TỈNH LAI CHÂU TỈNH ỦY *');
    expect(p1).toContain('Số 15-BC/TU');
    expect(p1).not.toContain('Số: 15');
    expect(p1).toContain('Lai Châu, ngày 03 tháng 02 năm 2024');
    expect(pageText(f)).toContain('T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ');
  });

  it('draws a visible text stamp in the signature space without moving it', async () => {
    const r = await renderReport({
      consolidation: c,
      settings,
      annexes: false,
      stamp: TEXT_STAMP,
    });
    expect(r.signatureBox).toEqual(result.signatureBox);
    const f = savePdf(r.pdf, 'stamp.pdf');
    const w = words(f, r.signatureBox.page);
    const time = w.find((x) => x.text === '2023-09-05T10:15:00+07:00');
    expect(time).toBeDefined();
    const top = 841.89 - (r.signatureBox.y + r.signatureBox.height);
    expect((time?.yMin ?? 0) > top && (time?.yMax ?? 0) < 841.89 - r.signatureBox.y).toBe(true);
    expect(pageText(f, r.signatureBox.page)).toContain('Ký số bởi: Nguyễn Thị Hồng Nhung');
  });

  it('draws the signature and seal images (transparent PNG) inside the signature space', async () => {
    const r = await renderReport({
      consolidation: c,
      settings,
      annexes: false,
      stamp: await stampWithImages(),
    });
    expect(r.signatureBox).toEqual(result.signatureBox);
    const raw = r.pdf.toString('latin1');
    expect(raw.match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(2);
    expect(raw).toMatch(/\/SMask \d+ 0 R/); // alpha kept as a soft mask
    const f = savePdf(r.pdf, 'images.pdf');
    const list = execFileSync(
      'pdfimages',
      ['-list', '-f', String(r.signatureBox.page), '-l', String(r.signatureBox.page), f],
      { encoding: 'utf8' },
    );
    expect(list).toMatch(/smask/);
  });
});

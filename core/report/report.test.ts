import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeConsolidation } from '../../test/fixtures/consolidation-fixture.js';
import { defaultReportSettings, renderReport, type RenderReportResult, type ReportSettings } from './index.js';
import { execFileSync } from 'node:child_process';
import { pageText, pdffonts, pdfinfo, savePdf, words } from './pdf-tools.test-helpers.js';

const c = makeConsolidation();
const settings: ReportSettings = {
  ...defaultReportSettings(c.period),
  number: '123/BC-SNV',
  date: '2023-09-05',
  signerName: 'Nguyễn Thị Hồng Nhung',
};

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
    expect(text).toContain('giảm 722 biên chế (công chức 60, đạt 2,28%; viên chức 662, đạt 4,25%)');
    expect(text).toContain(
      '(1) Tỷ lệ cắt giảm tổng thời gian giải quyết TTHC được rà soát: đạt 37,36% (Nghị quyết số 08-NQ/TU là 30%); vượt chỉ tiêu.',
    );
    expect(text).toContain(
      '(4) Tỷ lệ đơn vị sự nghiệp công lập tự bảo đảm từ 10% chi thường xuyên trở lên: đạt 15,56% (Nghị quyết số 08-NQ/TU là 17%); chưa đạt.',
    );
    expect(text).toContain(
      'cấp xã đạt 58,00% (Nghị quyết số 08-NQ/TU là cấp sở 90%, cấp huyện 80%, cấp xã 60%); chưa đạt ở cấp xã.',
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
      1: '21 đơn vị cấp sở; 7 đơn vị cấp huyện; 9 đơn vị cấp xã.',
      2: '21 đơn vị cấp sở; 7 đơn vị cấp huyện; 12 đơn vị cấp xã.',
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

  it('adds the annexes: per-unit tables in landscape, open warnings, units not reporting', () => {
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
    expect(annex1b).toContain('Cộng cấp sở 6.790 21 96 1.245 98.400');
    expect(text).toContain('UBND xã Bình Lư (chưa báo cáo)');
    expect(text).toContain('Phụ lục II CÁC CẢNH BÁO CHƯA XỬ LÝ VÀ NỘI DUNG GIẢI TRÌNH');
    expect(text).toContain('Số công chức vượt là 02 trường hợp được điều động');
    expect(text).toContain('Chưa có giải trình');
    expect(text).not.toContain('Đơn vị đã gửi lại báo cáo.'); // a fixed finding is not listed
    expect(text).toContain('Phụ lục III CÁC CƠ QUAN, ĐƠN VỊ CHƯA GỬI BÁO CÁO');
    const annex3 = pageText(file, result.pages);
    for (const n of ['UBND xã Bình Lư', 'UBND xã Pa Tần', 'UBND thị trấn Nậm Nhùn']) expect(annex3).toContain(n);
    expect(pdfinfo(file, '-f', String(result.pages), '-l', String(result.pages))).toMatch(/size:\s+595\.28 x 841\.89/);
  });
});

describe('renderReport — variants', () => {
  it('lays out the Party variant: "ĐẢNG CỘNG SẢN VIỆT NAM", "*" and "Số 15-BC/TU" without a colon', async () => {
    const party: ReportSettings = {
      ...settings,
      kind: 'party',
      governingBody: 'ĐẢNG BỘ TỈNH LAI CHÂU',
      issuingBody: 'TỈNH ỦY',
      number: '15-BC/TU',
      date: '2024-02-03',
      authority: ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'],
    };
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
      stamp: {
        signerName: 'Nguyễn Thị Hồng Nhung',
        subject: 'CN=Nguyễn Thị Hồng Nhung, O=Sở Nội vụ tỉnh Lai Châu',
        signingTime: '2023-09-05T10:15:00+07:00',
      },
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
    const png = (text: string, dark: string): Promise<Buffer> =>
      QRCode.toBuffer(text, { type: 'png', margin: 0, width: 120, color: { dark, light: '#00000000' } });
    const r = await renderReport({
      consolidation: c,
      settings,
      annexes: false,
      stamp: {
        signerName: 'Nguyễn Thị Hồng Nhung',
        subject: 'CN=Nguyễn Thị Hồng Nhung',
        signingTime: '2023-09-05T10:15:00+07:00',
        signatureImage: await png('signature', '#1a3a8fff'),
        sealImage: await png('seal', '#c00000ff'),
      },
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

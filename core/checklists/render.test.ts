import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consolidation } from '../model/consolidation.js';
import QRCode from 'qrcode';
import {
  checklistQrPayload,
  datasetCode,
  NO_RETURN_NOTE,
  renderChecklist,
  renderChecklists,
  type ChecklistSettings,
} from './index.js';
import { pdfScratch } from '../../test/fixtures/pdf-check.js';
import { buildConsolidation, fixtureFinding } from './test-fixture.js';

const { save, cleanup } = pdfScratch('checklists-');
afterAll(cleanup);

/** Text of the whole PDF or of one page, whitespace collapsed. */
function text(path: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [...range, path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

function info(path: string): { pages: number; size: string } {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]),
    size: /^Page size:\s+(.*)$/m.exec(out)?.[1]?.trim() ?? '',
  };
}

function pageTexts(path: string): string[] {
  const { pages } = info(path);
  return Array.from({ length: pages }, (_, i) => text(path, i + 1));
}

const settings: ChecklistSettings = {
  inspectingBody: 'Sở Nội vụ tỉnh Lai Châu',
  governingBody: 'UBND tỉnh Lai Châu',
  team: [
    { name: 'Nguyễn Văn An', role: 'Trưởng đoàn' },
    { name: 'Lò Thị Hoa', role: 'Thành viên' },
  ],
  date: '2023-09-05',
  place: 'Lai Châu',
};

function consolidation(tt03 = 1668): Consolidation {
  const c = buildConsolidation({
    overrides: { S02: { TT03: tt03, TTHC05: 37.36, TTHC06: 10741056503, KL01: 5 } },
    missing: ['X05'],
  });
  c.findings = [
    fixtureFinding(
      c,
      'S02',
      'R01',
      ['KL01', 'KL02', 'KL03', 'KL04', 'KL05', 'KL06', 'KL07'],
      'Tổng số bị kỷ luật (KL01 = 5) khác tổng các hình thức kỷ luật.',
    ),
    fixtureFinding(c, 'S02', 'R05', ['BC04', 'BC02'], 'Số công chức hiện có vượt biên chế được giao.', 'warning'),
  ];
  return c;
}

describe('renderChecklist', () => {
  const c = consolidation();
  const code = datasetCode(c.datasetHash);
  let s02 = '';
  let s05 = '';
  let x05 = '';

  beforeAll(async () => {
    s02 = save(await renderChecklist({ consolidation: c, unit: 'S02', settings }));
    s05 = save(await renderChecklist({ consolidation: c, unit: 'S05', settings }));
    x05 = save(
      await renderChecklist({ consolidation: c, unit: 'X05', settings: { inspectingBody: 'Sở Nội vụ', team: [] } }),
    );
  });

  it('shows the unit, the team, its figures in Vietnamese notation with cells, and its open findings', () => {
    const all = text(s02);
    expect(all).toContain('PHIẾU KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH');
    expect(all).toContain('SỞ NỘI VỤ TỈNH LAI CHÂU');
    expect(all).toContain('Lai Châu, ngày 05 tháng 9 năm 2023');
    expect(all).toContain('Đơn vị được kiểm tra: Sở Tư pháp (mã đơn vị S02; cấp sở).');
    expect(all).toContain('1. Nguyễn Văn An – Trưởng đoàn 2. Lò Thị Hoa – Thành viên');
    expect(all).toContain('TT03 Tổng số cán bộ, công chức, viên chức thuộc phạm vi quán triệt 1.668 người Số liệu!E9');
    expect(all).toContain('37,36%');
    // The unit may wrap inside the narrow value column, after which pdftotext reads the cell.
    expect(all).toMatch(/10\.741\.056\.503 (Số liệu!E31 )?đồng/);
    // Findings written once, in plain words, without internal codes.
    expect(all).toContain('Lỗi: Tổng số bị kỷ luật (KL01 = 5) khác tổng các hình thức kỷ luật.');
    expect(all).toContain('Cảnh báo: Số công chức hiện có vượt biên chế được giao.');
    expect(all).not.toMatch(/\((R\d\d|OUTLIER|MISSING_VALUE|IMPORT_[A-Z_]+)\)/);
    expect(all.split('Tổng số bị kỷ luật (KL01 = 5)').length).toBe(2);
    expect(all).toContain(`Ô liên quan: Số liệu!${c.values.S02?.KL01?.source.cell}`);
    expect(all.match(/Lỗi: III\.1/g)).toHaveLength(7);
    expect(all).toContain('TRƯỞNG ĐOÀN KIỂM TRA');
    expect(all).toContain('ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA');
  });

  it('prints the same dataset code and "Trang x/y" on every A4 page', () => {
    expect(info(s02).size).toBe('595.28 x 841.89 pts (A4)');
    const pages = pageTexts(s02);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Mã dữ liệu: ${code}`);
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    const other = pageTexts(s05);
    for (const page of other) expect(page).toContain(`Mã dữ liệu: ${code}`);
  });

  it('embeds the unit QR code once and shows it on every page', () => {
    const list = execFileSync('pdfimages', ['-list', s02], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((cols) => cols[2] === 'image');
    const size = QRCode.create(checklistQrPayload('NQ08-SK2023', c.datasetHash, 'S02'), { errorCorrectionLevel: 'M' })
      .modules.size;
    expect(list.map((cols) => Number(cols[0]))).toEqual(pageTexts(s02).map((_, i) => i + 1));
    // Same width (3 pixels a module) and the same PDF object on every page.
    expect(new Set(list.map((cols) => `${cols[3]}x${cols[4]} obj ${cols[10]}`))).toEqual(
      new Set([`${size * 3}x${size * 3} obj ${list[0]?.[10]}`]),
    );
  });

  it('repeats the figures table header on every page the table continues on', () => {
    const pages = pageTexts(s02);
    const start = pages.findIndex((p) => p.includes('II. ĐỐI CHIẾU SỐ LIỆU ĐƠN VỊ ĐÃ BÁO CÁO'));
    const end = pages.findIndex((p) => p.includes('III. CÁC PHÁT HIỆN CẦN LÀM RÕ TẠI ĐƠN VỊ'));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start + 1);
    for (let p = start; p <= end; p++) {
      if (p === end && !pages[p]?.includes('CQS')) continue;
      for (const title of [
        'STT',
        'Chỉ tiêu',
        'Số liệu báo cáo',
        'Ô nguồn',
        'Phát hiện',
        'Chưa đúng',
        'Số liệu kiểm tra',
      ]) {
        expect(pages[p]).toContain(title);
      }
    }
    // The last figure row (CQS08) sits on the page where Part III begins or just before it.
    expect(pages.slice(start, end + 1).join(' ')).toContain('CQS08');
  });

  it('gives a unit without a usable return the reason and a blank table of its figures to fill in', () => {
    const all = text(x05);
    expect(all).toContain('Đơn vị được kiểm tra: UBND xã Dào San (mã đơn vị X05; cấp xã).');
    expect(all).toContain('I. CÁC NỘI DUNG KIỂM TRA CHUNG');
    expect(all).toContain('Bộ phận Một cửa');
    expect(all).toContain('Số liệu đối chiếu: chưa có báo cáo sử dụng được. Đơn vị chưa gửi báo cáo.');
    expect(all).toContain('II. SỐ LIỆU GHI NHẬN TẠI ĐƠN VỊ');
    expect(all).toContain(NO_RETURN_NOTE);
    expect(all).toContain('Số liệu tại đơn vị');
    // Every figure of a commune, numbered, with its unit of measure, nothing filled in.
    expect(all).toContain('1 TT01 Số văn bản chỉ đạo, triển khai cải cách hành chính đã ban hành văn bản');
    expect(all).toContain('KL01 Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật người');
    expect(all).not.toContain('Ô nguồn');
    expect(all).toContain('Họ và tên: ……');
    expect(all).toContain('ngày …… tháng …… năm ……');
    expect(all).toContain(`Mã dữ liệu: ${code}`);
  });

  it('prints another dataset code when a figure changes', async () => {
    const changed = consolidation(1669);
    const newCode = datasetCode(changed.datasetHash);
    expect(newCode).not.toBe(code);
    const path = save(await renderChecklist({ consolidation: changed, unit: 'X05', settings }));
    const all = text(path);
    expect(all).toContain(`Mã dữ liệu: ${newCode}`);
    expect(all).not.toContain(code);
  });
});

describe('renderChecklists', () => {
  const c = consolidation();
  const code = datasetCode(c.datasetHash);

  it('writes one file per unit, named PKT_<unit>_<period>.pdf, reporting progress', async () => {
    const progress: string[] = [];
    const batch = await renderChecklists({
      consolidation: c,
      settings,
      units: ['H01', 'x05'],
      onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.unit}`),
    });
    if (!('files' in batch)) throw new Error('expected files');
    expect(batch.files.map((f) => f.fileName)).toEqual(['PKT_H01_NQ08-SK2023.pdf', 'PKT_X05_NQ08-SK2023.pdf']);
    expect(progress).toEqual(['1/2 H01', '2/2 X05']);
    const h01 = save(batch.files[0]?.pdf ?? Buffer.alloc(0));
    expect(text(h01, 1)).toContain('UBND thành phố Lai Châu');
  });

  it('combines units, each from a new page, with the page numbering restarting per unit', async () => {
    const units = ['S02', 'X05', 'H01'];
    const names = ['Sở Tư pháp', 'UBND xã Dào San', 'UBND thành phố Lai Châu'];
    const separate = await Promise.all(
      units.map(async (unit) => info(save(await renderChecklist({ consolidation: c, unit, settings }))).pages),
    );
    const batch = await renderChecklists({ consolidation: c, settings, units, combined: true });
    if (!('combined' in batch)) throw new Error('expected one combined PDF');
    const path = save(batch.combined);
    const pages = pageTexts(path);
    expect(pages).toHaveLength(separate.reduce((a, b) => a + b, 0));

    let first = 0;
    units.forEach((unit, u) => {
      const count = separate[u] ?? 0;
      expect(pages[first]).toContain(`Đơn vị được kiểm tra: ${names[u]} (mã đơn vị ${unit};`);
      expect(pages[first]).toContain('PHIẾU KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH');
      for (let p = 0; p < count; p++) {
        expect(pages[first + p]).toContain(`Trang ${p + 1}/${count}`);
        expect(pages[first + p]).toContain(`Mã dữ liệu: ${code}`);
        expect(pages[first + p]).toContain(`đơn vị ${unit} – kỳ NQ08-SK2023`);
      }
      first += count;
    });
  });
});

describe('layout of the printed checklists', () => {
  /** Body lines of a page's text (footer left out). */
  const body = (pageText: string): string[] =>
    pageText
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .filter(
        (l) => !l.startsWith('Mã dữ liệu') && !l.startsWith('Phiếu kiểm tra CCHC') && !/^Trang \d+\/\d+$/.test(l),
      );
  /** Body lines of a page, from pdftotext's layout. */
  const bodyLines = (path: string, page: number): string[] =>
    body(
      execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' }),
    );
  /** Body lines of every page, read at once (pages end with a form feed). */
  const allBodyLines = (path: string): string[][] =>
    execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
      .split('\f')
      .slice(0, -1)
      .map(body);

  it('never ends a page with a heading, a section row or a lone table header, nor starts one with the signatures alone', async () => {
    const c = consolidation();
    const batch = await renderChecklists({ consolidation: c, settings, combined: true });
    if (!('combined' in batch)) throw new Error('expected one combined PDF');
    const path = save(batch.combined);
    const pages = info(path).pages;
    expect(pages).toBeGreaterThan(150);
    const all = allBodyLines(path);
    expect(all.length).toBe(pages);
    const section = /^[A-ZĐ]\. [A-ZĐÂ][a-zà-ỹ]/u;
    for (let p = 1; p <= pages; p++) {
      const lines = all[p - 1] ?? [];
      const last = lines[lines.length - 1] ?? '';
      expect(section.test(last), `page ${p} ends with the section row "${last}"`).toBe(false);
      expect(/^(I|II|III)\. [A-ZĐ]/.test(last), `page ${p} ends with the heading "${last}"`).toBe(false);
      expect(/^STT\s+(Chỉ tiêu|Phát hiện|Nội dung)/.test(last), `page ${p} ends with a table header`).toBe(false);
      expect(lines[0]?.startsWith('ĐẠI DIỆN ĐƠN VỊ'), `page ${p} holds the signatures alone`).toBe(false);
    }
    // Forty units' checklists and their layout passes: minutes on a loaded machine.
  }, 300_000);

  it('letters sections in the Vietnamese alphabet, keeps the subtitle whole and file names unbroken', async () => {
    const c = consolidation();
    c.intake = {
      X05: {
        status: 'rejected',
        refused: [
          {
            file: 'BC_CCHC_X05_NQ08-SK2023.xls',
            reason: 'tệp định dạng Excel 97-2003 (.xls)',
            message: 'Tệp BC_CCHC_X05_NQ08-SK2023.xls là định dạng Excel 97-2003 (.xls).',
          },
        ],
      },
    };
    const s02 = save(await renderChecklist({ consolidation: c, unit: 'S02', settings }));
    const all = text(s02);
    expect(all).toContain('Đ. Cải cách tổ chức bộ máy');
    expect(all).toContain('E. Quản lý biên chế');
    expect(all).not.toMatch(/ F\. /);
    const first = bodyLines(s02, 1);
    // The subtitle never leaves "- 2023)" alone on its second line.
    const sub = first.findIndex((l) => l.startsWith('Sơ kết 03 năm'));
    expect(first[sub + 1]?.split(/\s+/).length).toBeGreaterThanOrEqual(3);
    const x05 = save(await renderChecklist({ consolidation: c, unit: 'X05', settings }));
    const lines = bodyLines(x05, 1).concat(bodyLines(x05, 2));
    expect(lines.some((l) => l.includes('BC_CCHC_X05_NQ08-SK2023.xls'))).toBe(true);
    expect(lines.some((l) => /BC_CCHC_X05_NQ08-$/.test(l))).toBe(false);
  });
});

/**
 * The consolidated workbook and the return packet as they print, opened by LibreOffice (as a
 * user would) and converted to PDF: page size and count, the title and page numbers on every
 * page, names on the same pages as the figures, the packet's cover first.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIntakeScenario, type IntakeScenario } from '../../test/fixtures/intake-scenario.js';
import { layoutPages, pageSizes, pageWords, xlsxToPdf } from '../../test/fixtures/soffice.js';
import { loadDefaultForm } from '../form/index.js';
import { runConsolidation, type PipelineResult } from '../pipeline/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { originalBytes } from '../workspace/index.js';
import { buildConsolidatedWorkbook } from './consolidated-xlsx.js';
import { buildReturnPacket } from './packet.js';

const root = mkdtempSync(join(tmpdir(), 'tonghop-print-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let sc: IntakeScenario;
let result: PipelineResult;

beforeAll(async () => {
  const dir = join(root, 'returns');
  mkdirSync(dir);
  sc = await buildIntakeScenario(dir);
  result = await runConsolidation({
    form: loadDefaultForm(),
    period: sc.period,
    units: loadDefaultUnits().filter((u) => sc.period.tiers.includes(u.tier)),
    workspaceDir: join(root, 'ws'),
    inputDir: dir,
  });
}, 120_000);

describe('the consolidated workbook in LibreOffice', () => {
  let pdf = '';
  let pages: string[] = [];

  beforeAll(async () => {
    const c = result.consolidation;
    const xlsx = join(root, 'tonghop.xlsx');
    writeFileSync(
      xlsx,
      await buildConsolidatedWorkbook(c, { issuer: { governingBody: 'UBND tỉnh Lai Châu', issuingBody: 'Sở Nội vụ' } }),
    );
    pdf = xlsxToPdf(xlsx, root);
    pages = layoutPages(pdf);
  }, 240_000);

  it('prints on A4, a few dozen pages rather than hundreds, each with its title and "Trang x/y"', () => {
    const sizes = pageSizes(pdf);
    expect(sizes.length).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.length).toBeLessThan(100);
    for (const s of sizes) {
      const [short, long] = [Math.min(s.width, s.height), Math.max(s.width, s.height)];
      expect(Math.abs(short - 595.3)).toBeLessThan(1);
      expect(Math.abs(long - 841.9)).toBeLessThan(1);
    }
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain('UBND TỈNH LAI CHÂU — SỞ NỘI VỤ');
      expect(text.replace(/\s+/g, ' '), `page ${i + 1}`).toContain('Sơ kết 03 năm thực hiện Nghị quyết số 08-NQ/TU');
      expect(text, `page ${i + 1}`).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    expect(pages[0]).toContain('BẢNG TỔNG HỢP SỐ LIỆU CẤP SỞ');
  });

  it('shows the names beside the figures on every page: indicator labels and unit codes, one page wide', () => {
    const c = result.consolidation;
    const tierPages = pages.filter((p) => /Trang \d+\/\d+\s+Cấp (sở|huyện|xã)\s*$/m.test(p));
    expect(tierPages.length).toBeGreaterThanOrEqual(3);
    let rows = 0;
    for (const page of tierPages) {
      // The header with the units is repeated on every page…
      expect(page).toContain('Mã chỉ tiêu');
      expect(page).toMatch(/\b[SHX]01\b/);
      // …and every figure's row carries its indicator's code and name on the same page (a
      // name wrapping over two lines has the code on its middle line).
      const lines = page.split('\n');
      lines.forEach((line, i) => {
        const code = /^\s*([A-Z]+\d\d)\s/.exec(line)?.[1];
        const ind = code ? c.form.indicatorByCode.get(code) : undefined;
        if (!ind) return;
        const near = lines
          .slice(Math.max(0, i - 2), i + 3)
          .join(' ')
          .replace(/\s+/g, ' ');
        const words = new Set(near.split(' '));
        for (const w of ind.label.split(' ')) expect(words.has(w), `${code} beside "${w}" of its name`).toBe(true);
        expect(line.trim().split(/\s+/).length, `${code} with its figures`).toBeGreaterThan(3);
        rows++;
      });
    }
    // One page wide: every unit of the tier, and the totals, on every page of the tier.
    for (const page of tierPages) {
      const tierName = /Trang \d+\/\d+\s+(Cấp (?:sở|huyện|xã))\s*$/m.exec(page)?.[1];
      const tier = c.period.tiers.find((t) => c.form.tiers[t] === tierName);
      expect(tier, tierName).toBeDefined();
      for (const u of c.units.filter((x) => x.tier === tier))
        expect(page, u.code).toMatch(new RegExp(`\\b${u.code}\\b`));
      expect(page).toMatch(/Tổng\s/);
    }
    expect(rows).toBeGreaterThan(150);
  });
});

describe('the return packet in LibreOffice', () => {
  let pdf = '';
  let pages: string[] = [];

  beforeAll(async () => {
    const unit = result.units.find((u) => u.code === 'X10')!;
    const findings = result.consolidation.findings.filter((f) => f.unit === 'X10' && f.status === 'open');
    const xlsx = join(root, 'phan-hoi.xlsx');
    writeFileSync(
      xlsx,
      await buildReturnPacket(originalBytes(result.workspace, unit.sha256!), findings, unit.file!, {
        unit: { code: unit.code, name: unit.name },
        periodTitle: sc.period.title,
        issuer: { governingBody: 'UBND TỈNH LAI CHÂU', issuingBody: 'SỞ NỘI VỤ' },
        resendBy: '2023-07-25',
        contact: 'Phòng Cải cách hành chính, điện thoại 0213 3876 543',
        receivedAt: '2023-07-14T02:30:00.000Z',
      }),
    );
    pdf = xlsxToPdf(xlsx, root);
    pages = layoutPages(pdf);
  }, 240_000);

  it('opens with the request: what is wrong, by when to send it again, to whom', () => {
    const cover = pages[0]!.replace(/\s+/g, ' ');
    expect(cover).toContain('ĐỀ NGHỊ RÀ SOÁT, GỬI LẠI BÁO CÁO CẢI CÁCH HÀNH CHÍNH');
    expect(cover).toContain('Kính gửi: UBND thị trấn Than Uyên (mã đơn vị X10).');
    expect(cover).toContain('nhận ngày 14/07/2023), Sở Nội vụ thấy có 2 lỗi phải sửa');
    expect(cover).toContain('gửi lại Sở Nội vụ trước hết ngày 25/07/2023');
    expect(cover).toContain('Phòng Cải cách hành chính, điện thoại 0213 3876 543');
    // Each problem once, with its cell, without the file name repeated.
    expect(cover).toMatch(/1 E5 Lỗi: Ô E5 \(TT02/);
    expect(cover).toMatch(/2 E63 Lỗi: Ô E63 \(KL03/);
  });

  it('prints every sheet on A4 with page numbers, the figures at a readable size', () => {
    for (const s of pageSizes(pdf)) expect(Math.min(s.width, s.height)).toBeCloseTo(595.3, 0);
    // Numbered through the whole packet: the "Trang x/y" of each page is its place among all.
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`Trang ${i + 1}/${pages.length}`));
    const data = pages.findIndex((p) => p.includes('SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH'));
    expect(data).toBeGreaterThan(0);
    // Word boxes of the indicator codes: at least 9 pt tall once printed (not 6 pt).
    const codes = pageWords(pdf, data + 1).filter((w) => /^(TT|KT|TTHC)\d\d$/.test(w.text));
    expect(codes.length).toBeGreaterThan(5);
    for (const w of codes) expect(w.yMax - w.yMin).toBeGreaterThan(9);
    expect(pages.length).toBeLessThanOrEqual(8);
  });
});

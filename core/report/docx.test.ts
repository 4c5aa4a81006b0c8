/**
 * The report as a Word copy to edit: the same text and figures as the PDF, Word's own
 * footnotes, the layout of Nghị định 30/2020 — read back by the text checker (which finds
 * nothing wrong and every figure it knows in agreement with the data) and printed by
 * LibreOffice Writer, a program that did not write it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConsolidation } from '../../test/fixtures/consolidation-fixture.js';
import { makeDraftDocx } from '../../test/fixtures/draft-docx.js';
import { officeToPdf, pageSizes } from '../../test/fixtures/soffice.js';
import { checkDocument, factsFromConsolidation, readDocx } from '../textcheck/index.js';
import { datasetCode } from '../checklists/dataset-code.js';
import { renderReportDocx, type ReportDocxResult } from './docx.js';
import { resolveReportBody } from './render.js';
import { defaultReportTemplate } from './default-template.js';
import { pageText, partySettings, signedSettings } from './pdf-tools.test-helpers.js';

const c = makeConsolidation();
const settings = signedSettings(c.period);
const scratch = mkdtempSync(join(tmpdir(), 'report-docx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let result: ReportDocxResult;
let parts: Record<string, Uint8Array>;
beforeAll(async () => {
  result = await renderReportDocx({ consolidation: c, settings });
  parts = unzipSync(result.docx);
});
const part = (name: string): string => strFromU8(parts[name] as Uint8Array);

describe('the report as a Word copy', () => {
  it('holds the resolved text of the PDF, paragraph by paragraph, and the footnotes as Word footnotes', async () => {
    const body = resolveReportBody(c, defaultReportTemplate(c.period));
    const doc = await readDocx(result.docx);
    const texts = doc.paragraphs.filter((p) => p.where !== 'footnote').map((p) => p.text);
    // Every block of the body, in order, as the PDF prints it (footnote marks aside).
    const blocks = body.blocks.map((b) =>
      b.inlines
        .map((i) => ('fn' in i ? '' : i.text))
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    let at = 0;
    for (const b of blocks) {
      const found = texts.findIndex(
        (t, i) =>
          i >= at &&
          t
            .replace(/\[\d+\]/g, '')
            .replace(/\s+/g, ' ')
            .trim() === b,
      );
      expect(found, b).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    // Word's own footnotes: one per footnote of the PDF, its text, referenced from the body.
    expect(body.footnotes.length).toBeGreaterThan(0);
    expect(result.footnotes).toBe(body.footnotes.length);
    const document = part('word/document.xml');
    // Each footnote's text, its runs joined.
    const notes = new Map(
      [...part('word/footnotes.xml').matchAll(/<w:footnote w:id="(\d+)">([\s\S]*?)<\/w:footnote>/g)].map((m) => [
        Number(m[1]),
        [...(m[2] as string).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      ]),
    );
    expect([...notes.keys()]).toEqual(body.footnotes.map((f) => f.n));
    for (const f of body.footnotes) {
      expect(document).toContain(`<w:footnoteReference w:id="${f.n}"/>`);
      expect(notes.get(f.n)).toBe(f.inlines.map((i) => i.text).join(''));
    }
  });

  it('passes the text check: no error, no warning, and the figures it knows agree with the data, the annex tables unit by unit', async () => {
    const r = checkDocument(await readDocx(result.docx), { data: factsFromConsolidation(c) });
    const show = (f: (typeof r.findings)[number]): string => `${f.severity} ${f.kind}: ${f.message}`;
    expect(r.findings.filter((f) => f.severity !== 'info').map(show)).toEqual([]);
    const data = r.findings.filter((f) => f.kind === 'data');
    const confirmed = new Set(data.map((f) => f.indicator));
    for (const code of ['TT01', 'TT02', 'TC01', 'TTHC09', 'KL01', 'R_DUNGHAN', 'targets', 'units'])
      expect(confirmed, code).toContain(code);
    // Phụ lục I, read as tables: each unit's row against its return.
    const unitRows = data.filter((f) => /^Bảng \d+, dòng “[^”]+”: khớp số liệu đã nhập của /u.test(f.message));
    expect(unitRows.length).toBe(Object.keys(c.values).length);
  });

  it('is laid out as Nghị định 30/2020 asks: A4, margins 20/15/20/30 mm, Times New Roman, page numbers from page 2, the annex in landscape', () => {
    const document = part('word/document.xml');
    expect(document).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(document).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(document).toContain(`Số: ${settings.number}`);
    expect(document).toContain('Nơi nhận:');
    expect(document).toContain(settings.signerName);
    // 20 mm = 1134 twips, 15 mm = 850, 30 mm = 1701; A4 = 11906 × 16838.
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"[^>]*\/>/);
    expect(document).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(document).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(document).toContain('<w:titlePg/>');
    expect(part('word/styles.xml')).toContain('w:ascii="Times New Roman"');
  });

  it('prints in LibreOffice Writer: the heading block on page 1, page numbers after it, the annex pages in landscape', () => {
    const file = join(scratch, 'BaoCao.docx');
    writeFileSync(file, result.docx);
    const pdf = officeToPdf(file, scratch);
    const first = pageText(pdf, 1);
    expect(first).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(first).toContain('BÁO CÁO');
    const sizes = pageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.round(sizes[0]!.width)).toBe(595);
    expect(sizes.some((s) => Math.round(s.width) === 842)).toBe(true);
    // The page number at the top of page 2, none on page 1.
    expect(pageText(pdf, 2)).toMatch(/^\s*2\s/u);
    expect(first).toMatch(/^\s*UBND TỈNH/u);
  }, 120_000);

  it('writes a gap as the PDF does — "[thiếu số liệu: …]" in dark red — and says which figures are missing; the Party variant has its own heading', async () => {
    const blank = makeConsolidation({ blank: ['KL01'] });
    const r = await renderReportDocx({ consolidation: blank, settings });
    expect(r.findings.map((f) => f.values[0]?.code)).toEqual(['KL01', 'so:KL01', 'huyen:KL01', 'xa:KL01']);
    const document = strFromU8(unzipSync(r.docx)['word/document.xml'] as Uint8Array);
    expect(document).toMatch(/<w:color w:val="B00000"\/>[\s\S]{0,200}<w:t[^>]*>\[thiếu số liệu: KL01\]<\/w:t>/u);
    // Checked as a draft, each gap is a warning to fill it before the report goes out.
    const gaps = checkDocument(await readDocx(r.docx)).findings.filter((f) => f.kind === 'gap');
    expect(gaps.map((f) => [f.severity, f.text])).toEqual(
      ['KL01', 'KL01 cấp sở', 'KL01 cấp huyện', 'KL01 cấp xã'].map((g) => ['warning', `[thiếu số liệu: ${g}]`]),
    );
    expect(gaps[0]?.message).toBe(
      'Văn bản còn chỗ thiếu số liệu [thiếu số liệu: KL01] (ứng dụng để trống vì chưa có số liệu): hãy điền số liệu hoặc bỏ câu này trước khi gửi.',
    );
    const party = await renderReportDocx({ consolidation: c, settings: partySettings(settings) });
    const pd = strFromU8(unzipSync(party.docx)['word/document.xml'] as Uint8Array);
    expect(pd).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(pd).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });
  it('carries the period and the dataset it was written from; checked against other data, the check says so first', async () => {
    expect(part('docProps/custom.xml')).toContain('name="TongHopCCHC.MaDuLieu"');
    const doc = await readDocx(result.docx);
    expect(doc.origin).toEqual({ period: c.period.code, dataset: datasetCode(c.datasetHash) });
    expect(checkDocument(doc, { data: factsFromConsolidation(c) }).notes).toEqual([]);
    // Returns received or figures corrected since the copy was written: the data's code differs.
    const later = makeConsolidation({ blank: ['KL01'] });
    expect(checkDocument(doc, { data: factsFromConsolidation(later) }).notes).toEqual([
      `Văn bản là bản Word của báo cáo xuất từ ứng dụng với số liệu mã ${datasetCode(c.datasetHash)}; số liệu của kỳ nay có mã ${datasetCode(later.datasetHash)} (đã nhận thêm báo cáo hoặc sửa số liệu sau khi xuất): các số khác số liệu tổng hợp có thể do thay đổi đó. Hãy xuất lại bản Word hoặc sửa các số được nêu.`,
    ]);
    const other = makeConsolidation({ period: 'NQ08-TK2025' });
    expect(checkDocument(doc, { data: factsFromConsolidation(other) }).notes).toEqual([
      'Văn bản là bản Word của báo cáo kỳ NQ08-SK2023 xuất từ ứng dụng, nhưng đang được đối chiếu với số liệu kỳ NQ08-TK2025.',
    ]);
    // A draft without those properties (any other Word file) has no origin.
    expect((await readDocx(await makeDraftDocx([['Một đoạn.']]))).origin).toBeUndefined();
  });
});

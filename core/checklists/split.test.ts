import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdf, pageTexts, pdfFonts, pdfInfo, pdfScratch } from '../../test/fixtures/pdf-check.js';
import { PdfReader } from '../pdf/reader.js';
import { datasetCode, renderChecklist, renderChecklists, type ChecklistFile } from './index.js';
import { SPLIT_FROM_UNITS, unitPageRanges } from './render.js';
import { buildConsolidation, fixtureFinding } from './test-fixture.js';

const { save, cleanup } = pdfScratch('checklists-split-');
afterAll(cleanup);

const settings = {
  inspectingBody: 'Sở Nội vụ tỉnh Lai Châu',
  governingBody: 'UBND tỉnh Lai Châu',
  team: [{ name: 'Nguyễn Văn An', role: 'Trưởng đoàn' }],
};

/** Length of each embedded font file: the same in every file only if they share one subset. */
function fontFileLengths(pdf: Buffer): string[] {
  const r = new PdfReader(pdf);
  return [...r.text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => {
    const body = r.stream(Number(m[1]));
    return String(body ? body.end - body.start : -1);
  });
}

describe('renderChecklists of many units as separate files (one document, split)', () => {
  const c = buildConsolidation({ missing: ['X12'] });
  c.findings = [
    fixtureFinding(c, 'S01', 'R01', ['KL01', 'KL02', 'KL03'], 'Tổng số bị kỷ luật khác tổng các hình thức kỷ luật.'),
    fixtureFinding(c, 'H03', 'R05', ['BC04', 'BC02'], 'Số công chức hiện có vượt biên chế được giao.', 'warning'),
  ];
  const code = datasetCode(c.datasetHash);
  const units = ['S01', 'S02', 'H01', 'X05', 'X12', 'h03'];
  const codes = units.map((u) => u.toUpperCase());
  let files: ChecklistFile[] = [];
  let paths: string[] = [];
  const progress: string[] = [];

  beforeAll(async () => {
    expect(units.length).toBeGreaterThanOrEqual(SPLIT_FROM_UNITS);
    const batch = await renderChecklists({
      consolidation: c,
      settings,
      units,
      onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.unit}`),
    });
    if (!('files' in batch)) throw new Error('expected files');
    files = batch.files;
    paths = files.map((f) => save(f.pdf));
  });

  it('gives one well-formed file per unit, in print order, reporting every unit', () => {
    expect(files.map((f) => f.fileName)).toEqual(codes.map((u) => `PKT_${u}_NQ08-SK2023.pdf`));
    expect(progress).toEqual(codes.map((u, i) => `${i + 1}/${codes.length} ${u}`));
    for (const path of paths) checkPdf(path);
    // The files share the fonts subset for the batch: they come from one document.
    expect(new Set(files.map((f) => fontFileLengths(f.pdf).join(','))).size).toBe(1);
  });

  it('has the pages, text, title and fonts of the unit rendered alone', async () => {
    for (const [i, path] of paths.entries()) {
      const unit = codes[i] as string;
      const alone = save(await renderChecklist({ consolidation: c, unit, settings }));
      const pages = pageTexts(path);
      expect(pages).toEqual(pageTexts(alone));
      pages.forEach((page, n) => {
        expect(page).toContain(`Mã dữ liệu: ${code}`);
        expect(page.replace(/\s+/g, ' ')).toContain(`Trang ${n + 1}/${pages.length}`);
      });
      const info = pdfInfo(path);
      const aloneInfo = pdfInfo(alone);
      for (const key of ['Title', 'Author', 'Subject', 'Creator', 'Producer', 'Pages', 'Page size'])
        expect(info[key], `${unit} ${key}`).toBe(aloneInfo[key]);
      expect(info.Title).toBe(`Phiếu kiểm tra công tác cải cách hành chính – ${unit} – NQ08-SK2023`);
      const fonts = pdfFonts(path);
      expect(fonts.map((f) => f.name).sort()).toEqual(
        pdfFonts(alone)
          .map((f) => f.name)
          .sort(),
      );
      for (const font of fonts) expect(font.embedded).toBe(true);
    }
  });

  it('shows the unit QR code, embedded once, on every page', () => {
    for (const path of paths) {
      const list = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .map((l) => l.trim().split(/\s+/))
        .filter((cols) => cols[2] === 'image');
      expect(list.map((cols) => Number(cols[0]))).toEqual(pageTexts(path).map((_, i) => i + 1));
      expect(new Set(list.map((cols) => cols[10])).size).toBe(1);
    }
  });

  it('reads page for page like the combined PDF of the same units', async () => {
    const batch = await renderChecklists({ consolidation: c, settings, units, combined: true });
    if (!('combined' in batch)) throw new Error('expected one combined PDF');
    expect(paths.flatMap(pageTexts)).toEqual(pageTexts(save(batch.combined)));
  });
});

describe('unitPageRanges', () => {
  it('gives each unit its first page and page count when the units follow each other', () => {
    expect(unitPageRanges([[1, 2], [3], [4, 5, 6]])).toEqual([
      { first: 1, count: 2 },
      { first: 3, count: 1 },
      { first: 4, count: 3 },
    ]);
  });

  it('gives nothing when a unit has no page, a gap or pages out of order', () => {
    expect(unitPageRanges([[1, 2], [4]])).toBeUndefined();
    expect(unitPageRanges([[2]])).toBeUndefined();
    expect(unitPageRanges([[1], []])).toBeUndefined();
    expect(unitPageRanges([[1, 3], [2]])).toBeUndefined();
  });
});

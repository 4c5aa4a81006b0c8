import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfScratch } from '../../test/fixtures/pdf-check.js';
import { checklistQrPayload, datasetCode, renderChecklist, type ChecklistSettings } from './index.js';
import { qrModules } from './qr.js';
import { buildConsolidation, fixtureFinding } from './test-fixture.js';

const { save, cleanup } = pdfScratch('checklists-print-');
afterAll(cleanup);

const settings: ChecklistSettings = {
  inspectingBody: 'Sở Nội vụ tỉnh Lai Châu',
  team: [{ name: 'Nguyễn Văn An', role: 'Trưởng đoàn' }],
};

/** Each page's lines as pdftotext lays them out, trimmed, blank lines left out. */
function pageLines(path: string): string[][] {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\f')
    .slice(0, -1)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    );
}

describe('the checklist layout', () => {
  it('repeats a table header on every page its rows continue on, and numbers the pages k/n', async () => {
    const c = buildConsolidation();
    const path = save(await renderChecklist({ consolidation: c, unit: 'S02', settings }));
    const pages = pageLines(path);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    let figures = false;
    pages.forEach((lines, i) => {
      expect(lines.some((l) => l.endsWith(`Trang ${i + 1}/${pages.length}`))).toBe(true);
      if (i === 0) return;
      // A page that goes on with a table starts with its header row.
      const first = lines[0] ?? '';
      if (figures && !first.startsWith('III.')) expect(first).toMatch(/^STT\s+Chỉ tiêu\s+Số liệu báo cáo/);
      if (lines.some((l) => l.startsWith('II. ĐỐI CHIẾU'))) figures = true;
      if (!figures) expect(first).toMatch(/^STT\s+Nội dung kiểm tra/);
    });
    expect(figures).toBe(true);
  });

  it('continues a row taller than a page on the next page, under the header again', async () => {
    const c = buildConsolidation();
    const words = Array.from({ length: 900 }, (_, i) => `từ${i + 1}`);
    c.findings = [fixtureFinding(c, 'S02', 'R01', ['KL01', 'KL02'], `${words.join(' ')}.`)];
    const path = save(await renderChecklist({ consolidation: c, unit: 'S02', settings }));
    const pages = pageLines(path);
    const start = pages.findIndex((lines) => lines.some((l) => l.startsWith('III. CÁC PHÁT HIỆN')));
    expect(start).toBeGreaterThan(0);
    const end = pages.findIndex((lines) => lines.some((l) => l.includes('TRƯỞNG ĐOÀN KIỂM TRA')));
    expect(end).toBeGreaterThan(start);
    for (let p = start + 1; p <= end; p++) expect(pages[p]?.[0]).toMatch(/^STT\s+Phát hiện khi tổng hợp số liệu/);
    // Every word once, in order, across the pages.
    const text = pages
      .slice(start, end + 1)
      .flat()
      .join(' ');
    const found = [...text.matchAll(/từ(\d+)/giu)].map((m) => Number(m[1]));
    expect(found).toEqual(words.map((_, i) => i + 1));
    pages.forEach((lines, i) => expect(lines.some((l) => l.endsWith(`Trang ${i + 1}/${pages.length}`))).toBe(true));
  });

  it('gives every row of the by-hand table, its header and section rows too, the fixed height', async () => {
    const c = buildConsolidation({ missing: ['X05'] });
    const path = save(await renderChecklist({ consolidation: c, unit: 'X05', settings }));
    const page = pageLines(path).findIndex((lines) => lines.some((l) => l.startsWith('II. SỐ LIỆU GHI NHẬN')));
    const words = execFileSync('pdftotext', ['-f', String(page + 1), '-l', String(page + 1), '-bbox', path, '-'], {
      encoding: 'utf8',
    });
    const tops = new Map<string, number>();
    for (const m of words.matchAll(/yMin="([\d.]+)"[^>]*>([^<]+)</g))
      if (!tops.has(m[2] as string)) tops.set(m[2] as string, Number(m[1]));
    const at = (w: string): number => tops.get(w) ?? Number.NaN;
    // 16 points of content, 2 + 2 of padding, half a point of rule: 20.5 from row to row.
    const stt = [...words.matchAll(/yMin="([\d.]+)"[^>]*>STT</g)].map((m) => Number(m[1]));
    const header = stt.find((y) => y > at('II.')) ?? Number.NaN;
    expect(at('A.') - header).toBeCloseTo(20.5, 1);
    expect(at('TT01') - at('A.')).toBeCloseTo(20.5, 1);
  });

  it('prints decomposed letters (typed on some systems) as the composed ones', async () => {
    const c = buildConsolidation();
    const name = 'Nguyễn Thị Hường';
    const team = [{ name: name.normalize('NFD'), role: 'Trưởng đoàn' }];
    const path = save(await renderChecklist({ consolidation: c, unit: 'X05', settings: { ...settings, team } }));
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain(`1. ${name} – Trưởng đoàn`);
    const raw = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    expect(raw).toContain(name);
  });

  it('draws the QR code of the unit, module for module as the encoder makes it', async () => {
    const c = buildConsolidation();
    const path = save(await renderChecklist({ consolidation: c, unit: 'H03', settings }));
    const dir = mkdtempSync(join(tmpdir(), 'checklist-qr-'));
    try {
      execFileSync('pdfimages', ['-f', '1', '-l', '1', path, join(dir, 'q')]);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const pbm = readFileSync(join(dir, files[0] as string));
      // P4: "P4\n<w> <h>\n" then rows of bits, 1 = black.
      const header = /^P4\s+(\d+)\s+(\d+)\s/.exec(pbm.toString('latin1', 0, 32));
      expect(header).not.toBeNull();
      const w = Number(header?.[1]);
      const h = Number(header?.[2]);
      const data = pbm.subarray((header?.[0] ?? '').length);
      const stride = Math.ceil(w / 8);
      const black = (x: number, y: number): boolean => ((data[y * stride + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      const payload = checklistQrPayload('NQ08-SK2023', c.datasetHash, 'H03');
      const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
      expect(w).toBe(modules.size * 3);
      expect(h).toBe(modules.size * 3);
      for (let r = 0; r < modules.size; r++)
        for (let col = 0; col < modules.size; col++)
          expect(black(col * 3 + 1, r * 3 + 1), `module ${r},${col}`).toBe(Boolean(modules.get(r, col)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain(datasetCode(c.datasetHash));
  });

  it('encodes payloads of the same shape alike whether their split into segments is known or not', () => {
    const hash = buildConsolidation().datasetHash;
    for (const unit of ['S01', 'S02', 'X12', 'H07', 'S01']) {
      const payload = checklistQrPayload('NQ08-SK2023', hash, unit);
      const ours = qrModules(payload);
      const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
      expect(ours.size).toBe(modules.size);
      for (let r = 0; r < modules.size; r++)
        for (let col = 0; col < modules.size; col++) expect(ours.dark(r, col)).toBe(Boolean(modules.get(r, col)));
    }
  });
});

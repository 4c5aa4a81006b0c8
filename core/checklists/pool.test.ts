import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetCode, renderChecklist, renderChecklists } from './index.js';
import { buildConsolidation } from './test-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'checklists-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = { inspectingBody: 'Sở Nội vụ tỉnh Lai Châu', governingBody: 'UBND tỉnh Lai Châu', team: [] };

/** Text of each page of a PDF, whitespace collapsed. */
function pages(pdf: Buffer, name: string): string[] {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

describe('renderChecklists in worker threads', () => {
  const c = buildConsolidation({ missing: ['X12'] });
  const units = ['S01', 'S02', 'H01', 'X05', 'X12', 'H03'];

  it('gives the same files, in print order, as rendering on the calling thread, reporting every unit', async () => {
    const progress: string[] = [];
    const batch = await renderChecklists({
      consolidation: c,
      settings,
      units,
      threads: 1,
      onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.unit}`),
    });
    if (!('files' in batch)) throw new Error('expected files');
    expect(batch.files.map((f) => f.unit)).toEqual(units);
    expect(progress.map((p) => p.split(' ')[0])).toEqual(units.map((_, i) => `${i + 1}/${units.length}`));
    expect(progress.map((p) => p.split(' ')[1]).sort()).toEqual([...units].sort());
    const code = datasetCode(c.datasetHash);
    for (const [i, f] of batch.files.entries()) {
      const inProcess = pages(await renderChecklist({ consolidation: c, unit: f.unit, settings }), `a${i}.pdf`);
      const pooled = pages(f.pdf, `b${i}.pdf`);
      expect(pooled).toEqual(inProcess);
      expect(pooled[0]).toContain(`mã đơn vị ${f.unit};`);
      pooled.forEach((p, n) => {
        expect(p).toContain(`Trang ${n + 1}/${pooled.length}`);
        expect(p).toContain(`Mã dữ liệu: ${code}`);
      });
    }
  });

  it('rejects with a message in Vietnamese when a unit cannot be rendered', async () => {
    // Tier names that are not text: laying out any unit throws, in a worker or not.
    const tiers = Object.fromEntries(Object.keys(c.form.tiers).map((t) => [t, 5])) as unknown as Record<string, string>;
    const broken = { ...c, form: { ...c.form, tiers } };
    await expect(renderChecklists({ consolidation: broken, settings, units, threads: 1 })).rejects.toThrow(
      /^Không in được phiếu kiểm tra của đơn vị [A-Z]\d\d: /,
    );
  });

  it('rejects with a message in Vietnamese when the data cannot be sent to the workers', async () => {
    const items = [{ id: 'I1', text: 'Nội dung', evidence: (() => 'x') as unknown as string }];
    await expect(renderChecklists({ consolidation: c, settings, units, items, threads: 1 })).rejects.toThrow(
      /^Không in được phiếu kiểm tra: /,
    );
  });
});

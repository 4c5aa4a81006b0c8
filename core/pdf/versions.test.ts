/** The PDF patches run only on the library versions they were written for, and still do their work. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { savePdf, words } from '../report/pdf-tools.test-helpers.js';
import { renderPdf } from './index.js';
import { PATCHED_FOR } from './patched-versions.js';

/** The version of the package that `from` (a module path) would load. */
function installedVersion(name: string, from: string): string {
  const require = createRequire(from);
  // The nearest package.json above the entry point that names the package.
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (pkg.name === name) return pkg.version;
  }
  throw new Error(`no package.json of ${name}`);
}

describe('pinned PDF libraries', () => {
  const root = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(root, 'utf8')) as {
    dependencies: Record<string, string>;
    overrides?: Record<string, string>;
  };

  it('package.json pins pdfmake, and pdfkit and fontkit through overrides, to the patched versions', () => {
    expect(pkg.dependencies.pdfmake).toBe(PATCHED_FOR.pdfmake);
    expect(pkg.overrides).toMatchObject({ pdfkit: PATCHED_FOR.pdfkit, fontkit: PATCHED_FOR.fontkit });
  });

  it('the installed versions, as pdfmake loads them, are the patched ones', () => {
    const here = import.meta.url;
    const pdfmakeMain = createRequire(here).resolve('pdfmake');
    const pdfkitMain = createRequire(pdfmakeMain).resolve('pdfkit');
    expect({
      pdfmake: installedVersion('pdfmake', here),
      pdfkit: installedVersion('pdfkit', pdfmakeMain),
      fontkit: installedVersion('fontkit', pdfkitMain),
    }).toEqual(PATCHED_FOR);
    // One pdfkit: the one our speed-ups patch is the one pdfmake draws with.
    expect(createRequire(here).resolve('pdfkit')).toBe(pdfkitMain);
  });
});

describe('word-only justification (layout.ts)', () => {
  const PARA =
    'Thực hiện Nghị quyết số 08-NQ/TU ngày 12/3/2021 của Ban Chấp hành Đảng bộ tỉnh về cải cách hành chính ' +
    'giai đoạn 2021-2025, Ủy ban nhân dân tỉnh đã giảm 1.668 thủ tục và tiết kiệm 10.741.056.503 đồng.';
  const firstLine = async (wordJustify: boolean) => {
    const pdf = await renderPdf(
      { pageSize: 'A5', pageMargins: 40, content: [{ text: PARA, alignment: 'justify', fontSize: 12 }] },
      { wordJustify },
    );
    const w = words(savePdf(pdf, `justify-${wordJustify}.pdf`), 1);
    return w.filter((x) => Math.abs(x.yMin - (w[0]?.yMin ?? 0)) < 1);
  };

  it('widens only the spaces between words: "08-NQ/TU" stays whole and every gap is equal', async () => {
    const line = await firstLine(true);
    expect(line.map((w) => w.text)).toEqual([
      'Thực',
      'hiện',
      'Nghị',
      'quyết',
      'số',
      '08-NQ/TU',
      'ngày',
      '12/3/2021',
      'của',
      'Ban',
      'Chấp',
    ]);
    // Justified: from the left margin to the right one (A5 is 419.53 pt wide).
    expect(line[0]!.xMin).toBeCloseTo(40, 0);
    expect(line.at(-1)!.xMax).toBeCloseTo(419.53 - 40, 0);
    const gaps = line.slice(1).map((w, i) => w.xMin - line[i]!.xMax);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(0.3);
    // Wider than a plain space (≈ 3 pt at 12 pt): the slack went into the spaces.
    expect(Math.min(...gaps)).toBeGreaterThan(4);
  });

  it('without it, pdfmake spreads the slack inside "08-NQ/TU" (what the hook is for)', async () => {
    const texts = (await firstLine(false)).map((w) => w.text);
    expect(texts).not.toContain('08-NQ/TU');
    expect(texts.slice(5, 8)).toEqual(['08-', 'NQ/', 'TU']);
  });
});

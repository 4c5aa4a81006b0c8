/** poppler helpers shared by the report's PDF tests. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Write the PDF into a fresh temp folder; returns its path. */
export function savePdf(pdf: Buffer, name = 'report.pdf'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tonghop-report-')), name);
  writeFileSync(file, pdf);
  return file;
}

/** Text of one page (1-based) or of the whole file, whitespace collapsed unless `layout`. */
export function pageText(file: string, page?: number, layout = false): string {
  const args = [...(page ? ['-f', String(page), '-l', String(page)] : []), ...(layout ? ['-layout'] : []), file, '-'];
  const text = execFileSync('pdftotext', args, { encoding: 'utf8' });
  return layout ? text : text.replace(/\s+/g, ' ');
}

export function pdfinfo(file: string, ...args: string[]): string {
  return execFileSync('pdfinfo', [...args, file], { encoding: 'utf8' });
}

export function pdffonts(file: string): string[][] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return out.map((l) => l.trim().split(/\s+/));
}

/** Words with their boxes (points, origin top-left) on a page, from `pdftotext -bbox`. */
export function words(
  file: string,
  page: number,
): { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  return [...html.matchAll(re)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5] ?? '',
  }));
}

/**
 * check-text benchmark: a 40-page Word draft (report sentences, right and wrong, written by
 * the `docx` package) checked whole-process by `tonghop check-text`, and in-process (read +
 * check). Target: under 1 s. The page count is LibreOffice's, when Writer is installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDocument, readDocument } from '../../core/textcheck/index.js';
import { longDraftBlocks, makeDraftDocx } from '../fixtures/draft-docx.js';
import { median } from './stats.js';

export interface TextCheckBenchResult {
  /** Median whole-process time of `tonghop check-text FILE --json OUT`. */
  cliMs: number;
  /** In-process read + check, warm median. */
  warmMs: number;
  /** The first in-process run (loads mammoth). */
  coldMs: number;
  pages: number | null;
  paragraphs: number;
  findings: number;
  bytes: number;
}

export async function benchTextCheck(bin: string, root: string): Promise<TextCheckBenchResult> {
  const corpus = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'textcheck-corpus.json'), 'utf8')) as {
    sentences: { text: string; data?: boolean }[];
  };
  const sentences = corpus.sentences.filter((s) => !s.data).map((s) => s.text);
  const docx = await makeDraftDocx(longDraftBlocks(sentences, 40));
  const dir = mkdtempSync(join(tmpdir(), 'bench-textcheck-'));
  const file = join(dir, 'du-thao-40-trang.docx');
  writeFileSync(file, docx);
  let pages: number | null = null;
  try {
    execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file], {
      stdio: 'pipe',
      env: { ...process.env, HOME: dir },
      timeout: 180_000,
    });
    const info = execFileSync('pdfinfo', [join(dir, 'du-thao-40-trang.pdf')], { encoding: 'utf8' });
    pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? NaN);
  } catch {
    pages = null;
  }
  let t = performance.now();
  let r = checkDocument(await readDocument(docx));
  const coldMs = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    r = checkDocument(await readDocument(docx));
    warm.push(performance.now() - t);
  }
  const cli: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const p = spawnSync(process.execPath, [bin, 'check-text', file, '--json', join(dir, `out${i}.json`)], {
      encoding: 'utf8',
    });
    cli.push(performance.now() - t);
    if (p.status !== 1 && p.status !== 0) throw new Error(`check-text exited ${p.status}: ${p.stderr}`);
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    cliMs: median(cli),
    warmMs: median(warm),
    coldMs,
    pages,
    paragraphs: r.paragraphs.length,
    findings: r.findings.length,
    bytes: docx.length,
  };
}

/**
 * Files a person edits in Notepad on Windows — a register, report settings, a report
 * template — saved as Notepad does (UTF-8 with a BOM, or "Unicode" = UTF-16 LE with a BOM,
 * CRLF line ends) work as their plain UTF-8 twins, through the real command line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../core/cli/io.js';
import { main } from '../../core/cli/main.js';
import { findPeriod } from '../../core/period/index.js';
import { defaultReportTemplate } from '../../core/report/index.js';
import { openWorkspace, readManifest } from '../../core/workspace/index.js';

const PERIOD = 'NQ08-SK2023';
const root = mkdtempSync(join(tmpdir(), 'tonghop-notepad-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), env: {}, cwd: root };
  const code = await main(args, io);
  return { code, out, err };
}

/** The bytes Notepad writes for `text`: CRLF, and a BOM in the chosen encoding. */
function notepad(text: string, encoding: 'utf8' | 'utf16le'): Buffer {
  const crlf = text.replace(/\n/g, '\r\n');
  return encoding === 'utf8'
    ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')])
    : Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]);
}

const returns = join(root, 'tra-ve');
beforeAll(async () => {
  expect((await cli(['sample', '--period', PERIOD, '--out', returns])).code).toBe(0);
});

describe('saved by Notepad', () => {
  it('a register (UTF-8 with a BOM and UTF-16, CRLF) gives the same templates', async () => {
    const register = JSON.parse(readFileSync(join(process.cwd(), 'resources', 'units-default.json'), 'utf8')) as Array<{
      code: string;
      name: string;
    }>;
    const renamed = register
      .slice(0, 5)
      .map((u, i) => (i === 0 ? { ...u, name: 'Sở Tư pháp (sửa trong Notepad)' } : u));
    const text = JSON.stringify(renamed, null, 2);
    for (const encoding of ['utf8', 'utf16le'] as const) {
      const file = join(root, `units-${encoding}.json`);
      writeFileSync(file, notepad(text, encoding));
      const out = join(root, `bieu-mau-${encoding}`);
      const r = await cli(['templates', '--period', PERIOD, '--out', out, '--units', file]);
      expect(r, r.err).toMatchObject({ code: 0 });
      expect(readdirSync(out).sort()).toEqual(renamed.map((u) => `BC_CCHC_${u.code}_${PERIOD}.xlsx`).sort());
    }
  });

  it('report settings and a report template (UTF-8 with a BOM / UTF-16, CRLF) are used as written', async () => {
    const settings = join(root, 'thiet-lap.json');
    writeFileSync(settings, notepad(JSON.stringify({ number: '27/BC-SNV', signerName: 'Lò Văn Tú' }, null, 2), 'utf8'));
    const template = defaultReportTemplate(findPeriod(PERIOD));
    const first = template.blocks[0]!;
    if (first.type !== 'paragraph') throw new Error('the default template starts with a paragraph');
    first.text = `Đoạn mở đầu viết lại trong Notepad; {{units:reported}} đơn vị đã gửi báo cáo. ${first.text}`;
    const templateFile = join(root, 'mau-bao-cao.json');
    writeFileSync(templateFile, notepad(JSON.stringify(template, null, 2), 'utf16le'));
    const ws = join(root, 'ws');
    const pdf = join(root, 'bao-cao.pdf');
    const r = await cli([
      'report',
      returns,
      '--period',
      PERIOD,
      '--workspace',
      ws,
      '--out',
      pdf,
      '--settings',
      settings,
      '--template',
      templateFile,
      '--quiet',
    ]);
    expect(r.code, r.err).toBeLessThanOrEqual(1);
    const stored = readManifest((await openWorkspace(ws, { period: findPeriod(PERIOD)! })).dir).reportSettings;
    expect(stored).toMatchObject({ number: '27/BC-SNV', signerName: 'Lò Văn Tú' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Đoạn mở đầu viết lại trong Notepad; 40 đơn vị đã gửi báo cáo.');
    expect(text).toContain('27/BC-SNV');
    expect(text).toContain('Lò Văn Tú');
  });
});

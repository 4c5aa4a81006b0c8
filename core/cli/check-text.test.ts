/** `tonghop check-text` end to end: real files on disk, the real CLI, a real workspace for --period. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDraftDocx } from '../../test/fixtures/draft-docx.js';
import { loadDefaultForm } from '../form/load.js';
import { parseReturn } from '../import/parse-return.js';
import { findPeriod } from '../period/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { formatNumber } from '../numbers/index.js';
import type { CliIO } from './io.js';
import { main } from './main.js';

const root = mkdtempSync(join(tmpdir(), 'tonghop-check-text-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), env: {}, cwd: root };
  return { code: await main(args, io), out, err };
}

interface JsonFinding {
  kind: string;
  severity: string;
  message: string;
  indicator?: string;
  cell?: { table: number; row: number; column: number };
}

/**
 * A Word draft `name`.docx of one paragraph and one table, checked against the period's data in
 * the workspace the tests consolidate ("ws"): the CLI's answer and its JSON.
 */
async function checkTable(name: string, intro: string, rows: string[][]) {
  writeFileSync(join(root, `${name}.docx`), await makeDraftDocx([[intro], { table: rows }]));
  const r = await cli([
    'check-text',
    `${name}.docx`,
    '--period',
    'NQ08-SK2023',
    '--workspace',
    join(root, 'ws'),
    '--json',
    `${name}.json`,
  ]);
  const json = JSON.parse(readFileSync(join(root, `${name}.json`), 'utf8')) as { findings: JsonFinding[] };
  return { r, json };
}

describe('tonghop check-text', () => {
  it('prints each finding in Vietnamese, writes the JSON of the README, exits 1 on an error', async () => {
    writeFileSync(
      join(root, 'du-thao.txt'),
      '\uFEFFBÁO CÁO\r\nToàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.\r\nTỷ lệ số hóa đạt 62.93%; xếp thứ 30/63 tỉnh, thành phố.\r\n',
    );
    const r = await cli(['check-text', 'du-thao.txt', '--json', 'ket-qua.json']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'Đoạn 2 — LỖI (tỷ lệ và phân số): Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%.',
    );
    expect(r.out).toContain('   Ghi: 64,5% · Tính lại: 64,20% · Đề nghị sửa: 64,2%');
    expect(r.out).toContain('Đoạn 3 — CẢNH BÁO (cách viết số)');
    expect(r.out).toContain('Kết quả: 1 lỗi, 1 cảnh báo, 0 thông tin.');
    const json = JSON.parse(readFileSync(join(root, 'ket-qua.json'), 'utf8'));
    expect(json).toMatchObject({
      file: 'du-thao.txt',
      format: 'txt',
      paragraphs: 3,
      counts: { error: 1, warning: 1, info: 0 },
    });
    expect(json.findings[0]).toEqual({
      kind: 'fraction-rate',
      severity: 'error',
      paragraph: 2,
      start: 24,
      end: 52,
      text: '2.125/3.310 hồ sơ, đạt 64,5%',
      sentence: 'Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.',
      stated: '64,5%',
      computed: '64,20%',
      suggestion: '64,2%',
      message: 'Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%.',
    });
    expect(json.findings[1]).toMatchObject({
      kind: 'notation',
      severity: 'warning',
      text: '62.93%',
      suggestion: '62,93',
    });
  });

  it('names a change against the figures it lies between as "mức tăng, giảm", in the terminal and the JSON', async () => {
    writeFileSync(
      join(root, 'thay-doi.txt'),
      'Đã cấp 1.041 chứng thư số, tăng 241 chứng thư so với năm 2024 (900 chứng thư).\n',
    );
    const r = await cli(['check-text', 'thay-doi.txt', '--json', 'thay-doi.json']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'Đoạn 1 — LỖI (mức tăng, giảm): Mức tăng ghi 241 nhưng từ 900 lên 1.041 là tăng 141. Đề nghị sửa thành 141.',
    );
    const json = JSON.parse(readFileSync(join(root, 'thay-doi.json'), 'utf8'));
    expect(json.findings).toEqual([
      expect.objectContaining({ kind: 'change', severity: 'error', stated: '241', computed: '141', suggestion: '141' }),
    ]);
  });

  it('a .docx with only warnings exits 0; --annotate writes a copy with a Word comment at each finding', async () => {
    writeFileSync(
      join(root, 'bao-cao.docx'),
      await makeDraftDocx([['Tỷ lệ hồ sơ trực tuyến đạt 48.98%.'], ['Đã cấp 1.891 chứng thư số.']]),
    );
    const r = await cli(['check-text', 'bao-cao.docx', '--annotate', 'bao-cao-nhan-xet.docx']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('(1 nhận xét)');
    const comments = strFromU8(
      unzipSync(readFileSync(join(root, 'bao-cao-nhan-xet.docx')))['word/comments.xml'] as Uint8Array,
    );
    expect(comments).toContain('Số 48.98 dùng dấu chấm thập phân');
  });

  it('a table of a Word draft: the finding names its table, row and column, in the terminal, the JSON and a Word comment in its cell', async () => {
    writeFileSync(
      join(root, 'bang.docx'),
      await makeDraftDocx([
        ['Tình hình gửi báo cáo:'],
        {
          table: [
            ['Cấp', 'Số đơn vị', 'Đã nộp'],
            ['Cấp sở', '21', '20'],
            ['Cấp huyện', '7', '7'],
            ['Cấp xã', '12', '10'],
            ['Tổng cộng', '40', '38'],
          ],
        },
      ]),
    );
    const r = await cli(['check-text', 'bang.docx', '--json', 'bang.json', '--annotate', 'bang-nhan-xet.docx']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'Đoạn 16, bảng 1, dòng 5, cột 3 — LỖI (bảng số liệu): Bảng 1, dòng “Tổng cộng”, cột “Đã nộp”: cộng 3 dòng trên được 37, bảng ghi 38. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.',
    );
    const json = JSON.parse(readFileSync(join(root, 'bang.json'), 'utf8'));
    expect(json.findings).toEqual([
      expect.objectContaining({
        kind: 'table',
        paragraph: 16,
        text: '38',
        stated: '38',
        computed: '37',
        suggestion: '37',
        cell: { table: 1, row: 5, column: 3 },
      }),
    ]);
    const doc = strFromU8(unzipSync(readFileSync(join(root, 'bang-nhan-xet.docx')))['word/document.xml'] as Uint8Array);
    // The comment is anchored on the figure, in its cell.
    expect(doc).toMatch(
      /<w:tc>(?:(?!<\/w:tc>).)*<w:commentRangeStart w:id="0"\/><w:r>(?:(?!<\/w:r>).)*<w:t[^>]*>38<\/w:t><\/w:r><w:commentRangeEnd w:id="0"\/>/s,
    );
  });

  it('with --period and --workspace compares figures with the consolidated data of the period', async () => {
    const ws = join(root, 'ws');
    expect((await cli(['sample', '--period', 'NQ08-SK2023', '--out', join(root, 'returns')])).code).toBe(0);
    const c = await cli([
      'consolidate',
      join(root, 'returns'),
      '--period',
      'NQ08-SK2023',
      '--workspace',
      ws,
      '--json',
      join(root, 'c.json'),
      '--quiet',
    ]);
    expect(c.code).toBe(0);
    const totals = JSON.parse(readFileSync(join(root, 'c.json'), 'utf8')).totals.province as Record<string, number>;
    const tt01 = totals.TT01 as number;
    const wrong = tt01 + 17;
    writeFileSync(
      join(root, 'du-thao-2.txt'),
      `Các cơ quan, đơn vị đã ban hành ${wrong} văn bản chỉ đạo, triển khai cải cách hành chính.\n` +
        `Vẫn còn ${(totals.TTHC09 as number).toLocaleString('de-DE')} hồ sơ giải quyết quá hạn.\n`,
    );
    const r = await cli([
      'check-text',
      'du-thao-2.txt',
      '--period',
      'NQ08-SK2023',
      '--workspace',
      ws,
      '--json',
      'k2.json',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `Đoạn 1 — CẢNH BÁO (đối chiếu số liệu tổng hợp): Văn bản ghi ${wrong} văn bản nhưng số liệu tổng hợp của chỉ tiêu TT01`,
    );
    const json = JSON.parse(readFileSync(join(root, 'k2.json'), 'utf8'));
    expect(json.period).toBe('NQ08-SK2023');
    expect(json.findings.map((f: { indicator: string; severity: string }) => [f.indicator, f.severity])).toEqual([
      ['TT01', 'warning'],
      ['TTHC09', 'info'],
    ]);

    // The province's table by tier, as a clerk copies it from the consolidated data into Word:
    // every indicator and ratio row agrees (one info each) but the one cell typed wrong.
    const c2 = JSON.parse(readFileSync(join(root, 'c.json'), 'utf8')) as {
      totals: Record<'province' | 'so' | 'huyen' | 'xa', Record<string, number>>;
      ratios: Record<'province' | 'so' | 'huyen' | 'xa', Record<string, number>>;
    };
    const scopes = ['so', 'huyen', 'xa', 'province'] as const;
    const counts = loadDefaultForm().indicators.filter(
      (i) => i.aggregate === 'sum' && i.kind === 'count' && c2.totals.province[i.code] !== undefined,
    );
    const rows = [
      ['Chỉ tiêu', 'Cấp sở', 'Cấp huyện', 'Cấp xã', 'Toàn tỉnh'],
      ...counts.map((i) => [
        `${i.code} – ${i.label}`,
        ...scopes.map((s) => (c2.totals[s][i.code] === undefined ? '' : formatNumber(c2.totals[s][i.code]!))),
      ]),
      ...Object.keys(c2.ratios.province).map((code) => [
        `${code} – tỷ lệ (%)`,
        ...scopes.map((s) =>
          c2.ratios[s][code] === undefined ? '' : formatNumber(c2.ratios[s][code]!, { decimals: 2 }),
        ),
      ]),
    ];
    const slip = rows.findIndex((r) => r[0]!.startsWith('TT02 '));
    rows[slip]![3] = formatNumber(c2.totals.xa.TT02! + 1);
    const { r: t, json: tj } = await checkTable('bang-so-lieu', 'Số liệu tổng hợp:', rows);
    const data = tj.findings.filter((f) => f.kind === 'data');
    expect(data.filter((f) => f.severity !== 'info')).toEqual([
      expect.objectContaining({ severity: 'warning', indicator: 'TT02', cell: { table: 1, row: slip + 1, column: 4 } }),
    ]);
    expect(data.filter((f) => f.severity === 'info')).toHaveLength(rows.length - 1);
    // The row with the slip does not add up either (check 9): its total column is said once.
    expect(tj.findings.filter((f) => f.kind === 'table')).toEqual([
      expect.objectContaining({ severity: 'error', cell: { table: 1, row: slip + 1, column: 5 } }),
    ]);
    expect(t.code).toBe(1);
  });

  it('a table of the districts’ figures: each against the return it came from, a slip named with that return’s cell', async () => {
    // The returns of the test above, read again: what each district sent, and where.
    const form = loadDefaultForm();
    const units = loadDefaultUnits();
    const period = findPeriod('NQ08-SK2023')!;
    const districts = units.filter((u) => u.tier === 'huyen');
    const sent = districts.map((u) => {
      const fileName = `BC_CCHC_${u.code}_NQ08-SK2023.xlsx`;
      const bytes = new Uint8Array(readFileSync(join(root, 'returns', fileName)));
      return { unit: u, fileName, values: parseReturn(bytes, { fileName, form, units, period }).values };
    });
    const columns = ['TT01', 'TT05', 'TTHC07', 'TTHC08'];
    const rows = [
      ['STT', 'Đơn vị', ...columns.map((c) => form.indicators.find((i) => i.code === c)!.label)],
      // Written as a clerk writes them: "Huyện Tam Đường", "TP. Lai Châu".
      ...sent.map((s, i) => [
        String(i + 1),
        s.unit.name.replace(/^UBND huyện/u, 'Huyện').replace(/^UBND thành phố/u, 'TP.'),
        ...columns.map((c) => formatNumber(s.values[c]!.value)),
      ]),
    ];
    // One figure typed wrong: the third district's TTHC07.
    const slip = sent[2]!;
    const typed = slip.values.TTHC07!.value + 10;
    rows[3]![4] = formatNumber(typed);
    const { r, json } = await checkTable('bang-huyen', 'Số liệu các huyện:', rows);
    const warnings = json.findings.filter((f) => f.severity !== 'info');
    const source = slip.values.TTHC07!.source;
    expect(warnings).toEqual([
      expect.objectContaining({
        kind: 'data',
        cell: { table: 1, row: 4, column: 5 },
        message:
          `Bảng 1, dòng “${rows[3]![1]}”, cột “${rows[0]![4]}”: bảng ghi ${formatNumber(typed)} nhưng số liệu đã nhập của ` +
          `${slip.unit.name} (${slip.unit.code}) cho chỉ tiêu TTHC07 (${rows[0]![4]}) là ${formatNumber(slip.values.TTHC07!.value)} hồ sơ ` +
          `(tệp ${slip.fileName}, trang ${source.sheet}, ô ${source.cell}).`,
      }),
    ]);
    // Every district's row is compared (one info each, the slip's row too for its other cells).
    expect(json.findings.filter((f) => f.kind === 'data' && f.severity === 'info')).toHaveLength(districts.length);
    expect(r.out).toContain(`ô ${source.cell}).`);
    expect(r.code).toBe(0);
    // The Word copy: a comment at the slip only; the seven "khớp" rows with --annotate-info.
    const commented = async (extra: string[]) => {
      const a = await cli([
        'check-text',
        'bang-huyen.docx',
        '--period',
        'NQ08-SK2023',
        '--workspace',
        join(root, 'ws'),
        '--annotate',
        'h-nx.docx',
        ...extra,
      ]);
      const xml = strFromU8(unzipSync(readFileSync(join(root, 'h-nx.docx')))['word/comments.xml']!);
      return { count: xml.match(/<w:comment /g)?.length, err: a.err };
    };
    const plain = await commented([]);
    expect(plain.count).toBe(1);
    expect(plain.err).toContain('(1 nhận xét; 7 thông tin không ghi, thêm --annotate-info để ghi cả các thông tin)');
    expect((await commented(['--annotate-info'])).count).toBe(8);
  });

  it('bad usage and unreadable files exit 2 with a Vietnamese message', async () => {
    const missing = await cli(['check-text', 'khong-co.docx']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`Không tìm thấy ${join(root, 'khong-co.docx')}.`);
    writeFileSync(join(root, 'a.txt'), 'Một dòng.');
    const annotateTxt = await cli(['check-text', 'a.txt', '--annotate', 'x.docx']);
    expect(annotateTxt.code).toBe(2);
    expect(annotateTxt.err).toContain('--annotate chỉ dùng với tệp Word (.docx)');
    expect(existsSync(join(root, 'x.docx'))).toBe(false);
    const infoOnly = await cli(['check-text', 'a.txt', '--annotate-info']);
    expect(infoOnly.code).toBe(2);
    expect(infoOnly.err).toContain('--annotate-info chỉ dùng cùng --annotate OUT.docx.');
    const wsOnly = await cli(['check-text', 'a.txt', '--workspace', root]);
    expect(wsOnly.code).toBe(2);
    expect(wsOnly.err).toContain('--workspace và --units chỉ dùng cùng --period');
    const noWs = await cli(['check-text', 'a.txt', '--period', 'NQ08-SK2023', '--workspace', join(root, 'chua-co')]);
    expect(noWs.code).toBe(2);
    expect(noWs.err).toContain('Chưa có số liệu tổng hợp của kỳ NQ08-SK2023');
    writeFileSync(join(root, 'cu.doc'), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const doc = await cli(['check-text', 'cu.doc']);
    expect(doc.code).toBe(2);
    expect(doc.err).toContain('cu.doc: Tệp là định dạng Word cũ (.doc)');
    const help = await cli(['--help']);
    expect(help.out).toContain('check-text FILE [--period CODE]');
  });
});

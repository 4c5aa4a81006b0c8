/**
 * Check 9: the tables of a Word draft — a total row against the rows it closes (or its groups,
 * each against its own rows), a total column against the columns after it, a rate column
 * against its row's count and base — read from .docx files written by another library.
 */
import { execFileSync } from 'node:child_process';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDraftDocx, type DraftCell } from '../../test/fixtures/draft-docx.js';
import { BY_TIER, byTierWithSlips, grouped } from '../../test/fixtures/draft-tables.js';
import { officeToPdf } from '../../test/fixtures/soffice.js';
import { loadDefaultForm } from '../form/load.js';
import { formatNumber } from '../numbers/index.js';
import { checkDocument, factsFromForm, readDocument, readDocx } from './index.js';
import { whereLabel } from './report.js';

/** The table findings of a draft holding `tables`: [where, severity, span, stated, computed, suggestion, message]. */
async function tableFindings(...tables: (DraftCell[][] | { table: DraftCell[][]; header?: number })[]) {
  const doc = await readDocx(
    await makeDraftDocx([['Kết quả tổng hợp:'], ...tables.map((t) => (Array.isArray(t) ? { table: t } : t))]),
  );
  const r = checkDocument(doc);
  return r.findings
    .filter((f) => f.kind === 'table')
    .map((f) => [whereLabel(r, f.paragraph), f.severity, f.text, f.stated, f.computed, f.suggestion, f.message]);
}

const scratch = mkdtempSync(join(tmpdir(), 'tables-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('check 9: the tables of a Word draft', () => {
  it('reads a table as a grid: merged cells keep their columns, every cell paragraph knows its place', async () => {
    const doc = await readDocx(await makeDraftDocx([['Bảng:'], grouped()]));
    const t = doc.tables?.[0];
    expect(doc.tables).toHaveLength(1);
    expect(t?.rows.slice(0, 3).map((r) => r.cells.map((c) => [c.column, c.colSpan, c.rowSpan, c.text]))).toEqual([
      [
        [1, 1, 2, 'STT'],
        [2, 1, 2, 'Đơn vị'],
        [3, 3, 1, 'Số hồ sơ'],
        [6, 1, 2, 'Tỷ lệ đúng hạn (%)'],
      ],
      // The cells merged down from the row above are not repeated: this row's first cell is in column 3.
      [
        [3, 1, 1, 'Tổng số'],
        [4, 1, 1, 'Đúng hạn'],
        [5, 1, 1, 'Quá hạn'],
      ],
      [
        [1, 1, 1, '(1)'],
        [2, 1, 1, '(2)'],
        [3, 1, 1, '(3)'],
        [4, 1, 1, '(4)'],
        [5, 1, 1, '(5)'],
        [6, 1, 1, '(6)=(4)/(3)'],
      ],
    ]);
    const total = t?.rows[9]?.cells[1];
    expect(total?.text).toBe('3.080');
    expect(doc.paragraphs[(total?.paragraphs[0] as number) - 1]).toEqual({
      text: '3.080',
      where: 'table',
      cell: { table: 1, row: 10, column: 3 },
    });
    expect(await tableFindings(grouped())).toEqual([]);
  });

  it('finds a total row that is not the sum of the rows above it, and a rate that is not its row’s count over its base', async () => {
    expect(await tableFindings(byTierWithSlips())).toEqual([
      [
        'Đoạn 17, bảng 1, dòng 4, cột 4',
        'error',
        '85,3',
        '85,3',
        '83,33%',
        '83,3',
        'Bảng 1, dòng “Cấp xã”, cột “Tỷ lệ (%)”: 10/12 = 83,33%, không phải 85,3% (tỷ lệ tính theo cột “Đã nộp” trên cột “Số đơn vị”, như các dòng khác của bảng).',
      ],
      [
        'Đoạn 20, bảng 1, dòng 5, cột 3',
        'error',
        '38',
        '38',
        '37',
        '37',
        'Bảng 1, dòng “Tổng cộng”, cột “Đã nộp”: cộng 3 dòng trên được 37, bảng ghi 38. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.',
      ],
    ]);
    // The total row's rate (92,5% = 37/40) is right for the true total: it is not judged against the wrong one.
    expect(await tableFindings(BY_TIER)).toEqual([]);
  });

  it('a truncated rate is a warning; a rate with "%" in its cells is corrected with it', async () => {
    const table = BY_TIER.map((r) => r.map((c, i) => (i === 3 && /\d/.test(c) ? `${c}%` : c)));
    table[1]![3] = '95,23%'; // 20/21 = 95,238…
    table[3]![3] = '83,4%';
    const found = await tableFindings(table);
    expect(found.map((f) => [f[1], f[2], f[5]])).toEqual([
      ['warning', '95,23%', '95,24%'],
      ['error', '83,4%', '83,3%'],
    ]);
    expect(found[0]?.[6]).toBe(
      'Bảng 1, dòng “Cấp sở”, cột “Tỷ lệ (%)”: 95,23% bị cắt bớt chữ số: 20/21 = 95,24%, làm tròn là 95,24%.',
    );
  });

  it('reads groups: the total against the groups, each group against its own rows', async () => {
    const found = await tableFindings(
      grouped((t) => {
        t[8]![4] = '40'; // Huyện Sìn Hồ: 370 + 40 ≠ 400, and its group's 50 ≠ 20 + 40
        t[9]![2] = '2.960'; // Tổng cộng, Đúng hạn: 2.000 + 950 = 2.950
        t[4]![5] = '69,00'; // Sở Tư pháp: 1.200/1.250 = 96,00 %
      }),
    );
    expect(found.map((f) => [f[0], f[2], f[4], f[6]])).toEqual([
      [
        'Đoạn 26, bảng 1, dòng 5, cột 6',
        '69,00',
        '96,00%',
        'Bảng 1, dòng “Sở Tư pháp”, cột “Tỷ lệ đúng hạn (%)”: 1.200/1.250 = 96,00%, không phải 69,00% (tỷ lệ tính theo cột “Đúng hạn” trên cột “Tổng số”, như các dòng khác của bảng).',
      ],
      [
        'Đoạn 37, bảng 1, dòng 7, cột 5',
        '50',
        '60',
        'Bảng 1, dòng “Cấp huyện”, cột “Quá hạn”: cộng 2 dòng của nhóm được 60, bảng ghi 50. Đề nghị kiểm tra lại dòng của nhóm hoặc các dòng.',
      ],
      [
        'Đoạn 47, bảng 1, dòng 9, cột 3',
        '400',
        '410',
        'Bảng 1, dòng “Huyện Sìn Hồ”: cột “Tổng số” ghi 400, cộng các cột “Đúng hạn”, “Quá hạn” được 410. Đề nghị kiểm tra lại.',
      ],
      [
        'Đoạn 53, bảng 1, dòng 10, cột 4',
        '2.960',
        '2.950',
        'Bảng 1, dòng “Tổng cộng”, cột “Đúng hạn”: cộng 2 nhóm trên được 2.950, bảng ghi 2.960. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.',
      ],
    ]);
  });

  it('a total column: the columns after it, where most rows add up; the total row is not blamed for a row’s slip', async () => {
    const found = await tableFindings([
      ['STT', 'Đơn vị', 'Tổng số hồ sơ', 'Đúng hạn', 'Quá hạn', 'Tỷ lệ đúng hạn'],
      ['1', 'Sở Tư pháp', '1.250', '1.200', '50', '96,0%'],
      ['2', 'Sở Y tế', '830', '800', '31', '96,4%'],
      ['3', 'Sở Xây dựng', '415', '400', '15', '96,39%'],
      ['4', 'Sở Công Thương', '2.000', '1.990', '10', '99,5%'],
      ['', 'Cộng', '4.495', '4.390', '106', '97,7%'],
    ]);
    expect(found.map((f) => [f[0], f[2], f[4], f[6]])).toEqual([
      [
        'Đoạn 16, bảng 1, dòng 3, cột 3',
        '830',
        '831',
        'Bảng 1, dòng “Sở Y tế”: cột “Tổng số hồ sơ” ghi 830, cộng các cột “Đúng hạn”, “Quá hạn” được 831. Đề nghị kiểm tra lại.',
      ],
    ]);
  });

  it('a total column after its parts (tiers across, "Toàn tỉnh" last), under a section title, rows named by code and name', async () => {
    const table = (tt02: string): DraftCell[][] => [
      ['Mã chỉ tiêu', 'Chỉ tiêu', 'Đơn vị tính', 'Cấp sở', 'Cấp huyện', 'Cấp xã', 'Toàn tỉnh', 'Số đơn vị có số liệu'],
      [{ text: 'A. Công tác chỉ đạo, tuyên truyền cải cách hành chính', colSpan: 8 }],
      [
        'TT01',
        'Số văn bản chỉ đạo, triển khai cải cách hành chính đã ban hành',
        'văn bản',
        '561',
        '200',
        '123',
        '884',
        '40/40',
      ],
      ['TT02', 'Số hội nghị tuyên truyền, quán triệt Nghị quyết', 'hội nghị', '88', '44', '30', tt02, '40/40'],
      ['TT05', 'Số lớp bồi dưỡng về cải cách hành chính đã mở', 'lớp', '92', '36', '', '128', '28/28'],
    ];
    expect(await tableFindings(table('162'))).toEqual([]);
    expect((await tableFindings(table('172'))).map((f) => [f[0], f[2], f[4], f[6]])).toEqual([
      [
        'Đoạn 25, bảng 1, dòng 4, cột 7',
        '172',
        '162',
        'Bảng 1, dòng “TT02 – Số hội nghị tuyên truyền, quán triệt Nghị quyết”: cột “Toàn tỉnh” ghi 172, cộng các cột “Cấp sở”, “Cấp huyện”, “Cấp xã” được 162. Đề nghị kiểm tra lại.',
      ],
    ]);
  });

  it('a figure merged down over two rows counts once', async () => {
    const table = (total: string): DraftCell[][] => [
      ['Đơn vị', 'Nội dung', 'Kinh phí (triệu đồng)'],
      [{ text: 'Sở Nội vụ', rowSpan: 2 }, 'Đào tạo', { text: '100', rowSpan: 2 }],
      ['Tuyên truyền'],
      ['Sở Tư pháp', 'Đào tạo', '50'],
      ['Tổng cộng', '', total],
    ];
    expect(await tableFindings(table('150'))).toEqual([]);
    expect((await tableFindings(table('160'))).map((f) => [f[2], f[4]])).toEqual([['160', '150']]);
  });

  it('parts named "of which" may come short of their total, never above it', async () => {
    const found = await tableFindings([
      ['Nội dung', 'Số TTHC'],
      ['Tổng số', '1.856'],
      ['Trong đó: mức độ 3', '1.400'],
      ['Mức độ 4', '500'],
    ]);
    expect(found.map((f) => [f[0], f[2], f[4], f[5], f[6]])).toEqual([
      [
        'Đoạn 5, bảng 1, dòng 2, cột 2',
        '1.856',
        '1.900',
        null,
        'Bảng 1, dòng “Tổng số”, cột “Số TTHC”: cộng 2 dòng dưới được 1.900, lớn hơn tổng 1.856 mà bảng ghi. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.',
      ],
    ]);
  });

  it('a total first, over the rows after it; a rate over the total row; a fall written "-200"', async () => {
    const found = await tableFindings(
      [
        ['Địa bàn', 'Số TTHC', 'Tỷ lệ so với toàn tỉnh (%)'],
        ['Toàn tỉnh', '1.856', '100'],
        ['Cấp tỉnh', '1.458', '78,56'],
        ['Cấp huyện', '270', '14,55'],
        ['Cấp xã', '128', '7,53'],
      ],
      [
        ['Hình thức', 'Năm 2023', 'Năm 2024', 'Tăng, giảm'],
        ['Trực tuyến', '1.600', '1.800', '200'],
        ['Trực tiếp', '900', '700', '-200'],
        ['Cộng', '2.500', '2.500', '10'],
      ],
    );
    expect(found.map((f) => [f[0], f[2], f[4], f[5]])).toEqual([
      // 128/1.856 = 6,896…
      ['Đoạn 16, bảng 1, dòng 5, cột 3', '7,53', '6,90%', '6,90'],
      ['Đoạn 32, bảng 2, dòng 4, cột 4', '10', '0', '0'],
    ]);
    expect(found[0]?.[6]).toBe(
      'Bảng 1, dòng “Cấp xã”, cột “Tỷ lệ so với toàn tỉnh (%)”: 128 trên tổng 1.856 (dòng “Toàn tỉnh”) = 6,90%, không phải 7,53% (tỷ lệ tính theo cột “Số TTHC” trên dòng tổng, như các dòng khác của bảng).',
    );
  });

  it('says nothing where the table does not claim a sum or a rate it can be held to', async () => {
    expect(
      await tableFindings(
        // Measures one above another, not parts of a whole.
        [
          ['Chỉ tiêu', 'Năm 2023', 'Năm 2024'],
          ['Tổng số hồ sơ tiếp nhận', '10.250', '11.400'],
          ['Số hồ sơ đã giải quyết', '10.000', '11.100'],
          ['Số hồ sơ giải quyết đúng hạn', '9.800', '10.950'],
          ['Tỷ lệ đúng hạn (%)', '98,0', '98,6'],
        ],
        // "Of which" lines are inside the line above.
        [
          ['Nội dung', 'Số lượng'],
          ['Công chức', '80'],
          ['Trong đó: nữ', '35'],
          ['Viên chức', '262'],
          ['- Trong đó: nữ', '150'],
          ['Tổng cộng', '342'],
        ],
        // A total first, then only some of its parts ("of which").
        [
          ['Nội dung', 'Số TTHC'],
          ['Tổng số', '1.856'],
          ['Trong đó: mức độ 3', '1.000'],
          ['Mức độ 4', '500'],
        ],
        // Scores and averages are not summed.
        [
          ['Đơn vị', 'Điểm chỉ số CCHC', 'Số TTHC'],
          ['Sở A', '85,5', '120'],
          ['Sở B', '90,1', '80'],
          ['Bình quân', '87,8', '100'],
        ],
        // Amounts rounded to one decimal: 1.234,6 + 765,7 = 2.000,3 within their rounding.
        [
          ['Nguồn', 'Kinh phí (triệu đồng)'],
          ['Ngân sách tỉnh', '1.234,6'],
          ['Ngân sách huyện', '765,7'],
          ['Tổng cộng', '2.000,4'],
        ],
        // A rate whose base is not in the table.
        [
          ['Cấp', 'Số TTHC trực tuyến', 'Tỷ lệ (%)'],
          ['Cấp sở', '120', '45,2'],
          ['Cấp huyện', '80', '30,1'],
          ['Cấp xã', '40', '15,0'],
        ],
        // Figures with words in their cells are not read as the column's figures.
        [
          ['Cấp', 'Đã nộp'],
          ['Cấp sở', '20 đơn vị'],
          ['Cấp huyện', '7 đơn vị'],
          ['Tổng', '28 đơn vị'],
        ],
        // Columns after a total that are not its parts ("of which": women, party members).
        [
          ['Đơn vị', 'Tổng số', 'Trong đó: nữ', 'Đảng viên'],
          ['Sở A', '50', '20', '30'],
          ['Sở B', '40', '25', '10'],
          ['Sở C', '30', '10', '12'],
        ],
        // A row of rates among rows of counts is not a sum of its tiers.
        [
          ['Chỉ tiêu', 'Cấp sở', 'Cấp huyện', 'Toàn tỉnh'],
          ['Số hồ sơ đã giải quyết', '100', '50', '150'],
          ['Số hồ sơ đúng hạn', '90', '45', '135'],
          ['Tỷ lệ đúng hạn (%)', '90,00', '90,00', '90,00'],
        ],
        // A dash and a blank are none.
        [
          ['STT', 'Đơn vị', 'Số cuộc kiểm tra'],
          ['1', 'Sở A', '3'],
          ['2', 'Sở B', '-'],
          ['3', 'Sở C', ''],
          ['4', 'Sở D', '2'],
          ['', 'Tổng cộng', '5'],
        ],
        // Two pairs of columns explain the rates equally: which one is meant cannot be told.
        [
          ['Cấp', 'Số đơn vị', 'Đã nộp', 'Nộp đúng hạn', 'Tỷ lệ (%)'],
          ['Cấp sở', '21', '20', '20', '95,2'],
          ['Cấp huyện', '7', '6', '6', '85,7'],
          ['Cấp xã', '12', '10', '9', '90,0'],
        ],
      ),
    ).toEqual([]);
  });

  it('a draft written by LibreOffice Writer (headings merged across and down): the same readings', async () => {
    // test/fixtures/draft-tables.html: the grouped table above, right, and the table by tier with two slips.
    copyFileSync(join(import.meta.dirname, '../../test/fixtures/draft-tables.html'), join(scratch, 'bang.html'));
    execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        '--writer',
        '--convert-to',
        'docx:MS Word 2007 XML',
        '--outdir',
        scratch,
        join(scratch, 'bang.html'),
      ],
      { stdio: 'pipe', timeout: 120_000, env: { ...process.env, HOME: scratch } },
    );
    const doc = await readDocx(new Uint8Array(readFileSync(join(scratch, 'bang.docx'))));
    expect(doc.tables?.map((t) => t.rows.length)).toEqual([9, 5]);
    expect(doc.tables?.[0]?.rows[1]?.cells.map((c) => [c.column, c.text])).toEqual([
      [3, 'Tổng số'],
      [4, 'Đúng hạn'],
      [5, 'Quá hạn'],
    ]);
    const r = checkDocument(doc);
    expect(r.findings.map((f) => [whereLabel(r, f.paragraph), f.kind, f.text, f.suggestion])).toEqual([
      ['Đoạn 66, bảng 2, dòng 4, cột 4', 'table', '85,3', '83,3'],
      ['Đoạn 69, bảng 2, dòng 5, cột 3', 'table', '38', '37'],
    ]);
    // Printed to PDF, its tables are lines of text: the reader says that they are not checked as tables.
    const pdf = await readDocument(new Uint8Array(readFileSync(officeToPdf(join(scratch, 'bang.docx'), scratch))));
    expect(pdf.notes).toHaveLength(1);
    expect(pdf.notes[0]).toMatch(/^Các bảng số liệu trong tệp PDF \(trang 1\) được đọc như những dòng chữ/u);
    expect(checkDocument(pdf).notes).toEqual(pdf.notes);
  });

  it('a hostile table is bounded: a span of a billion columns, and more rate pairs to try than a table should have', async () => {
    // Written with a span of two, then edited in the file (the writer itself cannot make a billion columns).
    const files = unzipSync(
      await makeDraftDocx([
        {
          table: [
            [{ text: 'Đơn vị', colSpan: 2 }, 'Số'],
            ['Sở A', '', '1'],
            ['Tổng', '', '1'],
          ],
        },
      ]),
    );
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('<w:gridSpan w:val="2"/>');
    files['word/document.xml'] = strToU8(xml.replace('<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="1000000000"/>'));
    const wide = await readDocx(zipSync(files));
    // At most Word's 63 columns; a cell beyond them is read as text, outside the grid.
    expect(wide.tables?.[0]?.rows[0]?.cells.map((c) => [c.column, c.colSpan])).toEqual([[1, 63]]);
    expect(wide.paragraphs.map((p) => p.text)).toContain('Số');
    checkDocument(wide);
    // 30 counts and 30 rates of the last count: each rate is tried against 930 pairs of columns.
    const table = (rows: number): string[][] => {
      const head = [
        'Đơn vị',
        ...Array.from({ length: 30 }, (_, j) => `Số ${j + 1}`),
        ...Array.from({ length: 30 }, (_, j) => `Tỷ lệ ${j + 1} (%)`),
      ];
      const body = Array.from({ length: rows }, (_, r) => {
        const counts = Array.from({ length: 30 }, (_, j) => (j === 29 ? 1000 + r : ((r * 7 + j * 13) % 900) + 1));
        const rates = counts.map((c) => formatNumber((c / counts[29]!) * 100, { decimals: 1 }));
        return [`Đơn vị ${r + 1}`, ...counts.map((c) => formatNumber(c)), ...rates];
      });
      body[1]![31] = '9,9'; // the first rate of the second row: 8/1.001 = 0,8 %
      return [head, ...body];
    };
    const rateSlips = async (rows: number) =>
      (await tableFindings(table(rows))).filter((f) => f[2] === '9,9').map((f) => f[5]);
    expect(await rateSlips(12)).toEqual(['0,8']);
    // 30 × 930 × 200 judgements: more than a table is allowed; its rates are left alone.
    expect(await rateSlips(200)).toEqual([]);
  }, 30_000);

  describe('against the consolidated data (check 7 in a table)', () => {
    const facts = factsFromForm(loadDefaultForm(), {
      totals: { TT01: 884, TT02: 162, TT05: 128, TTHC06: 10_741_056_503 },
      tiers: {
        so: { TT01: 561, TT02: 88, TT05: 92 },
        huyen: { TT01: 200, TT02: 44, TT05: 36 },
        xa: { TT01: 123, TT02: 30 },
      },
      ratios: { R_QUANTRIET: 97.3508 },
      tierRatios: { so: { R_QUANTRIET: 97.6605 }, huyen: { R_QUANTRIET: 97.1939 }, xa: { R_QUANTRIET: 97.7612 } },
      targets: { met: 4, unmet: 1, total: 9 },
    });
    async function dataFindings(table: DraftCell[][]) {
      const doc = await readDocx(await makeDraftDocx([['Số liệu:'], { table }]));
      const r = checkDocument(doc, { data: facts });
      return r.findings
        .filter((f) => f.kind === 'data')
        .map((f) => [whereLabel(r, f.paragraph), f.severity, f.text, f.computed, f.suggestion, f.indicator, f.message]);
    }

    it('rows named by indicators (code or words), columns by scope: each cell against the consolidated figure', async () => {
      const found = await dataFindings([
        ['Chỉ tiêu', 'Cấp sở', 'Cấp huyện', 'Cấp xã', 'Toàn tỉnh'],
        ['TT01 – Số văn bản chỉ đạo, triển khai cải cách hành chính', '561', '200', '123', '884'],
        ['Số hội nghị tuyên truyền, quán triệt Nghị quyết', '88', '44', '31', '163'],
        ['Tỷ lệ CBCCVC tham gia quán triệt (%)', '97,66', '97,19', '97,76', '97,53'],
        // Money (the table's unit may be another) is left alone.
        ['Tổng kinh phí thực hiện (đồng)', '5', '4', '1', '10'],
      ]);
      expect(found).toEqual([
        [
          'Đoạn 8, bảng 1, dòng 2, cột 2',
          'info',
          '561',
          null,
          null,
          'TT01',
          'Bảng 1, dòng “TT01 – Số văn bản chỉ đạo, triển khai cải cách hành chính”: khớp số liệu tổng hợp (cấp sở 561, cấp huyện 200, cấp xã 123, toàn tỉnh 884).',
        ],
        [
          'Đoạn 13, bảng 1, dòng 3, cột 2',
          'info',
          '88',
          null,
          null,
          'TT02',
          'Bảng 1, dòng “Số hội nghị tuyên truyền, quán triệt Nghị quyết”: khớp số liệu tổng hợp (cấp sở 88, cấp huyện 44).',
        ],
        [
          'Đoạn 15, bảng 1, dòng 3, cột 4',
          'warning',
          '31',
          '30 hội nghị',
          '30',
          'TT02',
          'Bảng 1, dòng “Số hội nghị tuyên truyền, quán triệt Nghị quyết”, cột “Cấp xã”: bảng ghi 31 nhưng số liệu tổng hợp của chỉ tiêu TT02 (Số hội nghị tuyên truyền, quán triệt Nghị quyết) ở cấp xã là 30 hội nghị.',
        ],
        [
          'Đoạn 16, bảng 1, dòng 3, cột 5',
          'warning',
          '163',
          '162 hội nghị',
          '162',
          'TT02',
          'Bảng 1, dòng “Số hội nghị tuyên truyền, quán triệt Nghị quyết”, cột “Toàn tỉnh”: bảng ghi 163 nhưng số liệu tổng hợp của chỉ tiêu TT02 (Số hội nghị tuyên truyền, quán triệt Nghị quyết) ở toàn tỉnh là 162 hội nghị.',
        ],
        [
          'Đoạn 18, bảng 1, dòng 4, cột 2',
          'info',
          '97,66',
          null,
          null,
          'R_QUANTRIET',
          'Bảng 1, dòng “Tỷ lệ CBCCVC tham gia quán triệt (%)”: khớp số liệu tổng hợp (cấp sở 97,66%, cấp huyện 97,19%, cấp xã 97,76%).',
        ],
        [
          'Đoạn 21, bảng 1, dòng 4, cột 5',
          'warning',
          '97,53',
          '97,35%',
          '97,35',
          'R_QUANTRIET',
          'Bảng 1, dòng “Tỷ lệ CBCCVC tham gia quán triệt (%)”, cột “Toàn tỉnh”: bảng ghi 97,53% nhưng số liệu tổng hợp của tỷ lệ CBCCVC tham gia quán triệt ở toàn tỉnh là 97,35%.',
        ],
      ]);
    });

    it('rows by scope, columns named by indicators; tables of another time are left alone', async () => {
      const found = await dataFindings([
        ['Cấp', 'Số văn bản chỉ đạo, triển khai CCHC', 'Số lớp bồi dưỡng về cải cách hành chính'],
        ['Cấp sở', '561', '92'],
        ['Cấp huyện', '200', '37'],
        ['Toàn tỉnh', '761', '128'],
      ]);
      expect(found.map((f) => [f[0], f[1], f[2], f[4]])).toEqual([
        ['Đoạn 6, bảng 1, dòng 2, cột 2', 'info', '561', null],
        ['Đoạn 9, bảng 1, dòng 3, cột 2', 'info', '200', null],
        ['Đoạn 10, bảng 1, dòng 3, cột 3', 'warning', '37', '36'],
        ['Đoạn 12, bảng 1, dòng 4, cột 2', 'warning', '761', '884'],
        ['Đoạn 13, bảng 1, dòng 4, cột 3', 'info', '128', null],
      ]);
      expect(found[0]?.[6]).toBe('Bảng 1, dòng “Cấp sở”: khớp số liệu tổng hợp (TT01 561, TT05 92).');
      expect(found[3]?.[6]).toBe(
        'Bảng 1, dòng “Toàn tỉnh”, cột “Số văn bản chỉ đạo, triển khai CCHC”: bảng ghi 761 nhưng số liệu tổng hợp của chỉ tiêu TT01 (Số văn bản chỉ đạo, triển khai cải cách hành chính đã ban hành) ở toàn tỉnh là 884 văn bản.',
      );
      expect(
        await dataFindings([
          ['Chỉ tiêu', 'Năm 2022', 'Năm 2023'],
          ['Số văn bản chỉ đạo, triển khai cải cách hành chính', '700', '884'],
        ]),
      ).toEqual([]);
    });

    describe('units by row or by column, against the figures each unit sent', () => {
      const unitFacts = factsFromForm(loadDefaultForm(), {
        totals: { TT01: 80, TT05: 11 },
        targets: { met: 0, unmet: 0, total: 9 },
        unitFigures: [
          {
            code: 'S02',
            name: 'Sở Tư pháp',
            tier: 'so',
            indicators: {
              TT01: { value: 12, from: 'tệp BC_S02.xlsx, trang Số liệu, ô E4' },
              TT05: { value: 3, from: 'tệp BC_S02.xlsx, trang Số liệu, ô E8' },
            },
            ratios: { R_QUANTRIET: 97.5 },
          },
          {
            code: 'H02',
            name: 'UBND huyện Tam Đường',
            tier: 'huyen',
            indicators: {
              TT01: { value: 23, from: 'tệp BC_H02.xlsx, trang Số liệu, ô E4' },
              TT05: { value: 8, from: 'tệp BC_H02.xlsx, trang Số liệu, ô E8', corrected: true },
            },
            ratios: {},
          },
          {
            code: 'H04',
            name: 'UBND huyện Sìn Hồ',
            tier: 'huyen',
            indicators: { TT01: { value: 33, from: 'tệp BC_H04.xlsx, trang Số liệu, ô E4' } },
            ratios: {},
          },
          {
            code: 'X07',
            name: 'UBND thị trấn Sìn Hồ',
            tier: 'xa',
            indicators: { TT01: { value: 4, from: 'tệp BC_X07.xlsx, trang Số liệu, ô E4' } },
            ratios: {},
          },
          {
            code: 'X03',
            name: 'UBND xã Bản Hon',
            tier: 'xa',
            indicators: { TT01: { value: 5, from: 'tệp BC_X03.xlsx, trang Số liệu, ô E4' } },
            ratios: {},
          },
        ],
      });
      async function unitFindings(table: DraftCell[][]) {
        const doc = await readDocx(await makeDraftDocx([['Số liệu các đơn vị:'], { table }]));
        const r = checkDocument(doc, { data: unitFacts });
        return r.findings
          .filter((f) => f.kind === 'data')
          .map((f) => [whereLabel(r, f.paragraph), f.severity, f.text, f.suggestion, f.message]);
      }

      it('a row per unit (its name with or without "UBND", its short name, its code): each figure against its return, naming the cell it came from', async () => {
        const found = await unitFindings([
          [
            'Đơn vị',
            'Số văn bản chỉ đạo, triển khai CCHC',
            'Số lớp bồi dưỡng về cải cách hành chính',
            'Tỷ lệ CBCCVC tham gia quán triệt (%)',
          ],
          ['Tư pháp', '12', '3', '97,50'],
          ['Huyện Tam Đường', '23', '9', ''],
          ['TT. Sìn Hồ', '5', '', ''],
          ['X03', '5', '', ''],
          // Two units are named "Sìn Hồ" (the district, the township); "Huyện Bản Hon" is a commune's
          // name under another kind: neither is any unit's row.
          ['Sìn Hồ', '7', '', ''],
          ['Huyện Bản Hon', '7', '', ''],
        ]);
        expect(found).toEqual([
          [
            'Đoạn 7, bảng 1, dòng 2, cột 2',
            'info',
            '12',
            null,
            'Bảng 1, dòng “Tư pháp”: khớp số liệu đã nhập của Sở Tư pháp (S02) (TT01 12, TT05 3, R_QUANTRIET 97,50%).',
          ],
          [
            'Đoạn 11, bảng 1, dòng 3, cột 2',
            'info',
            '23',
            null,
            'Bảng 1, dòng “Huyện Tam Đường”: khớp số liệu đã nhập của UBND huyện Tam Đường (H02) (TT01 23).',
          ],
          [
            'Đoạn 12, bảng 1, dòng 3, cột 3',
            'warning',
            '9',
            '8',
            'Bảng 1, dòng “Huyện Tam Đường”, cột “Số lớp bồi dưỡng về cải cách hành chính”: bảng ghi 9 nhưng số liệu đã nhập của UBND huyện Tam Đường (H02) cho chỉ tiêu TT05 (Số lớp bồi dưỡng về cải cách hành chính đã mở) là 8 lớp (tệp BC_H02.xlsx, trang Số liệu, ô E8; số đã sửa sau khi xác nhận với đơn vị).',
          ],
          [
            'Đoạn 14, bảng 1, dòng 4, cột 2',
            'warning',
            '5',
            '4',
            'Bảng 1, dòng “TT. Sìn Hồ”, cột “Số văn bản chỉ đạo, triển khai CCHC”: bảng ghi 5 nhưng số liệu đã nhập của UBND thị trấn Sìn Hồ (X07) cho chỉ tiêu TT01 (Số văn bản chỉ đạo, triển khai cải cách hành chính đã ban hành) là 4 văn bản (tệp BC_X07.xlsx, trang Số liệu, ô E4).',
          ],
          [
            'Đoạn 16, bảng 1, dòng 5, cột 2',
            'info',
            '5',
            null,
            'Bảng 1, dòng “X03”: khớp số liệu đã nhập của UBND xã Bản Hon (X03) (TT01 5).',
          ],
        ]);
      });

      it('a column per unit: a row of an indicator or a ratio against each unit’s figure', async () => {
        const found = await unitFindings([
          ['Chỉ tiêu', 'Sở Tư pháp', 'UBND huyện Tam Đường', 'Huyện Sìn Hồ'],
          ['TT01 – Số văn bản chỉ đạo, triển khai cải cách hành chính', '12', '22', '33'],
          ['Tỷ lệ CBCCVC tham gia quán triệt (%)', '97,4', '', ''],
        ]);
        expect(found.map((f) => [f[0], f[1], f[2], f[3]])).toEqual([
          ['Đoạn 7, bảng 1, dòng 2, cột 2', 'info', '12', null],
          ['Đoạn 8, bảng 1, dòng 2, cột 3', 'warning', '22', '23'],
          ['Đoạn 11, bảng 1, dòng 3, cột 2', 'warning', '97,4', '97,5'],
        ]);
        expect(found[0]?.[4]).toBe(
          'Bảng 1, dòng “TT01 – Số văn bản chỉ đạo, triển khai cải cách hành chính”: khớp số liệu đã nhập của các đơn vị (S02 12, H04 33).',
        );
        expect(found[2]?.[4]).toBe(
          'Bảng 1, dòng “Tỷ lệ CBCCVC tham gia quán triệt (%)”, cột “Sở Tư pháp”: bảng ghi 97,4% nhưng tỷ lệ CBCCVC tham gia quán triệt của Sở Tư pháp (S02), tính từ số liệu đã nhập của đơn vị, là 97,50%.',
        );
      });
    });
  });
});

describe('a table in English notation (pasted from Excel in an English locale)', () => {
  const table = (total: string): DraftCell[][] => [
    ['Đơn vị', 'Tổng số', 'Đúng hạn', 'Quá hạn'],
    ['Sở Tư pháp', '1,250', '1,200', '50'],
    ['Sở Y tế', '830', '800', '30'],
    ['Tổng cộng', total, '2,000', '80'],
  ];
  async function findings(intro: string, t: DraftCell[][], kind: 'table' | 'notation' = 'table') {
    const doc = await readDocx(await makeDraftDocx([[intro], { table: t }]));
    return checkDocument(doc)
      .findings.filter((f) => f.kind === kind)
      .map((f) => f.message);
  }

  it('reads "1,250" as one thousand two hundred and fifty where the table writes English, and asks for Vietnamese notation', async () => {
    // The table's own "96.15" says English.
    const withRate = table('2,080').map((r, i) => [...r, ['Tỷ lệ (%)', '96.00', '96.39', '96.15'][i]!]);
    expect(await findings('Kết quả:', withRate)).toEqual([]);
    expect(
      await findings(
        'Kết quả:',
        table('2,081').map((r, i) => [...r, ['Tỷ lệ (%)', '96.00', '96.39', '96.15'][i]!]),
      ),
    ).toEqual([
      'Bảng 1, dòng “Tổng cộng”, cột “Tổng số”: cộng 2 dòng trên được 2.080, bảng ghi 2,081. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.',
    ]);
    // Check 5 says it once for the table, not at each of its figures.
    expect(await findings('Kết quả:', withRate, 'notation')).toEqual([
      'Bảng 1 viết 7 số theo kiểu tiếng Anh (dán từ Excel đặt ngôn ngữ tiếng Anh?): “1,250” là 1.250 (dấu phẩy ngăn cách hàng nghìn); “96.00” là 96,00 (dấu chấm thập phân). Bảng được đọc theo cách đó; văn bản tiếng Việt cần viết lại các số theo kiểu Việt Nam.',
    ]);
  });

  it('where the table leaves it open, takes the reading under which it adds up, then the document’s habit', async () => {
    // "1,250 + 830 = 2,080" holds only the English way, even in a document that writes "96,15%".
    expect(await findings('Tỷ lệ đúng hạn đạt 96,15%.', table('2,080'))).toEqual([]);
    expect(
      (await findings('Tỷ lệ đúng hạn đạt 96,15%.', table('2,080'), 'notation')).map((m) => m.slice(0, 50)),
    ).toEqual(['Bảng 1 viết 4 số theo kiểu tiếng Anh (dán từ Excel']);
    // "1,250 + 2 = 3,250" (tỷ đồng) holds only the Vietnamese way.
    const money: DraftCell[][] = [
      ['Nguồn', 'Kinh phí (tỷ đồng)'],
      ['Ngân sách tỉnh', '1,250'],
      ['Ngân sách trung ương', '2'],
      ['Tổng cộng', '3,250'],
    ];
    expect(await findings('Kết quả:', money)).toEqual([]);
    expect(await findings('Kết quả:', money, 'notation')).toEqual([]);
    // Both readings add up ("1,250 + 2,750 = 4,000"): the document decides; "1,250" is 1,25 in a
    // Vietnamese one (no notation finding), 1250 in an English one.
    const even: DraftCell[][] = [
      ['Nguồn', 'Kinh phí'],
      ['Ngân sách tỉnh', '1,250'],
      ['Ngân sách trung ương', '2,750'],
      ['Tổng cộng', '4,000'],
    ];
    expect(await findings('Tỷ lệ đạt 96,15%.', even, 'notation')).toEqual([]);
    expect(await findings('Tỷ lệ đạt 96.15%.', even, 'notation')).toEqual([
      'Số 96.15 dùng dấu chấm thập phân; văn bản tiếng Việt dùng dấu phẩy: 96,15.',
      'Bảng 1 viết 3 số theo kiểu tiếng Anh (dán từ Excel đặt ngôn ngữ tiếng Anh?): “1,250” là 1.250 (dấu phẩy ngăn cách hàng nghìn). Bảng được đọc theo cách đó; văn bản tiếng Việt cần viết lại các số theo kiểu Việt Nam.',
    ]);
  });
  it('a table of both notations: the one most of its figures show, when nothing reads otherwise', async () => {
    // Rates pasted in English, one typed over in Vietnamese.
    const rates: DraftCell[][] = [
      ['Đơn vị', 'Tỷ lệ đúng hạn (%)'],
      ...Array.from({ length: 11 }, (_, i) => [`Đơn vị ${i + 1}`, `9${i % 10}.${10 + i}`]),
      ['Đơn vị 12', '95,02'],
    ];
    expect(await findings('Kết quả:', rates, 'notation')).toEqual([
      'Bảng 1 viết 11 số theo kiểu tiếng Anh (dán từ Excel đặt ngôn ngữ tiếng Anh?): “90.10” là 90,10 (dấu chấm thập phân). Bảng được đọc theo cách đó; văn bản tiếng Việt cần viết lại các số theo kiểu Việt Nam.',
    ]);
    // Half and half: each figure is said apart, as in the text.
    const half = rates.slice(0, 3).concat([
      ['Đơn vị 12', '95,02'],
      ['Đơn vị 13', '96,03'],
    ]);
    expect(await findings('Kết quả:', half, 'notation')).toEqual([
      'Số 90.10 dùng dấu chấm thập phân; văn bản tiếng Việt dùng dấu phẩy: 90,10.',
      'Số 91.11 dùng dấu chấm thập phân; văn bản tiếng Việt dùng dấu phẩy: 91,11.',
    ]);
  });
});

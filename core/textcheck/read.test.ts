import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDraftDocx, type DraftBlock } from '../../test/fixtures/draft-docx.js';
import { byTierWithSlips, grouped } from '../../test/fixtures/draft-tables.js';
import { officeToPdf } from '../../test/fixtures/soffice.js';
import { annotateDocx } from './annotate.js';
import { whereLabel } from './report.js';
import { loadDefaultForm } from '../form/load.js';
import { formatNumber } from '../numbers/index.js';
import { checkDocument, checkText, factsFromForm, readDocument, readDocx, TextReadError } from './index.js';

const scratch = mkdtempSync(join(tmpdir(), 'textcheck-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('reading drafts', () => {
  it('reads .txt with a UTF-8 BOM and Windows line ends, one paragraph per line', async () => {
    const text =
      '\uFEFFBáo cáo kết quả\r\n\r\nToàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.\r\nĐã cấp 1.891 chứng thư số.\r\n';
    const doc = await readDocument(enc(text));
    expect(doc.format).toBe('txt');
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      'Báo cáo kết quả',
      'Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.',
      'Đã cấp 1.891 chứng thư số.',
    ]);
    const r = checkDocument(doc);
    expect(r.findings.map((f) => [f.paragraph, f.text, f.suggestion])).toEqual([
      [2, '2.125/3.310 hồ sơ, đạt 64,5%', '64,2%'],
    ]);
  });

  it('check 10: a gap the app printed, or a placeholder of the template left in, is a warning', async () => {
    const r = checkText('Có [thiếu số liệu: KL01] cán bộ bị kỷ luật và {{so:KL02}} cán bộ được khen thưởng.');
    expect(r.findings.map((f) => [f.kind, f.severity, f.text])).toEqual([
      ['gap', 'warning', '[thiếu số liệu: KL01]'],
      ['gap', 'warning', '{{so:KL02}}'],
    ]);
    expect(r.findings[1]?.message).toBe(
      'Văn bản còn trường số liệu chưa điền {{so:KL02}} (chép từ mẫu báo cáo): hãy thay bằng số liệu, hoặc xuất lại báo cáo từ ứng dụng.',
    );
  });

  it('reads .txt without a BOM, and UTF-16 with one (Notepad "Unicode")', async () => {
    const plain = await readDocument(enc('Tỷ lệ đạt 99.5%\nDòng hai'));
    expect(plain.paragraphs.map((p) => p.text)).toEqual(['Tỷ lệ đạt 99.5%', 'Dòng hai']);
    const body = 'Có 45/42 xã đã kết nối.\r\n';
    const u16 = new Uint8Array(2 + body.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < body.length; i++) {
      u16[2 + i * 2] = body.charCodeAt(i) & 0xff;
      u16[3 + i * 2] = body.charCodeAt(i) >> 8;
    }
    const doc = await readDocument(u16);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['Có 45/42 xã đã kết nối.']);
    expect(checkDocument(doc).counts.error).toBe(1);
  });

  it('refuses an old Word .doc with a Vietnamese reason', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(readDocument(ole)).rejects.toThrow(/Word cũ \(\.doc\).*\.docx/);
    await expect(readDocument(ole)).rejects.toBeInstanceOf(TextReadError);
  });

  it('reads a .docx written by another library: runs split by formatting, tables, footnotes, tracked changes', async () => {
    const bytes = await makeDraftDocx(
      [
        ['BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH'],
        [
          'Toàn tỉnh đã giải quyết ',
          { text: '2.125', bold: true },
          '/3.310 hồ sơ, đạt ',
          { text: '64,5%', italics: true },
          '.',
          { footnote: 1 },
        ],
        // A deletion Word still keeps in the file is not read; the insertion is.
        ['Tỷ lệ số hóa đạt ', { text: '99.5%', deleted: true }, { text: '62,93%', inserted: true }, '.'],
        {
          table: [
            ['Chỉ tiêu', 'Kết quả'],
            ['Hồ sơ đúng hạn', '1.350/1.300 hồ sơ, đạt 100%'],
          ],
        },
      ],
      { 1: 'Trong đó cấp sở 1.200 hồ sơ; tổng số 1.000 hồ sơ, trong đó cấp huyện 1.100 hồ sơ.' },
    );
    const doc = await readDocx(bytes);
    expect(doc.paragraphs).toEqual([
      { text: 'BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH', where: 'body' },
      { text: 'Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.', where: 'body' },
      { text: 'Tỷ lệ số hóa đạt 62,93%.', where: 'body' },
      { text: 'Chỉ tiêu', where: 'table', cell: { table: 1, row: 1, column: 1 } },
      { text: 'Kết quả', where: 'table', cell: { table: 1, row: 1, column: 2 } },
      { text: 'Hồ sơ đúng hạn', where: 'table', cell: { table: 1, row: 2, column: 1 } },
      { text: '1.350/1.300 hồ sơ, đạt 100%', where: 'table', cell: { table: 1, row: 2, column: 2 } },
      // A footnote knows where its mark is: at the end of the second paragraph.
      {
        text: 'Trong đó cấp sở 1.200 hồ sơ; tổng số 1.000 hồ sơ, trong đó cấp huyện 1.100 hồ sơ.',
        where: 'footnote',
        mark: { paragraph: 2, at: 53 },
      },
    ]);
    expect(doc.paragraphs[1]!.text.length).toBe(53);
    const r = checkDocument(doc);
    expect(r.findings.map((f) => [f.paragraph, f.kind, f.severity, f.text])).toEqual([
      [2, 'fraction-rate', 'error', '2.125/3.310 hồ sơ, đạt 64,5%'],
      [7, 'impossible-rate', 'error', '1.350/1.300 hồ sơ, đạt 100%'],
      [8, 'whole-parts', 'error', '1.100'],
    ]);
  });

  it('refuses a zip that is not a Word document, and a broken one', async () => {
    const { zipSync } = await import('fflate');
    await expect(readDocument(zipSync({ 'a.txt': enc('x') }))).rejects.toThrow(/không phải văn bản Word/);
    const good = await makeDraftDocx([['Một đoạn.']]);
    await expect(readDocument(good.subarray(0, good.length - 30))).rejects.toThrow(/\.docx bị hỏng/);
  });
});

describe('a draft printed to PDF by another program', () => {
  it('LibreOffice prints a left-aligned Word draft: the PDF reads as the .docx does, with the same findings', async () => {
    const draft = [
      ['Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.'],
      // Printed, its first line ends ~70 pt short of the margin and the next starts with a figure.
      ['Trong năm qua, các cơ quan, đơn vị trên địa bàn tỉnh đã giải quyết 45.210/101.742 hồ sơ, đạt 45,4%.'],
      // Its second line is "(101.742 hồ sơ).".
      ['Số hồ sơ trực tuyến toàn tỉnh là 45.210 hồ sơ, chiếm 45,4% tổng số hồ sơ (101.742 hồ sơ).'],
      ['Đã tuyển dụng 80 công chức và 262 viên chức, tổng cộng 352 người.'],
      ['Tổng số cán bộ, công chức, viên chức toàn tỉnh là 2.706 người, trong đó: nữ 1.234 người (chiếm 47,6%).'],
    ];
    const docx = await makeDraftDocx(draft);
    const file = join(scratch, 'du-thao-in.docx');
    writeFileSync(file, docx);
    execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', scratch, file], {
      stdio: 'pipe',
      timeout: 120_000,
      env: { ...process.env, HOME: scratch },
    });
    const pdf = await readDocument(new Uint8Array(readFileSync(join(scratch, 'du-thao-in.pdf'))));
    const word = await readDocx(docx);
    expect(pdf.paragraphs.map((p) => p.text)).toEqual(word.paragraphs.map((p) => p.text));
    // No table, so no word about tables.
    expect(pdf.notes).toEqual([]);
    const shape = (r: ReturnType<typeof checkDocument>) =>
      r.findings.map((f) => [f.kind, f.severity, f.text, f.suggestion]);
    expect(shape(checkDocument(word))).toHaveLength(5);
    expect(shape(checkDocument(pdf))).toEqual(shape(checkDocument(word)));
  });
});

describe('a table printed to PDF by LibreOffice', () => {
  /** Print `docx` to PDF through LibreOffice and read both. */
  const printed = async (name: string, docx: Uint8Array) => {
    const file = join(scratch, `${name}.docx`);
    writeFileSync(file, docx);
    return {
      pdf: await readDocument(new Uint8Array(readFileSync(officeToPdf(file, scratch)))),
      word: await readDocx(docx),
    };
  };
  const grid = (d: Awaited<ReturnType<typeof readDocx>>) =>
    d.tables?.map((t) => t.rows.map((r) => r.cells.map((c) => c.text)));
  const shape = (r: ReturnType<typeof checkDocument>) => r.findings.map((f) => [f.kind, f.severity, f.text, f.message]);

  it("is rebuilt as the grid Word has, and checked as Word's is (check 9), each finding placed by page and cell", async () => {
    const { pdf, word } = await printed(
      'bang-in',
      await makeDraftDocx([
        ['Tình hình gửi báo cáo của các cơ quan, đơn vị như sau:'],
        { header: 1, table: byTierWithSlips() },
      ]),
    );
    expect(grid(pdf)).toEqual(grid(word));
    expect(pdf.notes).toEqual([]);
    // Each cell a paragraph of its own, with its place, as in Word (rows never run together).
    expect(pdf.paragraphs.slice(0, 6).map((p) => [p.where, p.text, p.cell?.row, p.cell?.column])).toEqual([
      ['body', 'Tình hình gửi báo cáo của các cơ quan, đơn vị như sau:', undefined, undefined],
      ['table', 'Cấp', 1, 1],
      ['table', 'Số đơn vị', 1, 2],
      ['table', 'Đã nộp', 1, 3],
      ['table', 'Tỷ lệ (%)', 1, 4],
      ['table', 'Cấp sở', 2, 1],
    ]);
    const r = checkDocument(pdf);
    expect(shape(r)).toEqual(shape(checkDocument(word)));
    expect(r.findings.map((f) => [f.text, whereLabel(r, f.paragraph)])).toEqual([
      ['85,3', 'Đoạn 17, trang 1, bảng 1, dòng 4, cột 4'],
      ['38', 'Đoạn 20, trang 1, bảng 1, dòng 5, cột 3'],
    ]);
  });

  it("headings in rows of their own, merged across and down: the same findings, in the same rows and columns, as Word's", async () => {
    const { pdf, word } = await printed(
      'bang-nhom',
      await makeDraftDocx([
        ['Kết quả giải quyết hồ sơ:'],
        // 800 on time, typed 810: the group's row and the row's own total no longer hold.
        grouped((t) => {
          t[5]![3] = '810';
        }),
      ]),
    );
    const placed = (d: typeof pdf) => {
      const r = checkDocument(d);
      return r.findings.map((f) => [f.severity, f.message, whereLabel(r, f.paragraph).replace(/^.*bảng/u, 'bảng')]);
    };
    expect(placed(pdf)).toEqual(placed(word));
    expect(placed(pdf).map(([, , where]) => where)).toEqual(['bảng 1, dòng 4, cột 4', 'bảng 1, dòng 6, cột 3']);
  });

  it('a table going on over the next page under its repeated headings is one table: its total row adds up all its rows', async () => {
    const units = Array.from({ length: 44 }, (_, k) => [
      `${k + 1}`,
      `Đơn vị số ${k + 1}`,
      `${10 + k}`,
      `${5 + (k % 5)}`,
    ]);
    const sum = (c: number) => formatNumber(units.reduce((t, r) => t + Number(r[c]), 0));
    // The last unit's figure edited after the total was added up: the slip is on the second page.
    const slipped = units.map((r, k) => (k === 43 ? [r[0]!, r[1]!, '60', r[3]!] : r));
    const { pdf, word } = await printed(
      'bang-hai-trang',
      await makeDraftDocx([
        ['Số liệu của các đơn vị:'],
        {
          // Two heading rows (merged across and down), both repeated on the next page.
          header: 2,
          table: [
            [
              { text: 'STT', rowSpan: 2 },
              { text: 'Đơn vị', rowSpan: 2 },
              { text: 'Số hồ sơ', colSpan: 2 },
            ],
            ['Tiếp nhận', 'Quá hạn'],
            ...slipped,
            ['', 'Tổng cộng', sum(2), sum(3)],
          ],
        },
        ['Các đơn vị đã gửi đủ báo cáo.'],
      ]),
    );
    // It was printed on two pages, its headings repeated on the second.
    const pages = pdf.paragraphs.filter((p) => p.where === 'table').map((p) => p.page);
    expect([Math.min(...(pages as number[])), Math.max(...(pages as number[]))]).toEqual([1, 2]);
    expect(pdf.paragraphs.filter((p) => p.text === 'Tiếp nhận').map((p) => p.page)).toEqual([1]);
    // One table: its two heading rows (merged cells, read as blanks beside their text), then every
    // row as Word has it.
    expect(grid(pdf)?.[0]?.slice(0, 2)).toEqual([
      ['STT', 'Đơn vị', 'Số hồ sơ', ''],
      ['', '', 'Tiếp nhận', 'Quá hạn'],
    ]);
    expect(grid(pdf)?.map((t) => t.slice(2))).toEqual(grid(word)?.map((t) => t.slice(2)));
    const r = checkDocument(pdf);
    expect(shape(r)).toEqual(shape(checkDocument(word)));
    expect(r.findings.map((f) => f.message)).toEqual([
      `Bảng 1, dòng “Tổng cộng”, cột “Tiếp nhận”: cộng 44 dòng trên được 1.393, bảng ghi ${sum(2)}. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.`,
    ]);
  });
});

describe('a footnote of several paragraphs, printed to PDF by LibreOffice', () => {
  it("its later paragraphs — on its page, and at the next page's foot — are the note, as in the .docx", async () => {
    const filler =
      'Các thủ tục hành chính được rà soát, đánh giá theo kế hoạch hằng năm của Ủy ban nhân dân tỉnh và ' +
      'được công bố công khai trên Cổng dịch vụ công của tỉnh để người dân theo dõi. ';
    const body = 'Việc rà soát, đánh giá thủ tục hành chính được thực hiện thường xuyên theo kế hoạch của tỉnh.';
    const filled = (n: number): DraftBlock[] => Array.from({ length: n }, (): DraftBlock => [body]);
    // The second mark near the foot of the first page, so that its long note goes on at the next page's.
    const draft: DraftBlock[] = [
      ['Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp là 3.429 thủ tục', { footnote: 1 }, '.'],
      ...filled(14),
      ['Số thủ tục hành chính có phát sinh hồ sơ của các cấp là 2.860 thủ tục', { footnote: 2 }, '.'],
      ...filled(40),
    ];
    // Note 1: a lead, then the split by tier in a paragraph of its own (the sum is 3.529, not 3.429).
    // Note 2: a lead and a list, one paragraph a line, longer than the first page has room for.
    const notes = {
      1: ['Số thủ tục theo cấp:', 'Cấp sở 2.035 thủ tục; cấp xã 1.494 thủ tục.'],
      2: [
        filler.repeat(3).trim(),
        ...Array.from({ length: 20 }, (_, k) => `Đơn vị thứ ${k + 1}: ${100 + k} thủ tục;`),
        'Cấp sở 1.980 thủ tục; cấp xã 880 thủ tục.',
      ],
    };
    const docx = await makeDraftDocx(draft, notes);
    const file = join(scratch, 'chu-thich-nhieu-doan.docx');
    writeFileSync(file, docx);
    const pdf = await readDocument(new Uint8Array(readFileSync(officeToPdf(file, scratch))));
    const word = await readDocx(docx);
    // Each note paragraph with the words its mark follows.
    const notesOf = (d: typeof pdf) =>
      d.paragraphs
        .filter((p) => p.where === 'footnote')
        .map((p) => [d.paragraphs[p.mark!.paragraph - 1]!.text.slice(0, p.mark!.at), p.text]);
    expect(notesOf(pdf)).toEqual(notesOf(word));
    expect(notesOf(pdf).map(([, text]) => text)).toEqual([...notes[1], ...notes[2]]);
    // The second note begins on the first page and ends on the next.
    const pageOf = (text: string) => pdf.paragraphs.find((p) => p.text === text)!.page!;
    expect([pageOf(notes[2][0]!), pageOf(notes[2].at(-1)!)]).toEqual([1, 2]);
    // No note's words are read as the body's.
    expect(pdf.paragraphs.filter((p) => p.where === 'body').map((p) => p.text)).toEqual(
      word.paragraphs.filter((p) => p.where === 'body').map((p) => p.text),
    );
    // So the split in the first note's second paragraph is held to the figure its mark follows, as in Word.
    const shape = (r: ReturnType<typeof checkDocument>) => r.findings.map((f) => [f.kind, f.severity, f.text]);
    expect(shape(checkDocument(pdf))).toEqual([['whole-parts', 'error', '2.035 thủ tục; cấp xã 1.494']]);
    expect(shape(checkDocument(pdf))).toEqual(shape(checkDocument(word)));
  });
});

describe('annotating a .docx', () => {
  it('puts a footnote’s finding where its mark is, on the words the mark follows, naming the note', async () => {
    const bytes = await makeDraftDocx(
      [['Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp là 1.686 thủ tục', { footnote: 1 }, '.']],
      { 1: 'Cấp sở 1.245 thủ tục; cấp huyện 287 thủ tục; cấp xã 136 thủ tục.' },
    );
    const doc = await readDocx(bytes);
    const result = checkDocument(doc);
    expect(result.findings.map((f) => [f.kind, doc.paragraphs[f.paragraph - 1]!.where])).toEqual([
      ['whole-parts', 'footnote'],
    ]);
    const a = await annotateDocx(bytes, result, { date: new Date('2024-10-01T08:00:00Z') });
    // Before, a footnote's finding was left out of the Word copy ("không gắn được vào đúng chỗ").
    expect(a).toMatchObject({ placed: 1, skipped: 0 });
    const files = unzipSync(a.docx);
    expect(strFromU8(files['word/comments.xml'] as Uint8Array)).toContain(
      'Lỗi (ở chú thích “Cấp sở 1.245 thủ tục; cấp huyện 287 thủ tục; cấp xã 136 thủ tục.”): ' +
        'Các số theo cấp ở chú thích (đủ các cấp) cộng lại không bằng số ở câu có dấu chú thích',
    );
    const body = strFromU8(files['word/document.xml'] as Uint8Array);
    const inner = body.slice(
      body.indexOf('<w:commentRangeStart w:id="0"/>'),
      body.indexOf('<w:commentRangeEnd w:id="0"/>'),
    );
    expect([...inner.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toBe('1.686 thủ tục');
    // The text is unchanged.
    expect((await readDocx(a.docx)).paragraphs).toEqual(doc.paragraphs);
  });

  it('puts a Word comment on each finding; Word readers (mammoth, LibreOffice) still open it', async () => {
    const bytes = await makeDraftDocx([
      ['Báo cáo kết quả năm 2023'],
      [
        'Toàn tỉnh đã giải quyết ',
        { text: '2.125', bold: true },
        '/3.310 hồ sơ, đạt ',
        { text: '64,5%', italics: true },
        '; tổng số 2.706 người, trong đó: nữ 1.234 người (chiếm 47,6%).',
      ],
      ['Tỷ lệ hồ sơ trực tuyến đạt 48.98%.'],
    ]);
    const doc = await readDocx(bytes);
    const result = checkDocument(doc);
    expect(result.findings.map((f) => f.text)).toEqual([
      '2.125/3.310 hồ sơ, đạt 64,5%',
      '1.234 người (chiếm 47,6%)',
      '48.98%',
    ]);
    const a = await annotateDocx(bytes, result, { date: new Date('2024-10-01T08:00:00Z') });
    expect(a).toMatchObject({ placed: 3, skipped: 0 });
    const files = unzipSync(a.docx);
    const comments = strFromU8(files['word/comments.xml'] as Uint8Array);
    expect(comments).toContain('w:author="Tổng hợp CCHC"');
    expect(comments).toContain('Lỗi: Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%.');
    expect(comments).toContain('Ghi: 47,6% · Tính lại: 45,60% · Đề nghị sửa: 45,6%');
    expect(comments).toContain('Cảnh báo: Số 48.98 dùng dấu chấm thập phân');
    expect(strFromU8(files['[Content_Types].xml'] as Uint8Array)).toContain('/word/comments.xml');
    expect(strFromU8(files['word/_rels/document.xml.rels'] as Uint8Array)).toContain('relationships/comments');
    const body = strFromU8(files['word/document.xml'] as Uint8Array);
    for (const id of [0, 1, 2]) {
      expect(body).toContain(`<w:commentRangeStart w:id="${id}"/>`);
      expect(body).toContain(`<w:commentRangeEnd w:id="${id}"/>`);
      expect(body).toContain(`<w:commentReference w:id="${id}"/>`);
    }
    // The anchored text: between each range's start and end lies exactly the finding's span.
    const spanOf = (id: number): string => {
      const inner = body.slice(
        body.indexOf(`<w:commentRangeStart w:id="${id}"/>`),
        body.indexOf(`<w:commentRangeEnd w:id="${id}"/>`),
      );
      return [...inner.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    };
    expect(result.findings.map((_, i) => spanOf(i))).toEqual([
      '2.125/3.310 hồ sơ, đạt 64,5%',
      '1.234 người (chiếm 47,6%)',
      '48.98%',
    ]);
    // The text itself is unchanged: mammoth reads the same paragraphs and the same findings.
    const again = await readDocx(a.docx);
    expect(again.paragraphs).toEqual(doc.paragraphs);
    expect(checkDocument(again).findings).toEqual(result.findings);
    // LibreOffice opens it and prints the same text.
    const file = join(scratch, 'nhan-xet.docx');
    writeFileSync(file, a.docx);
    execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', scratch, file], {
      stdio: 'pipe',
      timeout: 120_000,
      env: { ...process.env, HOME: scratch },
    });
    const text = execFileSync('pdftotext', [join(scratch, 'nhan-xet.pdf'), '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, ' ')).toContain('Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%');
    expect(readFileSync(join(scratch, 'nhan-xet.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('comments the errors and warnings; the "khớp" infos only when asked', async () => {
    const bytes = await makeDraftDocx([
      ['Các cơ quan đã ban hành 884 văn bản chỉ đạo, triển khai cải cách hành chính.'],
      ['Giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.'],
    ]);
    const data = factsFromForm(loadDefaultForm(), { totals: { TT01: 884 }, targets: { met: 0, unmet: 0, total: 9 } });
    const result = checkDocument(await readDocx(bytes), { data });
    expect(result.counts).toEqual({ error: 1, warning: 0, info: 1 });
    const comments = async (withInfo?: boolean) => {
      const a = await annotateDocx(bytes, result, withInfo === undefined ? {} : { withInfo });
      const xml = strFromU8(unzipSync(a.docx)['word/comments.xml'] as Uint8Array);
      return { placed: a.placed, kinds: [...xml.matchAll(/<w:t[^>]*>(Lỗi|Cảnh báo|Thông tin):/g)].map((m) => m[1]) };
    };
    expect(await comments()).toEqual({ placed: 1, kinds: ['Lỗi'] });
    expect(await comments(true)).toEqual({ placed: 2, kinds: ['Lỗi', 'Thông tin'] });
  });

  it('appends to the comments a draft already has', async () => {
    const bytes = await makeDraftDocx([['Giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.'], ['Có 45/42 xã đã kết nối.']]);
    const result = checkDocument(await readDocx(bytes));
    const once = await annotateDocx(bytes, { ...result, findings: result.findings.slice(0, 1) });
    const twice = await annotateDocx(once.docx, { ...result, findings: result.findings.slice(1) });
    const comments = strFromU8(unzipSync(twice.docx)['word/comments.xml'] as Uint8Array);
    expect(comments.match(/<w:comment /g)).toHaveLength(2);
    expect(comments).toContain('w:id="0"');
    expect(comments).toContain('w:id="1"');
    expect(strFromU8(unzipSync(twice.docx)['[Content_Types].xml'] as Uint8Array).match(/comments\.xml/g)).toHaveLength(
      1,
    );
  });
});

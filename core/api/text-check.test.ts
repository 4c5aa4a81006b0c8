/** The text check's API methods over a real engine: staged and chosen drafts, the kept check, exports, comments. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppApi, JobStatus, TextCheckView } from '../../shared-api/app-api.js';
import { makeDraftDocx } from '../../test/fixtures/draft-docx.js';
import { renderPdf } from '../pdf/index.js';
import { readDocument } from '../textcheck/index.js';
import { createEngineApi, dispatchApiCall } from './index.js';

const PERIOD = 'NQ08-SK2023';
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-tc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const engine = () => createEngineApi({ dataDir: join(dir, 'data'), workspaceRoot: join(dir, 'ho-so'), prewarm: false });

async function finish(api: AppApi, jobId: string): Promise<JobStatus> {
  for (;;) {
    const s = await api.jobStatus({ jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function check(api: AppApi, req: Parameters<AppApi['startTextCheck']>[0]): Promise<TextCheckView> {
  const s = await finish(api, (await api.startTextCheck(req)).jobId);
  if (s.state === 'failed') throw new Error(s.message);
  if (s.outcome?.kind !== 'text-check') throw new Error('wrong outcome');
  return s.outcome.check;
}

/** A paragraph of several full lines, as a report page has. */
const LONG =
  'Thực hiện Kế hoạch cải cách hành chính giai đoạn 2021 - 2025, các cơ quan, đơn vị đã quán triệt, triển khai đầy đủ các nhiệm vụ được giao, gắn kết quả cải cách hành chính với đánh giá, xếp loại cán bộ, công chức, viên chức và người đứng đầu cơ quan, đơn vị.';

const DRAFT = [
  ['BÁO CÁO'],
  [
    'Toàn tỉnh đã giải quyết ',
    { text: '2.125/3.310', bold: true },
    ' hồ sơ, đạt 64,5%. Xếp thứ 30/63 tỉnh, thành phố.',
  ],
  ['Tỷ lệ hồ sơ trực tuyến đạt 48.98%.'],
];

describe('text check API', () => {
  it('checks a dropped .docx as a job, keeps the check with the period (found again by a new engine), and saves a commented copy', async () => {
    const api = engine();
    const [staged] = await api.stageFiles({
      files: [{ name: 'Dự thảo.docx', base64: Buffer.from(await makeDraftDocx(DRAFT)).toString('base64') }],
    });
    const view = await check(api, { period: PERIOD, staged: staged!.id, compare: false });
    expect(view).toMatchObject({
      period: PERIOD,
      fileName: 'Dự thảo.docx',
      format: 'docx',
      formatLabel: 'Văn bản Word (.docx)',
      comparedWith: null,
      paragraphCount: 3,
      counts: { error: 1, warning: 1, info: 0 },
      summaryText: 'Tệp Dự thảo.docx (3 đoạn): 1 lỗi, 1 cảnh báo, 0 thông tin.',
      notes: [],
      canAnnotate: true,
    });
    expect(view.findings[0]).toEqual({
      n: 1,
      kind: 'fraction-rate',
      kindLabel: 'Tỷ lệ và phân số',
      severity: 'error',
      severityLabel: 'Lỗi',
      paragraph: 2,
      whereLabel: 'Đoạn 2',
      start: 24,
      end: 52,
      text: '2.125/3.310 hồ sơ, đạt 64,5%',
      sentence: 'Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.',
      sentenceStart: 0,
      stated: '64,5%',
      computed: '64,20%',
      suggestion: '64,2%',
      message: 'Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%.',
    });
    expect(view.findings[1]).toMatchObject({
      n: 2,
      kindLabel: 'Cách viết số',
      severityLabel: 'Cảnh báo',
      text: '48.98%',
    });
    expect(view.paragraphs).toEqual([
      { index: 2, text: 'Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%. Xếp thứ 30/63 tỉnh, thành phố.' },
      { index: 3, text: 'Tỷ lệ hồ sơ trực tuyến đạt 48.98%.' },
    ]);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);

    // A restart: the last check of the period is read back as it was shown.
    const again = engine();
    expect(await again.lastTextCheck({ period: PERIOD })).toEqual(view);
    expect(await again.lastTextCheck({ period: 'NQ08-TK2025' })).toBeNull();

    const out = join(dir, 'Dự thảo_nhan-xet.docx');
    const w = await again.annotateDraft({ period: PERIOD, id: view.id, path: out });
    expect(w).toEqual({
      path: out,
      message: 'Đã ghi bản có nhận xét Dự thảo_nhan-xet.docx (2 nhận xét ở các lỗi và cảnh báo).',
    });
    const comments = strFromU8(unzipSync(readFileSync(out))['word/comments.xml']!);
    expect(comments).toContain('Lỗi: Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%.');
    await expect(again.annotateDraft({ period: PERIOD, id: view.id, path: join(dir, 'x.pdf') })).rejects.toThrow(
      'Tệp x.pdf phải có đuôi .docx.',
    );
  });

  it('exports the list as .csv (UTF-8 BOM, ";", quoted fields, formula starts neutralised) and .xlsx; other names are refused', async () => {
    const api = engine();
    const draft = join(dir, 'ban nhap.txt');
    writeFileSync(draft, '=Tỷ lệ đạt 99.5% (1.990/2.000 hồ sơ).\n');
    const view = await check(api, { period: PERIOD, path: draft, compare: false });
    expect(view.format).toBe('txt');
    expect(view.canAnnotate).toBe(false);
    const csv = join(dir, 'ds.csv');
    expect((await api.exportTextCheck({ period: PERIOD, id: view.id, path: csv })).message).toBe(
      'Đã ghi danh sách 1 phát hiện của tệp ban nhap.txt vào tệp ds.csv.',
    );
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')).toEqual([
      'STT;Mức độ;Loại kiểm tra;Vị trí;Đoạn trích;Ghi;Tính lại;Đề nghị sửa;Nội dung;Câu',
      `1;Cảnh báo;Cách viết số;Đoạn 1;99.5%;99.5;;99,5;"${view.findings[0]!.message}";'=Tỷ lệ đạt 99.5% (1.990/2.000 hồ sơ).`,
      '',
    ]);
    const xlsx = join(dir, 'ds.xlsx');
    await api.exportTextCheck({ period: PERIOD, id: view.id, path: xlsx });
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    await expect(api.exportTextCheck({ period: PERIOD, id: view.id, path: join(dir, 'ds.txt') })).rejects.toThrow(
      'Tệp ds.txt phải có đuôi .xlsx.',
    );
    // No comments on a text file, and never over the draft itself.
    await expect(api.annotateDraft({ period: PERIOD, id: view.id, path: join(dir, 'a.docx') })).rejects.toThrow(
      'Chỉ gắn được nhận xét vào văn bản Word (.docx); tệp ban nhap.txt là tệp văn bản (.txt).',
    );
    const docx = join(dir, 'goc.docx');
    writeFileSync(docx, await makeDraftDocx(DRAFT));
    const w = await check(api, { period: PERIOD, path: docx, compare: false });
    await expect(api.annotateDraft({ period: PERIOD, id: w.id, path: docx })).rejects.toThrow(
      'Không ghi đè lên văn bản gốc goc.docx: hãy lưu bản có nhận xét dưới tên khác (ví dụ goc_nhan-xet.docx).',
    );
  });

  it('a finding in a table comes with its heading rows and its row, kept across a restart of the engine', async () => {
    const api = engine();
    const draft = await makeDraftDocx([
      ['Kết quả giải quyết hồ sơ:'],
      {
        header: 2,
        table: [
          [
            { text: 'Đơn vị', rowSpan: 2 },
            { text: 'Số hồ sơ', colSpan: 3 },
            { text: 'Tỷ lệ đúng hạn (%)', rowSpan: 2 },
          ],
          ['Tổng số', 'Đúng hạn', 'Quá hạn'],
          ['(1)', '(2)', '(3)', '(4)', '(5)=(3)/(2)'],
          ['Sở Tư pháp', '1.250', '1.200', '50', '96,00'],
          ['Sở Y tế', '830', '800', '30', '96,39'],
          ['Sở Xây dựng', '415', '400', '15', '69,39'],
        ],
      },
    ]);
    const [staged] = await api.stageFiles({
      files: [{ name: 'Bảng.docx', base64: Buffer.from(draft).toString('base64') }],
    });
    const view = await check(api, { period: PERIOD, staged: staged!.id, compare: false });
    const expected = {
      kind: 'table',
      kindLabel: 'Bảng số liệu',
      whereLabel: 'Đoạn 27, bảng 1, dòng 6, cột 5',
      text: '69,39',
      suggestion: '96,39',
      tableRow: {
        // The merged headings keep their spans; the row of column numbers is left out.
        head: [
          [
            { text: 'Đơn vị', column: 1, colSpan: 1, rowSpan: 2 },
            { text: 'Số hồ sơ', column: 2, colSpan: 3, rowSpan: 1 },
            { text: 'Tỷ lệ đúng hạn (%)', column: 5, colSpan: 1, rowSpan: 2 },
          ],
          [
            { text: 'Tổng số', column: 2, colSpan: 1, rowSpan: 1 },
            { text: 'Đúng hạn', column: 3, colSpan: 1, rowSpan: 1 },
            { text: 'Quá hạn', column: 4, colSpan: 1, rowSpan: 1 },
          ],
        ],
        row: ['Sở Xây dựng', '415', '400', '15', '69,39'].map((text, i) => ({
          text,
          column: i + 1,
          colSpan: 1,
          rowSpan: 1,
        })),
        column: 5,
      },
    };
    expect(view.findings).toEqual([expect.objectContaining(expected)]);
    // A new engine (the app restarted) shows the kept check the same way.
    const again = await engine().lastTextCheck({ period: PERIOD });
    expect(again?.findings).toEqual([expect.objectContaining(expected)]);
  });

  it('a finding in a footnote comes with the sentence its mark is in, the mark placed', async () => {
    const api = engine();
    const draft = await makeDraftDocx(
      [
        ['Kết quả thực hiện như sau.'],
        [
          'Rà soát thủ tục hành chính được chú trọng. Tổng số thủ tục thuộc thẩm quyền giải quyết của các cấp là 1.686 thủ tục',
          { footnote: 1 },
          '. Các thủ tục đều được công khai.',
        ],
      ],
      { 1: 'Cấp sở 1.245 thủ tục; cấp huyện 287 thủ tục; cấp xã 136 thủ tục.' },
    );
    const [staged] = await api.stageFiles({
      files: [{ name: 'Chú thích.docx', base64: Buffer.from(draft).toString('base64') }],
    });
    const view = await check(api, { period: PERIOD, staged: staged!.id, compare: false });
    const sentence = 'Tổng số thủ tục thuộc thẩm quyền giải quyết của các cấp là 1.686 thủ tục.';
    expect(view.findings).toEqual([
      expect.objectContaining({
        kind: 'whole-parts',
        whereLabel: 'Đoạn 3, chú thích',
        markedIn: { whereLabel: 'Đoạn 2', sentence, at: sentence.indexOf('.', sentence.indexOf('1.686') + 5) },
      }),
    ]);
  });

  it('reads a PDF page by page (progress per page) and names the page of each finding', async () => {
    const pdf = await renderPdf({
      defaultStyle: { font: 'Tinos', fontSize: 13 },
      content: [
        { text: `${LONG} ` },
        { text: 'Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.' },
        { text: LONG, pageBreak: 'before' },
        { text: 'Tỷ lệ hồ sơ trực tuyến đạt 48.98%.' },
      ],
    });
    const pages: Array<[number, number]> = [];
    await readDocument(new Uint8Array(pdf), { onPage: (done, total) => pages.push([done, total]) });
    expect(pages).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const path = join(dir, 'du-thao.pdf');
    writeFileSync(path, pdf);
    const view = await check(engine(), { period: PERIOD, path, compare: false });
    expect(view.formatLabel).toBe('Tệp PDF');
    expect(view.findings.map((f) => [f.whereLabel, f.text, f.suggestion])).toEqual([
      ['Đoạn 2, trang 1', '2.125/3.310 hồ sơ, đạt 64,5%', '64,2%'],
      ['Đoạn 4, trang 2', '48.98%', '48,98'],
    ]);
  });

  it('refuses what it cannot check with a sentence naming the file or the period', async () => {
    const api = engine();
    writeFileSync(join(dir, 'cu.doc'), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const failed = await finish(
      api,
      (await api.startTextCheck({ period: PERIOD, path: join(dir, 'cu.doc'), compare: false })).jobId,
    );
    expect(failed.state).toBe('failed');
    expect(failed.message).toBe(
      'Tệp cu.doc: Tệp là định dạng Word cũ (.doc): hãy mở bằng Word và lưu lại thành .docx rồi kiểm tra.',
    );
    await expect(
      api.startTextCheck({ period: PERIOD, path: join(dir, 'khong-co.docx'), compare: false }),
    ).rejects.toThrow(`Không tìm thấy tệp ${join(dir, 'khong-co.docx')}.`);
    writeFileSync(join(dir, 'a.txt'), 'Đạt 50% (1/2).');
    await expect(api.startTextCheck({ period: PERIOD, path: join(dir, 'a.txt'), compare: true })).rejects.toThrow(
      `Kỳ ${PERIOD} chưa có số liệu tổng hợp (chưa nhập báo cáo nào của đơn vị)`,
    );
    await expect(api.startTextCheck({ period: PERIOD, compare: false })).rejects.toThrow(
      'Hãy chọn hoặc kéo thả đúng một văn bản để kiểm tra.',
    );
    await expect(
      api.exportTextCheck({ period: PERIOD, id: 'abc123-0000aaaa', path: join(dir, 'x.xlsx') }),
    ).rejects.toThrow('Không còn kết quả của lần kiểm tra này; hãy kiểm tra lại văn bản.');
    const bad = await dispatchApiCall(api, 'exportTextCheck', {
      period: PERIOD,
      id: '../../etc',
      path: join(dir, 'x.xlsx'),
    });
    expect(bad.ok).toBe(false);
  });
});

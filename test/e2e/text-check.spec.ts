import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import type { DrilldownView, NumbersView } from '../../shared-api/app-api.js';
import { makeDraftDocx } from '../fixtures/draft-docx.js';
import { byTierWithSlips } from '../fixtures/draft-tables.js';
import { officeToPdf } from '../fixtures/soffice.js';
import { expect, goTo, shoot, test } from './fixtures.js';
import { PERIOD, writeCleanFolder } from './returns.js';
import { callApi, seedPeriod } from './seed.js';

/**
 * A draft as a clerk edits it in Word: a heading, the traps that are not fractions (a
 * document number, dates, a period, a rank), and four slips. The figure of the first slip is
 * set in bold (runs split inside the span) so the Word comment must span several runs.
 */
const DRAFT = [
  [{ text: 'BÁO CÁO Kết quả thực hiện công tác cải cách hành chính năm 2023', bold: true }],
  [
    'Thực hiện Quyết định số 1020/QĐ-UBND ngày 15/3/2022 của Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính giai đoạn 2021 - 2025, các sở, ban, ngành đã ban hành 412 văn bản chỉ đạo, triển khai.',
  ],
  ['Toàn tỉnh đã giải quyết ', { text: '2.125/3.310', bold: true }, ' hồ sơ, đạt 64,5%.'],
  [
    'Chỉ số cải cách hành chính (PAR INDEX) năm 2023 của tỉnh đạt 86,84%, xếp thứ 30/63 tỉnh, thành phố, tăng 5 bậc so với năm 2022.',
  ],
  [
    'Tổng số cán bộ, công chức, viên chức toàn tỉnh là 2.706 người, trong đó: nữ 1.234 người (chiếm 47,6%); người dân tộc thiểu số 567 người (chiếm 21,0%).',
  ],
  ['Tỷ lệ hồ sơ giải quyết trực tuyến đạt 48.98%, tăng 10,2% so với năm 2022.'],
  [
    'Năm 2023, có 15,2% công chức được xếp loại hoàn thành xuất sắc nhiệm vụ, 72,5% hoàn thành tốt nhiệm vụ, 14,1% hoàn thành nhiệm vụ và 0,4% không hoàn thành nhiệm vụ.',
  ],
];

/** What the checker must say about {@link DRAFT}, in document order. */
const EXPECTED = [
  {
    severity: 'Lỗi',
    kind: 'Tỷ lệ và phân số',
    where: 'Đoạn 3',
    text: '2.125/3.310 hồ sơ, đạt 64,5%',
    stated: '64,5%',
    computed: '64,20%',
    suggestion: '64,2%',
    message: 'Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%.',
  },
  {
    severity: 'Lỗi',
    kind: 'Tổng và các phần',
    where: 'Đoạn 5',
    text: '1.234 người (chiếm 47,6%)',
    stated: '47,6%',
    computed: '45,60%',
    suggestion: '45,6%',
    message: 'Phần "nữ" 1.234 trên tổng số 2.706 là 45,60%, không phải 47,6%; 47,6% của 2.706 là khoảng 1.288.',
  },
  {
    severity: 'Cảnh báo',
    kind: 'Cách viết số',
    where: 'Đoạn 6',
    text: '48.98%',
    stated: '48.98',
    computed: '—',
    suggestion: '48,98',
    message: 'Số 48.98 dùng dấu chấm thập phân; văn bản tiếng Việt dùng dấu phẩy: 48,98.',
  },
  {
    severity: 'Lỗi',
    kind: 'Tỷ lệ của cùng một tập hợp',
    where: 'Đoạn 7',
    text: '15,2% công chức được xếp loại hoàn thành xuất sắc nhiệm vụ, 72,5% hoàn thành tốt nhiệm vụ, 14,1% hoàn thành nhiệm vụ và 0,4% không hoàn thành nhiệm vụ',
    stated: '15,2% + 72,5% + 14,1% + 0,4%',
    computed: '102,2%',
    suggestion: '—',
    message:
      'Các tỷ lệ của cùng một tập hợp (công chức được xếp loại hoàn thành xuất sắc nhiệm vụ 15,2%, hoàn thành tốt nhiệm vụ 72,5%, hoàn thành nhiệm vụ 14,1%, không hoàn thành nhiệm vụ 0,4%) cộng lại 102,20%, vượt 100%.',
  },
];

/** Drop files on the screen's drop zone, as the browser hands them to the page. */
async function drop(page: Page, files: Array<{ name: string; bytes: Uint8Array }>): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
      return dt;
    },
    files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') })),
  );
  await page.getByTestId('tc-drop-zone').dispatchEvent('drop', { dataTransfer });
}

/**
 * The detail panel shows the total row of {@link byTierWithSlips} (the finding at `where`) under
 * the table's headings, the slip 38 marked in its cell.
 */
async function expectTotalRowShown(page: Page, where: string): Promise<void> {
  const row = page.getByTestId('tc-detail').getByRole('table', { name: `Dòng của bảng chứa phát hiện (${where})` });
  expect(await row.locator('th').allInnerTexts()).toEqual(['Cấp', 'Số đơn vị', 'Đã nộp', 'Tỷ lệ (%)']);
  expect(await row.locator('td').allInnerTexts()).toEqual(['Tổng cộng', '40', '38', '92,5']);
  await expect(row.locator('td').nth(2).locator('mark.tc-mark')).toHaveText('38');
}

/** The detail panel shows finding `i` of {@link EXPECTED}, its span marked in its sentence. */
async function expectDetail(page: Page, i: number): Promise<void> {
  const e = EXPECTED[i]!;
  const detail = page.getByTestId('tc-detail');
  await expect(detail.locator('.tc-position')).toHaveText(`Phát hiện ${i + 1}/${EXPECTED.length}`);
  await expect(detail.locator('.tc-message')).toHaveText(e.message);
  await expect(detail.getByTestId('tc-stated')).toHaveText(e.stated);
  await expect(detail.getByTestId('tc-computed')).toHaveText(e.computed);
  await expect(detail.getByTestId('tc-suggestion')).toHaveText(e.suggestion);
  await expect(detail.locator('mark.tc-mark')).toHaveText(e.text);
  await expect(detail.locator('.tc-detail-head')).toContainText(`${e.severity}${e.kind}${e.where}`);
  await expect(page.getByRole('option', { selected: true })).toContainText(`${i + 1}.${e.severity}${e.where}`);
}

test('a Word draft dropped on the screen: each slip with its figures and its span marked, jumping by keys and buttons, the list exported as .xlsx and .csv, a copy with Word comments saved', async ({
  page,
  host,
  problems,
}) => {
  await callApi(host, 'openPeriod', { period: PERIOD });
  await page.goto(host.url);
  // The screen follows the report in the side navigation.
  const items = page.getByRole('navigation', { name: 'Các bước của kỳ báo cáo' }).getByRole('menuitem');
  await expect(items.filter({ hasText: 'Kiểm tra văn bản' })).toBeVisible();
  const labels = await items.allInnerTexts();
  expect(labels.indexOf('Kiểm tra văn bản')).toBe(labels.indexOf('Báo cáo') + 1);
  await goTo(page, 'Kiểm tra văn bản');
  await expect(page.getByText('Kéo thả bản dự thảo vào đây, hoặc bấm để chọn tệp')).toBeVisible();
  await shoot(page, '07b-kiem-tra-van-ban-chua-co');

  await drop(page, [{ name: 'Du thao bao cao CCHC.docx', bytes: await makeDraftDocx(DRAFT) }]);
  await expect(page.locator('.tc-summary-text')).toHaveText(
    'Tệp Du thao bao cao CCHC.docx (7 đoạn): 3 lỗi, 1 cảnh báo, 0 thông tin.',
  );
  await expect(page.locator('.tc-summary')).toContainText('không đối chiếu với số liệu tổng hợp');
  const options = page.getByRole('option');
  await expect(options).toHaveCount(4);
  for (const [i, e] of EXPECTED.entries()) {
    await expect(options.nth(i).locator('.tc-span')).toHaveText(`«${e.text}»`);
  }
  // The traps (document number, dates, period, rank) gave nothing.
  await expect(page.locator('.tc-list')).not.toContainText('Đoạn 2');
  await expect(page.locator('.tc-list')).not.toContainText('Đoạn 4');
  await expectDetail(page, 0);
  // The sentence around the mark is the whole sentence of the paragraph.
  await expect(page.locator('.tc-sentence')).toHaveText('Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.');
  await shoot(page, '07b-kiem-tra-van-ban');
  // With a result on screen it still fits 1024×700 without sideways scrolling.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => {
    const content = document.querySelector('.app-content') as HTMLElement;
    return {
      doc: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      content: content.scrollWidth - content.clientWidth,
    };
  });
  expect(overflow).toEqual({ doc: 0, content: 0 });
  await shoot(page, '07b-kiem-tra-van-ban-1024x700');
  await page.setViewportSize({ width: 1366, height: 768 });

  // Jumping: N and P anywhere, arrows in the list, the buttons, a click.
  await page.keyboard.press('n');
  await expectDetail(page, 1);
  await page.keyboard.press('n');
  await expectDetail(page, 2);
  await page.keyboard.press('p');
  await expectDetail(page, 1);
  await page.getByRole('listbox', { name: 'Các phát hiện' }).focus();
  await page.keyboard.press('ArrowDown');
  await expectDetail(page, 2);
  await page.keyboard.press('End');
  await expectDetail(page, 3);
  await expect(page.getByRole('button', { name: 'Sau' })).toBeDisabled();
  await page.getByRole('button', { name: 'Trước' }).click();
  await expectDetail(page, 2);
  await options.nth(0).click();
  await expectDetail(page, 0);
  await expect(page.getByRole('button', { name: 'Trước' })).toBeDisabled();
  // Only the warnings.
  await page.getByRole('group', { name: 'Lọc theo mức độ' }).getByText('Lỗi').click();
  await expect(options).toHaveCount(1);
  await expect(page.getByTestId('tc-detail').locator('.tc-position')).toHaveText('Phát hiện 1/1');
  await expect(page.getByTestId('tc-suggestion')).toHaveText('48,98');
  await page.getByRole('group', { name: 'Lọc theo mức độ' }).getByText('Lỗi').click();
  await expect(options).toHaveCount(4);

  // The list as an Excel workbook.
  const xlsx = join(host.root, 'KiemTra_Du thao.xlsx');
  host.answers.save = xlsx;
  await page.getByRole('button', { name: 'Xuất danh sách…' }).click();
  await expect(page.locator('.tc-written')).toContainText(
    'Đã ghi danh sách 4 phát hiện của tệp Du thao bao cao CCHC.docx vào tệp KiemTra_Du thao.xlsx.',
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.getWorksheet('Kiểm tra văn bản')!;
  expect(ws.getCell('A1').value).toBe('Kiểm tra số liệu trong văn bản Du thao bao cao CCHC.docx');
  const row = (r: number) =>
    Array.from({ length: 10 }, (_, c) => {
      const v = ws.getRow(r).getCell(c + 1).value;
      return v === null || v === undefined ? '' : String(v);
    });
  expect(row(4)).toEqual([
    'STT',
    'Mức độ',
    'Loại kiểm tra',
    'Vị trí',
    'Đoạn trích',
    'Ghi',
    'Tính lại',
    'Đề nghị sửa',
    'Nội dung',
    'Câu',
  ]);
  for (const [i, e] of EXPECTED.entries()) {
    expect(row(5 + i).slice(0, 9)).toEqual([
      String(i + 1),
      e.severity,
      e.kind,
      e.where,
      e.text,
      e.stated,
      e.computed === '—' ? '' : e.computed,
      e.suggestion === '—' ? '' : e.suggestion,
      e.message,
    ]);
  }
  expect(row(5)[9]).toBe('Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.');
  expect(row(9).every((c) => c === '')).toBe(true);

  // The same list as CSV: UTF-8 with a BOM, ";" between fields, quoted where needed.
  const csv = join(host.root, 'KiemTra.csv');
  host.answers.save = csv;
  await page.getByRole('button', { name: 'Xuất danh sách…' }).click();
  await expect(page.locator('.tc-written')).toContainText('vào tệp KiemTra.csv.');
  const csvBytes = readFileSync(csv);
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csvBytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe('STT;Mức độ;Loại kiểm tra;Vị trí;Đoạn trích;Ghi;Tính lại;Đề nghị sửa;Nội dung;Câu');
  expect(lines[1]).toBe(
    '1;Lỗi;Tỷ lệ và phân số;Đoạn 3;2.125/3.310 hồ sơ, đạt 64,5%;64,5%;64,20%;64,2%;Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%.;Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.'.replace(
      'Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%.',
      '"Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%."',
    ),
  );
  expect(lines[2]).toContain(';"Phần ""nữ"" 1.234 trên tổng số 2.706 là 45,60%');
  expect(lines).toHaveLength(6);
  expect(lines[5]).toBe('');

  // A copy of the draft with a Word comment at each finding.
  const annotated = join(host.root, 'Du thao_nhan-xet.docx');
  host.answers.save = annotated;
  await page.getByRole('button', { name: 'Lưu bản Word có nhận xét…' }).click();
  await expect(page.locator('.tc-written')).toContainText(
    'Đã ghi bản có nhận xét Du thao_nhan-xet.docx (4 nhận xét ở các lỗi và cảnh báo).',
  );
  const parts = unzipSync(readFileSync(annotated));
  const comments = strFromU8(parts['word/comments.xml']!);
  const docXml = strFromU8(parts['word/document.xml']!);
  expect(comments.match(/<w:comment /g)).toHaveLength(4);
  expect(comments).toContain('Lỗi: Tỷ lệ ghi 64,5% không khớp với 2.125/3.310 = 64,20%; đúng là 64,2%.');
  expect(comments).toContain('Ghi: 64,5% · Tính lại: 64,20% · Đề nghị sửa: 64,2%');
  expect(comments).toContain('Cảnh báo: Số 48.98 dùng dấu chấm thập phân');
  expect(docXml.match(/<w:commentRangeStart /g)).toHaveLength(4);
  expect(docXml.match(/<w:commentReference /g)).toHaveLength(4);
  // The comment on the first slip starts before the plain run and ends after the bold figure's sentence part.
  const first = docXml.slice(
    docXml.indexOf('<w:commentRangeStart w:id="0"'),
    docXml.indexOf('<w:commentRangeEnd w:id="0"'),
  );
  expect(first.replace(/<[^>]+>/g, '')).toBe('2.125/3.310 hồ sơ, đạt 64,5%');
  await page.getByRole('button', { name: 'Mở tệp' }).click();
  await expect.poll(() => host.opened).toEqual([annotated]);
  expect(problems).toEqual([]);
});

test('a draft chosen on disk is compared with the period data; the last check is there again after a restart; a file that is no draft is named in the message', async ({
  page,
  host,
  problems,
}) => {
  await seedPeriod(host, PERIOD, await writeCleanFolder(join(host.root, 'tra-ve')));
  const numbers = await callApi<NumbersView>(host, 'getNumbers', { period: PERIOD });
  const tt01 = numbers.indicators.find((i) => i.code === 'TT01')!.provinceText;
  const stated = Number(tt01.replace(/\./g, '')) + 17;
  const txt = join(host.root, 'Du thao lan 2.txt');
  writeFileSync(
    txt,
    `\uFEFFCác cơ quan, đơn vị đã ban hành ${stated} văn bản chỉ đạo, triển khai cải cách hành chính.\r\nĐã giải quyết 2.125/3.310 hồ sơ (64,1%).\r\nĐánh giá: 0/9 chỉ tiêu đạt và vượt so với Nghị quyết.\r\nBáo cáo kết quả sơ kết (số liệu tính đến ngày 30/6/2022).\r\n`,
  );
  await page.goto(host.url);
  await goTo(page, 'Kiểm tra văn bản');
  await page.getByLabel(`Đối chiếu với số liệu tổng hợp của kỳ ${PERIOD}`).check();
  host.answers.files = [txt];
  await page.getByRole('button', { name: 'Chọn văn bản…' }).click();
  await expect(page.locator('.tc-summary-text')).toHaveText(
    'Tệp Du thao lan 2.txt (4 đoạn): 0 lỗi, 4 cảnh báo, 0 thông tin.',
  );
  await expect(page.locator('.tc-summary')).toContainText(
    `đối chiếu với số liệu tổng hợp kỳ ${PERIOD} (40/40 đơn vị có số liệu)`,
  );
  const detail = page.getByTestId('tc-detail');
  await expect(detail.locator('.tc-message')).toContainText(
    `Văn bản ghi ${stated} văn bản nhưng số liệu tổng hợp của chỉ tiêu TT01`,
  );
  await expect(detail.locator('.tc-message')).toContainText(tt01);
  await expect(detail.locator('.tc-quote-head')).toContainText('chỉ tiêu TT01');
  await expect(detail.getByTestId('tc-stated')).toHaveText(String(stated));
  await expect(detail.getByTestId('tc-computed')).toHaveText(`${tt01} văn bản`);
  await page.keyboard.press('n');
  await expect(detail.locator('.tc-message')).toContainText('64,1%');
  await expect(detail.getByTestId('tc-suggestion')).toHaveText('64,2%');
  // The count of targets met, compared with the period's: named in words, not by an internal key.
  await page.keyboard.press('n');
  await expect(detail.locator('.tc-message')).toContainText('Văn bản ghi 0/9 chỉ tiêu đạt và vượt');
  await expect(detail.locator('.tc-quote-head')).toContainText('đánh giá các mục tiêu');
  await expect(detail.locator('.tc-quote-head')).not.toContainText('targets');
  // The data's cut-off copied from last period's report: the period's, written as the draft writes dates.
  await page.keyboard.press('n');
  await expect(detail.locator('.tc-message')).toHaveText(
    'Văn bản ghi số liệu tính đến 30/6/2022, nhưng số liệu của kỳ Sơ kết 2021 - 2023 tính đến ngày 30/06/2023 ' +
      '(có thể ngày được chép từ báo cáo kỳ trước); hãy sửa thành 30/6/2023.',
  );
  await expect(detail).toContainText('Ngày tháng');
  await expect(detail.getByTestId('tc-suggestion')).toHaveText('30/6/2023');
  // A text file cannot carry Word comments: the action is not offered.
  await expect(page.getByRole('button', { name: 'Lưu bản Word có nhận xét…' })).toHaveCount(0);
  await shoot(page, '07c-kiem-tra-van-ban-doi-chieu');

  // Restart the app: the screen shows the last check as it was.
  await host.restart().then((h) => page.goto(h.url));
  await goTo(page, 'Kiểm tra văn bản');
  await expect(page.locator('.tc-summary-text')).toHaveText(
    'Tệp Du thao lan 2.txt (4 đoạn): 0 lỗi, 4 cảnh báo, 0 thông tin.',
  );
  await expect(page.getByRole('option')).toHaveCount(4);

  // A workbook dropped by mistake, and two files at once.
  await drop(page, [
    { name: 'BC_CCHC_S01.xlsx', bytes: readFileSync(join(host.root, 'tra-ve', 'BC_CCHC_S01_NQ08-SK2023.xlsx')) },
  ]);
  await expect(page.getByRole('alert')).toHaveText(
    'Tệp BC_CCHC_S01.xlsx: Tệp nén không phải văn bản Word (.docx): không có phần word/document.xml.',
  );
  await drop(page, [
    { name: 'a.docx', bytes: new Uint8Array([1]) },
    { name: 'b.docx', bytes: new Uint8Array([2]) },
  ]);
  await expect(page.getByRole('alert')).toHaveText('Đã thả 2 tệp: hãy kéo thả từng văn bản một (a.docx, b.docx).');
  expect(problems).toEqual([]);
});

test('a table of a Word draft: its total row and rate column checked, the finding placed by table, row and column', async ({
  page,
  host,
  problems,
}) => {
  await callApi(host, 'openPeriod', { period: PERIOD });
  await page.goto(host.url);
  await goTo(page, 'Kiểm tra văn bản');
  const draft = await makeDraftDocx([
    ['Tình hình gửi báo cáo của các cơ quan, đơn vị như sau:'],
    { header: 1, table: byTierWithSlips() },
  ]);
  await drop(page, [{ name: 'Bang gui bao cao.docx', bytes: draft }]);
  await expect(page.locator('.tc-summary-text')).toHaveText(
    'Tệp Bang gui bao cao.docx (21 đoạn): 2 lỗi, 0 cảnh báo, 0 thông tin.',
  );
  const options = page.getByRole('listbox', { name: 'Các phát hiện' }).getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toContainText('Đoạn 17, bảng 1, dòng 4, cột 4');
  await expect(options.nth(1)).toContainText('Đoạn 20, bảng 1, dòng 5, cột 3');
  const detail = page.getByTestId('tc-detail');
  await expect(detail.locator('.tc-detail-head')).toContainText('LỗiBảng số liệuĐoạn 17, bảng 1, dòng 4, cột 4');
  await expect(detail.locator('.tc-message')).toHaveText(
    'Bảng 1, dòng “Cấp xã”, cột “Tỷ lệ (%)”: 10/12 = 83,33%, không phải 85,3% (tỷ lệ tính theo cột “Đã nộp” trên cột “Số đơn vị”, như các dòng khác của bảng).',
  );
  await expect(detail.getByTestId('tc-suggestion')).toHaveText('83,3');
  await expect(detail.locator('mark.tc-mark')).toHaveText('85,3');
  await options.nth(1).click();
  await expect(detail.locator('.tc-message')).toHaveText(
    'Bảng 1, dòng “Tổng cộng”, cột “Đã nộp”: cộng 3 dòng trên được 37, bảng ghi 38. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.',
  );
  await expect(detail.getByTestId('tc-stated')).toHaveText('38');
  await expect(detail.getByTestId('tc-computed')).toHaveText('37');
  await expect(detail.getByTestId('tc-suggestion')).toHaveText('37');
  // The row is shown under the table's first row, the figure marked in its cell.
  await expectTotalRowShown(page, 'Đoạn 20, bảng 1, dòng 5, cột 3');
  await expect(detail.locator('.tc-quote-head')).toHaveText('Dòng trong bảng (ô có phát hiện được tô):');
  await shoot(page, '07d-kiem-tra-van-ban-bang');

  // A figure split by tier in its footnote, edited in the text and not in the note: the finding is
  // in the note, and the sentence its mark is in is shown under it, the mark in place.
  const noted = await makeDraftDocx(
    [['Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp là 1.686 thủ tục', { footnote: 1 }, '.']],
    { 1: 'Cấp sở 1.245 thủ tục; cấp huyện 287 thủ tục; cấp xã 136 thủ tục.' },
  );
  await drop(page, [{ name: 'Chu thich.docx', bytes: noted }]);
  await expect(page.locator('.tc-summary-text')).toHaveText(
    'Tệp Chu thich.docx (2 đoạn): 1 lỗi, 0 cảnh báo, 0 thông tin.',
  );
  await expect(detail.locator('.tc-detail-head')).toContainText('LỗiTổng và các phầnĐoạn 2, chú thích');
  await expect(detail.locator('.tc-message')).toHaveText(
    'Các số theo cấp ở chú thích (đủ các cấp) cộng lại không bằng số ở câu có dấu chú thích: cấp sở 1.245 + cấp huyện 287 + cấp xã 136 = 1.668, không phải 1.686.',
  );
  await expect(detail.locator('.tc-marked-head')).toHaveText('Chú thích này thuộc câu (Đoạn 1):');
  await expect(detail.getByTestId('tc-marked-in')).toHaveText(
    'Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp là 1.686 thủ tục*.',
  );
  await shoot(page, '07f-kiem-tra-van-ban-chu-thich');
  expect(problems).toEqual([]);
});

test('a draft printed to PDF by another program: its table rebuilt from the page and checked as in Word, each slip placed by page, row and column', async ({
  page,
  host,
  problems,
}) => {
  await callApi(host, 'openPeriod', { period: PERIOD });
  await page.goto(host.url);
  await goTo(page, 'Kiểm tra văn bản');
  const docx = join(host.root, 'Du thao in.docx');
  writeFileSync(
    docx,
    await makeDraftDocx([
      ['Toàn tỉnh đã giải quyết 2.125/3.310 hồ sơ, đạt 64,5%.'],
      ['Tình hình gửi báo cáo của các cơ quan, đơn vị như sau:'],
      { header: 1, table: byTierWithSlips() },
    ]),
  );
  await drop(page, [{ name: 'Du thao in.pdf', bytes: readFileSync(officeToPdf(docx, host.root)) }]);
  await expect(page.locator('.tc-summary-text')).toHaveText(
    'Tệp Du thao in.pdf (22 đoạn): 3 lỗi, 0 cảnh báo, 0 thông tin.',
  );
  // Nothing is said about tables left unchecked: this one was read as a grid.
  await expect(page.locator('.tc-note')).toHaveCount(0);
  const options = page.getByRole('listbox', { name: 'Các phát hiện' }).getByRole('option');
  await expect(options).toHaveCount(3);
  await expect(options.nth(0)).toContainText('Đoạn 1, trang 1');
  await expect(options.nth(1)).toContainText('Đoạn 18, trang 1, bảng 1, dòng 4, cột 4');
  await expect(options.nth(2)).toContainText('Đoạn 21, trang 1, bảng 1, dòng 5, cột 3');
  const detail = page.getByTestId('tc-detail');
  await options.nth(2).click();
  await expect(detail.locator('.tc-message')).toHaveText(
    'Bảng 1, dòng “Tổng cộng”, cột “Đã nộp”: cộng 3 dòng trên được 37, bảng ghi 38. Đề nghị kiểm tra lại dòng tổng hoặc các dòng.',
  );
  // The row is shown under the table's first row, as for a Word draft, the figure marked in its cell.
  await expectTotalRowShown(page, 'Đoạn 21, trang 1, bảng 1, dòng 5, cột 3');
  // Word comments need a Word file: not offered for a PDF.
  await expect(page.getByRole('button', { name: 'Lưu bản Word có nhận xét…' })).toHaveCount(0);
  await shoot(page, '07g-kiem-tra-van-ban-pdf');
  expect(problems).toEqual([]);
});

test('a table of the districts’ figures: each against its return, the slip named with the return’s cell; the Word copy comments the slip, the matching rows only when asked', async ({
  page,
  host,
  problems,
}) => {
  await seedPeriod(host, PERIOD, await writeCleanFolder(join(host.root, 'tra-ve')));
  const sent = await callApi<DrilldownView>(host, 'getDrilldown', { period: PERIOD, code: 'TTHC07', scope: 'huyen' });
  expect(sent.rows).toHaveLength(7);
  // Written as a clerk writes them: "Huyện Tam Đường" for "UBND huyện Tam Đường".
  const rows = sent.rows.map((r) => {
    const name = r.unitName.replace(/^UBND /u, '');
    return [name.charAt(0).toUpperCase() + name.slice(1), r.valueText];
  });
  const slip = sent.rows[1]!;
  const typed = (Number(slip.valueText.replace(/\./g, '')) + 10).toLocaleString('de-DE');
  rows[1]![1] = typed;
  const draft = await makeDraftDocx([
    ['Số hồ sơ các huyện, thành phố đã tiếp nhận:'],
    { header: 1, table: [['Đơn vị', 'Tổng số hồ sơ thủ tục hành chính đã tiếp nhận'], ...rows] },
  ]);
  await page.goto(host.url);
  await goTo(page, 'Kiểm tra văn bản');
  await page.getByLabel(`Đối chiếu với số liệu tổng hợp của kỳ ${PERIOD}`).check();
  await drop(page, [{ name: 'Bang huyen.docx', bytes: draft }]);
  await expect(page.locator('.tc-summary-text')).toContainText('0 lỗi, 1 cảnh báo, 6 thông tin.');
  // The findings in document order: the first row agrees, the second is the slip.
  const options = page.getByRole('listbox', { name: 'Các phát hiện' }).getByRole('option');
  await expect(options).toHaveCount(7);
  await options.nth(1).click();
  const detail = page.getByTestId('tc-detail');
  const [sheet, cell] = slip.cellText!.split('!');
  await expect(detail.locator('.tc-message')).toHaveText(
    `Bảng 1, dòng “${rows[1]![0]}”, cột “Tổng số hồ sơ thủ tục hành chính đã tiếp nhận”: bảng ghi ${typed} nhưng số liệu đã nhập của ` +
      `${slip.unitName} (${slip.unit}) cho chỉ tiêu TTHC07 (Tổng số hồ sơ thủ tục hành chính đã tiếp nhận) là ${slip.valueText} hồ sơ ` +
      `(tệp ${slip.file}, trang ${sheet}, ô ${cell}).`,
  );
  await expect(detail.locator('mark.tc-mark')).toHaveText(typed);
  await shoot(page, '07e-kiem-tra-van-ban-bang-don-vi');
  // The unit's return, kept by the app, opens from the finding to look at the cell.
  await detail.getByRole('button', { name: 'Mở báo cáo đơn vị gửi' }).click();
  await expect.poll(() => host.opened.length).toBe(1);
  expect(host.opened[0]?.endsWith(`/${slip.file}`)).toBe(true);
  expect(existsSync(host.opened[0] as string)).toBe(true);

  // The Word copy: a comment at the slip; the six matching rows are not commented unless asked.
  const withInfo = page.getByRole('checkbox', { name: 'Kèm các số khớp (6 thông tin)' });
  await expect(withInfo).not.toBeChecked();
  const comments = (path: string): number =>
    strFromU8(unzipSync(readFileSync(path))['word/comments.xml']!).match(/<w:comment /g)?.length ?? 0;
  host.answers.save = join(host.root, 'Bang huyen_nhan-xet.docx');
  await page.getByRole('button', { name: 'Lưu bản Word có nhận xét…' }).click();
  await expect(page.locator('.tc-written')).toContainText(
    'Đã ghi bản có nhận xét Bang huyen_nhan-xet.docx (1 nhận xét ở các lỗi và cảnh báo; 6 thông tin về số khớp không ghi).',
  );
  expect(comments(host.answers.save)).toBe(1);
  await withInfo.check();
  host.answers.save = join(host.root, 'Bang huyen_day-du.docx');
  await page.getByRole('button', { name: 'Lưu bản Word có nhận xét…' }).click();
  await expect(page.locator('.tc-written')).toContainText(
    'Đã ghi bản có nhận xét Bang huyen_day-du.docx (7 nhận xét ở các lỗi, cảnh báo và thông tin).',
  );
  expect(comments(host.answers.save)).toBe(7);
  expect(problems).toEqual([]);
});

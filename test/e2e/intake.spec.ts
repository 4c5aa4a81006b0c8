import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goTo, shoot, test } from './fixtures.js';
import { OTHER_PERIOD, PERIOD, writeFaultyFolder } from './returns.js';
import { callApi } from './seed.js';

test('templates are written for every unit to the chosen folder with k/n progress, and the folder opens', async ({
  page,
  host,
  problems,
}) => {
  await callApi(host, 'openPeriod', { period: PERIOD });
  await page.goto(host.url);
  await goTo(page, 'Biểu mẫu');
  await expect(page.getByText('Đơn vị: đã chọn 40/40')).toBeVisible();
  const out = join(host.root, 'bieu-mau');
  host.answers.folder = out;
  await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
  await expect(page.getByLabel('Thư mục lưu biểu mẫu')).toHaveValue(out);
  await page.getByRole('button', { name: 'Lập 40 biểu mẫu' }).click();
  await expect(page.getByText(`Đã lập 40 biểu mẫu trong thư mục ${out}.`)).toBeVisible();
  expect(readdirSync(out).filter((f) => f.endsWith('.xlsx'))).toHaveLength(40);
  expect(existsSync(join(out, `BC_CCHC_X12_${PERIOD}.xlsx`))).toBe(true);
  await shoot(page, '02-bieu-mau');
  await page.getByRole('button', { name: 'Mở thư mục' }).click();
  await expect.poll(() => host.opened).toEqual([out]);
  expect(problems).toEqual([]);
});

test('a folder with faults (openpyxl re-saves, a truncated download, another period, a second file of one unit) gets one sentence per file and the wrong period at the top', async ({
  page,
  host,
  problems,
}) => {
  const f = await writeFaultyFolder(join(host.root, 'tra-ve'));
  await callApi(host, 'openPeriod', { period: PERIOD });
  await page.goto(host.url);
  await goTo(page, 'Tiếp nhận');
  host.answers.folder = f.dir;
  await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
  // Determinate progress: "k/n" files, then the outcome.
  // 40 sample returns (one of them refused by design) and the three added files.
  await expect(page.locator('.import-summary')).toHaveText('43 tệp: 38 đã nhập, 2 nhiều tệp, 3 bị từ chối.');
  const alert = page.locator('.other-period');
  await expect(alert).toContainText(
    `2 tệp ghi kỳ báo cáo ${OTHER_PERIOD} (Tổng kết 2021 - 2025), không phải kỳ ${PERIOD} đang mở.`,
  );
  await expect(alert.getByRole('button', { name: `Chuyển sang kỳ ${OTHER_PERIOD} và nhập các tệp này` })).toBeVisible();
  const rows = page.locator('.import-files tbody tr');
  await expect(rows.filter({ hasText: f.truncated })).toContainText('Bị từ chối');
  await expect(rows.filter({ hasText: f.duplicate })).toContainText(
    'Đơn vị S03 (Sở Kế hoạch và Đầu tư) đã gửi nhiều tệp khác nhau',
  );
  await expect(rows.filter({ hasText: 'BC_CCHC_X05_NQ08-SK2023.xlsx' })).toContainText('Đã nhập báo cáo của X05');
  await expect(page.getByText('Có 1 đơn vị gửi nhiều tệp khác nhau: cần so sánh và chọn một tệp.')).toBeVisible();
  await shoot(page, '03-tiep-nhan');

  // Compare the two S03 files side by side: exactly TT01 differs; choose the corrected one.
  await page.getByRole('button', { name: 'So sánh tệp của S03' }).click();
  const cmp = page.getByRole('dialog', { name: 'So sánh các tệp của Sở Kế hoạch và Đầu tư (S03)' });
  await expect(cmp).toContainText('Khác nhau 1/');
  await expect(cmp.locator('.compare-values .ant-table-row')).toHaveCount(1);
  await expect(cmp.locator('.compare-values .ant-table-row')).toContainText('TT01');
  await cmp.getByRole('button', { name: `Dùng tệp ${f.duplicate}` }).click();
  await expect(cmp).toBeHidden();
  await goTo(page, 'Theo dõi');
  await page.getByLabel('Tìm đơn vị').fill('S03');
  await expect(page.locator('.board-table .ant-table-row').filter({ hasText: 'S03' })).toContainText(f.duplicate);

  // The file of the other period goes to its own period.
  await goTo(page, 'Tiếp nhận');
  await expect(page.locator('.other-period')).toBeVisible();
  await page.getByRole('button', { name: `Chuyển sang kỳ ${OTHER_PERIOD} và nhập các tệp này` }).click();
  await expect(page.locator('.period-select')).toContainText(OTHER_PERIOD);
  // The sample's own slip (S05 wrote the other period) and the S06 copy: both belong there.
  await expect(page.locator('.import-summary')).toHaveText('2 tệp: 2 đã nhập.');
  expect(problems).toEqual([]);
});

test('an empty folder says so', async ({ page, host, problems }) => {
  const empty = join(host.root, 'trong');
  mkdirSync(empty);
  await callApi(host, 'openPeriod', { period: PERIOD });
  await page.goto(host.url);
  await goTo(page, 'Tiếp nhận');
  host.answers.folder = empty;
  await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
  await expect(page.getByRole('alert')).toHaveText(`Thư mục ${empty} không có tệp nào để nhập.`);
  expect(problems).toEqual([]);
});

test('files dropped on the page (a return and an email with a return attached) are imported; the email date is the received date, the clerk may set another', async ({
  page,
  host,
  problems,
}) => {
  const f = await writeFaultyFolder(join(host.root, 'tra-ve'), false);
  await callApi(host, 'openPeriod', { period: PERIOD });
  await page.goto(host.url);
  await goTo(page, 'Tiếp nhận');
  const x01 = readFileSync(join(f.dir, `BC_CCHC_X01_${PERIOD}.xlsx`)).toString('base64');
  const s01 = readFileSync(join(f.dir, `BC_CCHC_S01_${PERIOD}.xlsx`)).toString('base64');
  const eml = [
    'From: =?UTF-8?B?' +
      Buffer.from('Văn phòng UBND xã Bản Lang').toString('base64') +
      '?= <ubnd.banlang@laichau.gov.vn>',
    'To: cchc@snv.laichau.gov.vn',
    'Subject: =?UTF-8?B?' + Buffer.from('Báo cáo CCHC').toString('base64') + '?=',
    'Date: Mon, 10 Jul 2023 09:30:00 +0700',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Kính gửi Sở Nội vụ.',
    '--b1',
    'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name="BC_CCHC_X01.xlsx"',
    'Content-Disposition: attachment; filename="BC_CCHC_X01.xlsx"',
    'Content-Transfer-Encoding: base64',
    '',
    ...(x01.match(/.{1,76}/g) ?? []),
    '--b1--',
    '',
  ].join('\r\n');
  // The browser gives the page the dropped files' bytes; the page hands them to the engine.
  const dataTransfer = await page.evaluateHandle(
    ({ emlText, s01b64 }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([emlText], 'Bao cao xa Ban Lang.eml', { type: 'message/rfc822' }));
      const bytes = Uint8Array.from(atob(s01b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], 'BC_CCHC_S01_NQ08-SK2023.xlsx', { lastModified: Date.UTC(2023, 7, 1) }));
      return dt;
    },
    { emlText: eml, s01b64: s01 },
  );
  // The clerk says these arrived on 12/07/2023 (the email keeps its own date).
  await page.getByLabel('Ngày nhận').fill('12/07/2023');
  await page.getByLabel('Ngày nhận').press('Enter');
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(page.locator('.import-summary')).toHaveText('2 tệp: 2 đã nhập.');
  const rows = page.locator('.import-files tbody tr');
  const x = rows.filter({ hasText: 'BC_CCHC_X01.xlsx' });
  await expect(x).toContainText(
    'từ thư Bao cao xa Ban Lang.eml của Văn phòng UBND xã Bản Lang <ubnd.banlang@laichau.gov.vn>',
  );
  await expect(x).toContainText('Nhận: 10/07/2023 09:30');
  const s = rows.filter({ hasText: 'BC_CCHC_S01_NQ08-SK2023.xlsx' });
  await expect(s).toContainText('Nhận: 12/07/2023 12:00');
  // The file's own time is shown, and does not make it late.
  await expect(s).toContainText('Tệp sửa: 01/08/2023 07:00');
  await goTo(page, 'Theo dõi');
  await page.getByLabel('Tìm đơn vị').fill('S01');
  await expect(page.locator('.board-table .ant-table-row').filter({ hasText: 'S01' })).toContainText('Đúng hạn');
  expect(problems).toEqual([]);
});

test('the drop zones of Tiếp nhận and Kiểm tra văn bản behave alike: outlined while dragged over, a button for the keyboard that chooses files', async ({
  page,
  host,
  problems,
}) => {
  const f = await writeFaultyFolder(join(host.root, 'tra-ve'));
  const txt = join(host.root, 'Du thao.txt');
  writeFileSync(txt, 'Đã giải quyết 2.125/3.310 hồ sơ (64,1%).\n');
  await callApi(host, 'openPeriod', { period: PERIOD });
  await page.goto(host.url);
  const zones = [
    {
      screen: 'Tiếp nhận',
      testId: 'drop-zone',
      label: 'Vùng thả tệp báo cáo: kéo thả tệp hoặc thư mục vào đây, hoặc nhấn Enter để chọn tệp',
      text: 'Kéo thả tệp báo cáo, thư mục hoặc thư điện tử vào đâyTệp .xlsx của đơn vị; thư .eml, .msg có tệp đính kèm',
      chosen: [join(f.dir, `BC_CCHC_S01_${PERIOD}.xlsx`)],
      key: 'Enter',
      outcome: page.locator('.import-summary'),
      outcomeText: '1 tệp: 1 đã nhập.',
    },
    {
      screen: 'Kiểm tra văn bản',
      testId: 'tc-drop-zone',
      label: 'Vùng thả văn bản cần kiểm tra: kéo thả tệp .docx, .pdf hoặc .txt vào đây, hoặc nhấn Enter để chọn tệp',
      text: 'Kéo thả bản dự thảo vào đây, hoặc bấm để chọn tệpVăn bản Word (.docx), PDF có lớp chữ, hoặc tệp văn bản (.txt)',
      chosen: [txt],
      key: ' ',
      outcome: page.locator('.tc-summary-text'),
      outcomeText: 'Tệp Du thao.txt (1 đoạn): 0 lỗi, 1 cảnh báo, 0 thông tin.',
    },
  ];
  for (const z of zones) {
    await goTo(page, z.screen);
    const zone = page.getByTestId(z.testId);
    await expect(zone).toHaveAttribute('role', 'button');
    await expect(zone).toHaveAttribute('tabindex', '0');
    await expect(zone).toHaveAttribute('aria-label', z.label);
    await expect(zone).toHaveAttribute('aria-disabled', 'false');
    await expect(zone).toHaveText(z.text);
    await expect(zone.locator('.drop-icon')).toHaveAttribute('aria-hidden', 'true');
    // Outlined while something is dragged over it, not after it leaves.
    await expect(zone).not.toHaveClass(/drop-over/);
    await zone.dispatchEvent('dragover');
    await expect(zone).toHaveClass(/(^| )drop-over( |$)/);
    await zone.dispatchEvent('dragleave');
    await expect(zone).not.toHaveClass(/drop-over/);
    // Enter (or Space) on the focused zone chooses files with the desktop dialog.
    host.answers.files = z.chosen;
    await zone.focus();
    await page.keyboard.press(z.key);
    await expect(z.outcome).toHaveText(z.outcomeText);
  }
  expect(problems).toEqual([]);
});

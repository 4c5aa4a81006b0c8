import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingDetail, FindingsView } from '../../shared-api/app-api.js';
import { expect, goTo, pickOption, shoot, test } from './fixtures.js';
import { PERIOD, writeFaultyFolder } from './returns.js';
import { callApi, seedPeriod } from './seed.js';

test.beforeEach(async ({ host }) => {
  const f = await writeFaultyFolder(join(host.root, 'tra-ve'));
  await seedPeriod(host, PERIOD, f.dir);
});

test('a finding shows its values with file, sheet, cell and the cells around it, in plain Vietnamese, and opens the kept original', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await goTo(page, 'Đối chiếu');
  // One slip, one finding: a cell refused as unreadable is not also reported as blank.
  await expect(page.locator('.page-intro')).toHaveText('3 lỗi và 1 cảnh báo chưa xử lý; tổng số 6 mục.');
  const list = page.locator('.findings-list');
  // No internal code reaches the screen.
  await expect(list).not.toContainText('MISSING_VALUE');
  await expect(list).not.toContainText('IMPORT_');
  // Grouped by unit, the units in the order of their most serious finding; Sở Tư pháp's
  // unreadable percentage is its only finding.
  const scopes = await list
    .locator('.scope')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  expect(scopes.slice(0, 4)).toEqual([
    'Sở Tư pháp',
    'UBND thành phố Lai Châu',
    'UBND xã Bản Hon',
    'UBND phường Tân Phong',
  ]);
  expect(scopes.filter((s) => s === 'Sở Tư pháp')).toHaveLength(1);
  await list.getByText('Tổng số bị kỷ luật bằng tổng các hình thức kỷ luật').first().click();
  const detail = page.getByLabel('Chi tiết mục đối chiếu');
  await expect(detail).toContainText('UBND xã Bản Hon');
  await expect(detail).toContainText('KL01 — Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật');
  await expect(detail).toContainText('BC_CCHC_X03_NQ08-SK2023.xlsx, trang Số liệu, ô E61');
  const sheet = detail.getByRole('table', { name: 'Các ô quanh ô E61 của trang Số liệu' });
  await expect(sheet.locator('td.focus')).toHaveCount(1);
  await expect(sheet.locator('td.focus')).toContainText('E61');
  await expect(sheet).toContainText('KL01');
  await shoot(page, '05-doi-chieu');
  await detail.getByRole('button', { name: 'Mở tệp gốc' }).first().click();
  await expect.poll(() => host.opened.length).toBe(1);
  expect(host.opened[0]).toMatch(/tep-mo\/[0-9a-f]{12}\/BC_CCHC_X03_NQ08-SK2023\.xlsx$/);
  expect(existsSync(host.opened[0] as string)).toBe(true);
  expect(problems).toEqual([]);
});

test('a warning is explained (kept in the audit log) and reopened; filters narrow the list', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await goTo(page, 'Đối chiếu');
  await pickOption(page, 'Lọc theo mức độ', 'Cảnh báo');
  await expect(page.locator('.findings-list .ant-table-row')).toHaveCount(1);
  await page.locator('.findings-list').getByText('Khác xa các đơn vị cùng cấp', { exact: true }).click();
  const detail = page.getByLabel('Chi tiết mục đối chiếu');
  await detail.getByRole('button', { name: 'Giải trình…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Giải trình' });
  await dialog
    .getByLabel('Nội dung giải trình')
    .fill('Phường đã khắc phục xong sau ngày chốt số liệu; xác nhận qua điện thoại.');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(detail).toContainText('Đã giải trình');
  await expect(detail).toContainText('giải trình: Phường đã khắc phục xong sau ngày chốt số liệu');
  await expect(page.locator('.page-intro')).toHaveText('3 lỗi và 0 cảnh báo chưa xử lý; tổng số 6 mục.');
  await detail.getByRole('button', { name: 'Mở lại' }).click();
  await expect(detail).toContainText('Chưa xử lý');
  await goTo(page, 'Nhật ký');
  await pickOption(page, 'Lọc theo thao tác', 'Giải trình');
  await expect(page.locator('.audit-table .ant-table-row')).toHaveCount(1);
  await expect(page.locator('.audit-table')).toContainText('Giải trình: Phường đã khắc phục xong');
  expect(problems).toEqual([]);
});

test('a value corrected after confirming it with the unit clears the error and is what the totals use; the original stays', async ({
  page,
  host,
  problems,
}) => {
  const v = await callApi<FindingsView>(host, 'getFindings', { period: PERIOD });
  const r01 = v.findings.find((f) => f.unit === 'X03' && f.severity === 'error');
  const d = await callApi<FindingDetail>(host, 'getFindingDetail', { period: PERIOD, findingId: r01?.id });
  // The test works out the right total from the parts, as the unit would confirm it.
  const parts = d.values
    .filter((x) => /^KL0[2-7]$/.test(x.code))
    .reduce((s, x) => s + Number(x.valueText.replace(/\./g, '')), 0);
  await page.goto(host.url);
  await goTo(page, 'Đối chiếu');
  await page.locator('.findings-list').getByText('Tổng số bị kỷ luật bằng tổng các hình thức kỷ luật').first().click();
  const detail = page.getByLabel('Chi tiết mục đối chiếu');
  await detail.getByRole('button', { name: 'Sửa số liệu…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sửa số liệu sau khi xác nhận với đơn vị' });
  await dialog.getByLabel('Giá trị đúng').fill(String(parts));
  await dialog.getByLabel('Đã xác nhận với').fill('Ông Lò Văn Minh, công chức Văn phòng UBND xã');
  await dialog.getByLabel('Lý do sửa').fill('Đơn vị xác nhận ghi nhầm tổng số.');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText(`Đã sửa KL01 của đơn vị X03 thành ${parts}; tệp gốc vẫn giữ nguyên.`)).toBeVisible();
  await expect(page.locator('.page-intro')).toHaveText(/^2 lỗi và /);
  await goTo(page, 'Số liệu');
  await page.getByLabel('Tìm chỉ tiêu').fill('KL01');
  await page.getByLabel('Xem các đơn vị tạo nên KL01 xa').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('UBND xã Bản Hon');
  await expect(drawer).toContainText('đã sửa từ 2 (Đơn vị xác nhận ghi nhầm tổng số.)');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await goTo(page, 'Nhật ký');
  await expect(page.locator('.audit-table')).toContainText(
    `Sửa số liệu KL01 của đơn vị X03 từ 2 thành ${parts} sau khi xác nhận với Ông Lò Văn Minh`,
  );
  expect(problems).toEqual([]);
});

test('the return packet is exported for one unit and for every unit with problems at once', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await goTo(page, 'Đối chiếu');
  await page.locator('.findings-list').getByText('Tổng số bị kỷ luật bằng tổng các hình thức kỷ luật').first().click();
  const one = join(host.root, 'phan-hoi-1');
  host.answers.folder = one;
  await page.getByRole('button', { name: 'Xuất tệp phản hồi của X03…' }).click();
  await expect(page.getByText(`Đã xuất 1 tệp phản hồi vào thư mục ${one}.`)).toBeVisible();
  expect(readdirSync(one)).toEqual([`PhanHoi_X03_${PERIOD}.xlsx`]);
  const all = join(host.root, 'phan-hoi-tat-ca');
  host.answers.folder = all;
  await page.getByRole('button', { name: 'Xuất tệp phản hồi cho mọi đơn vị có sai sót…' }).click();
  await expect(page.getByText(`Đã xuất 4 tệp phản hồi vào thư mục ${all}.`)).toBeVisible();
  expect(readdirSync(all).sort()).toEqual(['H01', 'S02', 'X02', 'X03'].map((u) => `PhanHoi_${u}_${PERIOD}.xlsx`));
  expect(problems).toEqual([]);
});

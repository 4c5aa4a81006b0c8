import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goTo, shoot, test } from './fixtures.js';

test('a first start opens on "Kỳ báo cáo"; a new period is created, its tiers follow the cut-off, and it becomes current', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 2, name: 'Kỳ báo cáo' })).toBeVisible();
  await expect(page).toHaveTitle('Kỳ báo cáo — Tổng hợp CCHC');
  // Without a period the later steps are not reachable yet.
  await expect(page.getByRole('menuitem', { name: 'Tiếp nhận' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.locator('.periods-table tbody tr')).toHaveCount(2);

  await page.getByRole('button', { name: 'Tạo kỳ báo cáo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tạo kỳ báo cáo' });
  await dialog.getByLabel('Mã kỳ').fill('NQ08-2026');
  await dialog.getByLabel('Tên kỳ báo cáo').fill('Báo cáo kết quả cải cách hành chính năm 2026');
  await dialog.getByLabel('Tên ngắn (hiện trong danh sách)').fill('Năm 2026');
  await dialog.getByLabel('Ngày chốt số liệu').fill('30/06/2026');
  await dialog.getByLabel('Ngày chốt số liệu').press('Enter');
  await dialog.getByLabel('Hạn nộp báo cáo').fill('15/07/2026');
  await dialog.getByLabel('Hạn nộp báo cáo').press('Enter');
  await dialog.getByRole('button', { name: 'Tạo kỳ' }).click();
  await expect(dialog).toBeHidden();

  const row = page.locator('.periods-table tbody tr').filter({ hasText: 'NQ08-2026' });
  await expect(row).toContainText('Năm 2026');
  await expect(row).toContainText('30/06/2026');
  await expect(row).toContainText('15/07/2026');
  // After 1 July 2025 there is no district level.
  await expect(row.locator('td').nth(3)).toHaveText('sở, xã');
  await expect(row).toContainText('Đang mở');
  await expect(page.getByLabel('Kỳ báo cáo đang làm')).toBeVisible();
  await expect(page.locator('.period-select')).toContainText('Năm 2026 (NQ08-2026)');
  // The register of a period after the merger has no district units: 33 followed.
  await expect(page.getByTestId('register-summary')).toHaveText('33 đơn vị đang theo dõi: cấp sở 21, cấp xã 12');
  await shoot(page, '01-ky-bao-cao');
  expect(problems).toEqual([]);
});

test('a creation the engine refuses says why in Vietnamese', async ({ page, host, problems }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Tạo kỳ báo cáo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tạo kỳ báo cáo' });
  await dialog.getByLabel('Mã kỳ').fill('NQ08-SK2023');
  await dialog.getByLabel('Tên kỳ báo cáo').fill('Trùng mã');
  await dialog.getByLabel('Ngày chốt số liệu').fill('30/06/2026');
  await dialog.getByLabel('Ngày chốt số liệu').press('Enter');
  await dialog.getByLabel('Hạn nộp báo cáo').fill('15/07/2026');
  await dialog.getByLabel('Hạn nộp báo cáo').press('Enter');
  await dialog.getByRole('button', { name: 'Tạo kỳ' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Đã có kỳ báo cáo mã NQ08-SK2023; hãy chọn mã khác.');
  expect(problems).toEqual([]);
});

test('the register is edited (add, rename, stop following), exported to Excel and read back, and survives a restart', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Mở kỳ NQ08-TK2025' }).click();
  await expect(page.getByTestId('register-summary')).toHaveText('33 đơn vị đang theo dõi: cấp sở 21, cấp xã 12');

  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  const add = page.getByRole('dialog', { name: 'Thêm đơn vị' });
  await add.getByLabel('Mã đơn vị').fill('x13');
  await add.getByLabel('Tên đơn vị').fill('UBND xã Phong Thổ');
  await add.getByRole('button', { name: 'Thêm' }).click();
  await expect(page.getByTestId('register-summary')).toHaveText('34 đơn vị đang theo dõi: cấp sở 21, cấp xã 13');
  // A dialog gives the focus back to the button that opened it when its closing animation ends;
  // typing elsewhere before that loses the keys that fall between (a focus moved by the dialog).
  await expect(add).toBeHidden();

  await page.getByLabel('Tìm đơn vị').fill('Phong Thổ');
  await page.getByRole('button', { name: 'Đổi tên UBND xã Phong Thổ' }).click();
  const rename = page.getByRole('dialog', { name: 'Đổi tên X13' });
  await rename.getByLabel('Tên mới').fill('UBND xã Phong Thổ mới');
  await rename.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.locator('.register-table')).toContainText('UBND xã Phong Thổ mới');
  await expect(rename).toBeHidden();

  await page.getByLabel('Tìm đơn vị').fill('X03');
  await page.getByRole('switch', { name: 'Theo dõi UBND xã Bản Hon' }).click();
  await expect(page.getByTestId('register-summary')).toHaveText('33 đơn vị đang theo dõi: cấp sở 21, cấp xã 12');

  const xlsx = join(host.root, 'DanhSach.xlsx');
  host.answers.save = xlsx;
  await page.getByRole('button', { name: 'Xuất ra Excel…' }).click();
  await expect(page.getByText('Đã ghi danh sách 41 đơn vị vào tệp DanhSach.xlsx.')).toBeVisible();
  expect(existsSync(xlsx)).toBe(true);
  host.answers.files = [xlsx];
  await page.getByRole('button', { name: 'Nhập từ Excel…' }).click();
  await expect(page.getByText('Đã nhập 41 đơn vị từ tệp DanhSach.xlsx.')).toBeVisible();
  await expect(page.getByTestId('register-summary')).toHaveText('33 đơn vị đang theo dõi: cấp sở 21, cấp xã 12');

  // Restart: the period is open again with its register.
  const again = await host.restart();
  await page.goto(again.url);
  await goTo(page, 'Kỳ báo cáo');
  await expect(page.locator('.period-select')).toContainText('NQ08-TK2025');
  await expect(page.getByTestId('register-summary')).toHaveText('33 đơn vị đang theo dõi: cấp sở 21, cấp xã 12');
  await page.getByLabel('Tìm đơn vị').fill('X13');
  await expect(page.locator('.register-table')).toContainText('UBND xã Phong Thổ mới');
  await goTo(page, 'Nhật ký');
  // Reading back the same list changed nothing, so it added no entry.
  await expect(page.locator('.audit-table')).toContainText('Sửa danh sách đơn vị: thêm X13.');
  await expect(page.locator('.audit-table')).toContainText('đổi tên X13 thành "UBND xã Phong Thổ mới"');
  await expect(page.locator('.audit-table')).toContainText('Sửa danh sách đơn vị: ngừng theo dõi X03.');
  await shoot(page, '10-nhat-ky');
  expect(problems).toEqual([]);
});

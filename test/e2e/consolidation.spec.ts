import { join } from 'node:path';
import type { AppApi } from '../../shared-api/app-api.js';
import { expect, test } from './fixtures.js';

test('"Thử với dữ liệu mẫu" with deliberate slips consolidates the 40 sample returns and shows what is wrong', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Bắt đầu tổng hợp' }).click();
  await expect(page.getByRole('heading', { name: 'Tổng hợp', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tổng hợp', exact: true })).toHaveAttribute('aria-current', 'page');

  await page.getByLabel('Kỳ báo cáo').selectOption('NQ08-SK2023');
  await page.getByLabel('Có lỗi cố ý').check();
  const button = page.getByRole('button', { name: 'Thử với dữ liệu mẫu' });
  await button.click();
  await expect(button).toBeDisabled();
  await expect(page.getByRole('status')).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('status')).toHaveText('Đang tổng hợp…');

  const units = page.locator('.units-table tbody tr');
  await expect(units).toHaveCount(40, { timeout: 25_000 });
  await expect(button).toBeEnabled();
  await expect(page.locator('.summary-line')).toContainText('40 đơn vị: 36 hợp lệ; 3 có lỗi; 1 đã gửi, tệp bị từ chối');

  const x03 = units.filter({ hasText: 'UBND xã Bản Hon' });
  await expect(x03.locator('td').nth(0)).toHaveText('X03');
  await expect(x03.locator('td').nth(2)).toHaveText('Cấp xã');
  await expect(x03.locator('.badge')).toHaveText('Có lỗi');
  await expect(x03.locator('td').nth(5)).toHaveText('1');
  await expect(units.filter({ hasText: 'Sở Công Thương' }).locator('.badge')).toHaveText('Đã gửi, tệp bị từ chối');
  // With why, on the unit's own row.
  await expect(units.filter({ hasText: 'Sở Công Thương' }).locator('.status-detail')).toHaveText(
    'Tệp BC_CCHC_S05_NQ08-SK2023.xlsx ghi kỳ báo cáo NQ08-TK2025 (trang Thông tin, ô B6), không phải kỳ NQ08-SK2023 đang tổng hợp.',
  );

  await expect(page.locator('.file-list')).toContainText(
    'Tệp BC_CCHC_S05_NQ08-SK2023.xlsx ghi kỳ báo cáo NQ08-TK2025 (trang Thông tin, ô B6)',
  );
  // The sample's targets, judged by the engine: four exceeded, one not met, four without data yet.
  await expect(page.locator('.targets-line')).toHaveText(
    '4/9 chỉ tiêu đạt và vượt; 1 chỉ tiêu chưa đạt; 4 chỉ tiêu chưa có số liệu để đánh giá',
  );
  await expect(page.locator('.targets-table tbody tr')).toHaveCount(9);
  await expect(page.locator('.targets-table tbody tr .badge')).toHaveText([
    'Vượt',
    'Vượt',
    'Thiếu số liệu',
    'Vượt',
    'Thiếu số liệu',
    'Chưa đạt',
    'Vượt',
    'Thiếu số liệu',
    'Thiếu số liệu',
  ]);
  await expect(page.locator('.targets-table tbody tr').first()).toContainText('≥ 30%');
  await expect(page.locator('.totals-table tbody tr').first()).toContainText('từ 39/40 đơn vị');

  const errors = page.locator('.finding-error');
  await expect(errors).toHaveCount(3);
  await expect(errors.filter({ hasText: 'ô E61' })).toContainText('UBND xã Bản Hon (X03)');
  await expect(errors.filter({ hasText: 'ô E61' }).locator('.badge')).toHaveText('Lỗi');

  await page.screenshot({ path: '/tmp/ui-tonghop.png', fullPage: true });
  expect(host.calls).toContain('trySample');
  expect(problems).toEqual([]);
});

test('"Chọn thư mục báo cáo…" consolidates the chosen folder into the workspace folder of the settings', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  // Keep the workspace inside the test's own folder, not in the user's Documents.
  await page.evaluate(
    (root) => (window as unknown as { tonghop: AppApi }).tonghop.setSettings({ workspaceRoot: root }),
    join(host.dataDir, 'lam-viec'),
  );
  await page.getByRole('button', { name: 'Tổng hợp', exact: true }).click();
  await page.getByLabel('Kỳ báo cáo').selectOption('NQ08-TK2025');
  await page.getByRole('button', { name: 'Chọn thư mục báo cáo…' }).click();
  await expect(page.locator('.summary-line')).toContainText('33 đơn vị: 33 chưa nộp', { timeout: 25_000 });
  await expect(page.locator('.summary')).toContainText(host.pickedFolder);
  await expect(page.locator('.summary')).toContainText(join(host.dataDir, 'lam-viec', 'NQ08-TK2025'));
  expect(host.calls).toEqual(expect.arrayContaining(['chooseFolder', 'consolidateFolder']));
  expect(problems).toEqual([]);
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goTo, pickOption, shoot, test } from './fixtures.js';
import { PERIOD, writeFaultyFolder } from './returns.js';
import { seedPeriod } from './seed.js';

test('the board shows every unit with the right status, filters by status and tier, sorts, searches, charts and lists who has not sent', async ({
  page,
  host,
  problems,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const f = await writeFaultyFolder(join(host.root, 'tra-ve'));
  await seedPeriod(host, PERIOD, f.dir);
  await page.goto(host.url);
  // With a period open, the app starts on the board.
  await expect(page.getByRole('heading', { level: 2, name: 'Theo dõi' })).toBeVisible();
  await expect(page.locator('.page-intro')).toHaveText(
    '40 đơn vị: 35 hợp lệ, 3 có lỗi, 1 nhiều tệp, chưa chọn, 1 chưa nộp',
  );
  const chips = page.getByRole('group', { name: 'Lọc theo tình trạng' });
  await expect(chips).toContainText('Chưa nộp 1');
  await expect(chips).toContainText('Có lỗi 3');
  await expect(chips).toContainText('Nhiều tệp, chưa chọn 1');
  await expect(chips).toContainText('Hợp lệ 35');
  await expect(page.locator('.board-chart canvas')).toHaveCount(1);
  await expect(page.locator('.chart-legend-text')).toContainText('Đã nộp: cấp sở 95,24%');
  await shoot(page, '04-theo-doi');

  const rows = page.locator('.board-table .ant-table-row');
  await chips.getByText('Có lỗi').click();
  await expect(rows).toHaveCount(3);
  await expect(page.locator('.board-table')).toContainText('UBND xã Bản Hon');
  await expect(page.locator('.board-table')).toContainText('Sở Tư pháp');
  await chips.getByText('Tất cả').click();
  await pickOption(page, 'Lọc theo cấp', 'Cấp huyện');
  await expect(page.getByText('Hiển thị 7/40 đơn vị')).toBeVisible();
  await page.getByLabel('Tìm đơn vị').fill('Lai Châu');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('H01');

  // The unit that sent only a file of another period has sent nothing usable for this one.
  await chips.getByText('Chưa nộp').click();
  await page.getByLabel('Tìm đơn vị').fill('');
  await pickOption(page, 'Lọc theo cấp', 'Tất cả các cấp');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('S05');
  await expect(rows.first()).toContainText('Quá hạn');
  await page.getByRole('button', { name: 'Sao chép danh sách chưa nộp' }).click();
  await expect(page.getByText('Đã sao chép danh sách 1 đơn vị chưa nộp.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    'Danh sách cơ quan, đơn vị chưa gửi báo cáo Sơ kết 2021 - 2023 (hạn nộp 15/07/2023):\n1. Sở Công Thương (S05, cấp sở)',
  );
  const xlsx = join(host.root, 'ChuaNop.xlsx');
  host.answers.save = xlsx;
  await page.getByRole('button', { name: 'Xuất Excel chưa nộp…' }).click();
  await expect(page.getByText('Đã ghi danh sách 1 đơn vị chưa nộp vào tệp ChuaNop.xlsx.')).toBeVisible();
  expect(existsSync(xlsx)).toBe(true);
  await goTo(page, 'Nhật ký');
  await expect(page.locator('.audit-table')).toContainText('Nhập tệp BC_CCHC_X12_NQ08-SK2023.xlsx của đơn vị X12.');
  expect(problems).toEqual([]);
});

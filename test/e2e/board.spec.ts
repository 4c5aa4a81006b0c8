import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goTo, pickOption, shoot, test } from './fixtures.js';
import { PERIOD, writeFaultyFolder } from './returns.js';
import { seedPeriod } from './seed.js';

test('the board shows every unit with the right status (a refused file with why), filters by status and tier, sorts, searches, charts, lists who has not sent and takes the date a file was received', async ({
  page,
  host,
  problems,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const f = await writeFaultyFolder(join(host.root, 'tra-ve'));
  // X11 sends nothing; S05 sends only a return of another period (the sample's slip).
  rmSync(join(f.dir, `BC_CCHC_X11_${PERIOD}.xlsx`));
  await seedPeriod(host, PERIOD, f.dir);
  await page.goto(host.url);
  // With a period open, the app starts on the board.
  await expect(page.getByRole('heading', { level: 2, name: 'Theo dõi' })).toBeVisible();
  await expect(page.locator('.page-intro')).toHaveText(
    '40 đơn vị: 34 hợp lệ; 3 có lỗi; 1 nhiều tệp, chưa chọn; 1 đã gửi, tệp bị từ chối; 1 chưa nộp',
  );
  const chips = page.getByRole('group', { name: 'Lọc theo tình trạng' });
  await expect(chips).toContainText('Chưa nộp 1');
  await expect(chips).toContainText('Đã gửi, tệp bị từ chối 1');
  await expect(chips).toContainText('Có lỗi 3');
  await expect(chips).toContainText('Nhiều tệp, chưa chọn 1');
  await expect(chips).toContainText('Hợp lệ 34');
  // The header says what the board says: 39 units sent (S05's only file refused), 38 of them usable.
  await expect(page.locator('.period-facts')).toContainText('đã nhận 39/40 đơn vị, 38 có tệp dùng được');
  await expect(page.locator('.board-chart canvas')).toHaveCount(1);
  // S05 did send (its file was refused): the rate is of units with a usable file, and says so.
  await expect(page.locator('.chart-legend-text')).toContainText('Có tệp dùng được: cấp sở 95,24%');
  await expect(page.locator('.chart-legend-text')).not.toContainText('Đã nộp');
  await shoot(page, '04-theo-doi');

  const rows = page.locator('.board-table .ant-table-row');
  // The widest status, a button that opens the comparison, stays inside its column.
  const compare = page.getByRole('button', { name: 'So sánh tệp của Sở Kế hoạch và Đầu tư' });
  const [button, cell] = await Promise.all([
    compare.boundingBox(),
    compare.locator('xpath=ancestor::*[contains(@class, "ant-table-cell")][1]').boundingBox(),
  ]);
  expect(button && cell && button.x + button.width <= cell.x + cell.width).toBe(true);
  // An error count ends under its heading's text (before the sort arrows), clear of the list's scroll bar.
  const count = rows.filter({ hasText: 'Sở Tư pháp' }).locator('.ant-table-cell').last().locator('.ant-typography');
  await expect(count).toHaveText('1');
  const [figure, heading] = await Promise.all([
    count.boundingBox(),
    page.locator('.board-table .ant-table-thead .ant-table-column-title', { hasText: 'Lỗi' }).boundingBox(),
  ]);
  expect(figure && heading && Math.abs(figure.x + figure.width - (heading.x + heading.width))).toBeLessThan(3);
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

  // The unit that sent only a file of another period did send: its row says so, and why.
  await chips.getByText('Đã gửi, tệp bị từ chối').click();
  await page.getByLabel('Tìm đơn vị').fill('');
  await pickOption(page, 'Lọc theo cấp', 'Tất cả các cấp');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('S05');
  await expect(rows.first().locator('.ant-tag').first()).toHaveText('Đã gửi, tệp bị từ chối');
  await expect(rows.first().locator('.note-text')).toHaveText(
    'Tệp BC_CCHC_S05_NQ08-SK2023.xlsx ghi kỳ báo cáo NQ08-TK2025 (trang Thông tin, ô B6), không phải kỳ NQ08-SK2023 đang tổng hợp.',
  );
  // It sent (today, after the 15/07/2023 deadline): late by that date, not "quá hạn" as one that sent nothing.
  await expect(rows.first()).toContainText('Gửi muộn');
  await expect(rows.first()).not.toContainText('Quá hạn');

  // The unit that sent nothing is the only one on the reminder list.
  await chips.getByText('Chưa nộp').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('X11');
  await expect(rows.first()).toContainText('Quá hạn');
  await page.getByRole('button', { name: 'Sao chép danh sách chưa nộp' }).click();
  await expect(page.getByText('Đã sao chép danh sách 1 đơn vị chưa nộp.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    'Danh sách cơ quan, đơn vị chưa gửi báo cáo Sơ kết 2021 - 2023 (hạn nộp 15/07/2023):\n1. UBND xã Mường Khoa (X11, cấp xã)',
  );
  const xlsx = join(host.root, 'ChuaNop.xlsx');
  host.answers.save = xlsx;
  await page.getByRole('button', { name: 'Xuất Excel chưa nộp…' }).click();
  await expect(page.getByText('Đã ghi danh sách 1 đơn vị chưa nộp vào tệp ChuaNop.xlsx.')).toBeVisible();
  expect(existsSync(xlsx)).toBe(true);

  // Imported today, S01's return reads as late; its email came on 12/07/2023: the clerk says so.
  await chips.getByText('Tất cả').click();
  await page.getByLabel('Tìm đơn vị').fill('S01');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Nộp muộn');
  await page.getByRole('button', { name: 'Sửa ngày nhận của Sở Nội vụ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ngày nhận báo cáo của Sở Nội vụ' });
  await dialog.getByLabel('Ngày nhận mới').fill('12/07/2023');
  await dialog.getByLabel('Ngày nhận mới').press('Enter');
  await dialog.getByLabel('Căn cứ ngày nhận').fill('Thư điện tử ngày 12/07/2023');
  await dialog.getByRole('button', { name: 'Ghi ngày nhận' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows.first()).toContainText('12/07/2023 00:00');
  await expect(rows.first()).toContainText('Đúng hạn');
  // A date still to come is refused by the engine, in its words.
  await page.getByRole('button', { name: 'Sửa ngày nhận của Sở Nội vụ' }).click();
  await dialog.getByLabel('Ngày nhận mới').fill('12/07/2099');
  await dialog.getByLabel('Ngày nhận mới').press('Enter');
  await dialog.getByRole('button', { name: 'Ghi ngày nhận' }).click();
  await expect(dialog).toContainText('Ngày nhận 12/07/2099 00:00 chưa đến; hãy ghi ngày đã nhận tệp.');
  await dialog.getByRole('button', { name: 'Huỷ' }).click();
  await goTo(page, 'Nhật ký');
  await expect(page.locator('.audit-table')).toContainText('Nhập tệp BC_CCHC_X12_NQ08-SK2023.xlsx của đơn vị X12.');
  await expect(page.locator('.audit-table')).toContainText(
    'Ghi ngày nhận tệp BC_CCHC_S01_NQ08-SK2023.xlsx của đơn vị S01: 12/07/2023 00:00 (trước là ',
  );
  await expect(page.locator('.audit-table')).toContainText('; Thư điện tử ngày 12/07/2023.');
  expect(problems).toEqual([]);
});

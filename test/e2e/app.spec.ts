import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';

test('the app loads with its Vietnamese title, the form facts and no CSP problem', async ({ page, host, problems }) => {
  await page.goto(host.url);
  await expect(page).toHaveTitle('Tổng hợp CCHC');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng hợp CCHC');
  await expect(page.getByRole('heading', { name: 'Tổng hợp báo cáo cải cách hành chính của tỉnh' })).toBeVisible();
  // Counts come from the engine and are written with the Vietnamese formatter.
  await expect(page.locator('.fact-list dd').first()).toHaveText(
    'CCHC-NQ08, phiên bản 2023.1: 95 chỉ tiêu, 17 tỷ lệ, 31 quy tắc kiểm tra, 9 mục tiêu.',
  );
  await expect(page.locator('.fact-list')).toContainText('40 đơn vị: cấp sở 21; cấp huyện 7; cấp xã 12.');
  await expect(page.locator('.fact-list')).toContainText(host.dataDir);
  await expect(page.locator('.app-footer')).toHaveText('Tổng hợp CCHC — phiên bản 0.1.0');
  await page.screenshot({ path: '/tmp/ui-home.png', fullPage: true });
  expect(host.calls).toContain('appInfo');
  expect(problems).toEqual([]);
});

test('the CSP is in force: an inline script is refused and reported', async ({ page, host, problems }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { inlineRan?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return w.inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => problems.join('\n')).toContain('CSP violation: script-src-elem inline');
});

test('the periods list shows both built-in periods with their dates and tiers', async ({ page, host, problems }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Kỳ báo cáo' }).click();
  const rows = page.locator('.data-table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('NQ08-SK2023');
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText('30/06/2023');
  await expect(rows.nth(0).locator('td').nth(3)).toHaveText('15/07/2023');
  await expect(rows.nth(0).locator('td').nth(4)).toHaveText('Cấp sở, Cấp huyện, Cấp xã');
  await expect(rows.nth(1)).toContainText('NQ08-TK2025');
  await expect(rows.nth(1).locator('td').nth(4)).toHaveText('Cấp sở, Cấp xã');
  expect(problems).toEqual([]);
});

test('saved settings persist across a reload and are written to the data folder', async ({ page, host, problems }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await page.getByLabel('Họ tên người ký').fill('Nguyễn Thị Hồng Nhung');
  await page.getByLabel('Thành viên đoàn kiểm tra').fill('Trần Văn Bình\n\n  Lò Thị Mai  ');
  await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
  await expect(page.getByLabel('Thư mục làm việc mặc định')).toHaveValue(host.pickedFolder);
  await page.getByLabel('Số ngày nhắc trước hạn').fill('10');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã lưu cài đặt.');
  // The engine trimmed the team list and dropped the empty line.
  await expect(page.getByLabel('Thành viên đoàn kiểm tra')).toHaveValue('Trần Văn Bình\nLò Thị Mai');

  await page.reload();
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await expect(page.getByLabel('Họ tên người ký')).toHaveValue('Nguyễn Thị Hồng Nhung');
  await expect(page.getByLabel('Cơ quan ban hành')).toHaveValue('SỞ NỘI VỤ');
  await expect(page.getByLabel('Thành viên đoàn kiểm tra')).toHaveValue('Trần Văn Bình\nLò Thị Mai');
  await expect(page.getByLabel('Thư mục làm việc mặc định')).toHaveValue(host.pickedFolder);
  await expect(page.getByLabel('Số ngày nhắc trước hạn')).toHaveValue('10');

  await page.getByRole('button', { name: 'Mở thư mục' }).click();
  await expect.poll(() => host.opened).toEqual([host.pickedFolder]);

  const saved = JSON.parse(await readFile(join(host.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  expect(saved).toEqual({
    report: {
      governingBody: 'UBND TỈNH LAI CHÂU',
      issuingBody: 'SỞ NỘI VỤ',
      place: 'Lai Châu',
      signerAuthority: 'KT. GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC',
      signerName: 'Nguyễn Thị Hồng Nhung',
    },
    inspectionTeam: ['Trần Văn Bình', 'Lò Thị Mai'],
    workspaceRoot: host.pickedFolder,
    reminders: { enabled: true, daysBefore: 10 },
  });
  expect(problems).toEqual([]);
});

test('an invalid setting is refused with a Vietnamese message naming the field', async ({ page, host, problems }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await page.getByLabel('Số ngày nhắc trước hạn').fill('90');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Yêu cầu "setSettings" không hợp lệ: Số ngày nhắc trước hạn phải không lớn hơn 60.',
  );
  await page.reload();
  await page.getByRole('button', { name: 'Cài đặt' }).click();
  await expect(page.getByLabel('Số ngày nhắc trước hạn')).toHaveValue('7');
  expect(problems).toEqual([]);
});

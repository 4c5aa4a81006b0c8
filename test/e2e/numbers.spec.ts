import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goTo, pickOption, shoot, test } from './fixtures.js';
import { PERIOD, writeFaultyFolder } from './returns.js';
import { seedPeriod } from './seed.js';

test.beforeEach(async ({ host }) => {
  const f = await writeFaultyFolder(join(host.root, 'tra-ve'));
  await seedPeriod(host, PERIOD, f.dir);
});

test('totals by province and tier open into the units and cells that make them; targets and comparison are charted', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await goTo(page, 'Số liệu');
  // Targets counted as they are: those without data are not "chưa đạt".
  await expect(page.locator('.page-intro')).toContainText(
    '4/9 chỉ tiêu đạt và vượt; 1 chỉ tiêu chưa đạt; 4 chỉ tiêu chưa có số liệu để đánh giá',
  );
  await page.getByLabel('Tìm chỉ tiêu').fill('kỷ luật');
  const kl01 = page.locator('.numbers-table .ant-table-row').filter({ hasText: 'KL01' });
  await expect(kl01).toContainText('113');
  await expect(kl01).toContainText('52');
  await shoot(page, '06-so-lieu');
  await page.getByLabel('Xem các đơn vị tạo nên KL01 toàn tỉnh').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('Toàn tỉnh: 113');
  await expect(drawer).toContainText('(từ 38/40 đơn vị)');
  await expect(drawer.locator('.ant-table-row').first()).toContainText('Số liệu!E');
  await expect(drawer).toContainText('Chưa có số liệu: Sở Kế hoạch và Đầu tư (S03); Sở Công Thương (S05).');
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: 'Mục tiêu' }).click();
  await expect(page.locator('.targets canvas')).toHaveCount(1);
  await expect(page.locator('.targets-line')).toHaveText(
    '4/9 chỉ tiêu đạt và vượt; 1 chỉ tiêu chưa đạt; 4 chỉ tiêu chưa có số liệu để đánh giá',
  );
  await expect(page.locator('.targets-table tbody tr .ant-tag')).toHaveText([
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
  const mt6 = page.locator('.targets-table tbody tr').filter({ hasText: 'MT6' });
  await expect(mt6).toContainText('Chưa đạt');
  await page.getByRole('tab', { name: 'So sánh' }).click();
  await pickOption(page, 'So sánh giữa', 'Các cấp');
  await expect(page.locator('.compare-summary')).toHaveText('So sánh 3 cấp.');
  await pickOption(page, 'So sánh giữa', 'Các đơn vị cấp xã');
  await page.getByLabel('Chỉ tiêu so sánh').fill('R_KHACPHUC');
  await page.keyboard.press('Enter');
  // The reconciliation found X02 far from its peers: the chart marks it and says so.
  await expect(page.getByText(/Khác xa các đơn vị cùng cấp: UBND phường Tân Phong \(0,00%\)/)).toBeVisible();
  await expect(page.locator('.compare-summary')).toContainText('1 đơn vị khác xa các đơn vị cùng cấp');
  expect(problems).toEqual([]);
});

test('the province figure MT8 is entered with its source through the engine, which refuses a wrong value with its own message', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await goTo(page, 'Số liệu');
  await page.getByRole('tab', { name: 'Số liệu cấp tỉnh' }).click();
  await pickOption(page, 'Chỉ tiêu nhập số liệu', 'MT8');
  // The engine reads the figure as a cell of its kind (a rank: whole, 1–63) and says why not, exactly.
  await page.getByLabel('Giá trị').fill('70');
  await page.getByLabel('Nguồn số liệu').fill('Quyết định số 345/QĐ-BNV ngày 06/5/2024');
  await page.getByRole('button', { name: 'Ghi số liệu' }).click();
  await expect(page.locator('.input-error')).toHaveText(
    'Số liệu cấp tỉnh MT8 (Thứ hạng Chỉ số cải cách hành chính (PAR INDEX) trong cả nước): giá trị "70" không phải là một thứ hạng từ 1 đến 63 (số tỉnh, thành phố được xếp hạng). Hãy kiểm tra lại số liệu.',
  );
  await page.getByLabel('Giá trị').fill('12,5');
  await page.getByRole('button', { name: 'Ghi số liệu' }).click();
  await expect(page.locator('.input-error')).toHaveText(
    'Số liệu cấp tỉnh MT8 (Thứ hạng Chỉ số cải cách hành chính (PAR INDEX) trong cả nước): giá trị "12,5" có phần lẻ; thứ hạng phải là số nguyên. Hãy kiểm tra lại số liệu.',
  );
  await page.getByLabel('Giá trị').fill('mười hai');
  await page.getByRole('button', { name: 'Ghi số liệu' }).click();
  await expect(page.locator('.input-error')).toHaveText(
    'Số liệu cấp tỉnh MT8 (Thứ hạng Chỉ số cải cách hành chính (PAR INDEX) trong cả nước): giá trị "mười hai" không phải là số. Hãy ghi số, hoặc để trống nếu không có số liệu.',
  );
  await page.getByLabel('Giá trị').fill('12');
  await page.getByRole('button', { name: 'Ghi số liệu' }).click();
  await expect(page.locator('.inputs-table')).toContainText('xếp thứ 12');
  await expect(page.locator('.inputs-table')).toContainText('Quyết định số 345/QĐ-BNV ngày 06/5/2024');
  await page.getByRole('tab', { name: 'Mục tiêu' }).click();
  const mt8 = page.locator('.targets-table tbody tr').filter({ hasText: 'MT8' });
  await expect(mt8).toContainText('xếp thứ 12');
  await expect(mt8).not.toContainText('Thiếu số liệu');
  const xlsx = join(host.root, 'TongHop.xlsx');
  host.answers.save = xlsx;
  await page.getByRole('button', { name: 'Xuất bảng tổng hợp Excel…' }).click();
  await expect(page.getByText('Đã ghi bảng tổng hợp vào tệp TongHop.xlsx.')).toBeVisible();
  expect(existsSync(xlsx)).toBe(true);
  expect(problems).toEqual([]);
});

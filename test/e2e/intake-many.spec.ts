import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goTo, test } from './fixtures.js';
import { PERIOD, writeCleanFolder } from './returns.js';
import { callApi } from './seed.js';

test('the outcome of a large import is paged 25 files at a time, the counts covering every file, and the board follows', async ({
  page,
  host,
  problems,
}) => {
  const dir = await writeCleanFolder(join(host.root, 'tra-ve'));
  // Each return twice (a second copy under another name): 80 files, 40 of them the same bytes.
  for (const f of readdirSync(dir)) copyFileSync(join(dir, f), join(dir, `ban-sao-${f}`));
  await callApi(host, 'openPeriod', { period: PERIOD });
  await page.goto(host.url);
  await goTo(page, 'Tiếp nhận');
  host.answers.folder = dir;
  await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
  await expect(page.locator('.import-summary')).toHaveText('80 tệp: 40 đã nhập, 40 đã có.');
  await expect(page.locator('.import-files tbody tr.ant-table-row')).toHaveCount(25);
  const pager = page.locator('.import-files .ant-pagination');
  await expect(pager.locator('.ant-pagination-item')).toHaveCount(4);
  await pager.getByTitle('4').click();
  await expect(page.locator('.import-files tbody tr.ant-table-row')).toHaveCount(5);
  await expect(page.locator('.period-facts')).toContainText('đã nhận 40/40 đơn vị');
  await goTo(page, 'Theo dõi');
  await expect(page.locator('.page-intro')).toHaveText('40 đơn vị: 40 hợp lệ');
  expect(problems).toEqual([]);
});

import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BoardView } from '../../shared-api/app-api.js';
import { expect, goTo, shoot, test } from './fixtures.js';
import { PERIOD, writeCleanFolder, writeFaultyFolder } from './returns.js';
import { seedPeriod } from './seed.js';

/**
 * Opening the app again shows the board saved beside the workspace (no reconciliation first),
 * and an import made in the window replaces it at once — in the window and after a restart.
 *
 * To tell a saved board from a recomputed one, the saved file's figures are altered by hand
 * (its workspace state and context kept): what the window shows then came from the file.
 */
test('after a restart the board and the header come from the saved board; an import through Tiếp nhận replaces it everywhere', async ({
  page,
  host,
  problems,
}) => {
  const dir = await writeCleanFolder(join(host.root, 'tra-ve'));
  // X11 and X12 send later.
  const later = join(host.root, 'sau');
  mkdirSync(later);
  for (const u of ['X11', 'X12'])
    renameSync(join(dir, `BC_CCHC_${u}_${PERIOD}.xlsx`), join(later, `BC_CCHC_${u}_${PERIOD}.xlsx`));
  await seedPeriod(host, PERIOD, dir);
  const boardFile = join(host.root, 'ho-so', PERIOD, 'derived', 'app-board.json');
  const saved = JSON.parse(readFileSync(boardFile, 'utf8')) as { view: BoardView };
  expect(saved.view.summaryText).toBe('40 đơn vị: 38 hợp lệ; 2 chưa nộp');

  // Restart over an altered saved board: S02's row renamed, X11 and X12 shown as received.
  saved.view.summaryText = '40 đơn vị: bảng đã lưu';
  const s02 = saved.view.rows.find((r) => r.code === 'S02')!;
  s02.name = 'Sở (tên trong bảng đã lưu)';
  const x11 = saved.view.rows.find((r) => r.code === 'X11')!;
  x11.receivedAt = '2023-07-01T03:00:00.000Z';
  x11.receivedLabel = '01/07/2023 10:00';
  const x12 = saved.view.rows.find((r) => r.code === 'X12')!;
  x12.receivedAt = '2023-07-01T03:00:00.000Z';
  writeFileSync(boardFile, JSON.stringify(saved));
  const again = await host.restart();
  await page.goto(again.url);
  await expect(page.getByRole('heading', { level: 2, name: 'Theo dõi' })).toBeVisible();
  await expect(page.locator('.page-intro')).toHaveText('40 đơn vị: bảng đã lưu');
  await expect(page.locator('.period-facts')).toContainText('đã nhận 40/40 đơn vị');
  await page.getByLabel('Tìm đơn vị').fill('S02');
  await expect(page.locator('.board-table .ant-table-row')).toHaveCount(1);
  await expect(page.locator('.board-table')).toContainText('Sở (tên trong bảng đã lưu)');

  // An import in the window: the board and the header follow it, not the saved board.
  await goTo(page, 'Tiếp nhận');
  host.answers.files = [join(later, `BC_CCHC_X11_${PERIOD}.xlsx`)];
  await page.getByRole('button', { name: 'Chọn tệp…' }).click();
  await expect(page.locator('.import-summary')).toHaveText('1 tệp: 1 đã nhập.');
  await expect(page.locator('.period-facts')).toContainText('đã nhận 39/40 đơn vị');
  await goTo(page, 'Theo dõi');
  await expect(page.locator('.page-intro')).toHaveText('40 đơn vị: 39 hợp lệ; 1 chưa nộp');
  await page.getByLabel('Tìm đơn vị').fill('S02');
  await expect(page.locator('.board-table')).toContainText('Sở Tư pháp');
  await expect(page.locator('.board-table')).not.toContainText('bảng đã lưu');
  await page.getByLabel('Tìm đơn vị').fill('X11');
  await expect(page.locator('.board-table .ant-table-row').first()).toContainText('Hợp lệ');

  // And the board saved with that import is what the next start shows.
  const third = await host.restart();
  await page.goto(third.url);
  await expect(page.locator('.page-intro')).toHaveText('40 đơn vị: 39 hợp lệ; 1 chưa nộp');
  await expect(page.locator('.period-facts')).toContainText('đã nhận 39/40 đơn vị');
  const now = JSON.parse(readFileSync(boardFile, 'utf8')) as { view: BoardView };
  expect(now.view.rows.find((r) => r.code === 'X12')?.status).toBe('missing');
  expect(now.view.rows.find((r) => r.code === 'X11')?.status).toBe('accepted');
  expect(problems).toEqual([]);
});

/**
 * After a restart the board comes from the saved file, without the consolidation Đối chiếu and
 * Số liệu read. Once the board shows, the window asks the engine to make it ready in its own
 * thread; a screen opened while it is still being made says what it is waiting for.
 */
test('after a restart the consolidation is made in the background once the board shows, and Đối chiếu says what it waits for meanwhile', async ({
  page,
  host,
  problems,
}) => {
  const f = await writeFaultyFolder(join(host.root, 'tra-ve'));
  await seedPeriod(host, PERIOD, f.dir);
  const boardFile = join(host.root, 'ho-so', PERIOD, 'derived', 'app-board.json');
  const savedAt = () => (JSON.parse(readFileSync(boardFile, 'utf8')) as { savedAt: string }).savedAt;
  const before = savedAt();

  // The board of a restarted app: from the saved file, then the consolidation made unasked.
  const again = await host.restart();
  await page.goto(again.url);
  await expect(page.locator('.board-table .ant-table-row').first()).toBeVisible();
  await expect(page.locator('.page-intro')).toContainText('40 đơn vị:');
  await expect.poll(() => again.calls.includes('preparePeriod')).toBe(true);
  // The board came with the window's first answer; the consolidation is asked after it.
  expect(again.calls[0]).toBe('startView');
  expect(again.calls).not.toContain('getBoard');
  // Every consolidation saves the board it makes: the file is rewritten with no screen opened.
  await expect.poll(savedAt).not.toBe(before);
  expect(again.calls).not.toContain('getFindings');
  expect(again.calls).not.toContain('getNumbers');
  await goTo(page, 'Đối chiếu');
  await expect(page.locator('.findings-list .ant-table-row').first()).toBeVisible();

  // Restarted once more, with Đối chiếu's answer held back: the screen says what it waits for.
  const third = await host.restart();
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes('"method":"getFindings"')) await held;
    await route.continue();
  });
  await page.goto(`${third.url}#/doi-chieu`);
  await expect(page.getByRole('heading', { level: 2, name: 'Đối chiếu' })).toBeVisible();
  const waiting = page.getByRole('status').filter({ hasText: 'Đang tổng hợp và đối chiếu số liệu của các đơn vị…' });
  await expect(waiting).toBeVisible();
  await expect(waiting).toContainText('Lần đầu mở sau khi khởi động ứng dụng, việc này có thể mất vài giây.');
  await shoot(page, '05-doi-chieu-dang-doi-chieu');
  // The window is not frozen meanwhile: the navigation still answers.
  await expect(page.getByRole('menuitem', { name: 'Theo dõi', exact: true })).toBeEnabled();
  release();
  await expect(page.locator('.findings-list .ant-table-row').first()).toBeVisible();
  await expect(waiting).toHaveCount(0);
  expect(problems).toEqual([]);
});

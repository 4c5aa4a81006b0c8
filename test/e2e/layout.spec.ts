import { join } from 'node:path';
import { expect, goTo, openPeriodInWindow, shoot, test } from './fixtures.js';
import { PERIOD, writeFaultyFolder } from './returns.js';
import { seedPeriod } from './seed.js';

const SCREENS = [
  'Kỳ báo cáo',
  'Biểu mẫu',
  'Tiếp nhận',
  'Theo dõi',
  'Đối chiếu',
  'Số liệu',
  'Báo cáo',
  'Kiểm tra văn bản',
  'Ký số',
  'Phiếu kiểm tra',
  'Nhật ký',
  'Cài đặt',
];

test('every screen fits 1024×700 without sideways scrolling, and the navigation is reachable by keyboard with a visible focus', async ({
  page,
  host,
  problems,
}) => {
  await seedPeriod(host, PERIOD, (await writeFaultyFolder(join(host.root, 'tra-ve'))).dir);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(host.url);
  for (const label of SCREENS) {
    await goTo(page, label);
    await page.waitForTimeout(400);
    const overflow = await page.evaluate(() => {
      const content = document.querySelector('.app-content') as HTMLElement;
      return {
        doc: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        content: content.scrollWidth - content.clientWidth,
      };
    });
    expect(overflow, `${label} scrolls sideways`).toEqual({ doc: 0, content: 0 });
  }
  await shoot(page, '12-cai-dat-1024x700');

  // Keyboard: Tab reaches the navigation; the focused item is outlined.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${host.url}#/theo-doi`);
  await expect(page.getByRole('heading', { level: 2, name: 'Theo dõi' })).toBeVisible();
  let found = false;
  // (Through the board's own controls first: its rows' received dates are buttons too.)
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.closest('.side-nav') !== null);
  }
  expect(found).toBe(true);
  // One tab stop: the step that is open.
  await expect(page.locator('.side-nav [role="menuitem"]:focus')).toHaveAccessibleName('Theo dõi');
  await expect(page.locator('.side-nav [tabindex="0"]')).toHaveCount(1);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe('none');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
  // Arrows move the focus along the steps (wrapping), Home and End to the ends; Enter opens the focused step.
  const at = SCREENS.indexOf('Theo dõi');
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toBe(SCREENS[at + 1]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  expect(await focused()).toBe(SCREENS[at - 1]);
  await page.keyboard.press('End');
  expect(await focused()).toBe(SCREENS[SCREENS.length - 1]);
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toBe(SCREENS[0]);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  const second = SCREENS[1] as string;
  expect(await focused()).toBe(second);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(second);

  // A narrow window: the side bar keeps the icons; each step keeps its name, shown on hover.
  await page.setViewportSize({ width: 900, height: 700 });
  await expect(page.locator('.side-nav')).toHaveClass(/side-nav-collapsed/);
  const board = page.getByRole('menuitem', { name: 'Theo dõi', exact: true });
  await expect(board).toHaveAttribute('title', 'Theo dõi');
  await expect(board.locator('.side-nav-label')).toBeHidden();
  await board.click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Theo dõi');
  await shoot(page, '12b-thu-gon-900x700');
  expect(problems).toEqual([]);
});

test('a text field with a clear button or a calendar is outlined as a whole when focused, not inside its border', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await openPeriodInWindow(page, 'NQ08-TK2025');
  // [the text field's outline, the outline of the field around it]
  const rings = (wrapper: string) =>
    page.evaluate((sel) => {
      const input = document.activeElement as HTMLElement;
      const around = input.closest(sel) as HTMLElement;
      const style = (e: Element) => getComputedStyle(e);
      // A ring that grows or moves while it appears is a transition of its width or offset.
      const moving = around
        .getAnimations()
        .map((a) => (a as CSSTransition).transitionProperty)
        .filter((p) => p === 'outline-width' || p === 'outline-offset');
      return [style(input).outlineStyle, `${style(around).outlineStyle} ${style(around).outlineWidth}`, ...moving];
    }, wrapper);
  // The register's search box (a clear button inside its border).
  await page.getByPlaceholder('Tìm theo mã hoặc tên').focus();
  // Read at once: antd's fields animate every property for 0.2 s; the ring is 2px from its first frame.
  expect(await rings('.ant-input-affix-wrapper')).toEqual(['none', 'solid 2px']);
  // The received date (a calendar icon inside its border).
  await goTo(page, 'Tiếp nhận');
  await page.getByPlaceholder('Hôm nay').focus();
  expect(await rings('.ant-picker')).toEqual(['none', 'solid 2px']);
  expect(problems).toEqual([]);
});

test('heavy screens load on demand: the first screen loads neither the PDF viewer nor the charts', async ({
  page,
  host,
  problems,
}) => {
  // How fast the first screen shows is measured by `npm run bench` (first-screen), not by a timed test.
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 2, name: 'Kỳ báo cáo' })).toBeVisible();
  expect(requested.some((u) => /pdf\.worker/.test(u))).toBe(false);
  expect(requested.some((u) => /\/assets\/echart-/.test(u))).toBe(false);
  expect(problems).toEqual([]);
});

test('settings are saved through the engine (team with roles, reminder) and the reminder shows as a banner before the deadline', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await openPeriodInWindow(page, 'NQ08-TK2025');
  await goTo(page, 'Cài đặt');
  await page.getByLabel('Họ tên người ký').fill('Nguyễn Thị Hồng Nhung');
  await page.getByRole('button', { name: 'Thêm thành viên' }).click();
  await page.getByLabel('Họ tên thành viên 1').fill('  Trần Văn Bình ');
  await page.getByRole('button', { name: 'Thêm thành viên' }).click();
  await page.getByLabel('Họ tên thành viên 2').fill('Lò Thị Mai');
  await page.getByLabel('Chức danh trong đoàn của thành viên 2').fill('Thư ký');
  await page.getByLabel('Số ngày nhắc trước hạn').fill('7');
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt.')).toBeVisible();
  await expect(page.getByLabel('Họ tên thành viên 1')).toHaveValue('Trần Văn Bình');
  await shoot(page, '11-cai-dat');
  await page.reload();
  await goTo(page, 'Cài đặt');
  await expect(page.getByLabel('Họ tên người ký')).toHaveValue('Nguyễn Thị Hồng Nhung');
  await expect(page.getByLabel('Chức danh trong đoàn của thành viên 1')).toHaveValue('Trưởng đoàn');
  // The report of a period takes its signer from the settings.
  await goTo(page, 'Báo cáo');
  await page.getByRole('tab', { name: 'Thể thức văn bản' }).click();
  await expect(page.getByLabel('Họ tên người ký')).toHaveValue('Nguyễn Thị Hồng Nhung');
  expect(problems).toEqual([]);
});

test('the CSP is in force: an inline script and an inline style element are refused and reported', async ({
  page,
  host,
  problems,
}) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 2, name: 'Kỳ báo cáo' })).toBeVisible();
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { inlineRan?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.body.append(s);
    // A style element that is not the component library's is not let through either.
    const st = document.createElement('style');
    st.textContent = 'body { background: red }';
    document.head.append(st);
    await new Promise((r) => setTimeout(r, 100));
    return { script: w.inlineRan === true, style: getComputedStyle(document.body).backgroundColor };
  });
  expect(ran.script).toBe(false);
  expect(ran.style).not.toBe('rgb(255, 0, 0)');
  await expect.poll(() => problems.join('\n')).toContain('CSP violation: script-src-elem inline');
  await expect.poll(() => problems.join('\n')).toContain('CSP violation: style-src-elem inline');
});

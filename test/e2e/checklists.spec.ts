import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goTo, pickOption, shoot, test } from './fixtures.js';
import { PERIOD, writeFaultyFolder } from './returns.js';
import { callApi, seedPeriod } from './seed.js';

test('checklists for one tier with the saved team, one PDF per unit, then all units in one file to print', async ({
  page,
  host,
  problems,
}) => {
  // Forty checklists laid out as one PDF take a while on a shared machine.
  test.setTimeout(240_000);
  await seedPeriod(host, PERIOD, (await writeFaultyFolder(join(host.root, 'tra-ve'))).dir);
  await callApi(host, 'setSettings', {
    inspectionTeam: [
      { name: 'Trần Văn Bình', role: 'Trưởng đoàn' },
      { name: 'Lò Thị Mai', role: 'Thư ký' },
    ],
  });
  await page.goto(host.url);
  await goTo(page, 'Phiếu kiểm tra');
  await expect(page.getByLabel('Họ tên thành viên 1')).toHaveValue('Trần Văn Bình');
  await expect(page.getByLabel('Chức danh trong đoàn của thành viên 2')).toHaveValue('Thư ký');
  await page.getByRole('radio', { name: 'Một cấp' }).check();
  await pickOption(page, 'Cấp in phiếu kiểm tra', 'Cấp huyện');
  const out = join(host.root, 'phieu');
  host.answers.folder = out;
  await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
  await shoot(page, '09-phieu-kiem-tra');
  await page.getByRole('button', { name: 'In phiếu kiểm tra' }).click();
  await expect(page.getByText(`Đã in 7 phiếu kiểm tra vào thư mục ${out}.`)).toBeVisible({ timeout: 60_000 });
  expect(readdirSync(out).sort()).toEqual(
    ['H01', 'H02', 'H03', 'H04', 'H05', 'H06', 'H07'].map((u) => `PKT_${u}_${PERIOD}.pdf`),
  );

  await page.getByRole('radio', { name: 'Tất cả đơn vị' }).check();
  await page.getByRole('switch', { name: 'Gộp thành một tệp để in' }).click();
  // The progress moves while the engine lays the document out (relayed from its busy worker). It
  // may show for less than Playwright's polling interval: every count shown is recorded as it shows.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const m = /Đang in phiếu kiểm tra (\d+)\/40: /.exec(document.body.textContent ?? '');
      if (m?.[1] && seen[seen.length - 1] !== m[1]) seen.push(m[1]);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'In phiếu kiểm tra' }).click();
  await expect(
    page.getByText('Đã in phiếu kiểm tra của 40 đơn vị vào một tệp PKT_TONGHOP_NQ08-SK2023.pdf.'),
  ).toBeVisible({ timeout: 120_000 });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(
    seen.some((n) => Number(n) >= 1 && Number(n) < 40),
    `progress seen: ${seen.join(', ')}`,
  ).toBe(true);
  await page.getByRole('button', { name: 'Mở để in' }).click();
  await expect.poll(() => host.opened).toEqual([join(out, `PKT_TONGHOP_${PERIOD}.pdf`)]);
  expect(problems).toEqual([]);
});

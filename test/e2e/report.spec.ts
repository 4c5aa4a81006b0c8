import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { makeRsaP12 } from '../fixtures/certs.js';
import { expect, goTo, shoot, test } from './fixtures.js';
import { PERIOD, writeCleanFolder, writeFaultyFolder } from './returns.js';
import { seedPeriod } from './seed.js';

async function previewSignature(page: import('@playwright/test').Page): Promise<string> {
  const canvas = page.locator('.pdf-page').first();
  // The first preview renders the whole report in the engine's worker.
  await expect(canvas).toBeVisible({ timeout: 60_000 });
  return canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL().slice(-200));
}

test('a paragraph is edited with a placeholder inserted, the preview changes, and the exported PDF says it', async ({
  page,
  host,
  problems,
}) => {
  await seedPeriod(host, PERIOD, await writeCleanFolder(join(host.root, 'tra-ve')));
  await page.goto(host.url);
  await goTo(page, 'Báo cáo');
  await expect(page.locator('.pdf-view')).toHaveAttribute('data-pages', /\d+/);
  const before = await previewSignature(page);
  await shoot(page, '07-bao-cao');
  const first = page.getByLabel('Đoạn văn 1', { exact: true });
  await first.fill('Đoạn mở đầu đã sửa: toàn tỉnh có  cán bộ bị kỷ luật.');
  await first.focus();
  // The caret between the two spaces, where the figure goes.
  await first.evaluate((t: HTMLTextAreaElement) => {
    const at = t.value.indexOf('  ') + 1;
    t.setSelectionRange(at, at);
  });
  await page.getByLabel('Trường số liệu để chèn').fill('{{KL01}}');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Chèn' }).click();
  await expect(first).toHaveValue('Đoạn mở đầu đã sửa: toàn tỉnh có {{KL01}} cán bộ bị kỷ luật.');
  await page.getByRole('button', { name: 'Lưu và xem trước' }).click();
  await expect(page.getByText('Đã lưu báo cáo.')).toBeVisible();
  await expect.poll(() => previewSignature(page), { timeout: 30_000 }).not.toBe(before);

  const pdf = join(host.root, 'BaoCao.pdf');
  host.answers.save = pdf;
  await page.getByRole('button', { name: 'Xuất PDF…' }).click();
  await expect(page.getByText(/^Đã xuất báo cáo BaoCao\.pdf \(\d+ trang\)\.$/)).toBeVisible();
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  expect(text.replace(/\s+/g, ' ')).toContain('Đoạn mở đầu đã sửa: toàn tỉnh có 118 cán bộ bị kỷ luật.');

  // The same report as a Word copy to edit: the edited paragraph with its figure, Word's own footnotes.
  const docx = join(host.root, 'BaoCao.docx');
  host.answers.save = docx;
  await page.getByRole('button', { name: 'Xuất bản Word…' }).click();
  await expect(page.getByText(/^Đã xuất bản Word BaoCao\.docx để biên tập/u)).toBeVisible();
  const parts = unzipSync(readFileSync(docx));
  const words = [...strFromU8(parts['word/document.xml']!).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join('');
  expect(words).toContain('Đoạn mở đầu đã sửa: toàn tỉnh có 118 cán bộ bị kỷ luật.');
  expect(strFromU8(parts['word/footnotes.xml']!)).toContain('<w:footnote w:id="1">');
  // Checked against the period's data, the copy has nothing wrong in it.
  await goTo(page, 'Kiểm tra văn bản');
  await page.getByLabel(`Đối chiếu với số liệu tổng hợp của kỳ ${PERIOD}`).check();
  host.answers.files = [docx];
  await page.getByRole('button', { name: 'Chọn văn bản…' }).click();
  // No error; the only warnings are the report's own gaps (targets without data), to fill in Word.
  await expect(page.locator('.tc-summary-text')).toContainText(/: 0 lỗi, 4 cảnh báo, \d+ thông tin\./u);
  // The infos hidden by their chip, what is left is the four gaps.
  await page.locator('.tc-filter .ant-tag', { hasText: 'Thông tin' }).click();
  const warnings = page.getByRole('listbox', { name: 'Các phát hiện' }).getByRole('option');
  await expect(warnings).toHaveCount(4);
  for (const w of await warnings.all()) await expect(w).toContainText('Chỗ thiếu số liệu');
  expect(problems).toEqual([]);
});

test('an unknown placeholder is refused with the engine message naming it and its block', async ({
  page,
  host,
  problems,
}) => {
  await seedPeriod(host, PERIOD, await writeCleanFolder(join(host.root, 'tra-ve')));
  await page.goto(host.url);
  await goTo(page, 'Báo cáo');
  await page.getByLabel('Đoạn văn 1', { exact: true }).fill('Có {{KL99}} trường hợp.');
  await page.getByRole('button', { name: 'Lưu và xem trước' }).click();
  await expect(page.locator('.report-problem')).toContainText('{{KL99}}');
  await expect(page.locator('.report-problem')).toContainText('mục 1 (đoạn văn)');
  expect(problems).toEqual([]);
});

test('signing with a test certificate asks to confirm the gaps, writes a PDF that pdfsig and the app both find valid', async ({
  page,
  host,
  problems,
}) => {
  await seedPeriod(host, PERIOD, await writeCleanFolder(join(host.root, 'tra-ve')));
  const cert = makeRsaP12({ commonName: 'Nguyễn Văn A', organization: 'Sở Nội vụ tỉnh Lai Châu' });
  const p12 = join(host.root, 'chung-thu.p12');
  writeFileSync(p12, cert.p12);
  await page.goto(host.url);
  await goTo(page, 'Ký số');
  host.answers.files = [p12];
  await page.getByRole('button', { name: 'Chọn tệp…' }).click();
  await page.getByLabel('Mật khẩu chứng thư số').fill('sai mật khẩu');
  await page.getByRole('button', { name: 'Xem dấu chữ ký' }).click();
  await expect(page.getByRole('alert')).toHaveText('Mật khẩu của tệp chứng thư số chung-thu.p12 không đúng.');
  await page.getByLabel('Mật khẩu chứng thư số').fill(cert.password);
  await page.getByRole('button', { name: 'Xem dấu chữ ký' }).click();
  await expect(page.getByLabel('Dấu chữ ký sẽ in trên báo cáo')).toContainText('Người ký: Nguyễn Văn A');
  await shoot(page, '08-ky-so');
  const signed = join(host.root, 'BaoCao_da_ky.pdf');
  host.answers.save = signed;
  await page.getByRole('button', { name: 'Ký và lưu báo cáo…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Báo cáo còn chỗ thiếu số liệu' });
  await expect(confirm).toContainText('MT8');
  await expect(confirm.getByRole('button', { name: 'Vẫn ký' })).toBeDisabled();
  await confirm.getByText('Tôi đã đọc và đồng ý ký báo cáo có các chỗ thiếu số liệu này').click();
  await confirm.getByRole('button', { name: 'Vẫn ký' }).click();
  await expect(page.getByText('Đã ký và lưu báo cáo BaoCao_da_ky.pdf; người ký: Nguyễn Văn A.')).toBeVisible();
  expect(existsSync(signed)).toBe(true);
  // The password was used for this signature only: the field is empty again.
  await expect(page.getByLabel('Mật khẩu chứng thư số')).toHaveValue('');
  const sig = execFileSync('pdfsig', [signed]).toString();
  expect(sig).toContain('Signature Validation: Signature is Valid.');
  expect(sig).toContain('Nguyễn Văn A');

  host.answers.files = [signed];
  await page.getByRole('button', { name: 'Chọn tệp PDF để kiểm tra…' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('Chữ ký hợp lệ: tệp không bị thay đổi sau khi ký.');
  await expect(page.getByTestId('verify-result')).toContainText('Nguyễn Văn A');
  const settings = await (await import('node:fs/promises')).readFile(join(host.dataDir, 'settings.json'), 'utf8');
  expect(settings).not.toContain(cert.password);
  expect(problems).toEqual([]);
});

test('signing is refused while errors are open, with the errors listed and a link to them', async ({
  page,
  host,
  problems,
}) => {
  await seedPeriod(host, PERIOD, (await writeFaultyFolder(join(host.root, 'tra-ve'))).dir);
  await page.goto(host.url);
  await goTo(page, 'Ký số');
  const alert = page.getByRole('alert').filter({ hasText: 'chưa thể ký' });
  await expect(alert).toContainText('Còn 3 lỗi chưa xử lý: chưa thể ký báo cáo.');
  await expect(alert).toContainText('UBND xã Bản Hon (X03)');
  await alert.getByRole('link', { name: 'Xử lý ở màn hình Đối chiếu' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Đối chiếu' })).toBeVisible();
  expect(problems).toEqual([]);
});

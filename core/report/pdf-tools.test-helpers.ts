/** poppler helpers shared by the report's PDF tests. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { StampInput } from './document.js';
import type { Period } from '../period/index.js';
import { defaultReportSettings, type ReportSettings } from './settings.js';
import type { ReportTemplate } from './template.js';

/** Write the PDF into a fresh temp folder; returns its path. */
export function savePdf(pdf: Buffer, name = 'report.pdf'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tonghop-report-')), name);
  writeFileSync(file, pdf);
  return file;
}

/** Text of one page (1-based) or of the whole file, whitespace collapsed unless `layout`. */
export function pageText(file: string, page?: number, layout = false): string {
  const args = [...(page ? ['-f', String(page), '-l', String(page)] : []), ...(layout ? ['-layout'] : []), file, '-'];
  const text = execFileSync('pdftotext', args, { encoding: 'utf8' });
  return layout ? text : text.replace(/\s+/g, ' ');
}

export function pdfinfo(file: string, ...args: string[]): string {
  return execFileSync('pdfinfo', [...args, file], { encoding: 'utf8' });
}

export function pdffonts(file: string): string[][] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return out.map((l) => l.trim().split(/\s+/));
}

/** Words with their boxes (points, origin top-left) on a page, from `pdftotext -bbox`. */
export function words(
  file: string,
  page: number,
): { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  return [...html.matchAll(re)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5] ?? '',
  }));
}

/** A template of `n` one-line paragraphs, then a paragraph whose mark carries a three-line footnote. */
export function pushedFootnote(n: number): ReportTemplate {
  return {
    version: 1,
    blocks: [
      { type: 'heading', level: 1, text: 'I. KIỂM TRA CHÚ THÍCH CUỐI TRANG' },
      ...Array.from({ length: n }, (_, i) => ({
        type: 'paragraph' as const,
        text: `Dòng đệm số ${i + 1} của văn bản.`,
      })),
      {
        type: 'paragraph',
        text:
          'Đoạn MỐCTHỬ có {{KL01}} người bị kỷ luật[[fn: CHÚTHÍCHTHỬ cấp sở {{so:KL01}} người; cấp huyện {{huyen:KL01}} người; ' +
          'cấp xã {{xa:KL01}} người. Số liệu theo báo cáo của các cơ quan, đơn vị gửi Sở Nội vụ, đã được đối chiếu với ' +
          'hồ sơ xử lý kỷ luật lưu tại cơ quan, đơn vị và tổng hợp theo từng cấp hành chính trên địa bàn tỉnh.]] trong kỳ.',
      },
      { type: 'paragraph', text: 'Đoạn kết thúc sau chú thích.' },
    ],
  };
}

/** A small transparent PNG (a QR code of `text` in `dark`), standing in for a signature or seal image. */
const stampPng = (text: string, dark: string): Promise<Buffer> =>
  QRCode.toBuffer(text, { type: 'png', margin: 0, width: 120, color: { dark, light: '#00000000' } });

/** A signing stamp with a signature image and a seal image (transparent PNGs). */
export async function stampWithImages(): Promise<StampInput> {
  return {
    signerName: 'Nguyễn Thị Hồng Nhung',
    subject: 'CN=Nguyễn Thị Hồng Nhung',
    signingTime: '2023-09-05T10:15:00+07:00',
    signatureImage: await stampPng('signature', '#1a3a8fff'),
    sealImage: await stampPng('seal', '#c00000ff'),
  };
}

/** A signing stamp drawn as text only (no images). */
export const TEXT_STAMP: StampInput = {
  signerName: 'Nguyễn Thị Hồng Nhung',
  subject: 'CN=Nguyễn Thị Hồng Nhung, O=Sở Nội vụ tỉnh Lai Châu',
  signingTime: '2023-09-05T10:15:00+07:00',
};

/** The default settings of `period`'s report with a number, a date and a Vietnamese signer. */
export function signedSettings(period: Period): ReportSettings {
  return {
    ...defaultReportSettings(period),
    number: '123/BC-SNV',
    date: '2023-09-05',
    signerName: 'Nguyễn Thị Hồng Nhung',
  };
}

/** `settings` as a Party committee's report (ĐẢNG CỘNG SẢN VIỆT NAM, "Số 15-BC/TU"). */
export function partySettings(settings: ReportSettings): ReportSettings {
  return {
    ...settings,
    kind: 'party',
    governingBody: 'ĐẢNG BỘ TỈNH LAI CHÂU',
    issuingBody: 'TỈNH ỦY',
    number: '15-BC/TU',
    date: '2024-02-03',
    authority: ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'],
  };
}

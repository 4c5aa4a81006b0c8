import { describe, expect, it } from 'vitest';
import { isMailFile, MailError, readMail } from './index.js';

function eml(parts: { date?: string; attachments: Array<{ name: string; bytes: Buffer }> }): Uint8Array {
  const lines = [
    'From: =?UTF-8?B?' + Buffer.from('Văn phòng UBND xã Bản Lang').toString('base64') + '?= <vp@banlang.gov.vn>',
    'Subject: =?UTF-8?B?' + Buffer.from('Báo cáo CCHC').toString('base64') + '?=',
    ...(parts.date ? [`Date: ${parts.date}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Kính gửi.',
  ];
  for (const a of parts.attachments) {
    lines.push(
      '--b1',
      `Content-Type: application/octet-stream; name="${a.name}"`,
      `Content-Disposition: attachment; filename="${a.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      a.bytes.toString('base64'),
    );
  }
  lines.push('--b1--', '');
  return new TextEncoder().encode(lines.join('\r\n'));
}

describe('readMail', () => {
  it('takes the spreadsheets out of an .eml, with the email date (ISO) and sender; other attachments are named, not kept', async () => {
    const xlsx = Buffer.from('PK\u0003\u0004 not really a workbook');
    const m = await readMail(
      'thu.eml',
      eml({
        date: 'Mon, 10 Jul 2023 09:30:00 +0700',
        attachments: [
          { name: 'BC_CCHC_X01.xlsx', bytes: xlsx },
          { name: 'anh.png', bytes: Buffer.from([1, 2, 3]) },
        ],
      }),
    );
    expect(m.date).toBe('2023-07-10T02:30:00.000Z');
    expect(m.from).toBe('Văn phòng UBND xã Bản Lang <vp@banlang.gov.vn>');
    expect(m.subject).toBe('Báo cáo CCHC');
    expect(m.attachments.map((a) => a.name)).toEqual(['BC_CCHC_X01.xlsx']);
    expect(Buffer.from(m.attachments[0]!.bytes)).toEqual(xlsx);
    expect(m.skipped).toEqual(['anh.png']);
  });

  it('leaves the date out when the email has none, and refuses an Outlook file that is not one', async () => {
    const m = await readMail('a.eml', eml({ attachments: [] }));
    expect(m.date).toBeUndefined();
    expect(m.attachments).toEqual([]);
    await expect(readMail('b.msg', new TextEncoder().encode('not an OLE file'))).rejects.toBeInstanceOf(MailError);
    expect(isMailFile('X.EML')).toBe(true);
    expect(isMailFile('x.xlsx')).toBe(false);
  });
});

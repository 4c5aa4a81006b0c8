import { describe, expect, it } from 'vitest';
import { renderPdf } from '../pdf/index.js';
import { samplePdf } from '../../test/fixtures/pdfsig.js';
import { SignError } from './errors.js';
import { appendSignaturePlaceholder, PdfReader } from './pdf-incremental.js';
import { decodeString, parseValue, textString } from './pdf-objects.js';
import { formatPdfDate, formatSigningTimeIso, parsePdfDate } from './time.js';

const WHEN = new Date('2025-10-05T07:30:00Z');
const base = {
  signingTime: WHEN,
  pdfDate: formatPdfDate(WHEN),
  subFilter: 'ETSI.CAdES.detached' as const,
  contentsBytes: 8192,
};

function signError(fn: () => unknown): SignError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SignError) return e;
    throw e;
  }
  throw new Error('expected a SignError');
}

describe('time formats', () => {
  it('writes Vietnam time for the stamp and /M, and reads PDF dates back', () => {
    expect(formatSigningTimeIso(WHEN)).toBe('2025-10-05T14:30:00+07:00');
    expect(formatPdfDate(new Date('2025-12-31T20:15:09Z'))).toBe("D:20260101031509+07'00'");
    expect(parsePdfDate("D:20251005143000+07'00'")?.toISOString()).toBe('2025-10-05T07:30:00.000Z');
    expect(parsePdfDate('D:20251005073000Z')?.toISOString()).toBe('2025-10-05T07:30:00.000Z');
    expect(parsePdfDate('hôm qua')).toBeUndefined();
  });
});

describe('PDF strings', () => {
  it('writes Vietnamese as UTF-16BE hex and ASCII as an escaped literal, and decodes both', () => {
    expect(textString('Sở Nội vụ')).toMatchObject({
      raw: '<FEFF00531EDF0020004E1ED9006900200076 1EE5>'.replace(' ', ''),
    });
    expect(decodeString(textString('Nguyễn Thị Hồng Nhung'))).toBe('Nguyễn Thị Hồng Nhung');
    expect(textString('a(b)\\c')).toMatchObject({ raw: '(a\\(b\\)\\\\c)' });
    expect(decodeString(parseValue('(a\\(b\\)\\\\c\\101)', 0).value)).toBe('a(b)\\cA');
  });

  it('parses references, nested dictionaries and arrays', () => {
    const { value } = parseValue('<< /Kids [3 0 R 4 0 R] /Count 2 /X << /Y (z) >> /N -1.5 /B true >>', 0);
    expect(value.t).toBe('dict');
    if (value.t !== 'dict') return;
    expect(value.entries.get('Kids')).toEqual({
      t: 'array',
      items: [
        { t: 'ref', num: 3, gen: 0 },
        { t: 'ref', num: 4, gen: 0 },
      ],
    });
    expect(value.entries.get('N')).toEqual({ t: 'num', v: '-1.5' });
    expect(value.entries.get('B')).toEqual({ t: 'kw', v: 'true' });
  });
});

describe('appendSignaturePlaceholder', () => {
  it('appends a revision whose byte range leaves exactly the /Contents hex string out', async () => {
    const pdf = await samplePdf(3);
    const p = appendSignaturePlaceholder(pdf, { ...base, widget: { page: 3, x: 10, y: 20, width: 30.5, height: 40 } });
    const text = p.bytes.toString('latin1');
    const [, a, b, c] = p.byteRange;
    expect(text[a]).toBe('<');
    expect(text[b - 1]).toBe('>');
    expect(b - a).toBe(8192 * 2 + 2);
    expect(b + c).toBe(p.bytes.length);
    expect(text).toContain(`/ByteRange [0 ${a} ${b} ${c}]`);
    expect(text).toContain('/Rect [10 20 40.5 60]');
    const reader = new PdfReader(p.bytes);
    const pages = reader.pages();
    expect(pages).toHaveLength(3);
    const page3 = reader.object(pages[2]!.num);
    const annots = page3.t === 'dict' ? page3.entries.get('Annots') : undefined;
    expect(annots).toEqual({ t: 'array', items: [{ t: 'ref', num: reader.size - 2, gen: 0 }] });
    expect(reader.size).toBe(new PdfReader(pdf).size + 3);
  });

  it('keeps existing annotations (links) on the page', async () => {
    const pdf = new Uint8Array(
      await renderPdf({ content: [{ text: 'Cổng dịch vụ công', link: 'https://dichvucong.gov.vn' }] }),
    );
    const before = new PdfReader(pdf);
    const page = before.object(before.pages()[0]!.num);
    const old = page.t === 'dict' ? before.resolve(page.entries.get('Annots')) : undefined;
    const oldCount = old?.t === 'array' ? old.items.length : 0;
    expect(oldCount).toBeGreaterThan(0);
    const p = appendSignaturePlaceholder(pdf, base);
    const after = new PdfReader(p.bytes);
    const page1 = after.object(after.pages()[0]!.num);
    const annots = page1.t === 'dict' ? page1.entries.get('Annots') : undefined;
    expect(annots?.t === 'array' && annots.items.slice(0, oldCount)).toEqual(old?.t === 'array' && old.items);
    expect(annots?.t === 'array' && annots.items.length).toBe(oldCount + 1);
  });

  it('refuses a page that does not exist, a file that is not a PDF, and xref streams', async () => {
    const pdf = await samplePdf(2);
    const e = signError(() =>
      appendSignaturePlaceholder(pdf, { ...base, widget: { page: 5, x: 0, y: 0, width: 1, height: 1 } }),
    );
    expect(e.message).toBe('Tệp PDF có 2 trang, không có trang 5 để đặt chữ ký.');
    expect(signError(() => appendSignaturePlaceholder(new Uint8Array(Buffer.from('xin chào')), base)).code).toBe(
      'PDF_UNREADABLE',
    );
    const xrefStream = Buffer.from(
      '%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Type /XRef /Size 3 /W [1 2 1] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n45\n%%EOF\n',
      'latin1',
    );
    const x = signError(() => appendSignaturePlaceholder(new Uint8Array(xrefStream), base));
    expect(x.code).toBe('PDF_XREF_STREAM');
    expect(x.message).toContain('xref stream');
  });
});

/**
 * Appending to a classic-xref PDF an incremental update that carries a signature field,
 * its widget and a signature-value placeholder. The PDF is read with core/pdf/reader.ts;
 * any error reading it is a {@link SignError}.
 */
import { unreadable } from '../pdf/objects.js';
import { PdfReader } from '../pdf/reader.js';
import { SignError } from './errors.js';
import {
  dict,
  name,
  num,
  ref,
  serialize,
  signErrorOf,
  textString,
  type PdfDict,
  type PdfValue,
} from './pdf-objects.js';

export { PdfReader } from '../pdf/reader.js';

/** Where the visible signature sits: 1-based page number, rectangle in PDF points (origin bottom-left). */
export interface WidgetRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Options for the signature field and dictionary. */
export interface PlaceholderOptions {
  signingTime: Date;
  /** PDF date string for /M. */
  pdfDate: string;
  subFilter: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  /** Bytes reserved for the DER CMS (the hex placeholder is twice as long). */
  contentsBytes: number;
  widget?: WidgetRect;
  name?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
}

/** A PDF with the placeholder appended, and where the signature value goes. */
export interface PreparedPdf {
  bytes: Buffer;
  /** [0, a, b, c]: the two signed ranges around the /Contents hex string. */
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit inside /Contents <…>. */
  contentsHexStart: number;
  /** Number of hex digits available. */
  contentsHexLength: number;
}

const BYTE_RANGE_PLACEHOLDER = '[0 0000000000 0000000000 0000000000]';

function existingArray(reader: PdfReader, v: PdfValue | undefined): PdfValue[] {
  const r = reader.resolve(v);
  return r?.t === 'array' ? [...r.items] : [];
}

/**
 * Append an incremental update with a signature dictionary (placeholder /Contents),
 * a signature field whose widget sits on the given rectangle (or an invisible one on page 1),
 * an updated page with the widget in /Annots, and an updated catalog with /AcroForm.
 */
export function appendSignaturePlaceholder(pdf: Uint8Array, opts: PlaceholderOptions): PreparedPdf {
  try {
    return placeholder(pdf, opts);
  } catch (e) {
    throw signErrorOf(e);
  }
}

function placeholder(pdf: Uint8Array, opts: PlaceholderOptions): PreparedPdf {
  const reader = new PdfReader(pdf);
  const catalog = reader.catalog();
  const pages = reader.pages();
  const pageNo = opts.widget?.page ?? 1;
  const pageRef = pages[pageNo - 1];
  if (!pageRef) {
    throw new SignError('PDF_BAD_PAGE', `Tệp PDF có ${pages.length} trang, không có trang ${pageNo} để đặt chữ ký.`);
  }
  const page = reader.object(pageRef.num);
  if (page.t !== 'dict') throw unreadable(`trang ${pageNo} không phải từ điển`);

  const perms = reader.resolve(catalog.dict.entries.get('Perms'));
  if (perms?.t === 'dict' && perms.entries.has('DocMDP')) {
    throw new SignError('PDF_LOCKED', 'Tệp PDF đã được ký khóa nội dung (DocMDP): không thể thêm chữ ký mới.');
  }

  const acroForm = reader.resolve(catalog.dict.entries.get('AcroForm'));
  const acro: PdfDict = acroForm?.t === 'dict' ? { t: 'dict', entries: new Map(acroForm.entries) } : dict({});
  const fields = existingArray(reader, acro.entries.get('Fields'));
  const fieldName = `Signature${fields.length + 1}`;

  const sigNum = reader.size;
  const widgetNum = sigNum + 1;
  const apNum = sigNum + 2;
  const w = opts.widget;
  const rect = w ? [w.x, w.y, w.x + w.width, w.y + w.height] : [0, 0, 0, 0];
  const bboxW = w ? w.width : 0;
  const bboxH = w ? w.height : 0;
  const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);

  const contentsHexLength = opts.contentsBytes * 2;
  const sigEntries: Record<string, PdfValue> = {
    Type: name('Sig'),
    Filter: name('Adobe.PPKLite'),
    SubFilter: name(opts.subFilter),
    ByteRange: { t: 'kw', v: BYTE_RANGE_PLACEHOLDER },
    Contents: { t: 'kw', v: `<${'0'.repeat(contentsHexLength)}>` },
    M: textString(opts.pdfDate),
    Prop_Build: dict({
      App: dict({ Name: name('Tong#20hop#20CCHC') }),
      Filter: dict({ Name: name('Adobe.PPKLite') }),
    }),
  };
  if (opts.name !== undefined) sigEntries.Name = textString(opts.name);
  if (opts.reason !== undefined) sigEntries.Reason = textString(opts.reason);
  if (opts.location !== undefined) sigEntries.Location = textString(opts.location);
  if (opts.contactInfo !== undefined) sigEntries.ContactInfo = textString(opts.contactInfo);

  const widget = dict({
    Type: name('Annot'),
    Subtype: name('Widget'),
    FT: name('Sig'),
    Rect: { t: 'array', items: rect.map((n) => ({ t: 'num', v: fmt(n) })) },
    V: ref(sigNum),
    T: textString(fieldName),
    F: num(132),
    P: pageRef,
    AP: dict({ N: ref(apNum) }),
  });

  const newPage: PdfDict = { t: 'dict', entries: new Map(page.entries) };
  newPage.entries.set('Annots', {
    t: 'array',
    items: [...existingArray(reader, page.entries.get('Annots')), ref(widgetNum)],
  });

  acro.entries.set('Fields', { t: 'array', items: [...fields, ref(widgetNum)] });
  acro.entries.set('SigFlags', num(3));
  const newCatalog: PdfDict = { t: 'dict', entries: new Map(catalog.dict.entries) };
  newCatalog.entries.set('AcroForm', acro);

  const base = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const last = base[base.length - 1];
  let out = last === 0x0a || last === 0x0d ? '' : '\n';
  const offsets = new Map<number, { offset: number; gen: number }>();
  const write = (objNum: number, gen: number, body: string): void => {
    offsets.set(objNum, { offset: base.length + Buffer.byteLength(out, 'latin1'), gen });
    out += `${objNum} ${gen} obj\n${body}\nendobj\n`;
  };
  write(sigNum, 0, serialize(dict(sigEntries)));
  write(widgetNum, 0, serialize(widget));
  write(
    apNum,
    0,
    `<< /Type /XObject /Subtype /Form /BBox [0 0 ${fmt(bboxW)} ${fmt(bboxH)}] /Resources << >> /Length 0 >>\nstream\n\nendstream`,
  );
  write(pageRef.num, reader.generation(pageRef.num), serialize(newPage));
  write(catalog.ref.num, reader.generation(catalog.ref.num), serialize(newCatalog));

  const xrefOffset = base.length + Buffer.byteLength(out, 'latin1');
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && (nums[j + 1] as number) === (nums[j] as number) + 1) j++;
    xref += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const e = offsets.get(nums[k] as number) as { offset: number; gen: number };
      xref += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
    }
    i = j + 1;
  }
  const trailer = dict({ Size: num(apNum + 1), Root: catalog.ref });
  for (const key of ['Info', 'ID']) {
    const v = reader.trailer.entries.get(key);
    if (v) trailer.entries.set(key, v);
  }
  trailer.entries.set('Prev', num(reader.startxref));
  out += `${xref}trailer\n${serialize(trailer)}\nstartxref\n${xrefOffset}\n%%EOF\n`;

  const bytes = Buffer.concat([base, Buffer.from(out, 'latin1')]);
  const text = bytes.toString('latin1', base.length);
  const brAt = base.length + text.indexOf(BYTE_RANGE_PLACEHOLDER);
  const contentsAt = base.length + text.indexOf(`/Contents <`) + '/Contents '.length;
  const a = contentsAt;
  const b = contentsAt + contentsHexLength + 2;
  const byteRange: [number, number, number, number] = [0, a, b, bytes.length - b];
  const brText = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  if (brText.length > BYTE_RANGE_PLACEHOLDER.length) throw unreadable('tệp quá lớn để ghi /ByteRange');
  bytes.write(brText, brAt, 'latin1');
  return { bytes, byteRange, contentsHexStart: contentsAt + 1, contentsHexLength };
}

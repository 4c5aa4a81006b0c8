import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdf, pageTexts, pdfFonts, pdfInfo } from '../../test/fixtures/pdf-check.js';
import { renderPdf } from './index.js';
import { decodeString, PdfSyntaxError, serialize, type PdfValue } from './objects.js';
import { PdfReader } from './reader.js';
import { PdfSplitter, splitPdf } from './split.js';

const dir = mkdtempSync(join(tmpdir(), 'pdf-split-'));
let fileNo = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(pdf: Uint8Array): string {
  const path = join(dir, `${++fileNo}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

/** A classic-xref PDF from object bodies (latin1), numbered as given. */
function buildPdf(objects: Record<number, string>, trailer: string): Buffer {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = new Map<number, number>();
  for (const [num, body] of Object.entries(objects)) {
    offsets.set(Number(num), out.length);
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const size = Math.max(...offsets.keys()) + 1;
  const xref = out.length;
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n);
    out += at === undefined ? '0000000000 65535 f \n' : `${String(at).padStart(10, '0')} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${size} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const stream = (content: string, length: string = String(Buffer.byteLength(content, 'latin1'))): string =>
  `<< /Length ${length} >>\nstream\n${content}\nendstream`;

const text = (what: string): string => `BT /F1 12 Tf 20 100 Td (${what}) Tj ET`;

/**
 * Three pages in a two-level page tree: page 1 inherits its media box and resources from
 * the root, pages 2 and 3 sit under an intermediate node that rotates them; page 2 links
 * to page 3. Content streams hold bytes that look like PDF syntax.
 */
const handMade = buildPdf(
  {
    1: '<< /Type /Catalog /Pages 2 0 R /PageMode /UseNone /Names 16 0 R >>',
    2: '<< /Type /Pages /Kids [3 0 R 10 0 R] /Count 3 /MediaBox [0 0 200 200] /Resources 4 0 R >>',
    3: '<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>',
    4: '<< /Font << /F1 8 0 R >> >>',
    5: stream(`${text('Page A')}\n% endstream endobj \xff\x00 (`, '9 0 R'),
    6: stream(text('Page B')),
    7: stream(`${text('Page C')}\n%endstream\r`),
    8: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    9: String(Buffer.byteLength(`${text('Page A')}\n% endstream endobj \xff\x00 (`, 'latin1')),
    10: '<< /Type /Pages /Parent 2 0 R /Kids [11 0 R 12 0 R] /Count 2 /Rotate 90 >>',
    11: '<< /Type /Page /Parent 10 0 R /Contents 6 0 R /Annots [13 0 R] >>',
    12: '<< /Type /Page /Parent 10 0 R /Contents 7 0 R /MediaBox [0 0 300 300] /Resources 4 0 R >>',
    13: '<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /Border [0 0 0] /Dest [12 0 R /Fit] /P 11 0 R >>',
    14: '<< /Title (Old title) /Producer 15 0 R /Author <FEFF0053 1EDF> >>',
    15: '(hand \\(made\\))',
    16: '<< /Dests << /Names [(p3) [12 0 R /Fit]] >> >>',
  },
  '/Root 1 0 R /Info 14 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]',
);

function dictOf(v: PdfValue | undefined): Map<string, PdfValue> {
  if (v?.t !== 'dict') throw new Error(`expected a dictionary, got ${v ? serialize(v) : 'nothing'}`);
  return v.entries;
}

function pageDict(reader: PdfReader, index: number): Map<string, PdfValue> {
  const page = reader.pages()[index];
  if (!page) throw new Error(`no page ${index + 1}`);
  return dictOf(reader.object(page.num));
}

function streamBytes(reader: PdfReader, v: PdfValue | undefined): Buffer {
  if (v?.t !== 'ref') throw new Error('expected a reference to a stream');
  const body = reader.stream(v.num);
  if (!body) throw new Error('not a stream');
  return reader.bytes.subarray(body.start, body.end);
}

describe('splitPdf on a hand-made PDF', () => {
  const source = new PdfReader(handMade);
  const parts = splitPdf(handMade, [
    { first: 1, count: 1 },
    { first: 2, count: 1, info: { Title: 'Trang hai – Sở Nội vụ' } },
    { first: 2, count: 2 },
    { first: 1, count: 3 },
  ]);
  const paths = parts.map(save);

  it('writes well-formed PDFs with exactly the pages asked for', () => {
    expect(checkPdf(save(handMade))).toBeUndefined();
    for (const path of paths) checkPdf(path);
    expect(paths.map((p) => pageTexts(p).map((t) => t.trim()))).toEqual([
      ['Page A'],
      ['Page B'],
      ['Page B', 'Page C'],
      ['Page A', 'Page B', 'Page C'],
    ]);
  });

  it('numbers the objects compactly from 1 and keeps only what the pages use', () => {
    const one = new PdfReader(parts[0] as Buffer);
    // Catalog, pages, info, page, contents, its /Length, resources, font.
    expect(one.size).toBe(9);
    expect(one.text.startsWith('%PDF-1.4\n%\xff\xff\xff\xff\n')).toBe(true);
    expect(one.text).not.toContain('Page B');
    const catalog = one.catalog().dict.entries;
    expect([...catalog.keys()]).toEqual(['Type', 'Pages', 'PageMode']);
    const pages = dictOf(one.resolve(catalog.get('Pages')));
    expect(pages.get('Count')).toEqual({ t: 'num', v: '1' });
  });

  it('copies streams byte for byte, whatever their /Length is written as', () => {
    const a = new PdfReader(parts[3] as Buffer);
    for (let i = 0; i < 3; i++) {
      expect(streamBytes(a, pageDict(a, i).get('Contents'))).toEqual(
        streamBytes(source, pageDict(source, i).get('Contents')),
      );
    }
  });

  it('sets inherited attributes on the pages and points them at the new page tree', () => {
    const r = new PdfReader(parts[2] as Buffer);
    const b = pageDict(r, 0);
    const c = pageDict(r, 1);
    expect(serialize(b.get('MediaBox') as PdfValue)).toBe('[0 0 200 200]');
    expect(b.get('Rotate')).toEqual({ t: 'num', v: '90' });
    expect(dictOf(r.resolve(b.get('Resources'))).has('Font')).toBe(true);
    expect(serialize(c.get('MediaBox') as PdfValue)).toBe('[0 0 300 300]');
    const root = r.catalog().dict.entries.get('Pages');
    expect(b.get('Parent')).toEqual(root);
    expect(c.get('Parent')).toEqual(root);
    // The resources page 2 inherits and those page 3 sets are one object: copied once.
    expect(r.text.match(/\/BaseFont \/Helvetica/g)).toHaveLength(1);
  });

  it('keeps links between pages of the part and drops those to other pages', () => {
    const annots = (pdf: Buffer): { r: PdfReader; links: Map<string, PdfValue>[] } => {
      const r = new PdfReader(pdf);
      const list = r.resolve(pageDict(r, 0).get('Annots'));
      return { r, links: list?.t === 'array' ? list.items.map((a) => dictOf(r.resolve(a))) : [] };
    };
    expect(annots(parts[1] as Buffer).links).toEqual([]);
    const { r, links } = annots(parts[2] as Buffer);
    expect(links).toHaveLength(1);
    expect(links[0]?.get('P')).toEqual(r.pages()[0]);
    const dest = links[0]?.get('Dest');
    expect(dest?.t === 'array' && dest.items[0]).toEqual(r.pages()[1]);
    // A reference to a page of another part anywhere else becomes null.
    const other = buildPdf(
      {
        1: '<< /Type /Catalog /Pages 2 0 R >>',
        2: '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 100 100] >>',
        3: '<< /Type /Page /Parent 2 0 R /Next 4 0 R >>',
        4: '<< /Type /Page /Parent 2 0 R >>',
      },
      '/Root 1 0 R',
    );
    const first = new PdfReader(splitPdf(other, [{ first: 1, count: 1 }])[0] as Buffer);
    expect(pageDict(first, 0).get('Next')).toEqual({ t: 'kw', v: 'null' });
    expect(first.trailer.entries.has('ID')).toBe(false);
  });

  it('keeps the document information, with the entries given replaced, and gives each part its own ID', () => {
    const infos = parts.map((p) => {
      const r = new PdfReader(p);
      return dictOf(r.resolve(r.trailer.entries.get('Info')));
    });
    expect(decodeString(infos[0]?.get('Title'))).toBe('Old title');
    expect(decodeString(infos[1]?.get('Title'))).toBe('Trang hai – Sở Nội vụ');
    expect(pdfInfo(paths[1] as string).Title).toBe('Trang hai – Sở Nội vụ');
    for (const info of infos) {
      expect(decodeString(info.get('Producer'))).toBe('hand (made)');
      expect(decodeString(info.get('Author'))).toBe('Sở');
    }
    const ids = parts.map((p) => serialize(new PdfReader(p).trailer.entries.get('ID') as PdfValue));
    expect(new Set(ids).size).toBe(parts.length);
    for (const id of ids) expect(id).toMatch(/^\[<([0-9a-f]{32})> <\1>\]$/);
  });

  it('refuses page ranges outside the document and files it cannot read', () => {
    const splitter = new PdfSplitter(handMade);
    expect(splitter.pageCount).toBe(3);
    expect(() => splitter.part({ first: 3, count: 2 })).toThrow(RangeError);
    expect(() => splitter.part({ first: 0, count: 1 })).toThrow(RangeError);
    expect(() => splitter.part({ first: 1, count: 0 })).toThrow(RangeError);
    expect(() => splitPdf(Buffer.from('xin chào'), [{ first: 1, count: 1 }])).toThrow(PdfSyntaxError);
    const damaged = Buffer.from(handMade);
    // A stream one byte longer than its /Length says.
    const at = damaged.indexOf('(Page B) Tj ET');
    damaged.write('(Page BB) Tj E', at, 'latin1');
    damaged.write('T', at + 14, 'latin1');
    expect(() => splitPdf(damaged, [{ first: 2, count: 1 }])).toThrow(/độ dài luồng/);
  });
});

describe('splitPdf on a pdfkit PDF', () => {
  let source: Buffer = Buffer.alloc(0);
  let sourcePath = '';
  let parts: Buffer[] = [];
  let paths: string[] = [];
  const ranges = [
    { first: 1, count: 2 },
    { first: 3, count: 1 },
    { first: 4, count: 2 },
  ];

  beforeAll(async () => {
    const qr = await QRCode.toDataURL('TONGHOP test', { margin: 1 });
    source = await renderPdf({
      pageSize: 'A4',
      info: { title: 'Cả bộ', author: 'Sở Nội vụ tỉnh Lai Châu', subject: 'Thử tách tệp' },
      images: { qr },
      content: Array.from({ length: 5 }, (_, i) => ({
        stack: [
          { text: `Trang ${i + 1}: Cộng hòa xã hội chủ nghĩa Việt Nam`, bold: i % 2 === 0 },
          { text: 'Độc lập – Tự do – Hạnh phúc', italics: i === 3 },
          ...(i % 2 === 1 ? [{ image: 'qr', width: 60 }] : []),
          ...(i === 2 ? [{ text: 'Cổng dịch vụ công', link: 'https://dichvucong.gov.vn' }] : []),
        ],
        ...(i > 0 ? { pageBreak: 'before' as const } : {}),
      })),
    });
    sourcePath = save(source);
    parts = splitPdf(
      source,
      ranges.map((r, i) => ({ ...r, info: { Title: `Phần ${i + 1}` } })),
    );
    paths = parts.map(save);
  });

  it('writes well-formed PDFs whose pages read exactly as in the source', () => {
    const all = pageTexts(sourcePath);
    expect(all).toHaveLength(5);
    paths.forEach((path, i) => {
      checkPdf(path);
      const { first, count } = ranges[i] as { first: number; count: number };
      expect(pageTexts(path)).toEqual(all.slice(first - 1, first - 1 + count));
      expect(pdfInfo(path).Pages).toBe(String(count));
      expect(pdfInfo(path)['Page size']).toContain('(A4)');
    });
  });

  it('embeds the fonts each part uses', () => {
    const fonts = paths.map(pdfFonts);
    for (const list of fonts) {
      expect(list.length).toBeGreaterThan(0);
      for (const font of list) expect(font.embedded).toBe(true);
    }
    // Italic text is on page 4 only.
    expect(fonts[0]?.map((f) => f.name.replace(/^[A-Z]+\+/, '')).sort()).toEqual(['Tinos-Bold', 'Tinos-Regular']);
    expect(fonts[2]?.map((f) => f.name.replace(/^[A-Z]+\+/, ''))).toContain('Tinos-Italic');
    expect(fonts[1]?.map((f) => f.name.replace(/^[A-Z]+\+/, ''))).not.toContain('Tinos-Italic');
  });

  it('keeps the images and links of the pages', () => {
    expect(new PdfReader(parts[0] as Buffer).text).toContain('/Subtype /Image');
    expect(new PdfReader(parts[1] as Buffer).text).not.toContain('/Subtype /Image');
    expect(new PdfReader(parts[1] as Buffer).text).toContain('(https://dichvucong.gov.vn)');
  });

  it('sets the title and keeps the other document information', () => {
    paths.forEach((path, i) => {
      const info = pdfInfo(path);
      expect(info.Title).toBe(`Phần ${i + 1}`);
      expect(info.Author).toBe('Sở Nội vụ tỉnh Lai Châu');
      expect(info.Subject).toBe('Thử tách tệp');
      expect(info.Producer).toBe(pdfInfo(sourcePath).Producer);
      expect(info.CreationDate).toBe(pdfInfo(sourcePath).CreationDate);
    });
  });
});

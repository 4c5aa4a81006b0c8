/**
 * Splitting a PDF into several: each part is a range of pages, written as a complete PDF
 * of its own with the objects those pages use (content streams, resources, fonts,
 * images) copied byte for byte and renumbered compactly, a new page tree, catalog and
 * document information dictionary, and a fresh xref table.
 *
 * Made for the classic-xref PDFs pdfkit writes (rendering many units as one document and
 * splitting it costs the fixed per-document work — font subsetting, embedding — once
 * instead of once per unit). Objects shared by several parts (fonts) are copied into each.
 */
import { createHash } from 'node:crypto';
import { serialize, textString, type PdfDict, type PdfValue } from './objects.js';
import { PdfReader, type PageTree } from './reader.js';

/** One output file: a range of pages of the source. */
export interface PdfPart {
  /** First page, from 1. */
  first: number;
  /** Number of pages, at least 1. */
  count: number;
  /**
   * Document information entries to set (as text strings), e.g. `{ Title: '…' }`; the
   * other entries of the source's /Info are kept.
   */
  info?: Record<string, string>;
}

/** Catalog entries carried over to every part (their objects copied too). */
const CATALOG_KEYS = ['Lang', 'ViewerPreferences', 'PageLayout', 'PageMode', 'MarkInfo'];

const CATALOG = 1;
const PAGES = 2;
const INFO = 3;
const NULL: PdfValue = { t: 'kw', v: 'null' };

const ref = (num: number): PdfValue => ({ t: 'ref', num, gen: 0 });

/**
 * Split `pdf` into one PDF per part, in the order given. Parts may overlap and need not
 * cover every page. Throws a RangeError for a part outside the document and a
 * PdfSyntaxError when the PDF cannot be read (xref streams, object streams and damaged
 * files are not supported).
 */
export function splitPdf(pdf: Uint8Array, parts: readonly PdfPart[]): Buffer[] {
  const splitter = new PdfSplitter(pdf);
  return parts.map((part) => splitter.part(part));
}

/** A PDF read once, to write any number of parts of it. */
export class PdfSplitter {
  readonly #reader: PdfReader;
  readonly #tree: PageTree;
  readonly #sourceInfo = new Map<string, PdfValue>();
  readonly #sourceId: string | undefined;
  readonly #header: Buffer;
  readonly #allPages: Set<number>;
  readonly #catalog: number;

  /** Throws a PdfSyntaxError when the PDF cannot be read. */
  constructor(pdf: Uint8Array) {
    const reader = (this.#reader = new PdfReader(pdf));
    this.#tree = reader.pageTree();
    this.#allPages = new Set(this.#tree.pages.map((p) => p.num));
    this.#catalog = reader.catalog().ref.num;
    // The source's document information, with indirect values (pdfkit's strings) made direct.
    const info = reader.resolve(reader.trailer.entries.get('Info'));
    if (info?.t === 'dict') {
      for (const [key, v] of info.entries) {
        const value = reader.resolve(v);
        if (value && value.t !== 'dict' && value.t !== 'array' && value.t !== 'ref') this.#sourceInfo.set(key, value);
      }
    }
    const id = reader.trailer.entries.get('ID');
    this.#sourceId = id?.t === 'array' && id.items[0] ? serialize(id.items[0]) : undefined;
    this.#header = Buffer.from(`%PDF-${reader.version}\n%\xff\xff\xff\xff\n`, 'latin1');
  }

  /** Number of pages of the source. */
  get pageCount(): number {
    return this.#tree.pages.length;
  }

  /**
   * `page` without the annotations that jump to a page not in `selected` or to a named
   * destination (the names are not copied): they would lead nowhere.
   */
  #withoutLinksOut(page: PdfValue, selected: Set<number>): PdfValue {
    const reader = this.#reader;
    if (page.t !== 'dict') return page;
    const annots = reader.resolve(page.entries.get('Annots'));
    if (annots?.t !== 'array') return page;
    const leadsOut = (dest: PdfValue | undefined): boolean => {
      const d = reader.resolve(dest);
      if (d?.t === 'str' || d?.t === 'name') return true;
      const target = d?.t === 'array' ? d.items[0] : undefined;
      return target?.t === 'ref' && this.#allPages.has(target.num) && !selected.has(target.num);
    };
    const kept = annots.items.filter((a) => {
      const annot = reader.resolve(a);
      if (annot?.t !== 'dict') return true;
      if (leadsOut(annot.entries.get('Dest'))) return false;
      const action = reader.resolve(annot.entries.get('A'));
      const kind = action?.t === 'dict' ? action.entries.get('S') : undefined;
      return !(action?.t === 'dict' && kind?.t === 'name' && kind.v === 'GoTo' && leadsOut(action.entries.get('D')));
    });
    if (kept.length === annots.items.length) return page;
    const entries = new Map(page.entries);
    if (kept.length > 0) entries.set('Annots', { t: 'array', items: kept });
    else entries.delete('Annots');
    return { t: 'dict', entries };
  }

  /** The PDF of one part. Throws a RangeError for a part outside the document. */
  part(part: PdfPart): Buffer {
    const reader = this.#reader;
    const tree = this.#tree;
    const allPages = this.#allPages;

    const { first, count } = part;
    if (!Number.isInteger(first) || !Number.isInteger(count) || first < 1 || count < 1) {
      throw new RangeError(`invalid page range ${first}+${count}`);
    }
    if (first + count - 1 > tree.pages.length) {
      throw new RangeError(`pages ${first}–${first + count - 1} of a ${tree.pages.length}-page PDF`);
    }
    const pages = tree.pages.slice(first - 1, first - 1 + count);
    const selected = new Set(pages.map((p) => p.num));

    // Old object number → new one; `queue` lists the old numbers in the order they are numbered.
    const numbers = new Map<number, number>();
    const queue: number[] = [];
    const renumber = (old: number): number => {
      let n = numbers.get(old);
      if (n === undefined) {
        n = INFO + 1 + queue.length;
        numbers.set(old, n);
        queue.push(old);
      }
      return n;
    };
    /** A copy of `v` with references renumbered; the page tree is replaced by the part's own. */
    const rewrite = (v: PdfValue): PdfValue => {
      switch (v.t) {
        case 'ref':
          if (tree.nodes.has(v.num)) return ref(PAGES);
          if (v.num === this.#catalog) return ref(CATALOG);
          // A link to a page of another part (an annotation's /P or /Dest) leads nowhere.
          if (allPages.has(v.num) && !selected.has(v.num)) return NULL;
          return ref(renumber(v.num));
        case 'dict':
          return { t: 'dict', entries: new Map([...v.entries].map(([k, x]) => [k, rewrite(x)])) };
        case 'array':
          return { t: 'array', items: v.items.map(rewrite) };
        default:
          return v;
      }
    };

    const chunks: Buffer[] = [this.#header];
    let length = this.#header.length;
    const offsets: number[] = [];
    const write = (chunk: Buffer): void => {
      chunks.push(chunk);
      length += chunk.length;
    };
    const writeObject = (num: number, value: PdfValue, stream?: Buffer): void => {
      offsets[num] = length;
      write(Buffer.from(`${num} 0 obj\n${serialize(value)}\n${stream ? 'stream\n' : ''}`, 'latin1'));
      if (stream) {
        write(stream);
        write(Buffer.from('\nendstream\n', 'latin1'));
      }
      write(Buffer.from('endobj\n', 'latin1'));
    };

    /** Write every object numbered and not written yet (writing one may number more). */
    let written = 0;
    const drain = (): void => {
      for (; written < queue.length; written++) {
        const old = queue[written] as number;
        const source = reader.object(old);
        let value = rewrite(selected.has(old) ? this.#withoutLinksOut(source, selected) : source);
        if (selected.has(old) && value.t === 'dict') {
          // Attributes the page inherited from the source's page tree are set on the page.
          const entries = new Map(value.entries);
          for (const [key, v] of tree.inherited.get(old) ?? []) entries.set(key, rewrite(v));
          entries.set('Parent', ref(PAGES));
          value = { t: 'dict', entries };
        }
        const body = reader.stream(old);
        writeObject(written + INFO + 1, value, body ? reader.bytes.subarray(body.start, body.end) : undefined);
      }
    };

    const kids = pages.map((p) => ref(renumber(p.num)));
    drain();
    const pagesNode: PdfDict = {
      t: 'dict',
      entries: new Map<string, PdfValue>([
        ['Type', { t: 'name', v: 'Pages' }],
        ['Count', { t: 'num', v: String(count) }],
        ['Kids', { t: 'array', items: kids }],
      ]),
    };
    const catalogDict: PdfDict = {
      t: 'dict',
      entries: new Map<string, PdfValue>([
        ['Type', { t: 'name', v: 'Catalog' }],
        ['Pages', ref(PAGES)],
      ]),
    };
    for (const key of CATALOG_KEYS) {
      const v = reader.catalog().dict.entries.get(key);
      if (v) catalogDict.entries.set(key, rewrite(v));
    }
    drain();
    const infoDict: PdfDict = { t: 'dict', entries: new Map(this.#sourceInfo) };
    for (const [key, text] of Object.entries(part.info ?? {})) infoDict.entries.set(key, textString(text));
    writeObject(PAGES, pagesNode);
    writeObject(CATALOG, catalogDict);
    writeObject(INFO, infoDict);

    const size = INFO + 1 + queue.length;
    const xrefAt = length;
    const lines = ['xref', `0 ${size}`, '0000000000 65535 f '];
    for (let n = 1; n < size; n++) lines.push(`${String(offsets[n]).padStart(10, '0')} 00000 n `);
    const trailer: PdfDict = {
      t: 'dict',
      entries: new Map<string, PdfValue>([
        ['Size', { t: 'num', v: String(size) }],
        ['Root', ref(CATALOG)],
        ['Info', ref(INFO)],
      ]),
    };
    if (this.#sourceId !== undefined) {
      // A file identifier of its own, derived from the source's and the part.
      const hex = createHash('md5')
        .update(`${this.#sourceId} ${first} ${count} ${serialize(infoDict)}`)
        .digest('hex');
      const s: PdfValue = { t: 'str', raw: `<${hex}>`, start: -1, end: -1 };
      trailer.entries.set('ID', { t: 'array', items: [s, s] });
    }
    write(Buffer.from(`${lines.join('\n')}\ntrailer\n${serialize(trailer)}\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(chunks, length);
  }
}

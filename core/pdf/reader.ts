/**
 * Reading the object structure of a classic-xref PDF (pdfkit output, possibly with
 * incremental updates): the xref tables, the trailer, indirect objects, stream bodies and
 * the page tree. Used to sign reports (core/sign) and to split combined PDFs (split.ts).
 */
import { parseValue, PdfSyntaxError, skipWs, unreadable, type PdfDict, type PdfRef, type PdfValue } from './objects.js';

interface XrefEntry {
  offset: number;
  gen: number;
}

/** An indirect object: its value, and where its stream body lies if it has one. */
interface IndirectObject {
  value: PdfValue;
  /** Offset just after the value (where `stream` would follow). */
  end: number;
}

/** Where a stream's body lies in the file: bytes `start` (inclusive) to `end` (exclusive). */
export interface StreamBody {
  dict: PdfDict;
  start: number;
  end: number;
}

/** Page attributes a page may inherit from the nodes of the page tree above it. */
export const INHERITED_PAGE_KEYS = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

/** The page tree: the pages in document order, and the intermediate (/Pages) nodes. */
export interface PageTree {
  pages: PdfRef[];
  /** Object numbers of the /Pages nodes. */
  nodes: Set<number>;
  /** Per page (object number): the attributes it inherits and does not set itself. */
  inherited: Map<number, Map<string, PdfValue>>;
}

/**
 * The object structure of an existing PDF, as seen through its xref tables. Parsed
 * objects are cached and shared between callers: do not modify them.
 */
export class PdfReader {
  readonly bytes: Buffer;
  readonly text: string;
  readonly trailer: PdfDict;
  readonly startxref: number;
  readonly size: number;
  readonly #xref = new Map<number, XrefEntry>();
  readonly #objects = new Map<number, IndirectObject>();

  constructor(bytes: Uint8Array) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.text = this.bytes.toString('latin1');
    const at = this.text.lastIndexOf('startxref');
    if (at < 0 || !this.text.startsWith('%PDF-')) throw unreadable('không tìm thấy startxref');
    const m = /^startxref\s+(\d+)/.exec(this.text.slice(at, at + 40));
    if (!m) throw unreadable('startxref không hợp lệ');
    this.startxref = Number(m[1]);
    let trailer: PdfDict | undefined;
    const seen = new Set<number>();
    for (let offset: number | undefined = this.startxref; offset !== undefined;) {
      if (seen.has(offset)) throw unreadable('chuỗi /Prev lặp vòng');
      seen.add(offset);
      const t = this.#readXrefSection(offset);
      trailer ??= t;
      const prev = t.entries.get('Prev');
      offset = prev?.t === 'num' ? Number(prev.v) : undefined;
    }
    if (!trailer) throw unreadable('không có trailer');
    this.trailer = trailer;
    const size = trailer.entries.get('Size');
    if (size?.t !== 'num') throw unreadable('trailer thiếu /Size');
    this.size = Number(size.v);
  }

  /** The version in the header ("1.3"). */
  get version(): string {
    return /^%PDF-(\d+\.\d+)/.exec(this.text.slice(0, 16))?.[1] ?? '1.3';
  }

  #readXrefSection(offset: number): PdfDict {
    let p = skipWs(this.text, offset);
    if (!this.text.startsWith('xref', p)) {
      if (/^\d+\s+\d+\s+obj/.test(this.text.slice(p, p + 32))) {
        throw new PdfSyntaxError(
          'PDF_XREF_STREAM',
          'Tệp PDF dùng bảng tham chiếu chéo dạng luồng (xref stream), chưa được hỗ trợ.',
        );
      }
      throw unreadable(`không thấy bảng xref tại byte ${offset}`);
    }
    p += 4;
    const re = /\s*(\d+)\s+(\d+)\s*[\r\n]/y;
    for (;;) {
      p = skipWs(this.text, p);
      if (this.text.startsWith('trailer', p)) break;
      re.lastIndex = p;
      const head = re.exec(this.text);
      if (!head) throw unreadable(`phần xref không hợp lệ tại byte ${p}`);
      const first = Number(head[1]);
      const count = Number(head[2]);
      p = re.lastIndex;
      const entry = /\s*(\d{10})\s(\d{5})\s([nf])/y;
      for (let i = 0; i < count; i++) {
        entry.lastIndex = p;
        const e = entry.exec(this.text);
        if (!e) throw unreadable(`mục xref không hợp lệ tại byte ${p}`);
        p = entry.lastIndex;
        const objNum = first + i;
        if (e[3] === 'n' && !this.#xref.has(objNum))
          this.#xref.set(objNum, { offset: Number(e[1]), gen: Number(e[2]) });
        else if (e[3] === 'f' && !this.#xref.has(objNum)) this.#xref.set(objNum, { offset: -1, gen: Number(e[2]) });
      }
    }
    const { value } = parseValue(this.text, p + 'trailer'.length);
    if (value.t !== 'dict') throw unreadable('trailer không phải từ điển');
    return value;
  }

  /** The generation number of an object in the last revision. */
  generation(objNum: number): number {
    return this.#xref.get(objNum)?.gen ?? 0;
  }

  #indirect(objNum: number): IndirectObject {
    const cached = this.#objects.get(objNum);
    if (cached) return cached;
    const entry = this.#xref.get(objNum);
    if (!entry || entry.offset < 0) throw unreadable(`không tìm thấy đối tượng ${objNum}`);
    const head = new RegExp(`^\\s*${objNum}\\s+${entry.gen}\\s+obj`);
    let at = entry.offset;
    let m = head.exec(this.text.slice(at, at + 40));
    if (!m) {
      // Tolerate slightly wrong offsets by searching for the object header.
      at = this.text.lastIndexOf(`\n${objNum} ${entry.gen} obj`);
      m = at >= 0 ? head.exec(this.text.slice(at, at + 40)) : null;
      if (!m) throw unreadable(`đối tượng ${objNum} không nằm ở vị trí ghi trong xref`);
    }
    const parsed = parseValue(this.text, at + m[0].length);
    const obj = { value: parsed.value, end: parsed.end };
    this.#objects.set(objNum, obj);
    return obj;
  }

  /** Read indirect object `objNum` (its value; the stream body, if any, is not read). */
  object(objNum: number): PdfValue {
    return this.#indirect(objNum).value;
  }

  /**
   * Where the body of stream object `objNum` lies, from its /Length (a number, direct or
   * indirect); undefined when the object is not a stream. The body must be followed by
   * `endstream`, as the PDF syntax requires.
   */
  stream(objNum: number): StreamBody | undefined {
    const { value, end } = this.#indirect(objNum);
    if (value.t !== 'dict') return undefined;
    const m = /^[ \t\r\n\f\0]*stream(\r\n|\n)/.exec(this.text.slice(end, end + 32));
    if (!m) return undefined;
    const length = this.resolve(value.entries.get('Length'));
    if (length?.t !== 'num' || !/^\d+$/.test(length.v)) throw unreadable(`luồng ${objNum} thiếu /Length`);
    const start = end + m[0].length;
    const stop = start + Number(length.v);
    if (!/^(\r\n|\r|\n)?endstream/.test(this.text.slice(stop, stop + 12)))
      throw unreadable(`độ dài luồng ${objNum} không khớp /Length`);
    return { dict: value, start, end: stop };
  }

  /** Follow a reference (other values are returned as they are). */
  resolve(v: PdfValue | undefined): PdfValue | undefined {
    return v?.t === 'ref' ? this.object(v.num) : v;
  }

  /** The catalog's reference and dictionary. */
  catalog(): { ref: PdfRef; dict: PdfDict } {
    const root = this.trailer.entries.get('Root');
    if (root?.t !== 'ref') throw unreadable('trailer thiếu /Root');
    const cat = this.object(root.num);
    if (cat.t !== 'dict') throw unreadable('danh mục gốc không phải từ điển');
    return { ref: root, dict: cat };
  }

  /** The page tree, walked from the catalog's /Pages through the /Kids. */
  pageTree(): PageTree {
    const tree: PageTree = { pages: [], nodes: new Set(), inherited: new Map() };
    const visit = (node: PdfValue | undefined, depth: number, inherited: Map<string, PdfValue>): void => {
      if (node?.t !== 'ref' || depth > 64 || tree.nodes.has(node.num)) return;
      const d = this.object(node.num);
      if (d.t !== 'dict') return;
      const type = d.entries.get('Type');
      const kids = this.resolve(d.entries.get('Kids'));
      if (type?.t === 'name' && type.v === 'Page') {
        tree.pages.push(node);
        const missing = new Map([...inherited].filter(([key]) => !d.entries.has(key)));
        if (missing.size > 0) tree.inherited.set(node.num, missing);
      } else if (kids?.t === 'array') {
        tree.nodes.add(node.num);
        const below = new Map(inherited);
        for (const key of INHERITED_PAGE_KEYS) {
          const v = d.entries.get(key);
          if (v) below.set(key, v);
        }
        for (const k of kids.items) visit(k, depth + 1, below);
      }
    };
    visit(this.catalog().dict.entries.get('Pages'), 0, new Map());
    return tree;
  }

  /** Page object references in document order. */
  pages(): PdfRef[] {
    return this.pageTree().pages;
  }
}

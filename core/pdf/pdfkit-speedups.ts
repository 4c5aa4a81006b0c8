/**
 * Two changes to how pdfkit works, not to what it writes (the PDF bytes are the same):
 *
 * - A content stream gets one small Buffer per drawing operator (`Buffer.from(op + '\n')`),
 *   thousands per page. The operators are kept as strings and converted once, when the
 *   stream is finalised.
 * - Subsetting a font decodes the outline header of every glyph used, in every document.
 *   The decoded header of a glyph of a shared, read-only font (see font-cache.ts) is kept.
 */
import { createRequire } from 'node:module';

interface Reference {
  buffer: (Uint8Array | string)[] | Buffer;
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  write(chunk: Uint8Array | string): void;
  finalize(): void;
  /** Operators written since the last binary chunk. */
  pending?: string[];
}

let installed = false;

function flush(ref: Reference): void {
  if (ref.pending && ref.pending.length > 0) {
    (ref.buffer as Uint8Array[]).push(Buffer.from(ref.pending.join(''), 'binary'));
    ref.pending = [];
  }
}

/** Install the content-stream change on pdfkit's reference class (once per process). */
export function installPdfkitSpeedups(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const PDFDocument = require('pdfkit') as new (opts: object) => { ref(): Reference };
  const proto = Object.getPrototypeOf(new PDFDocument({ autoFirstPage: false }).ref()) as Reference;
  const write = proto.write;
  const finalize = proto.finalize;
  proto.write = function (this: Reference, chunk: Uint8Array | string): void {
    if (chunk instanceof Uint8Array) {
      flush(this);
      write.call(this, chunk);
      return;
    }
    // As pdfkit does: the operator and a newline, one byte per character.
    const text = `${chunk}\n`;
    (this.pending ??= []).push(text);
    this.uncompressedLength += text.length;
    this.data.Length = (this.data.Length ?? 0) + text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function (this: Reference): void {
    if (Array.isArray(this.buffer)) flush(this);
    finalize.call(this);
  };
}

interface Glyph {
  _decode(): unknown;
}

/** Keep the decoded outline header of each glyph of `font` (a shared fontkit font). */
export function memoiseGlyphDecoding(font: { getGlyph(id: number, codePoints?: number[]): Glyph | null }): void {
  const getGlyph = font.getGlyph.bind(font);
  const done = new WeakSet<Glyph>();
  font.getGlyph = (id: number, codePoints?: number[]): Glyph | null => {
    const glyph = codePoints === undefined ? getGlyph(id) : getGlyph(id, codePoints);
    if (glyph && !done.has(glyph)) {
      done.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
    }
    return glyph;
  };
}

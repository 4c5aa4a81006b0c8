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
  // A document without a default font: pdfkit would otherwise read and parse its Helvetica
  // metrics (~10 ms) for a font no document of the app uses.
  const proto = Object.getPrototypeOf(new PDFDocument({ autoFirstPage: false, font: null }).ref()) as Reference;
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

interface SubsetFont {
  getGlyph(id: number): Glyph | null;
  loca: { offsets: number[] };
  hmtx: {
    metrics: { length: number; get(i: number): { advance: number; bearing: number } };
    bearings: { get(i: number): number | undefined };
  };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  _variationProcessor?: unknown;
  createSubset(): object;
}
interface TtfSubset {
  font: SubsetFont;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(gid: number): number;
}

let subsetsFast = false;

/**
 * Subsetting a TrueType font without decoding the outline of every simple glyph: fontkit's
 * `_addGlyph` decodes each glyph only to learn whether it is composite (the sign of its first
 * field) and reads its horizontal metrics through `advanceWidth`, which also works out its
 * control box. Here the sign is read from the glyph's bytes, a composite glyph is decoded as
 * before (its components are added), and the advance and left bearing come from `hmtx` — the
 * values fontkit writes. The subset's bytes are the same. Variable fonts keep fontkit's way.
 */
export function fastGlyphSubsets(font: SubsetFont): void {
  if (subsetsFast) return;
  const proto = Object.getPrototypeOf(font.createSubset()) as TtfSubset;
  if (typeof proto._addGlyph !== 'function') return;
  subsetsFast = true;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: TtfSubset, gid: number): number {
    const f = this.font;
    if (f._variationProcessor) return addGlyph.call(this, gid);
    const cur = f.loca.offsets[gid] as number;
    const next = f.loca.offsets[gid + 1] as number;
    const stream = f._getTableStream('glyf');
    stream.pos += cur;
    let buffer = stream.readBuffer(next - cur);
    // numberOfContours, a signed 16-bit integer: below zero, a composite glyph.
    if (buffer.length >= 2 && ((((buffer[0] as number) << 8) | (buffer[1] as number)) & 0x8000) !== 0) {
      const glyf = (f.getGlyph(gid) as Glyph)._decode() as { components: { glyphID: number; pos: number }[] };
      buffer = new Uint8Array(buffer);
      const view = new DataView(buffer.buffer);
      for (const component of glyf.components) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
    }
    const metrics = f.hmtx.metrics;
    let advance: number;
    let bearing: number;
    if (gid < metrics.length) ({ advance, bearing } = metrics.get(gid));
    else {
      advance = metrics.length > 0 ? metrics.get(metrics.length - 1).advance : 0;
      bearing = f.hmtx.bearings.get(gid - metrics.length) ?? 0;
    }
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance, bearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
}

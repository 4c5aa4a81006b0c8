/**
 * The QR code printed on every checklist page: a 1-bit greyscale image drawn from the QR
 * encoder's module matrix (3 pixels a module, no quiet zone, error correction M), embedded
 * once per document however many pages show it. No PNG is encoded or decoded; the pixels are
 * exact, so the code stays crisp at the footer's ~19 mm.
 */
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

/** Pixels per QR module. */
export const QR_SCALE = 3;

type Mode = 'numeric' | 'alphanumeric' | 'byte';

/** The QR mode class of each character: the encoder's optimal segments depend on these only. */
function classes(text: string): string {
  let out = '';
  for (const ch of text) out += /[0-9]/.test(ch) ? 'n' : /[A-Z $%*+\-./:]/.test(ch) ? 'a' : 'b';
  return out;
}

/**
 * The encoder's optimal split of a payload into segments (its costliest step, a shortest
 * path over every character), kept by the payloads' character classes: the payloads of one
 * batch differ only in the unit code, so all units of a tier share one split.
 */
const splits = new Map<string, { mode: Mode; length: number }[]>();

function segments(payload: string): { data: string; mode: Mode }[] | undefined {
  const split = splits.get(classes(payload));
  if (!split) return undefined;
  let at = 0;
  return split.map(({ mode, length }) => {
    const data = payload.slice(at, at + length);
    at += length;
    return { data, mode };
  });
}

/** The module matrix of `payload`'s QR code (error correction M): `size` × `size`. */
export function qrModules(payload: string): { size: number; dark: (row: number, col: number) => boolean } {
  const known = segments(payload);
  const code = QRCode.create((known as QRCode.QRCodeSegment[] | undefined) ?? payload, { errorCorrectionLevel: 'M' });
  if (!known && /^[\x20-\x7e]*$/.test(payload)) {
    if (splits.size >= CACHE_LIMIT) splits.clear();
    splits.set(
      classes(payload),
      code.segments.map((s) => ({
        mode: s.mode.id.toLowerCase() as Mode,
        length: s.getLength(),
      })),
    );
  }
  const { modules } = code;
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

/** The image's pixels, 1 bit each (0 = black), rows padded to whole bytes, deflated. */
function qrBitmap(payload: string): { side: number; data: Buffer } {
  const { size, dark } = qrModules(payload);
  const side = size * QR_SCALE;
  const stride = Math.ceil(side / 8);
  const raw = Buffer.alloc(stride * side, 0xff);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      if (!dark(r, c)) continue;
      for (let dy = 0; dy < QR_SCALE; dy++) {
        const row = (r * QR_SCALE + dy) * stride;
        for (let dx = 0; dx < QR_SCALE; dx++) {
          const x = c * QR_SCALE + dx;
          const at = row + (x >> 3);
          raw[at] = (raw[at] as number) & ~(0x80 >> (x & 7));
        }
      }
    }
  return { side, data: deflateSync(raw) };
}

/** The bitmaps of the last units drawn: a unit printed again costs no new encoding. */
const bitmaps = new Map<string, { side: number; data: Buffer }>();
const CACHE_LIMIT = 256;

interface PdfRef {
  end(data: Buffer): void;
}

/**
 * An image for pdfkit's `doc.image()` (anything with a width, a height and `embed`): the QR
 * code of `payload`, embedded in the first document that draws it. Make one per document.
 */
export function qrImage(
  payload: string,
  label: string,
): {
  width: number;
  height: number;
  label: string;
  obj: PdfRef | null;
  embed(doc: { ref(data: object): PdfRef }): void;
} {
  let bitmap = bitmaps.get(payload);
  if (!bitmap) {
    if (bitmaps.size >= CACHE_LIMIT) bitmaps.clear();
    bitmap = qrBitmap(payload);
    bitmaps.set(payload, bitmap);
  }
  const { side, data } = bitmap;
  return {
    width: side,
    height: side,
    label,
    obj: null,
    embed(doc) {
      this.obj = doc.ref({
        Type: 'XObject',
        Subtype: 'Image',
        Width: side,
        Height: side,
        BitsPerComponent: 1,
        ColorSpace: 'DeviceGray',
        Filter: 'FlateDecode',
      });
      this.obj.end(data);
    },
  };
}

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

/** The module matrix of `payload`'s QR code: `size` × `size`, row by row, 1 = dark. */
export function qrModules(payload: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
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
export function qrImage(payload: string, label: string): { width: number; height: number; label: string; obj: PdfRef | null; embed(doc: { ref(data: object): PdfRef }): void } {
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

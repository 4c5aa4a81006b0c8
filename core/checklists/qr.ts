/**
 * The QR code printed on every checklist page, as one PNG per unit: pdfmake embeds an
 * image once per document however many pages show it, whereas its own `qr` node draws
 * several hundred rectangles on every page and rounds the module size down to whole
 * points (a ~100-character code would come out 13 mm or 26 mm wide, not ~19 mm).
 */
import QRCode from 'qrcode';

/** Pixels per QR module: crisp when printed at the footer's size. */
const SCALE = 3;

/** A PNG data URL of the QR code of `payload` (error correction M, no quiet zone). */
export async function qrPngDataUrl(payload: string): Promise<string> {
  const png = await QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 0, scale: SCALE });
  return `data:image/png;base64,${png.toString('base64')}`;
}

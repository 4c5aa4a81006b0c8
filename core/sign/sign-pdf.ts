import { createHash } from 'node:crypto';
import { buildCms } from './cms.js';
import { SignError } from './errors.js';
import { appendSignaturePlaceholder, type WidgetRect } from './pdf-incremental.js';
import { assertSignable, checkCertificate, type Signer, type TimestampProvider } from './signer.js';
import { formatPdfDate } from './time.js';

/** What {@link signPdf} needs besides the PDF. */
export interface SignPdfOptions {
  signer: Signer;
  /** The signing time written to /M (the signer's machine clock unless a timestamp provider is given). */
  signingTime: Date;
  /** The visible stamp's rectangle; without it the signature field is invisible (on page 1). */
  widget?: WidgetRect;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** /Name of the signature dictionary; defaults to the certificate's common name. */
  name?: string;
  /** RFC 3161 time-stamping (PAdES B-T); none is built in. */
  timestamp?: TimestampProvider;
}

const MIN_CONTENTS_BYTES = 8192;

function contentsCapacity(opts: SignPdfOptions): number {
  const certBytes = [opts.signer.certificate, ...opts.signer.chain].reduce((n, c) => n + c.length, 0);
  const tsBytes = opts.timestamp ? (opts.timestamp.reserveBytes ?? 8192) : 0;
  return Math.max(MIN_CONTENTS_BYTES, certBytes + 4096 + tsBytes);
}

/**
 * Sign a PDF (PAdES baseline B-B, sub-filter ETSI.CAdES.detached) as an incremental update.
 * The byte range covers the whole output except the signature value. An already-signed PDF
 * receives a further signature (another incremental update), which leaves the first one valid.
 */
export async function signPdf(pdf: Uint8Array, opts: SignPdfOptions): Promise<Uint8Array> {
  const capacity = contentsCapacity(opts);
  const prepared = appendSignaturePlaceholder(pdf, {
    signingTime: opts.signingTime,
    pdfDate: formatPdfDate(opts.signingTime),
    subFilter: 'ETSI.CAdES.detached',
    contentsBytes: capacity,
    name: opts.name ?? opts.signer.info().commonName,
    ...(opts.widget ? { widget: opts.widget } : {}),
    ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
    ...(opts.location !== undefined ? { location: opts.location } : {}),
    ...(opts.contactInfo !== undefined ? { contactInfo: opts.contactInfo } : {}),
  });
  const { bytes, byteRange } = prepared;
  const digest = createHash('sha256')
    .update(bytes.subarray(byteRange[0], byteRange[0] + byteRange[1]))
    .update(bytes.subarray(byteRange[2], byteRange[2] + byteRange[3]))
    .digest();
  const cms = await buildCms(opts.signer, digest, opts.timestamp);
  const hex = Buffer.from(cms).toString('hex').toUpperCase();
  if (hex.length > prepared.contentsHexLength) {
    throw new SignError(
      'SIGNATURE_TOO_LARGE',
      `Chữ ký số (${cms.length} byte) vượt quá chỗ dành sẵn trong tệp PDF (${capacity} byte).`,
    );
  }
  bytes.write(hex, prepared.contentsHexStart, 'latin1');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** {@link signPdf} after the checks the report flow requires: no open error findings; certificate warnings returned. */
export async function signReportPdf(
  pdf: Uint8Array,
  opts: SignPdfOptions & { openErrorCount: number },
): Promise<{ pdf: Uint8Array; warnings: string[] }> {
  assertSignable(opts.openErrorCount);
  const { warnings } = checkCertificate(opts.signer.info(), opts.signingTime);
  return { pdf: await signPdf(pdf, opts), warnings };
}

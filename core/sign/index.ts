/**
 * Digital signatures for the consolidated report: PAdES B-B signing with a {@link Signer}
 * (PKCS#12 today, PKCS#11 tokens later) and verification of signed PDFs.
 */
export { certificateInfo, type CertificateInfo } from './cert-info.js';
export { SignError, type SignErrorCode } from './errors.js';
export type { WidgetRect } from './pdf-incremental.js';
export { loadP12, P12Signer, readP12File } from './p12.js';
export { signPdf, signReportPdf, type SignPdfOptions } from './sign-pdf.js';
export {
  assertSignable,
  checkCertificate,
  type SignatureAlgorithm,
  type Signer,
  type TimestampProvider,
} from './signer.js';
export { formatPdfDate, formatSigningTimeIso } from './time.js';
export { formatVerifyReport, verifyExitCode, verifyPdf, type SignatureCheck, type VerifyResult } from './verify.js';

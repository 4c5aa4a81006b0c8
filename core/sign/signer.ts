import { formatDateVN } from '../period/index.js';
import type { CertificateInfo } from './cert-info.js';
import { SignError } from './errors.js';
import { formatSigningTimeIso } from './time.js';

/** Signature algorithms a {@link Signer} can produce (the digest is always SHA-256). */
export type SignatureAlgorithm = 'RSA-SHA256' | 'ECDSA-SHA256';

/**
 * Whatever holds the private key: a PKCS#12 file in memory today ({@link P12Signer}),
 * a PKCS#11 token tomorrow. Report code only ever sees this interface.
 */
export interface Signer {
  /** The signer's certificate, DER, exactly as issued. */
  readonly certificate: Uint8Array;
  /** The other certificates of the chain (intermediates, root), DER; may be empty. */
  readonly chain: Uint8Array[];
  readonly algorithm: SignatureAlgorithm;
  /**
   * Sign the DER encoding of the CMS signed attributes (a SET) with SHA-256.
   * RSA: PKCS#1 v1.5 signature bytes; ECDSA: a DER-encoded Ecdsa-Sig-Value.
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** The signer's certificate, described. */
  info(): CertificateInfo;
}

/**
 * Extension point for an RFC 3161 time-stamping authority (PAdES B-T).
 * Given the CMS signature value, return the DER `TimeStampToken` (a CMS ContentInfo) over
 * its SHA-256 digest; it is stored as the unsigned attribute id-aa-timeStampToken.
 * No provider is built in: without one, the signing time is the signer's machine clock (/M).
 */
export interface TimestampProvider {
  /** Bytes reserved in the signature placeholder for the token (default 8192). */
  readonly reserveBytes?: number;
  timestamp(signatureValue: Uint8Array): Promise<Uint8Array>;
}

/** Vietnamese warnings about a certificate at a given instant (empty when all is well). */
export function checkCertificate(info: CertificateInfo, now: Date): { warnings: string[] } {
  const warnings: string[] = [];
  const who = info.commonName;
  if (now.getTime() > info.notAfter.getTime()) {
    warnings.push(
      `Chứng thư số của ${who} đã hết hạn từ ngày ${formatDateVN(formatSigningTimeIso(info.notAfter))}: chữ ký sẽ không được công nhận là hợp lệ.`,
    );
  }
  if (now.getTime() < info.notBefore.getTime()) {
    warnings.push(
      `Chứng thư số của ${who} chưa có hiệu lực: hiệu lực từ ngày ${formatDateVN(formatSigningTimeIso(info.notBefore))}.`,
    );
  }
  if (info.keyUsageDigitalSignature === false) {
    warnings.push(
      `Chứng thư số của ${who} không được cấp cho mục đích ký số (thiếu quyền sử dụng khóa digitalSignature).`,
    );
  }
  return { warnings };
}

/** Refuse to sign while error findings are open. */
export function assertSignable(openErrorCount: number): void {
  if (openErrorCount > 0) {
    throw new SignError('OPEN_ERRORS', `Còn ${openErrorCount} phát hiện mức lỗi chưa xử lý: không thể ký báo cáo.`);
  }
}

/**
 * Checking an RFC 3161 time-stamp token attached to a CMS signature (the unsigned attribute
 * id-aa-timeStampToken of PAdES B-T). The attribute lies outside the signed bytes, so it is
 * believed only when it proves itself: the token is a SignedData over a TSTInfo, its signature
 * verifies with the certificate it carries, and its message imprint is the hash of the
 * signature value it stamps (RFC 3161 §2.4.2, ETSI EN 319 122-1 §5.3). Trust in the
 * time-stamping authority's certificate is not judged here, as for the signer's.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateInfo } from './cert-info.js';
import { OID } from './cms.js';

const TST_INFO = '1.2.840.113549.1.9.16.1.4';

const HASHES: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** What the check of one time-stamp token found. */
export interface TimestampCheck {
  /** The token is well formed, signed by the certificate it carries, and stamps this signature value. */
  valid: boolean;
  /** genTime of the token, when it could be read. */
  time?: Date;
  /** Common name of the time-stamping authority's certificate, when present. */
  authority?: string;
  /** Why it is not valid, a Vietnamese clause (no full stop). */
  problem?: string;
}

function octets(o: asn1js.OctetString): Buffer {
  if (!o.idBlock.isConstructed) return Buffer.from(o.valueBlock.valueHexView);
  // A constructed OCTET STRING (BER): its pieces in order.
  return Buffer.concat(o.valueBlock.value.map((p) => octets(p as asn1js.OctetString)));
}

function sameBytes(a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean {
  return Buffer.from(a as Uint8Array).equals(Buffer.from(b as Uint8Array));
}

/**
 * Check a time-stamp token (the attribute's value, a ContentInfo) against the signature value
 * it claims to stamp (the content octets of the SignerInfo's `signature`).
 */
export function checkTimestampToken(token: unknown, signatureValue: Uint8Array): TimestampCheck {
  let signed: pkijs.SignedData;
  let tstBytes: Buffer;
  let tst: pkijs.TSTInfo;
  try {
    const ci = new pkijs.ContentInfo({ schema: token });
    if (ci.contentType !== OID.signedData) throw new Error('not SignedData');
    signed = new pkijs.SignedData({ schema: ci.content });
    const eContent = signed.encapContentInfo.eContent;
    if (signed.encapContentInfo.eContentType !== TST_INFO || !eContent) throw new Error('not a TSTInfo');
    tstBytes = octets(eContent);
    tst = pkijs.TSTInfo.fromBER(new Uint8Array(tstBytes));
  } catch {
    return { valid: false, problem: 'thuộc tính dấu thời gian không phải là một dấu thời gian RFC 3161 đọc được' };
  }
  const check: TimestampCheck = { valid: false, time: tst.genTime };

  const si = signed.signerInfos[0];
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = si?.sid instanceof pkijs.IssuerAndSerialNumber ? si.sid : undefined;
  const cert = sid
    ? certs.find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer))
    : undefined;
  if (cert) check.authority = certificateInfo(new Uint8Array(cert.toSchema().toBER())).commonName;

  const imprintHash = HASHES[tst.messageImprint.hashAlgorithm.algorithmId];
  if (!imprintHash) {
    check.problem = `thuật toán băm ${tst.messageImprint.hashAlgorithm.algorithmId} của dấu thời gian không được hỗ trợ`;
    return check;
  }
  const expected = createHash(imprintHash).update(signatureValue).digest();
  if (!sameBytes(tst.messageImprint.hashedMessage.valueBlock.valueHexView, expected)) {
    check.problem = 'dấu thời gian được cấp cho một nội dung khác, không phải cho chữ ký này';
    return check;
  }
  if (!si || !cert) {
    check.problem = 'dấu thời gian không kèm chứng thư số của đơn vị cấp dấu thời gian';
    return check;
  }
  const hash = HASHES[si.digestAlgorithm.algorithmId];
  const attrs = si.signedAttrs;
  if (!hash || !attrs) {
    check.problem = 'cấu trúc chữ ký của dấu thời gian không được hỗ trợ';
    return check;
  }
  const md = attrs.attributes.find((a) => a.type === OID.messageDigest)?.values[0];
  const tstDigest = createHash(hash).update(tstBytes).digest();
  if (!(md instanceof asn1js.OctetString) || !sameBytes(md.valueBlock.valueHexView, tstDigest)) {
    check.problem = 'nội dung dấu thời gian đã bị thay đổi (mã băm không khớp)';
    return check;
  }
  const encoded = Buffer.from(attrs.encodedValue);
  encoded[0] = 0x31;
  let ok = false;
  try {
    const key = new X509Certificate(Buffer.from(cert.toSchema().toBER())).publicKey;
    ok = cryptoVerify(hash, encoded, key, Buffer.from(si.signature.valueBlock.valueHexView));
  } catch {
    ok = false;
  }
  if (!ok) {
    check.problem = 'chữ ký của đơn vị cấp dấu thời gian không hợp lệ';
    return check;
  }
  check.valid = true;
  return check;
}

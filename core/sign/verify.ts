/** Finding and checking every signature of a PDF, independently of any PDF reader. */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateInfo, type CertificateInfo } from './cert-info.js';
import { OID } from './cms.js';
import { decodeString, hexBytes, parseValue, type PdfDict, type PdfValue } from './pdf-objects.js';
import { formatSigningTimeIso, parsePdfDate } from './time.js';
import { checkTimestampToken, type TimestampCheck } from './timestamp.js';

/** The result of checking one signature. */
export interface SignatureCheck {
  /** 1-based, in file order. */
  index: number;
  /** Common name of the signer's certificate (or /Name when there is no certificate). */
  signer: string;
  certificate?: CertificateInfo;
  /** /M of the signature dictionary. */
  signingTime?: Date;
  /** The CMS signing-time attribute, when present (PAdES baseline signatures omit it). */
  signingTimeAttribute?: Date;
  /**
   * 'machine-clock': the time is the signer's own claim; 'rfc3161': an RFC 3161 time-stamp
   * token is attached and holds ({@link SignatureCheck.timestamp}). A token that does not
   * hold leaves 'machine-clock' and is a problem.
   */
  timeSource: 'machine-clock' | 'rfc3161';
  /** The attached RFC 3161 time-stamp token, checked: present only when one is attached. */
  timestamp?: TimestampCheck;
  subFilter?: string;
  reason?: string;
  location?: string;
  /** "SHA-256", "SHA-1", … or the OID when unknown. */
  digestAlgorithm?: string;
  signatureAlgorithm?: string;
  byteRange: number[];
  /** The range is [0, a, b, c] and its only gap is exactly the /Contents hex string. */
  rangeWellFormed: boolean;
  /** The range reaches the end of the file: every byte but the signature value is signed. */
  coversWholeDocument: boolean;
  /** The range ends at an %%EOF: it covers the revision it signed (earlier signatures of a multiply-signed file). */
  coversRevision: boolean;
  /** The message-digest attribute equals the digest of the bytes in the range. */
  digestMatches: boolean;
  /** The CMS signature verifies with the certificate's public key. */
  signatureValid: boolean;
  /** The ESS signing-certificate-v2 hash matches the signer certificate; null when the attribute is absent. */
  signingCertificateMatches: boolean | null;
  /** Vietnamese sentences for whatever is wrong with this signature. */
  problems: string[];
}

/** The result of checking a PDF. */
export interface VerifyResult {
  signed: boolean;
  fileSize: number;
  signatures: SignatureCheck[];
  /**
   * signed, every signature's range well formed, digest and signature valid, every attached
   * time-stamp valid, and the last one covers the whole file.
   */
  ok: boolean;
}

const DIGESTS: Record<string, { label: string; node: string }> = {
  [OID.sha1]: { label: 'SHA-1', node: 'sha1' },
  [OID.sha256]: { label: 'SHA-256', node: 'sha256' },
  [OID.sha384]: { label: 'SHA-384', node: 'sha384' },
  [OID.sha512]: { label: 'SHA-512', node: 'sha512' },
};

const SIG_ALGS: Record<string, string> = {
  [OID.rsaEncryption]: 'RSA',
  [OID.sha256WithRSA]: 'RSA-SHA256',
  '1.2.840.113549.1.1.5': 'RSA-SHA1',
  '1.2.840.113549.1.1.12': 'RSA-SHA384',
  '1.2.840.113549.1.1.13': 'RSA-SHA512',
  [OID.ecdsaWithSha256]: 'ECDSA-SHA256',
  '1.2.840.10045.4.3.3': 'ECDSA-SHA384',
  '1.2.840.10045.2.1': 'ECDSA',
};

interface SigDict {
  dict: PdfDict;
}

function findSignatureDicts(text: string): SigDict[] {
  const out: SigDict[] = [];
  const seen = new Set<number>();
  const objHead = /\d+\s+\d+\s+obj$/;
  for (let at = text.indexOf('/ByteRange'); at >= 0; at = text.indexOf('/ByteRange', at + 10)) {
    // The nearest "N G obj" header before the key starts the object that holds it.
    let start = -1;
    for (let o = text.lastIndexOf('obj', at); o >= 0; o = text.lastIndexOf('obj', o - 1)) {
      if (objHead.test(text.slice(Math.max(0, o - 24), o + 3))) {
        start = o;
        break;
      }
    }
    const end = start + 3;
    if (start < 0 || seen.has(start)) continue;
    seen.add(start);
    try {
      const { value } = parseValue(text, end);
      if (value.t === 'dict' && value.entries.has('ByteRange') && value.entries.has('Contents'))
        out.push({ dict: value });
    } catch {
      // Not a readable object: not a signature we can check.
    }
  }
  return out;
}

/** Length of the DER element at the start of `buf` (header included); the whole buffer when unreadable. */
function derLength(buf: Uint8Array): number {
  const first = buf[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (buf[2 + i] ?? 0);
  return Math.min(buf.length, 2 + n + len);
}

function numbers(v: PdfValue | undefined): number[] {
  return v?.t === 'array' ? v.items.map((i) => (i.t === 'num' ? Number(i.v) : Number.NaN)) : [];
}

function rawCertificates(cms: Uint8Array): Uint8Array[] {
  const ci = asn1js.fromBER(cms).result;
  const sd = (ci as asn1js.Sequence).valueBlock.value[1];
  const signedData = (sd as asn1js.Constructed | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const certs = signedData?.valueBlock.value.find((b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0);
  if (!(certs instanceof asn1js.Constructed)) return [];
  return certs.valueBlock.value.map((c) => new Uint8Array(c.valueBeforeDecodeView));
}

function attribute(info: pkijs.SignerInfo, oid: string): unknown {
  return info.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

function checkOne(bytes: Buffer, text: string, sig: SigDict, index: number): SignatureCheck {
  const d = sig.dict.entries;
  const problems: string[] = [];
  const byteRange = numbers(d.get('ByteRange'));
  const contents = d.get('Contents');
  const [o1 = NaN, l1 = NaN, o2 = NaN, l2 = NaN] = byteRange;
  const end = o2 + l2;
  const rangeWellFormed =
    byteRange.length === 4 &&
    byteRange.every((n) => Number.isInteger(n) && n >= 0) &&
    o1 === 0 &&
    contents?.t === 'str' &&
    contents.start === l1 &&
    contents.end === o2 &&
    end <= bytes.length;
  const coversWholeDocument = rangeWellFormed && end === bytes.length;
  const coversRevision = rangeWellFormed && /%%EOF\s*$/.test(text.slice(Math.max(0, end - 16), end));
  const mDate = decodeString(d.get('M'));
  const subFilter = d.get('SubFilter');
  const check: SignatureCheck = {
    index,
    signer: decodeString(d.get('Name')) ?? '',
    timeSource: 'machine-clock',
    byteRange,
    rangeWellFormed,
    coversWholeDocument,
    coversRevision,
    digestMatches: false,
    signatureValid: false,
    signingCertificateMatches: null,
    problems,
  };
  const signingTime = mDate ? parsePdfDate(mDate) : undefined;
  if (signingTime) check.signingTime = signingTime;
  if (subFilter?.t === 'name') check.subFilter = subFilter.v;
  const reason = decodeString(d.get('Reason'));
  if (reason !== undefined) check.reason = reason;
  const location = decodeString(d.get('Location'));
  if (location !== undefined) check.location = location;

  if (!rangeWellFormed)
    problems.push('Vùng byte được ký (/ByteRange) không hợp lệ hoặc không khớp với vị trí giá trị chữ ký.');
  else if (!coversWholeDocument && !coversRevision) {
    problems.push(`Chữ ký không bao trùm trọn một phiên bản của tệp: vùng ký dừng ở byte ${end}/${bytes.length}.`);
  }

  const raw = hexBytes(contents);
  if (!raw || raw.length === 0) {
    problems.push('Không có giá trị chữ ký (/Contents).');
    return check;
  }
  const cms = raw.subarray(0, derLength(raw));
  let signedData: pkijs.SignedData;
  try {
    const ci = pkijs.ContentInfo.fromBER(new Uint8Array(cms));
    signedData = new pkijs.SignedData({ schema: ci.content });
  } catch {
    problems.push('Giá trị chữ ký không phải là cấu trúc CMS hợp lệ.');
    return check;
  }
  const si = signedData.signerInfos[0];
  if (!si) {
    problems.push('Cấu trúc CMS không có thông tin người ký.');
    return check;
  }
  const certs = rawCertificates(cms);
  const sid = si.sid instanceof pkijs.IssuerAndSerialNumber ? si.sid : undefined;
  const signerDer =
    certs.find((der) => {
      if (!sid) return false;
      const c = pkijs.Certificate.fromBER(new Uint8Array(der));
      return (
        Buffer.from(c.serialNumber.valueBlock.valueHexView).equals(
          Buffer.from(sid.serialNumber.valueBlock.valueHexView),
        ) && Buffer.from(c.issuer.toSchema().toBER()).equals(Buffer.from(sid.issuer.toSchema().toBER()))
      );
    }) ?? certs[0];
  if (signerDer) {
    check.certificate = certificateInfo(signerDer);
    check.signer = check.certificate.commonName;
  } else problems.push('Chữ ký không kèm chứng thư số của người ký.');

  const digestOid = si.digestAlgorithm.algorithmId;
  const digest = DIGESTS[digestOid];
  check.digestAlgorithm = digest?.label ?? digestOid;
  const sigOid = si.signatureAlgorithm.algorithmId;
  check.signatureAlgorithm = SIG_ALGS[sigOid] ?? sigOid;
  const token = si.unsignedAttrs?.attributes.find((a) => a.type === OID.timeStampToken)?.values[0];
  if (token !== undefined) {
    check.timestamp = checkTimestampToken(token, new Uint8Array(si.signature.valueBlock.valueHexView));
    if (check.timestamp.valid) check.timeSource = 'rfc3161';
    if (check.timestamp.problem)
      problems.push(`Dấu thời gian RFC 3161 kèm theo không hợp lệ: ${check.timestamp.problem}.`);
  }
  const st = attribute(si, OID.signingTime);
  if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) check.signingTimeAttribute = st.toDate();

  if (!digest) {
    problems.push(`Thuật toán băm ${digestOid} không được hỗ trợ.`);
    return check;
  }
  const ranged = rangeWellFormed
    ? Buffer.concat([bytes.subarray(o1, o1 + l1), bytes.subarray(o2, o2 + l2)])
    : Buffer.alloc(0);
  const actual = createHash(digest.node).update(ranged).digest();
  let signedContent: Buffer = ranged;
  if (si.signedAttrs) {
    const md = attribute(si, OID.messageDigest);
    check.digestMatches =
      rangeWellFormed && md instanceof asn1js.OctetString && Buffer.from(md.valueBlock.valueHexView).equals(actual);
    const encoded = Buffer.from(si.signedAttrs.encodedValue);
    encoded[0] = 0x31;
    signedContent = encoded;
    const scv2 = attribute(si, OID.signingCertificateV2);
    if (scv2 instanceof asn1js.Sequence && signerDer) {
      const first = (scv2.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as
        asn1js.Sequence | undefined;
      const parts = first?.valueBlock.value ?? [];
      const algo =
        parts[0] instanceof asn1js.Sequence
          ? (parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()
          : OID.sha256;
      const hashPart = parts.find((p) => p instanceof asn1js.OctetString) as asn1js.OctetString | undefined;
      const node = DIGESTS[algo]?.node ?? 'sha256';
      check.signingCertificateMatches =
        !!hashPart && Buffer.from(hashPart.valueBlock.valueHexView).equals(createHash(node).update(signerDer).digest());
      if (!check.signingCertificateMatches)
        problems.push('Thuộc tính signing-certificate-v2 không khớp với chứng thư số người ký.');
    }
  } else {
    check.digestMatches = rangeWellFormed;
  }
  if (!check.digestMatches) problems.push('Mã băm của nội dung không khớp: tệp đã bị thay đổi sau khi ký.');

  if (signerDer) {
    try {
      const key = new X509Certificate(signerDer).publicKey;
      const sigBytes = Buffer.from(si.signature.valueBlock.valueHexView);
      check.signatureValid = cryptoVerify(digest.node, signedContent, key, sigBytes);
    } catch {
      check.signatureValid = false;
    }
    if (!check.signatureValid) problems.push('Chữ ký số không hợp lệ với khóa công khai của chứng thư số.');
  }
  return check;
}

/**
 * Check every signature in a PDF: signer, signing time, digest algorithm, byte-range coverage,
 * digest and signature validity, certificate validity period. Trust in the certificate's issuer
 * is not judged here.
 */
export async function verifyPdf(bytes: Uint8Array): Promise<VerifyResult> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const signatures = findSignatureDicts(text).map((s, i) => checkOne(buf, text, s, i + 1));
  const lastEnd = Math.max(-1, ...signatures.map((s) => (s.byteRange[2] ?? 0) + (s.byteRange[3] ?? 0)));
  const last = signatures.find((s) => (s.byteRange[2] ?? 0) + (s.byteRange[3] ?? 0) === lastEnd);
  if (last && last.rangeWellFormed && !last.coversWholeDocument) {
    const end = (last.byteRange[2] ?? 0) + (last.byteRange[3] ?? 0);
    last.problems.push(
      `Chữ ký không bao trùm toàn bộ tệp: ${buf.length - end} byte ở cuối tệp (từ byte ${end}) được thêm sau khi ký.`,
    );
  }
  const ok =
    signatures.length > 0 &&
    signatures.every((s) => s.rangeWellFormed && s.digestMatches && s.signatureValid && s.timestamp?.valid !== false) &&
    !!last?.coversWholeDocument;
  return { signed: signatures.length > 0, fileSize: buf.length, signatures, ok };
}

/** Exit status of `tonghop verify`: 0 when every signature holds and covers the file, otherwise 1. */
export function verifyExitCode(result: VerifyResult): 0 | 1 {
  return result.ok ? 0 : 1;
}

const yesNo = (b: boolean): string => (b ? 'có' : 'không');

/** The verification result as Vietnamese text for the command line. */
export function formatVerifyReport(result: VerifyResult, fileName = 'Tệp PDF'): string {
  if (!result.signed) return `${fileName} không có chữ ký số nào.\n`;
  const lines: string[] = [`${fileName}: ${result.signatures.length} chữ ký số (${result.fileSize} byte).`];
  for (const s of result.signatures) {
    const c = s.certificate;
    lines.push('', `Chữ ký ${s.index}: ${s.signer}`);
    if (c) {
      lines.push(`  Chủ thể chứng thư: ${c.subjectDisplay}`);
      lines.push(`  Tổ chức cấp: ${c.issuer}${c.selfSigned ? ' (chứng thư tự ký)' : ''}`);
      lines.push(
        `  Hiệu lực chứng thư: từ ${formatSigningTimeIso(c.notBefore)} đến ${formatSigningTimeIso(c.notAfter)}`,
      );
      lines.push(`  Số hiệu chứng thư: ${c.serialHex}`);
    }
    const when = s.signingTime ? formatSigningTimeIso(s.signingTime) : 'không ghi';
    lines.push(`  Thời điểm ký: ${when} (theo đồng hồ máy của người ký)`);
    const ts = s.timestamp;
    if (ts?.valid) {
      lines.push(
        `  Dấu thời gian RFC 3161: ${formatSigningTimeIso(ts.time as Date)}, do ${ts.authority ?? '?'} cấp; đã kiểm tra chữ ký và mã băm của dấu thời gian (độ tin cậy của đơn vị cấp không được đánh giá)`,
      );
    } else if (ts) {
      lines.push(`  Dấu thời gian RFC 3161: có kèm theo nhưng không hợp lệ, không dùng làm thời điểm ký`);
    }
    lines.push(
      `  Định dạng: ${s.subFilter ?? '?'}; thuật toán băm: ${s.digestAlgorithm ?? '?'}; thuật toán ký: ${s.signatureAlgorithm ?? '?'}`,
    );
    lines.push(`  Vùng ký /ByteRange: [${s.byteRange.join(' ')}]`);
    lines.push(
      `  Bao trùm toàn bộ tệp: ${yesNo(s.coversWholeDocument)}${!s.coversWholeDocument && s.coversRevision ? ' (bao trùm phiên bản tệp tại thời điểm ký)' : ''}`,
    );
    lines.push(`  Mã băm khớp: ${yesNo(s.digestMatches)}; chữ ký hợp lệ: ${yesNo(s.signatureValid)}`);
    for (const p of s.problems) lines.push(`  Lỗi: ${p}`);
  }
  lines.push(
    '',
    result.ok
      ? 'Kết luận: các chữ ký hợp lệ, tệp không bị thay đổi sau khi ký.'
      : 'Kết luận: chữ ký KHÔNG hợp lệ hoặc tệp đã bị thay đổi sau khi ký.',
  );
  return `${lines.join('\n')}\n`;
}

import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** What a user needs to know about a certificate, with Vietnamese names intact. */
export interface CertificateInfo {
  /** The subject as an RFC 4514 string (most specific first, "," separated): "CN=Nguyễn Thị Hồng Nhung,O=Sở Nội vụ tỉnh Lai Châu,C=VN". */
  subject: string;
  /** The same, for reading: "CN=Nguyễn Thị Hồng Nhung, O=Sở Nội vụ tỉnh Lai Châu, C=VN". */
  subjectDisplay: string;
  commonName: string;
  organization?: string;
  /** The issuer, formatted like {@link CertificateInfo.subject}. */
  issuer: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** Whether the key-usage extension allows digitalSignature; null when the certificate has no key-usage extension. */
  keyUsageDigitalSignature: boolean | null;
  /** Whether subject and issuer are the same name and the certificate verifies with its own key. */
  selfSigned: boolean;
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** The text of a directory string, whichever ASN.1 string type carries it. */
function attributeText(value: unknown): string {
  if (value instanceof asn1js.BmpString || value instanceof asn1js.UniversalString) return value.valueBlock.value;
  if (value instanceof asn1js.Utf8String) return value.valueBlock.value;
  if (
    value instanceof asn1js.PrintableString ||
    value instanceof asn1js.IA5String ||
    value instanceof asn1js.TeletexString ||
    value instanceof asn1js.VisibleString ||
    value instanceof asn1js.NumericString
  ) {
    return value.valueBlock.value;
  }
  if (value instanceof asn1js.BaseBlock) return `#${Buffer.from(value.toBER()).toString('hex')}`;
  return String(value);
}

function escape4514(text: string): string {
  let out = text.replace(/([\\,+"<>;=])/g, '\\$1');
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}

interface NameParts {
  rfc4514: string;
  display: string;
  first: (oid: string) => string | undefined;
}

function nameParts(name: pkijs.RelativeDistinguishedNames): NameParts {
  const pairs = name.typesAndValues.map((tv) => ({ type: tv.type, text: attributeText(tv.value) }));
  const labelled = pairs.map((p) => `${SHORT_NAMES[p.type] ?? p.type}=${escape4514(p.text)}`).reverse();
  return {
    rfc4514: labelled.join(','),
    display: labelled.join(', '),
    first: (oid) => pairs.find((p) => p.type === oid)?.text,
  };
}

/** Parse a DER certificate with pkijs (throws on malformed input). */
export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

function digitalSignatureBit(cert: pkijs.Certificate): boolean | null {
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.15');
  if (!ext) return null;
  const parsed = asn1js.fromBER(new Uint8Array(ext.extnValue.valueBlock.valueHexView));
  if (!(parsed.result instanceof asn1js.BitString)) return false;
  const bits = parsed.result.valueBlock.valueHexView;
  return bits.length > 0 && ((bits[0] ?? 0) & 0x80) !== 0;
}

function isSelfSigned(der: Uint8Array, cert: pkijs.Certificate): boolean {
  const sameName = Buffer.from(cert.subject.toSchema().toBER()).equals(Buffer.from(cert.issuer.toSchema().toBER()));
  if (!sameName) return false;
  try {
    const x = new X509Certificate(der);
    return x.verify(x.publicKey);
  } catch {
    return false;
  }
}

/** Describe a DER certificate: subject and issuer with Vietnamese characters intact, validity, key usage. */
export function certificateInfo(der: Uint8Array): CertificateInfo {
  const cert = parseCertificate(der);
  const subject = nameParts(cert.subject);
  const issuer = nameParts(cert.issuer);
  const info: CertificateInfo = {
    subject: subject.rfc4514,
    subjectDisplay: subject.display,
    commonName: subject.first('2.5.4.3') ?? subject.display,
    issuer: issuer.rfc4514,
    serialHex: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    keyUsageDigitalSignature: digitalSignatureBit(cert),
    selfSigned: isSelfSigned(der, cert),
  };
  const org = subject.first('2.5.4.10');
  if (org !== undefined) info.organization = org;
  return info;
}

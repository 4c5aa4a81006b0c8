import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEcdsaP12, makeRsaP12, makeTsa, type TestP12, type TestTsa } from '../../test/fixtures/certs.js';
import { pdfsig, samplePdf } from '../../test/fixtures/pdfsig.js';
import { formatVerifyReport, loadP12, signPdf, verifyExitCode, verifyPdf, type TimestampProvider } from './index.js';
import { PdfReader } from './pdf-incremental.js';
import { formatSigningTimeIso } from './time.js';

const NAME = 'Nguyễn Thị Hồng Nhung';
const ORG = 'Sở Nội vụ tỉnh Lai Châu';
const WHEN = new Date('2025-10-05T07:30:00Z');
const STAMP = { page: 1, x: 320, y: 96, width: 200, height: 80 };

let dir: string;
let pdf: Uint8Array;
let vn: TestP12;
let signedVn: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-sign-'));
  pdf = await samplePdf(2);
  vn = makeRsaP12({ commonName: NAME, organization: ORG, locality: 'Lai Châu' });
  signedVn = await signPdf(pdf, {
    signer: loadP12(vn.p12, vn.password, 'nhung.p12'),
    signingTime: WHEN,
    widget: STAMP,
    reason: 'Ký ban hành báo cáo',
    location: 'Lai Châu',
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Flip one byte (to another printable character of the same class where it matters). */
function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const c = out[at] as number;
  out[at] = c >= 0x30 && c <= 0x39 ? 0x30 + ((c - 0x30 + 1) % 10) : c ^ 0x01;
  return out;
}

describe('signPdf with a Vietnamese-named RSA certificate', () => {
  it('is valid for pdfsig, total document signed, with the name shown correctly', async () => {
    const out = await pdfsig(dir, 'vn.pdf', signedVn);
    expect(out).toContain('Signer Certificate Common Name: Nguyễn Thị Hồng Nhung');
    expect(out).toContain(
      'Signer full Distinguished Name: CN=Nguyễn Thị Hồng Nhung,O=Sở Nội vụ tỉnh Lai Châu,L=Lai Châu,C=VN',
    );
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature Validation: Signature is Valid.');
  });

  it('is valid for our verify, which reports signer, time, algorithm and coverage', async () => {
    const r = await verifyPdf(signedVn);
    expect(r.signed).toBe(true);
    expect(r.ok).toBe(true);
    expect(verifyExitCode(r)).toBe(0);
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0]!;
    expect(s.signer).toBe(NAME);
    expect(s.certificate?.subject).toBe('CN=Nguyễn Thị Hồng Nhung,O=Sở Nội vụ tỉnh Lai Châu,L=Lai Châu,C=VN');
    expect(s.certificate?.organization).toBe(ORG);
    expect(s.certificate?.selfSigned).toBe(true);
    expect(s.signingTime?.toISOString()).toBe('2025-10-05T07:30:00.000Z');
    expect(s.signingTimeAttribute).toBeUndefined();
    expect(s.timeSource).toBe('machine-clock');
    expect(s.subFilter).toBe('ETSI.CAdES.detached');
    expect(s.digestAlgorithm).toBe('SHA-256');
    expect(s.signatureAlgorithm).toBe('RSA-SHA256');
    expect(s.reason).toBe('Ký ban hành báo cáo');
    expect(s.byteRange[0]).toBe(0);
    expect((s.byteRange[2] ?? 0) + (s.byteRange[3] ?? 0)).toBe(signedVn.length);
    expect(s).toMatchObject({
      coversWholeDocument: true,
      digestMatches: true,
      signatureValid: true,
      signingCertificateMatches: true,
    });
    expect(s.problems).toEqual([]);
    const text = formatVerifyReport(r, 'bao-cao.pdf');
    expect(text).toContain('Chữ ký 1: Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Thời điểm ký: 2025-10-05T14:30:00+07:00 (theo đồng hồ máy của người ký)');
    expect(text).toContain('Bao trùm toàn bộ tệp: có');
    expect(text).toContain('Kết luận: các chữ ký hợp lệ');
  });

  it('writes the signature dictionary, widget over the stamp, page /Annots and /AcroForm as an incremental update', () => {
    const text = Buffer.from(signedVn).toString('latin1');
    expect(Buffer.from(signedVn.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    expect(text).toContain("/M (D:20251005143000+07'00')");
    expect(text).toContain('/Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached');
    expect(text).toContain('/Rect [320 96 520 176]');
    expect(text).toContain('/FT /Sig');
    expect(text).toContain('/F 132');
    const reader = new PdfReader(signedVn);
    expect(reader.trailer.entries.get('Prev')).toEqual({ t: 'num', v: String(new PdfReader(pdf).startxref) });
    const pages = reader.pages();
    expect(pages).toHaveLength(2);
    const page1 = reader.object(pages[0]!.num);
    const annots = page1.t === 'dict' ? page1.entries.get('Annots') : undefined;
    expect(annots?.t).toBe('array');
    const acro = reader.catalog().dict.entries.get('AcroForm');
    expect(acro?.t === 'dict' && acro.entries.get('SigFlags')).toEqual({ t: 'num', v: '3' });
  });

  it('embeds the certificate exactly as issued, and no signing-time attribute (PAdES baseline)', async () => {
    const hex = /\/Contents <([0-9A-F]+)>/.exec(Buffer.from(signedVn).toString('latin1'))![1]!;
    const cms = Buffer.from(hex, 'hex');
    expect(cms.includes(Buffer.from(vn.certDer))).toBe(true);
    expect(cms.includes(Buffer.from('2a864886f70d010905', 'hex'))).toBe(false); // signingTime OID
    expect(cms.includes(Buffer.from('2a864886f70d010910022f', 'hex'))).toBe(true); // signing-certificate-v2 OID
    const parsed = asn1js.fromBER(new Uint8Array(cms));
    expect(parsed.offset).toBeGreaterThan(1000);
  });
});

describe('other certificates', () => {
  it('signs with an ASCII-named RSA certificate from an AES-256 PKCS#12', async () => {
    const p = makeRsaP12({ commonName: 'Tran Van Binh', organization: 'So Noi vu', p12Algorithm: 'aes256' });
    const signed = await signPdf(pdf, { signer: loadP12(p.p12, p.password), signingTime: WHEN });
    const out = await pdfsig(dir, 'ascii.pdf', signed);
    expect(out).toContain('Signer Certificate Common Name: Tran Van Binh');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature is Valid.');
    const r = await verifyPdf(signed);
    expect(r.ok).toBe(true);
    expect(r.signatures[0]?.signer).toBe('Tran Van Binh');
  });

  it('signs with an ECDSA P-256 certificate from an OpenSSL 3 PKCS#12', async () => {
    const p = makeEcdsaP12('/C=VN/O=Sở Nội vụ tỉnh Lai Châu/CN=Lò Thị Mai');
    const signer = loadP12(p.p12, p.password, 'mai.p12');
    expect(signer.algorithm).toBe('ECDSA-SHA256');
    expect(Buffer.from(signer.certificate).equals(Buffer.from(p.certDer))).toBe(true);
    const signed = await signPdf(pdf, { signer, signingTime: WHEN, widget: STAMP });
    const out = await pdfsig(dir, 'ec.pdf', signed);
    expect(out).toContain('Signer Certificate Common Name: Lò Thị Mai');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature is Valid.');
    const r = await verifyPdf(signed);
    expect(r.ok).toBe(true);
    expect(r.signatures[0]?.signatureAlgorithm).toBe('ECDSA-SHA256');
  });
});

describe('tampering', () => {
  it.each([
    ['the beginning', () => 10],
    ['the middle', (br: number[]) => Math.floor((br[1] ?? 0) / 2)],
    // a digit of the /M date, inside the signature dictionary after the signature value
    [
      'after /Contents',
      (br: number[]) => (br[2] ?? 0) + Buffer.from(signedVn).toString('latin1', br[2]).indexOf('(D:') + 4,
    ],
  ])('one byte changed at %s breaks the digest for pdfsig and verify', async (label, where) => {
    const { signatures } = await verifyPdf(signedVn);
    const at = where(signatures[0]!.byteRange);
    const bad = flipped(signedVn, at);
    const out = await pdfsig(dir, `tampered-${label.replace(/\W+/g, '-')}.pdf`, bad);
    expect(out).toContain('Digest Mismatch');
    expect(out).not.toContain('Signature is Valid.');
    const r = await verifyPdf(bad);
    expect(r.ok).toBe(false);
    expect(verifyExitCode(r)).toBe(1);
    expect(r.signatures[0]?.digestMatches).toBe(false);
    expect(r.signatures[0]?.problems).toContain('Mã băm của nội dung không khớp: tệp đã bị thay đổi sau khi ký.');
  });

  it('an unsigned PDF is reported as unsigned', async () => {
    const r = await verifyPdf(pdf);
    expect(r).toMatchObject({ signed: false, ok: false, signatures: [] });
    expect(verifyExitCode(r)).toBe(1);
    expect(formatVerifyReport(r, 'bao-cao.pdf')).toBe('bao-cao.pdf không có chữ ký số nào.\n');
  });

  it('bytes appended after signing leave the signature intact but the file not wholly covered', async () => {
    const extra = Buffer.from('\n% them sau khi ky\n', 'latin1');
    const appended = new Uint8Array(Buffer.concat([Buffer.from(signedVn), extra]));
    const r = await verifyPdf(appended);
    const s = r.signatures[0]!;
    expect(s.digestMatches).toBe(true);
    expect(s.signatureValid).toBe(true);
    expect(s.coversWholeDocument).toBe(false);
    expect(r.ok).toBe(false);
    expect(verifyExitCode(r)).toBe(1);
    expect(s.problems).toContain(
      `Chữ ký không bao trùm toàn bộ tệp: ${extra.length} byte ở cuối tệp (từ byte ${signedVn.length}) được thêm sau khi ký.`,
    );
    expect(await pdfsig(dir, 'appended.pdf', appended)).toContain('Not total document signed');
  });
});

describe('a second signature', () => {
  it('is appended as another incremental update; both verify, the first covers its revision', async () => {
    const other = makeRsaP12({ commonName: 'Phạm Quốc Khánh', organization: ORG });
    const twice = await signPdf(signedVn, {
      signer: loadP12(other.p12, other.password),
      signingTime: new Date('2025-10-06T02:00:00Z'),
      widget: { page: 2, x: 60, y: 96, width: 200, height: 80 },
    });
    const out = await pdfsig(dir, 'twice.pdf', twice);
    expect(out).toContain('Signature Field Name: Signature2');
    expect(out).toContain('Signer Certificate Common Name: Phạm Quốc Khánh');
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
    const r = await verifyPdf(twice);
    expect(r.ok).toBe(true);
    expect(r.signatures.map((s) => [s.signer, s.coversWholeDocument, s.coversRevision])).toEqual([
      [NAME, false, true],
      ['Phạm Quốc Khánh', true, true],
    ]);
    expect(r.signatures[0]?.problems).toEqual([]);
  });
});

describe('RFC 3161 time-stamps', () => {
  let tsa: TestTsa;
  beforeAll(() => {
    tsa = makeTsa();
  });
  afterAll(() => tsa.dispose());

  /** Sign with a provider that stamps what `tokenFor` returns for the signature value. */
  async function stamped(tokenFor: (signatureValue: Uint8Array) => Uint8Array) {
    const seen: Uint8Array[] = [];
    const provider: TimestampProvider = {
      reserveBytes: 8192,
      async timestamp(signatureValue) {
        seen.push(signatureValue);
        return tokenFor(signatureValue);
      },
    };
    const signed = await signPdf(pdf, { signer: loadP12(vn.p12, vn.password), signingTime: WHEN, timestamp: provider });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.length).toBe(256);
    const r = await verifyPdf(signed);
    return { r, s: r.signatures[0]!, signatureValue: seen[0]!, text: formatVerifyReport(r, 'baocao.pdf') };
  }

  it('a token from a real TSA over the signature value is checked and shown with its time and authority', async () => {
    const before = Date.now();
    let token: Uint8Array = new Uint8Array();
    const { r, s, signatureValue, text } = await stamped((v) => (token = tsa.stamp(v)));
    expect(tsa.opensslAccepts(signatureValue, token)).toBe(true);
    expect(s.timestamp).toMatchObject({ valid: true, authority: tsa.commonName });
    expect(s.timestamp?.problem).toBeUndefined();
    const time = s.timestamp?.time?.getTime() ?? 0;
    expect(time).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(time).toBeLessThanOrEqual(Date.now() + 1000);
    expect(s.timeSource).toBe('rfc3161');
    expect(s.signatureValid).toBe(true);
    expect(s.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(text).toContain('Thời điểm ký: 2025-10-05T14:30:00+07:00 (theo đồng hồ máy của người ký)');
    expect(text).toContain(
      `Dấu thời gian RFC 3161: ${formatSigningTimeIso(s.timestamp!.time!)}, do ${tsa.commonName} cấp; đã kiểm tra chữ ký và mã băm của dấu thời gian (độ tin cậy của đơn vị cấp không được đánh giá)`,
    );
    expect(text).toContain('Kết luận: các chữ ký hợp lệ');
  });

  const refused = async (tokenFor: (v: Uint8Array) => Uint8Array, problem: string, opensslToo = true) => {
    let token: Uint8Array = new Uint8Array();
    const { r, s, signatureValue, text } = await stamped((v) => (token = tokenFor(v)));
    if (opensslToo) expect(tsa.opensslAccepts(signatureValue, token)).toBe(false);
    expect(s.timestamp?.valid).toBe(false);
    expect(s.timestamp?.problem).toBe(problem);
    expect(s.timeSource).toBe('machine-clock');
    // The signature itself still holds; the attached time-stamp does not, and says so.
    expect([s.digestMatches, s.signatureValid]).toEqual([true, true]);
    expect(s.problems).toEqual([`Dấu thời gian RFC 3161 kèm theo không hợp lệ: ${problem}.`]);
    expect(r.ok).toBe(false);
    expect(text).not.toContain('đã kiểm tra chữ ký và mã băm của dấu thời gian');
    expect(text).toContain('Dấu thời gian RFC 3161: có kèm theo nhưng không hợp lệ, không dùng làm thời điểm ký');
    expect(text).toContain(`Lỗi: Dấu thời gian RFC 3161 kèm theo không hợp lệ: ${problem}.`);
    expect(text).toContain('Kết luận: chữ ký KHÔNG hợp lệ');
    return s;
  };

  it('a valid token over other bytes is not a time-stamp of this signature', async () => {
    const s = await refused(
      (v) => tsa.stamp(v.map((b) => b ^ 1)),
      'dấu thời gian được cấp cho một nội dung khác, không phải cho chữ ký này',
    );
    expect(s.timestamp?.authority).toBe(tsa.commonName);
  });

  it('a token whose content (its time) was altered', async () => {
    await refused((v) => {
      const t = tsa.stamp(v);
      // The generalized time inside TSTInfo: "20…Z" — move it a year back.
      const at = Buffer.from(t).indexOf(Buffer.from(String(new Date().getUTCFullYear())));
      expect(at).toBeGreaterThan(0);
      t[at + 3] = t[at + 3] === 0x30 ? 0x31 : 0x30;
      return t;
    }, 'nội dung dấu thời gian đã bị thay đổi (mã băm không khớp)');
  });

  it('a token whose signature bytes were altered', async () => {
    await refused((v) => {
      const t = tsa.stamp(v);
      t[t.length - 1] = (t[t.length - 1] as number) ^ 0xff; // the last byte of the TSA signature value
      return t;
    }, 'chữ ký của đơn vị cấp dấu thời gian không hợp lệ');
  });

  it('a token without the TSA certificate cannot be checked', async () => {
    await refused(
      (v) => tsa.stamp(v, false),
      'dấu thời gian không kèm chứng thư số của đơn vị cấp dấu thời gian',
      false, // OpenSSL is given the certificate separately and would accept it
    );
  });

  it('anything else in the attribute is no time-stamp', async () => {
    const junk = new Uint8Array(
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.2' })] }).toBER(),
    );
    const s = await refused(
      () => junk,
      'thuộc tính dấu thời gian không phải là một dấu thời gian RFC 3161 đọc được',
      false,
    );
    expect(s.timestamp).toEqual({
      valid: false,
      problem: 'thuộc tính dấu thời gian không phải là một dấu thời gian RFC 3161 đọc được',
    });
  });
});

describe('secrets', () => {
  it('neither the password nor the private key appear in any file written or in the signer object', async () => {
    const signer = loadP12(vn.p12, vn.password, 'nhung.p12');
    expect(JSON.stringify(signer)).not.toContain(vn.password);
    expect(Object.values(signer).some((v) => typeof v === 'string' && v.includes(vn.password))).toBe(false);
    const asn1 = forge.asn1.fromDer(Buffer.from(vn.p12).toString('binary'));
    const bag = forge.pkcs12.pkcs12FromAsn1(asn1, vn.password).getBags({ bagType: '1.2.840.113549.1.12.10.1.2' });
    const key = bag['1.2.840.113549.1.12.10.1.2']?.[0]?.key as forge.pki.rsa.PrivateKey;
    const d = Buffer.from(key.d.toString(16), 'hex').subarray(0, 32);
    const pem = forge.pki.privateKeyToPem(key).split('\n')[3]!;
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      const text = bytes.toString('latin1');
      expect(text.includes(vn.password), file).toBe(false);
      expect(bytes.includes(Buffer.from(vn.password, 'utf16le')), file).toBe(false);
      expect(bytes.includes(d), file).toBe(false);
      expect(text.includes(Buffer.from(d).toString('hex').toUpperCase()), file).toBe(false);
      expect(text.includes(pem), file).toBe(false);
    }
    expect(readdirSync(dir).length).toBeGreaterThan(5);
  });
});

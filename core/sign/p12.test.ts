import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRsaP12 } from '../../test/fixtures/certs.js';
import { samplePdf } from '../../test/fixtures/pdfsig.js';
import {
  assertSignable,
  certificateInfo,
  checkCertificate,
  loadP12,
  readP12File,
  SignError,
  signReportPdf,
  verifyPdf,
} from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'tonghop-p12-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function caught(fn: () => unknown): SignError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SignError) return err;
    throw err;
  }
  throw new Error('expected a SignError');
}

const vn = makeRsaP12({ commonName: 'Nguyễn Thị Hồng Nhung', organization: 'Sở Nội vụ tỉnh Lai Châu' });

describe('opening a PKCS#12 file', () => {
  it('keeps the certificate bytes exactly as issued and reads the Vietnamese subject', () => {
    const signer = loadP12(vn.p12, vn.password);
    expect(Buffer.from(signer.certificate).equals(Buffer.from(vn.certDer))).toBe(true);
    expect(signer.chain).toEqual([]);
    expect(signer.algorithm).toBe('RSA-SHA256');
    const info = signer.info();
    expect(info.commonName).toBe('Nguyễn Thị Hồng Nhung');
    expect(info.subject).toBe('CN=Nguyễn Thị Hồng Nhung,O=Sở Nội vụ tỉnh Lai Châu,C=VN');
    expect(info.subjectDisplay).toBe('CN=Nguyễn Thị Hồng Nhung, O=Sở Nội vụ tỉnh Lai Châu, C=VN');
    expect(info.keyUsageDigitalSignature).toBe(true);
  });

  it('says plainly when the password is wrong', () => {
    const e = caught(() => loadP12(vn.p12, 'sai-mat-khau', '/home/vt/nhung.p12'));
    expect(e.code).toBe('P12_WRONG_PASSWORD');
    expect(e.message).toBe('Mật khẩu của tệp chứng thư số nhung.p12 không đúng.');
  });

  it.each([
    ['random bytes', new Uint8Array(Buffer.from('đây không phải là tệp p12'))],
    ['a truncated file', vn.p12.subarray(0, 700)],
    ['an empty file', new Uint8Array(0)],
  ])('says plainly when the file is corrupt (%s)', (_label, bytes) => {
    const e = caught(() => loadP12(bytes, vn.password, 'hong.pfx'));
    expect(e.code).toBe('P12_CORRUPT');
    expect(e.message).toBe('Tệp hong.pfx không phải là tệp chứng thư số PKCS#12 hợp lệ (.p12/.pfx).');
  });

  it('reads from disk and names a missing file', () => {
    const file = join(dir, 'nhung.p12');
    writeFileSync(file, vn.p12);
    expect(readP12File(file, vn.password).info().commonName).toBe('Nguyễn Thị Hồng Nhung');
    expect(caught(() => readP12File(join(dir, 'khong-co.p12'), 'x')).message).toBe(
      'Không mở được tệp chứng thư số khong-co.p12.',
    );
  });

  it('cannot sign after the key is released', async () => {
    const signer = loadP12(vn.p12, vn.password);
    signer.release();
    await expect(signer.sign(new Uint8Array([1, 2, 3]))).rejects.toThrow('Khóa bí mật đã được giải phóng');
  });
});

describe('certificate checks before signing', () => {
  const now = new Date('2025-10-05T03:00:00Z');

  it('warns about an expired certificate, and the signature still verifies mathematically', async () => {
    const old = makeRsaP12({
      commonName: 'Lê Văn Hùng',
      notBefore: new Date('2023-01-01T00:00:00Z'),
      notAfter: new Date('2024-12-31T10:00:00Z'),
    });
    const signer = loadP12(old.p12, old.password);
    expect(checkCertificate(signer.info(), now).warnings).toEqual([
      'Chứng thư số của Lê Văn Hùng đã hết hạn từ ngày 31/12/2024: chữ ký sẽ không được công nhận là hợp lệ.',
    ]);
    const { pdf, warnings } = await signReportPdf(await samplePdf(1), { signer, signingTime: now, openErrorCount: 0 });
    expect(warnings).toHaveLength(1);
    const r = await verifyPdf(pdf);
    expect(r.ok).toBe(true);
    expect(r.signatures[0]?.certificate?.notAfter.toISOString()).toBe('2024-12-31T10:00:00.000Z');
  });

  it('warns about a certificate not yet valid and one without digital-signature key usage', () => {
    const future = makeRsaP12({
      commonName: 'Future',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
    });
    expect(checkCertificate(loadP12(future.p12, future.password).info(), now).warnings).toEqual([
      'Chứng thư số của Future chưa có hiệu lực: hiệu lực từ ngày 01/01/2026.',
    ]);
    const noSig = makeRsaP12({ commonName: 'Enc only', keyUsage: { digitalSignature: false, nonRepudiation: false } });
    const info = loadP12(noSig.p12, noSig.password).info();
    expect(info.keyUsageDigitalSignature).toBe(false);
    expect(checkCertificate(info, new Date()).warnings).toEqual([
      'Chứng thư số của Enc only không được cấp cho mục đích ký số (thiếu quyền sử dụng khóa digitalSignature).',
    ]);
    const noExt = makeRsaP12({ commonName: 'No ext', keyUsage: null });
    const infoNoExt = loadP12(noExt.p12, noExt.password).info();
    expect(infoNoExt.keyUsageDigitalSignature).toBeNull();
    expect(checkCertificate(infoNoExt, new Date()).warnings).toEqual([]);
  });

  it('refuses to sign while error findings are open', async () => {
    expect(() => assertSignable(0)).not.toThrow();
    expect(caught(() => assertSignable(3)).message).toBe('Còn 3 phát hiện mức lỗi chưa xử lý: không thể ký báo cáo.');
    await expect(
      signReportPdf(await samplePdf(1), { signer: loadP12(vn.p12, vn.password), signingTime: now, openErrorCount: 2 }),
    ).rejects.toThrow('Còn 2 phát hiện mức lỗi chưa xử lý: không thể ký báo cáo.');
  });
});

describe('certificateInfo', () => {
  it('decodes BMPString and PrintableString names', () => {
    const keys = forge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001 });
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '0A1B';
    cert.validity.notBefore = new Date('2025-01-01T00:00:00Z');
    cert.validity.notAfter = new Date('2026-01-01T00:00:00Z');
    const bmp = forge.asn1.Type.BMPSTRING as unknown as forge.asn1.Class;
    const attrs = [
      { shortName: 'C', value: 'VN' },
      { shortName: 'O', value: 'Ban, "Dac biet"' },
      { shortName: 'CN', value: 'Đỗ Thị Ánh', valueTagClass: bmp /* forge writes UCS-2 itself */ },
    ];
    cert.setSubject(attrs);
    cert.setIssuer(attrs);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const der = new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
    const info = certificateInfo(der);
    expect(info.commonName).toBe('Đỗ Thị Ánh');
    expect(info.subject).toBe('CN=Đỗ Thị Ánh,O=Ban\\, \\"Dac biet\\",C=VN');
    expect(info.serialHex).toBe('0A1B');
    expect(info.selfSigned).toBe(true);
    expect(info.keyUsageDigitalSignature).toBeNull();
  });
});

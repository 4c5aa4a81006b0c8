import { createPrivateKey, sign as cryptoSign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import forge from 'node-forge';
import { certificateInfo, type CertificateInfo } from './cert-info.js';
import { SignError } from './errors.js';
import type { SignatureAlgorithm, Signer } from './signer.js';

/** Bytes of a forge binary string, as a Buffer (caller zeroes it when it held a secret). */
function binaryToBuffer(bytes: string): Buffer {
  return Buffer.from(bytes, 'binary');
}

const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
} as const;

/** Total length a DER/BER file announces in its outer header (0 when indefinite or unreadable). */
function declaredLength(bytes: Uint8Array): number {
  if (bytes.length < 2 || bytes[0] !== 0x30) return bytes.length + 1;
  const first = bytes[1] as number;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0) return 0;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (bytes[2 + i] ?? 0);
  return 2 + n + len;
}

function isPasswordError(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return /password|decrypt|MAC could not be verified/i.test(msg);
}

/**
 * A {@link Signer} over a PKCS#12 file held in memory. The private key lives only in a
 * Node `KeyObject` for the lifetime of this object; call {@link P12Signer.release} when done.
 * Nothing is written to disk, logged or cached.
 */
export class P12Signer implements Signer {
  readonly certificate: Uint8Array;
  readonly chain: Uint8Array[];
  readonly algorithm: SignatureAlgorithm;
  #key: KeyObject | undefined;
  #info: CertificateInfo | undefined;

  private constructor(key: KeyObject, certificate: Uint8Array, chain: Uint8Array[], algorithm: SignatureAlgorithm) {
    this.#key = key;
    this.certificate = certificate;
    this.chain = chain;
    this.algorithm = algorithm;
  }

  /**
   * Open a PKCS#12 (.p12/.pfx) file from its bytes and password.
   * Throws {@link SignError} with a Vietnamese message on a wrong password or a corrupt file.
   * @param fileName shown in messages (only the base name is used)
   */
  static fromBytes(p12: Uint8Array, password: string, fileName = 'chứng thư số'): P12Signer {
    const name = basename(fileName);
    const corrupt = (): SignError =>
      new SignError('P12_CORRUPT', `Tệp ${name} không phải là tệp chứng thư số PKCS#12 hợp lệ (.p12/.pfx).`);
    if (declaredLength(p12) > p12.length) throw corrupt();
    let parsed: forge.pkcs12.Pkcs12Pfx;
    try {
      const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')), false);
      parsed = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
    } catch (err) {
      if (isPasswordError(err)) {
        throw new SignError('P12_WRONG_PASSWORD', `Mật khẩu của tệp chứng thư số ${name} không đúng.`);
      }
      throw corrupt();
    }

    const keyBags = [
      ...(parsed.getBags({ bagType: BAG.shroudedKey })[BAG.shroudedKey] ?? []),
      ...(parsed.getBags({ bagType: BAG.key })[BAG.key] ?? []),
    ];
    const certBags = parsed.getBags({ bagType: BAG.cert })[BAG.cert] ?? [];
    if (keyBags.length === 0 && certBags.length === 0) throw corrupt();
    const keyBag = keyBags[0];
    if (!keyBag) throw new SignError('P12_NO_KEY', `Tệp ${name} không chứa khóa bí mật để ký.`);

    // PKCS#8 PrivateKeyInfo DER: forge parses RSA keys; other key types (EC) stay as ASN.1.
    const keyAsn1 = keyBag.key
      ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key))
      : (keyBag as unknown as { asn1?: forge.asn1.Asn1 }).asn1;
    if (!keyAsn1) throw new SignError('P12_NO_KEY', `Tệp ${name} không chứa khóa bí mật để ký.`);
    const pkcs8 = binaryToBuffer(forge.asn1.toDer(keyAsn1).getBytes());
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    } catch {
      throw new SignError('P12_UNSUPPORTED_KEY', `Khóa bí mật trong tệp ${name} thuộc loại chưa được hỗ trợ.`);
    } finally {
      pkcs8.fill(0);
    }

    const certs = certBags.map((bag) => {
      // forge keeps the parsed TBSCertificate, so this reproduces the issued bytes for RSA
      // certificates; other certificates are kept as their original ASN.1.
      const raw = bag.cert
        ? forge.pki.certificateToAsn1(bag.cert)
        : (bag as unknown as { asn1?: forge.asn1.Asn1 }).asn1;
      return raw ? new Uint8Array(binaryToBuffer(forge.asn1.toDer(raw).getBytes())) : undefined;
    });
    const all: Uint8Array[] = certs.filter((c) => c !== undefined);

    const own = all.find((der) => {
      try {
        return new X509Certificate(der).checkPrivateKey(key);
      } catch {
        return false;
      }
    });
    if (!own) {
      throw new SignError('P12_NO_KEY', `Tệp ${name} không chứa chứng thư số tương ứng với khóa bí mật.`);
    }
    const type = key.asymmetricKeyType;
    let algorithm: SignatureAlgorithm;
    if (type === 'rsa') algorithm = 'RSA-SHA256';
    else if (type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') algorithm = 'ECDSA-SHA256';
    else {
      throw new SignError(
        'P12_UNSUPPORTED_KEY',
        `Khóa bí mật trong tệp ${name} thuộc loại chưa được hỗ trợ (${type ?? '?'}).`,
      );
    }
    return new P12Signer(
      key,
      own,
      all.filter((c) => c !== own),
      algorithm,
    );
  }

  /** Sign DER signed attributes with SHA-256 (RSA PKCS#1 v1.5 or DER ECDSA). */
  async sign(data: Uint8Array): Promise<Uint8Array> {
    if (!this.#key)
      throw new SignError('SIGNER_RELEASED', 'Khóa bí mật đã được giải phóng: hãy mở lại tệp chứng thư số.');
    return new Uint8Array(cryptoSign('sha256', data, this.#key));
  }

  info(): CertificateInfo {
    this.#info ??= certificateInfo(this.certificate);
    return this.#info;
  }

  /** Drop the reference to the private key so it can be collected; the signer is unusable afterwards. */
  release(): void {
    this.#key = undefined;
  }
}

/** Open a PKCS#12 file's bytes as a {@link Signer}; see {@link P12Signer.fromBytes}. */
export function loadP12(p12: Uint8Array, password: string, fileName?: string): P12Signer {
  return P12Signer.fromBytes(p12, password, fileName);
}

/**
 * Open a PKCS#12 file from disk. The password is only used in memory; a missing file
 * gets a Vietnamese message like the other failures.
 */
export function readP12File(path: string, password: string): P12Signer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new SignError('P12_NOT_FOUND', `Không mở được tệp chứng thư số ${basename(path)}.`);
  }
  return P12Signer.fromBytes(bytes, password, path);
}

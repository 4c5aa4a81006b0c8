/** Signing benchmark: open a PKCS#12, sign a multi-page report, verify it. Target: signing ≤ 0.3 s. */
import { loadP12, signPdf, verifyPdf } from '../../core/sign/index.js';
import { makeRsaP12 } from '../fixtures/certs.js';
import { samplePdf } from '../fixtures/pdfsig.js';
import { median } from './stats.js';

export interface SignBenchResult {
  pages: number;
  pdfBytes: number;
  /** Opening the PKCS#12 (key derivation and decryption). */
  loadP12Ms: number;
  /** Median of the signing runs (placeholder, hash, CMS, RSA-2048 signature). */
  signMs: number;
  /** Median of the verification runs. */
  verifyMs: number;
}

/** Measure signing of a `pages`-page report with an RSA-2048 certificate, `runs` times after one warm-up. */
export async function benchSign(pages = 20, runs = 7): Promise<SignBenchResult> {
  const p12 = makeRsaP12({ commonName: 'Nguyễn Thị Hồng Nhung', organization: 'Sở Nội vụ tỉnh Lai Châu' });
  const pdf = await samplePdf(pages);
  let t = performance.now();
  const signer = loadP12(p12.p12, p12.password);
  const loadP12Ms = performance.now() - t;
  const widget = { page: pages, x: 320, y: 96, width: 200, height: 80 };
  let signed = await signPdf(pdf, { signer, signingTime: new Date(), widget });
  await verifyPdf(signed);
  const signTimes: number[] = [];
  const verifyTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    signed = await signPdf(pdf, { signer, signingTime: new Date(), widget });
    signTimes.push(performance.now() - t);
    t = performance.now();
    const r = await verifyPdf(signed);
    verifyTimes.push(performance.now() - t);
    if (!r.ok) throw new Error('benchmark signature did not verify');
  }
  signer.release();
  return { pages, pdfBytes: pdf.length, loadP12Ms, signMs: median(signTimes), verifyMs: median(verifyTimes) };
}

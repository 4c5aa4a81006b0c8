/**
 * Screenshots of every screen for a person to look at (not a test): `npx tsx test/e2e/shots.ts OUT [40|1000]`.
 * 40: the sample period with its faults; 1000: a synthetic register of 1,000 units, all returns in.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { loadDefaultForm } from '../../core/form/index.js';
import { findPeriod } from '../../core/period/index.js';
import { syntheticRegister, writeSampleReturns } from '../../core/sample/index.js';
import { openWorkspace, setRegister } from '../../core/workspace/index.js';
import { startHost } from './host.js';
import { PERIOD, writeFaultyFolder } from './returns.js';
import { callApi, runJob } from './seed.js';
import { CHROMIUM_LAUNCH } from './chromium.js';
import { activeRegister } from '../../core/api/session.js';

const out = process.argv[2] ?? 'test-results/shots';
const n = Number(process.argv[3] ?? 40);
mkdirSync(out, { recursive: true });
const root = await mkdtemp(join(tmpdir(), 'shots-'));
const ws = join(root, 'ho-so');
const host = await startHost({
  dataDir: join(root, 'data'),
  workspaceRoot: ws,
  dialogs: { chooseFolder: async () => join(root, 'out'), openPath: async () => '' },
});
let input: string;
if (n === 40) input = (await writeFaultyFolder(join(root, 'in'))).dir;
else {
  input = join(root, 'in');
  mkdirSync(input);
  const period = findPeriod(PERIOD)!;
  const units = syntheticRegister(n);
  await writeSampleReturns({ form: loadDefaultForm(), period, units, outDir: input, faults: true });
  await callApi(host, 'openPeriod', { period: PERIOD });
  const w = await openWorkspace(join(ws, PERIOD), { period, create: true });
  await setRegister(w, activeRegister(units), { base: [] });
}
await callApi(host, 'openPeriod', { period: PERIOD });
const t0 = Date.now();
const s = await runJob(host, 'startImport', { period: PERIOD, paths: [input] });
console.log('import', s.state, Date.now() - t0, 'ms');
const browser = await chromium.launch(CHROMIUM_LAUNCH);
const sizes = (process.argv[4] ?? '1366x768').split(',').map((x) => x.split('x').map(Number) as [number, number]);
const paths = [
  'ky-bao-cao',
  'bieu-mau',
  'tiep-nhan',
  'theo-doi',
  'doi-chieu',
  'so-lieu',
  'bao-cao',
  'ky-so',
  'phieu-kiem-tra',
  'nhat-ky',
  'cai-dat',
];
for (const [w, h] of sizes) {
  const page = await browser.newPage({ viewport: { width: w, height: h }, locale: 'vi-VN' });
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && console.log('console', m.text()));
  await page.goto(host.url);
  await page.waitForSelector('h2');
  for (const [i, p] of paths.entries()) {
    const t = Date.now();
    await page.goto(`${host.url}#/${p}`);
    await page.waitForSelector('h2');
    await page.waitForTimeout(p === 'bao-cao' ? 6000 : 1500);
    await page.screenshot({ path: join(out, `${String(i + 1).padStart(2, '0')}-${p}-${n}-${w}.png`) });
    console.log(p, Date.now() - t, 'ms');
  }
  await page.close();
}
await browser.close();
await host.close();

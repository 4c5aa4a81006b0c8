/**
 * Time from opening the page to the first screen being visible, in Debian's Chromium against
 * the browser host (the engine already started, as in the desktop app where it starts with
 * the shell, and from its build, as the shell loads it). Median of 5 fresh pages, each timed
 * from a quiet machine (quiet.ts). Run from sources with tsx (the host bundles its client from
 * test/e2e); prints one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startHost } from '../e2e/host.js';
import { CHROMIUM_LAUNCH } from '../e2e/chromium.js';
import { waitForQuiet } from './quiet.js';

const root = await mkdtemp(join(tmpdir(), 'first-screen-'));
// The engine as the desktop shell loads it (build/core), not compiled from the sources by tsx.
const host = await startHost({ dataDir: join(root, 'data'), workspaceRoot: join(root, 'ws'), builtEngine: true });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
const times: number[] = [];
try {
  for (let i = 0; i < 6; i++) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // Timed from a quiet machine: the browser still starts the page's renderer (quiet.ts).
    await waitForQuiet();
    const t0 = performance.now();
    await page.goto(host.url);
    await page.getByRole('heading', { level: 2, name: 'Kỳ báo cáo' }).waitFor();
    // The first page load also fills the HTTP cache of the host's files: not counted.
    if (i > 0) times.push(performance.now() - t0);
    await page.close();
  }
} finally {
  await browser.close();
  await host.close();
  await rm(root, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ medianMs: times[2], bestMs: times[0] }) + '\n');

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startHost, type Host } from './host.js';

/** What a test gets: a host with its own fresh data folder, and the page's problems. */
export interface AppFixtures {
  host: Host & { /** The folder the fake folder picker returns. */ pickedFolder: string; opened: string[] };
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export const test = base.extend<AppFixtures>({
  // A random data path per test, removed afterwards (kept on failure for inspection).
  // Playwright requires a destructuring pattern here even when no other fixture is used.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use, testInfo) => {
    const root = await mkdtemp(join(tmpdir(), 'tonghop-e2e-'));
    const dataDir = join(root, 'data');
    const pickedFolder = join(root, 'Tổng hợp 2025');
    await mkdir(pickedFolder, { recursive: true });
    const opened: string[] = [];
    const host = await startHost({
      dataDir,
      dialogs: {
        chooseFolder: async () => pickedFolder,
        openPath: async (p) => {
          opened.push(p);
          return '';
        },
      },
    });
    await use(Object.assign(host, { pickedFolder, opened }));
    await host.close();
    if (testInfo.status === testInfo.expectedStatus) await rm(root, { recursive: true, force: true });
  },

  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(problems);
  },
});

export { expect };

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startHost, type Host } from './host.js';

/** What the stand-in desktop dialogs answer next: set by a test before it clicks. */
export interface DialogAnswers {
  folder: string | null;
  files: string[];
  save: string | null;
}

/** What a test gets: a host with its own fresh data folder, and the page's problems. */
export interface AppFixtures {
  host: Host & {
    root: string;
    /** The folder the fake folder picker returns (unless `answers.folder` is changed). */
    pickedFolder: string;
    opened: string[];
    answers: DialogAnswers;
    /** Start another host over the same data folder (an app restart). */
    restart(): Promise<Host>;
  };
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
    const answers: DialogAnswers = { folder: pickedFolder, files: [], save: null };
    const dialogs = {
      chooseFolder: async () => answers.folder,
      openPath: async (p: string) => {
        opened.push(p);
        return '';
      },
      chooseFiles: async () => answers.files,
      chooseSavePath: async () => answers.save,
    };
    const hosts: Host[] = [];
    const first = await startHost({ dataDir, workspaceRoot: join(root, 'ho-so'), dialogs });
    hosts.push(first);
    const restart = async () => {
      await hosts[hosts.length - 1]?.close();
      const h = await startHost({ dataDir, workspaceRoot: join(root, 'ho-so'), dialogs });
      hosts.push(h);
      return h;
    };
    await use(Object.assign(first, { root, pickedFolder, opened, answers, restart }));
    await hosts[hosts.length - 1]?.close();
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

/** Go to a screen with the side navigation, as a clerk would. */
export async function goTo(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Các bước của kỳ báo cáo' })
    .getByRole('menuitem', { name: label, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: label, exact: true })).toBeVisible();
}

/** Open a period from "Kỳ báo cáo" (where a first start opens), as a clerk would. */
export async function openPeriodInWindow(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: `Mở kỳ ${code}` }).click();
  await expect(page.locator('.period-select')).toContainText(code);
}

export { expect };

/** Keep a screenshot of the whole window as a test artifact (test-results/screens/NAME.png). */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join('test-results', 'screens', `${name}.png`) });
}

/** Choose an option of an Ant Design select named `label`. */
export async function pickOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

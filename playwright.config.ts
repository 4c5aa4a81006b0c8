import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './test/e2e/chromium.js';

/**
 * End-to-end tests of the renderer in Debian's Chromium (never a downloaded browser),
 * against the browser test host (test/e2e/host.ts) that serves the same typed API as the
 * Electron preload. Each test starts its own host with a fresh data folder.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['./test/e2e/plain-summary-reporter.ts']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    locale: 'vi-VN',
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...CHROMIUM_LAUNCH,
    },
  },
});

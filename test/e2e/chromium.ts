/**
 * How the scripts outside Playwright's runner (benches, screenshots) launch Debian's Chromium:
 * the same browser and flags as playwright.config.ts (never a downloaded browser).
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/**
 * The window itself, in Debian's Chromium against the browser host (the engine in a worker
 * thread, as in the desktop app), on a period of 1,000 units (a generated register):
 *
 *  (a) time from opening the page after a restart of the host (the app starts on its last
 *      period) to the board rendered with its rows — with the board saved beside the workspace
 *      (what a restart finds), and once more with it removed (a reconciliation first). The
 *      page is made and the machine left quiet before the host restarts (see quietRestart);
 *      the saved board is timed a third way, the page opened as soon as it is made;
 *  (b) while half of the returns are imported through "Tiếp nhận" (Chọn thư mục…), the longest
 *      frames: long tasks (PerformanceObserver 'longtask', ≥ 50 ms by definition) and the gaps
 *      between requestAnimationFrame callbacks, max and 95th percentile;
 *  (c) in the running window, with another period open: "Mở kỳ này" on the period of 1,000
 *      units in "Kỳ báo cáo", then "Theo dõi", to the board with its rows (median of 3).
 *
 * Run from sources with tsx (the host bundles its page client from test/e2e), the engine from
 * the build as the desktop shell loads it (`npm run build`); prints one JSON line.
 * `node --import tsx test/bench/app-window.ts [units] [imported-in-the-window]`.
 */
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadDefaultForm } from '../../core/form/index.js';
import { findPeriod } from '../../core/period/index.js';
import { syntheticRegister, writeSampleReturns } from '../../core/sample/index.js';
import { openWorkspace, setRegister } from '../../core/workspace/index.js';
import { startHost, type Host } from '../e2e/host.js';
import { CHROMIUM_LAUNCH } from '../e2e/chromium.js';
import { seedPeriod } from '../e2e/seed.js';
import { activeRegister } from '../../core/api/session.js';
import { waitForQuiet } from './quiet.js';
import { median } from './stats.js';

const UNITS = Number(process.argv[2] ?? 1000);
const IN_WINDOW = Number(process.argv[3] ?? 500);
const PERIOD = 'NQ08-SK2023';
/** The period open before the window switches to PERIOD (c). */
const OTHER = 'NQ08-TK2025';
const RUNS = 3;

/** Long tasks and the gaps between animation frames, kept in `window.__frames`. */
const WATCH_FRAMES = `(() => {
  const f = (window.__frames = { longTasks: [], gaps: [], run: true, t0: performance.now(), shown: 0, at: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      f.longTasks.push(e.duration);
      f.at.push([Math.round(e.startTime - f.t0), Math.round(e.duration)]);
    }
  }).observe({ type: 'longtask' });
  new MutationObserver(() => {
    if (!f.shown && document.querySelector('.import-summary')) f.shown = Math.round(performance.now() - f.t0);
  }).observe(document.body, { childList: true, subtree: true });
  let last = performance.now();
  function tick(t) {
    f.gaps.push(t - last);
    last = t;
    if (f.run) requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})()`;

const p95 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] as number) : 0;
};

const root = await mkdtemp(join(tmpdir(), 'app-window-'));
const period = findPeriod(PERIOD)!;
const form = loadDefaultForm();
const units = syntheticRegister(UNITS);
let folder = join(root, 'first');
const hostOptions = {
  // The engine as the desktop shell loads it (build/core), not compiled from the sources by tsx.
  builtEngine: true,
  dataDir: join(root, 'data'),
  workspaceRoot: join(root, 'ws'),
  dialogs: {
    chooseFolder: async () => folder,
    openPath: async () => '',
  },
};
const wsDir = join(root, 'ws', PERIOD);
let host: Host | undefined;
let browser: Browser | undefined;

/** Open the page of a freshly started host; resolve when the board shows its rows. */
async function openToBoard(page: Page, url: string): Promise<number> {
  const t0 = performance.now();
  await page.goto(url);
  await page.locator('.board-table .ant-table-row').first().waitFor();
  await page.locator('.page-intro', { hasText: `${UNITS.toLocaleString('vi-VN')} đơn vị` }).waitFor();
  const ms = performance.now() - t0;
  // The page's own part: from its navigation to the first paint of the app, as the page measured it.
  const paint = (await page.evaluate(
    "performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? 0",
  )) as number;
  firstPaints.push(paint);
  return ms;
}
const firstPaints: number[] = [];
const quietWaits: number[] = [];

async function restart(): Promise<Host> {
  await host?.close();
  host = await startHost(hostOptions);
  return host;
}

/**
 * A restart timed as the app's: a new page (the window) is made first and the machine left to
 * become quiet — in the background the browser starts the page's renderer (~0.5 s of both
 * cores) and tears down the page closed before (~0.1 s), which in the desktop app precede
 * loading the window (see quiet.ts) — then the host restarts and the page opens at once, so the
 * engine's own start (the last period's board or its reconciliation, prewarmed) overlaps the
 * page loading as in the app.
 */
async function quietRestart(b: Browser): Promise<Page> {
  await host?.close();
  host = undefined;
  const page = await b.newPage({ viewport: { width: 1366, height: 768 } });
  quietWaits.push(Math.round(await waitForQuiet()));
  await restart();
  return page;
}

try {
  // The returns: all units, split into what was imported before and what the window imports.
  const all = join(root, 'all');
  await writeSampleReturns({ form, period, units, outDir: all });
  await mkdir(join(root, 'first'));
  await mkdir(join(root, 'second'));
  const files = (await readdir(all)).sort();
  for (const [i, f] of files.entries())
    await rename(join(all, f), join(root, i < files.length - IN_WINDOW ? 'first' : 'second', f));
  // The period's register: the generated units.
  const ws = await openWorkspace(wsDir, { period, create: true });
  await setRegister(ws, activeRegister(units), { base: [] });
  await restart();
  const seeded = await seedPeriod(host!, PERIOD, join(root, 'first'));
  if (seeded.state !== 'done') throw new Error(seeded.message);

  browser = await chromium.launch(CHROMIUM_LAUNCH);

  // (b) An import through Tiếp nhận, frames watched from the click to the outcome shown.
  await restart();
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await openToBoard(page, host!.url);
  await page
    .getByRole('navigation', { name: 'Các bước của kỳ báo cáo' })
    .getByRole('menuitem', { name: 'Tiếp nhận', exact: true })
    .click();
  await page.getByRole('button', { name: 'Chọn thư mục…' }).waitFor();
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  await page.evaluate(WATCH_FRAMES);
  folder = join(root, 'second');
  // APP_WINDOW_PROFILE=file.cpuprofile: the page's CPU profile of the import (open it in Chromium's DevTools).
  const profilePath = process.env.APP_WINDOW_PROFILE;
  const cdp = profilePath ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
  await page.locator('.import-summary').waitFor({ timeout: 600_000 });
  const importMs = performance.now() - t0;
  // The header and the board follow the import: keep watching a little while.
  await page.waitForTimeout(1500);
  const frames = (await page.evaluate('(window.__frames.run = false, window.__frames)')) as {
    longTasks: number[];
    gaps: number[];
    shown: number;
    at: Array<[number, number]>;
  };
  if (cdp && profilePath) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
  }
  const summary = await page.locator('.import-summary').textContent();
  await page.close();

  // (c) Opening the period in the running window: from "Kỳ báo cáo", with another period open,
  // "Mở kỳ này" on the period of 1,000 units, then "Theo dõi" as soon as it is open, to the
  // board with its rows (what a clerk switching periods waits for).
  const switched: number[] = [];
  {
    await restart();
    const p = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await openToBoard(p, host!.url);
    const nav = p.getByRole('navigation', { name: 'Các bước của kỳ báo cáo' });
    for (let i = 0; i < RUNS; i++) {
      await nav.getByRole('menuitem', { name: 'Kỳ báo cáo', exact: true }).click();
      await p.getByRole('button', { name: `Mở kỳ ${OTHER}` }).click();
      await p
        .getByRole('row', { name: new RegExp(OTHER) })
        .getByText('Đang mở')
        .waitFor();
      const t0 = performance.now();
      await p.getByRole('button', { name: `Mở kỳ ${PERIOD}` }).click();
      await p
        .getByRole('row', { name: new RegExp(PERIOD) })
        .getByText('Đang mở')
        .waitFor();
      await nav.getByRole('menuitem', { name: 'Theo dõi', exact: true }).click();
      await p.locator('.page-intro', { hasText: `${UNITS.toLocaleString('vi-VN')} đơn vị` }).waitFor();
      await p.locator('.board-table .ant-table-row').first().waitFor();
      switched.push(performance.now() - t0);
    }
    await p.close();
  }

  // (a) Opening the period after a restart: the saved board, then without it.
  const saved: number[] = [];
  const cold: number[] = [];
  // The saved board once more as this bench timed it before 4 December 2026: the page opened
  // right after it was made, while the browser was still busy with it (see quietRestart).
  const busy: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const p = await quietRestart(browser);
    saved.push(await openToBoard(p, host!.url));
    await p.close();
  }
  for (let i = 0; i < RUNS; i++) {
    await restart();
    const p = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    busy.push(await openToBoard(p, host!.url));
    await p.close();
  }
  for (let i = 0; i < RUNS; i++) {
    await host?.close();
    host = undefined;
    rmSync(join(wsDir, 'derived', 'app-board.json'), { force: true });
    const p = await quietRestart(browser);
    cold.push(await openToBoard(p, host!.url));
    await p.close();
  }
  const gaps = frames.gaps.slice(1);
  process.stdout.write(
    JSON.stringify({
      units: UNITS,
      importedInWindow: IN_WINDOW,
      openSavedMs: median(saved),
      openSavedAll: saved.map(Math.round),
      openSavedBusyMs: median(busy),
      openSavedBusyAll: busy.map(Math.round),
      openColdMs: median(cold),
      openColdAll: cold.map(Math.round),
      switchMs: median(switched),
      switchAll: switched.map(Math.round),
      // First contentful paint of each opening (the page loading, before any board).
      firstPaintAll: firstPaints.map(Math.round),
      // How long each opening waited for the machine to be quiet (5,000: it never was).
      quietWaitAll: quietWaits,
      importMs,
      summary,
      longTasks: frames.longTasks.length,
      // [start, duration] of each long task, ms from when watching began; the outcome appeared at `outcomeShownAt`.
      longTaskAt: frames.at,
      outcomeShownAt: frames.shown,
      longTaskMaxMs: Math.max(0, ...frames.longTasks),
      longTaskP95Ms: p95(frames.longTasks),
      frameGapMaxMs: Math.max(0, ...gaps),
      frameGapP95Ms: p95(gaps),
      frames: gaps.length,
      framesOver100: gaps.filter((g) => g > 100).length,
    }) + '\n',
  );
} finally {
  await browser?.close();
  await host?.close();
  await rm(root, { recursive: true, force: true });
}

/**
 * Before a timed opening of the page, wait until the machine is quiet. Right after
 * `browser.newPage()` Chromium keeps both cores ~75 % busy for ~0.5 s in the background (the
 * new page's renderer starting; a page closed before is torn down in another ~0.1 s) — work
 * that in the desktop app happens before the window loads its page, not while it does. Measured on
 * 4 December 2026: the board of 1,000 units opened ~0.2 s sooner 1.5 s after `newPage()` than
 * right after it.
 *
 * Quiet: the machine's busy time (all cores, /proc/stat) under a tenth of one core over two
 * consecutive quarter seconds. Gives up after `maxMs` (a busy host never becomes quiet);
 * returns the time waited. Where /proc/stat cannot be read (not Linux), waits a fixed second.
 */
import { readFileSync } from 'node:fs';

/** Busy time of all cores in USER_HZ ticks (100 a second on Linux). */
function busyTicks(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  return cpu.reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitForQuiet(maxMs = 5000): Promise<number> {
  const t0 = performance.now();
  let ticks: number;
  try {
    ticks = busyTicks();
  } catch {
    await sleep(1000);
    return 1000;
  }
  let at = performance.now();
  let quietWindows = 0;
  while (quietWindows < 2 && performance.now() - t0 < maxMs) {
    await sleep(250);
    const now = performance.now();
    const next = busyTicks();
    // Ticks are 10 ms of one core: a tenth of a core is one tick per 100 ms elapsed.
    quietWindows = next - ticks <= (now - at) / 100 ? quietWindows + 1 : 0;
    ticks = next;
    at = now;
  }
  return performance.now() - t0;
}

/**
 * A cross-process lock around every mutating workspace operation: `.lock` holds the pid of
 * its owner and is created with `wx`, so only one process can hold it. A lock whose owner
 * has died (killed, crashed, power cut) is taken over.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceError } from './errors.js';

export const LOCK_FILE = '.lock';

/** Whether a process with this pid is alive on this machine. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number | undefined {
  try {
    const n = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isNaN(n) ? undefined : n;
  } catch {
    return undefined;
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o644);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * Remove the lock file if its owner is dead. The file is first renamed to a name unique to
 * this process and its pid re-read there, so two processes racing to clear the same stale
 * lock cannot remove a fresh lock taken by a third in between.
 */
function clearIfStale(path: string): void {
  const pid = readPid(path);
  if (pid === undefined) {
    // Being written by its creator right now (open and write are two steps): wait.
    return;
  }
  if (pidAlive(pid)) return;
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readPid(aside);
  if (moved !== undefined && moved !== pid && pidAlive(moved)) {
    // We moved a live lock taken after our check: put it back if the name is still free.
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, String(moved));
      closeSync(fd);
    } catch {
      // Someone else holds it now; the live owner keeps working on its own file handles.
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Run `fn` holding the workspace lock. Waits (polling) while another live process holds it.
 * A lock file of unreadable content older than the timeout is treated as stale.
 */
export async function withLock<T>(dir: string, fn: () => Promise<T> | T, timeoutMs = 30_000): Promise<T> {
  const path = join(dir, LOCK_FILE);
  const start = Date.now();
  let emptySince: number | undefined;
  for (;;) {
    if (tryCreate(path)) break;
    const pid = readPid(path);
    if (pid === undefined) {
      emptySince ??= Date.now();
      if (Date.now() - emptySince > 2_000) rmSync(path, { force: true });
    } else {
      emptySince = undefined;
      clearIfStale(path);
    }
    if (Date.now() - start > timeoutMs) {
      throw new WorkspaceError(
        'LOCKED',
        `Thư mục làm việc ${dir} đang được một tiến trình khác (mã tiến trình ${pid ?? '?'}) sử dụng; hãy thử lại sau.`,
      );
    }
    await new Promise((r) => setTimeout(r, 15 + Math.random() * 20));
  }
  try {
    return await fn();
  } finally {
    if (readPid(path) === process.pid) rmSync(path, { force: true });
  }
}

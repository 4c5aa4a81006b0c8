/**
 * A lock around every mutating workspace operation, safe for a folder on a network share
 * used from several PCs. `.lock` is created with `wx` (atomic on NTFS, SMB and local disks)
 * and names its holder: login, machine, process, since when, and a random token; while the
 * operation runs, the holder touches the file every few seconds (its modification time is
 * the holder's last sign of life).
 *
 * - A lock of this machine whose process is dead (killed, crashed) is taken over at once.
 * - A lock of another machine cannot be checked from here: the operation waits for it (up
 *   to a time-out), unless it shows no sign of life for {@link STALE_AFTER_MS} — a PC that
 *   crashed or lost the network mid-operation — when the operation stops at once with a
 *   `STALE_LOCK` error saying whose lock it is; {@link breakStaleLock} removes it after the
 *   user confirms (the app's dialog, `tonghop unlock`).
 */
import { closeSync, utimesSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { WorkspaceError } from './errors.js';
import { defaultFileOps, removeFile, type FileOps } from './fs-ops.js';

export const LOCK_FILE = '.lock';

/** No sign of life for this long from another machine's lock: it is probably stale. */
export const STALE_AFTER_MS = 2 * 60_000;
/** How often the holder touches its lock. */
export const HEARTBEAT_MS = 15_000;

/** Who holds a lock, as written in `.lock`. */
export interface LockHolder {
  /** Login name, or the name the app was told to record (`--by`). */
  user: string;
  /** Computer name. Empty for a lock written by an earlier version (pid only). */
  host: string;
  pid: number;
  /** When the lock was taken (ISO instant, the holder's clock). */
  since: string;
  /** Random: tells this lock from a later one of the same holder. */
  token: string;
}

/** A lock found on disk, with what can be said about it from here. */
export interface LockState {
  holder: LockHolder;
  /** The holder's last sign of life: the lock file's modification time (ISO). */
  touchedAt: string;
  /** Taken on this computer. */
  sameMachine: boolean;
  /** Whether its process is alive; `undefined` for another computer's lock (unknowable). */
  alive: boolean | undefined;
  /** Certainly (this machine, process dead) or probably (no sign of life) abandoned. */
  stale: boolean;
}

const holderSchema = z.object({
  user: z.string().max(200),
  host: z.string().max(200),
  pid: z.number().int(),
  since: z.string().max(40),
  token: z.string().max(64),
});

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

/** This computer's name, as Windows shows it (upper case there). */
export function machineName(): string {
  try {
    return hostname();
  } catch {
    return '';
  }
}

function loginName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Parse the content of a lock file: the JSON holder, or a bare pid (earlier versions). */
export function parseLock(text: string): LockHolder | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^\d+$/.test(t)) return { user: '', host: '', pid: Number(t), since: '', token: `pid:${t}` };
  try {
    const r = holderSchema.safeParse(JSON.parse(t));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Read the lock of `dir`; undefined when there is none or it is still being written. */
export function readLock(
  dir: string,
  opts: { fs?: FileOps; now?: number; host?: string; staleAfterMs?: number } = {},
): LockState | undefined {
  const fs = opts.fs ?? defaultFileOps;
  const path = join(dir, LOCK_FILE);
  let text: string;
  let mtime: number;
  try {
    const st = fs.statSync(path);
    if (!st) return undefined;
    mtime = st.mtimeMs;
    text = fs.readFileSync(path).toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const holder = parseLock(text);
  if (!holder) return undefined;
  const here = (opts.host ?? machineName()).toLowerCase();
  const sameMachine = holder.host === '' || holder.host.toLowerCase() === here;
  const alive = sameMachine ? pidAlive(holder.pid) : undefined;
  const now = opts.now ?? Date.now();
  const stale = sameMachine ? !alive : now - mtime > (opts.staleAfterMs ?? STALE_AFTER_MS);
  return { holder, touchedAt: new Date(mtime).toISOString(), sameMachine, alive, stale };
}

/** "14:05 ngày 25/11/2026" in Vietnam time (UTC+7). */
function timeVN(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + 7 * 3600_000).toISOString();
  return `${d.slice(11, 16)} ngày ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** "chuyên viên A trên máy PC-KT01 (từ 14:05 ngày 25/11/2026)". */
export function describeHolder(h: LockHolder): string {
  const who = h.user || 'một người dùng khác';
  const where = h.host ? ` trên máy ${h.host}` : '';
  const since = timeVN(h.since);
  return `${who}${where}${h.pid > 0 ? ` (tiến trình ${h.pid})` : ''}${since ? `, từ ${since}` : ''}`;
}

/** The Vietnamese sentence for a workspace another holder keeps busy. */
export function lockedMessage(dir: string, s: LockState): string {
  if (s.stale && !s.sameMachine) {
    return `Thư mục làm việc ${dir} đang bị khoá bởi ${describeHolder(s.holder)}, nhưng máy đó không còn hoạt động từ ${timeVN(s.touchedAt)} (có thể đã tắt đột ngột hoặc mất mạng). Nếu chắc chắn không ai còn dùng thư mục này trên máy ${s.holder.host}, hãy xác nhận để giành quyền sử dụng.`;
  }
  return `Thư mục làm việc ${dir} đang được ${describeHolder(s.holder)} sử dụng; hãy thử lại sau.`;
}

/** What this process writes into the lock. */
function newHolder(user: string | undefined): LockHolder {
  return {
    user: user ?? loginName(),
    host: machineName(),
    pid: process.pid,
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
}

function tryCreate(fs: FileOps, path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(holder) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Remove the lock if it is still the one with `token`. It is first renamed to a name unique
 * to this process and re-read there, so two processes clearing the same stale lock cannot
 * remove a fresh lock taken by a third in between. Returns whether it was removed.
 */
function removeIfToken(fs: FileOps, path: string, token: string): boolean {
  const aside = `${path}.stale-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    fs.renameSync(path, aside);
  } catch {
    return false;
  }
  const moved = (() => {
    try {
      return parseLock(fs.readFileSync(aside).toString('utf8'));
    } catch {
      return undefined;
    }
  })();
  if (moved && moved.token !== token) {
    // We moved a lock taken after our check: put it back if the name is still free.
    try {
      fs.renameSync(aside, path);
      return false;
    } catch {
      // Someone holds the name already: two locks cannot both be put back; the mover keeps
      // working on its own file handles, the lock it wrote is lost — as before this change.
    }
  }
  removeFile(fs, aside);
  return moved?.token === token || moved === undefined;
}

export interface LockOptions {
  fs?: FileOps;
  /** Give up waiting for a live holder after this long (default 30 s). */
  timeoutMs?: number;
  /** Recorded as the holder's name. */
  user?: string;
  staleAfterMs?: number;
  heartbeatMs?: number;
}

/**
 * Run `fn` holding the workspace lock. Waits (polling) while another live process holds it;
 * a dead process's lock on this machine is taken over; another machine's lock without a sign
 * of life stops at once with `STALE_LOCK` (the user decides, see {@link breakStaleLock}).
 */
export async function withLock<T>(dir: string, fn: () => Promise<T> | T, opts: LockOptions = {}): Promise<T> {
  const fs = opts.fs ?? defaultFileOps;
  const path = join(dir, LOCK_FILE);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const start = Date.now();
  const holder = newHolder(opts.user);
  let emptySince: number | undefined;
  for (;;) {
    if (tryCreate(fs, path, holder)) break;
    const state = readLock(dir, { fs, ...(opts.staleAfterMs ? { staleAfterMs: opts.staleAfterMs } : {}) });
    if (state === undefined) {
      // Being written by its creator right now (create and write are two steps), gone, or
      // garbage: wait a little, then treat a lock that stays unreadable as abandoned.
      emptySince ??= Date.now();
      if (Date.now() - emptySince > 2_000) removeFile(fs, path);
    } else {
      emptySince = undefined;
      if (state.stale && state.sameMachine) {
        if (removeIfToken(fs, path, state.holder.token)) continue;
      } else if (state.stale) {
        throw new WorkspaceError('STALE_LOCK', lockedMessage(dir, state), state);
      }
    }
    if (Date.now() - start > timeoutMs) {
      throw new WorkspaceError(
        'LOCKED',
        state
          ? lockedMessage(dir, state)
          : `Thư mục làm việc ${dir} đang được một tiến trình khác sử dụng; hãy thử lại sau.`,
        state,
      );
    }
    await new Promise((r) => setTimeout(r, 15 + Math.random() * 20));
  }
  const beat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // The lock was taken over or the share is gone; the operation's own writes will say so.
    }
  }, opts.heartbeatMs ?? HEARTBEAT_MS);
  beat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(beat);
    const now = readLock(dir, { fs });
    if (now?.holder.token === holder.token) removeFile(fs, path);
  }
}

/**
 * Remove a stale lock the user has confirmed: `token` is the one shown to them (so a lock
 * taken since is never removed by mistake). Refuses a lock that is alive. Returns the
 * holder removed, or undefined when there was no lock any more.
 */
export function breakStaleLock(
  dir: string,
  token: string,
  opts: { fs?: FileOps; staleAfterMs?: number } = {},
): LockHolder | undefined {
  const fs = opts.fs ?? defaultFileOps;
  const state = readLock(dir, opts);
  if (!state) return undefined;
  if (state.holder.token !== token) {
    throw new WorkspaceError(
      'LOCK_CHANGED',
      `Khoá của thư mục làm việc ${dir} đã đổi chủ: bây giờ là ${describeHolder(state.holder)}. Hãy xem lại trước khi giành quyền sử dụng.`,
      state,
    );
  }
  if (!state.stale) {
    throw new WorkspaceError(
      'LOCKED',
      `Không giành quyền được: ${describeHolder(state.holder)} vẫn đang làm việc với thư mục ${dir} (hoạt động lúc ${timeVN(state.touchedAt)}). Hãy chờ người đó làm xong.`,
      state,
    );
  }
  if (!removeIfToken(fs, join(dir, LOCK_FILE), token)) {
    const again = readLock(dir, opts);
    if (again) throw new WorkspaceError('LOCK_CHANGED', lockedMessage(dir, again), again);
  }
  return state.holder;
}

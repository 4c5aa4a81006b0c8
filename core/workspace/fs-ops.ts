/**
 * The file-system operations of the workspace that Windows can refuse for a moment: on an
 * office PC a rename, a replace, a delete or an open fails with `EPERM`, `EBUSY` or `EACCES`
 * while an antivirus scanner, the search indexer, OneDrive or Excel holds the file —
 * typically for tens of milliseconds. Every such operation of the workspace goes through a
 * {@link FileOps}; {@link retrying} makes one that tries again with backoff for a bounded
 * time, then fails with a Vietnamese sentence naming the file and the likely holder.
 *
 * The raw operations are injected so that the tests can run the whole workspace over a
 * fault-injecting layer (`fault-fs.ts`) that makes the first k attempts fail and applies
 * the Windows rule for read-only files.
 */
import {
  chmodSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmdirSync,
  lstatSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { likelyHolder } from '../errors/fs.js';
import { WorkspaceError } from './errors.js';

/** The operations that can meet a file held by another program. fd-level writes cannot. */
export interface FileOps {
  openSync(path: string, flags: string, mode?: number): number;
  open(path: string, flags: string, mode?: number): Promise<FileHandle>;
  renameSync(from: string, to: string): void;
  rename(from: string, to: string): Promise<void>;
  unlinkSync(path: string): void;
  rmdirSync(path: string): void;
  chmodSync(path: string, mode: number): void;
  readFileSync(path: string): Buffer;
  readdirSync(path: string): string[];
  /** `lstat`: a symbolic link is described, not followed; `undefined` when nothing is there. */
  statSync(path: string): Stats | undefined;
}

/** Node's own file system. */
export const nodeFileOps: FileOps = {
  openSync: (p, f, m) => openSync(p, f, m),
  open: (p, f, m) => open(p, f, m),
  renameSync: (a, b) => renameSync(a, b),
  rename: (a, b) => rename(a, b),
  unlinkSync: (p) => unlinkSync(p),
  rmdirSync: (p) => rmdirSync(p),
  chmodSync: (p, m) => chmodSync(p, m),
  readFileSync: (p) => readFileSync(p),
  readdirSync: (p) => readdirSync(p),
  statSync: (p) => lstatSync(p, { throwIfNoEntry: false }),
};

/** Error codes Windows gives while another program holds a file (or its folder entry). */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** How long and how often to try again. */
export interface RetryPolicy {
  /** Give up once this much time has passed since the first attempt. */
  budgetMs: number;
  /** First wait; each next wait doubles, up to {@link maxDelayMs}. */
  firstDelayMs: number;
  maxDelayMs: number;
  /**
   * Give up only after this many attempts too (default 4): on a PC so loaded that the wall
   * clock passes the budget during the first attempts, a hold of a few milliseconds is still
   * waited out rather than reported.
   */
  minAttempts?: number;
}

/**
 * Antivirus and indexer holds last tens of milliseconds; OneDrive's can last a second or
 * two. Five seconds covers them without leaving the clerk in front of a frozen button.
 */
export const DEFAULT_RETRY: RetryPolicy = { budgetMs: 5_000, firstDelayMs: 10, maxDelayMs: 500 };

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Block this thread for `ms` (the synchronous operations cannot yield). Where the embedder
 * forbids `Atomics.wait` on this thread (a browser-process main thread may), spin instead:
 * the waits are a few tens of milliseconds, and the engine normally runs in a worker.
 */
function sleepSync(ms: number): void {
  try {
    Atomics.wait(sleepCell, 0, 0, ms);
  } catch {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // spin
    }
  }
}

/** What the workspace was doing with the file, for the message. */
export type FileAction = 'open' | 'write' | 'replace' | 'move' | 'delete' | 'read' | 'chmod' | 'list';

const ACTION_VERB: Record<FileAction, string> = {
  open: 'mở',
  write: 'ghi',
  replace: 'ghi đè',
  move: 'chuyển',
  delete: 'xoá',
  read: 'đọc',
  chmod: 'đổi thuộc tính',
  list: 'đọc',
};

/** "Không ghi đè được tệp X", "Không xoá được thư mục X". */
function cannot(action: FileAction, path: string, folder: boolean): string {
  return `Không ${ACTION_VERB[action]} được ${folder || action === 'list' ? 'thư mục' : 'tệp'} ${path}`;
}

function isTransient(e: unknown): e is NodeJS.ErrnoException {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && TRANSIENT_CODES.has(code);
}

function describe(ops: FileOps, path: string): { readOnly: boolean; folder: boolean } {
  try {
    const st = ops.statSync(path);
    return { readOnly: st !== undefined && st.isFile() && (st.mode & 0o200) === 0, folder: st?.isDirectory() === true };
  } catch {
    return { readOnly: false, folder: false };
  }
}

/**
 * The Vietnamese sentence for a file that stayed busy: names the file (as the platform
 * writes paths) and the likely holder, says how long the app tried and what to do.
 */
export function busyMessage(
  path: string,
  action: FileAction,
  code: string,
  waitedMs: number,
  what: { readOnly?: boolean; folder?: boolean } = {},
): string {
  const head = cannot(action, path, what.folder === true);
  const seconds = Math.max(1, Math.round(waitedMs / 1000));
  if (what.readOnly) {
    return `${head}: tệp đang có thuộc tính chỉ đọc (Read-only) nên Windows không cho ${ACTION_VERB[action]}. Hãy bỏ thuộc tính chỉ đọc của tệp (chuột phải → Properties) rồi thử lại.`;
  }
  const holder = what.folder
    ? 'một tệp trong thư mục đang được mở trong Excel hoặc phần mềm diệt virus đang quét (cũng có thể OneDrive đang đồng bộ hay một cửa sổ khác đang mở thư mục này)'
    : `tệp đang được mở trong ${likelyHolder(path)} hoặc phần mềm diệt virus đang quét (cũng có thể OneDrive đang đồng bộ hay Windows đang lập chỉ mục tệp này)`;
  const perm =
    code === 'EACCES'
      ? ` Nếu lỗi vẫn lặp lại, có thể tài khoản Windows này không có quyền ghi vào thư mục ${dirname(path)}.`
      : '';
  return `${head} (đã thử lại trong ${seconds} giây): ${holder}. Hãy đóng ${what.folder ? 'các tệp đó' : 'tệp'} nếu đang mở, chờ một lát rồi thử lại.${perm}`;
}

function busyError(
  ops: FileOps,
  path: string,
  action: FileAction,
  e: NodeJS.ErrnoException,
  waited: number,
): WorkspaceError {
  const err = new WorkspaceError('BUSY', busyMessage(path, action, e.code ?? 'EBUSY', waited, describe(ops, path)));
  (err as { cause?: unknown }).cause = e;
  return err;
}

/**
 * `ops` with every operation tried again while it fails with a transient code, waiting
 * 10, 20, 40… ms (at most `maxDelayMs`) until `budgetMs` has passed; then a
 * {@link WorkspaceError} `BUSY` naming the file. Other errors pass through at once.
 */
export function retrying(ops: FileOps, policy: RetryPolicy = DEFAULT_RETRY): FileOps {
  // The path the user knows: a folder being moved (a period deleted) is the source; a file
  // being put in place (a temp file renamed over the manifest) is the destination.
  const minAttempts = policy.minAttempts ?? 4;
  // Looked at only when a rename stays busy (an lstat per rename otherwise, for nothing).
  const renamed = (from: string, to: string) => (): [string, FileAction] =>
    ops.statSync(from)?.isDirectory() ? [from, 'move'] : [to, 'replace'];
  const at = (path: string, action: FileAction) => (): [string, FileAction] => [path, action];
  const run = <T>(where: () => [string, FileAction], fn: () => T): T => {
    const start = Date.now();
    let delay = policy.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return fn();
      } catch (e) {
        const waited = Date.now() - start;
        if (!isTransient(e)) throw e;
        if (waited >= policy.budgetMs && attempt >= minAttempts) throw busyError(ops, ...where(), e, waited);
        sleepSync(Math.max(0, Math.min(delay, policy.budgetMs - waited)));
        delay = Math.min(delay * 2, policy.maxDelayMs);
      }
    }
  };
  const runAsync = async <T>(where: () => [string, FileAction], fn: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    let delay = policy.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const waited = Date.now() - start;
        if (!isTransient(e)) throw e;
        if (waited >= policy.budgetMs && attempt >= minAttempts) throw busyError(ops, ...where(), e, waited);
        await new Promise((r) => setTimeout(r, Math.max(0, Math.min(delay, policy.budgetMs - waited))));
        delay = Math.min(delay * 2, policy.maxDelayMs);
      }
    }
  };
  const openAction = (flags: string): FileAction => (/[wa+]/.test(flags) ? 'write' : 'open');
  return {
    openSync: (p, f, m) => run(at(p, openAction(f)), () => ops.openSync(p, f, m)),
    open: (p, f, m) => runAsync(at(p, openAction(f)), () => ops.open(p, f, m)),
    renameSync: (a, b) => run(renamed(a, b), () => ops.renameSync(a, b)),
    rename: (a, b) => runAsync(renamed(a, b), () => ops.rename(a, b)),
    unlinkSync: (p) => run(at(p, 'delete'), () => ops.unlinkSync(p)),
    rmdirSync: (p) => run(at(p, 'delete'), () => ops.rmdirSync(p)),
    chmodSync: (p, m) => run(at(p, 'chmod'), () => ops.chmodSync(p, m)),
    readFileSync: (p) => run(at(p, 'read'), () => ops.readFileSync(p)),
    readdirSync: (p) => run(at(p, 'list'), () => ops.readdirSync(p)),
    statSync: (p) => ops.statSync(p),
  };
}

/** The workspace's default: Node's file system, tried again while Windows says a file is busy. */
export const defaultFileOps: FileOps = retrying(nodeFileOps);

/** Delete a file if it exists (a missing file is not an error). */
export function removeFile(ops: FileOps, path: string): void {
  try {
    ops.unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * Delete a file that may carry the read-only attribute: Windows refuses to delete or
 * replace such a file until the attribute is cleared, so clear it first.
 */
export function removeReadOnlyFile(ops: FileOps, path: string): void {
  const st = ops.statSync(path);
  if (!st) return;
  if ((st.mode & 0o200) === 0) ops.chmodSync(path, 0o644);
  removeFile(ops, path);
}

/**
 * Delete a folder and everything in it, clearing read-only attributes on the way (the
 * workspace keeps originals read-only). Symbolic links are removed, never followed.
 */
export function removeTree(ops: FileOps, dir: string): void {
  const st = ops.statSync(dir);
  if (!st) return;
  for (const name of ops.readdirSync(dir)) {
    const path = join(dir, name);
    const entry = ops.statSync(path);
    if (entry?.isDirectory()) removeTree(ops, path);
    else removeReadOnlyFile(ops, path);
  }
  ops.rmdirSync(dir);
}

/**
 * The workspace folder on disk: opening (and repairing after a crash), the manifest commit,
 * originals and the derived cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsErrorMessage } from '../errors/index.js';
import type { ParsedReturn } from '../model/index.js';
import type { Period } from '../period/index.js';
import { AUDIT_FILE, flushAudit } from './audit.js';
import { fsyncDir, removeTempFiles, writeFileAtomic, writeFileDurable } from './atomic.js';
import { takeEncoding } from '../model/derived-codec.js';
import { decodeDerived } from './derived.js';
import { WorkspaceError } from './errors.js';
import {
  busyMessage,
  DEFAULT_RETRY,
  defaultFileOps,
  nodeFileOps,
  removeFile,
  removeTree,
  retrying,
  type FileOps,
  type RetryPolicy,
} from './fs-ops.js';
import { breakStaleLock, readLock, withLock, type LockHolder, type LockState } from './lock.js';
import { defaultWorkspaceRoot, workspaceDirFor } from './folders.js';
import {
  FORMAT_VERSION,
  emptyManifest,
  manifestSchema,
  workspaceInfoSchema,
  type AuditAction,
  type AuditEntry,
  type Manifest,
  type WorkspaceInfo,
} from './schema.js';

export const INFO_FILE = 'workspace.json';
export const MANIFEST_FILE = 'manifest.json';
export const SETTINGS_FILE = 'report-settings.json';
export const ORIGINALS_DIR = 'originals';
export const DERIVED_DIR = 'derived';

/** An open workspace folder. Obtain with `openWorkspace`; every function re-reads the manifest. */
export interface Workspace {
  readonly dir: string;
  readonly period: Period;
  /** Who acts when an operation is not told otherwise. */
  readonly by: string;
  readonly info: WorkspaceInfo;
  /** In-memory copy of `derived/` entries already read. */
  readonly cache: Map<string, ParsedReturn>;
  /** The file operations, tried again while Windows says a file is busy. */
  readonly fs: FileOps;
}

/**
 * The default folder of one period's workspace: `<Documents>/TongHopCCHC/<period code>`,
 * Documents as the system names it (`documentsDir`: Electron's `app.getPath('documents')`;
 * without it, see {@link defaultWorkspaceRoot}).
 */
export function defaultWorkspaceDir(period: Period, documentsDir?: string): string {
  return workspaceDirFor(defaultWorkspaceRoot(documentsDir), period.code);
}

/** The login name of the person running the app, or "unknown". */
export function currentUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Lower-case hex SHA-256. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readJson(path: string, what: string, fs: FileOps = defaultFileOps): unknown {
  try {
    return JSON.parse(fs.readFileSync(path).toString('utf8'));
  } catch (e) {
    throw new WorkspaceError('CORRUPT', `Không đọc được tệp ${what} (${path}): ${(e as Error).message}`);
  }
}

/**
 * What `dir`'s `workspace.json` says when `dir` is a workspace folder of this app, else
 * undefined (no such file, or not ours). Never throws: it answers "is this a workspace?" for
 * a folder the user pointed at — a period to compare with, or one mistaken for the returns.
 */
export function workspaceInfoAt(dir: string): WorkspaceInfo | undefined {
  try {
    const parsed = workspaceInfoSchema.safeParse(
      JSON.parse(defaultFileOps.readFileSync(join(dir, INFO_FILE)).toString('utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The last manifest validated, by its path and its exact text: one operation reads the same
 * manifest several times (the dataset, the findings fixed by re-submission, the units'
 * tracks), and checking a period's manifest against its schema costs milliseconds each time.
 * Only the very same text is taken from here, and as a copy.
 */
let lastManifest: { path: string; text: string; manifest: Manifest } | undefined;

/** Read and validate `manifest.json`. */
export function readManifest(dir: string, fs: FileOps = defaultFileOps): Manifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new WorkspaceError('CORRUPT', `Thư mục làm việc ${dir} thiếu tệp ${MANIFEST_FILE}.`);
  let text: string;
  try {
    text = fs.readFileSync(path).toString('utf8');
  } catch (e) {
    throw new WorkspaceError('CORRUPT', `Không đọc được tệp ${MANIFEST_FILE} (${path}): ${(e as Error).message}`);
  }
  if (lastManifest?.path === path && lastManifest.text === text) return structuredClone(lastManifest.manifest);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new WorkspaceError('CORRUPT', `Không đọc được tệp ${MANIFEST_FILE} (${path}): ${(e as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new WorkspaceError(
      'CORRUPT',
      `Tệp ${path} không đúng định dạng (${i?.path.join('.') ?? ''}: ${i?.message ?? ''}).`,
    );
  }
  lastManifest = { path, text, manifest: structuredClone(parsed.data) };
  return parsed.data;
}

function writeManifest(fs: FileOps, dir: string, m: Manifest): void {
  writeFileAtomic(join(dir, MANIFEST_FILE), JSON.stringify(m, null, 1) + '\n', { fs });
}

/** Keep `report-settings.json` equal to the manifest's settings (the manifest is the truth). */
function mirrorSettings(fs: FileOps, dir: string, m: Manifest): void {
  const path = join(dir, SETTINGS_FILE);
  if (m.reportSettings === undefined) {
    removeFile(fs, path);
    return;
  }
  const text = JSON.stringify(m.reportSettings, null, 2) + '\n';
  if (existsSync(path) && fs.readFileSync(path).toString('utf8') === text) return;
  writeFileAtomic(path, text, { fs });
}

/**
 * Bring the folder to a clean committed state: drop temp files of a dead writer, complete the
 * audit log from the manifest, refresh the settings mirror. Call under the lock.
 */
export function recover(dir: string, fs: FileOps = defaultFileOps): Manifest {
  for (const d of [dir, join(dir, ORIGINALS_DIR), join(dir, DERIVED_DIR)]) if (existsSync(d)) removeTempFiles(d, fs);
  const m = readManifest(dir, fs);
  flushAudit(join(dir, AUDIT_FILE), m.pendingAudit, fs);
  mirrorSettings(fs, dir, m);
  return m;
}

/** An audit entry without its `seq` and `at`, which {@link commit} assigns. */
export interface AuditDraft {
  action: AuditAction;
  by?: string;
  [detail: string]: unknown;
}

/**
 * Commit an operation: the new manifest (with its audit entries as `pendingAudit`) is
 * atomically renamed into place, then the entries are appended to the log.
 */
export function commit(ws: Workspace, m: Manifest, drafts: AuditDraft[], by: string): Manifest {
  const at = new Date().toISOString();
  const entries: AuditEntry[] = drafts.map(({ action, by: who, ...details }, i) => ({
    seq: m.auditSeq + i + 1,
    at,
    by: who ?? by,
    action,
    ...details,
  }));
  const next: Manifest = { ...m, seq: m.seq + 1, auditSeq: m.auditSeq + entries.length, pendingAudit: entries };
  // Originals were written without a folder fsync each: make their names durable before the
  // manifest that references them.
  fsyncDir(join(ws.dir, ORIGINALS_DIR));
  writeManifest(ws.fs, ws.dir, next);
  // The operation has happened. If the log or the settings mirror is held by another
  // program (audit.log opened in Excel), they are completed by the repair that starts the
  // next operation — which refuses to go on until it can — so the user is not told that an
  // operation failed when it did not.
  try {
    flushAudit(join(ws.dir, AUDIT_FILE), entries, ws.fs);
    mirrorSettings(ws.fs, ws.dir, next);
  } catch (e) {
    if (!(e instanceof WorkspaceError && e.code === 'BUSY')) throw e;
  }
  return next;
}

/** Run a mutating operation: lock, repair, then `fn` with the current manifest. */
export function mutate<T>(ws: Workspace, fn: (m: Manifest) => Promise<T> | T): Promise<T> {
  return withLock(ws.dir, () => fn(recover(ws.dir, ws.fs)), { fs: ws.fs, user: ws.by });
}

/**
 * Open (or with `create`, make) the workspace folder of a period. Repairs what a crash left
 * (temp files, audit entries not yet in the log). Throws {@link WorkspaceError} with a
 * Vietnamese message when the folder is not a workspace or belongs to another period.
 */
export async function openWorkspace(
  dir: string,
  opts: {
    period: Period;
    create?: boolean;
    by?: string;
    /** The raw file operations (tests: a Windows-like fault-injecting layer); Node's by default. */
    fileOps?: FileOps;
    /** How long to wait out a busy file. */
    retry?: RetryPolicy;
  },
): Promise<Workspace> {
  const infoPath = join(dir, INFO_FILE);
  if (!existsSync(infoPath)) {
    if (!opts.create) {
      throw new WorkspaceError('NOT_FOUND', `Thư mục ${dir} chưa phải là thư mục làm việc của một kỳ báo cáo.`);
    }
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new WorkspaceError('BAD_INPUT', fsErrorMessage(e, dir, 'create-folder'));
    }
  }
  const by = opts.by ?? currentUser();
  const fs = opts.fileOps || opts.retry ? retrying(opts.fileOps ?? nodeFileOps, opts.retry) : defaultFileOps;
  const info = await withLock(
    dir,
    () => {
      mkdirSync(join(dir, ORIGINALS_DIR), { recursive: true });
      mkdirSync(join(dir, DERIVED_DIR), { recursive: true });
      if (!existsSync(infoPath)) {
        if (!existsSync(join(dir, MANIFEST_FILE))) writeManifest(fs, dir, emptyManifest(opts.period.code));
        const fresh: WorkspaceInfo = {
          format: FORMAT_VERSION,
          app: 'tong-hop-cchc',
          period: opts.period.code,
          createdAt: new Date().toISOString(),
        };
        writeFileAtomic(infoPath, JSON.stringify(fresh, null, 2) + '\n', { fs });
      }
      const parsed = workspaceInfoSchema.safeParse(readJson(infoPath, INFO_FILE, fs));
      if (!parsed.success) throw new WorkspaceError('CORRUPT', `Tệp ${infoPath} không đúng định dạng.`);
      if (parsed.data.period.toUpperCase() !== opts.period.code.toUpperCase()) {
        throw new WorkspaceError(
          'WRONG_PERIOD',
          `Thư mục làm việc ${dir} thuộc kỳ ${parsed.data.period}, không phải kỳ ${opts.period.code}.`,
        );
      }
      recover(dir, fs);
      return parsed.data;
    },
    { fs, user: by },
  );
  return { dir, period: opts.period, by, info, cache: new Map(), fs };
}

/** Path of an original by its SHA-256. */
export function originalPath(ws: Workspace, sha256: string): string {
  return join(ws.dir, ORIGINALS_DIR, sha256);
}

/**
 * Store an original once: if a file of that name already holds exactly these bytes nothing is
 * written; otherwise it is written via temp file + fsync + rename and made read-only.
 * Asynchronous, so that a batch's fsyncs run together; the caller fsyncs the folder before
 * its commit point.
 */
export async function storeOriginal(ws: Workspace, sha256: string, bytes: Uint8Array): Promise<void> {
  const path = originalPath(ws, sha256);
  if (existsSync(path)) {
    if (sha256Hex(ws.fs.readFileSync(path)) === sha256) return;
    // A damaged copy: Windows will not replace a read-only file until the attribute is cleared.
    ws.fs.chmodSync(path, 0o644);
  }
  await writeFileDurable(path, bytes, { mode: 0o444, fs: ws.fs });
  ws.fs.chmodSync(path, 0o444);
}

/** The bytes of an original exactly as received; throws if missing or altered. */
export function originalBytes(ws: Workspace, sha256: string): Uint8Array {
  const path = originalPath(ws, sha256);
  if (!/^[0-9a-f]{64}$/.test(sha256) || !existsSync(path)) {
    throw new WorkspaceError(
      'UNKNOWN_SUBMISSION',
      `Không có tệp gốc nào có mã SHA-256 ${sha256} trong thư mục làm việc.`,
    );
  }
  const bytes = new Uint8Array(ws.fs.readFileSync(path));
  if (sha256Hex(bytes) !== sha256) {
    throw new WorkspaceError('CORRUPT', `Tệp gốc ${path} đã bị thay đổi: nội dung không còn khớp mã SHA-256.`);
  }
  return bytes;
}

/** Write a parsed return to the derived cache. */
export function storeDerived(ws: Workspace, sha256: string, parsed: ParsedReturn): void {
  writeFileAtomic(join(ws.dir, DERIVED_DIR, `${sha256}.json`), takeEncoding(parsed), {
    durability: 'none',
    fs: ws.fs,
  });
  ws.cache.set(sha256, parsed);
}

/** The names of the files in `derived/` (one listing for a batch instead of a lookup per file). */
export function derivedNames(ws: Workspace): Set<string> {
  try {
    return new Set(ws.fs.readdirSync(join(ws.dir, DERIVED_DIR)));
  } catch {
    return new Set();
  }
}

/** A parsed return from the cache (memory, then `derived/`); undefined when not cached. */
export function loadDerived(ws: Workspace, sha256: string): ParsedReturn | undefined {
  const hit = ws.cache.get(sha256);
  if (hit) return hit;
  const path = join(ws.dir, DERIVED_DIR, `${sha256}.json`);
  if (!existsSync(path)) return undefined;
  const parsed = decodeDerived(ws.fs.readFileSync(path).toString('utf8'));
  if (!parsed || parsed.sha256 !== sha256) return undefined;
  ws.cache.set(sha256, parsed);
  return parsed;
}

/** Like {@link loadDerived} but throws a Vietnamese error telling the user to rebuild. */
export function requireDerived(ws: Workspace, sha256: string): ParsedReturn {
  const p = loadDerived(ws, sha256);
  if (!p) {
    throw new WorkspaceError(
      'DERIVED_MISSING',
      `Dữ liệu đã đọc của tệp ${sha256.slice(0, 12)}… không còn trong thư mục ${ws.dir}; hãy dựng lại dữ liệu từ tệp gốc.`,
    );
  }
  return p;
}

/** The lock of a workspace folder as the app shows it, or undefined when the folder is free. */
export function lockStatus(dir: string, fs: FileOps = defaultFileOps): LockState | undefined {
  return readLock(dir, { fs });
}

/**
 * Take over a stale lock after the user confirmed it (the app's dialog; `tonghop unlock`):
 * `token` is the lock's token as shown to them, so a lock taken since is never removed. The
 * lock is removed, the folder opened (and so repaired, as after any crash), and the take-over
 * recorded in the audit log (`lock-taken-over`, with whose lock it was). Refuses a lock that
 * is alive. Returns the holder whose lock was removed, or undefined when there was none.
 */
export async function takeOverLock(
  dir: string,
  token: string,
  opts: { period: Period; by?: string; fileOps?: FileOps; retry?: RetryPolicy },
): Promise<LockHolder | undefined> {
  const fs = opts.fileOps || opts.retry ? retrying(opts.fileOps ?? nodeFileOps, opts.retry) : defaultFileOps;
  const holder = breakStaleLock(dir, token, { fs });
  if (!holder) return undefined;
  const ws = await openWorkspace(dir, {
    period: opts.period,
    ...(opts.by ? { by: opts.by } : {}),
    ...(opts.fileOps ? { fileOps: opts.fileOps } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
  });
  await mutate(ws, (m) => {
    const { user, host, pid, since } = holder;
    commit(ws, m, [{ action: 'lock-taken-over', holder: { user, host, pid, since } }], ws.by);
  });
  return holder;
}

/**
 * Delete a period's workspace folder with everything in it — originals included, whose
 * read-only attribute is cleared first (Windows refuses to delete a read-only file). Only a
 * folder holding a workspace is deleted. The folder is first renamed aside under the lock,
 * so a deletion stopped half-way (a file held by another program) never leaves a
 * half-deleted workspace under the period's name.
 */
export async function deleteWorkspace(
  dir: string,
  opts: { fileOps?: FileOps; retry?: RetryPolicy; by?: string } = {},
): Promise<void> {
  const fs = opts.fileOps || opts.retry ? retrying(opts.fileOps ?? nodeFileOps, opts.retry) : defaultFileOps;
  if (!existsSync(join(dir, INFO_FILE))) {
    throw new WorkspaceError(
      'NOT_FOUND',
      `Thư mục ${dir} không phải là thư mục làm việc của một kỳ báo cáo nên không xoá.`,
    );
  }
  const aside = join(dirname(dir), `.xoa-${basename(dir)}-${randomBytes(3).toString('hex')}`);
  try {
    await withLock(dir, () => fs.renameSync(dir, aside), { fs, ...(opts.by ? { user: opts.by } : {}) });
  } catch (e) {
    // Said as what the user asked for: deleting the period's folder.
    if (e instanceof WorkspaceError && e.code === 'BUSY') {
      const code = (e as { cause?: NodeJS.ErrnoException }).cause?.code ?? 'EBUSY';
      throw new WorkspaceError(
        'BUSY',
        busyMessage(dir, 'delete', code, (opts.retry ?? DEFAULT_RETRY).budgetMs, { folder: true }),
      );
    }
    throw e;
  }
  removeTree(fs, aside);
}

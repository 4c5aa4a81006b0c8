/**
 * The workspace folder on disk: opening (and repairing after a crash), the manifest commit,
 * originals and the derived cache.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fsErrorMessage } from '../errors/index.js';
import type { ParsedReturn } from '../model/index.js';
import type { Period } from '../period/index.js';
import { AUDIT_FILE, flushAudit } from './audit.js';
import { fsyncDir, removeTempFiles, writeFileAtomic, writeFileDurable } from './atomic.js';
import { decodeDerived, encodeDerived } from './derived.js';
import { WorkspaceError } from './errors.js';
import { withLock } from './lock.js';
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
}

/** `Documents/TongHopCCHC` in the user's home folder. */
export function defaultWorkspaceRoot(): string {
  return join(homedir(), 'Documents', 'TongHopCCHC');
}

/** The default folder of one period's workspace: `Documents/TongHopCCHC/<period code>`. */
export function defaultWorkspaceDir(period: Period): string {
  return join(defaultWorkspaceRoot(), period.code);
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

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new WorkspaceError('CORRUPT', `Không đọc được tệp ${what} (${path}): ${(e as Error).message}`);
  }
}

/** Read and validate `manifest.json`. */
export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new WorkspaceError('CORRUPT', `Thư mục làm việc ${dir} thiếu tệp ${MANIFEST_FILE}.`);
  const parsed = manifestSchema.safeParse(readJson(path, MANIFEST_FILE));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new WorkspaceError(
      'CORRUPT',
      `Tệp ${path} không đúng định dạng (${i?.path.join('.') ?? ''}: ${i?.message ?? ''}).`,
    );
  }
  return parsed.data;
}

function writeManifest(dir: string, m: Manifest): void {
  writeFileAtomic(join(dir, MANIFEST_FILE), JSON.stringify(m, null, 1) + '\n');
}

/** Keep `report-settings.json` equal to the manifest's settings (the manifest is the truth). */
function mirrorSettings(dir: string, m: Manifest): void {
  const path = join(dir, SETTINGS_FILE);
  if (m.reportSettings === undefined) {
    if (existsSync(path)) rmSync(path);
    return;
  }
  const text = JSON.stringify(m.reportSettings, null, 2) + '\n';
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  writeFileAtomic(path, text);
}

/**
 * Bring the folder to a clean committed state: drop temp files of a dead writer, complete the
 * audit log from the manifest, refresh the settings mirror. Call under the lock.
 */
export function recover(dir: string): Manifest {
  for (const d of [dir, join(dir, ORIGINALS_DIR), join(dir, DERIVED_DIR)]) if (existsSync(d)) removeTempFiles(d);
  const m = readManifest(dir);
  flushAudit(join(dir, AUDIT_FILE), m.pendingAudit);
  mirrorSettings(dir, m);
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
  writeManifest(ws.dir, next);
  flushAudit(join(ws.dir, AUDIT_FILE), entries);
  mirrorSettings(ws.dir, next);
  return next;
}

/** Run a mutating operation: lock, repair, then `fn` with the current manifest. */
export function mutate<T>(ws: Workspace, fn: (m: Manifest) => Promise<T> | T): Promise<T> {
  return withLock(ws.dir, () => fn(recover(ws.dir)));
}

/**
 * Open (or with `create`, make) the workspace folder of a period. Repairs what a crash left
 * (temp files, audit entries not yet in the log). Throws {@link WorkspaceError} with a
 * Vietnamese message when the folder is not a workspace or belongs to another period.
 */
export async function openWorkspace(
  dir: string,
  opts: { period: Period; create?: boolean; by?: string },
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
  const info = await withLock(dir, () => {
    mkdirSync(join(dir, ORIGINALS_DIR), { recursive: true });
    mkdirSync(join(dir, DERIVED_DIR), { recursive: true });
    if (!existsSync(infoPath)) {
      if (!existsSync(join(dir, MANIFEST_FILE))) writeManifest(dir, emptyManifest(opts.period.code));
      const fresh: WorkspaceInfo = {
        format: FORMAT_VERSION,
        app: 'tong-hop-cchc',
        period: opts.period.code,
        createdAt: new Date().toISOString(),
      };
      writeFileAtomic(infoPath, JSON.stringify(fresh, null, 2) + '\n');
    }
    const parsed = workspaceInfoSchema.safeParse(readJson(infoPath, INFO_FILE));
    if (!parsed.success) throw new WorkspaceError('CORRUPT', `Tệp ${infoPath} không đúng định dạng.`);
    if (parsed.data.period.toUpperCase() !== opts.period.code.toUpperCase()) {
      throw new WorkspaceError(
        'WRONG_PERIOD',
        `Thư mục làm việc ${dir} thuộc kỳ ${parsed.data.period}, không phải kỳ ${opts.period.code}.`,
      );
    }
    recover(dir);
    return parsed.data;
  });
  return { dir, period: opts.period, by, info, cache: new Map() };
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
    if (sha256Hex(readFileSync(path)) === sha256) return;
    chmodSync(path, 0o644);
  }
  await writeFileDurable(path, bytes, { mode: 0o444 });
  chmodSync(path, 0o444);
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
  const bytes = new Uint8Array(readFileSync(path));
  if (sha256Hex(bytes) !== sha256) {
    throw new WorkspaceError('CORRUPT', `Tệp gốc ${path} đã bị thay đổi: nội dung không còn khớp mã SHA-256.`);
  }
  return bytes;
}

/** Write a parsed return to the derived cache. */
export function storeDerived(ws: Workspace, sha256: string, parsed: ParsedReturn): void {
  writeFileAtomic(join(ws.dir, DERIVED_DIR, `${sha256}.json`), encodeDerived(parsed), { durability: 'none' });
  ws.cache.set(sha256, parsed);
}

/** A parsed return from the cache (memory, then `derived/`); undefined when not cached. */
export function loadDerived(ws: Workspace, sha256: string): ParsedReturn | undefined {
  const hit = ws.cache.get(sha256);
  if (hit) return hit;
  const path = join(ws.dir, DERIVED_DIR, `${sha256}.json`);
  if (!existsSync(path)) return undefined;
  const parsed = decodeDerived(readFileSync(path, 'utf8'));
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

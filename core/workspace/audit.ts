/**
 * `audit.log`: JSON lines, append-only. Entries are appended only after the manifest that
 * announces them is committed; the manifest keeps them as `pendingAudit` until the next
 * operation, so a crash between the two is repaired on the next open.
 */
import { existsSync } from 'node:fs';
import { appendDurable, truncateDurable } from './atomic.js';
import { defaultFileOps, type FileOps } from './fs-ops.js';
import { auditEntryOf, type AuditEntry } from './schema.js';

export const AUDIT_FILE = 'audit.log';

/** The log's complete entries; a torn last line (a crash mid-append) is reported, not thrown. */
export function parseAuditLog(text: string): { entries: AuditEntry[]; tornAt?: number } {
  const entries: AuditEntry[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return { entries, tornAt: Buffer.byteLength(text.slice(0, pos), 'utf8') };
    const line = text.slice(pos, nl);
    pos = nl + 1;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const entry = auditEntryOf(json);
    if (entry) entries.push(entry);
  }
  return { entries };
}

/** Read the log at `path` (missing file: no entries). */
export function readAuditFile(path: string, fs: FileOps = defaultFileOps): { entries: AuditEntry[]; tornAt?: number } {
  if (!existsSync(path)) return { entries: [] };
  return parseAuditLog(fs.readFileSync(path).toString('utf8'));
}

/**
 * Make the log hold every entry up to the manifest's: drop a torn tail, then append the
 * pending entries the log does not have yet (compared by `seq`). Call under the lock.
 */
export function flushAudit(
  path: string,
  pending: readonly AuditEntry[],
  fs: FileOps = defaultFileOps,
): { repaired: boolean; appended: number } {
  const { entries, tornAt } = readAuditFile(path, fs);
  if (tornAt !== undefined) truncateDurable(path, tornAt, fs);
  const last = entries.reduce((m, e) => Math.max(m, e.seq), 0);
  const missing = pending.filter((e) => e.seq > last);
  if (missing.length > 0) appendDurable(path, missing.map((e) => JSON.stringify(e) + '\n').join(''), fs);
  return { repaired: tornAt !== undefined, appended: missing.length };
}

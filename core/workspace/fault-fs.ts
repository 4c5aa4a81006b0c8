/**
 * Test support (not shipped behaviour): a {@link FileOps} over the real file system that
 * behaves like Windows on an office PC.
 * - **Busy files**: `busy({ op, path, code, times })` makes the next `times` matching
 *   attempts fail with `EPERM`/`EBUSY`/`EACCES`, as while an antivirus scanner, the search
 *   indexer, OneDrive or Excel holds the file; `times: Infinity` holds it until `release()`.
 * - **Read-only files** (`windowsReadOnly`, on by default): a file whose write permission
 *   is off (the read-only attribute, which Node's `chmod(0o444)` sets on Windows) cannot
 *   be deleted, replaced by a rename, or opened for writing — `EPERM`, as on NTFS — even
 *   when the tests run as root on Linux, where permissions would not stop anything.
 * Every call is recorded (`calls`) so tests can count the attempts.
 */
import type { Stats } from 'node:fs';
import { basename } from 'node:path';
import { nodeFileOps, type FileOps } from './fs-ops.js';

export type FaultOp = 'open' | 'rename' | 'unlink' | 'rmdir' | 'chmod' | 'read' | 'readdir';
export type FaultCode = 'EPERM' | 'EBUSY' | 'EACCES';

export interface Fault {
  /** Which operation; any when omitted. */
  op?: FaultOp;
  /** Which path (for a rename: either end): a base name, or a test on the full path. */
  path?: string | RegExp | ((path: string) => boolean);
  code: FaultCode;
  /** How many attempts fail; `Infinity` until {@link FaultyFs.release}. */
  times: number;
}

export interface FaultyFs extends FileOps {
  /** Every attempted operation, in order. */
  readonly calls: { op: FaultOp; path: string; failed?: FaultCode }[];
  /** Add a fault rule. */
  busy(fault: Fault): void;
  /** Drop every fault rule. */
  release(): void;
  /** Failures injected so far. */
  readonly injected: number;
}

const SYSCALL: Record<FaultOp, string> = {
  open: 'open',
  rename: 'rename',
  unlink: 'unlink',
  rmdir: 'rmdir',
  chmod: 'chmod',
  read: 'open',
  readdir: 'scandir',
};

/** An error shaped like the one Node gives for the code. */
export function fsError(code: string, op: FaultOp, path: string): NodeJS.ErrnoException {
  const text: Record<string, string> = {
    EPERM: 'operation not permitted',
    EBUSY: 'resource busy or locked',
    EACCES: 'permission denied',
  };
  const e = new Error(`${code}: ${text[code] ?? code}, ${SYSCALL[op]} '${path}'`) as NodeJS.ErrnoException;
  e.code = code;
  e.syscall = SYSCALL[op];
  e.path = path;
  return e;
}

function matches(f: Fault, op: FaultOp, path: string): boolean {
  if (f.op !== undefined && f.op !== op) return false;
  if (f.path === undefined) return true;
  if (typeof f.path === 'string') return basename(path) === f.path || path === f.path;
  if (f.path instanceof RegExp) return f.path.test(path);
  return f.path(path);
}

const isReadOnlyFile = (st: Stats | undefined): boolean => st !== undefined && st.isFile() && (st.mode & 0o200) === 0;

/**
 * Every operation fails its first `k` attempts (cycling through `codes`), then succeeds —
 * and the next operation on the same path fails `k` times again: a scanner that looks at
 * every file the moment it is touched.
 */
export interface Flaky {
  k: number;
  codes: FaultCode[];
  /** Only these operations; all when omitted. */
  ops?: FaultOp[];
}

/** A Windows-like file system over `base` (Node's by default). */
export function faultyFs(opts: { windowsReadOnly?: boolean; base?: FileOps; flaky?: Flaky } = {}): FaultyFs {
  const base = opts.base ?? nodeFileOps;
  const windowsReadOnly = opts.windowsReadOnly ?? true;
  const faults: Fault[] = [];
  const calls: FaultyFs['calls'] = [];
  const flakyCount = new Map<string, number>();
  let injected = 0;

  /** Throw the first matching fault (consuming one of its attempts), or the read-only refusal. */
  const gate = (op: FaultOp, path: string, readOnlyCheck?: string, also?: string): void => {
    const f = faults.find((x) => x.times > 0 && (matches(x, op, path) || (also !== undefined && matches(x, op, also))));
    if (f) {
      f.times--;
      injected++;
      calls.push({ op, path, failed: f.code });
      throw fsError(f.code, op, path);
    }
    const flaky = opts.flaky;
    if (flaky && (flaky.ops === undefined || flaky.ops.includes(op))) {
      const key = `${op}:${path}`;
      const n = flakyCount.get(key) ?? 0;
      if (n < flaky.k) {
        flakyCount.set(key, n + 1);
        const code = flaky.codes[(injected + n) % flaky.codes.length]!;
        injected++;
        calls.push({ op, path, failed: code });
        throw fsError(code, op, path);
      }
      flakyCount.delete(key);
    }
    if (windowsReadOnly && readOnlyCheck !== undefined && isReadOnlyFile(base.statSync(readOnlyCheck))) {
      calls.push({ op, path, failed: 'EPERM' });
      throw fsError('EPERM', op, path);
    }
    calls.push({ op, path });
  };
  const writes = (flags: string): boolean => /[wa+]/.test(flags);

  return {
    calls,
    get injected() {
      return injected;
    },
    busy: (f) => void faults.push({ ...f }),
    release: () => void faults.splice(0),
    openSync(p, flags, mode) {
      gate(writes(flags) ? 'open' : 'read', p, writes(flags) && !flags.includes('x') ? p : undefined);
      return base.openSync(p, flags, mode);
    },
    async open(p, flags, mode) {
      gate(writes(flags) ? 'open' : 'read', p, writes(flags) && !flags.includes('x') ? p : undefined);
      return base.open(p, flags, mode);
    },
    renameSync(a, b) {
      // Windows: the source may be read-only (it is moved, not written); a read-only
      // destination cannot be replaced. A hold on either end stops the rename.
      gate('rename', b, b, a);
      base.renameSync(a, b);
    },
    async rename(a, b) {
      gate('rename', b, b, a);
      await base.rename(a, b);
    },
    unlinkSync(p) {
      gate('unlink', p, p);
      base.unlinkSync(p);
    },
    rmdirSync(p) {
      gate('rmdir', p);
      base.rmdirSync(p);
    },
    chmodSync(p, m) {
      gate('chmod', p);
      base.chmodSync(p, m);
    },
    readFileSync(p) {
      gate('read', p);
      return base.readFileSync(p);
    },
    readdirSync(p) {
      gate('readdir', p);
      return base.readdirSync(p);
    },
    statSync: (p) => base.statSync(p),
  };
}

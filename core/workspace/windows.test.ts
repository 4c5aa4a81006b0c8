/**
 * The workspace on a Windows office PC, simulated: every file operation goes through a
 * fault-injecting layer (fault-fs.ts) that makes attempts fail with EPERM/EBUSY/EACCES as
 * an antivirus scanner, the search indexer, OneDrive or Excel would, and refuses to delete
 * or replace read-only files as NTFS does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDefaultForm } from '../form/index.js';
import { faultyFs, type FaultyFs } from './fault-fs.js';
import { busyMessage, nodeFileOps, retrying, type FileOps, type RetryPolicy } from './fs-ops.js';
import {
  dataset,
  deleteWorkspace,
  ingestFiles,
  lockStatus,
  openWorkspace,
  readAudit,
  readManifest,
  rebuild,
  setProvinceInput,
  sha256Hex,
  takeOverLock,
  tracker,
  WorkspaceError,
  type Workspace,
} from './index.js';
import { LOCK_FILE, parseLock, withLock } from './lock.js';
import { storeOriginal } from './store.js';
import { TEST_PERIOD, TEST_UNITS, crashOp, fakeBytes, fakeParse, stripTimes } from './test-helpers.js';

const P = TEST_PERIOD.code;
/** Short waits so the suite stays fast; the policy's shape is what is under test. */
const FAST: RetryPolicy = { budgetMs: 400, firstDelayMs: 1, maxDelayMs: 8 };
const form = loadDefaultForm();
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ws-win-'));
});
afterEach(() => {
  // Originals are read-only: make everything deletable for the clean-up.
  const unlock = (d: string): void => {
    if (!existsSync(d)) return;
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) unlock(p);
      else chmodSync(p, 0o644);
    }
  };
  unlock(root);
  rmSync(root, { recursive: true, force: true });
});

async function open(dir: string, fs?: FaultyFs, retry: RetryPolicy = FAST): Promise<Workspace> {
  return openWorkspace(dir, {
    period: TEST_PERIOD,
    create: true,
    by: 'chuyên viên A',
    retry,
    ...(fs ? { fileOps: fs } : {}),
  });
}

/** What a workspace holds, without wall-clock times. */
function state(ws: Workspace): unknown {
  return {
    manifest: stripTimes(readManifest(ws.dir)),
    audit: readAudit(ws).map(stripTimes),
    dataset: stripTimes(dataset(ws, form, TEST_UNITS, TEST_PERIOD)),
    tracker: stripTimes(tracker(ws, TEST_UNITS, TEST_PERIOD, { now: new Date('2023-07-20T00:00:00Z') })),
  };
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('busy files', () => {
  it('every operation of a whole period succeeds when each file access fails twice first (EPERM, EBUSY, EACCES)', async () => {
    const ref = await open(join(root, 'ref'));
    const fs = faultyFs({ flaky: { k: 2, codes: ['EPERM', 'EBUSY', 'EACCES'] } });
    const ws = await open(join(root, 'win'), fs);
    for (let i = 1; i <= 30; i++) {
      await crashOp(ref, i);
      await crashOp(ws, i);
    }
    await rebuild(ref, fakeParse);
    await rebuild(ws, fakeParse);
    expect(state(ws)).toEqual(state(ref));
    // Every kind of operation met a busy file and went through.
    const failedOps = new Set(fs.calls.filter((c) => c.failed).map((c) => c.op));
    expect([...failedOps].sort()).toEqual(['chmod', 'open', 'read', 'readdir', 'rename', 'rmdir', 'unlink']);
    const failedFiles = new Set(fs.calls.filter((c) => c.failed).map((c) => c.path.slice(ws.dir.length + 1)));
    for (const f of ['manifest.json', 'audit.log', 'report-settings.json', '.lock', 'derived']) {
      expect(failedFiles).toContain(f);
    }
    expect([...failedFiles].some((f) => f.startsWith('originals/'))).toBe(true);
    expect(fs.injected).toBeGreaterThan(500);
    expect(readdirSync(ws.dir).filter((n) => n.startsWith('.tmp-') || n.startsWith('.lock'))).toEqual([]);
  });

  it('on a PC so loaded that the time passes during the first attempts, a short hold is still waited out', async () => {
    // Each refused attempt takes 30 ms of wall clock (a scanner holding the file, a loaded
    // machine): the 10 ms budget is spent at the first refusal; the third attempt would work.
    const slowlyRefused = (): FileOps => {
      let refusals = 0;
      const refuse = (): void => {
        if (refusals >= 2) return;
        refusals++;
        const until = Date.now() + 30;
        while (Date.now() < until) {
          // the machine is busy
        }
        throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY', syscall: 'rename' });
      };
      return {
        ...nodeFileOps,
        renameSync: (a, b) => {
          refuse();
          nodeFileOps.renameSync(a, b);
        },
        rename: async (a, b) => {
          refuse();
          await nodeFileOps.rename(a, b);
        },
      };
    };
    const policy: RetryPolicy = { budgetMs: 10, firstDelayMs: 1, maxDelayMs: 5 };
    writeFileSync(join(root, 'a'), 'x');
    retrying(slowlyRefused(), policy).renameSync(join(root, 'a'), join(root, 'b'));
    await retrying(slowlyRefused(), policy).rename(join(root, 'b'), join(root, 'c'));
    expect(readFileSync(join(root, 'c'), 'utf8')).toBe('x');
    // Still bounded: a file held for good is reported after the budget and a few attempts.
    const held: FileOps = {
      ...nodeFileOps,
      renameSync: () => {
        throw Object.assign(new Error('EBUSY'), { code: 'EBUSY', syscall: 'rename' });
      },
    };
    const t0 = Date.now();
    expect(() => retrying(held, policy).renameSync(join(root, 'c'), join(root, 'd'))).toThrow(WorkspaceError);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('gives up after the bounded time with a sentence naming the file and the likely holder; nothing is half-done', async () => {
    const fs = faultyFs();
    const ws = await open(join(root, 'ws'), fs);
    await setProvinceInput(ws, form, { key: 'MT3', value: 1, note: 'Quyết định 1' });
    const before = readManifest(ws.dir);
    fs.busy({ op: 'rename', path: 'manifest.json', code: 'EBUSY', times: Infinity });
    const t0 = Date.now();
    const err = await setProvinceInput(ws, form, { key: 'MT3', value: 2, note: 'Quyết định 2' }).catch(
      (e: unknown) => e,
    );
    const waited = Date.now() - t0;
    expect(err).toBeInstanceOf(WorkspaceError);
    expect((err as WorkspaceError).code).toBe('BUSY');
    expect((err as WorkspaceError).message).toBe(
      `Không ghi đè được tệp ${join(ws.dir, 'manifest.json')} (đã thử lại trong 1 giây): tệp đang được mở trong Excel hoặc phần mềm diệt virus đang quét (cũng có thể OneDrive đang đồng bộ hay Windows đang lập chỉ mục tệp này). Hãy đóng tệp nếu đang mở, chờ một lát rồi thử lại.`,
    );
    // Bounded: the budget, not forever; and tried many times with growing waits in between.
    expect(waited).toBeGreaterThanOrEqual(FAST.budgetMs);
    expect(waited).toBeLessThan(FAST.budgetMs + 1_500);
    const attempts = fs.calls.filter((c) => c.op === 'rename' && c.path.endsWith('manifest.json')).length;
    expect(attempts).toBeGreaterThan(5);
    expect(attempts).toBeLessThan(FAST.budgetMs);
    // The command line and the app show it as it is (not as a bare file-system code).
    const { fsErrorMessage } = await import('../errors/index.js');
    expect(fsErrorMessage(err, join(ws.dir, 'manifest.json'), 'write')).toBe((err as WorkspaceError).message);
    // The operation did not happen, left no temp file and no lock.
    fs.release();
    expect(readManifest(ws.dir)).toEqual(before);
    expect(readdirSync(ws.dir).filter((n) => n.startsWith('.'))).toEqual([]);
    await setProvinceInput(ws, form, { key: 'MT3', value: 3, note: 'Quyết định 3' });
    expect(readAudit(ws).map((e) => e.value)).toEqual([1, 3]);
  });

  it('names the program a held file is likely open in: Word for the report’s Word copy, a PDF reader for the PDF', () => {
    expect(busyMessage('C:\\Báo cáo\\BaoCao.docx', 'replace', 'EBUSY', 5000)).toBe(
      'Không ghi đè được tệp C:\\Báo cáo\\BaoCao.docx (đã thử lại trong 5 giây): tệp đang được mở trong Word hoặc phần mềm diệt virus đang quét (cũng có thể OneDrive đang đồng bộ hay Windows đang lập chỉ mục tệp này). Hãy đóng tệp nếu đang mở, chờ một lát rồi thử lại.',
    );
    expect(busyMessage('BaoCao.pdf', 'replace', 'EBUSY', 5000)).toContain('đang được mở trong trình đọc PDF hoặc');
    expect(busyMessage('S01.xlsx', 'replace', 'EBUSY', 5000)).toContain('đang được mở trong Excel hoặc');
  });

  it('an audit log open in Excel delays its lines, never loses them; the next operation waits until it can write them', async () => {
    const fs = faultyFs();
    const ws = await open(join(root, 'ws'), fs);
    fs.busy({ op: 'open', path: 'audit.log', code: 'EBUSY', times: Infinity });
    // The manifest is the commit point: the operation happened; its log line is pending.
    await setProvinceInput(ws, form, { key: 'MT3', value: 1, note: 'a' });
    expect(readManifest(ws.dir).provinceInputs.MT3?.value).toBe(1);
    expect(readAudit(ws).map((e) => e.action)).toEqual(['input-set']);
    expect(existsSync(join(ws.dir, 'audit.log'))).toBe(false);
    // The next operation's repair cannot complete the log: it stops before doing anything.
    const err = await setProvinceInput(ws, form, { key: 'MT3', value: 2, note: 'b' }).catch((e: unknown) => e);
    expect((err as WorkspaceError).message).toMatch(
      new RegExp(`^Không ghi được tệp ${join(ws.dir, 'audit.log').replace(/[.\\]/g, '\\$&')} \\(đã thử lại`),
    );
    expect(readManifest(ws.dir).provinceInputs.MT3?.value).toBe(1);
    fs.release();
    await setProvinceInput(ws, form, { key: 'MT3', value: 2, note: 'b' });
    expect(readAudit(ws).map((e) => [e.seq, e.value])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('a workspace file left read-only (copied from a CD or a zip) is named as such, not as busy', async () => {
    const fs = faultyFs();
    const ws = await open(join(root, 'ws'), fs);
    chmodSync(join(ws.dir, 'manifest.json'), 0o444);
    const err = await setProvinceInput(ws, form, { key: 'MT3', value: 1, note: 'a' }).catch((e: unknown) => e);
    expect((err as WorkspaceError).message).toBe(
      `Không ghi đè được tệp ${join(ws.dir, 'manifest.json')}: tệp đang có thuộc tính chỉ đọc (Read-only) nên Windows không cho ghi đè. Hãy bỏ thuộc tính chỉ đọc của tệp (chuột phải → Properties) rồi thử lại.`,
    );
  });

  it('a period folder held open elsewhere is not deleted, and says so', async () => {
    const fs = faultyFs();
    const ws = await open(join(root, 'ws'), fs);
    fs.busy({ op: 'rename', path: ws.dir, code: 'EBUSY', times: Infinity });
    const err = await deleteWorkspace(ws.dir, { fileOps: fs, retry: FAST }).catch((e: unknown) => e);
    expect((err as WorkspaceError).message).toMatch(
      new RegExp(
        `^Không xoá được thư mục ${ws.dir.replace(/[.\\\\]/g, '\\\\$&')} \\(đã thử lại trong 1 giây\\): một tệp trong thư mục đang được mở trong Excel hoặc phần mềm diệt virus đang quét`,
      ),
    );
    fs.release();
    expect(readManifest(ws.dir).seq).toBe(0);
    expect(existsSync(join(ws.dir, LOCK_FILE))).toBe(false);
  });

  it('a lock file briefly held (a pending delete on Windows) is created once it is free', async () => {
    const fs = faultyFs();
    const ws = await open(join(root, 'ws'), fs);
    fs.busy({ op: 'open', path: LOCK_FILE, code: 'EPERM', times: 4 });
    await setProvinceInput(ws, form, { key: 'MT5', value: 7, note: 'PAR INDEX 2023' });
    expect(fs.calls.filter((c) => c.path.endsWith(LOCK_FILE) && c.failed === 'EPERM')).toHaveLength(4);
    expect(existsSync(join(ws.dir, LOCK_FILE))).toBe(false);
  });

  it('the default policy waits out holds of tens of milliseconds and up to about five seconds', async () => {
    const { DEFAULT_RETRY, retrying } = await import('./fs-ops.js');
    expect(DEFAULT_RETRY).toEqual({ budgetMs: 5_000, firstDelayMs: 10, maxDelayMs: 500 });
    const fs = faultyFs();
    const ops = retrying(fs);
    const file = join(root, 'x.txt');
    writeFileSync(file, 'x');
    fs.busy({ op: 'unlink', code: 'EBUSY', times: 3 });
    const t0 = Date.now();
    ops.unlinkSync(file);
    // 10 + 20 + 40 ms of waiting, then done.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(70);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(existsSync(file)).toBe(false);
    // Errors that waiting cannot fix pass through at once.
    expect(() => ops.unlinkSync(file)).toThrow(/ENOENT/);
  });
});

describe('read-only originals under the Windows rule', () => {
  it('the simulation refuses what NTFS refuses: deleting, replacing or writing a read-only file', () => {
    const fs = faultyFs();
    const f = join(root, 'ro.xlsx');
    writeFileSync(f, 'x');
    chmodSync(f, 0o444);
    writeFileSync(join(root, 'new'), 'y');
    expect(() => fs.unlinkSync(f)).toThrow(/^EPERM: operation not permitted, unlink/);
    expect(() => fs.renameSync(join(root, 'new'), f)).toThrow(/^EPERM/);
    expect(() => fs.openSync(f, 'w')).toThrow(/^EPERM/);
    // Renaming the read-only file itself, reading it and clearing the attribute are allowed.
    expect(fs.readFileSync(f).toString()).toBe('x');
    fs.renameSync(f, join(root, 'moved.xlsx'));
    fs.chmodSync(join(root, 'moved.xlsx'), 0o644);
    fs.unlinkSync(join(root, 'moved.xlsx'));
  });

  it('superseding, rebuilding and deleting a period work with originals read-only', async () => {
    const fs = faultyFs();
    const ws = await open(join(root, 'ws'), fs);
    const v1 = {
      name: 'BC_S01.xlsx',
      bytes: fakeBytes({ unit: 'S01', period: P, values: { KL01: 1 } }),
      receivedAt: '2023-07-10T02:00:00.000Z',
    };
    const v2 = {
      name: 'BC_S01_sua.xlsx',
      bytes: fakeBytes({ unit: 'S01', period: P, values: { KL01: 2 } }),
      receivedAt: '2023-07-11T02:00:00.000Z',
    };
    await ingestFiles(ws, [v1], fakeParse);
    const r = await ingestFiles(ws, [v2], fakeParse);
    expect(r.supersessions).toHaveLength(1);
    for (const n of readdirSync(join(ws.dir, 'originals'))) expect(modeOf(join(ws.dir, 'originals', n))).toBe(0o444);
    const rb = await rebuild(ws, fakeParse);
    expect(rb.files).toBe(2);
    expect(readManifest(ws.dir).units.S01?.accepted).toBe(sha256Hex(v2.bytes));

    await deleteWorkspace(ws.dir, { fileOps: fs, retry: FAST });
    expect(existsSync(ws.dir)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
    // Each original's attribute was cleared before it was deleted.
    for (const sha of [sha256Hex(v1.bytes), sha256Hex(v2.bytes)]) {
      const calls = fs.calls.filter((c) => c.path.endsWith(sha));
      expect(calls.map((c) => c.op).slice(-2)).toEqual(['chmod', 'unlink']);
    }
  });

  it('a read-only temp file left by a crash while writing an original is removed on open', async () => {
    const fs = faultyFs();
    const ws = await open(join(root, 'ws'), fs);
    const tmp = join(ws.dir, 'originals', '.tmp-4242-deadbeef');
    writeFileSync(tmp, 'half an original', { mode: 0o444 });
    chmodSync(tmp, 0o444);
    await open(ws.dir, fs);
    expect(existsSync(tmp)).toBe(false);
  });

  it('a damaged original is replaced: its read-only attribute is cleared first', async () => {
    const fs = faultyFs();
    const ws = await open(join(root, 'ws'), fs);
    const bytes = fakeBytes({ unit: 'S01', period: P, values: { KL01: 1 } });
    await ingestFiles(ws, [{ name: 'a.xlsx', bytes }], fakeParse);
    const p = join(ws.dir, 'originals', sha256Hex(bytes));
    chmodSync(p, 0o644);
    writeFileSync(p, 'damaged');
    chmodSync(p, 0o444);
    await storeOriginal(ws, sha256Hex(bytes), bytes);
    expect(sha256Hex(new Uint8Array(fs.readFileSync(p)))).toBe(sha256Hex(bytes));
    expect(modeOf(p)).toBe(0o444);
  });

  it('deletes only a workspace folder', async () => {
    const dir = join(root, 'not-a-workspace');
    writeFileSync(join(root, 'keep.txt'), 'x');
    await expect(deleteWorkspace(root)).rejects.toThrow(
      `Thư mục ${root} không phải là thư mục làm việc của một kỳ báo cáo nên không xoá.`,
    );
    await expect(deleteWorkspace(dir)).rejects.toBeInstanceOf(WorkspaceError);
    expect(existsSync(join(root, 'keep.txt'))).toBe(true);
  });
});

describe('two clerks, one share: the lock', () => {
  /** Write a lock as another PC would, last touched `ageMs` ago. */
  function foreignLock(dir: string, ageMs: number, token = 'a1b2c3d4e5f60718'): void {
    const path = join(dir, LOCK_FILE);
    writeFileSync(
      path,
      JSON.stringify({
        user: 'Nguyễn Thị B',
        host: 'PC-KETOAN-02',
        pid: 4321,
        since: '2026-11-25T07:05:00.000Z',
        token,
      }) + '\n',
    );
    const t = new Date(Date.now() - ageMs);
    utimesSync(path, t, t);
  }

  it('names the user, the machine and since when', async () => {
    const ws = await open(join(root, 'ws'));
    let seen: string | undefined;
    await withLock(
      ws.dir,
      () => {
        seen = readFileSync(join(ws.dir, LOCK_FILE), 'utf8');
      },
      { user: 'Trần Văn C' },
    );
    const holder = parseLock(seen!);
    expect(holder).toMatchObject({ user: 'Trần Văn C', host: hostname(), pid: process.pid });
    expect(Date.now() - Date.parse(holder!.since)).toBeLessThan(5_000);
    expect(holder!.token).toMatch(/^[0-9a-f]{16}$/);
  });

  it("waits for another PC's live lock, then says whose it is", async () => {
    const ws = await open(join(root, 'ws'));
    foreignLock(ws.dir, 0);
    const err = await withLock(ws.dir, () => 0, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect((err as WorkspaceError).code).toBe('LOCKED');
    expect((err as WorkspaceError).message).toBe(
      `Thư mục làm việc ${ws.dir} đang được Nguyễn Thị B trên máy PC-KETOAN-02 (tiến trình 4321), từ 14:05 ngày 25/11/2026 sử dụng; hãy thử lại sau.`,
    );
    expect(lockStatus(ws.dir)).toMatchObject({ sameMachine: false, alive: undefined, stale: false });
    // A live lock is never taken over, even when asked.
    await expect(takeOverLock(ws.dir, 'a1b2c3d4e5f60718', { period: TEST_PERIOD })).rejects.toThrow(
      /vẫn đang làm việc với thư mục/,
    );
    expect(existsSync(join(ws.dir, LOCK_FILE))).toBe(true);
  });

  it("a crashed PC's lock stops the operation at once, and is taken over after confirmation (logged)", async () => {
    const ws = await open(join(root, 'ws'));
    await setProvinceInput(ws, form, { key: 'MT3', value: 1, note: 'a' });
    foreignLock(ws.dir, 10 * 60_000);
    const t0 = Date.now();
    const err = (await setProvinceInput(ws, form, { key: 'MT3', value: 2, note: 'b' }).catch(
      (e: unknown) => e,
    )) as WorkspaceError;
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(err.code).toBe('STALE_LOCK');
    expect(err.message).toMatch(
      /^Thư mục làm việc .* đang bị khoá bởi Nguyễn Thị B trên máy PC-KETOAN-02 \(tiến trình 4321\), từ 14:05 ngày 25\/11\/2026, nhưng máy đó không còn hoạt động từ \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(có thể đã tắt đột ngột hoặc mất mạng\)\. Nếu chắc chắn không ai còn dùng thư mục này trên máy PC-KETOAN-02, hãy xác nhận để giành quyền sử dụng\.$/,
    );
    expect(err.lock?.holder.token).toBe('a1b2c3d4e5f60718');
    // Confirming a lock other than the one shown is refused.
    await expect(takeOverLock(ws.dir, 'ffffffffffffffff', { period: TEST_PERIOD })).rejects.toMatchObject({
      code: 'LOCK_CHANGED',
    });
    const taken = await takeOverLock(ws.dir, 'a1b2c3d4e5f60718', { period: TEST_PERIOD, by: 'chuyên viên A' });
    expect(taken).toMatchObject({ user: 'Nguyễn Thị B', host: 'PC-KETOAN-02' });
    expect(lockStatus(ws.dir)).toBeUndefined();
    expect(readAudit(ws).at(-1)).toMatchObject({
      action: 'lock-taken-over',
      by: 'chuyên viên A',
      holder: { user: 'Nguyễn Thị B', host: 'PC-KETOAN-02', pid: 4321, since: '2026-11-25T07:05:00.000Z' },
    });
    await setProvinceInput(ws, form, { key: 'MT3', value: 2, note: 'b' });
    expect(readManifest(ws.dir).provinceInputs.MT3?.value).toBe(2);
  });

  it('the holder keeps its lock alive during a long operation', async () => {
    const ws = await open(join(root, 'ws'));
    const path = join(ws.dir, LOCK_FILE);
    let first = 0;
    let last = 0;
    await withLock(
      ws.dir,
      async () => {
        const old = new Date(Date.now() - 60_000);
        utimesSync(path, old, old);
        first = statSync(path).mtimeMs;
        await new Promise((r) => setTimeout(r, 120));
        last = statSync(path).mtimeMs;
      },
      { heartbeatMs: 20 },
    );
    expect(last - first).toBeGreaterThan(50_000);
  });

  it('reads a lock written by an earlier version (a bare pid) as a lock of this machine', async () => {
    const ws = await open(join(root, 'ws'));
    writeFileSync(join(ws.dir, LOCK_FILE), String(process.pid));
    expect(lockStatus(ws.dir)).toMatchObject({
      sameMachine: true,
      alive: true,
      stale: false,
      holder: { pid: process.pid },
    });
  });
});

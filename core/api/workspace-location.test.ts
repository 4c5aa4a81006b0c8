import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPeriod } from '../period/index.js';
import { openWorkspace, readAudit } from '../workspace/index.js';
import { withLock } from '../workspace/lock.js';
import { createEngineApi, dispatchApiCall } from './index.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-loc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the default folder', () => {
  it("puts a period's workspace under Documents as the shell names it", async () => {
    const docs = join(dir, 'Tài liệu (chuyển hướng)');
    const api = createEngineApi({ dataDir: join(dir, 'data'), documentsDir: docs, prewarm: false });
    const view = await api.openPeriod({ period: 'NQ08-SK2023' });
    expect(view.period.workspaceDir).toBe(join(docs, 'TongHopCCHC', 'NQ08-SK2023'));
    expect(existsSync(join(docs, 'TongHopCCHC', 'NQ08-SK2023', 'workspace.json'))).toBe(true);
    expect(await api.workspaceLocation()).toEqual({
      root: join(docs, 'TongHopCCHC'),
      source: 'documents',
      documentsDir: docs,
      syncedBy: null,
      localAlternative: null,
      notice: null,
      pathWarning: null,
    });
    // A folder chosen in the settings wins.
    await api.setSettings({ workspaceRoot: join(dir, 'D') });
    expect((await api.openPeriod({ period: 'NQ08-SK2023' })).period.workspaceDir).toBe(join(dir, 'D', 'NQ08-SK2023'));
  });

  it('says once that a OneDrive folder is synced, and offers a local one', async () => {
    const docs = join(dir, 'OneDrive - Sở Nội vụ', 'Documents');
    const dataDir = join(dir, 'data');
    const api = createEngineApi({ dataDir, documentsDir: docs });
    const first = await api.workspaceLocation();
    expect(first.syncedBy).toBe('OneDrive');
    expect(first.localAlternative).toMatch(/TongHopCCHC$/);
    expect(first.notice).toMatch(
      /^Thư mục làm việc .*OneDrive - Sở Nội vụ.*TongHopCCHC nằm trong thư mục được OneDrive đồng bộ .* Nên dùng thư mục trên máy này: .*TongHopCCHC\.$/,
    );
    // Asked again (a restart), the notice is there until the user acknowledges it.
    expect((await createEngineApi({ dataDir, documentsDir: docs }).workspaceLocation()).notice).toBe(first.notice);
    const acked = await api.acknowledgeLocationNotice();
    expect(acked).toEqual({ ...first, notice: null });
    expect((await createEngineApi({ dataDir, documentsDir: docs }).workspaceLocation()).notice).toBeNull();
    // Taking the offer: the folder is local, nothing to say.
    await api.setSettings({ workspaceRoot: first.localAlternative! });
    expect(await api.workspaceLocation()).toMatchObject({ source: 'settings', syncedBy: null, notice: null });
  });

  it('warns when the folder is too deep for Windows tools', async () => {
    const api = createEngineApi({ dataDir: join(dir, 'data'), documentsDir: join(dir, 'x'.repeat(200)) });
    expect((await api.workspaceLocation()).pathWarning).toMatch(/quá giới hạn 259 ký tự/);
  });
});

describe('a stale lock, taken over after confirmation', () => {
  it('tells who holds the workspace and removes only the lock the user confirmed', async () => {
    const docs = join(dir, 'docs');
    const api = createEngineApi({ dataDir: join(dir, 'data'), documentsDir: docs, prewarm: false });
    const period = findPeriod('NQ08-SK2023')!;
    const wsDir = join(docs, 'TongHopCCHC', 'NQ08-SK2023');
    await openWorkspace(wsDir, { period, create: true });
    expect(await api.workspaceLock({ period: 'NQ08-SK2023' })).toBeNull();

    const lock = join(wsDir, '.lock');
    writeFileSync(
      lock,
      JSON.stringify({
        user: 'Nguyễn Thị B',
        host: 'PC-KETOAN-02',
        pid: 4321,
        since: '2026-11-25T07:05:00.000Z',
        token: '0123456789abcdef',
      }),
    );
    const old = new Date('2026-11-25T07:06:00.000Z');
    utimesSync(lock, old, old);
    const info = await api.workspaceLock({ period: 'NQ08-SK2023' });
    expect(info).toEqual({
      period: 'NQ08-SK2023',
      workspaceDir: wsDir,
      user: 'Nguyễn Thị B',
      machine: 'PC-KETOAN-02',
      since: '2026-11-25T07:05:00.000Z',
      sinceLabel: '25/11/2026 14:05',
      lastActive: '2026-11-25T07:06:00.000Z',
      lastActiveLabel: '25/11/2026 14:06',
      sameMachine: false,
      heldByThisApp: false,
      stale: true,
      token: '0123456789abcdef',
      message: `Thư mục làm việc ${wsDir} đang bị khoá bởi Nguyễn Thị B trên máy PC-KETOAN-02 (tiến trình 4321), từ 14:05 ngày 25/11/2026, nhưng máy đó không còn hoạt động từ 14:06 ngày 25/11/2026 (có thể đã tắt đột ngột hoặc mất mạng). Nếu chắc chắn không ai còn dùng thư mục này trên máy PC-KETOAN-02, hãy xác nhận để giành quyền sử dụng.`,
    });
    // Every operation on the period stops at once with that sentence.
    await expect(api.getBoard({ period: 'NQ08-SK2023' })).rejects.toThrow(info!.message);

    const engine = createEngineApi({ dataDir: join(dir, 'data'), documentsDir: docs, prewarm: false });
    expect(await dispatchApiCall(engine, 'takeOverWorkspaceLock', { period: 'NQ08-SK2023' })).toEqual({
      ok: false,
      message: 'Yêu cầu "takeOverWorkspaceLock" không hợp lệ: Mã khoá sai kiểu dữ liệu.',
    });
    const wrong = await dispatchApiCall(engine, 'takeOverWorkspaceLock', { period: 'NQ08-SK2023', token: 'x' });
    expect(wrong).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Khoá của thư mục làm việc .* đã đổi chủ/),
    });
    expect(
      await dispatchApiCall(engine, 'takeOverWorkspaceLock', { period: 'NQ08-SK2023', token: info!.token }),
    ).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await api.workspaceLock({ period: 'NQ08-SK2023' })).toBeNull();
    const ws = await openWorkspace(wsDir, { period });
    expect(readAudit(ws).at(-1)).toMatchObject({ action: 'lock-taken-over', holder: { host: 'PC-KETOAN-02' } });
    expect((await api.getBoard({ period: 'NQ08-SK2023' })).total).toBe(40);
  });
});

describe('a live lock', () => {
  it("says whom an operation is waiting for, and tells the app's own lock from someone else's", async () => {
    const docs = join(dir, 'docs');
    const api = createEngineApi({ dataDir: join(dir, 'data'), documentsDir: docs, prewarm: false });
    const period = findPeriod('NQ08-SK2023')!;
    const wsDir = join(docs, 'TongHopCCHC', 'NQ08-SK2023');
    await openWorkspace(wsDir, { period, create: true });

    // Another PC is importing right now (its lock was touched a moment ago).
    const lock = join(wsDir, '.lock');
    const holder = {
      user: 'Nguyễn Thị B',
      host: 'PC-KETOAN-02',
      pid: 4321,
      since: new Date().toISOString(),
      token: 'feedfacecafebeef',
    };
    writeFileSync(lock, JSON.stringify(holder));
    const waiting = api.openPeriod({ period: 'NQ08-SK2023' });
    // Asked while the operation waits, the API names the holder; not stale, not this app.
    const info = await api.workspaceLock({ period: 'NQ08-SK2023' });
    expect(info).toMatchObject({
      user: 'Nguyễn Thị B',
      machine: 'PC-KETOAN-02',
      sameMachine: false,
      heldByThisApp: false,
      stale: false,
      message: expect.stringMatching(
        /^Thư mục làm việc .* đang được Nguyễn Thị B trên máy PC-KETOAN-02 \(tiến trình 4321\), từ .* sử dụng; hãy thử lại sau\.$/,
      ),
    });
    // A live lock is never taken over, even with the right token.
    await expect(api.takeOverWorkspaceLock({ period: 'NQ08-SK2023', token: holder.token })).rejects.toThrow(
      /^Không giành quyền được: Nguyễn Thị B trên máy PC-KETOAN-02 .* vẫn đang làm việc với thư mục/,
    );
    // The other PC finishes: the waiting operation goes ahead.
    rmSync(lock);
    await expect(waiting).resolves.toMatchObject({ period: { workspaceDir: wsDir } });

    // While one of this app's own operations holds the folder, the lock is its own.
    await withLock(wsDir, async () => {
      expect(await api.workspaceLock({ period: 'NQ08-SK2023' })).toMatchObject({
        sameMachine: true,
        heldByThisApp: true,
        stale: false,
      });
    });
    expect(await api.workspaceLock({ period: 'NQ08-SK2023' })).toBeNull();
  });
});

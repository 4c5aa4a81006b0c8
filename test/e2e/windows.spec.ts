/**
 * What a clerk on a Windows office PC must be told — the OneDrive notice, a workspace held by
 * another PC (and its take-over), a file held by Excel — reaches the page through the same
 * typed API the Electron preload exposes (`window.tonghop`, bound by `shared-api/bind.ts`),
 * so the screens can show it. The host runs the engine as the desktop shell would: Documents
 * injected, and here a Windows-like file layer that holds files as Excel would.
 */
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../../core/workspace/index.js';
import { faultyFs } from '../../core/workspace/fault-fs.js';
import { findPeriod } from '../../core/period/index.js';
import type { AppApi } from '../../shared-api/app-api.js';
import type { WorkspaceFiles } from '../../core/api/index.js';
import type { Page } from '@playwright/test';
import { expect, shoot, test } from './fixtures.js';
import { startHost, type Host } from './host.js';

const PERIOD = 'NQ08-SK2023';
let root = '';
let host: Host | undefined;

test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tonghop-e2e-win-'));
});
test.afterEach(async () => {
  await host?.close();
  host = undefined;
  await rm(root, { recursive: true, force: true });
});

async function start(documentsDir: string, workspaceFiles?: WorkspaceFiles): Promise<Host> {
  host = await startHost({
    dataDir: join(root, 'data'),
    documentsDir,
    ...(workspaceFiles ? { workspaceFiles } : {}),
  });
  return host;
}

/** The page open on a host whose Documents folder is synced by OneDrive; gives that Documents folder. */
async function openWithOneDriveDocuments(page: Page): Promise<string> {
  const docs = join(root, 'OneDrive - Sở Nội vụ Lai Châu', 'Documents');
  await page.goto((await start(docs)).url);
  return docs;
}

/**
 * The page open on a host whose workspace of PERIOD is held by a lock that a crashed PC left
 * (Nguyễn Thị B on PC-KETOAN-02, last active 14:06 on 25/11/2026); gives the workspace folder.
 */
async function openWithStaleLock(page: Page): Promise<string> {
  const docs = join(root, 'Documents');
  const wsDir = join(docs, 'TongHopCCHC', PERIOD);
  await openWorkspace(wsDir, { period: findPeriod(PERIOD)!, create: true });
  const lock = join(wsDir, '.lock');
  await writeFile(
    lock,
    JSON.stringify({
      user: 'Nguyễn Thị B',
      host: 'PC-KETOAN-02',
      pid: 4321,
      since: '2026-11-25T07:05:00.000Z',
      token: 'a1b2c3d4e5f60718',
    }),
  );
  await utimes(lock, new Date('2026-11-25T07:06:00.000Z'), new Date('2026-11-25T07:06:00.000Z'));
  await page.goto((await start(docs)).url);
  return wsDir;
}

/** Call `window.tonghop[method](arg)` in the page; a refusal comes back as its message. */
type Outcome = { ok: true; value: unknown } | { ok: false; message: string };
function call(page: Page, method: keyof AppApi, arg?: unknown): Promise<Outcome> {
  return page.evaluate(
    async ([m, a]) => {
      const api = (window as unknown as { tonghop: Record<string, (x?: unknown) => Promise<unknown>> }).tonghop;
      try {
        return { ok: true as const, value: await api[m]!(a) };
      } catch (e) {
        return { ok: false as const, message: (e as Error).message };
      }
    },
    [method, arg] as const,
  );
}

test('a Documents folder synced by OneDrive: the page gets the notice once and the local folder to offer', async ({
  page,
  problems,
}) => {
  const docs = await openWithOneDriveDocuments(page);

  const first = await call(page, 'workspaceLocation');
  expect(first).toMatchObject({
    ok: true,
    value: {
      root: join(docs, 'TongHopCCHC'),
      source: 'documents',
      documentsDir: docs,
      syncedBy: 'OneDrive',
      localAlternative: expect.stringMatching(/TongHopCCHC$/),
      notice: expect.stringMatching(
        /^Thư mục làm việc .* nằm trong thư mục được OneDrive đồng bộ .*Nên dùng thư mục trên máy này: /,
      ),
    },
  });
  const seen = await call(page, 'acknowledgeLocationNotice');
  expect(seen).toMatchObject({ ok: true, value: { syncedBy: 'OneDrive', notice: null } });
  // Said once: not again after the window is reloaded.
  await page.reload();
  expect(await call(page, 'workspaceLocation')).toMatchObject({ ok: true, value: { notice: null } });

  // Taking the offer is one settings change; a local folder needs no notice.
  const local = join(root, 'TongHopCCHC');
  expect(await call(page, 'setSettings', { workspaceRoot: local })).toMatchObject({ ok: true });
  expect(await call(page, 'workspaceLocation')).toMatchObject({
    ok: true,
    value: { root: local, source: 'settings', syncedBy: null, notice: null },
  });
  expect(problems).toEqual([]);
});

test('a workspace left locked by a PC that crashed: the page gets who holds it, since when, and takes it over', async ({
  page,
  problems,
}) => {
  const wsDir = await openWithStaleLock(page);

  // The operation stops at once with the sentence naming the holder…
  const refused = await call(page, 'openPeriod', { period: PERIOD });
  expect(refused).toEqual({
    ok: false,
    message: expect.stringMatching(
      /^Thư mục làm việc .* đang bị khoá bởi Nguyễn Thị B trên máy PC-KETOAN-02 \(tiến trình 4321\), từ 14:05 ngày 25\/11\/2026, nhưng máy đó không còn hoạt động từ 14:06 ngày 25\/11\/2026/,
    ),
  });
  // …and the page can ask who holds it, for the confirmation dialog.
  const held = await call(page, 'workspaceLock', { period: PERIOD });
  expect(held).toEqual({
    ok: true,
    value: expect.objectContaining({
      workspaceDir: wsDir,
      user: 'Nguyễn Thị B',
      machine: 'PC-KETOAN-02',
      sinceLabel: '25/11/2026 14:05',
      lastActiveLabel: '25/11/2026 14:06',
      sameMachine: false,
      heldByThisApp: false,
      stale: true,
      token: 'a1b2c3d4e5f60718',
      message: (refused as { message: string }).message,
    }),
  });
  // A token the user did not see is refused; the one shown takes the workspace over.
  expect(await call(page, 'takeOverWorkspaceLock', { period: PERIOD, token: 'ffffffffffffffff' })).toEqual({
    ok: false,
    message: expect.stringMatching(/đã đổi chủ/),
  });
  expect(await call(page, 'takeOverWorkspaceLock', { period: PERIOD, token: 'a1b2c3d4e5f60718' })).toEqual({
    ok: true,
    value: undefined,
  });
  expect(await call(page, 'workspaceLock', { period: PERIOD })).toEqual({ ok: true, value: null });
  expect(await call(page, 'openPeriod', { period: PERIOD })).toMatchObject({
    ok: true,
    value: { period: { workspaceDir: wsDir }, unitCount: 40 },
  });
  expect(problems).toEqual([]);
});

test('the manifest held by Excel: the page gets the Vietnamese sentence naming the file, and the retry works', async ({
  page,
  problems,
}) => {
  const docs = join(root, 'Documents');
  const wsDir = join(docs, 'TongHopCCHC', PERIOD);
  const fs = faultyFs();
  fs.busy({ op: 'rename', path: 'manifest.json', code: 'EPERM', times: Infinity });
  const h = await start(docs, { fileOps: fs, retry: { budgetMs: 300, firstDelayMs: 5, maxDelayMs: 50 } });
  await page.goto(h.url);

  expect(await call(page, 'openPeriod', { period: PERIOD })).toEqual({
    ok: false,
    message: `Không ghi đè được tệp ${join(wsDir, 'manifest.json')} (đã thử lại trong 1 giây): tệp đang được mở trong Excel hoặc phần mềm diệt virus đang quét (cũng có thể OneDrive đang đồng bộ hay Windows đang lập chỉ mục tệp này). Hãy đóng tệp nếu đang mở, chờ một lát rồi thử lại.`,
  });
  expect(fs.injected).toBeGreaterThan(1);
  // Nothing is left held: no lock, and once Excel lets go the same request works.
  expect(await call(page, 'workspaceLock', { period: PERIOD })).toEqual({ ok: true, value: null });
  fs.release();
  expect(await call(page, 'openPeriod', { period: PERIOD })).toMatchObject({
    ok: true,
    value: { period: { workspaceDir: wsDir }, unitCount: 40 },
  });
  expect(problems).toEqual([]);
});

test('the window says once, at start, that Documents is synced by OneDrive, and moves the workspaces to this PC when asked', async ({
  page,
  problems,
}) => {
  await openWithOneDriveDocuments(page);
  const dialog = page.getByRole('dialog', { name: 'Thư mục làm việc đang được OneDrive đồng bộ' });
  await expect(dialog).toBeVisible();
  const { value: where } = (await call(page, 'workspaceLocation')) as {
    value: { notice: string; localAlternative: string };
  };
  await expect(dialog.locator('.location-notice')).toHaveText(where.notice);
  await shoot(page, '12-onedrive');
  await dialog.getByRole('button', { name: 'Dùng thư mục trên máy này' }).click();
  await expect(dialog).toBeHidden();
  expect(await call(page, 'getSettings')).toMatchObject({ ok: true, value: { workspaceRoot: where.localAlternative } });
  // Said once: not again when the app starts again.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Kỳ báo cáo' })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a period whose workspace a crashed PC left locked: the window names the holder and takes it over after a confirmation', async ({
  page,
  problems,
}) => {
  const wsDir = await openWithStaleLock(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Kỳ báo cáo' })).toBeVisible();
  await page.getByRole('button', { name: `Mở kỳ ${PERIOD}` }).click();

  const notice = page.locator('.lock-notice');
  await expect(notice).toContainText(
    `Thư mục làm việc ${wsDir} đang bị khoá bởi Nguyễn Thị B trên máy PC-KETOAN-02 (tiến trình 4321), từ 14:05 ngày 25/11/2026, nhưng máy đó không còn hoạt động từ 14:06 ngày 25/11/2026`,
  );
  await notice.getByRole('button', { name: 'Giành quyền sử dụng…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Giành quyền sử dụng thư mục làm việc?' });
  await expect(confirm).toContainText('Chỉ giành quyền khi chắc chắn Nguyễn Thị B trên máy PC-KETOAN-02');
  await shoot(page, '13-khoa-thu-muc');
  // Cancelled: nothing is taken over.
  await confirm.getByRole('button', { name: 'Huỷ' }).click();
  expect(await call(page, 'workspaceLock', { period: PERIOD })).toMatchObject({ ok: true, value: { stale: true } });
  await notice.getByRole('button', { name: 'Giành quyền sử dụng…' }).click();
  await confirm.getByRole('button', { name: 'Giành quyền sử dụng' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.locator('.period-select')).toContainText(PERIOD);
  await expect(page.locator('.period-facts')).toContainText('đã nhận 0/40 đơn vị');
  expect(await call(page, 'workspaceLock', { period: PERIOD })).toEqual({ ok: true, value: null });
  await page
    .getByRole('navigation', { name: 'Các bước của kỳ báo cáo' })
    .getByRole('menuitem', { name: 'Nhật ký' })
    .click();
  await expect(page.locator('.audit-table')).toContainText(
    'Giành quyền sử dụng thư mục làm việc đang bị khoá bởi Nguyễn Thị B trên máy PC-KETOAN-02 (máy đó không còn hoạt động).',
  );
  expect(problems).toEqual([]);
});

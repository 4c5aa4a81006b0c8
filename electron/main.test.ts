/**
 * The desktop shell started for real — `electron/main.ts` and everything it sets up — against
 * the recording fake of the `electron` module (test/fakes/electron.ts): what it asks of
 * Electron, in which order, and how what it set up behaves when the app's page, another
 * page, a second launch or the OS talk to it. The Electron binary is never needed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, apiChannel, type ApiMethod } from '../shared-api/app-api.js';
import { recorder } from '../test/fakes/electron.js';

vi.mock('electron', async () => await import('../test/fakes/electron.js'));

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = 'app://tonghop/index.html';
const REFUSED = { ok: false, message: 'Yêu cầu bị từ chối vì không đến từ cửa sổ của ứng dụng.' };
let tmp = '';

/** Load main.ts afresh (it runs at import) and let its `whenReady` continuation run. */
async function start(): Promise<void> {
  vi.resetModules();
  await import('./main.js');
  await new Promise((r) => setTimeout(r, 0));
}

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'tonghop-shell-'));
  recorder.reset();
  recorder.paths.set('documents', join(tmp, 'Tài liệu'));
  process.env.TONGHOP_DATA_DIR = join(tmp, 'data');
});
afterEach(() => {
  delete process.env.TONGHOP_DATA_DIR;
  rmSync(tmp, { recursive: true, force: true });
});

describe('start-up', () => {
  it('sandboxes every renderer, declares the app scheme and takes the single-instance lock before the app is ready', async () => {
    await start();
    const names = recorder.names();
    const ready = names.indexOf('app.whenReady');
    expect(names.slice(0, ready)).toEqual([
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged',
      'app.setPath',
      'app.requestSingleInstanceLock',
      'app.on',
      'app.on',
    ]);
    expect(recorder.calls[1]?.args).toEqual(['app']);
    expect(recorder.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(recorder.paths.get('userData')).toBe(join(tmp, 'data'));
    // When ready: the scheme is served, every web contents locked down before the window exists.
    const after = names.slice(ready);
    expect(after.indexOf('protocol.handle')).toBeLessThan(after.indexOf('new BrowserWindow'));
    expect(after.indexOf('session.setPermissionRequestHandler')).toBeLessThan(after.indexOf('new BrowserWindow'));
    expect(after.indexOf('ipcMain.handle')).toBeLessThan(after.indexOf('new BrowserWindow'));
    expect([...recorder.protocolHandlers.keys()]).toEqual(['app']);
  });

  it('opens one window: isolated, sandboxed, no Node, web security on, the bundled preload, the app page', async () => {
    await start();
    expect(recorder.windows).toHaveLength(1);
    const win = recorder.windows[0]!;
    expect(win.options.webPreferences).toEqual({
      preload: join(ROOT, 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(win.options).toMatchObject({ title: 'Tổng hợp CCHC', show: false });
    expect(win.loaded).toEqual([PAGE]);
    win.emit('ready-to-show');
    expect(recorder.names()).toContain('BrowserWindow.show');
  });

  it('when another instance holds the lock, quits and sets nothing up', async () => {
    recorder.singleInstance = false;
    await start();
    expect(recorder.names()).toContain('app.quit');
    expect(recorder.windows).toEqual([]);
    expect(recorder.handlers.size).toBe(0);
    expect(recorder.names()).not.toContain('app.whenReady');
  });

  it('a second launch brings the existing window back instead of opening another', async () => {
    await start();
    const win = recorder.windows[0]!;
    win.minimized = true;
    for (const fn of recorder.appListeners.get('second-instance') ?? []) fn({}, ['tong-hop-cchc.exe'], tmp);
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(1);
    expect(recorder.windows).toHaveLength(1);
    // With every window closed, the app quits (Windows, Linux).
    const quitsBefore = recorder.names().filter((n) => n === 'app.quit').length;
    for (const fn of recorder.appListeners.get('window-all-closed') ?? []) fn();
    expect(recorder.names().filter((n) => n === 'app.quit').length).toBe(quitsBefore + 1);
  });
});

describe('the API over IPC', () => {
  it('binds every API method, once, to its own channel — and nothing else', async () => {
    await start();
    expect([...recorder.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => apiChannel(m)).sort());
    expect(recorder.names().filter((n) => n === 'ipcMain.handle')).toHaveLength(API_METHODS.length);
    expect(recorder.names().filter((n) => /^ipcMain\.(on|once|handleOnce)$/.test(n))).toEqual([]);
  });

  it('answers no frame but the app page: other sites, other app pages, file://, a detached frame', async () => {
    await start();
    const strangers = [
      'https://example.com/',
      'app://tonghop/other.html',
      'app://evil/index.html',
      `file://${join(ROOT, 'build', 'renderer', 'index.html')}`,
      'about:blank',
      null,
    ];
    for (const method of API_METHODS) {
      for (const url of strangers)
        expect(await recorder.invoke(apiChannel(method), url, undefined), `${method} ${url}`).toEqual(REFUSED);
    }
    // Nothing reached the engine: no settings were written, no dialog shown, nothing opened.
    expect(recorder.names().filter((n) => n.startsWith('dialog.') || n.startsWith('shell.'))).toEqual([]);
  });

  it('validates every argument before the engine sees it, with a Vietnamese message', async () => {
    await start();
    const bogus = { hacker: true, __proto__: { polluted: 1 } };
    for (const method of API_METHODS) {
      const reply = (await recorder.invoke(apiChannel(method), `${PAGE}#/ky-bao-cao`, bogus)) as {
        ok: boolean;
        message?: string;
      };
      expect(reply.ok, method).toBe(false);
      expect(reply.message, method).toMatch(new RegExp(`^Yêu cầu "${method}" không hợp lệ: `));
    }
    expect(await recorder.invoke(apiChannel('appInfo' as ApiMethod), PAGE, undefined)).toMatchObject({
      ok: true,
      value: { shell: 'desktop', dataDir: join(tmp, 'data'), productName: 'Tổng hợp CCHC' },
    });
  });

  it("gives the engine Documents as Windows names it (app.getPath('documents'))", async () => {
    await start();
    expect(await recorder.invoke('api:workspaceLocation', PAGE)).toMatchObject({
      ok: true,
      value: { root: join(tmp, 'Tài liệu', 'TongHopCCHC'), source: 'documents', documentsDir: join(tmp, 'Tài liệu') },
    });
  });

  it('opens only what lies in the workspace folder or the data folder', async () => {
    await start();
    const reply = (await recorder.invoke('api:openPath', PAGE, tmp)) as {
      ok: boolean;
      value: { ok: boolean; message: string };
    };
    expect(reply.value.ok).toBe(false);
    expect(recorder.opened).toEqual([]);
    await recorder.invoke('api:openPath', PAGE, join(tmp, 'data'));
    expect(recorder.opened).toEqual([join(tmp, 'data')]);
  });
});

describe('what pages may do', () => {
  it('refuses navigation away from the app, new windows, webviews and every permission', async () => {
    await start();
    const contents = recorder.createWebContents();
    expect(contents.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///C:/Windows/win.ini')).toBe(true);
    expect(contents.fire('will-frame-navigate', 'https://example.com/')).toBe(true);
    expect(contents.fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.fire('will-navigate', `${PAGE}#/cai-dat`)).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const granted: boolean[] = [];
    for (const p of ['geolocation', 'notifications', 'media', 'clipboard-read'])
      recorder.permissionRequest?.({}, p, (g: boolean) => granted.push(g));
    expect(granted).toEqual([false, false, false, false]);
    expect(recorder.permissionCheck?.({}, 'media')).toBe(false);
  });
});

describe('the menu', () => {
  it('is Vietnamese; developer tools only in an unpackaged run', async () => {
    await start();
    type Item = { label?: string; role?: string; submenu?: Item[] };
    const menu = recorder.menus.at(-1) as Item[];
    expect(menu.map((m) => m.label)).toEqual(['Tệp', 'Chỉnh sửa', 'Xem', 'Trợ giúp']);
    expect(menu[0]?.submenu?.map((i) => [i.label, i.role])).toEqual([['Thoát', 'quit']]);
    const view = (m: Item[]) => (m[2]?.submenu ?? []).map((i) => i.label).filter(Boolean);
    expect(view(menu)).toContain('Công cụ phát triển');
    recorder.reset();
    recorder.isPackaged = true;
    // A packaged app keeps its data in Electron's own userData folder (TONGHOP_DATA_DIR is for
    // unpackaged runs only): here one inside the test's folder, never one on the real disk.
    recorder.paths.set('userData', join(tmp, 'userData'));
    recorder.paths.set('documents', join(tmp, 'Tài liệu'));
    await start();
    expect(existsSync(join(tmp, 'userData'))).toBe(true);
    expect(view(recorder.menus.at(-1) as Item[])).not.toContain('Công cụ phát triển');
    expect(view(recorder.menus.at(-1) as Item[])).toEqual([
      'Tải lại',
      'Cỡ chữ gốc',
      'Phóng to',
      'Thu nhỏ',
      'Toàn màn hình',
    ]);
  });
});

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session } from 'electron';
import { INDEX_URL } from './protocol.js';
import { isTrustedUrl, type TrustedOrigins } from './sender-check.js';

/** build/electron: the compiled main process, next to preload.cjs and ../renderer. */
const here = dirname(fileURLToPath(import.meta.url));

/** The built renderer, served over the app's own scheme (`protocol.ts`). */
export const RENDERER_DIR = join(here, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;

/** Where the app's pages come from: the app's scheme, or the dev server in an unpackaged run. */
export function rendererOrigins(): TrustedOrigins {
  const devServerUrl = process.env.TONGHOP_DEV_SERVER_URL;
  return !app.isPackaged && devServerUrl ? { indexUrl: INDEX_URL, devServerUrl } : { indexUrl: INDEX_URL };
}

/**
 * Lock down every web contents the app will ever create: no navigation of any frame away from
 * the app's own page, no redirect elsewhere, no new windows, no `<webview>`, and every
 * permission request (camera, geolocation, notifications, …) refused. Call once, when the app
 * is ready.
 */
export function setupWindows(trusted: TrustedOrigins): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isTrustedUrl(event.url, trusted)) event.preventDefault();
    });
    // Frames too: an iframe must not be sent to another page either.
    contents.on('will-frame-navigate', (event) => {
      if (!isTrustedUrl(event.url, trusted)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isTrustedUrl(event.url, trusted)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Create (or return) the main window, showing the app's own page with the sandboxed preload. */
export function createMainWindow(trusted: TrustedOrigins): BrowserWindow {
  if (mainWindow && !mainWindow.isDestroyed()) return mainWindow;
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    title: 'Tổng hợp CCHC',
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(trusted.devServerUrl ?? trusted.indexUrl);
  mainWindow = win;
  return win;
}

/** Bring the main window to the front (a second launch of the app lands here). */
export function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

import { app, BrowserWindow } from 'electron';
import { startEngineWorker, workerApi } from '../core/api/index.js';
import { setupDialogs } from './dialogs.js';
import { setupIpc } from './ipc.js';
import { setupMenu } from './menu.js';
import { setupSettings } from './settings.js';
import { createMainWindow, focusMainWindow, rendererOrigins, setupWindows } from './windows.js';

// Every renderer is sandboxed, whatever a window's own options say.
app.enableSandbox();
const dataDir = setupSettings();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(() => {
    const trusted = rendererOrigins();
    setupWindows(trusted);
    // The engine runs in a worker thread: imports, reconciliation and PDFs never block this process.
    setupIpc(workerApi(startEngineWorker({ dataDir, dialogs: setupDialogs(), shell: 'desktop' })), trusted);
    setupMenu();
    createMainWindow(trusted);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(trusted);
    });
  });
}

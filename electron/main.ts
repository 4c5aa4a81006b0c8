import { app, BrowserWindow } from 'electron';
import { startEngineWorker, workerApi } from '../core/api/index.js';
import type { AppApi } from '../shared-api/app-api.js';
import { setupDialogs } from './dialogs.js';
import { setupIpc } from './ipc.js';
import { setupMenu } from './menu.js';
import { registerAppScheme, setupProtocol } from './protocol.js';
import { setupSettings } from './settings.js';
import { createMainWindow, focusMainWindow, RENDERER_DIR, rendererOrigins, setupWindows } from './windows.js';

// Every renderer is sandboxed, whatever a window's own options say.
app.enableSandbox();
// The app's own scheme must be declared before the app is ready.
registerAppScheme();
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
    setupProtocol(RENDERER_DIR);
    setupWindows(trusted);
    // Documents as Windows names it: follows folder redirection and OneDrive (not homedir()/Documents).
    const documentsDir = app.getPath('documents');
    // "Open" reaches only the workspace root and the app's data folder (and folders picked in a dialog).
    const roots = async (): Promise<string[]> => [dataDir, (await api.workspaceLocation()).root];
    // The engine runs in a worker thread: imports, reconciliation and PDFs never block this process.
    const api: AppApi = workerApi(
      startEngineWorker({ dataDir, documentsDir, dialogs: setupDialogs(roots), shell: 'desktop' }),
    );
    setupIpc(api, trusted);
    setupMenu();
    createMainWindow(trusted);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(trusted);
    });
  });
}

import { BrowserWindow, dialog, shell } from 'electron';
import type { Dialogs } from '../core/api/index.js';

/** The desktop dialogs the engine API delegates to: a native folder picker and "open with". */
export function setupDialogs(): Dialogs {
  return {
    async chooseFolder(request) {
      const options: Electron.OpenDialogOptions = {
        title: request.title ?? 'Chọn thư mục',
        buttonLabel: 'Chọn',
        properties: ['openDirectory', 'createDirectory'],
        ...(request.defaultPath ? { defaultPath: request.defaultPath } : {}),
      };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    openPath: (path) => shell.openPath(path),
    async chooseFiles(request) {
      const options: Electron.OpenDialogOptions = {
        title: request.title ?? 'Chọn tệp',
        buttonLabel: 'Chọn',
        filters: request.filters,
        properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseSavePath(request) {
      const options: Electron.SaveDialogOptions = {
        title: request.title ?? 'Lưu tệp',
        buttonLabel: 'Lưu',
        defaultPath: request.defaultName,
        filters: request.filters,
      };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

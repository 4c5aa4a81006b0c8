import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { BrowserWindow, dialog, shell } from 'electron';
import type { Dialogs } from '../core/api/index.js';

/** Why `openPath` refused: Electron's contract is '' on success, otherwise a text the engine shows. */
export const OUTSIDE_MESSAGE =
  'ứng dụng chỉ mở tệp và thư mục nằm trong thư mục làm việc của ứng dụng hoặc trong thư mục bạn đã chọn.';

/** The real path (links resolved) of an existing path, or its plain absolute form. */
async function real(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `target` is `root` or lies under it (case-insensitively where the platform is). */
export function isWithin(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/**
 * The desktop dialogs the engine API delegates to: a native folder picker and "open with".
 * `openPath` opens only what lies in one of `roots()` (the workspace root and the app's data
 * folder) or in a folder the clerk picked with the dialog during this run, links resolved
 * first, so that a page of the app can never have the system open an arbitrary file.
 */
export function setupDialogs(roots: () => Promise<string[]> | string[]): Dialogs {
  const picked = new Set<string>();
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
      const chosen = result.canceled ? null : (result.filePaths[0] ?? null);
      if (chosen) picked.add(await real(chosen));
      return chosen;
    },
    async openPath(path) {
      const target = await real(path);
      const allowed = [...(await Promise.all((await roots()).map(real))), ...picked];
      if (!allowed.some((root) => isWithin(root, target))) return OUTSIDE_MESSAGE;
      return shell.openPath(target);
    },
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
      if (result.canceled || !result.filePath) return null;
      // What the clerk saves may be opened afterwards ("Mở báo cáo đã ký").
      picked.add(await real(dirname(result.filePath)));
      return result.filePath;
    },
  };
}

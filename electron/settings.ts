import { mkdirSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { app } from 'electron';

/**
 * Decide where the app keeps its data and settings: Electron's per-user `userData` folder,
 * or `TONGHOP_DATA_DIR` (an absolute path) in an unpackaged run, so end-to-end runs get a
 * fresh folder. Settings themselves are read and written by `core/api` with `conf`, the
 * same code the browser test host and the tests use. Call before `app` is ready.
 */
export function setupSettings(): string {
  const override = process.env.TONGHOP_DATA_DIR;
  if (!app.isPackaged && override && isAbsolute(override)) app.setPath('userData', override);
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  return dataDir;
}

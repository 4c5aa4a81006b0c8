import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEngineApi, DEFAULT_SETTINGS } from './index.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-notepad-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps settings.json edited in Notepad (UTF-8 with a BOM, CRLF) instead of resetting it', async () => {
  const edited = JSON.stringify(
    { ...DEFAULT_SETTINGS, report: { ...DEFAULT_SETTINGS.report, signerName: 'Lò Văn Tú' } },
    null,
    2,
  );
  writeFileSync(join(dir, 'settings.json'), '\uFEFF' + edited.replace(/\n/g, '\r\n'));
  const api = createEngineApi({ dataDir: dir });
  expect((await api.getSettings()).report.signerName).toBe('Lò Văn Tú');
  // The next save keeps the value and writes plain JSON.
  await api.setSettings({ report: { place: 'Lai Châu' } });
  expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).report.signerName).toBe('Lò Văn Tú');
});

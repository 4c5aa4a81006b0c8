/**
 * The shell's defences that do not need the Electron binary: the renderer served from the
 * app's own scheme with its CSP as a header, no `file://` privilege, and "open" limited to the
 * workspace and to what the clerk picked. Run against a stand-in for the 'electron' module.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
const require = createRequire(import.meta.url);
const tmp = mkdtempSync(join(tmpdir(), 'shell-security-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fake = vi.hoisted(() => {
  const opened: string[] = [];
  const state = { pick: null as string | null };
  return {
    opened,
    state,
    electron: {
      protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
      shell: {
        openPath: async (p: string) => {
          opened.push(p);
          return '';
        },
      },
      dialog: {
        showOpenDialog: async () =>
          state.pick ? { canceled: false, filePaths: [state.pick] } : { canceled: true, filePaths: [] },
      },
      BrowserWindow: { getFocusedWindow: () => null },
    },
  };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { serveRenderer, CONTENT_SECURITY_POLICY, INDEX_URL } = await import('./protocol.js');
const { setupDialogs, OUTSIDE_MESSAGE } = await import('./dialogs.js');

describe('the app scheme', () => {
  const renderer = join(tmp, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp, 'secret.json'), '{"password":"x"}');
  const get = (url: string, method = 'GET') => serveRenderer(new Request(url, { method }), renderer);

  it('serves the built renderer with the CSP of index.html as a header', async () => {
    const meta = read('renderer/index.html').match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    expect(CONTENT_SECURITY_POLICY).toBe(meta);
    expect(INDEX_URL).toBe('app://tonghop/index.html');
    const page = await get(INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>x</title>');
    const script = await get('app://tonghop/assets/app.js?v=1');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves the built page as it starts: the early-calls entry (async, after the CSP), the bundle, the preloaded board and the chunks loaded on demand', async () => {
    const built = join(ROOT, 'build', 'renderer');
    if (!existsSync(join(built, 'index.html'))) {
      throw new Error('build/ is incomplete: run `npm run build` before this test (npm test does).');
    }
    const fetchApp = (path: string) => serveRenderer(new Request(`app://tonghop/${path}`), built);
    const html = await (await fetchApp('index.html')).text();
    const scripts = [
      ...html.matchAll(/<script type="module"( async)? crossorigin src="\.\/(assets\/[^"]+\.js)"><\/script>/g),
    ];
    // The start entry first (async: it runs as soon as it is loaded), then the app's bundle.
    expect(scripts.map((m) => [Boolean(m[1]), /\/start-[^/]+\.js$/.test(m[2] ?? '')])).toEqual([
      [true, true],
      [false, false],
    ]);
    // Both after the CSP meta, which covers only what follows it.
    for (const m of scripts) expect(html.indexOf(m[0])).toBeGreaterThan(html.indexOf('Content-Security-Policy'));
    const preloads = [...html.matchAll(/<link rel="modulepreload" crossorigin href="\.\/(assets\/[^"]+\.js)">/g)].map(
      (m) => m[1] as string,
    );
    expect(preloads.some((f) => /\/board-[^/]+\.js$/.test(f))).toBe(true);
    // The charts are not on the first path.
    expect(preloads.some((f) => /echart/.test(f))).toBe(false);
    const bundle = scripts[1]?.[2] as string;
    const onDemand = (code: string) => [...code.matchAll(/import\("\.\/([^"]+\.js)"\)/g)].map((m) => `assets/${m[1]}`);
    const bundleCode = await (await fetchApp(bundle)).text();
    const board = preloads.find((f) => /\/board-/.test(f)) as string;
    const lazy = [...onDemand(bundleCode), ...onDemand(await (await fetchApp(board)).text())];
    expect(lazy.some((f) => /\/echart-/.test(f))).toBe(true);
    for (const f of [...scripts.map((m) => m[2] as string), ...preloads, ...lazy]) {
      const r = await fetchApp(f);
      expect(r.status, f).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('serves nothing outside the renderer folder, of another host, or not a GET', async () => {
    const refused = [
      'app://tonghop/../secret.json',
      'app://tonghop/%2e%2e/secret.json',
      'app://tonghop/assets/%2e%2e%2f%2e%2e%2fsecret.json',
      'app://tonghop/..%5csecret.json',
      'app://tonghop/%00index.html',
      'app://tonghop/%E0%A4%A',
      'app://other/index.html',
      'app://tonghop/missing.js',
      'app://tonghop/assets',
      'file:///etc/hostname',
    ];
    for (const url of refused) {
      const r = await get(url);
      expect(r.status, url).toBe(404);
      expect(r.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await r.text(), url).not.toContain('password');
    }
    expect((await get(INDEX_URL, 'POST')).status).toBe(404);
  });

  it('is what the window loads; file:// is never loaded nor trusted, and keeps no extra privilege', () => {
    const windows = read('electron/windows.ts');
    expect(windows).not.toMatch(/loadFile\(|pathToFileURL/);
    expect(windows).toContain("contents.on('will-frame-navigate'");
    const main = read('electron/main.ts');
    expect(main.indexOf('registerAppScheme()')).toBeGreaterThan(-1);
    expect(main.indexOf('registerAppScheme()')).toBeLessThan(main.indexOf('app.whenReady()'));
    expect(main).toContain('setupProtocol(RENDERER_DIR)');
    const yaml = require('js-yaml') as { load(text: string): { electronFuses: Record<string, boolean> } };
    expect(yaml.load(read('electron-builder.yml')).electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
  });
});

describe('"open" reaches only the workspace and what the clerk picked', () => {
  const workspace = join(tmp, 'TongHopCCHC');
  const data = join(tmp, 'userData');
  const outside = join(tmp, 'elsewhere');
  for (const d of [join(workspace, 'NQ08-SK2023'), data, outside]) mkdirSync(d, { recursive: true });
  const report = join(workspace, 'NQ08-SK2023', 'baocao.pdf');
  writeFileSync(report, '%PDF-1.7');
  writeFileSync(join(outside, 'evil.pdf'), '%PDF-1.7');
  symlinkSync(join(outside, 'evil.pdf'), join(workspace, 'link.pdf'));
  const dialogs = setupDialogs(async () => [workspace, data]);

  it('opens what lies in the workspace root or the data folder', async () => {
    fake.opened.length = 0;
    expect(await dialogs.openPath(report)).toBe('');
    expect(await dialogs.openPath(join(workspace, 'NQ08-SK2023'))).toBe('');
    expect(await dialogs.openPath(data)).toBe('');
    expect(fake.opened).toEqual([report, join(workspace, 'NQ08-SK2023'), data]);
  });

  it('refuses anything else: another folder, a way out with "..", a link leading out', async () => {
    fake.opened.length = 0;
    for (const p of [
      join(outside, 'evil.pdf'),
      join(workspace, '..', 'elsewhere', 'evil.pdf'),
      join(workspace, 'link.pdf'),
      `${workspace}-other`,
      '/',
    ]) {
      expect(await dialogs.openPath(p), p).toBe(OUTSIDE_MESSAGE);
    }
    expect(fake.opened).toEqual([]);
  });

  it('opens a folder picked in the dialog, and what is in it', async () => {
    fake.opened.length = 0;
    expect(await dialogs.openPath(join(outside, 'evil.pdf'))).toBe(OUTSIDE_MESSAGE);
    fake.state.pick = outside;
    expect(await dialogs.chooseFolder({ title: 'Chọn' })).toBe(outside);
    expect(await dialogs.openPath(join(outside, 'evil.pdf'))).toBe('');
    expect(fake.opened).toEqual([join(outside, 'evil.pdf')]);
  });

  it('through the engine API the refusal is a Vietnamese sentence naming the path', async () => {
    const { createEngineApi } = await import('../core/api/index.js');
    const api = createEngineApi({ dataDir: data, dialogs: setupDialogs(() => [workspace, data]) });
    const stranger = join(tmp, 'stranger.pdf');
    writeFileSync(stranger, '%PDF-1.7');
    expect(await api.openPath(stranger)).toEqual({
      ok: false,
      message: `Không mở được "${stranger}": ${OUTSIDE_MESSAGE}`,
    });
  });
});

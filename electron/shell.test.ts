import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { API_METHODS, type ApiReply, type AppApi } from '../shared-api/app-api.js';
import { recorder } from '../test/fakes/electron.js';
import { isTrustedUrl, type TrustedOrigins } from './sender-check.js';

// The Electron binary is not available here: these tests read the shell's sources and run
// its modules against the recording fake of the 'electron' module (test/fakes/electron.ts);
// main.test.ts starts the whole shell against it.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
const require = createRequire(import.meta.url);

vi.mock('electron', async () => await import('../test/fakes/electron.js'));

/** Parse a shell source file into a TypeScript AST. */
function parse(rel: string): ts.SourceFile {
  return ts.createSourceFile(rel, read(rel), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function findAll<T extends ts.Node>(node: ts.Node, test: (n: ts.Node) => n is T): T[] {
  const out: T[] = [];
  const visit = (n: ts.Node) => {
    if (test(n)) out.push(n);
    n.forEachChild(visit);
  };
  visit(node);
  return out;
}

const shellSources = readdirSync(join(ROOT, 'electron')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const TRUSTED: TrustedOrigins = { indexUrl: 'app://tonghop/index.html' };

describe('the main window', () => {
  const windowsTs = parse('electron/windows.ts');
  const created = findAll(windowsTs, ts.isNewExpression).filter((n) => n.expression.getText() === 'BrowserWindow');
  const webPreferences = () => {
    const options = created[0]?.arguments?.[0];
    if (!options || !ts.isObjectLiteralExpression(options)) throw new Error('BrowserWindow options not literal');
    const prop = options.properties.find((p) => p.name?.getText() === 'webPreferences');
    if (!prop || !ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) {
      throw new Error('webPreferences not literal');
    }
    return Object.fromEntries(
      prop.initializer.properties
        .filter(ts.isPropertyAssignment)
        .map((p) => [p.name.getText(), p.initializer.getText()]),
    );
  };

  it('is created in one place, isolated, sandboxed, without Node and with web security', () => {
    expect(created).toHaveLength(1);
    expect(webPreferences()).toMatchObject({
      contextIsolation: 'true',
      sandbox: 'true',
      nodeIntegration: 'false',
      nodeIntegrationInWorker: 'false',
      nodeIntegrationInSubFrames: 'false',
      webSecurity: 'true',
      allowRunningInsecureContent: 'false',
      webviewTag: 'false',
      preload: "join(here, 'preload.cjs')",
    });
  });

  it('has the same options when the module runs, and loads index.html from the app scheme', async () => {
    const { createMainWindow } = await import('./windows.js');
    createMainWindow(TRUSTED);
    const win = recorder.windows.at(-1);
    const prefs = win?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe(join(ROOT, 'electron', 'preload.cjs'));
    expect(win?.loaded).toEqual(['app://tonghop/index.html']);
    expect(win?.options.title).toBe('Tổng hợp CCHC');
  });
});

describe('the preload', () => {
  const preloadTs = parse('electron/preload.ts');
  const text = read('electron/preload.ts');

  it('exposes one object, built over API_METHODS, that ends with `satisfies AppApi`', () => {
    const satisfies = findAll(preloadTs, ts.isSatisfiesExpression);
    expect(satisfies).toHaveLength(1);
    expect(satisfies[0]?.type.getText()).toBe('AppApi');
    expect(satisfies[0]?.parent && ts.isVariableDeclaration(satisfies[0].parent)).toBe(true);
    const exposes = findAll(preloadTs, ts.isCallExpression).filter((c) =>
      /exposeInMainWorld$/.test(c.expression.getText()),
    );
    expect(exposes.map((c) => c.arguments.map((a) => a.getText()))).toEqual([["'tonghop'", 'api']]);
    expect(text).toMatch(/ipcRenderer\.invoke\(apiChannel\(method\), arg\)/);
  });

  it('passes no raw IPC through: no send, on, once, sendSync, postMessage or the ipcRenderer object itself', () => {
    expect(text).not.toMatch(/ipcRenderer\.(send|sendSync|sendToHost|on|once|addListener|postMessage)\b/);
    const exposedArgs = findAll(preloadTs, ts.isCallExpression)
      .filter((c) => /exposeInMainWorld$/.test(c.expression.getText()))
      .flatMap((c) => c.arguments.map((a) => a.getText()));
    expect(exposedArgs.join(' ')).not.toMatch(/ipcRenderer|invoke/);
  });

  it('at run time exposes exactly the API methods, each invoking its own channel and unwrapping the reply', async () => {
    await import('./preload.js');
    expect(recorder.exposed.map((e) => e.key)).toEqual(['tonghop']);
    const api = recorder.exposed[0]?.api as AppApi;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    expect(Object.isFrozen(api)).toBe(true);

    recorder.reply = { ok: true, value: { signerName: 'Lò Văn Tú' } } satisfies ApiReply;
    await expect(api.setSettings({ report: { signerName: 'Lò Văn Tú' } })).resolves.toEqual({
      signerName: 'Lò Văn Tú',
    });
    expect(recorder.invoked.at(-1)).toEqual({
      channel: 'api:setSettings',
      arg: { report: { signerName: 'Lò Văn Tú' } },
    });

    recorder.reply = { ok: false, message: 'Không lưu được cài đặt: Họ tên người ký dài quá 100 ký tự.' };
    await expect(api.getSettings()).rejects.toThrow('Không lưu được cài đặt: Họ tên người ký dài quá 100 ký tự.');
    expect(recorder.invoked.at(-1)).toEqual({ channel: 'api:getSettings', arg: undefined });

    recorder.reply = 'garbage';
    await expect(api.listPeriods()).rejects.toThrow('Ứng dụng trả lời yêu cầu "listPeriods" không đúng định dạng.');
  });

  it('bundles into a self-contained CommonJS file that requires nothing but electron', async () => {
    const { build } = await import('vite');
    const out = await build({
      configFile: join(ROOT, 'vite.preload.config.ts'),
      logLevel: 'silent',
      build: { write: false },
    });
    const outputs = (Array.isArray(out) ? out : [out]) as Array<{
      output: Array<{ type: string; fileName: string; code?: string }>;
    }>;
    const chunk = outputs[0]?.output.find((o) => o.type === 'chunk');
    expect(chunk?.fileName).toBe('preload.cjs');
    const code = chunk?.code ?? '';
    expect([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);

    const exposed: Record<string, unknown> = {};
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return {
        contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
        ipcRenderer: { invoke: async () => ({ ok: true, value: 1 }) },
      };
    };
    runInNewContext(code, { require: sandboxRequire, exports: {}, module: { exports: {} } });
    expect(Object.keys(exposed)).toEqual(['tonghop']);
    expect(Object.keys(exposed.tonghop as object).sort()).toEqual([...API_METHODS].sort());
  });
});

describe('the IPC binding', () => {
  it('calls ipcMain.handle in one place only, behind the sender check, and never ipcMain.on', () => {
    const all = shellSources.map((f) => read(`electron/${f}`)).join('\n');
    expect(all.match(/ipcMain\.handle\(/g)).toHaveLength(1);
    expect(all).not.toMatch(/ipcMain\.(on|once|handleOnce)\(/);
    const ipcTs = parse('electron/ipc.ts');
    const handle = findAll(ipcTs, ts.isCallExpression).find((c) => c.expression.getText() === 'ipcMain.handle');
    const fn = handle?.arguments[1];
    expect(fn && ts.isArrowFunction(fn) && ts.isBlock(fn.body)).toBe(true);
    const firstStatement = fn && ts.isArrowFunction(fn) && ts.isBlock(fn.body) ? fn.body.statements[0] : undefined;
    expect(firstStatement?.getText()).toBe('if (!isTrustedUrl(event.senderFrame?.url, trusted)) return REFUSED;');
  });

  it('binds every API method to api:<name>, drops unknown senders and validates arguments', async () => {
    const { setupIpc } = await import('./ipc.js');
    const calls: string[] = [];
    const engine = Object.fromEntries(
      API_METHODS.map((m) => [
        m,
        async (arg: unknown) => {
          calls.push(m);
          return { echoed: arg ?? null };
        },
      ]),
    ) as unknown as AppApi;
    setupIpc(engine, TRUSTED);
    expect([...recorder.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `api:${m}`).sort());

    const call = (channel: string, url: string | undefined, arg?: unknown) =>
      recorder.invoke(channel, url === undefined ? null : url, arg);
    const refused = { ok: false, message: 'Yêu cầu bị từ chối vì không đến từ cửa sổ của ứng dụng.' };
    expect(await call('api:getSettings', 'https://example.com/')).toEqual(refused);
    expect(await call('api:getSettings', undefined)).toEqual(refused);
    expect(await call('api:openPath', 'file:///tmp/other.html', '/tmp')).toEqual(refused);
    expect(await call('api:openPath', 'app://tonghop/other.html', '/tmp')).toEqual(refused);
    expect(calls).toEqual([]);

    expect(await call('api:openPath', `${TRUSTED.indexUrl}#x`, '/tmp')).toEqual({
      ok: true,
      value: { echoed: '/tmp' },
    });
    expect(await call('api:setSettings', TRUSTED.indexUrl, { password: 'x' })).toEqual({
      ok: false,
      message: 'Yêu cầu "setSettings" không hợp lệ: dữ liệu gửi kèm có mục không được phép lưu: password.',
    });
    expect(calls).toEqual(['openPath']);
  });
});

describe('the sender check', () => {
  it('trusts only the app-scheme index.html and the configured dev server origin', () => {
    const withDev = { ...TRUSTED, devServerUrl: 'http://localhost:5173/' };
    expect(isTrustedUrl(TRUSTED.indexUrl, TRUSTED)).toBe(true);
    expect(isTrustedUrl(`${TRUSTED.indexUrl}?a=1#b`, TRUSTED)).toBe(true);
    expect(isTrustedUrl(TRUSTED.indexUrl.replace('index.html', 'other.html'), TRUSTED)).toBe(false);
    expect(isTrustedUrl('app://other/index.html', TRUSTED)).toBe(false);
    expect(isTrustedUrl(pathToFileURL(join(ROOT, 'build', 'renderer', 'index.html')).href, TRUSTED)).toBe(false);
    expect(isTrustedUrl('file:///index.html', TRUSTED)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', TRUSTED)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/src/x', withDev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', withDev)).toBe(false);
    expect(isTrustedUrl('https://localhost:5173.evil.example/', withDev)).toBe(false);
    expect(isTrustedUrl('about:blank', withDev)).toBe(false);
    expect(isTrustedUrl('data:text/html,hi', withDev)).toBe(false);
    expect(isTrustedUrl('', withDev)).toBe(false);
    expect(isTrustedUrl(undefined, withDev)).toBe(false);
  });
});

describe('the renderer page', () => {
  const html = read('renderer/index.html');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1] ?? '';
  const directives = Object.fromEntries(
    csp.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources.join(' ')];
    }),
  );

  it('carries a strict CSP meta: self only, no inline, no eval, no wildcard', () => {
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*|https?:/);
  });

  it('has no inline script or style of its own', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle="/);
  });
});

describe('the packaging config', () => {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(read('electron-builder.yml')) as Record<string, unknown>;

  it('sets the fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('packs build/ and resources/ into the asar, targets Windows NSIS x64 and Linux AppImage', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'build/**/*', 'resources/**/*']));
    expect(config.asarUnpack).toBeUndefined();
    expect(config.extraResources).toBeUndefined();
    // The default buildResources folder is "build", which would be left out of the app.
    expect((config.directories as Record<string, string>).buildResources).not.toBe('build');
    expect(config.win).toEqual({ target: [{ target: 'nsis', arch: ['x64'] }] });
    expect((config.linux as { target: unknown }).target).toEqual([{ target: 'AppImage', arch: ['x64'] }]);
    expect(config.productName).toBe('Tổng hợp CCHC');
  });

  it("is accepted by electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (on: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/electronFuses/);
  });
});

describe('the package', () => {
  const pkg = JSON.parse(read('package.json')) as {
    main: string;
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it('starts the compiled ESM main process, builds the preload, and never downloads Electron on install', () => {
    expect(pkg.main).toBe('build/electron/main.js');
    expect(pkg.scripts.build).toContain('build:preload');
    expect(pkg.scripts['build:preload']).toBe('vite build --config vite.preload.config.ts');
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(pkg.devDependencies.electron).toMatch(/^\^?4[2-9]\./);
    for (const dep of ['electron-store', 'exceljs', 'pdfmake', 'react', 'conf'])
      expect(pkg.dependencies[dep]).toBeDefined();
  });

  it('keeps one kebab-case file per concern in electron/, each exporting its setup function', () => {
    for (const f of shellSources) expect(f).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.ts$/);
    const setups: Record<string, string> = {
      'windows.ts': 'setupWindows',
      'ipc.ts': 'setupIpc',
      'menu.ts': 'setupMenu',
      'dialogs.ts': 'setupDialogs',
      'settings.ts': 'setupSettings',
      'protocol.ts': 'setupProtocol',
    };
    const main = read('electron/main.ts');
    for (const [file, fn] of Object.entries(setups)) {
      expect(read(`electron/${file}`)).toContain(`export function ${fn}(`);
      expect(main).toContain(`${fn}(`);
    }
    expect(main).toContain('app.requestSingleInstanceLock()');
    expect(main).toContain('app.enableSandbox()');
  });

  it('gives the engine API (in its worker thread) the data folder; settings go through conf, not electron-store', () => {
    const all = shellSources.map((f) => read(`electron/${f}`)).join('\n');
    expect(all).not.toMatch(/electron-store/);
    expect(read('electron/main.ts')).toContain(
      "startEngineWorker({ dataDir, documentsDir, dialogs: setupDialogs(roots), shell: 'desktop' })",
    );
    expect(read('core/api/settings.ts')).toMatch(/from 'conf'/);
  });
});

/**
 * A stand-in for the `electron` module that records what the shell asks of it, so that
 * `electron/` itself runs in the tests (the Electron binary cannot be downloaded here).
 * Only the shell's tests use it, through `vi.mock('electron', …)`; the linter keeps it out of
 * core/ — the engine never sees Electron, real or fake.
 *
 * What it records (`recorder`): every call in order (`calls`), the windows and their options,
 * the `ipcMain.handle` handlers, app and web-contents listeners, the menu, paths, schemes and
 * protocol handlers, the permission handlers, the dialogs shown and the paths opened.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** A web contents, as `web-contents-created` hands it to the shell. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Listener | undefined;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  setWindowOpenHandler(fn: Listener): void {
    recorder.record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = fn;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  /** Fire an event the way Electron does, with a preventable event object; returns whether it was prevented. */
  fire(name: string, url?: string): boolean {
    let prevented = false;
    const event = { url, preventDefault: () => (prevented = true) };
    this.emit(name, event, url);
    return prevented;
  }
}

/**
 * Everything the shell asked for, since the last `reset()`. One per test process, kept on
 * `globalThis`: a test that re-imports the shell (`vi.resetModules`) gets a fresh copy of this
 * module, and the shell and the test must still see the same recorder.
 */
function makeRecorder() {
  return {
    calls: [] as Array<{ api: string; args: unknown[] }>,
    windows: [] as FakeBrowserWindow[],
    handlers: new Map<string, Listener>(),
    appListeners: new Map<string, Listener[]>(),
    menus: [] as unknown[],
    paths: new Map<string, string>(),
    exposed: [] as Array<{ key: string; api: unknown }>,
    invoked: [] as Array<{ channel: string; arg: unknown }>,
    schemes: [] as Array<{ scheme: string; privileges?: unknown }>,
    protocolHandlers: new Map<string, Listener>(),
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    /** What `ipcRenderer.invoke` answers. */
    reply: { ok: true, value: null } as unknown,
    /** What `dialog.showOpenDialog` answers. */
    openDialogResult: { canceled: true, filePaths: [] as string[] },
    /** Paths `shell.openPath` was asked to open; it answers '' (opened). */
    opened: [] as string[],
    singleInstance: true,
    isPackaged: false,
    record(api: string, ...args: unknown[]): void {
      this.calls.push({ api, args });
    },
    /** The names of the calls made, in order. */
    names(): string[] {
      return this.calls.map((c) => c.api);
    },
    /** A web contents announced through `web-contents-created`, as Electron would for a new window. */
    createWebContents(): FakeWebContents {
      const contents = new FakeWebContents();
      for (const fn of this.appListeners.get('web-contents-created') ?? []) fn({}, contents);
      return contents;
    },
    /** Call an `ipcMain.handle` handler as a frame at `url` would. */
    invoke(channel: string, url: string | null, arg?: unknown): Promise<unknown> {
      const h = this.handlers.get(channel);
      if (!h) throw new Error(`no handler for ${channel}`);
      return Promise.resolve(h({ senderFrame: url === null ? null : { url } }, arg));
    },
    reset(): void {
      this.calls.length = 0;
      this.windows.length = 0;
      this.handlers.clear();
      this.appListeners.clear();
      this.menus.length = 0;
      this.paths.clear();
      this.exposed.length = 0;
      this.invoked.length = 0;
      this.schemes.length = 0;
      this.protocolHandlers.clear();
      this.permissionRequest = undefined;
      this.permissionCheck = undefined;
      this.reply = { ok: true, value: null };
      this.openDialogResult = { canceled: true, filePaths: [] };
      this.opened.length = 0;
      this.singleInstance = true;
      this.isPackaged = false;
    },
  };
}

export type Recorder = ReturnType<typeof makeRecorder>;
const shared = globalThis as { __fakeElectronRecorder?: Recorder };
export const recorder: Recorder = (shared.__fakeElectronRecorder ??= makeRecorder());

export const app = {
  get isPackaged(): boolean {
    return recorder.isPackaged;
  },
  on(name: string, fn: Listener) {
    recorder.record('app.on', name);
    recorder.appListeners.set(name, [...(recorder.appListeners.get(name) ?? []), fn]);
    return app;
  },
  enableSandbox: () => recorder.record('app.enableSandbox'),
  setPath: (name: string, value: string) => {
    recorder.record('app.setPath', name, value);
    recorder.paths.set(name, value);
  },
  getPath: (name: string) => recorder.paths.get(name) ?? `/nonexistent/${name}`,
  requestSingleInstanceLock: () => {
    recorder.record('app.requestSingleInstanceLock');
    return recorder.singleInstance;
  },
  whenReady: () => {
    recorder.record('app.whenReady');
    return Promise.resolve();
  },
  quit: () => recorder.record('app.quit'),
  getVersion: () => '0.1.0',
};

export class FakeBrowserWindow extends EventEmitter {
  readonly loaded: string[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  focused = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorder.record('new BrowserWindow', options);
    recorder.windows.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return recorder.windows.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return null;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused++;
  }
  show(): void {
    recorder.record('BrowserWindow.show');
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  loadFile(path: string): Promise<void> {
    this.loaded.push(path);
    return Promise.resolve();
  }
}
export { FakeBrowserWindow as BrowserWindow };

export const ipcMain = {
  handle: (channel: string, fn: Listener) => {
    recorder.record('ipcMain.handle', channel);
    recorder.handlers.set(channel, fn);
  },
  on: (channel: string) => recorder.record('ipcMain.on', channel),
  once: (channel: string) => recorder.record('ipcMain.once', channel),
  handleOnce: (channel: string) => recorder.record('ipcMain.handleOnce', channel),
};

export const ipcRenderer = {
  invoke: async (channel: string, arg: unknown) => {
    recorder.invoked.push({ channel, arg });
    return recorder.reply;
  },
};

export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown) => recorder.exposed.push({ key, api }),
};

export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu: (menu: unknown) => {
    recorder.record('Menu.setApplicationMenu');
    recorder.menus.push(menu);
  },
};

export const dialog = {
  showOpenDialog: async (...args: unknown[]) => {
    recorder.record('dialog.showOpenDialog', ...args);
    return recorder.openDialogResult;
  },
  showMessageBox: async (...args: unknown[]) => {
    recorder.record('dialog.showMessageBox', ...args);
    return { response: 0 };
  },
};

export const shell = {
  openPath: async (path: string) => {
    recorder.record('shell.openPath', path);
    recorder.opened.push(path);
    return '';
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges?: unknown }>) => {
    recorder.record('protocol.registerSchemesAsPrivileged', ...schemes.map((s) => s.scheme));
    recorder.schemes.push(...schemes);
  },
  handle: (scheme: string, fn: Listener) => {
    recorder.record('protocol.handle', scheme);
    recorder.protocolHandlers.set(scheme, fn);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn: Listener) => {
      recorder.record('session.setPermissionRequestHandler');
      recorder.permissionRequest = fn;
    },
    setPermissionCheckHandler: (fn: Listener) => {
      recorder.record('session.setPermissionCheckHandler');
      recorder.permissionCheck = fn;
    },
    protocol,
  },
};

const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  Menu,
  dialog,
  shell,
  protocol,
  session,
};
export default electron;

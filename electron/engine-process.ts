import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ApiMethod, ApiReply } from '../shared-api/app-api.js';
import type { Dialogs } from '../core/api/index.js';
import { ENGINE_GONE, type FromHost, type ToHost } from './engine-protocol.js';

/** build/electron, where `engine-host.js` sits beside this module (inside app.asar when packaged). */
const here = dirname(fileURLToPath(import.meta.url));

/** The main process's handle on the engine: forwards a call and resolves with the reply. */
export interface EngineClient {
  call(method: ApiMethod, arg: unknown): Promise<ApiReply>;
  /** Stop the process (the app is quitting). */
  stop(): void;
}

export interface EngineProcessOptions {
  dataDir: string;
  documentsDir: string;
  /** The desktop actions the engine asks the main process for. */
  dialogs: Dialogs;
}

/**
 * Start the engine in a utility process (Chromium's service model: its own OS process, so an
 * import of 1,000 files or a 40-unit PDF never blocks the main process and the windows, and a
 * crash there takes no window down). Calls made while it starts wait for it; if it stops, the
 * calls under way are answered with a Vietnamese message and the next call starts a new one.
 */
export function setupEngineProcess(opts: EngineProcessOptions): EngineClient {
  let child: UtilityProcess | null = null;
  let nextId = 1;
  const pending = new Map<number, { proc: UtilityProcess; resolve: (reply: ApiReply) => void }>();

  const start = (): UtilityProcess => {
    const proc = utilityProcess.fork(join(here, 'engine-host.js'), [], {
      serviceName: 'Tổng hợp CCHC – xử lý dữ liệu',
      stdio: 'inherit',
    });
    const send = (m: ToHost): void => proc.postMessage(m);
    proc.on('message', (m: FromHost) => {
      if (m.kind === 'reply') {
        pending.get(m.id)?.resolve(m.reply);
        pending.delete(m.id);
      } else if (m.kind === 'desktop') {
        const done = (value: string | null): void => send({ kind: 'desktop-reply', id: m.id, value });
        const action = m.op === 'chooseFolder' ? opts.dialogs.chooseFolder(m.arg) : opts.dialogs.openPath(m.arg);
        action.then(done, (e: unknown) => done(m.op === 'openPath' ? String((e as Error)?.message ?? e) : null));
      }
    });
    proc.on('exit', () => {
      if (child === proc) child = null;
      for (const [id, p] of pending) {
        if (p.proc !== proc) continue;
        p.resolve({ ok: false, message: ENGINE_GONE });
        pending.delete(id);
      }
    });
    send({ kind: 'init', dataDir: opts.dataDir, documentsDir: opts.documentsDir });
    return proc;
  };

  child = start();
  return {
    call(method, arg) {
      child ??= start();
      const id = nextId++;
      const proc = child;
      return new Promise((resolve) => {
        pending.set(id, { proc, resolve });
        proc.postMessage({ kind: 'call', id, method, arg } satisfies ToHost);
      });
    },
    stop() {
      const proc = child;
      child = null;
      proc?.kill();
    },
  };
}

/**
 * The engine API served from a worker thread: {@link startEngineWorker} gives a `dispatch`
 * with the same contract as {@link dispatchApiCall} (validated call in, {@link ApiReply}
 * out, never throws), so the Electron IPC binding and the browser test host stay a few
 * lines over it while every import, reconciliation and PDF runs off their thread. The
 * desktop dialogs stay on the calling thread: the worker asks for them by message.
 */
import { Worker } from 'node:worker_threads';
import { API_METHODS, type ApiReply, type AppApi, type JobStatus } from '../../shared-api/app-api.js';
import { ApiError } from './errors.js';
import { workerEntry } from '../workers/entry.js';
import { dispatchApiCall } from './dispatch.js';
import { createEngineApi, type Dialogs, type EngineApiOptions } from './engine-api.js';
import type { ToParent, ToWorker, WorkerOptions } from './worker-protocol.js';

export interface EngineWorker {
  /** Resolves once the worker has loaded the engine and answered a first call. */
  ready: Promise<void>;
  /** Call a method in the worker; resolves with the reply (an error is a value, never a rejection). */
  dispatch(method: unknown, arg: unknown): Promise<ApiReply>;
  close(): Promise<void>;
}

const CRASHED: ApiReply = {
  ok: false,
  message: 'Bộ xử lý của ứng dụng vừa dừng bất thường và đã được khởi động lại; hãy thử lại thao tác vừa rồi.',
};

/**
 * Start the engine in a worker thread (restarted if it ever dies). Only plain options cross
 * into the worker: a file layer of functions (`workspaceFiles`) cannot, see
 * {@link startEngineInThread}.
 */
export function startEngineWorker(opts: EngineApiOptions): EngineWorker {
  if (opts.workspaceFiles) {
    throw new Error('startEngineWorker: workspaceFiles cannot cross into a worker; use startEngineInThread');
  }
  const entry = workerEntry(import.meta.url, 'api-worker', 'api-worker');
  const data: WorkerOptions = {
    dataDir: opts.dataDir,
    dialogs: opts.dialogs !== undefined,
    ...(opts.shell ? { shell: opts.shell } : {}),
    ...(opts.workspaceRoot ? { workspaceRoot: opts.workspaceRoot } : {}),
    ...(opts.documentsDir ? { documentsDir: opts.documentsDir } : {}),
  };
  const pending = new Map<number, (r: ApiReply) => void>();
  // Running operations as the worker last reported them: polling their progress is answered
  // here, at once, while the worker is busy with the operation itself (a PDF layout blocks it).
  const running = new Map<string, JobStatus>();
  let next = 1;
  let closed = false;
  let worker: Worker;

  const dialogCall = async (name: keyof Dialogs, request: unknown): Promise<unknown> => {
    const d = opts.dialogs;
    if (!d) return null;
    switch (name) {
      case 'chooseFolder':
        return d.chooseFolder(request as Parameters<Dialogs['chooseFolder']>[0]);
      case 'openPath':
        return d.openPath(request as string);
      case 'chooseFiles':
        return d.chooseFiles ? d.chooseFiles(request as Parameters<NonNullable<Dialogs['chooseFiles']>>[0]) : [];
      case 'chooseSavePath':
        return d.chooseSavePath
          ? d.chooseSavePath(request as Parameters<NonNullable<Dialogs['chooseSavePath']>>[0])
          : null;
    }
  };

  const spawn = (): void => {
    worker = new Worker(entry.script, { eval: entry.eval, workerData: data });
    worker.unref();
    worker.on('message', (msg: ToParent) => {
      if (msg.type === 'job') {
        if (msg.status.state === 'running') running.set(msg.status.jobId, msg.status);
        else running.delete(msg.status.jobId);
        return;
      }
      if (msg.type === 'reply') {
        pending.get(msg.id)?.(msg.reply);
        pending.delete(msg.id);
        if (pending.size === 0) worker.unref();
        return;
      }
      void dialogCall(msg.name, msg.request).then(
        (value) => worker.postMessage({ type: 'dialog-reply', id: msg.id, value } satisfies ToWorker),
        () => worker.postMessage({ type: 'dialog-reply', id: msg.id, value: null } satisfies ToWorker),
      );
    });
    const died = (): void => {
      for (const resolve of pending.values()) resolve(CRASHED);
      pending.clear();
      running.clear();
      if (!closed) spawn();
    };
    worker.on('error', () => undefined);
    worker.on('exit', died);
  };
  spawn();

  const dispatch = (method: unknown, arg: unknown): Promise<ApiReply> => {
    if (closed) return Promise.resolve({ ok: false, message: 'Ứng dụng đang đóng.' });
    if (method === 'jobStatus' && typeof arg === 'object' && arg !== null && 'jobId' in arg) {
      const known = running.get(String(arg.jobId));
      // Answered on a later turn, never at once: a caller polling in a loop still lets the
      // worker's messages in.
      if (known) return new Promise((r) => setImmediate(() => r({ ok: true, value: structuredClone(known) })));
    }
    const id = next++;
    return new Promise<ApiReply>((resolve) => {
      pending.set(id, resolve);
      worker.ref();
      worker.postMessage({ type: 'call', id, method: String(method), arg } satisfies ToWorker);
    });
  };
  // Load the engine now, while the window is still opening.
  const ready = dispatch('appInfo', undefined).then(() => undefined);

  return {
    ready,
    dispatch,
    async close() {
      closed = true;
      await worker.terminate();
    },
  };
}

/**
 * The same contract as {@link startEngineWorker} with the engine on the calling thread. For
 * tests that give the workspaces a file layer they control from their own thread (a
 * Windows-like layer holding files as Excel would, released by the test): such a layer is
 * made of functions, which cannot be sent to a worker. The desktop app never uses this.
 */
export function startEngineInThread(opts: EngineApiOptions): EngineWorker {
  const api = createEngineApi(opts);
  const dispatch = (method: unknown, arg: unknown): Promise<ApiReply> => dispatchApiCall(api, method, arg);
  return {
    ready: dispatch('appInfo', undefined).then(() => undefined),
    dispatch,
    close: async () => undefined,
  };
}

/**
 * The {@link AppApi} of an engine worker, for bindings written over an `AppApi` (the
 * Electron IPC binding): each method forwards to the worker, and a refusal comes back as
 * an {@link ApiError} carrying the worker's Vietnamese message unchanged.
 */
export function workerApi(engine: EngineWorker): AppApi {
  const api: Record<string, (arg?: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    api[method] = async (arg?: unknown) => {
      const reply = await engine.dispatch(method, arg);
      if (!reply.ok) throw new ApiError(reply.message);
      return reply.value;
    };
  }
  return api as unknown as AppApi;
}

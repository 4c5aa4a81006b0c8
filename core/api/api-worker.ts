/**
 * The entry of the engine's worker thread: the whole engine API runs here, so that no
 * import, reconciliation or PDF rendering ever runs on the thread of the window's process.
 * Dialogs are asked of the parent thread (they belong to the desktop shell).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ApiMethod } from '../../shared-api/app-api.js';
import { dispatchApiCall } from './dispatch.js';
import { createEngineApi, type Dialogs } from './engine-api.js';
import type { ToParent, ToWorker, WorkerOptions } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('api-worker must run in a worker thread');
const opts = workerData as WorkerOptions;

let nextDialog = 1;
const pendingDialogs = new Map<number, (value: unknown) => void>();

function askParent(name: keyof Dialogs, request: unknown): Promise<unknown> {
  const id = nextDialog++;
  return new Promise((resolve) => {
    pendingDialogs.set(id, resolve);
    const msg: ToParent = { type: 'dialog', id, name, request };
    port!.postMessage(msg);
  });
}

const dialogs: Dialogs | undefined = opts.dialogs
  ? {
      chooseFolder: (r) => askParent('chooseFolder', r) as Promise<string | null>,
      openPath: (p) => askParent('openPath', p) as Promise<string>,
      chooseFiles: (r) => askParent('chooseFiles', r) as Promise<string[]>,
      chooseSavePath: (r) => askParent('chooseSavePath', r) as Promise<string | null>,
    }
  : undefined;

const api = createEngineApi({
  dataDir: opts.dataDir,
  ...(opts.shell ? { shell: opts.shell } : {}),
  ...(opts.workspaceRoot ? { workspaceRoot: opts.workspaceRoot } : {}),
  ...(opts.documentsDir ? { documentsDir: opts.documentsDir } : {}),
  ...(dialogs ? { dialogs } : {}),
  onJobChange: (status) => port.postMessage({ type: 'job', status } satisfies ToParent),
});

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'dialog-reply') {
    pendingDialogs.get(msg.id)?.(msg.value);
    pendingDialogs.delete(msg.id);
    return;
  }
  void dispatchApiCall(api, msg.method as ApiMethod, msg.arg).then((reply) => {
    const out: ToParent = { type: 'reply', id: msg.id, reply };
    port.postMessage(out);
  });
});

/**
 * The entry module of the engine's utility process (`utilityProcess.fork`, see
 * `engine-process.ts`): it hosts the engine API (`core/api`) and answers the calls the main
 * process forwards, over `process.parentPort`. Every argument is validated here, by
 * `dispatchApiCall`, before the engine sees it. It imports nothing from Electron, so the same
 * module runs under plain Node in the tests.
 */
import * as z from 'zod';
import type { ChooseFolderRequest } from '../shared-api/app-api.js';
import { createEngineApi, dispatchApiCall, type Dialogs, type EngineApiOptions } from '../core/api/index.js';
import type { AppApi } from '../shared-api/app-api.js';
import type { FromHost } from './engine-protocol.js';

/** The side of a `MessagePortMain` the host uses (Electron's `process.parentPort`). */
export interface HostPort {
  postMessage(message: FromHost): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

const message = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('init'), dataDir: z.string().min(1), documentsDir: z.string().min(1) }),
  z.object({
    kind: z.literal('call'),
    id: z.number().int(),
    // Checked by dispatchApiCall, which answers an unknown name with a Vietnamese refusal.
    method: z.string().max(100),
    arg: z.unknown().optional(),
  }),
  z.object({ kind: z.literal('desktop-reply'), id: z.number().int(), value: z.string().nullable() }),
]);

/**
 * Serve the engine API on `port`: wait for `init`, build the engine, say `ready`, then answer
 * every `call` with a `reply` (never throws: failures are Vietnamese messages in the reply).
 * Desktop actions go back to the main process as `desktop` requests.
 */
export function serveEngine(port: HostPort, makeApi: (opts: EngineApiOptions) => AppApi = createEngineApi): void {
  let api: AppApi | undefined;
  const queued: Array<{ id: number; method: string; arg: unknown }> = [];
  const desktop = new Map<number, (value: string | null) => void>();
  let nextDesktopId = 1;

  const ask = <T extends string | null>(
    op: 'chooseFolder' | 'openPath',
    arg: ChooseFolderRequest | string,
  ): Promise<T> =>
    new Promise((resolve) => {
      const id = nextDesktopId++;
      desktop.set(id, resolve as (v: string | null) => void);
      port.postMessage(
        op === 'chooseFolder'
          ? { kind: 'desktop', id, op, arg: arg as ChooseFolderRequest }
          : { kind: 'desktop', id, op, arg: arg as string },
      );
    });
  const dialogs: Dialogs = {
    chooseFolder: (request) => ask<string | null>('chooseFolder', request),
    openPath: async (path) => (await ask<string | null>('openPath', path)) ?? '',
  };

  const answer = (id: number, method: string, arg: unknown): void => {
    void dispatchApiCall(api!, method, arg).then((reply) => port.postMessage({ kind: 'reply', id, reply }));
  };

  port.on('message', (e) => {
    const parsed = message.safeParse(e.data);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.kind === 'init') {
      if (api) return;
      api = makeApi({ dataDir: m.dataDir, documentsDir: m.documentsDir, dialogs, shell: 'desktop' });
      port.postMessage({ kind: 'ready' });
      for (const q of queued.splice(0)) answer(q.id, q.method, q.arg);
    } else if (m.kind === 'call') {
      if (api) answer(m.id, m.method, m.arg);
      else queued.push({ id: m.id, method: m.method, arg: m.arg });
    } else {
      desktop.get(m.id)?.(m.value);
      desktop.delete(m.id);
    }
  });
}

// In the utility process Electron provides the port to the parent; elsewhere (tests) nothing starts.
const parentPort = (process as { parentPort?: HostPort }).parentPort;
if (parentPort) serveEngine(parentPort);

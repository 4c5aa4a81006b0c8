import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { startEngineInThread, startEngineWorker, type Dialogs, type WorkspaceFiles } from '../../core/api/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built renderer the host serves (`npm run build:renderer`). */
export const RENDERER_DIR = join(ROOT, 'build', 'renderer');
const CLIENT_PATH = '/__host/api.js';
/** Dropped files travel as base64 in batches of a few MB. */
const MAX_BODY = 100_000_000;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

let clientScript: Promise<string> | undefined;

/** Bundle host-client.ts (and the shared bindApi) into one classic script, once per process. */
function bundleClient(): Promise<string> {
  clientScript ??= (async () => {
    const out = await build({
      configFile: false,
      logLevel: 'silent',
      publicDir: false,
      build: {
        write: false,
        minify: false,
        target: 'es2022',
        lib: { entry: join(ROOT, 'test', 'e2e', 'host-client.ts'), formats: ['iife'], name: 'tonghopHost' },
      },
    });
    const outputs = Array.isArray(out) ? out : [out];
    for (const o of outputs) {
      if ('output' in o) {
        const chunk = o.output.find((c) => c.type === 'chunk');
        if (chunk && chunk.type === 'chunk') return chunk.code;
      }
    }
    throw new Error('host client bundle is empty');
  })();
  return clientScript;
}

/** The engine's API as the desktop shell imports it, from the build. */
async function builtEngineApi(): Promise<{ startEngineWorker: typeof startEngineWorker }> {
  const file = join(ROOT, 'build', 'core', 'api', 'index.js');
  return (await import(pathToFileURL(file).href).catch(() => {
    throw new Error(`Chưa có bộ máy đã dựng (${file}): hãy chạy "npm run build:node".`);
  })) as { startEngineWorker: typeof startEngineWorker };
}

/** A running browser host. */
export interface Host {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  dataDir: string;
  /** Every call the page made, in order (method names). */
  calls: string[];
  close(): Promise<void>;
}

/** Options of the browser host. */
export interface HostOptions {
  /** Fresh data folder for settings. */
  dataDir: string;
  /** Where period workspaces go when the settings name no folder (default: beside the data folder; with `documentsDir`, `<Documents>/TongHopCCHC`). */
  workspaceRoot?: string;
  /** Stand-ins for the desktop dialogs. */
  dialogs?: Dialogs;
  rendererDir?: string;
  /** Documents as the desktop shell would name it (`app.getPath('documents')`): a redirected or OneDrive folder. */
  documentsDir?: string;
  /** The workspaces' file layer: a Windows-like one that holds files as Excel or an antivirus would. */
  workspaceFiles?: WorkspaceFiles;
  /**
   * Start the engine from the build (`build/core`, what the desktop shell loads: `npm run
   * build:node`) instead of the sources the host runs from. The benches do: from the sources,
   * the engine's thread compiles each TypeScript module it first needs (tsx) while the page opens.
   */
  builtEngine?: boolean;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // frame-ancestors only works as a header (Chromium ignores it in a <meta> CSP, with a console error).
    'content-security-policy': "frame-ancestors 'none'",
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serve the built renderer on 127.0.0.1 (random port) with the same typed API the preload
 * exposes: the page gets `window.tonghop` from a same-origin script (so the CSP stays
 * strict), and its calls are answered by `createEngineApi` through `dispatchApiCall`, the
 * same edge the Electron IPC binding uses.
 */
export async function startHost(opts: HostOptions): Promise<Host> {
  const rendererDir = resolve(opts.rendererDir ?? RENDERER_DIR);
  const index = await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`Chưa có giao diện đã dựng trong ${rendererDir}: hãy chạy "npm run build:renderer".`);
  });
  // A classic script runs before the app's module script, which is deferred.
  const page = index.replace('<script ', `<script src=".${CLIENT_PATH}"></script>\n    <script `);
  const client = await bundleClient();
  // The engine runs in a worker thread, as in the desktop app: the host's thread only relays.
  // A test's own file layer (functions it drives from its thread) cannot cross into a worker:
  // with one, the same engine and dispatch run on the host's thread.
  const engineOptions = {
    dataDir: opts.dataDir,
    ...(opts.documentsDir ? { documentsDir: opts.documentsDir } : {}),
    ...(opts.workspaceRoot || !opts.documentsDir
      ? { workspaceRoot: opts.workspaceRoot ?? join(opts.dataDir, '..', 'ho-so') }
      : {}),
    ...(opts.dialogs ? { dialogs: opts.dialogs } : {}),
  };
  const engine = opts.workspaceFiles
    ? startEngineInThread({ ...engineOptions, workspaceFiles: opts.workspaceFiles })
    : opts.builtEngine
      ? (await builtEngineApi()).startEngineWorker(engineOptions)
      : startEngineWorker(engineOptions);
  await engine.ready;
  const calls: string[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
      if (req.method === 'POST' && path === '/api') {
        let message: unknown;
        try {
          message = JSON.parse(await readBody(req));
        } catch {
          return send(res, 400, 'application/json', JSON.stringify({ ok: false, message: 'Yêu cầu không hợp lệ.' }));
        }
        const { method, arg } = (typeof message === 'object' && message !== null ? message : {}) as {
          method?: unknown;
          arg?: unknown;
        };
        calls.push(String(method));
        const reply = await engine.dispatch(method, arg);
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(reply));
      }
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
      if (path === '/' || path === '/index.html') return send(res, 200, TYPES['.html'] ?? 'text/html', page);
      if (path === CLIENT_PATH) return send(res, 200, TYPES['.js'] ?? 'text/javascript', client);
      const file = normalize(join(rendererDir, path));
      if (!file.startsWith(rendererDir + sep)) return send(res, 403, 'text/plain', 'forbidden');
      try {
        send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
      } catch {
        send(res, 404, 'text/plain', 'not found');
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    dataDir: opts.dataDir,
    calls,
    close: async () => {
      await new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((e) => (e ? fail(e) : ok()));
      });
      await engine.close();
    },
  };
}

// `npx tsx test/e2e/host.ts [dataDir]`: serve the built renderer for a look in any browser.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dataDir = process.argv[2] ?? (await mkdtemp(join(tmpdir(), 'tonghop-host-')));
  const host = await startHost({ dataDir });
  console.log(`Tổng hợp CCHC (trình duyệt): ${host.url} — dữ liệu: ${dataDir}`);
}

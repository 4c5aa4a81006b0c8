/**
 * The engine's utility process, without Electron: its entry module serves the real engine
 * API over a port — in this process with a stand-in port, and as its own Node process with
 * `process.parentPort` shimmed over Node's IPC channel.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveEngine, type HostPort } from './engine-host.js';
import type { FromHost, ToHost } from './engine-protocol.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-host-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A port whose other end is this test. */
function testPort(): {
  port: HostPort;
  sent: FromHost[];
  send(m: ToHost | unknown): void;
  next(kind: FromHost['kind']): Promise<FromHost>;
} {
  const sent: FromHost[] = [];
  const waiting: Array<() => void> = [];
  let listener: ((e: { data: unknown }) => void) | undefined;
  return {
    sent,
    port: {
      postMessage: (m) => {
        sent.push(m);
        for (const w of waiting.splice(0)) w();
      },
      on: (_event, fn) => (listener = fn),
    },
    send: (m) => listener?.({ data: m }),
    async next(kind) {
      for (;;) {
        const i = sent.findIndex((m) => m.kind === kind);
        if (i >= 0) return sent.splice(i, 1)[0]!;
        await new Promise<void>((r) => waiting.push(r));
      }
    },
  };
}

describe('the engine host', () => {
  it('answers calls with the real engine once initialised; calls made before wait for it', async () => {
    const t = testPort();
    serveEngine(t.port);
    t.send({ kind: 'call', id: 1, method: 'appInfo', arg: undefined });
    expect(t.sent).toEqual([]);
    t.send({ kind: 'init', dataDir: dir, documentsDir: join(dir, 'Tài liệu') });
    expect(await t.next('ready')).toEqual({ kind: 'ready' });
    const info = (await t.next('reply')) as Extract<FromHost, { kind: 'reply' }>;
    expect(info).toMatchObject({
      kind: 'reply',
      id: 1,
      reply: { ok: true, value: { shell: 'desktop', dataDir: dir } },
    });

    t.send({ kind: 'call', id: 2, method: 'workspaceLocation', arg: undefined });
    expect(await t.next('reply')).toMatchObject({
      id: 2,
      reply: { ok: true, value: { root: join(dir, 'Tài liệu', 'TongHopCCHC'), source: 'documents' } },
    });
  });

  it('validates every argument and refuses unknown methods, in Vietnamese; ignores malformed messages', async () => {
    const t = testPort();
    serveEngine(t.port);
    t.send({ kind: 'init', dataDir: dir, documentsDir: dir });
    await t.next('ready');
    t.send('garbage');
    t.send({ kind: 'call', id: 'x', method: 'appInfo' });
    t.send({ kind: 'call', id: 3, method: 'setSettings', arg: { password: 'x' } });
    t.send({ kind: 'call', id: 4, method: 'eval', arg: '1' });
    expect(await t.next('reply')).toEqual({
      kind: 'reply',
      id: 3,
      reply: {
        ok: false,
        message: 'Yêu cầu "setSettings" không hợp lệ: dữ liệu gửi kèm có mục không được phép lưu: password.',
      },
    });
    expect(await t.next('reply')).toEqual({
      kind: 'reply',
      id: 4,
      reply: { ok: false, message: 'Yêu cầu không hợp lệ: ứng dụng không có chức năng "eval".' },
    });
    expect(t.sent).toEqual([]);
  });

  it('asks the main process for the folder dialog and "open with"', async () => {
    const t = testPort();
    serveEngine(t.port);
    t.send({ kind: 'init', dataDir: dir, documentsDir: dir });
    await t.next('ready');
    t.send({ kind: 'call', id: 5, method: 'chooseFolder', arg: { title: 'Chọn thư mục báo cáo' } });
    const ask = (await t.next('desktop')) as Extract<FromHost, { kind: 'desktop' }>;
    expect(ask).toMatchObject({ op: 'chooseFolder', arg: { title: 'Chọn thư mục báo cáo' } });
    t.send({ kind: 'desktop-reply', id: ask.id, value: 'D:\\Bao cao' });
    expect(await t.next('reply')).toMatchObject({ id: 5, reply: { ok: true, value: 'D:\\Bao cao' } });

    t.send({ kind: 'call', id: 6, method: 'openPath', arg: dir });
    const open = (await t.next('desktop')) as Extract<FromHost, { kind: 'desktop' }>;
    expect(open).toMatchObject({ op: 'openPath', arg: dir });
    t.send({ kind: 'desktop-reply', id: open.id, value: 'Không có ứng dụng nào mở được' });
    expect(await t.next('reply')).toMatchObject({
      id: 6,
      reply: { ok: true, value: { ok: false, message: `Không mở được "${dir}": Không có ứng dụng nào mở được` } },
    });
  });

  it('runs as a process of its own: the entry module starts serving on process.parentPort', async () => {
    const entry = pathToFileURL(fileURLToPath(new URL('./engine-host.ts', import.meta.url))).href;
    // Electron's parentPort over Node's IPC channel: `postMessage` ↔ `process.send`, `{ data }`
    // events; like parentPort, messages wait in a queue until a listener is attached.
    const shim = [
      'const queue = []; let deliver;',
      "process.on('message', (data) => (deliver ? deliver({ data }) : queue.push({ data })));",
      'process.parentPort = { postMessage: (m) => process.send(m), on: (_e, fn) => { deliver = fn; queue.splice(0).forEach(fn); } };',
      `await import(${JSON.stringify(entry)});`,
    ].join('\n');
    const bootstrap = join(dir, 'utility-process.mjs');
    writeFileSync(bootstrap, shim);
    const child = fork(bootstrap, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    try {
      const messages: FromHost[] = [];
      const next = (kind: FromHost['kind']) =>
        new Promise<FromHost>((resolve, reject) => {
          const check = (): boolean => {
            const i = messages.findIndex((m) => m.kind === kind);
            if (i < 0) return false;
            resolve(messages.splice(i, 1)[0]!);
            return true;
          };
          if (check()) return;
          child.on('message', () => void check());
          child.on('exit', (code) => reject(new Error(`host exited ${code}: ${err}`)));
        });
      child.on('message', (m) => messages.push(m as FromHost));
      child.send({ kind: 'init', dataDir: dir, documentsDir: dir } satisfies ToHost);
      await next('ready');
      child.send({ kind: 'call', id: 1, method: 'listPeriods', arg: undefined } satisfies ToHost);
      const reply = (await next('reply')) as Extract<FromHost, { kind: 'reply' }>;
      expect(reply.reply.ok).toBe(true);
      expect((reply.reply as { value: Array<{ code: string }> }).value.map((p) => p.code)).toEqual([
        'NQ08-SK2023',
        'NQ08-TK2025',
      ]);
      expect(child.pid).not.toBe(process.pid);
    } finally {
      child.kill();
    }
  });
});

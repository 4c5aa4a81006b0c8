/** `tonghop unlock`: who holds a workspace, and taking over a crashed PC's lock after confirmation. */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { main } from './main.js';

const root = mkdtempSync(join(tmpdir(), 'tonghop-unlock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), env: {}, cwd: root };
  const code = await main(args, io);
  return { code, out, err };
}

function lockAged(ws: string, ageMs: number): void {
  const path = join(ws, '.lock');
  writeFileSync(
    path,
    JSON.stringify({
      user: 'Lò Văn Tú',
      host: 'PC-TIEPNHAN',
      pid: 77,
      since: '2026-11-25T01:00:00.000Z',
      token: 'feedfacecafebeef',
    }),
  );
  const t = new Date(Date.now() - ageMs);
  utimesSync(path, t, t);
}

describe('tonghop unlock', () => {
  const ws = join(root, 'ws');
  const at = ['--period', 'NQ08-SK2023', '--workspace', ws];

  it('says whose lock it is, takes over a stale one only with --yes, and never a live one', async () => {
    const { openWorkspace } = await import('../workspace/index.js');
    const { findPeriod } = await import('../period/index.js');
    await openWorkspace(ws, { period: findPeriod('NQ08-SK2023')!, create: true });
    expect((await cli(['input', ...at, '--key', 'MT3', '--value', '12', '--note', 'PAR INDEX 2023'])).code).toBe(0);
    expect(await cli(['unlock', ...at])).toEqual({ code: 0, out: `Thư mục làm việc ${ws} không bị khoá.\n`, err: '' });

    lockAged(ws, 0);
    const live = await cli(['unlock', ...at, '--yes']);
    expect(live.code).toBe(1);
    expect(live.err).toBe(
      `Thư mục làm việc ${ws} đang được Lò Văn Tú trên máy PC-TIEPNHAN (tiến trình 77), từ 08:00 ngày 25/11/2026 sử dụng; hãy thử lại sau.\nKhông giành quyền sử dụng khi người đó còn đang làm việc.\n`,
    );

    lockAged(ws, 3_600_000);
    const blocked = await cli(['input', ...at, '--key', 'MT3', '--value', '13', '--note', 'x']);
    expect(blocked.code).toBe(2);
    expect(blocked.err).toMatch(/^Lỗi: Thư mục làm việc .* đang bị khoá bởi Lò Văn Tú trên máy PC-TIEPNHAN/);
    const ask = await cli(['unlock', ...at]);
    expect(ask.code).toBe(1);
    expect(ask.err).toMatch(
      /hãy xác nhận để giành quyền sử dụng\.\nChạy lại lệnh với --yes để xác nhận giành quyền sử dụng\.\n$/,
    );
    const done = await cli(['unlock', ...at, '--yes', '--by', 'Trần Thị Hoa']);
    expect(done).toEqual({
      code: 0,
      out: `Đã giành quyền sử dụng thư mục làm việc ${ws} (ghi vào nhật ký).\n`,
      err: '',
    });
    expect((await cli(['input', ...at, '--key', 'MT3', '--value', '13', '--note', 'x'])).code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const audit = readFileSync(join(ws, 'audit.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audit.map((e) => e.action)).toEqual(['input-set', 'lock-taken-over', 'input-set']);
    expect(audit[1]).toMatchObject({ by: 'Trần Thị Hoa', holder: { user: 'Lò Văn Tú', host: 'PC-TIEPNHAN' } });
  });
});

/**
 * The folder walk: one odd entry — a link to nothing, a name that is not UTF-8, a 2.2 GB
 * file, a subfolder, a pipe — gets its own outcome and never stops the batch.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INGEST_WINDOW_FILES } from './ingest.js';
import {
  ingestFolder,
  openWorkspace,
  readFolder,
  tracker,
  WorkspaceError,
  type ParseFn,
  type Workspace,
} from './index.js';
import { TEST_PERIOD, TEST_UNITS, fakeBytes, fakeParse } from './test-helpers.js';

const P = TEST_PERIOD.code;
let root: string;
let dir: string;
let ws: Workspace;
const tooLarge = {
  maxBytes: 20 * 1024 * 1024,
  message: (name: string, size: number) => `Tệp ${name} có ${size} byte, quá giới hạn.`,
};

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'folder-test-'));
  dir = join(root, 'in');
  mkdirSync(dir);
  ws = await openWorkspace(join(root, 'ws'), { period: TEST_PERIOD, create: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('a folder with odd entries', () => {
  it('imports the good files and gives every odd entry its own outcome', async () => {
    writeFileSync(join(dir, 'S01.xlsx'), fakeBytes({ unit: 'S01', period: P, values: { KL01: 4 } }));
    // A file name whose bytes are not UTF-8 (as unzipped from an old archive): "S02_\xff.xlsx".
    writeFileSync(
      Buffer.concat([Buffer.from(`${dir}/S02_`), Buffer.from([0xff]), Buffer.from('.xlsx')]),
      fakeBytes({ unit: 'S02', period: P, values: { KL01: 5 } }),
    );
    symlinkSync(join(root, 'gone.xlsx'), join(dir, 'S03_link.xlsx'));
    mkdirSync(join(dir, 'X03'));
    writeFileSync(join(dir, 'X03', 'X03.xlsx'), 'a return in a subfolder');
    // Sparse files: 2.2 GB and 600 MB on disk in name only, refused from their size.
    writeFileSync(join(dir, 'S04_huge.xlsx'), '');
    truncateSync(join(dir, 'S04_huge.xlsx'), 2.2e9);
    writeFileSync(join(dir, 'S05_600mb.xlsx'), '');
    truncateSync(join(dir, 'S05_600mb.xlsx'), 600 * 1024 * 1024);
    const fifo = spawnSync('mkfifo', [join(dir, 'S06_pipe')]).status === 0;

    const t0 = performance.now();
    const res = await ingestFolder(ws, dir, fakeParse, { tooLarge });
    expect(performance.now() - t0).toBeLessThan(10_000);

    expect(res.files.map((f) => [f.name, f.status])).toEqual([
      ['S01.xlsx', 'imported'],
      ['S02_\ufffd.xlsx', 'imported'],
    ]);
    expect(res.skipped.map((s) => [s.name, s.kind])).toEqual([
      ['S03_link.xlsx', 'broken-link'],
      ['S04_huge.xlsx', 'too-large'],
      ['S05_600mb.xlsx', 'too-large'],
      ...(fifo ? [['S06_pipe', 'not-a-file']] : []),
      ['X03', 'folder'],
    ]);
    const message = Object.fromEntries(res.skipped.map((s) => [s.name, s.message]));
    expect(message['S03_link.xlsx']).toBe(
      'S03_link.xlsx là lối tắt (liên kết) trỏ đến nơi không còn tồn tại nên không đọc được. Hãy chép chính tệp báo cáo vào thư mục.',
    );
    expect(message['S04_huge.xlsx']).toBe('Tệp S04_huge.xlsx có 2200000000 byte, quá giới hạn.');
    expect(message.X03).toBe(
      'Thư mục con X03 (có 1 mục) được bỏ qua: chỉ các tệp nằm ngay trong thư mục đã chọn được nhập. ' +
        'Nếu trong đó có báo cáo, hãy chuyển tệp ra thư mục đã chọn, hoặc chọn chính thư mục con này.',
    );
    if (fifo) expect(message.S06_pipe).toBe('S06_pipe không phải là một tệp thông thường nên không được đọc.');
    expect(res.skipped.find((s) => s.name === 'S05_600mb.xlsx')).toMatchObject({ size: 600 * 1024 * 1024 });

    // Nothing of the refused entries is kept: only the two good returns are originals.
    const originals = readdirSync(join(ws.dir, 'originals'));
    expect(originals).toHaveLength(2);
    for (const o of originals) expect(statSync(join(ws.dir, 'originals', o)).size).toBeLessThan(10_000);
    const units = tracker(ws, TEST_UNITS, TEST_PERIOD).units;
    expect(units.filter((u) => u.status === 'accepted').map((u) => u.code)).toEqual(['S01', 'S02']);
  });

  it('files given in memory over the size limit are refused the same way, and never stored', async () => {
    const big = new Uint8Array(tooLarge.maxBytes + 1);
    const res = await (
      await import('./index.js')
    ).ingestFiles(
      ws,
      [
        { name: 'S01.xlsx', bytes: fakeBytes({ unit: 'S01', period: P }) },
        { name: 'big.xlsx', bytes: big },
      ],
      fakeParse,
      { tooLarge },
    );
    expect(res.files.map((f) => f.name)).toEqual(['S01.xlsx']);
    expect(res.skipped).toEqual([
      {
        name: 'big.xlsx',
        kind: 'too-large',
        size: big.length,
        message: `Tệp big.xlsx có ${big.length} byte, quá giới hạn.`,
      },
    ]);
    expect(readdirSync(join(ws.dir, 'originals'))).toHaveLength(1);
  });

  it('a large folder is read through a window: only a bounded number of files are in memory at once', async () => {
    const n = INGEST_WINDOW_FILES * 4;
    for (let i = 0; i < n; i++) {
      const unit = `S${String((i % 40) + 1).padStart(2, '0')}`;
      writeFileSync(
        join(dir, `R${String(i).padStart(3, '0')}.xlsx`),
        fakeBytes({ unit, period: P, values: { KL01: i } }),
      );
    }
    // Every file a parse has been asked for and not finished holds its bytes: count them.
    let inFlight = 0;
    let most = 0;
    const parse: ParseFn = async (bytes, name) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return fakeParse(bytes, name);
    };
    const res = await ingestFolder(ws, dir, parse);
    expect(res.files).toHaveLength(n);
    expect(res.files.every((f) => f.outcome === 'new')).toBe(true);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(INGEST_WINDOW_FILES);
    expect(res.files.map((f) => f.name)).toEqual(
      Array.from({ length: n }, (_, i) => `R${String(i).padStart(3, '0')}.xlsx`),
    );
  });

  it('a file that cannot be read when its turn comes is an unreadable entry; the rest is imported', async () => {
    writeFileSync(join(dir, 'S01.xlsx'), fakeBytes({ unit: 'S01', period: P, values: { KL01: 4 } }));
    writeFileSync(join(dir, 'S02.xlsx'), fakeBytes({ unit: 'S02', period: P, values: { KL01: 5 } }));
    // Listed, then gone before the batch reads it (a file moved away by the mail client).
    const parse: ParseFn = async (bytes, name) => {
      rmSync(join(dir, 'S02.xlsx'), { force: true });
      return fakeParse(bytes, name);
    };
    const files = readFolder(dir).files;
    expect(files.map((f) => [f.name, f.bytes])).toEqual([
      ['S01.xlsx', undefined],
      ['S02.xlsx', undefined],
    ]);
    const { ingestFiles } = await import('./index.js');
    const res = await ingestFiles(ws, files, parse);
    expect(res.files.map((f) => f.name)).toEqual(['S01.xlsx']);
    expect(res.skipped).toEqual([
      expect.objectContaining({ name: 'S02.xlsx', kind: 'unreadable', message: expect.stringContaining('S02.xlsx') }),
    ]);
  });

  it('a folder that cannot be listed is one Vietnamese sentence naming it', () => {
    writeFileSync(join(root, 'plain.txt'), 'x');
    expect(() => readFolder(join(root, 'plain.txt'))).toThrow(
      `Không đọc được thư mục ${join(root, 'plain.txt')}: một phần của đường dẫn là tệp chứ không phải thư mục.`,
    );
    expect(() => readFolder(join(root, 'missing'))).toThrow(`Không tìm thấy ${join(root, 'missing')}.`);
  });

  it('a workspace folder is not a folder of returns: nothing in it is listed, and the sentence says what to choose', async () => {
    await ingestFolder(ws, dir, fakeParse);
    let thrown: unknown;
    try {
      readFolder(ws.dir);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(WorkspaceError);
    expect(thrown).toMatchObject({
      code: 'BAD_INPUT',
      message:
        `Thư mục ${ws.dir} là thư mục lưu trữ của kỳ báo cáo ${P} do ứng dụng tạo ra, không phải thư mục chứa báo cáo ` +
        'của các đơn vị: không nhập tệp nào từ thư mục này. Hãy chọn thư mục chứa các tệp .xlsx mà đơn vị gửi.',
    });
    // The folder of all periods: the workspace inside is a subfolder skipped with its own sentence.
    expect(readFolder(root).skipped).toContainEqual({
      name: 'ws',
      kind: 'folder',
      message: `Thư mục con ws là thư mục lưu trữ của kỳ báo cáo ${P} do ứng dụng tạo ra, không phải báo cáo của đơn vị, nên được bỏ qua.`,
    });
    // A workspace.json that is not this app's leaves the folder an ordinary one.
    writeFileSync(join(dir, 'workspace.json'), '{"app":"another-app","period":"X"}');
    expect(readFolder(dir).files.map((f) => f.name)).toEqual(['workspace.json']);
  });
});

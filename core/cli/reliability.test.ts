/**
 * What a unit sends and what a clerk types cannot crash a command, poison the workspace or
 * reach the clerk in Node's English: the regressions of issue #10, on generated returns.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReturn } from '../../test/fixtures/return-workbook.js';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { loadDefaultUnits } from '../units/index.js';
import type { CliIO } from './io.js';
import { main } from './main.js';
import { writeOutputs } from './output.js';
import { faultyFs } from '../workspace/fault-fs.js';

const PERIOD = 'NQ08-SK2023';
const root = mkdtempSync(join(tmpdir(), 'tonghop-reliability-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const form = loadDefaultForm();
const period = findPeriod(PERIOD)!;
const units = loadDefaultUnits();
const unit = (code: string) => units.find((u) => u.code === code)!;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), env: {}, cwd: root };
  const code = await main(args, io);
  return { code, out, err };
}

/** Node's English that must never reach a clerk. */
const ENGLISH = /\b(EISDIR|EPERM|ENOENT|EEXIST|ENOTDIR|illegal operation|no such file|Unexpected|Expected|position)\b/;

interface Json {
  units: { code: string; status: string }[];
  files: { name: string; status: string; message?: string; sha256?: string }[];
  findings: { check: string; unit?: string; cells: string[]; message: string; severity: string }[];
  totals: { province: Record<string, number> };
}

const clean = join(root, 'clean');
beforeAll(async () => {
  expect((await cli(['sample', '--period', PERIOD, '--out', clean])).code).toBe(0);
});

/** A copy of the clean sample with some files replaced. */
async function folderWith(name: string, replaced: Record<string, Uint8Array>): Promise<string> {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const f of readdirSync(clean)) writeFileSync(join(dir, f), readFileSync(join(clean, f)));
  for (const [f, bytes] of Object.entries(replaced)) writeFileSync(join(dir, f), bytes);
  return dir;
}

describe('extreme numbers', () => {
  it(
    '5e-324, 151 decimals and 16 digits are cell findings; every command still works',
    { timeout: 180_000 },
    async () => {
      const tiny = `0,${'0'.repeat(150)}1`;
      const dir = await folderWith('extreme', {
        'BC_CCHC_X03_NQ08-SK2023.xlsx': (
          await buildReturn({ form, unit: unit('X03'), period, values: { KL01: 5e-324 } })
        ).bytes,
        'BC_CCHC_X04_NQ08-SK2023.xlsx': (
          await buildReturn({ form, unit: unit('X04'), period, values: { TTHC05: tiny } })
        ).bytes,
        'BC_CCHC_X05_NQ08-SK2023.xlsx': (
          await buildReturn({ form, unit: unit('X05'), period, values: { KL01: '9007199254740993' } })
        ).bytes,
      });
      const ws = join(root, 'ws-extreme');
      const json = join(root, 'extreme.json');
      const r = await cli(['consolidate', dir, '--period', PERIOD, '--workspace', ws, '--json', json, '--quiet']);
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      const j = JSON.parse(readFileSync(json, 'utf8')) as Json;
      expect(j.files.filter((f) => f.status !== 'imported')).toEqual([]);
      const checks = (u: string) =>
        j.findings.filter((f) => f.unit === u && f.check.startsWith('IMPORT')).map((f) => f.check);
      expect(checks('X03')).toEqual(['IMPORT_NOT_WHOLE']);
      expect(checks('X04')).toEqual(['IMPORT_TOO_PRECISE']);
      expect(checks('X05')).toEqual(['IMPORT_UNRELIABLE_NUMBER']);
      expect(j.units.filter((u) => u.status === 'accepted')).toHaveLength(37);

      const pdf = join(root, 'extreme.pdf');
      expect((await cli(['report', dir, '--period', PERIOD, '--workspace', ws, '--out', pdf, '--quiet'])).code).toBe(1);
      expect(statSync(pdf).size).toBeGreaterThan(10_000);
      const lists = join(root, 'extreme-lists');
      const c = await cli([
        'checklists',
        dir,
        '--period',
        PERIOD,
        '--workspace',
        ws,
        '--out',
        lists,
        '--unit',
        'X04',
        '--quiet',
      ]);
      expect(c.code).toBe(1);
      expect(readdirSync(lists)).toHaveLength(1);
      const packet = join(root, 'X04.xlsx');
      const p = await cli([
        'packet',
        dir,
        '--period',
        PERIOD,
        '--workspace',
        ws,
        '--unit',
        'X04',
        '--out',
        packet,
        '--quiet',
      ]);
      expect(p.code).toBe(0);
      expect(statSync(packet).size).toBeGreaterThan(5_000);
    },
  );

  it(
    'a workspace whose cache holds such a value (an older version) still consolidates; rebuild cures it',
    { timeout: 180_000 },
    async () => {
      const dir = await folderWith('poisoned', {});
      const ws = join(root, 'ws-poisoned');
      expect((await cli(['consolidate', dir, '--period', PERIOD, '--workspace', ws, '--quiet'])).code).toBe(0);
      // What an older importer kept: TTHC05 = 1e-151 with 151 decimals, in X04's cached parse.
      const derived = join(ws, 'derived');
      const x04 = readdirSync(derived).find((f) =>
        readFileSync(join(derived, f), 'utf8').includes('"unitCode":"X04"'),
      )!;
      const cached = JSON.parse(readFileSync(join(derived, x04), 'utf8'));
      cached.values.TTHC05[0] = 1e-151;
      cached.values.TTHC05[1] = 151;
      writeFileSync(join(derived, x04), JSON.stringify(cached));

      const json = join(root, 'poisoned.json');
      const r = await cli(['consolidate', dir, '--period', PERIOD, '--workspace', ws, '--json', json, '--quiet']);
      expect(r.code).toBe(1);
      const j = JSON.parse(readFileSync(json, 'utf8')) as Json;
      const bad = j.findings.filter((f) => f.check === 'UNUSABLE_VALUE');
      expect(bad.map((f) => f.unit)).toEqual(['X04']);
      expect(bad[0]!.message).toContain('Hãy dựng lại dữ liệu từ tệp gốc (lệnh rebuild)');
      expect(j.units.filter((u) => u.status === 'accepted')).toHaveLength(39);
      const pdf = join(root, 'poisoned.pdf');
      expect((await cli(['report', dir, '--period', PERIOD, '--workspace', ws, '--out', pdf, '--quiet'])).code).toBe(1);

      expect((await cli(['rebuild', '--period', PERIOD, '--workspace', ws])).code).toBe(0);
      expect((await cli(['consolidate', dir, '--period', PERIOD, '--workspace', ws, '--quiet'])).code).toBe(0);
    },
  );
});

describe('odd entries in the folder of returns', () => {
  it(
    'a dangling link, a name that is not UTF-8, a 2.2 GB file and a subfolder each get an outcome',
    { timeout: 180_000 },
    async () => {
      const dir = await folderWith('odd', {});
      const x03 = join(dir, 'BC_CCHC_X03_NQ08-SK2023.xlsx');
      writeFileSync(
        Buffer.concat([Buffer.from(join(dir, 'Báo cáo xã ')), Buffer.from([0xc0, 0xaf]), Buffer.from('.xlsx')]),
        readFileSync(x03),
      );
      rmSync(x03);
      rmSync(join(dir, 'BC_CCHC_X04_NQ08-SK2023.xlsx'));
      rmSync(join(dir, 'BC_CCHC_S05_NQ08-SK2023.xlsx'));
      symlinkSync(join(root, 'nowhere.xlsx'), join(dir, 'BC_CCHC_X04_link.xlsx'));
      writeFileSync(join(dir, 'BC_CCHC_S05_huge.xlsx'), '');
      truncateSync(join(dir, 'BC_CCHC_S05_huge.xlsx'), 2.2e9);
      writeFileSync(join(dir, 'video.mp4'), '');
      truncateSync(join(dir, 'video.mp4'), 600 * 1024 * 1024);
      mkdirSync(join(dir, 'Email cũ'));
      writeFileSync(
        join(dir, 'Email cũ', 'BC_CCHC_X12.xlsx'),
        readFileSync(join(clean, 'BC_CCHC_X12_NQ08-SK2023.xlsx')),
      );

      const ws = join(root, 'ws-odd');
      const json = join(root, 'odd.json');
      const r = await cli(['consolidate', dir, '--period', PERIOD, '--workspace', ws, '--json', json, '--quiet']);
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(readFileSync(json, 'utf8')) as Json;
      const byName = new Map(j.files.map((f) => [f.name, f]));
      expect(byName.get('Báo cáo xã \ufffd\ufffd.xlsx')).toMatchObject({ status: 'imported', unit: 'X03' });
      expect(byName.get('BC_CCHC_X04_link.xlsx')).toEqual({
        name: 'BC_CCHC_X04_link.xlsx',
        status: 'rejected',
        message:
          'BC_CCHC_X04_link.xlsx là lối tắt (liên kết) trỏ đến nơi không còn tồn tại nên không đọc được. Hãy chép chính tệp báo cáo vào thư mục.',
        receivedAt: expect.any(String),
      });
      expect(byName.get('BC_CCHC_S05_huge.xlsx')?.message).toBe(
        'Tệp BC_CCHC_S05_huge.xlsx có dung lượng 2.098,1 MB, vượt giới hạn 20 MB của một báo cáo. Hãy kiểm tra lại tệp (có thể đã gửi nhầm tệp khác).',
      );
      expect(byName.get('video.mp4')).toMatchObject({ status: 'rejected' });
      expect(byName.get('Email cũ')?.message).toContain('Thư mục con Email cũ (có 1 mục) được bỏ qua');
      expect(j.units.find((u) => u.code === 'X03')?.status).toBe('accepted');
      expect(j.units.filter((u) => u.status === 'accepted')).toHaveLength(38);
      // Refused files are not kept: the workspace holds the 38 returns that were read.
      const originals = readdirSync(join(ws, 'originals'));
      expect(originals).toHaveLength(38);
      expect(Math.max(...originals.map((o) => statSync(join(ws, 'originals', o)).size))).toBeLessThan(100_000);
      expect(r.out).toContain('Tệp đã nhận: 42, trong đó 4 bị từ chối.');
    },
  );
});

describe('file-system problems', () => {
  const ws = join(root, 'ws-fs');
  const file = join(root, 'a-file.txt');
  const cases: [string, () => string[], string][] = [
    [
      'the workspace is a file',
      () => ['consolidate', clean, '--period', PERIOD, '--workspace', file],
      `${file} là một tệp, không phải thư mục: không dùng làm thư mục làm việc được. Hãy chọn thư mục khác.`,
    ],
    [
      'the workspace lies under a file',
      () => ['consolidate', clean, '--period', PERIOD, '--workspace', join(file, 'ws')],
      `${file} là một tệp, không phải thư mục: không tạo được thư mục làm việc ${join(file, 'ws')}.`,
    ],
    [
      '--json names a folder',
      () => ['consolidate', clean, '--period', PERIOD, '--workspace', ws, '--json', root],
      `${root} là một thư mục, không ghi tệp kết quả JSON vào đó được. Hãy ghi cả tên tệp.`,
    ],
    [
      '--xlsx in a folder that does not exist',
      () => ['consolidate', clean, '--period', PERIOD, '--workspace', ws, '--xlsx', join(root, 'no', 'x.xlsx')],
      `Không có thư mục ${join(root, 'no')} để ghi sổ tính tổng hợp x.xlsx. Hãy tạo thư mục trước hoặc chọn nơi khác.`,
    ],
    [
      'the folder of returns is a file',
      () => ['consolidate', file, '--period', PERIOD, '--workspace', ws],
      `${file} là một tệp, không phải thư mục báo cáo. Hãy chọn thư mục chứa các tệp.`,
    ],
    [
      '--units names a folder',
      () => ['consolidate', clean, '--period', PERIOD, '--workspace', ws, '--units', root],
      `Không đọc được tệp danh sách đơn vị: Không đọc được ${root}: đó là một thư mục, không phải tệp.`,
    ],
    [
      'report --out names a folder',
      () => ['report', clean, '--period', PERIOD, '--workspace', ws, '--out', root],
      `${root} là một thư mục, không ghi báo cáo vào đó được.`,
    ],
    [
      'report --settings does not exist',
      () => [
        'report',
        clean,
        '--period',
        PERIOD,
        '--workspace',
        ws,
        '--out',
        join(root, 'r.pdf'),
        '--settings',
        join(root, 's.json'),
      ],
      `Không tìm thấy tệp thiết lập báo cáo ${join(root, 's.json')}.`,
    ],
    [
      'checklists --out is a file',
      () => ['checklists', clean, '--period', PERIOD, '--workspace', ws, '--out', file],
      `${file} là một tệp, không phải thư mục: không dùng làm thư mục phiếu kiểm tra được.`,
    ],
    ['verify a folder', () => ['verify', root], `${root} là một thư mục, không phải tệp PDF.`],
    [
      'templates --out under a file',
      () => ['templates', '--period', PERIOD, '--out', join(file, 'x')],
      `${file} là một tệp, không phải thư mục: không tạo được thư mục biểu mẫu ${join(file, 'x')}.`,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: exit 2 with a Vietnamese sentence, before anything is imported`, async () => {
      writeFileSync(file, 'x');
      const r = await cli(args());
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err).not.toMatch(ENGLISH);
      expect(existsSync(ws)).toBe(false);
    });
  }

  it('outputs replace the old file by a rename (never written in place), leaving no temporary file', async () => {
    const out = join(root, 'outputs');
    mkdirSync(out);
    const json = join(out, 'ketqua.json');
    writeFileSync(json, 'old');
    const before = statSync(json).ino;
    const r = await cli([
      'consolidate',
      clean,
      '--period',
      PERIOD,
      '--workspace',
      join(root, 'ws-out'),
      '--json',
      json,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(statSync(json).ino).not.toBe(before);
    expect(JSON.parse(readFileSync(json, 'utf8')).period).toBe(PERIOD);
    expect(readdirSync(out)).toEqual(['ketqua.json']);
  });

  it('when one of several outputs fails, the message says which were written and which were not', async () => {
    const dir = join(root, 'several');
    mkdirSync(dir);
    writeFileSync(join(dir, 'blocker'), 'a file where a folder should be');
    const outputs = [
      { path: join(dir, 'a.json'), what: 'tệp kết quả JSON', content: () => '{}' },
      { path: join(dir, 'blocker', 'b.xlsx'), what: 'sổ tính tổng hợp', content: () => new Uint8Array([1]) },
      { path: join(dir, 'c.pdf'), what: 'báo cáo', content: () => new Uint8Array([2]) },
    ];
    await expect(writeOutputs(outputs)).rejects.toThrow(
      `Không ghi được sổ tính tổng hợp ${join(dir, 'blocker', 'b.xlsx')}: ` +
        `không tạo được thư mục ${join(dir, 'blocker')} vì đã có một tệp cùng tên. Hãy chọn tên thư mục khác. ` +
        `Đã ghi xong: tệp kết quả JSON ${join(dir, 'a.json')}. Chưa ghi: báo cáo ${join(dir, 'c.pdf')}.`,
    );
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'blocker']);
  });

  it('an output open in Excel is waited out, then named with its likely holder; the old file stays whole', async () => {
    const dir = join(root, 'excel-open');
    mkdirSync(dir);
    const xlsx = join(dir, 'TongHop_NQ08-SK2023.xlsx');
    writeFileSync(xlsx, 'the workbook of yesterday');
    const retry = { budgetMs: 300, firstDelayMs: 1, maxDelayMs: 20 };
    const outputs = [{ path: xlsx, what: 'sổ tính tổng hợp', content: () => new Uint8Array([7, 7, 7]) }];
    // Windows refuses to replace a workbook Excel has open (EPERM, as in Explorer's "file in use").
    const fs = faultyFs();
    fs.busy({ op: 'rename', path: 'TongHop_NQ08-SK2023.xlsx', code: 'EPERM', times: 2 });
    await writeOutputs(outputs, { fileOps: fs, retry });
    expect([...readFileSync(xlsx)]).toEqual([7, 7, 7]);
    expect(fs.injected).toBe(2);

    fs.busy({ op: 'rename', path: 'TongHop_NQ08-SK2023.xlsx', code: 'EPERM', times: Infinity });
    await expect(
      writeOutputs([{ ...outputs[0]!, content: () => new Uint8Array([8]) }], { fileOps: fs, retry }),
    ).rejects.toThrow(
      `Không ghi được sổ tính tổng hợp ${xlsx}: không ghi đè được tệp ${xlsx} (đã thử lại trong 1 giây): ` +
        'tệp đang được mở trong Excel hoặc phần mềm diệt virus đang quét (cũng có thể OneDrive đang đồng bộ hay ' +
        'Windows đang lập chỉ mục tệp này). Hãy đóng tệp nếu đang mở, chờ một lát rồi thử lại. Chưa ghi được tệp nào.',
    );
    expect([...readFileSync(xlsx)]).toEqual([7, 7, 7]);
    expect(readdirSync(dir)).toEqual(['TongHop_NQ08-SK2023.xlsx']);
  });
});

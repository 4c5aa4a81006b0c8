/**
 * The `tonghop` command end to end: the real CLI (`main`, and once the installed `bin/`),
 * real generated returns on disk, real workspaces, poppler's tools on the PDFs it writes.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBadCorpus } from '../../test/fixtures/bad-corpus.js';
import { makeRsaP12 } from '../../test/fixtures/certs.js';
import type { CliIO } from './io.js';
import { main } from './main.js';

const run = promisify(execFile);
const PERIOD = 'NQ08-SK2023';

interface Ran {
  code: number;
  out: string;
  err: string;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), env: { ...env }, cwd: tmpdir() };
  const code = await main(args, io);
  return { code, out, err };
}

const root = mkdtempSync(join(tmpdir(), 'tonghop-cli-'));
/** `--period` and `--workspace`, as every workspace command takes them. */
const at = (workspace: string): string[] => ['--period', PERIOD, '--workspace', workspace];
const clean = join(root, 'clean');
const faulty = join(root, 'faulty');

beforeAll(async () => {
  expect((await cli(['sample', '--period', PERIOD, '--out', clean])).code).toBe(0);
  const f = await cli(['sample', '--period', PERIOD, '--out', faulty, '--faults']);
  expect(f.code).toBe(0);
  expect(f.out).toContain('X03 (Số liệu!E61)');
});

describe('usage', () => {
  it('prints help and exits 0; an unknown command or option exits 2 with a Vietnamese message', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['templates', 'consolidate', 'report', 'checklists', 'verify', 'packet'])
      expect(help.out).toContain(c);
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Lệnh không có: frobnicate');
    const badOpt = await cli(['consolidate', clean, '--period', PERIOD, '--bogus']);
    expect(badOpt.code).toBe(2);
    expect(badOpt.err).toContain('Tùy chọn không hợp lệ: --bogus');
    const badPeriod = await cli(['consolidate', clean, '--period', 'NOPE']);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.err).toContain('Không có kỳ báo cáo NOPE. Các kỳ có sẵn: NQ08-SK2023, NQ08-TK2025.');
  });

  it('the installed entry point works: `tonghop --help`', () => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'tonghop.js'), '--help'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Cách dùng: tonghop <lệnh> [tham số]');
  });
});

describe('templates', () => {
  it('writes one template per unit of the register, named by unit and period', async () => {
    const out = join(root, 'templates');
    const r = await cli(['templates', '--period', PERIOD, '--out', out]);
    expect(r.code).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toHaveLength(40);
    expect(names[0]).toBe('BC_CCHC_H01_NQ08-SK2023.xlsx');
  });

  it('skips district units in a period after 1 July 2025 and says so', async () => {
    const r = await cli(['templates', '--period', 'NQ08-TK2025', '--out', join(root, 'tk')]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(root, 'tk'))).toHaveLength(33);
    expect(r.err).toContain('H01');
  });
});

describe('consolidate', () => {
  it('says how many files it reads and how many are new: none when a report reads the same folder again', async () => {
    const ws = join(root, 'ws-progress');
    const first = await cli(['consolidate', clean, ...at(ws)]);
    expect(first.code).toBe(0);
    expect(first.err).toContain('Đang đọc 4/40 tệp (4 tệp mới)…');
    expect(first.err).toContain('Đang đọc 40/40 tệp (40 tệp mới)…');
    const report = await cli(['report', clean, ...at(ws), '--out', join(root, 'progress.pdf')]);
    expect(report.code).toBe(0);
    expect(report.err).toContain('Đang đọc 40/40 tệp (0 tệp mới)…');
    expect(`${first.err}${report.err}`).not.toContain('Đang nhập');
  });

  it('a workspace given as the folder of returns is refused at once, and nothing is written anywhere', async () => {
    const ws = join(root, 'ws-as-input');
    expect((await cli(['consolidate', clean, ...at(ws), '--quiet'])).code).toBe(0);
    const before = readFileSync(join(ws, 'manifest.json'), 'utf8');
    const target = join(root, 'ws-never-made');
    for (const command of ['consolidate', 'report', 'checklists']) {
      const out =
        command === 'report'
          ? ['--out', join(root, 'never.pdf')]
          : command === 'checklists'
            ? ['--out', join(root, 'never')]
            : [];
      const r = await cli([command, ws, ...at(target), ...out]);
      expect(r.code, command).toBe(2);
      // The engine's own refusal (core/workspace/ingest.ts readFolder), before any workspace is opened.
      expect(r.err).toBe(
        `Lỗi: Thư mục ${ws} là thư mục lưu trữ của kỳ báo cáo ${PERIOD} do ứng dụng tạo ra, không phải thư mục chứa báo cáo của các đơn vị: không nhập tệp nào từ thư mục này. Hãy chọn thư mục chứa các tệp .xlsx mà đơn vị gửi.\n`,
      );
    }
    expect(readdirSync(root)).not.toContain('ws-never-made');
    expect(readdirSync(root)).not.toContain('never.pdf');
    expect(readFileSync(join(ws, 'manifest.json'), 'utf8')).toBe(before);
    // The same folder for both: refused before the workspace's files are written among the returns.
    const same = join(root, 'same-folder');
    expect((await cli(['sample', '--period', PERIOD, '--out', same])).code).toBe(0);
    const listed = readdirSync(same).sort();
    const r = await cli(['consolidate', same, ...at(same)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`phải là hai thư mục khác nhau (cả hai đang là ${same})`);
    expect(readdirSync(same).sort()).toEqual(listed);
  });

  it('a report on a workspace without any unit figures says so after its gaps', async () => {
    const empty = join(root, 'no-returns');
    mkdirSync(empty);
    const ws = join(root, 'ws-no-returns');
    const r = await cli(['report', empty, ...at(ws), '--out', join(root, 'no-returns.pdf')]);
    expect(r.code).toBe(0);
    const lines = r.err.trim().split('\n');
    expect(lines.at(-1)).toBe(
      `Cảnh báo: chưa có số liệu của đơn vị nào (0/40 đơn vị) trong thư mục lưu trữ ${ws}: báo cáo chỉ có các chỗ trống. Hãy kiểm tra thư mục báo cáo, --period và --workspace.`,
    );
    const withData = await cli([
      'report',
      clean,
      ...at(join(root, 'ws-progress')),
      '--out',
      join(root, 'with-data.pdf'),
    ]);
    expect(withData.code).toBe(0);
    expect(withData.err).not.toContain('chưa có số liệu của đơn vị nào');
  });

  it('clean returns: exit 0, the JSON of cli.md with the engine figures', async () => {
    const json = join(root, 'clean.json');
    const r = await cli(['consolidate', clean, ...at(join(root, 'ws-clean')), '--json', json, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Kỳ báo cáo NQ08-SK2023 — 40 đơn vị: 40 hợp lệ.');
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.period).toBe(PERIOD);
    expect(j.units).toHaveLength(40);
    expect(j.units.every((u: { status: string }) => u.status === 'accepted')).toBe(true);
    // Received when imported (today), whatever the files' modification times (the sample sets
    // them to the simulated sending dates, before the deadline for 39 units): all are late
    // for a deadline of 15/07/2023 until someone records when each was received.
    expect(j.units.every((u: { late: boolean }) => u.late)).toBe(true);
    expect(Date.now() - Date.parse(j.units[0].receivedAt)).toBeLessThan(10 * 60_000);
    expect(j.files).toHaveLength(40);
    expect(j.files[0]).toMatchObject({ status: 'imported' });
    expect(j.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(j.totals.province.KL01).toBe(118);
    expect(j.totals.province.BC08).toBe(722);
    expect(j.ratios.province.R_GIAM_CC).toBeCloseTo((60 / 2632) * 100, 10);
    expect(j.targets).toHaveLength(9);
    expect(j.targets.find((t: { id: string }) => t.id === 'MT1')).toMatchObject({ status: 'vuot' });
    expect(j.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it('returns with slips: exit 1, each slip a finding naming its cell, the wrong period rejected', async () => {
    const json = join(root, 'faulty.json');
    const xlsx = join(root, 'tonghop.xlsx');
    const ws = join(root, 'ws-faulty');
    const r = await cli(['consolidate', faulty, ...at(ws), '--json', json, '--xlsx', xlsx, '--quiet']);
    expect(r.code).toBe(1);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    const status = Object.fromEntries(j.units.map((u: { code: string; status: string }) => [u.code, u.status]));
    expect(status).toMatchObject({
      X03: 'has-errors',
      S02: 'has-errors',
      H01: 'has-errors',
      // S05 sent a return of another period: refused, but not a unit that sent nothing.
      S05: 'rejected',
      S01: 'accepted',
    });
    expect(j.units.find((u: { code: string }) => u.code === 'S05').message).toContain('NQ08-TK2025');
    const rejected = j.files.find((f: { status: string }) => f.status === 'rejected');
    expect(rejected.name).toBe('BC_CCHC_S05_NQ08-SK2023.xlsx');
    expect(rejected.message).toContain('NQ08-TK2025');
    const r01 = j.findings.find((f: { check: string; unit?: string }) => f.check === 'R01' && f.unit === 'X03');
    expect(r01.cells).toContain('BC_CCHC_X03_NQ08-SK2023.xlsx!Số liệu!E61');
    expect(r01.message).toContain('(ô E61)');
    expect(r.out).toContain('[lỗi]');
    // The consolidated workbook's province totals equal the JSON's.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Phát hiện', 'Nguồn số liệu']));
  });

  it('running again on the same folder changes nothing; explain and input are recorded', async () => {
    const ws = join(root, 'ws-faulty');
    const json = join(root, 'again.json');
    const again = await cli(['consolidate', faulty, ...at(ws), '--json', json, '--quiet']);
    expect(again.code).toBe(1);
    const before = JSON.parse(readFileSync(join(root, 'faulty.json'), 'utf8'));
    const after = JSON.parse(readFileSync(json, 'utf8'));
    expect(after.totals).toEqual(before.totals);
    expect(after.files).toEqual(before.files);

    const warning = after.findings.find((f: { severity: string }) => f.severity === 'warning');
    const explained = await cli([
      'explain',
      ...at(ws),
      '--finding',
      warning.id,
      '--note',
      'Đơn vị đã giải trình bằng văn bản.',
    ]);
    expect(explained.code).toBe(0);
    const noNote = await cli(['explain', ...at(ws), '--finding', warning.id, '--note', ' ']);
    expect(noNote.code).toBe(2);
    const input = await cli([
      'input',
      ...at(ws),
      '--key',
      'MT8',
      '--value',
      '35',
      '--note',
      'Quyết định công bố PAR INDEX 2022',
    ]);
    expect(input.code).toBe(0);
    expect(input.out).toBe('Đã ghi số liệu cấp tỉnh MT8 = 35 (nhập "35").\n');
    const third = join(root, 'third.json');
    await cli(['consolidate', faulty, ...at(ws), '--json', third, '--quiet']);
    const j3 = JSON.parse(readFileSync(third, 'utf8'));
    expect(j3.findings.find((f: { id: string }) => f.id === warning.id)).toMatchObject({
      status: 'explained',
      note: 'Đơn vị đã giải trình bằng văn bản.',
    });
    expect(j3.targets.find((t: { id: string }) => t.id === 'MT8')).toMatchObject({ value: 35, status: 'vuot' });
    const audit = readFileSync(join(ws, 'audit.log'), 'utf8');
    expect(audit).toContain('"action":"explained"');
    expect(audit).toContain('"action":"input-set"');
  });

  it('input refuses a value a cell of that measure would refuse, with the same sentence, and stores nothing', async () => {
    const ws = join(root, 'ws-clean');
    const auditBefore = readFileSync(join(ws, 'audit.log'), 'utf8');
    const input = (key: string, value: string) =>
      cli(['input', ...at(ws), '--key', key, `--value=${value}`, '--note', 'Văn bản số 1']);
    const KL01 = 'Số liệu cấp tỉnh KL01 (Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật)';
    const MT3 =
      'Số liệu cấp tỉnh MT3 (Tỷ lệ dịch vụ công trực tuyến toàn trình cung cấp trên nhiều phương tiện, kể cả thiết bị di động)';
    const MT8 = 'Số liệu cấp tỉnh MT8 (Thứ hạng Chỉ số cải cách hành chính (PAR INDEX) trong cả nước)';
    const cases: [string, string, string][] = [
      [
        'KL01',
        '1,668',
        `${KL01}: giá trị "1,668" không đọc được chắc chắn: dấu phẩy trước đúng ba chữ số có thể là dấu phân nhóm hàng nghìn kiểu tiếng Anh (tức 1.668) hoặc dấu thập phân (tức 1,668). Hãy ghi 1.668 hoặc 1668 (không dùng dấu phẩy).`,
      ],
      ['KL01', '-5', `${KL01}: giá trị "-5" là số âm; chỉ tiêu này không thể âm. Hãy kiểm tra lại số liệu.`],
      [
        'KL01',
        '37%',
        `${KL01}: giá trị "37%" không phải là số (chỉ tiêu này không tính bằng %). Hãy ghi số, hoặc để trống nếu không có số liệu.`,
      ],
      [
        'KL01',
        '2,5',
        `${KL01}: giá trị "2,5" có phần lẻ; chỉ tiêu đếm số lượng phải là số nguyên. Hãy kiểm tra lại số liệu.`,
      ],
      ['MT3', '120', `${MT3}: giá trị "120" (tức 120,00%) nằm ngoài khoảng 0–100%. Hãy kiểm tra lại số liệu.`],
      [
        'MT8',
        '64',
        `${MT8}: giá trị "64" không phải là một thứ hạng từ 1 đến 63 (số tỉnh, thành phố được xếp hạng). Hãy kiểm tra lại số liệu.`,
      ],
      [
        'MT8',
        '0',
        `${MT8}: giá trị "0" không phải là một thứ hạng từ 1 đến 63 (số tỉnh, thành phố được xếp hạng). Hãy kiểm tra lại số liệu.`,
      ],
      ['MT8', '12,5', `${MT8}: giá trị "12,5" có phần lẻ; thứ hạng phải là số nguyên. Hãy kiểm tra lại số liệu.`],
      // Words: the reason is said once, naming the value as typed.
      [
        'MT8',
        'mười hai',
        `${MT8}: giá trị "mười hai" không phải là số. Hãy ghi số, hoặc để trống nếu không có số liệu.`,
      ],
      [
        'MT4',
        '20',
        'Mã "MT4" không nhận số liệu cấp tỉnh: hãy dùng MT3, MT5, MT8, MT9 hoặc mã một chỉ tiêu cộng dồn (ví dụ KL01).',
      ],
    ];
    for (const [key, value, message] of cases) {
      const r = await input(key, value);
      expect([key, value, r.code, r.err]).toEqual([key, value, 2, `Lỗi: ${message}\n`]);
    }
    expect(readFileSync(join(ws, 'audit.log'), 'utf8')).toBe(auditBefore);
  });

  it('`received` records when a file was received; lateness follows it (audited)', async () => {
    const ws = join(root, 'ws-received');
    const json = join(root, 'received.json');
    await cli(['consolidate', clean, ...at(ws), '--json', json, '--quiet']);
    const file = 'BC_CCHC_S01_NQ08-SK2023.xlsx';
    const before = JSON.parse(readFileSync(json, 'utf8'));
    expect(before.units.find((u: { code: string }) => u.code === 'S01').late).toBe(true);
    const r = await cli([
      'received',
      ...at(ws),
      '--file',
      file,
      '--date',
      '14/07/2023 09:30',
      '--note',
      'Thư ngày 14/7',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Đã ghi ngày nhận tệp ${file}: 14/07/2023 09:30.`);
    await cli(['consolidate', clean, ...at(ws), '--json', json, '--quiet']);
    const s01 = JSON.parse(readFileSync(json, 'utf8')).units.find((u: { code: string }) => u.code === 'S01');
    expect(s01).toMatchObject({ late: false, receivedAt: '2023-07-14T02:30:00.000Z' });
    expect(readFileSync(join(ws, 'audit.log'), 'utf8')).toContain('"action":"received-set"');
    await cli(['received', ...at(ws), '--file', file, '--date', '16/07/2023']);
    await cli(['consolidate', clean, ...at(ws), '--json', json, '--quiet']);
    expect(JSON.parse(readFileSync(json, 'utf8')).units.find((u: { code: string }) => u.code === 'S01').late).toBe(
      true,
    );
    const bad = await cli(['received', ...at(ws), '--file', file, '--date', '31/02/2023']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Ngày nhận "31/02/2023" không đọc được');
    const none = await cli(['received', ...at(ws), '--file', 'khong-co.xlsx', '--date', '14/07/2023']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Không có tệp "khong-co.xlsx"');
  });

  it('refused files make their units `rejected`, not missing; the silent unit alone is missing', async () => {
    const { buildIntakeScenario } = await import('../../test/fixtures/intake-scenario.js');
    const dir = join(root, 'scenario');
    mkdirSync(dir);
    const sc = await buildIntakeScenario(dir);
    const json = join(root, 'scenario.json');
    const r = await cli(['consolidate', dir, ...at(join(root, 'ws-scenario')), '--json', json, '--quiet']);
    expect(r.code).toBe(1);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    const by = (status: string): string[] =>
      j.units.filter((u: { status: string }) => u.status === status).map((u: { code: string }) => u.code);
    expect(by('missing')).toEqual([sc.silent]);
    expect(by('rejected')).toEqual(Object.keys(sc.refused));
    expect(by('duplicate')).toEqual([sc.duplicate]);
    for (const [unit, name] of Object.entries(sc.refused)) {
      expect(j.files.find((f: { name: string }) => f.name === name)).toMatchObject({ status: 'rejected', unit });
      expect(j.units.find((u: { code: string }) => u.code === unit).message).toContain(name);
    }
    expect(r.out).toContain('4 đã gửi, tệp bị từ chối; 1 chưa nộp');
    // A unit whose only file was refused did send, on that file's date: its lateness is that
    // date's (`sentAt`), not today's. The files came today (after the 15/07/2023 deadline)…
    const [onTime, late] = Object.entries(sc.refused) as [string, string][];
    const unitOf = (doc: { units: { code: string }[] }, code: string) => doc.units.find((u) => u.code === code);
    expect(unitOf(j, late![0])).toMatchObject({ status: 'rejected', late: true, sentAt: expect.any(String) });
    expect(unitOf(j, late![0])).not.toHaveProperty('receivedAt');
    // …and one of them, the clerk says, on 14/07/2023 09:30: sent on time, still refused.
    expect(
      (await cli(['received', ...at(join(root, 'ws-scenario')), '--file', onTime![1], '--date', '14/07/2023 09:30']))
        .code,
    ).toBe(0);
    await cli(['consolidate', dir, ...at(join(root, 'ws-scenario')), '--json', json, '--quiet']);
    const again = JSON.parse(readFileSync(json, 'utf8'));
    expect(unitOf(again, onTime![0])).toEqual({
      code: onTime![0],
      name: expect.any(String),
      tier: expect.any(String),
      status: 'rejected',
      sentAt: '2023-07-14T02:30:00.000Z',
      late: false,
      openErrors: 0,
      message: expect.stringContaining(onTime![1]),
    });
    // One slip, one finding: an unreadable cell is not also a blank.
    for (const u of sc.unreadable) {
      const about = j.findings.filter(
        (f: { unit?: string; cells: string[]; message: string }) =>
          f.unit === u.unit && (f.cells.some((c) => c.endsWith(`!${u.cell}`)) || f.message.includes(u.code)),
      );
      expect(about.map((f: { check: string }) => f.check)).toHaveLength(1);
      expect(about[0].check).toMatch(/^IMPORT_/);
    }
  });

  it('compares with an earlier period given by its workspace (--previous)', async () => {
    const dir = join(root, 'tk2025');
    expect((await cli(['sample', '--period', 'NQ08-TK2025', '--out', dir])).code).toBe(0);
    const json = join(root, 'tk.json');
    const r = await cli([
      'consolidate',
      dir,
      '--period',
      'NQ08-TK2025',
      '--workspace',
      join(root, 'ws-tk'),
      '--previous',
      join(root, 'ws-clean'),
      '--json',
      json,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.units).toHaveLength(33);
    const prev = j.findings.filter((f: { check: string }) => f.check.startsWith('PREV_'));
    expect(prev.length).toBeGreaterThan(0);
    expect(prev.every((f: { severity: string }) => f.severity === 'warning')).toBe(true);
    const bad = await cli([
      'consolidate',
      dir,
      '--period',
      'NQ08-TK2025',
      '--workspace',
      join(root, 'ws-tk'),
      '--previous',
      dir,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('không phải là thư mục làm việc của một kỳ báo cáo');
  });

  it('rebuild re-reads the originals and gives the same result', async () => {
    const ws = join(root, 'ws-faulty');
    const before = JSON.parse(readFileSync(join(root, 'third.json'), 'utf8'));
    rmSync(join(ws, 'derived'), { recursive: true, force: true });
    const r = await cli(['rebuild', ...at(ws)]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Đã đọc lại 40 tệp gốc');
    expect(readdirSync(join(ws, 'derived'))).toHaveLength(40);
    const json = join(root, 'rebuilt.json');
    await cli(['consolidate', faulty, ...at(ws), '--json', json, '--quiet']);
    const after = JSON.parse(readFileSync(json, 'utf8'));
    expect({ ...after, units: undefined }).toEqual({ ...before, units: undefined });
    expect(after.units).toEqual(before.units);
    expect(readFileSync(join(ws, 'audit.log'), 'utf8')).toContain('"action":"rebuilt"');
  });

  it('a blank cell is a completeness warning naming that cell', async () => {
    const dir = join(root, 'blank');
    await cli(['sample', '--period', PERIOD, '--out', dir]);
    const file = join(dir, 'BC_CCHC_S04_NQ08-SK2023.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Số liệu')!;
    let cell = '';
    sheet.eachRow((row) => {
      if (row.getCell(2).value === 'TT02') {
        row.getCell(5).value = null;
        cell = row.getCell(5).address;
      }
    });
    await wb.xlsx.writeFile(file);
    const json = join(root, 'blank.json');
    const r = await cli(['consolidate', dir, ...at(join(root, 'ws-blank')), '--json', json, '--quiet']);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    const f = j.findings.find((x: { check: string; unit?: string }) => x.check === 'MISSING_VALUE' && x.unit === 'S04');
    expect(cell).toMatch(/^E\d+$/);
    expect(f.cells).toEqual([`BC_CCHC_S04_NQ08-SK2023.xlsx!Số liệu!${cell}`]);
    expect(f.message).toContain(
      `bỏ trống chỉ tiêu TT02 "Số hội nghị tuyên truyền, quán triệt Nghị quyết" (ô ${cell}).`,
    );
    expect(j.totals.province.TT02).toBeGreaterThan(0);
  });

  it('takes another register with --units', async () => {
    const units = join(root, 'units.json');
    writeFileSync(
      units,
      JSON.stringify([
        { code: 'S01', name: 'Sở Nội vụ', tier: 'so' },
        { code: 'H09', name: 'UBND huyện Nậm Nhùn', tier: 'huyen' },
        { code: 'X31', name: 'UBND xã Lê Lợi', tier: 'xa', parent: 'H09' },
      ]),
    );
    const dir = join(root, 'small');
    expect((await cli(['sample', '--period', PERIOD, '--out', dir, '--units', units])).code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(3);
    const json = join(root, 'small.json');
    const r = await cli([
      'consolidate',
      dir,
      '--period',
      PERIOD,
      '--units',
      units,
      '--workspace',
      join(root, 'ws-small'),
      '--json',
      json,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.units.map((u: { code: string; status: string }) => `${u.code}:${u.status}`)).toEqual([
      'S01:accepted',
      'H09:accepted',
      'X31:accepted',
    ]);
    const bad = join(root, 'bad-units.json');
    writeFileSync(
      bad,
      JSON.stringify([
        { code: 'S01', name: 'A', tier: 'so' },
        { code: 's01', name: 'B', tier: 'so' },
      ]),
    );
    const dup = await cli([
      'consolidate',
      dir,
      '--period',
      PERIOD,
      '--units',
      bad,
      '--workspace',
      join(root, 'ws-bad'),
    ]);
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('có mã đơn vị s01 bị trùng');
  });

  it('two different files for one unit: duplicate until chosen', async () => {
    const dir = join(root, 'dup');
    await cli(['sample', '--period', PERIOD, '--out', dir]);
    const other = join(root, 'dup-other');
    await cli(['sample', '--period', PERIOD, '--out', other, '--seed', '7']);
    const name = 'BC_CCHC_S07_NQ08-SK2023.xlsx';
    writeFileSync(join(dir, 'S07_ban_sua.xlsx'), readFileSync(join(other, name)));
    const ws = join(root, 'ws-dup');
    const json = join(root, 'dup.json');
    await cli(['consolidate', dir, ...at(ws), '--json', json, '--quiet']);
    let j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.units.find((u: { code: string }) => u.code === 'S07').status).toBe('duplicate');
    // Named as Windows would match it: without regard to case.
    const chose = await cli(['choose', ...at(ws), '--unit', 'S07', '--file', 's07_BAN_SUA.XLSX']);
    expect(chose.code).toBe(0);
    await cli(['consolidate', dir, ...at(ws), '--json', json, '--quiet']);
    j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.units.find((u: { code: string }) => u.code === 'S07')).toMatchObject({
      status: 'accepted',
      file: 'S07_ban_sua.xlsx',
    });
  });
});

describe('a folder of bad and hostile files', () => {
  it('every file gets an outcome and a Vietnamese message; nothing crashes or hangs', async () => {
    const dir = join(root, 'corpus');
    mkdirSync(dir);
    const cases = await buildBadCorpus(dir);
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const json = join(root, 'corpus.json');
    const r = await cli(['consolidate', dir, ...at(join(root, 'ws-corpus')), '--json', json, '--quiet']);
    expect([0, 1]).toContain(r.code);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    const byName = new Map<string, { status: string; message?: string }>(
      j.files.map((f: { name: string; status: string; message?: string }) => [f.name, f]),
    );
    const rejectedReadable: string[] = [];
    for (const c of cases) {
      const name = c.file.split('/').pop() as string;
      const f = byName.get(name);
      expect(f, name).toBeDefined();
      if (c.expect.status === 'rejected') {
        expect(f?.status, name).toBe('rejected');
        expect(f?.message, name).toContain(c.expect.messageIncludes);
      } else if (f?.status === 'rejected') {
        // Read as a return, but it can never count: a unit or period that is not this one's.
        expect(f.message, name).toMatch(/không có trong danh sách|không phải kỳ/);
        rejectedReadable.push(c.expect.check ?? name);
      } else {
        expect(['imported', 'duplicate', 'superseded'], name).toContain(f?.status);
      }
    }
    expect(rejectedReadable.sort()).toEqual(['IMPORT_PERIOD_MISMATCH', 'IMPORT_UNKNOWN_UNIT']);
    // The corpus is all one unit's variants, so that unit is a duplicate until one is chosen.
    expect(j.units.find((u: { code: string }) => u.code === 'X03').status).toBe('duplicate');
  });
});

describe('report, signature, verification', () => {
  it('refuses to sign while error findings are open, before asking for a password', async () => {
    const p12 = makeRsaP12({ commonName: 'Nguyễn Thị Hồng Nhung', organization: 'Sở Nội vụ tỉnh Lai Châu' });
    const file = join(root, 'cert.p12');
    writeFileSync(file, p12.p12);
    const r = await cli([
      'report',
      faulty,
      ...at(join(root, 'ws-faulty')),
      '--out',
      join(root, 'x.pdf'),
      '--sign',
      file,
      '--quiet',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Còn \d+ phát hiện mức lỗi chưa xử lý: không thể ký báo cáo\./);
  });

  it('the data warnings are a separate internal document (--internal-annex), not an annex of the report', async () => {
    const pdf = join(root, 'bc-faulty.pdf');
    const internal = join(root, 'noi-bo.pdf');
    const r = await cli([
      'report',
      faulty,
      ...at(join(root, 'ws-faulty')),
      '--out',
      pdf,
      '--internal-annex',
      internal,
      '--quiet',
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Đã ghi danh sách cảnh báo về số liệu (tài liệu nội bộ) ${internal}`);
    const { stdout: report } = await run('pdftotext', [pdf, '-']);
    expect(report).not.toContain('CẢNH BÁO');
    expect(report).not.toContain('.xlsx');
    const { stdout: list } = await run('pdftotext', [internal, '-']);
    expect(list).toContain('TÀI LIỆU NỘI BỘ');
    expect(list).toContain('BC_CCHC_');
  });

  it('--docx writes the report as a Word copy to edit, which the text check reads back without a slip', async () => {
    const ws = join(root, 'ws-docx');
    const docx = join(root, 'BaoCao.docx');
    const r = await cli(['report', clean, ...at(ws), '--out', join(root, 'bc-docx.pdf'), '--docx', docx, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Đã ghi bản Word để biên tập ${docx}`);
    const checked = await cli(['check-text', docx, ...at(ws)]);
    expect(checked.code).toBe(0);
    // No error, and no warning but the report's own gaps (the targets without data), each said.
    expect(checked.out).toMatch(/Kết quả: 0 lỗi, 4 cảnh báo, \d+ thông tin\./u);
    expect(checked.out.match(/— CẢNH BÁO \(chỗ thiếu số liệu\): /gu)).toHaveLength(4);
    expect(checked.out).toContain('Văn bản còn chỗ thiếu số liệu [thiếu số liệu: MT3]');
    const wrong = await cli([
      'report',
      clean,
      ...at(ws),
      '--out',
      join(root, 'bc-docx.pdf'),
      '--docx',
      join(root, 'x.pdf'),
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--docx: tệp x.pdf phải có đuôi .docx.');
  });

  it('the Word copy of a report with a whole tier missing is read back with no warning but its gaps', async () => {
    // No commune sent its return: the report says so, shows each commune's figure as a gap, and
    // the text check finds nothing else in it (the sentence after "còn 12 đơn vị chưa gửi báo cáo"
    // was once read as naming the units inspected).
    const dir = join(root, 'no-communes');
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(clean))
      if (!/_X\d+_/u.test(f)) writeFileSync(join(dir, f), readFileSync(join(clean, f)));
    const ws = join(root, 'ws-no-communes');
    const docx = join(root, 'BaoCao-khong-xa.docx');
    const r = await cli(['report', dir, ...at(ws), '--out', join(root, 'bc-khong-xa.pdf'), '--docx', docx, '--quiet']);
    expect(r.code).toBe(0);
    const { stdout: text } = await run('pdftotext', [join(root, 'bc-khong-xa.pdf'), '-']);
    expect(text.replace(/\s+/gu, ' ')).toContain('còn 12 đơn vị chưa gửi báo cáo. Danh sách các cơ quan, đơn vị');
    const checked = await cli(['check-text', docx, ...at(ws)]);
    const warnings = checked.out.match(/— CẢNH BÁO \([^)]*\): /gu) ?? [];
    expect(warnings.length).toBeGreaterThan(4);
    expect(warnings.every((w) => w.includes('(chỗ thiếu số liệu)'))).toBe(true);
    expect(checked.out).toContain('[thiếu số liệu: MT6 cấp xã]');
    expect(checked.out).toMatch(/Kết quả: 0 lỗi, \d+ cảnh báo, \d+ thông tin\./u);
  });

  it('writes a signed report that pdfsig and verify call valid with the Vietnamese signer name', async () => {
    const p12 = makeRsaP12({ commonName: 'Nguyễn Thị Hồng Nhung', organization: 'Sở Nội vụ tỉnh Lai Châu' });
    const file = join(root, 'nhung.p12');
    writeFileSync(file, p12.p12);
    const pdf = join(root, 'baocao.pdf');
    const args = [
      'report',
      clean,
      ...at(join(root, 'ws-clean')),
      '--out',
      pdf,
      '--sign',
      file,
      '--pass-env',
      'CERT_PASS',
      '--quiet',
    ];
    // The four targets the department enters itself are not entered: visible gaps. Signing
    // them needs the signer's explicit confirmation; the warnings are the unsigned report's.
    const unsigned = await cli(['report', clean, ...at(join(root, 'ws-clean')), '--out', pdf, '--quiet']);
    const gapLines = unsigned.err.split('\n').filter((l) => l.startsWith('Cảnh báo: Báo cáo thiếu số liệu'));
    expect(gapLines).toHaveLength(4);
    const refused = await cli(args, { CERT_PASS: p12.password });
    expect(refused.code).toBe(2);
    for (const l of gapLines) expect(refused.err).toContain(l);
    expect(refused.err).toContain('Báo cáo còn 4 chỗ thiếu số liệu');
    expect(refused.err).toContain('--accept-gaps');
    expect(refused.out).toBe('');
    const r = await cli([...args, '--accept-gaps'], { CERT_PASS: p12.password });
    for (const l of gapLines) expect(r.err).toContain(l);
    expect(r.err).toContain(
      'Cảnh báo: người ký ghi trong báo cáo là Nguyễn Văn A, nhưng chứng thư số cấp cho Nguyễn Thị Hồng Nhung.\n',
    );
    expect(r.code).toBe(0);
    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    expect(text).toContain('118');
    expect(text).toContain('37,36%');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    const { stdout: sig } = await run('pdfsig', [pdf]);
    expect(sig).toContain('Nguyễn Thị Hồng Nhung');
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    const v = await cli(['verify', pdf]);
    expect(v.code).toBe(0);
    expect(v.out).toContain('Nguyễn Thị Hồng Nhung');
    expect(readFileSync(pdf).includes(Buffer.from(p12.password))).toBe(false);

    const bytes = readFileSync(pdf);
    const flip = Math.floor(bytes.length / 3);
    bytes[flip] = (bytes[flip] as number) ^ 0x01;
    const broken = join(root, 'broken.pdf');
    writeFileSync(broken, bytes);
    expect((await cli(['verify', broken])).code).toBe(1);
    const { stdout: sigBroken } = await run('pdfsig', [broken]);
    expect(sigBroken).not.toContain('Signature is Valid.');
  });

  it('a wrong password is a plain Vietnamese message, exit 2', async () => {
    const p12 = makeRsaP12({ commonName: 'Le Van B' });
    const file = join(root, 'b.p12');
    writeFileSync(file, p12.p12);
    const r = await cli(
      [
        'report',
        clean,
        ...at(join(root, 'ws-clean')),
        '--out',
        join(root, 'y.pdf'),
        '--sign',
        file,
        '--pass-env',
        'P',
        '--accept-gaps',
        '--quiet',
      ],
      { P: 'sai-mat-khau' },
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('không đúng');
  });

  it('--settings updates the document settings kept in the workspace; a bad field is named', async () => {
    const ws = join(root, 'ws-settings');
    const settings = join(root, 'settings.json');
    writeFileSync(settings, JSON.stringify({ number: '123/BC-SNV', date: '2023-09-05', signerName: 'Trần Thị D' }));
    const pdf = join(root, 'settings.pdf');
    const r = await cli(['report', clean, ...at(ws), '--out', pdf, '--settings', settings, '--quiet']);
    expect(r.code).toBe(0);
    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    expect(text).toContain('Số: 123/BC-SNV');
    expect(text).toContain('Lai Châu, ngày 05 tháng 9 năm 2023');
    expect(text).toContain('Trần Thị D');
    const again = join(root, 'settings-again.pdf');
    expect((await cli(['report', clean, ...at(ws), '--out', again, '--quiet'])).code).toBe(0);
    expect((await run('pdftotext', [again, '-'])).stdout).toContain('Trần Thị D');
    expect(readFileSync(join(ws, 'audit.log'), 'utf8')).toContain('"action":"settings-changed"');
    writeFileSync(settings, JSON.stringify({ date: '05/09/2023' }));
    const bad = await cli(['report', clean, ...at(ws), '--out', again, '--settings', settings, '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Thiết lập báo cáo không hợp lệ ở mục "date": ngày phải có dạng yyyy-mm-dd.');
  });

  it('an unsigned file: verify exits 1', async () => {
    const pdf = join(root, 'plain.pdf');
    expect((await cli(['report', clean, ...at(join(root, 'ws-clean')), '--out', pdf, '--quiet'])).code).toBe(0);
    expect((await cli(['verify', pdf])).code).toBe(1);
  });
});

describe('checklists and packet', () => {
  it('one checklist per unit, or one combined file; the dataset code is on them', async () => {
    const out = join(root, 'pkt');
    const r = await cli([
      'checklists',
      clean,
      ...at(join(root, 'ws-clean')),
      '--out',
      out,
      '--unit',
      'X03',
      '--unit',
      'S01',
      '--team',
      'Trần Văn C:Trưởng đoàn',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['PKT_S01_NQ08-SK2023.pdf', 'PKT_X03_NQ08-SK2023.pdf']);
    const { stdout: text } = await run('pdftotext', [join(out, 'PKT_X03_NQ08-SK2023.pdf'), '-']);
    expect(text).toContain('UBND xã Bản Hon');
    expect(text).toContain('Trần Văn C');
    expect(text).toContain('Mã dữ liệu:');
    expect(text).toContain('Trang 1/');
    const combined = await cli([
      'checklists',
      clean,
      ...at(join(root, 'ws-clean')),
      '--out',
      join(root, 'pkt-all'),
      '--combined',
      '--quiet',
    ]);
    expect(combined.code).toBe(0);
    expect(readdirSync(join(root, 'pkt-all'))).toEqual(['PKT_TONGHOP_NQ08-SK2023.pdf']);
  });

  it('the return packet highlights the problem cell with a Vietnamese comment', async () => {
    const out = join(root, 'packet-X03.xlsx');
    const r = await cli(['packet', faulty, ...at(join(root, 'ws-faulty')), '--unit', 'X03', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cell = wb.getWorksheet('Số liệu')!.getCell('E61');
    expect(JSON.stringify(cell.note)).toContain('kỷ luật');
    expect(wb.getWorksheet('Phản hồi')).toBeDefined();
  });
});

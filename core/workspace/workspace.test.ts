import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefaultForm } from '../form/index.js';
import {
  choose,
  dataset,
  explainFinding,
  fixedFindingIds,
  getReportSettings,
  ingestFiles,
  ingestFolder,
  openWorkspace,
  originalBytes,
  readAudit,
  readManifest,
  rebuild,
  reopenFinding,
  setProvinceInput,
  setReceivedAt,
  setReportSettings,
  sha256Hex,
  tracker,
  defaultWorkspaceRoot,
  ensureDerived,
  WorkspaceError,
  type Workspace,
} from './index.js';
import { withLock } from './lock.js';
import { flushAudit } from './audit.js';
import { TEST_PERIOD, TEST_UNITS, fakeBytes, fakeParse, type FakeReturn } from './test-helpers.js';

const P = TEST_PERIOD.code;
let root: string;
let ws: Workspace;
const file = (name: string, r: FakeReturn, receivedAt = '2023-07-10T02:00:00.000Z') => ({
  name,
  bytes: fakeBytes({ period: P, ...r }),
  receivedAt,
});
const sha = (r: FakeReturn) => sha256Hex(fakeBytes({ period: P, ...r }));
const form = loadDefaultForm();

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'ws-test-'));
  ws = await openWorkspace(join(root, 'ws'), { period: TEST_PERIOD, create: true, by: 'chuyên viên A' });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('opening', () => {
  it('creates the documented layout and refuses folders that are not workspaces or of another period', async () => {
    expect(readdirSync(ws.dir).sort()).toEqual(['derived', 'manifest.json', 'originals', 'workspace.json']);
    const info = JSON.parse(readFileSync(join(ws.dir, 'workspace.json'), 'utf8'));
    expect(info).toMatchObject({ format: 1, app: 'tong-hop-cchc', period: 'NQ08-SK2023' });
    expect(readManifest(ws.dir)).toMatchObject({ seq: 0, auditSeq: 0, submissions: [] });
    await expect(openWorkspace(join(root, 'none'), { period: TEST_PERIOD })).rejects.toThrow(
      `Thư mục ${join(root, 'none')} chưa phải là thư mục làm việc của một kỳ báo cáo.`,
    );
    const other = { ...TEST_PERIOD, code: 'NQ08-TK2025' };
    await expect(openWorkspace(ws.dir, { period: other })).rejects.toThrow(
      `Thư mục làm việc ${ws.dir} thuộc kỳ NQ08-SK2023, không phải kỳ NQ08-TK2025.`,
    );
    expect(defaultWorkspaceRoot()).toMatch(/Documents[\\/]TongHopCCHC$/);
  });
  it('reads the manifest again whenever its text changed, and gives each reader its own copy', async () => {
    await ingestFiles(ws, [file('BC_S01.xlsx', { unit: 'S01', values: { TTHC07: 5 } })], fakeParse);
    // A reader changing its copy changes nothing for the next ones (the first read checks the
    // text, the next ones reuse what it found).
    for (let k = 0; k < 2; k++) {
      const m = readManifest(ws.dir);
      expect(m.submissions).toHaveLength(1);
      m.submissions.length = 0;
      m.units = {};
    }
    expect(readManifest(ws.dir).submissions.map((s) => s.names)).toEqual([['BC_S01.xlsx']]);
    // Changed on disk (the same length, another content): read and checked again.
    const path = join(ws.dir, 'manifest.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replaceAll('"BC_S01.xlsx"', '"BC_S02.xlsx"'));
    expect(readManifest(ws.dir).submissions[0]!.names).toEqual(['BC_S02.xlsx']);
    writeFileSync(path, text.replace('"format": 1', '"format": 2'));
    expect(() => readManifest(ws.dir)).toThrow(`Tệp ${path} không đúng định dạng (format:`);
  });
});

describe('ingesting', () => {
  it('keeps the original byte for byte, read-only, with its parse cached and an audit entry', async () => {
    const f = file('S01.xlsx', { unit: 'S01', values: { KL01: 118, KL02: 84 } });
    const progress: string[] = [];
    const res = await ingestFiles(ws, [f], fakeParse, { onProgress: (d, t, n) => progress.push(`${d}/${t} ${n}`) });
    const h = sha256Hex(f.bytes);
    expect(res.files).toEqual([{ name: 'S01.xlsx', sha256: h, outcome: 'new', status: 'imported', unit: 'S01' }]);
    expect(progress).toEqual(['1/1 S01.xlsx']);
    await expect(ingestFiles(ws, [{ ...f, name: 'x.xlsx', receivedAt: 'hôm qua' }], fakeParse)).rejects.toThrow(
      'Thời điểm nhận tệp x.xlsx không hợp lệ: "hôm qua".',
    );
    const orig = join(ws.dir, 'originals', h);
    expect(Buffer.compare(readFileSync(orig), Buffer.from(f.bytes))).toBe(0);
    expect(statSync(orig).mode & 0o777).toBe(0o444);
    expect(Buffer.compare(Buffer.from(originalBytes(ws, h)), Buffer.from(f.bytes))).toBe(0);
    expect(JSON.parse(readFileSync(join(ws.dir, 'derived', `${h}.json`), 'utf8')).values.KL01).toEqual([
      118,
      0,
      'Số liệu',
      'E10',
      '118',
    ]);
    const m = readManifest(ws.dir);
    expect(m.submissions).toEqual([
      {
        sha256: h,
        names: ['S01.xlsx'],
        size: f.bytes.length,
        receivedAt: '2023-07-10T02:00:00.000Z',
        batch: 1,
        unit: 'S01',
        invalid: false,
        status: 'imported',
        findings: [],
      },
    ]);
    expect(m.units).toEqual({ S01: { accepted: h, duplicates: [] } });
    const audit = readAudit(ws);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      seq: 1,
      by: 'chuyên viên A',
      action: 'imported',
      sha256: h,
      name: 'S01.xlsx',
      unit: 'S01',
    });
  });

  it('records identical bytes once, and re-ingesting the same folder changes nothing', async () => {
    const r = { unit: 'S01', values: { KL01: 5 } };
    await ingestFiles(ws, [file('S01.xlsx', r)], fakeParse);
    const again = await ingestFiles(ws, [file('S01.xlsx', r)], fakeParse);
    expect(again.committed).toBe(false);
    expect(again.files[0]).toMatchObject({ outcome: 'known', status: 'imported' });
    const copy = await ingestFiles(ws, [file('S01 (1).xlsx', r)], fakeParse, { by: 'chuyên viên B' });
    expect(copy.files[0]).toMatchObject({ outcome: 'same-bytes', status: 'imported', unit: 'S01' });
    const m = readManifest(ws.dir);
    expect(m.submissions).toHaveLength(1);
    expect(m.submissions[0]!.names).toEqual(['S01.xlsx', 'S01 (1).xlsx']);
    expect(readdirSync(join(ws.dir, 'originals'))).toEqual([sha(r)]);
    expect(readAudit(ws).map((e) => [e.action, e.by])).toEqual([
      ['imported', 'chuyên viên A'],
      ['duplicate-recorded', 'chuyên viên B'],
    ]);
    const t = tracker(ws, TEST_UNITS, TEST_PERIOD);
    expect(t.files.map((f) => [f.name, f.status, f.message])).toEqual([
      ['S01.xlsx', 'imported', undefined],
      ['S01 (1).xlsx', 'duplicate', 'Tệp S01 (1).xlsx có nội dung giống hệt tệp S01.xlsx; chỉ ghi nhận một lần.'],
    ]);
    expect(t.units[0]).toMatchObject({ code: 'S01', status: 'accepted' });
  });

  it('rejects unreadable files, another period, no unit code and unknown units; none becomes accepted', async () => {
    await ingestFiles(
      ws,
      [
        file('bao-cao.pdf', {
          reject: 'Tệp bao-cao.pdf là tệp PDF, không phải sổ tính Excel (.xlsx); hãy gửi lại tệp .xlsx.',
        }),
        file('S01.xlsx', { unit: 'S01', period: 'NQ08-TK2025', values: { KL01: 1 } }),
        file('khong-ma.xlsx', { values: { KL01: 1 } }),
        file('Z99.xlsx', { unit: 'Z99', values: { KL01: 1 } }),
      ],
      fakeParse,
    );
    const t = tracker(ws, TEST_UNITS, TEST_PERIOD);
    expect(t.files.map((f) => [f.name, f.status, f.message])).toEqual([
      [
        'bao-cao.pdf',
        'rejected',
        'Tệp bao-cao.pdf là tệp PDF, không phải sổ tính Excel (.xlsx); hãy gửi lại tệp .xlsx.',
      ],
      [
        'S01.xlsx',
        'rejected',
        'Tệp S01.xlsx ghi kỳ báo cáo NQ08-TK2025 (trang Thông tin, ô B4), không phải kỳ NQ08-SK2023 đang tổng hợp.',
      ],
      [
        'khong-ma.xlsx',
        'rejected',
        'Tệp khong-ma.xlsx không ghi mã đơn vị trên trang Thông tin nên không biết của đơn vị nào.',
      ],
      ['Z99.xlsx', 'rejected', 'Tệp Z99.xlsx ghi mã đơn vị Z99, không có trong danh sách đơn vị.'],
    ]);
    // S01 sent a file, refused: not a unit that sent nothing.
    expect(t.units.map((u) => u.status)).toEqual(['rejected', 'missing', 'missing', 'missing']);
    expect(t.units[0]!.message).toBe(
      'Tệp S01.xlsx ghi kỳ báo cáo NQ08-TK2025 (trang Thông tin, ô B4), không phải kỳ NQ08-SK2023 đang tổng hợp.',
    );
    expect(readAudit(ws).map((e) => e.action)).toEqual(['rejected', 'rejected', 'rejected', 'imported']);
    expect(dataset(ws, form, TEST_UNITS, TEST_PERIOD).values).toEqual({});
    await expect(choose(ws, 'S01', sha({ unit: 'S01', period: 'NQ08-TK2025', values: { KL01: 1 } }))).rejects.toThrow(
      /bị từ chối .* nên không thể chọn làm báo cáo của đơn vị S01\./,
    );
  });

  it('ingests a folder: regular files only, no hidden or ~$ lock files, received when imported (not the file time)', async () => {
    const dir = join(root, 'in');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'S02.xlsx'), fakeBytes({ period: P, unit: 'S02', values: { KL01: 3 } }));
    writeFileSync(join(dir, 'S01.xlsx'), fakeBytes({ period: P, unit: 'S01', values: { KL01: 4 } }));
    writeFileSync(join(dir, '~$S02.xlsx'), 'lock');
    writeFileSync(join(dir, '.DS_Store'), 'x');
    writeFileSync(join(dir, 'sub', 'S01.xlsx'), fakeBytes({ unit: 'S01', period: P }));
    // Saved from an email after the deadline: the file's time says nothing about when the unit sent it.
    const open = { ...TEST_PERIOD, deadline: '2999-12-31' };
    const saved = new Date('3000-01-05T03:04:05.000Z');
    utimesSync(join(dir, 'S02.xlsx'), saved, saved);
    const before = Date.now();
    const res = await ingestFolder(ws, dir, fakeParse);
    const after = Date.now();
    expect(res.files.map((f) => f.name)).toEqual(['S01.xlsx', 'S02.xlsx']);
    const tr = tracker(ws, TEST_UNITS, open);
    const s02 = tr.units[1]!;
    expect(s02).toMatchObject({ code: 'S02', status: 'accepted', late: false, file: 'S02.xlsx' });
    expect(Date.parse(s02.receivedAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(s02.receivedAt!)).toBeLessThanOrEqual(after);
    // One batch, one instant.
    expect(tr.units[0]!.receivedAt).toBe(s02.receivedAt);
  });
});

describe('several files for one unit', () => {
  it('two different files in one batch: duplicate until chosen; the choice is logged', async () => {
    const a = { unit: 'S01', values: { KL01: 10 } };
    const b = { unit: 'S01', values: { KL01: 12 } };
    await ingestFiles(ws, [file('S01.xlsx', a), file('S01-moi.xlsx', b)], fakeParse);
    let t = tracker(ws, TEST_UNITS, TEST_PERIOD);
    expect(t.units[0]!.status).toBe('duplicate');
    expect(t.files.map((f) => [f.name, f.status, f.message])).toEqual([
      ['S01.xlsx', 'duplicate', 'Đơn vị S01 có 2 tệp khác nhau (S01.xlsx, S01-moi.xlsx); cần chọn một tệp.'],
      ['S01-moi.xlsx', 'duplicate', 'Đơn vị S01 có 2 tệp khác nhau (S01.xlsx, S01-moi.xlsx); cần chọn một tệp.'],
    ]);
    expect(dataset(ws, form, TEST_UNITS, TEST_PERIOD).values).toEqual({});
    await choose(ws, 's01', sha(b), 'trưởng phòng');
    t = tracker(ws, TEST_UNITS, TEST_PERIOD);
    expect(t.units[0]).toMatchObject({ status: 'accepted', file: 'S01-moi.xlsx', sha256: sha(b) });
    expect(t.files.map((f) => f.status)).toEqual(['superseded', 'imported']);
    expect(t.files[0]!.message).toBe('Đã được thay bằng tệp S01-moi.xlsx nhận ngày 10/07/2023.');
    expect(readAudit(ws).at(-1)).toMatchObject({
      action: 'chosen',
      unit: 'S01',
      sha256: sha(b),
      name: 'S01-moi.xlsx',
      by: 'trưởng phòng',
    });
    expect(dataset(ws, form, TEST_UNITS, TEST_PERIOD).values.S01!.KL01!.value).toBe(12);
  });

  it('a later re-submission supersedes the accepted one and keeps the change list; its findings are fixed', async () => {
    const v1 = {
      unit: 'H01',
      values: { KL01: 118, KL02: 84, KL03: 14 },
      findings: [{ check: 'IMPORT_TEXT', severity: 'error' as const, code: 'KL03', message: 'Ô E12 ghi chữ' }],
    };
    const v2 = { unit: 'H01', values: { KL01: 118, KL02: 80, KL04: 7 } };
    await ingestFiles(ws, [file('H01.xlsx', v1, '2023-07-10T01:00:00.000Z')], fakeParse);
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).units[2]).toMatchObject({
      status: 'has-errors',
      errors: 1,
      warnings: 0,
      late: false,
    });
    const res = await ingestFiles(ws, [file('H01-sua.xlsx', v2, '2023-07-16T01:00:00.000Z')], fakeParse);
    const changes = [
      { code: 'KL02', old: 84, new: 80, oldCell: 'H01.xlsx!Số liệu!E11', newCell: 'H01-sua.xlsx!Số liệu!E11' },
      { code: 'KL03', old: 14, new: null, oldCell: 'H01.xlsx!Số liệu!E12' },
      { code: 'KL04', old: null, new: 7, newCell: 'H01-sua.xlsx!Số liệu!E12' },
    ];
    expect(res.supersessions).toEqual([{ seq: 2, unit: 'H01', from: sha(v1), to: sha(v2), changes }]);
    expect(readManifest(ws.dir).supersessions).toEqual(res.supersessions);
    expect(readAudit(ws).at(-1)).toMatchObject({
      action: 'superseded',
      unit: 'H01',
      from: sha(v1),
      to: sha(v2),
      changes,
    });
    const t = tracker(ws, TEST_UNITS, TEST_PERIOD);
    // Late is judged on the first usable return (10/07, before the 15/07 deadline).
    expect(t.units[2]).toMatchObject({
      status: 'accepted',
      file: 'H01-sua.xlsx',
      errors: 0,
      receivedAt: '2023-07-10T01:00:00.000Z',
      late: false,
    });
    expect(t.files.map((f) => [f.name, f.status])).toEqual([
      ['H01.xlsx', 'superseded'],
      ['H01-sua.xlsx', 'imported'],
    ]);
    const fid = 'IMPORT_TEXT|H01|H01.xlsx!Số liệu!E12';
    expect(fixedFindingIds(ws)).toEqual({
      [fid]: { unit: 'H01', file: 'H01-sua.xlsx', at: '2023-07-16T01:00:00.000Z' },
    });
    const ds = dataset(ws, form, TEST_UNITS, TEST_PERIOD);
    expect(ds.resolutions[fid]).toEqual({
      status: 'fixed',
      note: 'Đã sửa bằng tệp H01-sua.xlsx của đơn vị H01 nhận ngày 16/07/2023.',
      by: 'H01',
      at: '2023-07-16T01:00:00.000Z',
    });
    expect(ds.importFindings).toEqual([]);
    expect(ds.values.H01!.KL02!.value).toBe(80);
  });

  it('an older file found later does not replace a newer accepted one; choose can go back to it', async () => {
    const newer = { unit: 'X01', values: { KL01: 2 } };
    const older = { unit: 'X01', values: { KL01: 1 } };
    await ingestFiles(ws, [file('X01-b.xlsx', newer, '2023-07-12T00:00:00.000Z')], fakeParse);
    await ingestFiles(ws, [file('X01-a.xlsx', older, '2023-07-05T00:00:00.000Z')], fakeParse);
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).files.map((f) => [f.name, f.status])).toEqual([
      ['X01-b.xlsx', 'imported'],
      ['X01-a.xlsx', 'superseded'],
    ]);
    expect(readManifest(ws.dir).supersessions).toEqual([]);
    const sup = await choose(ws, 'X01', sha(older));
    expect(sup).toEqual([
      {
        seq: 3,
        unit: 'X01',
        from: sha(newer),
        to: sha(older),
        changes: [
          { code: 'KL01', old: 2, new: 1, oldCell: 'X01-b.xlsx!Số liệu!E10', newCell: 'X01-a.xlsx!Số liệu!E10' },
        ],
      },
    ]);
    expect(await choose(ws, 'X01', sha(older))).toEqual([]);
    expect(readManifest(ws.dir).seq).toBe(3);
  });

  it('several newer files for an accepted unit wait as duplicates; the choice records changes from the old one', async () => {
    const v1 = { unit: 'S02', values: { KL01: 1 } };
    const v2 = { unit: 'S02', values: { KL01: 2 } };
    const v3 = { unit: 'S02', values: { KL01: 3 } };
    await ingestFiles(ws, [file('a.xlsx', v1, '2023-07-01T00:00:00.000Z')], fakeParse);
    await ingestFiles(
      ws,
      [file('b.xlsx', v2, '2023-07-02T00:00:00.000Z'), file('c.xlsx', v3, '2023-07-03T00:00:00.000Z')],
      fakeParse,
    );
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).units[1]!.status).toBe('duplicate');
    const sup = await choose(ws, 'S02', sha(v3));
    expect(sup.map((s) => [s.from, s.to, s.changes.map((c) => `${c.old}→${c.new}`)])).toEqual([
      [sha(v1), sha(v3), ['1→3']],
    ]);
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).files.map((f) => f.status)).toEqual([
      'superseded',
      'superseded',
      'imported',
    ]);
  });
});

describe('findings, province inputs, report settings', () => {
  it('explains (note required) and reopens findings, both logged; explained errors no longer count', async () => {
    const r = {
      unit: 'S01',
      values: { KL01: -1, KL02: 3 },
      findings: [
        { check: 'IMPORT_NEGATIVE', severity: 'error' as const, code: 'KL01', message: 'Số âm' },
        { check: 'IMPORT_ODD', severity: 'warning' as const, code: 'KL02', message: 'Lạ' },
      ],
    };
    await ingestFiles(ws, [file('S01.xlsx', r)], fakeParse);
    const id = 'IMPORT_NEGATIVE|S01|S01.xlsx!Số liệu!E10';
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).units[0]).toMatchObject({
      status: 'has-errors',
      errors: 1,
      warnings: 1,
    });
    expect(dataset(ws, form, TEST_UNITS, TEST_PERIOD).importFindings.map((f) => f.id)).toEqual([
      id,
      'IMPORT_ODD|S01|S01.xlsx!Số liệu!E11',
    ]);
    await expect(explainFinding(ws, id, '   ')).rejects.toThrow(
      `Cần ghi nội dung giải trình cho phát hiện ${id}; không để trống.`,
    );
    await explainFinding(ws, id, ' Đơn vị ghi nhầm dấu, đã xác nhận qua điện thoại. ', 'chuyên viên B');
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).units[0]).toMatchObject({ status: 'accepted', errors: 0, warnings: 1 });
    expect(dataset(ws, form, TEST_UNITS, TEST_PERIOD).resolutions[id]).toMatchObject({
      status: 'explained',
      note: 'Đơn vị ghi nhầm dấu, đã xác nhận qua điện thoại.',
      by: 'chuyên viên B',
    });
    await reopenFinding(ws, id);
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).units[0]!.status).toBe('has-errors');
    await expect(reopenFinding(ws, id)).rejects.toThrow(
      `Phát hiện ${id} chưa được giải trình nên không có gì để mở lại.`,
    );
    expect(
      readAudit(ws)
        .slice(1)
        .map((e) => [e.action, e.findingId, e.note ?? e.previousNote]),
    ).toEqual([
      ['explained', id, 'Đơn vị ghi nhầm dấu, đã xác nhận qua điện thoại.'],
      ['reopened', id, 'Đơn vị ghi nhầm dấu, đã xác nhận qua điện thoại.'],
    ]);
  });

  it('stores province inputs with their source and history', async () => {
    await setProvinceInput(ws, form, { key: 'mt3', value: 12, note: 'Quyết định số 1/QĐ-BNV', by: 'A' });
    await setProvinceInput(ws, form, { key: 'MT3', value: 9, note: 'Quyết định số 2/QĐ-BNV', by: 'B' });
    await setProvinceInput(ws, form, { key: 'KL01', value: 120, note: 'Phần mềm quản lý cán bộ' });
    await expect(setProvinceInput(ws, form, { key: 'MT5', value: 1, note: '' })).rejects.toThrow(
      'Cần ghi nguồn của số liệu MT5 (văn bản, hệ thống cung cấp).',
    );
    // Refused values are judged as a cell of that measure would be, before anything is stored.
    await expect(setProvinceInput(ws, form, { key: 'MT5', value: Number.NaN, note: 'x' })).rejects.toThrow(
      `Số liệu cấp tỉnh MT5 (${form.targets.find((t) => t.id === 'MT5')!.label}): giá trị "—" không phải là số. Hãy ghi số, hoặc để trống nếu không có số liệu.`,
    );
    await expect(setProvinceInput(ws, form, { key: 'KL01', value: '1,668', note: 'x' })).rejects.toMatchObject({
      name: 'WorkspaceError',
      code: 'BAD_INPUT',
    });
    await expect(setProvinceInput(ws, form, { key: 'MT99', value: 1, note: 'x' })).rejects.toThrow(
      'Mã "MT99" không nhận số liệu cấp tỉnh',
    );
    const ds = dataset(ws, form, TEST_UNITS, TEST_PERIOD);
    expect(ds.provinceInputs.map((p) => [p.key, p.value, p.note, p.by])).toEqual([
      ['KL01', 120, 'Phần mềm quản lý cán bộ', 'chuyên viên A'],
      ['MT3', 9, 'Quyết định số 2/QĐ-BNV', 'B'],
    ]);
    expect(readAudit(ws).map((e) => [e.action, e.key, e.value, e.previous, e.by])).toEqual([
      ['input-set', 'MT3', 12, undefined, 'A'],
      ['input-set', 'MT3', 9, 12, 'B'],
      ['input-set', 'KL01', 120, undefined, 'chuyên viên A'],
    ]);
  });

  it('stores report settings as an opaque JSON document mirrored to report-settings.json', async () => {
    expect(getReportSettings(ws)).toBeUndefined();
    const s = { kind: 'bao-cao', number: '123/BC-SNV', place: 'Lai Châu', recipients: ['UBND tỉnh'] };
    await setReportSettings(ws, s);
    await setReportSettings(ws, { ...s });
    expect(getReportSettings(ws)).toEqual(s);
    expect(JSON.parse(readFileSync(join(ws.dir, 'report-settings.json'), 'utf8'))).toEqual(s);
    const entries = readAudit(ws);
    expect(entries.map((e) => [e.action, e.sha256])).toEqual([
      ['settings-changed', sha256Hex(Buffer.from(JSON.stringify(s)))],
    ]);
    // A crash after the manifest commit but before the mirror: the next open rewrites it.
    rmSync(join(ws.dir, 'report-settings.json'));
    await openWorkspace(ws.dir, { period: TEST_PERIOD });
    expect(JSON.parse(readFileSync(join(ws.dir, 'report-settings.json'), 'utf8'))).toEqual(s);
  });
});

describe('tracker and dataset', () => {
  it('a unit whose files were all refused is rejected, with why; a refused file is the unit its content or file name names', async () => {
    const reject = (name: string, why: string) => ({
      name,
      bytes: fakeBytes({ reject: why, salt: name }),
      receivedAt: '2023-07-10T02:00:00.000Z',
    });
    await ingestFiles(
      ws,
      [
        // Unreadable: owned by the one register code in its name.
        reject('BC_CCHC_S02_NQ08-SK2023.xls', 'Tệp BC_CCHC_S02_NQ08-SK2023.xls là định dạng Excel 97-2003 (.xls).'),
        // Two register codes in the name: nobody's.
        reject('S01 va H01.xlsx', 'Tệp S01 va H01.xlsx không phải là sổ tính Excel.'),
        // Content names X01 (another period): X01's, whatever the name says.
        file('bao cao S01.xlsx', { unit: 'X01', period: 'NQ08-TK2025', values: { KL01: 1 } }),
        // H01 sent a good file and a broken one: still accepted.
        file('H01.xlsx', { unit: 'H01', values: { KL01: 2 } }),
        reject('H01 (2).xlsx', 'Tệp H01 (2).xlsx bị cắt cụt.'),
      ],
      fakeParse,
    );
    const t = tracker(ws, TEST_UNITS, TEST_PERIOD);
    expect(t.units.map((u) => [u.code, u.status])).toEqual([
      ['S01', 'missing'],
      ['S02', 'rejected'],
      ['H01', 'accepted'],
      ['X01', 'rejected'],
    ]);
    expect(t.units[1]).toMatchObject({
      message: 'Tệp BC_CCHC_S02_NQ08-SK2023.xls là định dạng Excel 97-2003 (.xls).',
      refused: [{ name: 'BC_CCHC_S02_NQ08-SK2023.xls', reason: 'tệp bị hỏng, không đọc được' }],
    });
    expect(t.units[3]!.refused).toEqual([
      expect.objectContaining({ name: 'bao cao S01.xlsx', reason: 'tệp ghi kỳ báo cáo khác' }),
    ]);
    expect(t.units[2]!.refused?.map((r) => r.name)).toEqual(['H01 (2).xlsx']);
    expect(t.files.map((f) => [f.name, f.status, f.unit])).toEqual([
      ['BC_CCHC_S02_NQ08-SK2023.xls', 'rejected', 'S02'],
      ['S01 va H01.xlsx', 'rejected', undefined],
      ['bao cao S01.xlsx', 'rejected', 'X01'],
      ['H01.xlsx', 'imported', 'H01'],
      ['H01 (2).xlsx', 'rejected', 'H01'],
    ]);
    const ds = dataset(ws, form, TEST_UNITS, TEST_PERIOD);
    expect(ds.intake).toEqual({
      S01: { status: 'missing' },
      S02: {
        status: 'rejected',
        refused: [
          {
            file: 'BC_CCHC_S02_NQ08-SK2023.xls',
            reason: 'tệp bị hỏng, không đọc được',
            message: 'Tệp BC_CCHC_S02_NQ08-SK2023.xls là định dạng Excel 97-2003 (.xls).',
          },
        ],
      },
      H01: { status: 'accepted' },
      X01: {
        status: 'rejected',
        refused: [
          {
            file: 'bao cao S01.xlsx',
            reason: 'tệp ghi kỳ báo cáo khác',
            message:
              'Tệp bao cao S01.xlsx ghi kỳ báo cáo NQ08-TK2025 (trang Thông tin, ô B4), không phải kỳ NQ08-SK2023 đang tổng hợp.',
          },
        ],
      },
    });
  });

  it('lateness follows the received date a person records, with an audit entry; never a future date', async () => {
    await ingestFiles(
      ws,
      [file('S01.xlsx', { unit: 'S01', values: { KL01: 7 } }, '2023-07-20T02:00:00.000Z')],
      fakeParse,
    );
    const h = sha({ unit: 'S01', values: { KL01: 7 } });
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).units[0]).toMatchObject({ late: true });
    await setReceivedAt(ws, h, '2023-07-14T09:30:00+07:00', { by: 'văn thư', note: 'Thư điện tử ngày 14/7/2023' });
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).units[0]).toMatchObject({
      late: false,
      receivedAt: '2023-07-14T02:30:00.000Z',
    });
    expect(readManifest(ws.dir).submissions[0]).toMatchObject({
      receivedAt: '2023-07-14T02:30:00.000Z',
      receivedSetBy: 'văn thư',
    });
    expect(readAudit(ws).at(-1)).toMatchObject({
      action: 'received-set',
      by: 'văn thư',
      sha256: h,
      name: 'S01.xlsx',
      unit: 'S01',
      receivedAt: '2023-07-14T02:30:00.000Z',
      previous: '2023-07-20T02:00:00.000Z',
      note: 'Thư điện tử ngày 14/7/2023',
    });
    await expect(setReceivedAt(ws, h, '2999-01-01T00:00:00Z')).rejects.toThrow('chưa đến');
    await expect(setReceivedAt(ws, 'a'.repeat(64), '2023-07-14T00:00:00Z')).rejects.toThrow('Không có tệp nào');
    await expect(setReceivedAt(ws, h, 'hôm qua')).rejects.toThrow('Ngày nhận "hôm qua" không hợp lệ.');
  });

  it('the recorded date decides which of two files of a unit is the newer one', async () => {
    const a = { unit: 'S01', values: { KL01: 1 } };
    const b = { unit: 'S01', values: { KL01: 2 } };
    await ingestFiles(ws, [file('S01-a.xlsx', a, '2023-07-10T00:00:00.000Z')], fakeParse);
    await ingestFiles(ws, [file('S01-b.xlsx', b, '2023-07-12T00:00:00.000Z')], fakeParse);
    expect(readManifest(ws.dir).units.S01!.accepted).toBe(sha(b));
    // b was in fact received before a (found in the mailbox later): a is the newer return.
    const moved = await setReceivedAt(ws, sha(b), '2023-07-08T00:00:00.000Z');
    expect(readManifest(ws.dir).units.S01!.accepted).toBe(sha(a));
    expect(moved).toEqual([]);
    expect(dataset(ws, form, TEST_UNITS, TEST_PERIOD).values.S01!.KL01!.value).toBe(1);
  });

  it('reports missing, late, has-errors, accepted per unit and loads the previous period', async () => {
    await ingestFiles(
      ws,
      [
        file('S01.xlsx', { unit: 'S01', values: { KL01: 7 } }, '2023-07-15T16:59:00.000Z'),
        file('X01.xlsx', { unit: 'X01', values: { KL01: 9 } }, '2023-07-15T17:00:01.000Z'),
      ],
      fakeParse,
    );
    const t = tracker(ws, TEST_UNITS, TEST_PERIOD, { now: new Date('2023-07-14T00:00:00Z') });
    expect(t.units.map((u) => [u.code, u.status, u.late])).toEqual([
      ['S01', 'accepted', false],
      ['S02', 'missing', false],
      ['H01', 'missing', false],
      ['X01', 'accepted', true],
    ]);
    expect(tracker(ws, TEST_UNITS, TEST_PERIOD).units[1]!.late).toBe(true);

    const prevPeriod = { ...TEST_PERIOD, code: 'NQ08-SK2021' };
    const prev = await openWorkspace(join(root, 'prev'), { period: prevPeriod, create: true });
    await ingestFiles(
      prev,
      [{ name: 'S01.xlsx', bytes: fakeBytes({ unit: 'S01', period: 'NQ08-SK2021', values: { KL01: 3 } }) }],
      fakeParse,
    );
    const ds = dataset(ws, form, TEST_UNITS, TEST_PERIOD, { previous: prev });
    expect(Object.keys(ds.values)).toEqual(['S01', 'X01']);
    expect(ds.values.X01!.KL01).toEqual({
      code: 'KL01',
      value: 9,
      decimals: 0,
      source: {
        file: 'X01.xlsx',
        sha256: sha({ unit: 'X01', values: { KL01: 9 } }),
        sheet: 'Số liệu',
        cell: 'E10',
        raw: '9',
      },
    });
    expect(ds.previous?.period.code).toBe('NQ08-SK2021');
    expect(ds.previous?.values.S01!.KL01!.value).toBe(3);
    expect(ds.form).toBe(form);
  });
});

describe('rebuild', () => {
  it('re-parses every original and gives a deep-equal dataset and tracker', async () => {
    await ingestFiles(
      ws,
      [
        file('S01.xlsx', { unit: 'S01', values: { KL01: 1 } }, '2023-07-01T00:00:00.000Z'),
        file('S02a.xlsx', { unit: 'S02', values: { KL01: 2 } }),
        file('S02b.xlsx', { unit: 'S02', values: { KL01: 3 } }),
        file('x.pdf', { reject: 'Không phải tệp Excel.' }),
        file('H01.xlsx', {
          unit: 'H01',
          values: { KL01: -4 },
          findings: [{ check: 'IMPORT_NEGATIVE', severity: 'error', code: 'KL01', message: 'Số âm' }],
        }),
      ],
      fakeParse,
    );
    await ingestFiles(
      ws,
      [file('S01-v2.xlsx', { unit: 'S01', values: { KL01: 5 } }, '2023-07-09T00:00:00.000Z')],
      fakeParse,
    );
    await choose(ws, 'S02', sha({ unit: 'S02', values: { KL01: 3 } }));
    await explainFinding(ws, 'IMPORT_NEGATIVE|H01|H01.xlsx!Số liệu!E10', 'Đúng là số âm.');
    await setProvinceInput(ws, form, { key: 'MT3', value: 8, note: 'QĐ 1' });
    const before = {
      ds: dataset(ws, form, TEST_UNITS, TEST_PERIOD),
      tr: tracker(ws, TEST_UNITS, TEST_PERIOD),
      m: readManifest(ws.dir),
    };

    const fresh = await openWorkspace(ws.dir, { period: TEST_PERIOD });
    const res = await rebuild(fresh, fakeParse);
    expect(res).toEqual({ files: 6, changed: [] });
    const after = {
      ds: dataset(fresh, form, TEST_UNITS, TEST_PERIOD),
      tr: tracker(fresh, TEST_UNITS, TEST_PERIOD),
      m: readManifest(ws.dir),
    };
    expect(after.ds).toEqual(before.ds);
    expect(after.tr).toEqual(before.tr);
    expect(after.m.submissions).toEqual(before.m.submissions);
    expect(after.m.supersessions).toEqual(before.m.supersessions);
    expect(readAudit(fresh).at(-1)).toMatchObject({ action: 'rebuilt', files: 6, changed: [] });

    // Without the cache, reading the dataset asks for a rebuild, in Vietnamese.
    rmSync(join(ws.dir, 'derived'), { recursive: true });
    const cold = await openWorkspace(ws.dir, { period: TEST_PERIOD });
    expect(() => dataset(cold, form, TEST_UNITS, TEST_PERIOD)).toThrow(/hãy dựng lại dữ liệu từ tệp gốc\.$/);
    expect(await ensureDerived(cold, fakeParse)).toBe(6);
    expect(dataset(cold, form, TEST_UNITS, TEST_PERIOD)).toEqual(before.ds);
  });

  it('refuses an original whose bytes were altered', async () => {
    const r = { unit: 'S01', values: { KL01: 1 } };
    await ingestFiles(ws, [file('S01.xlsx', r)], fakeParse);
    const p = join(ws.dir, 'originals', sha(r));
    rmSync(p, { force: true });
    writeFileSync(p, 'tampered');
    await expect(rebuild(ws, fakeParse)).rejects.toThrow(/đã bị thay đổi: nội dung không còn khớp mã SHA-256\.$/);
  });
});

describe('crash repair and locking', () => {
  it('drops a torn audit line and re-appends entries committed in the manifest but missing from the log', async () => {
    await setProvinceInput(ws, form, { key: 'MT3', value: 1, note: 'a' });
    await setProvinceInput(ws, form, { key: 'MT3', value: 2, note: 'b' });
    const log = join(ws.dir, 'audit.log');
    const full = readFileSync(log, 'utf8');
    const lines = full.split('\n');
    // As if the process died half-way through appending the second entry.
    writeFileSync(log, lines[0] + '\n' + lines[1]!.slice(0, 25));
    expect(readAudit(ws).map((e) => e.value)).toEqual([1, 2]);
    writeFileSync(join(ws.dir, '.tmp-manifest.json-123-abcd'), '{"half":');
    await openWorkspace(ws.dir, { period: TEST_PERIOD });
    expect(readFileSync(log, 'utf8')).toBe(full);
    expect(existsSync(join(ws.dir, '.tmp-manifest.json-123-abcd'))).toBe(false);
    expect(flushAudit(log, readManifest(ws.dir).pendingAudit)).toEqual({ repaired: false, appended: 0 });
  });

  it('takes over the lock of a dead process and waits for a live one', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(ws.dir, '.lock'), String(dead));
    await setProvinceInput(ws, form, { key: 'MT3', value: 1, note: 'a' });
    expect(existsSync(join(ws.dir, '.lock'))).toBe(false);

    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(ws.dir, '.lock'), String(live.pid));
      const err = await withLock(ws.dir, () => 0, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkspaceError);
      expect((err as WorkspaceError).message).toBe(
        `Thư mục làm việc ${ws.dir} đang được một người dùng khác (tiến trình ${live.pid}) sử dụng; hãy thử lại sau.`,
      );
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('two processes ingesting into one workspace at once lose nothing', async () => {
    const child = fileURLToPath(new URL('./test-child.ts', import.meta.url));
    const run = (prefix: string) =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', child, 'ingest', ws.dir, prefix, '12'], {
          stdio: 'ignore',
        });
        p.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run('A'), run('B')])).toEqual([0, 0]);
    const m = readManifest(ws.dir);
    expect(m.seq).toBe(24);
    expect(Object.keys(m.units).sort()).toEqual([...Array(12).keys()].flatMap((i) => [`A${i}`, `B${i}`]).sort());
    const audit = readAudit(ws);
    expect(audit.map((e) => e.seq)).toEqual([...Array(24).keys()].map((i) => i + 1));
    expect(audit.filter((e) => e.by === 'tiến-trình-A')).toHaveLength(12);
    expect(readdirSync(join(ws.dir, 'originals'))).toHaveLength(24);
  });
});

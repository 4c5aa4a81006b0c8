import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared-api/app-api.js';
import { bindApi } from '../../shared-api/bind.js';
import { ARG_SCHEMAS, createEngineApi, DEFAULT_SETTINGS, dispatchApiCall, type Dialogs } from './index.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-api-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('createEngineApi', () => {
  it('starts the window on the periods when none was opened yet: no overview, no board', async () => {
    const api = createEngineApi({ dataDir: dir });
    expect(await api.startView()).toEqual({ overview: null, periods: await api.listPeriods(), board: null });
    expect((await api.listPeriods()).length).toBeGreaterThan(0);
  });

  it('reports the product, the form and the register', async () => {
    const info = await createEngineApi({ dataDir: dir, shell: 'desktop' }).appInfo();
    expect(info).toEqual({
      productName: 'Tổng hợp CCHC',
      version: pkg.version,
      shell: 'desktop',
      dataDir: dir,
      form: {
        formId: 'CCHC-NQ08',
        version: '2023.1',
        indicatorCount: 95,
        ratioCount: 17,
        ruleCount: 31,
        targetCount: 9,
      },
      units: {
        total: 40,
        byTier: [
          { tier: 'so', label: 'Cấp sở', count: 21 },
          { tier: 'huyen', label: 'Cấp huyện', count: 7 },
          { tier: 'xa', label: 'Cấp xã', count: 12 },
        ],
      },
    });
  });

  it('lists the built-in periods with Vietnamese dates and the tiers of each', async () => {
    const periods = await createEngineApi({ dataDir: dir }).listPeriods();
    expect(periods.map((p) => [p.code, p.cutoffLabel, p.deadlineLabel, p.tiers.map((t) => t.tier)])).toEqual([
      ['NQ08-SK2023', '30/06/2023', '15/07/2023', ['so', 'huyen', 'xa']],
      ['NQ08-TK2025', '30/09/2025', '15/10/2025', ['so', 'xa']],
    ]);
    expect(periods[0]).toMatchObject({ cutoff: '2023-06-30', shortTitle: 'Sơ kết 2021 - 2023' });
    expect(JSON.parse(JSON.stringify(periods))).toEqual(periods);
  });

  it('starts from the defaults and merges a change group by group, persisting it to settings.json', async () => {
    const api = createEngineApi({ dataDir: dir });
    expect(await api.getSettings()).toEqual(DEFAULT_SETTINGS);
    const saved = await api.setSettings({
      report: { signerName: '  Nguyễn Thị Hồng Nhung ' },
      inspectionTeam: [
        { name: 'Trần Văn Bình', role: '' },
        { name: '', role: 'x' },
        { name: '  Lò Thị Mai', role: 'Thư ký ' },
      ],
      reminders: { daysBefore: 3 },
    });
    expect(saved.report).toEqual({ ...DEFAULT_SETTINGS.report, signerName: 'Nguyễn Thị Hồng Nhung' });
    // Empty lines are dropped; the first member without a role heads the team.
    expect(saved.inspectionTeam).toEqual([
      { name: 'Trần Văn Bình', role: 'Trưởng đoàn' },
      { name: 'Lò Thị Mai', role: 'Thư ký' },
    ]);
    expect(saved.reminders).toEqual({ enabled: true, daysBefore: 3 });

    const reopened = createEngineApi({ dataDir: dir });
    expect(await reopened.getSettings()).toEqual(saved);
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual(saved);

    const cleared = await reopened.setSettings({ workspaceRoot: dir, reminders: { enabled: false } });
    expect(cleared.workspaceRoot).toBe(dir);
    expect(cleared.reminders).toEqual({ enabled: false, daysBefore: 3 });
    expect((await reopened.setSettings({ workspaceRoot: null })).workspaceRoot).toBeNull();
  });

  it('refuses secrets and invalid values with a Vietnamese message, leaving the file unchanged', async () => {
    const api = createEngineApi({ dataDir: dir });
    await api.setSettings({ report: { place: 'Điện Biên' } });
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    await expect(api.setSettings({ password: 'bí mật' } as never)).rejects.toThrow(
      'Không lưu được cài đặt: dữ liệu có mục không được phép lưu: password.',
    );
    await expect(api.setSettings({ report: { privateKey: 'x' } } as never)).rejects.toThrow(
      'Không lưu được cài đặt: Thể thức báo cáo có mục không được phép lưu: privateKey.',
    );
    await expect(api.setSettings({ reminders: { daysBefore: 0 } })).rejects.toThrow(
      'Không lưu được cài đặt: Số ngày nhắc trước hạn phải không nhỏ hơn 1.',
    );
    await expect(api.setSettings({ workspaceRoot: 'relative/folder' })).rejects.toThrow(
      'Không lưu được cài đặt: Thư mục làm việc mặc định phải là đường dẫn đầy đủ.',
    );
    await expect(api.setSettings({ report: { signerName: 'A'.repeat(1001) } })).rejects.toThrow(
      'Không lưu được cài đặt: Họ tên người ký dài quá 100 ký tự.',
    );
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('reads an older settings file whose team holds names only', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ inspectionTeam: ['Trần Văn Bình', 'Lò Thị Mai'] }));
    expect((await createEngineApi({ dataDir: dir }).getSettings()).inspectionTeam).toEqual([
      { name: 'Trần Văn Bình', role: 'Trưởng đoàn' },
      { name: 'Lò Thị Mai', role: 'Thành viên' },
    ]);
  });

  it('keeps valid fields of a damaged or hand-edited file and falls back for the rest', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        report: { signerName: 'Lò Văn Tú', place: 42 },
        inspectionTeam: 'not a list',
        reminders: { enabled: false, daysBefore: 365 },
        password: 'x',
      }),
    );
    const settings = await createEngineApi({ dataDir: dir }).getSettings();
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      report: { ...DEFAULT_SETTINGS.report, signerName: 'Lò Văn Tú' },
      reminders: { enabled: false, daysBefore: 7 },
    });
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    expect(await createEngineApi({ dataDir: dir }).getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('delegates the folder picker and "open" to the desktop dialogs, refusing programs', async () => {
    const opened: string[] = [];
    const requests: unknown[] = [];
    const dialogs: Dialogs = {
      chooseFolder: async (r) => {
        requests.push(r);
        return '/srv/tong-hop';
      },
      openPath: async (p) => {
        opened.push(p);
        return p.endsWith('.pdf') ? 'No application is associated' : '';
      },
    };
    const api = createEngineApi({ dataDir: dir, dialogs });
    expect(await api.chooseFolder()).toBe('/srv/tong-hop');
    expect(requests).toEqual([{ title: 'Chọn thư mục' }]);

    const pdf = join(dir, 'báo cáo.pdf');
    const exe = join(dir, 'setup.exe');
    writeFileSync(pdf, '%PDF-1.7');
    writeFileSync(exe, 'MZ');
    expect(await api.openPath(dir)).toEqual({ ok: true });
    expect(await api.openPath(pdf)).toEqual({
      ok: false,
      message: `Không mở được "${pdf}": No application is associated`,
    });
    expect(await api.openPath(exe)).toEqual({
      ok: false,
      message: `Ứng dụng không mở tệp "${exe}": chỉ mở thư mục và tệp .pdf, .xlsx, .xls, .docx, .csv, .txt, .json, .zip.`,
    });
    expect(await api.openPath(join(dir, 'missing'))).toEqual({
      ok: false,
      message: `Không tìm thấy "${join(dir, 'missing')}".`,
    });
    expect(await api.openPath('relative.pdf')).toEqual({
      ok: false,
      message: 'Đường dẫn "relative.pdf" không phải là đường dẫn đầy đủ.',
    });
    expect(opened).toEqual([dir, pdf]);
  });

  it('without desktop dialogs, picks no folder and explains it cannot open anything', async () => {
    const api = createEngineApi({ dataDir: dir });
    expect(await api.chooseFolder({ title: 'Chọn' })).toBeNull();
    expect(await api.openPath(dir)).toEqual({
      ok: false,
      message: `Không mở được "${dir}": chức năng này chỉ có trong ứng dụng máy tính.`,
    });
  });
});

describe('dispatchApiCall', () => {
  it('has an argument schema for every method', () => {
    expect(Object.keys(ARG_SCHEMAS).sort()).toEqual([...API_METHODS].sort());
  });

  it('answers with values and turns every failure into a Vietnamese message', async () => {
    const api = createEngineApi({ dataDir: dir });
    const periods = await dispatchApiCall(api, 'listPeriods', undefined);
    expect(periods.ok && (periods.value as unknown[]).length).toBe(2);
    expect(await dispatchApiCall(api, 'deleteEverything', undefined)).toEqual({
      ok: false,
      message: 'Yêu cầu không hợp lệ: ứng dụng không có chức năng "deleteEverything".',
    });
    expect(await dispatchApiCall(api, '__proto__', undefined)).toMatchObject({ ok: false });
    expect(await dispatchApiCall(api, 'getSettings', { sneaky: true })).toEqual({
      ok: false,
      message: 'Yêu cầu "getSettings" không hợp lệ: dữ liệu gửi kèm sai kiểu dữ liệu.',
    });
    expect(await dispatchApiCall(api, 'openPath', 42)).toEqual({
      ok: false,
      message: 'Yêu cầu "openPath" không hợp lệ: dữ liệu gửi kèm sai kiểu dữ liệu.',
    });
    expect(await dispatchApiCall(api, 'setSettings', { reminders: { daysBefore: '7' } })).toEqual({
      ok: false,
      message: 'Yêu cầu "setSettings" không hợp lệ: Số ngày nhắc trước hạn sai kiểu dữ liệu.',
    });
    const thrower = { ...api, appInfo: () => Promise.reject(new Error('disk on fire')) };
    expect(await dispatchApiCall(thrower, 'appInfo', undefined)).toEqual({
      ok: false,
      message: 'Đã xảy ra lỗi khi thực hiện "appInfo": disk on fire',
    });
  });

  it('round-trips through the generated client binding (the shape the preload and the host expose)', async () => {
    const engine = createEngineApi({ dataDir: dir });
    const client = bindApi((method, arg) =>
      dispatchApiCall(engine, method, JSON.parse(JSON.stringify(arg ?? null)) ?? undefined),
    );
    expect(Object.keys(client)).toEqual([...API_METHODS]);
    const saved = await client.setSettings({ inspectionTeam: [{ name: 'Giàng A Páo', role: 'Trưởng đoàn' }] });
    expect(saved.inspectionTeam).toEqual([{ name: 'Giàng A Páo', role: 'Trưởng đoàn' }]);
    expect((await client.getSettings()).inspectionTeam).toEqual([{ name: 'Giàng A Páo', role: 'Trưởng đoàn' }]);
    await expect(client.setSettings({ reminders: { daysBefore: 61 } })).rejects.toThrow(
      'Yêu cầu "setSettings" không hợp lệ: Số ngày nhắc trước hạn phải không lớn hơn 60.',
    );
  });
});

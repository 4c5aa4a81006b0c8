import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
      inspectionTeam: ['Trần Văn Bình', '', '  Lò Thị Mai'],
      reminders: { daysBefore: 3 },
    });
    expect(saved.report).toEqual({ ...DEFAULT_SETTINGS.report, signerName: 'Nguyễn Thị Hồng Nhung' });
    expect(saved.inspectionTeam).toEqual(['Trần Văn Bình', 'Lò Thị Mai']);
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

describe('trySample and consolidateFolder', () => {
  it('consolidates the sample with its deliberate slips into a fresh folder under the data folder', async () => {
    const view = await createEngineApi({ dataDir: dir }).trySample({ period: 'NQ08-SK2023', faults: true });
    const [run] = readdirSync(join(dir, 'mau'));
    expect(run).toMatch(/^NQ08-SK2023-\d{8}-\d{6}-\d{3}$/);
    const root = join(dir, 'mau', run ?? '');
    expect(view.sourceDir).toBe(join(root, 'tra-ve'));
    expect(view.workspaceDir).toBe(join(root, 'tong-hop'));
    expect(readdirSync(view.sourceDir)).toHaveLength(40);
    expect(existsSync(join(view.workspaceDir, 'workspace.json'))).toBe(true);

    expect(view.summaryText).toBe('40 đơn vị: 36 hợp lệ; 3 có lỗi; 1 đã gửi, tệp bị từ chối');
    const status = (code: string) => view.units.find((u) => u.code === code);
    for (const code of ['X03', 'S02', 'H01']) {
      expect(status(code)).toMatchObject({ status: 'has-errors', statusLabel: 'Có lỗi', openErrors: 1 });
    }
    expect(status('X03')?.name).toBe('UBND xã Bản Hon');
    // S05 sent a return of another period: refused, which is not "sent nothing".
    expect(status('S05')).toMatchObject({
      status: 'rejected',
      statusLabel: 'Đã gửi, tệp bị từ chối',
      statusDetail:
        'Tệp BC_CCHC_S05_NQ08-SK2023.xlsx ghi kỳ báo cáo NQ08-TK2025 (trang Thông tin, ô B6), không phải kỳ NQ08-SK2023 đang tổng hợp.',
    });
    // The sample's simulated sending dates are the dates received: only the last unit is late.
    expect(view.units.filter((u) => u.late).map((u) => u.code)).toEqual(['S05', 'X12']);
    expect(view.files).toEqual([
      {
        name: 'BC_CCHC_S05_NQ08-SK2023.xlsx',
        status: 'rejected',
        statusLabel: 'Bị từ chối',
        unit: 'S05',
        message:
          'Tệp BC_CCHC_S05_NQ08-SK2023.xlsx ghi kỳ báo cáo NQ08-TK2025 (trang Thông tin, ô B6), không phải kỳ NQ08-SK2023 đang tổng hợp.',
      },
    ]);
    expect(view.openErrors).toBe(3);
    // One slip, one finding: the unreadable cells of S02 and H01 are not also reported as blanks.
    expect(view.findingsText).toBe('3 lỗi và 1 cảnh báo chưa xử lý');
    // Errors first; the X03 slip names the cell of the total.
    expect(view.findings.slice(0, 3).map((f) => [f.severity, f.severityLabel, f.unit])).toEqual([
      ['error', 'Lỗi', 'S02'],
      ['error', 'Lỗi', 'H01'],
      ['error', 'Lỗi', 'X03'],
    ]);
    expect(view.findings[2]?.message).toContain('Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật (ô E61) là 2');
    expect(view.findings[3]?.severity).toBe('warning');
    // S05's return was refused, so its figures are not in the totals.
    expect(view.keyTotals[0]?.contributingText).toBe('từ 39/40 đơn vị');
  });

  it("consolidates a chosen folder into the settings' workspace folder, refusing what is not a folder", async () => {
    const api = createEngineApi({ dataDir: dir });
    const wsRoot = join(dir, 'lam-viec');
    await api.setSettings({ workspaceRoot: wsRoot });
    const empty = join(dir, 'Báo cáo đơn vị');
    mkdirSync(empty);
    const view = await api.consolidateFolder({ period: 'NQ08-TK2025', folder: empty });
    expect(view.workspaceDir).toBe(join(wsRoot, 'NQ08-TK2025'));
    expect(view.summaryText).toBe('33 đơn vị: 33 chưa nộp');
    expect(view.keyTotals[0]).toMatchObject({ valueText: '—', contributingText: 'chưa đơn vị nào báo cáo' });

    const file = join(dir, 'a.xlsx');
    writeFileSync(file, 'x');
    await expect(api.consolidateFolder({ period: 'NQ08-TK2025', folder: file })).rejects.toThrow(
      `"${file}" là một tệp, không phải thư mục báo cáo.`,
    );
    await expect(api.consolidateFolder({ period: 'NQ08-TK2025', folder: join(dir, 'không có') })).rejects.toThrow(
      `Không tìm thấy thư mục "${join(dir, 'không có')}".`,
    );
    await expect(api.trySample({ period: 'NQ08-2099' })).rejects.toThrow(
      'Không có kỳ báo cáo NQ08-2099. Các kỳ có sẵn: NQ08-SK2023, NQ08-TK2025.',
    );
    expect(await dispatchApiCall(api, 'consolidateFolder', { period: 'NQ08-TK2025', folder: 'tuong-doi' })).toEqual({
      ok: false,
      message: 'Yêu cầu "consolidateFolder" không hợp lệ: Thư mục báo cáo phải là đường dẫn đầy đủ.',
    });
    expect(await dispatchApiCall(api, 'trySample', { period: 'NQ08-SK2023', faults: 'yes' })).toEqual({
      ok: false,
      message: 'Yêu cầu "trySample" không hợp lệ: Lựa chọn "Có lỗi cố ý" sai kiểu dữ liệu.',
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
    const saved = await client.setSettings({ inspectionTeam: ['Giàng A Páo'] });
    expect(saved.inspectionTeam).toEqual(['Giàng A Páo']);
    expect((await client.getSettings()).inspectionTeam).toEqual(['Giàng A Páo']);
    await expect(client.setSettings({ reminders: { daysBefore: 61 } })).rejects.toThrow(
      'Yêu cầu "setSettings" không hợp lệ: Số ngày nhắc trước hạn phải không lớn hơn 60.',
    );
  });
});

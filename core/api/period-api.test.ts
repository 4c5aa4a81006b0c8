import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppApi, BoardView, JobStatus } from '../../shared-api/app-api.js';
import { loadDefaultForm } from '../form/index.js';
import { findPeriod } from '../period/index.js';
import { writeSampleReturns } from '../sample/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { createEngineApi } from './engine-api.js';
import { startEngineWorker } from './worker-host.js';

const P = 'NQ08-SK2023';
let dir = '';
let api: AppApi;
/** The engine's clock: 10/07/2023 10:00 in Vietnam, five days before the deadline (15/07/2023). */
const BEFORE_DEADLINE = new Date('2023-07-10T03:00:00Z');
let clock = BEFORE_DEADLINE;

async function finish(api: AppApi, start: Promise<{ jobId: string }>): Promise<JobStatus> {
  const { jobId } = await start;
  for (;;) {
    const s = await api.jobStatus({ jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-period-api-'));
  await writeSampleReturns({
    form: loadDefaultForm(),
    period: findPeriod(P)!,
    units: loadDefaultUnits(),
    outDir: join(dir, 'in'),
    faults: true,
  });
  api = createEngineApi({
    dataDir: join(dir, 'data'),
    workspaceRoot: join(dir, 'ws'),
    now: () => clock,
  });
  await api.openPeriod({ period: P });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a period through the engine API', () => {
  it('imports a folder as a job with k/n progress, refusing a second import while the first runs', async () => {
    const seen: Array<[number, number]> = [];
    const { jobId } = await api.startImport({ period: P, paths: [join(dir, 'in')] });
    await expect(api.startImport({ period: P, paths: [join(dir, 'in')] })).rejects.toThrow(
      /^Đang nhập tệp của kỳ NQ08-SK2023 .*; hãy chờ việc này xong\.$/,
    );
    let s: JobStatus;
    do {
      s = await api.jobStatus({ jobId });
      seen.push([s.done, s.total]);
      await new Promise((r) => setTimeout(r, 5));
    } while (s.state === 'running');
    expect(s.state).toBe('done');
    expect(s.outcome).toMatchObject({ kind: 'import', summaryText: '40 tệp: 39 đã nhập, 1 bị từ chối.' });
    expect(seen.at(-1)).toEqual([40, 40]);
    // Progress only moves forward.
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
    const o = s.outcome?.kind === 'import' ? s.outcome : undefined;
    expect(o?.otherPeriods).toEqual([
      expect.objectContaining({ code: 'NQ08-TK2025', known: true, files: ['BC_CCHC_S05_NQ08-SK2023.xlsx'] }),
    ]);
  });

  it('the period own workspace folder chosen as returns: nothing is read from it, and the clerk is told why', async () => {
    const [wsName] = readdirSync(join(dir, 'ws'));
    const wsDir = join(dir, 'ws', wsName!);
    const manifest = readFileSync(join(wsDir, 'manifest.json'), 'utf8');
    const s = await finish(api, api.startImport({ period: P, paths: [wsDir] }));
    expect(s.state).toBe('done');
    expect(s.outcome).toMatchObject({
      kind: 'import',
      summaryText: 'Không có tệp báo cáo nào để nhập.',
      files: [
        {
          name: wsName,
          status: 'skipped',
          statusLabel: 'Bỏ qua',
          message:
            `Thư mục ${wsDir} là thư mục lưu trữ của kỳ báo cáo ${P} do ứng dụng tạo ra, không phải thư mục chứa báo cáo ` +
            'của các đơn vị: không nhập tệp nào từ thư mục này. Hãy chọn thư mục chứa các tệp .xlsx mà đơn vị gửi.',
        },
      ],
    });
    // The folder of all periods chosen instead: each period's workspace in it is named as such.
    const all = await finish(api, api.startImport({ period: P, paths: [join(dir, 'ws')] }));
    expect(all.outcome).toMatchObject({
      kind: 'import',
      files: [
        {
          name: wsName,
          status: 'skipped',
          message: `Thư mục con ${wsName} là thư mục lưu trữ của kỳ báo cáo ${P} do ứng dụng tạo ra, không phải báo cáo của đơn vị, nên được bỏ qua.`,
        },
      ],
    });
    expect(readFileSync(join(wsDir, 'manifest.json'), 'utf8')).toBe(manifest);
  });

  it('shows the board with statuses, the chart by tier and the reminder list, all formatted by the engine', async () => {
    const b = await api.getBoard({ period: P });
    // S05 sent a return of another period: refused, which is not "sent nothing".
    expect(b.summaryText).toBe('40 đơn vị: 36 hợp lệ; 3 có lỗi; 1 đã gửi, tệp bị từ chối');
    expect(b.statuses.map((s) => [s.label, s.count])).toEqual([
      ['Chưa nộp', 0],
      ['Đã gửi, tệp bị từ chối', 1],
      ['Có lỗi', 3],
      ['Nhiều tệp, chưa chọn', 0],
      ['Hợp lệ', 36],
    ]);
    expect(b.chart[0]).toMatchObject({ tierLabel: 'Cấp sở', missing: 0, rejected: 1, total: 21, rateText: '95,24%' });
    const s05 = b.rows.find((r) => r.code === 'S05');
    expect(s05).toMatchObject({
      status: 'rejected',
      statusLabel: 'Đã gửi, tệp bị từ chối',
      // It did send: on time or late by the date its file came (see the next test).
      timelinessLabel: expect.stringMatching(/^Gửi /),
      // Why, on the unit's own row.
      note: 'Tệp BC_CCHC_S05_NQ08-SK2023.xlsx ghi kỳ báo cáo NQ08-TK2025 (trang Thông tin, ô B6), không phải kỳ NQ08-SK2023 đang tổng hợp.',
    });
    // Nobody sent nothing: the reminder list is empty, and the banner asks S05 to resend.
    expect(b.missingCount).toBe(0);
    expect(b.missingListText).toBe(
      'Danh sách cơ quan, đơn vị chưa gửi báo cáo Sơ kết 2021 - 2023 (hạn nộp 15/07/2023):',
    );
    const o = await api.currentPeriod();
    expect(o?.reminder).toBe('Còn 5 ngày đến hạn nộp báo cáo (15/07/2023): 1 đơn vị có tệp bị từ chối, cần gửi lại.');
    // The header counts as the board does: all 40 sent, 39 of them with a file the totals use.
    expect(o).toMatchObject({ unitCount: 40, sentCount: 40, receivedCount: 39 });
    expect(o?.receivedText).toBe('đã nhận 40/40 đơn vị, 39 có tệp dùng được');
    // What the window asks first, in one answer: the same as asked part by part.
    expect(await api.startView()).toEqual({ overview: o, periods: await api.listPeriods(), board: b });
  });

  it('a unit whose only file was refused reads "Gửi đúng hạn" or "Gửi muộn" by the date it sent, never "Quá hạn" from today', async () => {
    const s05 = createHash('sha256')
      .update(readFileSync(join(dir, 'in', 'BC_CCHC_S05_NQ08-SK2023.xlsx')))
      .digest('hex');
    const row = (b: BoardView) => b.rows.find((r) => r.code === 'S05');
    // The refused file came on 09/07/2023 (the date of its email, recorded by the clerk).
    await api.setReceivedDate({ period: P, sha256: s05, date: '2023-07-09' });
    expect(row(await api.getBoard({ period: P }))).toMatchObject({
      late: false,
      timelinessLabel: 'Gửi đúng hạn',
      // The date it is judged by is the one shown under "Ngày nhận".
      receivedLabel: '09/07/2023 00:00',
    });
    clock = new Date('2023-07-20T03:00:00Z');
    try {
      // After the deadline it still sent on time — with no usable return, which its status says.
      const b = await api.getBoard({ period: P });
      expect(row(b)).toMatchObject({
        status: 'rejected',
        statusLabel: 'Đã gửi, tệp bị từ chối',
        late: false,
        timelinessLabel: 'Gửi đúng hạn',
      });
      expect(b.rows.filter((r) => r.timelinessLabel === 'Quá hạn')).toEqual([]);
      // Still no usable return: the chart counts it as refused, not as missing.
      expect(b.chart[0]).toMatchObject({ rejected: 1, missing: 0 });
      expect(b.missingCount).toBe(0);
      // Had it come on 16/07/2023, it sent late.
      const after = await api.setReceivedDate({ period: P, sha256: s05, date: '2023-07-16' });
      expect(row(after)).toMatchObject({
        status: 'rejected',
        late: true,
        timelinessLabel: 'Gửi muộn',
        receivedLabel: '16/07/2023 00:00',
      });
    } finally {
      clock = BEFORE_DEADLINE;
    }
  });

  it('takes the date a file was really received from the clerk: lateness follows it, the audit says it, a date to come is refused', async () => {
    const before = (await api.getBoard({ period: P })).rows.find((r) => r.code === 'S01')!;
    const b = await api.setReceivedDate({
      period: P,
      sha256: before.sha256!,
      date: '2023-07-09',
      note: 'Thư ngày 9/7',
    });
    expect(b.rows.find((r) => r.code === 'S01')).toMatchObject({
      receivedLabel: '09/07/2023 00:00',
      late: false,
      timelinessLabel: 'Đúng hạn',
    });
    expect((await api.getAudit({ period: P })).rows[0]).toMatchObject({
      actionLabel: 'Ghi ngày nhận',
      text: `Ghi ngày nhận tệp BC_CCHC_S01_NQ08-SK2023.xlsx của đơn vị S01: 09/07/2023 00:00 (trước là ${before.receivedLabel}); Thư ngày 9/7.`,
    });
    // The engine's clock is 10/07/2023 10:00 in Vietnam (BEFORE_DEADLINE).
    await expect(api.setReceivedDate({ period: P, sha256: before.sha256!, date: '2023-07-11' })).rejects.toThrow(
      'Ngày nhận 11/07/2023 00:00 chưa đến; hãy ghi ngày đã nhận tệp.',
    );
    await expect(api.setReceivedDate({ period: P, sha256: before.sha256!, date: '2023-02-31' })).rejects.toThrow(
      'Ngày nhận 2023-02-31 không hợp lệ.',
    );
  });

  it('refuses a province input in words with one sentence that names the value and says the reason once', async () => {
    await expect(
      api.setProvinceInput({ period: P, key: 'MT8', valueText: 'mười hai', note: 'Văn bản số 1' }),
    ).rejects.toThrow(
      /^Số liệu cấp tỉnh MT8 \(Thứ hạng Chỉ số cải cách hành chính \(PAR INDEX\) trong cả nước\): giá trị "mười hai" không phải là số\. Hãy ghi số, hoặc để trống nếu không có số liệu\.$/,
    );
  });

  it('lists findings in plain Vietnamese and details one with its cells and neighbours', async () => {
    const v = await api.getFindings({ period: P });
    expect(v.findings.map((f) => f.checkLabel)).not.toContain('Kiểm tra khác');
    for (const f of v.findings) expect(`${f.checkLabel} ${f.scopeLabel}`).not.toMatch(/[A-Z]{3,}_[A-Z]/);
    const x03 = v.findings.find((f) => f.unit === 'X03' && f.severity === 'error')!;
    expect(x03.checkLabel).toBe('Tổng số bị kỷ luật bằng tổng các hình thức kỷ luật');
    const d = await api.getFindingDetail({ period: P, findingId: x03.id });
    const kl01 = d.values.find((x) => x.code === 'KL01')!;
    expect(kl01).toMatchObject({ valueText: '2', file: 'BC_CCHC_X03_NQ08-SK2023.xlsx', sheet: 'Số liệu', cell: 'E61' });
    const focus = kl01.neighbours?.flat().filter((c) => c.focus);
    expect(focus).toEqual([{ ref: 'E61', text: '2', focus: true }]);
    expect(kl01.neighbours?.[2]?.some((c) => c.text === 'KL01')).toBe(true);
    expect(d.correctable.map((c) => c.code)).toContain('KL01');
  });

  it('corrects a value after confirmation: the totals and findings use it, the file keeps the original, the audit says both', async () => {
    const before = await api.getDrilldown({ period: P, code: 'KL01', scope: 'xa' });
    const v = await api.getFindings({ period: P });
    const x03 = v.findings.find((f) => f.unit === 'X03' && f.severity === 'error')!;
    const d = await api.getFindingDetail({ period: P, findingId: x03.id });
    const parts = d.values.filter((x) => /^KL0[2-7]$/.test(x.code)).reduce((s, x) => s + Number(x.valueText), 0);
    await expect(
      api.correctValue({ period: P, unit: 'X03', code: 'KL01', valueText: '1,5', note: 'x', confirmedWith: 'y' }),
    ).rejects.toThrow(
      'Tệp BC_CCHC_X03_NQ08-SK2023.xlsx, trang Số liệu, ô E61 (KL01 – Tổng số cán bộ, công chức, viên chức bị xử lý kỷ luật): giá trị "1,5" có phần lẻ; chỉ tiêu đếm số lượng phải là số nguyên. Hãy kiểm tra lại số liệu.',
    );
    const r = await api.correctValue({
      period: P,
      unit: 'X03',
      code: 'KL01',
      valueText: String(parts),
      note: 'Đơn vị xác nhận ghi nhầm tổng số.',
      confirmedWith: 'Ông Lò Văn Minh',
    });
    expect(r.message).toBe(`Đã sửa KL01 của đơn vị X03 thành ${parts}; tệp gốc vẫn giữ nguyên.`);
    const after = await api.getDrilldown({ period: P, code: 'KL01', scope: 'xa' });
    expect(Number(after.totalText)).toBe(Number(before.totalText) - 2 + parts);
    expect(after.rows.find((x) => x.unit === 'X03')?.note).toBe('đã sửa từ 2 (Đơn vị xác nhận ghi nhầm tổng số.)');
    const v2 = await api.getFindings({ period: P });
    expect(v2.findings.some((f) => f.id === x03.id)).toBe(false);
    expect(v2.openErrors).toBe(2);
    const audit = await api.getAudit({ period: P });
    expect(audit.rows[0]?.text).toBe(
      `Sửa số liệu KL01 của đơn vị X03 từ 2 thành ${parts} sau khi xác nhận với Ông Lò Văn Minh: Đơn vị xác nhận ghi nhầm tổng số.`,
    );
  });

  it('keeps the register per period with an audit entry, and the board follows it', async () => {
    const r = await api.updateUnit({ period: P, code: 'X12', active: false });
    expect(r.summaryText).toBe('39 đơn vị đang theo dõi: cấp sở 21, cấp huyện 7, cấp xã 11');
    expect((await api.getBoard({ period: P })).total).toBe(39);
    await expect(api.addUnit({ period: P, code: 'x01', name: 'Trùng', tier: 'xa' })).rejects.toThrow(
      'Đã có đơn vị mã X01 trong danh sách.',
    );
    const path = join(dir, 'ds.xlsx');
    await api.exportRegister({ period: P, path });
    await api.updateUnit({ period: P, code: 'X12', active: true });
    const back = await api.importRegister({ period: P, path });
    expect(back.register.units.find((u) => u.code === 'X12')?.active).toBe(false);
    expect((await api.getAudit({ period: P })).rows[0]?.text).toBe(
      'Sửa danh sách đơn vị từ tệp ds.xlsx: ngừng theo dõi X12.',
    );
  });

  it('refuses to sign while errors are open, and renders the report preview as a PDF', async () => {
    await expect(
      api.startSign({
        period: P,
        p12Path: join(dir, 'x.p12'),
        password: 'x',
        outPath: join(dir, 'o.pdf'),
        acceptGaps: true,
      }),
    ).rejects.toThrow('Còn 2 lỗi chưa xử lý ở màn hình Đối chiếu: chưa thể ký báo cáo.');
    const s = await finish(api, api.startReportPreview({ period: P }));
    expect(s.state).toBe('done');
    const o = s.outcome?.kind === 'report-preview' ? s.outcome : undefined;
    expect(
      Buffer.from(o?.pdfBase64 ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(o?.gaps.some((g) => g.includes('MT8'))).toBe(true);
    // The Word copy to edit: a job too, with the same gaps; refused under another extension.
    const w = await finish(api, api.startReportExport({ period: P, path: join(dir, 'BaoCao.docx'), format: 'docx' }));
    expect(w.outcome).toMatchObject({ kind: 'report-export', path: join(dir, 'BaoCao.docx'), pages: null });
    expect(w.outcome?.kind === 'report-export' && w.outcome.message).toMatch(
      /^Đã xuất bản Word BaoCao\.docx để biên tập \(cùng nội dung và số liệu với bản PDF, \d+ chú thích cuối trang\)\. /u,
    );
    expect(w.outcome?.kind === 'report-export' && w.outcome.gaps.some((g) => g.includes('MT8'))).toBe(true);
    expect(readFileSync(join(dir, 'BaoCao.docx')).subarray(0, 2).toString()).toBe('PK');
    await expect(api.startReportExport({ period: P, path: join(dir, 'BaoCao.pdf'), format: 'docx' })).rejects.toThrow(
      '.docx',
    );
  });

  it('writes templates and checklists as jobs into the chosen folders', async () => {
    const t = await finish(api, api.startTemplates({ period: P, folder: join(dir, 'bm'), units: ['S01', 'X02'] }));
    expect(t.outcome).toMatchObject({ kind: 'templates', files: 2 });
    expect(readdirSync(join(dir, 'bm')).sort()).toEqual([`BC_CCHC_S01_${P}.xlsx`, `BC_CCHC_X02_${P}.xlsx`]);
    const c = await finish(
      api,
      api.startChecklists({
        period: P,
        folder: join(dir, 'pkt'),
        selection: { kind: 'units', units: ['H01', 'H02'] },
        team: [{ name: 'Trần Văn Bình', role: 'Trưởng đoàn' }],
        combined: false,
      }),
    );
    expect(c.outcome).toMatchObject({
      kind: 'checklists',
      files: [join(dir, 'pkt', `PKT_H01_${P}.pdf`), join(dir, 'pkt', `PKT_H02_${P}.pdf`)],
    });
    expect(
      readFileSync(join(dir, 'pkt', `PKT_H01_${P}.pdf`))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('creates a period whose tiers follow its cut-off, kept in the data folder', async () => {
    const p = await api.createPeriod({
      code: 'NQ08-2026',
      title: 'Năm 2026',
      resolution: 'Nghị quyết số 08-NQ/TU',
      cutoff: '2026-06-30',
      deadline: '2026-07-15',
    });
    expect(p.tiers.map((t) => t.tier)).toEqual(['so', 'xa']);
    expect(p.builtIn).toBe(false);
    const again = createEngineApi({ dataDir: join(dir, 'data'), workspaceRoot: join(dir, 'ws') });
    expect((await again.listPeriods()).map((x) => x.code)).toEqual(['NQ08-SK2023', 'NQ08-TK2025', 'NQ08-2026']);
    await expect(
      api.createPeriod({
        code: 'NQ08-2027',
        title: 'x',
        resolution: 'y',
        cutoff: '2027-06-30',
        deadline: '2027-06-01',
      }),
    ).rejects.toThrow('Hạn nộp báo cáo phải từ ngày chốt số liệu trở đi.');
  });
});

describe('the engine in a worker thread', () => {
  it('answers the same calls, runs jobs there and relays the dialogs to the calling thread', async () => {
    const asked: string[] = [];
    const w = startEngineWorker({
      dataDir: join(dir, 'data-w'),
      workspaceRoot: join(dir, 'ws-w'),
      dialogs: {
        chooseFolder: async (r) => {
          asked.push(r.title ?? '');
          return join(dir, 'picked');
        },
        openPath: async () => '',
      },
    });
    try {
      expect(await w.dispatch('chooseFolder', { title: 'Chọn thư mục' })).toEqual({
        ok: true,
        value: join(dir, 'picked'),
      });
      expect(asked).toEqual(['Chọn thư mục']);
      expect(await w.dispatch('openPeriod', { period: 'NQ08-2099' })).toEqual({
        ok: false,
        message: 'Không có kỳ báo cáo NQ08-2099. Các kỳ hiện có: NQ08-SK2023, NQ08-TK2025.',
      });
      const start = await w.dispatch('startImport', { period: P, paths: [join(dir, 'in')] });
      expect(start.ok).toBe(true);
      const jobId = (start as { ok: true; value: { jobId: string } }).value.jobId;
      let s: JobStatus;
      do {
        s = ((await w.dispatch('jobStatus', { jobId })) as { ok: true; value: JobStatus }).value;
      } while (s.state === 'running');
      expect(s.outcome).toMatchObject({ summaryText: '40 tệp: 39 đã nhập, 1 bị từ chối.' });
      expect(existsSync(join(dir, 'ws-w', P, 'manifest.json'))).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('answers progress polls while the worker is busy laying out a PDF (the layout does not yield)', async () => {
    const w = startEngineWorker({ dataDir: join(dir, 'data-w2'), workspaceRoot: join(dir, 'ws-w2') });
    const call = async <T>(method: string, arg: unknown): Promise<T> => {
      const r = await w.dispatch(method, arg);
      if (!r.ok) throw new Error(r.message);
      return r.value as T;
    };
    const finishHere = async (start: { jobId: string }, seen: JobStatus[]) => {
      for (;;) {
        const s = await call<JobStatus>('jobStatus', start);
        seen.push(s);
        if (s.state !== 'running') return s;
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    try {
      await call('openPeriod', { period: P });
      await finishHere(await call('startImport', { period: P, paths: [join(dir, 'in')] }), []);
      const seen: JobStatus[] = [];
      const done = await finishHere(
        await call('startChecklists', {
          period: P,
          folder: join(dir, 'pkt-w'),
          selection: { kind: 'all' },
          team: [],
          combined: true,
        }),
        seen,
      );
      expect(done.state).toBe('done');
      // Without the relay every poll waits for the whole layout: only 0/40, then done.
      const between = seen.filter((s) => s.state === 'running' && s.done > 0 && s.done < 40);
      expect(between.length).toBeGreaterThan(0);
      expect(between.every((s) => s.total === 40 && /^Đang in phiếu kiểm tra \d+\/40: /.test(s.label))).toBe(true);
    } finally {
      await w.close();
    }
  }, 240_000);
});

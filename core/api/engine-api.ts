/**
 * The engine side of {@link AppApi}: every screen's data and every action of a period,
 * computed here (never in the window), long operations as jobs with k/n progress. The
 * desktop's dialogs are delegated to `dialogs`. Arguments are trusted to be typed here;
 * {@link dispatchApiCall} validates untrusted ones first.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod';
import type {
  AppApi,
  AppInfo,
  ChooseFilesRequest,
  ChooseFolderRequest,
  ChooseSavePathRequest,
  FileKind,
  JobOutcome,
  JobStatus,
  OpenPathResult,
  PeriodInfo,
  PeriodOverview,
  Settings,
  TierCode,
  TierInfo,
} from '../../shared-api/app-api.js';
import { loadDefaultForm } from '../form/index.js';
import { formatNumber } from '../numbers/index.js';
import { formatDateVN, type Period } from '../period/index.js';
import { resourcesDir } from '../resources.js';
import { loadDefaultUnits } from '../units/index.js';
import {
  choose,
  correctValue,
  currentUser,
  explainFinding,
  markFindingFixed,
  originalBytes,
  reopenFinding,
  setProvinceInput,
  setReceivedAt,
  setRegister,
  setReportSettings,
  setReportTemplate,
  systemDocumentsDir,
  WorkspaceError,
  type FileOps,
  type RegisterUnit,
  type RetryPolicy,
} from '../workspace/index.js';
import { writeOutputs, OutputError } from '../cli/output.js';
import { readTypedText, valueProblemMessage } from '../import/values.js';
import { auditView } from './audit-view.js';
import { boardView } from './board-view.js';
import { compareFiles } from './compare-view.js';
import { ApiError } from './errors.js';
import { findingDetail, findingsView } from './findings-view.js';
import { runImport, stageFiles } from './intake.js';
import { JobRegistry, type JobProgress } from './jobs.js';
import { comparisonView, drilldownView, inputKeys, numbersView } from './numbers-view.js';
import { PeriodStore } from './periods.js';
import { newUnit, readRegisterWorkbook, registerView, registerWorkbook } from './register.js';
import {
  checkSettings,
  checkText,
  inspectCertificate,
  reportDraft,
  reportSettings,
  reportTemplate,
  verifyFile,
} from './report-ops.js';
import { PeriodSession } from './session.js';
import { openSettingsStore } from './settings.js';
import { textCheckApi } from './text-check.js';
import { lockInfo, locationInfo, openNoticeStore, periodWorkspaceDir, takeOver } from './workspace-location.js';

/** The platform's own dialogs and shell, supplied by the Electron main process (or a test double). */
export interface Dialogs {
  /** Show a folder picker; resolve with the chosen absolute path, or null when cancelled. */
  chooseFolder(request: ChooseFolderRequest): Promise<string | null>;
  /** Open a path with the system's default application; resolve with '' on success or an error text (Electron's `shell.openPath` contract). */
  openPath(path: string): Promise<string>;
  /** Show a file picker; resolve with the chosen paths (empty when cancelled). */
  chooseFiles?(request: ChooseFilesRequest & { filters: FileFilter[] }): Promise<string[]>;
  /** Show a save dialog; resolve with the chosen path, or null when cancelled. */
  chooseSavePath?(request: ChooseSavePathRequest & { filters: FileFilter[] }): Promise<string | null>;
}

/** A file-type filter of a dialog. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The filters of each kind of file a dialog offers. */
export const FILE_FILTERS: Readonly<Record<FileKind, FileFilter[]>> = {
  returns: [{ name: 'Báo cáo Excel, thư điện tử', extensions: ['xlsx', 'xlsm', 'xls', 'eml', 'msg'] }],
  register: [{ name: 'Danh sách đơn vị (Excel)', extensions: ['xlsx'] }],
  p12: [{ name: 'Chứng thư số (PKCS#12)', extensions: ['p12', 'pfx'] }],
  pdf: [{ name: 'Tệp PDF', extensions: ['pdf'] }],
  xlsx: [{ name: 'Bảng tính Excel', extensions: ['xlsx'] }],
  image: [{ name: 'Ảnh PNG', extensions: ['png'] }],
  draft: [{ name: 'Văn bản (Word, PDF, văn bản thuần)', extensions: ['docx', 'pdf', 'txt'] }],
  docx: [{ name: 'Văn bản Word', extensions: ['docx'] }],
  list: [
    { name: 'Bảng tính Excel', extensions: ['xlsx'] },
    { name: 'Tệp CSV (UTF-8)', extensions: ['csv'] },
  ],
};

/** How to build the engine side of the API. */
export interface EngineApiOptions {
  /** Folder for settings and app data (Electron: `app.getPath('userData')`; tests: a temp folder). */
  dataDir: string;
  /** Desktop dialogs; without them pickers resolve null and `openPath` explains it cannot open anything. */
  dialogs?: Dialogs;
  /** Which shell serves the API. Default `browser`. */
  shell?: AppInfo['shell'];
  /** Where workspaces go when the settings name no folder. Default `Documents/TongHopCCHC`. */
  workspaceRoot?: string;
  /** The clock, for deadlines (tests). */
  now?: () => Date;
  /** Compute the current period's consolidation as soon as the engine starts (default true). */
  prewarm?: boolean;
  /** Hears every change of a long operation's status, as it happens (the worker passes it on). */
  onJobChange?: (status: JobStatus) => void;
  /**
   * Documents as the system names it (Electron: `app.getPath('documents')`, which follows
   * folder redirection and OneDrive); without it, read from the registry on Windows.
   */
  documentsDir?: string;
  /**
   * The workspace's file layer: Node's file system by default. Tests run the API (and the
   * browser host) over a Windows-like one that holds files as Excel or an antivirus would.
   */
  workspaceFiles?: WorkspaceFiles;
}

/** The raw file operations of the workspaces and how long a busy file is waited out. */
export interface WorkspaceFiles {
  fileOps?: FileOps;
  retry?: RetryPolicy;
}

/** File types the app may hand to the system to open: its own outputs and inputs, never programs. */
export const OPENABLE_EXTENSIONS: readonly string[] = [
  '.pdf',
  '.xlsx',
  '.xls',
  '.docx',
  '.csv',
  '.txt',
  '.json',
  '.zip',
];

const packageSchema = z.object({ version: z.string(), productName: z.string().optional() });

function readPackageInfo(): { productName: string; version: string } {
  // package.json sits next to resources/ in the source tree, the build and the asar alike.
  const pkg = packageSchema.parse(JSON.parse(readFileSync(join(resourcesDir(), '..', 'package.json'), 'utf8')));
  return { productName: pkg.productName ?? 'Tổng hợp CCHC', version: pkg.version };
}

function tierInfo(tier: TierCode, labels: Record<TierCode, string>): TierInfo {
  return { tier, label: labels[tier] };
}

function checkOpenable(path: string): OpenPathResult {
  if (!isAbsolute(path)) return { ok: false, message: `Đường dẫn "${path}" không phải là đường dẫn đầy đủ.` };
  const full = resolve(path);
  if (!existsSync(full)) return { ok: false, message: `Không tìm thấy "${full}".` };
  if (statSync(full).isDirectory()) return { ok: true };
  if (!OPENABLE_EXTENSIONS.includes(extname(full).toLowerCase())) {
    return {
      ok: false,
      message: `Ứng dụng không mở tệp "${full}": chỉ mở thư mục và tệp ${OPENABLE_EXTENSIONS.join(', ')}.`,
    };
  }
  return { ok: true };
}

/** A folder to write into: absolute, created when missing, not a file. */
async function outputFolder(path: string): Promise<string> {
  const full = resolve(path);
  if (!isAbsolute(path)) throw new ApiError(`Đường dẫn "${path}" không phải là đường dẫn đầy đủ.`);
  if (existsSync(full) && !statSync(full).isDirectory())
    throw new ApiError(`"${full}" là một tệp, không phải thư mục.`);
  try {
    await mkdir(full, { recursive: true });
  } catch {
    throw new ApiError(`Không tạo được thư mục ${full}; hãy chọn thư mục khác.`);
  }
  return full;
}

/** A file to write: absolute, in an existing folder, with the expected extension. */
function outputFile(path: string, ext: string): string {
  const full = resolve(path);
  if (!isAbsolute(path)) throw new ApiError(`Đường dẫn "${path}" không phải là đường dẫn đầy đủ.`);
  if (extname(full).toLowerCase() !== ext) throw new ApiError(`Tệp ${basename(full)} phải có đuôi ${ext}.`);
  if (!existsSync(dirname(full)) || !statSync(dirname(full)).isDirectory()) {
    throw new ApiError(`Không có thư mục ${dirname(full)} để ghi tệp ${basename(full)}.`);
  }
  if (existsSync(full) && statSync(full).isDirectory()) throw new ApiError(`"${full}" là một thư mục.`);
  return full;
}

/**
 * Write an output whole or not at all (temp file and rename). One open in Excel or Acrobat
 * (Windows refuses to replace it) is waited out like a busy workspace file, then named with
 * its likely holder in the Vietnamese message.
 */
async function writeOutput(path: string, bytes: Uint8Array, what: string, files: WorkspaceFiles): Promise<void> {
  try {
    await writeOutputs([{ path, what, content: () => bytes }], files);
  } catch (e) {
    if (e instanceof OutputError) throw new ApiError(e.message);
    throw e;
  }
}

function workspaceError<T>(fn: () => Promise<T>): Promise<T> {
  return fn().catch((e: unknown) => {
    if (e instanceof WorkspaceError) throw new ApiError(e.message);
    throw e;
  });
}

/** "dd/mm/yyyy" of today in Vietnam. */
function daysBetween(fromIso: string, toDate: string): number {
  const from = Date.parse(`${fromIso.slice(0, 10)}T00:00:00+07:00`);
  const to = Date.parse(`${toDate}T00:00:00+07:00`);
  return Math.round((to - from) / 86_400_000);
}

/** The engine side of the API over a data folder. */
export function createEngineApi(opts: EngineApiOptions): AppApi {
  const settingsStore = openSettingsStore(opts.dataDir);
  const form = loadDefaultForm();
  const periods = new PeriodStore(opts.dataDir);
  const jobs = new JobRegistry(opts.onJobChange);
  const sessions = new Map<string, PeriodSession>();
  const now = opts.now ?? (() => new Date());
  const settings = (): Settings => settingsStore.get();
  const by = (): string => settings().userName || currentUser();

  const notices = openNoticeStore(opts.dataDir);
  const fileLayer: WorkspaceFiles = opts.workspaceFiles ?? {};
  // The folder chosen in Cài đặt, else the host's default (tests), else <Documents>/TongHopCCHC.
  const chosenRoot = (): string | null => settings().workspaceRoot ?? opts.workspaceRoot ?? null;
  const longestCode = (): string => periods.all().reduce((a, p) => (p.code.length > a.length ? p.code : a), '');
  // Documents as the shell names it; asked of the system (the registry on Windows) once.
  let documents: string | undefined = opts.documentsDir;
  const documentsDir = (): string => (documents ??= systemDocumentsDir());
  const location = () => locationInfo(chosenRoot(), documentsDir(), notices, longestCode());
  const workspaceDirOf = (p: Period): string => periodWorkspaceDir(p, chosenRoot(), documentsDir());

  const session = (code: string): PeriodSession => {
    const period = periods.require(code);
    const dir = workspaceDirOf(period);
    const key = `${period.code}|${dir}`;
    let s = sessions.get(key);
    if (!s) {
      s = new PeriodSession(period, dir, form, fileLayer, now);
      sessions.set(key, s);
    }
    return s;
  };
  const state = (code: string) => workspaceError(() => session(code).state());
  const board = async (code: string) => (await workspaceError(() => session(code).board())).view;

  const periodInfo = (p: Period & { builtIn: boolean }): PeriodInfo => {
    const dir = workspaceDirOf(p);
    return {
      code: p.code,
      title: p.title,
      shortTitle: p.shortTitle,
      resolution: p.resolution,
      cutoff: p.cutoff,
      cutoffLabel: formatDateVN(p.cutoff),
      deadline: p.deadline,
      deadlineLabel: formatDateVN(p.deadline),
      tiers: p.tiers.map((t) => tierInfo(t, form.tiers)),
      builtIn: p.builtIn,
      workspaceDir: dir,
      started: existsSync(join(dir, 'workspace.json')),
    };
  };

  const overview = async (code: string): Promise<PeriodOverview> => {
    const p = periods.require(code);
    // The board's rows are enough (the saved board when current: no reconciliation to open a period).
    const { rows } = await board(code);
    const received = rows.filter((t) => t.receivedAt !== undefined).length;
    // Units still owing a usable return: those that sent nothing, and those whose files were refused.
    const rejected = rows.filter((t) => t.receivedAt === undefined && t.status === 'rejected').length;
    const missing = rows.length - received - rejected;
    const sent = received + rejected;
    // Said as the board says it: a unit whose only files were refused did send.
    const receivedText =
      rejected > 0
        ? `đã nhận ${formatNumber(sent)}/${formatNumber(rows.length)} đơn vị, ${formatNumber(received)} có tệp dùng được`
        : `đã nhận ${formatNumber(received)}/${formatNumber(rows.length)} đơn vị`;
    const owing = [
      ...(missing > 0 ? [`${formatNumber(missing)} đơn vị chưa nộp`] : []),
      ...(rejected > 0 ? [`${formatNumber(rejected)} đơn vị có tệp bị từ chối, cần gửi lại`] : []),
    ].join('; ');
    const today = new Date(now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const left = daysBetween(today, p.deadline);
    const deadline = formatDateVN(p.deadline);
    const r = settings().reminders;
    const deadlineText =
      left < 0
        ? `Đã quá hạn nộp báo cáo (${deadline})`
        : left === 0
          ? `Hôm nay là hạn nộp báo cáo (${deadline})`
          : `Hạn nộp báo cáo: ${deadline} (còn ${formatNumber(left)} ngày)`;
    const reminder =
      r.enabled && left >= 0 && left <= r.daysBefore && owing
        ? `${left === 0 ? 'Hôm nay là hạn nộp báo cáo' : `Còn ${formatNumber(left)} ngày đến hạn nộp báo cáo`} (${deadline}): ${owing}.`
        : null;
    return {
      period: periodInfo(p),
      unitCount: rows.length,
      receivedCount: received,
      sentCount: sent,
      receivedText,
      reminder,
      deadlineText,
    };
  };

  const registerOf = (code: string) => {
    const s = session(code);
    const r = s.register();
    return { s, ...r, view: () => registerView(s.period, form, s.register().units, s.register().edited) };
  };

  const saveRegister = async (code: string, units: RegisterUnit[], source?: string) => {
    const { s, units: base } = registerOf(code);
    const ws = await session(code).workspace();
    await workspaceError(() => setRegister(ws, units, { base, by: by(), ...(source ? { source } : {}) }));
    s.invalidate();
    return registerView(s.period, form, units, true);
  };

  const startJob = (
    kind: Parameters<JobRegistry['start']>[0],
    period: string,
    label: string,
    run: (progress: JobProgress) => Promise<JobOutcome>,
  ) => ({ jobId: jobs.start(kind, periods.require(period).code, label, (p) => workspaceError(() => run(p))) });

  const api: AppApi = {
    async appInfo() {
      const units = loadDefaultUnits();
      const tiers = Object.keys(form.tiers) as TierCode[];
      return {
        ...readPackageInfo(),
        shell: opts.shell ?? 'browser',
        dataDir: opts.dataDir,
        form: {
          formId: form.formId,
          version: form.version,
          indicatorCount: form.indicators.length,
          ratioCount: form.ratios.length,
          ruleCount: form.rules.length,
          targetCount: form.targets.length,
        },
        units: {
          total: units.length,
          byTier: tiers.map((t) => ({ ...tierInfo(t, form.tiers), count: units.filter((u) => u.tier === t).length })),
        },
      };
    },

    async listPeriods() {
      return periods.all().map(periodInfo);
    },

    async createPeriod(req) {
      const p = periods.create(req);
      return periodInfo({ ...p, builtIn: false });
    },

    async openPeriod({ period }) {
      const p = periods.require(period);
      settingsStore.update({ currentPeriod: p.code });
      return overview(p.code);
    },

    async currentPeriod() {
      const code = settings().currentPeriod;
      if (!code || !periods.find(code)) return null;
      return overview(code);
    },

    async startView() {
      const o = await api.currentPeriod();
      return {
        overview: o,
        periods: await api.listPeriods(),
        // The same board the overview was counted from (kept in the period's session).
        board: o ? await board(o.period.code) : null,
      };
    },

    async getRegister({ period }) {
      return registerOf(period).view();
    },

    async addUnit(req) {
      const { units } = registerOf(req.period);
      return saveRegister(req.period, [...units, newUnit(units, req)]);
    },

    async updateUnit(req) {
      const { units } = registerOf(req.period);
      const code = req.code.trim().toUpperCase();
      if (!units.some((u) => u.code === code)) throw new ApiError(`Không có đơn vị ${code} trong danh sách.`);
      if (req.name !== undefined && !req.name.trim()) throw new ApiError('Tên đơn vị không được để trống.');
      return saveRegister(
        req.period,
        units.map((u) =>
          u.code !== code
            ? u
            : {
                ...u,
                ...(req.name !== undefined ? { name: req.name.trim() } : {}),
                ...(req.active !== undefined ? { active: req.active } : {}),
              },
        ),
      );
    },

    async importRegister({ period, path }) {
      const units = readRegisterWorkbook(path);
      const register = await saveRegister(period, units, basename(path));
      return { register, message: `Đã nhập ${formatNumber(units.length)} đơn vị từ tệp ${basename(path)}.` };
    },

    async exportRegister({ period, path }) {
      const full = outputFile(path, '.xlsx');
      const { s, units } = registerOf(period);
      await writeOutput(full, await registerWorkbook(s.period, form, units), 'danh sách đơn vị', fileLayer);
      return {
        path: full,
        message: `Đã ghi danh sách ${formatNumber(units.length)} đơn vị vào tệp ${basename(full)}.`,
      };
    },

    async getSettings() {
      return settingsStore.get();
    },

    async setSettings(patch) {
      if (patch.currentPeriod) periods.require(patch.currentPeriod);
      return settingsStore.update(patch);
    },

    async chooseFolder(request) {
      if (!opts.dialogs) return null;
      return opts.dialogs.chooseFolder({
        title: request?.title ?? 'Chọn thư mục',
        ...(request?.defaultPath ? { defaultPath: request.defaultPath } : {}),
      });
    },

    async chooseFiles(request) {
      if (!opts.dialogs?.chooseFiles) return [];
      return opts.dialogs.chooseFiles({ ...request, filters: FILE_FILTERS[request.kind] });
    },

    async chooseSavePath(request) {
      if (!opts.dialogs?.chooseSavePath) return null;
      return opts.dialogs.chooseSavePath({ ...request, filters: FILE_FILTERS[request.kind] });
    },

    async openPath(path) {
      const check = checkOpenable(path);
      if (!check.ok) return check;
      if (!opts.dialogs)
        return {
          ok: false,
          message: `Không mở được "${resolve(path)}": chức năng này chỉ có trong ứng dụng máy tính.`,
        };
      const error = await opts.dialogs.openPath(resolve(path));
      return error ? { ok: false, message: `Không mở được "${resolve(path)}": ${error}` } : { ok: true };
    },

    async jobStatus({ jobId }) {
      return jobs.status(jobId);
    },

    async activeJobs({ period }) {
      return jobs.forPeriod(periods.require(period).code);
    },

    async startTemplates(req) {
      const s = session(req.period);
      const wanted = req.units?.map((u) => u.toUpperCase());
      const units = s.units().filter((u) => !wanted || wanted.includes(u.code));
      if (units.length === 0) throw new ApiError('Chưa chọn đơn vị nào để lập biểu mẫu.');
      const folder = await outputFolder(req.folder);
      return startJob('templates', req.period, 'Đang lập biểu mẫu…', async (progress) => {
        const { writeTemplates } = await import('../templates/index.js');
        progress(0, units.length, `Đang lập biểu mẫu 0/${formatNumber(units.length)}…`);
        const r = await writeTemplates({
          form,
          period: s.period,
          units,
          outDir: folder,
          onProgress: (done, total) =>
            progress(done, total, `Đang lập biểu mẫu ${formatNumber(done)}/${formatNumber(total)}…`),
        });
        return {
          kind: 'templates',
          folder,
          files: r.files.length,
          skipped: r.skipped.map((x) => x.reason),
          message: `Đã lập ${formatNumber(r.files.length)} biểu mẫu trong thư mục ${folder}.`,
        };
      });
    },

    async stageFiles({ files }) {
      return stageFiles(opts.dataDir, files);
    },

    async startImport(req) {
      const s = session(req.period);
      const from = req.fromPeriod ? await session(req.fromPeriod.period).workspace() : undefined;
      return startJob('import', req.period, 'Đang nhập tệp…', (progress) =>
        runImport({
          dataDir: opts.dataDir,
          session: s,
          form,
          periods,
          by: by(),
          progress,
          input: {
            ...(req.paths ? { paths: req.paths } : {}),
            ...(req.staged ? { staged: req.staged } : {}),
            ...(req.receivedDate ? { receivedDate: req.receivedDate } : {}),
            ...(from && req.fromPeriod ? { fromPeriod: { workspace: from, sha256: req.fromPeriod.sha256 } } : {}),
          },
        }),
      );
    },

    async compareFiles({ period, unit }) {
      return compareFiles(await state(period), unit);
    },

    async chooseFile({ period, unit, sha256 }) {
      const ws = await session(period).workspace();
      await workspaceError(() => choose(ws, unit, sha256, by()));
      return boardView(await state(period), now());
    },

    async setReceivedDate({ period, sha256, date, time, note }) {
      const at = Date.parse(`${date}T${time ?? '00:00'}:00+07:00`);
      // 31/02 and the like: the instant must give back the same calendar day.
      if (Number.isNaN(at) || new Date(at + 7 * 3600_000).toISOString().slice(0, 10) !== date) {
        throw new ApiError(`Ngày nhận ${date} không hợp lệ.`);
      }
      const ws = await session(period).workspace();
      await workspaceError(() =>
        setReceivedAt(ws, sha256, new Date(at).toISOString(), { by: by(), now: now(), ...(note ? { note } : {}) }),
      );
      return boardView(await state(period), now());
    },

    async getBoard({ period }) {
      return board(period);
    },

    async preparePeriod({ period }) {
      await state(period);
    },

    async exportMissingList({ period, path }) {
      const full = outputFile(path, '.xlsx');
      const board = boardView(await state(period), now());
      const { excelJs, HEADER_FILL, safeText } = await import('../export/excel.js');
      const ExcelJS = await excelJs();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Chưa nộp');
      ws.columns = [{ width: 6 }, { width: 12 }, { width: 48 }, { width: 14 }, { width: 16 }];
      ws.addRow([board.missingListText.split('\n')[0]]).font = { bold: true };
      ws.addRow([]);
      const head = ws.addRow(['STT', 'Mã đơn vị', 'Tên đơn vị', 'Cấp', 'Tình trạng']);
      head.font = { bold: true };
      head.eachCell((c) => (c.fill = HEADER_FILL));
      board.rows
        .filter((r) => r.receivedAt === undefined && r.status !== 'rejected')
        .forEach((r, i) => ws.addRow([i + 1, safeText(r.code), safeText(r.name), r.tierLabel, r.timelinessLabel]));
      await writeOutput(full, new Uint8Array(await wb.xlsx.writeBuffer()), 'danh sách đơn vị chưa nộp', fileLayer);
      return {
        path: full,
        message: `Đã ghi danh sách ${formatNumber(board.missingCount)} đơn vị chưa nộp vào tệp ${basename(full)}.`,
      };
    },

    async getFindings({ period }) {
      return findingsView(await state(period));
    },

    async getFindingDetail({ period, findingId }) {
      return findingDetail(await state(period), findingId);
    },

    async explainFinding({ period, findingId, note }) {
      const s = await state(period);
      if (!s.consolidation.findings.some((f) => f.id === findingId)) findingDetail(s, findingId);
      await workspaceError(() => explainFinding(s.workspace, findingId, note, by()));
      return findingDetail(await state(period), findingId);
    },

    async markFindingFixed({ period, findingId, note }) {
      const s = await state(period);
      findingDetail(s, findingId);
      await workspaceError(() => markFindingFixed(s.workspace, findingId, note, by()));
      return findingDetail(await state(period), findingId);
    },

    async reopenFinding({ period, findingId }) {
      const s = await state(period);
      await workspaceError(() => reopenFinding(s.workspace, findingId, by()));
      return findingDetail(await state(period), findingId);
    },

    async correctValue(req) {
      const s = await state(req.period);
      const unit = req.unit.trim().toUpperCase();
      const code = req.code.trim().toUpperCase();
      const ind = form.indicatorByCode.get(code);
      const track = s.tracks.find((t) => t.code === unit);
      if (!ind) throw new ApiError(`Không có chỉ tiêu ${code} trong biểu mẫu.`);
      if (!track?.sha256) throw new ApiError(`Đơn vị ${unit} chưa có tệp được dùng nên không sửa được số liệu.`);
      const { loadDerived } = await import('../workspace/index.js');
      const read = loadDerived(s.workspace, track.sha256)?.values[code];
      const original = read?.value ?? null;
      // A corrected value is read exactly as a cell of that indicator would be.
      const reading = readTypedText(req.valueText, ind);
      if (reading.kind === 'blank') throw new ApiError(`Chưa nhập giá trị mới cho ${code}.`);
      if (reading.kind === 'problem') {
        const place = read?.source
          ? { file: read.source.file, sheet: read.source.sheet, cell: read.source.cell, code, label: ind.label }
          : { input: `${code} của đơn vị ${unit}`, label: ind.label };
        throw new ApiError(valueProblemMessage(place, reading, req.valueText));
      }
      const parsed = { value: reading.value };
      await workspaceError(() =>
        correctValue(s.workspace, {
          unit,
          code,
          value: parsed.value,
          original,
          sha256: track.sha256 as string,
          note: req.note,
          confirmedWith: req.confirmedWith,
          by: by(),
        }),
      );
      return {
        message: `Đã sửa ${code} của đơn vị ${unit} thành ${formatNumber(parsed.value)}; tệp gốc vẫn giữ nguyên.`,
      };
    },

    async openOriginal({ period, sha256 }) {
      const s = await state(period);
      const sub = s.manifest.submissions.find((x) => x.sha256 === sha256);
      if (!sub) throw new ApiError('Không tìm thấy tệp gốc này trong thư mục làm việc.');
      const name = sub.names[0] as string;
      if (!OPENABLE_EXTENSIONS.includes(extname(name).toLowerCase())) {
        return { ok: false, message: `Ứng dụng không mở tệp ${name}: chỉ mở tệp ${OPENABLE_EXTENSIONS.join(', ')}.` };
      }
      const dir = join(s.workspace.dir, 'tep-mo', sha256.slice(0, 12));
      mkdirSync(dir, { recursive: true });
      const copy = join(dir, basename(name));
      if (!existsSync(copy)) {
        originalBytes(s.workspace, sha256);
        copyFileSync(join(s.workspace.dir, 'originals', sha256), copy);
      }
      return api.openPath(copy);
    },

    async startPackets(req) {
      const s = await state(req.period);
      const folder = await outputFolder(req.folder);
      const open = s.consolidation.findings.filter((f) => f.status === 'open' && f.unit);
      const wanted = req.units?.map((u) => u.toUpperCase()) ?? [...new Set(open.map((f) => f.unit as string))];
      const targets = s.tracks.filter((t) => wanted.includes(t.code) && t.sha256 && t.file);
      if (targets.length === 0) {
        throw new ApiError(
          req.units
            ? 'Đơn vị đã chọn chưa có tệp được dùng nên không có gì để gửi lại.'
            : 'Không có đơn vị nào còn sai sót chưa xử lý.',
        );
      }
      return startJob('packets', req.period, 'Đang xuất tệp phản hồi…', async (progress) => {
        const { buildReturnPacket } = await import('../export/packet.js');
        const files: string[] = [];
        for (const [i, t] of targets.entries()) {
          progress(
            i,
            targets.length,
            `Đang xuất tệp phản hồi ${formatNumber(i)}/${formatNumber(targets.length)}: ${t.code}`,
          );
          const findings = open.filter((f) => f.unit === t.code);
          const path = join(folder, `PhanHoi_${t.code}_${s.consolidation.period.code}.xlsx`);
          await writeOutput(
            path,
            await buildReturnPacket(originalBytes(s.workspace, t.sha256 as string), findings, t.file as string),
            'tệp phản hồi',
            fileLayer,
          );
          files.push(path);
        }
        return {
          kind: 'packets',
          folder,
          files,
          message: `Đã xuất ${formatNumber(files.length)} tệp phản hồi vào thư mục ${folder}.`,
        };
      });
    },

    async getNumbers({ period }) {
      return numbersView(await state(period));
    },

    async getDrilldown({ period, code, scope }) {
      return drilldownView(await state(period), code.toUpperCase(), scope);
    },

    async getComparison({ period, code, tier }) {
      return comparisonView(await state(period), code.toUpperCase(), tier);
    },

    async setProvinceInput(req) {
      const s = await state(req.period);
      const key = req.key.trim().toUpperCase();
      if (!inputKeys(s.consolidation).some((x) => x.key === key)) {
        throw new ApiError(`Mã ${key} không nhận số liệu cấp tỉnh.`);
      }
      // The value is read by the engine as a cell of the input's measure (grammar, range,
      // whole or not), with the same Vietnamese sentence a cell would get.
      await workspaceError(() =>
        setProvinceInput(s.workspace, form, { key, value: req.valueText, note: req.note, by: by() }),
      );
      return numbersView(await state(req.period));
    },

    async startWorkbook({ period, path }) {
      const full = outputFile(path, '.xlsx');
      const s = await state(period);
      return startJob('workbook', period, 'Đang xuất bảng tổng hợp…', async (progress) => {
        progress(0, 1, 'Đang xuất bảng tổng hợp…');
        const { buildConsolidatedWorkbook } = await import('../export/index.js');
        await writeOutput(full, await buildConsolidatedWorkbook(s.consolidation), 'bảng tổng hợp', fileLayer);
        progress(1, 1, 'Đã xuất bảng tổng hợp.');
        return { kind: 'workbook', path: full, message: `Đã ghi bảng tổng hợp vào tệp ${basename(full)}.` };
      });
    },

    async getReportDraft({ period }) {
      return reportDraft(await state(period), settings());
    },

    async saveReport(req) {
      const s = await state(req.period);
      if (req.settings) {
        const checked = checkSettings(req.settings);
        if (!checked.ok) return { ok: false, message: checked.message, draft: reportDraft(s, settings()) };
        await workspaceError(() => setReportSettings(s.workspace, checked.settings, by()));
      }
      if (req.resetText) await workspaceError(() => setReportTemplate(s.workspace, undefined, by()));
      else if (req.blocks) {
        const checked = checkText(req.blocks, s.consolidation);
        if (!checked.ok) return { ok: false, message: checked.message, draft: reportDraft(s, settings()) };
        await workspaceError(() => setReportTemplate(s.workspace, checked.template, by()));
      }
      return { ok: true, message: 'Đã lưu.', draft: reportDraft(await state(req.period), settings()) };
    },

    async startReportPreview({ period }) {
      const s = await state(period);
      return startJob('report-preview', period, 'Đang dựng bản xem trước…', async (progress) => {
        const { renderReport } = await import('../report/index.js');
        progress(0, 3, 'Đang dựng bản xem trước: dàn trang…');
        let step = 0;
        const r = await renderReport({
          consolidation: s.consolidation,
          settings: reportSettings(s.workspace, s.consolidation.period, settings()),
          template: reportTemplate(s).template,
          onProgress: (stage) => progress(Math.min(2, ++step), 3, `Đang dựng bản xem trước: ${stage}`),
        });
        return {
          kind: 'report-preview',
          pdfBase64: r.pdf.toString('base64'),
          pages: r.pages,
          gaps: r.findings.map((f) => f.message),
        };
      });
    },

    async startReportExport({ period, path, format }) {
      const word = format === 'docx';
      const full = outputFile(path, word ? '.docx' : '.pdf');
      const s = await state(period);
      return startJob(
        'report-export',
        period,
        word ? 'Đang xuất bản Word…' : 'Đang xuất báo cáo…',
        async (progress) => {
          progress(0, 2, 'Đang dựng báo cáo…');
          const input = {
            consolidation: s.consolidation,
            settings: reportSettings(s.workspace, s.consolidation.period, settings()),
            template: reportTemplate(s).template,
          };
          // The document as bytes, what it is called in messages, and what the clerk is told.
          let made: { bytes: Uint8Array; what: string; pages: number | null; gaps: string[]; message: string };
          if (word) {
            const { renderReportDocx } = await import('../report/docx.js');
            const r = await renderReportDocx(input);
            made = {
              bytes: r.docx,
              what: 'bản Word của báo cáo',
              pages: null,
              gaps: r.findings.map((f) => f.message),
              message:
                `Đã xuất bản Word ${basename(full)} để biên tập (cùng nội dung và số liệu với bản PDF` +
                `${r.footnotes > 0 ? `, ${formatNumber(r.footnotes)} chú thích cuối trang` : ''}). ` +
                'Sau khi sửa, hãy kiểm tra lại số liệu ở màn hình Kiểm tra văn bản.',
            };
          } else {
            const { renderReport } = await import('../report/index.js');
            const r = await renderReport(input);
            made = {
              bytes: r.pdf,
              what: 'báo cáo',
              pages: r.pages,
              gaps: r.findings.map((f) => f.message),
              message: `Đã xuất báo cáo ${basename(full)} (${formatNumber(r.pages)} trang).`,
            };
          }
          progress(1, 2, 'Đang ghi tệp…');
          await writeOutput(full, made.bytes, made.what, fileLayer);
          return { kind: 'report-export', path: full, pages: made.pages, gaps: made.gaps, message: made.message };
        },
      );
    },

    async inspectCertificate({ path, password }) {
      const code = settings().currentPeriod;
      const s = code && periods.find(code) ? await state(code) : undefined;
      const signer = s
        ? reportSettings(s.workspace, s.consolidation.period, settings()).signerName
        : settings().report.signerName;
      return inspectCertificate(path, password, signer);
    },

    async startSign(req) {
      const full = outputFile(req.outPath, '.pdf');
      const s = await state(req.period);
      if (s.openErrors > 0) {
        throw new ApiError(
          `Còn ${formatNumber(s.openErrors)} lỗi chưa xử lý ở màn hình Đối chiếu: chưa thể ký báo cáo. Hãy xử lý hoặc giải trình các lỗi này trước.`,
        );
      }
      const draft = reportDraft(s, settings());
      if (draft.gaps.length > 0 && !req.acceptGaps) {
        throw new ApiError(
          `Báo cáo còn ${formatNumber(draft.gaps.length)} chỗ thiếu số liệu; hãy xác nhận ký báo cáo có chỗ thiếu số liệu.`,
        );
      }
      const sign = await import('../sign/index.js');
      let signer;
      try {
        signer = sign.readP12File(req.p12Path, req.password);
      } catch (e) {
        throw new ApiError((e as Error).message);
      }
      return startJob('sign', req.period, 'Đang ký số…', async (progress) => {
        const { renderReport } = await import('../report/index.js');
        const rs = reportSettings(s.workspace, s.consolidation.period, settings());
        const info = signer.info();
        const signingTime = new Date();
        progress(0, 2, 'Đang dựng báo cáo có dấu chữ ký…');
        const r = await renderReport({
          consolidation: s.consolidation,
          settings: rs,
          template: reportTemplate(s).template,
          stamp: {
            signerName: info.commonName,
            subject: info.subjectDisplay,
            signingTime: sign.formatSigningTimeIso(signingTime),
          },
        });
        progress(1, 2, 'Đang ký số…');
        const signed = await sign.signReportPdf(r.pdf, {
          signer,
          signingTime,
          widget: r.signatureBox,
          reason: `Ký ban hành ${rs.title.toLowerCase()} số ${rs.number}`,
          location: rs.place,
          openErrorCount: s.openErrors,
        });
        await writeOutput(full, signed.pdf, 'báo cáo đã ký', fileLayer);
        return {
          kind: 'sign',
          path: full,
          signer: info.commonName,
          warnings: signed.warnings,
          message: `Đã ký và lưu báo cáo ${basename(full)}; người ký: ${info.commonName}.`,
        };
      });
    },

    async verifySignature({ path }) {
      return verifyFile(path);
    },

    async startChecklists(req) {
      const s = await state(req.period);
      const folder = await outputFolder(req.folder);
      const sel = req.selection;
      const open = new Set(s.consolidation.findings.filter((f) => f.status === 'open' && f.unit).map((f) => f.unit));
      const units = s.units
        .filter((u) =>
          sel.kind === 'all'
            ? true
            : sel.kind === 'tier'
              ? u.tier === sel.tier
              : sel.kind === 'problems'
                ? open.has(u.code) || !s.tracks.find((t) => t.code === u.code)?.sha256
                : sel.units.map((x) => x.toUpperCase()).includes(u.code),
        )
        .map((u) => u.code);
      if (units.length === 0) throw new ApiError('Không có đơn vị nào trong lựa chọn này để in phiếu kiểm tra.');
      const team = req.team.map((m) => ({ name: m.name.trim(), role: m.role.trim() })).filter((m) => m.name);
      const rs = reportSettings(s.workspace, s.consolidation.period, settings());
      return startJob('checklists', req.period, 'Đang in phiếu kiểm tra…', async (progress) => {
        const { renderChecklists, parseChecklistSettings, checklistFileName } = await import('../checklists/index.js');
        const cs = parseChecklistSettings({
          inspectingBody: rs.issuingBody,
          governingBody: rs.governingBody,
          team: team.map((m) => ({ name: m.name, role: m.role || 'Thành viên' })),
          place: rs.place,
          ...(req.date ? { date: req.date } : {}),
        });
        progress(0, units.length, `Đang in phiếu kiểm tra 0/${formatNumber(units.length)}…`);
        const batch = await renderChecklists({
          consolidation: s.consolidation,
          settings: cs,
          units,
          combined: req.combined,
          onProgress: (p) =>
            progress(
              p.done,
              p.total,
              `Đang in phiếu kiểm tra ${formatNumber(p.done)}/${formatNumber(p.total)}: ${p.unit}`,
            ),
        });
        const period = s.consolidation.period.code;
        if ('combined' in batch) {
          const path = join(folder, `PKT_TONGHOP_${period}.pdf`);
          await writeOutput(path, batch.combined, 'phiếu kiểm tra', fileLayer);
          return {
            kind: 'checklists',
            folder,
            files: [path],
            combined: path,
            message: `Đã in phiếu kiểm tra của ${formatNumber(units.length)} đơn vị vào một tệp ${basename(path)}.`,
          };
        }
        const files: string[] = [];
        for (const f of batch.files) {
          const path = join(folder, f.fileName || checklistFileName(f.unit, period));
          await writeOutput(path, f.pdf, 'phiếu kiểm tra', fileLayer);
          files.push(path);
        }
        return {
          kind: 'checklists',
          folder,
          files,
          message: `Đã in ${formatNumber(files.length)} phiếu kiểm tra vào thư mục ${folder}.`,
        };
      });
    },

    async getAudit({ period }) {
      const ws = await session(period).workspace();
      return auditView(ws, periods.require(period).code);
    },

    ...textCheckApi({
      dataDir: opts.dataDir,
      state,
      periodCode: (code) => periods.require(code).code,
      startJob,
      outputFile,
      writeOutput: (path, bytes, what) => writeOutput(path, bytes, what, fileLayer),
    }),
    async workspaceLocation() {
      return location();
    },

    async acknowledgeLocationNotice() {
      const now = location();
      if (now.syncedBy) notices.acknowledge(now.root);
      return location();
    },

    async workspaceLock(request) {
      const period = periods.require(request.period);
      return lockInfo(period, workspaceDirOf(period), fileLayer);
    },

    async takeOverWorkspaceLock(request) {
      const period = periods.require(request.period);
      await takeOver(period, workspaceDirOf(period), request.token, fileLayer, by());
      for (const [key, s] of sessions) if (s.period.code === period.code) sessions.delete(key);
    },
  };
  // Opening the app shows the last period at once: its consolidation is computed while the
  // window is still loading.
  if (opts.prewarm !== false && settings().currentPeriod) {
    setImmediate(() => void api.currentPeriod().catch(() => undefined));
  }
  return api;
}

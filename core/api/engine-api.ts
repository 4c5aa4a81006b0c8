import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod';
import type {
  AppApi,
  AppInfo,
  ChooseFolderRequest,
  ConsolidationView,
  OpenPathResult,
  PeriodInfo,
  TierCode,
  TierInfo,
} from '../../shared-api/app-api.js';
import { loadDefaultForm, type Form } from '../form/index.js';
import { builtInPeriods, findPeriod, formatDateVN, type Period } from '../period/index.js';
import { runConsolidation } from '../pipeline/index.js';
import { resourcesDir } from '../resources.js';
import { writeSampleReturns } from '../sample/index.js';
import { loadDefaultUnits } from '../units/index.js';
import { WorkspaceError, type FileOps, type IngestFile, type RetryPolicy } from '../workspace/index.js';
import { saveBoard } from './board.js';
import { toConsolidationView } from './consolidation-view.js';
import { ApiError } from './errors.js';
import { openSettingsStore } from './settings.js';
import { lockInfo, locationInfo, openNoticeStore, periodWorkspaceDir, takeOver } from './workspace-location.js';

/** The platform's own dialogs and shell, supplied by the Electron main process (or a test double). */
export interface Dialogs {
  /** Show a folder picker; resolve with the chosen absolute path, or null when cancelled. */
  chooseFolder(request: ChooseFolderRequest): Promise<string | null>;
  /** Open a path with the system's default application; resolve with '' on success or an error text (Electron's `shell.openPath` contract). */
  openPath(path: string): Promise<string>;
}

/** How to build the engine side of the API. */
export interface EngineApiOptions {
  /** Folder for settings and app data (Electron: `app.getPath('userData')`; tests: a temp folder). */
  dataDir: string;
  /** Desktop dialogs; without them `chooseFolder` resolves null and `openPath` explains it cannot open anything. */
  dialogs?: Dialogs;
  /** Which shell serves the API. Default `browser`. */
  shell?: AppInfo['shell'];
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

function requirePeriod(code: string): Period {
  const period = findPeriod(code);
  if (!period) {
    const known = builtInPeriods()
      .map((p) => p.code)
      .join(', ');
    throw new ApiError(`Không có kỳ báo cáo ${code}. Các kỳ có sẵn: ${known}.`);
  }
  return period;
}

function requireFolder(path: string): string {
  const full = resolve(path);
  if (!isAbsolute(path)) throw new ApiError(`Đường dẫn "${path}" không phải là đường dẫn đầy đủ.`);
  if (!existsSync(full)) throw new ApiError(`Không tìm thấy thư mục "${full}".`);
  if (!statSync(full).isDirectory()) throw new ApiError(`"${full}" là một tệp, không phải thư mục báo cáo.`);
  return full;
}

/** "20250930-142501-123": a time stamp (UTC) that is safe in a folder name. */
function folderStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace(/\.(\d{3})Z$/, '-$1');
}

/** Run the pipeline, turning the workspace's own Vietnamese refusals into user messages. */
async function consolidate(
  form: Form,
  period: Period,
  inputDir: string,
  workspaceDir: string,
  layer: WorkspaceFiles = {},
  files?: IngestFile[],
): Promise<ConsolidationView> {
  const units = loadDefaultUnits().filter((u) => period.tiers.includes(u.tier));
  try {
    const result = await runConsolidation({
      form,
      period,
      units,
      workspaceDir,
      ...(files ? { files } : { inputDir }),
      ...layer,
    });
    // Kept for the next opening of the period (core/api/board.ts).
    saveBoard(result, { form, units, period }, inputDir);
    return toConsolidationView(result, inputDir);
  } catch (e) {
    if (e instanceof WorkspaceError) throw new ApiError(e.message);
    throw e;
  }
}

/**
 * The engine side of {@link AppApi}: everything that is plain engine work (app facts,
 * periods, settings, consolidating the sample or a folder), plus the two desktop actions
 * delegated to `dialogs`. Arguments are
 * trusted to be typed here; {@link dispatchApiCall} validates untrusted ones first.
 */
export function createEngineApi(opts: EngineApiOptions): AppApi {
  const settings = openSettingsStore(opts.dataDir);
  const notices = openNoticeStore(opts.dataDir);
  const form = loadDefaultForm();
  const longestCode = builtInPeriods().reduce((a, p) => (p.code.length > a.length ? p.code : a), '');
  const location = () => locationInfo(settings.get().workspaceRoot, opts.documentsDir, notices, longestCode);
  const files = opts.workspaceFiles ?? {};
  const workspaceOf = (period: Period): string =>
    periodWorkspaceDir(period, settings.get().workspaceRoot, location().documentsDir);

  return {
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

    async listPeriods(): Promise<PeriodInfo[]> {
      return builtInPeriods()
        .sort((a, b) => a.cutoff.localeCompare(b.cutoff))
        .map((p) => ({
          code: p.code,
          title: p.title,
          shortTitle: p.shortTitle,
          resolution: p.resolution,
          cutoff: p.cutoff,
          cutoffLabel: formatDateVN(p.cutoff),
          deadline: p.deadline,
          deadlineLabel: formatDateVN(p.deadline),
          tiers: p.tiers.map((t) => tierInfo(t, form.tiers)),
        }));
    },

    async getSettings() {
      return settings.get();
    },

    async setSettings(patch) {
      return settings.update(patch);
    },

    async chooseFolder(request) {
      if (!opts.dialogs) return null;
      return opts.dialogs.chooseFolder({
        title: request?.title ?? 'Chọn thư mục',
        ...(request?.defaultPath ? { defaultPath: request.defaultPath } : {}),
      });
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

    async trySample(request) {
      const period = requirePeriod(request.period);
      const root = join(opts.dataDir, 'mau', `${period.code}-${folderStamp(new Date())}`);
      const inputDir = join(root, 'tra-ve');
      await mkdir(inputDir, { recursive: true });
      const sample = await writeSampleReturns({
        form,
        period,
        units: loadDefaultUnits(),
        outDir: inputDir,
        faults: request.faults === true,
      });
      // The sample simulates when each unit emailed its return: that is the date received.
      const received: IngestFile[] = sample.files.map((f) => ({
        name: basename(f.path),
        bytes: new Uint8Array(readFileSync(f.path)),
        receivedAt: f.receivedAt,
      }));
      return consolidate(form, period, inputDir, join(root, 'tong-hop'), files, received);
    },

    async consolidateFolder(request) {
      const period = requirePeriod(request.period);
      const inputDir = requireFolder(request.folder);
      return consolidate(form, period, inputDir, workspaceOf(period), files);
    },

    async workspaceLocation() {
      return location();
    },

    async acknowledgeLocationNotice() {
      const now = location();
      if (now.syncedBy) notices.acknowledge(now.root);
      return location();
    },

    async workspaceLock(request) {
      const period = requirePeriod(request.period);
      return lockInfo(period, workspaceOf(period), files);
    },

    async takeOverWorkspaceLock(request) {
      const period = requirePeriod(request.period);
      await takeOver(period, workspaceOf(period), request.token, files);
    },
  };
}

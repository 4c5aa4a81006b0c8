/**
 * The engine side of where workspaces live and of who holds a workspace's lock: the default
 * folder (Documents as the shell names it, injected by Electron), the OneDrive notice said
 * once, and the stale-lock take-over the app confirms with the user.
 */
import Conf from 'conf';
import type { Period } from '../period/index.js';
import type { WorkspaceLocationInfo, WorkspaceLockInfo } from '../../shared-api/app-api.js';
import {
  defaultWorkspaceDir,
  describeLocation,
  lockedMessage,
  lockStatus,
  longPathProblem,
  systemDocumentsDir,
  takeOverLock,
  workspaceDirFor,
  WorkspaceError,
} from '../workspace/index.js';
import { retrying, nodeFileOps } from '../workspace/fs-ops.js';
import type { WorkspaceFiles } from './engine-api.js';
import { dateTimeVN } from './consolidation-view.js';
import { ApiError } from './errors.js';

/** Where the workspace of a period is: under the chosen root, or `<Documents>/TongHopCCHC`. */
export function periodWorkspaceDir(period: Period, chosenRoot: string | null, documentsDir: string): string {
  return chosenRoot ? workspaceDirFor(chosenRoot, period.code) : defaultWorkspaceDir(period, documentsDir);
}

/** Notices the user has acknowledged, kept beside the settings (`notices.json`). */
export interface NoticeStore {
  acknowledged(root: string): boolean;
  acknowledge(root: string): void;
}

export function openNoticeStore(dataDir: string): NoticeStore {
  const conf = new Conf<{ syncedFolderAcknowledged?: string[] }>({
    cwd: dataDir,
    configName: 'notices',
    projectName: 'tong-hop-cchc',
    clearInvalidConfig: true,
  });
  const list = (): string[] => {
    const v = conf.get('syncedFolderAcknowledged');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  return {
    acknowledged: (root) => list().includes(root),
    acknowledge(root) {
      if (!list().includes(root)) conf.set('syncedFolderAcknowledged', [...list(), root].slice(-20));
    },
  };
}

/** The location as the API gives it; the OneDrive notice only until acknowledged for that folder. */
export function locationInfo(
  chosenRoot: string | null,
  documentsDir: string | undefined,
  notices: NoticeStore,
  /** The longest period code the folder must hold, for the path-length check. */
  periodCode: string,
): WorkspaceLocationInfo {
  const docs = documentsDir ?? systemDocumentsDir();
  const loc = describeLocation({ chosenRoot, documentsDir: docs });
  return {
    root: loc.root,
    source: loc.source,
    documentsDir: loc.documentsDir,
    syncedBy: loc.cloud?.provider ?? null,
    localAlternative: loc.localAlternative ?? null,
    notice: loc.notice && !notices.acknowledged(loc.root) ? loc.notice : null,
    pathWarning: longPathProblem(workspaceDirFor(loc.root, periodCode)) ?? null,
  };
}

/** Who holds a period's workspace, ready to show; null when it is free. */
export function lockInfo(period: Period, dir: string, files: WorkspaceFiles = {}): WorkspaceLockInfo | null {
  const s =
    files.fileOps || files.retry
      ? lockStatus(dir, retrying(files.fileOps ?? nodeFileOps, files.retry))
      : lockStatus(dir);
  if (!s) return null;
  return {
    period: period.code,
    workspaceDir: dir,
    user: s.holder.user,
    machine: s.holder.host,
    since: s.holder.since,
    sinceLabel: s.holder.since ? dateTimeVN(s.holder.since) : '',
    lastActive: s.touchedAt,
    lastActiveLabel: dateTimeVN(s.touchedAt),
    sameMachine: s.sameMachine,
    heldByThisApp: s.sameMachine && s.alive === true && s.holder.pid === process.pid,
    stale: s.stale,
    token: s.holder.token,
    message: lockedMessage(dir, s),
  };
}

/** Remove the stale lock the user confirmed; workspace refusals become user messages. */
export async function takeOver(
  period: Period,
  dir: string,
  token: string,
  files: WorkspaceFiles = {},
  by?: string,
): Promise<void> {
  try {
    await takeOverLock(dir, token, { period, ...files, ...(by ? { by } : {}) });
  } catch (e) {
    if (e instanceof WorkspaceError) throw new ApiError(e.message);
    throw e;
  }
}

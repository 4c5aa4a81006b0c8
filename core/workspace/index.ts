/**
 * The durable workspace of one period: originals kept byte for byte, the manifest of
 * submissions and decisions, the audit log. See README.md for the folder layout and the
 * crash-safety argument.
 */
export { WorkspaceError } from './errors.js';
export {
  openWorkspace,
  workspaceInfoAt,
  originalBytes,
  defaultWorkspaceDir,
  currentUser,
  sha256Hex,
  readManifest,
  loadDerived,
  lockStatus,
  takeOverLock,
  deleteWorkspace,
  type Workspace,
} from './store.js';
export {
  defaultWorkspaceRoot,
  workspaceDirFor,
  systemDocumentsDir,
  cloudSyncOf,
  describeLocation,
  localWorkspaceRoot,
  WORKSPACES_FOLDER,
  type WorkspaceLocation,
  type CloudSync,
} from './folders.js';
export {
  toStoredName,
  displayPath,
  storedPathOf,
  sameFileName,
  fileNameKey,
  windowsSafeName,
  windowsNameProblem,
  isReservedName,
  longPathProblem,
  WINDOWS_MAX_PATH,
} from './paths.js';
export { describeHolder, lockedMessage, STALE_AFTER_MS, type LockHolder, type LockState } from './lock.js';
export { DEFAULT_RETRY, busyMessage, type FileOps, type RetryPolicy } from './fs-ops.js';
export {
  ingestFiles,
  ingestFolder,
  readFolder,
  workspaceNotReturnsMessage,
  workspaceSubfolderMessage,
  type FolderContents,
  type SkippedEntry,
  type ParseFn,
  type IngestFile,
  type IngestOptions,
  type IngestedFile,
  type IngestResult,
} from './ingest.js';
export {
  choose,
  setReceivedAt,
  explainFinding,
  reopenFinding,
  setProvinceInput,
  provinceInputs,
  getReportSettings,
  setReportSettings,
} from './ops.js';
export {
  tracker,
  dataset,
  refusalReason,
  fixedFindingIds,
  readAudit,
  type UnitTrack,
  type FileTrack,
  type UnitStatus,
} from './views.js';
export { rebuild, ensureDerived, type RebuildResult } from './rebuild.js';
export {
  storedRegister,
  setRegister,
  correctValue,
  markFindingFixed,
  getReportTemplate,
  setReportTemplate,
} from './period-ops.js';
export type {
  AuditEntry,
  AuditAction,
  Manifest,
  Submission,
  SubmissionStatus,
  Change,
  Supersession,
  Choice,
  UnitState,
  RegisterUnit,
  Correction,
} from './schema.js';

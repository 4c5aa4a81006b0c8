/**
 * The durable workspace of one period: originals kept byte for byte, the manifest of
 * submissions and decisions, the audit log. See README.md for the folder layout and the
 * crash-safety argument.
 */
export { WorkspaceError } from './errors.js';
export {
  openWorkspace,
  originalBytes,
  defaultWorkspaceRoot,
  defaultWorkspaceDir,
  currentUser,
  sha256Hex,
  readManifest,
  loadDerived,
  type Workspace,
} from './store.js';
export {
  ingestFiles,
  ingestFolder,
  readFolder,
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

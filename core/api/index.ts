export {
  createEngineApi,
  FILE_FILTERS,
  OPENABLE_EXTENSIONS,
  type Dialogs,
  type EngineApiOptions,
  type FileFilter,
  type WorkspaceFiles,
} from './engine-api.js';
export { dispatchApiCall, ARG_SCHEMAS } from './dispatch.js';
export { startEngineInThread, startEngineWorker, workerApi, type EngineWorker } from './worker-host.js';
export { ApiError, describeIssues } from './errors.js';
export { openBoard, readBoard, saveBoard, type BoardContext } from './board.js';
export {
  toConsolidationView,
  summaryText,
  KEY_TOTALS,
  UNIT_STATUS_LABELS,
  TARGET_STATUS_LABELS,
} from './consolidation-view.js';
export {
  DEFAULT_SETTINGS,
  openSettingsStore,
  readSettings,
  mergeSettings,
  settingsSchema,
  settingsPatchSchema,
  type SettingsStore,
} from './settings.js';

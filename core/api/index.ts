export { createEngineApi, OPENABLE_EXTENSIONS, type Dialogs, type EngineApiOptions } from './engine-api.js';
export { dispatchApiCall, ARG_SCHEMAS } from './dispatch.js';
export { ApiError, describeIssues } from './errors.js';
export {
  DEFAULT_SETTINGS,
  openSettingsStore,
  readSettings,
  mergeSettings,
  settingsSchema,
  settingsPatchSchema,
  type SettingsStore,
} from './settings.js';

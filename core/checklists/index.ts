/**
 * Inspector checklists (phiếu kiểm tra): one printable A4 PDF per unit, made from the same
 * consolidation as the report and tied to it by the dataset code printed on every page.
 */
export {
  ChecklistError,
  ChecklistItem,
  ChecklistSettings,
  TeamMember,
  loadChecklistItems,
  parseChecklistItems,
  parseChecklistSettings,
} from './settings.js';
export { QR_PREFIX, checklistQrPayload, datasetCode } from './dataset-code.js';
export { unitChecklist, type FigureRow, type FigureSection, type FindingEntry, type UnitChecklist } from './model.js';
export { NO_RETURN_NOTE, TITLE as CHECKLIST_TITLE, dateLine } from './layout.js';
export {
  checklistFileName,
  renderChecklist,
  renderChecklists,
  type ChecklistBatch,
  type ChecklistFile,
  type ChecklistProgress,
  type RenderChecklistInput,
  type RenderChecklistsInput,
} from './render.js';

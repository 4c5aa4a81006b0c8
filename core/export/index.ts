export {
  buildConsolidatedWorkbook,
  SHEET_FINDINGS,
  SHEET_PROVINCE,
  SHEET_RATIOS,
  SHEET_SOURCES,
  STATUS_VN,
  TOTAL_LABEL,
  type ConsolidatedWorkbookOptions,
} from './consolidated-xlsx.js';
export { buildReturnPacket, parseCellRef, SEVERITY_ARGB, SHEET_FEEDBACK } from './packet.js';
export { safeText } from './excel.js';

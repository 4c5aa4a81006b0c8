export {
  buildConsolidatedWorkbook,
  SHEET_FILES,
  SHEET_FINDINGS,
  SHEET_PROVINCE,
  SHEET_RATIOS,
  SHEET_SOURCES,
  STATUS_VN,
  TOTAL_LABEL,
  TITLE_ROWS,
  type ConsolidatedWorkbookOptions,
} from './consolidated-xlsx.js';
export {
  buildReturnPacket,
  parseCellRef,
  SEVERITY_ARGB,
  SHEET_FEEDBACK,
  SHEET_REQUEST,
  type PacketRequest,
} from './packet.js';
export { safeText } from './excel.js';

/**
 * A small, safe, fast reader for `.xlsx` workbooks (read path only; exceljs writes).
 */
export { XlsxError, XLSX_ERROR_CODES, type XlsxErrorCode } from './errors.js';
export {
  DEFAULT_XLSX_LIMITS,
  columnLetters,
  getCell,
  mergeAt,
  parseRef,
  serialToIso,
  type XlsxCell,
  type XlsxCellType,
  type XlsxLimits,
  type XlsxMerge,
  type XlsxSheet,
  type XlsxWorkbook,
} from './model.js';
export { readWorkbook } from './read.js';
export { oleStreamNames, sniff, type Sniffed } from './sniff.js';
export { decodeExcelEscapes, isDateFormat, isPercentFormat } from './parts.js';

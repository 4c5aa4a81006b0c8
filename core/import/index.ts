/**
 * The return importer: workbook bytes → values with provenance and import findings.
 */
export { DEFAULT_IMPORT_LIMITS, parseReturn, type ImportContext, type ImportLimits } from './parse-return.js';
export {
  IMPORT_CHECKS,
  REJECTIONS,
  quoteRaw,
  type CellPlace,
  type InputPlace,
  type ValuePlace,
  type ImportCheckCode,
  type RejectionCode,
} from './checks.js';
export { foldLabel, normaliseCode } from './text.js';
export {
  provinceInputSlots,
  readProvinceInput,
  type ProvinceInputReading,
  type ProvinceInputSlot,
} from './province-input.js';
export { PROVINCES_RANKED, type Measure, type ValueCheck } from './values.js';
export { rejectedReturn, toImportContext, type SerializableContext } from './context.js';
export { createImportPool, poolSizeFor, type ImportPool, type ImportPoolOptions } from './pool.js';
export { importFiles, type ImportFilesOptions, type ImportInput } from './import-files.js';

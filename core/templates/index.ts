/**
 * Blank, pre-filled return workbooks (spec/return-form.md): one per unit and period.
 */
export { buildTemplate, writeTemplates, unitsInPeriod } from './write.js';
export type { SkippedUnit, WriteTemplatesRequest, WriteTemplatesResult } from './write.js';
export { renderReturn } from './skeleton.js';
export type { ReturnFill } from './skeleton.js';
export { loadExcelJs, numberFormat, templateMeta, GENERATOR, SHEET_PROTECTION } from './build.js';
export type { TemplateMeta } from './build.js';
export { cellMessages, guideParagraphs } from './guide.js';
export type { CellMessages } from './guide.js';
export * from './layout.js';

/**
 * The consolidated report: settings, editable template with live figures and footnotes,
 * and rendering to a PDF in the Vietnamese administrative format (Nghị định 30/2020).
 */
export {
  reportSettingsSchema,
  parseReportSettings,
  defaultReportSettings,
  formatPlaceDate,
  ReportSettingsError,
  type ReportSettings,
} from './settings.js';
export {
  reportTemplateSchema,
  parseReportTemplate,
  checkReportTemplate,
  type ReportTemplate,
  type ReportBlock,
} from './template.js';
export { defaultReportTemplate } from './default-template.js';
export { ReportTemplateError, parsePlaceholder, type Placeholder, type Segment } from './placeholders.js';
export { gapText } from './resolve.js';
export type { StampInput } from './document.js';
export {
  renderReport,
  resolveReportBody,
  reportAnnexes,
  reportGaps,
  assertGapsAccepted,
  ReportGapsError,
  type RenderReportInput,
  type RenderReportResult,
  type SignatureBox,
} from './render.js';
export { renderDataWarnings, listedWarnings, type RenderDataWarningsInput } from './warnings.js';

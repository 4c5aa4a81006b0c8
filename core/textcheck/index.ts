export { checkDocument, checkText } from './check.js';
export { headingRows, isColumnNumbers } from './check-tables.js';
export { sentences } from './segment.js';
export { tokenize, parseNumberText, type Token, type TokenKind, type NumberValue } from './tokens.js';
export type {
  DataFacts,
  DocFormat,
  DocParagraph,
  ParagraphWhere,
  TextCheckResult,
  TextDocument,
  TextFinding,
  TextFindingKind,
} from './types.js';
export { factsFromConsolidation, factsFromForm, type FactsInput } from './facts.js';
export { readDocument, readDocx, readPdf, readTxt, sniffFormat, TextReadError, type ReadOptions } from './read.js';
export {
  formatTextCheck,
  KIND_LABEL,
  SEVERITY_LABEL,
  textCheckJson,
  whereLabel,
  type TextCheckJson,
} from './report.js';

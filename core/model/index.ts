/**
 * The typed values that flow between the engine's stages:
 * workbook bytes → {@link ParsedReturn} → workspace → reconcile → report.
 */
import type { Scope, Severity, Tier } from '../form/types.js';

/** Where a value came from: the exact file and cell. */
export interface Provenance {
  /** File name as received (no folder). */
  file: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
  /** Sheet name as it is in the workbook. */
  sheet: string;
  /** A1 address ("E61"). */
  cell: string;
  /** The raw content seen: the number as stored, or the text as typed. */
  raw: string;
}

/** One indicator figure of one return. Blank cells produce no CellValue at all. */
export interface CellValue {
  code: string;
  /** In the indicator's own unit; percentages in percent units (37.36). */
  value: number;
  /** Decimals the stated value shows (for rounding-aware checks of stated percentages). */
  decimals: number;
  source: Provenance;
  /** Set when the clerk corrected the figure after confirming it with the unit (the file keeps the original). */
  corrected?: { from: number | null; note: string; confirmedWith: string; by: string; at: string };
}

/** The identity block of a return (sheet "Thông tin"). */
export interface ReturnIdentity {
  unitCode?: string;
  unitName?: string;
  period?: string;
  /** ISO yyyy-mm-dd when readable. */
  cutoff?: string;
  preparer?: string;
  phone?: string;
  head?: string;
  /** "CCHC-NQ08 2023.1" */
  formVersion?: string;
  /** Where each identity field was read. */
  sources: Partial<Record<'unitCode' | 'unitName' | 'period' | 'cutoff' | 'formVersion', Provenance>>;
}

export type FindingStatus = 'open' | 'explained' | 'fixed';

/** A value involved in a finding. */
export interface FindingValue {
  /** Indicator code, or a label for a computed quantity ("KL02 + … + KL07"). */
  code: string;
  value: number | null;
  source?: Provenance;
}

/**
 * Something that cannot be true or needs a person's attention.
 * `check` is the rule id (R01…) or a stable upper-case code (IMPORT_…, MISSING_…).
 */
export interface Finding {
  /** Stable across rebuilds: derived from check, scope, unit/tier and cells. */
  id: string;
  check: string;
  severity: Severity;
  scope: 'file' | 'unit' | Scope;
  unit?: string;
  tier?: Tier;
  /** File name, for import findings. */
  file?: string;
  values: FindingValue[];
  /** "X03.xlsx!Số liệu!E61" for each cell involved. */
  cells: string[];
  /** A Vietnamese sentence a clerk understands. */
  message: string;
  status: FindingStatus;
  note?: string;
}

/** Outcome of reading one file. */
export interface ParsedReturn {
  file: string;
  sha256: string;
  size: number;
  /** `rejected`: not readable as a return at all (see `rejection`). */
  status: 'parsed' | 'rejected';
  rejection?: { code: string; message: string };
  identity: ReturnIdentity;
  /** Kept values by indicator code. */
  values: Record<string, CellValue>;
  /**
   * Where each indicator row of the return was found with its value cell left blank
   * ("no figure", not zero): so that a completeness finding can name the cell to fill.
   */
  blanks?: Record<string, { sheet: string; cell: string }>;
  /** Import findings: bad cells, unknown codes, identity mismatches. */
  findings: Finding[];
}

/** "X03.xlsx!Số liệu!E61" */
export function cellRef(p: Pick<Provenance, 'file' | 'sheet' | 'cell'>): string {
  return `${p.file}!${p.sheet}!${p.cell}`;
}

/** A stable finding id from its parts. */
export function findingId(check: string, scopeKey: string, cells: string[]): string {
  return [check, scopeKey, ...cells].join('|');
}

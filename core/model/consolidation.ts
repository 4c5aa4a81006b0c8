/**
 * What reconciliation produces and every later stage (CLI JSON, consolidated workbook,
 * report, checklists) reads. The renderer never recomputes any of it.
 */
import type { Form, Scope, Severity, Tier } from '../form/types.js';
import type { Period } from '../period/index.js';
import type { Unit } from '../units/index.js';
import type { CellValue, Finding, FindingStatus, Provenance } from './index.js';

/** An additive total over the units that reported the figure. */
export interface Total {
  value: number;
  /** Units whose return gave this figure. */
  contributing: number;
  /** Units of the scope in the register. */
  of: number;
}

/** Σ numerator / Σ denominator over units that reported every figure both sides need. */
export interface RatioValue {
  /** Percent units, unrounded; null when no unit contributes or Σ denominator is 0. */
  value: number | null;
  num: number;
  den: number;
  contributing: number;
  of: number;
}

export type ScopeMap<T> = Record<Scope, Record<string, T>>;

export type TargetStatus = 'dat' | 'vuot' | 'chua-dat' | 'thieu-so-lieu';

export interface TierTargetResult {
  value: number | null;
  threshold: number;
  met: boolean | null;
}

export interface TargetResult {
  id: string;
  label: string;
  status: TargetStatus;
  /** Achieved value (percent units, or a rank); null when missing. For byTier targets: the province ratio. */
  value: number | null;
  op: '>=' | '<=';
  /** The resolution's threshold; null for byTier targets. */
  threshold: number | null;
  byTier?: Partial<Record<Tier, TierTargetResult>>;
  /** Tiers that did not meet their own threshold (byTier targets). */
  failingTiers?: Tier[];
  source: 'ratio' | 'input';
  unit: string;
}

export interface RuleStat {
  id: string;
  evaluated: number;
  passed: number;
  failed: number;
  /** Skipped because a referenced figure was blank or a division by zero: never "passed". */
  skipped: number;
  /** "S01", "tier:so", "province" — where it was skipped. */
  skippedAt: string[];
}

/** A figure the department enters itself at province level, with where it came from. */
export interface ProvinceInput {
  /** A target id (MT3, MT5, MT8, MT9) or an indicator code for a province total held elsewhere. */
  key: string;
  value: number;
  /** Where the figure comes from ("Quyết định số 123/QĐ-BNV ngày …"). */
  note: string;
  by: string;
  at: string;
}

/** How a user settled a finding. Keyed by finding id in the workspace. */
export interface FindingResolution {
  status: Exclude<FindingStatus, 'open'>;
  note: string;
  by: string;
  at: string;
}

/**
 * Where a unit's return stands at intake, for the documents that must say why a unit has no
 * figures: nothing received, only refused files (with a short reason each), or several
 * different files waiting for a choice.
 */
export interface UnitIntake {
  status: 'accepted' | 'missing' | 'rejected' | 'duplicate';
  /** For `rejected`: each refused file, a short reason ("tệp định dạng Excel 97-2003 (.xls)") and the full sentence. */
  refused?: { file: string; reason: string; message: string }[];
  /** For `duplicate`: the files waiting for a choice. */
  files?: string[];
}

/** Everything reconcile needs: the accepted returns of one period, and the department's inputs. */
export interface Dataset {
  period: Period;
  form: Form;
  units: Unit[];
  /** Accepted values per unit code; a unit with no usable return is absent. */
  values: Record<string, Record<string, CellValue>>;
  /** Findings raised while importing the accepted returns (bad cells, identity). */
  importFindings: Finding[];
  /** Per unit: the blank value cells of its accepted return (code → where), for completeness findings. */
  blanks?: Record<string, Record<string, Provenance>>;
  /** Per unit code: where its return stands (absent: a unit without values counts as `missing`). */
  intake?: Record<string, UnitIntake>;
  provinceInputs: ProvinceInput[];
  resolutions: Record<string, FindingResolution>;
  /** The same units' accepted values in an earlier period, when loaded. */
  previous?: { period: Period; values: Record<string, Record<string, CellValue>> };
}

export interface Consolidation {
  period: Period;
  form: Form;
  units: Unit[];
  values: Dataset['values'];
  totals: ScopeMap<Total>;
  ratios: ScopeMap<RatioValue>;
  targets: TargetResult[];
  /** Targets judged dat or vuot ("x/9 chỉ tiêu đạt và vượt"). */
  targetsMet: number;
  findings: Finding[];
  ruleStats: RuleStat[];
  /** Units with a usable return, per scope. */
  reporting: Record<Scope, { reported: number; of: number }>;
  provinceInputs: ProvinceInput[];
  /** Per unit code: where its return stands (see {@link UnitIntake}); absent when the dataset had none. */
  intake?: Record<string, UnitIntake>;
  /** SHA-256 of a canonical serialisation of the data: ties printouts to the exact data. */
  datasetHash: string;
}

/** Where a unit's return stands: from the intake when known, else from whether it has figures. */
export function intakeOf(c: Pick<Consolidation, 'intake' | 'values'>, unit: string): UnitIntake {
  return c.intake?.[unit] ?? (c.values[unit] ? { status: 'accepted' } : { status: 'missing' });
}

/**
 * The targets counted as they are: "4/9 chỉ tiêu đạt và vượt; 1 chỉ tiêu chưa đạt; 4 chỉ tiêu
 * chưa có số liệu để đánh giá" — a target without data is never counted as not met; a count of
 * zero is not said.
 */
export function targetsSentence(targets: readonly Pick<TargetResult, 'status'>[]): string {
  const n = (s: TargetStatus[]): number => targets.filter((t) => s.includes(t.status)).length;
  const met = n(['dat', 'vuot']);
  const unmet = n(['chua-dat']);
  const nodata = n(['thieu-so-lieu']);
  return [
    `${met}/${targets.length} chỉ tiêu đạt và vượt`,
    ...(unmet > 0 ? [`${unmet} chỉ tiêu chưa đạt`] : []),
    ...(nodata > 0 ? [`${nodata} chỉ tiêu chưa có số liệu để đánh giá`] : []),
  ].join('; ');
}

export function countErrorsOpen(findings: Finding[]): number {
  return findings.filter((f) => f.severity === 'error' && f.status === 'open').length;
}

export type { Severity };

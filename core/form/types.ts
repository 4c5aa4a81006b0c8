import type { Expr } from './expr.js';

export const TIERS = ['so', 'huyen', 'xa'] as const;
/** A level of local government: department (sở), district (huyện), commune (xã). */
export type Tier = (typeof TIERS)[number];
/** A consolidation scope: one tier, or the whole province. */
export type Scope = Tier | 'province';

export type IndicatorKind = 'count' | 'money' | 'days' | 'percent';

export interface Section {
  id: string;
  title: string;
}

export interface Indicator {
  code: string;
  section: string;
  label: string;
  /** The unit of measure shown to users ("người", "đồng", "%"). */
  unit: string;
  kind: IndicatorKind;
  /** The tiers whose units fill this indicator. */
  tiers: Tier[];
  /** `sum`: additive, totalled over units; `none`: stated per unit, never summed. */
  aggregate: 'sum' | 'none';
}

export interface Ratio {
  code: string;
  label: string;
  num: Expr;
  den: Expr;
  numSource: string;
  denSource: string;
  /** Every indicator either side needs. */
  refs: string[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface Rule {
  id: string;
  source: string;
  expr: Expr;
  severity: Severity;
  label: string;
  refs: string[];
}

export interface Target {
  id: string;
  label: string;
  /** Judged from a consolidated ratio… */
  ratio?: string;
  /** …or from a figure the department enters itself at province level. */
  input?: 'province';
  /** Unit of a province input ("%", "hạng"). */
  unit?: string;
  op: '>=' | '<=';
  /** One threshold for the province… */
  value?: number;
  /** …or one per tier, met only when every tier meets its own. */
  byTier?: Partial<Record<Tier, number>>;
}

/** A validated, parsed form definition. */
export interface Form {
  formId: string;
  version: string;
  tiers: Record<Tier, string>;
  sections: Section[];
  indicators: Indicator[];
  ratios: Ratio[];
  rules: Rule[];
  targets: Target[];
  indicatorByCode: ReadonlyMap<string, Indicator>;
  ratioByCode: ReadonlyMap<string, Ratio>;
}

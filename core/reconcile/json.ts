/**
 * The `totals`, `ratios`, `targets` and `findings` parts of `tonghop consolidate --json`
 * (spec: cli.md). The CLI adds `period`, `units` and `files`.
 */
import type { Scope, Severity, Tier } from '../form/index.js';
import type { FindingStatus } from '../model/index.js';
import type { Consolidation, TargetResult } from '../model/consolidation.js';

export interface ConsolidationJson {
  /** Additive indicators only; a total no unit reported is absent. */
  totals: Record<Scope, Record<string, number>>;
  /** Percent units, unrounded; null when the denominator summed to 0 or nobody reported. */
  ratios: Record<Scope, Record<string, number | null>>;
  /** Each target as judged, without where its figure came from. */
  targets: Omit<TargetResult, 'source'>[];
  targetsMet: number;
  findings: {
    id: string;
    check: string;
    severity: Severity;
    scope: string;
    unit?: string;
    tier?: Tier;
    file?: string;
    cells: string[];
    message: string;
    status: FindingStatus;
    note?: string;
  }[];
}

const SCOPES: Scope[] = ['province', 'so', 'huyen', 'xa'];

/** The JSON-ready result parts of a consolidation. */
export function consolidationToJson(c: Consolidation): ConsolidationJson {
  const totals = {} as ConsolidationJson['totals'];
  const ratios = {} as ConsolidationJson['ratios'];
  for (const s of SCOPES) {
    totals[s] = Object.fromEntries(Object.entries(c.totals[s]).map(([k, t]) => [k, t.value]));
    ratios[s] = Object.fromEntries(Object.entries(c.ratios[s]).map(([k, r]) => [k, r.value]));
  }
  return {
    totals,
    ratios,
    targets: c.targets.map((t) => ({
      id: t.id,
      label: t.label,
      status: t.status,
      value: t.value,
      op: t.op,
      threshold: t.threshold,
      unit: t.unit,
      ...(t.byTier ? { byTier: t.byTier } : {}),
      ...(t.failingTiers ? { failingTiers: t.failingTiers } : {}),
    })),
    targetsMet: c.targetsMet,
    findings: c.findings.map((f) => ({
      id: f.id,
      check: f.check,
      severity: f.severity,
      scope: f.scope,
      ...(f.unit !== undefined ? { unit: f.unit } : {}),
      ...(f.tier !== undefined ? { tier: f.tier } : {}),
      ...(f.file !== undefined ? { file: f.file } : {}),
      cells: f.cells,
      message: f.message,
      status: f.status,
      ...(f.note !== undefined ? { note: f.note } : {}),
    })),
  };
}

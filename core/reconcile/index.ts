/**
 * Reconciliation: from the accepted returns of one period to totals, ratios, targets and
 * findings (spec: reconciliation.md). Pure and synchronous.
 */
import type { Scope } from '../form/index.js';
import type { Finding } from '../model/index.js';
import type { Consolidation, Dataset, FindingResolution } from '../model/consolidation.js';
import { checkCompleteness, checkOutliers, checkPrevious, checkProvinceInputs } from './checks.js';
import { makeContext, unitValues, type Ctx, type NewFinding } from './context.js';
import { cumulativeIndicators } from './cumulative.js';
import { checkUnsafeSums, screenValues } from './guard.js';
import { datasetHash } from './hash.js';
import { runRules } from './rules.js';
import { judgeTargets } from './targets.js';
import { computeRatios, computeTotals } from './totals.js';

export { judgeStatedPercent, roundTo, truncateTo, type PercentVerdict } from './percent.js';
export { judge as judgeTarget } from './targets.js';
export { unitRatio } from './totals.js';
export { datasetHash } from './hash.js';
export { cumulativeIndicators } from './cumulative.js';
export { consolidationToJson, type ConsolidationJson } from './json.js';
export { withoutPlace } from './messages.js';
export { PERCENT_IMPRECISE, PERCENT_TRUNCATED } from './rules.js';
export { CHECK_FAILED, TOTAL_UNSAFE, UNUSABLE_VALUE } from './guard.js';
export {
  HELD_TOTAL_MISMATCH,
  MISSING_VALUE,
  OUTLIER,
  PREV_DECREASE,
  PREV_JUMP,
  UNKNOWN_PROVINCE_INPUT,
} from './checks.js';

export interface ReconcileOptions {
  /** A target is `vuot` when it beats its threshold by this share of it. Default 0.1. */
  vuotMargin?: number;
  /** |robust z| above which a unit's ratio is an outlier among its tier. Default 3.5. */
  outlierThreshold?: number;
  /** …and lies at least this many percentage points from the tier's median. Default 10. */
  outlierMinGap?: number;
  /** A figure that moved by more than this factor since the previous period is a warning. Default 3. */
  moveFactor?: number;
  /** Moves where both figures are below this are not judged. Default 10. */
  moveFloor?: number;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function orderKey(ctx: Ctx, f: Finding): number {
  if (f.unit !== undefined) return ctx.unitIndex.get(f.unit) ?? ctx.units.length;
  const tiers: Scope[] = ['so', 'huyen', 'xa', 'province'];
  const i = tiers.indexOf(f.scope as Scope);
  return ctx.units.length + 1 + (i < 0 ? tiers.length : i);
}

/** Findings are open unless the workspace holds a resolution; "explained" needs a note. */
function settle(f: NewFinding | Finding, resolutions: Record<string, FindingResolution>): Finding {
  const r = resolutions[f.id];
  const base: Finding = { ...f, status: 'status' in f ? f.status : 'open' };
  if (!r || (r.status === 'explained' && r.note.trim() === '')) return base;
  return { ...base, status: r.status, note: r.note };
}

/**
 * Reconcile one period's dataset: totals and Σ/Σ ratios per tier and for the province,
 * target verdicts, and every finding (rules, completeness, outliers, previous period,
 * held totals, plus the import findings passed in), with resolutions applied and sorted
 * errors first, then by unit in register order, then by check.
 */
export function reconcile(given: Dataset, opts: ReconcileOptions = {}): Consolidation {
  const found: NewFinding[] = [];
  const ds = screenValues(given, found);
  const ctx = makeContext(ds);
  const totals = computeTotals(ctx);
  const ratios = computeRatios(ctx);
  checkUnsafeSums(ctx, totals, ratios, found);

  const ruleStats = runRules(ctx, found);
  checkCompleteness(ctx, found);
  checkOutliers(ctx, opts.outlierThreshold ?? 3.5, opts.outlierMinGap ?? 10, found);
  checkPrevious(ctx, opts.moveFactor ?? 3, opts.moveFloor ?? 10, cumulativeIndicators(), found);
  checkProvinceInputs(ctx, totals, found);

  const seen = new Set<string>();
  const findings = [...ds.importFindings, ...found]
    .map((f) => settle(f, ds.resolutions))
    .filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        orderKey(ctx, a) - orderKey(ctx, b) ||
        a.check.localeCompare(b.check) ||
        a.id.localeCompare(b.id),
    );

  const targets = judgeTargets(ds.form.targets, ratios, ds.provinceInputs, ctx.tiers, opts.vuotMargin ?? 0.1);

  const reporting = {} as Consolidation['reporting'];
  for (const scope of ['so', 'huyen', 'xa', 'province'] as const) {
    const members = scope === 'province' ? ctx.units : ctx.tiers.includes(scope) ? ctx.byTier[scope] : [];
    reporting[scope] = { reported: members.filter((u) => unitValues(ctx, u) !== undefined).length, of: members.length };
  }

  return {
    period: ds.period,
    form: ds.form,
    units: ctx.units,
    values: ds.values,
    totals,
    ratios,
    targets,
    targetsMet: targets.filter((t) => t.status === 'dat' || t.status === 'vuot').length,
    findings,
    ruleStats,
    reporting,
    provinceInputs: ds.provinceInputs,
    ...(ds.intake ? { intake: ds.intake } : {}),
    datasetHash: datasetHash(ds),
  };
}
